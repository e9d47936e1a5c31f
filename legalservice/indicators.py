"""Public legal service indicators (reference/statutes-lines.md §F; GLOSSARY: legalservice.*).

Periods: services and referrals count by the day of the service, check-ups by the day of the
visit, advisers' services by the month logged (a month counts in a period that holds its first
day). The service network and the village adviser coverage are registers: what stood on the
period's last day (points established by then and not closed; advisers serving that day).

Coverage (村居法律顾问覆盖率, §F): villages and residents' committees with an adviser serving ÷
villages and residents' committees, both counted among the regions of the village level in the
jurisdiction (core.Region, level 5). A village with two advisers counts once. Computed for any
jurisdiction and for each street below it, the ratio recomputed from summed parts.

Helpful rate of the legal Q&A library (legalservice.qa_helpful_rate; no GLOSSARY term, a local
definition under SD‑GF Art. 37's evaluation of services): the answers to "was this helpful?"
(legalservice.QaVote, one per browser session and entry) given in the period that said
helpful ÷ all answers given in the period, by the day of the answer, in the region of the
entry's owning organisation. By owning organisation; its drill-down lists the helpful answers
(the numerator).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Region
from core.regions import RegionLevel
from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on
from legalservice.choices import REFERRALS
from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    QaVote,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)

LINE = "legalservice"
LOCAL = _("Local definition (no national statistical definition found)")
GF_NETWORK = _("Shandong Regulation on Public Legal Services (SD‑GF), Arts. 10–12")
GF_SERVICES = _("Shandong Regulation on Public Legal Services (SD‑GF), Arts. 13, 14 and 17")
GF_ADVISERS = _("Shandong Regulation on Public Legal Services (SD‑GF), Art. 19")
GF_EVALUATION = _("Shandong Regulation on Public Legal Services (SD‑GF), Art. 37 (evaluation "
                  "of services); local definition")  # fmt: skip

points = Measure(
    ServicePoint,
    lambda p: standing_on(p.end, since="established_on", until="closed_on", active="is_active"),
    region="region_id",
)
services = Measure(ServiceRecord, lambda p: Q(served_on__gte=p.start, served_on__lte=p.end))
referrals = services.filter(outcome__in=REFERRALS)
adviser_services = Measure(
    AdviserLog, lambda p: Q(month__gte=p.start, month__lte=p.end), summed="services"
)
checkups = Measure(EnterpriseCheckup, lambda p: Q(checked_on__gte=p.start, checked_on__lte=p.end))
qa_votes = Measure(QaVote, lambda p: Q(created_at__gte=p.start_at, created_at__lt=p.end_before))
qa_helpful = qa_votes.filter(helpful=True)


def _served(p) -> Q:
    """Villages with an adviser serving on the period's last day."""
    serving = VillageAdviser.objects.filter(
        standing_on(p.end, since="started_on", until="ended_on"), village=OuterRef("code")
    )
    return Q(level=RegionLevel.VILLAGE) & Q(Exists(serving))


villages = Measure(Region, lambda p: Q(level=RegionLevel.VILLAGE), region="code")
covered = Measure(Region, _served, region="code")

POINT_COLUMNS = (
    ("name", _("name")), ("level", _("level")), ("region__name", _("region")),
    ("organization__name", _("running organisation")), ("established_on", _("established on")),
    ("closed_on", _("closed on")),
)  # fmt: skip
RECORD_COLUMNS = (
    ("served_on", _("date")), ("organization__name", _("handling organisation")),
    ("service_point__name", _("service point")), ("channel", _("channel")),
    ("matter_kind", _("kind of matter")), ("outcome", _("outcome")),
)  # fmt: skip
VILLAGE_COLUMNS = (("code", _("region code")), ("name", _("village or community")))
LOG_COLUMNS = (
    ("month", _("month")), ("adviser__village__name", _("village or community")),
    ("adviser__lawyer__name", _("lawyer")), ("visits", _("visits to the village")),
    ("consultations", _("consultations")), ("documents_reviewed", _("documents reviewed")),
    ("lectures", _("lectures on the law")), ("services", _("services in all")),
)  # fmt: skip
CHECKUP_COLUMNS = (
    ("checked_on", _("date")), ("enterprise_name", _("enterprise")),
    ("lawyer__name", _("lawyer")), ("organization__name", _("organising unit")),
    ("problems_found", _("problems found")),
)  # fmt: skip

VOTE_COLUMNS = (
    ("created_at", _("rated at")), ("entry__question", _("question")),
    ("entry__organization__name", _("owning organisation")),
)  # fmt: skip


def _record_breakdowns(measure: Measure) -> dict:
    return {
        "channel": Breakdown(measure, "channel"),
        "matter_kind": Breakdown(measure, "matter_kind"),
        "outcome": Breakdown(measure, "outcome"),
    }


for indicator in (
    Indicator(
        "legalservice.service_points", _("Public legal service points"), pgettext_lazy("unit of service points", "points"),
        _("Centres, stations and offices of the public legal service network standing on the "
          "last day of the period: established by then (or before records were kept) and not "
          "closed."), GF_NETWORK,
        "count", points, register=True, columns=POINT_COLUMNS,
        breakdowns={"level": Breakdown(points, "level")}, business_line=LINE,
    ),
    Indicator(
        "legalservice.services", _("Public legal services provided"), _("times"),
        _("Consultations and services recorded in the period at service points, on the 12348 "
          "hotline and online (by the day of the service)."), GF_SERVICES,
        "count", services, columns=RECORD_COLUMNS, breakdowns=_record_breakdowns(services),
        business_line=LINE,
    ),
    Indicator(
        "legalservice.referrals", _("Services referred to another line"), _("times"),
        _("Services of the period whose outcome was a referral to people's mediation, legal aid "
          "or administrative reconsideration (litigation guidance is not counted)."), LOCAL,
        "count", referrals, columns=RECORD_COLUMNS,
        breakdowns={"outcome": Breakdown(referrals, "outcome"),
                    "channel": Breakdown(referrals, "channel")},
        business_line=LINE,
    ),
    Indicator(
        "legalservice.village_adviser_coverage", _("Village legal adviser coverage"), "%",
        _("Villages and residents' committees with a legal adviser serving on the last day of "
          "the period ÷ villages and residents' committees (regions of the village level)."),
        GF_ADVISERS, "ratio", covered, villages, register=True, columns=VILLAGE_COLUMNS,
        business_line=LINE,
    ),
    Indicator(
        "legalservice.village_adviser_services", _("Village legal adviser services"),
        _("times"),
        _("Visits, consultations, documents reviewed and lectures of village legal advisers, "
          "summed over the monthly logs of the period."), GF_ADVISERS,
        "sum", adviser_services, columns=LOG_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "legalservice.enterprise_checkups", _("Enterprise legal check-ups"), _("enterprises"),
        _("Legal check-ups of enterprises held in the period (by the day of the visit)."), LOCAL,
        "count", checkups, columns=CHECKUP_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "legalservice.qa_helpful_rate", _("Q&A answers found helpful"), "%",
        _("Answers to “was this helpful?” in the public legal Q&A library given in the period "
          "(by the day of the answer) that said helpful ÷ all such answers given in the "
          "period."), GF_EVALUATION,
        "ratio", qa_helpful, qa_votes, columns=VOTE_COLUMNS,
        breakdowns={"organization": Breakdown(qa_helpful, "entry__organization__name",
                                              qa_votes)},
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
