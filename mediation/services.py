"""Writes in people's mediation. Each is one transaction with its audit rows; state changes go
through the case engine (`cases.engine.fire`)."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import engine
from cases.models import Channel
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from core.services import clean_case_parties, save_case_parties, typed_amount
from core.validators import length_errors
from mediation.choices import SUBTYPES_OF, DisputeSubtype, DisputeType, Side, Source
from mediation.models import Dispute, DisputeParty, Mediator
from portal.security import new_tracking_code

HANDLING_KINDS = {
    OrganizationKind.MEDIATION_COMMITTEE,
    OrganizationKind.MEDIATION_STUDIO,
    OrganizationKind.JUSTICE_OFFICE,
}


# No dispute in Fazhi predates this: a year-1 date is a typing error, not history (and it
# would number the case （1）…).
EARLIEST_RECEIPT = datetime.date(2000, 1, 1)


def clean_dispute_data(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for key in ("title", "facts", "requests", "address"):
        cleaned[key] = str(data.get(key) or "").strip()
    errors.update(length_errors(Dispute, cleaned))
    if not cleaned["title"]:
        errors["title"] = [_("The subject of the dispute is required.")]
    if not cleaned["facts"]:
        errors["facts"] = [_("Describe the dispute briefly.")]
    dtype = data.get("dispute_type") or ""
    if dtype not in DisputeType.values:
        errors["dispute_type"] = [_("Choose a dispute type.")]
    cleaned["dispute_type"] = dtype
    subtype = data.get("dispute_subtype") or ""
    if subtype and (
        subtype not in DisputeSubtype.values or subtype not in SUBTYPES_OF.get(dtype, [])
    ):
        errors["dispute_subtype"] = [_("This subtype does not belong to the dispute type.")]
    cleaned["dispute_subtype"] = subtype
    source = data.get("source") or Source.APPLICATION
    if source not in Source.values:
        errors["source"] = [_("Choose where the dispute came from.")]
    cleaned["source"] = source
    channel = data.get("channel") or Channel.WINDOW
    if channel not in Channel.values:
        errors["channel"] = [_("Choose how the dispute reached the committee.")]
    cleaned["channel"] = channel
    raw_amount = data.get("amount")
    try:
        amount = typed_amount(raw_amount)
        if amount != amount.quantize(Decimal("0.01")):
            # Not rounded silently: 1.234 yuan is a typing error, not 1.23.
            errors["amount"] = [_("The amount has at most two decimal places (fen).")]
        elif amount < 0:
            errors["amount"] = [_("The amount involved cannot be negative.")]
        elif amount >= Decimal("1e12"):
            errors["amount"] = [_("The amount involved is implausibly large.")]
        cleaned["amount"] = Decimal(amount).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errors["amount"] = [_("Enter the amount in yuan, e.g. 12000 or 12000.50.")]
    cleaned["is_mass"] = bool(data.get("is_mass"))
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [t for t in (p.strip() for p in tags.replace("，", ",").split(",")) if t]
    cleaned["tags"] = [str(t)[:20] for t in tags][:10]
    received = data.get("received_on")
    if isinstance(received, str) and received:
        try:
            received = datetime.date.fromisoformat(received)
        except ValueError:
            errors["received_on"] = [_("Enter a date as YYYY-MM-DD.")]
            received = None
    if isinstance(received, datetime.date) and received > timezone.localdate():
        errors["received_on"] = [_("The date cannot be in the future.")]
    elif isinstance(received, datetime.date) and received < EARLIEST_RECEIPT:
        errors["received_on"] = [
            _("The date cannot be before %(date)s.") % {"date": EARLIEST_RECEIPT.isoformat()}
        ]
    cleaned["received_on"] = received if isinstance(received, datetime.date) else None
    return cleaned, errors


def _clean_parties(actor, parties: list[dict], errors: dict) -> list[tuple[str, Any]]:
    """Return (side, Party or cleaned data) per entry; errors keyed parties-N-field; both an
    applicant and a respondent are named."""
    return clean_case_parties(
        actor,
        parties,
        errors,
        sides=Side.values,
        required=[
            (Side.APPLICANT, _("Name at least one applicant.")),
            (Side.RESPONDENT, _("Name at least one respondent.")),
        ],
    )


def handling_organizations(actor):
    return Organization.objects.restrict(actor, "view").filter(
        kind__in=HANDLING_KINDS, is_active=True
    )


def dispute_register(
    *,
    actor,
    organization: Organization,
    data: dict[str, Any],
    parties: list[dict[str, Any]],
    mediator_ids: list[int] | None = None,
    tracking_code: bool = False,
) -> Dispute:
    """Register a dispute (登记) with its parties: everything is validated first and written in
    one transaction, or nothing is written (People's Mediation Law Arts. 17–18)."""
    if actor is not None and not actor.can("mediation.add_dispute"):
        raise PermissionDenied(_("You may not register disputes."))
    cleaned, errors = clean_dispute_data(data)
    if organization is None or organization.kind not in HANDLING_KINDS:
        errors["organization"] = [_("Choose a mediation committee or justice office.")]
    elif (
        actor is not None and not handling_organizations(actor).filter(pk=organization.pk).exists()
    ):
        errors["organization"] = [_("That committee is outside your jurisdiction.")]
    party_rows = _clean_parties(actor, parties, errors)
    mediators = []
    if mediator_ids and organization is not None:
        mediators = list(
            Mediator.objects.filter(pk__in=mediator_ids, committee=organization, is_active=True)
        )
        if len(mediators) != len(set(mediator_ids)):
            errors["mediators"] = [_("Choose active mediators of the handling committee.")]
    InvalidInput.raise_for(errors)
    return _create(
        actor=actor,
        organization=organization,
        cleaned=cleaned,
        party_rows=party_rows,
        mediators=mediators,
        tracking_code=tracking_code,
    )


def _create(*, actor, organization, cleaned, party_rows, mediators, tracking_code) -> Dispute:
    received_on = cleaned.pop("received_on", None)
    with acting(actor), transaction.atomic():
        dispute = Dispute(
            **cleaned,
            organization=organization,
            region_code=organization.region_id,
        )
        if received_on and received_on != timezone.localdate():
            dispute.received_at = timezone.make_aware(
                datetime.datetime.combine(received_on, datetime.time(9, 0))
            )
        if tracking_code:
            dispute.tracking_code = new_tracking_code()
        engine.open_case(
            dispute,
            actor=actor,
            data={"title": dispute.title, "dispute_type": dispute.dispute_type},
            on_date=received_on,
        )
        save_case_parties(
            party_rows,
            organization=organization,
            actor=actor,
            link=functools.partial(DisputeParty.objects.create, dispute=dispute),
        )
        if mediators:
            dispute.mediators.set(mediators)
    return dispute


def screening_record(
    *, actor, organization, held_on, scope, disputes_found=0, disputes_prevented=0, notes=""
):
    """Record a round of proactive dispute screening (矛盾纠纷排查)."""
    from mediation.models import Screening

    if not actor.can("mediation.add_screening"):
        raise PermissionDenied(_("You may not record screenings."))
    errors = {}
    if not handling_organizations(actor).filter(pk=organization.pk).exists():
        errors["organization"] = [_("That organisation is outside your jurisdiction.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("The date cannot be in the future.")]
    if disputes_prevented > disputes_found:
        errors["disputes_prevented"] = [_("Cannot exceed the number of disputes found.")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], fields=errors)
    with acting(actor), transaction.atomic():
        return Screening.objects.create(
            organization=organization,
            region_code=organization.region_id,
            held_on=held_on,
            scope=scope,
            disputes_found=disputes_found,
            disputes_prevented=disputes_prevented,
            notes=notes,
            created_by=actor,
        )
