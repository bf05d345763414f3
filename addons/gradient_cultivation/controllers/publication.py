"""The public notices (公示): /publications lists the enterprises the bureau intends to admit,
without login and without any figure of theirs; anyone may lodge an objection there during the
period. The pages read the publications as superuser (an anonymous visitor has no access to the
model) through the publication's own public_* methods, which say what may be shown."""
import base64

from odoo import _, http
from odoo.http import request

from odoo.addons.gradient_base.portal_forms import MAX_ID, see_other
from odoo.addons.gradient_base.upload_policy import max_upload_bytes

OBJECTION_FIELDS = ('objector_name', 'contact_phone', 'contact_email', 'reasons')


class PublicationController(http.Controller):

    @staticmethod
    def _in_visitors_language():
        """The zone's language (Chinese) for a visitor, as on the error pages; a signed-in user's
        own language otherwise."""
        if request.env.user._is_public():
            request.context = dict(request.context, lang='zh_CN')

    def _publication_or_404(self, publication_id):
        """A publication shown on the public page (open, or closed in the last 30 days); 404 for any
        other id, drafts included."""
        if not 0 < publication_id <= MAX_ID:
            raise request.not_found()
        # sudo: the public page's one reading of publications; public_open() limits it to the
        # published ones and public_rows() to what may be shown of them.
        publication = request.env['cultivation.publication'].sudo().public_open().filtered(
            lambda p: p.id == publication_id)
        if not publication:
            raise request.not_found()
        return publication

    @http.route(['/publications'], type='http', auth='public', website=False)
    def publications(self, **kw):
        self._in_visitors_language()
        publications = request.env['cultivation.publication'].sudo().public_open()
        return request.render('gradient_cultivation.publication_list_page', {'publications': publications})

    @http.route(['/publications/<int:publication_id>'], type='http', auth='public', website=False,
                methods=['GET', 'POST'])
    def publication(self, publication_id, **post):
        self._in_visitors_language()
        publication = self._publication_or_404(publication_id)
        errors, values = {}, {}
        if request.httprequest.method == 'POST':
            values = {name: (post.get(name) or '') for name in OBJECTION_FIELDS}
            raw_application = (post.get('application_id') or '').strip()
            application_id = int(raw_application) if raw_application.isdigit() and len(raw_application) < 10 else 0
            values['application_id'] = application_id
            files = []
            limit = max_upload_bytes(request.env)
            for upload in request.httprequest.files.getlist('evidence'):
                if upload and upload.filename:
                    files.append((upload.filename, base64.b64encode(upload.read(limit + 1))))
            # sudo: _lodge is the one place an objection is created, for anyone, with its checks.
            objection, errors = request.env['cultivation.objection'].sudo()._lodge(
                publication, application_id, values, files, request.httprequest.remote_addr)
            if not errors:
                return see_other('/publications/%d?lodged=%s' % (publication.id, objection.name))
        return request.render('gradient_cultivation.publication_page', {
            'publication': publication, 'rows': publication.public_rows(),
            'accepting': publication.is_accepting_objections(), 'errors': errors, 'values': values,
            'lodged': (kw_lodged(request.params.get('lodged')) if request.httprequest.method == 'GET' else ''),
        })

    @http.route(['/publications/<int:publication_id>/notice.pdf'], type='http', auth='public', website=False)
    def publication_notice(self, publication_id, **kw):
        self._in_visitors_language()
        publication = self._publication_or_404(publication_id)
        # sudo: the notice holds what the public page shows (names, codes, tiers, territories).
        report = request.env.ref('gradient_cultivation.action_report_cultivation_publication').sudo()
        pdf, _format = report.render_qweb_pdf([publication.id])
        return request.make_response(pdf, headers=[
            ('Content-Type', 'application/pdf'),
            ('Content-Disposition', http.content_disposition(_('Publication Notice %s.pdf') % publication.name))])


def kw_lodged(value):
    """The number of the objection just lodged, shown back to its author; anything else is dropped."""
    value = (value or '').strip()
    return value if value.startswith('YY') and len(value) <= 20 and value[2:].replace('-', '').isdigit() else ''
