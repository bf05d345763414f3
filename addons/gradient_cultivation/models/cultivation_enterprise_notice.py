from odoo import api, models


class CultivationEnterpriseNotice(models.AbstractModel):
    """Notices to the enterprise a record belongs to (its `enterprise_id`): a chatter comment for
    its portal users and, with a template, the e-mail. Shared by applications, memberships and
    monthly reports."""
    _name = 'cultivation.enterprise.notice'
    _description = 'Notices to an Enterprise'

    @api.multi
    def _notify_enterprise(self, body, template=None):
        self.ensure_one()
        partners = self.enterprise_id.sudo().user_ids.mapped('partner_id')
        record = self.sudo()  # the notice is part of the workflow step, whoever may read the record
        if template:
            # A comment, not a notification: the portal's message list shows comments only.
            record.message_post_with_template(
                self.env.ref(template).id, composition_mode='comment', partner_ids=[(6, 0, partners.ids)],
                author_id=self.env.user.partner_id.id, message_type='comment',
                subtype_id=self.env.ref('mail.mt_comment').id)
        else:
            record.message_post(body=body, partner_ids=partners.ids, subtype='mail.mt_comment',
                                message_type='comment', author_id=self.env.user.partner_id.id)
