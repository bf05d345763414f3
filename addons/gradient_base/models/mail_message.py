"""Messages on records (issue 14, finding 5).

Odoo 11 lets anyone create a message on a record when they follow it or may read the message
it answers (``parent_id``), and lets the recipients of a message write it: a portal user posted
on another enterprise's application by answering a message it had received, rewrote the body of
a system notice, and moved a message to a third enterprise (``res_id``). Here:

- a message on a record is made only by someone who may read that record, whatever its parent
  or the followers say, in the poster's own name, and only with attachments the poster may read;
- what a message says and where it hangs (``model``, ``res_id``, ``body``, author, type,
  subtype, parent, attachments, recipients…) is never rewritten by anyone but the
  administrators; Odoo's own bookkeeping (read and starred marks, notified partners) stays open,
  as its notification code writes it as the acting user;
- a message is deleted by its author (with Odoo's own right on the record) or an administrator;
- outgoing mails (``mail.mail``) and other people's notifications are not read by others:
  ``security/mail_security.xml``."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .doc_access import allowed_doc_ids

# written by Odoo as the acting user when a message is posted, read or starred
BOOKKEEPING_FIELDS = frozenset(['needaction_partner_ids', 'starred_partner_ids', 'channel_ids',
                                'notification_ids', 'tracking_value_ids'])


def _record_ids(commands):
    """The ids a many2many value links (commands 4 and 6, or plain ids)."""
    ids = []
    for command in commands or []:
        if isinstance(command, int):
            ids.append(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == 4:
                ids.append(command[1])
            elif command[0] == 6:
                ids.extend(command[2] or [])
    return ids


class MailMessage(models.Model):
    _inherit = 'mail.message'

    def _gc_is_admin(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group('base.group_system')

    @api.model
    def create(self, values):
        if not self._gc_is_admin():
            self._gc_check_attachments(values.get('attachment_ids'))
            author = values.get('author_id')
            if author and author != self.env.user.partner_id.id:
                raise AccessError(_('A message is posted in your own name only.'))
        message = super(MailMessage, self).create(values)
        if not self._gc_is_admin():
            message._gc_check_on_readable_records()
        return message

    @api.multi
    def write(self, vals):
        if not self._gc_is_admin():
            locked = set(vals) - BOOKKEEPING_FIELDS
            if locked:
                raise AccessError(_('A message is not changed once posted: %(fields)s may be written '
                                    'by the administrators only.') % {'fields': ', '.join(sorted(locked))})
            if 'channel_ids' in vals:  # Odoo's notification code: the channels following the record
                self._gc_check_on_readable_records()
        return super(MailMessage, self).write(vals)

    @api.multi
    def unlink(self):
        if not self._gc_is_admin():
            own = self.env.user.partner_id
            if any(message.author_id != own for message in self.sudo()):
                raise AccessError(_('Only its author or an administrator deletes a message.'))
        return super(MailMessage, self).unlink()

    @api.multi
    def _gc_check_on_readable_records(self):
        """Refuses messages hanging off records the current user may not read."""
        by_model = {}
        for message in self.sudo():
            if message.model and message.res_id:
                by_model.setdefault(message.model, set()).add(message.res_id)
        for model, res_ids in by_model.items():
            if allowed_doc_ids(self.env, model, res_ids, 'read') != res_ids:
                raise AccessError(_('You may post only on records you can read (%(model)s).')
                                  % {'model': self.env['ir.model']._get(model).display_name or model})

    @api.model
    def _gc_check_attachments(self, commands):
        attachment_ids = _record_ids(commands)
        if attachment_ids:
            attachments = self.env['ir.attachment'].browse(attachment_ids).exists()
            try:
                attachments.check('read')
            except AccessError:
                raise AccessError(_('You may attach only files you can open yourself.'))


class MailThread(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'mail.thread'  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    def unlink(self):
        # Odoo deletes a record's messages as the user, which the rule above refuses to all but
        # their authors. Whether the record, and so its messages, may go is decided by the
        # record's own unlink, in this transaction: refused, it rolls this deletion back.
        self.env['mail.message'].sudo().search([('model', '=', self._name), ('res_id', 'in', self.ids)]).unlink()
        return super(MailThread, self).unlink()
