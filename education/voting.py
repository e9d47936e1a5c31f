"""The public vote of the yearly evaluation (履职评议, issue 16 item 4).

The form of the vote: a voter rates every agency under evaluation in one district (or at city
level) for one year — 满意, 基本满意 or 不满意 (choices.VoteRating) — on one ballot. Each mobile
phone casts one ballot per year and district: a second is refused, and a unique constraint on
(phone's blind index, year, district) holds the rule against a race. The phone is proven by a
one-time SMS code (the portal's: portal.security) and kept only as its keyed hash.

What is on the ballot: the evaluations of that year in that district not yet published. Once a
result is published no vote reaches it, so the published count is the count of the votes cast.
The votes an evaluation received are counted from its ratings (Evaluation.tally); the field
`public_votes` keeps only votes tallied outside the portal (imported past years).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.crypto import blind_index
from core.errors import InvalidInput
from core.models import Region
from education.choices import VoteRating
from education.models import Evaluation, PublicVote, PublicVoteRating, district_of, tallies


def rating_field(evaluation: Evaluation) -> str:
    """The name of the form field (and of the error) for the rating of `evaluation`."""
    return f"rating_{evaluation.pk}"


def ballot(year: int, district: str) -> QuerySet:
    """The evaluations of `year` in `district` open to the public vote."""
    return (
        Evaluation.objects.filter(
            year=year, region_code__startswith=district_of(district)[:6], published=False
        )
        .select_related("agency")
        .order_by("agency__name", "id")
    )


def published_results(year: int, district: str) -> list[tuple[Evaluation, dict]]:
    """The published evaluations of `year` in `district`, each with its tally (counted in one
    query for all: models.tallies)."""
    rows = Evaluation.objects.filter(
        year=year, region_code__startswith=district_of(district)[:6], published=True
    ).select_related("agency").order_by("agency__name", "id")  # fmt: skip
    return tallies(rows)


def scopes() -> list[dict]:
    """The years and districts with evaluations, newest first: whether the vote is open there
    and whether results are published."""
    from django.db.models.functions import Substr

    found: dict[tuple[int, str], dict] = {}
    # One row per year, district and state, grouped by the database (not one per evaluation).
    rows = (
        Evaluation.objects.annotate(district=Substr("region_code", 1, 6))
        .values_list("year", "district", "published")
        .order_by()
        .distinct()
    )
    for year, code, published in rows:
        entry = found.setdefault((year, district_of(code)), {"open": False, "published": False})
        entry["published" if published else "open"] = True
    names = dict(Region.objects.filter(code__in={d for _y, d in found}).values_list("code", "name"))
    return [
        {"year": year, "district": d, "code": d[:6], "name": names.get(d, d), **flags}
        for (year, d), flags in sorted(found.items(), key=lambda i: (-i[0][0], i[0][1]))
    ]


def check_ratings(evaluations, data: dict) -> dict[int, str]:
    """The rating given to each evaluation on the ballot, or InvalidInput naming each field
    left empty or wrong."""
    errors: dict[str, list[str]] = {}
    ratings = {}
    for evaluation in evaluations:
        name = rating_field(evaluation)
        value = data.get(name) or ""
        if value not in VoteRating.values:
            errors[name] = [
                _("Choose your rating of %(agency)s.") % {"agency": evaluation.agency.name}
            ]
        else:
            ratings[evaluation.pk] = value
    InvalidInput.raise_for(errors)
    return ratings


def already_voted_error(year: int, district: str) -> InvalidInput:
    name = Region.objects.filter(code=district_of(district)).values_list("name", flat=True).first()
    message = _(
        "This phone has already voted in the %(year)s evaluation of %(district)s: each phone "
        "votes once a year."
    ) % {"year": year, "district": name or district}
    return InvalidInput(message, fields={"phone": [message]})


def has_voted(phone: str, year: int, district: str) -> bool:
    return PublicVote.objects.filter(
        phone_index=blind_index(phone), year=year, region_code=district_of(district)
    ).exists()


def code_spent_error() -> InvalidInput:
    message = _("The verification code is wrong or has expired.")
    return InvalidInput(message, fields={"code": [message]})


def vote_cast(*, phone: str, year: int, district: str, data: dict,
              spend_code=None) -> PublicVote:  # fmt: skip
    """Write the ballot of `phone` (proven by its one-time code) with a rating of every
    evaluation open in `district` for `year`, all or nothing. Refused, nothing written: a
    ballot with no evaluation open, a rating missing or wrong (naming its field), a phone that
    has already voted there that year (naming the phone).

    `spend_code` (a callable answering whether the code was live and is now spent) runs only
    once the ballot passed every check, inside the transaction: a refused ballot leaves the
    code for another try, and an accepted one spends it, once (a code spent meanwhile by
    another submission refuses this one, naming the code)."""
    district = district_of(district)
    try:
        with transaction.atomic():
            # Lock the ballot's evaluations: a result published meanwhile takes no more votes.
            evaluations = list(ballot(year, district).select_for_update(of=("self",)))
            if not evaluations:
                message = _("No evaluation is open to the public vote here this year.")
                raise InvalidInput(message, fields={"__all__": [message]})
            ratings = check_ratings(evaluations, data)
            if has_voted(phone, year, district):
                raise already_voted_error(year, district)
            if spend_code is not None and not spend_code():
                raise code_spent_error()
            vote = PublicVote.objects.create(
                year=year, region_code=district, phone_index=blind_index(phone)
            )
            PublicVoteRating.objects.bulk_create(
                PublicVoteRating(vote=vote, evaluation=e, region_code=e.region_code,
                                 rating=ratings[e.pk])
                for e in evaluations
            )  # fmt: skip
    except IntegrityError:  # the same phone's other vote committed first
        raise already_voted_error(year, district) from None
    return vote
