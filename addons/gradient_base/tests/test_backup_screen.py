import os
import shutil
import tempfile

from odoo.tests.common import SavepointCase


class TestBackupScreen(SavepointCase):
    """Issue 19: the backup job was known by its server path, its list said 保留天数 0 while 14
    were kept, and nothing said when the last backup was made."""

    @classmethod
    def setUpClass(cls):
        super(TestBackupScreen, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN'))
        cls.folder = tempfile.mkdtemp(prefix='gc-backups-')
        cls.job = cls.env['db.backup'].create({
            'folder': cls.folder, 'method': 'local', 'backup_format': 'zip', 'frequency': 'daily',
            'keep_daily': 14, 'keep_monthly': 12})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super(TestBackupScreen, cls).tearDownClass()

    def _file(self, name, size, mtime):
        path = os.path.join(self.folder, name)
        with open(path, 'wb') as f:
            f.write(b'x' * size)
        os.utime(path, (mtime, mtime))

    def test_the_job_says_what_it_keeps_and_when_it_last_ran(self):
        job = self.job
        self.assertFalse(job.last_backup_date)
        self.assertEqual(job.backup_count, 0)
        self._file('2026_11_29_03_00_00.dump.zip', 1000, 1795921200)  # 2026-11-29 03:00 UTC
        self._file('2026_11_30_03_00_00.dump.zip', 3 * 1024 * 1024, 1796007600)  # 2026-11-30 03:00 UTC
        self._file('notes.txt', 10, 1796007600)
        job.invalidate_cache()
        self.assertEqual(job.backup_count, 2)
        self.assertEqual(job.last_backup_date, '2026-11-30 03:00:00')
        self.assertEqual(job.last_backup_size, '3.0 MB')
        self.assertEqual(job.retention, '每日 14 份，每月 12 份')
        self.assertNotIn(self.folder, job.title)
        self.assertEqual(job.name_get()[0][1], job.title)
        self.assertIn(self.env.cr.dbname, job.title)

    def test_the_next_run_is_the_scheduler_s(self):
        cron = self.env.ref('auto_backup.ir_cron_backup_scheduler_0')
        self.assertEqual(self.job.next_run, cron.nextcall)
