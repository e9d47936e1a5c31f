"""People's mediation (人民调解): committees, mediators, screenings and dispute cases.

Statute: People's Mediation Law (人民调解法) — reference/statutes.md §3.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from mediation.choices import (
    AgreementForm,
    CommitteeKind,
    ConfirmationResult,
    DisputeSubtype,
    DisputeType,
    Employment,
    Performance,
    Side,
    Source,
)


class Committee(models.Model):
    """What mediation needs to know about a committee or studio (an Organization of kind
    mediation_committee / mediation_studio): its kind, and for industry committees the dispute
    types it takes (used by the online routing)."""

    organization = models.OneToOneField(
        "core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="committee",
    )
    kind = models.CharField(_("committee kind"), max_length=16, choices=CommitteeKind.choices)
    industry_types = models.JSONField(
        _("dispute types taken"),
        default=list,
        blank=True,
        help_text=_("Industry committees: the dispute types routed to them."),
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("mediation committee")
        verbose_name_plural = _("mediation committees")
        ordering = ["region_code", "organization__name"]

    def __str__(self) -> str:
        return str(self.organization)

    def save(self, *args, **kwargs):
        # The committee's region is its organisation's; never typed by hand.
        self.region_code = self.organization.region_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.organization.get_absolute_url()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = [t for t in self.industry_types or [] if t not in DisputeType.values]
        if unknown:
            raise ValidationError(
                {
                    "industry_types": _("Unknown dispute types: %(types)s. Use: %(valid)s.")
                    % {
                        "types": ", ".join(map(str, unknown)),
                        "valid": ", ".join(DisputeType.values),
                    }
                }
            )


class Mediator(models.Model):
    """A people's mediator (人民调解员) of a committee; optionally a Fazhi user."""

    name = models.CharField(_("name"), max_length=64)
    committee = models.ForeignKey(
        "core.Organization",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="mediators",
    )
    user = models.ForeignKey(
        "core.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediator_profiles",
    )
    employment = models.CharField(
        _("employment"), max_length=16, choices=Employment.choices, default=Employment.PART_TIME
    )
    grade = models.CharField(_("grade"), max_length=32, blank=True)
    certificates = models.CharField(_("certificates"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Mediators are counted as they stood on the last day of a period (mediation.mediators).
    joined_on = models.DateField(
        _("appointed on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if appointed before records were kept."),
    )
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("The day the appointment ended; empty while serving."),
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "committee_id"

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["committee_id", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.region_code = self.committee.region_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from core.models import check_register_dates

        check_register_dates(
            self, "joined_on", "left_on",
            _("The appointment cannot end before it began."),
            _("A mediator who left on %(date)s cannot stay active; untick “active”."),
        )  # fmt: skip


class Screening(models.Model):
    """A round of proactive screening for disputes (矛盾纠纷排查)."""

    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    held_on = models.DateField(_("date"))
    scope = models.CharField(_("scope"), max_length=200)
    disputes_found = models.PositiveIntegerField(_("disputes found"), default=0)
    disputes_prevented = models.PositiveIntegerField(_("disputes resolved early"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        "core.User",
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.scope}"


class Dispute(Case):
    """A dispute under people's mediation (人民调解案件)."""

    title = models.CharField(_("subject"), max_length=200)
    facts = models.TextField(_("brief facts of the dispute"))
    requests = models.TextField(_("what the applicant asks for"), blank=True)
    dispute_type = models.CharField(_("dispute type"), max_length=32, choices=DisputeType.choices)
    dispute_subtype = models.CharField(
        _("dispute subtype"), max_length=32, choices=DisputeSubtype.choices, blank=True
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.APPLICATION
    )
    amount = models.DecimalField(
        _("amount involved (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_mass = models.BooleanField(_("mass dispute"), default=False)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    address = models.CharField(_("place of the dispute"), max_length=200, blank=True)
    mediators = models.ManyToManyField(
        Mediator, verbose_name=_("mediators"), blank=True, related_name="disputes"
    )
    tracking_code = models.CharField(_("tracking code"), max_length=16, blank=True)
    consent_recorded = models.BooleanField(_("parties consent to mediation"), default=False)
    # Outcome details, filled by the transitions.
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    agreement_form = models.CharField(
        _("agreement form"), max_length=16, choices=AgreementForm.choices, blank=True
    )
    agreement_terms = models.TextField(_("terms of the agreement"), blank=True)
    agreement_performance = models.TextField(_("manner and time of performance"), blank=True)
    agreement_effective_on = models.DateField(_("agreement in force on"), null=True, blank=True)
    parties_signed = models.BooleanField(
        _("parties signed, sealed or fingerprinted"), default=False
    )
    mediator_signed = models.BooleanField(_("mediator signed"), default=False)
    committee_sealed = models.BooleanField(_("committee seal affixed"), default=False)
    failure_reason = models.TextField(_("why mediation failed or ended"), blank=True)
    routes_told = models.JSONField(_("other routes explained"), default=list, blank=True)
    confirmation_applied_on = models.DateField(
        _("judicial confirmation applied for on"), null=True, blank=True
    )
    confirmation_court = models.CharField(_("court"), max_length=100, blank=True)
    confirmation_result = models.CharField(
        _("judicial confirmation result"),
        max_length=16,
        choices=ConfirmationResult.choices,
        blank=True,
    )
    confirmation_ruled_on = models.DateField(_("court ruled on"), null=True, blank=True)
    performance = models.CharField(
        _("performance"), max_length=16, choices=Performance.choices, blank=True
    )

    assigning_roles = frozenset(
        {"system_admin", "leader", "section_staff", "office_staff", "mediator"}
    )

    class Meta(Case.Meta):
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~models.Q(number=""),
                name="dispute_unique_number",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="dispute_amount_gte_0"),
        ]
        # Plain B-trees only (cases.models.case_indexes says why and what they cost). The
        # search box's trigram indexes (UPPER(title), UPPER(number), party names) are
        # PostgreSQL-only and made by migration 0005_search_trigram, outside the model state.
        indexes = [
            *case_indexes("dispute"),
            models.Index(fields=["dispute_type"], name="dispute_type"),
            # Judicial confirmations are counted by ruling date (mediation.indicators); few
            # disputes have one, so the index holds only those (issue 11: without it the
            # count, and the grouped statement it is part of, read the whole table).
            models.Index(
                fields=["region_code", "confirmation_ruled_on"],
                condition=models.Q(confirmation_result="valid"),
                name="dispute_confirmed",
            ),
            # Only online requests carry a code; the lookup is `tracking_code = …`.
            models.Index(
                fields=["tracking_code"],
                condition=~models.Q(tracking_code=""),
                name="dispute_tracking_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("mediation:dispute_detail", args=[self.pk])

    def parties_on(self, side: str) -> list:
        return [dp.party for dp in self.dispute_parties.all() if dp.side == side]


class DisputeParty(models.Model):
    # The (dispute, party) unique constraint leads with dispute and serves the foreign key.
    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="dispute_parties", db_index=False
    )
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party to a dispute")
        verbose_name_plural = _("parties to a dispute")
        ordering = ["side", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dispute", "party"], name="dispute_party_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class Session(models.Model):
    """One mediation session (调解笔录)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    attendees = models.CharField(_("attendees"), max_length=300, blank=True)
    notes = models.TextField(_("record"))
    recorded_by = models.ForeignKey(
        "core.User",
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class FollowUp(models.Model):
    """A follow-up visit (回访) after the agreement: performed? satisfied? remaining risk."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="follow_ups")
    visited_on = models.DateField(_("date"))
    performance = models.CharField(_("performance"), max_length=16, choices=Performance.choices)
    satisfied = models.BooleanField(_("parties satisfied"), default=True)
    notes = models.TextField(_("findings"), blank=True)
    visited_by = models.ForeignKey(
        "core.User",
        verbose_name=_("visited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_performance_display()}"
