"""Reads of enforcement decisions: the scoped lists, the conditions of the staff filters
(published late, legal review missing, full-process record missing) and the public part of a
decision shown on the portal (执法公示).

What the public sees of a decision: the body and its agency, the case number, the kind, the
power, the day, the facts, the legal basis, the result (penalty kinds, fine) and the day it was
published. A natural person is named by the surname and 某 (张某, 欧阳某), as published
decisions commonly do, and the name and any 18-character ID number are masked in the texts too;
a natural person's ID number is never shown (an organisation's unified social credit code is:
it is public). Only decisions published by today, to be published and not withdrawn are
listed."""

from __future__ import annotations

import datetime
import re

from django.db.models import Q, QuerySet

from core.models import PartyKind
from enforcement.decision_models import Decision

# Compound surnames (复姓) commonly met; any other name keeps its first character.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "端木", "南宫", "西门", "独孤", "轩辕", "闻人", "呼延", "申屠",
)  # fmt: skip
ID_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def decisions(user, action: str = "view") -> QuerySet[Decision]:
    return Decision.objects.restrict(user, action).select_related("body", "agency")


def late_q(day: datetime.date) -> Q:
    """Q on Decision: to be published, and published after its window or still unpublished
    after it (on `day`)."""
    return Q(publication_required=True) & (
        Q(published_on__isnull=False, published_on_time=False)
        | Q(published_on__isnull=True, publication_due__lt=day)
    )


def review_missing_q() -> Q:
    """Q on Decision: the legal review was mandatory (CF Art. 58) and none is recorded."""
    return Q(legal_review_required=True, legal_reviewed_on__isnull=True)


def withdrawal_late_q(day: datetime.date) -> Q:
    """Q on Decision: changed, and withdrawn after the 3 working days or not yet withdrawn
    after them (CF Art. 48)."""
    return Q(changed_on__isnull=False) & (
        Q(withdrawn_on__isnull=False, withdrawn_on_time=False)
        | Q(withdrawn_on__isnull=True, withdrawal_due__lt=day)
    )


def public_decisions(day: datetime.date) -> QuerySet[Decision]:
    """The decisions on the portal on `day`: to be published, published by then, not
    withdrawn by then."""
    return (
        Decision.objects.filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
            publication_required=True,
            published_on__lte=day,
        )
        .select_related("body", "agency", "power")
        .order_by("-published_on", "-decided_on", "-id")
    )


def public_search(day: datetime.date, *, body=None, kind: str = "", decided_from=None,
                  decided_to=None, q: str = "") -> QuerySet[Decision]:  # fmt: skip
    """The public list filtered: body, kind, decision days, and a text found in the case
    number or an organisation's name (never a natural person's)."""
    rows = public_decisions(day)
    if body is not None:
        rows = rows.filter(body=body)
    if kind:
        rows = rows.filter(kind=kind)
    if decided_from:
        rows = rows.filter(decided_on__gte=decided_from)
    if decided_to:
        rows = rows.filter(decided_on__lte=decided_to)
    q = (q or "").strip()
    if q:
        rows = rows.filter(
            Q(case_number__icontains=q)
            | Q(party_kind=PartyKind.ORGANIZATION, party_name__icontains=q)
        )
    return rows


def masked_name(name: str) -> str:
    """A natural person as published decisions name them: the surname and 某."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > 2),
                   name[0])  # fmt: skip
    return f"{surname}某"


def public_party(decision: Decision) -> str:
    return masked_name(decision.party_name) if decision.is_person else decision.party_name


def public_text(decision: Decision, text: str) -> str:
    """A text of the decision as the public reads it: a natural person's name replaced by the
    masked one, and anything shaped like an ID number starred."""
    text = text or ""
    if decision.is_person and decision.party_name.strip():
        text = text.replace(decision.party_name.strip(), public_party(decision))
    return ID_LIKE.sub(lambda m: "*" * len(m.group(0)), text)


def public_view(decision: Decision) -> dict:
    """The public part of a decision (see the module's docstring)."""
    return {
        "pk": decision.pk,
        "case_number": decision.case_number,
        "body": decision.body.name,
        "agency": decision.agency.name,
        "kind": decision.get_kind_display(),
        "power": f"{decision.power.code} {decision.power.name}" if decision.power_id else "",
        "party": public_party(decision),
        "party_kind": decision.get_party_kind_display(),
        "credit_code": "" if decision.is_person else decision.party_id_number,
        "decided_on": decision.decided_on,
        "facts": public_text(decision, decision.facts),
        "legal_basis": public_text(decision, decision.legal_basis),
        "result": public_text(decision, decision.result),
        "penalties": decision.penalty_labels(),
        "fine_amount": decision.fine_amount,
        "published_on": decision.published_on,
    }
