"""11.0.1.1.0: the platform code left gradient_cultivation for gradient_base (the checked-input,
keep and name mixins, the audit glue, backups and the restore wizard, the error pages, the
translation repairs, the login-ban window, the report guard, the listen-backlog hook).

Odoo deletes, at the end of an update, the records a module's data no longer declares, and
uninstalling a module drops the tables and columns of the models and fields it reflected. So the
XML ids of what moved change module here, before gradient_base loads its new data: the records
(backup job, settings, views, menu, action) stay the same rows and the data stays; the models and
fields (db.backup's retention columns, the audit request's address) are gradient_base's from now
on. Runs once, when gradient_base goes from 11.0.1.0.0 to 11.0.1.1.0; nothing to do on a new
database."""
import logging

_logger = logging.getLogger(__name__)

# records of the data files that moved (data/db_backup_data.xml, data/login_security_data.xml,
# views/db_backup_views.xml, views/http_error_templates.xml)
RECORDS = (
    'db_backup_daily',
    'config_brute_force_max_by_ip_user', 'config_brute_force_max_by_ip', 'config_login_ban_minutes',
    'db_backup_view_form', 'db_backup_restore_wizard_view_form', 'db_backup_action_restore',
    'db_backup_restore_menu', 'http_error_content', 'http_error_page',
)
# models defined by the moved code
MODELS = ('gradient.checked.input', 'cultivation.keep.mixin', 'cultivation.name.mixin',
          'gradient.audit.readonly', 'db.backup.restore.file', 'db.backup.restore.wizard')
# fields the moved code adds to other modules' models
FIELDS = (('db.backup', 'keep_daily'), ('db.backup', 'keep_monthly'),
          ('auditlog.http.request', 'remote_addr'), ('auditlog.log', 'remote_addr'))


def migrate(cr, version):
    if not version:
        return
    moved = []
    cr.execute("""
        SELECT d.id FROM ir_model_data d
         WHERE d.module = 'gradient_cultivation' AND d.name IN %s""", (RECORDS,))
    moved += [row[0] for row in cr.fetchall()]
    cr.execute("""
        SELECT d.id FROM ir_model_data d JOIN ir_model m ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE d.module = 'gradient_cultivation' AND m.model IN %s""", (MODELS,))
    moved += [row[0] for row in cr.fetchall()]
    cr.execute("""
        SELECT d.id FROM ir_model_data d JOIN ir_model_fields f ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = 'gradient_cultivation' AND (f.model IN %s OR (f.model, f.name) IN %s)""",
               (MODELS, FIELDS))
    moved += [row[0] for row in cr.fetchall()]
    if not moved:
        return
    # an XML id gradient_base made for itself meanwhile would collide: the moved one wins
    cr.execute("""
        DELETE FROM ir_model_data b USING ir_model_data c
         WHERE c.id IN %s AND b.module = 'gradient_base' AND b.name = c.name""", (tuple(moved),))
    cr.execute("UPDATE ir_model_data SET module = 'gradient_base' WHERE id IN %s", (tuple(moved),))
    # the setting of the login-ban window is the platform's now
    cr.execute("""
        UPDATE ir_config_parameter SET key = 'gradient_base.login_ban_minutes'
         WHERE key = 'gradient_cultivation.login_ban_minutes'
           AND NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE key = 'gradient_base.login_ban_minutes')""")
    _logger.info('gradient_base %s: %d XML ids moved from gradient_cultivation', version, len(moved))
