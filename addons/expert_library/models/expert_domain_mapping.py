from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ExpertDomainMapping(models.Model):
    """Which service domains help with a weak portrait indicator. A row names an indicator code
    (the same code in every scheme and version) or a whole dimension; a code row wins over the
    row of its dimension. Seeded from data/, edited by the bureau."""
    _name = 'expert.domain.mapping'
    _description = 'Indicator to Domain Mapping'
    _inherit = ['gradient.checked.input', 'cultivation.keep.mixin']
    _order = 'sequence, id'

    sequence = fields.Integer(default=10)
    indicator_code = fields.Char(index=True,
                                 help='The code of a portrait indicator, e.g. ip_level. Leave empty to map a whole dimension.')
    dimension_id = fields.Many2one('portrait.dimension', ondelete='cascade',
                                   help='Used for the weak indicators of this dimension that no code row names.')
    domain_ids = fields.Many2many('expert.domain', 'expert_domain_mapping_domain_rel', 'mapping_id', 'domain_id',
                                  string='Service Domains', required=True)
    note = fields.Char(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(indicator_code)', 'Indicator Code: each code is mapped once.'),
    ]

    @api.constrains('indicator_code', 'dimension_id')
    def _check_target(self):
        for mapping in self:
            if bool(mapping.indicator_code) == bool(mapping.dimension_id):
                raise ValidationError(_('Indicator mapping: give either an indicator code or a dimension, not both.'))

    @api.model
    def _domains_for_lines(self, lines):
        """{domain record: evaluation lines it addresses} for weak evaluation lines."""
        lines = self._argument_records('portrait.evaluation.line', lines, _('Indicators'), single=False)
        # lint: a configuration table of a few rows, read whole on purpose
        mappings = self.search([])  # pylint: disable=no-search-all
        by_code = {m.indicator_code: m.domain_ids for m in mappings if m.indicator_code}
        by_dimension = {m.dimension_id.id: m.domain_ids for m in mappings if m.dimension_id}
        needed = {}
        for line in lines:
            domains = by_code.get(line.code)
            if domains is None:
                domains = by_dimension.get(line.dimension_id.id, self.env['expert.domain'])
            for domain in domains:
                needed[domain] = needed.get(domain, line.browse()) | line
        return needed
