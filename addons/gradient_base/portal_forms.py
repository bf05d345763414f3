"""What every portal controller of the business addons shares, public and in one place: the
answer for a record that is not the user's (404, never its data), the redirect after a POST, and
turning a form's strings into values (FormErrors). The rules a value must follow are the
models': a form gathers each field's parse error here, then asks the model for its own
(an ``*_errors(vals)`` method) and shows them all beside their fields."""
import math
import re
from datetime import datetime

from werkzeug.utils import redirect

from odoo import _
from odoo.exceptions import AccessError
from odoo.http import request

from .models.gradient_checked_input import text_limit

DATE_PATTERN = re.compile(r'^\d{4}-\d{2}-\d{2}$')
MAX_ID = 10 ** 9  # far above any real id or count, far below PostgreSQL's integer limit
MAX_NUMBER = 10 ** 12


def see_other(url):
    """See Other: after a POST the browser GETs the next page (no resubmission on reload)."""
    return redirect(url, 303)


def field_label(model, field_name):
    """The field's label in the user's language."""
    return request.env[model]._fields[field_name].get_description(request.env)['string']


def record_or_404(model, record_id):
    """The record ``record_id`` of ``model`` when the portal user may read it; 404 otherwise, so
    that an id of another enterprise's record tells nothing, not even that it exists."""
    if not isinstance(record_id, int) or not 0 < record_id <= MAX_ID:
        raise request.not_found()
    record = request.env[model].browse(record_id).exists()
    if not record:
        raise request.not_found()
    try:
        record.check_access_rights('read')
        record.check_access_rule('read')
    except AccessError:
        raise request.not_found()
    return record


def id_list(values):
    """The ids among form strings (checkboxes, multiple selects); anything else is dropped."""
    ids = []
    for raw in values:
        raw = (raw or '').strip()
        if raw.isdigit() and 0 < int(raw) <= MAX_ID:
            ids.append(int(raw))
    return ids


class FormErrors(dict):
    """Field name -> message, shown beside the field; parse_* turn a form's strings into values."""

    def parse_int(self, model, name, raw, minimum=0):
        raw = (raw or '').strip()
        if not raw:
            return 0
        if not re.match(r'^-?\d+$', raw):
            self[name] = _('%s: enter a whole number.') % field_label(model, name)
            return None
        value = int(raw)
        if minimum is not None and value < minimum:
            self[name] = _('%(label)s: cannot be below %(minimum)d.') % {
                'label': field_label(model, name), 'minimum': minimum}
        elif abs(value) > MAX_ID:
            self[name] = _('%s: the number is too large.') % field_label(model, name)
            return None
        return value

    def parse_float(self, model, name, raw, key=None, minimum=0, label=None):
        raw = (raw or '').strip().replace(',', '')
        if not raw:
            return 0.0
        try:
            value = float(raw)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            self[key or name] = _('%s: enter a number.') % (label or field_label(model, name))
            return None
        if abs(value) > MAX_NUMBER:
            self[key or name] = _('%s: the number is too large.') % (label or field_label(model, name))
            return None
        if minimum is not None and value < minimum:
            self[key or name] = _('%s: cannot be negative.') % (label or field_label(model, name))
        return value

    def parse_date(self, model, name, raw):
        raw = (raw or '').strip()
        if not raw:
            return False
        try:
            if not DATE_PATTERN.match(raw):
                raise ValueError(raw)
            parsed = datetime.strptime(raw, '%Y-%m-%d')
        except ValueError:
            self[name] = _('%s: enter a date as YYYY-MM-DD.') % field_label(model, name)
            return None
        if not 1900 <= parsed.year <= 2100:
            self[name] = _('%s: enter a date as YYYY-MM-DD.') % field_label(model, name)
            return None
        return raw

    def parse_text(self, model, name, raw, label=None):
        """The text stripped; longer than the field's own limit (text_limit) is an error."""
        value = (raw or '').strip()
        limit = text_limit(request.env[model]._fields[name])
        if len(value) > limit:
            self[name] = _('%(label)s: at most %(limit)d characters (you entered %(value_length)d).') % {
                'label': label or field_label(model, name), 'limit': limit, 'value_length': len(value)}
        return value
