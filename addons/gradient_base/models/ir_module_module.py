from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = 'ir.module.module'

    @api.model
    def _gc_load_translations(self, names):
        """Load the zh_CN (and other installed) terms of the given modules now. Odoo loads a
        module's translations after its demo data: the demo's workflow (submissions, reviews,
        notices, tracking) then wrote its chatter in English ("Monthly Report 创建"). The demo
        files call this first. Loading again at the end of the install changes nothing."""
        self.search([('name', 'in', list(names))])._update_translations()
        # translated reads are memoised (ir.translation._get_ids/_get_source): forget the
        # "untranslated" answers given before the terms were there
        self.env['ir.translation'].clear_caches()
        # and the values read before in the same language (record caches of every environment)
        self.invalidate_cache()
        return True

    @api.model
    def _gc_unlink_records(self, xmlids):
        """Remove the given records of other modules' demo data, those that exist."""
        for xmlid in xmlids:
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                record.unlink()
        return True
