"""Writes of the enforcement registers: bodies and their power lists, transfers of powers
(综合执法改革), officers and their training, exam sittings, sign-ups and results, certificates
and what happens to them (suspension, lifting, cancellation, revocation, annual review).

Each write checks the whole input first and raises InvalidInput with a Chinese message per
field (nothing written), then writes in one transaction with the audit trail attributed to the
actor (core.audit.acting). Who may write what is the access matrix (enforcement.roles): an
agency's handlers their own agency's bodies, powers, officers, trainings and sign-ups; the
bureau's section staff everything in their jurisdiction, and alone the transfers, sittings,
results and certificates.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.crypto import blind_index
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, Region
from core.regions import jurisdiction_prefix
from core.validators import length_errors, validate_resident_id
from enforcement.choices import BodyKind, CertificateStatus, PowerKind
from enforcement.models import (
    AnnualReview,
    Certificate,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
    PowerTransfer,
    Suspension,
    Training,
)
from enforcement.selectors import may_handle, training_hours  # may_handle: for slice 2
from enforcement.validity import body_stands_on, certificate_status_on

ONE_DAY = datetime.timedelta(days=1)


# -- helpers -----------------------------------------------------------------------------------


def may(actor, perm: str, *, region_code: str, agency_id: int | None = None) -> bool:
    """Whether `actor` holds `perm` over a row of the region `region_code` belonging to the
    agency `agency_id`: a region-scoped role over its jurisdiction, an agency handler over its
    own agency's rows (the same rule as the lists' scoping: core.querysets.may_at)."""
    from core.querysets import may_at

    return may_at(actor, perm, region_code=region_code, organization_id=agency_id)


def _require(actor, perm: str, *, region_code: str, agency_id: int | None, message: str):
    if not may(actor, perm, region_code=region_code, agency_id=agency_id):
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


def _decimal(data: dict, key: str, errors: dict, *, low: Decimal, high: Decimal,
             message: str) -> Decimal | None:  # fmt: skip
    value = data.get(key)
    if value in (None, ""):
        errors[key] = [message]
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[key] = [message]
        return None
    if not number.is_finite() or number < low or number > high:
        errors[key] = [message]
        return None
    if number != number.quantize(Decimal("0.1")):
        errors[key] = [_("At most one decimal place.")]
        return None
    return number


# -- enforcement bodies (执法主体) ----------------------------------------------------------------


def _body_fields(data: dict, errors: dict, *, agency: Organization | None) -> dict[str, Any]:
    cleaned = {k: _text(data, k) for k in ("name", "legal_basis")}
    errors.update(length_errors(EnforcementBody, cleaned))
    if not cleaned["name"]:
        errors["name"] = [_("Give the name of the enforcement body.")]
    if not cleaned["legal_basis"]:
        errors["legal_basis"] = [_("Give the legal basis of the body (the law, regulation or "
                                   "decision that gives it its powers).")]  # fmt: skip
    kind = data.get("kind") or ""
    if kind not in BodyKind.values:
        errors["kind"] = [_("Choose the kind: administrative agency, authorised organisation or "
                            "entrusted organisation.")]  # fmt: skip
    cleaned["kind"] = kind
    cleaned["established_on"] = _date(data, "established_on", errors)
    cleaned["abolished_on"] = _date(data, "abolished_on", errors)
    if (cleaned["established_on"] and cleaned["abolished_on"]
            and cleaned["abolished_on"] <= cleaned["established_on"]):  # fmt: skip
        errors["abolished_on"] = [_("It cannot be abolished before it was established.")]
    return cleaned


def body_register(*, actor, agency: Organization | None, data: dict[str, Any]) -> EnforcementBody:
    """Enter an enforcement body (执法主体) of an agency in the register: name, kind (CF Arts.
    17–20 ◑), legal basis, jurisdiction (the agency's region or one below it)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(agency, Organization) or agency.kind != OrganizationKind.AGENCY:
        errors["agency"] = [_("Choose the administrative agency the body belongs to.")]
        agency = None
    cleaned = _body_fields(data, errors, agency=agency)
    region = data.get("region") or (agency.region if agency else None)
    if isinstance(region, str):
        region = Region.objects.filter(code=region).first()
    if agency is not None:
        if region is None or not region.code.startswith(jurisdiction_prefix(agency.region_id)):
            errors["region"] = [_("The jurisdiction must be the agency's region or a region "
                                  "within it.")]  # fmt: skip
        elif EnforcementBody.objects.filter(agency=agency, name=cleaned["name"]).exists():
            errors["name"] = [_("This agency already has an enforcement body of that name.")]
    InvalidInput.raise_for(errors)
    _require(actor, "enforcement.add_enforcementbody", region_code=region.code,
             agency_id=agency.pk, message=_("You may not register bodies of this agency."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return EnforcementBody.objects.create(agency=agency, region_code=region.code, **cleaned)


def body_update(*, actor, body: EnforcementBody, data: dict[str, Any]) -> EnforcementBody:
    """Change a body's particulars; an abolition day is refused while a power of the body is
    still in force on or after it (transfer or end it first)."""
    _require(actor, "enforcement.change_enforcementbody", region_code=body.region_code,
             agency_id=body.agency_id, message=_("You may not change this body."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    cleaned = _body_fields(data, errors, agency=body.agency)
    if (cleaned["name"] and "name" not in errors and EnforcementBody.objects.filter(
            agency_id=body.agency_id, name=cleaned["name"]).exclude(pk=body.pk).exists()):  # fmt: skip
        errors["name"] = [_("This agency already has an enforcement body of that name.")]
    abolished = cleaned["abolished_on"]
    if abolished and "abolished_on" not in errors:
        from django.db.models import Q

        alive = body.powers.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=abolished))
        if alive.exists():
            errors["abolished_on"] = [
                _("%(n)s powers of the body are still in force on %(day)s: transfer or end them "
                  "first.") % {"n": alive.count(), "day": abolished.isoformat()}
            ]  # fmt: skip
    established = cleaned["established_on"]
    if established and "established_on" not in errors:
        earlier = body.powers.filter(valid_from__lt=established)
        if earlier.exists():
            errors["established_on"] = [_("A power of the body is in force before that day.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for key, value in cleaned.items():
            setattr(body, key, value)
        body.save()
    return body


# -- the power list (权责清单) -------------------------------------------------------------------


def _overlapping(body, code: str, start: datetime.date, end: datetime.date | None):
    from django.db.models import Q

    rows = Power.objects.filter(body=body, code=code).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=start)
    )
    if end is not None:
        rows = rows.filter(valid_from__lte=end)
    return rows


def power_add(*, actor, body: EnforcementBody, data: dict[str, Any]) -> Power:
    """Add a power to a body's list (权责清单 ◑): code, name, kind, legal basis and validity.
    The same code is held by a body once at a time; a power lies within the body's life."""
    _require(actor, "enforcement.add_power", region_code=body.region_code,
             agency_id=body.agency_id, message=_("You may not change this body's powers."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    cleaned = {k: _text(data, k) for k in ("code", "name", "legal_basis")}
    errors.update(length_errors(Power, cleaned))
    if not cleaned["code"]:
        errors["code"] = [_("Give the code of the power (as in the power list).")]
    if not cleaned["name"]:
        errors["name"] = [_("Give the name of the power.")]
    if not cleaned["legal_basis"]:
        errors["legal_basis"] = [_("Give the legal basis of the power.")]
    kind = data.get("kind") or ""
    if kind not in PowerKind.values:
        errors["kind"] = [_("Choose the kind of power.")]
    start = _date(data, "valid_from", errors, required=True,
                  message=_("Give the day the power is in force from."))  # fmt: skip
    end = _date(data, "valid_until", errors)
    if start and end and end < start:
        errors["valid_until"] = [_("The last valid day cannot be before the first.")]
    if start and "valid_from" not in errors:
        if body.established_on and start < body.established_on:
            errors["valid_from"] = [_("The body was established on %(day)s; a power cannot be "
                                      "in force before.") % {"day": body.established_on}]  # fmt: skip
        if body.abolished_on and (end is None or end >= body.abolished_on):
            errors["valid_until"] = [_("The body is abolished on %(day)s; the power must end "
                                       "before.") % {"day": body.abolished_on}]  # fmt: skip
    if start and cleaned["code"] and not errors:
        if _overlapping(body, cleaned["code"], start, end).exists():
            errors["code"] = [_("The body already holds a power with this code in that "
                                "period.")]  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return Power.objects.create(body=body, region_code=body.region_code, kind=kind,
                                    valid_from=start, valid_until=end, **cleaned)  # fmt: skip


def power_end(*, actor, power: Power, last_day, reason: str) -> Power:
    """End a power on its last valid day (取消, 调整): kept in the list's history."""
    _require(actor, "enforcement.change_power", region_code=power.region_code,
             agency_id=power.body.agency_id, message=_("You may not change this body's powers."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    day = _date({"valid_until": last_day}, "valid_until", errors, required=True,
                message=_("Give the last day the power is in force."))  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        errors["end_reason"] = [_("Give the reason the power ends.")]
    errors.update(length_errors(Power, {"end_reason": reason}))
    if day and "valid_until" not in errors:
        if day < power.valid_from:
            errors["valid_until"] = [_("The last valid day cannot be before the first (%(day)s).")
                                     % {"day": power.valid_from}]  # fmt: skip
        elif power.valid_until is not None and power.valid_until <= day:
            errors["valid_until"] = [_("The power already ends on %(day)s.")
                                     % {"day": power.valid_until}]  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        power.valid_until = day
        power.end_reason = reason
        power.save(update_fields=["valid_until", "end_reason"])
    return power


def transfer_record(*, actor, from_body: EnforcementBody | None, to_body: EnforcementBody | None,
                    powers, effective_on, basis_document: str,
                    note: str = "") -> PowerTransfer:  # fmt: skip
    """Move powers from one body to another on a day (综合执法改革, CF Art. 18 ◑): each old row
    ends the day before, a new row at the receiving body starts on the day with the same code,
    name, kind, legal basis and last valid day, linked to its predecessor and to the transfer,
    so the power list of either body on any day stays as it was."""
    errors: dict[str, list[str]] = {}
    if from_body is None:
        errors["from_body"] = [_("Choose the body the powers are transferred from.")]
    if to_body is None:
        errors["to_body"] = [_("Choose the body the powers are transferred to.")]
    elif from_body is not None and to_body.pk == from_body.pk:
        errors["to_body"] = [_("The receiving body cannot be the transferring body.")]
    day = _date({"effective_on": effective_on}, "effective_on", errors, required=True,
                message=_("Give the day the transfer takes effect."))  # fmt: skip
    basis_document = (basis_document or "").strip()
    if not basis_document:
        errors["basis_document"] = [_("Give the document that decided the transfer (number and "
                                      "title).")]  # fmt: skip
    errors.update(length_errors(PowerTransfer, {"basis_document": basis_document}))
    rows = list(powers or [])
    if not rows:
        errors["powers"] = [_("Choose the powers to transfer.")]
    if not errors:
        problems = []
        for power in rows:
            if power.body_id != from_body.pk:
                problems.append(_("%(code)s is not a power of %(body)s.")
                                % {"code": power.code, "body": from_body.name})  # fmt: skip
            elif not power.valid_on(day) or power.valid_from >= day:
                problems.append(_("%(code)s is not in force at %(body)s on the day before "
                                  "%(day)s.") % {"code": power.code, "body": from_body.name,
                                                  "day": day.isoformat()})  # fmt: skip
            elif _overlapping(to_body, power.code, day, power.valid_until).exists():
                problems.append(_("%(body)s already holds %(code)s on %(day)s.")
                                % {"code": power.code, "body": to_body.name,
                                   "day": day.isoformat()})  # fmt: skip
        if problems:
            errors["powers"] = problems
        if not body_stands_on(to_body, day) or (
            to_body.abolished_on is not None
            and any(p.valid_until is None or p.valid_until >= to_body.abolished_on for p in rows)
        ):
            errors["to_body"] = [_("The receiving body does not stand on %(day)s (or for as long "
                                   "as the powers).") % {"day": day.isoformat()}]  # fmt: skip
    InvalidInput.raise_for(errors)
    message = _("You may not record transfers between these bodies.")
    for body in (from_body, to_body):
        _require(actor, "enforcement.add_powertransfer", region_code=body.region_code,
                 agency_id=None, message=message)  # fmt: skip
    with acting(actor), transaction.atomic():
        transfer = PowerTransfer.objects.create(
            from_body=from_body, to_body=to_body, region_code=to_body.region_code,
            from_region_code=from_body.region_code, effective_on=day,
            basis_document=basis_document, note=(note or "").strip(), recorded_by=actor,
        )  # fmt: skip
        for old in rows:
            Power.objects.create(
                body=to_body, region_code=to_body.region_code, code=old.code, name=old.name,
                kind=old.kind, legal_basis=old.legal_basis, valid_from=day,
                valid_until=old.valid_until, predecessor=old, transfer=transfer,
            )  # fmt: skip
            old.valid_until = day - ONE_DAY
            old.end_reason = _("Transferred to %(body)s (%(basis)s)") % {
                "body": to_body.name, "basis": basis_document}  # fmt: skip
            old.end_reason = old.end_reason[:200]
            old.save(update_fields=["valid_until", "end_reason"])
    return transfer


# -- officers and training -----------------------------------------------------------------------


def officer_register(*, actor, body: EnforcementBody | None, data: dict[str, Any]) -> Officer:
    """Enter an enforcement officer (执法人员) of a body: name, resident ID number (GB 11643,
    once in the register), post, legal professional qualification (CF Art. 58)."""
    errors: dict[str, list[str]] = {}
    if body is None:
        errors["body"] = [_("Choose the enforcement body.")]
    elif not body_stands_on(body, timezone.localdate()):
        errors["body"] = [_("The body has been abolished; choose a standing body.")]
    name, post = _text(data, "name"), _text(data, "post")
    errors.update(length_errors(Officer, {"name": name, "post": post}))
    if not name:
        errors["name"] = [_("Give the officer's name.")]
    number = ""
    try:
        number = validate_resident_id(_text(data, "id_number"))
    except ValidationError as exc:
        errors["id_number"] = [str(exc.messages[0])]
    if number and Officer.objects.filter(id_number_index=blind_index(number)).exists():
        errors["id_number"] = [_("An officer with this resident ID number is already in the "
                                 "register.")]  # fmt: skip
    InvalidInput.raise_for(errors)
    _require(actor, "enforcement.add_officer", region_code=body.region_code,
             agency_id=body.agency_id, message=_("You may not register officers of this body."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return Officer.objects.create(
            body=body, region_code=body.region_code, name=name, id_number=number, post=post,
            legal_qualification=bool(data.get("legal_qualification")),
        )  # fmt: skip


def officer_update(*, actor, officer: Officer, data: dict[str, Any]) -> Officer:
    """Change an officer's name, post or legal professional qualification."""
    _require(actor, "enforcement.change_officer", region_code=officer.region_code,
             agency_id=officer.body.agency_id, message=_("You may not change this officer."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    name, post = _text(data, "name"), _text(data, "post")
    errors.update(length_errors(Officer, {"name": name, "post": post}))
    if not name:
        errors["name"] = [_("Give the officer's name.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        officer.name, officer.post = name, post
        officer.legal_qualification = bool(data.get("legal_qualification"))
        officer.save(update_fields=["name", "post", "legal_qualification", "updated_at"])
    return officer


def training_add(*, actor, officer: Officer, data: dict[str, Any]) -> Training:
    """Record a training an officer attended: day (not in the future), hours (more than 0, at
    most 500, one decimal) and topic."""
    _require(actor, "enforcement.add_training", region_code=officer.region_code,
             agency_id=officer.body.agency_id,
             message=_("You may not record training of this officer."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    day = _date(data, "held_on", errors, required=True, message=_("Give the day of the training."))
    _not_future(day, "held_on", errors)
    hours = _decimal(data, "hours", errors, low=Decimal("0.1"), high=Decimal("500"),
                     message=_("Give the hours: more than 0, at most 500."))  # fmt: skip
    topic = _text(data, "topic")
    errors.update(length_errors(Training, {"topic": topic}))
    if not topic:
        errors["topic"] = [_("Give the topic of the training.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return Training.objects.create(officer=officer, region_code=officer.region_code,
                                       held_on=day, hours=hours, topic=topic)  # fmt: skip


# -- the qualification exam (执法资格考试) ----------------------------------------------------------


def sitting_create(*, actor, organization: Organization | None,
                   data: dict[str, Any]) -> ExamSitting:  # fmt: skip
    """Set up an exam sitting of a justice bureau, with its pass mark (by default
    FAZHI_ENFORCEMENT_PASS_MARK, 60 ❓; 0–100)."""
    errors: dict[str, list[str]] = {}
    if (not isinstance(organization, Organization)
            or organization.kind != OrganizationKind.JUSTICE_BUREAU):  # fmt: skip
        errors["organization"] = [_("Choose the justice bureau that holds the exam.")]
        organization = None
    title, place = _text(data, "title"), _text(data, "place")
    errors.update(length_errors(ExamSitting, {"title": title, "place": place}))
    if not title:
        errors["title"] = [_("Give the title of the sitting.")]
    day = _date(data, "held_on", errors, required=True, message=_("Give the day of the exam."))
    mark = data.get("pass_mark")
    if mark in (None, ""):
        mark = settings.FAZHI_ENFORCEMENT_PASS_MARK
    try:
        mark = int(str(mark).strip())
        if not 0 <= mark <= 100:
            raise ValueError
    except ValueError:
        errors["pass_mark"] = [_("The pass mark is a whole number from 0 to 100.")]
    InvalidInput.raise_for(errors)
    _require(actor, "enforcement.add_examsitting", region_code=organization.region_id,
             agency_id=None, message=_("You may not set up exams for this bureau."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return ExamSitting.objects.create(
            organization=organization, region_code=organization.region_id, title=title,
            held_on=day, place=place, pass_mark=mark,
        )  # fmt: skip


def minimum_training_hours() -> Decimal:
    return Decimal(settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS)


def candidate_sign_up(*, actor, sitting: ExamSitting, officer: Officer | None,
                      on_date: datetime.date | None = None) -> ExamCandidate:  # fmt: skip
    """Sign an officer up for a sitting (on or before the exam day). Refused when the officer's
    training in the 12 months up to the sign-up day is below
    FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS (❓ local rule, default 40), when the officer is
    outside the sitting's jurisdiction or already signed up."""
    errors: dict[str, list[str]] = {}
    on_date = on_date or timezone.localdate()
    hours = Decimal("0")
    if officer is None:
        errors["officer"] = [_("Choose the officer.")]
    else:
        if not officer.region_code.startswith(jurisdiction_prefix(sitting.region_code)):
            errors["officer"] = [_("This sitting is for officers in the jurisdiction of "
                                   "%(bureau)s.") % {"bureau": sitting.organization.name}]  # fmt: skip
        elif ExamCandidate.objects.filter(sitting=sitting, officer=officer).exists():
            errors["officer"] = [_("%(name)s is already signed up for this sitting.")
                                 % {"name": officer.name}]  # fmt: skip
        else:
            hours = training_hours(officer, on_date)
            if hours < minimum_training_hours():
                errors["officer"] = [
                    _("%(name)s has %(hours)s hours of training in the 12 months up to "
                      "%(day)s; at least %(min)s are required to sit the exam (local rule).")
                    % {"name": officer.name, "hours": hours, "day": on_date.isoformat(),
                       "min": minimum_training_hours()}
                ]  # fmt: skip
    if on_date > sitting.held_on:
        errors["sitting"] = [_("The exam was held on %(day)s; sign-up is closed.")
                             % {"day": sitting.held_on.isoformat()}]  # fmt: skip
    InvalidInput.raise_for(errors)
    _require(actor, "enforcement.add_examcandidate", region_code=officer.region_code,
             agency_id=officer.body.agency_id,
             message=_("You may not sign up this officer."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return ExamCandidate.objects.create(
            sitting=sitting, officer=officer, body=officer.body, region_code=officer.region_code,
            sat_on=sitting.held_on, signed_up_on=on_date, training_hours=hours,
        )  # fmt: skip


ABSENT = "absent"


def scores_record(*, actor, sitting: ExamSitting, scores: dict,
                  on_date: datetime.date | None = None) -> list[ExamCandidate]:  # fmt: skip
    """Record the results of a sitting: for each candidate id a score (0–100, one decimal) or
    "absent"; passed when the score reaches the sitting's pass mark. All or nothing: one bad
    score and nothing is written. A result on which a certificate was issued is not changed."""
    _require(actor, "enforcement.change_examsitting", region_code=sitting.region_code,
             agency_id=None, message=_("You may not record the results of this sitting."))  # fmt: skip
    on_date = on_date or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if on_date < sitting.held_on:
        errors["__all__"] = [_("The exam is held on %(day)s; results are recorded from that "
                               "day.") % {"day": sitting.held_on.isoformat()}]  # fmt: skip
    rows = {c.pk: c for c in sitting.candidates.select_related("officer")}
    changes = []
    for key, raw in scores.items():
        field = f"score_{key}"
        candidate = rows.get(int(key)) if str(key).isdigit() else None
        if candidate is None:
            errors[field] = [_("Not a candidate of this sitting.")]
            continue
        raw = "" if raw is None else str(raw).strip()
        if raw == "":
            continue
        if raw == ABSENT:
            score, absent = None, True
        else:
            score = _decimal({field: raw}, field, errors, low=Decimal("0"), high=Decimal("100"),
                             message=_("A score is a number from 0 to 100."))  # fmt: skip
            absent = False
            if score is None:
                continue
        if (score, absent) == (candidate.score, candidate.absent):
            continue
        if candidate.certificates.exists():
            errors[field] = [_("A certificate was issued on this result; it cannot be "
                               "changed.")]  # fmt: skip
            continue
        changes.append((candidate, score, absent))
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        for candidate, score, absent in changes:
            candidate.score, candidate.absent = score, absent
            candidate.passed = score is not None and score >= sitting.pass_mark
            candidate.scored_on = on_date
            candidate.save(update_fields=["score", "absent", "passed", "scored_on"])
    return [c for c, _s, _a in changes]


# -- certificates (执法证件) ---------------------------------------------------------------------


def certificate_issue(*, actor, officer: Officer | None, data: dict[str, Any]) -> Certificate:
    """Issue an enforcement certificate to an officer who passed the qualification exam on or
    before the issue day (SD-JD Art. 10 ✅: training and examination, then the certificate; a
    revoked holder sits the exam again ❓). One certificate in force at a time: a certificate
    not cancelled, revoked or expired by the issue day is cancelled first. The number is unique;
    the certificate is valid from the issue day to `valid_until`."""
    errors: dict[str, list[str]] = {}
    number = "".join(_text(data, "number").split())
    errors.update(length_errors(Certificate, {"number": number}))
    if not number:
        errors["number"] = [_("Give the certificate number.")]
    elif Certificate.objects.filter(number=number).exists():
        errors["number"] = [_("Certificate number %(number)s is already used.")
                            % {"number": number}]  # fmt: skip
    issued = _date(data, "issued_on", errors, required=True, message=_("Give the issue day."))
    _not_future(issued, "issued_on", errors)
    until = _date(data, "valid_until", errors, required=True,
                  message=_("Give the last valid day."))  # fmt: skip
    if issued and until and until <= issued:
        errors["valid_until"] = [_("The last valid day must be after the issue day.")]
    exam = None
    if officer is None:
        errors["officer"] = [_("Choose the officer.")]
    elif issued and "issued_on" not in errors:
        exams = ExamCandidate.objects.filter(officer=officer, passed=True, sat_on__lte=issued)
        revoked = (Certificate.objects.filter(officer=officer, revoked_on__isnull=False)
                   .order_by("-revoked_on").values_list("revoked_on", flat=True).first())  # fmt: skip
        if revoked:
            exams = exams.filter(sat_on__gt=revoked)
        exam = exams.order_by("-sat_on", "-id").first()
        if exam is None:
            errors["officer"] = [
                _("%(name)s has not passed the enforcement qualification exam; no certificate "
                  "can be issued.") % {"name": officer.name}
                if not revoked else
                _("%(name)s's certificate was revoked on %(day)s; a certificate is issued only "
                  "after passing the exam again.") % {"name": officer.name, "day": revoked}
            ]  # fmt: skip
        else:
            holding = next((c for c in officer.certificates.prefetch_related("suspensions")
                            if certificate_status_on(c, issued) in (
                                CertificateStatus.VALID, CertificateStatus.SUSPENDED)), None)  # fmt: skip
            if holding is not None:
                errors["officer"] = [_("%(name)s holds certificate %(number)s; cancel it before "
                                       "issuing a new one.") % {"name": officer.name,
                                                                "number": holding.number}]  # fmt: skip
            elif not body_stands_on(officer.body, issued):
                errors["officer"] = [_("The officer's body does not stand on the issue day.")]
    InvalidInput.raise_for(errors)
    _require(actor, "enforcement.add_certificate", region_code=officer.region_code,
             agency_id=None, message=_("You may not issue certificates to this officer."))  # fmt: skip
    with acting(actor), transaction.atomic():
        return Certificate.objects.create(
            number=number, officer=officer, body=officer.body, region_code=officer.region_code,
            exam=exam, issued_on=issued, valid_until=until, issued_by=actor,
        )  # fmt: skip


def _certificate_action(actor, certificate, data, *, reason_required=True):
    _require(actor, "enforcement.change_certificate", region_code=certificate.region_code,
             agency_id=None, message=_("You may not change this certificate."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    day = _date(data, "on_date", errors, required=True, message=_("Give the date."))
    _not_future(day, "on_date", errors)
    reason = _text(data, "reason")
    if len(reason) > 200:
        errors["reason"] = [_("At most %(max)s characters (this has %(count)s).")
                            % {"max": 200, "count": len(reason)}]  # fmt: skip
    elif reason_required and not reason:
        errors["reason"] = [_("Give the reason.")]
    if day and "on_date" not in errors and day < certificate.issued_on:
        errors["on_date"] = [_("The certificate was issued on %(day)s.")
                             % {"day": certificate.issued_on.isoformat()}]  # fmt: skip
    return day, reason, errors


def _later_record(certificate, day) -> datetime.date | None:
    """The last day of the certificate's recorded history (suspensions, liftings), if after
    `day`: history is written in order."""
    days = [d for s in certificate.suspensions.all() for d in (s.suspended_on, s.lifted_on) if d]
    for d in (certificate.cancelled_on, certificate.revoked_on):
        if d:
            days.append(d)
    latest = max(days, default=None)
    return latest if latest is not None and latest > day else None


def certificate_suspend(*, actor, certificate: Certificate, data: dict[str, Any]) -> Suspension:
    """Suspend (暂扣) a certificate valid on the day, with the reason; it stays suspended until
    lifted (SD-JD ✅ and local rules ❓)."""
    day, reason, errors = _certificate_action(actor, certificate, data)
    if day and "on_date" not in errors:
        status = certificate_status_on(certificate, day)
        if status != CertificateStatus.VALID:
            errors["on_date"] = [_("The certificate is %(status)s on %(day)s; only a valid "
                                   "certificate is suspended.")
                                 % {"status": CertificateStatus(status).label,
                                    "day": day.isoformat()}]  # fmt: skip
        elif certificate.suspensions.filter(lifted_on__isnull=True).exists() or _later_record(
            certificate, day
        ):
            errors["on_date"] = [_("A later suspension is recorded; record in date order.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        return Suspension.objects.create(certificate=certificate,
                                         region_code=certificate.region_code, suspended_on=day,
                                         reason=reason)  # fmt: skip


def certificate_lift(*, actor, certificate: Certificate, data: dict[str, Any]) -> Suspension:
    """Lift the running suspension: the certificate is valid again from `on_date`."""
    day, reason, errors = _certificate_action(actor, certificate, data, reason_required=False)
    running = certificate.suspensions.filter(lifted_on__isnull=True).first()
    if running is None:
        errors["on_date"] = [_("The certificate is not suspended.")]
    elif day and "on_date" not in errors and day <= running.suspended_on:
        errors["on_date"] = [_("The suspension began on %(day)s; it is lifted on a later day.")
                             % {"day": running.suspended_on.isoformat()}]  # fmt: skip
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        running.lifted_on, running.lift_reason = day, reason
        running.save(update_fields=["lifted_on", "lift_reason"])
    return running


def _end(actor, certificate, data, *, field: str, reason_field: str) -> Certificate:
    day, reason, errors = _certificate_action(actor, certificate, data)
    if day and "on_date" not in errors:
        status = certificate_status_on(certificate, day)
        if status not in (CertificateStatus.VALID, CertificateStatus.SUSPENDED):
            errors["on_date"] = [_("The certificate is %(status)s on %(day)s.")
                                 % {"status": CertificateStatus(status).label,
                                    "day": day.isoformat()}]  # fmt: skip
        elif certificate.revoked_on or certificate.cancelled_on:
            errors["on_date"] = [_("The certificate has already been cancelled or revoked.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        setattr(certificate, field, day)
        setattr(certificate, reason_field, reason)
        certificate.save(update_fields=[field, reason_field])
    return certificate


def certificate_cancel(*, actor, certificate: Certificate, data: dict[str, Any]) -> Certificate:
    """Cancel (注销) a certificate from a day: the officer left enforcement, retired, changed
    body, or a new certificate replaces it."""
    return _end(actor, certificate, data, field="cancelled_on", reason_field="cancel_reason")


def certificate_revoke(*, actor, certificate: Certificate, data: dict[str, Any]) -> Certificate:
    """Revoke (吊销) a certificate from a day, with the reason (a sanction: CF Art. 76 ✅ and
    local rules ❓); a new certificate requires passing the exam again."""
    return _end(actor, certificate, data, field="revoked_on", reason_field="revoke_reason")


def annual_review_record(*, actor, certificate: Certificate,
                         data: dict[str, Any]) -> AnnualReview:  # fmt: skip
    """Record the annual review (年审) of a certificate for a year. A certificate that fails it
    is suspended from the review day until lifted (❓ local rule)."""
    _require(actor, "enforcement.add_annualreview", region_code=certificate.region_code,
             agency_id=None, message=_("You may not review this certificate."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    try:
        year = int(str(data.get("year") or "").strip())
    except ValueError:
        year = None
    if year is None or not certificate.issued_on.year <= year <= certificate.valid_until.year:
        errors["year"] = [_("Give a year from %(first)s to %(last)s.")
                          % {"first": certificate.issued_on.year,
                             "last": certificate.valid_until.year}]  # fmt: skip
    elif certificate.annual_reviews.filter(year=year).exists():
        errors["year"] = [_("The review for %(year)s is already recorded.") % {"year": year}]
    day = _date(data, "reviewed_on", errors, required=True, message=_("Give the review day."))
    _not_future(day, "reviewed_on", errors)
    if day and "reviewed_on" not in errors and day < certificate.issued_on:
        errors["reviewed_on"] = [_("The certificate was issued on %(day)s.")
                                 % {"day": certificate.issued_on.isoformat()}]  # fmt: skip
    passed = data.get("passed")
    if passed in ("", None):
        errors["passed"] = [_("Say whether the certificate passed the review.")]
    passed = passed in (True, "True", "true", "1", "yes", "on")
    remarks = _text(data, "remarks")
    errors.update(length_errors(AnnualReview, {"remarks": remarks}))
    suspend = (not passed and day and "reviewed_on" not in errors
               and certificate_status_on(certificate, day) == CertificateStatus.VALID
               and not certificate.suspensions.filter(lifted_on__isnull=True).exists())  # fmt: skip
    if suspend and _later_record(certificate, day):
        errors["reviewed_on"] = [_("A later suspension is recorded; record in date order.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        review = AnnualReview.objects.create(
            certificate=certificate, region_code=certificate.region_code, year=year,
            reviewed_on=day, passed=passed, remarks=remarks,
        )  # fmt: skip
        if suspend:
            Suspension.objects.create(
                certificate=certificate, region_code=certificate.region_code, suspended_on=day,
                reason=(_("Failed the annual review of %(year)s") % {"year": year})[:200],
            )  # fmt: skip
    return review


__all__ = [
    "annual_review_record",
    "body_register",
    "body_update",
    "candidate_sign_up",
    "certificate_cancel",
    "certificate_issue",
    "certificate_lift",
    "certificate_revoke",
    "certificate_suspend",
    "may",
    "may_handle",
    "officer_register",
    "officer_update",
    "power_add",
    "power_end",
    "scores_record",
    "sitting_create",
    "training_add",
    "transfer_record",
]
