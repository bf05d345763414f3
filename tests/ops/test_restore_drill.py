"""Restore drill: create data, back up (`make backup`), destroy it, restore (`make restore`),
and find every record and attachment again, byte for byte.

Runs after the access matrix (OPS_ORDER in conftest.py): it starts Odoo processes of its own on the test database,
after which the running test server reloads its registry (once, the access matrix once saw a
model missing while it did)."""
import hashlib
import json
import os
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
# The Odoo virtualenv of scripts/common.sh (GC_VENV), .venv of the checkout by default.
PYTHON = os.path.join(os.environ.get('GC_VENV') or os.path.join(ROOT, '.venv'), 'bin', 'python')
SOURCE_DB = os.environ.get('GC_DB_NAME', 'gradient_test')
DRILL_DB = 'gc_restore_drill'
COUNTED = ('cultivation_enterprise', 'cultivation_application', 'cultivation_application_financial',
           'cultivation_application_attachment', 'cultivation_application_review', 'cultivation_membership',
           'cultivation_territory', 'auditlog_log', 'ir_attachment', 'res_users', 'mail_message')


def odoo_shell(db, code):
    """Runs ``code`` in an Odoo shell on ``db``; it prints one JSON line starting with RESULT:."""
    result = subprocess.run(
        [PYTHON, os.path.join(ROOT, 'scripts', 'odoo-bin'), 'shell',
         '-c', os.path.join(ROOT, 'var', 'odoo-test.conf'), '-d', db, '--logfile=/dev/null'],
        input=code, capture_output=True, text=True, timeout=300, cwd=ROOT)
    lines = [l for l in result.stdout.splitlines() if l.startswith('RESULT:')]
    assert lines, 'odoo shell on %s printed no result:\n%s\n%s' % (db, result.stdout[-2000:], result.stderr[-2000:])
    return json.loads(lines[-1][len('RESULT:'):])


def make(*args, **env):
    result = subprocess.run(['make', '-s'] + list(args), cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env=dict(os.environ, **env))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


STATE = '''
import hashlib, json
counts = {}
for table in %r:
    env.cr.execute('SELECT count(*) FROM ' + table)
    counts[table] = env.cr.fetchone()[0]
marker = env['cultivation.enterprise'].search([('name', '=', '演练备份企业有限公司')])
application = env['cultivation.application'].search([('enterprise_id', '=', marker.id)]) if marker else env['cultivation.application']
files = {a.name: hashlib.sha256(__import__('base64').b64decode(a.datas)).hexdigest() for a in application.attachment_ids}
print('RESULT:' + json.dumps({'counts': counts, 'marker': marker.credit_code or None,
      'application': application.name or None, 'revenue': application.financial_ids.mapped('operating_revenue'),
      'files': files}))
''' % (COUNTED,)

CREATE = '''
import base64, os
zone = env['cultivation.territory'].search([], limit=1)
call = env['cultivation.call'].search([], limit=1)
enterprise = env['cultivation.enterprise'].create({'name': '演练备份企业有限公司', 'credit_code': '91610131MA00000091',
                                                   'territory_id': zone.id})
application = env['cultivation.application'].create({
    'enterprise_id': enterprise.id, 'call_id': call.id, 'library_id': call.library_ids[0].id,
    'financial_ids': [(0, 0, {'year': 2025, 'operating_revenue': 1234.5})]})
for name in ('licence.pdf', 'statements.pdf'):
    env['cultivation.application.attachment'].create({
        'application_id': application.id, 'doc_type': 'other', 'name': name,
        'datas': base64.b64encode(b'%PDF-1.4\\n' + os.urandom(4096))})
env.cr.commit()
print('RESULT:{}')
'''

DESTROY = '''
enterprise = env['cultivation.enterprise'].search([('name', '=', '演练备份企业有限公司')])
application = env['cultivation.application'].search([('enterprise_id', '=', enterprise.id)])
application.attachment_ids.unlink()
application.unlink()
partner = enterprise.partner_id
enterprise.unlink()
partner.unlink()
env.cr.commit()
print('RESULT:{}')
'''


def test_backup_destroy_restore_finds_everything_again(tmp_path):
    odoo_shell(SOURCE_DB, CREATE)
    before = odoo_shell(SOURCE_DB, STATE)
    assert before['marker'] and len(before['files']) == 2

    make('backup', DB=SOURCE_DB, DEST=str(tmp_path))
    backups = sorted(tmp_path.glob('*.dump.zip'))
    assert len(backups) == 1 and backups[0].stat().st_size > 100000

    odoo_shell(SOURCE_DB, DESTROY)
    destroyed = odoo_shell(SOURCE_DB, STATE)
    assert destroyed['marker'] is None and destroyed['files'] == {}

    try:
        make('restore', FILE=str(backups[0]), DB=DRILL_DB, FORCE='1')
        after = odoo_shell(DRILL_DB, STATE)
    finally:
        subprocess.run(['bash', '-c', 'source scripts/common.sh && gc_psql -d postgres -c "DROP DATABASE IF EXISTS %s" '
                        '&& rm -rf "$GC_VAR/data/filestore/%s"' % (DRILL_DB, DRILL_DB)], cwd=ROOT)
    assert after['marker'] == '91610131MA00000091'
    assert after['application'] == before['application']
    assert after['revenue'] == [1234.5]
    assert after['files'] == before['files']  # every attachment, byte for byte
    # every table as it was at the backup (the restore's own reads may add a login, nothing else)
    for table in ('cultivation_enterprise', 'cultivation_application', 'cultivation_application_financial',
                  'cultivation_application_attachment', 'cultivation_application_review',
                  'cultivation_membership', 'cultivation_territory', 'ir_attachment', 'res_users', 'mail_message'):
        assert after['counts'][table] == before['counts'][table], table
    assert after['counts']['auditlog_log'] >= before['counts']['auditlog_log']
