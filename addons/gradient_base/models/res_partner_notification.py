"""Who may be reached how: a mainland mobile number for SMS (checked where it is entered), and
the person's choice not to receive optional SMS notices. E-mail notices follow Odoo's own
choice on the person (notify_email)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .gradient_notification_log import normalize_mobile


class ResPartner(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.partner'  # pylint: disable=consider-merging-classes-inherited

    gc_sms_opt_out = fields.Boolean(string='No SMS Notices',
                                    help='Receives no optional SMS notices (reminders); decisions and deadlines the '
                                         'rules require are still sent.')

    @api.constrains('mobile')
    def _check_gc_mobile(self):
        for partner in self:
            if partner.mobile and not normalize_mobile(partner.mobile):
                raise ValidationError(_('Mobile: "%(value)s" is not a mainland mobile number; enter 11 digits '
                                        'starting with 13 to 19, e.g. 13800000000 (+86 may precede it).')
                                      % {'value': partner.mobile})

    @api.multi
    def _notify(self, message, force_send=False, send_after_commit=True, user_signature=True):
        """Notification e-mails always wait in the mail queue, sent by its cron job every minute:
        Odoo would send up to 50 of them inside the user's request, which then waits on the
        mail server (or fails with it)."""
        return super(ResPartner, self)._notify(message, force_send=False, send_after_commit=send_after_commit,
                                               user_signature=user_signature)


class ResUsers(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.users'  # pylint: disable=consider-merging-classes-inherited

    gc_sms_opt_out = fields.Boolean(related='partner_id.gc_sms_opt_out', readonly=False, string='No SMS Notices')

    @classmethod
    def _build_model(cls, pool, cr):
        """Users may change their own SMS choice in their preferences."""
        ModelCls = super(ResUsers, cls)._build_model(pool, cr)
        ModelCls.SELF_WRITEABLE_FIELDS = list(ModelCls.SELF_WRITEABLE_FIELDS) + ['gc_sms_opt_out']
        ModelCls.SELF_READABLE_FIELDS = list(ModelCls.SELF_READABLE_FIELDS) + ['gc_sms_opt_out']
        return ModelCls
