"""Public legal education indicators (reference/statutes-lines.md §F, "Indicators (F)";
GLOSSARY: education.*).

- education.activities: activities held in the period, by form (以案释法, live streams, the
  December law-education month, …), by audience and by organiser.
- education.people_reached / .materials_distributed / .online_views: sums over the same
  activities (the samples' "受教育人数", "发放资料", "观看人数").
- education.model_villages: 民主法治示范村（社区） titles standing on the period's last day, by
  level (a village named at two levels holds two titles).
- education.responsibility_lists_published: agencies with a published 普法责任清单 for the
  year in which the period ends ÷ agencies required to have one (every administrative agency
  of the jurisdiction standing on that day).

- education.evaluations_published: yearly evaluations of agencies (履职评议) whose result was
  published in the period, by grade.

No national statistical definition was found for these figures: they are local
definitions, named as such. A rate whose denominator is 0 has no value (None), never 0%.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Organization, OrganizationKind
from education.models import EducationActivity, Evaluation, ModelVillage, ResponsibilityList
from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on

LINE = "education"
SOURCE_ACTIVITY = _("Local definition (no national statistical definition found); 山东省法治宣传"
                    "教育条例 Arts. 23, 28 (以案释法, December law-education month); "
                    "reference/statutes-lines.md §F")  # fmt: skip
SOURCE_LIST = _("谁执法谁普法: every state organ issues a responsibility list (2017 opinion ❓; "
                "山东省法治宣传教育条例 Art. 10 ✅); reference/statutes-lines.md §F, Indicators (F)")  # fmt: skip
SOURCE_VILLAGE = _("Local definition; 民主法治示范村（社区） titles as named by the national, "
                   "provincial and city authorities ❓; reference/statutes-lines.md §F")  # fmt: skip

activities = Measure(EducationActivity, lambda p: Q(held_on__gte=p.start, held_on__lte=p.end))
people = activities.summing("people_reached")
materials = activities.summing("materials_distributed")
views = activities.summing("online_views")


def _agency_standing(day, path: str = "") -> Q:
    return standing_on(day, since=f"{path}established_on", until=f"{path}dissolved_on",
                       active=f"{path}is_active") & Q(**{f"{path}kind": OrganizationKind.AGENCY})  # fmt: skip


agencies_required = Measure(Organization, lambda p: _agency_standing(p.end), region="region_id")
lists_published = Measure(
    ResponsibilityList,
    lambda p: (
        Q(year=p.end.year, published=True, published_on__lte=p.end)
        & _agency_standing(p.end, "agency__")
    ),
)
SOURCE_EVALUATION = _("年度履职报告评议 under 谁执法谁普法 (local practice ◑ S11; 山东省法治宣传教育条例 "
                      "Art. 31 ✅ evaluation); reference/statutes-lines.md §F, Indicators (F)")  # fmt: skip
evaluations = Measure(
    Evaluation, lambda p: Q(published=True, published_on__gte=p.start, published_on__lte=p.end)
)
villages = Measure(
    ModelVillage,
    lambda p: (
        Q(year_named__lte=p.end.year) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=p.end))
    ),
)

ACTIVITY_COLUMNS = (("held_on", _("date held")), ("topic", _("topic")),
                    ("form", _("form of activity")), ("organizer__name", _("organiser")),
                    ("people_reached", _("people reached")))  # fmt: skip


def _by(measure: Measure) -> dict[str, Breakdown]:
    return {"form": Breakdown(measure, "form"), "audience": Breakdown(measure, "audience"),
            "organizer": Breakdown(measure, "organizer__name")}  # fmt: skip


for indicator in (
    Indicator(
        "education.activities", _("Public legal education activities"), _("events"),
        _("Public legal education activities held in the period (lectures, exhibitions, "
          "explaining the law through cases, live streams, Constitution Week and December "
          "law-education month events, …), by the day they were held."),
        SOURCE_ACTIVITY, "count", activities, breakdowns=_by(activities),
        columns=ACTIVITY_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "education.people_reached", _("People reached by public legal education"),
        _("person-times"),
        _("Sum of the people reached by the activities held in the period (person-times: a "
          "person at two events counts twice)."),
        SOURCE_ACTIVITY, "sum", people, breakdowns=_by(people), columns=ACTIVITY_COLUMNS,
        business_line=LINE,
    ),
    Indicator(
        "education.materials_distributed", _("Legal education materials distributed"),
        _("copies"),
        _("Sum of the copies of materials handed out at the activities held in the period."),
        SOURCE_ACTIVITY, "sum", materials, breakdowns={"form": Breakdown(materials, "form")},
        columns=ACTIVITY_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "education.online_views", _("Online views of legal education"), _("views"),
        _("Sum of the online views of the activities held in the period (live streams, "
          "articles, videos)."),
        SOURCE_ACTIVITY, "sum", views, breakdowns={"form": Breakdown(views, "form")},
        columns=ACTIVITY_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "education.model_villages", _("Democracy and rule-of-law model villages"),
        _("titles"),
        _("民主法治示范村（社区） titles standing on the last day of the period: named in that "
          "year or before and not revoked by then; a village named at two levels holds two "
          "titles."),
        SOURCE_VILLAGE, "count", villages, register=True,
        breakdowns={"level": Breakdown(villages, "level")},
        columns=(("region__name", _("village or community")), ("level", _("level of the title")),
                 ("year_named", _("year named")), ("revoked_on", _("revoked on"))),
        business_line=LINE,
    ),
    Indicator(
        "education.responsibility_lists_published",
        _("Agencies with a published responsibility list"), "%",
        _("Administrative agencies with a published public legal education responsibility list "
          "for the year in which the period ends (published by its last day) ÷ administrative "
          "agencies of the jurisdiction standing on that day (谁执法谁普法)."),
        SOURCE_LIST, "ratio", lists_published, agencies_required, register=True,
        columns=(("agency__name", _("agency")), ("year", _("year")),
                 ("published_on", _("published on"))),
        business_line=LINE,
    ),
    Indicator(
        "education.evaluations_published", _("Published evaluation results"), _("agencies"),
        _("Yearly evaluations of agencies' public legal education duty (履职评议) whose result "
          "was published in the period, by grade."),
        SOURCE_EVALUATION, "count", evaluations,
        breakdowns={"grade": Breakdown(evaluations, "grade")},
        columns=(("agency__name", _("agency")), ("year", _("year")), ("grade", _("grade")),
                 ("published_on", _("published on"))),
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
