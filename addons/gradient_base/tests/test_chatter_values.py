from odoo.tests.common import SavepointCase


class TestChatterValues(SavepointCase):
    """Issue 19: a tracked yes/no field read "推荐升级: true" in the chatter."""

    def test_tracked_booleans_read_yes_or_no(self):
        partner = self.env['res.partner'].create({'name': 'Tracked'})
        message = partner.message_post(body='x')
        field = self.env['ir.model.fields']._get('res.partner', 'active')
        tracking = self.env['mail.tracking.value'].create({
            'field': 'active', 'field_desc': 'Active', 'field_type': 'boolean',
            'old_value_integer': 0, 'new_value_integer': 1, 'mail_message_id': message.id})
        self.assertTrue(field)
        zh = tracking.with_context(lang='zh_CN')
        self.assertEqual(zh.get_display_value('new'), ['是'])
        self.assertEqual(zh.get_display_value('old'), ['否'])
        message_values = message.with_context(lang='zh_CN').message_format()[0]['tracking_value_ids']
        self.assertEqual([(v['old_value'], v['new_value']) for v in message_values], [('否', '是')])
