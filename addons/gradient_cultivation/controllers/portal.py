"""Portal of the enterprises: their enterprise profile and their admission applications.

Thin on purpose: it parses and checks the form input, calls the models (as the portal user, so
access rights and record rules apply) and renders. A form with errors is shown again with what
was typed and a Chinese message beside each wrong field."""
import base64

from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.gradient_base.portal_forms import FormErrors, field_label, record_or_404, see_other
from odoo.addons.gradient_base.upload_policy import max_upload_bytes
from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from ..models.cultivation_enterprise import credit_code_error

ENTERPRISE_FIELDS = ('legal_representative', 'street', 'industry_code', 'founding_date',
                     'registered_capital', 'employee_count', 'rd_employee_count', 'main_product',
                     'phone', 'email')
APPLICATION_TEXT_FIELDS = ('company_name', 'legal_representative', 'address', 'industry_code',
                           'contact_name', 'contact_phone', 'contact_email', 'main_product',
                           'niche_field', 'certifications', 'honours', 'pledge_signatory')
APPLICATION_INT_FIELDS = ('employee_count', 'rd_employee_count', 'niche_years', 'ip_class1_count',
                          'ip_class2_count', 'market_rank')
APPLICATION_FLOAT_FIELDS = ('registered_capital', 'market_share')
APPLICATION_SELECTION_FIELDS = ('product_field', 'rd_institution_level', 'submission_channel')
FINANCIAL_FIELDS = ('operating_revenue', 'main_revenue', 'net_profit', 'total_assets',
                    'total_liabilities', 'rd_spend', 'equity_financing')
class CultivationPortal(CustomerPortal):

    # ------------------------------------------------------------------ helpers
    def _my_enterprise(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env['cultivation.enterprise'].search([('partner_id', '=', partner.id)], limit=1)

    def _prepare_portal_layout_values(self):
        values = super(CultivationPortal, self)._prepare_portal_layout_values()
        values['gc_enterprise'] = self._my_enterprise()
        return values

    @http.route()
    def home(self, **kw):
        # The counters of the home page are counted for the home page only: every portal page
        # prepares the layout values, and counting there cost each page one query per counter.
        response = super(CultivationPortal, self).home(**kw)
        Application = request.env['cultivation.application']
        response.qcontext.update({
            'application_count': Application.search_count([]),
            # the enterprise's workbench (issue 19): its applications under way and what each
            # waits on, and the newest messages reviewers wrote on its records
            'gc_open_applications': Application.search([('state', 'in', ('draft', 'in_review', 'returned', 'to_publish', 'publicity'))],
                                                       order='write_date desc', limit=5),
            'gc_messages': self._gc_recent_messages(),
            'gc_message_url': self._gc_message_url,
        })
        return response

    def _gc_message_models(self):
        """The models whose messages the workbench shows (extended by the other addons)."""
        return ['cultivation.application', 'cultivation.monthly.report', 'cultivation.enterprise']

    def _gc_message_url(self, message):
        """The portal page of the record a workbench message was written on."""
        return {
            'cultivation.application': '/my/applications/%s' % message.res_id,
            'cultivation.monthly.report': '/my/reports/%s' % message.res_id,
            'cultivation.enterprise': '/my/enterprise',
        }.get(message.model, '/my')

    def _gc_recent_messages(self, limit=5):
        """The newest messages others wrote on the user's records, searched as the user: the
        access rules of mail.message keep to the records it reads and, for a portal user, hide
        internal notes."""
        user = request.env.user
        return request.env['mail.message'].search([
            ('model', 'in', self._gc_message_models()), ('message_type', '=', 'comment'),
            ('subtype_id', '!=', False), ('subtype_id.internal', '=', False),
            ('author_id', '!=', user.partner_id.id)], order='id desc', limit=limit)

    # ------------------------------------------------------------------ enterprise
    @http.route(['/my/enterprise'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_my_enterprise(self, **post):
        enterprise = self._my_enterprise()
        errors, saved = FormErrors(), False
        if request.httprequest.method == 'POST':
            if enterprise:
                saved = self._save_enterprise(enterprise, post, errors)
            else:
                known = self._known_credit_code(post)
                if known:
                    # The zone knows this enterprise: it is claimed with documents, not bound.
                    return see_other('/my/enterprise/claim?' + url_encode({'credit_code': known}))
                enterprise = self._bind_enterprise(post, errors)
                if enterprise and not errors:
                    return see_other('/my/enterprise?bound=1')
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_enterprise',
            'enterprise': enterprise,
            'claim': not enterprise and request.env['cultivation.enterprise.claim'].search(
                [('user_id', '=', request.uid)], limit=1),
            'territories': request.env['cultivation.territory'].search([('type', '!=', 'zone')]),
            'errors': errors,
            'post': post if errors else {},
            'saved': saved,
            'bound': post.get('bound') and not errors,
        })
        return request.render('gradient_cultivation.portal_my_enterprise', values)

    def _known_credit_code(self, post):
        code = (post.get('credit_code') or '').strip().upper()
        if credit_code_error(code):
            return None
        return code if request.env['cultivation.enterprise.claim']._enterprise_of_code(code) else None

    @http.route(['/my/enterprise/claim'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_enterprise_claim(self, credit_code=None, **post):
        Claim = request.env['cultivation.enterprise.claim']
        if self._my_enterprise() or Claim.search_count([('user_id', '=', request.uid), ('state', '=', 'submitted')]):
            return see_other('/my/enterprise')
        code = (credit_code or '').strip().upper()[:18]
        errors = FormErrors()
        if request.httprequest.method == 'POST':
            vals = {name: post[name].strip() if isinstance(post.get(name), str) else '' for name in
                    ('applicant_name', 'applicant_position', 'applicant_phone', 'note')}
            for field in ('licence_file', 'authorization_file'):
                upload = post.get(field)
                if upload and getattr(upload, 'filename', None):
                    limit = max_upload_bytes(request.env)
                    vals[field] = base64.b64encode(upload.read(limit + 1))  # at most the limit plus one byte
                    vals[field.replace('_file', '_filename')] = upload.filename[:200]
            errors.update(Claim._claim_errors(code, vals))
            if not errors:
                try:
                    with request.env.cr.savepoint():
                        Claim.submit_claim(code, vals)
                    return see_other('/my/enterprise?claimed=1')
                except (ValidationError, UserError, AccessError) as e:
                    errors['_form'] = e.name
            post = {k: v for k, v in vals.items() if not k.endswith('_file')}
        enterprise = Claim._enterprise_of_code(code)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_enterprise',
            'credit_code': code,
            # The registered name is public (the credit code's own register shows it): the
            # applicant sees which enterprise it claims, nothing more of it.
            'claimed_name': enterprise.name if enterprise else '',
            'errors': errors,
            'post': post if errors else {},
        })
        return request.render('gradient_cultivation.portal_enterprise_claim', values)

    @http.route(['/my/enterprise/claim/cancel'], type='http', auth='user', website=False, methods=['POST'])
    def portal_enterprise_claim_cancel(self, **post):
        claims = request.env['cultivation.enterprise.claim'].search(
            [('user_id', '=', request.uid), ('state', '=', 'submitted')])
        claims.action_cancel()
        return see_other('/my/enterprise')

    def _enterprise_values(self, post, errors):
        model = 'cultivation.enterprise'
        vals = {name: errors.parse_text(model, name, post.get(name)) for name in
                ('legal_representative', 'street', 'industry_code', 'main_product', 'phone', 'email')}
        vals['founding_date'] = errors.parse_date(model, 'founding_date', post.get('founding_date'))
        vals['registered_capital'] = errors.parse_float(model, 'registered_capital', post.get('registered_capital'))
        vals['employee_count'] = errors.parse_int(model, 'employee_count', post.get('employee_count'))
        vals['rd_employee_count'] = errors.parse_int(model, 'rd_employee_count', post.get('rd_employee_count'))
        if vals['email'] and '@' not in vals['email']:
            errors['email'] = _('Email: enter an address like name@example.com.')
        return vals

    def _save_enterprise(self, enterprise, post, errors):
        vals = self._enterprise_values(post, errors)
        if errors:
            return False
        try:
            with request.env.cr.savepoint():
                enterprise.write(vals)
        except (ValidationError, UserError, AccessError) as e:
            errors['_form'] = e.name
            return False
        return True

    def _bind_enterprise(self, post, errors):
        """Registers the enterprise of a credit code the zone does not know yet, and binds the
        user to it (a known one is claimed instead: portal_enterprise_claim)."""
        Enterprise = request.env['cultivation.enterprise']
        code = (post.get('credit_code') or '').strip().upper()
        problem = Enterprise.credit_code_message(code)
        if problem:
            errors['credit_code'] = problem
        vals = self._enterprise_values(post, errors)
        name = errors.parse_text('cultivation.enterprise', 'name', post.get('name'))
        if not name:
            errors['name'] = _('Enterprise Name: required.')
        raw_territory = post.get('territory_id') or ''
        territory_id = int(raw_territory) if raw_territory.isdigit() and len(raw_territory) < 10 else False
        if not territory_id or not request.env['cultivation.territory'].search_count(
                [('id', '=', territory_id), ('type', '!=', 'zone')]):
            errors['territory_id'] = _('Territory: choose the town/street or park where the enterprise is registered.')
        if errors:
            return Enterprise
        try:
            with request.env.cr.savepoint():
                return Enterprise.bind_portal_user(code, dict(vals, name=name, territory_id=territory_id))
        except (ValidationError, UserError, AccessError) as e:
            errors['credit_code'] = e.name
            return Enterprise

    # ------------------------------------------------------------------ applications
    @http.route(['/my/applications', '/my/applications/page/<int:page>'], type='http', auth='user', website=False)
    def portal_my_applications(self, page=1, **kw):
        Application = request.env['cultivation.application']
        total = Application.search_count([])
        pager = portal_pager(url='/my/applications', total=total, page=page, step=20)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_applications',
            'applications': Application.search([], limit=20, offset=pager['offset']),
            'pager': pager,
            'open_calls': request.env['cultivation.call'].search([('state', '=', 'open')]),
        })
        return request.render('gradient_cultivation.portal_my_applications', values)

    @http.route(['/my/applications/new'], type='http', auth='user', website=False, methods=['GET', 'POST'])
    def portal_application_new(self, **post):
        enterprise = self._my_enterprise()
        if not enterprise:
            return see_other('/my/enterprise')
        calls = request.env['cultivation.call'].search([('state', '=', 'open')])
        errors = FormErrors()
        if request.httprequest.method == 'POST':
            call = calls.filtered(lambda c: str(c.id) == post.get('call_id'))
            library = call.library_ids.filtered(lambda l: str(l.id) == post.get('library_id'))
            if not call:
                errors['call_id'] = _('Call: choose an open call.')
            elif not library:
                errors['library_id'] = _('Cultivation library: choose one of the libraries of the call.')
            channel = post.get('submission_channel') if post.get('submission_channel') in ('territory', 'direct') else 'territory'
            if not errors:
                try:
                    with request.env.cr.savepoint():
                        application = request.env['cultivation.application'].create({
                            'enterprise_id': enterprise.id, 'call_id': call.id, 'library_id': library.id,
                            'submission_channel': channel})
                    return see_other('/my/applications/%d/edit' % application.id)
                except (ValidationError, UserError, AccessError) as e:
                    errors['library_id'] = e.name
        values = self._prepare_portal_layout_values()
        values.update({'page_name': 'gc_application_new', 'calls': calls, 'errors': errors, 'post': post})
        return request.render('gradient_cultivation.portal_application_new', values)

    @http.route(['/my/applications/<int:application_id>'], type='http', auth='user', website=False)
    def portal_application_page(self, application_id, **kw):
        application = record_or_404('cultivation.application', application_id)
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_application',
            'application': application,
            'error': kw.get('error'),
            'message': kw.get('message'),
        })
        return request.render('gradient_cultivation.portal_application_page', values)

    def _financial_years(self, application):
        base = application.call_id.year or 2026
        return sorted(set(application.financial_ids.mapped('year')) | {base - 1, base - 2, base - 3}, reverse=True)

    @http.route(['/my/applications/<int:application_id>/edit'], type='http', auth='user', website=False,
                methods=['GET', 'POST'])
    def portal_application_edit(self, application_id, **post):
        application = record_or_404('cultivation.application', application_id)
        if application.state not in ('draft', 'returned'):
            return see_other('/my/applications/%d' % application.id)
        errors = FormErrors()
        file_note = {}
        if request.httprequest.method == 'POST':
            vals = self._application_values(application, post, errors)
            # The attachments are part of the form (issue 19: uploading from a separate form
            # discarded what was typed). A file chosen or deleted is handled first, each in its
            # own savepoint, whatever the rest of the form holds: a typo elsewhere loses no file,
            # and a refused file loses no typed value.
            file_note = self._application_file_actions(application, post)
            if not errors:
                try:
                    with request.env.cr.savepoint():  # nothing half-written
                        application.write(vals)
                        if post.get('do_submit') and not file_note.get('upload_error'):
                            application.action_submit()
                            return see_other('/my/applications/%d?message=submitted' % application.id)
                except (ValidationError, UserError, AccessError) as e:
                    application.invalidate_cache()
                    errors['_form'] = e.name
                else:
                    query = dict(file_note, saved=1)
                    return see_other('/my/applications/%d/edit?%s%s' % (
                        application.id, url_encode(query), '#attachments' if file_note else ''))
        values = self._prepare_portal_layout_values()
        values.update({
            'page_name': 'gc_application_edit',
            'application': application,
            'years': self._financial_years(application),
            'financials': {f.year: f for f in application.financial_ids},
            'errors': errors,
            'post': post if errors else {},
            'saved': post.get('saved') and not errors,
            'uploaded': file_note.get('uploaded') or post.get('uploaded'),
            'upload_error': file_note.get('upload_error') or post.get('upload_error'),
            'doc_types': request.env['cultivation.application.attachment']._fields['doc_type']._description_selection(request.env),
            'selections': {name: request.env['cultivation.application']._fields[name]._description_selection(request.env)
                           for name in APPLICATION_SELECTION_FIELDS},
        })
        return request.render('gradient_cultivation.portal_application_edit', values)

    def _application_values(self, application, post, errors):
        model = 'cultivation.application'
        vals = {name: errors.parse_text(model, name, post.get(name)) for name in APPLICATION_TEXT_FIELDS}
        for name in APPLICATION_INT_FIELDS:
            vals[name] = errors.parse_int(model, name, post.get(name))
        for name in APPLICATION_FLOAT_FIELDS:
            vals[name] = errors.parse_float(model, name, post.get(name))
        vals['founding_date'] = errors.parse_date(model, 'founding_date', post.get('founding_date'))
        for name in APPLICATION_SELECTION_FIELDS:
            allowed = dict(request.env[model]._fields[name]._description_selection(request.env))
            raw = post.get(name) or False
            if raw and raw not in allowed:
                errors[name] = _('%s: choose one of the options.') % field_label(model, name)
            vals[name] = raw
        if not vals['submission_channel']:
            vals['submission_channel'] = 'territory'
        vals['strategic_emerging'] = bool(post.get('strategic_emerging'))
        vals['pledge_accepted'] = bool(post.get('pledge_accepted'))
        vals['pledge_date'] = vals['pledge_accepted'] and (application.pledge_date or
                                                           application.env['cultivation.call']._today())
        if vals['contact_email'] and '@' not in vals['contact_email']:
            errors['contact_email'] = _('Contact Email: enter an address like name@example.com.')
        vals['financial_ids'] = self._financial_commands(application, post, errors)
        errors.update({name: message for name, message in application.form_errors(vals).items()
                       if name not in errors})
        return vals

    def _financial_commands(self, application, post, errors):
        """One line per year whose row is not blank; rows emptied remove their line."""
        Financial = request.env['cultivation.application.financial']
        existing = {f.year: f for f in application.financial_ids}
        commands = []
        for year in self._financial_years(application):
            raw = {name: post.get('fin_%d_%s' % (year, name)) for name in FINANCIAL_FIELDS}
            if not any((v or '').strip() for v in raw.values()):
                if year in existing:
                    commands.append((2, existing[year].id))
                continue
            line = {}
            for name, value in raw.items():
                label = '%s（%d）' % (field_label('cultivation.application.financial', name), year)
                line[name] = errors.parse_float('cultivation.application.financial', name, value,
                                                key='fin_%d_%s' % (year, name), minimum=None, label=label)
            if all(line[name] is not None for name in FINANCIAL_FIELDS):
                # the rules of a financial year are the model's (negative figures, main-business
                # revenue and R&D spend within the operating revenue)
                for name, message in Financial.line_errors(dict(line, year=year)).items():
                    errors.setdefault('fin_%d_%s' % (year, name), message)
            if year in existing:
                commands.append((1, existing[year].id, line))
            else:
                commands.append((0, 0, dict(line, year=year)))
        return commands

    def _application_file_actions(self, application, post):
        """The file the edit form uploads (`upload`, `doc_type`) and the attachment it deletes
        (`do_delete`): {'uploaded': 1} or {'upload_error': message}, or {} when none."""
        upload = post.get('upload')
        if post.get('do_delete'):
            attachment = application.attachment_ids.filtered(lambda a: str(a.id) == post['do_delete'])
            if not attachment:
                return {'upload_error': _('Attachments: that file is no longer attached.')}
            try:
                with request.env.cr.savepoint():
                    attachment.unlink()
            except (ValidationError, UserError, AccessError) as e:
                return {'upload_error': e.name}
            return {'deleted': 1}
        if upload is not None and getattr(upload, 'filename', None):
            error = self._store_application_file(application, post.get('doc_type'), upload)
            return {'upload_error': error} if error else {'uploaded': 1}
        if post.get('do_upload'):
            return {'upload_error': _('File: choose a file to upload.')}
        return {}

    def _store_application_file(self, application, doc_type, upload):
        """Attach one uploaded file to the application; the error message, or None."""
        Attachment = request.env['cultivation.application.attachment']
        allowed = dict(Attachment._fields['doc_type']._description_selection(request.env))
        if doc_type not in allowed:
            return _('Document Type: choose what the file is.')
        if not upload or not getattr(upload, 'filename', None):
            return _('File: choose a file to upload.')
        limit = max_upload_bytes(request.env)
        content = upload.read(limit + 1)  # never more than the limit plus one byte in memory
        try:
            with request.env.cr.savepoint():
                Attachment.create({
                    'application_id': application.id, 'doc_type': doc_type, 'name': upload.filename,
                    'datas': base64.b64encode(content)})
        except (ValidationError, UserError, AccessError) as e:
            return e.name
        return None

    @http.route(['/my/applications/<int:application_id>/attachments'], type='http', auth='user',
                website=False, methods=['POST'])
    def portal_application_upload(self, application_id, doc_type=None, upload=None, **kw):
        application = record_or_404('cultivation.application', application_id)
        error = self._store_application_file(application, doc_type, upload)
        url = '/my/applications/%d/edit' % application.id
        if error:
            return see_other(url + '?' + url_encode({'upload_error': error}) + '#attachments')
        return see_other(url + '?uploaded=1#attachments')

    @http.route(['/my/applications/<int:application_id>/attachments/<int:attachment_id>/delete'],
                type='http', auth='user', website=False, methods=['POST'])
    def portal_application_attachment_delete(self, application_id, attachment_id, **kw):
        application = record_or_404('cultivation.application', application_id)
        attachment = application.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                attachment.unlink()
        except (ValidationError, UserError, AccessError) as e:
            return see_other('/my/applications/%d?%s' % (
                application.id, url_encode({'error': e.name})))
        return see_other('/my/applications/%d/edit#attachments' % application.id)

    @http.route(['/my/applications/<int:application_id>/attachments/<int:attachment_id>'],
                type='http', auth='user', website=False)
    def portal_application_attachment_download(self, application_id, attachment_id, **kw):
        application = record_or_404('cultivation.application', application_id)
        attachment = application.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        content = base64.b64decode(attachment.datas or b'')
        return request.make_response(content, headers=[
            ('Content-Type', attachment.mimetype or 'application/octet-stream'),
            ('Content-Disposition', http.content_disposition(attachment.name)),
            ('X-Content-Type-Options', 'nosniff')])

    @http.route(['/my/applications/<int:application_id>/withdraw'], type='http', auth='user',
                website=False, methods=['POST'])
    def portal_application_withdraw(self, application_id, **kw):
        application = record_or_404('cultivation.application', application_id)
        try:
            application.action_withdraw()
        except (ValidationError, UserError, AccessError) as e:
            return see_other('/my/applications/%d?%s' % (
                application.id, url_encode({'error': e.name})))
        return see_other('/my/applications/%d?message=withdrawn' % application.id)

    @http.route(['/my/applications/<int:application_id>/print'], type='http', auth='user', website=False)
    def portal_application_print(self, application_id, **kw):
        application = record_or_404('cultivation.application', application_id)
        # The user may read this application (checked above); wkhtmltopdf renders it as superuser
        # because the report reads lines (reviews, stages) portal users have no model access to.
        report = request.env.ref('gradient_cultivation.action_report_cultivation_application').sudo()
        pdf, _format = report.render_qweb_pdf([application.id])
        return request.make_response(pdf, headers=[
            ('Content-Type', 'application/pdf'),
            ('Content-Disposition', http.content_disposition('%s.pdf' % application.name))])
