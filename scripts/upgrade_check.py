"""The checks of the upgrade test (scripts/upgrade_test.sh), in two steps:

    upgrade_check.py before DB SNAPSHOT.json
        what the database made by the earlier code holds: the ids of the business records, the
        users' groups, the backup jobs' retention, the XML ids of our addons;
    upgrade_check.py after DB SNAPSHOT.json UPDATE.log RESULT.json
        after the update with this checkout: every record, group membership and setting is still
        there, every XML id still exists, and those of the platform code that moved now belong to
        gradient_base, pointing at the same rows. Writes RESULT.json and exits 1 on a problem.

Connects with libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD)."""
import json
import re
import sys

import psycopg2

OURS = ('gradient_base', 'gradient_cultivation', 'capability_portrait', 'expert_library')
TABLES = ('cultivation_enterprise', 'cultivation_application', 'cultivation_membership',
          'cultivation_monthly_report', 'cultivation_plan', 'cultivation_violation', 'cultivation_territory',
          'portrait_scheme', 'portrait_evaluation', 'expert_expert', 'expert_service_request',
          'db_backup', 'auditlog_rule', 'auditlog_log', 'auditlog_log_line', 'res_users', 'mail_message')
# XML ids that must have moved from gradient_cultivation to gradient_base (a sample of each kind)
MUST_MOVE = ('db_backup_daily', 'config_login_ban_minutes', 'db_backup_view_form', 'db_backup_restore_menu',
             'db_backup_action_restore', 'http_error_page', 'model_db_backup_restore_wizard',
             'model_gradient_checked_input', 'model_cultivation_keep_mixin', 'field_db_backup_keep_daily',
             'field_db_backup_keep_monthly', 'field_auditlog_http_request_remote_addr')


def snapshot(cr):
    snap = {'ids': {}}
    for table in TABLES:
        cr.execute('SELECT id FROM "%s" ORDER BY id' % table)  # names from the list above
        snap['ids'][table] = [row[0] for row in cr.fetchall()]
    cr.execute("""SELECT u.login, d.module || '.' || d.name FROM res_groups_users_rel r
                    JOIN res_users u ON u.id = r.uid
                    JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
                   WHERE d.module IN %s ORDER BY 1, 2""", (OURS,))
    snap['groups'] = [list(row) for row in cr.fetchall()]
    cr.execute("SELECT id, keep_daily, keep_monthly FROM db_backup ORDER BY id")
    snap['retention'] = [list(row) for row in cr.fetchall()]
    cr.execute("SELECT module, name, model, res_id FROM ir_model_data WHERE module IN %s ORDER BY 1, 2", (OURS,))
    snap['xmlids'] = [list(row) for row in cr.fetchall()]
    cr.execute("SELECT key, value FROM ir_config_parameter WHERE key LIKE '%%login_ban_minutes'")
    snap['ban'] = dict(cr.fetchall())
    return snap


def compare(before, after, log):
    problems = []
    for table, ids in before['ids'].items():
        lost = sorted(set(ids) - set(after['ids'][table]))
        if lost:
            problems.append('%s: %d rows lost (ids %s)' % (table, len(lost), lost[:10]))
        if not ids and table not in ('auditlog_log', 'auditlog_log_line', 'cultivation_violation'):
            problems.append('%s: empty before the update; the test proves nothing for it' % table)
    lost = [g for g in before['groups'] if g not in after['groups']]
    if lost:
        problems.append('users lost their groups: %s' % lost[:10])
    if after['retention'] != before['retention']:
        problems.append('backup retention changed: %s -> %s' % (before['retention'], after['retention']))
    now = {(m, n): (model, res_id) for m, n, model, res_id in after['xmlids']}
    for module, name, model, res_id in before['xmlids']:
        moved = module == 'gradient_cultivation' and now.get(('gradient_base', name)) == (model, res_id)
        if name in MUST_MOVE and module == 'gradient_cultivation' and not moved:
            problems.append('gradient_cultivation.%s was not moved to gradient_base' % name)
        elif not moved and (module, name) not in now:
            problems.append('%s.%s (%s %s) is gone' % (module, name, model, res_id))
        elif not moved and now[(module, name)] != (model, res_id):
            problems.append('%s.%s now points at %s instead of %s %s' % (module, name, now[(module, name)], model, res_id))
    for name in MUST_MOVE:
        if not any(m == 'gradient_cultivation' and n == name for m, n, _, _ in before['xmlids']):
            problems.append('gradient_cultivation.%s did not exist before: the check is out of date' % name)
    if after['ban'].get('gradient_base.login_ban_minutes') != before['ban'].get('gradient_cultivation.login_ban_minutes'):
        problems.append('login ban window setting: %s -> %s' % (before['ban'], after['ban']))
    for line in log:
        if re.search(r' (ERROR|CRITICAL) ', line):
            problems.append('update log: %s' % line.strip()[:300])
        elif re.search(r'Deleting \S+ \((%s)\.' % '|'.join(OURS), line):
            problems.append('update deleted: %s' % line.strip()[:300])
    return problems


def main(argv):
    step, db = argv[1], argv[2]
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        snap = snapshot(cr)
    if step == 'before':
        json.dump(snap, open(argv[3], 'w'))
        print('upgrade test: %s' % ', '.join('%d %s' % (len(v), k) for k, v in snap['ids'].items()))
        return 0
    before = json.load(open(argv[3]))
    with open(argv[4], errors='replace') as f:
        problems = compare(before, json.loads(json.dumps(snap)), f.readlines())
    json.dump({'passed': not problems, 'problems': problems}, open(argv[5], 'w'), indent=1)
    for problem in problems:
        print('  upgrade: ' + problem)
    before_ids = {(m, n) for m, n, _, _ in before['xmlids']}
    print('upgrade test: %s (%d XML ids of ours, %d records checked, %d XML ids moved to gradient_base)' % (
        'passed' if not problems else 'FAILED', len(before['xmlids']), sum(len(v) for v in before['ids'].values()),
        sum(1 for m, n, _, _ in snap['xmlids'] if m == 'gradient_base' and ('gradient_cultivation', n) in before_ids)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
