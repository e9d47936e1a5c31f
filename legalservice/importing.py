"""Excel imports of public legal services kept before Fazhi (DESIGN.md: Excel in and out): the
services given (服务记录) and the village legal advisers' monthly logs (村居法律顾问服务台账).

Staff download a template, fill one service (or one adviser's month) per row and upload it.
Every row is checked first (core.importing): a street, village or service point unknown or
outside the importer's jurisdiction, a future day, a negative count, a value not in the list —
each reported by row and column in Chinese; if any row fails nothing is written. A valid file is
written in one transaction, in bulk: what is read from the database (the streets, the points,
the units, the advisers and the months logged already) is read once for the whole file, not
once per row.

The same rules as the pages (legalservice.services): a service is the county's or the street's
own (SD‑GF Arts. 10–14), a village's adviser is the lawyer serving it that month (SD‑GF Art. 19),
one log per adviser and month, each count a whole number from 0 to MAX_MONTHLY_COUNT."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import importing
from core.audit import acting
from core.errors import PermissionDenied
from core.importing import Column, Result, Row, RowError
from core.models import OrganizationKind, Region
from core.querysets import within_reach
from core.regions import RegionLevel
from core.validators import validate_phone
from legalservice.choices import MatterKind, ServiceChannel, ServiceOutcome
from legalservice.models import AdviserLog, ServicePoint, ServiceRecord, VillageAdviser
from legalservice.selectors import serving_units
from legalservice.services import MAX_MONTHLY_COUNT, _month_end

RECORD_PERMISSION = "legalservice.add_servicerecord"
LOG_PERMISSION = "legalservice.add_adviserlog"

# The channels as the sample returns write them, besides each channel's own label.
CHANNEL_WORDS = {"窗口": ServiceChannel.WINDOW, "现场": ServiceChannel.WINDOW,
                 "热线": ServiceChannel.HOTLINE, "12348": ServiceChannel.HOTLINE,
                 "12348热线": ServiceChannel.HOTLINE, "网络": ServiceChannel.ONLINE,
                 "网上": ServiceChannel.ONLINE, "在线": ServiceChannel.ONLINE}  # fmt: skip


def words(choices, extra: dict | None = None) -> dict[str, str]:
    """The values of `choices` by their Chinese labels (as the pages show them) and by their
    codes, with other spellings `extra`."""
    with translation.override("zh-hans"):
        table = {str(label): value for value, label in choices.choices}
    table.update({value: value for value in choices.values})
    table.update(extra or {})
    return table


def _labels(choices) -> tuple[str, ...]:
    with translation.override("zh-hans"):
        return tuple(str(label) for _value, label in choices.choices)


def record_columns() -> tuple[Column, ...]:
    return (
        Column("served_on", "服务日期", True, "如 2025-03-01，不能晚于今天"),
        Column("channel", "服务渠道", True, "窗口、12348热线或网络", _labels(ServiceChannel)),
        Column("matter_kind", "事项类型", True, "下拉选择", _labels(MatterKind)),
        Column("outcome", "办理结果", True, "下拉选择", _labels(ServiceOutcome)),
        Column("street", "街道（镇）", True, "本辖区街道或镇的名称或 12 位区划代码"),
        Column(
            "service_point", "服务点", False, "该街道内服务点（站、室）的全称；热线、网络可不填"
        ),
        Column("person_name", "服务对象姓名", False, "可不填"),
        Column("person_phone", "服务对象电话", False, "手机或固定电话，可不填", text=True),
        Column("summary", "咨询内容摘要", False, "可不填"),
    )


def log_columns() -> tuple[Column, ...]:
    return (
        Column("village", "村（社区）", True, "本辖区村（社区）的名称或 12 位区划代码"),
        Column("lawyer", "法律顾问", True, "该月担任该村（社区）法律顾问的律师姓名"),
        Column("month", "月份", True, "如 2025-03，不能晚于本月"),
        Column("visits", "进村（社区）次数", False, "不填为 0，不能为负数"),
        Column("consultations", "法律咨询", False, "不填为 0，不能为负数"),
        Column("documents_reviewed", "审查文书", False, "不填为 0，不能为负数"),
        Column("lectures", "法治讲座", False, "不填为 0，不能为负数"),
    )


def record_template() -> bytes:
    return importing.template(record_columns(), "服务记录")


def log_template() -> bytes:
    return importing.template(log_columns(), "法律顾问台账")


def _need(actor, perm: str, message: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.can(perm):
        raise PermissionDenied(message)


def _by_name_or_code(regions) -> tuple[dict, dict]:
    """Regions by code and by name (None where two of them share the name)."""
    codes, names = {}, {}
    for region in regions:
        codes[region.code] = region
        names[region.name] = None if region.name in names else region
    return codes, names


def _place(row: Row, key: str, codes: dict, names: dict, level, *, unknown: str, outside: str,
           ambiguous: str) -> Region | None:  # fmt: skip
    """The region a cell names (its name or code) among those in reach; the reason otherwise:
    unknown, outside the jurisdiction, or a name two of them share."""
    value = row.get(key)
    if not value:
        return None
    region = codes.get(value) if value.isdigit() else names.get(value)
    if region is not None:
        return region
    if not value.isdigit() and value in names:
        row.fail(key, _(ambiguous))
        return None
    known = Region.objects.filter(Q(code=value) if value.isdigit() else Q(name=value),
                                  level=level).exists()  # fmt: skip
    row.fail(key, _(outside) if known else _(unknown))
    return None


def _count(row: Row, key: str) -> int:
    value = row.get(key)
    if not value:
        return 0
    try:
        number = int(float(value)) if float(value).is_integer() else None
    except (TypeError, ValueError, OverflowError):
        number = None
    if number is None:
        row.fail(key, _("Write a whole number."))
        return 0
    if number < 0:
        row.fail(key, _("A count cannot be negative."))
        return 0
    if number > MAX_MONTHLY_COUNT:
        row.fail(key, _("At most %(max)s in a month.") % {"max": MAX_MONTHLY_COUNT})
        return 0
    return number


# -- services given ----------------------------------------------------------------------------


class _RecordContext:
    """What the whole file is checked against, read once: the streets, points and units in the
    importer's reach."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.channels = words(ServiceChannel, CHANNEL_WORDS)
        self.kinds = words(MatterKind)
        self.outcomes = words(ServiceOutcome)

    def load(self) -> None:
        streets = within_reach(Region.objects.filter(level=RegionLevel.TOWNSHIP), self.actor,
                               RECORD_PERMISSION)  # fmt: skip
        self.street_codes, self.street_names = _by_name_or_code(streets)
        points = within_reach(ServicePoint.objects.all(), self.actor, RECORD_PERMISSION)
        self.points: dict[str, list[ServicePoint]] = {}
        for p in points.select_related("organization"):
            self.points.setdefault(p.name, []).append(p)
        self.units = list(serving_units(self.actor, RECORD_PERMISSION))
        self.unit_ids = {u.pk for u in self.units}

    def unit_for(self, street: Region):
        """The unit a past service of `street` is recorded under: the street's justice office,
        else the nearest bureau or legal aid centre covering it."""
        covering = [u for u in self.units if street.code.startswith(u.jurisdiction)]
        if not covering:
            return None
        return max(covering, key=lambda u: (u.kind == OrganizationKind.JUSTICE_OFFICE,
                                            len(u.jurisdiction),
                                            u.kind == OrganizationKind.JUSTICE_BUREAU))  # fmt: skip


def import_records(fileobj, *, actor, write: bool = True, progress=None) -> Result:
    """Check every row of the services given; write them all only if none has a problem."""
    _need(actor, RECORD_PERMISSION, _("You may not record services."))
    ctx = _RecordContext(actor)
    columns = record_columns()
    return importing.run(
        fileobj, columns,
        lambda cells, row_number, report: _record_row(Row(cells, report), ctx, columns),
        write=write, writer=lambda records: _write_records(records, actor),
        empty=_("The file has no service rows."), prepare=ctx.load, progress=progress,
        once=importing.Once("legalservice.import_records", actor, RECORD_PERMISSION),
    )  # fmt: skip


def _choice(row: Row, key: str, table: dict, reason: str) -> str | None:
    value = row.get(key)
    if value and value not in table:
        row.fail(key, _(reason))
        return None
    return table.get(value)


def _record_row(row: Row, ctx: _RecordContext, columns) -> ServiceRecord | None:
    importing.check_required(columns, row.get, row.fail)
    dates = importing.check_dates(row.cells, row.get, ("served_on",), ctx.today, row.fail)
    channel = _choice(row, "channel", ctx.channels,
                      gettext_noop("Unknown channel; use the drop-down list."))  # fmt: skip
    kind = _choice(row, "matter_kind", ctx.kinds,
                   gettext_noop("Unknown kind of matter; use the drop-down list."))  # fmt: skip
    outcome = _choice(row, "outcome", ctx.outcomes,
                      gettext_noop("Unknown outcome; use the drop-down list."))  # fmt: skip
    street = _place(
        row, "street", ctx.street_codes, ctx.street_names, RegionLevel.TOWNSHIP,
        unknown=gettext_noop("No street or town of that name or code in the region table."),
        outside=gettext_noop("This street or town lies outside your jurisdiction."),
        ambiguous=gettext_noop("Several streets of your jurisdiction have this name; write its "
                               "12-digit code."),
    )  # fmt: skip
    point = None
    if street is not None and row.get("service_point"):
        prefix = street.code[:9]
        found = [p for p in ctx.points.get(row.get("service_point"), [])
                 if p.region_id.startswith(prefix)]  # fmt: skip
        if len(found) != 1:
            row.fail("service_point", _("No service point of that name in this street."))
        elif found[0].organization_id not in ctx.unit_ids:
            # The point's unit must be one the importer may record for, and active.
            row.fail("service_point", _(
                "This service point belongs to %(unit)s, which is closed or not among the "
                "units you may record services for."
            ) % {"unit": found[0].organization.name})  # fmt: skip
        else:
            point = found[0]
    unit = None
    if street is not None:
        unit = point.organization if point is not None else ctx.unit_for(street)
        if unit is None:
            row.fail("street", _("No justice office or bureau of yours serves this street."))
    importing.check_lengths(ServiceRecord, row.get, ("person_name",), row.fail)
    phone = importing.check_with(validate_phone, row.get, "person_phone", row.fail)
    if row.problems or street is None or unit is None:
        return None
    return ServiceRecord(
        served_on=dates["served_on"], organization=unit, service_point=point,
        region_code=point.region_id if point is not None else street.code, channel=channel,
        matter_kind=kind, outcome=outcome, person_name=row.get("person_name"),
        person_phone=phone or "", summary=row.get("summary"),
    )  # fmt: skip


def _write_records(records: list[ServiceRecord], actor) -> None:
    for r in records:
        r.recorded_by = actor
    with acting(actor), transaction.atomic():
        ServiceRecord.objects.bulk_create(records, batch_size=500)


# -- village advisers' monthly logs ------------------------------------------------------------


def _month(row: Row, key: str, today: datetime.date) -> datetime.date | None:
    value = row.get(key)
    if not value:
        return None
    cell = row.cells.get(key)
    day = None
    if isinstance(cell, (datetime.date, datetime.datetime)):
        day = importing.date(cell)
    else:
        text = value.replace("/", "-").replace(".", "-").replace("年", "-").rstrip("月")
        for fmt in ("%Y-%m", "%Y-%m-%d"):
            try:
                day = datetime.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
    if day is None:
        row.fail(key, _("Not a month; write it as 2025-03."))
        return None
    if day.replace(day=1) > today.replace(day=1):
        row.fail(key, _("The month cannot be in the future."))
        return None
    return day.replace(day=1)


class _LogContext:
    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.months: dict[tuple[int, datetime.date], int] = {}  # (adviser, month) -> row

    def load(self) -> None:
        villages = within_reach(Region.objects.filter(level=RegionLevel.VILLAGE), self.actor,
                                LOG_PERMISSION)  # fmt: skip
        self.village_codes, self.village_names = _by_name_or_code(villages)
        advisers = within_reach(VillageAdviser.objects.all(), self.actor, LOG_PERMISSION)
        self.advisers: dict[tuple[str, str], list[VillageAdviser]] = {}
        for a in advisers.select_related("lawyer"):
            self.advisers.setdefault((a.village_id, a.lawyer.name), []).append(a)


def import_logs(fileobj, *, actor, write: bool = True, progress=None) -> Result:
    """Check every row of the advisers' monthly logs; write them all only if none has a
    problem (a month logged already, in the file or before, is one)."""
    _need(actor, LOG_PERMISSION, _("You may not record advisers' logs."))
    ctx = _LogContext(actor)
    columns = log_columns()
    month_header = next(c.header for c in columns if c.key == "month")

    def later() -> list[RowError]:
        keys = {adviser for adviser, _m in ctx.months}
        logged = set(AdviserLog.objects.filter(adviser_id__in=keys).values_list("adviser_id",
                                                                                  "month"))  # fmt: skip
        return [RowError(ctx.months[k], month_header,
                         _("That month is already logged for this adviser."))
                for k in sorted(logged & set(ctx.months), key=ctx.months.get)]  # fmt: skip

    return importing.run(
        fileobj, columns,
        lambda cells, row_number, report: _log_row(Row(cells, report), row_number, ctx, columns),
        write=write, writer=lambda records: _write_logs(records, actor),
        empty=_("The file has no log rows."), prepare=ctx.load, later=later, progress=progress,
        once=importing.Once("legalservice.import_logs", actor, LOG_PERMISSION),
    )  # fmt: skip


def _log_row(row: Row, row_number: int, ctx: _LogContext, columns) -> AdviserLog | None:
    importing.check_required(columns, row.get, row.fail)
    village = _place(
        row, "village", ctx.village_codes, ctx.village_names, RegionLevel.VILLAGE,
        unknown=gettext_noop("No village or community of that name or code in the region "
                             "table."),
        outside=gettext_noop("This village lies outside your jurisdiction."),
        ambiguous=gettext_noop("Several villages of your jurisdiction have this name; write its "
                               "12-digit code."),
    )  # fmt: skip
    month = _month(row, "month", ctx.today)
    counts = {key: _count(row, key) for key in ("visits", "consultations", "documents_reviewed",
                                                 "lectures")}  # fmt: skip
    adviser = None
    if village is not None and month is not None and row.get("lawyer"):
        serving = [
            a for a in ctx.advisers.get((village.code, row.get("lawyer")), [])
            if a.started_on <= _month_end(month) and (a.ended_on is None or month < a.ended_on)
        ]  # fmt: skip
        if not serving:
            row.fail("lawyer", _("This lawyer was not the adviser of this village in that "
                                 "month."))  # fmt: skip
        else:
            adviser = serving[0]
            if (adviser.pk, month) in ctx.months:
                row.fail("month", _("This adviser's month appears twice in the file."))
            else:
                ctx.months[(adviser.pk, month)] = row_number
    if row.problems or adviser is None:
        return None
    log = AdviserLog(adviser=adviser, month=month, region_code=adviser.village_id, **counts)
    log.services = sum(counts.values())
    return log


def _write_logs(records: list[AdviserLog], actor) -> None:
    for log in records:
        log.recorded_by = actor
    with acting(actor), transaction.atomic():
        AdviserLog.objects.bulk_create(records, batch_size=500)
