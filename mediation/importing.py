"""Import of past disputes from Excel (DESIGN.md: Excel in and out).

Staff download a template, fill one dispute per row and upload it. Every row is checked first;
if any row has a problem nothing is written and the report names the row, the column and the
reason. A valid file is written in one transaction through `mediation.history`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Channel
from core import importing
from core.errors import PermissionDenied
from core.importing import (
    Column,
    Result,
    RowError,
    error_report,  # noqa: F401  (the line's import API)
)
from core.models import Party, PartyKind
from core.validators import validate_phone, validate_resident_id
from mediation import history
from mediation.choices import AgreementForm, DisputeType, Outcome, Side, Source
from mediation.models import Dispute
from mediation.services import handling_organizations

# Result column → (state, outcome, agreement form).
RESULTS = {
    "调解中": ("mediating", "", ""),
    "达成书面协议": ("agreed", Outcome.SUCCEEDED, AgreementForm.WRITTEN),
    "达成口头协议": ("agreed", Outcome.SUCCEEDED, AgreementForm.ORAL),
    "调解不成": ("failed", Outcome.FAILED, ""),
    "终止调解": ("terminated", Outcome.TERMINATED, ""),
    "不予受理": ("refused", Outcome.REFUSED, ""),
}
SOURCES = {
    "当事人申请": Source.APPLICATION,
    "主动排查": Source.INITIATIVE,
    "法院移送": Source.COURT,
    "检察院移送": Source.PROCURATORATE,
    "公安移送": Source.POLICE,
    "信访移送": Source.PETITION,
    "12345移送": Source.HOTLINE,
    "政府部门移送": Source.GOVERNMENT,
}
CHANNELS = {"窗口": Channel.WINDOW, "网上": Channel.ONLINE, "电话": Channel.PHONE,
            "移送": Channel.REFERRAL, "主动": Channel.INITIATIVE}  # fmt: skip
TYPES = {
    "婚姻家庭纠纷": DisputeType.MARRIAGE_FAMILY, "邻里纠纷": DisputeType.NEIGHBOUR,
    "房屋宅基地纠纷": DisputeType.HOUSING_LAND, "合同纠纷": DisputeType.CONTRACT,
    "生产经营纠纷": DisputeType.BUSINESS, "损害赔偿纠纷": DisputeType.DAMAGES,
    "山林土地纠纷": DisputeType.FOREST_LAND, "征地拆迁纠纷": DisputeType.LAND_ACQUISITION,
    "环境污染纠纷": DisputeType.ENVIRONMENT, "劳动争议纠纷": DisputeType.LABOUR,
    "消费纠纷": DisputeType.CONSUMER, "医疗纠纷": DisputeType.MEDICAL,
    "道路交通事故纠纷": DisputeType.TRAFFIC, "物业纠纷": DisputeType.PROPERTY_MANAGEMENT,
    "其他纠纷": DisputeType.OTHER,
}  # fmt: skip


COLUMNS = (
    Column("committee", "调委会", True, "本辖区调委会或司法所的全称"),
    Column("received_on", "登记日期", True, "如 2025-03-01"),
    Column("title", "纠纷名称", True, "如 楼上漏水纠纷"),
    Column("dispute_type", "纠纷类型", True, "司法部统计分类", tuple(TYPES)),
    Column("facts", "简要情况", True, "纠纷的主要事实"),
    Column("amount", "涉及金额（元）", False, "不填为 0，不能为负数"),
    Column("source", "案件来源", False, "不填为 当事人申请", tuple(SOURCES)),
    Column("channel", "受理渠道", False, "不填为 窗口", tuple(CHANNELS)),
    Column("is_mass", "群体性纠纷", False, "是 / 否", ("是", "否")),
    Column("applicant", "申请人", True, "姓名或单位名称"),
    Column("applicant_phone", "申请人电话", False, "手机或固定电话"),
    Column("applicant_id", "申请人身份证号", False, "18 位，按 GB 11643 校验"),
    Column("respondent", "被申请人", True, "姓名或单位名称"),
    Column("result", "调解结果", True, "", tuple(RESULTS)),
    Column("accepted_on", "受理日期", False, "不填同登记日期"),
    Column("closed_on", "结案日期", False, "调解已结束的必填"),
    Column("number", "案号", False, "不填则按本单位案号规则自动编号"),
)


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    return importing.template(COLUMNS, "纠纷")


def import_disputes(fileobj, *, actor, write: bool = True, progress=None) -> Result:
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can("mediation.add_dispute"):
        raise PermissionDenied(_("You may not register disputes."))
    with importing.collector_paused():
        return _import(fileobj, actor=actor, write=write, progress=progress)


def _import(fileobj, *, actor, write, progress) -> Result:
    orgs: dict = {}
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    numbers_seen: dict[tuple[int, str], int] = {}  # (organisation, number) -> row

    def prepare():
        orgs.update(importing.by_name(handling_organizations(actor)))

    def check_row(cells, row_number, fail):
        return _row(cells, row_number, orgs, today, zone, fail, numbers_seen)

    try:
        checked = importing.check_rows(
            fileobj, COLUMNS, check_row, prepare=prepare, progress=progress
        )
    except importing.Refused as exc:
        return exc.result
    # Numbers already in the database: one query for the whole file, not one per row.
    number_header = next(c.header for c in COLUMNS if c.key == "number")
    taken = Dispute.objects.filter(number__in={n for _o, n in numbers_seen}).values_list(
        "organization_id", "number"
    )
    for key in sorted(set(taken) & set(numbers_seen), key=numbers_seen.get):
        checked.errors.append(
            RowError(numbers_seen[key], number_header, _("This case number is already used."))
        )
    return importing.finish(
        checked,
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no dispute rows."),
        progress=progress,
    )


def _row(cells, row_number, orgs, today, zone, fail, numbers_seen) -> history.Record | None:
    texts = {key: importing.text(value) for key, value in cells.items()}
    get = lambda key: texts.get(key, "")  # noqa: E731
    importing.check_required(COLUMNS, get, fail)
    org = orgs.get(get("committee"))
    if get("committee") and get("committee") not in orgs:
        fail("committee", _("No committee of that name in your jurisdiction."))
    elif get("committee") and org is None:
        fail("committee", _("Several organisations have this name; ask an administrator."))
    importing.check_limits({"title": 200, "applicant": 128, "respondent": 128, "number": 64},
                           get, fail)  # fmt: skip
    dates = importing.check_dates(
        cells, get, ("received_on", "accepted_on", "closed_on"), today, fail
    )
    received = dates.get("received_on")
    accepted = dates.get("accepted_on") or received
    closed = dates.get("closed_on")
    if received and accepted and accepted < received:
        fail("accepted_on", _("Acceptance cannot precede registration."))
    dtype = TYPES.get(get("dispute_type")) or (
        get("dispute_type") if get("dispute_type") in DisputeType.values else None
    )
    if get("dispute_type") and dtype is None:
        fail("dispute_type", _("Unknown dispute type; use the drop-down list."))
    amount = Decimal(0)
    if get("amount"):
        try:
            amount = Decimal(get("amount").replace(",", ""))
        except InvalidOperation:
            fail("amount", _("Not a number."))
        else:
            if not amount.is_finite():
                fail("amount", _("Not a number."))
                amount = Decimal(0)
            elif amount < 0:
                fail("amount", _("The amount involved cannot be negative."))
            elif amount >= Decimal("1e12"):
                fail("amount", _("The amount involved is implausibly large."))
            elif amount.as_tuple().exponent < -2:
                fail("amount", _("At most two decimal places (yuan and fen)."))
    source = SOURCES.get(get("source") or "当事人申请")
    if source is None:
        fail("source", _("Unknown source; use the drop-down list."))
    channel = CHANNELS.get(get("channel") or "窗口")
    if channel is None:
        fail("channel", _("Unknown channel; use the drop-down list."))
    if get("is_mass") not in ("", "是", "否"):
        fail("is_mass", _("Write 是 or 否."))
    result = RESULTS.get(get("result"))
    if get("result") and result is None:
        fail("result", _("Unknown result; use the drop-down list."))
    if result and result[0] not in ("mediating",) and not closed:
        fail("closed_on", _("Required when the mediation has ended."))
    if result and result[0] == "mediating" and closed:
        fail("closed_on", _("A dispute still in mediation has no closing date."))
    if closed and accepted and closed < accepted:
        fail("closed_on", _("The closing date cannot precede acceptance."))
    phone = importing.check_with(validate_phone, get, "applicant_phone", fail)
    id_number = importing.check_with(validate_resident_id, get, "applicant_id", fail)
    number = get("number")
    if number and org is not None:
        if (org.pk, number) in numbers_seen:
            fail("number", _("This case number is already used."))
        numbers_seen[(org.pk, number)] = row_number
    if org is None or not received or dtype is None or result is None:
        return None
    state, outcome, form = result
    d = Dispute(
        number=number,
        organization=org,
        region_code=org.region_id,
        title=get("title"),
        facts=get("facts"),
        dispute_type=dtype,
        source=source or Source.APPLICATION,
        channel=channel or Channel.WINDOW,
        amount=amount,
        is_mass=get("is_mass") == "是",
        state=state,
        outcome=outcome,
        received_at=history.at(received, 9, zone),
        accepted_at=history.at(accepted, 10, zone) if state != "refused" else None,
        closed_at=history.at(closed, 16, zone) if closed else None,
        consent_recorded=state != "refused",
    )
    if form:
        d.agreement_form = form
        d.agreement_effective_on = closed
        written = form == AgreementForm.WRITTEN
        d.parties_signed = d.mediator_signed = d.committee_sealed = written
    applicant_kind = PartyKind.ORGANIZATION if "公司" in get("applicant") else PartyKind.PERSON
    parties = [
        (
            Side.APPLICANT,
            Party(
                kind=applicant_kind,
                name=get("applicant"),
                phone=phone or "",
                id_number=id_number or "",
            ),
        ),
        (Side.RESPONDENT, Party(name=get("respondent"))),
    ]
    return history.Record(dispute=d, parties=parties)
