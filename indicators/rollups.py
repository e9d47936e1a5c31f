"""Monthly roll-ups: each roll-up-able measure's value per month and region code, stored.

Which measures are rolled up (`rollup_measures`): the numerator and denominator `Measure`s of
every declared indicator that is neither a `register` (what stood on the period's last day)
nor a `snapshot` (what stands now). What is left counts or sums rows by a date that lies
within the period (received, concluded, ruled on, held on), so a period made of whole months
is the sum of its months, and a jurisdiction the sum of its region codes. A new indicator of
another kind (a measure over the period that is not additive over months) must be declared a
register or a snapshot, or `check` will report it. Each distinct Measure is rolled up once,
under the key of the first indicator part that declares it ("mediation.received:numerator"
also serves the online share's denominator); keys follow registration order and the
indicator keys, so they are stable while the declarations are.

`refresh(months)` recomputes whole closed months: per month, one grouped statement per model
(every measure on that model a `COUNT/SUM … FILTER (WHERE …)` column, grouped by the full
region code), summed up to every jurisdiction prefix (`LEVELS`: the whole deployment, province,
city, county, township, full code), then the month's rows are replaced and the month recorded
as rolled up (`RollupMonth`), in one transaction. `check(prefix, period)` compares a prefix's
stored rows with the live grouped figures (indicators.grouped).

Reading (`fresh_months`, `stored`): `indicators.grouped.evaluate` takes every whole month of a
period that is rolled up and has no change since from the roll-ups (one query for the months,
one for the rows, whatever the jurisdiction's size) and computes the rest live: the open
month, a partial month at either end, and a month changed since its refresh.

Keeping them current (`note_change`, the signal receivers below): a change to a row a measure
counts — a save that alters a field a measure reads, a delete, past cases written in bulk
(mediation.history) — records the months of the row's dates, before and after, as
`RollupChange` rows in the writer's own transaction: inserts only, so writers never wait on
each other or on a refresh. A refresh deletes a month's changes first and then recomputes it,
so a change committed after that delete keeps the month live until the next refresh; no
interleaving serves a stale month. Run `fazhi rollups refresh --changed` often (each hour) and
the full refresh nightly; measured in docs/benchmarks.md.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import CharField, DecimalField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Substr
from django.utils import timezone

from core.regions import within
from indicators.grouped import statement
from indicators.models import Rollup, RollupChange, RollupMonth
from indicators.registry import Breakdown, Indicator, Measure, Period, registry

# The prefix lengths a roll-up row is stored for: the whole deployment, province, city,
# county, township and the full code (core.regions.PREFIX_LENGTH).
LEVELS = (0, 2, 4, 6, 9, 12)


def rollup_able(indicator: Indicator) -> bool:
    """Declared, and counting by dates within the period (see the module's docstring)."""
    return indicator.declared and not indicator.register and not indicator.snapshot


def rollup_measures() -> dict[str, tuple[Measure, Indicator, str]]:
    """{key: (measure, indicator, part)} for each distinct roll-up-able Measure, the part
    ("numerator" or "denominator") being the first indicator part that declares it."""
    out: dict[str, tuple[Measure, Indicator, str]] = {}
    seen: set[Measure] = set()
    for indicator in registry.all():
        if not rollup_able(indicator):
            continue
        for part in ("numerator", "denominator"):
            measure = getattr(indicator, part)
            if measure is None or measure in seen:
                continue
            seen.add(measure)
            out[f"{indicator.key}:{part}"] = (measure, indicator, part)
    return out


def rollup_breakdowns() -> dict[tuple[str, str], Measure]:
    """{(measure key, field): measure} for every breakdown of a roll-up-able measure by a
    column with choices (registry.Breakdown.rollup_able): its rows are stored as
    "<key>|<field>=<value>"."""
    keys = {measure: key for key, (measure, _i, _p) in rollup_measures().items()}
    out = {}
    for indicator in registry.all():
        for spec in indicator.breakdowns.values():
            if not (isinstance(spec, Breakdown) and spec.rollup_able):
                continue
            for measure in spec.measures():
                if measure in keys:
                    out[keys[measure], spec.field] = measure
    return out


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of every month from `first`'s to `last`'s, both included."""
    month, out = month_start(first), []
    while month <= last:
        out.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return out


def _period(month: datetime.date) -> Period:
    return Period.month(month.year, month.month)


def compute_month(month: datetime.date) -> list[Rollup]:
    """The unsaved rows of one month: one grouped statement per model (and region column)."""
    period = _period(month)
    by_model: dict[tuple[type, str], dict[str, Measure]] = defaultdict(dict)
    for key, (measure, _indicator, _part) in rollup_measures().items():
        by_model[measure.model, measure.region][key] = measure
    now = timezone.now()
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for (model, region), measures in by_model.items():
        aliases = {f"fz_{n}": key for n, key in enumerate(measures)}
        rows_counted, aggregates = statement(
            model, {alias: (measures[key], period) for alias, key in aliases.items()}
        )
        grouped = rows_counted.values(region).annotate(**aggregates).order_by()
        for row in grouped:
            code = row[region] or ""
            for alias, key in aliases.items():
                value = measures[key].finish(row[alias])
                if value:
                    for length in LEVELS:
                        if length <= len(code):
                            totals[key, code[:length]] += Decimal(value)
    by_field: dict[tuple[type, str, str], dict[str, Measure]] = defaultdict(dict)
    for (key, field), measure in rollup_breakdowns().items():
        by_field[measure.model, measure.region, field][key] = measure
    for (model, region, field), measures in by_field.items():
        aliases = {f"fz_{n}": key for n, key in enumerate(measures)}
        rows_counted, aggregates = statement(
            model, {alias: (measures[key], period) for alias, key in aliases.items()}
        )
        for row in rows_counted.values(region, field).annotate(**aggregates).order_by():
            code = row[region] or ""
            for alias, key in aliases.items():
                value = measures[key].finish(row[alias])
                if value:
                    name = f"{key}|{field}={row[field]}"
                    for length in LEVELS:
                        if length <= len(code):
                            totals[name, code[:length]] += Decimal(value)
    return [
        Rollup(measure=key, month=month, region_code=prefix, value=value, computed_at=now)
        for (key, prefix), value in sorted(totals.items())
        if value
    ]


def refresh(months: Iterable[datetime.date], progress=None) -> int:
    """Recompute the given closed months (any day of each) and replace their rows, all in one
    transaction (a reader sees the old rows or the new ones, never a mix); returns the number
    of rows written. `progress(month)` is called after each month (the command's bar). A month
    not yet ended is refused: it is always computed live."""
    written = 0
    months = sorted({month_start(m) for m in months})
    if months and months[-1] > last_closed_month():
        raise ValueError(f"{months[-1]:%Y-%m} has not ended; only closed months are rolled up")
    with transaction.atomic():
        for month in months:
            # The changes recorded so far are what this computation will see (module
            # docstring): delete them first, then compute.
            RollupChange.objects.filter(month=month).delete()
            started = timezone.now()
            rows = compute_month(month)
            Rollup.objects.filter(month=month).delete()
            Rollup.objects.bulk_create(rows, batch_size=5000)
            RollupMonth.objects.bulk_create(
                [RollupMonth(month=month, computed_at=started)],
                update_conflicts=True, unique_fields=["month"], update_fields=["computed_at"],
            )  # fmt: skip
            written += len(rows)
            if progress:
                progress(month)
    return written


def changed_months() -> list[datetime.date]:
    """Rolled-up months with a change since their refresh (`fazhi rollups refresh
    --changed`)."""
    changed = RollupChange.objects.filter(month=OuterRef("month"))
    return list(
        RollupMonth.objects.filter(Exists(changed))
        .order_by("month")
        .values_list("month", flat=True)
    )


def fresh_months(months: Iterable[datetime.date]) -> set[datetime.date]:
    """Those of `months` (first days) read from the roll-ups: rolled up, no change since."""
    return read([], months, [])[0]


def read(
    keys: Iterable[str],
    months: Iterable[datetime.date],
    prefixes: Iterable[str],
    key_prefixes: Iterable[str] = (),
):
    """(the fresh months among `months` — rolled up, no change since —, {(measure key, month,
    prefix): value} of their stored rows) in one query: the months and the rows as one UNION
    ALL. A fresh month without a row for a key and prefix counts 0 there."""
    months = list(months)
    if not months:
        return set(), {}
    changed = RollupChange.objects.filter(month=OuterRef("month"))
    fresh = RollupMonth.objects.filter(month__in=months).exclude(Exists(changed))
    blank = Value("", output_field=CharField())
    heads = fresh.values_list(blank, "month", blank, Value(None, output_field=DecimalField()))
    wanted = Q(measure__in=list(keys))
    for start in key_prefixes:  # a breakdown's rows: "<key>|<field>=<value>"
        wanted |= Q(measure__startswith=start)
    rows = Rollup.objects.filter(
        wanted,
        month__in=Subquery(fresh.values("month")),
        region_code__in=list(prefixes),
    ).values_list("measure", "month", "region_code", "value")
    out_months, values = set(), {}
    for key, month, prefix, value in heads.union(rows, all=True):
        if key == "" and value is None:
            out_months.add(month)
        else:
            values[key, month, prefix] = value
    return out_months, values


@dataclass(frozen=True)
class Difference:
    measure: str
    stored: Decimal
    live: Decimal
    region_code: str = ""

    def __str__(self) -> str:
        where = f" [{self.region_code}]" if self.region_code else ""
        return f"{self.measure}{where}: roll-ups {self.stored}, live {self.live}"


def whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1


def check(prefix: str, period: Period) -> list[Difference]:
    """The stored rows of the jurisdiction `prefix` and of every jurisdiction under it (each
    level of `LEVELS`) for `period` (whole months) that do not add up to the live figure,
    computed from the cases (never from the roll-ups) in one GROUP BY per model and level;
    a live figure without rows and rows of a measure no longer declared are differences too.
    Empty when everything is equal."""
    if not whole_months(period):
        raise ValueError(f"{period} is not made of whole months")
    measures = rollup_measures()
    stored: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    rows = Rollup.objects.filter(month__gte=period.start, month__lte=period.end)
    if prefix:
        rows = rows.filter(region_code__startswith=prefix)
    for key, code, value in rows.values_list("measure", "region_code", "value").iterator():
        stored[key, code] += value
    live: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    lengths = [n for n in LEVELS if n >= len(prefix)]
    # (model, region column, breakdown field or None) -> {alias: (measure, row key)}
    groups: dict[tuple[type, str, str | None], dict[str, tuple[Measure, str]]] = defaultdict(dict)
    for key, (measure, _indicator, _part) in measures.items():
        group = groups[measure.model, measure.region, None]
        group[f"fz_{len(group)}"] = (measure, key)
    for (key, field), measure in rollup_breakdowns().items():
        group = groups[measure.model, measure.region, field]
        group[f"fz_{len(group)}"] = (measure, key)
    for (model, region, field), aliases in groups.items():
        counted, aggregates = statement(
            model, {alias: (measure, period) for alias, (measure, _key) in aliases.items()}
        )
        counted = counted.filter(within(region, prefix))
        by = ["fz_code", field] if field else ["fz_code"]
        for length in lengths:
            grouped = (
                counted.annotate(fz_code=Substr(region, 1, length) if length else Value(""))
                .values(*by)
                .annotate(**aggregates)
                .order_by()
            )
            for row in grouped:
                for alias, (measure, key) in aliases.items():
                    value = measure.finish(row[alias])
                    if value:
                        name = f"{key}|{field}={row[field]}" if field else key
                        live[name, row["fz_code"] or ""] += Decimal(value)
    differences = []
    for key, code in sorted(set(stored) | set(live)):
        got, want = stored.get((key, code), Decimal(0)), live.get((key, code), Decimal(0))
        if got != want:
            differences.append(Difference(key, got, want, code))
    return differences


def first_month() -> datetime.date | None:
    """The first month any roll-up-able row may count in: the earliest date or instant in the
    date columns of the measures' models (one query per model), not before 2000; None when
    there are no rows."""
    from django.db.models import DateField, DateTimeField, Min

    earliest = []
    for model in {measure.model for measure, _i, _p in rollup_measures().values()}:
        columns = [f.name for f in model._meta.concrete_fields
                   if isinstance(f, (DateField, DateTimeField))]  # fmt: skip
        if not columns:
            continue
        found = model._default_manager.aggregate(**{c: Min(c) for c in columns})
        for value in found.values():
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value).date()
            if value is not None:
                earliest.append(value)
    if not earliest:
        return None
    return month_start(max(min(earliest), datetime.date(2000, 1, 1)))


def last_closed_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the last month that has ended by `today` (default: the local date)."""
    today = today or timezone.localdate()
    return month_start(month_start(today) - datetime.timedelta(days=1))


# Keeping the roll-ups current -------------------------------------------------------------

_MISSING = object()
_tracked: tuple[tuple[str, ...], dict[type, tuple[str, ...]]] | None = None


def tracked() -> dict[type, tuple[str, ...]]:
    """{model: the attribute names its roll-up-able measures read} (the fields in their
    conditions, the summed column and the region column): a save that changes none of them
    changes no roll-up. Computed once the apps are loaded (again if the registry grows)."""
    global _tracked
    keys = tuple(registry.keys())
    if _tracked is not None and _tracked[0] == keys:
        return _tracked[1]
    names: dict[type, set[str]] = defaultdict(set)
    probe = Period.month(2000, 1)
    for measure, _indicator, _part in rollup_measures().values():
        fields = _lookup_fields(measure.where(probe)) | {measure.region}
        if measure.summed:
            fields.add(measure.summed)
        for name in fields:
            names[measure.model].add(measure.model._meta.get_field(name).attname)
    result = {model: tuple(sorted(attnames)) for model, attnames in names.items()}
    _tracked = (keys, result)
    return result


def _lookup_fields(condition: Q) -> set[str]:
    """The model fields a Q reads (the first part of each lookup)."""
    out = set()
    for child in condition.children:
        if isinstance(child, Q):
            out |= _lookup_fields(child)
        else:
            out.add(child[0].split("__")[0])
    return out


def months_of(model, values: dict[str, object]) -> set[datetime.date]:
    """The months of the date and datetime values among `values` (attribute → value)."""
    out = set()
    for value in values.values():
        if value is None or value is _MISSING:
            continue
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            out.add(month_start(value))
    return out


def note_change(months: Iterable[datetime.date]) -> None:
    """Record that rows counted in these months changed (see the module's docstring); a
    month not rolled up needs nothing, but a row costs less than the query to find out."""
    months = sorted({month_start(m) for m in months})
    if months:
        RollupChange.objects.bulk_create([RollupChange(month=m) for m in months])


def note_rows(model, rows: Iterable) -> None:
    """For writers in bulk (bulk_create, COPY): record the months of the rows written."""
    fields = tracked().get(model)
    if not fields:
        return
    months: set[datetime.date] = set()
    for row in rows:
        months |= months_of(model, {a: row.__dict__.get(a, _MISSING) for a in fields})
    note_change(months)


def _values(instance, fields) -> dict[str, object]:
    return {attname: instance.__dict__.get(attname, _MISSING) for attname in fields}


def _fields_of(sender) -> tuple[str, ...] | None:
    from django.apps import apps

    if not apps.ready:
        return None
    return tracked().get(sender)


def remember(sender, instance, **kwargs) -> None:
    """post_init: what the row held when loaded, to tell on save whether a measure's field
    changed."""
    fields = _fields_of(sender)
    if fields:
        instance._rollup_seen = _values(instance, fields)


def before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save: an update of a row loaded with some fields deferred reads them first."""
    fields = _fields_of(sender)
    if not fields or instance._state.adding or instance.pk is None:
        return
    seen = getattr(instance, "_rollup_seen", None)
    if seen is None or any(v is _MISSING for v in seen.values()):
        old = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
        instance._rollup_seen = old or {}


def after_save(sender, instance, created=False, **kwargs) -> None:
    """post_save: record the months of the row's dates, before and after, when a field a
    measure reads has changed (or the row is new)."""
    fields = _fields_of(sender)
    if not fields:
        return
    now = _values(instance, fields)
    seen = getattr(instance, "_rollup_seen", None) or {}
    if not created and all(seen.get(a, _MISSING) == v for a, v in now.items()):
        return
    instance._rollup_seen = now
    note_change(months_of(sender, now) | months_of(sender, seen))


def after_delete(sender, instance, **kwargs) -> None:
    fields = _fields_of(sender)
    if fields:
        note_change(months_of(sender, _values(instance, fields)))


def connect(model) -> None:
    """Connect the receivers for a model a roll-up-able measure counts (called by
    `Registry.register`). Only for those models: a delete receiver on every model would cost
    every other model Django's fast delete."""
    from django.db.models import signals

    uid = f"rollups.{model._meta.label}"
    signals.post_init.connect(remember, sender=model, dispatch_uid=f"{uid}.remember")
    signals.pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}.before_save")
    signals.post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}.after_save")
    signals.post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}.after_delete")
