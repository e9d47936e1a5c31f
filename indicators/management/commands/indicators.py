"""`fazhi indicators --region CODE --year YYYY [--json] [--by-child] [--key K ...]`.

A year not yet over is computed to today and compared with the same span of the previous
year; the text names the span (2026年1—11月) and --json gives it as `period`."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.models import Region
from indicators.compute import (
    children_json,
    children_of,
    compute,
    period_json,
    region_prefix,
)
from indicators.registry import Period, registry


class Command(BaseCommand):
    help = (
        "Compute the indicators of a jurisdiction for a year (to today if the year has not "
        "ended), with the same span of the previous year."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="Region code (2–12 digits).")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--by-child", action="store_true", help="Add each child region.")
        parser.add_argument("--key", action="append", dest="keys", help="Only these keys.")

    def handle(self, *args, region, year, json: bool = False, by_child=False, keys=None, **opts):
        try:
            place, prefix = region_prefix(region)
        except (ValidationError, Region.DoesNotExist):
            raise CommandError(_("Unknown region code “%(code)s”.") % {"code": region}) from None
        if not 2000 <= year <= 2100:
            raise CommandError(_("The year must lie between 2000 and 2100."))
        unknown = [k for k in keys or [] if k not in registry.keys()]
        if unknown:
            raise CommandError(_("Unknown indicator: %(keys)s.") % {"keys": ", ".join(unknown)})
        asked = Period.year(year)
        period = asked.as_of()
        result = {
            "region": region,
            "year": year,
            "period": period_json(asked, period),
            "indicators": compute(prefix, period, keys),
        }
        if by_child:
            children = children_of(place)
            prefixes = [child.prefix or child.code for child in children]
            result["children"] = children_json(children, prefixes, period, keys)
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(
            _("%(place)s %(period)s (%(start)s to %(end)s), compared with %(previous)s")
            % {"place": place.full_name, "period": period.label(), "start": period.start,
               "end": period.end, "previous": period.previous_year().label()}
        )  # fmt: skip
        now = _("now (as of today)")
        for key, row in result["indicators"].items():
            tail = f"  [{now}]" if row["snapshot"] else f"  ← {row['previous']}"
            self.stdout.write(f"  {row['name']} ({key}): {row['value']} {row['unit']}{tail}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
