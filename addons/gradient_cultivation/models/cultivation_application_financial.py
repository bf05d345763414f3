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

    @api.constrains('year', *SNAPSHOT_FIELDS)
    def _check_values(self):
        labels = {name: self._fields[name].get_description(self.env)['string'] for name in self.SNAPSHOT_FIELDS}
        for line in self:
            if not 1949 < line.year < 2100:
                raise ValidationError(_('Year: give a four-digit year (you gave %s).') % line.year)
            for name in self.SNAPSHOT_FIELDS:
                if name != 'net_profit' and line[name] < 0:
                    raise ValidationError(_('%s of %d: cannot be negative.') % (labels[name], line.year))
            if line.main_revenue > line.operating_revenue:
                raise ValidationError(_('Main-business Revenue of %d: cannot exceed the operating revenue.') % line.year)
            if line.rd_spend > line.operating_revenue and line.operating_revenue:
                raise ValidationError(_('R&D Spend of %d: cannot exceed the operating revenue.') % line.year)

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
