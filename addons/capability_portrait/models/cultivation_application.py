from odoo import api, fields, models

from . import value_sources


class CultivationApplication(models.Model):
    _inherit = 'cultivation.application'

    @api.multi
    def portrait_self_assessment(self):
        """What the application would score on its tier's scheme, from the data saved so far:
        the scheme's result (see portrait.scheme.score_values) plus the scheme and the lines
        with their indicators, or None when the tier has no published scheme. Values the bureau
        enters by hand are unknown here: such base conditions are "to be confirmed"."""
        self.ensure_one()
        scheme = self.env['portrait.scheme'].scheme_for_library(self.library_id)
        if not scheme:
            return None
        compiled = scheme._compile()
        app = {name: self[name] for name in value_sources.APPLICATION_COLUMNS}
        financials = [{name: line[name] for name in value_sources.FINANCIAL_COLUMNS} for line in self.financial_ids]
        metrics = value_sources.application_metrics(app, financials)
        reader = value_sources.ValueReader(self.env, self.enterprise_id.ids, fields.Date.context_today(self))

        def source_value(indicator, key, position):
            # this application's own data (a draft included), not the enterprise's latest one
            if not key or key == 'manual':
                return None
            kind, name = key.split(':', 1)
            if kind == 'app':
                return metrics[name] if name in metrics else value_sources._clean(self._fields[name], self[name]) \
                    if name in self._fields else None
            if kind == 'ent':
                field = self.enterprise_id._fields.get(name)
                return value_sources._clean(field, self.enterprise_id[name]) if field else None
            return reader.monthly_values(name, value_sources.monthly_aggregate(indicator, key)).get(self.enterprise_id.id)
        values = value_sources.indicator_values(compiled['indicators'], source_value)
        result = scheme._score_compiled(compiled, values)
        indicators = {i.id: i for i in scheme.indicator_ids}
        for line in result['lines']:
            indicator = indicators[line['indicator_id']]
            line['indicator'] = indicator
            line['to_confirm'] = line['value'] is None and indicator.source_key == 'manual'
        result['scheme'] = scheme
        return result
