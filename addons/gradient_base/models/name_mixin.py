from odoo import api, models


class CultivationNameMixin(models.AbstractModel):
    """``name_get`` from the record name's column alone.

    Odoo's generic ``name_get`` reads ``record[_rec_name]``, which prefetches every column of
    every record in the prefetch set. Lists show several many2one columns of these models (an
    application list: enterprise, library, territory, call, stage), so each list paid for reading
    whole enterprises, calls and stages to show their names: 117 ms for 80 applications against
    45 ms with this (measured on the benchmark database, scripts/bench)."""
    _name = 'cultivation.name.mixin'
    _description = 'Display Names Read from One Column'

    @api.multi
    def name_get(self):
        field = self._fields[self._rec_name]
        return [(record.id, field.convert_to_display_name(record[self._rec_name], record))
                for record in self.with_context(prefetch_fields=False)]
