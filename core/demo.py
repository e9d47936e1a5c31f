"""The demo world: a deterministic 广州市 built from a seed, and the hook business lines use.

Scales: "small" (enough to try every page) and "city" (广州-scale volumes) build 广州 alone;
"province" adds nine more cities of 广东 (`CITIES`: 韶关, 深圳, 珠海, 汕头, 佛山, 江门, 湛江, 茂名,
肇庆 — the prefecture-level cities in code order, less 东莞 and 中山, which have no counties),
each with bureaus, justice offices and committees like 广州's and a leader login, under a
广东省司法厅 with a province-level leader. Their streets (real NBS codes and names) come from
`core/data/regions_guangdong_streets.csv`, loaded only by that scale.

Each business line registers a builder (`register(order, builder)`) from its AppConfig; the
`fazhi demo` command builds the core world and then calls every builder in order with the same
DemoWorld, so that its cases land on the organisations and users made here.

The whole build is one transaction: a builder that fails leaves nothing behind, and the next
run builds again. `reset()` empties the database for `fazhi demo --reset` but keeps the tables
apps name with `keep_on_reset()`: reference data that staff enter and the demo cannot rebuild
(the holiday calendar); data outside the models (a full-text index table) is cleared by the
hooks apps add with `on_reset()`.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from tqdm import tqdm

from core.models import Membership, Organization, OrganizationKind, Party, PartyKind, Region, User
from core.regions_import import DEFAULT_FILE, import_regions
from core.roles import Role

DEMO_PASSWORD = "Fazhi2026demo"
SCALES = ("small", "city", "province")
PROVINCE_CODE = "440000000000"
CITY_CODE = "440100000000"
FOCUS_DISTRICTS = {"440105000000": "haizhu", "440111000000": "baiyun", "440106000000": "tianhe"}
PROVINCE_STREETS_FILE = Path(__file__).parent / "data" / "regions_guangdong_streets.csv"


@dataclass(frozen=True)
class City:
    code: str  # 12 digits
    slug: str  # its leader's login is f"{slug}_leader"
    abbreviation: str  # the one-character name in committees' short names (穗 for 广州)
    phone_area: str  # telephone area code of its made-up numbers


CITIES = (
    City(CITY_CODE, "gz", "穗", "020"),
    City("440200000000", "sg", "韶", "0751"),
    City("440300000000", "sz", "深", "0755"),
    City("440400000000", "zh", "珠", "0756"),
    City("440500000000", "st", "汕", "0754"),
    City("440600000000", "fs", "佛", "0757"),
    City("440700000000", "jm", "江", "0750"),
    City("440800000000", "zj", "湛", "0759"),
    City("440900000000", "mm", "茂", "0668"),
    City("441200000000", "zq", "肇", "0758"),
)
CITY_OF = {city.code[:4]: city for city in CITIES}

_BUILDERS: list[tuple[int, str, Callable[[DemoWorld], None]]] = []
# Content types and permissions are derived from the models, not data; keeping them keeps
# their ids, which Django caches in memory (ContentType.objects.get_for_model).
_KEPT_ON_RESET: set[str] = {"contenttypes.ContentType", "auth.Permission"}


def register(order: int, name: str, builder: Callable[[DemoWorld], None]) -> None:
    """Add a business line's demo builder; `order` decides when it runs."""
    if all(existing[1] != name for existing in _BUILDERS):
        _BUILDERS.append((order, name, builder))


def keep_on_reset(*labels: str) -> None:
    """Name models ("app_label.ModelName") whose rows `fazhi demo --reset` keeps."""
    _KEPT_ON_RESET.update(labels)


_RESET_HOOKS: list[Callable] = []


def on_reset(hook: Callable) -> None:
    """Add `hook(connection)`, run by `reset()` inside its transaction once the model tables
    are emptied: for data outside Django's models, such as a full-text index table (the Q&A
    library's SQLite FTS5 table), which would otherwise keep the deleted rows' words."""
    if hook not in _RESET_HOOKS:
        _RESET_HOOKS.append(hook)


@dataclass
class DemoWorld:
    seed: int
    scale: str
    rng: random.Random
    today: datetime.date
    bureaus: dict[str, Organization] = field(default_factory=dict)  # region code -> bureau
    offices: dict[str, Organization] = field(default_factory=dict)  # street code -> office
    committees: list[Organization] = field(default_factory=list)
    agencies: list[Organization] = field(default_factory=list)
    law_firms: list[Organization] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, org
    cities: tuple[City, ...] = CITIES[:1]  # the cities built, 广州 first
    progress_bars: bool | None = None  # None: shown when stderr is a terminal
    password_hash: str = ""  # of DEMO_PASSWORD, made once

    def progress(self, total: int, unit: str, description: str = "") -> tqdm:
        """A progress bar on stderr for a builder's long work; off when stderr is not a
        terminal (tests, logs) unless `build(progress=True)` asked for it."""
        return tqdm(
            total=total,
            unit=unit,
            desc=description,
            file=sys.stderr,
            disable=None if self.progress_bars is None else not self.progress_bars,
            dynamic_ncols=True,
            mininterval=0.5,
        )


class Maker:
    """Makes unsaved instances of a model as `model(**values)` does, for the millions of rows a
    builder writes: `values` are attribute names (`organization_id`, not `organization`), and
    the instance comes from Django's positional constructor (the one `Model.from_db` uses),
    which skips looking up a default for every field not given, two thirds of the time a
    dispute took. Callable defaults (`list`, `timezone.now`) are called for each instance."""

    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.model = model
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.callables = [
            (i, f) for i, f in enumerate(fields) if f.has_default() and callable(f.default)
        ]
        called = {i for i, _f in self.callables}
        self.blank = [None if i in called else f.get_default() for i, f in enumerate(fields)]

    def __call__(self, **values):
        args = self.blank.copy()
        index = self.index
        for name, value in values.items():
            args[index[name]] = value
        for i, model_field in self.callables:
            if model_field.attname not in values:
                args[i] = model_field.get_default()
        return self.model(*args)


class Picker:
    """A weighted choice from [(item, weight), …], called with one `rng.random()`: the same
    draw as `rng.choices(items, weights)[0]` (which bisects `random() * total` in the running
    sums), with the sums worked out once rather than per case, for the builders' loops."""

    def __init__(self, weighted):
        self.items = [w[0] for w in weighted]
        self.cumulative, running = [], 0
        for _item, weight in weighted:
            running += weight
            self.cumulative.append(running)
        self.total, self.hi = running + 0.0, len(self.items) - 1

    def __call__(self, random_float) -> object:
        return self.items[bisect.bisect(self.cumulative, random_float * self.total, 0, self.hi)]


def forget_queries() -> None:
    """Drop the SQL that DEBUG (which the demo command requires) keeps of every query, up to
    9,000 of them: a builder writing in chunks calls this after each, so that the log of its
    bulk writes does not hold memory. Connections whose queries a test is capturing
    (`force_debug_cursor`) keep theirs."""
    for connection in connections.all(initialized_only=True):
        if not connection.force_debug_cursor:
            connection.queries_log.clear()


def history_years(today: datetime.date) -> list[tuple[datetime.date, int, float]]:
    """The years of the builders' history: the two last full years (so that the latest has
    同比) and this one up to `today`, each as (its first day, its days in the history, their
    share of the whole year)."""
    years = []
    for year in (today.year - 2, today.year - 1, today.year):
        first_day = datetime.date(year, 1, 1)
        last_day = datetime.date(year, 12, 31) if year < today.year else today
        span = (last_day - first_day).days + 1
        years.append((first_day, span, span / (366 if year % 4 == 0 else 365)))
    return years


def city_of(region_code: str) -> City:
    """The demo city a region code lies in."""
    return CITY_OF[region_code[:4]]


def city_names() -> dict[str, str]:
    """The demo cities' names without 市 by their code's first four digits ("4401": 广州), as
    made-up companies of the city start."""
    cities = Region.objects.filter(code__in=[city.code for city in CITIES])
    return {c.code[:4]: c.name.removesuffix("市") for c in cities}


def county_unit_prefix(county: Region) -> str:
    """What goes before a county-level unit's own words: "广州市海珠区" for a district (its
    units are 广州市海珠区司法局, 广州市海珠区人民法院), "乐昌市" for a county or county-level
    city (乐昌市司法局)."""
    if county.name.endswith("区"):
        return county.parent.name + county.name
    return county.name


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕飞鹏辉建国志强海燕晓东嘉欣子涵浩然思远雨桐梓轩俊杰诗琪"


def person_name(rng: random.Random) -> str:
    # The draws of `surname + "".join(choice(GIVEN) for _ in range(choice((1, 2))))`, unrolled.
    surname = rng.choice(SURNAMES)
    if rng.choice((1, 2)) == 1:
        return surname + rng.choice(GIVEN)
    return surname + rng.choice(GIVEN) + rng.choice(GIVEN)


def resident_id(rng: random.Random, county_code: str, *, year_from=1950, year_to=2004) -> str:
    born = datetime.date(rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28))
    body = f"{county_code[:6]}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return body + gb11643_check_digit(body)


def gb11643_check_digit(body: str) -> str:
    """The check character of an 18-digit resident ID (GB 11643-1999, ISO 7064 MOD 11-2)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(("135", "136", "138", "139", "150", "158", "186", "189"))
        + f"{rng.randint(0, 99999999):08d}"
    )


def spread_receipts(rng: random.Random, world: DemoWorld, units, per_year: int, *, chunk: int,
                    pending: Callable[[], int], flush: Callable[[], None],
                    cases_per_receipt: tuple[int, int] = (1, 1), adjust=None, on_year=None):  # fmt: skip
    """The receipts of a line's history, spread over its units (each with `.city` and
    `.weight`): for each year of history_years, each city of the world and each of its units,
    a yearly count (the city's `per_year` shared by weight, ±10%, scaled to the part of the
    year, then `adjust(unit, first_day, count)` if given) cut into parts of at most `chunk`
    cases between dates of receipt (numbers follow receipt). Yields (first day of the year,
    unit, the part's days, receipts in it, whether it is the unit's last part of the year);
    the caller plans each receipt, drawing its day from the part's days.

    Before a part that would take the `pending()` cases past `chunk` (a receipt making
    `cases_per_receipt` = (num, den) cases, e.g. a lawsuit's later trial levels) and at the end
    of each year, `flush()` writes what is pending. `on_year(first_day)` runs at the start of
    each year."""
    num, den = cases_per_receipt
    by_city: dict[str, list] = {}
    for unit in units:
        by_city.setdefault(unit.city.code, []).append(unit)
    for first_day, span, fraction in history_years(world.today):
        if on_year is not None:
            on_year(first_day)
        for city in world.cities:
            group = by_city.get(city.code, [])
            total = sum(u.weight for u in group) or 1
            for unit in group:
                growth = rng.uniform(0.9, 1.1)
                count = round(per_year * unit.weight / total * fraction * growth)
                if adjust is not None:
                    count = adjust(unit, first_day, count)
                parts = max(1, -(-count * num // den // chunk))
                for part in range(parts):
                    start, end = span * part // parts, span * (part + 1) // parts
                    n = count * (part + 1) // parts - count * part // parts
                    if pending() and pending() + n * num // den > chunk:
                        flush()
                    days = [first_day + datetime.timedelta(days=d) for d in range(start, end)]
                    yield first_day, unit, days, n, part == parts - 1
        if pending():
            flush()


def enterprise_credit_code(rng: random.Random, county: str) -> str:
    """A unified social credit code (GB 32100-2015) of an enterprise (91) registered in
    `county`: its organisation code with its GB 11714 check character, then the code's own."""
    from stdnum.cn import uscc

    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    values = [int(c, 36) for c in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    organisation = body + {10: "X", 11: "0"}.get(check, str(check))
    first17 = f"91{county[:6]}{organisation}"
    return first17 + uscc.calc_check_digit(first17)


def short_names(regions: list[Region]) -> dict[str, str]:
    """Each district's one-character name in document numbers (海 for 海珠区), two where one
    is shared in its city (龙岗区 and 龙华区 of 深圳), by region code."""
    first: dict[str, int] = {}
    for region in regions:
        first[region.name[:1]] = first.get(region.name[:1], 0) + 1
    return {r.code: r.name[: 1 if first[r.name[:1]] == 1 else 2] for r in regions}


class Rotation:
    """Weighted choices in a fixed rotation (smooth weighted round robin): over any run of
    draws each item's share is its weight's to within one draw, so that a small demo's rates
    are its targets, not a coin's luck."""

    def __init__(self, weighted):
        self.items = [(item, float(weight)) for item, weight in weighted]
        self.total = sum(w for _i, w in self.items)
        self.current = [0.0] * len(self.items)

    def __call__(self):
        best = 0
        for i, (_item, weight) in enumerate(self.items):
            self.current[i] += weight
            if self.current[i] > self.current[best]:
                best = i
        self.current[best] -= self.total
        return self.items[best][0]


class Quota:
    """True for `rate` of the calls, spread evenly: the floor of n × rate in the first n, or
    with `rounded` n × rate rounded (the floor falls short by half a call on average, which
    adds up over many small quotas)."""

    def __init__(self, rate: float, *, rounded: bool = False):
        self.rate, self.count, self.shift = rate, 0, 0.5 if rounded else 0.0

    def __call__(self) -> bool:
        self.count += 1
        now, before = self.count * self.rate, (self.count - 1) * self.rate
        return int(now + self.shift) != int(before + self.shift)


def build(
    *,
    seed: int = 2026,
    scale: str = "small",
    today: datetime.date | None = None,
    progress: bool | None = None,
) -> DemoWorld:
    """Build the world and run every registered builder, all in one transaction. `today`
    (default: the local date) is the day the demo's history runs up to; builders that go
    through the real services also check dates against the clock, so it must not lie after
    the clock's date. `progress`: show progress bars (default: when stderr is a terminal)."""
    if scale not in SCALES:
        raise ValueError(f"unknown demo scale {scale!r}; one of {', '.join(SCALES)}")
    world = DemoWorld(
        seed=seed,
        scale=scale,
        rng=random.Random(seed),
        today=today or timezone.localdate(),
        cities=CITIES if scale == "province" else CITIES[:1],
        progress_bars=progress,
    )
    with transaction.atomic():
        _check_foreign_keys_per_statement()
        if not Region.objects.filter(code=CITY_CODE).exists():
            import_regions([DEFAULT_FILE])
        if scale == "province":  # adds what is missing only
            import_regions([PROVINCE_STREETS_FILE])
        _build_organizations(world)
        _build_users(world)
        _build_parties(world)
        for _order, _name, builder in sorted(_BUILDERS, key=lambda b: b[0]):
            builder(world)
        _check_foreign_keys_per_statement(False)
    _analyze()
    return world


def _analyze(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh PostgreSQL's planner statistics once the rows are in. Autovacuum would do it
    some minutes later; until then the planner works from the empty tables' statistics and,
    for one, scans a whole city's index range for a day's figures (97 ms instead of 5 ms for
    the open month of the city dashboard, measured at city scale)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _check_foreign_keys_per_statement(on: bool = True, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """PostgreSQL checks Django's foreign keys (DEFERRABLE INITIALLY DEFERRED) at commit and
    keeps an event per row and key until then: for a province's 30 million rows, over a
    gigabyte in the server process, and minutes spent at commit. The demo writes parents before
    children, so it has them checked at the end of each statement instead, and the queue
    holds one COPY's rows. `on=False` sets the default back (every deferrable constraint of the
    schema is a deferred foreign key); a rolled-back savepoint restores it by itself."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {'IMMEDIATE' if on else 'DEFERRED'}")


def reset(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every row (regions, users, cases, the audit log, sessions …) except those of the
    models named with `keep_on_reset()` (and content types and permissions), restart the id
    sequences of the emptied tables, and send post_migrate as `flush` does.

    Unlike `flush`, which empties every table, this keeps what staff entered by hand and the
    demo cannot rebuild. A kept row's link to a deleted row (who entered a calendar year) is
    cleared, so such links must be nullable. Plain DELETEs rather than TRUNCATE, which
    PostgreSQL refuses on a table a kept table refers to; foreign keys are deferred to the end
    of the transaction on both backends, so the order does not matter. Runs in the caller's
    transaction, if any: a failed rebuild after it restores everything."""
    connection = connections[using]
    kept = [apps.get_model(label) for label in sorted(_KEPT_ON_RESET)]
    kept_tables = {model._meta.db_table for model in kept}
    with transaction.atomic(using=using):
        for model in kept:
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model._meta.db_table in kept_tables:
                    continue
                if not field.null:
                    raise ImproperlyConfigured(
                        f"{model._meta.label}.{field.name} refers to data the demo deletes "
                        "and cannot be cleared; it cannot be kept on reset."
                    )
                model.objects.using(using).exclude(**{field.attname: None}).update(
                    **{field.attname: None}
                )
        tables = [
            table
            for table in connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            if table not in kept_tables
        ]
        quote = connection.ops.quote_name
        sequences = [s for s in connection.introspection.sequence_list() if s["table"] in tables]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and "auditlog_logentry" in tables:
                # The append-only trigger refuses DELETE on the audit log (core migration
                # 0002) but not TRUNCATE, as `flush` used; no table refers to the audit log.
                # TRUNCATE needs the table's deferred checks done first (rows written earlier
                # in the same transaction, as in tests).
                tables.remove("auditlog_logentry")
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {quote('auditlog_logentry')}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
            for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
                cursor.execute(sql)
        for hook in _RESET_HOOKS:
            hook(connection)
        emit_post_migrate_signal(verbosity=0, interactive=False, db=using)


# The units a citizen may be told to call (the portal names the handling unit's telephone)
# have one in the demo, as they would in a real deployment.
_PUBLIC_KINDS = {
    OrganizationKind.JUSTICE_BUREAU,
    OrganizationKind.JUSTICE_OFFICE,
    OrganizationKind.MEDIATION_COMMITTEE,
    OrganizationKind.LEGAL_AID_CENTRE,
}


def _org(name, kind, region, parent=None, short_name="", **extra) -> Organization:
    if kind in _PUBLIC_KINDS and "phone" not in extra:
        # A made-up local number (020 in 广州), the same for the same unit in every build.
        digits = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10_000_000
        area = CITY_OF[region.code[:4]].phone_area if region.code[:4] in CITY_OF else "020"
        extra["phone"] = f"{area}-8{digits:07d}"
    return Organization.objects.create(
        name=name, kind=kind, region=region, parent=parent, short_name=short_name, **extra
    )


def _build_organizations(world: DemoWorld) -> None:
    province_bureau = None
    if world.scale == "province":
        province_bureau = _org(
            "广东省司法厅",
            OrganizationKind.JUSTICE_BUREAU,
            Region.objects.get(code=PROVINCE_CODE),
            short_name="省司法厅",
        )
        world.bureaus[PROVINCE_CODE] = province_bureau
    for city in world.cities:
        _build_city(world, Region.objects.get(code=city.code), province_bureau)


def _build_city(world: DemoWorld, city: Region, province_bureau: Organization | None) -> None:
    rng = world.rng
    guangzhou = city.code == CITY_CODE
    city_bureau = _org(
        f"{city.name}司法局",
        OrganizationKind.JUSTICE_BUREAU,
        city,
        province_bureau,
        short_name="市司法局",
        **({"address": "广州市越秀区府前路1号", "phone": "020-83123456"} if guangzhou else {}),
    )
    world.bureaus[city.code] = city_bureau
    _org(f"{city.name}法律援助处", OrganizationKind.LEGAL_AID_CENTRE, city, city_bureau, "市法援处")
    _org(f"{city.name[:-1]}公证处", OrganizationKind.NOTARY_OFFICE, city, city_bureau)
    if guangzhou:
        _org("广东南方公证处", OrganizationKind.NOTARY_OFFICE, city, city_bureau)
    _org(f"{city.name}第一司法鉴定所", OrganizationKind.FORENSIC_INSTITUTION, city, city_bureau)
    _org(f"{city.name}中级人民法院", OrganizationKind.COURT, city)
    for agency in ("市场监督管理局", "人力资源和社会保障局", "生态环境局"):
        world.agencies.append(_org(f"{city.name}{agency}", OrganizationKind.AGENCY, city))
    for district in city.children.order_by("code"):
        name, full = district.name, county_unit_prefix(district)
        bureau = _org(
            f"{full}司法局",
            OrganizationKind.JUSTICE_BUREAU,
            district,
            city_bureau,
            f"{name}司法局",
        )
        world.bureaus[district.code] = bureau
        _org(
            f"{full}法律援助处",
            OrganizationKind.LEGAL_AID_CENTRE,
            district,
            bureau,
            f"{name}法援处",
        )
        _org(f"{full}人民法院", OrganizationKind.COURT, district)
        for agency in (
            "市场监督管理局",
            "城市管理和综合执法局",
            "人力资源和社会保障局",
            "住房和城乡建设局",
        ):
            world.agencies.append(
                _org(
                    f"{full}{agency}",
                    OrganizationKind.AGENCY,
                    district,
                    short_name=f"{name}{agency}",
                )
            )
        firms = 3 if district.code in FOCUS_DISTRICTS else 1
        for index in range(firms):
            world.law_firms.append(
                _org(
                    f"广东{name[:2]}{'正平明德信诚'[index * 2 : index * 2 + 2]}律师事务所",
                    OrganizationKind.LAW_FIRM,
                    district,
                    bureau,
                )
            )
        for industry in ("物业纠纷", "劳动争议", "道路交通事故", "医疗纠纷"):
            world.committees.append(
                _org(
                    f"{name}{industry}人民调解委员会",
                    OrganizationKind.MEDIATION_COMMITTEE,
                    district,
                    bureau,
                )
            )
        for street in district.children.order_by("code"):
            office = _org(
                f"{name}{street.name}司法所",
                OrganizationKind.JUSTICE_OFFICE,
                street,
                bureau,
                f"{street.name}司法所",
            )
            world.offices[street.code] = office
            world.committees.append(
                _org(
                    f"{street.name}人民调解委员会",
                    OrganizationKind.MEDIATION_COMMITTEE,
                    street,
                    office,
                )
            )
            if rng.random() < 0.25:
                world.committees.append(
                    _org(
                        f"{person_name(rng)}个人调解工作室",
                        OrganizationKind.MEDIATION_STUDIO,
                        street,
                        office,
                    )
                )


def add_user(
    world: DemoWorld, username: str, full_name: str, organization: Organization, role: str, **extra
) -> User:
    """A demo login with its membership, in `world.users` and in the logins the command prints;
    business lines' builders add theirs with it too."""
    if not world.password_hash:  # one hash for all: each costs a fifth of a second
        world.password_hash = make_password(DEMO_PASSWORD)
    user = User.objects.create(
        username=username, full_name=full_name, password=world.password_hash, **extra
    )
    Membership.objects.create(user=user, organization=organization, role=role)
    world.users[username] = user
    world.logins.append((username, Role(role).label, organization.name))
    return user


def _build_users(world: DemoWorld) -> None:
    rng = world.rng
    city_bureau = world.bureaus[CITY_CODE]
    add_user(
        world,
        "admin",
        "系统管理员",
        city_bureau,
        Role.SYSTEM_ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    add_user(world, "gz_leader", person_name(rng), city_bureau, Role.LEADER)
    add_user(world, "gz_staff", person_name(rng), city_bureau, Role.SECTION_STAFF)
    for code, slug in FOCUS_DISTRICTS.items():
        bureau = world.bureaus[code]
        add_user(world, f"{slug}_leader", person_name(rng), bureau, Role.LEADER)
        add_user(world, f"{slug}_staff", person_name(rng), bureau, Role.SECTION_STAFF)
        streets = sorted(c for c in world.offices if c.startswith(code[:6]))
        if streets:
            office = world.offices[streets[0]]
            add_user(world, f"{slug}_office", person_name(rng), office, Role.OFFICE_STAFF)
            committee = next(c for c in world.committees if c.parent_id == office.pk)
            add_user(world, f"{slug}_mediator", person_name(rng), committee, Role.MEDIATOR)
        firm = next(f for f in world.law_firms if f.region_id == code)
        add_user(world, f"{slug}_lawyer", person_name(rng), firm, Role.LAWYER)
        agency = next(a for a in world.agencies if a.region_id == code)
        add_user(world, f"{slug}_agency", person_name(rng), agency, Role.AGENCY_HANDLER)
    if PROVINCE_CODE in world.bureaus:
        add_user(world, "gd_leader", person_name(rng), world.bureaus[PROVINCE_CODE], Role.LEADER)
    for city in world.cities[1:]:
        add_user(
            world, f"{city.slug}_leader", person_name(rng), world.bureaus[city.code], Role.LEADER
        )


def demo_usernames() -> list[str]:
    """The logins the demo prints, of every scale (those of a smaller world simply are not
    there)."""
    names = ["admin", "gz_leader", "gz_staff"]
    for slug in FOCUS_DISTRICTS.values():
        names += [
            f"{slug}_{r}"
            for r in ("leader", "staff", "office", "mediator", "lawyer", "agency", "legalaid")
        ]
    return [*names, "gd_leader", *(f"{city.slug}_leader" for city in CITIES[1:])]


def _build_parties(world: DemoWorld) -> None:
    rng = world.rng
    per_unit = {"small": 4, "city": 20, "province": 20}[world.scale]
    units = [world.bureaus[c] for c in FOCUS_DISTRICTS] + [
        world.offices[c] for c in sorted(world.offices) if c[:6] + "000000" in FOCUS_DISTRICTS
    ][:12]
    parties = []
    for unit in units:
        for _ in range(per_unit):
            if rng.random() < 0.85:
                parties.append(
                    Party(
                        kind=PartyKind.PERSON,
                        name=person_name(rng),
                        id_number=(number := resident_id(rng, unit.region_id)),
                        gender="male" if int(number[16]) % 2 else "female",
                        birth_date=datetime.date(
                            int(number[6:10]), int(number[10:12]), int(number[12:14])
                        ),
                        phone=mobile(rng),
                        address=f"广州市{unit.region.name}某路{rng.randint(1, 300)}号",
                        ethnicity="汉族",
                        organization=unit,
                        region_code=unit.region_id,
                    )
                )
            else:
                parties.append(
                    Party(
                        kind=PartyKind.ORGANIZATION,
                        name=f"广州{rng.choice(['恒信', '粤发', '穗安', '珠江', '南湖'])}{rng.choice(['物业管理', '建筑工程', '餐饮管理', '贸易'])}有限公司",
                        legal_representative=person_name(rng),
                        phone=mobile(rng),
                        organization=unit,
                        region_code=unit.region_id,
                    )
                )
    for party in parties:
        party.save()
