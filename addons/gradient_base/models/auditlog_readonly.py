from odoo import SUPERUSER_ID, _, api, fields, models
from ..grants import granted, is_granted
from odoo.exceptions import AccessError
from odoo.http import request


class AuditlogHttpRequest(models.Model):
    """The audit log says from which address a change came (behind the proxy, proxy_mode makes
    this the client's address)."""
    _inherit = 'auditlog.http.request'

    remote_addr = fields.Char(string='IP Address', readonly=True)

    @api.model
    def create(self, vals):
        if request and request.httprequest and not vals.get('remote_addr'):
            vals = dict(vals, remote_addr=request.httprequest.remote_addr)
        return super(AuditlogHttpRequest, self).create(vals)


class AuditReadOnly(models.AbstractModel):
    """Audit logs are evidence: nobody edits or deletes them, administrators included. Only the
    retention job (auditlog's autovacuum) removes logs past their age."""
    _name = 'gradient.audit.readonly'
    _description = 'Read-only Audit Records'

    @api.multi
    # lint: audit logs refuse every write: nothing of the layer below may run
    def write(self, vals):  # pylint: disable=method-required-super
        raise AccessError(_('Audit logs are read-only.'))

    @api.multi
    def unlink(self):
        # Only the retention job deletes, under a grant of its own call: a context key would let
        # any RPC client that may unlink say it is the retention job (issue 14, finding 3).
        if not is_granted('unlink', self._name, self.ids):
            raise AccessError(_('Audit logs cannot be deleted.'))
        return super(AuditReadOnly, self).unlink()


class AuditlogLog(models.Model):
    _name = 'auditlog.log'
    _inherit = ['auditlog.log', 'gradient.audit.readonly']

    remote_addr = fields.Char(related='http_request_id.remote_addr', string='IP Address', readonly=True)

    @api.model
    def create(self, vals):
        # Workflow steps write as superuser (sudo); the log names the user of the request who
        # triggered them, not the superuser.
        if request and request.uid and vals.get('user_id') == SUPERUSER_ID and request.uid != SUPERUSER_ID:
            vals = dict(vals, user_id=request.uid)
        return super(AuditlogLog, self).create(vals)


class AuditlogLogLine(models.Model):
    _name = 'auditlog.log.line'
    _inherit = ['auditlog.log.line', 'gradient.audit.readonly']


# lint: auditlog.autovacuum is OCA's transient cron model, no wizard; extended beside the audit glue
class AuditlogAutovacuum(models.TransientModel):  # pylint: disable=no-wizard-in-models
    _inherit = 'auditlog.autovacuum'

    @api.model
    def autovacuum(self, days):
        with granted('unlink', 'auditlog.log', None), granted('unlink', 'auditlog.log.line', None):
            return super(AuditlogAutovacuum, self).autovacuum(days)


class AuditlogRule(models.Model):
    _inherit = 'auditlog.rule'

    def get_auditlog_fields(self, model):
        """The stored fields, less the chatter's own bookkeeping (followers, activities: noise
        in an audit trail), one2many fields (their lines are records of their own, logged with
        their parent's id when they are created, changed or deleted; reading every line's id
        before and after each write cost one query per one2many) and the fields the acting user
        may not read (an enterprise creating its application on the portal must not fail on a
        back-office-only field)."""
        names = super(AuditlogRule, self).get_auditlog_fields(model)
        fields_ = model._fields
        return [
            name for name in names
            if not name.startswith(('message_', 'activity_', 'website_message'))
            and fields_[name].type != 'one2many'
            and (not fields_[name].groups or model.user_has_groups(fields_[name].groups))
        ]

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        """auditlog keeps no values on a deletion; the audit trail keeps the record's last
        values, one line per field, as old values."""
        res = super(AuditlogRule, self).create_logs(
            uid, res_model, res_ids, method, old_values, new_values, additional_log_values)
        if method == 'unlink' and old_values:
            logs = self.env['auditlog.log'].search([
                ('model_id.model', '=', res_model), ('res_id', 'in', list(res_ids)),
                ('method', '=', 'unlink'), ('line_ids', '=', False)])
            for log in logs:
                values = old_values.get(log.res_id) or {}
                self._create_log_line_on_read(log, [name for name in values if name != 'id'], old_values)
        return res
