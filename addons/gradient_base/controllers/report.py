"""The report URLs (/report/pdf|html|xlsx/<report>/<ids>) for the reports of our models are the
back office's: portal users print from their own pages (/my/.../print, which check the record
and render it) and get 403 here. The ids must be records the user may read (else 404, like the
portal's pages: no record of another territory is confirmed, let alone printed), and a report
kept for some groups (the Excel reports) is refused to the others (403). Checked before anything
is rendered, instead of failing half-way through the rendering with a 500."""
import re

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from odoo.addons.report_xlsx.controllers.main import ReportController

# the namespaces of the business addons' models (gradient_cultivation, capability_portrait,
# expert_library); the reports of Odoo's own models keep Odoo's route as it is
OUR_MODELS = ('cultivation.', 'portrait.', 'expert.')
DOCIDS = re.compile(r'^\d{1,9}(,\d{1,9})*$')


class CultivationReportController(ReportController):

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        report = request.env['ir.actions.report']._get_report_from_name(reportname)
        ours = report and report.model.startswith(OUR_MODELS)
        if ours:
            self._check_report_access(report, docids)
        response = super(CultivationReportController, self).report_routes(
            reportname, docids=docids, converter=converter, **data)
        if ours and converter == 'xlsx':
            # report_xlsx names the file by its technical name (roster.xlsx): ours are named in
            # the user's language, with the record and the date
            records = request.env[report.model].browse(
                [int(i) for i in docids.split(',')] if docids else [])
            name = report._gc_download_name(records, 'xlsx')
            if name:
                response.headers['Content-Disposition'] = content_disposition(name)
        return response

    def _check_report_access(self, report, docids):
        user = request.env.user
        if user.share:
            raise Forbidden()  # enterprises and experts print from their portal pages (/my/...)
        if report.groups_id and not (report.groups_id & user.groups_id):
            raise Forbidden()
        if docids is None:
            return  # a report of data (no records): its model's rules apply while it renders
        if not DOCIDS.match(docids):
            raise NotFound()
        records = request.env[report.model].browse(sorted({int(i) for i in docids.split(',')}))
        if len(records.exists()) != len(records):
            raise NotFound()
        try:
            records.check_access_rights('read')
            records.check_access_rule('read')
        except AccessError:
            raise NotFound()
