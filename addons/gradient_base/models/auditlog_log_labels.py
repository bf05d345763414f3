from odoo import _, api, fields, models


class AuditlogRule(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'auditlog.rule'  # pylint: disable=consider-merging-classes-inherited

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        # A log keeps the record's name as it was: in the acting user's language, also when the
        # change came from a data file or a scheduled job, whose context names none (the audit
        # log listed the demo's tiers as "Little Giant ...", issue 19).
        rule = self
        if not self.env.context.get('lang'):
            rule = self.with_context(lang=self.env['res.users'].sudo().browse(uid).lang or self.env.user.lang)
        return super(AuditlogRule, rule).create_logs(uid, res_model, res_ids, method, old_values=old_values,
                                                     new_values=new_values,
                                                     additional_log_values=additional_log_values)


class AuditlogLog(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'auditlog.log'  # pylint: disable=consider-merging-classes-inherited

    method_label = fields.Char(string='Operation', compute='_compute_method_label',
                               help='What was done to the record (auditlog stores the method name).')

    @api.depends('method')
    def _compute_method_label(self):
        labels = {'create': _('Record created'), 'write': _('Record changed'), 'unlink': _('Record deleted'),
                  'read': _('Record read')}
        for log in self:
            log.method_label = labels.get(log.method, log.method)
