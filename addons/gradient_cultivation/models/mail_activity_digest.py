"""The reviewers' daily digest: once a day each reviewer gets one e-mail listing the review
to-dos (mail.activity) assigned to them since the last digest, instead of finding them only in
the back office. Activities assigned by the user to themself are left out."""
from odoo import _, api, fields, models
from odoo.tools import html_escape

REVIEW_MODELS = ('cultivation.application', 'cultivation.monthly.report', 'cultivation.membership',
                 'cultivation.enterprise', 'cultivation.enterprise.claim')


class MailActivity(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'mail.activity'  # pylint: disable=consider-merging-classes-inherited

    gc_digest_sent = fields.Boolean(string='In a Digest', readonly=True, copy=False)

    @api.model
    def _cron_gc_review_digest(self):
        reviewer_groups = (self.env.ref('gradient_cultivation.group_territory_reviewer')
                           | self.env.ref('gradient_cultivation.group_joint_reviewer')
                           | self.env.ref('gradient_cultivation.group_bureau_reviewer'))
        activities = self.sudo().search([('gc_digest_sent', '=', False), ('res_model', 'in', REVIEW_MODELS),
                                         ('user_id.groups_id', 'in', reviewer_groups.ids)])
        by_user = {}
        for activity in activities:
            by_user.setdefault(activity.user_id, self.sudo().browse())
            by_user[activity.user_id] |= activity
        event = self.env['cultivation.notification.event']._gc_event('review_digest')
        if event and event.active and event.email:
            for user, todo in by_user.items():
                todo._gc_send_digest(user, event)
        activities.write({'gc_digest_sent': True})
        return len(by_user)

    def _gc_send_digest(self, user, event):
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url') or ''
        lines = []
        for activity in self.sorted('date_deadline'):
            url = '%s/web#model=%s&id=%d&view_type=form' % (base_url, activity.res_model, activity.res_id)
            lines.append('<li><a href="%s">%s</a>: %s (%s)</li>' % (
                html_escape(url), html_escape(activity.res_name or ''), html_escape(activity.summary or activity.activity_type_id.name or ''),
                html_escape(_('due %(date)s') % {'date': activity.date_deadline})))
        body = '<p>%s</p><ul>%s</ul>' % (html_escape(_('%(name)s, you have %(count)d new review to-dos:') % {
            'name': user.name, 'count': len(self)}), ''.join(lines))
        self.env['mail.mail'].sudo().with_context(gc_notification_event=event.name).create({
            'subject': _('Review to-dos: %(count)d new') % {'count': len(self)},
            'body_html': body, 'recipient_ids': [(6, 0, user.partner_id.ids)],
            'email_from': self.env.user.company_id.email or self.env.ref('base.partner_root').email or False,
            'auto_delete': True})
