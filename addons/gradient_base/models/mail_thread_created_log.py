from odoo import _, api, models


class MailThread(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'mail.thread'  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, body='', *args, **kwargs):
        return super(MailThread, self).message_post(self._gc_localized_created_log(body), *args, **kwargs)

    def _gc_localized_created_log(self, body):
        """mail.thread.create logs "<model> created" with ``_()``, which finds the user's language,
        but reads the model's name in the environment's, which has none when data files or
        scheduled jobs create records: the chatters said "Application Call 创建" (issue 19). The
        model's name is given in the user's language too."""
        if not isinstance(body, str) or self.env.context.get('lang') or not body:
            return body
        lang = self.env.user.lang
        if not lang or lang == 'en_US':
            return body
        model = self.env['ir.model']._get(self._name)
        english = model.name
        if body != _('%s created') % english:
            return body
        return _('%s created') % model.with_context(lang=lang).name
