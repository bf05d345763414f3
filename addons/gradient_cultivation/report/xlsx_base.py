from odoo import models


class GradientXlsxBase(models.AbstractModel):
    """What our Excel reports share: the text users typed (an enterprise's name, a reason) goes
    into the cells as text. By default XlsxWriter turns a string starting with "=" into a formula
    and one looking like an address into a link: a name such as '=HYPERLINK("http://…")' would
    run in the reviewer's Excel (formula injection)."""
    _name = 'report.gradient_cultivation.xlsx_base'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Excel Report Base'

    def get_workbook_options(self):
        options = dict(super(GradientXlsxBase, self).get_workbook_options() or {})
        options.update(strings_to_formulas=False, strings_to_urls=False)
        return options
