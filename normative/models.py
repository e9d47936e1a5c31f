"""Administrative normative documents (行政规范性文件, reference/statutes-lines.md §B).

A NormativeDocument is a case on the engine (normative.process): registered by the issuing
body, issued with its unified number (三统一) once its legality review has an opinion, then
published. Its status on any day (有效 / 失效 / 废止 / 已修改) is computed from its dates
(normative.validity), never stored. The handling organisation is the justice bureau that
registers it; `region_code` is the issuing body's region; an agency's handlers see only their
own body's documents (`scope_role_organization_fields`); the public sees the published ones on
the portal library (normative.library).

The legality review is another line's case (legality): it is referred to by its case number and
a generic reference (content type + id), never imported.

A FilingCase is the document's filing (备案) with the bureau and its filing review (备案审查).
A CleanupCampaign (清理) lists the documents in force in a jurisdiction, each with its owner's
decision (CleanupItem); the bureau confirms and the decisions take effect on the campaign's
date.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from core.roles import Role
from normative.choices import CleanupDecision, DocumentKind, FilingOpinion


class NormativeDocument(Case):
    """One normative document from registration to publication, and its life after."""

    issuing_body = models.ForeignKey(
        "core.Organization",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="normative_documents",
    )
    kind = models.CharField(_("kind of document"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    full_text = models.TextField(_("full text"), blank=True)
    # 三统一: the unified number, raw as printed and parsed by the region's format.
    unified_number = models.CharField(_("unified number"), max_length=64, blank=True)
    unified_prefix = models.CharField(_("unified number prefix"), max_length=32, blank=True)
    unified_year = models.PositiveSmallIntegerField(_("unified number year"), null=True,
                                                    blank=True)  # fmt: skip
    unified_seq = models.PositiveIntegerField(_("unified number sequence"), null=True, blank=True)
    document_number = models.CharField(_("document number (文号)"), max_length=64, blank=True)
    # The legality review (another line's case): its number and a generic reference.
    review_number = models.CharField(_("legality review case number"), max_length=64,
                                     blank=True)  # fmt: skip
    review_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    review_id = models.PositiveBigIntegerField(null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    effective_from = models.DateField(_("in effect from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    evaluate_by = models.DateField(_("evaluation due by"), null=True, blank=True)
    # What ends or changes it, each on its day (the status is read from these).
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    declared_expired_on = models.DateField(_("declared expired on"), null=True, blank=True)
    amended_on = models.DateField(_("amended on"), null=True, blank=True)
    amended_by = models.ForeignKey(
        "self", verbose_name=_("amending document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="amends",
    )  # fmt: skip

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "issuing_body_id"}

    class Meta(Case.Meta):
        verbose_name = _("normative document")
        verbose_name_plural = _("normative documents")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], condition=~models.Q(number=""),
                name="normative_unique_number",
            ),
            models.UniqueConstraint(
                fields=["unified_number"], condition=~models.Q(unified_number=""),
                name="normative_unique_unified_number",
            ),
        ]  # fmt: skip
        indexes = [
            *case_indexes("normative"),
            models.Index(fields=["region_code", "published_on"], name="normative_region_pub"),
            models.Index(fields=["issuing_body", "published_on"], name="normative_body_pub"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("normative:document_detail", args=[self.pk])

    def status_on(self, day):
        from normative.validity import status_on

        return status_on(self, day)


class EvaluationReport(models.Model):
    """A post-evaluation report (后评估, §B.8) attached to a document."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="evaluations"
    )
    attachment = models.OneToOneField(
        "cases.Attachment", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    evaluated_on = models.DateField(_("evaluated on"))
    conclusion = models.TextField(_("conclusion of the evaluation"), blank=True)

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.evaluated_on}"


class FilingCase(Case):
    """The filing (备案) of a published document with the bureau and its filing review (备案审查,
    BAS Art. 3 by analogy ❓)."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("normative document"), on_delete=models.PROTECT,
        related_name="filings",
    )  # fmt: skip
    issuing_body = models.ForeignKey(
        "core.Organization", verbose_name=_("issuing body"), on_delete=models.PROTECT,
        related_name="normative_filings",
    )  # fmt: skip
    filed_on = models.DateField(_("filed on"))
    filing_due = models.DateField(_("filing due by"))
    late = models.BooleanField(_("filed late"), default=False)
    opinion = models.CharField(_("review opinion"), max_length=16, choices=FilingOpinion.choices,
                               blank=True)  # fmt: skip
    opinion_text = models.TextField(_("points of the opinion"), blank=True)
    opinion_on = models.DateField(_("opinion issued on"), null=True, blank=True)
    answer = models.TextField(_("answer of the issuing body"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "issuing_body_id"}

    class Meta(Case.Meta):
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        indexes = [
            *case_indexes("normfiling"),
            models.Index(fields=["region_code", "filed_on"], name="normfiling_region_filed"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("normative:filing_detail", args=[self.pk])


class CleanupCampaign(models.Model):
    """A clean-up (清理, §B.9 ❓) of the documents in force in the bureau's jurisdiction."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("justice bureau"), on_delete=models.PROTECT,
        related_name="normative_cleanups",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    title = models.CharField(_("title"), max_length=200)
    opened_on = models.DateField(_("opened on"))
    effective_on = models.DateField(_("decisions take effect on"))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("clean-up campaign")
        verbose_name_plural = _("clean-up campaigns")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("normative:campaign_detail", args=[self.pk])


class CleanupItem(models.Model):
    """One document of a campaign and its owner's decision."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("normative document"), on_delete=models.PROTECT,
        related_name="cleanup_items",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    decision = models.CharField(_("decision"), max_length=16, choices=CleanupDecision.choices,
                                blank=True)  # fmt: skip
    reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "campaign__organization_id"
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "document__issuing_body_id"}

    class Meta:
        verbose_name = _("clean-up item")
        verbose_name_plural = _("clean-up items")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="normative_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.document_id}: {self.decision or '—'}"


class ReviewProposal(Case):
    """A citizen's request that the bureau review a published document (审查建议, §B.7 ❓),
    filed on the portal and followed with a tracking code (normative.proposals)."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("normative document"), on_delete=models.PROTECT,
        related_name="proposals",
    )  # fmt: skip
    applicant_name = models.CharField(_("name"), max_length=64)
    applicant_phone = models.CharField(_("mobile phone"), max_length=20)
    reasons = models.TextField(_("why the document should be reviewed"))
    tracking_code = models.CharField(_("tracking code"), max_length=16, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})

    class Meta(Case.Meta):
        verbose_name = _("review proposal")
        verbose_name_plural = _("review proposals")
        indexes = [*case_indexes("normproposal")]
        constraints = [
            models.UniqueConstraint(
                fields=["tracking_code"], condition=~models.Q(tracking_code=""),
                name="normproposal_tracking_code",
            )
        ]  # fmt: skip

    @property
    def title(self) -> str:
        return self.document.title

    def get_absolute_url(self) -> str:
        return reverse("normative:proposal_detail", args=[self.pk])
