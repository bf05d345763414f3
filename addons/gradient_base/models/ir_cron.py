from odoo import api, models


class IrCron(models.Model):
    _inherit = 'ir.cron'

    @api.model
    def _callback(self, cron_name, server_action_id, job_id):
        """Scheduled jobs run without a language in their context: what they write for people
        (the "月度填报 创建" line of a report the monthly job opens, reminders, to-dos) then mixed
        English names into Chinese text. They work in the language of the job's user."""
        lang = self.env.user.lang
        if lang and not self.env.context.get('lang'):
            self = self.with_context(lang=lang)
        return super(IrCron, self)._callback(cron_name, server_action_id, job_id)
