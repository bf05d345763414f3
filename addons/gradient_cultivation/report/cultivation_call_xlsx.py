from odoo import _, models


class CultivationCallXlsx(models.AbstractModel):
    """Excel summary of a call: its applications per territory and status, then one row each."""
    _name = 'report.gradient_cultivation.call_summary_xlsx'
    _inherit = 'report.gradient_cultivation.xlsx_base'

    STATES = ('draft', 'in_review', 'returned', 'to_publish', 'publicity', 'approved', 'rejected', 'withdrawn')

    def generate_xlsx_report(self, workbook, data, calls):
        title = workbook.add_format({'bold': True, 'font_size': 14})
        head = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1, 'text_wrap': True,
                                    'valign': 'vcenter', 'align': 'center'})
        cell = workbook.add_format({'border': 1})
        total = workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'})
        date_fmt = workbook.add_format({'border': 1, 'num_format': 'yyyy-mm-dd'})
        Application = self.env['cultivation.application']
        state_labels = dict(Application._fields['state']._description_selection(self.env))
        for call in calls:
            # Only what the user may see: record rules apply (a territory reviewer gets its territories).
            applications = Application.search([('call_id', '=', call.id)], order='territory_id, name')
            sheet = workbook.add_worksheet(_('Summary')[:31])
            sheet.write(0, 0, call.name, title)
            sheet.write(1, 0, _('Open from %(date_open)s to %(date_close)s') % {'date_open': call.date_open, 'date_close': call.date_close})
            headers = [_('Territory')] + [state_labels[s] for s in self.STATES] + [_('Total')]
            sheet.write_row(3, 0, headers, head)
            territories = applications.mapped('territory_id').sorted('complete_name')
            row = 4
            for territory in territories:
                mine = applications.filtered(lambda a: a.territory_id == territory)
                counts = [len(mine.filtered(lambda a, s=s: a.state == s)) for s in self.STATES]
                sheet.write(row, 0, territory.complete_name, cell)
                sheet.write_row(row, 1, counts + [len(mine)], cell)
                row += 1
            sheet.write(row, 0, _('Total'), total)
            sheet.write_row(row, 1, [len(applications.filtered(lambda a, s=s: a.state == s)) for s in self.STATES]
                            + [len(applications)], total)
            sheet.set_column(0, 0, 34)
            sheet.set_column(1, len(headers), 12)

            detail = workbook.add_worksheet(_('Applications')[:31])
            columns = [_('Reference'), _('Enterprise'), _('Unified Social Credit Code'), _('Territory'),
                       _('Cultivation Library'), _('Submission Channel'), _('Version'), _('Submitted On'),
                       _('Review Stage'), _('Status')]
            detail.write_row(0, 0, columns, head)
            channels = dict(Application._fields['submission_channel']._description_selection(self.env))
            for i, application in enumerate(applications, start=1):
                detail.write_row(i, 0, [
                    application.name, application.enterprise_id.name, application.credit_code or '',
                    application.territory_id.complete_name or '', application.library_id.name,
                    channels.get(application.submission_channel, ''), application.version], cell)
                detail.write(i, 7, (application.submit_date or '')[:10], date_fmt)
                detail.write(i, 8, application.stage_id.name or '', cell)
                detail.write(i, 9, state_labels[application.state], cell)
            detail.set_column(0, 0, 16)
            detail.set_column(1, 1, 34)
            detail.set_column(2, 2, 22)
            detail.set_column(3, 4, 28)
            detail.set_column(5, 9, 14)
            detail.freeze_panes(1, 0)
