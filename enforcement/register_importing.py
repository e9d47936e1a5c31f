"""Excel imports of two enforcement registers kept until now in spreadsheets (DESIGN.md: Excel
in and out; reference/statutes-lines.md §C.3–C.4): the officers with their certificates
(执法人员, 执法证件) and the discretion standards with their lenient lists (裁量基准,
免罚轻罚清单). Both are all or nothing, on core.importing: every row checked column by column,
the problems named by row, column and reason in Chinese, nothing written if there is one.

Officers (`import_officers`, the bureau's section staff, for the bodies of their jurisdiction:
certificates are the bureau's to issue, enforcement.roles). One officer per row with the
certificate they hold: the body (in the register, within reach, standing on the issue day and
today), the name, the resident ID number (GB 11643, as core.validators checks it; once in the
register and once in the file), the post, the legal professional qualification, the
certificate number (once in the register and once in the file), the issue day (not in the
future) and the last valid day (after it), the training hours (optional). The register keeps
each certificate on the exam its holder passed (enforcement.services.certificate_issue); an
officer certified before Fazhi has none recorded, so the import records the pass on a sitting
of the justice bureau over the body titled CARRIED_OVER, dated the issue day, with no score —
counted by no exam indicator (they count candidates with a score), and the training hours of
the row, if given, as the candidate's hours before sign-up.

Discretion standards (`import_standards`, whoever may draft a body's standard: an agency's
handlers their own agency's bodies, section staff their jurisdiction's). One row per item of a
version, or per entry of its lenient list (the column 条目类别): the rows of one body with the
same day in force make one version, numbered after the body's last (discretion_services); the
version's title and basis document are the same on each of its rows; a version has at least one
item; its day in force comes after the start of the body's latest published version; a
publication day, if given, publishes it as discretion_services.standard_publish does (not in
the future). An item's power code, if given, is on the body's power list; its lowest fine is
not above its highest.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import importing
from core.audit import acting
from core.crypto import blind_index
from core.errors import PermissionDenied
from core.importing import Column, Row, RowError
from core.models import Organization, OrganizationKind
from core.querysets import scope_condition
from core.regions import ancestor_codes
from core.validators import validate_resident_id
from enforcement import discretion_services
from enforcement.discretion_models import (
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
    LenientTreatment,
)
from enforcement.models import (
    Certificate,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
)
from enforcement.validity import body_stands_on

ONE_DAY = datetime.timedelta(days=1)
YES_NO = importing.YES_NO


def _now():
    from django.utils import timezone

    return timezone.localdate()


class _Bodies:
    """The bodies an importer may import for (by name), and the one a row names."""

    def __init__(self, actor, permission: str):
        self.actor = actor
        self.permission = permission
        self.by_name: dict = {}
        self._elsewhere: dict[str, bool] = {}

    def load(self) -> None:
        condition = scope_condition(self.actor, self.permission, EnforcementBody)
        if condition is not None:
            self.by_name.update(importing.by_name(EnforcementBody.objects.filter(condition)))

    def find(self, row: Row, key: str = "body"):
        name = row.get(key)
        if not name:
            return None
        if name not in self.by_name:
            if name not in self._elsewhere:
                self._elsewhere[name] = EnforcementBody.objects.filter(name=name).exists()
            if self._elsewhere[name]:
                row.fail(key, _("%(body)s is outside your reach: you may not import for it.")
                         % {"body": name})  # fmt: skip
            else:
                row.fail(key, _("No enforcement body of that name in the register."))
            return None
        body = self.by_name[name]
        if body is None:
            row.fail(key, _("Several enforcement bodies within your reach have this name; ask "
                            "an administrator."))  # fmt: skip
        return body


def _decimal(row: Row, key: str, *, high: Decimal, places: int, reason: str) -> Decimal | None:
    """The column's number, from 0 to `high` with at most `places` decimals; else `reason`."""
    value = row.get(key).replace(",", "").replace("，", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        row.fail(key, reason)
        return None
    quantum = Decimal(1).scaleb(-places)
    if not number.is_finite() or number < 0 or number > high or number != number.quantize(quantum):
        row.fail(key, reason)
        return None
    return number


# -- officers and their certificates (执法人员, 执法证件) ----------------------------------------

OFFICER_PERMISSION = "enforcement.add_certificate"
CARRIED_OVER = "执法证件导入：本系统启用前通过的执法资格考试（未录入成绩）"

OFFICER_COLUMNS = (
    Column("body", "执法主体", True,
           "执法人员所在执法主体的全称（执法主体登记中的名称），须在您的辖区内"),
    Column("name", "姓名", True, ""),
    Column("id_number", "身份证号码", True,
           "18位公民身份号码；已在执法人员名册中的人员不能重复导入", text=True),
    Column("post", "职务", False, "如“执法队员”“科长”"),
    Column("legal_qualification", "法律职业资格", False, "是否具有法律职业资格，不填为 否",
           tuple(YES_NO)),
    Column("number", "执法证号", True, "执法证件编号，在名册中唯一", text=True),
    Column("issued_on", "发证日期", True, "不能晚于今天；写成 2025-03-01"),
    Column("valid_until", "有效期至", True, "证件有效的最后一天，须晚于发证日期"),
    Column("training_hours", "培训学时", False,
           "取得证件前12个月内的培训学时，0至1000，至多一位小数"),
)  # fmt: skip
OFFICER_HEADERS = {c.key: c.header for c in OFFICER_COLUMNS}


def officer_template() -> bytes:
    notes = (
        [],
        ["填写方式", "", "每名执法人员一行，连同其持有的执法证件。日期写成 2025-03-01。"],
        ["考试记录", "", "证件取得前通过的执法资格考试记为辖区司法局的“" + CARRIED_OVER
         + "”，不计入考试人数和通过率。"],
        ["全部或全不", "", "任何一行有问题，整个文件都不导入；问题清单列出行、列和原因。"],
    )  # fmt: skip
    return importing.template(OFFICER_COLUMNS, "执法人员", notes)


@dataclass
class _OfficerRecord:
    row: int
    body: EnforcementBody
    name: str
    id_number: str
    post: str
    legal_qualification: bool
    number: str
    issued_on: datetime.date
    valid_until: datetime.date
    training_hours: Decimal


class _OfficerContext:
    def __init__(self, actor):
        self.actor = actor
        self.today = _now()
        self.bodies = _Bodies(actor, OFFICER_PERMISSION)
        self.bureaus: dict[str, Organization | None] = {}
        self.ids: dict[str, int] = {}  # blind index -> row
        self.numbers: dict[str, int] = {}  # certificate number -> row

    def bureau(self, body: EnforcementBody) -> Organization | None:
        """The justice bureau of the body's region or the nearest region above it."""
        code = body.region_code
        if code not in self.bureaus:
            codes = [code, *ancestor_codes(code)]
            found = {o.region_id: o for o in Organization.objects.filter(
                kind=OrganizationKind.JUSTICE_BUREAU, region_id__in=codes).order_by("pk")}  # fmt: skip
            self.bureaus[code] = next((found[c] for c in codes if c in found), None)
        return self.bureaus[code]


def import_officers(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row of an officers' file; write them all only if none has a problem."""
    if not (actor.can(OFFICER_PERMISSION) and actor.can("enforcement.add_officer")):
        raise PermissionDenied(_("You may not import officers and their certificates."))
    ctx = _OfficerContext(actor)
    return importing.run(
        fileobj,
        OFFICER_COLUMNS,
        lambda cells, row_number, fail: _officer_row(cells, row_number, fail, ctx),
        write=write,
        writer=lambda records: _write_officers(records, ctx),
        empty=_("The file has no officer rows."),
        prepare=ctx.bodies.load,
        later=lambda: _officers_recorded(ctx),
        progress=progress,
    )


def _officer_row(cells, row_number, report, ctx: _OfficerContext):
    row = Row(cells, report)
    get, fail = row.get, row.fail
    importing.check_required(OFFICER_COLUMNS, get, fail)
    dates = importing.check_dates(cells, get, ("issued_on",), ctx.today, fail)
    if get("valid_until"):
        try:
            dates["valid_until"] = importing.date(cells["valid_until"])
        except (ValueError, TypeError):
            fail("valid_until", _("Not a date; write it as 2025-03-01."))
    if "issued_on" in dates and "valid_until" in dates:
        if dates["valid_until"] <= dates["issued_on"]:
            fail("valid_until", _("The last valid day must be after the issue day."))
    body = ctx.bodies.find(row)
    if body is not None:
        if not body_stands_on(body, ctx.today):
            fail("body", _("The body has been abolished; choose a standing body."))
        elif "issued_on" in dates and not body_stands_on(body, dates["issued_on"]):
            fail("issued_on", _("The body does not stand on the issue day."))
        elif ctx.bureau(body) is None:
            fail("body", _("No justice bureau over this body's region holds its officers' "
                           "exams."))  # fmt: skip
    importing.check_lengths(Officer, get, ("name", "post"), fail)
    number = "".join(get("number").split())
    if len(number) > Certificate._meta.get_field("number").max_length:
        importing.check_lengths(Certificate, lambda key: number, ("number",), fail)
    elif number:
        if number in ctx.numbers:
            fail("number", _("The same certificate number is on row %(row)s.")
                 % {"row": ctx.numbers[number]})  # fmt: skip
        else:
            ctx.numbers[number] = row_number
    id_number = ""
    if get("id_number"):
        try:
            id_number = validate_resident_id(get("id_number"))
        except ValidationError as exc:
            fail("id_number", str(exc.messages[0]))
    if id_number:
        index = blind_index(id_number)
        if index in ctx.ids:
            fail("id_number", _("The same resident ID number is on row %(row)s.")
                 % {"row": ctx.ids[index]})  # fmt: skip
        else:
            ctx.ids[index] = row_number
    choices = importing.check_choices(
        (("legal_qualification", YES_NO, importing.WRITE_YES_OR_NO),), get, fail
    )
    hours = Decimal("0")
    if get("training_hours"):
        hours = _decimal(row, "training_hours", high=Decimal("1000"), places=1,
                         reason=_("Give the hours: from 0 to 1000, at most one decimal."))  # fmt: skip
    if row.problems:
        return None
    return _OfficerRecord(
        row=row_number, body=body, name=get("name"), id_number=id_number, post=get("post"),
        legal_qualification=bool(choices["legal_qualification"]), number=number,
        issued_on=dates["issued_on"], valid_until=dates["valid_until"], training_hours=hours,
    )  # fmt: skip


def _officers_recorded(ctx: _OfficerContext) -> list[RowError]:
    """The rows whose officer (by ID number) or certificate number is in the register."""
    errors = []
    for (index,) in importing.in_chunks(Officer.objects.all(), "id_number_index", ctx.ids,
                                        ("id_number_index",)):  # fmt: skip
        errors.append(RowError(ctx.ids[index], OFFICER_HEADERS["id_number"],
                               _("An officer with this resident ID number is already in the "
                                 "register.")))  # fmt: skip
    for (number,) in importing.in_chunks(Certificate.objects.all(), "number", ctx.numbers,
                                         ("number",)):  # fmt: skip
        errors.append(RowError(ctx.numbers[number], OFFICER_HEADERS["number"],
                               _("Certificate number %(number)s is already used.")
                               % {"number": number}))  # fmt: skip
    return errors


def _write_officers(records: list[_OfficerRecord], ctx: _OfficerContext) -> None:
    """The officers, their exam passes (on the CARRIED_OVER sitting of the body's justice
    bureau) and their certificates, in one transaction."""
    actor = ctx.actor
    with acting(actor), transaction.atomic():
        sittings: dict[int, ExamSitting] = {}
        by_bureau: dict[int, list[_OfficerRecord]] = {}
        for r in records:
            by_bureau.setdefault(ctx.bureau(r.body).pk, []).append(r)
        for bureau_pk, rows in by_bureau.items():
            first = min(r.issued_on for r in rows)
            bureau = ctx.bureau(rows[0].body)
            sitting = (ExamSitting.objects.select_for_update()
                       .filter(organization_id=bureau_pk, title=CARRIED_OVER).first())  # fmt: skip
            if sitting is None:
                sitting = ExamSitting.objects.create(
                    organization=bureau, region_code=bureau.region_id, title=CARRIED_OVER,
                    held_on=first, place="", pass_mark=0,
                )  # fmt: skip
            elif first < sitting.held_on:
                sitting.held_on = first
                sitting.save(update_fields=["held_on"])
            sittings[bureau_pk] = sitting
        officers = Officer.objects.bulk_create([
            Officer(body=r.body, region_code=r.body.region_code, name=r.name,
                    id_number=r.id_number, post=r.post,
                    legal_qualification=r.legal_qualification)
            for r in records
        ])  # fmt: skip
        candidates = ExamCandidate.objects.bulk_create([
            ExamCandidate(sitting=sittings[ctx.bureau(r.body).pk], officer=o, body=r.body,
                          region_code=r.body.region_code, sat_on=r.issued_on,
                          signed_up_on=r.issued_on, training_hours=r.training_hours,
                          score=None, absent=False, passed=True)
            for r, o in zip(records, officers, strict=True)
        ])  # fmt: skip
        Certificate.objects.bulk_create([
            Certificate(number=r.number, officer=o, body=r.body, region_code=r.body.region_code,
                        exam=c, issued_on=r.issued_on, valid_until=r.valid_until,
                        issued_by=actor if actor.is_authenticated else None)
            for r, o, c in zip(records, officers, candidates, strict=True)
        ])  # fmt: skip


# -- discretion standards and lenient lists (裁量基准, 免罚轻罚清单) --------------------------------

STANDARD_PERMISSION = discretion_services.ADD
ITEM = "裁量基准"
ENTRY_KINDS = {
    ITEM: None,
    "不予处罚": LenientTreatment.NO_PENALTY,
    "减轻处罚": LenientTreatment.MITIGATED,
    "从轻处罚": LenientTreatment.LIGHTER,
}
WRITE_ENTRY_KIND = gettext_noop("Write 裁量基准, 不予处罚, 减轻处罚 or 从轻处罚.")

STANDARD_COLUMNS = (
    Column("body", "执法主体", True, "制定裁量基准的执法主体全称，须在您可管理的范围内"),
    Column("title", "基准名称", True, "同一版本各行相同"),
    Column("basis_document", "制定文件", True, "制定裁量基准的文件及文号；同一版本各行相同"),
    Column("effective_from", "施行日期", True,
           "同一执法主体、同一施行日期的各行为一个版本；须晚于该主体已发布的最新版本的施行日期"),
    Column("published_on", "发布日期", False,
           "已发布的填写（不能晚于今天），导入后即为已发布版本，上一版本自本版本施行前一日止；"
           "不填为草稿；同一版本各行相同"),
    Column("entry_kind", "条目类别", True,
           "裁量基准条目填“裁量基准”；免罚轻罚清单条目填处理方式", tuple(ENTRY_KINDS)),
    Column("power_code", "权力事项编码", False,
           "裁量基准条目：该主体权责清单中的事项编码，可不填", text=True),
    Column("violation", "违法行为", True, "权力事项名称或违法行为"),
    Column("legal_basis", "法律依据", True, ""),
    Column("circumstance", "情节", False, "裁量基准条目必填，如 轻微、一般、严重"),
    Column("fine_min", "罚款下限（元）", False, "裁量基准条目必填，0或以上，至多两位小数"),
    Column("fine_max", "罚款上限（元）", False, "裁量基准条目必填，不低于罚款下限"),
    Column("other_penalties", "其他处罚种类", False, "裁量基准条目可填，如 警告"),
    Column("condition", "适用条件", False,
           "免罚轻罚清单条目必填，如 初次违法且危害后果轻微并及时改正"),
)  # fmt: skip
STANDARD_HEADERS = {c.key: c.header for c in STANDARD_COLUMNS}
ITEM_ONLY = ("power_code", "circumstance", "fine_min", "fine_max", "other_penalties")
MONEY_REASON = gettext_noop("An amount in yuan: 0 or more, at most two decimals.")


def standard_template() -> bytes:
    notes = (
        [],
        ["填写方式", "", "每个裁量基准条目或免罚轻罚清单条目一行；同一执法主体、同一施行日期的各行"
         "组成一个版本，版本号接续该主体已有的版本。日期写成 2025-03-01。"],
        ["全部或全不", "", "任何一行有问题，整个文件都不导入；问题清单列出行、列和原因。"],
    )  # fmt: skip
    return importing.template(STANDARD_COLUMNS, "裁量基准", notes)


@dataclass
class _Version:
    body: EnforcementBody
    effective_from: datetime.date
    row: int  # the first row
    title: str
    basis_document: str
    published_on: datetime.date | None
    items: list[dict] = field(default_factory=list)
    lenient: list[dict] = field(default_factory=list)


class _StandardContext:
    def __init__(self, actor):
        self.actor = actor
        self.today = _now()
        self.bodies = _Bodies(actor, STANDARD_PERMISSION)
        self.versions: dict[tuple[int, datetime.date], _Version] = {}
        # The power codes the rows name, checked against the bodies' power lists in one query
        # once every row is read (_versions_checked): (body pk, code) → the rows naming it.
        self.power_codes: dict[tuple[int, str], list[int]] = {}

    def unknown_power_codes(self) -> list[RowError]:
        if not self.power_codes:
            return []
        bodies = {body for body, _code in self.power_codes}
        codes = {code for _body, code in self.power_codes}
        known = set(Power.objects.filter(body_id__in=bodies, code__in=codes)
                    .values_list("body_id", "code"))  # fmt: skip
        return [
            RowError(row, STANDARD_HEADERS["power_code"],
                     _("Not a power code on this body's power list."))
            for key, rows in self.power_codes.items() if key not in known
            for row in rows
        ]  # fmt: skip


def import_standards(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row of a discretion standards' file; write them all only if none has a
    problem."""
    if not actor.can(STANDARD_PERMISSION):
        raise PermissionDenied(_("You may not set discretion standards."))
    ctx = _StandardContext(actor)
    return importing.run(
        fileobj,
        STANDARD_COLUMNS,
        lambda cells, row_number, fail: _standard_row(cells, row_number, fail, ctx),
        write=write,
        writer=lambda records: _write_standards(ctx),
        empty=_("The file has no discretion standard rows."),
        prepare=ctx.bodies.load,
        later=lambda: _versions_checked(ctx),
        progress=progress,
    )


def _standard_row(cells, row_number, report, ctx: _StandardContext):
    row = Row(cells, report)
    get, fail = row.get, row.fail
    importing.check_required(STANDARD_COLUMNS, get, fail)
    dates = importing.check_dates(cells, get, ("published_on",), ctx.today, fail)
    if get("effective_from"):
        try:
            dates["effective_from"] = importing.date(cells["effective_from"])
        except (ValueError, TypeError):
            fail("effective_from", _("Not a date; write it as 2025-03-01."))
    body = ctx.bodies.find(row)
    # The kind as written (an item's has no treatment, so its value is the word itself).
    choices = importing.check_choices((("entry_kind", ENTRY_KINDS, WRITE_ENTRY_KIND),), get,
                                      fail, lookup=lambda key, value, table: (
                                          value if value in table else None))  # fmt: skip
    kind = choices["entry_kind"]
    importing.check_lengths(DiscretionStandard, get, ("title", "basis_document"), fail)
    is_item = kind == ITEM
    if is_item:
        importing.check_lengths(DiscretionItem, get, ("power_code", "violation", "legal_basis",
                                                      "circumstance", "other_penalties"), fail)  # fmt: skip
        if not get("circumstance"):
            fail("circumstance", _("Required for an item of the standard."))
        amounts = {}
        for key in ("fine_min", "fine_max"):
            if not get(key):
                fail(key, _("Required for an item of the standard."))
            else:
                amounts[key] = _decimal(row, key, high=Decimal("999999999999.99"), places=2,
                                        reason=_(MONEY_REASON))  # fmt: skip
        low, high = amounts.get("fine_min"), amounts.get("fine_max")
        if low is not None and high is not None and low > high:
            fail("fine_max", _("The highest fine (%(high)s) is below the lowest fine "
                               "(%(low)s).") % {"low": low, "high": high})  # fmt: skip
        code = get("power_code")
        if code and body is not None:
            ctx.power_codes.setdefault((body.pk, code), []).append(row_number)
    elif kind is not None:
        importing.check_lengths(LenientEntry, get, ("violation", "condition", "legal_basis"),
                                fail)  # fmt: skip
        if not get("condition"):
            fail("condition", _("Required for an entry of the lenient list."))
        for key in ITEM_ONLY:
            if get(key):
                fail(key, _("Leave empty for an entry of the lenient list."))
                break
    version = None
    if body is not None and "effective_from" in dates:
        key = (body.pk, dates["effective_from"])
        version = ctx.versions.get(key)
        same = {"title": get("title"), "basis_document": get("basis_document"),
                "published_on": dates.get("published_on")}  # fmt: skip
        if version is None:
            if not row.problems:
                version = ctx.versions[key] = _Version(
                    body=body, effective_from=dates["effective_from"], row=row_number, **same
                )
        else:
            for name, value in same.items():
                if getattr(version, name) != value and name not in row.problems:
                    fail(name, _("The rows of one version (the same body and day in force) "
                                 "must agree: row %(row)s differs.") % {"row": version.row})  # fmt: skip
    if row.problems or version is None:
        return None
    if is_item:
        version.items.append({
            "power_code": get("power_code"), "violation": get("violation"),
            "legal_basis": get("legal_basis"), "circumstance": get("circumstance"),
            "fine_min": low, "fine_max": high, "other_penalties": get("other_penalties"),
        })  # fmt: skip
    else:
        version.lenient.append({"treatment": ENTRY_KINDS[kind], "violation": get("violation"),
                                "condition": get("condition"),
                                "legal_basis": get("legal_basis")})  # fmt: skip
    return row_number


def _latest_published(body_ids) -> dict[int, DiscretionStandard]:
    """The latest published version of each body's standard (discretion_services'
    _latest_published), for all the bodies in one query."""
    latest: dict[int, DiscretionStandard] = {}
    rows = DiscretionStandard.objects.filter(body_id__in=set(body_ids), published_on__isnull=False)
    for standard in rows.order_by("body_id", "-effective_from"):
        latest.setdefault(standard.body_id, standard)
    return latest


def _versions_checked(ctx: _StandardContext) -> list[RowError]:
    """Each power code on its body's power list; each version with an item, coming into force
    after the start of its body's latest published version (discretion_services: no two
    versions in force on one day)."""
    errors = ctx.unknown_power_codes()
    latest = _latest_published(v.body.pk for v in ctx.versions.values())
    for version in sorted(ctx.versions.values(), key=lambda v: v.row):
        if not version.items:
            errors.append(RowError(version.row, STANDARD_HEADERS["entry_kind"],
                                   _("A version needs at least one item of the standard "
                                     "(条目类别 裁量基准).")))  # fmt: skip
        last = latest.get(version.body.pk)
        if last is not None and version.effective_from <= last.effective_from:
            errors.append(RowError(version.row, STANDARD_HEADERS["effective_from"],
                                   _("Version %(version)s of this body's standard is in force "
                                     "from %(day)s; a new version must come into force after "
                                     "that day.") % {"version": last.version,
                                                     "day": last.effective_from}))  # fmt: skip
    return errors


def _write_standards(ctx: _StandardContext) -> None:
    """The versions in one transaction, by body in the order they come into force, each
    numbered after the body's last; a published one ends the body's published version
    before it (discretion_services.standard_publish)."""
    actor = ctx.actor
    created_by = actor if actor.is_authenticated else None
    versions = sorted(ctx.versions.values(), key=lambda v: (v.body.pk, v.effective_from))
    body_ids = {v.body.pk for v in versions}
    with acting(actor), transaction.atomic():
        # The bodies' versions locked and read at once: the last number of each, and the
        # latest published version, which a newly published one ends.
        numbers: dict[int, int] = dict.fromkeys(body_ids, 0)
        for body_id, number in (DiscretionStandard.objects.select_for_update()
                                .filter(body_id__in=body_ids).values_list("body_id", "version")):  # fmt: skip
            numbers[body_id] = max(numbers[body_id], number)
        latest = _latest_published(body_ids)
        for v in versions:
            body = v.body
            numbers[body.pk] += 1
            if v.published_on is not None:
                previous = latest.get(body.pk)
                if previous is not None:
                    previous.effective_until = v.effective_from - ONE_DAY
                    previous.save(update_fields=["effective_until"])
            standard = DiscretionStandard.objects.create(
                body=body, agency_id=body.agency_id, region_code=body.region_code,
                title=v.title, version=numbers[body.pk], basis_document=v.basis_document,
                effective_from=v.effective_from, published_on=v.published_on,
                created_by=created_by,
            )  # fmt: skip
            if v.published_on is not None:
                latest[body.pk] = standard
            DiscretionItem.objects.bulk_create(
                [DiscretionItem(standard=standard, **item) for item in v.items]
            )
            LenientEntry.objects.bulk_create(
                [LenientEntry(standard=standard, **entry) for entry in v.lenient]
            )
