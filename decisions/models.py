"""Major administrative decisions (重大行政决策, 重大行政决策程序暂行条例 = DEC, State Council
Decree 713; reference/statutes-lines.md §A).

- `Catalogue`: a decision-maker's yearly catalogue of decision matters (决策事项目录, DEC Art. 3
  ¶3): approved by the same-level Party committee, then published, and adjusted the same way.
- `MajorDecision`: one decision on the case engine, from start to adjustment (decisions.process);
  each procedural step is recorded with its evidence (`Evidence`), and the public's comments
  on the draft (`Comment`, DEC Arts. 14–18) are answered one by one. A major adjustment
  (Art. 37) starts a new round of the procedure (`round`): the evidence and comments of an
  earlier round stay on the record and count for no later one.

The handling organisation (`organization`) is the justice bureau that follows the decision
(its legal section); the decision-maker (`decision_maker`, a government or department) is an
agency whose handlers see and write their own decisions only (scope_role_organization_fields).
The legality review itself is the legality line's case: only its number and opinion date are
recorded here (no import of that line).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from core.querysets import RestrictedManager
from core.roles import Role
from decisions.choices import Answer, Conclusion, MatterKind, MeetingResult, MeetingType, Step

_AGENCY_SCOPE = {Role.AGENCY_HANDLER: "decision_maker_id"}


class Catalogue(models.Model):
    """A decision-maker's catalogue of major decision matters for one year (DEC Art. 3 ¶3)."""

    decision_maker = models.ForeignKey(
        "core.Organization",
        verbose_name=_("decision-maker"),
        on_delete=models.PROTECT,
        related_name="decision_catalogues",
    )
    region_code = models.CharField(_("region code"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year"))
    party_approved_on = models.DateField(
        _("approved by the Party committee on"), null=True, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "decision_maker_id"
    scope_role_organization_fields = _AGENCY_SCOPE

    class Meta:
        verbose_name = _("catalogue of major decision matters")
        verbose_name_plural = _("catalogues of major decision matters")
        ordering = ["-year", "decision_maker__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision_maker", "year"], name="decisions_catalogue_unique"
            )
        ]
        indexes = [models.Index(fields=["region_code", "year"], name="decisions_cat_region_year")]

    def __str__(self) -> str:
        return f"{self.decision_maker.name}{self.year}年度重大行政决策事项目录"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalogue_detail", args=[self.pk])


class CatalogueAdjustment(models.Model):
    """An adjustment of a published catalogue, approved and published like the catalogue."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="adjustments")
    party_approved_on = models.DateField(_("approved by the Party committee on"))
    published_on = models.DateField(_("published on"))
    reason = models.TextField(_("reasons for the adjustment"))

    class Meta:
        verbose_name = _("catalogue adjustment")
        verbose_name_plural = _("catalogue adjustments")
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return f"{self.catalogue} · {self.published_on:%Y-%m-%d}"


class CatalogueItem(models.Model):
    """One matter of a catalogue; added or removed by an adjustment after publication."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="items")
    # Copied from the catalogue, so that decision.catalogued counts on this table alone.
    region_code = models.CharField(_("region code"), max_length=12)
    number = models.PositiveSmallIntegerField(_("item"))
    title = models.CharField(_("matter"), max_length=200)
    matter_kind = models.CharField(_("kind of matter"), max_length=24, choices=MatterKind.choices)
    lead_unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    planned = models.CharField(_("planned completion"), max_length=64, blank=True)
    added_by = models.ForeignKey(
        CatalogueAdjustment,
        verbose_name=_("added by the adjustment"),
        on_delete=models.PROTECT,
        related_name="added_items",
        null=True,
        blank=True,
    )
    removed_by = models.ForeignKey(
        CatalogueAdjustment,
        verbose_name=_("removed by the adjustment"),
        on_delete=models.PROTECT,
        related_name="removed_items",
        null=True,
        blank=True,
    )

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "catalogue__decision_maker_id"
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "catalogue__decision_maker_id"}

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["catalogue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="decisions_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MajorDecision(Case):
    """One major administrative decision and the statutory procedure it goes through."""

    title = models.CharField(_("matter"), max_length=200)
    matter_kind = models.CharField(_("kind of matter"), max_length=24, choices=MatterKind.choices)
    decision_maker = models.ForeignKey(
        "core.Organization",
        verbose_name=_("decision-maker"),
        on_delete=models.PROTECT,
        related_name="major_decisions",
    )
    lead_unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("lead unit (承办单位)"),
        on_delete=models.PROTECT,
        related_name="major_decisions_led",
    )
    catalogue_item = models.ForeignKey(
        CatalogueItem,
        verbose_name=_("catalogue item"),
        on_delete=models.SET_NULL,
        related_name="decisions",
        null=True,
        blank=True,
    )
    summary = models.TextField(_("summary"), blank=True)
    started_on = models.DateField(_("started on"))
    # Triggers of the conditional steps (DEC Art. 19: professional or technical matters;
    # Art. 22: stability or public security may be affected).
    expert_triggered = models.BooleanField(_("expert argumentation required"), default=False)
    risk_triggered = models.BooleanField(_("risk assessment required"), default=False)
    # Draft (Arts. 12–13); the text and its explanation are what the public comments on.
    draft_text = models.TextField(_("draft"), blank=True)
    draft_explanation = models.TextField(_("explanation of the draft"), blank=True)
    drafted_on = models.DateField(_("draft completed on"), null=True, blank=True)
    # Public participation (Arts. 14–18).
    participation_exempt = models.BooleanField(
        _("exempt from public participation (legally non-disclosable)"), default=False
    )
    exemption_reason = models.TextField(_("reasons for the exemption"), blank=True)
    comment_opens_on = models.DateField(_("comment notice published on"), null=True, blank=True)
    comment_days = models.PositiveSmallIntegerField(
        _("comment period (days)"), null=True, blank=True
    )
    comment_closes_on = models.DateField(_("comments accepted until"), null=True, blank=True)
    short_period_reason = models.TextField(_("reasons for a period under 30 days"), blank=True)
    answers_published_on = models.DateField(
        _("handling of the comments published on"), null=True, blank=True
    )
    answers_summary = models.TextField(_("how the comments were handled"), blank=True)
    hearing_on = models.DateField(_("hearing held on"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    hearing_materials_sent_on = models.DateField(
        _("hearing materials sent on"), null=True, blank=True
    )
    # Expert argumentation (Arts. 19–21).
    expert_on = models.DateField(_("expert argumentation on"), null=True, blank=True)
    expert_summary = models.TextField(_("experts' opinions and how adopted"), blank=True)
    # Risk assessment (Arts. 22–24).
    risk_on = models.DateField(_("risk assessment completed on"), null=True, blank=True)
    risk_assessor = models.CharField(_("unit that assessed the risk"), max_length=200, blank=True)
    risk_summary = models.TextField(_("risk points and measures"), blank=True)
    # Legality review (Arts. 25–28): the legality line's case, by number.
    legality_case_number = models.CharField(
        _("legality review case number"), max_length=64, blank=True
    )
    legality_opinion_on = models.DateField(_("legality opinion issued on"), null=True, blank=True)
    legality_conclusion = models.CharField(
        _("legality conclusion"), max_length=24, choices=Conclusion.choices, blank=True
    )
    # Collective discussion (Arts. 29–31).
    meeting_type = models.CharField(
        _("meeting"), max_length=16, choices=MeetingType.choices, blank=True
    )
    meeting_on = models.DateField(_("meeting held on"), null=True, blank=True)
    meeting_result = models.CharField(
        _("result of the discussion"), max_length=16, choices=MeetingResult.choices, blank=True
    )
    dissent = models.TextField(_("dissenting views recorded"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision document number"), max_length=64, blank=True)
    # Publication (Art. 32), archive (Art. 33), execution (Arts. 34–35), evaluation (Art. 36).
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_on_time = models.BooleanField(_("published within the window"), null=True, blank=True)
    publication_channels = models.CharField(_("published in"), max_length=200, blank=True)
    interpretation = models.TextField(_("interpretation (解读)"), blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    executing_unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("executing unit"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    evaluated_on = models.DateField(_("post-decision evaluation on"), null=True, blank=True)
    evaluator = models.CharField(_("evaluated by"), max_length=200, blank=True)
    adjusted_on = models.DateField(_("last adjusted on"), null=True, blank=True)
    # DEC Art. 37: a major adjustment runs the procedure again. The round in progress: 1, one
    # more for each major adjustment. Evidence and comments belong to the round they were
    # given in; an earlier round's stay on the record but count for no later one.
    round = models.PositiveSmallIntegerField(_("procedure round"), default=1)

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})
    scope_role_organization_fields = _AGENCY_SCOPE

    class Meta(Case.Meta):
        verbose_name = _("major administrative decision")
        verbose_name_plural = _("major administrative decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~models.Q(number=""),
                name="decisions_unique_number",
            ),
        ]
        indexes = [
            *case_indexes("decision"),
            models.Index(fields=["region_code", "decided_on"], name="decision_region_decided"),
            models.Index(fields=["comment_opens_on", "comment_closes_on"], name="decision_comment"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision_detail", args=[self.pk])


class Evidence(models.Model):
    """A file proving a step (cases.Attachment has no step)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="evidence")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    attachment = models.OneToOneField(
        "cases.Attachment", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    added_on = models.DateField(_("added on"))
    round = models.PositiveSmallIntegerField(_("procedure round"), default=1)

    class Meta:
        verbose_name = _("evidence of a step")
        verbose_name_plural = _("evidence of steps")
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.attachment}"


class Comment(models.Model):
    """A comment of the public on a draft in its comment period (DEC Art. 15), and the
    answer (Art. 18: reasonable opinions are adopted)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="comments")
    region_code = models.CharField(_("region code"), max_length=12)
    number = models.PositiveIntegerField(_("comment"))
    name = models.CharField(_("name"), max_length=64, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20)
    body = models.TextField(_("comment"))
    received_on = models.DateField(_("received on"))
    round = models.PositiveSmallIntegerField(_("procedure round"), default=1)
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "decision__organization_id"
    scope_role_organization_fields = {Role.AGENCY_HANDLER: "decision__decision_maker_id"}

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="decisions_comment_unique")
        ]
        indexes = [models.Index(fields=["region_code", "received_on"], name="decision_comment_rcv")]

    def __str__(self) -> str:
        return f"{self.decision} · {self.number}"
