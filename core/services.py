"""Writes on core data. Each is one transaction; the audit row is written inside it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from core.audit import acting, record_access
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.models import Gender, Organization, Party, PartyKind, User
from core.validators import (
    id_number_facts,
    length_errors,
    validate_credit_code,
    validate_phone,
    validate_resident_id,
)

PARTY_FIELDS = (
    "kind",
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "id_number",
    "credit_code",
    "legal_representative",
    "phone",
    "address",
)


def clean_party_data(data: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise party fields; raise InvalidInput naming every bad field."""
    errors: dict[str, list[str]] = {}
    cleaned = {key: data[key] for key in PARTY_FIELDS if key in data}
    for key in ("name", "ethnicity", "id_number", "credit_code", "phone", "address"):
        if isinstance(cleaned.get(key), str):
            cleaned[key] = cleaned[key].strip()
    for key, messages in length_errors(Party, cleaned).items():
        errors.setdefault(key, []).extend(messages)
    kind = cleaned.get("kind") or PartyKind.PERSON
    if kind not in PartyKind.values:
        errors.setdefault("kind", []).append(_("Choose a natural person or an organisation."))
    if not cleaned.get("name"):
        errors.setdefault("name", []).append(_("The name is required."))
    if cleaned.get("gender") and cleaned["gender"] not in Gender.values:
        errors.setdefault("gender", []).append(_("Choose male or female."))
    if cleaned.get("id_number"):
        try:
            cleaned["id_number"] = validate_resident_id(cleaned["id_number"])
        except ValidationError as exc:
            errors.setdefault("id_number", []).extend(exc.messages)
        else:
            facts = id_number_facts(cleaned["id_number"])
            if cleaned.get("birth_date") and cleaned["birth_date"] != facts["birth_date"]:
                errors.setdefault("birth_date", []).append(
                    _("The date of birth differs from the one in the resident ID number.")
                )
            if cleaned.get("gender") and cleaned["gender"] != facts["gender"]:
                errors.setdefault("gender", []).append(
                    _("The gender differs from the one in the resident ID number.")
                )
            cleaned["birth_date"] = facts["birth_date"]
            cleaned["gender"] = facts["gender"]
    if cleaned.get("credit_code"):
        try:
            cleaned["credit_code"] = validate_credit_code(cleaned["credit_code"])
        except ValidationError as exc:
            errors.setdefault("credit_code", []).extend(exc.messages)
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = validate_phone(cleaned["phone"])
        except ValidationError as exc:
            errors.setdefault("phone", []).extend(exc.messages)
    if kind == PartyKind.ORGANIZATION and cleaned.get("id_number"):
        errors.setdefault("id_number", []).append(
            _("An organisation is identified by its unified social credit code, not an ID number.")
        )
    InvalidInput.raise_for(errors)
    return cleaned


def typed_amount(raw) -> Decimal:
    """An amount of money as typed in yuan ("12,000.50"; empty: 0), a finite Decimal; raise
    InvalidOperation or ValueError when it is no number. Each line checks its own range and
    the fen (two decimal places) with its own messages."""
    amount = Decimal(str(raw).replace(",", "")) if raw not in (None, "") else Decimal(0)
    if not amount.is_finite():
        raise InvalidOperation
    return amount


def clean_case_parties(
    actor, parties: list[dict], errors: dict, *, sides, required, check=None
) -> list[tuple[str, Any]]:
    """The parties of a case being registered: (side, Party or cleaned data) per entry, an
    existing party (`party_id`) only from the actor's jurisdiction; errors keyed
    parties-N-field. `sides` are the line's sides; `required` pairs a side that must be named
    with the message saying so; `check(side, kind)` may refuse a party kind on a side (the
    message goes on parties-N-kind). A side with an entry counts as named even when the entry
    has errors: those errors say what is wrong, and "name at least one applicant" would be
    false."""
    result = []
    named = set()
    for index, entry in enumerate(parties or []):
        side = entry.get("side")
        if side not in sides:
            errors[f"parties-{index}-side"] = [_("Choose the party's side.")]
            continue
        named.add(side)
        if entry.get("party_id"):
            party = Party.objects.restrict(actor, "view").filter(pk=entry["party_id"]).first()
            if party is None:
                errors[f"parties-{index}-party_id"] = [
                    _("The party does not exist or is outside your jurisdiction.")
                ]
                continue
            kind = party.kind
        else:
            try:
                party = clean_party_data(entry)
            except InvalidInput as exc:
                for field, messages in exc.fields.items():
                    errors[f"parties-{index}-{field}"] = messages
                continue
            kind = party.get("kind") or PartyKind.PERSON
        problem = check(side, kind) if check is not None else None
        if problem:
            errors[f"parties-{index}-kind"] = [problem]
            continue
        result.append((side, party))
    for side, message in required:
        if side not in named:
            errors.setdefault("parties", []).append(message)
    return result


def save_case_parties(party_rows, *, organization: Organization, actor, link) -> None:
    """Write the parties of a case being registered, in its transaction: each (side, Party or
    cleaned data) of `clean_case_parties`, a new party registered under the handling
    `organization`, then linked by `link(party=, side=, position=)` (the line's case–party
    row)."""
    for position, (side, party) in enumerate(party_rows):
        if not isinstance(party, Party):
            party = Party.objects.create(
                **party,
                organization=organization,
                region_code=organization.region_id,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
        link(party=party, side=side, position=position)


def _writable_organization(actor: User, organization: Organization | None) -> Organization:
    from core.roles import ROLE_PERMISSIONS

    allowed = Organization.objects.restrict(actor, "view")
    if organization is None:
        membership = next(
            (
                m
                for m in actor.active_memberships()
                if "core.add_party" in ROLE_PERMISSIONS.get(m.role, ())
            ),
            None,
        )
        if membership is None:
            raise PermissionDenied(_("You may not register parties."))
        return membership.organization
    if not allowed.filter(pk=organization.pk).exists():
        raise PermissionDenied(_("That organisation is outside your jurisdiction."))
    return organization


@transaction.atomic
def party_create(
    *, actor: User, data: dict[str, Any], organization: Organization | None = None
) -> Party:
    """Register a party under the actor's organisation (or one in the actor's jurisdiction)."""
    if not actor.can("core.add_party"):
        raise PermissionDenied(_("You may not register parties."))
    cleaned = clean_party_data(data)
    organization = _writable_organization(actor, organization)
    party = Party(**cleaned, organization=organization, region_code=organization.region_id)
    party.created_by = actor
    with acting(actor):
        party.save()
    return party


@transaction.atomic
def party_update(
    *, actor: User, party: Party, data: dict[str, Any], expected_version: int | None = None
) -> Party:
    """Change a party. A stale `expected_version` means someone saved first: Conflict (409)."""
    if not Party.objects.restrict(actor, "change").filter(pk=party.pk).exists():
        raise PermissionDenied(_("You may not change this party."))
    merged = {key: getattr(party, key) for key in PARTY_FIELDS}
    merged.update({k: v for k, v in data.items() if k in PARTY_FIELDS})
    cleaned = clean_party_data(merged)
    version = party.version if expected_version is None else expected_version
    updated = Party.objects.filter(pk=party.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise Conflict(
            _(
                "Someone else changed this party after you opened it. Reload and apply your change again."
            )
        )
    fresh = Party.objects.select_for_update().get(pk=party.pk)
    for key, value in cleaned.items():
        setattr(fresh, key, value)
    # The row is saved through the model so that the audit log sees the before/after diff.
    with acting(actor):
        fresh.save()
    return fresh


@transaction.atomic
def party_delete(*, actor: User, party: Party) -> None:
    if not Party.objects.restrict(actor, "delete").filter(pk=party.pk).exists():
        raise PermissionDenied(_("You may not delete this party."))
    # Delete the stored row, not a possibly stale copy, so the log records its last values.
    stored = Party.objects.select_for_update().get(pk=party.pk)
    try:
        with acting(actor), transaction.atomic():
            stored.delete()
    except ProtectedError as exc:
        raise Conflict(
            _(
                "%(name)s cannot be deleted: %(count)s case record(s) name this party. A party "
                "stays as long as a case refers to it."
            )
            % {"name": stored.name, "count": len(exc.protected_objects)}
        ) from None


def party_reveal(*, actor: User, party: Party, field: str, request=None) -> str:
    """Return the full value of an encrypted field and log who saw it (audit ACCESS row)."""
    if field not in ("id_number", "phone"):
        raise InvalidInput(_("Only the ID number and the phone can be revealed."))
    if not Party.objects.restrict(actor, "reveal").filter(pk=party.pk).exists():
        raise PermissionDenied(_("You may not see full personal data of this party."))
    record_access(actor=actor, instance=party, field=field, request=request)
    return getattr(party, field)
