from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CultivationApplicationFinancial(models.Model):
    """One year of the financial figures an application declares (万元 = 10,000 CNY)."""
    _name = 'cultivation.application.financial'
    _inherit = ['gradient.checked.input']
    _description = 'Application Financials'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('application_id',)
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'year desc'

    # auto_join: the record rules filter on the application's state and territory; a join lets
    # PostgreSQL do it instead of a list of every application id (measured: 60-90 ms per read).
    application_id = fields.Many2one('cultivation.application', string='Admission Application', required=True,
                                     ondelete='cascade', index=True,
                                     auto_join=True)
    year = fields.Integer(required=True)
    operating_revenue = fields.Float(string='Operating Revenue (10k CNY)', digits=(16, 2))
    main_revenue = fields.Float(string='Main-business Revenue (10k CNY)', digits=(16, 2))
    net_profit = fields.Float(string='Net Profit (10k CNY)', digits=(16, 2))
    total_assets = fields.Float(string='Total Assets (10k CNY)', digits=(16, 2))
    total_liabilities = fields.Float(string='Total Liabilities (10k CNY)', digits=(16, 2))
    rd_spend = fields.Float(string='R&D Spend (10k CNY)', digits=(16, 2))
    equity_financing = fields.Float(string='Equity Financing (10k CNY)', digits=(16, 2))
    rd_ratio = fields.Float(string='R&D Ratio (%)', compute='_compute_ratios', digits=(5, 2))
    debt_ratio = fields.Float(string='Debt-to-asset Ratio (%)', compute='_compute_ratios', digits=(5, 2))

    _sql_constraints = [
        ('year_unique', 'unique(application_id, year)', 'Financials: each year can be given only once.'),
    ]

    SNAPSHOT_FIELDS = ('operating_revenue', 'main_revenue', 'net_profit', 'total_assets',
                       'total_liabilities', 'rd_spend', 'equity_financing')

    @api.depends('operating_revenue', 'rd_spend', 'total_assets', 'total_liabilities')
    def _compute_ratios(self):
        for line in self:
            line.rd_ratio = line.operating_revenue and 100.0 * line.rd_spend / line.operating_revenue
            line.debt_ratio = line.total_assets and 100.0 * line.total_liabilities / line.total_assets

    @api.model
    def line_errors(self, vals):
        """{field: message} for one year's figures (``vals``: year and the SNAPSHOT_FIELDS, as
        numbers): the rules of a financial year, all at once for a form, first one for the
        constraint."""
        errors = {}
        year = vals.get('year') or 0
        if not 1949 < year < 2100:
            errors['year'] = _('Year: give a four-digit year (you gave %s).') % year
        for name in self.SNAPSHOT_FIELDS:
            if name != 'net_profit' and (vals.get(name) or 0) < 0:
                errors[name] = _('%(field)s of %(year)d: cannot be negative.') % {
                    'field': self._fields[name].get_description(self.env)['string'], 'year': year}
        operating = vals.get('operating_revenue') or 0
        if 'operating_revenue' in errors:
            return errors  # the comparisons with it wait until it is right
        if 'main_revenue' not in errors and (vals.get('main_revenue') or 0) > operating:
            errors['main_revenue'] = _('Main-business Revenue of %d: cannot exceed the operating revenue.') % year
        if 'rd_spend' not in errors and operating and (vals.get('rd_spend') or 0) > operating:
            errors['rd_spend'] = _('R&D Spend of %d: cannot exceed the operating revenue.') % year
        return errors

    @api.constrains('year', *SNAPSHOT_FIELDS)
    def _check_values(self):
        for line in self:
            errors = self.line_errors(dict(line._snapshot(), year=line.year))
            if errors:
                raise ValidationError(next(iter(errors.values())))

    def _snapshot(self):
        return {name: self[name] for name in self.SNAPSHOT_FIELDS}

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        self.env['cultivation.application'].browse(vals.get('application_id'))._check_lines_editable()
        return super(CultivationApplicationFinancial, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        self.mapped('application_id')._check_lines_editable()
        return super(CultivationApplicationFinancial, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('application_id')._check_lines_editable()
        return super(CultivationApplicationFinancial, self).unlink()
