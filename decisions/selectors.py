"""Reads of major administrative decisions: within what a user may see (staff pages), and what
the public may see (the portal): published catalogues, drafts in their comment period, the
published handling of comments and published decisions — nothing else."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from decisions.choices import Step
from decisions.models import Catalogue, Comment, Evidence, MajorDecision
from decisions.process import S
from portal.regions import within_served


def decisions(user) -> QuerySet[MajorDecision]:
    return MajorDecision.objects.restrict(user).select_related(
        "organization", "decision_maker", "lead_unit"
    )


def catalogues(user) -> QuerySet[Catalogue]:
    return Catalogue.objects.restrict(user).select_related("decision_maker")


def evidence_by_step(decision: MajorDecision) -> list[dict]:
    """The evidence by step: the current round's first, then each earlier round's (kept on
    the record after a major adjustment, DEC Art. 37, but proving nothing for the new round;
    `earlier` is then True)."""
    rows = list(Evidence.objects.filter(decision=decision).select_related("attachment"))
    out = []
    for number in sorted({e.round for e in rows} | {decision.round}, reverse=True):
        for value, label in Step.choices:
            files = [e.attachment for e in rows if e.step == value and e.round == number]
            if files:
                out.append({"step": value, "label": label, "files": files, "round": number,
                            "earlier": number != decision.round})  # fmt: skip
    return out


# -- the public -----------------------------------------------------------------------------


def catalogue_items():
    """A catalogue's items as its page lists them, with what each row prints (one query for
    every catalogue on the page)."""
    from django.db.models import Prefetch

    from decisions.models import CatalogueItem

    return Prefetch(
        "items", CatalogueItem.objects.select_related("lead_unit", "added_by", "removed_by")
    )


def public_catalogues() -> QuerySet[Catalogue]:
    return within_served(
        Catalogue.objects.filter(published_on__isnull=False), "region_code"
    ).select_related("decision_maker")


def in_comment(day: datetime.date | None = None) -> QuerySet[MajorDecision]:
    """Drafts open for comment on `day` (default today)."""
    day = day or timezone.localdate()
    rows = MajorDecision.objects.filter(
        state=S.STARTED,
        participation_exempt=False,
        comment_opens_on__lte=day,
        comment_closes_on__gte=day,
    )
    return within_served(rows, "region_code").select_related("decision_maker")


def public_decisions(day: datetime.date | None = None) -> QuerySet[MajorDecision]:
    """What the public may open: a draft in its comment period, a draft whose handling of the
    comments is published, a published decision."""
    day = day or timezone.localdate()
    visible = (
        Q(state=S.STARTED, participation_exempt=False, comment_opens_on__lte=day,
          comment_closes_on__gte=day)
        | Q(participation_exempt=False, answers_published_on__isnull=False)
        | Q(published_on__isnull=False)
    )  # fmt: skip
    return within_served(MajorDecision.objects.filter(visible), "region_code").select_related(
        "decision_maker"
    )


def consulted() -> QuerySet[MajorDecision]:
    """Drafts ever published for comment (a comment may be posted on them, and is refused with
    the reason once the period is over), and what the public may open."""
    rows = MajorDecision.objects.filter(
        Q(participation_exempt=False, comment_opens_on__isnull=False)
        | Q(published_on__isnull=False)
    )
    return within_served(rows, "region_code").select_related("decision_maker")


def published_answers(decision: MajorDecision) -> QuerySet[Comment]:
    """The comments of the current round with their answers, once their handling is published
    (never the phone or the name)."""
    if decision.answers_published_on is None:
        return Comment.objects.none()
    return Comment.objects.filter(decision=decision, round=decision.round).only(
        "number", "body", "answer", "reasons", "received_on", "decision_id"
    )
