{
    'name': 'Gradient Platform Base',
    'summary': 'The platform under the gradient cultivation addons: hardening of Odoo 11 core, '
               'login security, and the shared services of the business addons',
    'version': '11.0.1.0.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['mail', 'portal', 'auth_signup', 'auditlog', 'auth_brute_force', 'auth_session_timeout',
                'password_security', 'auth_totp', 'auth_totp_password_security'],
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
    ],
    'installable': True,
}
