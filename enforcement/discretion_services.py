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
    reason: str
    standard: DiscretionStandard | None = None
    items: list[DiscretionItem] = field(default_factory=list)
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None

    @property
    def flagged(self) -> bool:
        """Outside the standard's range: to be looked at in review."""
        return self.outcome in (Outcome.BELOW, Outcome.ABOVE)


def check_decision(decision) -> DiscretionCheck:
    """Check a penalty decision's fine against the items of its power (by power code) in the
    version of its body's standard in force on the decision day (CF Art. 34). Several items for
    one power (轻微/一般/严重) make one range, from the lowest minimum to the highest maximum.
    No standard in force is reported as such, not as an error."""
    if decision.kind != "penalty" or decision.fine_amount is None:
        return DiscretionCheck(Outcome.NOT_CHECKED,
                               _("Not checked: not a penalty with a fine."))  # fmt: skip
    standard = standard_on(decision.body, decision.decided_on)
    if standard is None:
        return DiscretionCheck(Outcome.NO_STANDARD, _(
            "No discretion standard of this body was in force on %(day)s.")
            % {"day": decision.decided_on})  # fmt: skip
    code = decision.power.code if decision.power_id else ""
    items = list(standard.items.filter(power_code=code)) if code else []
    if not items:
        return DiscretionCheck(Outcome.NO_ITEM, _(
            "%(standard)s has no item for the power exercised.") % {"standard": standard},
            standard)  # fmt: skip
    low, high = min(i.fine_min for i in items), max(i.fine_max for i in items)
    values = {"fine": decision.fine_amount, "low": low, "high": high, "standard": standard}
    if decision.fine_amount < low:
        return DiscretionCheck(Outcome.BELOW, _(
            "The fine of %(fine)s yuan is below the range of %(low)s–%(high)s yuan in "
            "%(standard)s.") % values, standard, items, low, high)  # fmt: skip
    if decision.fine_amount > high:
        return DiscretionCheck(Outcome.ABOVE, _(
            "The fine of %(fine)s yuan is above the range of %(low)s–%(high)s yuan in "
            "%(standard)s.") % values, standard, items, low, high)  # fmt: skip
    return DiscretionCheck(Outcome.INSIDE, _(
        "The fine of %(fine)s yuan lies within the range of %(low)s–%(high)s yuan in "
        "%(standard)s.") % values, standard, items, low, high)  # fmt: skip


def standards_for(user):
    """The versions `user` may see (drafts included), newest first."""
    return (DiscretionStandard.objects.restrict(user, "view").select_related("body")
            .order_by("body__name", "-version"))  # fmt: skip


def public_standards(day: datetime.date):
    """The versions on the portal: published on or before `day`."""
    return (DiscretionStandard.objects.filter(published_on__isnull=False, published_on__lte=day)
            .select_related("body").order_by("region_code", "body__name", "-version"))  # fmt: skip
