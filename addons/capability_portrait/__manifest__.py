{
    'name': 'Capability Portrait',
    'summary': 'Scoring dimensions, weighted schemes and capability portraits of member enterprises',
    'version': '11.0.1.0.0',
    'category': 'Gradient Cultivation',
    'author': 'Xi\'an High-tech Zone gradient cultivation team',
    'license': 'LGPL-3',
    'depends': ['gradient_cultivation'],
    'data': [
        'security/ir.model.access.csv',
        'data/portrait_dimension_data.xml',
        'views/portrait_dimension_views.xml',
        'views/menus.xml',
    ],
    'application': True,
    'installable': True,
}
