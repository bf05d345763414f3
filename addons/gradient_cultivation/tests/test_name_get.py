from .common import CultivationCase


class TestNameGet(CultivationCase):
    """Display names come from the name's column alone (cultivation.name.mixin): the same names
    as before, without reading the other columns of the records a list shows."""

    def test_display_names_are_the_names(self):
        self.assertEqual(self.enterprise_a.name_get(), [(self.enterprise_a.id, 'Enterprise A')])
        self.assertEqual(self.sub_park.name_get(), [(self.sub_park.id, 'Zone / Street A / Park A1')])
        membership = self.env['cultivation.membership'].create({
            'enterprise_id': self.enterprise_a.id,
            'library_id': self.env.ref('gradient_cultivation.library_scale_up').id})
        # a many2one as the record's name: the enterprise's display name
        self.assertEqual(membership.name_get(), [(membership.id, 'Enterprise A')])
        names = dict((self.enterprise_a | self.enterprise_b).name_get())
        self.assertEqual(names, {self.enterprise_a.id: 'Enterprise A', self.enterprise_b.id: 'Enterprise B'})

    def test_names_do_not_prefetch_the_other_columns(self):
        enterprises = (self.enterprise_a | self.enterprise_a1 | self.enterprise_b)
        enterprises.invalidate_cache()
        enterprises.name_get()
        cache = self.env.cache
        credit_code = enterprises._fields['credit_code']
        territory = enterprises._fields['territory_id']
        for enterprise in enterprises:
            self.assertTrue(cache.contains(enterprise, enterprises._fields['name']))
            self.assertFalse(cache.contains(enterprise, credit_code), 'name_get read the credit code too')
            self.assertFalse(cache.contains(enterprise, territory), 'name_get read the territory too')
