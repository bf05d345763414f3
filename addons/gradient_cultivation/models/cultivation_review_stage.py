from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError


class CultivationReviewStage(models.Model):
    """A step of the admission review, configured by the bureau. Applications pass the active
    stages that apply to them in sequence order; adding, removing or reordering stages changes
    the path of the next applications without any code change."""
    _name = 'cultivation.review.stage'
    _inherit = ['gradient.checked.input', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _description = 'Review Stage'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    library_ids = fields.Many2many(
        'cultivation.library', string='Cultivation Libraries',
        help='The tiers whose applications pass this stage; empty means every tier.')
    group_id = fields.Many2one(
        'res.groups', string='Reviewer Group', required=True,
        help='Users of this group review the applications at this stage. Any of them may decide; the '
             'to-do goes to the one with the fewest open reviews.')
    territory_restricted = fields.Boolean(
        string='Own Territory Only',
        help='Only reviewers assigned to the territory of the application (or a territory above it) may act.')
    skip_direct = fields.Boolean(
        string='Skipped by Direct Submissions',
        help='Applications the enterprise submits directly to the bureau (企业直报) skip this stage.')
    time_limit_days = fields.Integer(
        string='Time Limit (days)', default=5,
        help='Days the reviewers have; after that the application is overdue. 0 means no limit.')
    is_joint = fields.Boolean(
        string='Joint Review',
        help='Several members score the application; the pass rule decides.')
    joint_member_ids = fields.Many2many(
        'res.users', 'cultivation_review_stage_member_rel', 'stage_id', 'user_id',
        string='Panel', help='The joint review panel; empty means every user of the reviewer group.')
    joint_member_count = fields.Integer(
        string='Members per Application', default=3,
        help='How many panel members score each application.')
    joint_min_average = fields.Float(
        string='Minimum Average Score', default=60.0,
        help='The application passes when the average score reaches this value (scores are 0-100).')
    joint_require_majority = fields.Boolean(
        string='Majority in Favour Required', default=True,
        help='More than half of the members must be in favour as well.')
    instructions = fields.Text(translate=True, help='What the reviewers check at this stage.')
    joint_rubric = fields.Text(
        string='Scoring Rubric', translate=True,
        default=lambda self: self._default_joint_rubric(),
        help='What each band of the 0-100 score means; shown to the members when they score.')

    @api.model
    def _default_joint_rubric(self):
        return _('90-100: fully meets the criteria of the tier, with a clear lead in its niche.\n'
                 '75-89: meets the criteria; strengths outweigh the gaps.\n'
                 '60-74: meets the minimum criteria; gaps to be followed up during cultivation.\n'
                 '0-59: does not meet the criteria of the tier.')

    @api.multi
    def pass_rule(self):
        """The stage's pass rule in words (translated)."""
        self.ensure_one()
        if self.joint_require_majority:
            return _('pass: average score of at least %(minimum)g out of 100 and more than half of the members '
                     'in favour') % {'minimum': self.joint_min_average}
        return _('pass: average score of at least %(minimum)g out of 100') % {'minimum': self.joint_min_average}

    @api.constrains('time_limit_days', 'joint_member_count', 'joint_min_average', 'is_joint')
    def _check_numbers(self):
        for stage in self:
            if stage.time_limit_days < 0:
                raise ValidationError(_('Time Limit (days): cannot be negative.'))
            if stage.is_joint and stage.joint_member_count < 1:
                raise ValidationError(_('Members per Application: a joint review needs at least one member.'))
            if stage.is_joint and not 0 <= stage.joint_min_average <= 100:
                raise ValidationError(_('Minimum Average Score: must be between 0 and 100.'))

    @api.multi
    def applies_to(self, application):
        self.ensure_one()
        application = self._argument_records('cultivation.application', application, _('Admission Application'))
        if self.library_ids and application.library_id not in self.library_ids:
            return False
        if self.skip_direct and application.submission_channel == 'direct':
            return False
        return True

    @api.multi
    def candidate_reviewers(self, application):
        """The users who may act on ``application`` at this stage."""
        self.ensure_one()
        application = self._argument_records('cultivation.application', application, _('Admission Application'))
        users = self.joint_member_ids if self.is_joint and self.joint_member_ids else self.group_id.users
        # The superuser holds every role by implication; it administers, it does not review.
        users = users.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
        if self.territory_restricted:
            covering = application.territory_id.sudo().self_and_ancestors()
            users = users.filtered(lambda u: u.territory_ids & covering)
        return users
