"""Checked input: what a user sends to create or change a record is checked against each field's
type before the ORM and PostgreSQL see it. A letter in a number, a date that does not exist, a
choice that is not offered, an id that is no record or a text far too long is refused with a
Chinese message naming the field, instead of a traceback ("Odoo Server Error") and a half-done
request. The web client never sends such values; other clients (XML-RPC, scripts) may."""
import base64
import binascii
import math
import re
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INT_LIMIT = 2 ** 31 - 1  # PostgreSQL's integer
CHAR_LIMIT = 1000  # names, codes, phone numbers: far below (unless the field has a size)
TEXT_LIMIT = 100000  # some fifty pages
YEARS = (1900, 2100)
INTEGER_PATTERN = re.compile(r'^\s*-?\d+\s*$')
DATE_PATTERN = re.compile(r'^\d{4}-\d{2}-\d{2}$')
DATETIME_PATTERN = re.compile(r'^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$')
X2MANY_COMMANDS = range(7)


class GradientCheckedInput(models.AbstractModel):
    _name = 'gradient.checked.input'
    _description = 'Checked Input'
    # A model whose own create and write read the values before they reach this mixin checks them
    # itself, first thing (self._check_input), and sets this: they are not checked twice.
    _checks_input_first = False

    @api.model
    def create(self, vals):
        if not self._checks_input_first:
            self._check_input(vals, create=True)
        return super(GradientCheckedInput, self).create(vals)

    @api.multi
    def write(self, vals):
        if not self._checks_input_first:
            self._check_input(vals)
        return super(GradientCheckedInput, self).write(vals)

    @api.multi
    def _validate_fields(self, field_names):
        # Constraints check values, not rights, and run before the stored related fields are
        # computed: a territory reviewer creating a plan for a member of its territory could not
        # read it yet (the record rule reads the plan's territory, still empty), and the
        # constraint failed with an access error. The record rules are checked right after
        # (check_access_rule), on the complete record.
        return super(GradientCheckedInput, self.sudo())._validate_fields(field_names)

    # ------------------------------------------------------------------ arguments of actions
    @api.model
    def _argument_text(self, value, label, limit=TEXT_LIMIT):
        """The text a user gave to an action (a reason, an opinion, a comment), stripped; ''
        when none was given (the action says whether it needs one)."""
        if value is None or value is False:
            return ''
        if not isinstance(value, str):
            raise ValidationError(_('%s: enter text.') % label)
        value = value.strip()
        if len(value) > limit:
            raise ValidationError(_('%s: at most %d characters (you entered %d).') % (label, limit, len(value)))
        return value

    @api.model
    def _argument_records(self, model, value, label, single=True):
        """The records of ``model`` a method was given. Records come from the code that calls it
        and are taken as they are; ids come from a client (RPC) and must be records the user may
        read."""
        if isinstance(value, models.BaseModel):
            if value._name != model or (single and len(value) != 1):
                raise ValidationError(_('%s: choose an existing record.') % label)
            return value
        ids = [value] if isinstance(value, int) else value
        if not isinstance(ids, (list, tuple)) or any(
                isinstance(i, bool) or not isinstance(i, int) or not 0 < i <= INT_LIMIT for i in ids):
            raise ValidationError(_('%s: choose an existing record.') % label)
        records = self.env[model].browse(ids)
        if len(records.exists()) != len(records) or (single and len(records) != 1):
            raise ValidationError(_('%s: choose an existing record.') % label)
        records.check_access_rights('read')
        records.check_access_rule('read')
        return records

    @api.model
    def _argument_date(self, value, label):
        """A date an action was given, as Odoo's string, or False when none was given."""
        if value is None or value is False or value == '':
            return False
        problem = self._input_problem_date(None, value)
        if problem:
            raise ValidationError(_('%s: %s') % (label, problem))
        return fields.Date.to_string(value) if isinstance(value, date) else value[:10]

    # ------------------------------------------------------------------ the checks
    @api.model
    def _check_input(self, vals, create=False):
        """Raises a ValidationError naming the first field whose value cannot be stored."""
        if not isinstance(vals, dict):
            raise ValidationError(_('Values: give the fields to save and their values.'))
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue  # the ORM ignores unknown fields (and logs them)
            problem = self._input_problem(field, value)
            if problem:
                raise ValidationError(_('%s: %s') % (self._input_label(field), problem))
        if create:
            self._check_required_given(vals)

    def _input_label(self, field):
        return field.get_description(self.env)['string']

    @api.model
    def _check_required_given(self, vals):
        missing = [name for name, field in self._fields.items()
                   if field.required and field.store and not field.compute and name not in vals
                   and field.default is None and field.type != 'boolean']
        if not missing:
            return
        defaults = self.default_get(missing)
        for name in missing:
            if name not in defaults:
                raise ValidationError(_('%s: required.') % self._input_label(self._fields[name]))

    def _input_problem(self, field, value):
        """What is wrong with ``value`` for ``field`` (translated), or None."""
        if field.type == 'boolean':
            return None
        blank = value is None or value is False or (isinstance(value, str) and not value.strip())
        if blank:
            if field.required and field.type not in ('integer', 'float', 'monetary'):
                return _('required.')
            return None
        checker = getattr(self, '_input_problem_%s' % field.type, None)
        return checker(field, value) if checker else None

    def _input_problem_integer(self, field, value):
        if isinstance(value, bool):
            return _('enter a whole number.')
        if isinstance(value, float):
            if not math.isfinite(value) or value != int(value):
                return _('enter a whole number.')
            value = int(value)
        elif isinstance(value, str):
            if not INTEGER_PATTERN.match(value):
                return _('enter a whole number.')
            value = int(value)
        elif not isinstance(value, int):
            return _('enter a whole number.')
        if abs(value) > INT_LIMIT:
            return _('the number is too large.')
        return None

    def _input_problem_float(self, field, value):
        if isinstance(value, bool):
            return _('enter a number.')
        if isinstance(value, str):
            try:
                value = float(value.replace(',', ''))
            except ValueError:
                return _('enter a number.')
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return _('enter a number.')
        digits = field.digits
        limit = 10 ** (digits[0] - digits[1]) if digits else 1e15
        if abs(value) >= limit:
            return _('the number is too large.')
        return None

    _input_problem_monetary = _input_problem_float

    def _input_problem_char(self, field, value):
        if not isinstance(value, str):
            return _('enter text.')
        limit = field.size or CHAR_LIMIT
        if len(value.strip()) > limit:
            return _('at most %d characters (you entered %d).') % (limit, len(value.strip()))
        return None

    def _input_problem_text(self, field, value):
        if not isinstance(value, str):
            return _('enter text.')
        if len(value) > TEXT_LIMIT:
            return _('at most %d characters (you entered %d).') % (TEXT_LIMIT, len(value))
        return None

    _input_problem_html = _input_problem_text

    def _input_problem_date(self, field, value):
        if isinstance(value, (date, datetime)):
            return None
        if not isinstance(value, str) or not (DATE_PATTERN.match(value) or DATETIME_PATTERN.match(value)):
            return _('enter a date as YYYY-MM-DD.')
        try:
            day = fields.Date.from_string(value[:10])
        except ValueError:
            return _('enter a date as YYYY-MM-DD.')
        if not YEARS[0] <= day.year <= YEARS[1]:
            return _('enter a date between %d and %d.') % YEARS
        return None

    def _input_problem_datetime(self, field, value):
        if isinstance(value, datetime):
            return None
        if not isinstance(value, str) or not (DATETIME_PATTERN.match(value) or DATE_PATTERN.match(value)):
            return _('enter a date and time as YYYY-MM-DD HH:MM:SS.')
        try:
            moment = fields.Datetime.from_string(value)
        except ValueError:
            return _('enter a date and time as YYYY-MM-DD HH:MM:SS.')
        if not YEARS[0] <= moment.year <= YEARS[1]:
            return _('enter a date between %d and %d.') % YEARS
        return None

    def _input_problem_selection(self, field, value):
        if not isinstance(value, str) and not isinstance(value, int) or isinstance(value, bool):
            return _('choose one of the options.')
        if value not in field.get_values(self.env):
            return _('choose one of the options.')
        return None

    def _input_problem_many2one(self, field, value):
        if isinstance(value, models.BaseModel):
            return None if value._name == field.comodel_name and len(value) <= 1 else _('choose one record.')
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT_LIMIT:
            return _('choose an existing record.')
        # existence, not access: the access rules decide afterwards whether the user may link it
        if not self.env[field.comodel_name].sudo().with_context(active_test=False).search_count([('id', '=', value)]):
            return _('choose an existing record.')
        return None

    def _input_problem_one2many(self, field, value):
        return self._x2many_problem(field, value)

    def _input_problem_many2many(self, field, value):
        return self._x2many_problem(field, value)

    def _x2many_problem(self, field, value):
        if isinstance(value, models.BaseModel):
            return None
        if not isinstance(value, (list, tuple)):
            return _('give a list of records.')
        ids = []
        for command in value:
            if isinstance(command, int) and not isinstance(command, bool):
                ids.append(command)  # a plain list of ids, as (6, 0, ids)
                continue
            if not isinstance(command, (list, tuple)) or not command or command[0] not in X2MANY_COMMANDS \
                    or isinstance(command[0], bool):
                return _('give a list of records.')
            code = command[0]
            if code in (0, 1) and (len(command) < 3 or not isinstance(command[2], dict)):
                return _('give a list of records.')
            if code in (1, 2, 3, 4):
                if len(command) < 2:
                    return _('give a list of records.')
                ids.append(command[1])
            if code == 6:
                if len(command) < 3 or not isinstance(command[2], (list, tuple)):
                    return _('give a list of records.')
                ids.extend(command[2])
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 < i <= INT_LIMIT for i in ids):
            return _('choose existing records.')
        unique = set(ids)
        if unique and self.env[field.comodel_name].sudo().with_context(active_test=False).search_count(
                [('id', 'in', list(unique))]) != len(unique):
            return _('choose existing records.')
        return None

    def _input_problem_binary(self, field, value):
        if isinstance(value, bytes):
            value = value.decode('ascii', 'replace')
        if not isinstance(value, str):
            return _('the file could not be read; please choose the file again.')
        try:
            base64.b64decode(value)
        except (binascii.Error, ValueError):
            return _('the file could not be read; please choose the file again.')
        return None
