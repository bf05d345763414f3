from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    gc_report_open_day = fields.Integer(
        string='Reports Open On Day', config_parameter='gradient_cultivation.report_open_day', default=25,
        help="The day of the month from which the month's reports are open for the members.")
    gc_report_deadline_day = fields.Integer(
        string='Deadline Day of the Next Month', config_parameter='gradient_cultivation.report_deadline_day',
        default=10, help='A report not submitted by this day of the next month is overdue.')
    gc_report_reminder_days = fields.Integer(
        string='Remind Every (Days)', config_parameter='gradient_cultivation.report_reminder_days', default=3)
    gc_report_unusual_factor = fields.Float(
        string='Unusual Figure Factor', config_parameter='gradient_cultivation.report_unusual_factor', default=3.0,
        help='A figure more than this many times above or below the median of the last six months must be '
             'confirmed by the enterprise.')

    @api.constrains('gc_report_open_day', 'gc_report_deadline_day', 'gc_report_reminder_days',
                    'gc_report_unusual_factor')
    def _check_reporting_settings(self):
        for settings in self:
            if not 1 <= settings.gc_report_open_day <= 28:
                raise ValidationError(_('Reports Open On Day: enter a day between 1 and 28.'))
            if not 1 <= settings.gc_report_deadline_day <= 28:
                raise ValidationError(_('Deadline Day of the Next Month: enter a day between 1 and 28.'))
            if not 1 <= settings.gc_report_reminder_days <= 31:
                raise ValidationError(_('Remind Every (Days): enter a number of days between 1 and 31.'))
            if settings.gc_report_unusual_factor <= 1:
                raise ValidationError(_('Unusual Figure Factor: enter a number above 1.'))
