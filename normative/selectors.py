"""Reads of normative documents, within what the user (or the public) may see."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from normative.models import CleanupCampaign, FilingCase, NormativeDocument
from normative.validity import in_force_q, published_q, status_q


def documents(user) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.restrict(user).select_related("organization", "issuing_body")


def filings(user) -> QuerySet[FilingCase]:
    return FilingCase.objects.restrict(user).select_related("document", "issuing_body")


def campaigns(user) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.restrict(user).select_related("organization")


def campaign_items(user, campaign_id: int):
    from normative.models import CleanupItem

    return (
        CleanupItem.objects.restrict(user)
        .filter(campaign_id=campaign_id)
        .select_related("document__issuing_body")
    )


def published(day: datetime.date) -> QuerySet[NormativeDocument]:
    """What the public sees on `day`: the documents published on or before it, whatever their
    status (an expired or repealed document is shown with its status)."""
    return (
        NormativeDocument.objects.filter(published_q(day))
        .select_related("issuing_body", "amended_by")
        .order_by("-published_on", "-id")
    )


def library_search(day: datetime.date, *, q="", body=None, status="", year=None):
    rows = published(day)
    if q:
        rows = rows.filter(
            Q(title__contains=q) | Q(unified_number__contains=q)
            | Q(document_number__contains=q) | Q(issuing_body__name__contains=q)
        )  # fmt: skip
    if body is not None:
        rows = rows.filter(issuing_body=body)
    if status:
        rows = rows.filter(status_q(status, day))
    if year:
        rows = rows.filter(unified_year=year)
    return rows


def in_force(region_prefix: str, day: datetime.date) -> QuerySet[NormativeDocument]:
    from core.regions import within

    return NormativeDocument.objects.filter(in_force_q(day), within("region_code", region_prefix))


def evaluations_due(user, day: datetime.date) -> QuerySet[NormativeDocument]:
    """Documents in force whose evaluation before expiry is due by `day` and has no report
    since (§B.8: about 6 months before expiry ◑ S13): the reminder on the worklist."""
    return (
        documents(user)
        .filter(in_force_q(day), evaluate_by__lte=day)
        .filter(evaluations__isnull=True)
        .order_by("valid_until")
    )
