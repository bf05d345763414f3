"""SMS gateways (Settings > 通知 > 短信通道): Alibaba Cloud SMS, Tencent Cloud SMS, and a
development gateway that only keeps the messages (the queue shows them as sent).

The first active provider (by sequence) sends. Its AccessKey secret / SecretKey is written
here and never read back: every read, export and audit line shows it masked, administrators
included; only the sending code reads the stored value."""
import json
import logging
import time
import uuid
from urllib.parse import urlsplit

import requests

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError

from .gradient_sms_signing import (ALIYUN_SMS_VERSION, TENCENT_JSON, TENCENT_SMS_VERSION, aliyun_rpc_signature,
                                   tencent_authorization)

_logger = logging.getLogger(__name__)
MASK = '******'
HTTP_TIMEOUT = 15
DEFAULT_ENDPOINTS = {
    'aliyun': 'https://dysmsapi.aliyuncs.com/',
    'tencent': 'https://sms.tencentcloudapi.com/',
}


class SmsDeliveryError(Exception):
    """The gateway did not accept a message; ``message`` is kept on the queue entry."""


class GradientSmsProvider(models.Model):
    _name = 'gradient.sms.provider'
    _description = 'SMS Gateway'
    _order = 'sequence, id'

    name = fields.Char(required=True)
    kind = fields.Selection([('development', 'Development (keeps the messages)'),
                             ('aliyun', 'Alibaba Cloud SMS'),
                             ('tencent', 'Tencent Cloud SMS')], string='Gateway', required=True,
                            default='development')
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10, help='The first active gateway sends.')
    access_key_id = fields.Char(string='AccessKey ID / SecretId')
    access_key_secret = fields.Char(string='AccessKey Secret / SecretKey', copy=False,
                                    help='Written here, never shown again (masked in forms, exports and the audit log).')
    sign_name = fields.Char(string='Signature Name', help='The SMS signature approved by the gateway, e.g. 西安高新区.')
    sdk_app_id = fields.Char(string='SDK App ID', help='Tencent Cloud only: the SmsSdkAppId of the SMS application.')
    region = fields.Char(help='Alibaba Cloud: cn-hangzhou; Tencent Cloud: ap-guangzhou (the default when empty).')
    endpoint = fields.Char(help='Empty: the gateway\'s public endpoint. Set only for a private gateway address.')
    rate_limit = fields.Integer(string='Messages per Number per Hour', default=5, required=True,
                                help='More messages to one number within an hour wait in the queue.')
    max_attempts = fields.Integer(string='Attempts', default=4, required=True,
                                  help='A message the gateway refuses this many times is marked failed.')
    retry_minutes = fields.Integer(string='First Retry after (minutes)', default=5, required=True,
                                   help='Each further retry waits twice as long.')

    @api.constrains('rate_limit', 'max_attempts', 'retry_minutes')
    def _check_limits(self):
        for provider in self:
            if provider.rate_limit < 1 or provider.max_attempts < 1 or provider.retry_minutes < 1:
                raise ValidationError(_('Messages per number per hour, attempts and the first retry must each be at '
                                        'least 1.'))

    @api.constrains('endpoint')
    def _check_endpoint(self):
        for provider in self:
            if provider.endpoint and urlsplit(provider.endpoint).scheme not in ('http', 'https'):
                raise ValidationError(_('Endpoint: enter an address starting with https:// (or http:// for a local '
                                        'test gateway).'))

    # ------------------------------------------------------------------ the secret, write-only
    @api.multi
    def read(self, fields=None, load='_classic_read'):
        result = super(GradientSmsProvider, self).read(fields=fields, load=load)
        for row in result:
            if row.get('access_key_secret'):
                row['access_key_secret'] = MASK
        return result

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        result = super(GradientSmsProvider, self).export_data(fields_to_export, raw_data=raw_data)
        names = [name.replace('/', '.') for name in fields_to_export]
        if 'access_key_secret' in names:
            column = names.index('access_key_secret')
            for row in result.get('datas', []):
                if row[column]:
                    row[column] = MASK
        return result

    @staticmethod
    def _drop_masked_secret(vals):
        # a form saved with the masked value keeps the stored secret
        if vals.get('access_key_secret') == MASK:
            vals.pop('access_key_secret')
        return vals

    @api.model
    def create(self, vals):
        return super(GradientSmsProvider, self).create(self._drop_masked_secret(dict(vals)))

    @api.multi
    def write(self, vals):
        return super(GradientSmsProvider, self).write(self._drop_masked_secret(dict(vals)))

    def _secret(self):
        self.ensure_one()
        self.env.cr.execute('SELECT access_key_secret FROM gradient_sms_provider WHERE id = %s', (self.id,))
        return (self.env.cr.fetchone() or [''])[0] or ''

    # ------------------------------------------------------------------ sending
    @api.model
    def _current(self):
        return self.sudo().search([], limit=1)

    @api.multi
    def _send(self, message):
        """Hands one queued message to the gateway; returns the gateway's id of the message or
        raises SmsDeliveryError with the gateway's answer."""
        self.ensure_one()
        if self.kind == 'development':
            return 'dev-%s' % uuid.uuid4().hex[:16]
        method = getattr(self, '_send_%s' % self.kind)
        try:
            return method(message)
        except requests.RequestException as error:
            raise SmsDeliveryError(_('The gateway did not answer: %(error)s') % {'error': error})

    def _endpoint(self):
        return self.endpoint or DEFAULT_ENDPOINTS[self.kind]

    def _send_aliyun(self, message):
        params = {
            'AccessKeyId': self.access_key_id or '',
            'Action': 'SendSms',
            'Format': 'JSON',
            'PhoneNumbers': message.phone,
            'RegionId': self.region or 'cn-hangzhou',
            'SignName': message.template_id.sign_name or self.sign_name or '',
            'SignatureMethod': 'HMAC-SHA1',
            'SignatureNonce': uuid.uuid4().hex,
            'SignatureVersion': '1.0',
            'TemplateCode': message.template_id.aliyun_template_code or '',
            'TemplateParam': json.dumps(message._params(), ensure_ascii=False, sort_keys=True),
            'Timestamp': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
            'Version': ALIYUN_SMS_VERSION,
        }
        params['Signature'] = aliyun_rpc_signature(params, self._secret())
        response = requests.get(self._endpoint(), params=params, timeout=HTTP_TIMEOUT)
        try:
            answer = response.json()
        except ValueError:
            raise SmsDeliveryError(_('The gateway answered HTTP %(status)s without JSON.') % {'status': response.status_code})
        if answer.get('Code') != 'OK':
            raise SmsDeliveryError('%s: %s' % (answer.get('Code'), answer.get('Message')))
        return answer.get('BizId') or answer.get('RequestId')

    def _send_tencent(self, message):
        template = message.template_id
        body = {
            'PhoneNumberSet': ['+86' + message.phone],
            'SmsSdkAppId': self.sdk_app_id or '',
            'SignName': template.sign_name or self.sign_name or '',
            'TemplateId': template.tencent_template_id or '',
            'TemplateParamSet': [str(message._params().get(name, '')) for name in template._param_names()],
        }
        payload = json.dumps(body, ensure_ascii=False).encode('utf-8')
        url = self._endpoint()
        host = urlsplit(url).netloc
        timestamp = int(time.time())
        headers = {
            'Authorization': tencent_authorization(self.access_key_id or '', self._secret(), 'sms', host, payload,
                                                   timestamp),
            'Content-Type': TENCENT_JSON,
            'Host': host,
            'X-TC-Action': 'SendSms',
            'X-TC-Timestamp': str(timestamp),
            'X-TC-Version': TENCENT_SMS_VERSION,
            'X-TC-Region': self.region or 'ap-guangzhou',
        }
        response = requests.post(url, data=payload, headers=headers, timeout=HTTP_TIMEOUT)
        try:
            answer = response.json().get('Response', {})
        except ValueError:
            raise SmsDeliveryError(_('The gateway answered HTTP %(status)s without JSON.') % {'status': response.status_code})
        if answer.get('Error'):
            raise SmsDeliveryError('%s: %s' % (answer['Error'].get('Code'), answer['Error'].get('Message')))
        status = (answer.get('SendStatusSet') or [{}])[0]
        if status.get('Code') != 'Ok':
            raise SmsDeliveryError('%s: %s' % (status.get('Code'), status.get('Message')))
        return status.get('SerialNo') or answer.get('RequestId')

    @api.multi
    def action_send_test(self):
        """Queues a test message to the administrator's own mobile number."""
        self.ensure_one()
        # a method call over RPC reads nothing of the record: check the caller's right explicitly
        self.check_access_rights('write')
        self.check_access_rule('write')
        partner = self.env.user.partner_id
        template = self.env.ref('gradient_base.sms_template_test')
        message = self.env['gradient.notification.log']._gc_queue_sms(
            partner, template, {'name': partner.name}, record=self, event=_('Test message'), optional=False)
        if message and message.state == 'queued':
            message.sudo(SUPERUSER_ID).write({'provider_id': self.id})
        return True
