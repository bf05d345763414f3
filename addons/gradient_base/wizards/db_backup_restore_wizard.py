import logging
import os
import threading
import zipfile
from datetime import datetime

import odoo
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError

from ..models.db_backup import (DB_NAME_MAX, DB_NAME_PATTERN, database_exists, drop_database, replace_database,
                                restore_database)

_logger = logging.getLogger(__name__)

# What a pg_dump in plain format (Odoo's dump.sql) starts with.
DUMP_SIGNATURE = b'PostgreSQL database dump'


def list_backup_files(folder):
    """The backup archives of ``folder``, newest first: (name, size in MB, modification time)."""
    if not folder or not os.path.isdir(folder):
        return []
    found = []
    for entry in os.scandir(folder):
        if entry.name.endswith('.zip') and not entry.name.startswith('.') and entry.is_file(follow_symlinks=False):
            stat = entry.stat()
            found.append((entry.name, stat.st_size / 1024.0 / 1024.0, datetime.utcfromtimestamp(stat.st_mtime)))
    return sorted(found, key=lambda f: (f[2], f[0]), reverse=True)


class DbBackupRestoreFile(models.TransientModel):
    """A backup archive found in the job's folder when the restore wizard opened."""
    _name = 'db.backup.restore.file'
    _description = 'Backup File'
    _order = 'date desc, name desc'

    wizard_id = fields.Many2one('db.backup.restore.wizard', required=True, ondelete='cascade')
    name = fields.Char(string='File', required=True, readonly=True)
    size_mb = fields.Float(string='Size (MB)', digits=(16, 1), readonly=True)
    date = fields.Datetime(string='Made On', readonly=True)

    @api.model
    def create(self, vals):
        self.env['db.backup.restore.wizard']._check_administrator()
        return super(DbBackupRestoreFile, self).create(vals)

    @api.multi
    def name_get(self):
        return [(f.id, '%s (%.1f MB)' % (f.name, f.size_mb)) for f in self]


class DbBackupRestoreWizard(models.TransientModel):
    """Restores a backup of the job's folder from the back office, for system administrators:
    beside the current database as a new one, or in its place, the current one being kept under
    another name (database and filestore) so that nothing is lost. The administrator confirms
    with their own password and by typing the name of the database being written."""
    _name = 'db.backup.restore.wizard'
    _description = 'Restore a Backup'

    backup_id = fields.Many2one('db.backup', string='Backup Job', required=True, readonly=True, ondelete='cascade')
    folder = fields.Char(related='backup_id.folder', readonly=True)
    file_ids = fields.One2many('db.backup.restore.file', 'wizard_id', string='Backups in the Folder', readonly=True)
    file_id = fields.Many2one('db.backup.restore.file', string='Backup File',
                              domain="[('wizard_id', '=', id)]")
    mode = fields.Selection([
        ('new', 'Restore beside, as a new database'),
        ('replace', 'Replace the current database'),
    ], string='Restore', required=True, default='new')
    current_db = fields.Char(string='Current Database', compute='_compute_current_db')
    kept_db_pattern = fields.Char(string='Current Database Kept As', compute='_compute_current_db')
    new_db_name = fields.Char(string='New Database Name',
                              help='Letters, digits, _ - and . only; a database of that name must not exist.')
    confirmation = fields.Char(help='Type the name of the database that the restore writes.')
    password = fields.Char(string='Your Password', help='Your own login password: the restore asks who you are again.')
    state = fields.Selection([('choose', 'Choose'), ('done', 'Done'), ('failed', 'Failed')],
                             default='choose', readonly=True)
    result = fields.Text(readonly=True)

    def _compute_current_db(self):
        for wizard in self:
            wizard.current_db = self.env.cr.dbname
            wizard.kept_db_pattern = '%s_before_restore_<%s>' % (self.env.cr.dbname, _('date_time'))

    # ------------------------------------------------------------------ opening
    # Odoo 11 gives transient models no access rights (only "each user sees what they created"):
    # the administrators-only rule is checked here, on creation and on every action.
    @api.model
    def _check_administrator(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group('base.group_system'):
            raise AccessError(_('Only system administrators may restore a backup.'))

    @api.model
    def create(self, vals):
        self._check_administrator()
        return super(DbBackupRestoreWizard, self).create(vals)

    @api.model
    def open_for(self, backup):
        """The wizard for the job ``backup``, with the backups now present in its folder."""
        self._check_administrator()
        backup.ensure_one()
        if backup.method != 'local':
            raise UserError(_('Backup Job: only backups kept on this server\'s disk can be restored here; '
                              'copy the file from the SFTP server and use "make restore".'))
        wizard = self.create({
            'backup_id': backup.id,
            'file_ids': [(0, 0, {'name': name, 'size_mb': size, 'date': fields.Datetime.to_string(date)})
                         for name, size, date in list_backup_files(backup.folder)],
        })
        if wizard.file_ids:
            wizard.file_id = wizard.file_ids.sorted(lambda f: (f.date, f.name), reverse=True)[0]
        return wizard._reopen()

    def _reopen(self):
        return {
            'type': 'ir.actions.act_window',
            'name': _('Restore a Backup'),
            'res_model': self._name,
            'res_id': self.id,
            'view_mode': 'form',
            'views': [(self.env.ref('gradient_base.db_backup_restore_wizard_view_form').id, 'form')],
            'target': 'new',
        }

    # ------------------------------------------------------------------ checks
    def _check_password(self):
        password, self.password = self.password, False  # never kept beyond this check
        try:
            if not password:  # check_credentials alone would accept an empty password (auth_crypt)
                raise AccessDenied()
            # the password again, not a second code: the user passed both factors to get here
            self.env['res.users']._check_password_confirmation(password)
        except AccessDenied:
            _logger.warning('Restore refused: wrong password of %s', self.env.user.login)
            raise UserError(_('Your Password: the password is not correct; the restore was not started.'))

    def _backup_path(self):
        """The chosen file as a path inside the job's folder, checked to be an Odoo backup."""
        name = self.file_id.name
        if not name:
            raise UserError(_('Backup File: choose the backup to restore.'))
        folder = os.path.realpath(self.backup_id.folder or '')
        path = os.path.realpath(os.path.join(folder, name))
        if os.path.basename(name) != name or name.startswith('.') or os.path.dirname(path) != folder:
            raise UserError(_('Backup File: only the files of the backup folder %s can be restored.')
                            % self.backup_id.folder)
        if not os.path.isfile(path):
            raise UserError(_('Backup File: %s is no longer in the backup folder.') % name)
        if not zipfile.is_zipfile(path):
            raise UserError(_('Backup File: %s is not a backup of this platform (not a zip archive).') % name)
        try:
            with zipfile.ZipFile(path) as archive:
                if 'dump.sql' not in archive.namelist():
                    raise UserError(_('Backup File: %s holds no dump.sql, so it is not a database backup.') % name)
                with archive.open('dump.sql') as dump:
                    head = dump.read(4096)
        except (zipfile.BadZipfile, OSError, RuntimeError):
            raise UserError(_('Backup File: %s is damaged and cannot be read.') % name)
        if DUMP_SIGNATURE not in head:
            raise UserError(_('Backup File: the dump.sql of %s is not a PostgreSQL database dump.') % name)
        return path

    def _check_new_name(self, name, label):
        if not name or not DB_NAME_PATTERN.match(name) or len(name) > DB_NAME_MAX:
            raise UserError(_('%(label)s: use letters, digits, _ - and . only, starting with a letter or a digit, '
                              'at most %(db_name_max)d characters.') % {'label': label, 'db_name_max': DB_NAME_MAX})
        if database_exists(name):
            raise UserError(_('%(label)s: a database named %(name)s exists already; choose another name.') % {'label': label, 'name': name})

    def _target_db(self):
        return (self.new_db_name or '').strip() if self.mode == 'new' else self.env.cr.dbname

    # ------------------------------------------------------------------ restore
    @api.multi
    def action_restore(self):
        self.ensure_one()
        self._check_administrator()
        self._check_password()
        path = self._backup_path()
        if self.mode == 'new':
            self._check_new_name(self._target_db(), _('New Database Name'))
        target = self._target_db()
        if (self.confirmation or '').strip() != target:
            raise UserError(_('Confirmation: type %s to confirm the restore.') % target)
        if self.mode == 'new':
            return self._restore_new(path, target)
        return self._restore_replace(path)

    def _restore_new(self, path, target):
        try:
            restore_database(target, path, copy=True)
        except Exception as error:
            return self._finish(False, _('The backup %(file)s could not be restored into a new database %(target)s: %(error_text)s. '
                                         'Nothing was left behind.') % {'file': self.file_id.name, 'target': target, 'error_text': _error_text(error)})
        return self._finish(True, _('%(user)s restored the backup %(file)s beside the current database, as the new '
                                    'database %(target)s.') % {'user': self.env.user.name, 'file': self.file_id.name, 'target': target})

    def _restore_replace(self, path):
        current = self.env.cr.dbname
        stamp = datetime.now().strftime('%Y%m%d_%H%M%S')
        restored, kept = '%s_restoring_%s' % (current, stamp), '%s_before_restore_%s' % (current, stamp)
        if len(kept) > DB_NAME_MAX:
            raise UserError(_('Restore: the name of the current database is too long to keep it beside the '
                              'restored one (%s); restore beside as a new database instead.') % kept)
        try:
            restore_database(restored, path, copy=False)
        except Exception as error:
            return self._finish(False, _('The backup %(file)s could not be restored; the current database %(current)s is '
                                         'unchanged: %(error_text)s.') % {'file': self.file_id.name, 'current': current, 'error_text': _error_text(error)})
        self._log(_('%(user)s is replacing the current database %(current)s with the backup %(file)s; the current database is '
                    'kept as %(kept)s.') % {'user': self.env.user.name, 'current': current, 'file': self.file_id.name, 'kept': kept})
        # The names are swapped once this request's transaction has ended: the request holds a
        # connection to the current database until then.
        job = (self.backup_id.id, self.env.user.login, self.env.user.name, self.file_id.name,
               self.env.context.get('lang'))
        self.env.cr.after('commit', lambda: _start_replacement(current, restored, kept, job))
        self.env.cr.after('rollback', lambda: drop_database(restored))
        return {'type': 'ir.actions.client', 'tag': 'reload', 'params': {'wait': True}}

    def _finish(self, success, message):
        self._log(message, success)
        self.write({'state': 'done' if success else 'failed', 'result': message})
        return self._reopen()

    def _log(self, message, success=True):
        _logger.log(logging.INFO if success else logging.ERROR, 'Restore by %s (file %s, mode %s): %s',
                    self.env.user.login, self.file_id.name, self.mode, message)
        self.backup_id._post_restore_log(message, success)


def _error_text(error):
    """The last line of an error: the cause, without the technical preamble."""
    text = (getattr(error, 'name', None) or str(error) or repr(error)).strip()
    return text.splitlines()[-1] if text else repr(error)


def _start_replacement(current, restored, kept, job):
    thread = threading.Thread(target=_replace_in_background, args=(current, restored, kept, job),
                              name='restore-%s' % current)
    thread.start()  # not a daemon: a worker that stops waits for the swap to finish


def _replace_in_background(current, restored, kept, job):
    backup_id, login, user_name, file_name, lang = job
    threading.current_thread().dbname = current
    with odoo.api.Environment.manage():
        try:
            replace_database(current, restored, kept)
        except Exception as error:
            drop_database(restored)
            _post_in(current, backup_id, lang, 'failed',
                     user=user_name, file=file_name, db=current, error=_error_text(error))
        else:
            _logger.info('Restore by %s (file %s, mode replace): %s now holds the backup, the former database '
                         'is kept as %s', login, file_name, current, kept)
            _post_in(current, backup_id, lang, 'replaced', user=user_name, file=file_name, db=current, kept=kept)


def _post_in(db_name, backup_id, lang, outcome, **values):
    """Logs the outcome of a replacement on the backup job of ``db_name`` (the restored one)."""
    try:
        registry = odoo.registry(db_name)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, SUPERUSER_ID, {'lang': lang})
            backup = env['db.backup'].browse(backup_id).exists() or env['db.backup'].search([], limit=1)
            backup._post_replace_outcome(outcome, values)
    except Exception:
        _logger.exception('Could not log the outcome (%s) of the restore on %s', outcome, db_name)
