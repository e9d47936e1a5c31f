"""Referrals (转介): a consultation taken in one line opens the case in another — people's
mediation, legal aid — with the person's data carried over, without re-typing.

Each line that takes referrals registers a `Target` from its AppConfig (mediation.referral,
legalaid.referral); the line that refers (public legal services) calls `refer()` and never
imports the target line. The target's `open` registers the case through the line's own intake
service, so the case gets the same checks, numbering, clocks and audit rows as one taken in at
the line's own window, and counts once in the line's figures (by the day received).

The person (`person`) is a dict: name, phone, region_code (the 12-digit code of the person's
street or town, which picks the handling unit when none is given), and optionally id_number
and address. What a line needs beyond that (a mediation names the other party) comes as
`other_party` ({name, phone?}); line-specific values may come in `details` (e.g. a mediation's
dispute_type, a legal aid application's category), each line documenting the keys it reads.

Errors: every shortfall is an InvalidInput whose fields are keyed as the public legal service
record names them — person_name, person_phone, person_id_number, person_address, region_code,
other_party_name, other_party_phone, matter, summary, organization — and whose messages name
the field in words. Nothing is written when any check fails (one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from core.errors import InvalidInput, PermissionDenied

PERSON_FIELDS = ("name", "phone", "id_number", "address", "region_code")
OTHER_PARTY_FIELDS = ("name", "phone")

# The words that name each field in a message ("联系电话：……").
FIELD_LABELS = {
    "person_name": pgettext_lazy("referral field", "name of the person"),
    "person_phone": pgettext_lazy("referral field", "telephone of the person"),
    "person_id_number": pgettext_lazy("referral field", "resident ID number of the person"),
    "person_address": pgettext_lazy("referral field", "address of the person"),
    "region_code": pgettext_lazy("referral field", "street or town of the person"),
    "other_party_name": pgettext_lazy("referral field", "name of the other party"),
    "other_party_phone": pgettext_lazy("referral field", "telephone of the other party"),
    "matter": pgettext_lazy("referral field", "kind of matter"),
    "summary": pgettext_lazy("referral field", "summary of the matter"),
    "organization": pgettext_lazy("referral field", "handling unit"),
}


@dataclass(frozen=True)
class Target:
    """A line that takes referrals.

    open(*, actor, organization, person, matter, summary, source, other_party, details)
    registers the case through the line's intake service and returns it (a cases.Case row);
    `organization` None lets the line choose the handling unit from the person's region.
    `requires`: the keys (as in FIELD_LABELS) that must not be empty before the line is even
    asked, each a short check with a message naming the field."""

    key: str
    label: str
    permission: str
    open: Callable[..., Any]
    requires: tuple[str, ...] = ("person_name", "person_phone")
    order: int = 50


_TARGETS: dict[str, Target] = {}


def register(target: Target) -> None:
    """Register a line's target (from its AppConfig.ready()); a second registration of the
    same key replaces the first (ready() may run twice in tests)."""
    _TARGETS[target.key] = target


def targets() -> list[Target]:
    return sorted(_TARGETS.values(), key=lambda t: (t.order, t.key))


def targets_for(user) -> list[Target]:
    """The targets `user` may refer to: those whose permission (the line's own permission to
    register a case) the user holds."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return [t for t in targets() if user.is_superuser or user.can(t.permission)]


def get(key: str) -> Target | None:
    return _TARGETS.get(key)


def field_message(field: str, message: str) -> str:
    """`message` of a line's service, prefixed with the words that name the field."""
    label = FIELD_LABELS.get(field)
    if label is None:
        return str(message)
    return pgettext("referral error", "%(field)s: %(message)s") % {
        "field": label,
        "message": message,
    }


def recast(exc: InvalidInput, *, parties: Mapping[int, str], rename: Mapping[str, str]):
    """The line's InvalidInput with its keys as a referral names them: `parties` maps a
    party's position in the service's list to its prefix ("person", "other_party"), `rename`
    maps the service's other keys (facts → summary); each message names its field."""
    fields: dict[str, list[str]] = {}
    for key, messages in exc.fields.items():
        target_key = rename.get(key, key)
        head, _sep, tail = key.partition("-")
        if head == "parties" and tail:
            index, _sep, party_field = tail.partition("-")
            prefix = parties.get(int(index)) if index.isdigit() else None
            if prefix and party_field:
                target_key = f"{prefix}_{party_field}"
        fields.setdefault(target_key, []).extend(
            field_message(target_key, str(m)) for m in messages
        )
    first = next(iter(fields.values()))[0] if fields else exc.message
    return InvalidInput(first, fields=fields)


def _clean_dict(value, allowed) -> dict[str, str]:
    value = value or {}
    return {key: str(value.get(key) or "").strip() for key in allowed}


def _required_message(field: str, target: Target) -> str:
    return _("A referral to %(target)s needs the %(field)s.") % {
        "target": target.label,
        "field": FIELD_LABELS[field],
    }


def refer(
    target_key: str,
    *,
    actor,
    organization=None,
    person: Mapping[str, Any],
    matter: str,
    summary: str,
    source: str,
    other_party: Mapping[str, Any] | None = None,
    details: Mapping[str, Any] | None = None,
):
    """Refer a person to another line (转介): open the case there through the line's own
    intake, with `person` as the applicant; return the case. `source` names who referred
    (e.g. the service point), written on the case. Raises PermissionDenied when `actor` may
    not register cases in that line, InvalidInput (fields as in the module docstring) when
    the data fall short of what the line requires; nothing is written then."""
    target = _TARGETS.get(target_key)
    if target is None:
        message = _("Choose where to refer the person.")
        raise InvalidInput(message, fields={"target": [message]})
    if (
        actor is None
        or not getattr(actor, "is_authenticated", False)
        or not (actor.is_superuser or actor.can(target.permission))
    ):
        raise PermissionDenied(
            _("You may not refer people to %(target)s.") % {"target": target.label}
        )
    person = _clean_dict(person, PERSON_FIELDS)
    other = _clean_dict(other_party, OTHER_PARTY_FIELDS) if other_party else None
    values = {f"person_{k}": v for k, v in person.items() if k != "region_code"}
    values["region_code"] = person["region_code"]
    values.update({f"other_party_{k}": v for k, v in (other or {}).items()})
    values["matter"] = str(matter or "").strip()
    values["summary"] = str(summary or "").strip()
    errors = {
        field: [_required_message(field, target)]
        for field in target.requires
        if not values.get(field)
    }
    InvalidInput.raise_for(errors)
    with transaction.atomic():
        return target.open(
            actor=actor,
            organization=organization,
            person=person,
            matter=values["matter"],
            summary=values["summary"],
            source=str(source or "").strip(),
            other_party=other,
            details=dict(details or {}),
        )


def case_facts(summary: str, source: str) -> str:
    """The facts a line writes on the referred case: the summary of the consultation, and who
    referred the person."""
    if not source:
        return summary
    return "\n".join([summary, _("Referred by %(source)s.") % {"source": source}])
