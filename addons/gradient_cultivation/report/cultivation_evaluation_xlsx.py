from odoo import _, models


class CultivationEvaluationXlsx(models.AbstractModel):
    """The annual evaluation in Excel: outcomes per tier and territory, then every member."""
    _name = 'report.gradient_cultivation.annual_evaluation_xlsx'
    _inherit = 'report.gradient_cultivation.xlsx_base'

    def generate_xlsx_report(self, workbook, data, evaluations):
        title = workbook.add_format({'bold': True, 'font_size': 14})
        head = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1, 'text_wrap': True,
                                    'valign': 'vcenter', 'align': 'center'})
        cell = workbook.add_format({'border': 1, 'valign': 'top'})
        wrap = workbook.add_format({'border': 1, 'valign': 'top', 'text_wrap': True})
        number = workbook.add_format({'border': 1, 'num_format': '#,##0.00'})
        total = workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'})
        Line = self.env['cultivation.annual.evaluation.line']
        outcomes = dict(Line._fields['decision']._description_selection(self.env))
        for evaluation in evaluations:
            # Only the members the user may see: a territory reviewer gets its territories.
            lines = Line.search([('evaluation_id', '=', evaluation.id)])
            summary = workbook.add_worksheet(_('Summary')[:31])
            summary.write(0, 0, evaluation.name, title)
            headers = [_('Cultivation Library'), _('Territory'), _('Members')] \
                + [_('Proposed: %s') % outcomes[k] for k in ('keep', 'upgrade', 'exit')] \
                + [_('Decided: %s') % outcomes[k] for k in ('keep', 'upgrade', 'exit')] + [_('Undecided')]
            summary.write_row(2, 0, headers, head)
            summary.set_row(2, 32)
            summary.set_column(0, 1, 26)
            summary.set_column(2, len(headers), 11)
            row = 3
            groups = {}
            for line in lines:
                groups.setdefault((line.library_id, line.territory_id), Line.browse())
                groups[(line.library_id, line.territory_id)] |= line
            for (library, territory), mine in sorted(groups.items(), key=lambda kv: (kv[0][0].sequence, kv[0][1].complete_name or '')):
                summary.write_row(row, 0, [library.name, territory.complete_name or '', len(mine)]
                                  + [len(mine.filtered(lambda l, k=k: l.proposed_outcome == k)) for k in ('keep', 'upgrade', 'exit')]
                                  + [len(mine.filtered(lambda l, k=k: l.decision == k)) for k in ('keep', 'upgrade', 'exit')]
                                  + [len(mine.filtered(lambda l: not l.decision))], cell)
                row += 1
            summary.write_row(row, 0, [_('Total'), '', len(lines)]
                              + [len(lines.filtered(lambda l, k=k: l.proposed_outcome == k)) for k in ('keep', 'upgrade', 'exit')]
                              + [len(lines.filtered(lambda l, k=k: l.decision == k)) for k in ('keep', 'upgrade', 'exit')]
                              + [len(lines.filtered(lambda l: not l.decision))], total)

            detail = workbook.add_worksheet(_('Members')[:31])
            columns = [(_('Enterprise'), 30), (_('Cultivation Library'), 22), (_('Territory'), 22),
                       (_('Reporting Rate (%)'), 10), (_('Target Revenue (10k CNY)'), 14),
                       (_('Operating Revenue (10k CNY)'), 14), (_('Revenue Growth (%)'), 10),
                       (_('R&D Ratio (%)'), 10), (_('Targets Met'), 8), (_('Targets Set'), 8), (_('Violations'), 8),
                       (_('Proposed Outcome'), 14), (_('Why This Proposal'), 36), (_('Decision'), 14),
                       (_('Reason for the Decision'), 36)]
            for col, (label, width) in enumerate(columns):
                detail.write(0, col, label, head)
                detail.set_column(col, col, width)
            detail.set_row(0, 32)
            detail.freeze_panes(1, 1)
            for r, line in enumerate(lines, start=1):
                detail.write_row(r, 0, [line.enterprise_id.name, line.library_id.name,
                                        line.territory_id.complete_name or ''], cell)
                for c, value in enumerate([line.report_share, line.target_revenue, line.actual_revenue,
                                           line.actual_growth, line.actual_rd_ratio], start=3):
                    detail.write_number(r, c, value or 0.0, number)
                detail.write_row(r, 8, [line.targets_met, line.targets_set, line.violation_count], cell)
                detail.write(r, 11, outcomes.get(line.proposed_outcome, ''), cell)
                detail.write(r, 12, line.proposal_reason or '', wrap)
                detail.write(r, 13, outcomes.get(line.decision, ''), cell)
                detail.write(r, 14, line.decision_reason or '', wrap)
