"""Local stand-ins of the two SMS gateways for the tests: each recomputes the request's
signature from what it received, with the secret, exactly as the gateway documents it, and
answers as the gateway does (accepted, or the gateway's signature error)."""
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit

from ..models.gradient_sms_signing import aliyun_rpc_signature, tencent_tc3_signature

AUTHORIZATION = re.compile(r'^TC3-HMAC-SHA256 Credential=(?P<id>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<service>[a-z]+)'
                           r'/tc3_request, SignedHeaders=(?P<headers>[a-z;-]+), Signature=(?P<sig>[0-9a-f]{64})$')


class _Gateway(object):
    def __init__(self, key_id, secret):
        self.key_id, self.secret = key_id, secret
        self.received = []   # the messages accepted: dicts of what the gateway read
        self.refused = []    # the reasons of refused requests
        self.nonces = set()
        handler = self._handler()
        self.server = HTTPServer(('127.0.0.1', 0), handler)
        self.url = 'http://127.0.0.1:%d/' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                gateway.on_get(self)

            def do_POST(self):
                gateway.on_post(self)
        return Handler


class AliyunGateway(_Gateway):
    """dysmsapi SendSms, RPC style: GET with the signed query string."""

    def on_get(self, handler):
        params = dict(parse_qsl(urlsplit(handler.path).query, keep_blank_values=True))
        signature = params.pop('Signature', '')
        problems = []
        for key, expected in (('Action', 'SendSms'), ('Version', '2017-05-25'), ('SignatureMethod', 'HMAC-SHA1'),
                              ('SignatureVersion', '1.0'), ('Format', 'JSON'), ('AccessKeyId', self.key_id)):
            if params.get(key) != expected:
                problems.append('%s=%r' % (key, params.get(key)))
        try:
            sent = time.mktime(time.strptime(params.get('Timestamp', ''), '%Y-%m-%dT%H:%M:%SZ')) - time.timezone
            if abs(sent - time.time()) > 900:
                problems.append('Timestamp too far')
        except ValueError:
            problems.append('Timestamp not ISO 8601 UTC')
        nonce = params.get('SignatureNonce')
        if not nonce or nonce in self.nonces:
            problems.append('SignatureNonce reused')
        self.nonces.add(nonce)
        if signature != aliyun_rpc_signature(params, self.secret, 'GET'):
            self.refused.append('SignatureDoesNotMatch')
            return handler._answer(400, {'Code': 'SignatureDoesNotMatch', 'Message': 'Specified signature is not matched',
                                         'RequestId': 'r-%d' % len(self.refused)})
        if problems:
            self.refused.append(', '.join(problems))
            return handler._answer(400, {'Code': 'MissingParameter', 'Message': ', '.join(problems)})
        self.received.append({'phone': params['PhoneNumbers'], 'sign_name': params['SignName'],
                              'template': params['TemplateCode'], 'params': json.loads(params['TemplateParam'])})
        return handler._answer(200, {'Code': 'OK', 'Message': 'OK', 'BizId': 'biz-%d' % len(self.received),
                                     'RequestId': 'req-%d' % len(self.received)})


class TencentGateway(_Gateway):
    """sms.tencentcloudapi.com SendSms, API 3.0: POST JSON signed with TC3-HMAC-SHA256."""

    def on_post(self, handler):
        payload = handler.rfile.read(int(handler.headers.get('Content-Length') or 0))
        headers = handler.headers
        match = AUTHORIZATION.match(headers.get('Authorization', ''))
        error = None
        if not match:
            error = ('AuthFailure.InvalidAuthorization', 'Authorization header malformed')
        elif match.group('id') != self.key_id:
            error = ('AuthFailure.SecretIdNotFound', 'unknown SecretId')
        else:
            timestamp = int(headers.get('X-TC-Timestamp') or 0)
            expected, scope = tencent_tc3_signature(self.secret, match.group('service'), headers.get('Host', ''),
                                                    payload, timestamp, headers.get('Content-Type', ''))
            if match.group('headers') != 'content-type;host' or match.group('service') != 'sms':
                error = ('AuthFailure.InvalidAuthorization', 'signed headers or service')
            elif scope != '%s/sms/tc3_request' % match.group('date'):
                error = ('AuthFailure.InvalidAuthorization', 'credential date is not the timestamp\'s')
            elif abs(timestamp - time.time()) > 300:
                error = ('AuthFailure.SignatureExpire', 'timestamp too far')
            elif match.group('sig') != expected:
                error = ('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.')
            elif (headers.get('X-TC-Action'), headers.get('X-TC-Version')) != ('SendSms', '2021-01-11'):
                error = ('InvalidAction', 'action or version')
        if error:
            self.refused.append(error[0])
            return handler._answer(200, {'Response': {'Error': {'Code': error[0], 'Message': error[1]},
                                                      'RequestId': 'r-%d' % len(self.refused)}})
        body = json.loads(payload.decode('utf-8'))
        self.received.append({'phone': body['PhoneNumberSet'][0], 'sign_name': body['SignName'],
                              'template': body['TemplateId'], 'params': body['TemplateParamSet'],
                              'app': body['SmsSdkAppId']})
        return handler._answer(200, {'Response': {'SendStatusSet': [{
            'SerialNo': 'serial-%d' % len(self.received), 'PhoneNumber': body['PhoneNumberSet'][0], 'Fee': 1,
            'Code': 'Ok', 'Message': 'send success'}], 'RequestId': 'req-%d' % len(self.received)}})
