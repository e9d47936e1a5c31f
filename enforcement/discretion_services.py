"""Discretion standards (裁量基准) and lenient lists (免罚轻罚清单): writes, the version in
force, and the check of a penalty decision's fine against it (reference/statutes-lines.md §C.4;
CF Art. 34 ✅ agencies may set 裁量基准 and must publish them; CF Arts. 32–33 lighter,
mitigated or no penalty).

Versioning: the versions of one body are numbered 1, 2, … as they are drafted. A version
counts once published (`standard_publish`): from its `effective_from` it supersedes the
published version before it, which ends the day before (its `effective_until`), the history
kept. A new version must start after the start of the body's latest published version
(no two versions in force on one day). Example: version 1 in force from 2025-01-01; version 2
from 2026-03-01 is published → version 1 is in force 2025-01-01 … 2026-02-28, version 2 from
2026-03-01; a decision of 2026-02-28 is checked against version 1, one of 2026-03-01 against 2.
The version a penalty is checked against is recorded with it when it is reported, with whether
its fine lies outside the range (`record_check`; Decision.discretion_standard and
.outside_standard): a version published later does not change an old decision's check.

Items and lenient entries are typed one per line, the fields separated by "|":
  items:   power code | power or violation | legal basis | circumstance | lowest fine | highest
           fine | other kinds of penalty (optional)
  lenient: treatment (不予处罚 / 减轻处罚 / 从轻处罚) | violation | condition | legal basis
Every line is checked first; an error names the field and the line, nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from enforcement.discretion_models import (
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
    LenientTreatment,
)
from enforcement.services import may

ONE_DAY = datetime.timedelta(days=1)
ADD = "enforcement.add_discretionstandard"
CHANGE = "enforcement.change_discretionstandard"

# The treatments as typed: the key or the statute's own term.
_TREATMENTS = {
    "none": LenientTreatment.NO_PENALTY, "不予处罚": LenientTreatment.NO_PENALTY,
    "mitigated": LenientTreatment.MITIGATED, "减轻处罚": LenientTreatment.MITIGATED,
    "lighter": LenientTreatment.LIGHTER, "从轻处罚": LenientTreatment.LIGHTER,
}  # fmt: skip


def _fields(line: str) -> list[str]:
    return [part.strip() for part in line.replace("｜", "|").split("|")]


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(str(text or "").splitlines(), 1)
            if line.strip()]  # fmt: skip


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        return None
    return value


def parse_items(text: str) -> tuple[list[dict], list[str]]:
    """The items typed in `text` and the errors (one per bad line)."""
    rows, errors = [], []
    for n, line in _lines(text):
        parts = _fields(line)
        if len(parts) not in (6, 7):
            errors.append(_("Discretion items, line %(line)s: give 6 or 7 fields separated by "
                            "\"|\" (power code | power or violation | legal basis | "
                            "circumstance | lowest fine | highest fine | other kinds of "
                            "penalty).") % {"line": n})  # fmt: skip
            continue
        code, violation, basis, circumstance, low, high = parts[:6]
        other = parts[6] if len(parts) == 7 else ""
        if not violation or not basis or not circumstance:
            errors.append(_("Discretion items, line %(line)s: the power or violation, the legal "
                            "basis and the circumstance are required.") % {"line": n})  # fmt: skip
            continue
        fine_min, fine_max = _amount(low), _amount(high)
        if fine_min is None or fine_max is None:
            errors.append(_("Discretion items, line %(line)s: the lowest and highest fine must "
                            "be amounts in yuan (0 or more, at most two decimals).")
                          % {"line": n})  # fmt: skip
            continue
        if fine_min > fine_max:
            errors.append(_("Discretion items, line %(line)s: the lowest fine (%(low)s) is higher "
                            "than the highest fine (%(high)s).")
                          % {"line": n, "low": fine_min, "high": fine_max})  # fmt: skip
            continue
        too_long = (len(code) > 64 or len(violation) > 300 or len(basis) > 300
                    or len(circumstance) > 100 or len(other) > 300)  # fmt: skip
        if too_long:
            errors.append(_("Discretion items, line %(line)s: a field is too long.")
                          % {"line": n})  # fmt: skip
            continue
        rows.append({"power_code": code, "violation": violation, "legal_basis": basis,
                     "circumstance": circumstance, "fine_min": fine_min, "fine_max": fine_max,
                     "other_penalties": other})  # fmt: skip
    return rows, errors


def parse_lenient(text: str) -> tuple[list[dict], list[str]]:
    """The lenient-list entries typed in `text` and the errors (one per bad line)."""
    rows, errors = [], []
    for n, line in _lines(text):
        parts = _fields(line)
        if len(parts) != 4 or not all(parts):
            errors.append(_("Lenient list, line %(line)s: give 4 fields separated by \"|\" "
                            "(treatment | violation | condition | legal basis).")
                          % {"line": n})  # fmt: skip
            continue
        treatment = _TREATMENTS.get(parts[0])
        if treatment is None:
            errors.append(_("Lenient list, line %(line)s: the treatment must be 不予处罚, 减轻处罚 "
                            "or 从轻处罚.") % {"line": n})  # fmt: skip
            continue
        if len(parts[1]) > 300 or len(parts[2]) > 500 or len(parts[3]) > 300:
            errors.append(_("Lenient list, line %(line)s: a field is too long.") % {"line": n})
            continue
        rows.append({"treatment": treatment, "violation": parts[1], "condition": parts[2],
                     "legal_basis": parts[3]})  # fmt: skip
    return rows, errors


def _latest_published(body, exclude_pk=None):
    rows = DiscretionStandard.objects.filter(body=body, published_on__isnull=False)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    return rows.order_by("-effective_from").first()


def _start_error(body, start, exclude_pk=None) -> str | None:
    latest = _latest_published(body, exclude_pk)
    if latest is not None and start <= latest.effective_from:
        return _("Version %(version)s of this body's standard is in force from %(day)s; a new "
                 "version must come into force after that day.") % {
            "version": latest.version, "day": latest.effective_from}  # fmt: skip
    return None


def standard_create(*, actor, body, data: dict[str, Any]) -> DiscretionStandard:
    """Draft a new version of `body`'s discretion standard with its items and lenient list."""
    if not may(actor, ADD, region_code=body.region_code, agency_id=body.agency_id):
        raise PermissionDenied(_("You may not set this body's discretion standard."))
    errors: dict[str, list[str]] = {}
    title = str(data.get("title") or "").strip()
    basis = str(data.get("basis_document") or "").strip()
    if not title:
        errors["title"] = [_("Title: give the title of the standard.")]
    elif len(title) > 200:
        errors["title"] = [_("Title: at most 200 characters.")]
    if not basis:
        errors["basis_document"] = [_("Basis document: give the document that sets the "
                                      "standard (文号).")]  # fmt: skip
    elif len(basis) > 300:
        errors["basis_document"] = [_("Basis document: at most 300 characters.")]
    start = data.get("effective_from")
    if not isinstance(start, datetime.date):
        errors["effective_from"] = [_("In force from: give the day the version comes into "
                                      "force.")]  # fmt: skip
    else:
        problem = _start_error(body, start)
        if problem:
            errors["effective_from"] = [_("In force from: %(problem)s") % {"problem": problem}]
    items, item_errors = parse_items(data.get("items") or "")
    if item_errors:
        errors["items"] = item_errors
    elif not items:
        errors["items"] = [_("Discretion items: give at least one item.")]
    lenient, lenient_errors = parse_lenient(data.get("lenient") or "")
    if lenient_errors:
        errors["lenient"] = lenient_errors
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        last = (DiscretionStandard.objects.select_for_update().filter(body=body)
                .order_by("-version").first())  # fmt: skip
        standard = DiscretionStandard.objects.create(
            body=body, agency_id=body.agency_id, region_code=body.region_code, title=title,
            version=(last.version + 1) if last else 1, basis_document=basis,
            effective_from=start, created_by=actor if actor.is_authenticated else None,
        )  # fmt: skip
        DiscretionItem.objects.bulk_create([DiscretionItem(standard=standard, **r) for r in items])
        LenientEntry.objects.bulk_create([LenientEntry(standard=standard, **r) for r in lenient])
    return standard


def standard_publish(*, actor, standard: DiscretionStandard, published_on) -> DiscretionStandard:
    """Publish a drafted version (CF Art. 34: the standard is made public). The body's
    published version before it ends the day before this one comes into force."""
    if not may(actor, CHANGE, region_code=standard.region_code, agency_id=standard.agency_id):
        raise PermissionDenied(_("You may not set this body's discretion standard."))
    errors: dict[str, list[str]] = {}
    if standard.published_on is not None:
        errors["published_on"] = [_("Published on: this version is already published.")]
    elif not isinstance(published_on, datetime.date):
        errors["published_on"] = [_("Published on: give the day of publication.")]
    else:
        problem = _start_error(standard.body, standard.effective_from, standard.pk)
        if problem:
            errors["effective_from"] = [_("In force from: %(problem)s") % {"problem": problem}]
    InvalidInput.raise_for(errors)
    with acting(actor), transaction.atomic():
        previous = _latest_published(standard.body, standard.pk)
        if previous is not None:
            previous.effective_until = standard.effective_from - ONE_DAY
            previous.save(update_fields=["effective_until"])
        standard.published_on = published_on
        standard.save(update_fields=["published_on"])
    return standard


# -- reads --------------------------------------------------------------------------------------


def standard_on(body, day: datetime.date) -> DiscretionStandard | None:
    """The published version of `body`'s standard in force on `day` (None if none)."""
    return (DiscretionStandard.objects.filter(
        body=body, published_on__isnull=False, effective_from__lte=day)
        .exclude(effective_until__lt=day).order_by("-effective_from").first())  # fmt: skip


class Outcome:
    NOT_CHECKED = "not_checked"  # not a penalty, or no fine
    NO_STANDARD = "no_standard"  # no published standard in force on the decision day
    NO_ITEM = "no_item"  # the standard has no item for the decision's power
    INSIDE = "inside"
    BELOW = "below"
    ABOVE = "above"


@dataclass
class DiscretionCheck:
    outcome: str
    standard: DiscretionStandard | None = None
    items: list[DiscretionItem] = field(default_factory=list)
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    fine: Decimal | None = None
    day: datetime.date | None = None

    @property
    def flagged(self) -> bool:
        """Outside the standard's range: to be looked at in review."""
        return self.outcome in (Outcome.BELOW, Outcome.ABOVE)

    @property
    def reason(self) -> str:
        """The outcome in words (made when read: a bulk writer only needs `flagged`)."""
        values = {"fine": self.fine, "low": self.fine_min, "high": self.fine_max,
                  "standard": self.standard, "day": self.day}  # fmt: skip
        if self.outcome == Outcome.NOT_CHECKED:
            return _("Not checked: not a penalty with a fine.")
        if self.outcome == Outcome.NO_STANDARD:
            return _("No discretion standard of this body was in force on %(day)s.") % values
        if self.outcome == Outcome.NO_ITEM:
            return _("%(standard)s has no item for the power exercised.") % values
        if self.outcome == Outcome.BELOW:
            return _("The fine of %(fine)s yuan is below the range of %(low)s–%(high)s yuan in "
                     "%(standard)s.") % values  # fmt: skip
        if self.outcome == Outcome.ABOVE:
            return _("The fine of %(fine)s yuan is above the range of %(low)s–%(high)s yuan in "
                     "%(standard)s.") % values  # fmt: skip
        return _("The fine of %(fine)s yuan lies within the range of %(low)s–%(high)s yuan in "
                 "%(standard)s.") % values  # fmt: skip


class StandardsInForce:
    """The published versions of bodies' standards with their items, read once: for an import
    (`load`: one query for the versions, one for their items, whatever the rows), or per body
    on first use (a single report), or given in memory (`add`, the demo's bulk writer)."""

    def __init__(self) -> None:
        self._versions: dict[int, list[DiscretionStandard]] = {}  # body → newest start first
        self._items: dict[int, dict[str, list[DiscretionItem]]] = {}  # version → power code

    def load(self, bodies) -> None:
        """Every published version of `bodies` (a queryset of bodies) and its items."""
        for body in bodies:  # the caller's rows, already read (an import's bodies by name)
            self._versions.setdefault(body.pk, [])
        self._fetch(Q(body__in=bodies))

    def _fetch(self, where: Q) -> None:
        versions = DiscretionStandard.objects.filter(where, published_on__isnull=False)
        for standard in versions.order_by("body_id", "-effective_from"):
            self._versions.setdefault(standard.body_id, []).append(standard)
            self._items.setdefault(standard.pk, {})
        items = DiscretionItem.objects.filter(standard__in=versions.values("pk")).order_by("pk")
        for item in items:
            self._items.setdefault(item.standard_id, {}).setdefault(item.power_code, []).append(
                item
            )

    def add(self, standard: DiscretionStandard, items: list[DiscretionItem]) -> None:
        """A published version written by the caller, with its items (the demo)."""
        versions = self._versions.setdefault(standard.body_id, [])
        versions.append(standard)
        versions.sort(key=lambda s: s.effective_from, reverse=True)
        by_code = self._items.setdefault(standard.pk, {})
        for item in items:
            by_code.setdefault(item.power_code, []).append(item)

    def on(self, body_id: int, day: datetime.date) -> DiscretionStandard | None:
        """The version of the body's standard in force on `day` (as `standard_on`)."""
        if body_id not in self._versions:
            self._versions[body_id] = []
            self._fetch(Q(body_id=body_id))
        return next((s for s in self._versions[body_id] if s.effective_from <= day
                     and (s.effective_until is None or day <= s.effective_until)), None)  # fmt: skip

    def items(self, standard: DiscretionStandard | None, code: str) -> list[DiscretionItem]:
        if standard is None or not code:
            return []
        return self._items.get(standard.pk, {}).get(code, [])


def judge(decision, standard: DiscretionStandard | None, items: list) -> DiscretionCheck:
    """A penalty decision's fine against `items` (those of its power) of `standard`. Several
    items for one power (轻微/一般/严重) make one range, from the lowest minimum to the highest
    maximum. No standard is reported as such, not as an error."""
    fine = decision.fine_amount
    if decision.kind != "penalty" or fine is None:
        return DiscretionCheck(Outcome.NOT_CHECKED)
    if standard is None:
        return DiscretionCheck(Outcome.NO_STANDARD, day=decision.decided_on)
    if not items:
        return DiscretionCheck(Outcome.NO_ITEM, standard)
    low, high = min(i.fine_min for i in items), max(i.fine_max for i in items)
    outcome = Outcome.BELOW if fine < low else Outcome.ABOVE if fine > high else Outcome.INSIDE
    return DiscretionCheck(outcome, standard, items, low, high, fine, decision.decided_on)


def record_check(decision, standards: StandardsInForce | None = None, *,
                 code: str | None = None) -> DiscretionCheck:  # fmt: skip
    """Record on `decision` (not written here) the version of its body's standard in force on
    the decision day — for a penalty; none for the other kinds — and whether its fine lies
    outside that version's range for the power (`outside_standard`). Called when a decision is
    reported (enforcement.decision_services.check: the page, the API and the import alike);
    what it records stays, so a version published later does not change the check. `code`:
    the power's code when the caller has it (the demo), else read from `decision.power`."""
    standards = standards if standards is not None else StandardsInForce()
    standard = None
    if decision.kind == "penalty" and decision.decided_on is not None:
        standard = standards.on(decision.body_id, decision.decided_on)
    if code is None:
        code = decision.power.code if decision.power_id else ""
    check = judge(decision, standard, standards.items(standard, code))
    decision.discretion_standard = standard
    decision.outside_standard = check.flagged
    return check


def check_decision(decision) -> DiscretionCheck:
    """The check of a recorded penalty decision's fine (CF Art. 34) against the version of its
    body's standard recorded with it (`record_check`: the version in force on the decision day
    when it was reported), the items of its power (by power code) giving the range."""
    if decision.kind != "penalty" or decision.fine_amount is None:
        return judge(decision, None, [])
    standard = decision.discretion_standard
    code = decision.power.code if decision.power_id else ""
    items = list(standard.items.filter(power_code=code)) if standard is not None and code else []
    return judge(decision, standard, items)


def standards_for(user):
    """The versions `user` may see (drafts included), newest first."""
    return (DiscretionStandard.objects.restrict(user, "view").select_related("body")
            .order_by("body__name", "-version"))  # fmt: skip


def public_standards(day: datetime.date):
    """The versions on the portal: published on or before `day`."""
    return (DiscretionStandard.objects.filter(published_on__isnull=False, published_on__lte=day)
            .select_related("body").order_by("region_code", "body__name", "-version"))  # fmt: skip


@dataclass
class Recheck:
    """What `recheck_unrecorded` found: penalties looked at, versions now recorded, and of
    those the fines outside the range."""

    checked: int = 0
    recorded: int = 0
    outside: int = 0


def recheck_unrecorded(*, write: bool = True, batch: int = 2000) -> Recheck:
    """Record the version in force on the decision day for penalty decisions reported while no
    version of their body's standard was on record (CF Art. 34: a fine is weighed against the
    standard in force when it was decided) — typically past decisions imported before the
    body's standards. A decision that has a version keeps it and its check: a version published
    later never changes it (`record_check`), and no version can be backdated before a
    published one (`standard_publish`), so only decisions without one can gain one here.
    Written in bulk (the operator's `fazhi recheck_discretion`; no per-row audit entry);
    `write=False` only counts."""
    from enforcement.decision_models import Decision

    found = Recheck()
    standards = StandardsInForce()
    pending = (
        Decision.objects.filter(
            kind="penalty", discretion_standard__isnull=True, decided_on__isnull=False
        )
        .select_related("power")
        .order_by("pk")
    )
    last = 0
    while True:
        rows = list(pending.filter(pk__gt=last)[:batch])
        if not rows:
            return found
        last = rows[-1].pk
        changed = []
        for decision in rows:
            found.checked += 1
            record_check(decision, standards)
            if decision.discretion_standard_id is not None:
                changed.append(decision)
                found.outside += decision.outside_standard
        found.recorded += len(changed)
        if write and changed:
            with transaction.atomic():
                Decision.objects.bulk_update(
                    changed, ["discretion_standard", "outside_standard"], batch_size=500
                )
