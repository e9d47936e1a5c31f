"""Excel import of public legal education activities held before Fazhi (DESIGN.md: Excel in and
out).

Staff (or an agency's handler, for their own agency) download a template, fill one activity per
row and upload it. Every row is checked first (core.importing) with the pages' rules
(education.services, SD-PF Arts. 23, 28): an organiser the importer may not record for, a
region unknown or outside the organiser's, a future day, a negative count, a form or audience
not in the list — each reported by row and column in Chinese; if any row fails nothing is
written. A valid file is written in one transaction, in bulk; the organisers and the regions in
reach are read once for the whole file, not once per row."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import importing
from core.audit import acting
from core.errors import PermissionDenied
from core.fields import INT_MAX
from core.importing import Column, Result, Row
from core.models import Region
from core.regions import jurisdiction_prefix
from education.choices import ActivityForm, AudienceKind
from education.models import EducationActivity
from education.services import may, organizers_for

PERMISSION = "education.add_educationactivity"


def words(choices) -> dict[str, str]:
    """The values of `choices` by their Chinese labels (as the pages show them) and codes."""
    with translation.override("zh-hans"):
        table = {str(label): value for value, label in choices.choices}
    table.update({value: value for value in choices.values})
    return table


def _labels(choices) -> tuple[str, ...]:
    with translation.override("zh-hans"):
        return tuple(str(label) for _value, label in choices.choices)


def columns() -> tuple[Column, ...]:
    return (
        Column("held_on", "活动日期", True, "如 2025-12-04，不能晚于今天"),
        Column("organizer", "主办单位", True, "本辖区单位的全称（行政机关填本机关）"),
        Column("region", "活动所在区域", False,
               "街道、镇或村（社区）的名称或 12 位区划代码，须在主办单位辖区内；不填为主办单位所在区域"),
        Column("place", "活动地点", True, "如 赤岗街道文化广场"),
        Column("topic", "活动主题", True, "如 宪法进社区"),
        Column("form", "活动形式", True, "下拉选择", _labels(ActivityForm)),
        Column("audience", "受众对象", True, "下拉选择", _labels(AudienceKind)),
        Column("people_reached", "受众人数", True, "整数，不能为负数"),
        Column("materials_distributed", "发放资料（份）", False, "不填为 0，不能为负数"),
        Column("online_views", "线上观看（人次）", False, "不填为 0，不能为负数"),
        Column("notes", "备注", False, "可不填"),
    )  # fmt: skip


def template() -> bytes:
    return importing.template(columns(), "普法活动")


class _Context:
    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.forms = words(ActivityForm)
        self.audiences = words(AudienceKind)

    def load(self) -> None:
        self.organizers = importing.by_name(organizers_for(self.actor, PERMISSION))
        prefixes = {o.jurisdiction for o in self.organizers.values() if o is not None}
        condition = Q()
        for prefix in prefixes:
            condition |= Q(code__startswith=prefix)
        regions = Region.objects.filter(condition) if prefixes else Region.objects.none()
        self.codes: dict[str, Region] = {}
        self.names: dict[str, Region | None] = {}
        for region in regions.only("code", "name", "level"):
            self.codes[region.code] = region
            self.names[region.name] = None if region.name in self.names else region


def import_activities(fileobj, *, actor, write: bool = True, progress=None) -> Result:
    """Check every row of past activities; write them all only if none has a problem."""
    if actor is None or not actor.is_authenticated or not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not record activities."))
    ctx = _Context(actor)
    cols = columns()
    return importing.run(
        fileobj, cols,
        lambda cells, row_number, report: _row(Row(cells, report), ctx, cols),
        write=write, writer=lambda records: _write(records, actor),
        empty=_("The file has no activity rows."), prepare=ctx.load, progress=progress,
        once=importing.Once("education.import_activities", actor, PERMISSION),
    )  # fmt: skip


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
    if number > INT_MAX:
        row.fail(key, _("The number is too large."))
        return 0
    return number


def _region(row: Row, ctx: _Context, organizer) -> str | None:
    value = row.get("region")
    if not value:
        return organizer.region_id if organizer is not None else None
    region = ctx.codes.get(value) if value.isdigit() else ctx.names.get(value)
    if region is None and not value.isdigit() and value in ctx.names:
        row.fail("region", _("Several regions of your jurisdiction have this name; write its "
                             "12-digit code."))  # fmt: skip
        return None
    if region is None:
        known = Region.objects.filter(Q(code=value) if value.isdigit() else Q(name=value))
        if known.exists():
            row.fail("region", _("This region lies outside your jurisdiction."))
        else:
            row.fail("region", _("No region of that name or code in the region table."))
        return None
    if organizer is not None and not region.code.startswith(
        jurisdiction_prefix(organizer.region_id)
    ):
        row.fail("region", _("The region must be the organiser's or lie within it."))
        return None
    return region.code


def _row(row: Row, ctx: _Context, cols) -> EducationActivity | None:
    importing.check_required(cols, row.get, row.fail)
    dates = importing.check_dates(row.cells, row.get, ("held_on",), ctx.today, row.fail)
    organizer = None
    name = row.get("organizer")
    if name:
        organizer = ctx.organizers.get(name)
        if name not in ctx.organizers:
            row.fail("organizer", _("No organisation of that name whose activities you may "
                                    "record."))  # fmt: skip
        elif organizer is None:
            row.fail("organizer", _(importing.AMBIGUOUS))
    region_code = _region(row, ctx, organizer)
    if (
        organizer is not None
        and region_code
        and not may(ctx.actor, PERMISSION, region_code=region_code, organization_id=organizer.pk)
    ):
        row.fail("region", _("This region lies outside your jurisdiction."))
    form = row.get("form")
    if form and form not in ctx.forms:
        row.fail("form", _("Unknown form of activity; use the drop-down list."))
    audience = row.get("audience")
    if audience and audience not in ctx.audiences:
        row.fail("audience", _("Unknown audience; use the drop-down list."))
    importing.check_lengths(EducationActivity, row.get, ("place", "topic"), row.fail)
    counts = {key: _count(row, key)
              for key in ("people_reached", "materials_distributed", "online_views")}  # fmt: skip
    if row.problems or organizer is None or not region_code:
        return None
    return EducationActivity(
        held_on=dates["held_on"], place=row.get("place"), organizer=organizer,
        region_code=region_code, topic=row.get("topic"), form=ctx.forms[form],
        audience=ctx.audiences[audience], notes=row.get("notes"), **counts,
    )  # fmt: skip


def _write(records: list[EducationActivity], actor) -> None:
    with acting(actor), transaction.atomic():
        EducationActivity.objects.bulk_create(records, batch_size=500)
