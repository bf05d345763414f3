from odoo import api, models


class IrTranslation(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'ir.translation'  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _repair_template_expressions(self):
        """Odoo 11's own zh_CN translates the Python operators inside some mail template
        expressions ("or" becomes "或"), which breaks their rendering: the subject of every
        notification e-mail to a Chinese user fails. Those translations go back to the source."""
        broken = self.search([
            ('lang', '=', 'zh_CN'), ('src', 'like', '${'),
            '|', '|', ('value', 'like', ' 或 '), ('value', 'like', ' 和 '), ('value', 'like', ' 非 ')])
        for translation in broken:
            translation.value = translation.src
        return len(broken) + self._repair_wrong_terms()

    # Core zh_CN terms that say something else than meant, by the view they appear in.
    WRONG_TERMS = {
        ('portal.portal_layout', 'Change'): '修改',  # core says 找零, "give change"
    }

    # Core zh_CN code terms (Python and the web client) that say something else than meant.
    WRONG_CODE_TERMS = {
        ('web', 'Delete'): '删除',  # core has the Traditional 刪除 in the 动作 menu
    }

    @api.model
    def _repair_wrong_terms(self):
        repaired = 0
        for (module, source), value in self.WRONG_CODE_TERMS.items():
            wrong = self.search([('lang', '=', 'zh_CN'), ('type', '=', 'code'), ('module', '=', module),
                                 ('src', '=', source), ('value', '!=', value)])
            wrong.write({'value': value})
            repaired += len(wrong)
        for (view_xmlid, source), value in self.WRONG_TERMS.items():
            view = self.env.ref(view_xmlid, raise_if_not_found=False)
            if not view:
                continue
            wrong = self.search([('lang', '=', 'zh_CN'), ('name', '=', 'ir.ui.view,arch_db'),
                                 ('res_id', '=', view.id), ('src', '=', source), ('value', '!=', value)])
            wrong.write({'value': value})
            repaired += len(wrong)
        return repaired
