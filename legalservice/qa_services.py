"""Writes of the legal Q&A library (法律问答): the staff's entries and their publication, the
public's "was this helpful", a consultation asked on the portal when no answer fitted and the
staff's answer to it.

Every write checks the whole input first (InvalidInput, a message per field, nothing written)
and writes in one transaction. An entry belongs to a serving unit (justice bureau, justice
office, legal aid centre) and is written by the staff whose jurisdiction covers that unit; a
consultation is a service record (SD‑GF Arts. 13–14: the network platform) of the justice
office of the person's street — or of the nearest bureau above it — and is answered by the
staff of that street.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, Region
from core.regions import RegionLevel, ancestor_codes
from core.validators import length_errors
from legalservice.choices import MatterKind, ServiceChannel, ServiceOutcome
from legalservice.models import QaConsultation, QaEntry, QaVote, ServiceRecord

# The units that keep entries: the bureau, its justice offices, the legal aid centre.
SERVING_KINDS = (
    OrganizationKind.JUSTICE_BUREAU,
    OrganizationKind.JUSTICE_OFFICE,
    OrganizationKind.LEGAL_AID_CENTRE,
)
QUESTION_MAX = 1000


def _need(actor, perm: str, message: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.can(perm):
        raise PermissionDenied(message)


def _text(data: dict, key: str) -> str:
    return str(data.get(key) or "").strip()


def owner_choices(actor, perm: str):
    """The active serving units `actor` may keep entries for."""
    units = Organization.objects.filter(kind__in=SERVING_KINDS, is_active=True).order_by(
        "region_id", "name"
    )
    return [u for u in units if actor.can_at(perm, u.region_id)]


def _entry_fields(actor, data: dict, perm: str, entry: QaEntry | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {
        k: _text(data, k) for k in ("question", "answer", "legal_basis", "keywords")
    }
    errors.update(length_errors(QaEntry, cleaned))
    if not cleaned["question"]:
        errors["question"] = [_("Write the question as people ask it.")]
    if not cleaned["answer"]:
        errors["answer"] = [_("Write the answer.")]
    cleaned["matter_kind"] = _text(data, "matter_kind")
    if cleaned["matter_kind"] not in MatterKind.values:
        errors["matter_kind"] = [_("Choose the kind of matter.")]
    cleaned["published"] = bool(data.get("published"))
    org = data.get("organization")
    if not isinstance(org, Organization):
        try:
            org = Organization.objects.filter(pk=int(org)).first() if org else None
        except (TypeError, ValueError):
            org = None
    keep = entry.organization_id if entry is not None else None
    if org is None:
        errors["organization"] = [_("Choose the owning organisation.")]
    elif org.kind not in SERVING_KINDS or not (org.is_active or org.pk == keep):
        errors["organization"] = [
            _("Choose an active justice bureau, justice office or legal aid centre.")
        ]
    elif not actor.can_at(perm, org.region_id):
        errors["organization"] = [_("This organisation lies outside your jurisdiction.")]
    cleaned["organization"] = org
    InvalidInput.raise_for(errors)
    return cleaned


def entry_create(*, actor, data: dict[str, Any]) -> QaEntry:
    """Add a question and its answer to the library (published at once when ticked)."""
    perm = "legalservice.add_qaentry"
    _need(actor, perm, _("You may not add to the legal Q&A library."))
    cleaned = _entry_fields(actor, data, perm)
    with acting(actor), transaction.atomic():
        return QaEntry.objects.create(created_by=actor, **cleaned)


def can_change(user, entry: QaEntry) -> bool:
    return user.can_at("legalservice.change_qaentry", entry.region_code)


def entry_update(*, actor, entry: QaEntry, data: dict[str, Any]) -> QaEntry:
    perm = "legalservice.change_qaentry"
    _need(actor, perm, _("You may not change the legal Q&A library."))
    if not can_change(actor, entry):
        raise PermissionDenied(_("You may not change this entry."))
    cleaned = _entry_fields(actor, data, perm, entry)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(entry, key, value)
        entry.save()
    return entry


def entry_publish(*, actor, entry: QaEntry, published: bool) -> QaEntry:
    """Show the entry to the public, or withdraw it."""
    _need(actor, "legalservice.change_qaentry", _("You may not change the legal Q&A library."))
    if not can_change(actor, entry):
        raise PermissionDenied(_("You may not change this entry."))
    with acting(actor), transaction.atomic():
        entry.published = published
        entry.save()
    return entry


# -- was this helpful -------------------------------------------------------------------------


def vote(*, entry: QaEntry, session_key: str, helpful: bool) -> bool:
    """Count one answer of a browser session about a published entry; False (nothing written)
    when the session has already answered."""
    if not entry.published or not session_key:
        return False
    try:
        with transaction.atomic():
            QaVote.objects.create(entry=entry, session_key=session_key, helpful=helpful)
    except IntegrityError:
        return False
    return True


def tally(entry: QaEntry) -> dict[str, int]:
    yes = entry.votes.filter(helpful=True).count()
    no = entry.votes.filter(helpful=False).count()
    return {"yes": yes, "no": no, "total": yes + no}


# -- the consultation asked on the portal ------------------------------------------------------


def handling_unit(street_code: str) -> Organization | None:
    """The justice office of the street, else the nearest active justice bureau above it."""
    office = (
        Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_OFFICE, region_id=street_code, is_active=True
        )
        .order_by("name")
        .first()
    )
    if office is not None:
        return office
    bureaus = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    for code in ancestor_codes(street_code):
        bureau = bureaus.filter(region_id=code).order_by("name").first()
        if bureau is not None:
            return bureau
    return None


def check_consultation(data: dict[str, Any]) -> dict[str, Any]:
    """The consultation's fields, or InvalidInput naming each field wrong (the phone itself
    is checked, and proven by its SMS code, by the portal form)."""
    errors: dict[str, list[str]] = {}
    cleaned = {k: _text(data, k) for k in ("person_name", "question", "street")}
    cleaned["person_phone"] = _text(data, "person_phone")
    if not cleaned["person_name"]:
        errors["person_name"] = [_("Give your name.")]
    elif len(cleaned["person_name"]) > 64:
        errors["person_name"] = [_("At most 64 characters.")]
    if not cleaned["question"]:
        errors["question"] = [_("Write your question.")]
    elif len(cleaned["question"]) > QUESTION_MAX:
        errors["question"] = [_("At most %(max)d characters.") % {"max": QUESTION_MAX}]
    street = Region.objects.filter(code=cleaned["street"], level=RegionLevel.TOWNSHIP).first()
    if street is None:
        errors["street"] = [_("Choose your district and street.")]
    else:
        unit = handling_unit(street.code)
        if unit is None:
            errors["street"] = [
                _("No justice office takes online consultations for %(street)s yet; please "
                  "call the 12348 hotline.") % {"street": street.name}
            ]  # fmt: skip
        cleaned["organization"] = unit
    matter = _text(data, "matter_kind") or MatterKind.OTHER
    if matter not in MatterKind.values:
        errors["matter_kind"] = [_("Choose the kind of matter.")]
    cleaned["matter_kind"] = matter
    InvalidInput.raise_for(errors)
    return cleaned


def code_spent_error() -> InvalidInput:
    message = _("The verification code is wrong or has expired.")
    return InvalidInput(message, fields={"code": [message]})


def consultation_submit(*, data: dict[str, Any], tracking_code: str,
                        spend_code=None) -> QaConsultation:  # fmt: skip
    """Write the consultation as an online service record pending an answer, all or nothing.
    The phone is proven by its one-time code: `spend_code` (a callable answering whether the
    code was live and is now spent) runs once every check has passed, inside the transaction,
    so a refused consultation leaves the code for another try and an accepted one spends it,
    once (a code spent meanwhile by another submission refuses this one, naming the code)."""
    cleaned = check_consultation(data)
    org = cleaned["organization"]
    with transaction.atomic():
        if spend_code is not None and not spend_code():
            raise code_spent_error()
        record = ServiceRecord.objects.create(
            served_on=timezone.localdate(),
            organization=org,
            region_code=org.region_id,
            channel=ServiceChannel.ONLINE,
            matter_kind=cleaned["matter_kind"],
            person_name=cleaned["person_name"],
            person_phone=cleaned["person_phone"],
            summary=cleaned["question"],
            outcome=ServiceOutcome.PENDING,
        )
        return QaConsultation.objects.create(
            record=record,
            tracking_code=tracking_code,
            street_code=cleaned["street"],
            region_code=org.region_id,
            question=cleaned["question"],
        )


def can_answer(user, consultation: QaConsultation) -> bool:
    return user.can_at("legalservice.change_servicerecord", consultation.region_code)


def consultation_answer(*, actor, consultation: QaConsultation, answer: str) -> QaConsultation:
    """Record the staff's answer: the person reads it with the tracking code and an SMS code;
    the service record's outcome becomes answered."""
    _need(actor, "legalservice.change_servicerecord", _("You may not answer consultations."))
    if not can_answer(actor, consultation):
        raise PermissionDenied(_("You may not answer this consultation."))
    answer = (answer or "").strip()
    if not answer:
        message = _("Write the answer.")
        raise InvalidInput(message, fields={"answer": [message]})
    with acting(actor), transaction.atomic():
        consultation.answer = answer
        consultation.answered_at = timezone.now()
        consultation.answered_by = actor
        consultation.save()
        record = consultation.record
        if record.outcome == ServiceOutcome.PENDING:
            record.outcome = ServiceOutcome.ANSWERED
        record.recorded_by = record.recorded_by or actor
        record.save()
        transaction.on_commit(lambda: _notify_answered(consultation))
    return consultation


def _notify_answered(consultation: QaConsultation) -> None:
    """Tell the person by SMS that the answer can be read (never the answer itself)."""
    import logging

    from portal.sms import send_notice

    try:
        send_notice(
            consultation.record.person_phone,
            _("Your legal question %(code)s has been answered; read the answer on the portal "
              "with this tracking code.") % {"code": consultation.tracking_code},
        )  # fmt: skip
    except Exception:  # the provider's outage must not undo the answer
        logging.getLogger(__name__).exception("SMS gateway failed")
