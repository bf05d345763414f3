import json
import os
import shutil
import tempfile
from glob import glob

import odoo
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.service import db as odoo_db

from odoo.addons.auto_backup.models import db_backup as oca_db_backup


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


class DbBackup(models.Model):
    """Scheduled backups (OCA auto_backup) with a retention of N daily and M monthly backups
    instead of a plain age limit; failures are notified to the administrators."""
    _inherit = 'db.backup'

    keep_daily = fields.Integer(string='Daily Backups Kept', default=14,
                                help='The newest backup of each of this many days is kept.')
    keep_monthly = fields.Integer(string='Monthly Backups Kept', default=12,
                                  help='The newest backup of each of this many months is kept.')

    @api.constrains('keep_daily', 'keep_monthly')
    def _check_retention(self):
        for backup in self:
            if backup.keep_daily < 1 or backup.keep_monthly < 0:
                raise ValidationError(_('Daily Backups Kept: keep at least one daily backup; '
                                        'Monthly Backups Kept cannot be negative.'))

    @api.multi
    def cleanup(self):
        local = self.filtered(lambda b: b.method == 'local')
        for backup in local:
            with backup.cleanup_log():
                extension = 'dump.zip' if backup.backup_format == 'zip' else backup.backup_format
                names = glob(os.path.join(backup.folder, '*.%s' % extension))
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

    @api.model
    def _subscribe_administrators(self):
        """The administrators follow every backup job's failures."""
        partners = self.env.ref('gradient_cultivation.group_manager').users.mapped('partner_id')
        failure = self.env.ref('auto_backup.mail_message_subtype_failure')
        for backup in self.search([]):
            backup.message_subscribe(partner_ids=partners.ids, subtype_ids=[failure.id, self.env.ref('mail.mt_comment').id])
        return True
