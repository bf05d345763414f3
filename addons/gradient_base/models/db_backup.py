import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from contextlib import closing
from datetime import datetime
from glob import glob

from psycopg2 import sql

import odoo
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.service import db as odoo_db

from odoo.addons.auto_backup.models import db_backup as oca_db_backup

_logger = logging.getLogger(__name__)

# Odoo's own rule for database names (the database manager's), and PostgreSQL's length limit.
DB_NAME_PATTERN = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')
DB_NAME_MAX = 63


def dump_database(db_name, stream, backup_format='zip'):
    """Odoo's database dump (the same zip the database manager makes: dump.sql, filestore/,
    manifest.json), without the database manager's guard. Odoo 11 refuses ``dump_db`` and
    ``dump_db_manifest`` while the manager is off (``list_db = False``), which production
    requires; the scheduled backup and ``make backup`` are not the database manager."""
    cmd = ['pg_dump', '--no-owner', db_name]
    if backup_format != 'zip':
        cmd.insert(-1, '--format=c')
        _stdin, stdout = odoo.tools.exec_pg_command_pipe(*cmd)
        shutil.copyfileobj(stdout, stream)
        return
    with odoo.tools.osutil.tempdir() as dump_dir:
        filestore = odoo.tools.config.filestore(db_name)
        if os.path.exists(filestore):
            shutil.copytree(filestore, os.path.join(dump_dir, 'filestore'))
        with odoo.sql_db.db_connect(db_name).cursor() as cr, \
                open(os.path.join(dump_dir, 'manifest.json'), 'w') as manifest:
            json.dump(odoo_db.dump_db_manifest.__wrapped__(cr), manifest, indent=4)
        cmd.insert(-1, '--file=' + os.path.join(dump_dir, 'dump.sql'))
        if odoo.tools.exec_pg_command(*cmd):
            raise IOError('pg_dump failed for %s' % db_name)
        odoo.tools.osutil.zip_dir(dump_dir, stream, include_dir=False,
                                  fnct_sort=lambda name: name != 'dump.sql')


def database_exists(db_name):
    with closing(odoo.sql_db.db_connect('postgres').cursor()) as cr:
        cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', (db_name,))
        return bool(cr.fetchone())


def release_database(db_name):
    """Forgets this process's registry of ``db_name`` and closes its pooled connections."""
    odoo.modules.registry.Registry.delete(db_name)
    odoo.sql_db.close_db(db_name)


def drop_database(db_name):
    """Drops ``db_name`` and its filestore, ending its sessions first, as Odoo's drop does (whose
    guard and list of databases, which may leave this one out, do not apply here)."""
    release_database(db_name)
    with closing(odoo.sql_db.db_connect('postgres').cursor()) as cr:
        cr.autocommit(True)
        odoo_db._drop_conn(cr, db_name)
        cr.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(sql.Identifier(db_name)))
    filestore = odoo.tools.config.filestore(db_name)
    if os.path.exists(filestore):
        shutil.rmtree(filestore)
    _logger.info('Dropped the database %s', db_name)


def _load_dump(db_name, dump):
    command = [odoo.tools.find_pg_tool('psql'), '--dbname=' + db_name, '-X', '-q', '-v', 'ON_ERROR_STOP=1',
               '--single-transaction', '-f', dump]
    result = subprocess.run(command, env=odoo.tools.exec_pg_environ(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if result.returncode:
        errors = result.stderr.decode('utf-8', 'replace').splitlines()
        _logger.error('psql could not load %s into %s:\n%s', dump, db_name, '\n'.join(errors[-20:]))
        cause = next((line for line in errors if 'ERROR:' in line or 'FATAL:' in line), errors[-1] if errors else '')
        raise IOError(cause.split('ERROR:', 1)[-1].strip() or 'psql failed')


def restore_database(db_name, path, copy=False):
    """Restores the backup ``path`` (Odoo's zip: dump.sql and filestore/) into the new database
    ``db_name``. Like the database manager's restore, without its guard, and stricter: psql
    stops at the first SQL error and the result must be an Odoo database, so that a damaged
    dump fails instead of leaving a half-loaded database (or a blank one that Odoo would
    initialise). On failure the new database is dropped. ``copy``: a copy beside the original
    gets a database identity of its own."""
    odoo_db._create_empty_database(db_name)
    try:
        with odoo.tools.osutil.tempdir() as dump_dir:
            with zipfile.ZipFile(path) as archive:
                filestore = [name for name in archive.namelist() if name.startswith('filestore/')]
                archive.extractall(dump_dir, ['dump.sql'] + filestore)
            _load_dump(db_name, os.path.join(dump_dir, 'dump.sql'))
            with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
                if not odoo.modules.db.is_initialized(cr):
                    raise IOError('%s does not hold an Odoo database' % os.path.basename(path))
            with odoo.api.Environment.manage():
                registry = odoo.modules.registry.Registry.new(db_name)
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    if copy:
                        env['ir.config_parameter'].init(force=True)
                    if filestore:
                        shutil.move(os.path.join(dump_dir, 'filestore'), env['ir.attachment']._filestore())
    except Exception:
        _logger.exception('Restoring %s into %s failed: the new database is dropped', path, db_name)
        release_database(db_name)
        drop_database(db_name)
        raise
    finally:
        release_database(db_name)
    _logger.info('Restored %s into the new database %s', path, db_name)


def _connections_in_use(db_name):
    """How many of this process's pooled connections to ``db_name`` are borrowed."""
    pool = odoo.sql_db._Pool
    if pool is None:
        return 0
    dsn = odoo.sql_db.connection_info_for(db_name)[1]
    return sum(1 for cnx, used in list(pool._connections) if used and cnx._original_dsn == dsn)


def _signaling_values(db_name):
    with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
        cr.execute('SELECT last_value FROM base_registry_signaling')
        registry_value = cr.fetchone()[0]
        cr.execute('SELECT last_value FROM base_cache_signaling')
        return registry_value, cr.fetchone()[0]


def replace_database(current, restored, kept, wait=30):
    """Puts the database ``restored`` (and its filestore) in the place of ``current``, which is
    kept under the name ``kept``: nothing is lost, a bad restore is undone by renaming back.
    Waits up to ``wait`` seconds for this process's requests on ``current`` to end, then
    refuses new connections to it, ends the remaining ones (like Odoo's rename) and swaps the
    names; a failed step undoes the ones before it."""
    deadline = time.time() + wait
    while _connections_in_use(current) and time.time() < deadline:
        time.sleep(0.1)
    old_signals = _signaling_values(current)
    release_database(restored)
    undo = []
    with closing(odoo.sql_db.db_connect('postgres').cursor()) as cr:
        cr.autocommit(True)

        def execute(query, *names):
            # lint: names are quoted by psycopg2.sql.Identifier, not interpolated
            cr.execute(sql.SQL(query).format(*[sql.Identifier(name) for name in names]))  # pylint: disable=sql-injection

        def rename(old, new):
            # the ended sessions may take a moment to go; PostgreSQL refuses while any is left
            for attempt in range(50):
                release_database(old)
                odoo_db._drop_conn(cr, old)
                try:
                    with odoo.tools.mute_logger('odoo.sql_db'):
                        execute('ALTER DATABASE {} RENAME TO {}', old, new)
                    break
                except Exception:
                    if attempt == 49:
                        raise
                    time.sleep(0.2)
            _logger.info('Renamed the database %s to %s', old, new)

        def move_filestore(old, new):
            source, target = odoo.tools.config.filestore(old), odoo.tools.config.filestore(new)
            if os.path.exists(source):
                shutil.move(source, target)
                undo.append(lambda: shutil.move(target, source))

        try:
            execute('ALTER DATABASE {} WITH ALLOW_CONNECTIONS false', current)
            undo.append(lambda: execute('ALTER DATABASE {} WITH ALLOW_CONNECTIONS true', current))
            rename(current, kept)
            undo.append(lambda: rename(kept, current))
            execute('ALTER DATABASE {} WITH ALLOW_CONNECTIONS true', kept)
            undo.append(lambda: execute('ALTER DATABASE {} WITH ALLOW_CONNECTIONS false', kept))
            rename(restored, current)
            undo.append(lambda: rename(current, restored))
            move_filestore(current, kept)
            move_filestore(restored, current)
        except Exception:
            _logger.exception('Replacing %s by %s failed: undoing', current, restored)
            for step in reversed(undo):
                try:
                    step()
                except Exception:
                    _logger.exception('Could not undo a step of the replacement of %s', current)
            raise
    release_database(current)
    # Other server processes hold a registry of the replaced database: moving the signals past
    # any value they know makes each of them reload it at its next request.
    with closing(odoo.sql_db.db_connect(current).cursor()) as cr:
        new_signals = _signaling_values(current)
        cr.execute("SELECT setval('base_registry_signaling', %s), setval('base_cache_signaling', %s)",
                   (max(old_signals[0], new_signals[0]) + 1, max(old_signals[1], new_signals[1]) + 1))
        # lint: the swap of databases must be committed before the names change (outside the request)
        cr.commit()  # pylint: disable=invalid-commit
    _logger.info('The database %s is now the restored backup; the former one is kept as %s', current, kept)


class _ScheduledDump(object):
    """What auto_backup calls as ``db``."""

    @staticmethod
    def dump_db(db_name, stream, backup_format='zip'):
        if stream is None:  # auto_backup's remote (SFTP) path wants a file back
            stream = tempfile.TemporaryFile()
            dump_database(db_name, stream, backup_format)
            stream.seek(0)
            return stream
        return dump_database(db_name, stream, backup_format)


oca_db_backup.db = _ScheduledDump


def backups_to_delete(names, keep_daily, keep_monthly):
    """The backup files to delete under the retention: the newest backup of each of the last
    ``keep_daily`` days that have one, and of each of the last ``keep_monthly`` months, are kept;
    the newest backup of all is always kept. ``names`` start with the auto_backup timestamp
    (YYYY_MM_DD_HH_MM_SS), so sorting them sorts by time."""
    ordered = sorted(names, reverse=True)
    keep = set(ordered[:1])
    for width, count in ((10, keep_daily), (7, keep_monthly)):  # 'YYYY_MM_DD' and 'YYYY_MM'
        seen = []
        for name in ordered:
            period = os.path.basename(name)[:width]
            if period not in seen:
                if len(seen) == count:
                    break
                seen.append(period)
                keep.add(name)
    return [name for name in ordered if name not in keep]


def human_size(size):
    for unit in ('B', 'KB', 'MB', 'GB'):
        if size < 1024 or unit == 'GB':
            return ('%d %s' if unit == 'B' else '%.1f %s') % (size, unit)
        size /= 1024.0


class DbBackup(models.Model):
    """Scheduled backups (OCA auto_backup) with a retention of N daily and M monthly backups
    instead of a plain age limit; failures are notified to the administrators."""
    _inherit = 'db.backup'

    keep_daily = fields.Integer(string='Daily Backups Kept', default=14,
                                help='The newest backup of each of this many days is kept.')
    keep_monthly = fields.Integer(string='Monthly Backups Kept', default=12,
                                  help='The newest backup of each of this many months is kept.')

    # What an administrator needs to know of a job at a glance (issue 19: the job was known by
    # its server path, the list showed auto_backup's unused age limit, no last backup).
    title = fields.Char(compute='_compute_title', string='Backup')
    last_backup_date = fields.Datetime(compute='_compute_backup_files', string='Last Backup')
    last_backup_size = fields.Char(compute='_compute_backup_files', string='Size of the Last Backup')
    backup_count = fields.Integer(compute='_compute_backup_files', string='Backups Kept')
    next_run = fields.Datetime(compute='_compute_next_run', string='Next Backup')
    retention = fields.Char(compute='_compute_title')

    @api.depends('frequency', 'method', 'keep_daily', 'keep_monthly')
    def _compute_title(self):
        frequencies = {'daily': _('Daily'), 'hourly': _('Hourly')}
        for backup in self:
            where = _('on this server') if backup.method == 'local' else _('by SFTP')
            backup.title = _('%(frequency)s backup of %(database)s %(where)s') % {
                'frequency': frequencies.get(backup.frequency, ''), 'database': self.env.cr.dbname, 'where': where}
            backup.retention = _('%(daily)d daily, %(monthly)d monthly') % {
                'daily': backup.keep_daily, 'monthly': backup.keep_monthly}

    @api.depends('folder', 'method', 'backup_format')
    def _compute_backup_files(self):
        for backup in self:
            files = backup._backup_files() if backup.method == 'local' else []
            newest = max(files, key=os.path.getmtime) if files else None
            backup.backup_count = len(files)
            backup.last_backup_date = fields.Datetime.to_string(
                datetime.utcfromtimestamp(os.path.getmtime(newest))) if newest else False
            backup.last_backup_size = human_size(os.path.getsize(newest)) if newest else False

    @api.multi
    def _backup_files(self):
        self.ensure_one()
        extension = 'dump.zip' if self.backup_format == 'zip' else self.backup_format
        return glob(os.path.join(self.folder or '', '*.%s' % extension)) if self.folder else []

    @api.depends('frequency')
    def _compute_next_run(self):
        crons = {'daily': 'auto_backup.ir_cron_backup_scheduler_0',
                 'hourly': 'auto_backup.ir_cron_backup_scheduler_hourly'}
        for backup in self:
            cron = self.env.ref(crons.get(backup.frequency, ''), raise_if_not_found=False) if backup.frequency else None
            backup.next_run = cron.sudo().nextcall if cron and cron.sudo().active else False

    @api.multi
    def name_get(self):
        return [(backup.id, backup.title) for backup in self]

    @api.constrains('keep_daily', 'keep_monthly')
    def _check_retention(self):
        for backup in self:
            if backup.keep_daily < 1 or backup.keep_monthly < 0:
                raise ValidationError(_('Daily Backups Kept: keep at least one daily backup; '
                                        'Monthly Backups Kept cannot be negative.'))

    @api.multi
    def action_backup(self):
        super(DbBackup, self).action_backup()
        return True  # an answer for RPC clients: XML-RPC cannot send auto_backup's None

    @api.multi
    def cleanup(self):
        local = self.filtered(lambda b: b.method == 'local')
        for backup in local:
            with backup.cleanup_log():
                names = backup._backup_files()
                for name in backups_to_delete(names, backup.keep_daily, backup.keep_monthly):
                    os.unlink(name)
        return super(DbBackup, self - local).cleanup()

    @api.multi
    def message_post(self, body='', subtype=None, **kwargs):
        # auto_backup 11.0 passes its failure subtype as a record, which message_post does not
        # understand: the failure was posted without a subtype and notified nobody.
        if isinstance(subtype, models.BaseModel):
            subtype = subtype.get_external_id().get(subtype.id)
        return super(DbBackup, self).message_post(body=body, subtype=subtype, **kwargs)

    @api.multi
    def action_open_restore(self):
        """Opens the restore wizard on the backups of this job's folder (system administrators)."""
        self.ensure_one()
        return self.env['db.backup.restore.wizard'].open_for(self)

    @api.model
    def action_open_restore_default(self):
        """Settings › Technical › Restore a Backup: the wizard on the first job kept on this disk."""
        backup = self.search([('method', '=', 'local')], limit=1)
        if not backup:
            raise UserError(_('Backup Job: no backup job keeps its backups on this server; create one first.'))
        return backup.action_open_restore()

    @api.multi
    def _post_restore_log(self, message, success=True):
        """A restore's outcome in the job's chatter; a failure notifies the administrators."""
        subtype = 'mail.mt_note' if success else 'auto_backup.mail_message_subtype_failure'
        # An administrator without an e-mail address is logged all the same (mail would refuse).
        sender = self.env.user.partner_id.email_formatted if self.env.user.email \
            else self.env.user.company_id.partner_id.email_formatted if self.env.user.company_id.email \
            else self.env.user.name
        for backup in self:
            backup.message_post(body=odoo.tools.plaintext2html(message), subtype=subtype, email_from=sender)

    @api.multi
    def _post_replace_outcome(self, outcome, values):
        """The end of an in-place restore, posted in the restored database by the background swap."""
        if outcome == 'replaced':
            message = _('%(user)s replaced the database %(db)s with the backup %(file)s; the former database '
                        'is kept as %(kept)s.') % values
        else:
            message = _('%(user)s could not replace the database %(db)s with the backup %(file)s: %(error)s. '
                        'The database is unchanged.') % values
        self._post_restore_log(message, outcome == 'replaced')

    @api.model
    def _administrators(self):
        """The users told of backup and restore failures: the system administrators here; a
        business addon adds its own administrators."""
        return self.env.ref('base.group_system').users

    @api.model
    def _subscribe_administrators(self):
        """The administrators follow every backup job's failures."""
        partners = self._administrators().mapped('partner_id')
        failure = self.env.ref('auto_backup.mail_message_subtype_failure')
        # lint: a configuration table of a few rows, read whole on purpose
        for backup in self.search([]):  # pylint: disable=no-search-all
            backup.message_subscribe(partner_ids=partners.ids, subtype_ids=[failure.id, self.env.ref('mail.mt_comment').id])
        return True
