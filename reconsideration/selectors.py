"""Reads of administrative reconsideration that pages share: the similar past decisions a
case handler consults (类案检索), within what the user may see."""

from __future__ import annotations

from reconsideration.models import ReconsiderationCase

CANDIDATES = 300  # the most recent concluded cases of the same agency or kind of act
SHOWN = 8


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in (text or "") if not ch.isspace())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similar_decisions(case: ReconsiderationCase, user, *, limit: int = SHOWN) -> list[dict]:
    """Past decided cases like `case`: the same respondent agency (2 points), the same kind of
    act (2 points), and the overlap of what was challenged and asked (the Jaccard index of the
    character pairs of the act and the requests, up to 3 points). Drawn from the most recent
    decided cases of the same agency or kind of act in the user's scope; each with its score,
    so the handler sees why it is listed."""
    from django.db.models import Q

    pool = (
        ReconsiderationCase.objects.restrict(user)
        .exclude(pk=case.pk)
        .exclude(decision_type="")
        .filter(Q(respondent_id=case.respondent_id) | Q(act_type=case.act_type))
        .select_related("respondent")
        .order_by("-concluded_on", "-id")[:CANDIDATES]
    )
    mine = _bigrams(case.act_description + case.requests)
    scored = []
    for other in pool:
        theirs = _bigrams(other.act_description + other.requests)
        overlap = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0
        score = 2 * (other.respondent_id == case.respondent_id) + 2 * (
            other.act_type == case.act_type
        ) + 3 * overlap  # fmt: skip
        scored.append((score, other))
    scored.sort(
        key=lambda item: (-item[0], -(item[1].concluded_on or case.received_at.date()).toordinal())
    )
    return [{"case": other, "score": round(score, 1)} for score, other in scored[:limit]]
