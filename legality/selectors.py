"""Reads of legality review that pages share, within what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from legality.choices import MaterialCategory, ReviewKind
from legality.models import Counsel, LegalityReview, Material


def reviews(user) -> QuerySet[LegalityReview]:
    return LegalityReview.objects.restrict(user).select_related("organization", "department")


def contracts(user) -> QuerySet[LegalityReview]:
    """The register of government contracts: reviews of kind contract, by department."""
    return reviews(user).filter(kind=ReviewKind.CONTRACT).order_by("department__name",
                                                                   "-received_at")  # fmt: skip


def materials_by_category(review: LegalityReview) -> list[dict]:
    """The materials of a submission grouped by category, in the categories' order."""
    rows = list(Material.objects.filter(review=review).select_related("attachment"))
    out = []
    for value, label in MaterialCategory.choices:
        files = [m.attachment for m in rows if m.category == value]
        if files:
            out.append({"category": value, "label": label, "files": files})
    return out


def counsel(user) -> QuerySet[Counsel]:
    return Counsel.objects.restrict(user).select_related("organization")
