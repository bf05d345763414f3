"""The one upload policy of the platform: the files users send (application attachments, claim
documents, expert certificates, violation evidence) are recognised by their first bytes, never by
the name the browser sends, and are at most `gradient_cultivation.upload_max_mb` megabytes (the
setting's key predates this module; the bureau edits it in Settings). Every upload goes through
upload_problem(); each caller decides only which of the accepted types it takes."""
import base64
import binascii

from odoo import _

# Allowed uploads by their first bytes. Office Open XML files are zip archives (told apart from
# other zips by their parts); legacy Office files are OLE compound documents.
SIGNATURES = (
    (b'%PDF-', 'application/pdf'),
    (b'\x89PNG\r\n\x1a\n', 'image/png'),
    (b'\xff\xd8\xff', 'image/jpeg'),
    (b'PK\x03\x04', 'application/zip'),
    (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'application/x-ole-storage'),
)
OFFICE_ZIP_MARKERS = (b'[Content_Types].xml', b'word/', b'xl/', b'ppt/')
DEFAULT_MAX_MB = 20
MAX_MB_PARAMETER = 'gradient_cultivation.upload_max_mb'


def sniff_upload(content):
    """The MIME type of an allowed upload, or None when its content is not one we accept."""
    for magic, mimetype in SIGNATURES:
        if content.startswith(magic):
            if mimetype == 'application/zip' and not any(m in content[:4096] for m in OFFICE_ZIP_MARKERS):
                return None  # a zip that is not an Office document
            return mimetype
    return None


def max_upload_bytes(env):
    """The size limit of every upload, from the setting (20 MB unless the bureau changed it)."""
    mb = env['ir.config_parameter'].sudo().get_param(MAX_MB_PARAMETER, DEFAULT_MAX_MB)
    try:
        return int(float(mb) * 1024 * 1024)
    except (TypeError, ValueError):
        return DEFAULT_MAX_MB * 1024 * 1024


def upload_problem(env, datas, label):
    """(problem, mimetype, size) of ``datas`` (base64) sent as ``label``: problem is a message
    naming ``label`` (empty, unreadable, too large, not an accepted type) or None."""
    # _() finds the user's language in the caller's locals (context) and its cursor (cr)
    context = dict(env.context, lang=env.context.get('lang') or env.user.lang)  # pylint: disable=unused-variable
    cr = env.cr  # pylint: disable=unused-variable
    if not datas:
        return _('%(label)s: the file is empty.') % {'label': label}, None, 0
    try:
        content = base64.b64decode(datas)
    except (TypeError, ValueError, binascii.Error):
        return _('%(label)s: the upload could not be read; please choose the file again.') % {'label': label}, None, 0
    limit = max_upload_bytes(env)
    if len(content) > limit:
        return _('%(label)s: %(size).1f MB is larger than the %(limit)g MB allowed.') % {
            'label': label, 'size': len(content) / 1048576.0, 'limit': limit / 1048576.0}, None, len(content)
    if not content:
        return _('%(label)s: the file is empty.') % {'label': label}, None, 0
    mimetype = sniff_upload(content)
    if not mimetype:
        return _('%(label)s: only PDF, PNG or JPEG images and Office documents are accepted (the content of '
                 'this file is none of them).') % {'label': label}, None, len(content)
    return None, mimetype, len(content)
