"""Portal of the members: their monthly reports (月度填报), their plan and their suggestions."""
from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.cultivation_monthly_report import (REPORT_INT_FIELDS, REPORT_NUMBER_FIELDS, REPORT_TEXT_FIELDS,
                                                 SIGNED_FIELDS)
from odoo.addons.gradient_base.portal_forms import FormErrors, record_or_404, see_other

from .portal import CultivationPortal

REPORTS_PER_PAGE = 12


class CultivationMonthlyPortal(CultivationPortal):

    @http.route()
    def home(self, **kw):
        response = super(CultivationMonthlyPortal, self).home(**kw)
        Report = request.env['cultivation.monthly.report']
        response.qcontext['report_count'] = Report.search_count([])
        response.qcontext['reports_to_fill'] = Report.search([('state', 'in', ('open', 'reopened'))], order='period_date')
        response.qcontext['gc_last_report'] = Report.search([('state', '=', 'submitted')], order='period_date desc', limit=1)
        return response

    @http.route(['/my/reports', '/my/reports/page/<int:page>'], type='http', auth='user', website=False)
    def portal_my_reports(self, page=1, **kw):
        Report = request.env['cultivation.monthly.report']
        total = Report.search_count([])
        pager = portal_pager(url='/my/reports', total=total, page=page, step=REPORTS_PER_PAGE)
        reports = Report.search([], order='period_date desc', limit=REPORTS_PER_PAGE, offset=pager['offset'])
        membership = request.env['cultivation.membership'].search([('state', '=', 'active')], limit=1)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_reports',
            'reports': reports,
            'pager': pager,
            'membership': membership,
            'plan': membership.current_plan() if membership else False,
            'suggestions': membership.suggestion_ids.filtered(lambda s: s.state in ('open', 'accepted'))
            if membership else [],
        })
        return request.render('gradient_cultivation.portal_my_reports', values)

    def _report_values(self, report, post, errors):
        vals = {}
        for name in REPORT_NUMBER_FIELDS:
            minimum = None if name in SIGNED_FIELDS else 0
            vals[name] = errors.parse_float('cultivation.monthly.report', name, post.get(name), minimum=minimum)
        for name in REPORT_INT_FIELDS:
            vals[name] = errors.parse_int('cultivation.monthly.report', name, post.get(name))
        for name in REPORT_TEXT_FIELDS:
            vals[name] = (post.get(name) or '').strip() or False
        # the report's rules (signs, year to date, text limits) are the model's, all at once
        errors.update({name: message for name, message in report.figure_errors(vals).items() if name not in errors})
        return vals

    @http.route(['/my/reports/<int:report_id>'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_report_page(self, report_id, **post):
        report = record_or_404('cultivation.monthly.report', report_id)
        editable = report.state in ('open', 'reopened') and report.membership_id.state == 'active'
        errors, warnings = FormErrors(), {}
        if request.httprequest.method == 'POST':
            if not editable:
                return see_other('/my/reports/%d' % report.id)
            vals = self._report_values(report, post, errors)
            if not errors:
                try:
                    with request.env.cr.savepoint():  # nothing half-written: the form keeps what was typed
                        report.write(vals)
                        if post.get('do_submit'):
                            warnings = report.unusual_figures()
                            if not warnings or post.get('confirm_unusual'):
                                report.action_submit(confirm_unusual=bool(post.get('confirm_unusual')))
                                return see_other('/my/reports/%d?message=submitted' % report.id)
                        else:
                            return see_other('/my/reports/%d?message=saved' % report.id)
                except (ValidationError, UserError, AccessError) as e:
                    errors['_form'] = e.name
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_report',
            'report': report,
            'can_edit': editable,
            'errors': errors,
            'warnings': warnings,
            'post': post if (errors or warnings) else {},
            'message': post.get('message') if request.httprequest.method == 'GET' else None,
        })
        return request.render('gradient_cultivation.portal_report_page', values)
