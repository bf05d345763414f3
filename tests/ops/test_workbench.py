"""Issue 19: the portal homes are workbenches (the enterprise's: what is due, its applications and
what each waits on, its portrait, recommended experts, the reviewers' newest messages; the
expert's: its open requests), the enterprise answers its reviewers on the portal, and the
application form's uploader keeps what was typed. Each over HTTP as its users meet it, and
refused to the users it is not for."""
import re
import time
from html.parser import HTMLParser

from .conftest import OTHER_LOGIN, OTHER_PASSWORD, Browser, Rpc, BASE_URL

PDF_BYTES = b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'


class FormValues(HTMLParser):
    """What a browser sends of the form ``form_id`` untouched: its inputs, the chosen options and
    the text areas (checkboxes when checked; buttons are left out)."""

    def __init__(self, form_id):
        super(FormValues, self).__init__()
        self.form_id, self.inside, self.values = form_id, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'form':
            self.inside = attrs.get('id') == self.form_id
        if not self.inside or not attrs.get('name'):
            if tag == 'option' and self.inside and self._select and 'selected' in attrs:
                self.values[self._select] = attrs.get('value', '')
            return
        if tag == 'input' and attrs.get('type', 'text') not in ('file', 'submit', 'button'):
            if attrs.get('type') != 'checkbox' or 'checked' in attrs:
                self.values[attrs['name']] = attrs.get('value', '')
        elif tag == 'select':
            self._select = attrs['name']
            self.values.setdefault(self._select, '')
        elif tag == 'textarea':
            self._textarea = attrs['name']
            self.values[self._textarea] = ''

    def handle_endtag(self, tag):
        if tag == 'form':
            self.inside = False
        elif tag == 'select':
            self._select = None
        elif tag == 'textarea':
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html, form_id='gc_application_form'):
    parser = FormValues(form_id)
    parser.feed(html)
    return parser.values


def in_review_application(admin, world):
    """The demo enterprise's application waiting on a review (the demo has one)."""
    found = admin('cultivation.application', 'search',
                  [('enterprise_id', '=', world.enterprise_a), ('state', '=', 'in_review')], limit=1)
    assert found, 'the demo enterprise has an application in review'
    return found[0]


def test_enterprise_home_is_its_workbench(admin, world):
    app = in_review_application(admin, world)
    stage = admin('cultivation.application', 'read', [app], ['stage_id', 'name'], context={'lang': 'zh_CN'})[0]
    reviewer = Rpc('zhangba')
    said = '请补充近三年研发费用明细 %s' % time.time()
    reviewer('cultivation.application', 'message_post', [app], body=said, message_type='comment',
             subtype='mail.mt_comment')
    internal = '内部备注不给企业看 %s' % time.time()
    reviewer('cultivation.application', 'message_post', [app], body=internal, message_type='comment',
             subtype='mail.mt_note')
    home = Browser('enterprise').get('/my')
    assert home.status_code == 200
    text = home.text
    # what is due: this month's report with its deadline, in Chinese
    assert '待办事项' in text and ('月报待填报' in text or '月报已提交' in text), text[:2000]
    assert re.search(r'请于 \d{4}年\d{2}月\d{2}日 前提交|已逾期|月报已提交', text)
    # where each application stands and what it waits on
    assert stage['name'] in text and '等待「%s」审核' % stage['stage_id'][1] in text
    # the portrait and the recommended experts
    assert '能力画像' in text and '推荐专家' in text
    # the reviewer's message, not its internal note
    assert said in text and internal not in text
    assert 'Match' not in text and 'To Do' not in text


def test_other_enterprise_home_shows_nothing_of_enterprise_a(admin, world):
    app = in_review_application(admin, world)
    name = admin('cultivation.application', 'read', [app], ['name'])[0]['name']
    home = Browser(OTHER_LOGIN, OTHER_PASSWORD).get('/my')
    assert home.status_code == 200
    assert name not in home.text and '请补充近三年研发费用明细' not in home.text


def test_expert_home_is_its_open_requests():
    home = Browser('expert').get('/my')
    assert home.status_code == 200
    assert '待处理的服务请求' in home.text
    # not the enterprise's invitation to bind an account, nor the enterprise's lists
    assert 'gc-bind-hint' not in home.text and '/my/enterprise"' not in home.text
    assert '/my/applications"' not in home.text


def test_enterprise_answers_its_reviewer_on_the_portal(admin, world):
    """A reply box under the messages of an application in review (read access suffices to
    write a message, not to change the application)."""
    app = in_review_application(admin, world)
    enterprise = Browser('enterprise')
    page = enterprise.get('/my/applications/%d' % app)
    assert 'data-allow_composer="1"' in page.text
    body = '已补充研发费用明细 %s' % time.time()
    response = enterprise.post('/mail/chatter_post', data={
        'res_model': 'cultivation.application', 'res_id': app, 'message': body},
        token_from='/my/applications/%d' % app, headers={'Referer': BASE_URL + '/my/applications/%d' % app})
    assert response.status_code in (302, 303), response.status_code
    posted = admin('mail.message', 'search_read', [('model', '=', 'cultivation.application'), ('res_id', '=', app),
                                                   ('body', 'ilike', body)], ['message_type', 'subtype_id'])
    assert len(posted) == 1 and posted[0]['message_type'] == 'comment'
    # still not a write: the application's fields stay closed while it is in review
    _result, error = enterprise.call_kw('cultivation.application', 'write', [app], {'main_product': '改'})
    assert error, 'an application in review is not the enterprise\'s to change'


def test_another_enterprise_cannot_write_on_the_application(admin, world):
    app = in_review_application(admin, world)
    other = Browser(OTHER_LOGIN, OTHER_PASSWORD)
    body = '冒充留言 %s' % time.time()
    response = other.post('/mail/chatter_post', data={
        'res_model': 'cultivation.application', 'res_id': app, 'message': body},
        headers={'Referer': BASE_URL + '/my'})
    assert response.status_code in (403, 404), response.status_code
    _result, error = other.call_kw('cultivation.application', 'message_post', [app], body=body)
    assert error
    rpc_b = Rpc(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        rpc_b('cultivation.application', 'message_post', [app], body=body)
        raised = False
    except Exception:  # an XML-RPC fault
        raised = True
    assert raised
    # a context key of the caller's choosing relaxes nothing
    _result, error = other.call_kw('cultivation.application', 'message_post', [app], body=body,
                                   context={'mail_post_autofollow': False, 'tracking_disable': True,
                                            'mail_create_nosubscribe': True, 'active_test': False})
    assert error
    assert not admin('mail.message', 'search', [('body', 'ilike', body)])


def test_upload_keeps_what_was_typed(admin, records):
    """Issue 19: the uploader was a separate form; uploading discarded what was typed. Now the
    file goes with the form: with a field wrong, the file is kept and the typed values are shown
    again, unsaved; with the form right, the draft is saved and the file attached."""
    app = records.application('A')
    enterprise = Browser('enterprise')
    edit = '/my/applications/%d/edit' % app
    page = enterprise.get(edit)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    form = form_values(page.text)
    before = admin('cultivation.application', 'read', [app], ['niche_field', 'attachment_ids'])[0]
    typed = '运维测试细分领域 %s' % time.time()
    data = dict(form, niche_field=typed, contact_email='not-an-address', doc_type='other', do_upload='1',
                main_product='运维测试产品')
    response = enterprise.session.post(BASE_URL + edit, data=data, files={'upload': ('证明材料.pdf', PDF_BYTES)},
                                       timeout=180, allow_redirects=False)
    assert response.status_code == 200, response.status_code
    assert typed in response.text  # kept on the form ...
    assert '请输入类似 name@example.com 的地址' in response.text or 'has-error' in response.text
    after = admin('cultivation.application', 'read', [app], ['niche_field', 'attachment_ids'])[0]
    assert after['niche_field'] == before['niche_field']  # ... not saved
    assert len(after['attachment_ids']) == len(before['attachment_ids']) + 1  # the file is not lost
    # the form right: the draft saved with the file
    data.update(contact_email='ops@example.com', csrf_token=Browser.token_in(response.text))
    response = enterprise.session.post(BASE_URL + edit, data=data, files={'upload': ('证明材料二.pdf', PDF_BYTES)},
                                       timeout=180, allow_redirects=False)
    assert response.status_code == 303 and 'saved=1' in response.headers['Location'] \
        and 'uploaded=1' in response.headers['Location'], response.headers.get('Location')
    saved = admin('cultivation.application', 'read', [app], ['niche_field', 'attachment_ids'])[0]
    assert saved['niche_field'] == typed and len(saved['attachment_ids']) == len(before['attachment_ids']) + 2
    # deleting a file from the same form
    page = enterprise.get(edit)
    data.update(csrf_token=Browser.token_in(page.text), do_delete=str(saved['attachment_ids'][0]))
    data.pop('do_upload')
    response = enterprise.session.post(BASE_URL + edit, data=data, timeout=180, allow_redirects=False)
    assert response.status_code == 303
    left = admin('cultivation.application', 'read', [app], ['attachment_ids'])[0]['attachment_ids']
    assert saved['attachment_ids'][0] not in left
    admin('cultivation.application.attachment', 'unlink',
          [a for a in left if a not in before['attachment_ids']])


def test_upload_to_another_enterprise_application_is_refused(admin, records):
    app = records.application('A')
    other = Browser(OTHER_LOGIN, OTHER_PASSWORD)
    count = len(admin('cultivation.application', 'read', [app], ['attachment_ids'])[0]['attachment_ids'])
    response = other.session.post(BASE_URL + '/my/applications/%d/edit' % app, data={
        'csrf_token': Browser.token_in(other.get('/my/enterprise').text), 'doc_type': 'other', 'do_upload': '1'},
        files={'upload': ('x.pdf', PDF_BYTES)}, timeout=180, allow_redirects=False)
    assert response.status_code in (403, 404), response.status_code
    assert len(admin('cultivation.application', 'read', [app], ['attachment_ids'])[0]['attachment_ids']) == count
