# lint: the description lives in readme/ and the repository's README.md; OCA's README.rst is made by their bot, which does not run here
# pylint: disable=missing-readme
{
    'name': 'Capability Portrait',
    'summary': 'Weighted scoring schemes, evaluations and capability portraits of the enterprises',
    'version': '11.0.1.1.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['gradient_cultivation'],
    'data': [
        'security/ir.model.access.csv',
        'security/portrait_rules.xml',
        'data/portrait_dimension_data.xml',
        'data/portrait_scheme_data.xml',
        'data/auditlog_rule_data.xml',
        'data/ir_cron_data.xml',
        'views/portrait_templates.xml',
        'views/portrait_dimension_views.xml',
        'views/portrait_scheme_views.xml',
        'views/portrait_evaluation_views.xml',
        'views/cultivation_enterprise_views.xml',
        'views/portal_templates.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/portrait_evaluation_demo.xml',
    ],
    'application': True,
}
