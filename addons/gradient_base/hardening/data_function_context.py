"""`<function>` tags of data files keep their file's context.

Odoo 11 evaluates a `<function>` tag in an environment with the file's context (`<odoo
context="{'lang': 'zh_CN'}">`), then calls the method through ``api.call_kw`` with no keyword
arguments, which replaces the context with an empty one: the demo's workflow steps ran without a
language, and their chatter notes and to-dos named the review stages in English ("Bureau Online
Review通过", issue 19). A tag whose file or element gives a context now passes it on; the others
are left to Odoo."""
import odoo
from odoo.tools import convert

_tag_function = convert.xml_import._tag_function


def _tag_function_with_context(self, rec, data_node=None, mode=None):
    context = self.get_context(data_node, rec, {'ref': self.id_get})
    if not context or (self.isnoupdate(data_node) and self.mode != 'init'):
        return _tag_function(self, rec, data_node, mode)
    env = self.env(user=self.get_uid(data_node, rec), context=context)
    args = []
    if rec.get('eval'):
        self.idref['ref'] = self.id_get
        args = convert.safe_eval(rec.get('eval'), self.idref)
    for child in rec:
        value = convert._eval_xml(self, child, env)
        if value is not None:
            args.append(value)
    odoo.api.call_kw(env[rec.get('model')], rec.get('name'), args, {'context': dict(context)})


convert.xml_import._tag_function = _tag_function_with_context
