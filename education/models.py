"""Public legal education (普法, reference/statutes-lines.md §F): the registers of slice 1.

- EducationActivity (普法活动): one event on a day — place, organiser, topic, form (lecture,
  以案释法 SD-PF Art. 23, live stream, Constitution Week, the December law-education month
  SD-PF Art. 28, …), audience, people reached, materials handed out, online views.
- ResponsibilityList (普法责任清单) of an agency for a year under 谁执法谁普法 (SD-PF Art. 10;
  the 2017 opinion ❓), with its items (the law, whom it is taught to, by which measures) and
  the day it was published.
- Evaluation (年度履职报告评议) of an agency for a year: its self-report, the review panel's
  score, the public vote, the grade, and when the result was published.
- PublicVote (公众投票): one mobile phone's vote on the evaluations of a year in a district, cast
  on the portal with a one-time SMS code (education.portal); one per phone, year and district,
  held by a unique constraint on the phone's blind index. The phone itself is not kept, only
  its keyed hash (core.crypto.blind_index), enough to refuse a second vote.
- PublicVoteRating: the vote's rating (满意/基本满意/不满意) of each agency under evaluation
  there that year. The votes an evaluation has received are counted from these rows.
- ModelVillage (民主法治示范村（社区）): a village or community holding the title at one level
  (national, provincial, city) from the year it was named until it is revoked.

Scoping (core.querysets): each row holds a 12-digit region code (where the activity took place,
the agency's region, the village); region roles see their jurisdiction, an organisation-scoped
role (an agency's handler) its own organisation's activities and lists.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedManager
from education.choices import ActivityForm, AudienceKind, Grade, TitleLevel, VoteRating


class EducationActivity(models.Model):
    held_on = models.DateField(_("date held"))
    place = models.CharField(_("place"), max_length=200)
    organizer = models.ForeignKey(
        "core.Organization", verbose_name=_("organiser"), on_delete=models.PROTECT,
        related_name="education_activities",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    topic = models.CharField(_("topic"), max_length=200)
    form = models.CharField(_("form of activity"), max_length=32, choices=ActivityForm.choices)
    audience = models.CharField(_("audience"), max_length=32, choices=AudienceKind.choices)
    people_reached = models.PositiveIntegerField(_("people reached"))
    materials_distributed = models.PositiveIntegerField(_("materials distributed"), default=0)
    online_views = models.PositiveIntegerField(_("online views"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "organizer_id"

    class Meta:
        verbose_name = _("public legal education activity")
        verbose_name_plural = _("public legal education activities")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region_code", "held_on"], name="eduact_region_day")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("education:activity_detail", args=[self.pk])


class ResponsibilityList(models.Model):
    """An agency's 普法责任清单 for a year; published once `published_on` is set."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="education_lists",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    region_code = models.CharField(_("region code"), max_length=12)
    published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("public legal education responsibility list")
        verbose_name_plural = _("public legal education responsibility lists")
        ordering = ["-year", "region_code", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="edulist_agency_year")
        ]
        indexes = [models.Index(fields=["region_code", "year"], name="edulist_region_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("education:list_detail", args=[self.pk])


class ResponsibilityItem(models.Model):
    """One line of a responsibility list: a law the agency enforces, whom it teaches it to,
    and how."""

    responsibility_list = models.ForeignKey(
        ResponsibilityList, verbose_name=_("responsibility list"), on_delete=models.CASCADE,
        related_name="items",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    law = models.CharField(_("law or regulation"), max_length=200)
    target_audience = models.CharField(_("target audience"), max_length=200)
    measures = models.TextField(_("measures"))

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "responsibility_list__agency_id"

    class Meta:
        verbose_name = _("responsibility list item")
        verbose_name_plural = _("responsibility list items")
        ordering = ["responsibility_list_id", "position", "id"]

    def __str__(self) -> str:
        return self.law

    def get_absolute_url(self) -> str:
        return reverse("education:list_detail", args=[self.responsibility_list_id])


class ModelVillage(models.Model):
    """A village or community named 民主法治示范村（社区） at one level."""

    region = models.ForeignKey(
        "core.Region", verbose_name=_("village or community"), on_delete=models.PROTECT,
        related_name="model_village_titles",
    )  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    level = models.CharField(_("level of the title"), max_length=16, choices=TitleLevel.choices)
    year_named = models.PositiveSmallIntegerField(_("year named"))
    batch = models.CharField(
        _("batch or naming document"), max_length=200, blank=True,
        help_text=_("e.g. the ninth national batch, or the number of the naming document."),
    )  # fmt: skip
    revoked_on = models.DateField(
        _("revoked on"), null=True, blank=True,
        help_text=_("The day the title was withdrawn; empty while it stands."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("democracy and rule-of-law model village")
        verbose_name_plural = _("democracy and rule-of-law model villages")
        ordering = ["region_code", "level"]
        constraints = [
            models.UniqueConstraint(fields=["region", "level"], name="eduvillage_region_level")
        ]

    def __str__(self) -> str:
        return f"{self.region.full_name} ({self.get_level_display()})"

    def get_absolute_url(self) -> str:
        return reverse("education:village_edit", args=[self.pk])


class Evaluation(models.Model):
    """The yearly review of an agency's 普法 duty (年度履职报告评议, statutes-lines §F ◑ S11):
    the agency reports, a panel scores, the public votes, the bureau grades and publishes."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="education_evaluations",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    region_code = models.CharField(_("region code"), max_length=12)
    self_report = models.TextField(_("self-report"))
    reported_on = models.DateField(_("reported on"))
    expert_score = models.DecimalField(
        _("expert score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The portal's votes are counted from PublicVoteRating; this holds only the votes of a year
    # tallied before or outside the portal vote (paper ballots, an earlier system: imported).
    public_votes = models.PositiveIntegerField(
        _("public votes tallied outside the portal"), default=0,
        help_text=_("Votes of past years counted before the portal vote; the portal's votes are "
                    "counted from the ballots."),
    )  # fmt: skip
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RestrictedManager()
    scope_region_field = "region_code"
    scope_organization_field = "agency_id"

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")
        ordering = ["-year", "region_code", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="edueval_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("education:evaluation_detail", args=[self.pk])

    @property
    def district_code(self) -> str:
        """The jurisdiction the public votes in: the agency's district (or city)."""
        return district_of(self.region_code)

    def tally(self, counted: dict[str, int] | None = None) -> dict:
        """The portal votes received, by rating, with their total and the votes tallied outside
        the portal (`offline`); `total` is both together. `counted` (rating → votes, from
        tallies() of many evaluations at once) spares the query."""
        counts = dict.fromkeys(VoteRating.values, 0)
        if counted is None:
            counted = dict(self.votes.values_list("rating").annotate(n=models.Count("id")))
        counts.update({k: n for k, n in counted.items() if k in counts})
        portal = sum(counts.values())
        return {"ratings": [(VoteRating(k).label, counts[k]) for k in VoteRating.values],
                "by_rating": counts, "portal": portal, "offline": self.public_votes,
                "total": portal + self.public_votes,
                "satisfied_rate": round(100 * (counts[VoteRating.SATISFIED]
                                               + counts[VoteRating.FAIRLY]) / portal, 1)
                if portal else None}  # fmt: skip


def tallies(evaluations) -> list[tuple[Evaluation, dict]]:
    """Each of `evaluations` with its tally, the votes counted in one query for all."""
    evaluations = list(evaluations)
    counted: dict[int, dict[str, int]] = {e.pk: {} for e in evaluations}
    rows = (
        PublicVoteRating.objects.filter(evaluation__in=[e.pk for e in evaluations])
        .values_list("evaluation_id", "rating")
        .annotate(n=models.Count("id"))
        .order_by()
    )
    for evaluation_id, rating, n in rows:
        counted[evaluation_id][rating] = n
    return [(e, e.tally(counted[e.pk])) for e in evaluations]


def district_of(region_code: str) -> str:
    return (region_code or "")[:6].ljust(12, "0")


class PublicVote(models.Model):
    """One mobile phone's vote (its ballot) on the evaluations of `year` in the district
    `region_code`: one per phone, year and district, whatever the race."""

    year = models.PositiveSmallIntegerField(_("year"))
    region_code = models.CharField(_("region code"), max_length=12)
    phone_index = models.CharField(_("phone (keyed hash)"), max_length=64, editable=False)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("public vote ballot")
        verbose_name_plural = _("public vote ballots")
        ordering = ["-cast_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["phone_index", "year", "region_code"], name="eduvote_phone_year_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region_code} #{self.pk}"


class PublicVoteRating(models.Model):
    """A vote's rating of one agency's evaluation."""

    vote = models.ForeignKey(PublicVote, verbose_name=_("public vote ballot"), on_delete=models.CASCADE,
                             related_name="ratings")  # fmt: skip
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("performance evaluation"),
                                   on_delete=models.PROTECT, related_name="votes")  # fmt: skip
    region_code = models.CharField(_("region code"), max_length=12)
    rating = models.CharField(_("rating"), max_length=20, choices=VoteRating.choices)

    objects = RestrictedManager()
    scope_region_field = "region_code"

    class Meta:
        verbose_name = _("public vote rating")
        verbose_name_plural = _("public vote ratings")
        ordering = ["vote_id", "evaluation_id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "evaluation"], name="eduvote_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.rating}"
