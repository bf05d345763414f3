"""The mail routes that took more from the client than their screens send (issue 14, findings 4
and 5, their class)."""
from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.main import MailController
from odoo.addons.portal.controllers.mail import PortalChatter


class GradientPortalChatter(PortalChatter):

    @http.route()
    def portal_chatter_post(self, res_model, res_id, message, **kw):
        # Odoo passes every other form field on to message_post (message_type, subtype,
        # email_from, partner_ids…): a portal user posted "system" notes in others' names. The
        # composer sends a message and, on public links, the record's token: only that goes on.
        kept = {'token': kw['token']} if kw.get('token') else {}
        return super(GradientPortalChatter, self).portal_chatter_post(res_model, res_id, message, **kept)


class GradientMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        # Odoo checks the records of the followers against the model the client names: followers
        # of another model's records were listed by naming a model the user reads.
        followers = request.env['mail.followers'].sudo().browse(follower_ids).exists()
        if any(follower.res_model != res_model for follower in followers):
            request.env['mail.followers']._gc_refuse_reading()
        return super(GradientMailController, self).read_followers(followers.ids, res_model)
