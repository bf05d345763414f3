"""The enterprise's own capability portrait on the portal, and its PDF.

Thin: the evaluation is read as the portal user (record rules keep it to its own enterprise);
another enterprise's evaluation, or an impossible id, answers 404."""
from odoo import http

from odoo.http import request

from odoo.addons.gradient_base.portal_forms import record_or_404
from odoo.addons.gradient_cultivation.controllers.portal import CultivationPortal


class PortraitPortal(CultivationPortal):

    @http.route()
    def home(self, **kw):
        response = super(PortraitPortal, self).home(**kw)
        response.qcontext['portrait_count'] = request.env['portrait.evaluation'].search_count([('is_latest', '=', True)])
        evaluation = self._gc_current_evaluation()
        response.qcontext['gc_portrait'] = evaluation
        response.qcontext['gc_portrait_weak'] = evaluation.line_ids.filtered('is_weak').sorted(lambda l: l.share)[:3]
        return response

    def _gc_current_evaluation(self):
        """The enterprise's newest evaluation on the scheme of its library (or of any scheme)."""
        Evaluation = request.env['portrait.evaluation']
        enterprise = self._my_enterprise()
        if not enterprise:
            return Evaluation.browse()
        library = enterprise._portrait_library()
        latest = Evaluation.search([('is_latest', '=', True)])
        return latest.filtered(lambda e: e.library_id == library)[:1] or latest[:1]

    def _render_portrait(self, evaluation):
        latest = request.env['portrait.evaluation'].search([('is_latest', '=', True)])
        values = self._prepare_portal_layout_values()
        values.update({'page_name': 'gc_portrait', 'evaluation': evaluation, 'latest': latest})
        if evaluation:
            values.update(evaluation._portrait_values())
        return request.render('capability_portrait.portal_my_portrait', values)

    @http.route(['/my/portrait'], type='http', auth='user', website=False)
    def portal_my_portrait(self, **kw):
        return self._render_portrait(self._gc_current_evaluation())

    @http.route(['/my/portrait/<int:evaluation_id>'], type='http', auth='user', website=False)
    def portal_portrait_evaluation(self, evaluation_id, **kw):
        return self._render_portrait(record_or_404('portrait.evaluation', evaluation_id))

    @http.route(['/my/portrait/<int:evaluation_id>/print'], type='http', auth='user', website=False)
    def portal_portrait_print(self, evaluation_id, **kw):
        evaluation = record_or_404('portrait.evaluation', evaluation_id)
        # Checked above: the user may read this evaluation. wkhtmltopdf renders it as superuser
        # because the report reads the scheme's indicators and the library's averages.
        report = request.env.ref('capability_portrait.action_report_portrait').sudo()
        pdf, _format = report.render_qweb_pdf([evaluation.id])
        name = '能力画像-%s-%s.pdf' % (evaluation.enterprise_id.name, evaluation.date)
        return request.make_response(pdf, headers=[
            ('Content-Type', 'application/pdf'),
            ('Content-Disposition', http.content_disposition(name))])
