from odoo import api, models


class CultivationEnterpriseNotice(models.AbstractModel):
    """Notices to the enterprise a record belongs to (its `enterprise_id`): a chatter comment for
    its portal users and, with a template, the e-mail. Shared by applications, memberships and
    monthly reports. With an ``event``, the event's notification settings decide whether the
    comment is also e-mailed and who else is told on which channel (cultivation.notification.event)."""
    _name = 'cultivation.enterprise.notice'
    _description = 'Notices to an Enterprise'

    @api.multi
    def _enterprise_partners(self):
        self.ensure_one()
        return self.enterprise_id.sudo().user_ids.mapped('partner_id')

    @api.multi
    def _notify_enterprise(self, body, template=None, event=None, params=None):
        self.ensure_one()
        partners = self._enterprise_partners()
        record = self.sudo()  # the notice is part of the workflow step, whoever may read the record
        Event = self.env['cultivation.notification.event']
        if event and Event._gc_event(event) and not Event._gc_sends_email(event):
            # e-mail switched off for this event: the notice stays in the chatter only
            partners = self.env['res.partner']
        if template:
            # A comment, not a notification: the portal's message list shows comments only.
            record.with_context(gc_notification_event=event and Event._gc_event(event).name or False) \
                .message_post_with_template(
                    self.env.ref(template).id, composition_mode='comment', partner_ids=[(6, 0, partners.ids)],
                    author_id=self.env.user.partner_id.id, message_type='comment',
                    subtype_id=self.env.ref('mail.mt_comment').id)
        else:
            record.with_context(gc_notification_event=event and Event._gc_event(event).name or False) \
                .message_post(body=body, partner_ids=partners.ids, subtype='mail.mt_comment',
                              message_type='comment', author_id=self.env.user.partner_id.id)
        if event:
            Event._gc_fire(event, self, self._enterprise_partners(), params, email_done=True)
