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

from odoo import SUPERUSER_ID, _, api, fields, models
from ..grants import granted, is_granted
from odoo.exceptions import AccessError, UserError, ValidationError

INT_LIMIT = 2 ** 31 - 1  # PostgreSQL's integer
CHAR_LIMIT = 1000  # names, codes, phone numbers: far below (unless the field has a size)
TEXT_LIMIT = 100000  # some fifty pages
YEARS = (1900, 2100)
INTEGER_PATTERN = re.compile(r'^\s*-?\d+\s*$')
DATE_PATTERN = re.compile(r'^\d{4}-\d{2}-\d{2}$')
DATETIME_PATTERN = re.compile(r'^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$')
X2MANY_COMMANDS = range(7)
# _writable_fields: every field a group's screens edit (configuration the back office keeps).
WRITE_ALL = 'all'
# The chatter's own fields (followers, activities): their models decide who may change them.
MAIL_FIELD_PREFIXES = ('message_', 'activity_', 'website_message_')


def text_limit(field):
    """The most characters a text field takes: the limit declared on the field itself (a Char's
    ``size``, which Odoo also gives the column and the back office's inputs; a Text's
    ``max_length``, which Odoo 11 keeps as a field attribute), else the platform's default. The
    one home of a text limit: the checks of this mixin and the portal forms read it here."""
    if field.type == 'char':
        return field.size or CHAR_LIMIT
    return getattr(field, 'max_length', None) or TEXT_LIMIT


class GradientCheckedInput(models.AbstractModel):
    _name = 'gradient.checked.input'
    _description = 'Checked Input'
    # A model whose own create and write read the values before they reach this mixin checks them
    # itself, first thing (self._check_input), and sets this: they are not checked twice.
    _checks_input_first = False
    # Who writes what (issue 14, findings 9 and 10). A client, i.e. any create or write that is
    # neither the superuser's nor a step of the server's own workflow (gradient_base.grants, see
    # _workflow_write), never writes:
    # - computed fields: results the system works out (a portrait's total, whether it passed);
    # - fields declared readonly: states, dates, reasons and results the workflow sets;
    # - the owner fields (_owner_fields) of an existing record: whose it is never changes;
    # - `active`: nobody archives a record unless a group's list below names `active`.
    # And when the model declares _writable_fields {group xml id: fields}, a client writes only
    # the fields listed for one of its groups: a tuple of names, WRITE_ALL (every field the
    # screens edit, archiving included), or {state: names} for a model with a state machine (the
    # fields editable in each state; creation is in the default state). A group not named writes
    # nothing directly: its buttons act through the workflow. A model that declares nothing is
    # configuration: the users the access rights let write it edit what its screens edit.
    _writable_fields = None
    _owner_fields = ()

    @api.model
    def create(self, vals):
        if not self._checks_input_first:
            self._check_input(vals, create=True)
        return super(GradientCheckedInput, self).create(vals)

    @api.multi
    def write(self, vals):
        if not self._checks_input_first:
            self._check_input(vals)
        return super(GradientCheckedInput, self._tracked()).write(vals)

    @api.multi
    def copy(self, default=None):
        """A copy takes the record's own values, which its user may read, and ``default``, which
        a client gives (copy is callable over RPC: {'state': 'approved'} would be a new approved
        application): those are checked like the values of a create, unless the model's own copy
        gives them (under a 'copy' grant of the fields)."""
        if default and self.env.uid != SUPERUSER_ID:
            given = {name: value for name, value in default.items()
                     if not is_granted('copy', self._name, self.ids, [name])}
            self._check_writable(given, create=True)
        with granted('copy', None, None):
            return super(GradientCheckedInput, self).copy(default)

    def _tracked(self):
        """A client's context does not keep its changes out of the chatter: Odoo's tracking_disable
        and mail_notrack keys, which any RPC call sets, are dropped from writes that are not the
        superuser's (our own code never sets them outside the demo data)."""
        if self.env.uid == SUPERUSER_ID or not (self.env.context.get('tracking_disable')
                                                or self.env.context.get('mail_notrack')):
            return self
        return self.with_context(tracking_disable=False, mail_notrack=False)

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
            raise ValidationError(_('%(label)s: at most %(limit)d characters (you entered %(value_length)d).') % {'label': label, 'limit': limit, 'value_length': len(value)})
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
            raise ValidationError(_('%(label)s: %(problem)s') % {'label': label, 'problem': problem})
        return fields.Date.to_string(value) if isinstance(value, date) else value[:10]

    # ------------------------------------------------------------------ the checks
    @api.model
    def _check_input(self, vals, create=False, writing=True):
        """Raises a ValidationError naming the first field whose value cannot be stored, and
        (``writing``: the values are about to be written) an AccessError naming the first field
        the user may not set."""
        if not isinstance(vals, dict):
            raise ValidationError(_('Values: give the fields to save and their values.'))
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue  # the ORM ignores unknown fields (and logs them)
            problem = self._input_problem(field, value)
            if problem:
                raise ValidationError(_('%(input_label)s: %(problem)s') % {'input_label': self._input_label(field), 'problem': problem})
        if create:
            self._check_required_given(vals)
        if writing:
            self._check_writable(vals, create=create)

    # ------------------------------------------------------------------ who writes what
    @api.multi
    def _workflow_write(self, vals):
        """The workflow writes its own fields (state, dates, results) for the user who triggered
        the step, who stays the author in the chatter and the audit log. Private: a client cannot
        call it, and no value of a request can open the grant it writes under."""
        with granted('write', self._name, self.ids, vals):
            return self.write(vals)

    @api.multi
    def _check_writable(self, vals, create=False):
        """Raises an AccessError naming the first field of ``vals`` that the user may not set
        (see _writable_fields)."""
        # A wizard (transient) keeps nothing: it collects what its action is given, and the action
        # checks the rights and the state on the records it acts on.
        if self.env.uid == SUPERUSER_ID or self._transient or not isinstance(vals, dict):
            return
        if is_granted('create' if create else 'write', self._name, self.ids, vals) \
                or is_granted('copy', None, None):  # the values of the record copied, see copy()
            return
        if create:
            # Odoo fills the fields a create leaves out from the context's default_<field> keys,
            # which any RPC call sets: {'default_state': 'approved'} is a value like any other.
            defaults = {key[8:]: value for key, value in self.env.context.items()
                        if key.startswith('default_') and key[8:] in self._fields and key[8:] not in vals}
            vals = dict(defaults, **vals)
        internal = self.env.user.has_group('base.group_user')
        # An XML-RPC call has no language in its context: the refusal speaks the user's.
        records = self.with_context(lang=self.env.lang or self.env.user.lang)
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or name.startswith(MAIL_FIELD_PREFIXES):
                continue
            problem = records._write_problem(field, value, create, internal)
            if problem:
                raise AccessError(problem)
        if self._writable_fields is None:
            return
        for state in records._write_states(create):
            allowed = records._writable_names(state)
            if allowed is None:
                continue
            for name, value in vals.items():
                if name in allowed or name not in self._fields or name.startswith(MAIL_FIELD_PREFIXES) \
                        or (create and name == 'active' and value):
                    continue
                records._refuse_write(name, state)

    def _write_problem(self, field, value, create, internal):
        """Why no client writes ``field`` (translated), or None."""
        label = self._input_label(field)
        if field.compute and not field.inverse:
            return _('%(field)s is calculated by the system and cannot be written.') % {'field': label}
        if field.readonly:
            return _('%(field)s is set by the workflow (its buttons) and cannot be written directly.') % {
                'field': label}
        if not create and field.name in self._owner_fields:
            return _('%(field)s says whose the record is and cannot be changed.') % {'field': label}
        if field.name == 'active' and not (create and value):
            listed = self._writable_fields is None and internal or any(
                spec == WRITE_ALL or 'active' in (spec if not isinstance(spec, dict) else
                                                  [n for names in spec.values() for n in names])
                for group, spec in (self._writable_fields or {}).items() if self.env.user.has_group(group))
            if not listed:
                return _('%(field)s: you cannot archive or restore this record.') % {'field': label}
        return None

    def _write_states(self, create):
        if 'state' not in self._fields:
            return [None]
        if create:
            return [self.default_get(['state']).get('state')]
        return list(set(self.mapped('state'))) or [None]

    def _writable_names(self, state):
        """The fields the user may write on a record in ``state``; None: all its screens edit."""
        names = set()
        for group, spec in self._writable_fields.items():
            if not self.env.user.has_group(group):
                continue
            if spec == WRITE_ALL:
                return None
            names.update(spec.get(state, ()) if isinstance(spec, dict) else spec)
        return names

    def _refuse_write(self, name, state):
        """A field the user writes in another state of the record is refused as a step out of
        turn (UserError); one it never writes, as a lack of rights (AccessError)."""
        label = self._input_label(self._fields[name])
        other_states = [value for value, _label in self._fields['state']._description_selection(self.env)
                        if value != state] if 'state' in self._fields else []
        if any(name in (self._writable_names(other) or ()) for other in other_states):
            state_label = dict(self._fields['state']._description_selection(self.env)).get(state, state)
            raise UserError(_('%(field)s cannot be changed by you while the record is %(state)s.') % {
                'field': label, 'state': state_label})
        raise AccessError(_('%(field)s cannot be changed by you.') % {'field': label})

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
        limit = text_limit(field)
        if len(value.strip()) > limit:
            return _('at most %(limit)d characters (you entered %(value_length)d).') % {'limit': limit, 'value_length': len(value.strip())}
        return None

    def _input_problem_text(self, field, value):
        if not isinstance(value, str):
            return _('enter text.')
        limit = text_limit(field)
        if len(value) > limit:
            return _('at most %(limit)d characters (you entered %(value_length)d).') % {'limit': limit, 'value_length': len(value)}
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
            return _('enter a date between %(first)d and %(last)d.') % {'first': YEARS[0], 'last': YEARS[1]}
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
            return _('enter a date between %(first)d and %(last)d.') % {'first': YEARS[0], 'last': YEARS[1]}
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
