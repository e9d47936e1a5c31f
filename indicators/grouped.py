"""Declared indicators in grouped queries: one statement per model, all sent as one query.

Every `Measure` asked for (an indicator's numerator or denominator, for one period) becomes one
aggregate column, `COUNT(*) FILTER (WHERE …)` or `SUM(x) FILTER (WHERE …)`; the columns on the
same model (and region column) go into one statement whose WHERE is the jurisdiction and the OR
of the columns' conditions, so an index on (region_code, date) serves each part. A measure
shared by two indicators (disputes received: a count, and the online share's denominator) is
one column. For several jurisdictions of one depth (the children of a region) the same
statement is grouped by the first n characters of the region code: one query whatever the
number of children. The statements of every model (and prefix length) are then sent together,
as one UNION ALL (`BATCHED`, `_batched`): an evaluation takes the same number of queries
whatever the number of business lines and models; each model's compiled statement is kept
for the next evaluation of the same conditions (`KEPT_STATEMENTS`). Indicators whose parts
are plain functions are computed one by one.

Closed months come from the monthly roll-ups (indicators.rollups) where they are fresh: a
measure over a period is then the stored rows of its whole fresh months (one query for all
measures, months and prefixes) plus a live column for each remaining span (the open month, a
partial month, a month changed since its refresh) in the same grouped statement as before.

`evaluate` is the engine; `with_previous` adds the same span a year earlier (同比), leaving it
out for snapshots.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Substr

from core.regions import within
from indicators.registry import Figure, Indicator, Measure, Period

Request = tuple[Indicator, Period]
Results = dict[str, dict[tuple[str, Period], Figure]]

# True: every model's grouped statement in one UNION ALL (`_batched`), so that an evaluation
# asks as many queries whatever the number of business lines and models. False: one statement
# per model and prefix length, as before; kept for debugging and as the path the tests compare
# the batched one with (same figures, value for value).
BATCHED = True


def evaluate(requests: Iterable[Request], prefixes: list[str], *, rollups: bool = True) -> Results:
    """{prefix: {(key, period): Figure}} for every (indicator, period) asked for and every
    jurisdiction prefix: the fresh closed months from the roll-ups (one query), the rest in
    one grouped statement per model of the declared measures, all in one query (whatever the
    number of indicators, periods, models and prefixes), then each undeclared indicator's
    own. `rollups=False` computes everything from the cases (what `fazhi rollups check`
    compares with)."""
    requests = list(requests)
    prefixes = list(dict.fromkeys(prefixes))
    if not prefixes:
        return {}
    plan, stored = _plan(requests, prefixes) if rollups else ({}, {})
    columns: dict[tuple[Measure, Period], str] = {}
    by_model: dict[tuple[type, str], dict[str, tuple[Measure, Period]]] = defaultdict(dict)
    for indicator, period in requests:
        if not indicator.declared:
            continue
        for measure in indicator.measures():
            _key, _months, live = plan.get((measure, period)) or (None, [], [period])
            for span in live:
                if (measure, span) not in columns:
                    alias = f"fz_{len(columns)}"
                    columns[measure, span] = alias
                    by_model[measure.model, measure.region][alias] = (measure, span)
    values = _aggregate(by_model, prefixes)

    def part(measure, prefix, period):
        key, months, live = plan.get((measure, period)) or (None, [], [period])
        total = sum(
            (measure.finish(values[prefix].get(columns[measure, span])) for span in live),
            start=measure.finish(None),
        )
        for month in months:
            value = stored.get((key, month, prefix))
            if value:
                total += value if measure.summed else int(value)
        return total

    results: Results = {prefix: {} for prefix in prefixes}
    for indicator, period in requests:
        for prefix in prefixes:
            if not indicator.declared:
                figure = indicator.compute_single(prefix, period)
            else:
                numerator = part(indicator.numerator, prefix, period)
                denominator = (
                    part(indicator.denominator, prefix, period) if indicator.denominator else None
                )
                figure = Figure.of(indicator, numerator, denominator)
            results[prefix][indicator.key, period] = figure
    return results


def _plan(requests: list[Request], prefixes: list[str]):
    """({(measure, period): (roll-up key, fresh whole months, live spans)} for the roll-up-able
    measures asked for, the stored rows they read), in one query (`rollups.read`), when every
    prefix is one the roll-ups store and a period holds a closed month; ({}, {}) otherwise."""
    from indicators import rollups

    if any(len(prefix) not in rollups.LEVELS for prefix in prefixes):
        return {}, {}
    keys = {measure: key for key, (measure, _i, _p) in rollups.rollup_measures().items()}
    wanted: dict[tuple[Measure, Period], str] = {}
    candidates: set = set()
    last = rollups.last_closed_month()
    for indicator, period in requests:
        if not (indicator.declared and rollups.rollup_able(indicator)):
            continue
        for measure in indicator.measures():
            if measure in keys:
                wanted[measure, period] = keys[measure]
                candidates.update(_closed_months(period, last))
    if not candidates:
        return {}, {}
    fresh, stored = rollups.read(set(wanted.values()), candidates, prefixes)
    if not fresh:
        return {}, {}
    plan = {(measure, period): (key, *_split(period, fresh))
            for (measure, period), key in wanted.items()}  # fmt: skip
    return plan, stored


def _closed_months(period: Period, last=None) -> list:
    """The period's whole months that have ended (by `last`, the last closed month: by default
    the local date's): what the roll-ups may hold."""
    from indicators.rollups import last_closed_month

    last = last or last_closed_month()
    return [month for month in _whole_months(period) if month <= last]


def _whole_months(period: Period) -> list:
    from indicators.rollups import month_start, months_between

    return [
        month
        for month in months_between(period.start, period.end)
        if month >= period.start and _month_last(month) <= period.end
    ] if month_start(period.start) <= period.end else []  # fmt: skip


def _month_last(month):
    import datetime

    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _split(period: Period, fresh: set) -> tuple[list, list[Period]]:
    """(the period's whole months read from the roll-ups, the spans left to count live)."""
    import datetime

    from indicators.rollups import months_between

    months, live, run = [], [], None
    for month in months_between(period.start, period.end):
        whole = month >= period.start and _month_last(month) <= period.end
        if whole and month in fresh:
            if run is not None:
                live.append(Period(run, month - datetime.timedelta(days=1)))
                run = None
            months.append(month)
        elif run is None:
            run = max(month, period.start)
    if run is not None:
        live.append(Period(run, period.end))
    return months, live


def _aggregate(by_model, prefixes: list[str]) -> dict[str, dict[str, object]]:
    """{prefix: {alias: raw value}} of every model's grouped statement: one statement for all
    of them when `BATCHED` (`_batched`), one per model and prefix length otherwise. A prefix
    without rows is left out of a branch's rows: its counts are 0, its sums NULL."""
    values: dict[str, dict[str, object]] = defaultdict(dict)
    if BATCHED:
        rows = _batched(by_model, prefixes)
    else:
        rows = _one_by_one(_all_branches(by_model, prefixes))
    for single, wanted, key, row in rows:
        prefix = single if single is not None else key
        if prefix in wanted:
            values[prefix].update(row)
    return values


@dataclass(frozen=True)
class _Branch:
    """One model's grouped statement for one prefix length, not yet run: `rows` gives a key
    column `fz_child` (the region code's first n characters; a constant for a single prefix)
    and one aggregate column per alias of `aliases`."""

    rows: QuerySet
    aliases: tuple[str, ...]
    wanted: frozenset[str]  # the prefixes asked for that its keys may name
    single: str | None = None  # one prefix: no GROUP BY, its one row is that prefix's


def _all_branches(by_model, prefixes: list[str]) -> list[_Branch]:
    return [branch for (model, region), group in by_model.items()
            for branch in _branches(model, region, group, prefixes)]  # fmt: skip


def _branches(model, region: str, group: dict[str, tuple[Measure, Period]], prefixes: list[str]):
    """The model's statement for one prefix (a constant key and no GROUP BY: what
    `.aggregate()` asks) or, for several, one GROUP BY per prefix length."""
    rows, aggregates = statement(model, group)
    aliases = tuple(aggregates)
    if len(prefixes) == 1:
        (prefix,) = prefixes
        one = (
            rows.filter(within(region, prefix))
            .annotate(fz_child=Value(prefix, output_field=CharField()))
            .values("fz_child")
            .annotate(**aggregates)
            .order_by()
        )
        return [_Branch(one, aliases, frozenset(prefixes), prefix)]
    by_length: dict[int, list[str]] = defaultdict(list)
    for prefix in prefixes:
        by_length[len(prefix)].append(prefix)
    return [
        _Branch(
            rows.filter(within(region, _common_prefix(same)))
            .annotate(fz_child=Substr(region, 1, length))
            .values("fz_child")
            .annotate(**aggregates)
            .order_by(),
            aliases,
            frozenset(same),
        )
        for length, same in by_length.items()
    ]


def _one_by_one(branches: list[_Branch]):
    """(single, wanted, key, {alias: value}) for each row of each branch, one query each."""
    for branch in branches:
        for row in branch.rows.all():
            key = row.pop("fz_child")
            yield branch.single, branch.wanted, key, row


# The SQL type of a padding column, by the kind of aggregate it stands beside, so that
# PostgreSQL resolves each column of the UNION to the type the branch's own statement gives
# (it resolves a UNION's columns pair by pair, and NULL UNION NULL would be text). COUNT is a
# bigint; a SUM of integers (bigint or numeric) and of decimals (numeric) share numeric, which
# Django's converters turn back into the int or Decimal the statement on its own gives; a SUM
# of floats keeps its own column (numeric beside double precision would become a float).
_KINDS = {"c": "bigint", "n": "numeric", "f": "double precision"}
# SQLite refuses a compound SELECT of more terms than SQLITE_LIMIT_COMPOUND_SELECT (500 by
# default) or more parameters than SQLITE_LIMIT_VARIABLE_NUMBER; the statement is split below
# those (and below what PostgreSQL binds, 65,535): one more query per 500 branches.
_MAX_TERMS = 500
_MAX_PARAMS = 65535
# Building and compiling a model's statement is most of an evaluation's time when the rows
# are few (the open days of a dashboard): each compiled statement is kept for the next
# evaluation of the same columns, keyed by every condition (with its values) and prefix it
# was compiled from, so a date that moves (the clock's "today" in a snapshot's condition
# included) compiles anew, and a condition that does not compare equal to itself rebuilt
# (an Exists over a queryset) is compiled each time. Up to this many statements per process,
# the least recently used dropped first (a dashboard's tiles are one per model, some 40 KB
# each: 256 hold about nine dashboards, 10 MB); 0 compiles every time.
KEPT_STATEMENTS = 256
_kept: OrderedDict = OrderedDict()
_kept_lock = threading.Lock()


def _kind(expression) -> str | None:
    if isinstance(expression, Count):
        return "c"
    internal = expression.output_field.get_internal_type()
    if internal == "FloatField":
        return "f"
    if internal == "DecimalField" or internal.endswith("IntegerField"):
        return "n"
    return None  # another type of sum (a duration, …): run on its own


@dataclass
class _Term:
    """A branch compiled: its SQL and parameters, and per alias (kind, the resolved
    aggregate)."""

    using: str
    single: str | None
    wanted: frozenset[str]
    sql: str
    params: tuple
    columns: dict[str, tuple[str, object]]


@dataclass(frozen=True)
class _Statement:
    """One UNION ALL, ready to run: per term (single, wanted, [(alias, position,
    aggregate)])."""

    using: str
    sql: str
    params: tuple
    terms: tuple


def _batched(by_model, prefixes: list[str]):
    """(single, wanted, key, {alias: value}) for every row of every model's statement, from one
    UNION ALL per database: the branches' statements, each compiled by Django with its
    parameters (or kept from an evaluation of the same columns). Each term selects the
    branch's number, its key and its aggregates in columns shared by kind, NULL in the columns
    it does not fill; each value is converted as the branch's own statement converts it, so
    the figures are the ones the statements run one by one give (`BATCHED = False`)."""
    terms: dict[str, list[_Term]] = defaultdict(list)
    alone: list[_Branch] = []
    for (model, region), group in by_model.items():
        key = _key(model, region, group, prefixes) if KEPT_STATEMENTS else None
        with _kept_lock:
            compiled = _kept.get(key) if key is not None else None
            if compiled is not None:
                _kept.move_to_end(key)
        if compiled is None:
            compiled = [_compile(branch) for branch in _branches(model, region, group, prefixes)]
            if key is not None:
                with _kept_lock:
                    _kept[key] = compiled
                    while len(_kept) > KEPT_STATEMENTS:
                        _kept.popitem(last=False)
        for item in compiled:
            if isinstance(item, _Term):
                terms[item.using].append(item)
            elif item is not None:
                alone.append(item)
    yield from _one_by_one(alone)
    for using, same in terms.items():
        for chunk in _chunks(same, *_limits(connections[using])):
            yield from _run(_union(using, chunk))


def _key(model, region: str, group: dict[str, tuple[Measure, Period]], prefixes: list[str]):
    """What a model's compiled statements are a function of: the model, its region column,
    each column's summed field and conditions (with their values), and the prefixes; None
    when a condition holds a value that cannot be hashed."""
    columns = []
    for alias, (measure, period) in group.items():
        where = measure.where(period)
        rows = measure.rows_where(period) if measure.base is not None else where
        columns.append((alias, measure.summed, where, rows))
    columns = tuple(columns)
    key = (model, region, columns, tuple(prefixes))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _compile(branch: _Branch) -> _Term | _Branch | None:
    """The branch's statement compiled, with its parameters and its columns' converters; the
    branch itself when a column cannot share the UNION's columns (to run on its own); None
    when no row can match (every figure of the branch is 0)."""
    using = branch.rows.db
    compiler = branch.rows.query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    select = {alias: expression for expression, _sql, alias in compiler.select}
    columns = {}
    for alias in branch.aliases:
        kind = _kind(select[alias])
        if kind is None:
            return branch
        columns[alias] = (kind, select[alias])
    return _Term(using, branch.single, branch.wanted, sql, tuple(params), columns)


def _limits(connection) -> tuple[int, int]:
    """(the most terms, the most parameters) of one compound statement on this database."""
    terms, params = _MAX_TERMS, _MAX_PARAMS
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        raw = connection.connection
        terms = min(terms, raw.getlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT))
        params = min(params, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return terms, params


def _chunks(terms: list[_Term], most_terms: int, most_params: int):
    chunk: list[_Term] = []
    count = 0
    for term in terms:
        if chunk and (len(chunk) >= most_terms or count + len(term.params) > most_params):
            yield chunk
            chunk, count = [], 0
        chunk.append(term)
        count += len(term.params)
    if chunk:
        yield chunk


def _union(using: str, chunk: list[_Term]) -> _Statement:
    """The chunk's terms as one UNION ALL: the term's number, its key, then its aggregates in
    the columns of their kind (the first count in the first count column, …), NULL cast to
    the kind's type in the others."""
    quote = connections[using].ops.quote_name
    width = {kind: 0 for kind in _KINDS}
    slots: list[dict[str, tuple[str, int]]] = []  # per term: alias -> (kind, n)
    for term in chunk:
        used = {kind: 0 for kind in _KINDS}
        placed = {}
        for alias, (kind, _expression) in term.columns.items():
            placed[alias] = (kind, used[kind])
            used[kind] += 1
        slots.append(placed)
        for kind, n in used.items():
            width[kind] = max(width[kind], n)
    order = [(kind, n) for kind in _KINDS for n in range(width[kind])]
    position = {slot: 2 + i for i, slot in enumerate(order)}
    parts, params, decode = [], [], []
    for number, (term, placed) in enumerate(zip(chunk, slots, strict=True)):
        filled = {slot: alias for alias, slot in placed.items()}
        key = "CAST(NULL AS text)" if term.single is not None else f"fz_b.{quote('fz_child')}"
        columns = [
            f"fz_b.{quote(filled[kind, n])}"
            if (kind, n) in filled
            else f"CAST(NULL AS {_KINDS[kind]})"
            for kind, n in order
        ]
        parts.append(f"SELECT {', '.join([str(number), key, *columns])} FROM ({term.sql}) fz_b")
        params.extend(term.params)
        decode.append((term.single, term.wanted, tuple(
            (alias, position[slot], term.columns[alias][1]) for alias, slot in placed.items()
        )))  # fmt: skip
    return _Statement(using, " UNION ALL ".join(parts), tuple(params), tuple(decode))


def _run(statement_: _Statement):
    """(single, wanted, key, {alias: converted value}) for each row of one UNION ALL."""
    connection = connections[statement_.using]
    with connection.cursor() as cursor:
        cursor.execute(statement_.sql, statement_.params)
        fetched = cursor.fetchall()
    converters = {}  # the connection's own (a kept statement may come from another thread's)
    for row in fetched:
        single, wanted, columns = statement_.terms[row[0]]
        values = {}
        for alias, position, expression in columns:
            if id(expression) not in converters:
                converters[id(expression)] = connection.ops.get_db_converters(
                    expression
                ) + expression.get_db_converters(connection)
            value = row[position]
            for converter in converters[id(expression)]:
                value = converter(value, expression, connection)
            values[alias] = value
        yield single, wanted, row[1], values


def statement(model, group: dict[str, tuple[Measure, Period]]):
    """The rows any of the group's columns counts (the OR of their conditions, so that an
    index on the date serves each part) and {alias: COUNT/SUM … FILTER (WHERE …)}: the one
    statement the figures and the monthly roll-ups (indicators.rollups) are grouped from."""
    aggregates = {alias: measure.expression(period) for alias, (measure, period) in group.items()}
    # A narrowed measure's rows are among its base's: OR each distinct base condition once
    # (disputes received, received online, received as mass disputes and the amount received
    # are one date range in the WHERE, not four).
    conditions: list = []
    for measure, period in group.values():
        condition = measure.rows_where(period)
        if condition not in conditions:
            conditions.append(condition)
    counted = reduce(or_, conditions)
    return model._default_manager.filter(counted), aggregates


def _common_prefix(codes: list[str]) -> str:
    first, last = min(codes), max(codes)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def with_previous(
    indicators: Iterable[Indicator], prefixes: list[str], period: Period
) -> dict[str, dict[str, tuple[Figure, Figure]]]:
    """{prefix: {key: (figure, same span a year earlier)}}, all in one `evaluate`; a
    snapshot's previous figure is empty (it can only be "now")."""
    indicators = list(indicators)
    previous = period.previous_year()
    requests = [(i, period) for i in indicators]
    requests += [(i, previous) for i in indicators if not i.snapshot]
    results = evaluate(requests, prefixes)
    return {
        prefix: {
            i.key: (
                got[i.key, period],
                Figure(i, None, None, None) if i.snapshot else got[i.key, previous],
            )
            for i in indicators
        }
        for prefix, got in results.items()
    }


def breakdown(spec, prefix: str, period: Period) -> dict:
    """A `Breakdown` for one jurisdiction and period: {label: number}, or for a rate's
    breakdown {label: {"numerator", "denominator"}}; values without rows are left out. Whole
    fresh closed months come from the roll-ups (one query), the rest from one GROUP BY over
    the field."""
    from indicators import rollups

    parts = {"numerator": spec.measure}
    if spec.denominator is not None:
        parts["denominator"] = spec.denominator
    totals: dict[str, dict] = {part: defaultdict(int) for part in parts}
    months, live = [], [period]
    keys = {}
    if spec.rollup_able and len(prefix) in rollups.LEVELS:
        rolled = {measure: key for key, (measure, _i, _p) in rollups.rollup_measures().items()}
        keys = {part: rolled.get(measure) for part, measure in parts.items()}
    if keys and all(keys.values()):
        candidates = _closed_months(period)
        if candidates:
            starts = {f"{key}|{spec.field}=": part for part, key in keys.items()}
            fresh, stored = rollups.read([], candidates, [prefix], key_prefixes=starts)
            if fresh:
                months, live = _split(period, fresh)
                for (key, month, _prefix), value in stored.items():
                    start, _sep, raw = key.partition("=")
                    if month in months:
                        part = starts[start + "="]
                        # A sum keeps its cents; a count is a whole number.
                        totals[part][raw] += value if parts[part].summed else int(value)
    if live:
        group = {f"fz_{part}_{n}": (measure, span)
                 for part, measure in parts.items() for n, span in enumerate(live)}  # fmt: skip
        model, region = spec.measure.model, spec.measure.region
        rows, aggregates = statement(model, group)
        grouped = (
            rows.filter(within(region, prefix)).values(spec.field).annotate(**aggregates).order_by()
        )
        for row in grouped:
            value = row[spec.field]
            for alias, (measure, _span) in group.items():
                part = alias.split("_")[1]
                totals[part][str(value)] += measure.finish(row[alias])
    labels = spec.labels()

    def label(value):
        return labels.get(value, str(value))

    if "denominator" not in parts:
        return {label(v): n for v, n in totals["numerator"].items() if n}
    return {
        label(v): {"numerator": totals["numerator"].get(v, 0), "denominator": n}
        for v, n in totals["denominator"].items()
        if n
    }
