"""Case numbers (案号) per organisation, series and year, gap-free under concurrent creation.

The sequence row is locked (SELECT … FOR UPDATE) inside the transaction that creates the case:
two creations for the same organisation and year queue on that row, and a creation that fails
rolls its number back with it, so the numbers issued are 1, 2, 3 … without holes.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import NumberingRule, NumberSequence

PLACEHOLDERS = {"year", "seq", "abbr"}


def validate_pattern(pattern: str) -> None:
    try:
        fields = {name for _t, name, _f, _c in string.Formatter().parse(pattern) if name}
        render(pattern, year=2026, seq=1, abbr="")
    except (ValueError, KeyError, IndexError) as exc:
        raise ValidationError(_("The pattern cannot be read: %(error)s") % {"error": exc}) from exc
    unknown = fields - PLACEHOLDERS
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s; use {year}, {seq} and {abbr}.")
            % {"names": ", ".join(sorted(unknown))}
        )
    if "seq" not in fields:
        raise ValidationError(_("The pattern must contain {seq}."))


def render(pattern: str, *, year: int, seq: int, abbr: str) -> str:
    return pattern.format(year=year, seq=seq, abbr=abbr)


def pattern_for(organization, series: str, default: str) -> str:
    rule = NumberingRule.objects.filter(organization=organization, series=series).first()
    return rule.pattern if rule else default


def issue(organization, *, series: str, year: int, default_pattern: str) -> tuple[str, int]:
    """Take the next number; call inside the transaction that saves the case."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case numbers are issued inside the creating transaction")
    NumberSequence.objects.bulk_create(
        [NumberSequence(organization=organization, series=series, year=year, last=0)],
        ignore_conflicts=True,
    )
    sequence = NumberSequence.objects.select_for_update().get(
        organization=organization, series=series, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    abbr = organization.short_name or organization.name
    number = render(
        pattern_for(organization, series, default_pattern), year=year, seq=sequence.last, abbr=abbr
    )
    return number, sequence.last


def issue_block(
    organization, *, series: str, year: int, count: int, default_pattern: str
) -> list[tuple[str, int]]:
    """Take `count` consecutive numbers at once (bulk imports); same locking as `issue`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case numbers are issued inside the creating transaction")
    NumberSequence.objects.bulk_create(
        [NumberSequence(organization=organization, series=series, year=year, last=0)],
        ignore_conflicts=True,
    )
    sequence = NumberSequence.objects.select_for_update().get(
        organization=organization, series=series, year=year
    )
    first = sequence.last + 1
    sequence.last += count
    sequence.save(update_fields=["last"])
    pattern = pattern_for(organization, series, default_pattern)
    abbr = organization.short_name or organization.name
    return [
        (render(pattern, year=year, seq=seq, abbr=abbr), seq) for seq in range(first, first + count)
    ]
