"""Excel imports of the sector's registers kept until now in spreadsheets (DESIGN.md: Excel in
and out): law firms, notary offices and forensic institutions (each a core.Organization with
its profile, profession.models), and the people of the register — lawyers (core.Lawyer, the one
register legal aid draws from: legal aid imports no lawyers, so this is the register's only
import), notaries and appraisers. All or nothing, on core.importing: every row checked column
by column, the problems named by row, column and reason in Chinese, nothing written if there is
one.

The key of a row is its licence or certificate number: a number already in the register
updates that entry (its name, region, status… as the row gives them) instead of adding a second
one, and the result says how many rows were added and how many updated, so a file sent again
adds nothing. A number twice in one file is refused.

An institution's region (a district or street of the importer's jurisdiction, by name or 12-digit
code) is its organisation's; a new organisation is put under the justice bureau of that region
or the nearest one above it, as the demo and core's register do (a firm in 海珠 under 海珠区司法局).
An organisation of the same kind, name and region that has no profile yet gets the profile (the
firms legal aid's register holds already); one that has a profile under another number is
refused. A person belongs to an institution of the register in the importer's jurisdiction,
named by its licence number or its name.

Who may import: as the volumes' import (profession.importing): a justice bureau's section
staff, for their jurisdiction (a row for another district is refused naming the column; a
number registered in another jurisdiction is refused without saying whose it is).

An empty 状态 leaves a registered entry's status as it is (a new one practises); 执业 is refused
for a lawyer or firm under a suspension, closure or revocation in force (profession.standing),
and the register's status is put in step with the penalties in force as the file is written.

The register is read once for the whole file, not once per row (the entries of the file's
numbers, the institutions, regions and bureaus of the jurisdiction, the penalties in force), and
written in bulk, each entry added or changed with its row in the change log (`_audit`: bulk
writes send django-auditlog no signal), the people of a moved institution included.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import importing
from core.audit import acting
from core.errors import PermissionDenied
from core.importing import Column, Row, RowError
from core.models import (
    Lawyer,
    Organization,
    OrganizationKind,
    PractitionerKind,
    PractitionerStatus,
    Region,
)
from core.regions import RegionLevel, ancestor_codes
from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Scope
from core.validators import validate_phone
from profession.choices import FirmForm, InstitutionStatus
from profession.importing import CATEGORIES
from profession.models import Appraiser, ForensicInstitution, LawFirm, Notary, NotaryOffice
from profession.services import may

INSTITUTION_STATUSES = {"执业": InstitutionStatus.PRACTISING,
                        "停业整顿": InstitutionStatus.SUSPENDED,
                        "注销": InstitutionStatus.DEREGISTERED}  # fmt: skip
PERSON_STATUSES = {"执业": PractitionerStatus.PRACTISING,
                   "停止执业": PractitionerStatus.SUSPENDED,
                   "吊销执业证书": PractitionerStatus.REVOKED}  # fmt: skip
FORMS = {"合伙": FirmForm.PARTNERSHIP, "个人": FirmForm.SOLE, "国资": FirmForm.STATE}
FORM_ALIASES = {"合伙律师事务所": FirmForm.PARTNERSHIP, "普通合伙": FirmForm.PARTNERSHIP,
                "特殊的普通合伙": FirmForm.PARTNERSHIP, "个人律师事务所": FirmForm.SOLE,
                "国家出资设立": FirmForm.STATE, "国资所": FirmForm.STATE}  # fmt: skip
WRITE_STATUS = gettext_noop("Write 执业, 停业整顿 or 注销.")
WRITE_PERSON_STATUS = gettext_noop("Write 执业, 停止执业 or 吊销执业证书.")
WRITE_FORM = gettext_noop("Write 合伙, 个人 or 国资.")
OUTSIDE = gettext_noop("%(name)s is outside your jurisdiction: you may not import for it.")
FOREIGN_NUMBER = gettext_noop("This number is registered outside your jurisdiction; it cannot "
                              "be imported.")  # fmt: skip
UNDER_PENALTY = gettext_noop("A penalty in force (suspension, closure or revocation) stops "
                             "practice: 执业 cannot be written.")  # fmt: skip


@dataclass(frozen=True)
class Register:
    """One register's import: its profile model (an institution's) or person model, the
    organisation kind, the permission, the template's sheet title and file name."""

    key: str
    model: type
    kind: str
    title: str
    filename: str
    person: bool = False
    owner: type | None = None  # a person's institution profile model


REGISTERS = {
    "firms": Register("firms", LawFirm, OrganizationKind.LAW_FIRM, "律师事务所",
                      "律师事务所导入模板.xlsx"),
    "notary_offices": Register("notary_offices", NotaryOffice, OrganizationKind.NOTARY_OFFICE,
                               "公证处", "公证处导入模板.xlsx"),
    "institutions": Register("institutions", ForensicInstitution,
                             OrganizationKind.FORENSIC_INSTITUTION, "司法鉴定机构",
                             "司法鉴定机构导入模板.xlsx"),
    "lawyers": Register("lawyers", Lawyer, OrganizationKind.LAW_FIRM, "律师",
                        "律师导入模板.xlsx", person=True, owner=LawFirm),
    "notaries": Register("notaries", Notary, OrganizationKind.NOTARY_OFFICE, "公证员",
                         "公证员导入模板.xlsx", person=True, owner=NotaryOffice),
    "appraisers": Register("appraisers", Appraiser, OrganizationKind.FORENSIC_INSTITUTION,
                           "司法鉴定人", "司法鉴定人导入模板.xlsx", person=True,
                           owner=ForensicInstitution),
}  # fmt: skip
# The permission each import asks (the register the row is written in); a lawyer is core's,
# kept through the firm's register.
PERMISSION = {"firms": "profession.add_lawfirm", "notary_offices": "profession.add_notaryoffice",
              "institutions": "profession.add_forensicinstitution",
              "lawyers": "profession.change_lawfirm", "notaries": "profession.add_notary",
              "appraisers": "profession.add_appraiser"}  # fmt: skip


def columns(key: str) -> tuple[Column, ...]:
    reg = REGISTERS[key]
    title = reg.title
    if not reg.person:
        cols = [
            Column("name", "名称", True, f"{title}的全称"),
            Column("licence_number", "执业许可证号", True,
                   "登记中已有此号的，按本行更新该机构，不重复登记", text=True),
            Column("region", "所在区域", True,
                   "本辖区的区（县）或街道（镇）名称，或 12 位区划代码"),
        ]  # fmt: skip
        if reg.model is LawFirm:
            cols.append(Column("form", "组织形式", False, "不填为 合伙", tuple(FORMS)))
        if reg.model is ForensicInstitution:
            cols.append(Column("categories", "鉴定类别", True,
                               "登记的鉴定业务类别，多个用“、”分隔", tuple(CATEGORIES)))  # fmt: skip
        cols += [
            Column("licensed_on", "批准执业日期", False, "如 2015-03-01，不能晚于今天"),
            Column("status", "状态", False, "不填为 执业", tuple(INSTITUTION_STATUSES)),
            Column("address", "地址", False, ""),
            Column("phone", "联系电话", False, ""),
        ]
        return tuple(cols)
    owner = {"lawyers": "律师事务所", "notaries": "公证处", "appraisers": "司法鉴定机构"}[key]
    cols = [
        Column("name", "姓名", True, ""),
        Column("licence_number", "执业证号", True,
               "登记中已有此号的，按本行更新该人员，不重复登记", text=True),
        Column("owner", owner, True,
               f"所在{owner}的执业许可证号或全称，须已在本辖区的登记中", text=True),
    ]  # fmt: skip
    if key == "lawyers":
        cols += [
            Column("licensed_on", "首次执业日期", False,
                   "新登记的律师必填，如 2015-03-01，不能晚于今天"),
            Column("phone", "联系电话", False, "手机或固定电话"),
        ]  # fmt: skip
    if key == "appraisers":
        cols.append(Column("categories", "鉴定类别", True,
                           "其所在机构登记的类别之一或几个，多个用“、”分隔", tuple(CATEGORIES)))  # fmt: skip
    cols.append(Column("status", "状态", False, "不填为 执业", tuple(PERSON_STATUSES)))
    return tuple(cols)


def template(key: str) -> bytes:
    reg = REGISTERS[key]
    notes = (
        [],
        ["填写方式", "", f"每个{reg.title}一行。执业许可证号或执业证号已在登记中的，按本行更新，"
         "结果中分别列出新增和更新的行数。"],
        ["全部或全不", "", "任何一行有问题，整个文件都不导入；问题清单列出行、列和原因。"],
    )  # fmt: skip
    return importing.template(columns(key), reg.title, notes)


@dataclass
class _Record:
    row: int
    values: dict
    existing: object | None = None  # the profile or person the number is registered to
    organization: Organization | None = None  # an institution's organisation without profile
    region: Region | None = None
    owner: object | None = None  # a person's institution profile


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0


def _name_key(value: str) -> str:
    """A name as compared with the register's: its ends trimmed and each run of spaces inside
    read as one (the same on both sides)."""
    return " ".join(value.split())


class _Context:
    def __init__(self, actor, key: str):
        self.actor = actor
        self.key = key
        self.reg = REGISTERS[key]
        self.perm = PERMISSION[key]
        self.today = timezone.localdate()
        self.numbers: dict[str, int] = {}  # licence number -> row
        self.names: dict[tuple, int] = {}  # (region, name) -> row, new institutions
        self.regions: dict[str, Region] = {}
        self.region_names: dict[str, Region | None] = {}
        self.owners_by_number: dict[str, object] = {}
        self.owners_by_name: dict[str, object | None] = {}
        self.bureaus: dict[str, Organization] = {}  # region code -> its justice bureau
        self.records: list[_Record] = []  # the rows valid on their own, checked again later
        self.standing = None  # profession.standing.InForce of today
        self.counts = _Counts()

    def prefixes(self) -> list[str]:
        """The jurisdictions of the importer's justice-bureau memberships granting the
        permission (profession.services.may)."""
        return sorted({
            m.jurisdiction for m in self.actor.active_memberships()
            if m.organization.kind == OrganizationKind.JUSTICE_BUREAU
            and self.perm in ROLE_PERMISSIONS.get(m.role, ())
            and ROLE_SCOPE[m.role] == Scope.REGION
        })  # fmt: skip

    def load(self) -> None:
        """What every row is checked against, read once: the institutions (a person's import)
        or the regions and justice bureaus (an institution's) of the jurisdiction, and the
        penalties in force today (profession.standing)."""
        from profession.standing import in_force

        if self.key in ("firms", "lawyers"):
            self.standing = in_force(self.today)
        prefixes = self.prefixes()
        if self.reg.person:
            condition = Q()
            for prefix in prefixes:
                condition |= Q(region_code__startswith=prefix)
            owners = (self.reg.owner.objects.filter(condition).select_related("organization")
                      if prefixes else self.reg.owner.objects.none())  # fmt: skip
            for o in owners:
                self.owners_by_number[o.licence_number] = o
                name = _name_key(o.name)
                self.owners_by_name[name] = None if name in self.owners_by_name else o
            return
        condition = Q()
        for prefix in prefixes:
            condition |= Q(code__startswith=prefix)
        if not prefixes:
            return
        for region in Region.objects.filter(condition, level__lte=RegionLevel.TOWNSHIP).only(
                "code", "name", "level", "parent_id"):  # fmt: skip
            self.regions[region.code] = region
            self.region_names[region.name] = (
                None if region.name in self.region_names else region)  # fmt: skip
        for org in Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU).order_by(
                "pk"):  # fmt: skip
            self.bureaus.setdefault(org.region_id, org)

    def region(self, row: Row) -> Region | None:
        value = row.get("region")
        if not value:
            return None
        code = value.ljust(12, "0") if value.isdigit() and len(value) in (6, 9, 12) else None
        region = self.regions.get(code) if code else self.region_names.get(value)
        if region is None and not code and value in self.region_names:
            row.fail("region", _("Several regions of your jurisdiction have this name; write "
                                 "its 12-digit code."))  # fmt: skip
            return None
        if region is None:
            known = Region.objects.filter(Q(code=code) if code else Q(name=value)).exists()
            if known:
                row.fail("region", _(OUTSIDE) % {"name": value})
            else:
                row.fail("region", _("No region of that name or code in the region table."))
            return None
        return region

    def bureau(self, code: str) -> Organization | None:
        """The justice bureau of the region or the nearest region above it (the new
        organisation's supervising unit, as core's demo puts firms under their district's
        bureau)."""
        return next((self.bureaus[c] for c in (code, *ancestor_codes(code))
                     if c in self.bureaus), None)  # fmt: skip

    def owner(self, row: Row):
        raw = row.get("owner")
        if not raw:
            return None
        # A licence number has no spaces; a name is compared as the register's (_name_key).
        owner = self.owners_by_number.get("".join(raw.split()))
        name = _name_key(raw)
        if owner is None and name in self.owners_by_name:
            owner = self.owners_by_name[name]
            if owner is None:
                row.fail("owner", _(importing.AMBIGUOUS))
                return None
        if owner is None:
            model = self.reg.owner
            elsewhere = model.objects.filter(
                Q(licence_number="".join(raw.split())) | Q(organization__name=name)).exists()  # fmt: skip
            if elsewhere:
                row.fail("owner", _(OUTSIDE) % {"name": raw})
            else:
                row.fail("owner", _("No %(register)s of that licence number or name in the "
                                    "register.") % {"register": model._meta.verbose_name})  # fmt: skip
            return None
        if owner.status == InstitutionStatus.DEREGISTERED or not owner.organization.is_active:
            row.fail("owner", _("%(name)s is deregistered.") % {"name": owner.name})
            return None
        return owner


def _categories(row: Row, allowed=None) -> list[str] | None:
    words = importing.names(row.get("categories").replace(",", "、").replace("，", "、"))
    if not words:
        return None
    if any(w not in CATEGORIES for w in words):
        row.fail("categories", _("Write 法医类, 物证类, 声像资料, 环境损害 or 其他."))
        return None
    values = list(dict.fromkeys(CATEGORIES[w] for w in words))
    if allowed is not None and any(v not in allowed for v in values):
        row.fail("categories", _("The institution is not registered for every category "
                                 "given."))  # fmt: skip
        return None
    return values


def _common(row: Row, ctx: _Context, cols, row_number: int) -> str:
    importing.check_required(cols, row.get, row.fail)
    number = "".join(row.get("licence_number").split())
    model = ctx.reg.model
    importing.check_lengths(model, lambda key: number, ("licence_number",), row.fail)
    if number and "licence_number" not in row.problems:
        if number in ctx.numbers:
            row.fail("licence_number", _("The same number is on row %(row)s.")
                     % {"row": ctx.numbers[number]})  # fmt: skip
        else:
            ctx.numbers[number] = row_number
    return number


def _institution_row(cells, row_number, report, ctx: _Context, cols):
    """The row's own checks; what the register holds is checked for the whole file at once
    (_later)."""
    row = Row(cells, report)
    get, fail = row.get, row.fail
    number = _common(row, ctx, cols, row_number)
    importing.check_lengths(Organization, get, ("name", "address", "phone"), fail)
    region = ctx.region(row)
    dates = importing.check_dates(cells, get, ("licensed_on",), ctx.today, fail)
    choices = importing.check_choices(
        (("status", INSTITUTION_STATUSES, WRITE_STATUS),
         *((("form", FORMS, WRITE_FORM),) if ctx.reg.model is LawFirm else ())),
        get, fail, aliases={"form": FORM_ALIASES})  # fmt: skip
    # An empty status leaves a registered institution's as it is; a new one practises (_later).
    values = {"name": get("name"), "licence_number": number, "status": choices["status"],
              "licensed_on": dates.get("licensed_on"), "address": get("address"),
              "phone": get("phone")}  # fmt: skip
    if ctx.reg.model is LawFirm:
        values["form"] = choices["form"]
    if ctx.reg.model is ForensicInstitution and get("categories"):
        values["categories"] = _categories(row)
    if region is not None and ctx.bureau(region.code) is None:
        fail("region", _("No justice bureau over this region to supervise it."))
    if row.problems or region is None:
        return None
    key = (region.code, get("name"))
    if key in ctx.names:
        fail("name", _("The same name and region are on row %(row)s.") % {"row": ctx.names[key]})
        return None
    ctx.names[key] = row_number
    record = _Record(row_number, values, region=region)
    ctx.records.append(record)
    return record


def _person_row(cells, row_number, report, ctx: _Context, cols):
    """The row's own checks; what the register holds is checked for the whole file at once
    (_later)."""
    row = Row(cells, report)
    get, fail = row.get, row.fail
    number = _common(row, ctx, cols, row_number)
    model = ctx.reg.model
    importing.check_lengths(model, get, ("name",), fail)
    owner = ctx.owner(row)
    choices = importing.check_choices((("status", PERSON_STATUSES, WRITE_PERSON_STATUS),),
                                      get, fail)  # fmt: skip
    values = {"name": get("name"), "licence_number": number, "status": choices["status"]}
    if model is Lawyer:
        dates = importing.check_dates(cells, get, ("licensed_on",), ctx.today, fail)
        values["licensed_on"] = dates.get("licensed_on")
        values["phone"] = importing.check_with(validate_phone, get, "phone", fail)
    if model is Appraiser and owner is not None and get("categories"):
        values["categories"] = _categories(row, owner.categories)
    if row.problems or owner is None or not number:
        return None
    record = _Record(row_number, values, owner=owner)
    ctx.records.append(record)
    return record


def _in_chunks(queryset, field: str, values, size: int = 900) -> list:
    """The objects whose `field` is one of `values`, asked in chunks (core.importing.in_chunks,
    for whole objects)."""
    values = sorted(values)
    out = []
    for start in range(0, len(values), size):
        out.extend(queryset.filter(**{f"{field}__in": values[start : start + size]}))
    return out


def _later(ctx: _Context, cols) -> list[RowError]:
    """The rows valid on their own, against the register, read once for the whole file: the
    entries their numbers are registered to (updated, if in the importer's jurisdiction), and
    for institutions the organisations of the same kind and name."""
    headers = {c.key: c.header for c in cols}
    errors: list[RowError] = []
    model = ctx.reg.model
    records = ctx.records
    existing_qs = (model.objects.all() if model in (Notary, Appraiser)
                   else model.objects.select_related("organization"))  # fmt: skip
    existing = {e.licence_number: e for e in _in_chunks(
        existing_qs, "licence_number", {r.values["licence_number"] for r in records})}  # fmt: skip
    orgs: dict[tuple, list] = {}
    profiles: dict[int, object] = {}
    if not ctx.reg.person:
        named = Organization.objects.filter(kind=ctx.reg.kind).order_by("pk")
        for org in _in_chunks(named, "name", {r.values["name"] for r in records}):
            orgs.setdefault((org.region_id, org.name), []).append(org)
        candidates = {o.pk for found in orgs.values() for o in found}
        profiles = {p.organization_id: p for p in _in_chunks(
            model.objects.all(), "organization_id", candidates)}  # fmt: skip
    for r in records:

        def fail(key, reason, r=r):
            errors.append(RowError(r.row, headers[key], reason))

        v = r.values
        found = existing.get(v["licence_number"])
        if found is not None and not may(ctx.actor, ctx.perm, region_code=found.region_code):
            # Whose it is is not said: the register of another jurisdiction is not shown.
            fail("licence_number", _(FOREIGN_NUMBER))
            continue
        r.existing = found
        if ctx.reg.person:
            if found is None:
                if model is Lawyer and not v["licensed_on"]:
                    fail("licensed_on", _("Required for a lawyer new to the register."))
                continue
            if model is Lawyer and found.organization.kind != OrganizationKind.LAW_FIRM:
                fail("licence_number", _("This number is registered to %(name)s of %(org)s, "
                                         "which is not a law firm; change it there.")
                     % {"name": found.name, "org": found.organization.name})  # fmt: skip
                continue
            if (model is Lawyer and v["status"] == PractitionerStatus.PRACTISING
                    and ctx.standing.lawyer_off(found)):  # fmt: skip
                fail("status", _(UNDER_PENALTY))
            continue
        same = orgs.get((r.region.code, v["name"]), [])
        if found is not None:
            if any(o.pk != found.organization_id for o in same):
                fail("name", _("Another organisation of this name is in the register in that "
                               "region."))  # fmt: skip
                continue
            if (model is LawFirm and v["status"] == InstitutionStatus.PRACTISING
                    and found.pk in ctx.standing.firms):  # fmt: skip
                fail("status", _(UNDER_PENALTY))
            continue
        if v["status"] is None:
            v["status"] = InstitutionStatus.PRACTISING
        if same:
            org = same[0]
            profile = profiles.get(org.pk)
            if profile is not None:
                fail("licence_number", _("%(name)s is in the register under licence number "
                                         "%(number)s.") % {"name": org.name,
                                                           "number": profile.licence_number})  # fmt: skip
                continue
            r.organization = org
    return errors


def _write(records: list[_Record], ctx: _Context) -> None:
    """Every row in one transaction, in bulk (batches of BATCH): the entries added, those
    updated, and one audit row for each (_audit); then the register's status kept in step with
    the penalties in force (profession.standing.sync)."""
    from profession.standing import sync

    with acting(ctx.actor), transaction.atomic():
        if ctx.reg.person:
            _write_persons(records, ctx)
        else:
            _write_institutions(records, ctx)
        if ctx.key in ("firms", "lawyers"):
            sync(ctx.today)


BATCH = 500


def _audit(pairs, actor) -> None:
    """The change log's rows for entries written in bulk (which sends no signal to
    django-auditlog): one per entry added or changed, with the same diff, masking, actor,
    address and correlation id as the rows of a save, written in batches."""
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_value
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    try:
        remote_addr = (auditlog_value.get() or {}).get("remote_addr")
    except LookupError:
        remote_addr = None
    cid, now = get_cid(), timezone.now()
    actor = actor if getattr(actor, "pk", None) else None
    entries = []
    for before, after in pairs:
        changes = model_instance_diff(
            before, after, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        if not changes:
            continue
        entries.append(LogEntry(
            content_type=ContentType.objects.get_for_model(after), object_pk=str(after.pk),
            object_id=after.pk, object_repr=str(after),
            action=LogEntry.Action.CREATE if before is None else LogEntry.Action.UPDATE,
            changes=changes, actor=actor, actor_email=getattr(actor, "email", None),
            remote_addr=remote_addr, cid=cid, timestamp=now,
        ))  # fmt: skip
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _save(model, pairs, fields) -> None:
    """Insert the new entries and update the others, in batches; their audit rows."""
    added = [after for before, after in pairs if before is None]
    changed = [after for before, after in pairs if before is not None]
    if "updated_at" in {f.name for f in model._meta.concrete_fields}:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        fields = [*fields, "updated_at"]
    model.objects.bulk_create(added, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH)


def _write_institutions(records: list[_Record], ctx: _Context) -> None:
    model = ctx.reg.model
    org_pairs, profile_pairs, moved = [], [], set()
    for r in records:
        v = r.values
        profile = r.existing
        if profile is not None:
            org = profile.organization
            org_before, before = copy.copy(org), copy.copy(profile)
            if org.region_id != r.region.code:
                org.parent = ctx.bureau(r.region.code)
                moved.add(org.pk)
            org.name, org.region = v["name"], r.region
            for name in ("address", "phone"):
                if v[name]:
                    setattr(org, name, v[name])
            ctx.counts.updated += 1
        else:
            before = None
            org = r.organization
            if org is None:
                org_before = None
                org = Organization(kind=ctx.reg.kind, parent=ctx.bureau(r.region.code),
                                   name=v["name"], region=r.region, address=v["address"],
                                   phone=v["phone"])  # fmt: skip
            else:
                org_before = copy.copy(org)
                for name in ("address", "phone"):
                    if v[name]:
                        setattr(org, name, v[name])
            profile = model()
            ctx.counts.created += 1
        org_pairs.append((org_before, org))
        profile.licence_number = v["licence_number"]
        if v["status"]:
            profile.status = v["status"]
        if v["licensed_on"]:
            profile.licensed_on = v["licensed_on"]
        if v.get("form"):
            profile.form = v["form"]
        if v.get("categories"):
            profile.categories = v["categories"]
        profile_pairs.append((before, profile))
    _save(Organization, org_pairs, ["name", "region", "parent", "address", "phone"])
    fields = ["licence_number", "status", "licensed_on", "region_code"]
    fields += {LawFirm: ["form"], ForensicInstitution: ["categories"]}.get(model, [])
    for (_before, org), (_b, profile) in zip(org_pairs, profile_pairs, strict=True):
        profile.organization = org  # its pk known now
        profile.region_code = org.region_id  # as the profile's save sets it
    _save(model, profile_pairs, fields)
    _audit(org_pairs + profile_pairs, ctx.actor)
    if moved:
        # Its people's region is the institution's (their save copies it): moved with it, each
        # with its audit row.
        regions = {org.pk: org.region_id for _b, org in org_pairs if org.pk in moved}
        people = [(Lawyer, "organization_id", lambda p: regions[p.organization_id])]
        if model is NotaryOffice:
            offices = {p.pk: p.organization_id for _b, p in profile_pairs}
            people.append((Notary, "office_id", lambda p: regions[offices[p.office_id]]))
        if model is ForensicInstitution:
            owners = {p.pk: p.organization_id for _b, p in profile_pairs}
            people.append((Appraiser, "institution_id",
                           lambda p: regions[owners[p.institution_id]]))  # fmt: skip
        for person_model, field, region_of in people:
            keys = moved if field == "organization_id" else {
                p.pk for _b, p in profile_pairs if p.organization_id in moved}  # fmt: skip
            pairs = []
            for person in _in_chunks(person_model.objects.all(), field, keys):
                before = copy.copy(person)
                person.region_code = region_of(person)
                pairs.append((before, person))
            _save(person_model, pairs, ["region_code"])
            _audit(pairs, ctx.actor)


def _write_persons(records: list[_Record], ctx: _Context) -> None:
    model = ctx.reg.model
    pairs = []
    for r in records:
        v = r.values
        person = r.existing
        if person is None:
            before = None
            person = model(licence_number=v["licence_number"])
            if model is Lawyer:
                person.kind = PractitionerKind.LAWYER
            ctx.counts.created += 1
        else:
            before = copy.copy(person)
            ctx.counts.updated += 1
        person.name = v["name"]
        if v["status"]:
            person.status = v["status"]
        if model is Lawyer:
            person.organization = r.owner.organization
            person.region_code = r.owner.organization.region_id  # as Lawyer.save sets it
            if v["licensed_on"]:
                person.licensed_on = v["licensed_on"]
            if v["phone"]:
                person.phone = v["phone"]
        elif model is Notary:
            person.office = r.owner
            person.region_code = r.owner.region_code
        else:
            person.institution = r.owner
            person.region_code = r.owner.region_code
            if v.get("categories"):
                person.categories = v["categories"]
            elif not person.categories:
                person.categories = list(r.owner.categories[:1])
        pairs.append((before, person))
    fields = ["name", "status", "region_code"]
    fields += {Lawyer: ["organization", "licensed_on", "phone"], Notary: ["office"],
               Appraiser: ["institution", "categories"]}[model]  # fmt: skip
    _save(model, pairs, fields)
    _audit(pairs, ctx.actor)


def import_register(fileobj, *, key: str, actor, write: bool = True,
                    progress=None) -> importing.Result:  # fmt: skip
    """Check every row of a register's file; write them all only if none has a problem. The
    result's `note` says how many rows were added and how many updated."""
    perm = PERMISSION[key]
    if not any(m.organization.kind == OrganizationKind.JUSTICE_BUREAU
               for m in actor.active_memberships()) or not actor.can(perm):  # fmt: skip
        # A legal-aid centre's section staff keep out of this line (profession.models).
        raise PermissionDenied(_("You may not keep the register of this organisation."))
    ctx = _Context(actor, key)
    cols = columns(key)
    check = _person_row if ctx.reg.person else _institution_row
    result = importing.run(
        fileobj, cols,
        lambda cells, row_number, report: check(cells, row_number, report, ctx, cols),
        write=write, writer=lambda records: _write(records, ctx),
        empty=_("The file has no rows."), prepare=ctx.load, progress=progress,
        later=lambda: _later(ctx, cols),
    )  # fmt: skip
    if result.ok and result.written:
        result.note = _("%(created)s added to the register, %(updated)s updated (their number "
                        "was in the register).") % {"created": ctx.counts.created,
                                                    "updated": ctx.counts.updated}  # fmt: skip
    return result


def _importer(key: str):
    def run(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
        return import_register(fileobj, key=key, actor=actor, write=write, progress=progress)

    run.__name__ = f"import_{key}"
    run.__doc__ = f"The import of the register of {key} (import_register)."
    return run


# The dotted paths core.importing's pages and core.jobs call.
import_firms = _importer("firms")
import_notary_offices = _importer("notary_offices")
import_institutions = _importer("institutions")
import_lawyers = _importer("lawyers")
import_notaries = _importer("notaries")
import_appraisers = _importer("appraisers")
