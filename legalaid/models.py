"""Legal aid (法律援助): applications and cases, the lawyer pool, lottery draws (摇珠),
handling, evaluations, removals, subsidies and consultations.

Statute: Legal Aid Law (法律援助法, in force 2022-01-01) — reference/statutes.md §2;
documents: reference/documents.md §4.

One case model, `AidCase`, carries a matter from the application (申请) through review and
decision (审查决定), assignment (指派), handling (承办) and the closing review (归档审查): the
engine's case is the application until it is decided, and the aid case after that (GLOSSARY:
AidApplication → AidCase), so its number, clocks and history stay in one place.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from core.roles import Role
from legalaid.choices import (
    AssignmentMethod,
    Category,
    Decision,
    Grade,
    Hardship,
    Matter,
    NotifyingAuthority,
    ProgressStage,
    Result,
    Side,
    Source,
)

ZERO = Decimal("0")


class Exemption(models.Model):
    """A category of person exempt from the means check or from the hardship condition, with
    its legal basis: the national ones of Arts. 32 and 42 and those a province or city adds
    (其他情形). Staff add local ones; each shows its basis wherever it is chosen."""

    class Kind(models.TextChoices):
        NO_HARDSHIP = "no_hardship", _("No hardship condition (Art. 32)")
        CHECK_WAIVED = "check_waived", _("Means check waived (Art. 42)")

    name = models.CharField(_("category"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("exemption category")
        verbose_name_plural = _("exemption categories")
        ordering = ["kind", "region_code", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.legal_basis}）"

    def save(self, *args, **kwargs):
        self.region_code = self.organization.region_id
        super().save(*args, **kwargs)


class AidCase(Case):
    """A legal aid application and, once aid is granted, the aid case."""

    title = models.CharField(_("matter in brief"), max_length=200)
    facts = models.TextField(_("facts and reasons"))
    requests = models.TextField(_("help asked for"), blank=True)
    matter = models.CharField(_("matter"), max_length=24, choices=Matter.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.APPLICATION
    )
    notifying_authority = models.CharField(
        _("notifying authority"), max_length=16, choices=NotifyingAuthority.choices, blank=True
    )
    notifying_body = models.CharField(_("notifying organ"), max_length=100, blank=True)
    legal_role = models.CharField(
        _("the applicant's role in the matter"),
        max_length=32,
        blank=True,
        help_text=_("e.g. plaintiff, defendant, suspect, victim, applicant for arbitration"),
    )
    stage = models.CharField(_("stage of proceedings"), max_length=64, blank=True)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    hardship = models.CharField(_("financial condition"), max_length=16, choices=Hardship.choices)
    exemption = models.ForeignKey(
        Exemption,
        verbose_name=_("exemption category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    materials = models.JSONField(_("materials received"), default=list, blank=True)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    life_or_death = models.BooleanField(
        _("may lead to life imprisonment or death"),
        default=False,
        help_text=_("Only lawyers with three years' practice may be assigned (Art. 26)."),
    )
    urgent = models.BooleanField(_("aid before the decision (Art. 44)"), default=False)
    urgent_reason = models.CharField(
        _("reason for aid before the decision"), max_length=200, blank=True
    )
    tracking_code = models.CharField(_("tracking code"), max_length=16, blank=True)
    # Review and decision (Art. 43) and the objection (Art. 49).
    correction_items = models.TextField(_("materials to supply"), blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # Measured when the decision is made (legalaid.process): the review period in working
    # days, the days the applicant took to supply materials not counted (Art. 43), and
    # whether the local service target was met.
    review_days = models.PositiveSmallIntegerField(
        _("review time (working days)"), null=True, blank=True
    )
    review_within_target = models.BooleanField(
        _("reviewed within the local target"), null=True, blank=True
    )
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    objection_filed_on = models.DateField(_("objection filed on"), null=True, blank=True)
    objection_reason = models.TextField(_("grounds of the objection"), blank=True)
    objection_upheld = models.BooleanField(_("objection upheld"), null=True, blank=True)
    objection_decided_on = models.DateField(_("objection decided on"), null=True, blank=True)
    # Assignment (指派).
    lawyer = models.ForeignKey(
        "core.Lawyer",
        verbose_name=_("assigned lawyer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aid_cases",
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    assignment_method = models.CharField(
        _("assigned by"), max_length=16, choices=AssignmentMethod.choices, blank=True
    )
    # Handling and closing (结案, 归档审查).
    result = models.CharField(_("result"), max_length=24, choices=Result.choices, blank=True)
    recovered_losses = models.DecimalField(
        _("economic losses recovered or avoided (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    concluded_on = models.DateField(_("matter concluded on"), null=True, blank=True)
    closing_report = models.TextField(_("closing report"), blank=True)
    file_submitted_on = models.DateField(_("case file submitted on"), null=True, blank=True)
    grade = models.CharField(_("file grade"), max_length=16, choices=Grade.choices, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    # The state aid was terminated in (Art. 48), restored when an objection is upheld (Art. 49).
    terminated_from = models.CharField(_("terminated in state"), max_length=24, blank=True,
                                       editable=False)  # fmt: skip

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    # A lawyer sees and works on only the cases assigned to them; justice-office staff, who
    # take in applications at their window for the district's centre, the ones they took in
    # (core.querysets; process.py gives office staff no transition).
    scope_user_fields = {Role.LAWYER: "lawyer__user_id", Role.OFFICE_STAFF: "created_by_id"}

    class Meta(Case.Meta):
        verbose_name = _("legal aid case")
        verbose_name_plural = _("legal aid cases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~models.Q(number=""),
                name="aidcase_unique_number",
            ),
            models.CheckConstraint(
                condition=models.Q(recovered_losses__gte=0), name="aidcase_recovered_gte_0"
            ),
        ]
        indexes = [
            *case_indexes("aidcase"),
            models.Index(fields=["region_code", "decided_on"], name="aidcase_region_decided"),
            models.Index(fields=["lawyer", "state"], name="aidcase_lawyer_state"),
            models.Index(
                fields=["tracking_code"],
                condition=~models.Q(tracking_code=""),
                name="aidcase_tracking_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("legalaid:case_detail", args=[self.pk])

    def parties_on(self, side: str) -> list:
        return [p.party for p in self.aid_parties.all() if p.side == side]


class AidParty(models.Model):
    case = models.ForeignKey(
        AidCase, on_delete=models.CASCADE, related_name="aid_parties", db_index=False
    )
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party to a legal aid case")
        verbose_name_plural = _("parties to legal aid cases")
        ordering = ["side", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="aidparty_unique")]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class PoolMember(models.Model):
    """A lawyer in a legal aid centre's pool (法律援助律师库)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In the pool")
        SUSPENDED = "suspended", _("Suspended")
        REMOVED = "removed", _("Removed")

    centre = models.ForeignKey(
        "core.Organization",
        verbose_name=_("legal aid centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lawyer = models.ForeignKey(
        "core.Lawyer", verbose_name=_("lawyer"), on_delete=models.PROTECT, related_name="pools"
    )
    matters = models.JSONField(
        _("matters taken"), default=list, blank=True, help_text=_("Empty: every matter.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    workload_cap = models.PositiveSmallIntegerField(
        _("workload cap"),
        null=True,
        blank=True,
        help_text=_("Open legal aid cases at most; empty: the centre's default."),
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"

    class Meta:
        verbose_name = _("pool lawyer")
        verbose_name_plural = _("pool lawyers")
        ordering = ["centre_id", "lawyer__name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "lawyer"], name="poolmember_unique")
        ]

    def __str__(self) -> str:
        return str(self.lawyer)

    def save(self, *args, **kwargs):
        self.region_code = self.centre.region_id
        super().save(*args, **kwargs)


class Draw(models.Model):
    """A lottery draw (摇珠) for one case: announced, committed, opted into, drawn, published.

    The commitment (SHA-256 of the secret seed) is public from the announcement; the seed, the
    ordered candidate list and the exclusions are published with the result, and anyone can
    recompute the winner (legalaid.lottery, `fazhi lottery verify`, the portal's draw page).
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open for opt-ins")
        DRAWN = "drawn", _("Drawn")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(AidCase, on_delete=models.PROTECT, related_name="draws")
    public_code = models.CharField(_("draw number"), max_length=24, unique=True)
    announcement = models.TextField(_("anonymised announcement"))
    matter = models.CharField(_("matter"), max_length=24, choices=Matter.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    announced_at = models.DateTimeField(_("announced at"))
    closes_at = models.DateTimeField(_("opt-ins close at"))
    commitment = models.CharField(_("commitment (SHA-256 of the seed)"), max_length=64)
    seed = models.CharField(_("seed"), max_length=64, blank=True)
    weighted = models.BooleanField(_("weighted by quality score"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    candidates = models.JSONField(_("ordered candidate list"), default=list, blank=True)
    excluded = models.JSONField(_("excluded lawyers and reasons"), default=list, blank=True)
    method = models.CharField(
        _("method"), max_length=16, choices=AssignmentMethod.choices, blank=True
    )
    winner = models.ForeignKey(
        "core.Lawyer",
        verbose_name=_("lawyer drawn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("legal aid centre"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("lottery draw")
        verbose_name_plural = _("lottery draws")
        ordering = ["-announced_at", "-id"]

    def __str__(self) -> str:
        return self.public_code


class OptIn(models.Model):
    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="opt_ins")
    lawyer = models.ForeignKey("core.Lawyer", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("opted in at"))

    class Meta:
        verbose_name = _("opt-in")
        verbose_name_plural = _("opt-ins")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["draw", "lawyer"], name="optin_unique")]

    def __str__(self) -> str:
        return f"{self.draw} {self.lawyer}"


class Progress(models.Model):
    """A step the assigned lawyer reports (立案, 开庭, …)."""

    case = models.ForeignKey(AidCase, on_delete=models.CASCADE, related_name="progress")
    stage = models.CharField(_("step"), max_length=16, choices=ProgressStage.choices)
    on_date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "core.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["on_date", "id"]

    def __str__(self) -> str:
        return f"{self.on_date} {self.get_stage_display()}"


class Criterion(models.Model):
    """One line of a centre's evaluation rubric (评分标准)."""

    class Kind(models.TextChoices):
        HEARING = "hearing", _("Live hearing")
        FILE = "file", _("Case file")

    centre = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("evaluated"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("criterion"), max_length=100)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["centre_id", "kind", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.region_code = self.centre.region_id
        super().save(*args, **kwargs)


class Evaluation(models.Model):
    """An expert's or the centre's score of a lawyer's hearing or case file (质量评估)."""

    lawyer = models.ForeignKey("core.Lawyer", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        AidCase, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("evaluated"), max_length=16, choices=Criterion.Kind.choices)
    evaluated_on = models.DateField(_("evaluated on"))
    scores = models.JSONField(_("scores by criterion"), default=dict)
    score = models.DecimalField(
        _("score (of 100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal(100))],
    )
    evaluator = models.CharField(_("evaluator"), max_length=64)
    notes = models.TextField(_("comments"), blank=True)
    centre = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"
    # A lawyer sees only their own (the page "my legal aid cases", quality, subsidies).
    scope_user_fields = {Role.LAWYER: "lawyer__user_id"}

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.lawyer} {self.evaluated_on} {self.score}"


class Removal(models.Model):
    """A proposal to remove a lawyer from the pool after the yearly ranking, with notice and
    an appeal before it takes effect."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, notice given")
        APPEALED = "appealed", _("Appealed")
        EFFECTIVE = "effective", _("Removed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    member = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="removals")
    year = models.PositiveSmallIntegerField(_("ranking year"))
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("composite score"), max_digits=5, decimal_places=2)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PROPOSED
    )
    noticed_on = models.DateField(_("notice given on"))
    appeal_until = models.DateField(_("appeal until"))
    appeal = models.TextField(_("appeal"), blank=True)
    decision = models.TextField(_("decision on the appeal"), blank=True)
    effective_on = models.DateField(_("removed on"), null=True, blank=True)
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    centre = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"
    # A lawyer sees only their own (the page "my legal aid cases", quality, subsidies).
    scope_user_fields = {Role.LAWYER: "member__lawyer__user_id"}

    class Meta:
        verbose_name = _("removal from the pool")
        verbose_name_plural = _("removals from the pool")
        ordering = ["-year", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="removal_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class SubsidyRate(models.Model):
    """A line of the subsidy schedule (办案补贴标准, Art. 52): by matter, stage and region."""

    centre = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(_("matter"), max_length=24, choices=Matter.choices)
    stage = models.CharField(_("stage"), max_length=64, blank=True)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    valid_from = models.DateField(_("valid from"))
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"

    class Meta:
        verbose_name = _("subsidy rate")
        verbose_name_plural = _("subsidy rates")
        ordering = ["centre_id", "matter", "stage", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_matter_display()} {self.stage} {self.amount}"


class Subsidy(models.Model):
    """The subsidy for one closed case (办案补贴), on a monthly payment list."""

    case = models.OneToOneField(AidCase, on_delete=models.PROTECT, related_name="subsidy")
    lawyer = models.ForeignKey("core.Lawyer", on_delete=models.PROTECT, related_name="+")
    firm = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("payment month"))
    base = models.DecimalField(_("standard amount"), max_digits=10, decimal_places=2)
    adjustment = models.DecimalField(_("adjustment"), max_digits=10, decimal_places=2, default=ZERO)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount payable"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    centre = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "centre_id"
    # A lawyer sees only their own (the page "my legal aid cases", quality, subsidies).
    scope_user_fields = {Role.LAWYER: "lawyer__user_id"}

    class Meta:
        verbose_name = _("subsidy")
        verbose_name_plural = _("subsidies")
        ordering = ["-month", "firm_id", "lawyer_id"]
        indexes = [models.Index(fields=["region_code", "paid_on"], name="subsidy_region_paid")]

    def __str__(self) -> str:
        return f"{self.case} {self.amount}"


class Consultation(models.Model):
    """A free legal consultation given by a legal aid centre or workstation (法律咨询)."""

    class Channel(models.TextChoices):
        WINDOW = "window", _("In person")
        HOTLINE = "hotline", _("Hotline 12348")
        ONLINE = "online", _("Online")

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    region_code = models.CharField(_("region code"), max_length=12)
    on_date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    summary = models.CharField(_("question in brief"), max_length=200, blank=True)
    referred = models.BooleanField(_("referred to an application"), default=False)
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-on_date", "-id"]
        indexes = [models.Index(fields=["region_code", "on_date"], name="consultation_region_date")]

    def __str__(self) -> str:
        return f"{self.on_date} {self.get_category_display()}"


# For the OpenAPI document (fazhi/settings.py SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
ConsultationChannel = Consultation.Channel
