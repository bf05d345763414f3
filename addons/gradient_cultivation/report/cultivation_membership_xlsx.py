from odoo import _, models


class CultivationMembershipRosterXlsx(models.AbstractModel):
    """The roster of the selected members (在库企业名册), one row each, with their latest figures."""
    _name = 'report.gradient_cultivation.membership_roster_xlsx'
    _inherit = 'report.gradient_cultivation.xlsx_base'

    def generate_xlsx_report(self, workbook, data, memberships):
        title = workbook.add_format({'bold': True, 'font_size': 14})
        head = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1, 'text_wrap': True,
                                    'valign': 'vcenter', 'align': 'center'})
        cell = workbook.add_format({'border': 1, 'valign': 'top'})
        money = workbook.add_format({'border': 1, 'num_format': '#,##0.00'})
        Membership = self.env['cultivation.membership']
        states = dict(Membership._fields['state']._description_selection(self.env))
        industries = dict(Membership._fields['industry_division']._description_selection(self.env))
        # The latest submitted report of each member in one query (not all its months: measured
        # 4 s for 80 members with 3 years of reports). The members were read under the user's
        # rights above (the report is rendered for them only), and their reports go with them.
        memberships.check_access_rule('read')
        self.env.cr.execute("""
            SELECT DISTINCT ON (membership_id) membership_id, id FROM cultivation_monthly_report
             WHERE membership_id IN %s AND state = 'submitted' AND active
             ORDER BY membership_id, period_date DESC""", (tuple(memberships.ids) or (0,),))
        by_member = dict(self.env.cr.fetchall())
        reports = self.env['cultivation.monthly.report'].sudo().browse(list(by_member.values()))
        latest = {report.membership_id.id: report for report in reports}
        sheet = workbook.add_worksheet(_('Roster')[:31])
        sheet.write(0, 0, _('Roster of Library Members'), title)
        columns = [
            (_('Enterprise'), 30), (_('Unified Social Credit Code'), 22), (_('Cultivation Library'), 24),
            (_('Territory'), 24), (_('Industry Division'), 26), (_('Admitted On'), 12), (_('Status'), 10),
            (_('Territory Officer'), 12), (_('Bureau Officer'), 12), (_('Latest Report'), 10),
            (_('Revenue Year to Date (10k CNY)'), 16), (_('Employees'), 10), (_('Open Suggestions'), 10),
        ]
        for col, (label, width) in enumerate(columns):
            sheet.write(2, col, label, head)
            sheet.set_column(col, col, width)
        sheet.set_row(2, 32)
        sheet.freeze_panes(3, 1)
        for row, membership in enumerate(memberships.sorted(lambda m: (m.library_id.sequence, m.territory_id.complete_name or '', m.enterprise_id.name)), start=3):
            report = latest.get(membership.id)
            sheet.write_row(row, 0, [
                membership.enterprise_id.name, membership.enterprise_id.credit_code,
                membership.library_id.name, membership.territory_id.complete_name or '',
                industries.get(membership.industry_division, ''), membership.date_admitted or '',
                states[membership.state], membership.territory_officer_id.name or '',
                membership.bureau_officer_id.name or '', report.period_date[:7] if report else '',
            ], cell)
            sheet.write_number(row, 10, report.revenue_ytd if report else 0.0, money)
            sheet.write_number(row, 11, report.employees if report else 0, cell)
            sheet.write_number(row, 12, membership.open_suggestion_count, cell)
        sheet.autofilter(2, 0, 2 + len(memberships), len(columns) - 1)
