"""Activities follow their record (issue 14, finding 6).

Odoo 11 gives every internal user read access to every ``mail.activity`` (a record rule cannot
name "the record of res_model/res_id"), so a territory reviewer listed the review to-dos and
overdue notes of other territories, with the enterprises' names. Here an activity is seen only
by those who may read its record, checked for all the activities of a model in one query; it
is made, changed or deleted only by those who may write its record (Odoo's own rule: and its
assignee may update it), and it never moves to another record."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .doc_access import allowed_doc_ids


class MailActivity(models.Model):
    _inherit = 'mail.activity'

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        if self.env.uid == SUPERUSER_ID or access_rights_uid == SUPERUSER_ID:
            return super(MailActivity, self)._search(args, offset=offset, limit=limit, order=order,
                                                     count=count, access_rights_uid=access_rights_uid)
        ids = super(MailActivity, self)._search(args, offset=0, limit=None, order=order, count=False,
                                                access_rights_uid=access_rights_uid)
        ids = self._gc_readable(ids)
        if count:
            return len(ids)
        return ids[offset:offset + limit] if limit else ids[offset:]

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        if self.env.uid != SUPERUSER_ID and len(self._gc_readable(self.ids)) < len(set(self.ids)):
            raise AccessError(_('You may see the activities of records you can read only.'))
        return super(MailActivity, self).read(fields=fields, load=load)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # read_group counts in SQL without _search: narrow it to the visible activities
        if self.env.uid != SUPERUSER_ID:
            domain = expression.AND([domain or [], [('id', 'in', self.search(domain or []).ids)]])
        return super(MailActivity, self).read_group(domain, fields, groupby, offset=offset, limit=limit,
                                                    orderby=orderby, lazy=lazy)

    @api.multi
    def write(self, values):
        if self.env.uid != SUPERUSER_ID and ('res_model' in values or 'res_id' in values
                                              or 'res_model_id' in values):
            raise AccessError(_('An activity stays on its record: schedule a new one on the other record.'))
        if self.env.uid != SUPERUSER_ID and len(self._gc_readable(self.ids)) < len(set(self.ids)):
            raise AccessError(_('You may see the activities of records you can read only.'))
        return super(MailActivity, self).write(values)

    @api.multi
    def unlink(self):
        if self.env.uid != SUPERUSER_ID and len(self._gc_readable(self.ids)) < len(set(self.ids)):
            raise AccessError(_('You may see the activities of records you can read only.'))
        return super(MailActivity, self).unlink()

    def _gc_readable(self, ids):
        """``ids`` (in their order) less the activities of records the user may not read."""
        if not ids:
            return []
        self._cr.execute('SELECT id, res_model, res_id FROM mail_activity WHERE id IN %s', (tuple(ids),))
        by_model = {}
        for aid, model, res_id in self._cr.fetchall():
            by_model.setdefault(model, {}).setdefault(res_id, []).append(aid)
        visible = set()
        for model, rows in by_model.items():
            for res_id in allowed_doc_ids(self.env, model, rows):
                visible.update(rows[res_id])
        return [aid for aid in ids if aid in visible]
