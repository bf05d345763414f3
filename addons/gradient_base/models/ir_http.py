"""What /web/content, /web/image and every other route built on ``ir.http.binary_content`` may
show inline.

Odoo 11 takes a binary's type from the record's own ``mimetype`` field (user-writable on
ir.attachment), else from the file name of the URL (``/web/content/res.partner/7/image/a.html``),
and serves it inline: a stored file became a page of our origin, running its scripts with the
session of whoever opened the link (issue 14, finding 2). Here the type is decided from the
content's own signature, only a short list of passive types (raster images, PDF) is shown
inline, and everything else is sent as a download of an opaque type that no browser renders, in
a sandbox, never sniffed."""
import base64
import re

from odoo import SUPERUSER_ID, models
from odoo.tools.mimetypes import guess_mimetype

# What a browser shows without running anything of ours: raster images and PDF (rendered by the
# browser's viewer, outside our origin's scripts).
INLINE_TYPES = frozenset(['image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'image/webp', 'application/pdf'])
DOWNLOAD_TYPE = 'application/octet-stream'
# The web client's own asset bundles (/web/content/<id>-<unique>/web.assets_backend.js) are
# attachments the server writes as the superuser; they must keep their declared type.
ASSET_TYPES = frozenset(['text/css', 'application/javascript', 'text/javascript'])
ASSET_URL = re.compile(r'^/web/content/\d+-[0-9a-f]+/[\w.-]+\.(css|js)$')
SNIFF_BYTES = 2048  # base64 characters decoded to tell the type: a multiple of 4


def sniff_mimetype(content):
    """The type of a base64 content, told by its first bytes only (a signature), never by a name
    or a declared type."""
    head = content[:SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode('ascii', 'ignore')
    try:
        raw = base64.b64decode(head)
    except (ValueError, TypeError):
        return DOWNLOAD_TYPE
    if raw.startswith(b'\xff\xd8\xff'):  # every JPEG, whatever its first segment
        return 'image/jpeg'
    if raw[:4] == b'RIFF' and raw[8:12] == b'WEBP':
        return 'image/webp'
    return guess_mimetype(raw, default=DOWNLOAD_TYPE)


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def binary_content(cls, xmlid=None, model='ir.attachment', id=None, field='datas',
                       unique=False, filename=None, filename_field='datas_fname', download=False,
                       mimetype=None, default_mimetype='application/octet-stream',
                       access_token=None, env=None):
        # asked as a download, so that the core computes the file name of the disposition; it is
        # dropped again below when the content may be shown inline and no download was asked
        status, headers, content = super(IrHttp, cls).binary_content(
            xmlid=xmlid, model=model, id=id, field=field, unique=unique, filename=filename,
            filename_field=filename_field, download=True, mimetype=mimetype,
            default_mimetype=default_mimetype, access_token=access_token, env=env)
        if status == 301:
            return cls._gc_url_redirect(status, headers, content)
        if status not in (200, 304):
            return status, headers, content
        headers = [(name, value) for name, value in headers
                   if name.lower() not in ('content-type', 'x-content-type-options')]
        if not content:
            # nothing stored (the image route shows its placeholder): nothing to render either
            served, inline = DOWNLOAD_TYPE, not download
        else:
            served = sniff_mimetype(content)
            inline = served in INLINE_TYPES and not download
            if served not in INLINE_TYPES:
                asset_type = cls._gc_asset_type(xmlid, model, id, env)
                served = asset_type or DOWNLOAD_TYPE
                inline = bool(asset_type) and not download
        if inline:
            headers = [(name, value) for name, value in headers if name.lower() != 'content-disposition']
        else:
            # a download, never a page of ours: even a browser that ignored the disposition
            # would run nothing (sandboxed, no sources)
            headers.append(('Content-Security-Policy', "default-src 'none'; sandbox"))
        headers += [('Content-Type', served), ('X-Content-Type-Options', 'nosniff')]
        return status, headers, content

    @classmethod
    def _gc_asset_type(cls, xmlid, model, id, env):
        """The declared type of one of the web client's asset bundles (CSS, JavaScript), or None
        for anything else: only the server writes those, as the superuser, under their URL."""
        if xmlid or model != 'ir.attachment' or not id:
            return None
        from odoo.http import request
        env = env or request.env
        attachment = env['ir.attachment'].sudo().browse(int(id))  # the bundle's provenance only
        if not attachment.exists():
            return None
        if (attachment.create_uid.id == SUPERUSER_ID and attachment.write_uid.id == SUPERUSER_ID
                and attachment.res_model == 'ir.ui.view' and attachment.type == 'binary'
                and attachment.mimetype in ASSET_TYPES and ASSET_URL.match(attachment.url or '')):
            return attachment.mimetype
        return None

    @classmethod
    def _gc_url_redirect(cls, status, headers, url):
        """A URL attachment redirects within this site only: an attachment's URL is stored by
        its author, and /web/content must not send our users to another site."""
        if isinstance(url, str) and url.startswith('/') and not url.startswith('//') and '\\' not in url:
            return status, headers, url
        return 404, [], None
