{
    'name': 'Expert Library',
    'summary': 'Experts and service institutions in seven domains, matched to weak indicators',
    'version': '11.0.1.0.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['capability_portrait'],
    'data': [
        'security/ir.model.access.csv',
        'data/expert_domain_data.xml',
        'views/expert_domain_views.xml',
        'views/menus.xml',
    ],
    'application': True,
    'installable': True,
}
