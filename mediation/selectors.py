"""Reads in people's mediation that more than one page or document needs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from mediation.models import Mediator
from mediation.process import HANDLERS


def case_mediators(dispute) -> list[str]:
    """The people's mediators (人民调解员) of a dispute, by name: the case page shows them and
    every document prints them, so the two never disagree.

    They are the mediators named on the case, and its handler (承办人) when the handler works
    in the handling committee or justice office itself: the mediator who claimed the case, or
    to whom it was assigned, conducts the mediation (People's Mediation Law Art. 19) even when
    nobody was named at registration, as with online requests and re-routed cases. The handler
    comes first, under the name in the mediator register where there is one.
    """
    named = list(dispute.mediators.all())
    names: list[str] = []
    handler = dispute.assignee if dispute.assignee_id else None
    if handler is not None:
        profile = next((m for m in named if m.user_id == handler.pk), None)
        if profile is None:
            profile = (
                Mediator.objects.filter(
                    user=handler, committee_id=dispute.organization_id, is_active=True
                )
                .order_by("pk")
                .first()
            )
        if profile is not None:
            names.append(profile.name)
        elif any(
            m.organization_id == dispute.organization_id and m.role in HANDLERS
            for m in handler.active_memberships()
        ):
            names.append(str(handler))
    for mediator in named:
        if mediator.name not in names:
            names.append(mediator.name)
    return names


@dataclass(frozen=True)
class HandOver:
    """A re-route (转交) as the user who made it saw it."""

    number: str
    handler: str
    on_date: datetime.date
    reason: str


def handed_over(user, pk) -> HandOver | None:
    """The last re-route of dispute `pk` that `user` made, once the case has left the user's
    jurisdiction with it; None while the user can still see the case, or if they never
    re-routed it.

    This is the one read of a case outside the user's jurisdiction, and it reveals only what
    the user did: the case number, and the receiving unit, date and reason recorded in the
    user's own event (not where the case may have gone since).
    """
    from django.contrib.contenttypes.models import ContentType

    from cases.models import CaseEvent
    from mediation.models import Dispute

    if user is None or not user.is_authenticated:
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if Dispute.objects.restrict(user, "view").filter(pk=pk).exists():
        return None
    event = (
        CaseEvent.objects.filter(
            case_type=ContentType.objects.get_for_model(Dispute),
            case_id=pk,
            transition="reroute",
            actor=user,
        )
        .order_by("-at", "-id")
        .first()
    )
    number = Dispute.objects.filter(pk=pk).values_list("number", flat=True).first()
    if event is None or number is None:
        return None
    data = event.data or {}
    return HandOver(
        number=number or str(pk),
        handler=str(data.get("organization") or ""),
        on_date=event.on_date,
        reason=str(data.get("reason") or ""),
    )
