"""Import of past legal aid cases from Excel (issue 12 item 8; DESIGN.md: Excel in and out).

Staff download a template, fill one application per row and upload it. What a row has filled
says how far the case went, in the order of legalaid.process: received (收到申请) → decided
(给予 / 不予, 法律援助法第四十三条) → assigned (指派) → concluded (结案) → archived (归档). Every row
is checked first — the columns one by one and then their consistency (a decision before the
application, an archived case without a grant or a lawyer, a lawyer not in the register) —
and if any row has a problem nothing is written and the report names the row, the column and
the reason. A valid file is written in one transaction through `legalaid.history` (COPY on
PostgreSQL), with the review time in working days worked out as legalaid.process does.

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with mediation.importing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.models import Channel
from core import importing
from core.errors import PermissionDenied
from core.importing import (
    Column,
    RowError,
    error_report,  # noqa: F401  (the line's import API)
)
from core.models import Lawyer, Organization, OrganizationKind, Party, PartyKind
from core.regions import within
from core.validators import validate_phone, validate_resident_id
from legalaid import history
from legalaid.choices import Category, Decision, Hardship, Matter, Outcome, Result, Side, Source
from legalaid.models import AidCase
from legalaid.process import S

PERMISSION = "legalaid.add_aidcase"
MATTERS = {"民事": Matter.CIVIL, "刑事": Matter.CRIMINAL, "行政": Matter.ADMINISTRATIVE,
           "国家赔偿": Matter.STATE_COMPENSATION}  # fmt: skip
# 案由 as the centres report them; Art. 31 names the civil and administrative ones.
CATEGORIES = {
    "追索劳动报酬": Category.WAGES, "工伤": Category.WORK_INJURY,
    "婚姻家庭": Category.MARRIAGE_FAMILY, "赡养费抚养费扶养费": Category.MAINTENANCE,
    "交通事故": Category.TRAFFIC, "医疗纠纷": Category.MEDICAL,
    "社会保险和社会救助": Category.SOCIAL_INSURANCE, "人身损害赔偿": Category.PERSONAL_INJURY,
    "环境污染和生态破坏": Category.ENVIRONMENT, "国家赔偿": Category.STATE_COMPENSATION,
    "刑事辩护": Category.CRIMINAL_DEFENCE, "刑事被害人代理": Category.CRIMINAL_VICTIM,
    "其他": Category.OTHER,
}  # fmt: skip
CATEGORY_LABELS = {value: label for label, value in CATEGORIES.items()}
# A category that belongs to one matter only.
CATEGORY_MATTER = {
    Category.CRIMINAL_DEFENCE: Matter.CRIMINAL,
    Category.CRIMINAL_VICTIM: Matter.CRIMINAL,
    Category.STATE_COMPENSATION: Matter.STATE_COMPENSATION,
}
SOURCES = {"当事人申请": Source.APPLICATION, "值班律师转交": Source.DUTY_LAWYER,
           "办案机关通知": Source.NOTIFICATION}  # fmt: skip
CHANNELS = {"窗口": Channel.WINDOW, "网上": Channel.ONLINE, "电话": Channel.PHONE,
            "移送": Channel.REFERRAL}  # fmt: skip
HARDSHIPS = {
    "告知承诺": Hardship.COMMITMENT, "经济困难证明": Hardship.PROOF,
    "不受经济困难条件限制": Hardship.NOT_REQUIRED, "免予核查经济困难状况": Hardship.CHECK_WAIVED,
    "地方规定情形": Hardship.LOCAL, "通知辩护代理": Hardship.NOTIFIED,
}  # fmt: skip
DECISIONS = {"给予": Decision.GRANTED, "不予": Decision.REFUSED}
RESULTS = {
    "胜诉": Result.JUDGMENT_WON, "部分胜诉": Result.JUDGMENT_PARTLY, "败诉": Result.JUDGMENT_LOST,
    "调解结案": Result.MEDIATED, "和解结案": Result.SETTLED, "撤诉": Result.WITHDRAWN,
    "辩护意见被采纳": Result.DEFENCE_ADOPTED, "辩护意见未被采纳": Result.DEFENCE_NOT_ADOPTED,
    "其他": Result.OTHER,
}  # fmt: skip
# Words that make an opposing party's name an organisation's.
ORGANIZATION_WORDS = ("公司", "集团", "厂", "合作社", "事务所", "医院", "学校", "银行", "局",
                      "委员会", "政府", "中心")  # fmt: skip


COLUMNS = (
    Column("number", "案号", False, "不填则按本中心案号规则自动编号"),
    Column("centre", "法律援助机构", True, "本辖区法律援助中心的全称"),
    Column("received_on", "收到申请日期", True, "如 2025-03-01"),
    Column("channel", "渠道", False, "不填为 窗口（转交、通知的为 移送）", tuple(CHANNELS)),
    Column("source", "来源", False, "不填为 当事人申请", tuple(SOURCES)),
    Column("applicant", "申请人姓名", True, "受援人的姓名"),
    Column("applicant_id", "申请人身份证号", False, "18 位，按 GB 11643 校验", text=True),
    Column("applicant_phone", "申请人电话", False, "手机或固定电话", text=True),
    Column("opposing", "对方当事人", False, "姓名或单位名称；刑事辩护可不填"),
    Column("matter", "事项类别", True, "", tuple(MATTERS)),
    Column("category", "案由", True, "", tuple(CATEGORIES)),
    Column("facts", "案情", True, "案情及申请理由概述"),
    Column("hardship", "经济困难情形", False, "办案机关通知的可不填", tuple(HARDSHIPS)),
    Column("decision", "决定", False, "尚未决定的不填", tuple(DECISIONS)),
    Column("decided_on", "决定日期", False, "填了决定的必填"),
    Column("refusal_reason", "不予理由", False, "不予法律援助的必填"),
    Column("lawyer", "承办律师执业证号", False, "须已录入律师名册", text=True),
    Column("assigned_on", "指派日期", False, "填了承办律师的必填"),
    Column("concluded_on", "结案日期", False, "承办律师报告结案的日期"),
    Column("result", "办理结果", False, "填了结案日期的必填", tuple(RESULTS)),
    Column("recovered", "挽回经济损失（元）", False, "不填为 0，不能为负数，最多两位小数"),
    Column("archived_on", "归档日期", False, "卷宗归档审查完毕的日期"),
)
HEADERS = {c.key: c.header for c in COLUMNS}
# Columns of fixed values: (key, values, the reason when a value is not one of them). Reasons
# are translated only when a row has the problem (10,000 rows, seven columns each).
CHOICE_COLUMNS = (
    ("matter", MATTERS, gettext_noop("Unknown matter; use the drop-down list.")),
    ("category", CATEGORIES, gettext_noop("Unknown category; use the drop-down list.")),
    ("source", SOURCES, gettext_noop("Unknown source; use the drop-down list.")),
    ("channel", CHANNELS, gettext_noop("Unknown channel; use the drop-down list.")),
    ("hardship", HARDSHIPS, gettext_noop("Unknown financial condition; use the drop-down list.")),
    ("decision", DECISIONS, gettext_noop("Write 给予 or 不予.")),
    ("result", RESULTS, gettext_noop("Unknown result; use the drop-down list.")),
)
# Each step on or after the one before it: (earlier, later, the reason).
DATE_ORDER = (
    ("received_on", "decided_on", gettext_noop("The decision cannot precede the application.")),
    ("decided_on", "assigned_on", gettext_noop("The assignment cannot precede the decision.")),
    ("assigned_on", "concluded_on",
     gettext_noop("The conclusion cannot precede the assignment.")),
    ("concluded_on", "archived_on", gettext_noop("Archiving cannot precede the conclusion.")),
)  # fmt: skip


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    notes = (
        [],
        ["填写顺序", "", "案件办到哪一步就填到哪一步：收到申请 → 决定（给予/不予）→ 指派律师 → "
         "结案 → 归档；后一步的列只在前一步已填时填写。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "法律援助案件", notes)


def centres(actor):
    """The legal aid centres `actor` may register applications for (their jurisdiction)."""
    prefixes = actor.jurisdictions(PERMISSION)
    if not prefixes:
        return Organization.objects.none()
    condition = within("region_id", prefixes[0])
    for prefix in prefixes[1:]:
        condition |= within("region_id", prefix)
    return Organization.objects.filter(
        condition, kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True
    )


def import_aid_cases(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not register legal aid applications."))
    orgs: dict = {}
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    numbers_seen: dict[tuple[int, str], int] = {}  # (centre, number) -> row
    licences: dict[str, list[tuple[int, history.Record | None]]] = {}  # licence -> rows

    def prepare():
        orgs.update(importing.by_name(centres(actor)))

    def check_row(cells, row_number, fail):
        record = _row(cells, row_number, orgs, today, zone, fail, numbers_seen)
        licence = importing.text(cells.get("lawyer")).replace(" ", "")
        if licence:
            licences.setdefault(licence, []).append((row_number, record))
        return record

    def later() -> list[RowError]:
        """The register of lawyers and the numbers already used: read once for the whole
        file."""
        errors: list[RowError] = []
        known = dict(importing.in_chunks(Lawyer.objects.all(), "licence_number", licences,
                                         ("licence_number", "pk")))  # fmt: skip
        for licence, uses in licences.items():
            for row_number, record in uses:
                if licence in known:
                    if record is not None:
                        record.case.lawyer_id = known[licence]
                    continue
                reason = _("No lawyer with practising certificate %(number)s in the register.")
                errors.append(RowError(row_number, HEADERS["lawyer"],
                                       reason % {"number": licence}))  # fmt: skip
        taken = importing.in_chunks(AidCase.objects.all(), "number",
                                    {n for _o, n in numbers_seen}, ("organization_id", "number"))  # fmt: skip
        for key in set(taken) & set(numbers_seen):
            reason = _("This case number is already used.")
            errors.append(RowError(numbers_seen[key], HEADERS["number"], reason))
        return errors

    return importing.run(
        fileobj,
        COLUMNS,
        check_row,
        prepare=prepare,
        later=later,
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no legal aid case rows."),
        progress=progress,
    )


def _amount(text: str, fail, key: str) -> Decimal:
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:
        fail(key, _("Not a number."))
        return Decimal(0)
    if not amount.is_finite():
        fail(key, _("Not a number."))
    elif amount < 0:
        fail(key, _("The amount cannot be negative."))
    elif amount >= Decimal("1e12"):
        fail(key, _("The amount is implausibly large."))
    elif amount.as_tuple().exponent < -2:
        fail(key, _("At most two decimal places (yuan and fen)."))
    else:
        return amount
    return Decimal(0)


def _row(cells, row_number, orgs, today, zone, report, numbers_seen) -> history.Record | None:
    row = importing.Row(cells, report, once=False)
    get, fail, problems, texts = row.get, row.fail, row.problems, row.texts
    importing.check_required(COLUMNS, get, fail)
    org = orgs.get(get("centre"))
    if get("centre") and get("centre") not in orgs:
        fail("centre", _("No legal aid centre of that name in your jurisdiction."))
    elif get("centre") and org is None:
        fail("centre", _("Several organisations have this name; ask an administrator."))
    importing.check_limits({"applicant": 128, "opposing": 128, "number": 64}, get, fail)
    dates: dict[str, datetime.date] = importing.check_dates(
        cells,
        get,
        ("received_on", "decided_on", "assigned_on", "concluded_on", "archived_on"),
        today,
        fail,
    )
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail)
    matter, category = choices["matter"], choices["category"]
    if category in CATEGORY_MATTER and matter and CATEGORY_MATTER[category] != matter:
        fail(
            "category",
            _("This category belongs to the matter %(matter)s.")
            % {"matter": next(k for k, v in MATTERS.items() if v == CATEGORY_MATTER[category])},
        )
    source = choices["source"] or (Source.APPLICATION if not get("source") else None)
    channel = choices["channel"]
    if not get("channel") and source is not None:
        channel = Channel.WINDOW if source == Source.APPLICATION else Channel.REFERRAL
    hardship = choices["hardship"]
    if not get("hardship"):
        if source == Source.NOTIFICATION:
            hardship = Hardship.NOTIFIED
        elif source is not None:
            fail(
                "hardship",
                _("Required unless the case was notified by police, procuratorate or court."),
            )
    elif hardship == Hardship.NOTIFIED and source not in (None, Source.NOTIFICATION):
        fail(
            "hardship",
            _("Only for cases notified by police, procuratorate or court (Arts. 25–28)."),
        )
    if source == Source.NOTIFICATION and "received_on" in dates:
        _notified(texts, dates, choices, fail)
    recovered = _amount(get("recovered"), fail, "recovered") if get("recovered") else Decimal(0)
    phone = importing.check_with(validate_phone, get, "applicant_phone", fail)
    id_number = importing.check_with(validate_resident_id, get, "applicant_id", fail)
    state = _course(get, choices["decision"], dates, recovered, fail)
    number = get("number")
    if number and org is not None:
        if (org.pk, number) in numbers_seen:
            fail("number", _("This case number is already used."))
        numbers_seen[(org.pk, number)] = row_number
    if problems or org is None or None in (matter, category, source, channel, state):
        return None
    return _record(get, org, dates, state, choices, source, channel, hardship, recovered,
                   phone, id_number, zone)  # fmt: skip


def _notified(texts, dates, choices, fail) -> None:
    """A case notified by the police, a procuratorate or a court is aided from receipt (Arts.
    25, 28, 36): 给予 on the day of receipt, filled in when the columns are empty."""
    if choices["decision"] == Decision.REFUSED:
        fail("decision", _("A notified case is aided from receipt and is not refused "
                           "(Arts. 25, 28, 36): write 给予 or leave it empty."))  # fmt: skip
    elif texts.get("decided_on") and dates.get("decided_on") != dates["received_on"]:
        fail("decided_on", _("A notified case is aided from the day of receipt (Art. 36): "
                             "give that day or leave it empty."))  # fmt: skip
    elif choices["decision"] is not None or not texts.get("decision"):
        choices["decision"] = Decision.GRANTED
        texts["decision"] = next(k for k, v in DECISIONS.items() if v == Decision.GRANTED)
        dates["decided_on"] = dates["received_on"]
        texts["decided_on"] = dates["received_on"].isoformat()


def _course(get, decision, dates, recovered, fail) -> str | None:
    """The state the row's filled columns reach, checking that each step has the one before
    it (legalaid.process: grant → assign → conclude → submit the file → archive) and comes
    after it; None after a problem."""
    problems = []

    def problem(key, reason):
        problems.append(key)
        fail(key, reason)

    if get("decision") and decision is None:
        return None  # reported with the column's choices
    granted, refused = decision == Decision.GRANTED, decision == Decision.REFUSED
    has_lawyer = bool(get("lawyer") or get("assigned_on"))
    concluded = bool(get("concluded_on") or get("result"))
    if get("decision") and not get("decided_on"):
        problem("decided_on", _("Required when the decision is filled."))
    if get("decided_on") and not get("decision"):
        problem("decision", _("Required when a decision date is given."))
    if refused and not get("refusal_reason"):
        problem("refusal_reason", _("Required for a refusal: give the reasons (Art. 43)."))
    if get("refusal_reason") and decision and not refused:
        problem("refusal_reason", _("Only for a refusal."))
    if refused:
        for key in ("lawyer", "assigned_on", "concluded_on", "result", "recovered",
                    "archived_on"):  # fmt: skip
            if recovered if key == "recovered" else get(key):
                problem(key, _("Aid was refused: leave this empty."))
        return None if problems else S.REFUSED
    if has_lawyer and not granted:
        for key in ("lawyer", "assigned_on"):
            if get(key):
                problem(key, _("A lawyer is assigned only after aid is granted (决定: 给予)."))
    if get("lawyer") and not get("assigned_on"):
        problem("assigned_on", _("Required when a lawyer is given."))
    if get("assigned_on") and not get("lawyer"):
        problem("lawyer", _("Required when an assignment date is given."))
    if concluded and not has_lawyer:
        for key in ("concluded_on", "result"):
            if get(key):
                problem(key, _("Only a case with an assigned lawyer can be concluded."))
    if get("concluded_on") and not get("result"):
        problem("result", _("Required when the matter is concluded."))
    if get("result") and not get("concluded_on"):
        problem("concluded_on", _("Required when a result is given."))
    if recovered and not concluded:
        problem("recovered", _("Only for a concluded matter."))
    if get("archived_on"):
        missing = [
            _(label)
            for label, present in (
                (gettext_noop("a decision to grant aid"), granted),
                (gettext_noop("an assigned lawyer"), has_lawyer),
                (gettext_noop("the conclusion of the matter"), concluded),
            )
            if not present
        ]
        if missing:
            problem("archived_on", _("An archived case needs %(missing)s.")
                    % {"missing": "、".join(missing)})  # fmt: skip
    for before, after, message in DATE_ORDER:
        if before in dates and after in dates and dates[after] < dates[before]:
            problem(after, _(message))
    if problems:
        return None
    if not granted:
        return S.SUBMITTED
    if get("archived_on"):
        return S.ARCHIVED
    if concluded:
        return S.CONCLUDED
    return S.ASSIGNED if has_lawyer else S.GRANTED


def _record(get, org, dates, state, choices, source, channel, hardship, recovered, phone,
            id_number, zone) -> history.Record:  # fmt: skip
    category = choices["category"]
    label = CATEGORY_LABELS[category]
    if category == Category.OTHER:
        label = "法律援助"
    decided = dates.get("decided_on")
    case = AidCase(
        number=get("number"),
        organization=org,
        region_code=org.region_id,
        title=f"{get('applicant')}{label}案",
        facts=get("facts"),
        matter=choices["matter"],
        category=category,
        source=source,
        channel=channel,
        hardship=hardship,
        state=state,
        received_at=history.at(dates["received_on"], 9, zone),
    )
    if state != S.SUBMITTED:
        case.decision = choices["decision"]
        case.decided_on = decided
    if state == S.REFUSED:
        case.refusal_reason = get("refusal_reason")
        case.outcome = Outcome.REFUSED
        case.closed_at = history.at(decided, 16, zone)
    elif state != S.SUBMITTED:
        case.accepted_at = history.at(decided, 10, zone)  # the grant's stamp
    if state in (S.ASSIGNED, S.CONCLUDED, S.ARCHIVED):
        case.assigned_on = dates["assigned_on"]  # lawyer_id: set once the register is read
    if state in (S.CONCLUDED, S.ARCHIVED):
        case.result = choices["result"]
        case.recovered_losses = recovered
        case.concluded_on = dates["concluded_on"]
    if state == S.ARCHIVED:
        # The file was submitted and reviewed by then; the day it was submitted is not known.
        case.file_submitted_on = dates["archived_on"]
        case.closed_at = history.at(dates["archived_on"], 16, zone)
        case.outcome = Outcome.CLOSED
    parties = [
        (Side.APPLICANT, Party(kind=PartyKind.PERSON, name=get("applicant"), phone=phone or "",
                               id_number=id_number or "")),
    ]  # fmt: skip
    if get("opposing"):
        kind = (
            PartyKind.ORGANIZATION
            if any(word in get("opposing") for word in ORGANIZATION_WORDS)
            else PartyKind.PERSON
        )
        parties.append((Side.OPPOSING, Party(kind=kind, name=get("opposing"))))
    return history.Record(case=case, parties=parties)
