"""Portal of the expert library: an enterprise's recommended experts and the library, its
service requests and ratings; an expert's requests and service records; the application to
join the library. Thin: input is parsed and checked here, the rules live in the models, which
run as the portal user (record rules keep each one to its own requests)."""
import base64
import re

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.gradient_base.models.gradient_checked_input import text_limit
from odoo.addons.gradient_base.portal_forms import FormErrors, id_list, record_or_404, see_other
from odoo.addons.gradient_cultivation.controllers.portal import CultivationPortal
from odoo.addons.gradient_base.upload_policy import max_upload_bytes
from odoo.addons.portal.controllers.portal import pager as portal_pager

REQUESTS_PER_PAGE = 20
EXPERTS_PER_PAGE = 30
PHONE_PATTERN = re.compile(r'^[0-9+\-() ]{5,30}$')
REQUEST_ACTIONS = ('accept', 'decline', 'start', 'done', 'cancel', 'rate', 'record')


class ExpertPortal(CultivationPortal):

    # ------------------------------------------------------------------ helpers
    def _my_expert(self):
        return request.env['expert.expert'].search([('user_id', '=', request.env.user.id)], limit=1)

    def _prepare_portal_layout_values(self):
        values = super(ExpertPortal, self)._prepare_portal_layout_values()
        values['gc_expert'] = self._my_expert()
        return values

    @http.route()
    def home(self, **kw):
        response = super(ExpertPortal, self).home(**kw)
        Request = request.env['expert.service.request']
        qcontext = response.qcontext
        qcontext['service_request_count'] = Request.search_count([])
        # the workbenches (issue 19): an enterprise sees its best matched experts, an expert its
        # open requests
        enterprise, expert = self._my_enterprise(), self._my_expert()
        qcontext['gc_expert_matches'] = request.env['expert.expert']._match_for_enterprise(enterprise, limit=3) \
            if enterprise else []
        qcontext['gc_expert_open_requests'] = Request.search(
            [('expert_id', '=', expert.id), ('state', 'in', ('requested', 'accepted', 'in_progress'))],
            order='date_deadline, id') if expert else Request
        return response

    def _gc_message_models(self):
        return super(ExpertPortal, self)._gc_message_models() + ['expert.service.request']

    def _gc_message_url(self, message):
        if message.model == 'expert.service.request':
            return '/my/service-requests/%s' % message.res_id
        return super(ExpertPortal, self)._gc_message_url(message)

    def _text(self, errors, post, name, field, required=False):
        """The text of form input ``name`` for ``field``: its limit is the field's (text_limit)."""
        value = (post.get(name) or '').strip()
        label = field.get_description(request.env)['string']
        limit = text_limit(field)
        if required and not value:
            errors[name] = _('%s: required.') % label
        elif len(value) > limit:
            errors[name] = _('%(label)s: at most %(limit)d characters (you entered %(value_length)d).') % {'label': label, 'limit': limit, 'value_length': len(value)}
        return value

    # ------------------------------------------------------------------ enterprise: experts
    @http.route(['/my/experts', '/my/experts/page/<int:page>'], type='http', auth='user', website=False)
    def portal_my_experts(self, page=1, domain=None, **kw):
        Expert = request.env['expert.expert']
        enterprise = self._my_enterprise()
        matches, evaluation, needed = [], None, {}
        if enterprise:
            evaluation, needed = Expert._needed_domains(enterprise)
            matches = Expert._match_for_enterprise(enterprise, limit=6)
        search = [('state', '=', 'active')]
        domain_id = id_list([domain])[0] if id_list([domain]) else None
        if domain_id:
            search.append(('domain_ids', 'in', [domain_id]))
        total = Expert.search_count(search)
        pager = portal_pager(url='/my/experts', url_args={'domain': domain_id} if domain_id else {},
                             total=total, page=page, step=EXPERTS_PER_PAGE)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_experts',
            'enterprise': enterprise,
            'evaluation': evaluation,
            'needed': needed,
            'matches': matches,
            'experts': Expert.search(search, limit=EXPERTS_PER_PAGE, offset=pager['offset'], order='name'),
            'domains': request.env['expert.domain'].search([]),
            'domain_id': domain_id,
            'pager': pager,
        })
        return request.render('expert_library.portal_my_experts', values)

    @http.route(['/my/experts/<int:expert_id>'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_expert_page(self, expert_id, **post):
        expert = record_or_404('expert.expert', expert_id)
        enterprise = self._my_enterprise()
        Expert = request.env['expert.expert']
        evaluation, needed = (Expert._needed_domains(enterprise) if enterprise else (None, {}))
        weak_lines = evaluation.mapped('line_ids').filtered('is_weak') if evaluation else []
        errors = FormErrors()
        if request.httprequest.method == 'POST' and enterprise:
            created = self._create_request(enterprise, expert, weak_lines, post, errors)
            if created:
                return see_other('/my/service-requests/%d?message=requested' % created.id)
        # Preselected: the first domain of the expert the enterprise needs, and its weak indicators.
        useful = [d for d in expert.domain_ids if d in needed]
        default_domain = useful[0] if useful else expert.domain_ids[:1]
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_expert',
            'expert': expert,
            'enterprise': enterprise,
            'weak_lines': weak_lines,
            'needed': needed,
            'default_domain': default_domain,
            'default_line_ids': needed.get(default_domain).ids if default_domain and needed.get(default_domain) else [],
            'errors': errors,
            'post': post if errors else {},
            'posted_line_ids': id_list(request.httprequest.form.getlist('line_ids')) if errors else None,
        })
        return request.render('expert_library.portal_expert_page', values)

    def _create_request(self, enterprise, expert, weak_lines, post, errors):
        Request = request.env['expert.service.request']
        domain_ids = id_list([post.get('domain_id')])
        domain = expert.domain_ids.filtered(lambda d: d.id in domain_ids)
        if not domain:
            errors['domain_id'] = _('Service Domain: choose one of the domains of this expert.')
        line_ids = id_list(request.httprequest.form.getlist('line_ids'))
        lines = weak_lines.filtered(lambda l: l.id in line_ids) if weak_lines else []
        need = self._text(errors, post, 'need', Request._fields['need'], required=True)
        phone = self._text(errors, post, 'contact_phone', Request._fields['contact_phone'])
        if phone and not PHONE_PATTERN.match(phone):
            errors['contact_phone'] = _('Contact Phone: digits, spaces, +, - and brackets only, e.g. 029-88886666.')
        if errors:
            return None
        try:
            with request.env.cr.savepoint():  # nothing half written: the form keeps what was typed
                return Request.create({
                    'enterprise_id': enterprise.id, 'expert_id': expert.id, 'domain_id': domain.id,
                    'line_ids': [(6, 0, [l.id for l in lines])], 'need': need, 'contact_phone': phone or False})
        except (UserError, ValidationError, AccessError) as e:
            errors['_form'] = e.name
        return None

    # ------------------------------------------------------------------ both: service requests
    @http.route(['/my/service-requests', '/my/service-requests/page/<int:page>'], type='http', auth='user',
                website=False)
    def portal_my_service_requests(self, page=1, **kw):
        Request = request.env['expert.service.request']
        total = Request.search_count([])
        pager = portal_pager(url='/my/service-requests', total=total, page=page, step=REQUESTS_PER_PAGE)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_service_requests',
            'service_requests': Request.search([], limit=REQUESTS_PER_PAGE, offset=pager['offset']),
            'pager': pager,
        })
        return request.render('expert_library.portal_my_service_requests', values)

    def _render_request(self, service_request, errors=None, post=None, message=None):
        values = self._prepare_portal_layout_values()
        expert = values['gc_expert']
        values.update({
            'page_name': 'gc_service_request',
            'service_request': service_request,
            'as_expert': bool(expert) and service_request.sudo().expert_id == expert,
            'as_enterprise': service_request._is_enterprise_side() and not service_request._is_bureau(),
            'errors': errors or FormErrors(),
            'post': post or {},
            'message': message,
            'today': fields.Date.context_today(service_request),
        })
        return request.render('expert_library.portal_service_request_page', values)

    @http.route(['/my/service-requests/<int:request_id>'], type='http', auth='user', website=False)
    def portal_service_request_page(self, request_id, message=None, **kw):
        service_request = record_or_404('expert.service.request', request_id)
        return self._render_request(service_request, message=message)

    @http.route(['/my/service-requests/<int:request_id>/<string:action>'], type='http', auth='user',
                website=False, methods=['POST'])
    def portal_service_request_action(self, request_id, action, **post):
        service_request = record_or_404('expert.service.request', request_id)
        if action not in REQUEST_ACTIONS:
            raise request.not_found()
        errors = FormErrors()
        try:
            with request.env.cr.savepoint():
                done = self._do_request_action(service_request, action, post, errors)
        except (UserError, ValidationError, AccessError) as e:
            errors['_form'] = e.name
            done = False
        if done:
            return see_other('/my/service-requests/%d?message=%s' % (service_request.id, action))
        return self._render_request(service_request, errors=errors, post=dict(post, _action=action))

    def _do_request_action(self, service_request, action, post, errors):
        Request = request.env['expert.service.request']
        if action == 'accept':
            return service_request.action_accept()
        if action == 'start':
            return service_request.action_start()
        if action == 'done':
            return service_request.action_done()
        if action == 'decline':
            reason = self._text(errors, post, 'reason', Request._fields['decline_reason'], required=True)
            return not errors and service_request.decline(reason)
        if action == 'cancel':
            reason = self._text(errors, post, 'reason', Request._fields['cancel_reason'], required=True)
            return not errors and service_request.cancel(reason)
        if action == 'rate':
            rating = (post.get('rating') or '').strip()
            if rating not in ('1', '2', '3', '4', '5'):
                errors['rating'] = _('Rating: choose 1 to 5 stars.')
            comment = self._text(errors, post, 'rating_comment', Request._fields['rating_comment'])
            return not errors and service_request.rate(rating, comment)
        # record: a service record with an optional file
        Record = request.env['expert.service.record']
        date = errors.parse_date('expert.service.record', 'date', post.get('date'))
        content = self._text(errors, post, 'content', Record._fields['content'], required=True)
        vals = {'request_id': service_request.id, 'content': content}
        if date:
            vals['date'] = date
        upload = post.get('file')
        if upload is not None and getattr(upload, 'filename', None):
            limit = max_upload_bytes(request.env)
            vals.update(file=base64.b64encode(upload.read(limit + 1)), file_name=upload.filename)
        if errors:
            return False
        Record.create(vals)
        return True

    # ------------------------------------------------------------------ experts: joining
    @http.route(['/my/expert/apply'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_expert_apply(self, **post):
        Expert = request.env['expert.expert']
        errors = FormErrors()
        expert = self._my_expert()
        if request.httprequest.method == 'POST' and not expert:
            expert = self._apply(post, errors)
            if expert:
                return see_other('/my/expert/apply?message=applied')
            expert = Expert.browse()
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_expert_apply',
            'expert': expert,
            'domains': request.env['expert.domain'].search([]),
            'territories': request.env['cultivation.territory'].sudo().search([('type', '!=', 'zone')]),
            'divisions': Expert.env['expert.expert.industry']._fields['division']._description_selection(request.env),
            'errors': errors,
            'post': post if errors else {},
            'posted': {name: id_list(request.httprequest.form.getlist(name))
                       for name in ('domain_ids', 'territory_ids')} if errors else {},
            'posted_divisions': request.httprequest.form.getlist('industries') if errors else [],
            'message': post.get('message') if request.httprequest.method == 'GET' else None,
        })
        return request.render('expert_library.portal_expert_apply', values)

    def _apply(self, post, errors):
        Expert = request.env['expert.expert']
        form = request.httprequest.form
        vals = {}
        for name, required in (('name', True), ('organisation', False), ('title', False), ('contact_name', True),
                               ('phone', True), ('email', False), ('qualification', True), ('profile', True)):
            vals[name] = self._text(errors, post, name, Expert._fields[name], required=required)
        if vals['phone'] and not PHONE_PATTERN.match(vals['phone']):
            errors['phone'] = _('Phone: digits, spaces, +, - and brackets only, e.g. 029-88886666.')
        if vals['email'] and '@' not in vals['email']:
            errors['email'] = _('Email: enter an address like name@example.com.')
        vals['expert_type'] = post.get('expert_type')
        if vals['expert_type'] not in ('individual', 'institution'):
            errors['expert_type'] = _('Type: choose individual expert or service institution.')
        domain_ids = request.env['expert.domain'].browse(id_list(form.getlist('domain_ids'))).exists().ids
        if not domain_ids:
            errors['domain_ids'] = _('Service Domains: choose at least one.')
        vals['domain_ids'] = [(6, 0, domain_ids)]
        territories = request.env['cultivation.territory'].sudo().browse(id_list(form.getlist('territory_ids')))
        vals['territory_ids'] = [(6, 0, territories.exists().ids)]
        capacity = errors.parse_int('expert.expert', 'capacity', post.get('capacity'), minimum=None)
        if capacity is not None and not errors.get('capacity'):
            error = request.env['expert.expert'].capacity_error(capacity)
            if error:
                errors['capacity'] = error
        vals['capacity'] = capacity or 1
        known = {code for code, _label in request.env['expert.expert.industry']._fields['division'].selection}
        industries = [code for code in form.getlist('industries') if code in known]
        certificates = []
        limit = max_upload_bytes(request.env)
        for upload in request.httprequest.files.getlist('certificates'):
            if upload and upload.filename:
                certificates.append((upload.filename, base64.b64encode(upload.read(limit + 1))))
        if not certificates:
            errors['certificates'] = _('Certificates: upload at least one qualification certificate (PDF or image).')
        if errors:
            return None
        try:
            with request.env.cr.savepoint():
                return Expert.apply_from_portal(vals, industries, certificates)
        except (UserError, ValidationError, AccessError) as e:
            errors['_form'] = e.name
        return None

