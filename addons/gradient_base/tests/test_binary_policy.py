import base64
import io
import struct
import zlib

from PIL import Image

from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase

from odoo.addons.gradient_base.models.image_policy import reencode_image
from odoo.addons.gradient_base.models.ir_http import sniff_mimetype


def _chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


PNG_WITH_SCRIPT = (b'\x89PNG\r\n\x1a\n' + _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
                   + _chunk(b'tEXt', b'Comment\x00<script>alert(1)</script>')
                   + _chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + _chunk(b'IEND', b''))


class TestBinaryPolicy(SavepointCase):
    """Files are typed by their content; images are stored without their metadata."""

    def test_type_comes_from_the_content(self):
        b64 = lambda raw: base64.b64encode(raw)
        self.assertEqual(sniff_mimetype(b64(PNG_WITH_SCRIPT)), 'image/png')
        self.assertEqual(sniff_mimetype(b64(b'%PDF-1.4\n<script>x</script>')), 'application/pdf')
        self.assertEqual(sniff_mimetype(b64(b'\xff\xd8\xff\xdb' + b'\x00' * 10)), 'image/jpeg')
        for page in (b'<html><script>x</script>', b'<svg xmlns="http://www.w3.org/2000/svg"/>', b''):
            self.assertEqual(sniff_mimetype(b64(page)), 'application/octet-stream', page)
        self.assertEqual(sniff_mimetype(b64(PNG_WITH_SCRIPT).decode()), 'image/png')

    def test_images_are_reencoded_without_metadata(self):
        clean = base64.b64decode(reencode_image(base64.b64encode(PNG_WITH_SCRIPT), 'Image'))
        self.assertNotIn(b'script', clean)
        self.assertEqual(Image.open(io.BytesIO(clean)).size, (1, 1))

    def test_partner_image_is_reencoded_and_non_images_refused(self):
        partner = self.env['res.partner'].create({'name': 'Avatar', 'image': base64.b64encode(PNG_WITH_SCRIPT)})
        self.assertNotIn(b'script', base64.b64decode(partner.image))
        with self.assertRaises(ValidationError):
            partner.write({'image': base64.b64encode(b'<html><script>alert(1)</script></html>')})
