import os
import shutil
import tempfile
import time
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from odoo.addons.gradient_base.models.db_backup import database_exists

PASSWORD = 'Restore2026Check'
DUMP = b'--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n'


def write_zip(path, members):
    with zipfile.ZipFile(path, 'w') as archive:
        for name, data in members.items():
            archive.writestr(name, data)


class TestBackupRestore(SavepointCase):
    """The restore wizard's gate: only system administrators, only the folder's own Odoo backups,
    a valid and free database name, the typed confirmation and the administrator's password,
    each refusal told in Chinese and naming the field. Real restores run in tests/ops."""

    @classmethod
    def setUpClass(cls):
        super(TestBackupRestore, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN', tracking_disable=True, no_reset_password=True))
        cls.folder = tempfile.mkdtemp(prefix='gc-restore-test-')
        cls.outside = tempfile.mkdtemp(prefix='gc-restore-outside-')
        cls.job = cls.env.ref('gradient_base.db_backup_daily')
        cls.job.folder = cls.folder
        good = {'dump.sql': DUMP, 'manifest.json': '{}', 'filestore/ab/abcdef': os.urandom(300 * 1024)}
        write_zip(os.path.join(cls.folder, '2026_11_01_02_00_00.dump.zip'), good)
        write_zip(os.path.join(cls.folder, '2026_11_02_02_00_00.dump.zip'), good)
        write_zip(os.path.join(cls.folder, 'no_dump.dump.zip'), {'manifest.json': '{}'})
        write_zip(os.path.join(cls.folder, 'not_pg.dump.zip'), {'dump.sql': b'DROP TABLE everything;'})
        with open(os.path.join(cls.folder, 'renamed.dump.zip'), 'wb') as f:
            f.write(b'%PDF-1.4 not a zip at all')
        with open(os.path.join(cls.folder, 'notes.txt'), 'w') as f:
            f.write('not a backup')
        write_zip(os.path.join(cls.outside, 'elsewhere.dump.zip'), good)
        for age, name in enumerate(('2026_11_02_02_00_00.dump.zip', '2026_11_01_02_00_00.dump.zip', 'no_dump.dump.zip',
                                    'not_pg.dump.zip', 'renamed.dump.zip')):
            stamp = time.time() - 3600 * (age + 1)
            os.utime(os.path.join(cls.folder, name), (stamp, stamp))
        groups = [cls.env.ref('base.group_user').id, cls.env.ref('base.group_system').id]
        cls.admin = cls.env['res.users'].create({
            'name': 'Restorer', 'login': 'restorer', 'password': PASSWORD, 'groups_id': [(6, 0, groups)]})
        cls.manager = cls.env['res.users'].create({
            'name': 'Platform manager', 'login': 'platform_manager', 'password': PASSWORD,
            'groups_id': [(6, 0, [cls.env.ref('gradient_cultivation.group_manager').id])]})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, True)
        shutil.rmtree(cls.outside, True)
        super(TestBackupRestore, cls).tearDownClass()

    def _wizard(self, user=None):
        action = self.job.sudo(user or self.admin).action_open_restore()
        return self.env['db.backup.restore.wizard'].sudo(user or self.admin).browse(action['res_id'])

    def _file(self, wizard, name):
        return wizard.file_ids.filtered(lambda f: f.name == name) or wizard.file_ids.create(
            {'wizard_id': wizard.id, 'name': name})

    def _refused(self, wizard, field_label, *fragments, **values):
        values.setdefault('password', PASSWORD)
        wizard.write(values)
        with self.assertRaises(UserError) as caught:
            wizard.action_restore()
        message = caught.exception.name
        self.assertTrue(message.startswith(field_label), message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    def test_lists_the_folders_backups_newest_first(self):
        wizard = self._wizard()
        self.assertEqual(wizard.file_ids.mapped('name'), [
            '2026_11_02_02_00_00.dump.zip', '2026_11_01_02_00_00.dump.zip', 'no_dump.dump.zip',
            'not_pg.dump.zip', 'renamed.dump.zip'])  # notes.txt is not a backup
        self.assertEqual(wizard.file_id.name, '2026_11_02_02_00_00.dump.zip')
        self.assertTrue(all(f.date for f in wizard.file_ids))
        self.assertEqual(wizard.file_id.size_mb, 0.3)  # 300 KB of files
        self.assertEqual(wizard.current_db, self.env.cr.dbname)
        self.assertEqual(self.env['db.backup'].sudo(self.admin).action_open_restore_default()['res_model'],
                         'db.backup.restore.wizard')

    def test_only_system_administrators_open_or_run_it(self):
        with self.assertRaises(AccessError):
            self.job.sudo(self.manager).action_open_restore()
        with self.assertRaises(AccessError):
            self.env['db.backup.restore.wizard'].sudo(self.manager).create({'backup_id': self.job.id})
        wizard = self._wizard()
        with self.assertRaises(AccessError):
            wizard.sudo(self.manager).action_restore()
        with self.assertRaises(AccessError) as caught:
            self.env['db.backup.restore.wizard'].sudo(self.manager).open_for(self.job)
        self.assertIn('系统管理员', caught.exception.name)

    def test_wrong_password_is_refused(self):
        wizard = self._wizard()
        self._refused(wizard, '您的密码', '不正确', password='not-my-password', mode='new',
                      new_db_name='gc_never_made', confirmation='gc_never_made')
        self.assertFalse(database_exists('gc_never_made'))
        self._refused(wizard, '您的密码', password=False)

    def test_a_file_outside_the_folder_is_refused(self):
        wizard = self._wizard()
        outside = os.path.join(self.outside, 'elsewhere.dump.zip')
        for name in (outside, '../%s/elsewhere.dump.zip' % os.path.basename(self.outside),
                     '../../../../../../etc/passwd', 'sub/../../x.dump.zip'):
            self._refused(wizard, '备份文件', '只能还原备份目录', file_id=self._file(wizard, name).id,
                          new_db_name='gc_never_made', confirmation='gc_never_made')

    def test_a_symlink_out_of_the_folder_is_refused(self):
        link = os.path.join(self.folder, 'link.dump.zip')
        os.symlink(os.path.join(self.outside, 'elsewhere.dump.zip'), link)
        self.addCleanup(os.unlink, link)
        wizard = self._wizard()
        self.assertNotIn('link.dump.zip', wizard.file_ids.mapped('name'))
        self._refused(wizard, '备份文件', '只能还原备份目录', file_id=self._file(wizard, 'link.dump.zip').id,
                      new_db_name='gc_never_made', confirmation='gc_never_made')

    def test_files_that_are_not_odoo_backups_are_refused(self):
        wizard = self._wizard()
        for name, fragment in (('renamed.dump.zip', 'zip'), ('no_dump.dump.zip', 'dump.sql'),
                               ('not_pg.dump.zip', 'PostgreSQL'), ('gone.dump.zip', '不在'),
                               ('notes.txt', 'zip')):
            self._refused(wizard, '备份文件', name, fragment, file_id=self._file(wizard, name).id,
                          new_db_name='gc_never_made', confirmation='gc_never_made')
        self._refused(wizard, '备份文件', '请选择', file_id=False)

    def test_the_new_database_name_must_be_valid_and_free(self):
        wizard = self._wizard()
        for name in ('bad name', 'x;DROP', '-dash', 'a/b', '名字', 'x' * 64, ''):
            self._refused(wizard, '新数据库名称', '字母', mode='new', new_db_name=name, confirmation=name)
        self._refused(wizard, '新数据库名称', '已存在', mode='new', new_db_name=self.env.cr.dbname,
                      confirmation=self.env.cr.dbname)

    def test_the_typed_confirmation_names_the_database_written(self):
        wizard = self._wizard()
        self._refused(wizard, '确认', 'gc_never_made', mode='new', new_db_name='gc_never_made', confirmation='yes')
        self._refused(wizard, '确认', self.env.cr.dbname, mode='replace', confirmation='gc_never_made')

    @mute_logger('odoo.addons.gradient_base.models.db_backup',
                 'odoo.addons.gradient_cultivation.wizards.db_backup_restore_wizard', 'odoo.service.db')
    def test_a_failed_restore_leaves_nothing_and_is_logged(self):
        write_zip(os.path.join(self.folder, 'broken.dump.zip'),
                  {'dump.sql': DUMP + b'CREATE TABLE broken (;\n'})
        self.addCleanup(os.unlink, os.path.join(self.folder, 'broken.dump.zip'))
        wizard = self._wizard()
        wizard.write({'file_id': self._file(wizard, 'broken.dump.zip').id, 'mode': 'new',
                      'new_db_name': 'gc_restore_broken', 'confirmation': 'gc_restore_broken', 'password': PASSWORD})
        wizard.action_restore()
        self.assertEqual(wizard.state, 'failed')
        self.assertIn('broken.dump.zip', wizard.result)
        self.assertIn('没有留下', wizard.result)
        self.assertFalse(database_exists('gc_restore_broken'))
        self.assertFalse(wizard.password)
        failure = self.env.ref('auto_backup.mail_message_subtype_failure')
        self.job.invalidate_cache()
        logged = self.job.message_ids.filtered(lambda m: m.subtype_id == failure)
        self.assertIn('broken.dump.zip', logged[:1].body)
        self.assertEqual(logged[:1].author_id, self.admin.partner_id)
