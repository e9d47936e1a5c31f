"""Excel import of business volumes from the institutions' returns (业务量报表): notarisations
of a notary office and appraisals of a forensic institution by category, per month. All or
nothing, on core.importing: every row checked column by column, the problems named by row,
column and reason in Chinese, nothing written if there is one.

One row per institution, month and category: the institution (a notary office or forensic
institution of the importer's jurisdiction, by its name in the register), the month (2026-03,
an Excel date, or 2026年3月; not after the current month), the category (公证 for a notary
office, which may be left empty; 法医类 / 物证类 / 声像资料 / 环境损害 / 其他 for a forensic
institution, GD‑SJ Art. 9), the count (a whole number, 0 or more). A row given twice in one
file is refused; a month already in the register is replaced by the return's count (a
corrected return), so a file sent again changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import importing
from core.audit import acting
from core.errors import PermissionDenied
from core.importing import Column, Row
from core.models import Organization, OrganizationKind
from core.querysets import scope_condition
from profession.choices import AppraisalCategory, InstitutionStatus, VolumeKind
from profession.models import ForensicInstitution, NotaryOffice, Volume

PERMISSION = "profession.add_volume"
NOTARISATION = "公证"
CATEGORIES = {
    "法医类": AppraisalCategory.FORENSIC_MEDICINE,
    "物证类": AppraisalCategory.PHYSICAL_EVIDENCE,
    "声像资料": AppraisalCategory.AUDIOVISUAL,
    "环境损害": AppraisalCategory.ENVIRONMENTAL,
    "其他": AppraisalCategory.OTHER,
}
KINDS = (OrganizationKind.NOTARY_OFFICE, OrganizationKind.FORENSIC_INSTITUTION)

COLUMNS = (
    Column("institution", "机构名称", True, "公证处或司法鉴定机构的名称，与登记的名称一致"),
    Column("month", "月份", True, "写成 2026-03"),
    Column("category", "业务类别", False, "公证处写“公证”或留空；鉴定机构写鉴定类别",
           choices=(NOTARISATION, *CATEGORIES)),
    Column("count", "件数", True, "整数，0 或以上"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
WRITE_CATEGORY = gettext_noop("Write 法医类, 物证类, 声像资料, 环境损害 or 其他.")


def template() -> bytes:
    notes = (
        [],
        ["填写方式", "", "每个机构每月每个类别一行。同一机构同一月份再次导入的，以新报表的件数为准。"],
        ["全部或全不", "", "任何一行有问题，整个文件都不导入；问题清单列出行、列和原因。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "业务量", notes)


@dataclass
class _Record:
    row: int
    organization: Organization
    kind: str
    category: str
    month: datetime.date
    count: int


class _Context:
    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.by_name: dict = {}
        self.seen: dict[tuple, int] = {}
        self._elsewhere: dict[str, bool] = {}
        self.profiles: dict[int, object] = {}

    def load(self) -> None:
        condition = scope_condition(self.actor, PERMISSION, Organization)
        if condition is not None:
            self.by_name.update(importing.by_name(
                Organization.objects.filter(condition, kind__in=KINDS)))  # fmt: skip
        ids = [o.pk for o in self.by_name.values() if o is not None]
        for model in (NotaryOffice, ForensicInstitution):
            self.profiles.update(
                (p.organization_id, p) for p in model.objects.filter(organization_id__in=ids)
            )

    def find(self, row: Row):
        name = row.get("institution")
        if not name:
            return None
        if name not in self.by_name:
            if name not in self._elsewhere:
                self._elsewhere[name] = Organization.objects.filter(
                    kind__in=KINDS, name=name).exists()  # fmt: skip
            if self._elsewhere[name]:
                row.fail("institution", _("%(name)s is outside your jurisdiction: you may not "
                                          "import for it.") % {"name": name})  # fmt: skip
            else:
                row.fail("institution", _("No notary office or forensic institution of that "
                                          "name in the register."))  # fmt: skip
            return None
        organization = self.by_name[name]
        if organization is None:
            row.fail("institution", _(importing.AMBIGUOUS))
            return None
        profile = self.profiles.get(organization.pk)
        if (profile is None or profile.status == InstitutionStatus.DEREGISTERED
                or not organization.is_active):  # fmt: skip
            row.fail("institution", _("%(name)s is not a practising institution of the register "
                                      "(no profile, deregistered or closed).") % {"name": name})  # fmt: skip
            return None
        return organization


def _month(row: Row, cells) -> datetime.date | None:
    value = cells.get("month")
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return day.replace(day=1)
    raw = row.get("month").replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-")
    try:
        year, month = (int(p) for p in raw.split("-")[:2])
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        row.fail("month", _("Not a month; write it as 2026-03."))
        return None


def _count(row: Row, cells) -> int | None:
    value = cells.get("count")
    raw = row.get("count").replace(",", "").replace("，", "")
    try:
        number = int(value) if isinstance(value, int) else int(raw)
    except (TypeError, ValueError):
        try:
            as_float = float(raw)
        except ValueError:
            as_float = None
        if as_float is not None and as_float < 0:
            row.fail("count", _("The count cannot be negative."))
        else:
            row.fail("count", _("Write a whole number, 0 or more."))
        return None
    if number < 0:
        row.fail("count", _("The count cannot be negative."))
        return None
    if number > 10_000_000:
        row.fail("count", _("At most 10,000,000 in a month."))
        return None
    return number


def _row(cells, row_number, report, ctx: _Context):
    row = Row(cells, report)
    importing.check_required(COLUMNS, row.get, row.fail)
    organization = ctx.find(row)
    month = _month(row, cells) if row.get("month") else None
    if month and month > ctx.today.replace(day=1):
        row.fail("month", _("The month cannot be in the future."))
    count = _count(row, cells) if row.get("count") else None
    category_text = row.get("category")
    kind = category = None
    if organization is not None:
        if organization.kind == OrganizationKind.NOTARY_OFFICE:
            if category_text in ("", NOTARISATION):
                kind, category = VolumeKind.NOTARISATION, ""
            else:
                row.fail("category", _("A notary office reports notarisations: write 公证 or "
                                       "leave it empty."))  # fmt: skip
        elif not category_text:
            row.fail("category", _("Give the appraisal category."))
        elif category_text not in CATEGORIES:
            row.fail("category", _(WRITE_CATEGORY))
        elif CATEGORIES[category_text] not in ctx.profiles[organization.pk].categories:
            row.fail("category", _("The institution is not registered for %(category)s "
                                   "appraisals.") % {"category": category_text})  # fmt: skip
        else:
            kind, category = VolumeKind.APPRAISAL, CATEGORIES[category_text]
    if row.problems or None in (organization, month, count, kind):
        return None
    key = (organization.pk, kind, category, month)
    if key in ctx.seen:
        row.fail("month", _("The same institution, month and category are on row %(row)s.")
                 % {"row": ctx.seen[key]})  # fmt: skip
        return None
    ctx.seen[key] = row_number
    return _Record(row_number, organization, kind, category, month, count)


def _write(records: list[_Record], actor) -> None:
    with acting(actor), transaction.atomic():
        for r in records:
            Volume.objects.update_or_create(
                organization=r.organization, kind=r.kind, category=r.category, month=r.month,
                defaults={"count": r.count, "region_code": r.organization.region_id},
            )  # fmt: skip


def import_volumes(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row of a return; write them all only if none has a problem."""
    if not any(m.organization.kind == OrganizationKind.JUSTICE_BUREAU
               for m in actor.active_memberships()) or not actor.can(PERMISSION):  # fmt: skip
        # A legal-aid centre's section staff keep out of this line (profession.models).
        raise PermissionDenied(_("You may not import business volumes."))
    ctx = _Context(actor)
    return importing.run(
        fileobj, COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, fail, ctx),
        write=write, writer=lambda records: _write(records, actor),
        empty=_("The file has no rows of business volumes."), prepare=ctx.load,
        progress=progress,
    )  # fmt: skip
