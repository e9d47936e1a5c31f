"""Excel import of enforcement decisions (执法决定), the agencies' reporting by spreadsheet
(DESIGN.md: Excel in and out; reference/statutes-lines.md §C.2, statutes.md §8).

An agency's handler (or the bureau's section staff, for the bodies of their jurisdiction)
downloads the template, fills one decision per row and uploads it. Each row is checked column
by column and then as a whole by enforcement.decision_services.check, the one check the API and
the pages use: a body within the importer's reach (an agency's handler imports only their own
agency's bodies' decisions) standing on the decision day; the power, if named, on the body's
power list that day; the party's ID number or credit code; the decision day not in the future;
a penalty's kinds (CF Art. 9) and fine; at least two officers holding a valid certificate on
the decision day (CF Art. 42), named by their certificate numbers; the full-process record
(Art. 47) and the legal review (Art. 58: the triggers, and the review before the decision — a
required review left empty is imported and shows as missing); publication and withdrawal dates
in order (Art. 48).

A decision is identified by its body and the agency's own case number (决定文书号): the same
pair twice in the file, or a pair already recorded, refuses the row — nothing is updated, so a
file uploaded twice is not imported twice (to correct a recorded decision, ask the bureau).
If any row has a problem nothing is written and the report names the row, the column and the
reason; a valid file is written in one transaction, in bulk (core.copy: COPY on PostgreSQL).

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with the other lines.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import importing
from core.errors import PermissionDenied
from core.importing import (
    Column,
    RowError,
    error_report,  # noqa: F401  (the line's import API)
)
from core.models import PartyKind
from enforcement.choices import PowerKind
from enforcement.decision_choices import (
    DecisionSource,
    LegalReviewTrigger,
    PenaltyKind,
    WithdrawalGround,
)
from enforcement.decision_models import Decision
from enforcement.decision_services import (
    ADD,
    Lookups,
    check,
    decisions_write,
    reporting_bodies,
)
from enforcement.models import EnforcementBody
from enforcement.publication import WITHDRAWAL_DAYS, publication_days

PERMISSION = ADD
KINDS = {
    "行政许可": PowerKind.LICENCE, "行政处罚": PowerKind.PENALTY, "行政强制": PowerKind.COERCION,
    "行政检查": PowerKind.INSPECTION, "行政征收": PowerKind.LEVY,
    "行政确认": PowerKind.CONFIRMATION, "行政给付": PowerKind.BENEFIT,
    "行政奖励": PowerKind.REWARD, "其他": PowerKind.OTHER,
}  # fmt: skip
PARTY_KINDS = {"自然人": PartyKind.PERSON, "法人或其他组织": PartyKind.ORGANIZATION}
PENALTIES = {
    "警告": PenaltyKind.WARNING, "通报批评": PenaltyKind.CRITICISM, "罚款": PenaltyKind.FINE,
    "没收违法所得": PenaltyKind.CONFISCATE_GAINS,
    "没收非法财物": PenaltyKind.CONFISCATE_PROPERTY,
    "暂扣许可证件": PenaltyKind.SUSPEND_LICENCE,
    "降低资质等级": PenaltyKind.LOWER_QUALIFICATION,
    "吊销许可证件": PenaltyKind.REVOKE_LICENCE,
    "限制开展生产经营活动": PenaltyKind.RESTRICT_BUSINESS,
    "责令停产停业": PenaltyKind.SUSPEND_BUSINESS, "责令关闭": PenaltyKind.CLOSURE,
    "限制从业": PenaltyKind.RESTRICT_PRACTICE, "行政拘留": PenaltyKind.DETENTION,
    "其他行政处罚": PenaltyKind.OTHER,
}  # fmt: skip
TRIGGERS = {
    "重大公共利益": LegalReviewTrigger.PUBLIC_INTEREST, "经过听证": LegalReviewTrigger.HEARING,
    "疑难复杂": LegalReviewTrigger.COMPLEX, "法律法规规定": LegalReviewTrigger.OTHER_LAW,
}  # fmt: skip
GROUNDS = {"变更": WithdrawalGround.CHANGED, "撤销": WithdrawalGround.REVOKED,
           "确认违法": WithdrawalGround.UNLAWFUL, "确认无效": WithdrawalGround.VOID}  # fmt: skip
YES_NO = {"是": True, "否": False}
# Other spellings accepted.
ALIASES = {
    "kind": {"许可": PowerKind.LICENCE, "处罚": PowerKind.PENALTY, "强制": PowerKind.COERCION,
             "检查": PowerKind.INSPECTION, "行政强制措施": PowerKind.COERCION,
             "行政强制执行": PowerKind.COERCION},
    "party_kind": {"个人": PartyKind.PERSON, "法人": PartyKind.ORGANIZATION,
                   "其他组织": PartyKind.ORGANIZATION, "单位": PartyKind.ORGANIZATION},
    "penalty_kinds": {"吊销许可证": PenaltyKind.REVOKE_LICENCE,
                      "暂扣许可证": PenaltyKind.SUSPEND_LICENCE, "拘留": PenaltyKind.DETENTION},
}  # fmt: skip
LIST_SEPARATORS = "、,，;；\n"

COLUMNS = (
    Column("body", "执法主体", True,
           "作出决定的执法主体全称（执法主体登记中的名称）；行政机关经办人只能导入本单位执法主体的"
           "决定"),
    Column("case_number", "决定文书号", True,
           "本机关的决定书文号或案件编号，同一执法主体内唯一；重复导入、接口重复报送都以执法主体"
           "和此编号识别", text=True),
    Column("kind", "决定类别", True, "", tuple(KINDS)),
    Column("power_code", "权力事项编码", False,
           "行使的权力事项在本主体权责清单中的编码；填写的须在决定日期有效，且类别与决定类别一致",
           text=True),
    Column("party_kind", "当事人类别", True, "", tuple(PARTY_KINDS)),
    Column("party_name", "当事人名称", True,
           "自然人的姓名或单位全称；公示时自然人只显示姓氏加“某”"),
    Column("party_id_number", "当事人证件号码", False,
           "自然人填身份证号码（不公示，列表中脱敏显示），单位填统一社会信用代码", text=True),
    Column("decided_on", "决定日期", True, "不能晚于今天"),
    Column("facts", "主要事实", True, "违法事实或申请事项等主要事实"),
    Column("legal_basis", "法律依据", True, "作出决定所依据的法律、法规、规章及条款"),
    Column("penalty_kinds", "处罚种类", False,
           "行政处罚必填，可填多项，用“、”分隔：" + "、".join(PENALTIES) + "；其他类别不填"),
    Column("fine_amount", "罚款金额（元）", False, "处罚种类含罚款的必填"),
    Column("result", "决定内容", True, "如“警告，并处罚款5000元”“准予许可”"),
    Column("officers", "执法人员执法证号", True,
           "办案执法人员的执法证号，至少两人，用“、”分隔；每人在决定日期须持有有效执法证件"
           "（《行政处罚法》第四十二条）", text=True),
    Column("recorded_full_process", "全过程记录", True,
           "是否对启动、调查取证、审核、决定、送达、执行全过程作了记录（第四十七条）",
           tuple(YES_NO)),
    Column("legal_review_triggers", "法制审核情形", False,
           "属于《行政处罚法》第五十八条应当法制审核情形的填写，可填多项，用“、”分隔："
           + "、".join(TRIGGERS) + "；不属于的不填"),
    Column("legal_reviewed_on", "法制审核日期", False,
           "作了法制审核的填写，须在决定日期之前或当日；应当审核而未填的照常导入并列为“缺少法制审核”"),
    Column("publication_required", "是否公示", False, "不填为 是", tuple(YES_NO)),
    Column("publication_exempt_reason", "不公示理由", False, "是否公示填 否 的必填"),
    Column("published_on", "公示日期", False, "已公示的填写；填写后自该日起在门户执法公示中显示"),
    Column("withdrawal_ground", "变更撤销情形", False,
           "已公示的决定被变更、撤销、确认违法或确认无效的填写", tuple(GROUNDS)),
    Column("changed_on", "变更撤销日期", False, "填了变更撤销情形的必填"),
    Column("withdrawn_on", "撤回公示日期", False, "已撤回公示的填写"),
    Column("withdrawal_reason", "撤回理由", False, "填了撤回公示日期的必填"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
DATE_COLUMNS = ("decided_on", "legal_reviewed_on", "published_on", "changed_on", "withdrawn_on")
# Single choices: (key, values, the reason when a value is not one of them).
CHOICE_COLUMNS = (
    ("kind", KINDS, gettext_noop("Write one of 行政许可, 行政处罚, 行政强制, 行政检查, 行政征收, "
                                 "行政确认, 行政给付, 行政奖励, 其他.")),
    ("party_kind", PARTY_KINDS, gettext_noop("Write 自然人 or 法人或其他组织.")),
    ("recorded_full_process", YES_NO, gettext_noop("Write 是 or 否.")),
    ("publication_required", YES_NO, gettext_noop("Write 是 or 否.")),
    ("withdrawal_ground", GROUNDS, gettext_noop("Write 变更, 撤销, 确认违法 or 确认无效.")),
)  # fmt: skip
LIST_COLUMNS = (("penalty_kinds", PENALTIES), ("legal_review_triggers", TRIGGERS))


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    short = publication_days(PowerKind.PENALTY)
    other = publication_days(PowerKind.INSPECTION)
    notes = (
        [],
        ["填写方式", "", "每个执法决定一行。日期写成 2026-03-02；多项内容（处罚种类、执法证号、"
         "法制审核情形）用“、”分隔。"],
        ["公示期限", "", f"行政许可、行政处罚决定自决定日期次日起 {short} 个工作日内公示，其他类别"
         f" {other} 个工作日内（❓ 国办发〔2018〕118号，可配置）；按公示日期计算是否按时。"],
        ["撤回期限", "", f"已公示的决定被变更、撤销、确认违法或确认无效的，自变更撤销日期次日起"
         f" {WITHDRAWAL_DAYS} 个工作日内撤回公示并说明理由（《行政处罚法》第四十八条）。"],
        ["重复导入", "", "同一执法主体的同一决定文书号，在文件中重复出现或已经报送过的，该行不予"
         "导入，已有的决定不作任何修改。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "执法决定", notes)


def import_decisions(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not report enforcement decisions."))
    with importing.collector_paused():
        return _import(fileobj, actor=actor, write=write, progress=progress)


class _Context:
    """What the rows are checked against, read once per file: the bodies the actor may report
    for (by name), their officers' certificates, the case numbers seen so far."""

    def __init__(self, actor):
        self.actor = actor
        self.lookups = Lookups(actor)
        self.bodies: dict = {}
        self.elsewhere: dict[str, bool] = {}
        self.numbers: dict[tuple[int, str], int] = {}  # (body, case number) -> row

    @property
    def today(self):
        return self.lookups.today

    def prepare(self) -> None:
        bodies = reporting_bodies(self.actor)
        self.bodies.update(importing.by_name(bodies))
        self.lookups.preload(bodies)

    def body(self, name: str, fail):
        if name not in self.bodies:
            if name not in self.elsewhere:
                self.elsewhere[name] = EnforcementBody.objects.filter(name=name).exists()
            if self.elsewhere[name]:
                fail("body", _("%(body)s is outside your reach: you may not report its "
                               "decisions.") % {"body": name})  # fmt: skip
            else:
                fail("body", _("No enforcement body of that name in the register."))
            return None
        body = self.bodies[name]
        if body is None:
            fail("body", _("Several enforcement bodies within your reach have this name; ask an "
                           "administrator."))  # fmt: skip
        return body


def _import(fileobj, *, actor, write, progress) -> importing.Result:
    ctx = _Context(actor)
    try:
        checked = importing.check_rows(
            fileobj,
            COLUMNS,
            lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
            prepare=ctx.prepare,
            progress=progress,
        )
    except importing.Refused as exc:
        return exc.result
    for error in sorted(_recorded(ctx), key=lambda e: e.row):
        checked.add(error)
    return importing.finish(
        checked,
        write=write,
        writer=lambda records: decisions_write(records, actor=actor, source=DecisionSource.EXCEL),
        empty=_("The file has no enforcement decision rows."),
        progress=progress,
    )


def _chunks(values, size=900):
    values = sorted(values)
    for start in range(0, len(values), size):  # under SQLite's limit on query parameters
        yield values[start : start + size]


def _recorded(ctx: _Context) -> list[RowError]:
    """The rows whose decision is recorded already (same body, same case number): refused,
    nothing updated."""
    errors = []
    bodies = {body for body, _number in ctx.numbers}
    for chunk in _chunks({number for _body, number in ctx.numbers}):
        found = Decision.objects.filter(body_id__in=bodies, case_number__in=chunk).values_list(
            "body_id", "case_number", "created_at"
        )
        for body_id, number, created_at in found:
            row = ctx.numbers.get((body_id, number))
            if row is not None:
                reason = _("This decision was reported already (on %(day)s); a duplicate is "
                           "refused and the recorded decision is not changed.")  # fmt: skip
                day = timezone.localtime(created_at).date().isoformat()
                errors.append(RowError(row, HEADERS["case_number"], reason % {"day": day}))
    return errors


def _split(value: str) -> list[str]:
    for sep in LIST_SEPARATORS[1:]:
        value = value.replace(sep, LIST_SEPARATORS[0])
    return [p.strip() for p in value.split(LIST_SEPARATORS[0]) if p.strip()]


def _lookup(key: str, value: str, table: dict):
    if value in table:
        return table[value]
    return ALIASES.get(key, {}).get(value)


def _row(cells, row_number, ctx: _Context, report):
    problems: set[str] = set()

    def fail(key, reason):
        if key not in problems:
            problems.add(key)
            report(key, reason)

    texts = {key: importing.text(value) for key, value in cells.items()}
    get = lambda key: texts.get(key, "")  # noqa: E731
    importing.check_required(COLUMNS, get, fail)
    dates = importing.check_dates(cells, get, DATE_COLUMNS, ctx.today, fail)
    body = ctx.body(get("body"), fail) if get("body") else None
    data = {key: get(key) for key in HEADERS}
    for key, table, message in CHOICE_COLUMNS:
        value = _lookup(key, get(key), table) if get(key) else None
        if get(key) and value is None:
            fail(key, _(message))
        data[key] = value if value is not None else ("" if key in ("kind", "party_kind",
                                                                   "withdrawal_ground") else None)  # fmt: skip
    for key, table in LIST_COLUMNS:
        values = []
        for item in _split(get(key)):
            value = _lookup(key, item, table)
            if value is None:
                fail(key, _("“%(item)s” is not one of: %(values)s.")
                     % {"item": item, "values": "、".join(table)})  # fmt: skip
                break
            values.append(value)
        data[key] = values
    for key in DATE_COLUMNS:
        data[key] = dates.get(key)
    data["body"] = body
    key = None
    number = get("case_number")
    if body is not None and number:
        key = (body.pk, number)
        if key in ctx.numbers:
            fail("case_number", _("The same case number of this body is on row %(row)s.")
                 % {"row": ctx.numbers[key]})  # fmt: skip
            key = None
    # The whole row is checked even when a column failed, so that the report lists every
    # column to correct at once (each column once).
    prepared = check(data, ctx.lookups, fail)
    if key is not None:
        ctx.numbers[key] = row_number
    if problems:
        return None
    return prepared
