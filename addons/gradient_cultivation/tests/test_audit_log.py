from odoo.exceptions import AccessError

from .common import CultivationCase

LOGGED_MODELS = (
    'cultivation.enterprise', 'cultivation.territory', 'cultivation.library', 'cultivation.call',
    'cultivation.review.stage', 'cultivation.application', 'cultivation.application.financial',
    'cultivation.application.attachment', 'cultivation.application.review', 'cultivation.application.version',
    'cultivation.membership',
    'res.users',
)


class TestAuditLog(CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(TestAuditLog, cls).setUpClass()
        cls._application_fixtures()

    def _logs(self, record, method):
        return self.env['auditlog.log'].search([
            ('model_id.model', '=', record._name), ('res_id', '=', record.id), ('method', '=', method)])

    def test_business_models_are_logged(self):
        rules = self.env['auditlog.rule'].search([('state', '=', 'subscribed')])
        self.assertTrue(set(LOGGED_MODELS) <= set(rules.mapped('model_id.model')))
        for rule in rules.filtered(lambda r: r.model_id.model in LOGGED_MODELS):
            self.assertTrue(rule.log_create and rule.log_write and rule.log_unlink, rule.name)
            self.assertEqual(rule.log_type, 'full')

    def test_a_change_is_logged_with_who_and_old_and_new_values(self):
        self.enterprise_a.sudo(self.territory_reviewer).write({'employee_count': 42, 'legal_representative': '张三'})
        log = self._logs(self.enterprise_a, 'write')
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.territory_reviewer)
        lines = {line.field_name: line for line in log.line_ids}
        self.assertEqual(lines['employee_count'].old_value_text, '0')
        self.assertEqual(lines['employee_count'].new_value_text, '42')
        self.assertEqual(lines['legal_representative'].new_value_text, '张三')

    def test_lines_are_logged_on_their_own_records_not_as_id_lists(self):
        application = self._new_application()
        application.write({'financial_ids': [(0, 0, {'year': 2023, 'operating_revenue': 5000})],
                           'main_product': 'Infrared sensors'})
        log = self._logs(application, 'write')
        self.assertEqual(len(log), 1)
        fields_logged = set(log.line_ids.mapped('field_name'))
        self.assertIn('main_product', fields_logged)
        self.assertFalse(fields_logged & {'financial_ids', 'attachment_ids', 'review_ids', 'message_ids'})
        financial = application.financial_ids.filtered(lambda f: f.year == 2023)
        created = self._logs(financial, 'create')
        self.assertEqual(len(created), 1)
        parent = created.line_ids.filtered(lambda l: l.field_name == 'application_id')
        self.assertTrue(parent.new_value.startswith('(%d,' % application.id), parent.new_value)

    def test_creation_and_deletion_keep_the_values(self):
        application = self._new_application()
        self.assertTrue(self._logs(application, 'create'))
        application_id, name = application.id, application.name
        manager = self._user('audit_deleter', 'gradient_cultivation.group_manager')
        application.sudo(manager).unlink()  # a draft, deleted by an administrator
        deleted = self.env['auditlog.log'].search([
            ('model_id.model', '=', 'cultivation.application'), ('res_id', '=', application_id),
            ('method', '=', 'unlink')])
        self.assertEqual(len(deleted), 1)
        self.assertIn(name, deleted.line_ids.mapped('old_value_text'))

    def test_review_steps_and_role_changes_are_logged(self):
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_return('incomplete')
        self.assertTrue(self._logs(application.review_ids[0], 'create'))
        self.bureau_reviewer.write({'groups_id': [(4, self.env.ref('gradient_cultivation.group_manager').id)]})
        self.assertTrue(self._logs(self.bureau_reviewer, 'write'))

    def test_logs_are_read_only_for_everyone(self):
        self.enterprise_a.write({'employee_count': 7})
        log = self._logs(self.enterprise_a, 'write')
        for env_user in (self.env.user, ):  # the superuser / administrator
            with self.assertRaises(AccessError):
                log.sudo(env_user).write({'name': 'forged'})
            with self.assertRaises(AccessError):
                log.sudo(env_user).unlink()
            with self.assertRaises(AccessError):
                log.line_ids.sudo(env_user).unlink()
        with self.assertRaises(AccessError):
            log.sudo(self.bureau_reviewer).read(['name'])  # and only administrators read them
        manager = self._user('audit_manager', 'gradient_cultivation.group_manager')
        self.assertEqual(log.sudo(manager).read(['res_id'])[0]['res_id'], self.enterprise_a.id)
