"""Case-file review (案卷评查) of enforcement decisions; imported at the end of enforcement.models.

County-level and higher governments periodically appraise enforcement (行政处罚法 = CF Art. 75
✅); Shandong's 行政执法监督条例 (SD-JD ✅) makes the 案卷评查 a regular duty (Art. 14) and gives
the agency **30 days** to correct what a 《行政执法监督意见书》 finds (Art. 28). The scoring model
is reference/statutes-lines.md §C.8 (❓ local practice, configurable): six parts scored out of
100 — 主体 10, 事实证据 25, 法律适用 20 (with 裁量: within the published 裁量基准, Art. 34), 程序 25,
文书 10, 记录归档 10 — 优秀 ≥ 90, 合格 ≥ 70, and a veto item (一票否决) fails the file whatever
its points. A campaign may set its own parts (e.g. 裁量 as a part of its own).

- ReviewCampaign: one yearly campaign of a justice bureau over the decisions of a jurisdiction
  and a year, with its seed (stored, so that the sample is re-drawn identically:
  enforcement.review_services.draw_sample documents the algorithm), the sample size per body,
  its rubric (JSON, default DEFAULT_RUBRIC), the thresholds and the rectification period.
- ReviewedFile: one decision drawn into the sample, its body and agency, the reviewer, the
  points per part, the total, the veto and its reason, the grade and the problems found.
- Rectification: one problem notified to the agency (整改通知), its deadline (notice + the
  campaign's days, calendar days, SD-JD Art. 28), the agency's answer and the bureau's verdict
  (accepted, or sent back to be answered again). Overdue is computed on read against a given
  day (`is_overdue_on`), never stored.

Scoping: the campaign by its bureau's jurisdiction; a file and a rectification by the
decision's jurisdiction and agency (an agency's handlers see and answer their own).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedManager

#: reference/statutes-lines.md §C.8 (the model ❓, configurable per campaign): the parts with their
#: points and veto items (一票否决), each tied to the articles it checks (CF = 行政处罚法).
DEFAULT_RUBRIC = {
    "parts": [
        {"key": "subject", "name": "执法主体", "max": 10, "basis": "行政处罚法第四十二条、第五十五条",
         "veto": ["执法主体不合法或执法人员无执法资格"]},
        {"key": "facts", "name": "事实证据", "max": 25, "basis": "行政处罚法第四十条、第四十六条、第五十六条",
         "veto": []},
        {"key": "law", "name": "法律适用与裁量", "max": 20,
         "basis": "行政处罚法第三十条至第三十四条、第三十六条", "veto": []},
        {"key": "procedure", "name": "执法程序", "max": 25,
         "basis": "行政处罚法第四十四条、第四十五条、第五十七条、第五十八条、第六十条至第六十四条",
         "veto": ["未履行事先告知", "拒绝当事人听证要求", "应当法制审核而未审核"]},
        {"key": "documents", "name": "执法文书", "max": 10, "basis": "行政处罚法第五十九条",
         "veto": []},
        {"key": "archive", "name": "记录归档", "max": 10, "basis": "行政处罚法第四十七条、第四十八条",
         "veto": []},
    ]
}  # fmt: skip


def default_rubric() -> dict:
    import copy

    return copy.deepcopy(DEFAULT_RUBRIC)


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent (优秀)")
    PASS = "pass", _("pass (合格)")
    FAIL = "fail", _("fail (不合格)")


class RectificationVerdict(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    SENT_BACK = "sent_back", _("sent back")


class ReviewCampaign(models.Model):
    """A yearly case-file review campaign (案卷评查) of a justice bureau (SD-JD Art. 14)."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("justice bureau"), on_delete=models.PROTECT,
        related_name="review_campaigns",
    )  # fmt: skip
    region_code = models.CharField(_("jurisdiction (region code)"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year of the decisions reviewed"))
    title = models.CharField(_("title"), max_length=200)
    seed = models.BigIntegerField(
        _("random seed"),
        help_text=_("The seed of the random draw; the same seed draws the same sample."),
    )
    sample_size = models.PositiveSmallIntegerField(
        _("files per enforcement body"),
        help_text=_("Decisions drawn per body; all of them if the body made fewer."),
    )
    rubric = models.JSONField(_("scoring rubric"), default=default_rubric)
    excellent_threshold = models.PositiveSmallIntegerField(_("excellent from (points)"),
                                                           default=90)  # fmt: skip
    pass_threshold = models.PositiveSmallIntegerField(_("pass from (points)"), default=70)
    rectification_days = models.PositiveSmallIntegerField(
        _("days to rectify"), default=30,
        help_text=_("Calendar days from the notice (山东省行政执法监督条例 Art. 28: 30 days)."),
    )  # fmt: skip
    drawn_on = models.DateField(_("sample drawn on"), null=True, blank=True)
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organization_id"

    class Meta:
        verbose_name = _("case-file review campaign")
        verbose_name_plural = _("case-file review campaigns")
        ordering = ["-year", "region_code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "title"],
                                    name="enfreview_campaign_title"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def parts(self) -> list[dict]:
        return list((self.rubric or {}).get("parts") or [])

    @property
    def max_total(self) -> int:
        return sum(int(p["max"]) for p in self.parts())


class ReviewedFile(models.Model):
    """One decision drawn into a campaign's sample, and its score."""

    campaign = models.ForeignKey(ReviewCampaign, verbose_name=_("campaign"),
                                 on_delete=models.CASCADE, related_name="files")  # fmt: skip
    decision = models.ForeignKey(
        "enforcement.Decision", verbose_name=_("enforcement decision"), on_delete=models.PROTECT,
        related_name="reviews",
    )  # fmt: skip
    body = models.ForeignKey(
        "enforcement.EnforcementBody", verbose_name=_("enforcement body"),
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    agency = models.ForeignKey("core.Organization", verbose_name=_("agency"),
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    position = models.PositiveIntegerField(_("order drawn"))
    reviewer = models.ForeignKey(
        "core.User", verbose_name=_("reviewer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    scores = models.JSONField(_("points per part"), default=dict, blank=True)
    total = models.PositiveSmallIntegerField(_("total points"), null=True, blank=True)
    vetoed = models.BooleanField(_("vetoed (一票否决)"), default=False)
    veto_reason = models.CharField(_("veto item"), max_length=200, blank=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    problems = models.JSONField(_("problems found"), default=list, blank=True)
    scored_on = models.DateField(_("scored on"), null=True, blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("reviewed case file")
        verbose_name_plural = _("reviewed case files")
        ordering = ["campaign_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "decision"],
                                    name="enfreview_file_decision"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["region_code", "scored_on"], name="enfreview_scored")]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.decision_id}"


class Rectification(models.Model):
    """A problem of a reviewed file notified to its agency, to be rectified (整改) within the
    campaign's days (SD-JD Art. 28: 30 days)."""

    file = models.ForeignKey(ReviewedFile, verbose_name=_("reviewed case file"),
                             on_delete=models.CASCADE, related_name="rectifications")  # fmt: skip
    agency = models.ForeignKey("core.Organization", verbose_name=_("agency"),
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    problem = models.TextField(_("problem to rectify"))
    notified_on = models.DateField(_("notified on"))
    deadline = models.DateField(_("to be rectified by"))
    answer = models.TextField(_("rectification"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=16, blank=True,
                               choices=RectificationVerdict.choices)  # fmt: skip
    verdict_on = models.DateField(_("verdict on"), null=True, blank=True)
    verdict_reason = models.CharField(_("reasons"), max_length=500, blank=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["region_code", "deadline"], name="enfreview_rect_due")]

    def __str__(self) -> str:
        return f"{self.file_id}: {self.deadline}"

    @property
    def awaiting_answer(self) -> bool:
        """No answer yet, or the answer was sent back (to be answered again)."""
        return self.answered_on is None or self.verdict == RectificationVerdict.SENT_BACK

    def is_overdue_on(self, day: datetime.date) -> bool:
        """Past its deadline on `day` (the deadline day itself is still in time) and awaiting an
        answer."""
        return self.awaiting_answer and day > self.deadline
