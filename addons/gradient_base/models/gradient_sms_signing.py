"""The request signing of the two SMS gateways, as their documentation describes it.

Their SDKs (alibabacloud-dysmsapi20170525, tencentcloud-sdk-python-sms) pull a dozen packages
whose versions fight our pins on CPython 3.7; the two signatures are a few lines of HMAC each,
so they are written here and tested against the documented example (Alibaba) and against a
local server that recomputes them from the request it receives (both)."""
import base64
import hashlib
import hmac
import time
from urllib.parse import quote

# Alibaba Cloud RPC API (dysmsapi 2017-05-25 SendSms): signature version 1.0, HMAC-SHA1.
ALIYUN_SMS_VERSION = '2017-05-25'
# Tencent Cloud API 3.0 (sms 2021-01-11 SendSms): TC3-HMAC-SHA256.
TENCENT_SMS_VERSION = '2021-01-11'
TENCENT_JSON = 'application/json; charset=utf-8'


def aliyun_percent(value):
    """RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are
    (so a space is %20, '*' is %2A and '~' stays), as the RPC signature requires."""
    return quote(str(value).encode('utf-8'), safe='-_.~')


def aliyun_string_to_sign(params, method='GET'):
    canonical = '&'.join('%s=%s' % (aliyun_percent(key), aliyun_percent(params[key])) for key in sorted(params))
    return '%s&%s&%s' % (method, aliyun_percent('/'), aliyun_percent(canonical))


def aliyun_rpc_signature(params, secret, method='GET'):
    """Base64(HMAC-SHA1(AccessKeySecret + '&', StringToSign)) of every parameter but Signature."""
    params = {key: value for key, value in params.items() if key != 'Signature'}
    digest = hmac.new((secret + '&').encode('utf-8'), aliyun_string_to_sign(params, method).encode('utf-8'),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def _sha256_hex(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode('utf-8')).hexdigest()


def _hmac_sha256(key, msg):
    return hmac.new(key, msg.encode('utf-8'), hashlib.sha256).digest()


def tencent_tc3_signature(secret_key, service, host, payload, timestamp, content_type=TENCENT_JSON, method='POST',
                          query=''):
    """The TC3-HMAC-SHA256 signature (hex) of a request whose signed headers are content-type and
    host; returns (signature, credential scope)."""
    canonical_request = '\n'.join([
        method, '/', query,
        'content-type:%s\nhost:%s\n' % (content_type.lower(), host.lower()),
        'content-type;host', _sha256_hex(payload)])
    date = time.strftime('%Y-%m-%d', time.gmtime(int(timestamp)))
    scope = '%s/%s/tc3_request' % (date, service)
    string_to_sign = '\n'.join(['TC3-HMAC-SHA256', str(int(timestamp)), scope, _sha256_hex(canonical_request)])
    key = _hmac_sha256(('TC3' + secret_key).encode('utf-8'), date)
    key = _hmac_sha256(key, service)
    key = _hmac_sha256(key, 'tc3_request')
    return hmac.new(key, string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest(), scope


def tencent_authorization(secret_id, secret_key, service, host, payload, timestamp, content_type=TENCENT_JSON):
    signature, scope = tencent_tc3_signature(secret_key, service, host, payload, timestamp, content_type)
    return 'TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s' % (
        secret_id, scope, signature)
