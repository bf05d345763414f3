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
        # 4 s for 80 members with 3 years of reports), with the figures the roster shows. The
        # members were read under the user's rights (the report is rendered for them only), and
        # their reports and suggestions go with them.
        memberships.check_access_rule('read')
        self.env.cr.execute("""
            SELECT DISTINCT ON (membership_id) membership_id, period_date, revenue_ytd, employees
              FROM cultivation_monthly_report
             WHERE membership_id IN %s AND state = 'submitted' AND active
             ORDER BY membership_id, period_date DESC""", (tuple(memberships.ids) or (0,),))
        latest = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        self.env.cr.execute("""
            SELECT membership_id, count(*) FROM cultivation_suggestion
             WHERE membership_id IN %s AND state = 'open' GROUP BY membership_id""",
                            (tuple(memberships.ids) or (0,),))
        open_suggestions = dict(self.env.cr.fetchall())
        # The members' columns in one read (many2ones as display names), not record by record
        # through the ORM's prefetch, which read every column of every enterprise, territory and
        # officer they point to: 600 -> 150 ms for 80 members (scripts/bench).
        rows = memberships.read(['enterprise_id', 'library_id', 'territory_id', 'industry_division',
                                 'date_admitted', 'state', 'territory_officer_id', 'bureau_officer_id'])
        credit_codes = {e['id']: e['credit_code'] for e in memberships.mapped('enterprise_id').read(['credit_code'])}
        sequences = {l['id']: l['sequence'] for l in memberships.mapped('library_id').read(['sequence'])}

        def name(value):
            return value[1] if value else ''

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
        rows.sort(key=lambda r: (sequences.get(r['library_id'] and r['library_id'][0], 0),
                                 name(r['territory_id']), name(r['enterprise_id'])))
        for row, values in enumerate(rows, start=3):
            period, revenue_ytd, employees = latest.get(values['id'], ('', 0.0, 0))
            sheet.write_row(row, 0, [
                name(values['enterprise_id']),
                credit_codes.get(values['enterprise_id'] and values['enterprise_id'][0]) or '',
                name(values['library_id']), name(values['territory_id']),
                industries.get(values['industry_division'], ''), values['date_admitted'] or '',
                states[values['state']], name(values['territory_officer_id']), name(values['bureau_officer_id']),
                (period or '')[:7],
            ], cell)
            sheet.write_number(row, 10, revenue_ytd or 0.0, money)
            sheet.write_number(row, 11, employees or 0, cell)
            sheet.write_number(row, 12, open_suggestions.get(values['id'], 0), cell)
        sheet.autofilter(2, 0, 2 + len(memberships), len(columns) - 1)
