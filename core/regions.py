"""The 12-digit statistical division codes and the jurisdiction-prefix rule (DESIGN.md).

A code has 2 province, 2 city, 2 county, 3 township and 3 village digits. Its significant
prefix is the jurisdiction: 44 Guangdong, 4401 Guangzhou, 440105 Haizhu, 440105001 a street.
Every scoped row stores the full code of its unit, so "my jurisdiction" is a prefix match.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CODE_RE = re.compile(r"^\d{12}$")


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County / district")
    TOWNSHIP = 4, _("Township / street")
    VILLAGE = 5, _("Village / community")


PREFIX_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


def normalize_code(raw: str) -> str:
    """Pad a 2/4/6/9/12-digit code to 12 digits; refuse anything else."""
    code = str(raw).strip()
    if not code.isdigit() or len(code) not in (2, 4, 6, 9, 12):
        raise ValidationError(
            _("A region code has 2, 4, 6, 9 or 12 digits; got “%(code)s”."),
            params={"code": raw},
            code="region_code",
        )
    return code.ljust(12, "0")


def level_of(code: str) -> RegionLevel:
    if not CODE_RE.match(code):
        raise ValidationError(_("A region code has 12 digits."), code="region_code")
    if code[2:] == "0" * 10:
        return RegionLevel.PROVINCE
    if code[4:] == "0" * 8:
        return RegionLevel.CITY
    if code[6:] == "0" * 6:
        return RegionLevel.COUNTY
    if code[9:] == "000":
        return RegionLevel.TOWNSHIP
    return RegionLevel.VILLAGE


def jurisdiction_prefix(code: str) -> str:
    """The significant prefix of a 12-digit code: what every code below it starts with."""
    return code[: PREFIX_LENGTH[level_of(code)]]


def ancestor_codes(code: str) -> list[str]:
    """Codes of the levels above `code`, nearest first (they may not all exist as regions)."""
    level = level_of(code)
    result = []
    for upper in sorted(PREFIX_LENGTH, reverse=True):
        if upper < level:
            result.append(code[: PREFIX_LENGTH[upper]].ljust(12, "0"))
    return [c for c in result if c != code]


def validate_region_code(value: str) -> None:
    if not CODE_RE.match(value or ""):
        raise ValidationError(_("A region code has 12 digits."), code="region_code")


def within(field: str, prefix: str):
    """Q for "`field` lies in the jurisdiction `prefix`", written as a range so that a plain
    B-tree index serves it on PostgreSQL (whose LIKE 'x%' needs text_pattern_ops or the C
    collation) and on SQLite (whose LIKE is case-insensitive and skips indexes). Codes are
    digits, and ':' sorts right after '9'."""
    from django.db.models import Q

    return Q(**{f"{field}__gte": prefix, f"{field}__lt": f"{prefix}:"})
