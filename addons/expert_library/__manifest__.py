# lint: the description lives in readme/ and the repository's README.md; OCA's README.rst is made by their bot, which does not run here
# pylint: disable=missing-readme
{
    'name': 'Expert Library',
    'summary': 'Experts and service institutions in seven domains, matched to weak indicators; service requests',
    'version': '11.0.1.1.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['capability_portrait'],
    'data': [
        'security/ir.model.access.csv',
        'security/expert_rules.xml',
        'data/expert_domain_data.xml',
        'data/expert_domain_mapping_data.xml',
        'data/expert_library_data.xml',
        'data/auditlog_rule_data.xml',
        'views/expert_domain_views.xml',
        'views/expert_expert_views.xml',
        'views/expert_service_request_views.xml',
        'views/portal_templates.xml',
        'data/expert_notification_data.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/expert_demo.xml',
    ],
    'application': True,
}
