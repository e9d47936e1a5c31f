"""Import of past litigation cases from Excel (DESIGN.md: Excel in and out), on the model of
reconsideration.importing.

Staff (or an agency's own handlers) download a template, fill one court case per trial level
per row and upload it. What a row has filled says how far the case went, in the order of
litigation.process (行政诉讼法 2017, reference/statutes.md §5): the complaint served on the
agency (起诉状副本送达, Art. 67) → the answer (答辩, Art. 67) → a hearing, with whether a head
of the agency appeared (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 Arts. 2, 5, 7, 8)
→ the judgment or ruling and its service (Arts. 60, 62, 69–78, 89) → the appeal (Art. 85);
and a judicial recommendation with its reply (Art. 66; Provisions Art. 12).

Every row is checked first — the columns one by one, then their consistency (a defendant
agency unknown or outside the importer's reach: an agency's handler imports only its own
agency's cases, the bureau's staff those of the agencies in their jurisdiction; dates out of
order or in the future; a judgment the trial level does not allow (upheld or remanded is an
appeal's or a retrial's, Art. 89); an appeal against what is not appealed (Art. 85); a loss
without its ground and reasons) — and if any row has a problem nothing is written and the
report names the row, the column and the reason. A court case already registered for the same
defendant at the same trial level, or one earlier in the file, is refused, so a file uploaded
twice is not imported twice. A valid file is written in one transaction through
`litigation.history` (COPY on PostgreSQL).

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with the other lines.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.models import CaseLink
from core import importing
from core.errors import PermissionDenied
from core.importing import (
    Column,
    RowError,
    error_report,  # noqa: F401  (the line's import API)
)
from core.models import Party
from litigation import history
from litigation.choices import (
    APPEALABLE_RULINGS,
    JUDGMENTS,
    LATER_LEVEL_ONLY,
    LOSSES,
    AbsenceGround,
    Appellant,
    HeadPosition,
    Judgment,
    LossGround,
    Side,
    TrialLevel,
)
from litigation.models import Hearing, LitigationCase, Recommendation
from litigation.process import S
from litigation.services import (
    ADD,
    EARLIER_LEVELS,
    court_case_key,
    defendants,
    reconsideration_case,
)

PERMISSION = ADD
TRIAL_LEVELS = {"一审": TrialLevel.FIRST, "二审": TrialLevel.SECOND, "再审": TrialLevel.RETRIAL}
# How a trial level ended (choices.Judgment), in the words of the judgments and rulings.
JUDGMENT_TYPES = {
    "驳回诉讼请求": Judgment.REJECT_CLAIMS, "撤销": Judgment.ANNUL,
    "部分撤销": Judgment.ANNUL_PART, "确认违法": Judgment.DECLARE_UNLAWFUL,
    "确认无效": Judgment.DECLARE_VOID, "责令履行": Judgment.ORDER_PERFORMANCE,
    "变更": Judgment.CHANGE, "判决赔偿": Judgment.COMPENSATION, "准予撤诉": Judgment.WITHDRAWN,
    "驳回起诉": Judgment.DISMISS_SUIT, "调解": Judgment.MEDIATED, "维持原判": Judgment.UPHELD,
    "发回重审": Judgment.REMANDED,
}  # fmt: skip
# Who counts as the head in court (Provisions Art. 2 ¶1).
HEAD_POSITIONS = {
    "正职负责人": HeadPosition.PRINCIPAL,
    "副职负责人": HeadPosition.DEPUTY,
    "其他参与分管的负责人": HeadPosition.OTHER,
}
# Why the head did not appear (Provisions Art. 8 ¶1).
ABSENCE_GROUNDS = {
    "不可抗力": AbsenceGround.FORCE_MAJEURE,
    "意外事件": AbsenceGround.ACCIDENT,
    "需要履行他人不能代替的公务": AbsenceGround.DUTY,
    "其他正当事由": AbsenceGround.OTHER,
    "无正当理由": AbsenceGround.NONE,
}
LOSS_GROUNDS = {
    "主要证据不足": LossGround.EVIDENCE, "适用法律法规错误": LossGround.LAW,
    "违反法定程序": LossGround.PROCEDURE, "超越职权": LossGround.EXCESS,
    "滥用职权": LossGround.ABUSE, "明显不当": LossGround.UNREASONABLE,
    "不履行法定职责": LossGround.FAILURE_TO_ACT, "重大且明显违法": LossGround.VOID,
    "其他": LossGround.OTHER,
}  # fmt: skip
APPELLANTS = {"本机关": Appellant.AGENCY, "其他当事人": Appellant.OTHER}
YES_NO = importing.YES_NO
# Other spellings accepted.
ALIASES = {
    "trial_level": {"第一审": TrialLevel.FIRST, "第二审": TrialLevel.SECOND},
    "judgment_type": {"驳回原告诉讼请求": Judgment.REJECT_CLAIMS, "撤诉": Judgment.WITHDRAWN,
                      "驳回上诉": Judgment.UPHELD, "驳回再审申请": Judgment.UPHELD,
                      "履行": Judgment.ORDER_PERFORMANCE, "赔偿": Judgment.COMPENSATION},
    "appellant": {"被告": Appellant.AGENCY},
}  # fmt: skip

COLUMNS = (
    Column("court", "法院", True, "审理法院的全称，如 广州市海珠区人民法院"),
    Column("court_case_number", "案号", True, "法院的案号，如 （2026）粤0105行初12号", text=True),
    Column("trial_level", "审级", True, "", tuple(TRIAL_LEVELS)),
    Column("earlier_number", "原审案号", False,
           "二审、再审案件填前一审级的案号（本文件中或已登记的同一被告机关案件）", text=True),
    Column("defendant", "被告机关", True,
           "被诉行政机关的全称；行政机关经办人只能导入本机关的案件"),
    Column("plaintiffs", "原告", True, "姓名或单位名称；多个用“、”分隔"),
    Column("third_parties", "第三人", False, "姓名或单位名称；多个用“、”分隔"),
    Column("cause", "案由", True, "如 行政处罚"),
    Column("act_description", "被诉行政行为", True, "如 海市监罚〔2026〕12号行政处罚决定"),
    Column("act_number", "文号", False, "被诉行政行为的文书编号；没有文书的不填", text=True),
    Column("reconsideration_number", "复议案号", False,
           "经行政复议的，填行政复议案号（须为本系统中您可查看的案件）", text=True),
    Column("filed_on", "立案日期", False, "法院立案的日期，如 2026-03-02"),
    Column("simplified", "简易程序", False,
           "一审适用简易程序审理的填 是（立案之日起 45 日内审结，第八十三条）；不填即普通程序",
           tuple(YES_NO)),
    Column("complaint_served_on", "起诉状副本送达日期", True,
           "起诉状副本（二审为上诉状副本，再审为再审申请书或裁定）送达本机关的日期；"
           "答辩期自次日起算 15 日（第六十七条）"),
    Column("answer_submitted_on", "答辩日期", False, "提交答辩状和证据的日期"),
    Column("notice_served_on", "出庭通知送达日期", False,
           "出庭通知书送达本机关负责人的日期；填了开庭日期的必填"),
    Column("hearing_on", "开庭日期", False, "已开庭的填第一次开庭的日期"),
    Column("head_appeared", "负责人是否出庭", False, "填了开庭日期的必填", tuple(YES_NO)),
    Column("head_name", "出庭负责人", False, "负责人出庭的必填"),
    Column("head_position", "职务", False,
           "负责人出庭的必填；受委托组织或下级机关的负责人不算（规定第二条）",
           tuple(HEAD_POSITIONS)),
    Column("staff", "出庭工作人员", False, "出庭应诉的工作人员、代理人"),
    Column("absence_ground", "负责人未出庭理由", False,
           "负责人未出庭的必填（规定第八条）", tuple(ABSENCE_GROUNDS)),
    Column("judgment_type", "裁判结果", False,
           "尚未裁判的不填；维持原判、发回重审 仅用于二审、再审（第八十九条）",
           tuple(JUDGMENT_TYPES)),
    Column("decided_on", "裁判日期", False, "填了裁判结果的必填"),
    Column("judgment_served_on", "判决送达日期", False,
           "判决书、裁定书或调解书送达本机关的日期；填了裁判结果的必填；上诉期自次日起算"
           "（第八十五条）"),
    Column("loss_ground", "败诉原因", False, "败诉（撤销、确认违法等）的必填",
           tuple(LOSS_GROUNDS)),
    Column("loss_reasons", "败诉原因说明", False, "败诉的必填：法院认定的问题和整改措施"),
    Column("appealed_on", "上诉日期", False,
           "一审判决或驳回起诉的裁定被上诉的，填上诉日期（第八十五条）"),
    Column("appellant", "上诉人", False, "填了上诉日期的必填", tuple(APPELLANTS)),
    Column("recommendation_on", "司法建议收到日期", False, "收到司法建议的填写"),
    Column("recommendation", "司法建议内容", False, "填了司法建议收到日期的必填"),
    Column("replied_on", "司法建议回复日期", False, "已回复的填写"),
    Column("reply", "回复内容", False, "填了回复日期的必填"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
DATE_COLUMNS = ("filed_on", "complaint_served_on", "answer_submitted_on", "notice_served_on",
                "hearing_on", "decided_on", "judgment_served_on", "appealed_on",
                "recommendation_on", "replied_on")  # fmt: skip
# Columns of fixed values: (key, values, the reason when a value is not one of them). Reasons
# are translated only when a row has the problem.
CHOICE_COLUMNS = (
    ("trial_level", TRIAL_LEVELS, gettext_noop("Write 一审, 二审 or 再审.")),
    ("head_appeared", YES_NO, importing.WRITE_YES_OR_NO),
    ("simplified", YES_NO, importing.WRITE_YES_OR_NO),
    ("head_position", HEAD_POSITIONS,
     gettext_noop("Unknown position; use the drop-down list (Provisions Art. 2).")),
    ("absence_ground", ABSENCE_GROUNDS,
     gettext_noop("Unknown reason; use the drop-down list (Provisions Art. 8).")),
    ("judgment_type", JUDGMENT_TYPES,
     gettext_noop("Unknown judgment or ruling; use the drop-down list.")),
    ("loss_ground", LOSS_GROUNDS, gettext_noop("Unknown ground; use the drop-down list.")),
    ("appellant", APPELLANTS, gettext_noop("Write 本机关 or 其他当事人.")),
)  # fmt: skip
# Each step on or after the one before it: (earlier, later, the reason); the reason goes on the
# later column, and a column gets only the first of its problems.
DATE_ORDER = (
    ("complaint_served_on", "answer_submitted_on",
     gettext_noop("The answer cannot precede the service of the complaint.")),
    ("complaint_served_on", "notice_served_on",
     gettext_noop("The notice to appear cannot precede the service of the complaint.")),
    ("complaint_served_on", "hearing_on",
     gettext_noop("The hearing cannot precede the service of the complaint.")),
    ("notice_served_on", "hearing_on", gettext_noop("The hearing cannot precede its notice.")),
    ("complaint_served_on", "decided_on",
     gettext_noop("The judgment or ruling cannot precede the service of the complaint.")),
    ("answer_submitted_on", "decided_on",
     gettext_noop("The judgment or ruling cannot precede the answer.")),
    ("hearing_on", "decided_on",
     gettext_noop("The judgment or ruling cannot precede the hearing.")),
    ("decided_on", "judgment_served_on",
     gettext_noop("It cannot be served before it was made.")),
    ("judgment_served_on", "appealed_on",
     gettext_noop("The appeal cannot precede the service of the judgment.")),
    ("complaint_served_on", "recommendation_on",
     gettext_noop("The recommendation cannot precede the service of the complaint.")),
    ("recommendation_on", "replied_on",
     gettext_noop("The reply cannot precede the recommendation.")),
)  # fmt: skip
# The columns of a hearing, and those only a head's appearance or absence fills.
HEARING_ONLY = ("notice_served_on", "head_appeared", "head_name", "head_position", "staff",
                "absence_ground")  # fmt: skip
APPEARED_ONLY = ("head_name", "head_position")
# The columns of a conclusion.
JUDGMENT_ONLY = ("decided_on", "judgment_served_on", "loss_ground", "loss_reasons",
                 "appealed_on", "appellant")  # fmt: skip


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    notes = (
        [],
        ["填写顺序", "", "每个审级一行（一审、二审、再审分别填写）。案件办到哪一步就填到哪一步："
         "起诉状副本送达 → 答辩 → 开庭 → 裁判 → 上诉；后一步的列只在前一步已填时填写。"],
        ["开庭和司法建议", "", "每行只填第一次开庭和一份司法建议；其余的导入后在案件页面登记。"],
        ["期限", "", "答辩期 15 日（第六十七条，仅一审）、一审审理期限 6 个月（第八十一条）、"
         "上诉期判决 15 日、裁定 10 日（第八十五条）均按导入的日期计算。"],
        ["重复导入", "", "同一被告机关、同一案号、同一审级的案件已登记或在文件前面出现的，"
         "该行不予导入。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "行政应诉案件", notes)


def import_litigation_cases(fileobj, *, actor, write: bool = True,
                            progress=None) -> importing.Result:  # fmt: skip
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not register litigation cases."))
    ctx = _Context(actor)
    return importing.run(
        fileobj,
        COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
        prepare=ctx.prepare,
        # The court cases registered already, and the earlier levels the rows name: read once
        # the whole file is known.
        later=lambda: _registered(ctx) + _resolve_earlier(ctx),
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no litigation case rows."),
        progress=progress,
    )


class _Context:
    """What the rows are checked against, read once per file: the agencies the actor may
    import for, the court cases and the earlier levels named so far, the reconsideration
    cases found."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.zone = timezone.get_current_timezone()
        self.defendants = importing.Reach()
        # (defendant, court case key, level) -> (row, record or None)
        self.court_cases: dict[tuple, tuple[int, history.Record | None]] = {}
        # (row, defendant, earlier court case key, levels, record) to resolve after the rows
        self.earlier: list[tuple] = []
        self.reconsiderations: dict[str, object] = {}

    def prepare(self):
        self.defendants.load(defendants(self.actor))

    def reconsideration(self, number: str):
        if number not in self.reconsiderations:
            self.reconsiderations[number] = reconsideration_case(self.actor, number)
        return self.reconsiderations[number]


def _registered(ctx: _Context) -> list[RowError]:
    """The rows whose court case is registered already for the same defendant at the same
    trial level (the constraint litcase_unique_court_case)."""
    if not ctx.court_cases:
        return []
    keys = {key for _org, key, _level in ctx.court_cases}
    defendants_ = {org for org, _key, _level in ctx.court_cases}
    found = set(importing.in_chunks(
        LitigationCase.objects.filter(organization_id__in=defendants_), "court_case_key", keys,
        ("organization_id", "court_case_key", "trial_level"),
    ))  # fmt: skip
    errors = []
    names = {org.pk: org.name for org in ctx.defendants.by_name.values() if org is not None}
    for key in found & set(ctx.court_cases):
        reason = _("This court case is already registered for %(agency)s at this trial level.")
        errors.append(RowError(ctx.court_cases[key][0], HEADERS["court_case_number"],
                               reason % {"agency": names.get(key[0], "")}))  # fmt: skip
    return errors


def _resolve_earlier(ctx: _Context) -> list[RowError]:
    """The case at the earlier level each appeal or retrial names: a row of the file (written
    first, litigation.history) or a case registered for the same defendant that the actor may
    see. It also gives the later level the reconsideration case the earlier one follows, when
    the row names none (as litigation.services does)."""
    errors = []
    visible = LitigationCase.objects.restrict(ctx.actor, "view")
    for row, defendant, key, levels, record in ctx.earlier:
        in_file = [
            ctx.court_cases[(defendant.pk, key, level)]
            for level in levels
            if (defendant.pk, key, level) in ctx.court_cases
        ]
        if in_file:
            # The latest level of the file (a retrial follows the appeal over the first).
            _row_number, earlier = in_file[-1]
            if earlier is not None and record is not None:
                record.case.earlier = earlier.case
                if not record.links:
                    record.links = list(earlier.links)
                    record.case.reconsideration_number = earlier.case.reconsideration_number
            continue
        found = (
            visible.filter(organization=defendant, court_case_key=key, trial_level__in=levels)
            .order_by("-received_at")
            .first()
        )
        if found is None:
            errors.append(RowError(row, HEADERS["earlier_number"],
                                   _("No case of %(agency)s at an earlier level has this court "
                                     "case number, in the file or registered.")
                                   % {"agency": defendant.name}))  # fmt: skip
        elif record is not None:
            record.case.earlier = found
            if not record.links:
                record.case.reconsideration_number = found.reconsideration_number
                record.links = list(
                    CaseLink.for_case(found)
                    .filter(kind=CaseLink.Kind.LITIGATION_OF)
                    .values_list("target_type_id", "target_id")
                )
    return errors


def _row(cells, row_number, ctx: _Context, report) -> history.Record | None:
    row = importing.Row(cells, report)
    get, fail, problems = row.get, row.fail, row.problems
    importing.check_required(COLUMNS, get, fail)
    # The defendant, if the actor may import its cases: an agency's handler only their own
    # agency, the bureau's staff the agencies of their jurisdiction.
    defendant = ctx.defendants.find(
        get, "defendant", fail,
        outside=gettext_noop("%(agency)s is outside your jurisdiction: you may not import its "
                             "cases."),
        unknown=gettext_noop("No administrative agency of that name."),
    )  # fmt: skip
    plaintiffs = importing.names(get("plaintiffs"))
    third_parties = importing.names(get("third_parties"))
    if get("plaintiffs") and not plaintiffs:
        fail("plaintiffs", _("Name at least one plaintiff."))
    for key, names in (("plaintiffs", plaintiffs), ("third_parties", third_parties)):
        if any(len(name) > 128 for name in names):
            fail(key, _("At most %(n)s characters for each name.") % {"n": 128})
    importing.check_lengths(LitigationCase, get, ("court", "court_case_number", "cause",
                                                  "act_description", "act_number",
                                                  "reconsideration_number"), fail)  # fmt: skip
    importing.check_lengths(Hearing, get, ("head_name", "staff"), fail)
    importing.check_limits({"earlier_number": 64}, get, fail)
    dates = importing.check_dates(cells, get, DATE_COLUMNS, ctx.today, fail)
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail, aliases=ALIASES)
    _course(get, choices, dates, problems, fail)
    level = choices["trial_level"]
    key = court_case_key(get("court_case_number"))
    if get("earlier_number") and level == TrialLevel.FIRST:
        fail("earlier_number", _("A first-instance case follows no earlier level."))
    if choices.get("simplified") is True and level and level != TrialLevel.FIRST:
        fail("simplified", _("Only a first-instance case is heard under the simplified "
                             "procedure (Art. 82)."))  # fmt: skip
    elif choices.get("simplified") is True and not get("filed_on"):
        fail("filed_on", _("Enter the day the court filed the case: the 45 days of the "
                           "simplified procedure run from it (Art. 83)."))  # fmt: skip
    target = None
    if get("reconsideration_number"):
        target = ctx.reconsideration(get("reconsideration_number"))
        if target is None:
            fail("reconsideration_number",
                 _("No reconsideration case with this number is within your reach: check the "
                   "number, or leave it empty."))  # fmt: skip
    seen = None
    if defendant is not None and key and level is not None:
        seen = (defendant.pk, key, level)
        if seen in ctx.court_cases:
            fail("court_case_number",
                 _("The same court case at this trial level is on row %(row)s.")
                 % {"row": ctx.court_cases[seen][0]})  # fmt: skip
            seen = None
    record = None
    if not problems and defendant is not None and level is not None:
        record = _record(get, defendant, dates, choices, plaintiffs, third_parties, target)
    if seen is not None:
        ctx.court_cases[seen] = (row_number, record)
    if get("earlier_number") and defendant is not None and level in EARLIER_LEVELS:
        ctx.earlier.append((row_number, defendant, court_case_key(get("earlier_number")),
                            EARLIER_LEVELS[level], record))  # fmt: skip
    return record


def _course(get, choices, dates, problems, fail) -> None:
    """Each step has the one before it and comes after it (litigation.process: the answer,
    a hearing with the head's appearance or absence, the judgment or ruling, the appeal; a
    recommendation and its reply)."""
    level, judgment = choices["trial_level"], choices["judgment_type"]
    heard = bool(get("hearing_on"))
    # A hearing: who appeared for the agency (Provisions Arts. 2, 8).
    if not heard:
        for key in HEARING_ONLY:
            if get(key):
                fail(key, _("Only for a hearing: fill 开庭日期 first."))
    elif not get("notice_served_on"):
        # The notice's date is the schedule_hearing step's, and a notice fewer than three
        # days ahead is the court's lapse (Provisions Art. 5): not to be guessed.
        fail("notice_served_on", _("Required when the court held a hearing."))
    if not heard:
        pass
    elif not get("head_appeared"):
        fail("head_appeared", _("Required when a hearing was held: write 是 or 否."))
    elif choices["head_appeared"] is True:
        if not get("head_name"):
            fail("head_name", _("Name the head who appeared."))
        if not get("head_position"):
            fail("head_position",
                 _("Choose the head's position: only the principal head, a deputy or another "
                   "person in charge of the act counts (Provisions Art. 2)."))  # fmt: skip
        if get("absence_ground"):
            fail("absence_ground", _("Only when the head did not appear."))
    elif choices["head_appeared"] is False:
        for key in APPEARED_ONLY:
            if get(key):
                fail(key, _("Only when the head appeared (负责人是否出庭: 是)."))
        if not get("absence_ground"):
            fail("absence_ground",
                 _("Say why the head did not appear (Provisions Art. 8), or 无正当理由."))  # fmt: skip
    # The conclusion of the level (Arts. 60, 62, 69–78, 89).
    if not get("judgment_type"):
        for key in JUDGMENT_ONLY:
            if get(key):
                fail(key, _("Only for a case with a judgment or ruling: fill 裁判结果 first."))
    else:
        if judgment in LATER_LEVEL_ONLY and level == TrialLevel.FIRST:
            fail("judgment_type",
                 _("Only an appeal or a retrial ends by upholding or remanding (Art. 89)."))  # fmt: skip
        # What the loss and the appeal columns may hold depends on a judgment that stands.
        if "judgment_type" in problems:
            judgment = None
        for key in ("decided_on", "judgment_served_on"):
            if not get(key):
                fail(key, _("Required when the judgment or ruling is given."))
        if judgment in LOSSES:
            if not get("loss_ground"):
                fail("loss_ground", _("Choose the main ground of the loss."))
            if not get("loss_reasons"):
                fail("loss_reasons", _("State the reasons for the loss."))
        elif judgment is not None:
            for key in ("loss_ground", "loss_reasons"):
                if get(key):
                    fail(key, _("Only for a loss (annulled, declared unlawful or void, ordered "
                                "to perform, changed, compensation)."))  # fmt: skip
        appealable = level == TrialLevel.FIRST and judgment in (JUDGMENTS | APPEALABLE_RULINGS)
        known = judgment is not None and level is not None
        if (get("appealed_on") or get("appellant")) and known and not appealable:
            key = "appealed_on" if get("appealed_on") else "appellant"
            fail(key, _("Only a first-instance judgment or a ruling dismissing the suit is "
                        "appealed (Art. 85)."))  # fmt: skip
        elif get("appealed_on") and not get("appellant"):
            fail("appellant", _("Required when the appeal date is given."))
        elif get("appellant") and not get("appealed_on"):
            fail("appealed_on", _("Required when the appellant is given."))
    # A judicial recommendation and its reply (Art. 66).
    if get("recommendation_on") and not get("recommendation"):
        fail("recommendation", _("Required when a recommendation was received."))
    if get("recommendation") and not get("recommendation_on"):
        fail("recommendation_on", _("Required when the recommendation is given."))
    if (get("replied_on") or get("reply")) and not get("recommendation_on"):
        key = "replied_on" if get("replied_on") else "reply"
        fail(key, _("Only for a recommendation received: fill 司法建议收到日期 first."))
    elif get("replied_on") and not get("reply"):
        fail("reply", _("Required when the reply date is given."))
    elif get("reply") and not get("replied_on"):
        fail("replied_on", _("Required when the reply is given."))
    _date_order(dates, problems, fail)


def _date_order(dates, problems, fail) -> None:
    """Each step on or after the one before it; the court files the case before it serves the
    complaint (Art. 67)."""
    failed = set(problems)
    filed, served = dates.get("filed_on"), dates.get("complaint_served_on")
    if filed and served and filed > served and "filed_on" not in failed:
        fail("filed_on", _("The court files a case before it serves the complaint (Art. 67)."))
    importing.check_order(dates, DATE_ORDER, fail, failed)


def _party(name: str) -> Party:
    return Party(kind=importing.party_kind(name), name=name)


def _record(get, defendant, dates, choices, plaintiffs, third_parties, target) -> history.Record:
    judgment = choices["judgment_type"]
    case = LitigationCase(
        organization=defendant,
        region_code=defendant.region_id,
        court=get("court"),
        court_case_number=get("court_case_number"),
        trial_level=choices["trial_level"],
        cause=get("cause"),
        act_description=get("act_description"),
        act_number=get("act_number"),
        reconsideration_number=target.number if target is not None else "",
        complaint_served_on=dates["complaint_served_on"],
        filed_on=dates.get("filed_on"),
        simplified=choices["simplified"] is True,
        answer_submitted_on=dates.get("answer_submitted_on"),
        state=S.CONCLUDED if judgment else S.PENDING,
    )
    if judgment:
        case.judgment_type = judgment
        case.decided_on = dates["decided_on"]
        case.judgment_served_on = dates["judgment_served_on"]
        if judgment in LOSSES:
            case.loss_ground = choices["loss_ground"]
            case.loss_reasons = get("loss_reasons")
        if dates.get("appealed_on"):
            case.appealed_on = dates["appealed_on"]
            case.appellant = choices["appellant"]
    hearings = []
    if dates.get("hearing_on"):
        appeared = choices["head_appeared"] is True
        hearings.append(
            Hearing(
                hearing_on=dates["hearing_on"],
                notice_served_on=dates["notice_served_on"],
                held_on=dates["hearing_on"],
                head_appeared=appeared,
                head_name=get("head_name") if appeared else "",
                head_position=choices["head_position"] if appeared else "",
                staff=get("staff"),
                absence_ground="" if appeared else choices["absence_ground"],
            )
        )
    recommendations = []
    if dates.get("recommendation_on"):
        recommendations.append(
            Recommendation(
                received_on=dates["recommendation_on"],
                content=get("recommendation"),
                replied_on=dates.get("replied_on"),
                reply=get("reply"),
            )
        )
    parties = [(Side.PLAINTIFF, _party(name)) for name in plaintiffs]
    parties += [(Side.THIRD_PARTY, _party(name)) for name in third_parties]
    links = []
    if target is not None:
        links.append((ContentType.objects.get_for_model(target).pk, target.pk))
    return history.Record(case, parties, hearings, recommendations, links)
