"""Writes of public legal services: the service network (points), the services given, village
legal advisers and their monthly logs, enterprise legal check-ups.

Each write checks the whole input first and raises InvalidInput with a message per field
(nothing written), then writes in one transaction with the audit trail attributed to the actor
(core.audit.acting). Where a row lies decides who may write it (legalservice.roles): a place
outside the actor's jurisdiction is refused beside the field that names it (the region, the
village, the organisation, the service point), like any other bad input.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import referrals
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Lawyer, Organization, OrganizationKind, PractitionerStatus, Region
from core.regions import PREFIX_LENGTH, RegionLevel, level_of
from core.validators import length_errors, validate_phone
from legalservice.choices import (
    LEVEL_REGIONS,
    MatterKind,
    PointLevel,
    PointService,
    ServiceChannel,
    ServiceOutcome,
)
from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    QaConsultation,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)

# The units that run points and record services: the bureau, its justice offices, the legal
# aid centre (which also takes consultations, FLYZ Art. 23).
SERVING_KINDS = (
    OrganizationKind.JUSTICE_BUREAU,
    OrganizationKind.JUSTICE_OFFICE,
    OrganizationKind.LEGAL_AID_CENTRE,
)
# Counts a month's log may hold; beyond this a figure is a typing error, not a month's work.
MAX_MONTHLY_COUNT = 10_000


# -- helpers -----------------------------------------------------------------------------------


def _need(actor, perm: str, message: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.can(perm):
        raise PermissionDenied(message)


def _text(data: dict, key: str) -> str:
    return str(data.get(key) or "").strip()


def _date(data: dict, key: str, errors: dict, *, required: bool = False,
          message: str = "") -> datetime.date | None:  # fmt: skip
    value = data.get(key)
    if value in (None, ""):
        if required:
            errors[key] = [message or _("Give the date.")]
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors[key] = [_("Enter a valid date (YYYY-MM-DD).")]
        return None


def _not_future(day: datetime.date | None, key: str, errors: dict) -> None:
    if day is not None and key not in errors and day > timezone.localdate():
        errors[key] = [_("The date cannot be in the future.")]


def _count(data: dict, key: str, errors: dict, label: str) -> int:
    value = data.get(key)
    if value in (None, ""):
        return 0
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = -1
    if number < 0 or number > MAX_MONTHLY_COUNT:
        errors[key] = [
            _("%(field)s must be a whole number from 0 to %(max)s.")
            % {"field": label, "max": MAX_MONTHLY_COUNT}
        ]
        return 0
    return number


def _region(value) -> Region | None:
    if isinstance(value, Region):
        return value
    if value in (None, ""):
        return None
    return Region.objects.filter(code=str(value).strip()).first()


def _instance(model, value):
    if isinstance(value, model):
        return value
    if value in (None, ""):
        return None
    try:
        return model.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _serving_unit(actor, value, perm: str, key: str, errors: dict,
                  keep: int | None = None) -> Organization | None:  # fmt: skip
    """The organisation named in `value`, if it is a serving unit the actor may write for;
    `keep` (the organisation an entry already has) stays acceptable after it was
    deactivated, so that editing the entry does not force another unit on it."""
    org = _instance(Organization, value)
    if org is None:
        errors[key] = [_("Choose the organisation.")]
        return None
    if org.kind not in SERVING_KINDS or not (org.is_active or (keep and org.pk == keep)):
        errors[key] = [_("Choose an active justice bureau, justice office or legal aid centre.")]
        return None
    if not actor.can_at(perm, org.region_id):
        errors[key] = [_("This organisation lies outside your jurisdiction.")]
        return None
    return org


def _lawyer(actor, value, key: str, errors: dict, *, perm: str, practising: bool,
            keep: int | None = None) -> Lawyer | None:  # fmt: skip
    """The lawyer named in `value`, if within the actor's reach for `perm` — the counties of
    their jurisdiction (selectors.lawyer_reach, what the form offers); `keep` (the entry's own
    lawyer) stays acceptable."""
    from legalservice.selectors import lawyer_reach

    lawyer = _instance(Lawyer, value)
    if lawyer is None:
        errors[key] = [_("Choose the lawyer.")]
        return None
    if keep and lawyer.pk == keep:
        return lawyer
    if practising and lawyer.status != PractitionerStatus.PRACTISING:
        errors[key] = [_("This lawyer is not practising.")]
        return None
    reach = lawyer_reach(actor, perm)
    if reach is None or not Lawyer.objects.filter(reach, pk=lawyer.pk).exists():
        errors[key] = [_("This lawyer practises outside the district of your jurisdiction.")]
        return None
    return lawyer


def _kept_phone(data: dict, key: str, errors: dict, record: ServiceRecord | None) -> str:
    """The person's phone as submitted; the record's stored number when the form sent back
    the masked value it showed (the full number is shown only by record_phone_reveal)."""
    if record is not None and record.person_phone and _text(data, key) == record.masked_phone:
        return record.person_phone
    return _phone(data, key, errors)


def record_phone_reveal(*, actor, record: ServiceRecord, request=None) -> str:
    """The full telephone of the person served, for whom may change the record; the view is
    written to the audit trail (an ACCESS row naming the field), like core.party_reveal."""
    from core.audit import record_access

    perm = "legalservice.change_servicerecord"
    if actor is None or not actor.is_authenticated or not actor.can_at(perm, record.region_code):
        raise PermissionDenied(_("You may not see the full telephone of this person."))
    record_access(actor=actor, instance=record, field="person_phone", request=request)
    return record.person_phone


def _phone(data: dict, key: str, errors: dict) -> str:
    raw = _text(data, key)
    if not raw:
        return ""
    try:
        return validate_phone(raw)
    except ValidationError as exc:
        errors[key] = list(exc.messages)
        return raw


# -- service points (实体平台) ---------------------------------------------------------------------


def _point_fields(actor, data: dict, errors: dict, perm: str,
                  point: ServicePoint | None = None) -> dict[str, Any]:  # fmt: skip
    cleaned: dict[str, Any] = {k: _text(data, k) for k in ("name", "address", "hours", "phone")}
    errors.update(length_errors(ServicePoint, cleaned))
    if not cleaned["name"]:
        errors["name"] = [_("Give the name of the service point.")]
    if not cleaned["address"]:
        errors["address"] = [_("Give the address, so that people can find the point.")]
    level = _text(data, "level")
    if level not in PointLevel.values:
        errors["level"] = [_("Choose the level: centre, station or office.")]
    cleaned["level"] = level
    region = _region(data.get("region"))
    if region is None:
        errors["region"] = [_("Choose the region the point serves.")]
    elif not actor.can_at(perm, region.code):
        errors["region"] = [_("This region lies outside your jurisdiction.")]
        region = None
    elif level in PointLevel.values and region.level not in LEVEL_REGIONS[level]:
        errors["region"] = [{
            PointLevel.CENTRE: _("A centre serves a province, a city or a county/district."),
            PointLevel.STATION: _("A station serves a township or street."),
            PointLevel.OFFICE: _("An office serves a village or residents' committee."),
        }[level]]  # fmt: skip
        region = None
    cleaned["region"] = region
    keep = point.organization_id if point is not None else None
    org = _serving_unit(actor, data.get("organization"), perm, "organization", errors, keep)
    if org is not None and region is not None:
        if not region.code.startswith(org.jurisdiction):
            errors["organization"] = [_("The running organisation must cover the point's region.")]
    cleaned["organization"] = org
    services = data.get("services") or []
    if isinstance(services, str):
        services = [services]
    unknown = [s for s in services if s not in PointService.values]
    if unknown:
        errors["services"] = [_("Unknown services: %(list)s.") % {"list": ", ".join(unknown)}]
    elif not services:
        errors["services"] = [_("Choose at least one service the point offers.")]
    cleaned["services"] = [s for s in PointService.values if s in services]
    cleaned["is_active"] = bool(data.get("is_active", True))
    cleaned["established_on"] = _date(data, "established_on", errors)
    cleaned["closed_on"] = _date(data, "closed_on", errors)
    begun, ended = cleaned["established_on"], cleaned["closed_on"]
    if begun and ended and ended < begun:
        errors["closed_on"] = [_("It cannot close before it was established.")]
    elif ended and ended <= timezone.localdate() and cleaned["is_active"]:
        errors["is_active"] = [
            _("A point closed on %(date)s cannot stay active; untick “active”.")
            % {"date": ended.isoformat()}
        ]
    if region is not None and cleaned["name"] and "name" not in errors:
        same = ServicePoint.objects.filter(region=region, name=cleaned["name"])
        if point is not None:
            same = same.exclude(pk=point.pk)
        if same.exists():
            errors["name"] = [_("This region already has a service point of that name.")]
    return cleaned


def point_register(*, actor, data: dict[str, Any]) -> ServicePoint:
    """Enter a centre, station or office in the register of the service network (SD‑GF Arts.
    10–12: a centre at province, city or county level, a station at a township or street, an
    office at a village or residents' committee)."""
    perm = "legalservice.add_servicepoint"
    _need(actor, perm, _("You may not register service points."))
    errors: dict[str, list[str]] = {}
    cleaned = _point_fields(actor, data, errors, perm)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return ServicePoint.objects.create(**cleaned)


def point_update(*, actor, point: ServicePoint, data: dict[str, Any]) -> ServicePoint:
    """Change a point's particulars (services, hours, address), or close it."""
    perm = "legalservice.change_servicepoint"
    _need(actor, perm, _("You may not change service points."))
    if not actor.can_at(perm, point.region_id):
        raise PermissionDenied(_("You may not change this service point."))
    errors: dict[str, list[str]] = {}
    cleaned = _point_fields(actor, data, errors, perm, point)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(point, key, value)
        point.save()
    return point


# -- services given (服务记录) ---------------------------------------------------------------------


def _record_fields(actor, data: dict, errors: dict, perm: str,
                   record: ServiceRecord | None = None) -> dict[str, Any]:  # fmt: skip
    cleaned: dict[str, Any] = {k: _text(data, k) for k in ("person_name", "summary")}
    errors.update(length_errors(ServiceRecord, cleaned))
    if not cleaned["summary"]:
        errors["summary"] = [_("Summarise the question and the answer given.")]
    cleaned["served_on"] = _date(data, "served_on", errors, required=True,
                                 message=_("Give the date of the service."))  # fmt: skip
    _not_future(cleaned["served_on"], "served_on", errors)
    for key, choices, message in (
        ("channel", ServiceChannel, _("Choose the channel: centre or window, hotline 12348 or "
                                      "online.")),
        ("matter_kind", MatterKind, _("Choose the kind of matter.")),
        ("outcome", ServiceOutcome, _("Choose the outcome.")),
    ):  # fmt: skip
        value = _text(data, key)
        if value not in choices.values:
            errors[key] = [message]
        cleaned[key] = value
    cleaned["person_phone"] = _kept_phone(data, "person_phone", errors, record)
    keep = record.organization_id if record is not None else None
    org = _serving_unit(actor, data.get("organization"), perm, "organization", errors, keep)
    cleaned["organization"] = org
    point = _instance(ServicePoint, data.get("service_point"))
    if data.get("service_point") not in (None, "") and point is None:
        errors["service_point"] = [_("Choose a service point from the list.")]
    elif point is not None:
        if not actor.can_at(perm, point.region_id):
            errors["service_point"] = [_("This service point lies outside your jurisdiction.")]
            point = None
        elif org is not None and not point.region_id.startswith(org.jurisdiction):
            errors["service_point"] = [
                _("The service point must lie within the handling organisation's region.")
            ]
            point = None
    cleaned["service_point"] = point
    if point is not None:
        cleaned["region_code"] = point.region_id
    elif org is not None:
        cleaned["region_code"] = org.region_id
    return cleaned


def record_create(*, actor, data: dict[str, Any]) -> ServiceRecord:
    """Record a consultation or service given at a point, on the 12348 hotline or online
    (SD‑GF Arts. 13–14, 17), with the kind of matter and what became of it."""
    perm = "legalservice.add_servicerecord"
    _need(actor, perm, _("You may not record services."))
    errors: dict[str, list[str]] = {}
    cleaned = _record_fields(actor, data, errors, perm)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return ServiceRecord.objects.create(recorded_by=actor, **cleaned)


def _consultation_outcome_error(consultation: QaConsultation | None, old: str,
                                new: str) -> str | None:  # fmt: skip
    """Why the record form may not give a consultation's record this outcome. The person reads
    what became of their question with the tracking code (legalservice.qa_portal): "answered"
    there is the written answer, so the record becomes answered only with it (on the
    consultation's page, which also tells the person by SMS), and an answered question is not
    pending again. "Pending answer" is a consultation's state before it is handled; any other
    outcome (a referral, litigation guidance) the person is shown as it is."""
    if new == old:
        return None
    if consultation is None:
        if new == ServiceOutcome.PENDING:
            return _("Pending answer is the state of a consultation asked on the portal; choose "
                     "what became of this service.")  # fmt: skip
        return None
    if new == ServiceOutcome.ANSWERED and not consultation.is_answered:
        return _("The person reads the answer with the tracking code: write it on the "
                 "consultation's page, which marks the record answered.")  # fmt: skip
    if new == ServiceOutcome.PENDING and consultation.is_answered:
        return _("The consultation has been answered and the person can read the answer; it "
                 "cannot be pending again.")  # fmt: skip
    return None


def record_update(*, actor, record: ServiceRecord, data: dict[str, Any]) -> ServiceRecord:
    """Change a service record. A record that is a consultation asked on the portal stays in
    step with it (legalservice.qa_services): its outcome is what the person sees under the
    tracking code (see _consultation_outcome_error), and the consultation follows the record
    to another handling organisation, whose staff then list and answer it."""
    perm = "legalservice.change_servicerecord"
    _need(actor, perm, _("You may not change service records."))
    if not actor.can_at(perm, record.region_code):
        raise PermissionDenied(_("You may not change this record."))
    errors: dict[str, list[str]] = {}
    cleaned = _record_fields(actor, data, errors, perm, record)
    if record.is_referred and "outcome" not in errors and cleaned["outcome"] != record.outcome:
        errors["outcome"] = [_("This service was referred and the case is open in the other "
                               "line; its outcome stays.")]  # fmt: skip
    consultation = QaConsultation.objects.filter(record=record).first()
    if "outcome" not in errors:
        reason = _consultation_outcome_error(consultation, record.outcome, cleaned["outcome"])
        if reason:
            errors["outcome"] = [reason]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(record, key, value)
        record.save()
        if consultation is not None and consultation.region_code != record.organization.region_id:
            # Scoped like its record's handling organisation, as when it was asked.
            consultation.region_code = record.organization.region_id
            consultation.save(update_fields=["region_code"])
    return record


# -- referral (转介) ------------------------------------------------------------------------------

# The outcome a referral to each line gives the record (core.referrals target keys). A line
# that takes referrals but has no outcome here is not offered.
REFERRAL_OUTCOMES = {
    "mediation": ServiceOutcome.TO_MEDIATION,
    "legalaid": ServiceOutcome.TO_LEGAL_AID,
    "reconsideration": ServiceOutcome.TO_RECONSIDERATION,
}
# The record's own fields a referral carries over; the form shows them filled in from the
# record, and a change made there is saved on the record too.
CARRIED = ("person_name", "person_phone", "matter_kind", "summary")
# The keys of core.referrals' errors as the referral form names its fields. The handling unit
# is the one the person's street picks, so a line refusing it (a committee or centre outside
# the user's jurisdiction) is answered beside the street.
REFERRAL_FIELD_NAMES = {"matter": "matter_kind", "organization": "region_code"}


def referral_targets(user) -> list:
    """The lines `user` may refer a person to from a service record (core.referrals)."""
    return [t for t in referrals.targets_for(user) if t.key in REFERRAL_OUTCOMES]


def referral_streets(user, targets) -> Any:
    """The streets and towns (of the regions the installation serves) that `user` may refer a
    person of to at least one of `targets`: those within the reach of the target line's own
    permission to register a case (mediation.add_dispute, legalaid.add_aidcase) — what that
    line accepts from the user."""
    from django.db.models import Q

    from core.querysets import within_reach
    from portal.regions import served_streets

    streets = served_streets()
    condition = Q(pk__in=[])
    for target in targets:
        condition |= Q(pk__in=within_reach(served_streets(), user, target.permission).values("pk"))
    return streets.filter(condition)


def can_refer(user, record: ServiceRecord) -> bool:
    """Whether `user` may refer the person of `record`: the record not yet referred, the user
    allowed to change it and to register cases in at least one line."""
    return (
        not record.is_referred
        and user is not None
        and user.is_authenticated
        and user.can_at("legalservice.change_servicerecord", record.region_code)
        and bool(referral_targets(user))
    )


def default_street(record: ServiceRecord) -> str:
    """The street or town to take as the person's by default: the record's place (its service
    point's region, else its unit's) when that is a street, or the street of a village office;
    empty for a county or city centre, where the person's street must be chosen."""
    code = record.region_code or ""
    try:
        level = level_of(code)
    except ValidationError:
        return ""
    if level == RegionLevel.TOWNSHIP:
        return code
    if level == RegionLevel.VILLAGE:
        return code[: PREFIX_LENGTH[RegionLevel.TOWNSHIP]].ljust(12, "0")
    return ""


def _referral_errors(exc: InvalidInput) -> InvalidInput:
    fields: dict[str, list[str]] = {}
    for key, messages in exc.fields.items():
        fields.setdefault(REFERRAL_FIELD_NAMES.get(key, key), []).extend(messages)
    return InvalidInput(exc.message, fields=fields)


def record_refer(*, actor, record: ServiceRecord, data: dict[str, Any]):
    """Refer the person of a service record to another line (转介, SD‑GF Art. 17): open the
    case there through core.referrals with the record's person, kind of matter and summary
    carried over and what the line needs besides (the person's street, the ID number for legal
    aid, the other party for mediation); in the same transaction the record takes the outcome
    "referred to …" and the case it opened. Returns (case, opened).

    A record is referred once: a resubmitted form answers with the case the first submission
    opened (opened False) — the record is locked while it is checked — and a referral to
    another line after that is refused. Errors are InvalidInput keyed as the referral form
    names its fields (the line's `matter` on matter_kind); nothing is written then."""
    perm = "legalservice.change_servicerecord"
    _need(actor, perm, _("You may not refer the people of service records."))
    if not actor.can_at(perm, record.region_code):
        raise PermissionDenied(_("You may not refer the person of this record."))
    errors: dict[str, list[str]] = {}
    target_key = _text(data, "target")
    if target_key not in REFERRAL_OUTCOMES or referrals.get(target_key) is None:
        errors["target"] = [_("Choose where to refer the person.")]
    elif target_key not in {t.key for t in referral_targets(actor)}:
        raise PermissionDenied(
            _("You may not refer people to %(target)s.")
            % {"target": referrals.get(target_key).label}
        )
    carried = {k: _text(data, k) if k in data else getattr(record, k) for k in CARRIED}
    errors.update(length_errors(ServiceRecord, {k: carried[k] for k in ("person_name",
                                                                        "summary")}))  # fmt: skip
    if carried["person_phone"]:
        carried["person_phone"] = _kept_phone(carried, "person_phone", errors, record)
    if carried["matter_kind"] not in MatterKind.values:
        errors["matter_kind"] = [_("Choose the kind of matter.")]
    # The person's street: as given, else the record's own (default_street).
    street = _text(data, "region_code") if "region_code" in data else default_street(record)
    if street:
        region = _region(street)
        if region is None or region.level != RegionLevel.TOWNSHIP:
            errors["region_code"] = [_("Choose the street or town where the person lives.")]
        elif (
            "target" not in errors
            and not referral_streets(actor, [referrals.get(target_key)])
            .filter(pk=region.pk)
            .exists()
        ):
            errors["region_code"] = [
                _("This street or town lies outside your jurisdiction for %(target)s; a "
                  "person living there is referred by the justice office of that place.")
                % {"target": referrals.get(target_key).label}
            ]  # fmt: skip
    InvalidInput.raise_for(errors)
    source = record.service_point.name if record.service_point_id else record.organization.name
    person = {k: _text(data, f"person_{k}") for k in ("id_number", "address")}
    person.update(name=carried["person_name"], phone=carried["person_phone"], region_code=street)
    other = {k: _text(data, f"other_party_{k}") for k in ("name", "phone")}
    with acting(actor), transaction.atomic():
        locked = ServiceRecord.objects.select_for_update().get(pk=record.pk)
        if locked.is_referred:
            case = locked.referred_case
            if locked.outcome == REFERRAL_OUTCOMES[target_key] and case is not None:
                return case, False
            message = _("This service has already been referred: %(case)s.") % {
                "case": case if case is not None else "—"
            }
            raise InvalidInput(message, fields={"target": [message]})
        try:
            case = referrals.refer(
                target_key, actor=actor, person=person, matter=carried["matter_kind"],
                summary=carried["summary"], source=source,
                other_party=other if any(other.values()) else None,
            )  # fmt: skip
        except InvalidInput as exc:
            raise _referral_errors(exc) from exc
        for key, value in carried.items():
            setattr(locked, key, value)
        locked.outcome = REFERRAL_OUTCOMES[target_key]
        locked.referred_case = case
        locked.save()
    for key in (*CARRIED, "outcome", "referred_case_type_id", "referred_case_id", "updated_at"):
        setattr(record, key, getattr(locked, key))
    return case, True


# -- village legal advisers (村居法律顾问) ----------------------------------------------------------


def _adviser_fields(actor, data: dict, errors: dict, perm: str,
                    adviser: VillageAdviser | None = None) -> dict[str, Any]:  # fmt: skip
    cleaned: dict[str, Any] = {}
    village = _region(data.get("village"))
    if village is None:
        errors["village"] = [_("Choose the village or community.")]
    elif village.level != RegionLevel.VILLAGE:
        errors["village"] = [_("Choose a village or residents' committee (a 12-digit code of "
                               "the village level).")]  # fmt: skip
        village = None
    elif not actor.can_at(perm, village.code):
        errors["village"] = [_("This village lies outside your jurisdiction.")]
        village = None
    cleaned["village"] = village
    cleaned["lawyer"] = _lawyer(
        actor,
        data.get("lawyer"),
        "lawyer",
        errors,
        perm=perm,
        practising=True,
        keep=adviser.lawyer_id if adviser is not None else None,
    )
    cleaned["started_on"] = _date(data, "started_on", errors, required=True,
                                  message=_("Give the first day of the service."))  # fmt: skip
    cleaned["ended_on"] = _date(data, "ended_on", errors)
    begun, ended = cleaned["started_on"], cleaned["ended_on"]
    if begun and ended and ended <= begun:
        errors["ended_on"] = [_("The service must end after it began.")]
    if village is not None and cleaned["lawyer"] is not None and begun and "ended_on" not in errors:
        from django.db.models import Q

        overlapping = VillageAdviser.objects.filter(village=village, lawyer=cleaned["lawyer"])
        overlapping = overlapping.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=begun))
        if ended:
            overlapping = overlapping.filter(started_on__lt=ended)
        if adviser is not None:
            overlapping = overlapping.exclude(pk=adviser.pk)
        if overlapping.exists():
            errors["started_on"] = [_("This lawyer already serves this village at that time.")]
    return cleaned


def adviser_appoint(*, actor, data: dict[str, Any]) -> VillageAdviser:
    """Record a lawyer as the legal adviser of a village or community (SD‑GF Art. 19: every
    village or residents' committee gets a free legal adviser, provided by the county)."""
    perm = "legalservice.add_villageadviser"
    _need(actor, perm, _("You may not record village legal advisers."))
    errors: dict[str, list[str]] = {}
    cleaned = _adviser_fields(actor, data, errors, perm)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return VillageAdviser.objects.create(**cleaned)


def adviser_update(*, actor, adviser: VillageAdviser, data: dict[str, Any]) -> VillageAdviser:
    """Change an adviser's service, or end it (the first day without this adviser)."""
    perm = "legalservice.change_villageadviser"
    _need(actor, perm, _("You may not change village legal advisers."))
    if not actor.can_at(perm, adviser.village_id):
        raise PermissionDenied(_("You may not change this adviser."))
    errors: dict[str, list[str]] = {}
    cleaned = _adviser_fields(actor, data, errors, perm, adviser)
    if adviser.logs.exists() and "started_on" not in errors and cleaned["started_on"]:
        first = adviser.logs.order_by("month").values_list("month", flat=True).first()
        last = adviser.logs.order_by("-month").values_list("month", flat=True).first()
        if cleaned["started_on"] > _month_end(first):
            errors["started_on"] = [_("Monthly logs are recorded before that day.")]
        if cleaned["ended_on"] and "ended_on" not in errors and cleaned["ended_on"] <= last:
            errors["ended_on"] = [_("Monthly logs are recorded after that day.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(adviser, key, value)
        adviser.save()
    return adviser


def _month_end(month: datetime.date) -> datetime.date:
    import calendar

    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


LOG_COUNTS = ("visits", "consultations", "documents_reviewed", "lectures")


def adviser_log_record(*, actor, adviser: VillageAdviser, data: dict[str, Any]) -> AdviserLog:
    """Record an adviser's work in one month: visits, consultations, documents reviewed,
    lectures. One log a month; a month the adviser did not serve is refused."""
    perm = "legalservice.add_adviserlog"
    _need(actor, perm, _("You may not record advisers' logs."))
    if not actor.can_at(perm, adviser.village_id):
        raise PermissionDenied(_("You may not record this adviser's logs."))
    errors: dict[str, list[str]] = {}
    month = _date(data, "month", errors, required=True, message=_("Give the month."))
    if month is not None:
        month = month.replace(day=1)
        today = timezone.localdate()
        if month > today:
            errors["month"] = [_("The month cannot be in the future.")]
        elif _month_end(month) < adviser.started_on or (
            adviser.ended_on is not None and month >= adviser.ended_on
        ):
            errors["month"] = [_("The adviser did not serve the village in that month.")]
        elif AdviserLog.objects.filter(adviser=adviser, month=month).exists():
            errors["month"] = [_("That month is already logged for this adviser.")]
    labels = {f: str(AdviserLog._meta.get_field(f).verbose_name) for f in LOG_COUNTS}
    counts = {f: _count(data, f, errors, labels[f]) for f in LOG_COUNTS}
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return AdviserLog.objects.create(adviser=adviser, month=month, recorded_by=actor, **counts)


# -- enterprise legal check-ups (法治体检) ---------------------------------------------------------


def _checkup_fields(actor, data: dict, errors: dict, perm: str,
                    checkup: EnterpriseCheckup | None = None) -> dict[str, Any]:  # fmt: skip
    cleaned: dict[str, Any] = {k: _text(data, k) for k in ("enterprise_name", "advice")}
    errors.update(length_errors(EnterpriseCheckup, cleaned))
    if not cleaned["enterprise_name"]:
        errors["enterprise_name"] = [_("Give the name of the enterprise.")]
    if not cleaned["advice"]:
        errors["advice"] = [_("Write the advice given to the enterprise.")]
    cleaned["checked_on"] = _date(data, "checked_on", errors, required=True,
                                  message=_("Give the date of the check-up."))  # fmt: skip
    _not_future(cleaned["checked_on"], "checked_on", errors)
    label = str(EnterpriseCheckup._meta.get_field("problems_found").verbose_name)
    cleaned["problems_found"] = _count(data, "problems_found", errors, label)
    cleaned["lawyer"] = _lawyer(
        actor,
        data.get("lawyer"),
        "lawyer",
        errors,
        perm=perm,
        practising=False,
        keep=checkup.lawyer_id if checkup is not None else None,
    )
    keep = checkup.organization_id if checkup is not None else None
    org = _serving_unit(actor, data.get("organization"), perm, "organization", errors, keep)
    cleaned["organization"] = org
    if org is not None:
        cleaned["region_code"] = org.region_id
    return cleaned


def checkup_record(*, actor, data: dict[str, Any]) -> EnterpriseCheckup:
    """Record a legal check-up of an enterprise (企业法治体检): who checked, the problems found,
    the advice given (a local programme; no statute defines it)."""
    perm = "legalservice.add_enterprisecheckup"
    _need(actor, perm, _("You may not record check-ups."))
    errors: dict[str, list[str]] = {}
    cleaned = _checkup_fields(actor, data, errors, perm)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return EnterpriseCheckup.objects.create(recorded_by=actor, **cleaned)


def checkup_update(*, actor, checkup: EnterpriseCheckup,
                   data: dict[str, Any]) -> EnterpriseCheckup:  # fmt: skip
    perm = "legalservice.change_enterprisecheckup"
    _need(actor, perm, _("You may not change check-ups."))
    if not actor.can_at(perm, checkup.region_code):
        raise PermissionDenied(_("You may not change this check-up."))
    errors: dict[str, list[str]] = {}
    cleaned = _checkup_fields(actor, data, errors, perm, checkup)
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(checkup, key, value)
        checkup.save()
    return checkup
