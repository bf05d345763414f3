from odoo import api, models, tools


class ResLang(models.Model):
    _inherit = 'res.lang'

    # Every portal page asks which languages are installed and which is the default one, two to
    # four times (http_routing's dispatch), each a search. Both change rarely, and res.lang and
    # ir.default clear the caches (in every worker) when they do.
    @api.model
    @tools.ormcache()
    def _gc_frontend_lang_ids(self):
        return tuple(self.search([]).ids)

    @api.model
    @tools.ormcache()
    def _gc_default_lang_id(self):
        code = self.env['ir.default'].sudo().get('res.partner', 'lang')
        lang = self.search([('code', '=', code)], limit=1) if code else self.search([], limit=1)
        return lang.id
