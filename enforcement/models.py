"""Administrative enforcement (行政执法, reference/statutes-lines.md §C): the registers the
bureau's supervision rests on.

- EnforcementBody (执法主体): the body that enforces for an agency (Organization of kind
  agency), its kind, legal basis, jurisdiction (`region_code`) and the days it was established
  and abolished (a register: counted as it stood on a day).
- Power (权责清单事项): one power of a body, valid from one day to another. Comprehensive-
  enforcement reform (综合执法改革, CF Art. 18 ◑) moves powers between bodies on a date: a
  PowerTransfer ends the old rows the day before and starts new rows at the receiving body,
  each linked to its predecessor, so who held which power on any day is read from the dates
  (enforcement.selectors.powers_on / holder_of).
- Officer (执法人员) with Training rows; ExamSitting (执法资格考试) and ExamCandidate (sign-up,
  score, result against the sitting's pass mark).
- Certificate (执法证件) of an officer who passed an exam, with its suspensions (暂扣),
  cancellation (注销), revocation (吊销) and annual reviews (年审); its status on a day is
  computed on read (enforcement.validity), never stored. CF Art. 42 (two officers with
  enforcement qualification), Art. 55 (the certificate shown), Art. 76(5) (enforcing without
  one) rest on it: `enforcement.selectors.may_handle`.

Scoping (core.querysets): every row holds the 12-digit code of its body's jurisdiction; section
staff and leaders see their region, an agency's handlers their own agency's rows (through the
body), exam sittings of their region and above.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.crypto import BlindIndexField, EncryptedCharField, mask
from core.querysets import RestrictedManager
from enforcement.choices import BodyKind, PowerKind


class EnforcementBody(models.Model):
    """An enforcement body (执法主体) of an agency."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="enforcement_bodies",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind of body"), max_length=16, choices=BodyKind.choices)
    legal_basis = models.TextField(_("legal basis"))
    region_code = models.CharField(_("jurisdiction (region code)"), max_length=12)
    established_on = models.DateField(
        _("established on"), null=True, blank=True,
        help_text=_("Leave empty if it was established before records were kept."),
    )  # fmt: skip
    abolished_on = models.DateField(
        _("abolished on"), null=True, blank=True,
        help_text=_("The first day it no longer exists; empty while it stands."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("enforcement body")
        verbose_name_plural = _("enforcement bodies")
        ordering = ["region_code", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="enforcement_body_name")
        ]
        indexes = [models.Index(fields=["region_code", "name"], name="enfbody_region_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:body_detail", args=[self.pk])


class Power(models.Model):
    """One item of a body's power list (权责清单), valid from `valid_from` to `valid_until`
    (both included; empty: no end yet)."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("enforcement body"), on_delete=models.PROTECT,
        related_name="powers",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    code = models.CharField(_("power code"), max_length=64)
    name = models.CharField(_("name of the power"), max_length=200)
    kind = models.CharField(_("kind of power"), max_length=16, choices=PowerKind.choices)
    legal_basis = models.TextField(_("legal basis"))
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # The row this one continues after a transfer (综合执法改革), and the transfer.
    predecessor = models.ForeignKey(
        "self", verbose_name=_("transferred from"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="successors",
    )  # fmt: skip
    transfer = models.ForeignKey(
        "PowerTransfer", verbose_name=_("transfer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="new_powers",
    )  # fmt: skip
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "body__agency_id"

    class Meta:
        verbose_name = _("power")
        verbose_name_plural = _("powers")
        ordering = ["body_id", "code", "valid_from", "id"]
        indexes = [
            models.Index(fields=["body", "code", "valid_from"], name="enfpower_body_code"),
            models.Index(fields=["code", "valid_from"], name="enfpower_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:body_detail", args=[self.body_id])

    def valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class PowerTransfer(models.Model):
    """Powers moved from one body to another on a day (综合执法改革), with the document that
    decided it. The new power rows point to it (`new_powers`), each to its predecessor."""

    from_body = models.ForeignKey(
        EnforcementBody, verbose_name=_("transferring body"), on_delete=models.PROTECT,
        related_name="transfers_out",
    )  # fmt: skip
    to_body = models.ForeignKey(
        EnforcementBody, verbose_name=_("receiving body"), on_delete=models.PROTECT,
        related_name="transfers_in",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)  # the receiving body's
    from_region_code = models.CharField(_("region code of the transferring body"), max_length=12)
    effective_on = models.DateField(_("effective on"))
    basis_document = models.CharField(_("basis document"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "to_body__agency_id"

    class Meta:
        verbose_name = _("power transfer")
        verbose_name_plural = _("power transfers")
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_body} → {self.to_body} ({self.effective_on})"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:transfer_detail", args=[self.pk])

    @staticmethod
    def scope_user_condition(role, user, part):
        """Either side of a transfer sees it: section staff of the transferring body's region
        as well as of the receiving one's, each agency's handlers for their own side."""
        from core.regions import within
        from core.roles import ROLE_SCOPE, Scope

        memberships = [m for m in user.active_memberships() if m.role == role]
        if ROLE_SCOPE[role] == Scope.REGION:
            for m in memberships:
                part = part | within("from_region_code", m.jurisdiction)
            return part
        agencies = [m.organization_id for m in memberships]
        return Q(to_body__agency_id__in=agencies) | Q(from_body__agency_id__in=agencies)


class Officer(models.Model):
    """An enforcement officer (执法人员) of a body. The resident ID number is encrypted at rest,
    shown masked, and unique in the register (its blind index)."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("enforcement body"), on_delete=models.PROTECT,
        related_name="officers",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    name = models.CharField(_("full name"), max_length=64)
    id_number = EncryptedCharField(_("resident ID number"), max_length=18)
    id_number_index = BlindIndexField(source="id_number")
    post = models.CharField(_("post"), max_length=64, blank=True)
    legal_qualification = models.BooleanField(
        _("holds the legal professional qualification"), default=False,
        help_text=_("法律职业资格: required of first-time legal reviewers (CF Art. 58)."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "body__agency_id"

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        ordering = ["body_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["id_number_index"], name="enforcement_officer_id")
        ]
        indexes = [models.Index(fields=["region_code", "name"], name="enfofficer_region_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer_detail", args=[self.pk])

    @property
    def masked_id_number(self) -> str:
        from django.conf import settings

        return mask(self.id_number, *settings.FAZHI_MASK_ID)


class Training(models.Model):
    """A training an officer attended (培训), with its hours."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("enforcement officer"), on_delete=models.CASCADE,
        related_name="trainings",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    held_on = models.DateField(_("training day"))
    hours = models.DecimalField(_("training hours"), max_digits=5, decimal_places=1)
    topic = models.CharField(_("topic"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "officer__body__agency_id"

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["officer", "held_on"], name="enftraining_officer_day")]

    def __str__(self) -> str:
        return f"{self.officer_id}: {self.held_on} {self.topic}"


class ExamSitting(models.Model):
    """A sitting of the enforcement qualification exam (执法资格考试), run by a justice bureau
    for its jurisdiction; its pass mark is fixed when it is set up (FAZHI_ENFORCEMENT_PASS_MARK
    by default)."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("justice bureau"), on_delete=models.PROTECT,
        related_name="enforcement_sittings",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("exam day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("exam sitting")
        verbose_name_plural = _("exam sittings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:sitting_detail", args=[self.pk])

    @staticmethod
    def scope_user_condition(role, user, part):
        """Sittings are open to the officers of their whole jurisdiction, so each user also
        sees the sittings held above their own region (a district's staff and an agency's
        handlers see the city's sitting, where their officers sign up); an agency's handlers
        see those of their agency's region and above."""
        from core.regions import ancestor_codes
        from core.roles import ROLE_SCOPE, Scope

        codes = set()
        for m in user.active_memberships():
            if m.role == role:
                region = m.organization.region_id
                codes |= {region, *ancestor_codes(region)}
        above = Q(region_code__in=sorted(codes))
        return part | above if ROLE_SCOPE[role] == Scope.REGION else above


class ExamCandidate(models.Model):
    """An officer signed up for a sitting, and the result. `passed` is set from the score and
    the sitting's pass mark when the score is recorded; an absent candidate has no score."""

    sitting = models.ForeignKey(
        ExamSitting, verbose_name=_("exam sitting"), on_delete=models.PROTECT,
        related_name="candidates",
    )  # fmt: skip
    officer = models.ForeignKey(
        Officer, verbose_name=_("enforcement officer"), on_delete=models.PROTECT,
        related_name="exams",
    )  # fmt: skip
    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("enforcement body"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    sat_on = models.DateField(_("exam day"))
    signed_up_on = models.DateField(_("signed up on"))
    training_hours = models.DecimalField(
        _("training hours in the 12 months before sign-up"), max_digits=6, decimal_places=1
    )
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True,
                                blank=True)  # fmt: skip
    absent = models.BooleanField(_("absent"), default=False)
    passed = models.BooleanField(_("passed"), default=False)
    scored_on = models.DateField(_("result recorded on"), null=True, blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "body__agency_id"

    class Meta:
        verbose_name = _("exam candidate")
        verbose_name_plural = _("exam candidates")
        ordering = ["sitting_id", "officer__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "officer"], name="enforcement_candidate")
        ]
        indexes = [models.Index(fields=["region_code", "sat_on"], name="enfcandidate_region_day")]

    def __str__(self) -> str:
        return f"{self.officer} · {self.sitting}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer_detail", args=[self.officer_id])

    @property
    def sat(self) -> bool:
        return self.score is not None and not self.absent


class Certificate(models.Model):
    """An enforcement certificate (执法证件). Cancellation (注销) and revocation (吊销) are
    dated here; suspensions (暂扣) and annual reviews (年审) are rows of their own; the status
    on any day is read from them (enforcement.validity)."""

    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    officer = models.ForeignKey(
        Officer, verbose_name=_("enforcement officer"), on_delete=models.PROTECT,
        related_name="certificates",
    )  # fmt: skip
    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("enforcement body"), on_delete=models.PROTECT,
        related_name="certificates",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    exam = models.ForeignKey(
        ExamCandidate, verbose_name=_("exam passed"), on_delete=models.PROTECT,
        related_name="certificates",
    )  # fmt: skip
    issued_on = models.DateField(_("issue day"))
    valid_until = models.DateField(_("valid until"))
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=200, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)
    issued_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "body__agency_id"

    class Meta:
        verbose_name = _("enforcement certificate")
        verbose_name_plural = _("enforcement certificates")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["region_code", "issued_on"], name="enfcert_region_issued"),
            models.Index(fields=["officer", "issued_on"], name="enfcert_officer_issued"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("enforcement:certificate_detail", args=[self.pk])

    def status_on(self, day):
        from enforcement.validity import certificate_status_on

        return certificate_status_on(self, day)


class Suspension(models.Model):
    """A suspension (暂扣) of a certificate from `suspended_on` until it is lifted (`lifted_on`,
    the first day it is valid again)."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("enforcement certificate"), on_delete=models.CASCADE,
        related_name="suspensions",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    suspended_on = models.DateField(_("suspended from"))
    reason = models.CharField(_("reason for suspension"), max_length=200)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lift_reason = models.CharField(_("reason for lifting"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "certificate__body__agency_id"

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["certificate_id", "suspended_on", "id"]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.suspended_on}–{self.lifted_on or ''}"


class AnnualReview(models.Model):
    """The annual review (年审) of a certificate for one year."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("enforcement certificate"), on_delete=models.CASCADE,
        related_name="annual_reviews",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    reviewed_on = models.DateField(_("reviewed on"))
    passed = models.BooleanField(_("passed"))
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "certificate__body__agency_id"

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["certificate_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="enforcement_review_year")
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.year}"


# Slice 2: enforcement decisions and their publicity (执法决定, 执法公示).
from enforcement.decision_models import Decision, DecisionOfficer  # noqa: E402, F401

# isort: split

# Slice 3: complaints about enforcement and their dispatch (投诉举报, 交办).
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound  # noqa: E402, F401

# isort: split

# Slice 4: case-file review (案卷评查) and rectification (整改).
from enforcement.review_models import Rectification, ReviewCampaign, ReviewedFile  # noqa: E402, F401

# isort: split

# Slice 5: discretion standards (裁量基准) and lenient lists (免罚轻罚清单).
from enforcement.discretion_models import (  # noqa: E402, F401
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
)
