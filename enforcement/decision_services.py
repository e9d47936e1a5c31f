"""Writes of enforcement decisions (执法决定): an agency reports its decisions (one by API, many
by Excel import), and publishes and withdraws them (执法公示).

One check (`check`) decides for the API, the import and the page alike, in the statutes' terms:

- the body, within the reporter's reach (an agency's handler: their own agency's bodies; the
  bureau's section staff: the bodies of their jurisdiction), standing on the decision day; the
  power exercised, if named, held by the body that day (the power list, §C) and of the same
  kind as the decision;
- the party: a natural person or an organisation, its ID number (GB 11643) or unified social
  credit code (GB 32100) checked when given;
- the decision day, never in the future; facts, legal basis and result; for a penalty its
  kinds (CF Art. 9) and the amount of a fine;
- at least two handling officers, each holding on the decision day the enforcement
  certificate named (CF Art. 42: "不得少于两人"; Art. 55; enforcement.selectors.may_handle):
  otherwise refused, naming the officer and why;
- the full-process record (CF Art. 47) and the legal review (CF Art. 58): whether the review
  was required (its Art. 58 triggers) and the day it was done, before the decision. A decision
  that required the review and has none is recorded, not refused — the agency reports what it
  did — and shows as missing in the lists and the figures;
- publicity: whether it is published (a reason when not: OGI Arts. 14–15 ◑), the day it was,
  after the decision and not in the future; a withdrawal (CF Art. 48 ¶2) only of a published
  decision, after its change;
- a penalty: the version of the body's discretion standard in force on the decision day is
  recorded with it, and a fine outside that version's range for the power is flagged, not
  refused (CF Art. 34; enforcement.discretion_services.record_check).

Bad input raises InvalidInput with a Chinese message per field and writes nothing. A decision
is identified by its body and the agency's own case number: reporting it again returns the one
recorded (`decision_report`), and an import refuses the row (enforcement.importing). The
windows and on-time flags are computed on write (enforcement.publication).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import PartyKind
from core.querysets import scope_condition
from core.validators import length_errors, validate_credit_code, validate_resident_id
from enforcement.choices import CertificateStatus, PowerKind
from enforcement.decision_choices import (
    DecisionSource,
    LegalReviewTrigger,
    PenaltyKind,
    WithdrawalGround,
)
from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.discretion_services import StandardsInForce, record_check
from enforcement.models import Certificate, EnforcementBody, Officer, Power, Suspension
from enforcement.publication import Dues, apply
from enforcement.services import may
from enforcement.validity import body_stands_on, certificate_status_on

ADD = "enforcement.add_decision"
CHANGE = "enforcement.change_decision"
MIN_OFFICERS = 2  # CF Art. 42 ✅ ("不得少于两人", unless a law says otherwise)
MAX_OFFICERS = 20
MAX_FINE = Decimal("1e12")
# Decisions reported are those of the years the calendar knows (its holidays from 2000).
EARLIEST = datetime.date(2000, 1, 1)
# Where the officers' certificate numbers are split (、 , ， ; ； and white space).
SEPARATORS = "、,，;；\n\t "
TEXT_FIELDS = ("case_number", "party_name", "party_id_number", "facts", "legal_basis", "result",
               "publication_exempt_reason", "withdrawal_reason")  # fmt: skip


@dataclass
class Prepared:
    """A checked decision, not yet written, and its handling officers with the certificate each
    held on the decision day."""

    decision: Decision
    handlers: list[tuple[Officer, Certificate]] = field(default_factory=list)


def split_numbers(value) -> list[str]:
    """Certificate numbers from a list or a text (split at 、 , ; and spaces)."""
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        text = str(value or "")
        for sep in SEPARATORS[1:]:
            text = text.replace(sep, SEPARATORS[0])
        parts = text.split(SEPARATORS[0])
    return ["".join(p.split()) for p in parts if p and "".join(p.split())]


def reporting_bodies(actor):
    """The bodies whose decisions `actor` may report: their own agency's (an agency's
    handler), those of their jurisdiction (section staff) — the scoping rule of the decisions
    themselves (core.querysets), applied to the bodies' region and agency."""
    condition = scope_condition(actor, ADD, EnforcementBody) if actor.is_authenticated else None
    if condition is None:
        return EnforcementBody.objects.none()
    return EnforcementBody.objects.filter(condition)


class Lookups:
    """What decisions are checked against, read once for a file (or a call): the certificates
    by number with their suspensions, each body's power list, the publication windows counted
    on the calendar, the published versions of the bodies' discretion standards."""

    def __init__(self, actor, *, today: datetime.date | None = None):
        self.actor = actor
        self.today = today or timezone.localdate()
        self.dues = Dues()
        self._certificates: dict[str, Certificate | None] = {}
        self._powers: dict[int, list[Power]] = {}
        self.standards = StandardsInForce()

    def preload(self, bodies) -> None:
        """Every certificate of the officers of `bodies`, in two queries, and every published
        version of their discretion standards with its items, in two more (an import's file)."""
        self.standards.load(bodies)
        suspensions: dict[int, list[Suspension]] = {}
        for s in Suspension.objects.filter(certificate__officer__body__in=bodies):
            suspensions.setdefault(s.certificate_id, []).append(s)
        for c in Certificate.objects.filter(officer__body__in=bodies).select_related("officer"):
            c.loaded_suspensions = suspensions.get(c.pk, [])
            self._certificates[c.number] = c

    def certificate(self, number: str) -> Certificate | None:
        if number not in self._certificates:
            c = (
                Certificate.objects.select_related("officer", "officer__body")
                .filter(number=number)
                .first()
            )
            if c is not None:
                c.loaded_suspensions = list(c.suspensions.all())
            self._certificates[number] = c
        return self._certificates[number]

    def powers(self, body: EnforcementBody, code: str, day: datetime.date) -> Power | None:
        if body.pk not in self._powers:
            self._powers[body.pk] = list(Power.objects.filter(body=body))
        return next((p for p in self._powers[body.pk] if p.code == code and p.valid_on(day)),
                    None)  # fmt: skip


def _text(data: dict, key: str) -> str:
    return str(data.get(key) or "").strip()


def check(data: dict[str, Any], lk: Lookups, fail) -> Prepared | None:
    """Check one decision (see the module's docstring); report each problem with
    `fail(field, reason)` and return the decision unsaved, or None if there was a problem.

    `data` holds Python values: body (an EnforcementBody, resolved by the caller), dates,
    lists of codes (penalty_kinds, legal_review_triggers), certificate numbers (officers),
    booleans (recorded_full_process, publication_required) and texts."""
    failed: set[str] = set()

    def problem(key, reason):
        if key not in failed:
            failed.add(key)
            fail(key, reason)

    texts = {k: _text(data, k) for k in TEXT_FIELDS}
    texts["party_id_number"] = "".join(texts["party_id_number"].split()).upper()
    for key, messages in length_errors(Decision, texts).items():
        problem(key, messages[0])
    body: EnforcementBody | None = data.get("body")
    day: datetime.date | None = data.get("decided_on")
    if day is None:
        problem("decided_on", _("Give the day the decision was made."))
    elif day > lk.today:
        problem("decided_on", _("The date cannot be in the future."))
    elif day < EARLIEST:
        problem("decided_on", _("Give a day from %(day)s on.") % {"day": EARLIEST.isoformat()})
    if not texts["case_number"]:
        problem("case_number", _("Give the agency's case number of the decision (文书号)."))
    kind = data.get("kind") or ""
    if kind not in PowerKind.values:
        problem("kind", _("Choose the kind of decision (licence, penalty, coercion, inspection, "
                          "…)."))  # fmt: skip
        kind = ""
    if body is not None and day is not None and "decided_on" not in failed:
        if not body_stands_on(body, day):
            problem("body", _("%(body)s did not stand on %(day)s.")
                    % {"body": body.name, "day": day.isoformat()})  # fmt: skip
    power = _power(data, body, day, kind, lk, problem)
    _party(data, texts, problem)
    for key, message in (
        ("facts", _("Give the facts (the main facts found).")),
        ("legal_basis", _("Give the legal basis of the decision.")),
        ("result", _("Give the content of the decision.")),
    ):
        if not texts[key]:
            problem(key, message)
    penalties, fine = _penalty(data, kind, problem)
    handlers = _officers(data, body, day, lk, problem, failed)
    recorded = data.get("recorded_full_process")
    if recorded is None:
        problem("recorded_full_process",
                _("Say whether the full process was recorded (CF Art. 47)."))  # fmt: skip
    triggers = list(dict.fromkeys(data.get("legal_review_triggers") or []))
    if any(t not in LegalReviewTrigger.values for t in triggers):
        problem("legal_review_triggers", _("Choose the cases of Article 58 of the Administrative "
                                           "Penalty Law."))  # fmt: skip
    reviewed = data.get("legal_reviewed_on")
    if reviewed is not None:
        if reviewed > lk.today:
            problem("legal_reviewed_on", _("The date cannot be in the future."))
        elif day is not None and reviewed > day:
            problem("legal_reviewed_on", _("The legal review comes before the decision (CF Art. "
                                           "58: no decision without it)."))  # fmt: skip
    required = data.get("publication_required")
    required = True if required is None else bool(required)
    published = data.get("published_on")
    if not required:
        if not texts["publication_exempt_reason"]:
            problem("publication_exempt_reason",
                    _("Give the reason the decision is not published (e.g. a state secret, "
                      "a trade secret, personal privacy)."))  # fmt: skip
        if published is not None:
            problem("published_on", _("A decision not to be published has no publication "
                                      "day."))  # fmt: skip
    elif texts["publication_exempt_reason"]:
        problem("publication_exempt_reason", _("Only for a decision not to be published."))
    if published is not None:
        if published > lk.today:
            problem("published_on", _("The date cannot be in the future."))
        elif day is not None and published < day:
            problem("published_on", _("A decision is published after it is made."))
    withdrawal = _withdrawal(data, texts, day, published, lk, problem)
    if failed or body is None:
        return None
    decision = Decision(
        body=body, agency_id=body.agency_id, region_code=body.region_code, kind=kind,
        power=power, party_kind=data["party_kind"], decided_on=day,
        penalty_kinds=penalties, fine_amount=fine, recorded_full_process=bool(recorded),
        legal_review_triggers=triggers, legal_review_required=bool(triggers),
        legal_reviewed_on=reviewed, publication_required=required, published_on=published,
        **{k: texts[k] for k in TEXT_FIELDS}, **withdrawal,
    )  # fmt: skip
    apply(decision, lk.dues)
    record_check(decision, lk.standards)  # the discretion standard in force (CF Art. 34)
    return Prepared(decision, handlers)


def _power(data, body, day, kind, lk: Lookups, problem) -> Power | None:
    code = _text(data, "power_code")
    if not code or body is None or day is None:
        return None
    power = lk.powers(body, code, day)
    if power is None:
        problem("power_code", _("%(body)s held no power with code %(code)s on %(day)s (see its "
                                "power list).") % {"body": body.name, "code": code,
                                                   "day": day.isoformat()})  # fmt: skip
        return None
    if kind and power.kind != kind:
        problem("power_code", _("Power %(code)s is of the kind “%(power)s”, the decision of the "
                                "kind “%(kind)s”.") % {"code": code,
                                                      "power": PowerKind(power.kind).label,
                                                      "kind": PowerKind(kind).label})  # fmt: skip
        return None
    return power


def _party(data, texts, problem) -> None:
    party_kind = data.get("party_kind") or ""
    if party_kind not in PartyKind.values:
        problem("party_kind", _("Choose the kind of party: a natural person, or a legal person "
                                "or other organisation."))  # fmt: skip
    if not texts["party_name"]:
        problem("party_name", _("Give the party's name."))
    number = texts["party_id_number"]
    if number and party_kind in PartyKind.values:
        validator = validate_resident_id if party_kind == PartyKind.PERSON else validate_credit_code
        try:
            texts["party_id_number"] = validator(number)
        except ValidationError as exc:
            problem("party_id_number", exc.messages[0])


def _penalty(data, kind, problem) -> tuple[list[str], Decimal | None]:
    penalties = list(dict.fromkeys(data.get("penalty_kinds") or []))
    raw = data.get("fine_amount")
    fine = None
    if raw not in (None, ""):
        try:
            fine = Decimal(str(raw).replace(",", "").replace("，", "").strip())
            if not fine.is_finite() or fine <= 0 or fine >= MAX_FINE:
                raise InvalidOperation
            if fine != fine.quantize(Decimal("0.01")):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            problem("fine_amount", _("Enter the fine in yuan (more than 0, at most two "
                                     "decimal places)."))  # fmt: skip
            return penalties, None
    if not kind:  # unknown: the kind's own problem is reported, not its consequences
        return [], None
    if kind != PowerKind.PENALTY:
        if penalties:
            problem("penalty_kinds", _("Only for a penalty decision."))
        if raw not in (None, ""):
            problem("fine_amount", _("Only for a penalty decision."))
        return [], None
    if not penalties:
        problem("penalty_kinds", _("Give the kinds of penalty imposed (CF Art. 9)."))
    elif any(p not in PenaltyKind.values for p in penalties):
        problem("penalty_kinds", _("Choose the kinds of penalty of Article 9 of the "
                                   "Administrative Penalty Law."))  # fmt: skip
    if PenaltyKind.FINE in penalties and fine is None and raw in (None, ""):
        problem("fine_amount", _("Give the amount of the fine."))
    if fine is not None and PenaltyKind.FINE not in penalties:
        problem("fine_amount", _("A fine amount is given only with the penalty “fine”."))
    return penalties, fine


def _officers(data, body, day, lk: Lookups, problem, failed) -> list[tuple[Officer, Certificate]]:
    """At least two officers, each holding on the decision day the certificate named (CF Art.
    42 ✅, Art. 55 ✅): the same rule as enforcement.selectors.may_handle, read from the
    certificates loaded for the file."""
    numbers = split_numbers(data.get("officers"))
    if len(numbers) != len(set(numbers)):
        problem("officers", _("A certificate number is given twice."))
        return []
    if len(numbers) < MIN_OFFICERS:
        problem("officers", _("A decision is handled by at least two enforcement officers with "
                              "a valid certificate (CF Art. 42): give their certificate "
                              "numbers."))  # fmt: skip
        return []
    if len(numbers) > MAX_OFFICERS:
        problem("officers", _("At most %(max)s officers.") % {"max": MAX_OFFICERS})
        return []
    if body is None or day is None or "decided_on" in failed:
        return []
    handlers, seen = [], set()
    for number in numbers:
        c = lk.certificate(number)
        if c is None:
            problem("officers", _("No enforcement certificate numbered %(number)s.")
                    % {"number": number})  # fmt: skip
            return []
        officer = c.officer
        if officer.body_id != body.pk:
            problem("officers", _("%(name)s (certificate %(number)s) is not an officer of "
                                  "%(body)s.") % {"name": officer.name, "number": number,
                                                  "body": body.name})  # fmt: skip
            return []
        if officer.pk in seen:
            problem("officers", _("%(name)s is given twice.") % {"name": officer.name})
            return []
        seen.add(officer.pk)
        status = certificate_status_on(c, day, c.loaded_suspensions)
        if status != CertificateStatus.VALID:
            problem("officers", _("%(name)s may not handle the case: certificate %(number)s is "
                                  "%(status)s on %(day)s (CF Art. 42).")
                    % {"name": officer.name, "number": number,
                       "status": CertificateStatus(status).label, "day": day.isoformat()})  # fmt: skip
            return []
        handlers.append((officer, c))
    return handlers


def _withdrawal(data, texts, day, published, lk: Lookups, problem) -> dict[str, Any]:
    """A published decision changed, revoked, found unlawful or void, and its withdrawal (CF
    Art. 48 ¶2): the change and its day together; the withdrawal day with its reasons."""
    ground = data.get("withdrawal_ground") or ""
    changed, withdrawn = data.get("changed_on"), data.get("withdrawn_on")
    reason = texts["withdrawal_reason"]
    if not (ground or changed or withdrawn or reason):
        return {}
    if published is None:
        key = "withdrawal_ground" if ground else "changed_on" if changed else "withdrawn_on"
        problem(key, _("Only a published decision is withdrawn."))
        return {}
    if ground not in WithdrawalGround.values:
        problem("withdrawal_ground", _("Say how the decision was changed: changed, revoked, "
                                       "found unlawful or found void."))  # fmt: skip
    if changed is None:
        problem("changed_on", _("Give the day the decision was changed."))
    elif changed > lk.today:
        problem("changed_on", _("The date cannot be in the future."))
    elif day is not None and changed < day:
        problem("changed_on", _("A decision is changed after it is made."))
    if withdrawn is not None:
        if withdrawn > lk.today:
            problem("withdrawn_on", _("The date cannot be in the future."))
        elif changed is not None and withdrawn < changed:
            problem("withdrawn_on", _("A decision is withdrawn after it is changed."))
        elif withdrawn < published:
            problem("withdrawn_on", _("A decision is withdrawn after it is published."))
        if not reason:
            problem("withdrawal_reason", _("Give the reasons for the withdrawal (CF Art. 48)."))
    elif reason:
        problem("withdrawn_on", _("Give the day the decision was withdrawn."))
    return {"withdrawal_ground": ground, "changed_on": changed, "withdrawn_on": withdrawn}


# -- writing -------------------------------------------------------------------------------------


def decision_report(*, actor, data: dict[str, Any],
                    source: str = DecisionSource.API) -> tuple[Decision, bool]:  # fmt: skip
    """Record one decision an agency reports (the API, the page). Idempotent by the agency's
    own case number: a decision of the same body under the same number is returned as it was
    recorded (created False) and nothing is written. Returns (decision, created)."""
    body = data.get("body")
    number = _text(data, "case_number")
    errors: dict[str, list[str]] = {}
    if body is None:
        errors["body"] = [_("Choose the enforcement body that made the decision.")]
    elif not may(actor, ADD, region_code=body.region_code, agency_id=body.agency_id):
        raise PermissionDenied(_("You may not report the decisions of this body."))
    if body is not None and number:
        existing = Decision.objects.filter(body=body, case_number=number).first()
        if existing is not None:
            return existing, False
    lk = Lookups(actor)
    prepared = check(data, lk, lambda key, reason: errors.setdefault(key, [reason]))
    InvalidInput.raise_for(errors)
    decision = prepared.decision
    decision.created_by, decision.source = actor, source
    try:
        with acting(actor), transaction.atomic():
            decision.save()
            DecisionOfficer.objects.bulk_create([
                DecisionOfficer(decision=decision, officer=o, certificate=c)
                for o, c in prepared.handlers
            ])  # fmt: skip
    except IntegrityError:
        # The same number reported at the same time by another request: that one stands.
        existing = Decision.objects.filter(body=body, case_number=number).first()
        if existing is None:
            raise
        return existing, False
    return decision, True


def decisions_write(prepared: list[Prepared], *, actor, source: str,
                    batch_size: int = 2000) -> list[Decision]:  # fmt: skip
    """Write checked decisions in one transaction, in bulk (COPY on PostgreSQL, core.copy):
    the decisions, then their officers; the months they count in are noted for the monthly
    roll-ups (indicators.rollups). No audit row per decision, like the other lines' imports."""
    from core.copy import copy_insert, copy_rows
    from indicators.rollups import note_rows

    decisions = [p.decision for p in prepared]
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    for d in decisions:
        d.created_by_id, d.source = actor_id, source
    with transaction.atomic():
        copy_insert(Decision, decisions, batch_size=batch_size)
        copy_rows(DecisionOfficer, ("decision_id", "officer_id", "certificate_id"), (
            (p.decision.pk, o.pk, c.pk) for p in prepared for o, c in p.handlers
        ), batch_size=batch_size)  # fmt: skip
        note_rows(Decision, decisions)
    return decisions


def _require(actor, decision: Decision, message: str) -> None:
    if not may(actor, CHANGE, region_code=decision.region_code, agency_id=decision.agency_id):
        raise PermissionDenied(message)


def _day(data: dict, key: str, errors: dict, message: str, today) -> datetime.date | None:
    value = data.get(key)
    if value in (None, ""):
        errors[key] = [message]
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            errors[key] = [_("Enter a valid date (YYYY-MM-DD).")]
            return None
    if value > today:
        errors[key] = [_("The date cannot be in the future.")]
        return None
    return value


def decision_publish(*, actor, decision: Decision, data: dict[str, Any]) -> Decision:
    """Publish the public part of a decision on the portal's enforcement-publicity pages from
    `published_on` (执法公示, CF Art. 48 ¶1 ✅; the window §C.2 ❓): on time when within the
    window (enforcement.publication)."""
    _require(actor, decision, _("You may not publish this decision."))
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    day = _day(data, "published_on", errors, _("Give the day it is published."), today)
    if not decision.publication_required:
        errors["published_on"] = [_("This decision is not to be published: %(reason)s")
                                  % {"reason": decision.publication_exempt_reason}]  # fmt: skip
    elif decision.published_on is not None:
        errors["published_on"] = [_("It was published on %(day)s.")
                                  % {"day": decision.published_on.isoformat()}]  # fmt: skip
    elif day is not None and day < decision.decided_on:
        errors["published_on"] = [_("A decision is published after it is made.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        decision.published_on = day
        apply(decision)
        decision.save()
    return decision


def decision_withdraw(*, actor, decision: Decision, data: dict[str, Any]) -> Decision:
    """Withdraw a published decision that was changed, revoked, found unlawful or found void,
    with the reasons, within 3 working days after the change (CF Art. 48 ¶2 ✅ + Art. 85): it
    leaves the portal's list; on time when withdrawn by the window's last day."""
    _require(actor, decision, _("You may not withdraw this decision."))
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    ground = data.get("withdrawal_ground") or ""
    if ground not in WithdrawalGround.values:
        errors["withdrawal_ground"] = [_("Say how the decision was changed: changed, revoked, "
                                         "found unlawful or found void.")]  # fmt: skip
    changed = _day(data, "changed_on", errors, _("Give the day the decision was changed."), today)
    withdrawn = _day(data, "withdrawn_on", errors, _("Give the day the decision was withdrawn."),
                     today)  # fmt: skip
    reason = _text(data, "withdrawal_reason")
    if not reason:
        errors["withdrawal_reason"] = [_("Give the reasons for the withdrawal (CF Art. 48).")]
    errors.update(length_errors(Decision, {"withdrawal_reason": reason}))
    if decision.published_on is None:
        errors["__all__"] = [_("Only a published decision is withdrawn.")]
    elif decision.withdrawn_on is not None:
        errors["__all__"] = [_("It was withdrawn on %(day)s.")
                             % {"day": decision.withdrawn_on.isoformat()}]  # fmt: skip
    else:
        if changed is not None and changed < decision.decided_on:
            errors["changed_on"] = [_("A decision is changed after it is made.")]
        if withdrawn is not None and "withdrawn_on" not in errors:
            if changed is not None and withdrawn < changed:
                errors["withdrawn_on"] = [_("A decision is withdrawn after it is changed.")]
            elif withdrawn < decision.published_on:
                errors["withdrawn_on"] = [_("A decision is withdrawn after it is published.")]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        decision.withdrawal_ground, decision.changed_on = ground, changed
        decision.withdrawn_on, decision.withdrawal_reason = withdrawn, reason
        apply(decision)
        decision.save()
    return decision


__all__ = [
    "Lookups",
    "Prepared",
    "check",
    "decision_publish",
    "decision_report",
    "decision_withdraw",
    "decisions_write",
    "reporting_bodies",
    "split_numbers",
]
