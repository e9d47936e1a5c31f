"""Reads of the case-file review (案卷评查, reference/statutes-lines.md §C.8): the campaign's
results per agency (mean score, grades, ranking), its worst files, the rectifications awaiting
an answer and those overdue on a given day, and the check that a stored sample is the one its
seed draws (SD-JD Art. 14, 28)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from enforcement.review_models import (
    Grade,
    Rectification,
    RectificationVerdict,
    ReviewCampaign,
    ReviewedFile,
)
from enforcement.review_services import draw_sample


def campaigns_for(user):
    return ReviewCampaign.objects.restrict(user).select_related("organization")


def files_for(user, campaign: ReviewCampaign):
    """The campaign's files the user may see (an agency's handlers: their own), in draw order."""
    return (ReviewedFile.objects.restrict(user).filter(campaign=campaign)
            .select_related("decision", "body", "agency", "reviewer"))  # fmt: skip


def sample_matches(campaign: ReviewCampaign) -> bool:
    """Whether the stored sample is exactly what draw_sample draws again from the stored seed
    (the same decisions in the same order) — an auditor's re-run."""
    stored = list(campaign.files.order_by("position").values_list("decision_id", flat=True))
    return stored == draw_sample(seed=campaign.seed, region_code=campaign.region_code,
                                 year=campaign.year, size=campaign.sample_size)  # fmt: skip


@dataclass
class AgencyResult:
    agency_id: int
    agency: str
    files: int  # drawn
    scored: int
    mean: Decimal | None  # mean total of the scored files, 2 decimals, half up
    excellent: int
    passed: int  # 合格 (not counting 优秀)
    failed: int
    vetoed: int
    rank: int | None = None


def agency_results(campaign: ReviewCampaign, files=None) -> list[AgencyResult]:
    """Per agency: files drawn and scored, the mean total (sum of totals ÷ scored files, a
    vetoed file counting with its points), the grades; ranked by mean, highest first (agencies
    with the same mean share a rank, 1, 1, 3; an agency without a scored file has no rank and
    comes last)."""
    files = campaign.files.all() if files is None else files
    results: dict[int, AgencyResult] = {}
    sums: dict[int, int] = {}
    for f in files.select_related("agency").order_by("agency_id", "position"):
        r = results.get(f.agency_id)
        if r is None:
            r = results[f.agency_id] = AgencyResult(f.agency_id, f.agency.name, 0, 0, None,
                                                    0, 0, 0, 0)  # fmt: skip
            sums[f.agency_id] = 0
        r.files += 1
        if f.total is None:
            continue
        r.scored += 1
        sums[f.agency_id] += f.total
        r.excellent += f.grade == Grade.EXCELLENT
        r.passed += f.grade == Grade.PASS
        r.failed += f.grade == Grade.FAIL
        r.vetoed += f.vetoed
    for agency_id, r in results.items():
        if r.scored:
            r.mean = (Decimal(sums[agency_id]) / r.scored).quantize(Decimal("0.01"), ROUND_HALF_UP)
    ranked = sorted(results.values(), key=lambda r: (r.mean is None, -(r.mean or 0), r.agency))
    previous, rank = None, 0
    for i, r in enumerate(ranked, 1):
        if r.mean is None:
            continue
        if r.mean != previous:
            rank, previous = i, r.mean
        r.rank = rank
    return ranked


def worst_files(campaign: ReviewCampaign, limit: int = 10, files=None):
    """The worst scored files: vetoed first, then by total ascending (then draw order)."""
    files = campaign.files.all() if files is None else files
    return list(files.filter(total__isnull=False).select_related("decision", "body", "agency")
                .order_by("-vetoed", "total", "position")[:limit])  # fmt: skip


def awaiting(queryset=None):
    """Rectifications awaiting the agency's answer (none yet, or sent back)."""
    qs = Rectification.objects.all() if queryset is None else queryset
    return qs.filter(Q(answered_on__isnull=True) | Q(verdict=RectificationVerdict.SENT_BACK))


def overdue_on(day: datetime.date, queryset=None):
    """Rectifications overdue on `day`: awaiting an answer and past the deadline (the same rule
    as Rectification.is_overdue_on)."""
    return awaiting(queryset).filter(deadline__lt=day)
