"""Administrative reconsideration (行政复议): the case from the application through acceptance
review, the hearing of the case (ordinary or simplified procedure) to its decision, mediation,
settlement, suspension or termination, and the opinion letter (意见书) with the respondent's
report.

Statute: Administrative Reconsideration Law (行政复议法, revised 2023, in force 2024-01-01) —
reference/statutes.md §1; documents: reference/documents.md §3. Periods of 三/五/七/十日 are
working days (Art. 88); the others follow the 期间 rules (reference/statutes.md §10).

The handling organisation is the justice bureau whose reconsideration office (行政复议机构)
handles the case for the government; the respondent (被申请人) is an agency in Fazhi, whose
handlers see only the cases against their agency (`scope_role_organization_fields`).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from core.roles import Role
from reconsideration.choices import (
    ActType,
    DecisionType,
    Procedure,
    Side,
    SimplifiedGround,
    SuspensionGround,
    TerminationGround,
)


class ReconsiderationCase(Case):
    """An application for administrative reconsideration and the case it becomes."""

    title = models.CharField(_("matter in brief"), max_length=200)
    respondent = models.ForeignKey(
        "core.Organization",
        verbose_name=_("respondent"),
        on_delete=models.PROTECT,
        related_name="reconsiderations_as_respondent",
    )
    # The challenged act (Art. 11).
    act_type = models.CharField(_("kind of act"), max_length=24, choices=ActType.choices)
    act_description = models.CharField(_("the challenged act"), max_length=300)
    act_number = models.CharField(_("document number of the act"), max_length=100, blank=True)
    act_on = models.DateField(_("act made on"), null=True, blank=True)
    requests = models.TextField(_("requests"))
    facts = models.TextField(_("facts and reasons"), blank=True)
    requests_void = models.BooleanField(
        _("the applicant asks that the act be declared void"),
        default=False,
        help_text=_("A decision declaring the act void is made only on this request (Art. 67)."),
    )
    # The application period (Arts. 20, 21): what the applicant says of when they learned.
    knew_on = models.DateField(_("learned of the act on"), null=True, blank=True)
    informed_of_right = models.BooleanField(
        _("the agency told the applicant of the right to apply and the period"), default=True
    )
    oral = models.BooleanField(_("applied orally (recorded by staff, Art. 22)"), default=False)
    tracking_code = models.CharField(_("tracking code"), max_length=16, blank=True)
    # Acceptance review (Arts. 30, 31).
    correction_items = models.TextField(_("corrections asked for"), blank=True)
    refusal_reason = models.TextField(_("reasons for not accepting or rejecting"), blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    deemed_accepted = models.BooleanField(_("deemed accepted (Art. 30 ¶3)"), default=False)
    procedure = models.CharField(
        _("procedure"), max_length=16, choices=Procedure.choices, blank=True
    )
    simplified_ground = models.CharField(
        _("ground for the simplified procedure (Art. 53)"),
        max_length=16,
        choices=SimplifiedGround.choices,
        blank=True,
    )
    converted_on = models.DateField(_("converted to the ordinary procedure on"), null=True,
                                    blank=True)  # fmt: skip
    # The respondent's part (Arts. 48, 54).
    copy_sent_on = models.DateField(_("copy sent to the respondent on"), null=True, blank=True)
    answer_received_on = models.DateField(_("answer received on"), null=True, blank=True)
    answer = models.TextField(_("the respondent's answer"), blank=True)
    # Hearing (Arts. 50, 51) and the committee (Art. 52).
    major = models.BooleanField(
        _("major, difficult or complex (hearing required, Art. 50)"), default=False
    )
    hearing_on = models.DateField(_("hearing on"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    hearing_held_on = models.DateField(_("hearing held on"), null=True, blank=True)
    committee_on = models.DateField(_("committee consulted on"), null=True, blank=True)
    # Suspension (Art. 39) and termination (Art. 41).
    suspension_ground = models.CharField(
        _("ground of suspension (Art. 39)"),
        max_length=4,
        choices=SuspensionGround.choices,
        blank=True,
    )
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    termination_ground = models.CharField(
        _("ground of termination (Art. 41)"),
        max_length=16,
        choices=TerminationGround.choices,
        blank=True,
    )
    # The conclusion.
    decision_type = models.CharField(
        _("decision"), max_length=24, choices=DecisionType.choices, blank=True
    )
    decision_reasons = models.TextField(_("reasons of the decision"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    respondent_corrected = models.BooleanField(
        _("the respondent corrected the act or conceded"),
        default=False,
        help_text=_(
            "For a mediation, settlement or withdrawal: counted in the overall correction rate."
        ),
    )
    # Working days from acceptance to conclusion, suspensions not counted; set at conclusion.
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (days)"), null=True, blank=True
    )
    # The opinion letter (意见书, Art. 76) and the respondent's report within 60 days.
    opinion_issued_on = models.DateField(_("opinion letter issued on"), null=True, blank=True)
    opinion = models.TextField(_("opinion letter"), blank=True)
    opinion_reported_on = models.DateField(_("respondent reported on"), null=True, blank=True)
    opinion_report = models.TextField(_("the respondent's report"), blank=True)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    # An agency's handlers see the cases against their agency, wherever the bureau is
    # (core.querysets, cases.engine.roles_over).
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "respondent_id"}

    class Meta(Case.Meta):
        verbose_name = _("reconsideration case")
        verbose_name_plural = _("reconsideration cases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~models.Q(number=""),
                name="reconcase_unique_number",
            ),
        ]
        indexes = [
            *case_indexes("reconcase"),
            models.Index(fields=["respondent", "state"], name="reconcase_respondent_state"),
            models.Index(fields=["region_code", "concluded_on"], name="reconcase_region_concl"),
            models.Index(
                fields=["tracking_code"],
                condition=~models.Q(tracking_code=""),
                name="reconcase_tracking_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:case_detail", args=[self.pk])

    def parties_on(self, side: str) -> list:
        return [p.party for p in self.recon_parties.all() if p.side == side]


class ReconParty(models.Model):
    case = models.ForeignKey(
        ReconsiderationCase, on_delete=models.CASCADE, related_name="recon_parties",
        db_index=False,
    )  # fmt: skip
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party to a reconsideration case")
        verbose_name_plural = _("parties to reconsideration cases")
        ordering = ["side", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="reconparty_unique")]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class Publication(models.Model):
    """A reconsideration decision prepared for publication on the portal (行政复议决定书公开):
    the full text as it stands, the personal data Fazhi proposes to remove (names of natural
    persons, ID numbers, phones, addresses, bank accounts), and — once a reviewer confirms —
    the redacted text the public reads. Nothing reaches the portal before the confirmation."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Awaiting review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.OneToOneField(
        ReconsiderationCase, on_delete=models.CASCADE, related_name="publication"
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, related_name="+"
    )
    # What the public searches by, copied at publication (the case may be re-numbered never,
    # but the agency may be renamed: the published record keeps what the decision said).
    year = models.PositiveSmallIntegerField(_("year"))
    respondent_name = models.CharField(_("respondent"), max_length=128)
    respondent = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    act_type = models.CharField(_("kind of act"), max_length=24, choices=ActType.choices)
    decision_type = models.CharField(_("decision"), max_length=24, choices=DecisionType.choices)
    decided_on = models.DateField(_("decided on"))
    number = models.CharField(_("case number"), max_length=64)
    original = models.TextField(_("full text"))
    proposals = models.JSONField(_("personal data proposed for removal"), default=list)
    removed = models.JSONField(_("personal data removed"), default=list)
    text = models.TextField(_("published text"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices,
                             default=State.DRAFT)  # fmt: skip
    prepared_by = models.ForeignKey(
        "core.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("published decision")
        verbose_name_plural = _("published decisions")
        indexes = [
            models.Index(fields=["state", "year"], name="reconpub_state_year"),
            models.Index(fields=["region_code", "state"], name="reconpub_region_state"),
        ]

    def __str__(self) -> str:
        return self.number
