"""Case numbers (案号) per organisation, series and year, gap-free under concurrent creation.

The sequence row is locked (SELECT … FOR UPDATE) inside the transaction that creates the case:
two creations for the same organisation and year queue on that row, and a creation that fails
rolls its number back with it, so the numbers issued are 1, 2, 3 … without holes.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
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
    return issue_blocks(
        {(organization, year): count}, series=series, default_pattern=default_pattern
    )[organization, year]


def issue_blocks(
    counts: dict[tuple, int], *, series: str, default_pattern: str
) -> dict[tuple, list[tuple[str, int]]]:
    """`issue_block` for many (organisation, year) keys at once (imports of many units): one
    insert of the missing sequence rows, one locking read, one read of the numbering rules and
    one UPDATE per distinct block size, instead of four statements per key. The rows are
    locked in id order, so two such calls cannot deadlock on each other, and a creation
    (`issue`) locks one row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case numbers are issued inside the creating transaction")
    if not counts:
        return {}
    NumberSequence.objects.bulk_create(
        [NumberSequence(organization=org, series=series, year=year, last=0)
         for org, year in counts],
        ignore_conflicts=True,
    )  # fmt: skip
    by_year: dict[int, set[int]] = {}
    for org, year in counts:
        by_year.setdefault(year, set()).add(org.pk)
    wanted = Q()
    for year, org_ids in by_year.items():
        wanted |= Q(year=year, organization_id__in=org_ids)
    sequences = {
        (s.organization_id, s.year): s
        for s in NumberSequence.objects.select_for_update().filter(wanted, series=series)
        .order_by("pk").only("pk", "organization_id", "year", "last")
    }  # fmt: skip
    patterns = dict(
        NumberingRule.objects.filter(
            organization_id__in={org.pk for org, _y in counts}, series=series
        ).values_list("organization_id", "pattern")
    )
    issued = {}
    for (org, year), count in counts.items():
        sequence = sequences[org.pk, year]
        first = sequence.last + 1
        sequence.last += count
        pattern = patterns.get(org.pk, default_pattern)
        abbr = org.short_name or org.name
        issued[org, year] = [
            (render(pattern, year=year, seq=seq, abbr=abbr), seq)
            for seq in range(first, first + count)
        ]
    # One UPDATE per distinct block size (a few), not a CASE over every row (bulk_update).
    by_count: dict[int, list[int]] = {}
    for (org, year), count in counts.items():
        by_count.setdefault(count, []).append(sequences[org.pk, year].pk)
    for count, pks in by_count.items():
        NumberSequence.objects.filter(pk__in=pks).update(last=F("last") + count)
    return issued
