"""`fazhi rollups refresh [--since YYYY-MM | --month YYYY-MM | --changed]` and
`fazhi rollups check [--region CODE] [--year YYYY]` (indicators.rollups).

`refresh` recomputes the monthly roll-ups, by default every month from the earliest row to the
last closed month (run it nightly); `--since` from a month to the last closed month, `--month`
one month, `--changed` the months a change has made stale since their refresh (run it hourly:
until then those months are computed live). `check` compares the roll-ups of a jurisdiction (default: every province in the
rows) for a year's closed months (default: every closed month since the first) with the live
figures, and exits with status 1 listing the differences if any."""

from __future__ import annotations

import datetime
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from core.models import Region
from indicators.compute import region_prefix
from indicators.registry import Period
from indicators.rollups import (
    changed_months,
    check,
    first_month,
    last_closed_month,
    months_between,
    refresh,
)


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise CommandError(_("“%(value)s” is not a month (YYYY-MM).") % {"value": value}) from None


class Command(BaseCommand):
    help = "Refresh the monthly roll-ups of the indicators, or check them against live figures."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        refresh_parser = commands.add_parser("refresh", help="Recompute monthly roll-ups.")
        refresh_parser.add_argument("--since", help="From this month (YYYY-MM) on.")
        refresh_parser.add_argument("--month", help="Only this month (YYYY-MM).")
        refresh_parser.add_argument(
            "--changed", action="store_true", help="Only months changed since their refresh."
        )
        check_parser = commands.add_parser("check", help="Compare roll-ups with live figures.")
        check_parser.add_argument("--region", help="Region code (2–12 digits).")
        check_parser.add_argument("--year", type=int)

    def handle(self, *args, action, **options):
        if action == "refresh":
            self._refresh(options.get("since"), options.get("month"), options.get("changed"))
        else:
            self._check(options.get("region"), options.get("year"))

    def _refresh(self, since: str | None, month: str | None, changed: bool = False) -> None:
        last = last_closed_month()
        if changed:
            months = changed_months()
        elif month:
            months = [_month(month)]
            if months[0] > last:
                raise CommandError(_("Only closed months are rolled up; %(month)s is not closed.")
                                   % {"month": month})  # fmt: skip
        else:
            first = _month(since) if since else first_month()
            months = months_between(first, last) if first else []
        if not months:
            self.stdout.write(_("No closed month to refresh."))
            return
        with tqdm(total=len(months), unit="month", file=sys.stderr,
                  disable=not sys.stderr.isatty()) as bar:  # fmt: skip
            written = refresh(months, progress=lambda m: bar.update(1))
        self.stdout.write(
            _("%(months)s months refreshed, %(rows)s roll-up rows written.")
            % {"months": len(months), "rows": written}
        )

    def _check(self, region: str | None, year: int | None) -> None:
        if region:
            try:
                _place, prefix = region_prefix(region)
            except (ValidationError, Region.DoesNotExist):
                raise CommandError(
                    _("Unknown region code “%(code)s”.") % {"code": region}
                ) from None
            prefixes = [prefix]
        else:
            # Every province: a province with live rows and no roll-ups must differ too.
            provinces = Region.objects.filter(code__endswith="0" * 10)
            prefixes = sorted({code[:2] for code in provinces.values_list("code", flat=True)})
        last = last_closed_month()
        end = (last + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        if year is not None:
            if not 2000 <= year <= 2100:
                raise CommandError(_("The year must lie between 2000 and 2100."))
            start = datetime.date(year, 1, 1)
            end = min(end, datetime.date(year, 12, 31))
        else:
            start = first_month() or end.replace(day=1)
        if start > end:
            raise CommandError(_("No closed month in the period asked for."))
        period = Period(start, end)
        differences = [(prefix, d) for prefix in prefixes for d in check(prefix, period)]
        if differences:
            self.stdout.write(
                _("Roll-ups differ from the live figures (%(start)s to %(end)s):")
                % {"start": period.start, "end": period.end}
            )
            for prefix, difference in differences:
                self.stdout.write(f"  {prefix} {difference}")
            sys.exit(1)
        self.stdout.write(_("roll-ups equal the live figures"))
