# lint: the description lives in readme/ and the repository's README.md; OCA's README.rst is made by their bot, which does not run here
# pylint: disable=missing-readme
{
    'name': 'Gradient Platform Base',
    'summary': 'The platform under the gradient cultivation addons: hardening of Odoo 11 core, '
               'login security, and the shared services of the business addons',
    'version': '11.0.1.1.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['mail', 'portal', 'auth_signup', 'auditlog', 'auth_brute_force', 'auth_session_timeout',
                'password_security', 'auth_totp', 'auth_totp_password_security', 'auto_backup', 'report_xlsx'],
    'external_dependencies': {'python': ['pyotp']},
    'data': [
        'security/two_factor_security.xml',
        'security/mail_security.xml',
        'security/res_authentication_attempt_security.xml',
        'security/res_users_password_history_security.xml',
        'security/mail_mail_security.xml',
        'data/two_factor_data.xml',
        'views/two_factor_templates.xml',
        'views/res_users_two_factor_views.xml',
        'data/auditlog_secret_data.xml',
        'data/login_security_data.xml',
        'data/password_policy_data.xml',
        'data/db_backup_data.xml',
        'views/db_backup_views.xml',
        'views/http_error_templates.xml',
    ],
}
