"""Restore from Settings: the administrator drives the restore wizard of the backup job over
XML-RPC, as the back office does. A backup is made, a marker record created before it and
another after it; the backup is restored beside as a new database (the first marker is there),
then in place of the test database: the second marker is gone from it and kept in the
`<db>_before_restore_<time>` database, and the server answers again.

The in-place restore runs again under a prefork server (workers, as in production): the
worker that swaps the databases is not the only one, and the others must serve the restored
database too.

Runs after the restore drill and before the fault recovery (OPS_ORDER in conftest.py); the
databases it makes are dropped at the end."""
import os
import subprocess
import time
import urllib.request
import xmlrpc.client

from .conftest import rpc_credential
from .prefork import prefork_server

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BASE_URL = os.environ.get('GC_BASE_URL', 'http://localhost:8069')
DB = os.environ.get('GC_DB_NAME', 'gradient_test')
BESIDE_DB = 'gc_restore_beside'
# Beside the test server's port and the fault recovery's (+7), so that checkouts do not collide.
PREFORK_PORT = int(os.environ.get('GC_TEST_HTTP_PORT', '8169')) + 9


def psql(db, query):
    """Rows of ``query`` on ``db`` of the project's PostgreSQL (scripts/common.sh's gc_psql)."""
    result = subprocess.run(['bash', '-c', 'source scripts/common.sh && gc_psql -d "$0" -tA -F "|" -c "$1"', db, query],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [line.split('|') for line in result.stdout.splitlines() if line]


def drop(db):
    psql('postgres', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s'" % db)
    psql('postgres', 'DROP DATABASE IF EXISTS "%s"' % db)
    subprocess.run(['bash', '-c', 'source scripts/common.sh && rm -rf "$GC_VAR/data/filestore/$0"', db], cwd=ROOT)


def databases(prefix):
    return {row[0] for row in psql('postgres', "SELECT datname FROM pg_database WHERE datname LIKE '%s%%'" % prefix)}


class Admin(object):
    def __init__(self, base_url=BASE_URL):
        self.uid = xmlrpc.client.ServerProxy(base_url + '/xmlrpc/2/common').authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
        assert self.uid
        self.models = xmlrpc.client.ServerProxy(base_url + '/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(DB, self.uid, rpc_credential('admin', 'admin'), model, method, list(args), kwargs)


def marker(admin, code):
    return admin('cultivation.territory', 'create', {'name': '还原标记 %s' % code, 'code': code})


def count(db, code):
    return int(psql(db, "SELECT count(*) FROM cultivation_territory WHERE code = '%s'" % code)[0][0])


def open_wizard(admin, job_id, backup_name):
    action = admin('db.backup', 'action_open_restore', [job_id])
    assert action['res_model'] == 'db.backup.restore.wizard' and action['target'] == 'new'
    wizard_id = action['res_id']
    files = admin('db.backup.restore.file', 'search_read', [('wizard_id', '=', wizard_id)], ['name', 'size_mb', 'date'])
    assert files and all(f['size_mb'] > 0 and f['date'] for f in files)
    assert [f['date'] for f in files] == sorted((f['date'] for f in files), reverse=True)  # newest first
    chosen = [f for f in files if f['name'] == backup_name]
    assert chosen, (backup_name, files)
    admin('db.backup.restore.wizard', 'write', [wizard_id], {'file_id': chosen[0]['id']})
    return wizard_id


def wait_for_replacement(code_before, code_after, base_url=BASE_URL, seconds=180):
    """The swap follows the request: wait until the server serves the restored database."""
    deadline, last = time.time() + seconds, None
    while time.time() < deadline:
        try:
            admin = Admin(base_url)
            found = admin('cultivation.territory', 'search_count', [('code', 'in', [code_before, code_after])])
            if found == 1 and admin('cultivation.territory', 'search_count', [('code', '=', code_before)]) == 1:
                return admin
            last = 'both markers still there'
        except Exception as error:  # the server refuses connections during the swap
            last = error
        time.sleep(1)
    raise AssertionError('the server did not come back with the restored database: %s' % last)


def backup_now(admin, job_id, folder):
    """A new backup by the job; its file name."""
    old_files = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    admin('db.backup', 'action_backup', [job_id])
    new_files = sorted(set(os.listdir(folder)) - old_files)
    assert len(new_files) == 1, new_files
    return new_files[0]


def replace_in_place(admin, job_id, backup, code_before, code_after, base_url=BASE_URL):
    """Replaces the test database with ``backup`` through the wizard; returns the kept database,
    after checking that the marker made after the backup lives on there only."""
    kept_before = databases(DB + '_before_restore_')
    wizard_id = open_wizard(admin, job_id, backup)
    admin('db.backup.restore.wizard', 'write', [wizard_id], {
        'mode': 'replace', 'confirmation': DB, 'password': 'admin'})
    action = admin('db.backup.restore.wizard', 'action_restore', [wizard_id])
    assert action['type'] == 'ir.actions.client' and action['tag'] == 'reload'
    admin = wait_for_replacement(code_before, code_after, base_url)
    kept = databases(DB + '_before_restore_') - kept_before
    assert len(kept) == 1, kept
    kept = kept.pop()
    assert count(DB, code_before) == 1 and count(DB, code_after) == 0
    assert count(kept, code_before) == 1 and count(kept, code_after) == 1  # nothing lost
    assert not databases(DB + '_restoring_')
    return admin, kept


def test_restore_beside_and_in_place_from_settings():
    admin = Admin()
    stamp = str(int(time.time()))
    kept_before = databases(DB + '_before_restore_')
    job_id = admin('db.backup', 'search', [('method', '=', 'local')], limit=1)[0]
    folder = admin('db.backup', 'read', [job_id], ['folder'])[0]['folder']
    made = []
    try:
        code_before, code_after = 'RESTORE-A-' + stamp, 'RESTORE-B-' + stamp
        marker(admin, code_before)
        backup = backup_now(admin, job_id, folder)
        made.append(os.path.join(folder, backup))
        marker(admin, code_after)  # made after the backup

        # 1. beside, as a new database: the data of the backup is there, the later marker is not
        wizard_id = open_wizard(admin, job_id, backup)
        admin('db.backup.restore.wizard', 'write', [wizard_id], {
            'mode': 'new', 'new_db_name': BESIDE_DB, 'confirmation': BESIDE_DB, 'password': 'admin'})
        admin('db.backup.restore.wizard', 'action_restore', [wizard_id])
        done = admin('db.backup.restore.wizard', 'read', [wizard_id], ['state', 'result', 'password'])[0]
        assert done['state'] == 'done', done
        assert BESIDE_DB in done['result'] and not done['password']
        assert count(BESIDE_DB, code_before) == 1 and count(BESIDE_DB, code_after) == 0
        drop(BESIDE_DB)

        # 2. in place of the test database, which is kept under another name
        admin, kept = replace_in_place(admin, job_id, backup, code_before, code_after)
        # the job's log in the restored database tells who replaced it with which file
        deadline = time.time() + 60
        while time.time() < deadline:
            logged = admin('mail.message', 'search_read', [('model', '=', 'db.backup'), ('res_id', '=', job_id),
                                                           ('body', 'ilike', kept)], ['body'])
            if logged:
                break
            time.sleep(1)
        assert logged and backup in logged[0]['body']
        # and the server works as before: a write and a read
        again = marker(admin, 'RESTORE-C-' + stamp)
        assert admin('cultivation.territory', 'read', [again], ['code'])[0]['code'] == 'RESTORE-C-' + stamp
    finally:
        drop(BESIDE_DB)
        for db in (databases(DB + '_before_restore_') - kept_before) | databases(DB + '_restoring_'):
            drop(db)
        for path in made:
            if os.path.exists(path):
                os.unlink(path)


def test_in_place_restore_under_prefork_workers():
    kept_before = databases(DB + '_before_restore_')
    base_url = 'http://127.0.0.1:%d' % PREFORK_PORT
    made = []
    try:
        with prefork_server(PREFORK_PORT, 'odoo-prefork-restore.log'):
            deadline = time.time() + 90
            while time.time() < deadline:
                try:
                    with urllib.request.urlopen(base_url + '/web/login', timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                time.sleep(0.5)
            admin = Admin(base_url)
            stamp = str(int(time.time()))
            job_id = admin('db.backup', 'search', [('method', '=', 'local')], limit=1)[0]
            folder = admin('db.backup', 'read', [job_id], ['folder'])[0]['folder']
            code_before, code_after = 'PREFORK-A-' + stamp, 'PREFORK-B-' + stamp
            marker(admin, code_before)
            backup = backup_now(admin, job_id, folder)
            made.append(os.path.join(folder, backup))
            marker(admin, code_after)
            admin, _kept = replace_in_place(admin, job_id, backup, code_before, code_after, base_url)
            # every worker serves the restored database, whichever takes the request
            for _ in range(8):
                assert Admin(base_url)('cultivation.territory', 'search_count', [('code', '=', code_after)]) == 0
            # and so does the test server, another process
            assert Admin()('cultivation.territory', 'search_count', [('code', 'in', [code_before, code_after])]) == 1
    finally:
        for db in (databases(DB + '_before_restore_') - kept_before) | databases(DB + '_restoring_'):
            drop(db)
        for path in made:
            if os.path.exists(path):
                os.unlink(path)
