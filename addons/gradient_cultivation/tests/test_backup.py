import os
import shutil
import tempfile
import zipfile

from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.gradient_base.models.db_backup import backups_to_delete


class TestBackup(TransactionCase):

    def setUp(self):
        super(TestBackup, self).setUp()
        self.folder = tempfile.mkdtemp(prefix='gc-backup-test-')
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.job = self.env.ref('gradient_base.db_backup_daily')
        self.job.folder = self.folder

    def test_retention_keeps_daily_monthly_and_the_latest(self):
        names = ['2026_11_29_02_00_00.dump.zip', '2026_11_29_01_00_00.dump.zip', '2026_11_28_02_00_00.dump.zip',
                 '2026_11_27_02_00_00.dump.zip', '2026_10_31_02_00_00.dump.zip', '2026_10_01_02_00_00.dump.zip',
                 '2026_09_30_02_00_00.dump.zip', '2026_08_15_02_00_00.dump.zip']
        doomed = backups_to_delete(names, keep_daily=2, keep_monthly=2)
        # kept: the newest of 11-29 and 11-28 (daily), of 2026-11 and 2026-10 (monthly)
        self.assertEqual(sorted(doomed), ['2026_08_15_02_00_00.dump.zip', '2026_09_30_02_00_00.dump.zip',
                                          '2026_10_01_02_00_00.dump.zip', '2026_11_27_02_00_00.dump.zip',
                                          '2026_11_29_01_00_00.dump.zip'])
        # the last good backup is never deleted, whatever the settings
        self.assertEqual(backups_to_delete(names[:1], keep_daily=1, keep_monthly=0), [])

    def test_cleanup_deletes_only_what_the_retention_allows(self):
        for name in ('2026_11_29_02_00_00', '2026_11_28_02_00_00', '2026_11_27_02_00_00', '2026_10_31_02_00_00'):
            open(os.path.join(self.folder, name + '.dump.zip'), 'w').close()
        open(os.path.join(self.folder, 'notes.txt'), 'w').close()  # not a backup: left alone
        self.job.write({'keep_daily': 2, 'keep_monthly': 1})
        self.job.cleanup()
        self.assertEqual(sorted(os.listdir(self.folder)), [
            '2026_11_28_02_00_00.dump.zip', '2026_11_29_02_00_00.dump.zip', 'notes.txt'])

    def test_a_backup_holds_the_database_and_the_filestore_and_is_logged(self):
        self.job.action_backup()
        files = os.listdir(self.folder)
        self.assertEqual(len(files), 1)
        with zipfile.ZipFile(os.path.join(self.folder, files[0])) as archive:
            names = archive.namelist()
        self.assertIn('dump.sql', names)
        self.assertTrue(any(name.startswith('filestore/') for name in names))
        # posted in the language of whoever ran it (our i18n_extra gives auto_backup's message its Chinese)
        bodies = ' '.join(self.job.message_ids.mapped('body'))
        self.assertTrue('数据库备份成功' in bodies or 'Database backup succeeded' in bodies, bodies)

    @mute_logger('odoo.addons.auto_backup.models.db_backup')
    def test_a_failed_backup_is_logged_and_notified_to_administrators(self):
        self.job.folder = '/proc/gc-cannot-write-here'
        self.job.action_backup()
        failure = self.env.ref('auto_backup.mail_message_subtype_failure')
        message = self.job.message_ids.filtered(lambda m: m.subtype_id == failure)
        self.assertTrue(message)
        admin_partner = self.env.ref('base.partner_root')
        followers = self.job.message_follower_ids.filtered(lambda f: f.partner_id == admin_partner)
        self.assertIn(failure, followers.subtype_ids)
