"""SMS: the two gateways' signatures (documented example and a local gateway recomputing them),
the queue with its retries, the rate limit, opt-out, the phone check, the masked secret, and
who may touch any of it."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from ..models.gradient_sms_provider import MASK
from ..models.gradient_sms_signing import aliyun_rpc_signature
from .sms_gateways import AliyunGateway, TencentGateway


class TestSmsSigning(SavepointCase):

    def test_aliyun_documented_example(self):
        """Alibaba Cloud's signature document signs DescribeRegions with AccessKeyId testid and
        secret testsecret; both of its published values come out (Timestamp / TimeStamp spelling)."""
        params = {'AccessKeyId': 'testid', 'Action': 'DescribeRegions', 'Format': 'XML',
                  'SignatureMethod': 'HMAC-SHA1', 'SignatureNonce': '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
                  'SignatureVersion': '1.0', 'Version': '2014-05-26'}
        self.assertEqual(aliyun_rpc_signature(dict(params, Timestamp='2016-02-23T12:46:24Z'), 'testsecret'),
                         'OLeaidS1JvxuMvnyHOwuJ+uX5qY=')
        self.assertEqual(aliyun_rpc_signature(dict(params, TimeStamp='2016-02-23T12:46:24Z'), 'testsecret'),
                         'CT9X0VtwR86fNWSnsc6v8YGOjuE=')

    def test_aliyun_percent_encoding(self):
        """Spaces, '*' and '~' and Chinese text are encoded as the RPC signature requires: a
        server using + for spaces would compute another signature."""
        from ..models.gradient_sms_signing import aliyun_percent
        self.assertEqual(aliyun_percent('a b*c~'), 'a%20b%2Ac~')
        self.assertEqual(aliyun_percent('高新'), '%E9%AB%98%E6%96%B0')


class SmsCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(SmsCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN', no_reset_password=True))
        cls.env['gradient.sms.provider'].search([]).write({'active': False})
        cls.template = cls.env['gradient.sms.template'].create({
            'name': 'Reminder', 'code': 'test_reminder', 'body': '${name}：请于${deadline}前提交月报。',
            'aliyun_template_code': 'SMS_100001', 'tencent_template_id': '200001', 'sign_name': '西安高新区'})
        cls.partner = cls.env['res.partner'].create({'name': '张三', 'mobile': '+86 138-0013-8000'})
        cls.Log = cls.env['gradient.notification.log']
        cls.Message = cls.env['gradient.sms.message']

    def _provider(self, **vals):
        values = {'name': 'Gateway', 'kind': 'development', 'max_attempts': 3, 'retry_minutes': 5}
        values.update(vals)
        return self.env['gradient.sms.provider'].create(values)

    def _queue(self, partner=None, optional=True):
        return self.Log._gc_queue_sms(partner or self.partner, self.template,
                                      {'name': '张三', 'deadline': '2026-12-10'}, record=self.partner,
                                      event='test', optional=optional)

    def _run_queue(self, later_minutes=0):
        """The cron job, as it would run ``later_minutes`` from now (a retry's wait passed)."""
        if later_minutes:
            self.Message.search([('state', '=', 'queued')]).write({'next_attempt': fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) - timedelta(seconds=1))})
        return self.Message._cron_send_queue()


class TestSmsQueue(SmsCase):

    def test_development_gateway_keeps_the_message(self):
        self._provider()
        message = self._queue()
        self.assertEqual(message.state, 'queued', 'queued, not sent in the request that made it')
        self.assertEqual(message.phone, '13800138000')
        self.assertEqual(message.body, '张三：请于2026-12-10前提交月报。')
        self._run_queue()
        self.assertEqual(message.state, 'sent')
        self.assertTrue(message.provider_ref.startswith('dev-'))
        self.assertEqual(message.log_id.state, 'sent')
        self.assertEqual(message.log_id.recipient, '13800138000')
        note = self.partner.message_ids[:1]
        self.assertIn('13800138000', note.body, 'the delivery is kept in the record\'s chatter')

    def test_aliyun_signed_request_accepted(self):
        with AliyunGateway('LTAI-test', 'aliyun-secret') as gateway:
            self._provider(kind='aliyun', endpoint=gateway.url, access_key_id='LTAI-test',
                           access_key_secret='aliyun-secret', sign_name='高新区')
            message = self._queue()
            self._run_queue()
        self.assertEqual(gateway.refused, [])
        self.assertEqual(gateway.received, [{'phone': '13800138000', 'sign_name': '西安高新区', 'template': 'SMS_100001',
                                             'params': {'name': '张三', 'deadline': '2026-12-10'}}])
        self.assertEqual((message.state, message.provider_ref), ('sent', 'biz-1'))

    def test_tencent_signed_request_accepted(self):
        with TencentGateway('AKID-test', 'tencent-secret') as gateway:
            self._provider(kind='tencent', endpoint=gateway.url, access_key_id='AKID-test',
                           access_key_secret='tencent-secret', sdk_app_id='1400000001')
            message = self._queue()
            self._run_queue()
        self.assertEqual(gateway.refused, [])
        self.assertEqual(gateway.received, [{'phone': '+8613800138000', 'sign_name': '西安高新区', 'template': '200001',
                                             'params': ['张三', '2026-12-10'], 'app': '1400000001'}])
        self.assertEqual((message.state, message.provider_ref), ('sent', 'serial-1'))

    def test_wrong_secret_retried_then_failed(self):
        """A gateway that refuses the signature: retried with a growing wait, then failed,
        shown failed in the log and to administrators; queued again by an administrator."""
        for gateway_class, kind in ((AliyunGateway, 'aliyun'), (TencentGateway, 'tencent')):
            with gateway_class('KEY', 'right-secret') as gateway:
                provider = self._provider(kind=kind, endpoint=gateway.url, access_key_id='KEY',
                                          access_key_secret='wrong-secret', sdk_app_id='1')
                message = self._queue()
                message.provider_id = provider
                self._run_queue()
                self.assertEqual((message.state, message.attempts), ('queued', 1))
                self.assertIn('Signature', message.last_error)
                wait = fields.Datetime.from_string(message.next_attempt) - fields.Datetime.from_string(
                    fields.Datetime.now())
                self.assertTrue(timedelta(minutes=4) < wait <= timedelta(minutes=5), wait)
                self.assertEqual(self._run_queue(), 0, 'not retried before its wait is over')
                self._run_queue(later_minutes=5)
                self.assertEqual((message.state, message.attempts), ('queued', 2))
                self._run_queue(later_minutes=10)
                self.assertEqual((message.state, message.attempts), ('failed', 3))
                self.assertEqual(message.log_id.state, 'failed')
                self.assertIn('Signature', message.log_id.error)
                self.assertEqual(len(gateway.refused), 3)
                self.assertEqual(gateway.received, [])
                # the administrator fixes the secret and sends it again
                provider.access_key_secret = 'right-secret'
                message.action_retry()
                self._run_queue()
                self.assertEqual(message.state, 'sent')
                self.assertEqual(message.log_id.state, 'sent')
                provider.active = False

    def test_rate_limit_per_number(self):
        self._provider(rate_limit=2)
        messages = self._queue() | self._queue() | self._queue()
        self._run_queue()
        self.assertEqual(messages.mapped('state'), ['sent', 'sent', 'queued'])
        waiting = messages[2]
        self.assertGreater(waiting.next_attempt, fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) + timedelta(minutes=59)))
        self.assertEqual(waiting.attempts, 0, 'waiting for the allowance is not a failed attempt')

    def test_opt_out_and_missing_number(self):
        self._provider()
        self.partner.gc_sms_opt_out = True
        self.assertFalse(self._queue(optional=True))
        refused = self.Log.search([('partner_id', '=', self.partner.id)], limit=1)
        self.assertEqual(refused.state, 'refused')
        self.assertIn('短信', refused.error)
        self.assertTrue(self._queue(optional=False), 'a notice the rules require is still sent')
        nobody = self.env['res.partner'].create({'name': 'No phone'})
        self.assertFalse(self._queue(partner=nobody))
        self.assertEqual(self.Log.search([('partner_id', '=', nobody.id)]).state, 'refused')

    def test_bad_mobile_refused_in_chinese(self):
        for value in ('12345', '1380013800', '029-88888888', '23800138000', '138001380001'):
            with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
                self.partner.write({'mobile': value})
            self.assertIn('手机', str(caught.exception.name))
            self.assertIn(value, str(caught.exception.name))
        for value in ('13800138000', '+8613800138000', '0086 139 0000 0000', '199-0000-0000'):
            self.partner.write({'mobile': value})


class TestSmsSecrets(SmsCase):

    def test_secret_masked_to_administrators(self):
        provider = self._provider(kind='aliyun', access_key_id='KEY', access_key_secret='very-secret')
        admin = self.env.ref('base.user_admin') if self.env.ref('base.user_admin', False) else self.env.ref('base.user_root')
        as_admin = provider.sudo(admin)
        self.assertEqual(as_admin.read(['access_key_secret'])[0]['access_key_secret'], MASK)
        exported = as_admin.export_data(['name', 'access_key_secret'])['datas']
        self.assertEqual(exported, [['Gateway', MASK]])
        as_admin.write({'access_key_secret': MASK, 'name': 'Renamed'})
        self.assertEqual(provider._secret(), 'very-secret', 'saving the form with the mask keeps the secret')
        as_admin.write({'access_key_secret': 'new-secret'})
        self.assertEqual(provider._secret(), 'new-secret')

    def test_outsiders_refused(self):
        provider = self._provider()
        message = self._queue()
        portal = self.env['res.users'].create({
            'name': 'Portal', 'login': 'sms_portal', 'email': 'p@example.com',
            'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])]})
        clerk = self.env['res.users'].create({
            'name': 'Clerk', 'login': 'sms_clerk', 'email': 'c@example.com',
            'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        for user in (portal, clerk):
            for model, record in (('gradient.sms.provider', provider), ('gradient.sms.message', message),
                                  ('gradient.sms.template', self.template)):
                with self.assertRaises(AccessError):
                    self.env[model].sudo(user).browse(record.id).read(['id'])
                with self.assertRaises(AccessError):
                    self.env[model].sudo(user).search([])
            with self.assertRaises(AccessError):
                self.env['gradient.sms.message'].sudo(user).browse(message.id).action_retry()
        with self.assertRaises(AccessError):
            self.Log.sudo(portal).search([])
        # staff read only what was sent to them
        self.assertFalse(self.Log.sudo(clerk).search([]))
        mine = self.Log.create({'channel': 'sms', 'partner_id': clerk.partner_id.id, 'recipient': '13900000000'})
        self.assertEqual(self.Log.sudo(clerk).search([]), mine)
        with self.assertRaises(AccessError):
            mine.sudo(clerk).write({'state': 'sent'})
        with self.assertRaises(AccessError):
            self.Log.sudo(clerk).create({'channel': 'sms', 'recipient': '1'})
