"""SMS templates: the Chinese text of each kind of message, with the template id each gateway
approved for it. A gateway sends its own approved copy of the text with our parameters; the
text here is what the log, the development gateway and the e-mail show."""
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PLACEHOLDER = re.compile(r'\$\{([a-z_][a-z0-9_]*)\}')


class GradientSmsTemplate(models.Model):
    _name = 'gradient.sms.template'
    _description = 'SMS Template'
    _order = 'name'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help='Technical key of the template.')
    body = fields.Text(required=True, translate=True,
                       help='The text, with parameters as ${name}; the same parameters as the gateways\' templates.')
    sign_name = fields.Char(string='Signature Name', help='Empty: the gateway\'s signature name.')
    aliyun_template_code = fields.Char(string='Alibaba Cloud Template Code', help='e.g. SMS_123456789')
    tencent_template_id = fields.Char(string='Tencent Cloud Template ID', help='e.g. 1234567; parameters in the '
                                                                                 'order they appear in the text.')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_unique', 'unique(code)', 'An SMS template with this code exists already.')]

    @api.constrains('body')
    def _check_body(self):
        for template in self:
            if len(template.body or '') > 300:
                raise ValidationError(_('Text: at most 300 characters (an SMS of several parts).'))

    def _param_names(self):
        self.ensure_one()
        names = []
        for name in PLACEHOLDER.findall(self.with_context(lang='zh_CN').body or ''):
            if name not in names:
                names.append(name)
        return names

    def _render(self, params):
        self.ensure_one()
        return PLACEHOLDER.sub(lambda match: str(params.get(match.group(1), '')), self.body or '')
