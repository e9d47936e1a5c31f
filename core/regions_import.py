"""Loading region tables: validate every row first, write nothing unless all are valid."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Region
from core.regions import PREFIX_LENGTH, ancestor_codes, level_of, normalize_code

DEFAULT_FILE = Path(__file__).parent / "data" / "regions_guangdong.csv"


@dataclass
class RowError:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("%(file)s row %(row)s, column “%(column)s”: %(reason)s") % {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


class RegionImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def read_rows(paths: Iterable[Path]) -> tuple[dict[str, str], list[RowError]]:
    """Return {12-digit code: name} for all files, and every problem found."""
    found: dict[str, str] = {}
    errors: list[RowError] = []
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            if "code" not in header or "name" not in header:
                errors.append(
                    RowError(
                        path.name,
                        1,
                        "code/name",
                        _("the header must name the columns code and name"),
                    )
                )
                continue
            reader.fieldnames = header
            for number, row in enumerate(reader, start=2):
                raw_code = (row.get("code") or "").strip()
                name = (row.get("name") or "").strip()
                try:
                    code = normalize_code(raw_code)
                except ValidationError as exc:
                    errors.append(RowError(path.name, number, "code", exc.messages[0]))
                    continue
                if not name:
                    errors.append(RowError(path.name, number, "name", _("the name is empty")))
                    continue
                if len(name) > 64:
                    errors.append(
                        RowError(
                            path.name, number, "name", _("the name is longer than 64 characters")
                        )
                    )
                    continue
                # A prefecture city without counties (东莞 4419, 中山 4420) is listed again as a
                # county with the same 12-digit code: the first listing wins.
                found.setdefault(code, name)
    return found, errors


@transaction.atomic
def import_regions(paths: Iterable[Path], *, progress=None) -> dict[str, int]:
    paths = [Path(p) for p in paths]
    rows, errors = read_rows(paths)
    existing = dict(Region.objects.values_list("code", "name"))
    known = set(existing) | set(rows)
    for code in rows:
        parents = [c for c in ancestor_codes(code) if c in known]
        if level_of(code) > 1 and not parents:
            errors.append(
                RowError(
                    "-", 0, "code", _("%(code)s has no parent region in the data") % {"code": code}
                )
            )
    if errors:
        raise RegionImportError(errors)
    created = updated = 0
    new_regions = []
    for code in sorted(rows, key=lambda c: (level_of(c), c)):
        level = level_of(code)
        parent = next((c for c in ancestor_codes(code) if c in known), None)
        if code in existing:
            if existing[code] != rows[code]:
                Region.objects.filter(code=code).update(name=rows[code])
                updated += 1
            continue
        new_regions.append(
            Region(
                code=code,
                name=rows[code],
                level=level,
                parent_id=parent,
                prefix=code[: PREFIX_LENGTH[level]],
            )
        )
    # Parents precede children in `new_regions`, so batches can be inserted in order.
    batch = 2000
    for start in range(0, len(new_regions), batch):
        Region.objects.bulk_create(new_regions[start : start + batch])
        created += len(new_regions[start : start + batch])
        if progress:
            progress(len(new_regions[start : start + batch]))
    return {"created": created, "updated": updated, "total": len(rows)}
