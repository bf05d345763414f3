"""Who may follow what (issue 14, finding 4).

Odoo 11 lets every user and portal user create ``mail.followers`` rows directly, on any record:
a follower is notified of the record's new messages and may post on it, so following another
enterprise's application read its chatter. Here a follower row is made, moved or read only on a
record its user may read; following for someone else (a partner or a channel) needs the right to
write the record and an internal user, and the partner followed must be able to read the record
too. Portal users only ever follow (or leave) for themselves: the portal has no screen to add
other people, and an enterprise choosing who reads a government record is not its decision."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .doc_access import allowed_doc_ids


def _label(env, model):
    return env['ir.model']._get(model).display_name or model


class MailFollowers(models.Model):
    _inherit = 'mail.followers'

    @api.model
    def create(self, vals):
        self._gc_check_following([vals])
        return super(MailFollowers, self).create(vals)

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and set(vals) & {'res_model', 'res_id', 'partner_id', 'channel_id'}:
            self._gc_check_following([dict({
                'res_model': follower.res_model, 'res_id': follower.res_id,
                'partner_id': follower.partner_id.id, 'channel_id': follower.channel_id.id}, **vals)
                for follower in self.sudo()])
        return super(MailFollowers, self).write(vals)

    @api.model
    def _gc_check_following(self, rows):
        """Refuses rows (values of mail.followers) the current user may not make; the superuser
        (server code that checked first, e.g. message_subscribe) is not checked here."""
        if self.env.uid == SUPERUSER_ID:
            return
        user = self.env.user
        own = user.partner_id.id
        for row in rows:
            model, res_id = row.get('res_model'), row.get('res_id')
            if not model or not res_id or not allowed_doc_ids(self.env, model, [res_id], 'read'):
                raise AccessError(_('You may follow only records you can read (%(model)s #%(id)s).')
                                  % {'model': model and _label(self.env, model) or '-', 'id': res_id or 0})
            partner = row.get('partner_id')
            if row.get('channel_id') or (partner and partner != own):
                if user.share or not allowed_doc_ids(self.env, model, [res_id], 'write'):
                    raise AccessError(_('Only staff who may edit %(model)s #%(id)s add other followers to it.')
                                      % {'model': _label(self.env, model), 'id': res_id})
                if partner:
                    self.env['mail.thread']._gc_check_partners_may_read(model, [res_id], [partner])

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        """Followers of records the user may read, and the user's own rows: who follows what is
        part of the record (Odoo 11 showed every row to everyone)."""
        if self.env.uid == SUPERUSER_ID or access_rights_uid == SUPERUSER_ID:
            return super(MailFollowers, self)._search(args, offset=offset, limit=limit, order=order,
                                                      count=count, access_rights_uid=access_rights_uid)
        ids = super(MailFollowers, self)._search(args, offset=0, limit=None, order=order,
                                                 count=False, access_rights_uid=access_rights_uid)
        ids = self._gc_visible(ids)
        if count:
            return len(ids)
        return ids[offset:offset + limit] if limit else ids[offset:]

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        if self.env.uid != SUPERUSER_ID and len(self._gc_visible(self.ids)) < len(set(self.ids)):
            self._gc_refuse_reading()
        return super(MailFollowers, self).read(fields=fields, load=load)

    @api.model
    def _gc_refuse_reading(self):
        raise AccessError(_('You may see the followers of records you can read only.'))

    def _gc_visible(self, ids):
        """``ids`` (in their order) less the rows on records the user may not read."""
        if not ids:
            return []
        own = self.env.user.partner_id.id
        self._cr.execute('SELECT id, res_model, res_id, partner_id FROM mail_followers WHERE id IN %s',
                         (tuple(ids),))
        by_model, visible = {}, set()
        for fid, model, res_id, partner in self._cr.fetchall():
            if partner == own:
                visible.add(fid)
            else:
                by_model.setdefault(model, {}).setdefault(res_id, []).append(fid)
        for model, rows in by_model.items():
            for res_id in allowed_doc_ids(self.env, model, rows):
                visible.update(rows[res_id])
        return [fid for fid in ids if fid in visible]


class MailThread(models.AbstractModel):
    _inherit = 'mail.thread'

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None, force=True):
        # Odoo checks the caller's right on the records, then writes the rows as the superuser:
        # the rest of the policy (the people followed may read the records) is checked here.
        if self.env.uid != SUPERUSER_ID and self.ids:
            others = [pid for pid in (partner_ids or []) if pid != self.env.user.partner_id.id]
            if (others or channel_ids) and self.env.user.share:
                raise AccessError(_('Portal users may follow records for themselves only.'))
            if others:
                self._gc_check_partners_may_read(self._name, self.ids, others)
        return super(MailThread, self).message_subscribe(partner_ids=partner_ids, channel_ids=channel_ids,
                                                         subtype_ids=subtype_ids, force=force)

    @api.model
    def _gc_check_partners_may_read(self, model, res_ids, partner_ids):
        """Refuses to make followers of partners whose user may not read the records: they
        would be sent what is posted there. Partners without a user (e-mail contacts) are
        the staff's own choice."""
        users = self.env['res.users'].sudo().search([('partner_id', 'in', list(partner_ids))])
        for user in users:
            # the followed user's own rights decide, not the caller's
            readable = allowed_doc_ids(self.env(user=user.id), model, res_ids, 'read')
            if len(readable) < len(set(res_ids)):
                raise AccessError(_('%(name)s may not read %(model)s and cannot follow it.')
                                  % {'name': user.name, 'model': _label(self.env, model)})
