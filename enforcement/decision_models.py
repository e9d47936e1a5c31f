"""Enforcement decisions (执法决定) and their publicity (执法公示), reference/statutes-lines.md §C.2
and statutes.md §8; imported at the end of enforcement.models.

- Decision: one decision an enforcement body reported (licence, penalty, coercion, inspection,
  …), identified by the agency's own case number, unique per body (the key that makes an
  import or an API call idempotent). It holds the party (a natural person's ID number encrypted
  and never public), the facts, basis and result (penalty kinds and fine, CF Art. 9), the
  flags of the 三项制度 — full-process record (CF Art. 47), legal review and its Art. 58
  triggers — and the publicity clock: the window (`publication_due`, working days after the
  decision, 国办发〔2018〕118号 ◑/❓), the day published, and a withdrawal after a change (3
  working days, CF Art. 48 + 85). Dates counted into a year whose holiday schedule is not yet
  entered are provisional (cases.calendar) and recomputed when it is.
  The discretion standard (CF Art. 34) in force on the decision day is recorded with a penalty,
  with whether its fine lies outside the standard's range (`outside_standard`), when it is
  reported (enforcement.discretion_services.record_check).
- DecisionOfficer: an officer who handled it, with the certificate valid on the decision day
  (CF Art. 42: at least two officers with enforcement qualification; Art. 55).

Scoping: the 12-digit code of the body's jurisdiction and the body's agency are columns of the
decision, so an agency's handlers see their agency's decisions without a join.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedCharField, mask
from core.models import PartyKind
from core.querysets import RestrictedManager
from enforcement.choices import PowerKind
from enforcement.decision_choices import DecisionSource, WithdrawalGround


class Decision(models.Model):
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body"),
        on_delete=models.PROTECT, related_name="decisions",
    )  # fmt: skip
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="enforcement_decisions",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    case_number = models.CharField(
        _("case number"), max_length=64,
        help_text=_("The agency's own number of the decision (文书号), unique within the body."),
    )  # fmt: skip
    kind = models.CharField(_("kind of decision"), max_length=16, choices=PowerKind.choices)
    power = models.ForeignKey(
        "enforcement.Power", verbose_name=_("power exercised"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions",
    )  # fmt: skip
    party_kind = models.CharField(_("kind of party"), max_length=16, choices=PartyKind.choices)
    party_name = models.CharField(_("party"), max_length=200)
    party_id_number = EncryptedCharField(
        _("ID number or credit code"), max_length=18, blank=True,
    )  # fmt: skip
    decided_on = models.DateField(_("decided on"))
    facts = models.TextField(_("facts"))
    legal_basis = models.TextField(_("legal basis"))
    result = models.TextField(_("content of the decision"))
    penalty_kinds = models.JSONField(_("kinds of penalty"), default=list, blank=True)
    fine_amount = models.DecimalField(_("fine (yuan)"), max_digits=14, decimal_places=2,
                                      null=True, blank=True)  # fmt: skip
    # 三项制度: full-process record (CF Art. 47) and legal review (CF Art. 58).
    recorded_full_process = models.BooleanField(_("full-process record"), default=False)
    legal_review_triggers = models.JSONField(_("legal review required because"), default=list,
                                             blank=True)  # fmt: skip
    legal_review_required = models.BooleanField(_("legal review required"), default=False)
    legal_reviewed_on = models.DateField(_("legal review on"), null=True, blank=True)
    # Discretion standard (CF Art. 34): the version of the body's standard in force on the
    # decision day, recorded with a penalty when it is reported, and whether the fine lies
    # outside that version's range for the power (enforcement.discretion_services.record_check).
    # Kept as recorded: a later version does not change an old decision's check.
    discretion_standard = models.ForeignKey(
        "enforcement.DiscretionStandard", verbose_name=_("discretion standard checked against"),
        null=True, blank=True, on_delete=models.PROTECT, related_name="decisions",
        db_index=False,  # indexed where set only (Meta.indexes): the bulk writes stay light
    )  # fmt: skip
    outside_standard = models.BooleanField(_("fine outside the discretion standard"),
                                           default=False)  # fmt: skip
    # Publicity (公示).
    publication_required = models.BooleanField(_("to be published"), default=True)
    publication_exempt_reason = models.CharField(_("why it is not published"), max_length=200,
                                                 blank=True)  # fmt: skip
    publication_due = models.DateField(_("to be published by"), null=True, blank=True)
    publication_due_provisional = models.BooleanField(_("publication date provisional"),
                                                      default=False)  # fmt: skip
    published_on = models.DateField(_("publicity day"), null=True, blank=True)
    published_on_time = models.BooleanField(_("published on time"), default=False)
    # Withdrawal after a change (CF Art. 48 ¶2).
    withdrawal_ground = models.CharField(_("how it was changed"), max_length=16, blank=True,
                                         choices=WithdrawalGround.choices)  # fmt: skip
    changed_on = models.DateField(_("changed on"), null=True, blank=True)
    withdrawal_due = models.DateField(_("to be withdrawn by"), null=True, blank=True)
    withdrawal_due_provisional = models.BooleanField(_("withdrawal date provisional"),
                                                     default=False)  # fmt: skip
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reasons for the withdrawal"), max_length=500,
                                         blank=True)  # fmt: skip
    withdrawn_on_time = models.BooleanField(_("withdrawn on time"), default=False)
    source = models.CharField(_("reported by"), max_length=8, choices=DecisionSource.choices)
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    officers = models.ManyToManyField(
        "enforcement.Officer", through="DecisionOfficer", verbose_name=_("officers"),
        related_name="decisions",
    )  # fmt: skip

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("enforcement decision")
        verbose_name_plural = _("enforcement decisions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "case_number"],
                                    name="enforcement_decision_number"),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["region_code", "decided_on"], name="enfdecision_region_day"),
            models.Index(fields=["agency", "decided_on"], name="enfdecision_agency_day"),
            models.Index(fields=["published_on", "decided_on"], name="enfdecision_published"),
            models.Index(fields=["discretion_standard"], name="enfdecision_standard",
                         condition=models.Q(discretion_standard__isnull=False)),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.case_number

    def get_absolute_url(self) -> str:
        return reverse("enforcement:decision_detail", args=[self.pk])

    @property
    def masked_party_id_number(self) -> str:
        from django.conf import settings

        return mask(self.party_id_number, *settings.FAZHI_MASK_ID)

    @property
    def is_person(self) -> bool:
        return self.party_kind == PartyKind.PERSON

    @property
    def legal_review_missing(self) -> bool:
        return self.legal_review_required and self.legal_reviewed_on is None

    def penalty_labels(self) -> list[str]:
        from enforcement.decision_choices import PenaltyKind

        return [str(PenaltyKind(k).label) for k in self.penalty_kinds if k in PenaltyKind.values]

    def trigger_labels(self) -> list[str]:
        from enforcement.decision_choices import LegalReviewTrigger

        return [str(LegalReviewTrigger(k).label) for k in self.legal_review_triggers
                if k in LegalReviewTrigger.values]  # fmt: skip


class DecisionOfficer(models.Model):
    """An officer who handled a decision and the certificate valid on the decision day."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="handlers")
    officer = models.ForeignKey("enforcement.Officer", verbose_name=_("enforcement officer"),
                                on_delete=models.PROTECT, related_name="+")  # fmt: skip
    certificate = models.ForeignKey(
        "enforcement.Certificate", verbose_name=_("enforcement certificate"),
        on_delete=models.PROTECT, related_name="decisions",
    )  # fmt: skip

    # Seen with its decision: through the decision's jurisdiction and agency.
    objects = RestrictedManager()
    scope_region_field = "decision__region_code"
    scope_organization_field = "decision__agency_id"

    class Meta:
        verbose_name = _("handling officer")
        verbose_name_plural = _("handling officers")
        ordering = ["decision_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "officer"],
                                    name="enforcement_decision_officer"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.officer_id}"
