"""Images people upload are re-encoded before they are stored.

An avatar is shown to everyone who sees its owner (chatter, followers, portal). Odoo 11 keeps
whatever bytes were sent as long as they start like an image, so a PNG could carry a script in a
text chunk, or a "photo" be an HTML page (issue 14, finding 2). Decoding the image and writing
it again keeps the pixels and drops everything else (text chunks, EXIF, comments); content that
does not decode as an image is refused."""
import base64
import binascii
import io

from PIL import Image

from odoo import _, api, models
from odoo.exceptions import ValidationError

# PIL's formats kept as they are; anything else that decodes is written as PNG
KEPT_FORMATS = {'JPEG': ('RGB', 'L', 'CMYK'), 'PNG': ('1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'I')}


def reencode_image(value, label):
    """``value`` (base64) decoded as an image and encoded again, without metadata; a
    ValidationError naming ``label`` when it is not an image."""
    try:
        raw = base64.b64decode(value)
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (binascii.Error, ValueError, TypeError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_('%(field)s: only images (PNG, JPEG, GIF, BMP or WebP) are accepted; '
                                'the file sent is not an image or is damaged.') % {'field': label})
    fmt = image.format if image.format in KEPT_FORMATS else 'PNG'
    if image.mode not in KEPT_FORMATS[fmt]:
        image = image.convert('RGB' if fmt == 'JPEG' else 'RGBA')
    out = io.BytesIO()
    # no pnginfo/exif/icc arguments: only the pixels (and a palette's transparency) are written
    image.save(out, format=fmt, **({'quality': 95} if fmt == 'JPEG' else {}))
    return base64.b64encode(out.getvalue())


def reencode_image_fields(records, vals, names):
    """``vals`` with the listed image fields re-encoded (a copy; the superuser included: a
    user's own avatar is written through res.users as the superuser)."""
    vals = dict(vals)
    for name in names:
        if vals.get(name) and name in records._fields:
            vals[name] = reencode_image(vals[name], records._fields[name].get_description(records.env)['string'])
    return vals


class ResPartner(models.Model):
    # before Odoo's own create/write, which resizes the image (and fails on a non-image)
    _inherit = 'res.partner'
    _image_fields = ('image', 'image_medium', 'image_small')

    @api.model
    def create(self, vals):
        return super(ResPartner, self).create(reencode_image_fields(self, vals, self._image_fields))

    @api.multi
    def write(self, vals):
        return super(ResPartner, self).write(reencode_image_fields(self, vals, self._image_fields))


class MailChannel(models.Model):
    _inherit = 'mail.channel'
    _image_fields = ('image', 'image_medium', 'image_small')

    @api.model
    def create(self, vals):
        return super(MailChannel, self).create(reencode_image_fields(self, vals, self._image_fields))

    @api.multi
    def write(self, vals):
        return super(MailChannel, self).write(reencode_image_fields(self, vals, self._image_fields))
