"""Import of past legality reviews from Excel (DESIGN.md: Excel in and out), on the model of
litigation.importing.

Staff of a justice bureau's legal section (or a department's own handlers) download a template,
fill one submission per row and upload it. What a row has filled says how far the review went,
in the order of legality.process (reference/statutes-lines.md §A, §B; statutes.md §6): the
draft submitted (a normative document draft, a major decision proposal or a government contract
with its counterparty and amount) → the review started (重大行政决策程序暂行条例 Art. 25) → a
补正 request and the materials supplied (the review clock paused in between, 国办发〔2018〕115号
❓) → the opinion, which states the drafting body's authority, the procedure followed and the
conformity with laws, regulations, rules and national policy (DEC Art. 27), with its conclusion
合法 / 修改后合法 / 不合法 and its points → the department's answer to each point, 采纳 or 未采纳
with the reasons (DEC Art. 28); or withdrawn before the opinion.

Every row is checked first — the columns one by one, then their consistency: a department
unknown or outside the importer's reach (a department's handler imports only their own
department's reviews, the bureau's staff those reviewed by a bureau within their jurisdiction,
as legality.services lets them submit); a reviewing bureau that does not review that department
(its own region's bureau or one above); contract columns on another kind, or a contract without
its counterparty or amount; dates in the future or out of the process's order (no opinion while
materials are waited for, no withdrawal after the opinion); an opinion other than 合法 without
its points; answers that do not match the points, or 未采纳 without reasons — and if any row has
a problem nothing is written and the report names the row, the column and the reason. A review
already registered for the same department with the same title and submission day, or with the
same review number at the same bureau, or one earlier in the file, is refused, so a file
uploaded twice is not imported twice. A valid file is written in one transaction through
`legality.history` (COPY on PostgreSQL): events, the review clock replayed with its pauses, the
review time and whether it was on time computed as the live steps compute them.

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with the other lines.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

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
from core.models import Organization
from core.regions import jurisdiction_prefix
from legality import history
from legality.choices import Answer, Conclusion, ReviewKind
from legality.models import LegalityReview, OpinionPoint
from legality.services import ADD, can_submit, departments, reviewers

PERMISSION = ADD
KINDS = {
    "行政规范性文件": ReviewKind.DOCUMENT,
    "重大行政决策": ReviewKind.DECISION,
    "政府合同": ReviewKind.CONTRACT,
}
CONCLUSIONS = {
    "合法": Conclusion.LAWFUL,
    "修改后合法": Conclusion.LAWFUL_IF_REVISED,
    "不合法": Conclusion.UNLAWFUL,
}
ANSWERS = {"采纳": Answer.ADOPTED, "未采纳": Answer.NOT_ADOPTED}
YES_NO = importing.YES_NO
# Other spellings accepted.
ALIASES = {
    "kind": {"规范性文件": ReviewKind.DOCUMENT, "行政规范性文件草案": ReviewKind.DOCUMENT,
             "重大行政决策草案": ReviewKind.DECISION, "合同": ReviewKind.CONTRACT},
    "conclusion": {"修改后合法（按意见修改）": Conclusion.LAWFUL_IF_REVISED},
}  # fmt: skip
# A point's or an answer's own numbering at the start of its line (1. 1、 (1) （一）), not the
# start of a figure (1.5倍).
NUMBERING = re.compile(r"^\s*[(（]?\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:[)）、．]|\.(?!\d))\s*")
# 采纳 / 未采纳, then the reasons after a colon or a space.
ANSWER_LINE = re.compile(r"^(未采纳|采纳)\s*[:：]?\s*(.*)$")

COLUMNS = (
    Column("number", "审查编号", False,
           "不填则按审查机关的编号规则自动编号，如 （2026）穗海合审字第0012号", text=True),
    Column("department", "报送单位", True,
           "报送草案的行政机关全称；行政机关经办人只能导入本单位报送的审查"),
    Column("bureau", "审查机关", False,
           "审核草案的司法局全称（报送单位所在区的司法局或上级司法局）；不填为报送单位所在地的"
           "司法局"),
    Column("kind", "审查类别", True, "", tuple(KINDS)),
    Column("title", "草案名称", True, "送审稿、决策草案或合同的名称"),
    Column("summary", "摘要", False, ""),
    Column("market_activity", "涉及市场主体经济活动", False,
           "不填为 否；填 是 的，报送时应附公平竞争审查自查材料", tuple(YES_NO)),
    Column("counterparty", "合同相对方", False, "政府合同必填；其他类别不填"),
    Column("amount", "合同金额（元）", False, "政府合同必填（无金额的填 0）；其他类别不填"),
    Column("term_start", "合同期限起", False, "政府合同可填；其他类别不填"),
    Column("term_end", "合同期限止", False, "政府合同可填；其他类别不填"),
    Column("key_risks", "主要风险", False, "政府合同可填；其他类别不填"),
    Column("submitted_on", "报送日期", True,
           "审核期限自次日起按工作日计算：规范性文件 15 个、重大行政决策 15 个、政府合同 10 个"
           "（❓ 可配置）"),
    Column("started_on", "开始审查日期", False,
           "不填表示未点“开始审查”；须在补正通知之前（补正后材料补齐即为审查中）"),
    Column("correction_on", "补正通知日期", False,
           "通知补正材料的日期；次日起至材料补齐当日不计入审核期限"),
    Column("correction_items", "补正事项", False, "填了补正通知日期的必填"),
    Column("supplied_on", "材料补齐日期", False,
           "补正材料送达的日期；出具审核意见前必填（等待补正材料期间不能出具意见）"),
    Column("opinion_on", "审核意见日期", False, "已出具审核意见的填写"),
    Column("conclusion", "审核结论", False, "填了审核意见日期的必填", tuple(CONCLUSIONS)),
    Column("opinion_authority", "制定主体及权限", False,
           "填了审核意见日期的必填（重大行政决策程序暂行条例第二十七条第一项）"),
    Column("opinion_procedure", "履行程序情况", False,
           "填了审核意见日期的必填（第二十七条第二项）"),
    Column("opinion_conformity", "是否符合法律法规规章和国家政策", False,
           "填了审核意见日期的必填（第二十七条第三项）"),
    Column("points", "具体意见", False,
           "每行一条；结论为 修改后合法 或 不合法 的必填，合法 的可不填"),
    Column("answered_on", "反馈日期", False, "起草单位反馈采纳情况的日期；填了即为已办结"),
    Column("answers", "采纳情况", False,
           "与具体意见逐行对应，每行填 采纳，或 未采纳：理由（未采纳的必须说明理由）；"
           "填了反馈日期且有具体意见的必填"),
    Column("withdrawn_on", "撤回日期", False, "出具审核意见前撤回报送的填写"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
# The steps' days, none in the future; a contract's term may lie ahead.
DATE_COLUMNS = ("submitted_on", "started_on", "correction_on", "supplied_on", "opinion_on",
                "answered_on", "withdrawn_on")  # fmt: skip
TERM_COLUMNS = ("term_start", "term_end")
# Columns of fixed values: (key, values, the reason when a value is not one of them).
CHOICE_COLUMNS = (
    ("kind", KINDS, gettext_noop("Write 行政规范性文件, 重大行政决策 or 政府合同.")),
    ("market_activity", YES_NO, importing.WRITE_YES_OR_NO),
    ("conclusion", CONCLUSIONS, gettext_noop("Write 合法, 修改后合法 or 不合法.")),
)
CONTRACT_ONLY = ("counterparty", "amount", "term_start", "term_end", "key_risks")
OPINION_ONLY = ("conclusion", "opinion_authority", "opinion_procedure", "opinion_conformity",
                "points", "answered_on", "answers")  # fmt: skip
# Each step on or after the one before it: (earlier, later, the reason); the reason goes on the
# later column, and a column gets only the first of its problems.
DATE_ORDER = (
    ("submitted_on", "started_on", gettext_noop("The review cannot start before the submission.")),
    ("submitted_on", "correction_on",
     gettext_noop("Materials cannot be asked for before the submission.")),
    ("started_on", "correction_on",
     gettext_noop("The review starts before materials are asked for: after the materials it is "
                  "under review already (leave 开始审查日期 empty).")),
    ("correction_on", "supplied_on",
     gettext_noop("The materials cannot arrive before they were asked for.")),
    ("submitted_on", "opinion_on",
     gettext_noop("The opinion cannot precede the submission.")),
    ("started_on", "opinion_on", gettext_noop("The opinion cannot precede the start of the review.")),
    ("correction_on", "opinion_on",
     gettext_noop("The opinion cannot precede the request for materials.")),
    ("supplied_on", "opinion_on",
     gettext_noop("The opinion cannot precede the materials asked for.")),
    ("opinion_on", "answered_on", gettext_noop("The answers cannot precede the opinion.")),
    ("submitted_on", "withdrawn_on",
     gettext_noop("The withdrawal cannot precede the submission.")),
    ("started_on", "withdrawn_on",
     gettext_noop("The withdrawal cannot precede the start of the review.")),
    ("correction_on", "withdrawn_on",
     gettext_noop("The withdrawal cannot precede the request for materials.")),
    ("supplied_on", "withdrawn_on",
     gettext_noop("The withdrawal cannot precede the materials supplied.")),
    ("term_start", "term_end", gettext_noop("The term cannot end before it begins.")),
)  # fmt: skip


def title_key(title: str) -> str:
    """A draft's title as duplicates are found by: full-width and half-width forms alike
    (NFKC), no spaces."""
    return "".join(unicodedata.normalize("NFKC", title).split())


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    notes = (
        [],
        ["填写顺序", "", "每件报送审查一行。办到哪一步就填到哪一步：报送 → 开始审查 → 补正通知"
         " → 材料补齐 → 出具审核意见 → 反馈采纳情况；出具意见前撤回的填撤回日期。后一步的列只在"
         "前一步已填时填写。"],
        ["补正", "", "每行只填一次补正；补正通知日期次日起至材料补齐当日不计入审核期限。尚在等待"
         "补正材料的，材料补齐日期不填。"],
        ["期限", "", "审核期限（规范性文件 15 个工作日、重大行政决策 15 个工作日、政府合同 10 个"
         "工作日 ❓）和审核用时均按导入的日期计算；重大行政决策不足 7 个工作日（条例第二十六条"
         "“一般不少于7个工作日”）、规范性文件不足 5 个工作日出具意见的照实导入并标注。"],
        ["采纳情况", "", "具体意见每行一条，采纳情况与之逐行对应，例如第一行“采纳”，第二行"
         "“未采纳：该条款系依据上级部门文件制定”。"],
        ["重复导入", "", "同一报送单位、同一草案名称、同一报送日期的审查，或同一审查机关的同一"
         "审查编号，已登记或在文件前面出现的，该行不予导入。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "合法性审查", notes)


def import_legality_reviews(fileobj, *, actor, write: bool = True,
                            progress=None) -> importing.Result:  # fmt: skip
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not submit drafts for legality review."))
    ctx = _Context(actor)
    return importing.run(
        fileobj,
        COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
        prepare=ctx.prepare,
        # The reviews and numbers registered already: read once the whole file is known.
        later=lambda: _registered(ctx),
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no legality review rows."),
        progress=progress,
    )


class _Context:
    """What the rows are checked against, read once per file: the departments the actor may
    import for, their reviewing bureaus, the reviews and numbers seen so far."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.departments = importing.Reach()
        self.reviewers: dict[int, list[Organization]] = {}
        # (department, title key, submitted on) -> row; (bureau, number) -> row
        self.reviews: dict[tuple, int] = {}
        self.numbers: dict[tuple, int] = {}

    def prepare(self):
        self.departments.load(departments(self.actor))

    def bureaus_of(self, department) -> list[Organization]:
        """The bureaus that review `department`'s drafts, the nearest (its own region's) first."""
        if department.pk not in self.reviewers:
            self.reviewers[department.pk] = sorted(
                reviewers(department),
                key=lambda b: (-len(jurisdiction_prefix(b.region_id)), b.pk),
            )
        return self.reviewers[department.pk]


def _registered(ctx: _Context) -> list[RowError]:
    """The rows whose review is registered already: the same department, title and day of
    submission, or the same number at the same bureau (the constraint legality_unique_number)."""
    errors = []
    departments_ = {key[0] for key in ctx.reviews}
    found = importing.in_chunks(
        LegalityReview.objects.filter(department_id__in=departments_), "submitted_on",
        {key[2] for key in ctx.reviews}, ("department_id", "title", "submitted_on", "number"),
    )  # fmt: skip
    for department_id, title, submitted_on, number in found:
        row = ctx.reviews.get((department_id, title_key(title), submitted_on))
        if row is not None:
            reason = _("This submission is already registered as %(number)s.")
            errors.append(RowError(row, HEADERS["title"], reason % {"number": number}))
    bureaus = {bureau for bureau, _number in ctx.numbers}
    found = importing.in_chunks(
        LegalityReview.objects.filter(organization_id__in=bureaus), "number",
        {number for _bureau, number in ctx.numbers}, ("organization_id", "number"),
    )  # fmt: skip
    for key in found:
        if key in ctx.numbers:
            errors.append(RowError(ctx.numbers[key], HEADERS["number"],
                                   _("This review number is already used.")))  # fmt: skip
    return errors


def _lines(value: str) -> list[str]:
    """The non-empty lines of a cell, their own numbering taken off."""
    out = []
    for line in (value or "").splitlines():
        line = NUMBERING.sub("", line.strip(), count=1).strip()
        if line:
            out.append(line)
    return out


def _row(cells, row_number, ctx: _Context, report) -> history.Record | None:
    row = importing.Row(cells, report)
    get, fail, problems = row.get, row.fail, row.problems
    importing.check_required(COLUMNS, get, fail)
    # The submitting department, if the actor may import its reviews: a department's handler
    # only their own, the bureau's staff the agencies of their jurisdiction.
    department = ctx.departments.find(
        get, "department", fail,
        outside=gettext_noop("%(agency)s is outside your jurisdiction: you may not import its "
                             "reviews."),
        unknown=gettext_noop("No administrative agency of that name."),
    )  # fmt: skip
    bureau = _bureau(get, department, ctx, fail) if department is not None else None
    importing.check_lengths(LegalityReview, get, ("number", "title", "counterparty"), fail)
    dates = importing.check_dates(cells, get, DATE_COLUMNS, ctx.today, fail)
    dates |= importing.check_dates(cells, get, TERM_COLUMNS, datetime.date.max, fail)
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail, aliases=ALIASES)
    amount = _contract(get, choices["kind"], fail)
    points, answers = _course(get, choices, dates, problems, fail)
    key = None
    if department is not None and get("title") and "submitted_on" in dates:
        key = (department.pk, title_key(get("title")), dates["submitted_on"])
        if key in ctx.reviews:
            fail("title", _("The same submission (department, title and day) is on row %(row)s.")
                 % {"row": ctx.reviews[key]})  # fmt: skip
            key = None
    number = None
    if bureau is not None and get("number"):
        number = (bureau.pk, get("number"))
        if number in ctx.numbers:
            fail("number", _("The same review number is on row %(row)s.")
                 % {"row": ctx.numbers[number]})  # fmt: skip
            number = None
    if key is not None:
        ctx.reviews[key] = row_number
    if number is not None:
        ctx.numbers[number] = row_number
    if problems or department is None or bureau is None:
        return None
    record = _record(get, department, bureau, dates, choices, amount, points, answers)
    try:
        history.steps(record)
    except ValueError:  # a course the checks above let through: refused, never half-written
        fail("submitted_on", _("The dates of this row do not follow the steps of a review."))
        return None
    return record


def _bureau(get, department, ctx: _Context, fail):
    """The reviewing bureau: the one named, if it reviews the department's drafts (its own
    region's bureau or one above, legality.services.reviewers), else the nearest; and within
    the actor's reach (legality.services.can_submit)."""
    bureaus = ctx.bureaus_of(department)
    name = get("bureau")
    if name:
        bureau = next((b for b in bureaus if b.name == name), None)
        if bureau is None:
            fail("bureau", _("%(bureau)s does not review the drafts of %(department)s.")
                 % {"bureau": name, "department": department.name})  # fmt: skip
            return None
    elif bureaus:
        bureau = bureaus[0]
    else:
        fail("bureau", _("No justice bureau reviews the drafts of %(department)s.")
             % {"department": department.name})  # fmt: skip
        return None
    if not can_submit(ctx.actor, department, bureau):
        fail("bureau", _("%(bureau)s is outside your jurisdiction: you may not import its "
                         "reviews.") % {"bureau": bureau.name})  # fmt: skip
        return None
    return bureau


def _contract(get, kind, fail) -> Decimal | None:
    """A contract's counterparty and amount (required) and term; none of them on another
    kind."""
    if kind is None:
        return None
    if kind != ReviewKind.CONTRACT:
        for key in CONTRACT_ONLY:
            if get(key):
                fail(key, _("Only for a government contract."))
        return None
    if not get("counterparty"):
        fail("counterparty", _("Name the other party to the contract."))
    if not get("amount"):
        fail("amount", _("Give the contract amount (0 if none)."))
        return None
    try:
        amount = Decimal(get("amount").replace(",", "").replace("，", ""))
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e14"):
            raise InvalidOperation
    except InvalidOperation:
        fail("amount", _("Enter the amount in yuan."))
        return None
    return amount.quantize(Decimal("0.01"))


def _course(get, choices, dates, problems, fail) -> tuple[list[str], list[tuple[str, str]]]:
    """Each step has the one before it and comes after it (legality.process); the opinion
    states its three parts (DEC Art. 27) and, unless lawful, its points; the answers match the
    points, reasons given for each not adopted (AnswersForm)."""
    # 补正: its items, and the materials only after a request.
    if get("correction_on") and not get("correction_items"):
        fail("correction_items", _("Required when materials were asked for."))
    if get("correction_items") and not get("correction_on"):
        fail("correction_on", _("Required when the items asked for are given."))
    if get("supplied_on") and not get("correction_on"):
        fail("supplied_on", _("Only after a request for materials: fill 补正通知日期 first."))
    points = _lines(get("points"))
    answers: list[tuple[str, str]] = []
    if not get("opinion_on"):
        for key in OPINION_ONLY:
            if get(key):
                fail(key, _("Only for an issued opinion: fill 审核意见日期 first."))
    else:
        if get("withdrawn_on"):
            fail("withdrawn_on", _("A submission is withdrawn only before the opinion."))
        if get("correction_on") and not get("supplied_on"):
            fail("supplied_on",
                 _("Required before the opinion: no opinion is issued while materials are "
                   "waited for."))  # fmt: skip
        for key in ("conclusion", "opinion_authority", "opinion_procedure",
                    "opinion_conformity"):  # fmt: skip
            if not get(key):
                fail(key, _("Required when the opinion is issued (DEC Art. 27)."))
        conclusion = choices["conclusion"]
        if conclusion is not None and conclusion != Conclusion.LAWFUL and not points:
            fail("points", _("An opinion other than “lawful” states its points, one per line."))
        if get("answered_on"):
            answers = _answers(get, points, fail)
        elif get("answers"):
            fail("answered_on", _("Required when the answers are given."))
    importing.check_order(dates, DATE_ORDER, fail, problems)
    return points, answers


def _answers(get, points, fail) -> list[tuple[str, str]]:
    """One answer per point, in its order: 采纳, or 未采纳 with the reasons."""
    lines = _lines(get("answers"))
    if not points:
        if lines:
            fail("answers", _("The opinion has no points to answer."))
        return []
    if len(lines) != len(points):
        fail("answers", _("%(points)s points, %(answers)s answers: answer each point on its own "
                          "line, in order.") % {"points": len(points), "answers": len(lines)})  # fmt: skip
        return []
    out = []
    for number, line in enumerate(lines, start=1):
        match = ANSWER_LINE.match(line)
        if match is None:
            fail(
                "answers", _("Line %(n)s: write 采纳, or 未采纳：and the reasons.") % {"n": number}
            )
            return []
        answer, reasons = ANSWERS[match.group(1)], match.group(2).strip()
        if answer == Answer.NOT_ADOPTED and not reasons:
            fail("answers", _("Point %(n)s is not adopted: give the reasons.") % {"n": number})
            return []
        if answer == Answer.ADOPTED and reasons.strip("。；;，,. "):
            fail("answers", _("Line %(n)s: reasons are given only for a point not adopted.")
                 % {"n": number})  # fmt: skip
            return []
        out.append((answer, reasons))
    return out


def _record(get, department, bureau, dates, choices, amount, points, answers) -> history.Record:
    kind = choices["kind"]
    review = LegalityReview(
        organization=bureau,
        region_code=bureau.region_id,
        department=department,
        kind=kind,
        title=get("title"),
        summary=get("summary"),
        market_activity=bool(choices["market_activity"]),
        submitted_on=dates["submitted_on"],
        number=get("number"),
    )
    if kind == ReviewKind.CONTRACT:
        review.counterparty = get("counterparty")
        review.amount = amount
        review.term_start = dates.get("term_start")
        review.term_end = dates.get("term_end")
        review.key_risks = get("key_risks")
    record = history.Record(review, started_on=dates.get("started_on"),
                            withdrawn_on=dates.get("withdrawn_on"))  # fmt: skip
    if dates.get("correction_on"):
        record.corrections.append(history.Correction(
            dates["correction_on"], get("correction_items"), dates.get("supplied_on")
        ))  # fmt: skip
    if dates.get("opinion_on"):
        review.opinion_on = dates["opinion_on"]
        review.conclusion = choices["conclusion"]
        review.opinion_authority = get("opinion_authority")
        review.opinion_procedure = get("opinion_procedure")
        review.opinion_conformity = get("opinion_conformity")
        review.answered_on = dates.get("answered_on")
        for number, text in enumerate(points, start=1):
            point = OpinionPoint(number=number, text=text)
            if answers:
                point.answer, point.reasons = answers[number - 1]
            record.points.append(point)
    return record
