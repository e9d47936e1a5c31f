"""Import of past administrative reconsideration cases from Excel (DESIGN.md: Excel in and out),
on the model of legalaid.importing.

Staff download a template, fill one application per row and upload it. What a row has filled
says how far the case went, in the order of reconsideration.process (行政复议法 2023,
reference/statutes.md §1): received (收到申请, Art. 22) → accepted (受理, Art. 30, on the
ordinary or the simplified procedure, Art. 53) or not accepted (不予受理, Art. 30) → heard
(听证, Arts. 50, 51) → concluded (结案): a decision (决定, Arts. 63–72), a mediation (调解,
Art. 73), a settlement and withdrawal (和解撤回, Art. 74), a withdrawal (撤回, Art. 41 ¶1 (1)),
a termination (终止, Art. 41) or the rejection of the application (驳回申请, Art. 33). Only a
withdrawal can end an application not yet accepted.

Every row is checked first — the columns one by one, then their consistency (acceptance and
non-acceptance together, a decision without its type, 确认无效 without the applicant's request
(Art. 67), 驳回行政复议请求 outside a failure to act (Art. 69), dates out of order or in the
future, more days suspended than the case lasted, a respondent outside the bureau's
jurisdiction) — and if any row has a problem nothing is written and the report names the row,
the column and the reason. A row that repeats an application already registered (or one
earlier in the file: the same bureau, date of receipt, applicant, respondent and act), or a
case number already used, is refused, so a file uploaded twice is not imported twice. A valid
file is written in one transaction through `reconsideration.history` (COPY on PostgreSQL).

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with legal aid and mediation.
"""

from __future__ import annotations

import datetime
import re

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
from core.models import Party, PartyKind
from core.validators import validate_credit_code, validate_phone, validate_resident_id
from reconsideration import history
from reconsideration.choices import (
    ActType,
    DecisionType,
    Outcome,
    Procedure,
    Side,
    SimplifiedGround,
)
from reconsideration.models import ReconParty, ReconsiderationCase
from reconsideration.process import S
from reconsideration.services import offices, respondents

PERMISSION = "reconsideration.add_reconsiderationcase"
CHANNELS = {"窗口": Channel.WINDOW, "网上": Channel.ONLINE, "邮寄": Channel.POST}
APPLICANT_KINDS = {"自然人": PartyKind.PERSON, "法人或其他组织": PartyKind.ORGANIZATION}
# The Chinese labels of choices.ActType (Art. 11).
ACT_TYPES = {
    "行政处罚": ActType.PENALTY, "行政强制": ActType.COERCION, "行政许可": ActType.LICENCE,
    "不履行法定职责": ActType.FAILURE_TO_ACT, "政府信息公开": ActType.INFORMATION,
    "自然资源确权": ActType.OWNERSHIP, "征收征用": ActType.EXPROPRIATION,
    "工伤认定": ActType.WORK_INJURY, "其他": ActType.OTHER,
}  # fmt: skip
PROCEDURES = {"普通": Procedure.ORDINARY, "简易": Procedure.SIMPLIFIED}
# The Chinese labels of choices.SimplifiedGround (Art. 53).
SIMPLIFIED_GROUNDS = {
    "当场作出的行政行为": SimplifiedGround.ON_THE_SPOT,
    "警告或者通报批评": SimplifiedGround.WARNING,
    "罚款或没收违法所得、非法财物价值在三千元以下": SimplifiedGround.SMALL_FINE,
    "政府信息公开": SimplifiedGround.INFORMATION,
    "当事人各方同意适用简易程序": SimplifiedGround.AGREED,
}
# The ways a case ends: the state it reaches and its outcome (process.TRANSITIONS).
CONCLUSIONS = {
    "决定": (S.DECIDED, Outcome.DECIDED),
    "调解": (S.MEDIATED, Outcome.MEDIATED),
    "和解撤回": (S.WITHDRAWN, Outcome.SETTLED),
    "撤回": (S.WITHDRAWN, Outcome.WITHDRAWN),
    "终止": (S.TERMINATED, Outcome.TERMINATED),
    "驳回申请": (S.REJECTED, Outcome.REJECTED),
}
# The Chinese labels of choices.DecisionType (Arts. 63–72), without their article.
DECISIONS = {
    "变更": DecisionType.CHANGE, "撤销": DecisionType.ANNUL,
    "部分撤销": DecisionType.ANNUL_PART,
    "撤销并责令重新作出行政行为": DecisionType.ANNUL_REDO,
    "确认违法": DecisionType.DECLARE_UNLAWFUL, "责令履行": DecisionType.ORDER_PERFORMANCE,
    "确认无效": DecisionType.DECLARE_VOID, "维持": DecisionType.UPHOLD,
    "驳回行政复议请求": DecisionType.REJECT_CLAIM,
    "行政协议责令履行、补救或赔偿": DecisionType.CONTRACT_REMEDY,
}  # fmt: skip
YES_NO = importing.YES_NO
# Other spellings accepted: the procedure's full name, the short names of two decisions; a
# decision's label as the case page prints it, with its article, is accepted too (_lookup).
ALIASES = {
    "procedure": {"普通程序": Procedure.ORDINARY, "简易程序": Procedure.SIMPLIFIED},
    "decision_type": {"驳回复议请求": DecisionType.REJECT_CLAIM,
                      "撤销并责令重作": DecisionType.ANNUL_REDO},
}  # fmt: skip
ARTICLE = re.compile(r"[（(]第[^）)]*条[）)]$")
DAYS = re.compile(r"\d{1,5}")


COLUMNS = (
    Column("number", "案号", False, "不填则按本机构案号规则自动编号"),
    Column("office", "行政复议机构", True, "本辖区司法局（行政复议机构）的全称"),
    Column("received_on", "收到申请日期", True, "如 2026-03-02"),
    Column("channel", "申请方式", True, "", tuple(CHANNELS)),
    Column("applicant", "申请人", True, "姓名或单位名称"),
    Column("applicant_kind", "申请人类型", True, "", tuple(APPLICANT_KINDS)),
    Column("applicant_id", "申请人身份证号/统一社会信用代码", False,
           "自然人填 18 位身份证号（GB 11643 校验），法人或其他组织填统一社会信用代码"
           "（GB 32100 校验）", text=True),
    Column("applicant_phone", "申请人电话", False, "手机或固定电话", text=True),
    Column("third_parties", "第三人", False, "姓名或单位名称；多个用“、”分隔"),
    Column("respondent", "被申请人", True, "本辖区行政机关的全称"),
    Column("act_type", "行为类别", True, "", tuple(ACT_TYPES)),
    Column("act", "被申请行为", True, "如 海市监罚〔2026〕12号行政处罚决定"),
    Column("act_number", "文书编号", False, "行政行为的文书编号；不履行法定职责等没有文书的不填",
           text=True),
    Column("knew_on", "知道日期", False, "申请人知道该行政行为的日期"),
    Column("requests", "复议请求", True, "如 撤销该行政处罚决定"),
    Column("requests_void", "申请人请求确认无效", False,
           "不填为 否；决定类型为 确认无效 的须为 是（第六十七条）", tuple(YES_NO)),
    Column("accepted_on", "受理日期", False, "尚未受理的不填"),
    Column("refused_on", "不予受理日期", False, "决定不予受理的填写；与受理日期只填一个"),
    Column("refusal_reason", "不予受理理由", False, "填了不予受理日期的必填（第三十条）"),
    Column("procedure", "审理程序", False, "填了受理日期的必填", tuple(PROCEDURES)),
    Column("simplified_ground", "简易程序情形", False, "简易程序的必填（第五十三条）",
           tuple(SIMPLIFIED_GROUNDS)),
    Column("concluded_on", "结案日期", False, "尚未结案的不填"),
    Column("conclusion", "结案方式", False, "填了结案日期的必填；受理前只能撤回",
           tuple(CONCLUSIONS)),
    Column("decision_type", "决定类型", False,
           "结案方式为 决定 的必填；驳回行政复议请求 仅用于不履行法定职责（第六十九条）",
           tuple(DECISIONS)),
    Column("respondent_corrected", "被申请人自行纠正", False,
           "结案方式为 调解、和解撤回、撤回 的填写；不填为 否", tuple(YES_NO)),
    Column("hearing", "是否听证", False, "不填为 否", tuple(YES_NO)),
    Column("hearing_on", "听证日期", False, "是否听证为 是 的必填"),
    Column("suspended_days", "中止天数", False,
           "案件中止的天数（整数），不计入审理天数（第三十九条）"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
DATE_COLUMNS = ("received_on", "knew_on", "accepted_on", "refused_on", "concluded_on",
                "hearing_on")  # fmt: skip
# Columns of fixed values: (key, values, the reason when a value is not one of them). Reasons
# are translated only when a row has the problem.
CHOICE_COLUMNS = (
    ("channel", CHANNELS, gettext_noop("Write 窗口, 网上 or 邮寄.")),
    ("applicant_kind", APPLICANT_KINDS, gettext_noop("Write 自然人 or 法人或其他组织.")),
    ("act_type", ACT_TYPES, gettext_noop("Unknown kind of act; use the drop-down list.")),
    ("procedure", PROCEDURES, gettext_noop("Write 普通 or 简易.")),
    ("simplified_ground", SIMPLIFIED_GROUNDS,
     gettext_noop("Unknown ground for the simplified procedure; use the drop-down list.")),
    ("conclusion", CONCLUSIONS, gettext_noop("Unknown way of conclusion; use the drop-down list.")),
    ("decision_type", DECISIONS, gettext_noop("Unknown decision; use the drop-down list.")),
    ("requests_void", YES_NO, importing.WRITE_YES_OR_NO),
    ("respondent_corrected", YES_NO, importing.WRITE_YES_OR_NO),
    ("hearing", YES_NO, importing.WRITE_YES_OR_NO),
)  # fmt: skip
# Each step on or after the one before it: (earlier, later, the reason); the reason goes on the
# later column, and a column gets only the first of its problems.
DATE_ORDER = (
    ("received_on", "accepted_on", gettext_noop("The acceptance cannot precede the application.")),
    ("received_on", "refused_on",
     gettext_noop("Not accepting cannot precede the application.")),
    ("accepted_on", "hearing_on", gettext_noop("The hearing cannot precede the acceptance.")),
    ("accepted_on", "concluded_on",
     gettext_noop("The conclusion cannot precede the acceptance.")),
    ("received_on", "concluded_on",
     gettext_noop("The conclusion cannot precede the application.")),
    ("hearing_on", "concluded_on", gettext_noop("The conclusion cannot precede the hearing.")),
)  # fmt: skip
# The columns that belong to an accepted case only.
ACCEPTED_ONLY = ("procedure", "simplified_ground", "hearing_on", "suspended_days")


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    notes = (
        [],
        ["填写顺序", "", "案件办到哪一步就填到哪一步：收到申请 → 受理（或不予受理）→ 听证 → "
         "结案；后一步的列只在前一步已填时填写。受理前只能以 撤回 或 和解撤回 结案。"],
        ["审理天数", "", "自受理日期至结案日期的天数，减去中止天数（第三十九条、第六十二条）。"],
        ["重复导入", "", "同一行政复议机构、收到申请日期、申请人、被申请人和被申请行为的申请已"
         "登记的，该行不予导入；已使用的案号也不能再用。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "行政复议案件", notes)


def import_reconsideration_cases(fileobj, *, actor, write: bool = True,
                                 progress=None) -> importing.Result:  # fmt: skip
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not register reconsideration applications."))
    ctx = _Context(actor)
    return importing.run(
        fileobj,
        COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
        prepare=ctx.prepare,
        later=lambda: _registered(ctx),
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no reconsideration case rows."),
        progress=progress,
    )


class _Context:
    """What the rows are checked against, read once per file: the bureaus of the actor's
    jurisdiction, the agencies of each bureau's, the numbers and applications seen so far."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.zone = timezone.get_current_timezone()
        self.offices: dict = {}
        self.agencies: dict[int, dict] = {}  # bureau -> agencies by name
        self.numbers: dict[tuple[int, str], int] = {}  # (bureau, number) -> row
        self.applications: dict[tuple, int] = {}  # the application's key -> row

    def prepare(self):
        self.offices.update(importing.by_name(offices(self.actor)))

    def agencies_of(self, office) -> dict:
        if office.pk not in self.agencies:
            self.agencies[office.pk] = importing.by_name(respondents(office))
        return self.agencies[office.pk]


def _registered(ctx: _Context) -> list[RowError]:
    """The rows whose case number is used already, or whose application is registered already
    (read once for the whole file)."""
    errors: list[RowError] = []
    taken = importing.in_chunks(ReconsiderationCase.objects.all(), "number",
                                {n for _o, n in ctx.numbers}, ("organization_id", "number"))  # fmt: skip
    for key in set(taken) & set(ctx.numbers):
        errors.append(RowError(ctx.numbers[key], HEADERS["number"],
                               _("This case number is already used.")))  # fmt: skip
    for key, number in _applications(ctx.applications, ctx.zone).items():
        reason = _("This application is already registered as %(number)s.")
        errors.append(RowError(ctx.applications[key], HEADERS["applicant"],
                               reason % {"number": number}))  # fmt: skip
    return errors


def _applications(applications: dict[tuple, int], zone) -> dict[tuple, str]:
    """The applications of the file already registered, with their case numbers. An
    application is its bureau, date of receipt, respondent, act and applicant's name."""
    if not applications:
        return {}
    days = [key[1] for key in applications]
    start = history.at(min(days), 0, zone)
    end = history.at(max(days) + datetime.timedelta(days=1), 0, zone)
    cases = {
        pk: (org_id, history.local_day(received, zone), respondent_id, act, number)
        for pk, org_id, received, respondent_id, act, number in ReconsiderationCase.objects
        .filter(organization_id__in={key[0] for key in applications}, received_at__gte=start,
                received_at__lt=end)
        .values_list("pk", "organization_id", "received_at", "respondent_id",
                     "act_description", "number")
    }  # fmt: skip
    found = {}
    links = ReconParty.objects.filter(side=Side.APPLICANT)
    for case_id, name in importing.in_chunks(links, "case_id", cases, ("case_id", "party__name")):
        org_id, day, respondent_id, act, number = cases[case_id]
        key = (org_id, day, respondent_id, act, name)
        if key in applications:
            found[key] = number
    return found


def _lookup(key: str, value: str, table: dict):
    """The choice a cell names: its drop-down value, an accepted other spelling, or a
    decision's label with its article (维持（第六十八条）)."""
    if value in table:
        return table[value]
    aliases = ALIASES.get(key, {})
    if value in aliases:
        return aliases[value]
    if key == "decision_type":
        bare = ARTICLE.sub("", value).strip()
        return table.get(bare, aliases.get(bare))
    return None


def _row(cells, row_number, ctx: _Context, report) -> history.Record | None:
    row = importing.Row(cells, report, once=False)
    get, fail, problems = row.get, row.fail, row.problems
    importing.check_required(COLUMNS, get, fail)
    office, respondent = _organizations(get, ctx, fail)
    third_parties = importing.names(get("third_parties"))
    importing.check_limits({"applicant": 128, "act": 300, "act_number": 100, "number": 64},
                           get, fail)  # fmt: skip
    if any(len(name) > 128 for name in third_parties):
        fail("third_parties", _("At most %(n)s characters for each name.") % {"n": 128})
    dates = importing.check_dates(cells, get, DATE_COLUMNS, ctx.today, fail)
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail, lookup=_lookup)
    phone = importing.check_with(validate_phone, get, "applicant_phone", fail)
    kind = choices["applicant_kind"]
    identifier = ""
    if kind == PartyKind.PERSON:
        identifier = importing.check_with(validate_resident_id, get, "applicant_id", fail)
    elif kind == PartyKind.ORGANIZATION:
        identifier = importing.check_with(validate_credit_code, get, "applicant_id", fail)
    suspended = 0
    if get("suspended_days"):
        if DAYS.fullmatch(get("suspended_days")):
            suspended = int(get("suspended_days"))
        else:
            fail("suspended_days", _("Write a whole number of days (0 or more)."))
    reached = _course(get, choices, dates, suspended, ctx.today, problems, fail)
    if office is not None:
        number = get("number")
        if number:
            if (office.pk, number) in ctx.numbers:
                fail("number", _("This case number is already used."))
            ctx.numbers[(office.pk, number)] = row_number
        if respondent is not None and "received_on" in dates and get("applicant"):
            key = (office.pk, dates["received_on"], respondent.pk, get("act"), get("applicant"))
            if key in ctx.applications:
                fail("applicant", _("The same application is on row %(row)s.")
                     % {"row": ctx.applications[key]})  # fmt: skip
            else:
                ctx.applications[key] = row_number
    if problems or office is None or respondent is None or reached is None:
        return None
    return _record(get, office, respondent, dates, reached, choices, suspended, phone,
                   identifier, third_parties, ctx.zone)  # fmt: skip


def _organizations(get, ctx: _Context, fail):
    """The bureau (in the actor's jurisdiction) and the respondent (an agency in the bureau's),
    or None where the row names no such organisation."""
    office = respondent = None
    name = get("office")
    if name and name not in ctx.offices:
        fail("office", _("No justice bureau of that name in your jurisdiction."))
    elif name:
        office = ctx.offices[name]
        if office is None:
            fail("office", _("Several organisations have this name; ask an administrator."))
    name = get("respondent")
    if office is not None and name:
        agencies = ctx.agencies_of(office)
        if name not in agencies:
            fail("respondent", _("No agency of that name within the jurisdiction of "
                                 "%(office)s.") % {"office": office.name})  # fmt: skip
        else:
            respondent = agencies[name]
            if respondent is None:
                fail("respondent",
                     _("Several organisations have this name; ask an administrator."))  # fmt: skip
    return office, respondent


def _course(get, choices, dates, suspended, today, problems, fail) -> tuple[str, str] | None:
    """The state and outcome the row's filled columns reach, checking that each step has the
    one before it (reconsideration.process: accept or refuse → hold_hearing → decide, mediate,
    withdraw, terminate or reject_application) and comes after it; None after a problem."""
    mine: list[str] = []

    def problem(key, reason):
        mine.append(key)
        fail(key, reason)

    accepted = bool(get("accepted_on"))
    refused = bool(get("refused_on") or get("refusal_reason"))
    conclusion = choices["conclusion"]
    heard = choices["hearing"] is True
    if get("refusal_reason") and not get("refused_on"):
        problem("refused_on", _("Required when reasons for not accepting are given."))
    if get("refused_on") and not get("refusal_reason"):
        problem("refusal_reason",
                _("Required when the application was not accepted: give the reasons "
                  "(Art. 30)."))  # fmt: skip
    if get("concluded_on") and not get("conclusion"):
        problem("conclusion", _("Required when the case is concluded."))
    if get("conclusion") and not get("concluded_on"):
        problem("concluded_on", _("Required when the way of conclusion is given."))
    if refused:
        if accepted:
            problem("refused_on", _("An application is either accepted or not accepted: fill "
                                    "受理日期 or 不予受理日期, not both."))  # fmt: skip
        else:
            for key in (*ACCEPTED_ONLY, "concluded_on", "conclusion", "decision_type"):
                if get(key):
                    problem(key, _("The application was not accepted: leave this empty."))
            for key in ("hearing", "respondent_corrected"):
                if choices[key]:
                    problem(key, _("The application was not accepted: leave this empty."))
    elif not accepted:
        for key in ACCEPTED_ONLY:
            if get(key):
                problem(key, _("Only for an accepted case: fill 受理日期 first."))
        if heard:
            problem("hearing", _("Only for an accepted case: fill 受理日期 first."))
        if conclusion is not None and conclusion[0] != S.WITHDRAWN:
            problem("conclusion", _("Before it is accepted an application can only be "
                                    "withdrawn (撤回 or 和解撤回, Art. 74)."))  # fmt: skip
    else:
        procedure = choices["procedure"]
        if not get("procedure"):
            problem("procedure", _("Required when the case is accepted."))
        if procedure == Procedure.SIMPLIFIED and not get("simplified_ground"):
            problem(
                "simplified_ground",
                _("The simplified procedure needs one of the grounds of Art. 53."),
            )
        if procedure == Procedure.ORDINARY and get("simplified_ground"):
            problem("simplified_ground", _("Only for the simplified procedure."))
        if heard and not get("hearing_on"):
            problem("hearing_on", _("Required when a hearing was held."))
        if get("hearing_on") and choices["hearing"] is not True and "hearing" not in problems:
            problem("hearing", _("Write 是 when a hearing date is given."))
    if not refused:
        _conclusion(get, choices, set(problems) | set(mine), problem)
    _date_order(dates, problems, mine, problem)
    if (
        suspended
        and accepted
        and not refused
        and "accepted_on" in dates
        and not {"accepted_on", "concluded_on", "suspended_days"} & set(problems + mine)
    ):
        end = dates.get("concluded_on", today)
        lasted = (end - dates["accepted_on"]).days
        if suspended > lasted:
            problem("suspended_days",
                    _("At most %(days)s: the days from the acceptance to the conclusion (or to "
                      "today).") % {"days": lasted})  # fmt: skip
    if mine or problems:
        return None
    if refused:
        return S.REFUSED, Outcome.REFUSED
    if conclusion is not None:
        return conclusion
    return (S.ACCEPTED, "") if accepted else (S.SUBMITTED, "")


def _conclusion(get, choices, failed: set, problem) -> None:
    """The decision's type and the respondent's correction against the way of conclusion
    (`failed`: the columns already reported)."""
    conclusion, decision = choices["conclusion"], choices["decision_type"]
    decided = conclusion is not None and conclusion[0] == S.DECIDED
    if {"conclusion", "decision_type"} & failed:
        pass
    elif get("decision_type") and not decided:
        problem("decision_type", _("Only for a decision (结案方式: 决定)."))
    elif decided and not get("decision_type"):
        problem("decision_type", _("Required for a decision (Arts. 63–72)."))
    elif decision == DecisionType.DECLARE_VOID and not choices["requests_void"]:
        problem(
            "decision_type", _("An act is declared void only on the applicant's request (Art. 67).")
        )
    elif decision == DecisionType.REJECT_CLAIM and choices["act_type"] not in (
        None, ActType.FAILURE_TO_ACT,
    ):  # fmt: skip
        problem("decision_type",
                _("The request is rejected under Art. 69 only in a case about a failure to "
                  "perform a statutory duty; otherwise uphold the act (Art. 68)."))  # fmt: skip
    agreed = conclusion is not None and conclusion[0] in (S.MEDIATED, S.WITHDRAWN)
    if choices["respondent_corrected"] and not agreed and "conclusion" not in failed:
        problem("respondent_corrected", _("Only for a mediation, a settlement or a withdrawal."))


def _date_order(dates, problems, mine, problem) -> None:
    """Each step on or after the one before it; the applicant learned of the act before
    applying (Art. 20)."""
    failed = set(problems) | set(mine)
    knew, received = dates.get("knew_on"), dates.get("received_on")
    if knew and received and knew > received and "knew_on" not in failed:
        problem("knew_on", _("The applicant cannot have learned of the act after applying."))
    importing.check_order(dates, DATE_ORDER, problem, failed)


def _record(get, office, respondent, dates, reached, choices, suspended, phone, identifier,
            third_parties, zone) -> history.Record:  # fmt: skip
    state, outcome = reached
    act = get("act")
    case = ReconsiderationCase(
        number=get("number"),
        organization=office,
        region_code=office.region_id,
        title=act[:200],
        respondent=respondent,
        act_type=choices["act_type"],
        act_description=act,
        act_number=get("act_number"),
        knew_on=dates.get("knew_on"),
        requests=get("requests"),
        requests_void=bool(choices["requests_void"]),
        channel=choices["channel"],
        received_at=history.at(dates["received_on"], 9, zone),
        state=state,
        outcome=outcome,
    )
    if state == S.REFUSED:
        case.refusal_reason = get("refusal_reason")
        case.closed_at = history.at(dates["refused_on"], 16, zone)
    if "accepted_on" in dates:
        case.accepted_on = dates["accepted_on"]
        case.accepted_at = history.at(dates["accepted_on"], 10, zone)  # the accept's stamp
        case.procedure = choices["procedure"]
        case.simplified_ground = choices["simplified_ground"] or ""
        if dates.get("hearing_on"):
            case.hearing_on = case.hearing_held_on = dates["hearing_on"]
    if "concluded_on" in dates:
        case.closed_at = history.at(dates["concluded_on"], 16, zone)
        case.respondent_corrected = bool(choices["respondent_corrected"])
        # Withdrawn before acceptance: closed, never concluded (process._withdraw).
        if case.accepted_on:
            case.concluded_on = dates["concluded_on"]
        if state == S.DECIDED:
            case.decision_type = choices["decision_type"]
    kind = choices["applicant_kind"]
    applicant = Party(kind=kind, name=get("applicant"), phone=phone or "")
    if kind == PartyKind.PERSON:
        applicant.id_number = identifier or ""
    else:
        applicant.credit_code = identifier or ""
    parties = [(Side.APPLICANT, applicant)]
    for name in third_parties:
        parties.append((Side.THIRD_PARTY, Party(kind=importing.party_kind(name), name=name)))
    return history.Record(case=case, parties=parties, suspended_days=suspended)
