import base64
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase, SavepointCase

PDF = base64.b64encode(b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')


class CultivationCase(SavepointCase):
    """Users of every role, territories and two enterprises, made once per class."""

    @classmethod
    def setUpClass(cls):
        super(CultivationCase, cls).setUpClass()
        # Users of the platform work in Chinese: messages are checked as they see them.
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN', tracking_disable=True, no_reset_password=True))
        Territory = cls.env['cultivation.territory']
        cls.zone = Territory.create({'name': 'Zone', 'code': 'T-ZONE', 'type': 'zone'})
        cls.street = Territory.create({'name': 'Street A', 'code': 'T-A', 'type': 'street', 'parent_id': cls.zone.id})
        cls.sub_park = Territory.create({'name': 'Park A1', 'code': 'T-A1', 'type': 'park', 'parent_id': cls.street.id})
        cls.other_street = Territory.create({'name': 'Street B', 'code': 'T-B', 'type': 'street', 'parent_id': cls.zone.id})

        cls.territory_reviewer = cls._user('t_reviewer', 'gradient_cultivation.group_territory_reviewer',
                                           territory_ids=[(6, 0, [cls.street.id])])
        cls.bureau_reviewer = cls._user('b_reviewer', 'gradient_cultivation.group_bureau_reviewer')
        cls.joint_reviewer = cls._user('j_reviewer', 'gradient_cultivation.group_joint_reviewer')
        cls.plain_user = cls._user('plain', 'base.group_user')

        Enterprise = cls.env['cultivation.enterprise']
        cls.enterprise_a = Enterprise.create({
            'name': 'Enterprise A', 'credit_code': '91610131MA00000018', 'territory_id': cls.street.id})
        cls.enterprise_a1 = Enterprise.create({
            'name': 'Enterprise A1', 'credit_code': '91610131MA0000002B', 'territory_id': cls.sub_park.id})
        cls.enterprise_b = Enterprise.create({
            'name': 'Enterprise B', 'credit_code': '91610131MA0000003E', 'territory_id': cls.other_street.id})
        contact = cls.env['res.partner'].create({'name': 'A contact', 'parent_id': cls.enterprise_a.partner_id.id})
        cls.portal_user = cls._user('portal_a', 'base.group_portal', partner_id=contact.id)

    @classmethod
    def _application_fixtures(cls):
        """An open call, the seeded stages with a full joint panel, and a complete draft
        application of enterprise A made by its portal user."""
        today = date.today()
        cls.srdi = cls.env.ref('gradient_cultivation.library_srdi_sme')
        cls.scale_up = cls.env.ref('gradient_cultivation.library_scale_up')
        cls.call = cls.env['cultivation.call'].create({
            'name': 'Open call', 'library_ids': [(6, 0, [cls.srdi.id, cls.scale_up.id])],
            'date_open': str(today - timedelta(days=5)), 'date_close': str(today + timedelta(days=5))})
        cls.stage_territory = cls.env.ref('gradient_cultivation.stage_territory')
        cls.stage_bureau = cls.env.ref('gradient_cultivation.stage_bureau')
        cls.stage_joint = cls.env.ref('gradient_cultivation.stage_joint')
        # Stages other modules or the demo may have added are out of these tests.
        (cls.env['cultivation.review.stage'].search([]) - cls.stage_territory - cls.stage_bureau
         - cls.stage_joint).write({'active': False})
        cls.joint_members = cls.joint_reviewer | cls._user('j2', 'gradient_cultivation.group_joint_reviewer') \
            | cls._user('j3', 'gradient_cultivation.group_joint_reviewer')
        cls.stage_joint.write({'joint_member_ids': [(6, 0, cls.joint_members.ids)], 'joint_member_count': 3})

    @classmethod
    def _library_fixtures(cls):
        """Three members admitted in 2024: A and B in the scale-up library, A1 in the SRDI one,
        followed by the territory reviewer; and the demo's suggestion rules out of the way."""
        cls.scale_up = cls.env.ref('gradient_cultivation.library_scale_up')
        cls.srdi = cls.env.ref('gradient_cultivation.library_srdi_sme')
        cls.little_giant = cls.env.ref('gradient_cultivation.library_little_giant')
        Membership = cls.env['cultivation.membership']
        cls.member_a = Membership.create({'enterprise_id': cls.enterprise_a.id, 'library_id': cls.scale_up.id,
                                          'date_admitted': '2024-01-15',
                                          'territory_officer_id': cls.territory_reviewer.id,
                                          'bureau_officer_id': cls.bureau_reviewer.id})
        cls.member_a1 = Membership.create({'enterprise_id': cls.enterprise_a1.id, 'library_id': cls.srdi.id,
                                           'date_admitted': '2024-03-01'})
        cls.member_b = Membership.create({'enterprise_id': cls.enterprise_b.id, 'library_id': cls.scale_up.id,
                                          'date_admitted': '2024-01-15'})

    @classmethod
    def _report(cls, membership, period, state='submitted', **figures):
        """A monthly report as the system would hold it (figures given, state set)."""
        values = {'membership_id': membership.id, 'period_date': period, 'state': state,
                  'date_deadline': period[:8] + '28'}
        values.update(figures)
        return cls.env['cultivation.monthly.report'].sudo().create(values)

    @classmethod
    def _year_of_reports(cls, membership, year, revenue=100.0, rd_ratio=5.0, months=range(1, 13), **extra):
        ytd, reports = 0.0, cls.env['cultivation.monthly.report']
        for month in months:
            ytd += revenue
            figures = dict(revenue=revenue, revenue_ytd=ytd, main_revenue=revenue * 0.9,
                           rd_expense=revenue * rd_ratio / 100, employees=50, total_profit=revenue * 0.1)
            figures.update(extra)
            reports |= cls._report(membership, '%d-%02d-01' % (year, month), **figures)
        return reports

    def _new_application(self, user=None, library=None, **vals):
        user = user or self.portal_user
        Application = self.env['cultivation.application'].sudo(user)
        values = {
            'enterprise_id': self.enterprise_a.id, 'call_id': self.call.id,
            'library_id': (library or self.srdi).id,
            'legal_representative': 'Liu', 'address': 'Road 1', 'industry_code': 'C3976',
            'contact_name': 'Zhou', 'contact_phone': '029-1', 'main_product': 'Sensors',
            'niche_field': 'Infrared', 'niche_years': 6,
            'pledge_accepted': True, 'pledge_signatory': 'Liu', 'pledge_date': str(date.today()),
            'financial_ids': [
                (0, 0, {'year': 2024, 'operating_revenue': 5000, 'main_revenue': 4500, 'net_profit': 400,
                        'total_assets': 8000, 'total_liabilities': 3000, 'rd_spend': 300}),
                (0, 0, {'year': 2025, 'operating_revenue': 6000, 'main_revenue': 5500, 'net_profit': 500,
                        'total_assets': 9000, 'total_liabilities': 3500, 'rd_spend': 400})],
            'attachment_ids': [
                (0, 0, {'doc_type': 'licence', 'name': 'licence.pdf', 'datas': PDF}),
                (0, 0, {'doc_type': 'financial_statement', 'name': 'statements.pdf', 'datas': PDF})],
        }
        values.update(vals)
        created = Application.create(values)
        return self.env['cultivation.application'].browse(created.id)  # read back as the test's superuser

    def _publish_and_close(self, applications, objections=()):
        """Publishes ``applications`` (passed the review) as the bureau, lodges ``objections``
        (application, values) on the public page, lets the period pass and runs the closing cron:
        the admissions are final. Returns the publication."""
        publication = self.env['cultivation.publication'].sudo(self.bureau_reviewer).create({
            'title': 'Intended admissions', 'application_ids': [(6, 0, applications.ids)]})
        publication.action_publish()
        publication = self.env['cultivation.publication'].browse(publication.id)
        for application, vals in objections:
            self.env['cultivation.objection']._lodge(publication, application.id, vals, [], '10.0.0.9')
        publication.sudo()._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        return publication

    @classmethod
    def _user(cls, login, group_xmlid, **vals):
        values = dict(name=login, login=login, email='%s@example.com' % login,
                      groups_id=[(6, 0, [cls.env.ref(group_xmlid).id])])
        values.update(vals)
        return cls.env['res.users'].create(values)


def untranslated_terms(env, module):
    """The user-facing terms of ``module`` that its i18n/zh_CN.po leaves untranslated."""
    import os
    import re

    import polib
    from odoo.modules.module import get_module_path
    from odoo.tools.translate import trans_generate

    def is_translated(entry):
        # An English sentence left as its own translation is not translated ("ID" may be).
        same = entry.msgstr == entry.msgid and re.search('[a-z]{3,}', entry.msgid)
        return entry.msgstr.strip() and not same and 'fuzzy' not in entry.flags

    po = polib.pofile(os.path.join(get_module_path(module), 'i18n', 'zh_CN.po'))
    translated = {entry.msgid for entry in po if is_translated(entry)}
    terms = {row[4] for row in trans_generate('zh_CN', [module], env.cr) if row[4].strip()}
    return sorted(terms - translated)


class ArchiveAssertions(object):
    """Checks shared by the three addons' archive tests (mixed into their test cases)."""

    def assertArchivedNotDeleted(self, record, user, archiver=None):
        """``user`` may not delete ``record`` and is told to archive it; ``archiver`` (``user`` by
        default) archives it: it leaves the default search, the Archived filter finds it again,
        and it comes back."""
        model = self.env[record._name]
        with self.assertRaises(AccessError) as caught:
            record.sudo(user).unlink()
        self.assertIn('不能删除', caught.exception.name)
        self.assertIn('归档', caught.exception.name)
        self.assertTrue(record.exists())
        as_archiver = record.sudo(archiver or user)
        as_archiver.toggle_active()
        self.assertFalse(record.active)
        self.assertNotIn(record, model.search([('id', '=', record.id)]))
        self.assertIn(record, model.search([('active', '=', False), ('id', '=', record.id)]))  # the Archived filter
        as_archiver.toggle_active()
        self.assertTrue(record.active)

    def assertKeptNotDeleted(self, record, *users):
        for user in users:
            with self.assertRaises((AccessError, UserError)) as caught:
                record.sudo(user).unlink()
            # Refused by the keep rule, or earlier by the access rights (no delete right at all)
            self.assertIn('删除', caught.exception.name, user.login)
        self.assertTrue(record.exists())


class ArchiveCase(ArchiveAssertions, CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(ArchiveCase, cls).setUpClass()
        cls.manager = cls._user('archive_manager', 'gradient_cultivation.group_manager')


class ServerCase(HttpCase):
    """HTTP tests in Odoo 11: the HTTP server works in the registry's test cursor, not in
    self.cr. Fixtures and checks go through ``_env()``, which takes that cursor and releases it
    at the end of the block so that requests can run; all is rolled back when the test ends."""

    @contextmanager
    def _env(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {'lang': 'zh_CN'})
            env.cache.invalidate()
            yield env

    # lint: super() returns nothing here (a compute method / HttpCase.authenticate)
    def authenticate(self, user, password):  # pylint: disable=missing-return
        # HttpCase.authenticate reads the user through self.cr; ours live in the test cursor.
        with self.registry.cursor() as cr:
            real_cr, self.cr = self.cr, cr
            try:
                super(ServerCase, self).authenticate(user, password)
            finally:
                self.cr = real_cr
