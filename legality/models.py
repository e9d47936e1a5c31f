"""Legality review (合法性审核 / 审查): a drafting department submits a normative document draft,
a major administrative decision proposal or a government contract with its materials; the
justice bureau's legal section reviews it within the configured period (补正 pauses the clock),
may ask the government's legal advisers or government lawyers (Counsel), and issues an opinion
(合法 / 修改后合法 / 不合法, with numbered points) that the department answers point by point.

Statute: reference/statutes-lines.md §A (重大行政决策程序暂行条例, Arts. 25–28) and §B
(国办发〔2018〕115号 ❓ on normative documents). The handling organisation (`organization`) is
the reviewing justice bureau; the submitting department (`department`) is an agency whose
handlers see only their own department's submissions (`scope_role_organization_fields`).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from core.roles import Role
from legality.choices import Answer, Conclusion, CounselKind, MaterialCategory, ReviewKind


class LegalityReview(Case):
    """One submission for legality review and the review it goes through."""

    kind = models.CharField(_("kind of review"), max_length=16, choices=ReviewKind.choices)
    department = models.ForeignKey(
        "core.Organization",
        verbose_name=_("submitting department"),
        on_delete=models.PROTECT,
        related_name="legality_reviews_submitted",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    market_activity = models.BooleanField(
        _("touches the economic activity of market participants"),
        default=False,
        help_text=_("Then the fair-competition review self-check is required."),
    )
    # Government contracts.
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("contract amount (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    term_start = models.DateField(_("contract term from"), null=True, blank=True)
    term_end = models.DateField(_("contract term to"), null=True, blank=True)
    key_risks = models.TextField(_("key risks"), blank=True)
    # The review.
    submitted_on = models.DateField(_("submitted on"))
    correction_items = models.TextField(_("corrections asked for"), blank=True)
    conclusion = models.CharField(
        _("conclusion"), max_length=24, choices=Conclusion.choices, blank=True
    )
    # DEC Art. 27: the opinion says whether the body had the authority, whether the procedure
    # was followed, and whether the content conforms to laws, regulations, rules and policy.
    opinion_authority = models.TextField(_("authority of the drafting body"), blank=True)
    opinion_procedure = models.TextField(_("procedure followed"), blank=True)
    opinion_conformity = models.TextField(
        _("conformity with laws, regulations, rules and national policy"), blank=True
    )
    opinion_on = models.DateField(_("opinion issued on"), null=True, blank=True)
    # Working days from submission to the opinion, the days of 补正 not counted.
    review_working_days = models.PositiveSmallIntegerField(
        _("review time (working days)"), null=True, blank=True
    )
    below_minimum = models.BooleanField(
        _("opinion given before the minimum review time"), default=False
    )
    on_time = models.BooleanField(_("opinion within the review period"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    # An agency's handlers see the submissions of their own department only (core.querysets,
    # cases.engine.roles_over).
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "department_id"}

    class Meta(Case.Meta):
        verbose_name = _("legality review")
        verbose_name_plural = _("legality reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~models.Q(number=""),
                name="legality_unique_number",
            ),
        ]
        indexes = [
            *case_indexes("legality"),
            models.Index(fields=["department", "kind"], name="legality_department_kind"),
            models.Index(fields=["region_code", "opinion_on"], name="legality_region_opinion"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("legality:review_detail", args=[self.pk])


class Material(models.Model):
    """An attachment of a submission, by category (cases.Attachment has no category)."""

    review = models.ForeignKey(LegalityReview, on_delete=models.CASCADE, related_name="materials")
    category = models.CharField(_("material"), max_length=24, choices=MaterialCategory.choices)
    attachment = models.OneToOneField(
        "cases.Attachment", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    added_on = models.DateField(_("added on"))

    class Meta:
        verbose_name = _("submission material")
        verbose_name_plural = _("submission materials")
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.attachment}"


class OpinionPoint(models.Model):
    """One numbered point of the review opinion and the department's answer to it."""

    review = models.ForeignKey(LegalityReview, on_delete=models.CASCADE, related_name="points")
    # Copied from the review, so that the adoption rate is counted on this table alone.
    region_code = models.CharField(_("region code"), max_length=12)
    number = models.PositiveSmallIntegerField(_("point"))
    text = models.TextField(_("opinion point"))
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, blank=True)
    reasons = models.TextField(_("reasons for not adopting"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    # Scoped like its review (the drill-down of legality.opinions_adopted_rate lists points).
    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "review__organization_id"
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "review__department_id"}

    class Meta:
        verbose_name = _("opinion point")
        verbose_name_plural = _("opinion points")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="legality_point_unique")
        ]
        indexes = [models.Index(fields=["region_code", "answered_on"], name="legality_point_ans")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class Counsel(models.Model):
    """A government legal adviser (法律顾问) or government lawyer (公职律师) in the register."""

    name = models.CharField(_("name"), max_length=64)
    kind = models.CharField(_("kind"), max_length=24, choices=CounselKind.choices)
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="counsel",
        help_text=_("The agency employing the government lawyer, or the body retaining the "
                    "legal adviser."),
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    licence_number = models.CharField(_("licence number"), max_length=32, blank=True)
    since = models.DateField(_("in the register since"), null=True, blank=True)
    until = models.DateField(_("in the register until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("counsel")
        verbose_name_plural = _("counsel")
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["region_code", "kind"], name="counsel_region_kind")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class CounselAssignment(models.Model):
    """Counsel asked for an opinion on a review (DEC Art. 27: legal advisers and government
    lawyers give opinions), with the opinion and the hours spent."""

    review = models.ForeignKey(LegalityReview, on_delete=models.CASCADE, related_name="assignments")
    counsel = models.ForeignKey(
        Counsel, verbose_name=_("counsel"), on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_on = models.DateField(_("asked on"))
    opinion = models.TextField(_("counsel's opinion"), blank=True)
    opinion_on = models.DateField(_("opinion given on"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("counsel assignment")
        verbose_name_plural = _("counsel assignments")
        ordering = ["assigned_on", "id"]

    def __str__(self) -> str:
        return f"{self.counsel} ← {self.review}"
