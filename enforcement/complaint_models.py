"""Complaints about enforcement (投诉举报) and their dispatch to the responsible bodies (交办,
协同监管); imported at the end of enforcement.models.

Citizens and businesses may complain to the government about enforcement they consider
unlawful or improper (山东省行政执法监督条例 = SD-JD Art. 6 ✅; 重庆市行政执法监督条例 = CQ-JD
Art. 13 ¶3 ✅: the supervising body acts on complaints, accusations and reports).

- Complaint: a case on the engine (enforcement.complaint_process): filed on the portal (with a
  tracking code) or entered by the bureau's staff (telephone, letter, a 12345 hotline
  referral); received → accepted or not accepted → dispatched → closed with the bureau's answer.
- Dispatch: the complaint passed to one enforcement body with the bureau's instructions, a
  case of its own so that its deadline runs on the engine (worklists, reminders, deadline
  health); the body's handlers reach it through its agency (`scope_role_organization_fields`)
  and never see the complaint itself, nor who complained (CQ-JD Art. 18(4), SD-JD Art. 38(4):
  no retaliation against complainants).
- DispatchRound: each reply asked of the body — the first on dispatch, one more after each
  send-back (退回重办) — with its deadline, the reply and the bureau's verdict; what
  `enforcement.dispatches_on_time_rate` counts (enforcement.complaint_indicators).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.crypto import EncryptedCharField, mask
from core.models import PartyKind
from core.querysets import RestrictedManager
from core.roles import Role
from enforcement.complaint_choices import Finding, Verdict


class Complaint(Case):
    """A complaint about the enforcement of a body (投诉举报), handled by a justice bureau."""

    complainant_kind = models.CharField(
        _("complainant is"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON
    )
    complainant_name = models.CharField(_("complainant"), max_length=128)
    complainant_phone = EncryptedCharField(_("complainant's phone"), max_length=20, blank=True)
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body complained about"),
        null=True, blank=True, on_delete=models.PROTECT, related_name="complaints",
    )  # fmt: skip
    agency_named = models.CharField(
        _("agency named by the complainant"), max_length=200, blank=True,
        help_text=_("As the complainant named it, when the body is not known."),
    )  # fmt: skip
    happened_on = models.DateField(_("when it happened"))
    place = models.CharField(_("where it happened"), max_length=200, blank=True)
    facts = models.TextField(pgettext_lazy("enforcement complaint", "what happened"))
    referral_source = models.CharField(
        _("referred by"), max_length=64, blank=True,
        help_text=_("e.g. the 12345 government service hotline"),
    )  # fmt: skip
    referral_number = models.CharField(_("referral number (工单号)"), max_length=64, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=16, blank=True)
    refusal_reasons = models.TextField(_("reasons for not accepting"), blank=True)
    finding = models.CharField(_("finding"), max_length=16, choices=Finding.choices, blank=True)
    answer = models.TextField(_("answer to the complainant"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})

    class Meta(Case.Meta):
        verbose_name = _("enforcement complaint")
        verbose_name_plural = _("enforcement complaints")
        indexes = [*case_indexes("enfcomplaint")]
        constraints = [
            models.UniqueConstraint(
                fields=["tracking_code"], condition=~models.Q(tracking_code=""),
                name="enfcomplaint_tracking_code",
            )
        ]  # fmt: skip

    @property
    def title(self) -> str:
        """How the complaint is named to its complainant (portal, SMS)."""
        about = self.body.name if self.body_id else self.agency_named
        if about:
            return gettext("Complaint about %(body)s") % {"body": about}
        return gettext("Complaint about enforcement")

    @property
    def subject(self) -> str:
        """The body complained about, or what the complainant named."""
        return self.body.name if self.body_id else self.agency_named

    @property
    def masked_phone(self) -> str:
        return mask(self.complainant_phone, *settings.FAZHI_MASK_PHONE)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:complaint_detail", args=[self.pk])


class Dispatch(Case):
    """A complaint dispatched to one enforcement body (交办). Its number is the complaint's with
    a sequence (…号-1, …号-2); its organisation and region are the bureau's, its `agency` the
    body's, through which the agency's handlers see it."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT,
        related_name="dispatches",
    )  # fmt: skip
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body"),
        on_delete=models.PROTECT, related_name="dispatches",
    )  # fmt: skip
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="+", db_index=False,  # led by the (agency, state) index
    )  # fmt: skip
    instructions = models.TextField(_("what the body is asked to do"))
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    reply = models.TextField(_("reply of the body"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    accepted_on = models.DateField(_("reply accepted on"), null=True, blank=True)

    scope_role_organization_fields = {Role.AGENCY_HANDLER: "agency_id"}
    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})

    class Meta(Case.Meta):
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        indexes = [
            *case_indexes("enfdispatch"),
            models.Index(fields=["agency", "state"], name="enfdispatch_agency_state"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("enforcement:dispatch_detail", args=[self.pk])


class DispatchRound(models.Model):
    """One reply asked of a body: round 1 when the complaint is dispatched, one more after each
    send-back. Its deadline is the dispatch's reply clock as it ran in that round (the same
    working-day count, cases.clocks.compute_due); `on_time` is set when the body replies."""

    dispatch = models.ForeignKey(
        Dispatch, verbose_name=_("dispatch"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    region_code = models.CharField(_("region code"), max_length=12)
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body"),
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("reply asked on"))
    due_date = models.DateField(_("reply due"))
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    on_time = models.BooleanField(_("replied on time"), null=True, blank=True)
    reply = models.TextField(_("reply of the body"), blank=True)
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    reasons = models.TextField(_("reasons for sending back"), blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("dispatch round")
        verbose_name_plural = _("dispatch rounds")
        ordering = ["dispatch_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "number"], name="enfdispatchround_number")
        ]
        indexes = [
            models.Index(fields=["region_code", "due_date"], name="enfround_region_due"),
        ]

    def __str__(self) -> str:
        return f"{self.dispatch} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:dispatch_detail", args=[self.dispatch_id])

    @property
    def late(self) -> bool:
        return self.on_time is False
