"""Administrative litigation response (行政应诉): a lawsuit in which an agency is the defendant,
one case per trial level (一审, 二审, 再审) — court, court case number, plaintiffs, the cause,
the answer (Art. 67), the hearings with the head's appearance (最高人民法院关于行政机关负责人出庭
应诉若干问题的规定, in force 2020-07-01), the judgment or ruling and the appeal (Art. 85), and
the judicial recommendations received with their replies.

Statute: Administrative Litigation Law (行政诉讼法, 2017) — reference/statutes.md §5; the
figures: §8.

The handling organisation is the defendant agency itself (`organization`, an Organization of
kind agency; `region_code` its region): the agency's handlers see only its cases (the
organisation scope of Role.AGENCY_HANDLER) and the bureau's staff every case in their
jurisdiction. Co-defendant agencies each register their own case for the same court case: each
answers, and each head appears, for its own agency.

The link to a reconsideration case is a `cases.models.CaseLink` (kind LITIGATION_OF) and the act
challenged a `cases.models.ChallengedAct`, both written by litigation.services: this app imports
no other business line.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case, case_indexes
from litigation.choices import (
    HEAD_NOTICE_DAYS,
    AbsenceGround,
    Appellant,
    HeadPosition,
    Judgment,
    LossGround,
    Side,
    TrialLevel,
)


class LitigationCase(Case):
    """One trial level of a lawsuit against an agency. `number` is the court case number."""

    court = models.CharField(_("court"), max_length=100)
    court_case_number = models.CharField(_("court case number"), max_length=64)
    # The court case number as compared (no spaces, brackets and digits folded): a case is
    # registered once per defendant and trial level.
    court_case_key = models.CharField(max_length=64, editable=False)
    trial_level = models.CharField(_("trial level"), max_length=8, choices=TrialLevel.choices)
    earlier = models.ForeignKey(
        "self",
        verbose_name=_("case at the earlier level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_levels",
    )
    cause = models.CharField(_("cause of action"), max_length=200)
    act_description = models.CharField(_("the act challenged"), max_length=300)
    act_number = models.CharField(_("document number of the act"), max_length=100, blank=True)
    reconsideration_number = models.CharField(
        _("reconsideration case number"), max_length=64, blank=True
    )
    # Service of the complaint (or of the appeal or retrial papers) on the agency: the answer
    # period runs from it (Art. 67); also the case's received_at.
    complaint_served_on = models.DateField(_("complaint served on"))
    filed_on = models.DateField(_("filed by the court on"), null=True, blank=True)
    # Heard under the simplified procedure (简易程序, Art. 82): concluded within 45 days of
    # filing (Art. 83) unless the court converts it to the ordinary procedure (Art. 84).
    simplified = models.BooleanField(
        _("simplified procedure"), default=False,
        help_text=_("The court hears the case under the simplified procedure (Art. 82): "
                    "judgment within 45 days of filing (Art. 83)."),
    )  # fmt: skip
    answer_submitted_on = models.DateField(_("answer submitted on"), null=True, blank=True)
    # The hearings, summed up for the figures (litigation.indicators): the first hearing held
    # at this level, and whether a qualifying head appeared at any of them (Provisions Art. 7:
    # one appearance per trial level suffices).
    first_heard_on = models.DateField(_("first heard on"), null=True, blank=True)
    head_appeared = models.BooleanField(_("a qualifying head appeared"), default=False)
    # The conclusion of this level.
    judgment_type = models.CharField(
        _("judgment or ruling"), max_length=24, choices=Judgment.choices, blank=True
    )
    decided_on = models.DateField(_("judgment or ruling made on"), null=True, blank=True)
    judgment_served_on = models.DateField(_("judgment or ruling served on"), null=True, blank=True)
    loss_ground = models.CharField(
        _("main ground of the loss"), max_length=16, choices=LossGround.choices, blank=True
    )
    loss_reasons = models.TextField(_("reasons for the loss"), blank=True)
    appealed_on = models.DateField(_("appeal filed on"), null=True, blank=True)
    appellant = models.CharField(
        _("appellant"), max_length=8, choices=Appellant.choices, blank=True
    )

    assigning_roles = frozenset({"system_admin", "leader", "section_staff"})

    class Meta(Case.Meta):
        verbose_name = _("litigation case")
        verbose_name_plural = _("litigation cases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "court_case_key", "trial_level"],
                name="litcase_unique_court_case",
            ),
        ]
        indexes = [
            *case_indexes("litcase"),
            models.Index(fields=["region_code", "decided_on"], name="litcase_region_decided"),
            models.Index(fields=["region_code", "first_heard_on"], name="litcase_region_heard"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("litigation:case_detail", args=[self.pk])

    def parties_on(self, side: str) -> list:
        return [p.party for p in self.lit_parties.all() if p.side == side]


class LitigationParty(models.Model):
    case = models.ForeignKey(
        LitigationCase, on_delete=models.CASCADE, related_name="lit_parties", db_index=False
    )
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party to a litigation case")
        verbose_name_plural = _("parties to litigation cases")
        ordering = ["side", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="litparty_unique")]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class Hearing(models.Model):
    """A court hearing: scheduled with the notice to the head (served at least three days
    before, Provisions Art. 5), then recorded with who appeared for the agency — a qualifying
    head (Art. 2) or delegated staff with the head's excuse (Art. 8). Written only by the
    case's transitions (litigation.process)."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="hearings")
    hearing_on = models.DateField(_("hearing on"))
    place = models.CharField(_("courtroom"), max_length=200, blank=True)
    notice_served_on = models.DateField(_("notice to appear served on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    head_appeared = models.BooleanField(_("a qualifying head appeared"), default=False)
    head_name = models.CharField(_("name of the head"), max_length=64, blank=True)
    head_position = models.CharField(
        _("position of the head"), max_length=16, choices=HeadPosition.choices, blank=True
    )
    staff = models.CharField(_("staff appearing"), max_length=200, blank=True)
    absence_ground = models.CharField(
        _("why the head did not appear"), max_length=8, choices=AbsenceGround.choices,
        blank=True,
    )  # fmt: skip
    absence_explanation = models.TextField(_("explanation of the absence"), blank=True)

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["hearing_on", "id"]

    def __str__(self) -> str:
        return f"{self.hearing_on} {self.place}"

    @property
    def notice_late(self) -> bool:
        """The notice reached the agency fewer than three days before the hearing (Provisions
        Art. 5: served on 1 June, a hearing on 4 June at the earliest)."""
        return (self.hearing_on - self.notice_served_on).days < HEAD_NOTICE_DAYS


class Recommendation(models.Model):
    """A judicial recommendation (司法建议) the court sent about the case (行政诉讼法 Art. 66;
    Provisions Art. 12) and the agency's reply. The reply date asked for is the court's, as
    the letter states it: no statute fixes one."""

    case = models.ForeignKey(
        LitigationCase, on_delete=models.CASCADE, related_name="recommendations"
    )
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("the recommendation"))
    reply_due = models.DateField(_("reply asked for by"), null=True, blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply = models.TextField(_("the reply"), blank=True)

    class Meta:
        verbose_name = _("judicial recommendation")
        verbose_name_plural = _("judicial recommendations")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.received_on}: {self.content[:30]}"
