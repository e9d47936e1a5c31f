"""Import of past major administrative decisions from Excel (DESIGN.md: Excel in and out), on
the model of litigation.importing.

Staff (or a decision-maker's own handlers) download a template, fill one decision per row and
upload it. What a row has filled says how far the decision went, in the order of
decisions.process (重大行政决策程序暂行条例 = DEC, State Council Decree 713;
reference/statutes-lines.md §A): started (Arts. 10–11) → the draft (Arts. 12–13) → public
participation: the comment period and the published handling of the comments (Arts. 14–18),
or the reasons a legally non-disclosable matter is exempt → expert argumentation (Arts. 19–21)
and risk assessment (Arts. 22–24) where triggered → the legality review (Arts. 25–28) → the
collective discussion (Arts. 29–31) → the decision → its publication (Art. 32) → archive
(Art. 33), post-decision evaluation (Art. 36), a minor adjustment (Art. 37).

Every row is checked first — the columns one by one, then their consistency: a decision-maker
unknown or outside the importer's reach (a decision-maker's handler imports only its own
decisions, the bureau's staff those of the decision-makers in their jurisdiction); a lead
unit outside the decision-maker's region (Art. 10); dates out of order or in the future; a
decision marked decided with a mandatory step's date missing — public participation unless
exempted with reasons, the legality review, the collective discussion adopting the draft,
expert argumentation and risk assessment where required (Arts. 14, 19, 22, 25, 30), the
refusal naming the missing step's column; a draft discussed before its legality review or
found unlawful (Art. 28); the handling of comments published within the comment period
(Art. 18); a period under 30 days without its reasons (Art. 15); an evaluation by the unit
that assessed the risk (Art. 36); a catalogue year whose catalogue does not list the matter
(Art. 3 ¶3). If any row has a problem nothing is written and the report names the row, the
column and the reason. A decision already registered, or earlier in the file — the same
decision-maker, matter and year of start, or the same decision-maker and decision document
number — is refused, so a file uploaded twice is not imported twice. A valid file is written
in one transaction through `decisions.history` (events, the publication clock; COPY on
PostgreSQL), which holds the same rules.

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with the other lines.
"""

from __future__ import annotations

from django.db.models import F
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
from core.models import Organization, OrganizationKind
from core.querysets import within_reach
from core.regions import jurisdiction_prefix
from decisions import history
from decisions.choices import Conclusion, MatterKind, MeetingResult, MeetingType
from decisions.models import CatalogueItem, MajorDecision
from decisions.process import COMMENT_DAYS, comment_closes_on
from decisions.services import ADD, following_bureau

PERMISSION = ADD
# DEC Art. 3 ¶1 (1)–(5), in the statute's words.
MATTER_KINDS = {
    "重大公共政策和措施": MatterKind.PUBLIC_POLICY,
    "重要规划": MatterKind.PLAN,
    "自然资源和文化资源的重大公共政策和措施": MatterKind.RESOURCES,
    "重大公共建设项目": MatterKind.PROJECT,
    "其他重大事项": MatterKind.OTHER,
}
CONCLUSIONS = {
    "合法": Conclusion.LAWFUL,
    "修改后合法": Conclusion.LAWFUL_IF_REVISED,
    "不合法": Conclusion.UNLAWFUL,
}
# DEC Art. 30; a department decides at its leadership meeting (Art. 42, 参照).
MEETING_TYPES = {
    "常务会议": MeetingType.EXECUTIVE,
    "全体会议": MeetingType.PLENARY,
    "部门领导班子会议": MeetingType.DEPARTMENT,
}
MEETING_RESULTS = {"通过": MeetingResult.ADOPTED, "暂缓": MeetingResult.DEFERRED}
YES_NO = importing.YES_NO
# Other spellings accepted.
ALIASES = {
    "matter_kind": {"开发利用、保护重要自然资源和文化资源的重大公共政策和措施": MatterKind.RESOURCES,
                    "公共政策": MatterKind.PUBLIC_POLICY, "规划": MatterKind.PLAN,
                    "建设项目": MatterKind.PROJECT, "其他": MatterKind.OTHER},
    "meeting_type": {"政府常务会议": MeetingType.EXECUTIVE, "政府全体会议": MeetingType.PLENARY,
                     "局务会议": MeetingType.DEPARTMENT, "部门领导班子会议（局务会议）":
                     MeetingType.DEPARTMENT},
    "meeting_result": {"暂缓决策": MeetingResult.DEFERRED, "同意": MeetingResult.ADOPTED},
}  # fmt: skip

COLUMNS = (
    Column("decision_maker", "决策机关", True,
           "作出决策的政府或部门的全称；行政机关经办人只能导入本机关的决策"),
    Column("title", "决策事项", True, "决策事项的名称；列入目录的，与目录中的事项名称一致"),
    Column("matter_kind", "事项类别", True, "条例第三条第一款所列五类", tuple(MATTER_KINDS)),
    Column("lead_unit", "承办单位", True, "决策承办单位的全称，须在决策机关的行政区域内（第十条）"),
    Column("catalogue_year", "目录年度", False,
           "列入决策事项目录的，填目录的年度（如 2025），按决策机关、目录年度和决策事项名称关联"
           "目录中的事项；目录中没有的报错"),
    Column("started_on", "决策启动日期", True, "决策机关决定启动决策的日期（第十条、第十一条）"),
    Column("expert_triggered", "需要专家论证", False,
           "专业性、技术性较强的填 是（第十九条）；不填为 否", tuple(YES_NO)),
    Column("risk_triggered", "需要风险评估", False,
           "可能对社会稳定、公共安全等造成不利影响的填 是（第二十二条）；不填为 否", tuple(YES_NO)),
    Column("drafted_on", "草案形成日期", False,
           "决策草案及起草说明形成的日期（第十二条、第十三条）；公开征求意见的必填"),
    Column("exemption_reason", "不公开征求意见的理由", False,
           "依法不予公开、不进行公众参与的，填写理由（第十四条）；填了的，征求意见各列不填"),
    Column("comment_opens_on", "征求意见公告日期", False,
           "公开征求意见公告的发布日期（第十五条）；期限自次日起算"),
    Column("comment_days", "征求意见期限（日）", False, "一般不少于30日；不填按30日"),
    Column("short_period_reason", "期限少于30日的理由", False,
           "征求意见期限少于30日的必填（第十五条）"),
    Column("answers_published_on", "意见采纳情况公布日期", False,
           "征求意见期届满后公布意见研究采纳情况的日期（第十八条）"),
    Column("expert_on", "专家论证日期", False, "需要专家论证的，已作出决策时必填"),
    Column("risk_on", "风险评估完成日期", False, "需要风险评估的，已作出决策时必填"),
    Column("risk_assessor", "风险评估单位", False, "填了风险评估完成日期的必填"),
    Column("legality_case_number", "合法性审查案号", False, "合法性审查案件的案号", text=True),
    Column("legality_opinion_on", "合法性审查意见日期", False,
           "出具合法性审查意见的日期；集体讨论、作出决策的必填（第二十五条、第二十八条）"),
    Column("legality_conclusion", "合法性审查结论", False,
           "填了合法性审查意见日期的必填；不合法的不得提交讨论（第二十八条）",
           tuple(CONCLUSIONS)),
    Column("meeting_type", "集体讨论会议", False, "填了集体讨论日期的必填（第三十条）",
           tuple(MEETING_TYPES)),
    Column("meeting_on", "集体讨论日期", False, "会议讨论决策草案的日期；已作出决策的必填"),
    Column("meeting_result", "讨论结果", False, "填了集体讨论日期的必填；已作出决策的须为 通过",
           tuple(MEETING_RESULTS)),
    Column("decided_on", "决策日期", False,
           "已作出决策的填写；此前必经的程序（公众参与、合法性审查、集体讨论决定，需要时的专家"
           "论证、风险评估）各列须已填写"),
    Column("decision_number", "决策文号", False,
           "决策文件的文号；同一决策机关的文号不能重复", text=True),
    Column("published_on", "公布日期", False,
           "已公布的填写（第三十二条）；决策之日起20个工作日后公布的，照实导入并标注超期"),
    Column("publication_channels", "公布载体", False, "如 政府公报、政府网站"),
    Column("archived_on", "归档日期", False, "立卷归档的日期（第三十三条）"),
    Column("evaluated_on", "决策后评估日期", False, "已公布的决策进行后评估的日期（第三十六条）"),
    Column("evaluator", "评估单位", False,
           "填了决策后评估日期的必填；不得为承担决策前风险评估的单位（第三十六条）"),
    Column("adjusted_on", "决策调整日期", False,
           "已公布的决策作出调整的日期（第三十七条）；需要重新履行程序的重大调整在系统中办理"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
DATE_COLUMNS = ("started_on", "drafted_on", "comment_opens_on", "answers_published_on",
                "expert_on", "risk_on", "legality_opinion_on", "meeting_on", "decided_on",
                "published_on", "archived_on", "evaluated_on", "adjusted_on")  # fmt: skip
# Columns of fixed values: (key, values, the reason when a value is not one of them). Reasons
# are translated only when a row has the problem.
CHOICE_COLUMNS = (
    ("matter_kind", MATTER_KINDS,
     gettext_noop("Unknown kind of matter; use the drop-down list (Art. 3).")),
    ("expert_triggered", YES_NO, importing.WRITE_YES_OR_NO),
    ("risk_triggered", YES_NO, importing.WRITE_YES_OR_NO),
    ("legality_conclusion", CONCLUSIONS, gettext_noop("Write 合法, 修改后合法 or 不合法.")),
    ("meeting_type", MEETING_TYPES, gettext_noop("Unknown meeting; use the drop-down list.")),
    ("meeting_result", MEETING_RESULTS, gettext_noop("Write 通过 or 暂缓.")),
)  # fmt: skip
# Each step on or after the one before it: (earlier, later, the reason); the reason goes on the
# later column, and a column gets only the first of its problems.
DATE_ORDER = (
    ("started_on", "drafted_on", gettext_noop("The draft cannot precede the start.")),
    ("drafted_on", "comment_opens_on",
     gettext_noop("The draft is published for comment after it is drawn up (Art. 15).")),
    ("started_on", "comment_opens_on",
     gettext_noop("The comment period cannot precede the start.")),
    ("started_on", "expert_on",
     gettext_noop("The expert argumentation cannot precede the start.")),
    ("started_on", "risk_on", gettext_noop("The risk assessment cannot precede the start.")),
    ("started_on", "legality_opinion_on",
     gettext_noop("The legality review cannot precede the start.")),
    ("legality_opinion_on", "meeting_on",
     gettext_noop("The draft is discussed only after its legality review (Art. 28).")),
    ("started_on", "meeting_on", gettext_noop("The meeting cannot precede the start.")),
    ("meeting_on", "decided_on",
     gettext_noop("The decision cannot precede the collective discussion (Art. 30).")),
    ("answers_published_on", "decided_on",
     gettext_noop("The decision cannot precede the published handling of the comments.")),
    ("expert_on", "decided_on",
     gettext_noop("The decision cannot precede the expert argumentation.")),
    ("risk_on", "decided_on", gettext_noop("The decision cannot precede the risk assessment.")),
    ("decided_on", "published_on", gettext_noop("It cannot be published before it was made.")),
    ("decided_on", "archived_on", gettext_noop("It cannot be archived before it was made.")),
    ("published_on", "evaluated_on",
     gettext_noop("The evaluation cannot precede the publication.")),
    ("published_on", "adjusted_on",
     gettext_noop("The adjustment cannot precede the publication.")),
)  # fmt: skip
# Columns that need another filled: (column, the one it needs, the reason).
NEEDS = (
    ("comment_days", "comment_opens_on",
     gettext_noop("Only for a comment period: fill 征求意见公告日期 first.")),
    ("short_period_reason", "comment_opens_on",
     gettext_noop("Only for a comment period: fill 征求意见公告日期 first.")),
    ("answers_published_on", "comment_opens_on",
     gettext_noop("The handling of comments follows a comment period: fill 征求意见公告日期 "
                  "(Art. 18).")),
    ("risk_assessor", "risk_on", gettext_noop("Only for a risk assessment: fill 风险评估完成日期.")),
    ("legality_case_number", "legality_opinion_on",
     gettext_noop("Only for a legality review: fill 合法性审查意见日期.")),
    ("legality_conclusion", "legality_opinion_on",
     gettext_noop("Only for a legality review: fill 合法性审查意见日期.")),
    ("meeting_type", "meeting_on", gettext_noop("Only for a discussion: fill 集体讨论日期.")),
    ("meeting_result", "meeting_on", gettext_noop("Only for a discussion: fill 集体讨论日期.")),
    ("decision_number", "decided_on", gettext_noop("Only for a decision made: fill 决策日期.")),
    ("published_on", "decided_on", gettext_noop("Only for a decision made: fill 决策日期.")),
    ("archived_on", "decided_on", gettext_noop("Only for a decision made: fill 决策日期.")),
    ("publication_channels", "published_on",
     gettext_noop("Only for a decision published: fill 公布日期.")),
    ("evaluated_on", "published_on",
     gettext_noop("Only a decision published is evaluated (Art. 36): fill 公布日期.")),
    ("adjusted_on", "published_on",
     gettext_noop("Only a decision published is adjusted (Art. 37): fill 公布日期.")),
    ("evaluator", "evaluated_on", gettext_noop("Only for an evaluation: fill 决策后评估日期.")),
)  # fmt: skip
# Columns a filled one needs: (column, the one it needs, the reason).
REQUIRES = (
    ("comment_opens_on", "drafted_on",
     gettext_noop("Required when the draft was published for comment (Arts. 12–15).")),
    ("risk_on", "risk_assessor", gettext_noop("Name the unit that assessed the risk.")),
    ("legality_opinion_on", "legality_conclusion",
     gettext_noop("Required when the legality review is given.")),
    ("meeting_on", "meeting_type", gettext_noop("Required when the discussion is given.")),
    ("meeting_on", "meeting_result", gettext_noop("Required when the discussion is given.")),
    ("evaluated_on", "evaluator", gettext_noop("Name who evaluated the decision.")),
)  # fmt: skip


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    notes = (
        [],
        ["填写顺序", "", "每项决策一行，办到哪一步就填到哪一步：决策启动 → 草案 → 公众参与（公开"
         "征求意见、公布意见采纳情况，或依法不予公开并说明理由）→ 专家论证、风险评估（需要时）→ "
         "合法性审查 → 集体讨论 → 决策 → 公布 → 归档、决策后评估、调整。"],
        ["必经程序", "", "填了决策日期的，公众参与（或不公开的理由）、合法性审查、集体讨论（结果为"
         "通过）以及需要时的专家论证、风险评估的日期必须已填写且不晚于决策日期，否则该行不予导入"
         "（第十四条、第十九条、第二十二条、第二十五条、第二十八条、第三十条）。"],
        ["期限", "", "征求意见期限自公告发布次日起算，届满日为法定节假日的顺延；公布期限默认为决策"
         "之日起20个工作日，均按导入的日期计算。"],
        ["佐证材料和公众意见", "", "导入只登记各环节的日期；佐证材料（专家论证意见、风险评估报告、"
         "合法性审查意见、会议记录等）导入后在决策页面上传。以往的公众意见不导入。"],
        ["重复导入", "", "同一决策机关、同一决策事项、同一启动年度的决策，或同一决策机关的同一决策"
         "文号，已登记或在文件前面出现的，该行不予导入。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "重大行政决策", notes)


def import_major_decisions(fileobj, *, actor, write: bool = True,
                           progress=None) -> importing.Result:  # fmt: skip
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not start major decisions."))
    ctx = _Context(actor)
    return importing.run(
        fileobj,
        COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
        prepare=ctx.prepare,
        # The decisions registered already: read once the whole file is known.
        later=lambda: _registered(ctx),
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no decision rows."),
        progress=progress,
    )


def decision_makers(actor):
    """The decision-makers `actor` may import decisions for: a decision-maker's handler their
    own, the bureau's staff every government and department in their jurisdiction
    (decisions.services.may_act_for)."""
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    return within_reach(agencies, actor, PERMISSION)


class _Context:
    """What the rows are checked against, read once per file: the decision-makers the actor
    may import for, their bureaus, the lead units and catalogues named so far, the decisions
    of the file by key."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.makers = importing.Reach()
        self.bureaus: dict[int, Organization | None] = {}
        self.units: dict[str, list[Organization]] = {}
        self.catalogues: dict[tuple[int, int], dict[str, CatalogueItem] | None] = {}
        # (maker, title, year) and (maker, decision number) -> row
        self.titles: dict[tuple, int] = {}
        self.numbers: dict[tuple, int] = {}

    def prepare(self):
        self.makers.load(decision_makers(self.actor))

    def bureau(self, maker: Organization) -> Organization | None:
        if maker.pk not in self.bureaus:
            self.bureaus[maker.pk] = following_bureau(maker)
        return self.bureaus[maker.pk]

    def units_named(self, name: str) -> list[Organization]:
        if name not in self.units:
            self.units[name] = list(
                Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True, name=name)
            )
        return self.units[name]

    def catalogue(self, maker: Organization, year: int) -> dict[str, CatalogueItem] | None:
        """The matters of the decision-maker's catalogue of `year` by title (those an
        adjustment removed last), or None without a catalogue."""
        key = (maker.pk, year)
        if key not in self.catalogues:
            items = list(
                CatalogueItem.objects.filter(
                    catalogue__decision_maker=maker, catalogue__year=year
                ).order_by(F("removed_by").asc(nulls_first=True), "number")
            )
            exists = bool(items) or maker.decision_catalogues.filter(year=year).exists()
            by_title: dict[str, CatalogueItem] = {}
            for item in items:
                by_title.setdefault(item.title.strip(), item)
            self.catalogues[key] = by_title if exists else None
        return self.catalogues[key]


def _registered(ctx: _Context) -> list[RowError]:
    """The rows whose decision is registered already: the same decision-maker, matter and year
    of start, or the same decision-maker and decision document number."""
    errors = []
    makers = {key[0] for key in ctx.titles} | {key[0] for key in ctx.numbers}
    if not makers:
        return errors
    decisions = MajorDecision.objects.filter(decision_maker_id__in=makers)
    found_titles = {
        (maker, title, started.year)
        for maker, title, started in importing.in_chunks(
            decisions, "title", {key[1] for key in ctx.titles},
            ("decision_maker_id", "title", "started_on"),
        )
    }  # fmt: skip
    found_numbers = set(importing.in_chunks(
        decisions, "decision_number", {key[1] for key in ctx.numbers},
        ("decision_maker_id", "decision_number"),
    ))  # fmt: skip
    for key in sorted(found_titles & set(ctx.titles), key=lambda k: ctx.titles[k]):
        errors.append(RowError(ctx.titles[key], HEADERS["title"],
                               _("This decision-maker already has a decision on this matter "
                                 "started in %(year)s.") % {"year": key[2]}))  # fmt: skip
    for key in sorted(found_numbers & set(ctx.numbers), key=lambda k: ctx.numbers[k]):
        errors.append(RowError(ctx.numbers[key], HEADERS["decision_number"],
                               _("This decision-maker already has a decision with this document "
                                 "number.")))  # fmt: skip
    return sorted(errors, key=lambda e: e.row)


def _row(cells, row_number, ctx: _Context, report) -> history.Record | None:
    row = importing.Row(cells, report)
    get, fail, problems = row.get, row.fail, row.problems
    importing.check_required(COLUMNS, get, fail)
    maker = _maker(get, ctx, fail)
    lead = _lead(get, maker, ctx, fail)
    importing.check_lengths(MajorDecision, get, (
        "title", "legality_case_number", "decision_number", "risk_assessor",
        "publication_channels", "evaluator"), fail)  # fmt: skip
    dates = importing.check_dates(cells, get, DATE_COLUMNS, ctx.today, fail)
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail, aliases=ALIASES)
    days = _comment_days(get, fail)
    _course(get, choices, dates, days, fail)
    importing.check_order(dates, DATE_ORDER, fail, problems)
    closes = None
    if "comment_opens_on" in dates and days and "comment_opens_on" not in problems:
        closes = comment_closes_on(dates["comment_opens_on"], days)
        published = dates.get("answers_published_on")
        if published and published <= closes:
            fail("answers_published_on",
                 _("The handling of the comments is published after the comment period, which "
                   "ran until %(day)s (Art. 18).") % {"day": closes.isoformat()})  # fmt: skip
    item = _catalogue_item(get, maker, ctx, fail)
    title, year = get("title"), dates.get("started_on")
    keys = []
    if maker is not None and title and year:
        keys.append((ctx.titles, (maker.pk, title, year.year), "title",
                     _("The same decision-maker, matter and year of start are on row %(row)s.")))  # fmt: skip
    if maker is not None and get("decision_number"):
        keys.append((ctx.numbers, (maker.pk, get("decision_number")), "decision_number",
                     _("The same decision-maker and document number are on row %(row)s.")))  # fmt: skip
    for seen, key, column, message in keys:
        if key in seen:
            fail(column, message % {"row": seen[key]})
        else:
            seen[key] = row_number
    if problems or maker is None or lead is None:
        return None
    record = _record(get, maker, lead, item, dates, choices, days, closes, ctx)
    try:
        history.steps(record)
    except ValueError as exc:  # the rules decisions.history holds; the checks above cover them
        fail("decided_on" if get("decided_on") else "started_on",
             _("This course of steps is not possible: %(reason)s") % {"reason": exc})  # fmt: skip
        return None
    return record


def _maker(get, ctx: _Context, fail) -> Organization | None:
    """The decision-maker, if the actor may import its decisions: its own handler, or the
    bureau's staff of its jurisdiction; a justice bureau must follow it."""
    maker = ctx.makers.find(
        get, "decision_maker", fail,
        outside=gettext_noop("%(agency)s is outside your jurisdiction: you may not import its "
                             "decisions."),
        unknown=gettext_noop("No government or department of that name."),
    )  # fmt: skip
    if maker is None:
        return None
    if ctx.bureau(maker) is None:
        fail("decision_maker", _("No justice bureau follows this decision-maker."))
        return None
    return maker


def _lead(get, maker, ctx: _Context, fail) -> Organization | None:
    """The lead unit (承办单位, DEC Art. 10), within the decision-maker's region."""
    name = get("lead_unit")
    if not name:
        return None
    units = ctx.units_named(name)
    if not units:
        fail("lead_unit", _("No government or department of that name."))
        return None
    if maker is None:
        return None
    prefix = jurisdiction_prefix(maker.region_id)
    inside = [unit for unit in units if unit.region_id.startswith(prefix)]
    if not inside:
        fail("lead_unit", _("The lead unit must be within the decision-maker's region."))
        return None
    if len(inside) > 1:
        fail("lead_unit", _("Several organisations have this name; ask an administrator."))
        return None
    return inside[0]


def _comment_days(get, fail) -> int | None:
    """The comment period's length: 30 days unless the row says otherwise (DEC Art. 15)."""
    value = get("comment_days")
    if not value:
        return COMMENT_DAYS if get("comment_opens_on") else None
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= 365:
        fail("comment_days", _("Write a number of days from 1 to 365."))
        return None
    return days


def _course(get, choices, dates, days, fail) -> None:
    """Each step has what it needs and the one before it; a decision made has every mandatory
    step (DEC Arts. 14, 19, 22, 25, 28, 30); no evaluation by the unit that assessed the risk
    (Art. 36)."""
    exempt = bool(get("exemption_reason"))
    if exempt:
        for key in ("comment_opens_on", "comment_days", "short_period_reason",
                    "answers_published_on"):  # fmt: skip
            if get(key):
                fail(key, _("The matter is exempt from public participation (不公开征求意见的理由 "
                            "is filled): leave the comment columns empty (Art. 14)."))  # fmt: skip
    for key, needed, message in NEEDS:
        if get(key) and not get(needed):
            fail(key, _(message))
    for key, needed, message in REQUIRES:
        if get(key) and not get(needed):
            fail(needed, _(message))
    if days is not None and days < COMMENT_DAYS and not get("short_period_reason"):
        fail("short_period_reason",
             _("A comment period under 30 days needs its reasons stated in the notice "
               "(Art. 15)."))  # fmt: skip
    # DEC Art. 28: a draft not reviewed, or found unlawful, is not discussed.
    if get("meeting_on"):
        if not get("legality_opinion_on"):
            fail("legality_opinion_on",
                 _("Required when the draft was discussed: it is discussed only after its "
                   "legality review (Art. 28)."))  # fmt: skip
        elif choices["legality_conclusion"] == Conclusion.UNLAWFUL:
            fail("legality_conclusion",
                 _("A draft found unlawful is not discussed (Art. 28)."))  # fmt: skip
    if get("decided_on"):
        _mandatory(get, choices, exempt, fail)
    evaluator, assessor = get("evaluator"), get("risk_assessor")
    if evaluator and assessor and evaluator == assessor:
        fail("evaluator", _("%(unit)s did the risk assessment before the decision and cannot "
                            "evaluate it (Art. 36).") % {"unit": evaluator})  # fmt: skip


def _mandatory(get, choices, exempt, fail) -> None:
    """A decision made has every mandatory step: refused otherwise, naming the missing step's
    column (DEC Arts. 14, 19, 22, 25, 30; decisions.process.missing_steps)."""
    if not exempt and not get("answers_published_on"):
        fail("answers_published_on",
             _("Required: a decision cannot be made without public participation — the "
               "handling of the comments published — unless the matter is legally "
               "non-disclosable and 不公开征求意见的理由 is filled (Arts. 14, 18)."))  # fmt: skip
    if choices["expert_triggered"] and not get("expert_on"):
        fail("expert_on", _("Required: a decision needing expert argumentation cannot be made "
                            "without it (Art. 19)."))  # fmt: skip
    if choices["risk_triggered"] and not get("risk_on"):
        fail("risk_on", _("Required: a decision needing a risk assessment cannot be made "
                          "without it (Art. 22)."))  # fmt: skip
    if not get("legality_opinion_on"):
        fail("legality_opinion_on", _("Required: a decision cannot be made without the legality "
                                      "review (Arts. 25, 28)."))  # fmt: skip
    elif choices["legality_conclusion"] == Conclusion.UNLAWFUL:
        fail("legality_conclusion", _("A draft found unlawful cannot be decided (Art. 28)."))
    if not get("meeting_on"):
        fail("meeting_on", _("Required: a decision is made by collective discussion "
                             "(Art. 30)."))  # fmt: skip
    elif get("meeting_result") and choices["meeting_result"] != MeetingResult.ADOPTED:
        fail("meeting_result",
             _("A decision is made only when the collective discussion adopts the draft "
               "(Art. 30): write 通过."))  # fmt: skip


def _catalogue_item(get, maker, ctx: _Context, fail) -> CatalogueItem | None:
    """The matter of the decision-maker's catalogue of the year given (DEC Art. 3 ¶3), found by
    its title; an error if the catalogue or the matter is not there."""
    value = get("catalogue_year")
    if not value:
        return None
    try:
        year = int(value)
    except ValueError:
        year = 0
    if not 1990 <= year <= 2100:
        fail("catalogue_year", _("Write the catalogue's year, e.g. 2025."))
        return None
    if maker is None:
        return None
    items = ctx.catalogue(maker, year)
    if items is None:
        fail("catalogue_year", _("%(maker)s has no catalogue of major decision matters for "
                                 "%(year)s.") % {"maker": maker.name, "year": year})  # fmt: skip
        return None
    item = items.get(get("title"))
    if item is None:
        fail("catalogue_year", _("The catalogue of %(year)s lists no matter named as 决策事项.")
             % {"year": year})  # fmt: skip
    return item


def _record(get, maker, lead, item, dates, choices, days, closes, ctx) -> history.Record:
    exempt = bool(get("exemption_reason"))
    decision = MajorDecision(
        organization=ctx.bureau(maker),
        decision_maker=maker,
        region_code=maker.region_id,
        lead_unit=lead,
        catalogue_item=item,
        title=get("title"),
        matter_kind=choices["matter_kind"],
        started_on=dates["started_on"],
        expert_triggered=bool(choices["expert_triggered"]),
        risk_triggered=bool(choices["risk_triggered"]),
        drafted_on=dates.get("drafted_on"),
        participation_exempt=exempt,
        exemption_reason=get("exemption_reason"),
        comment_opens_on=dates.get("comment_opens_on"),
        comment_days=days,
        comment_closes_on=closes,
        short_period_reason=get("short_period_reason") if days and days < COMMENT_DAYS else "",
        answers_published_on=dates.get("answers_published_on"),
        expert_on=dates.get("expert_on"),
        risk_on=dates.get("risk_on"),
        risk_assessor=get("risk_assessor"),
        legality_case_number=get("legality_case_number"),
        legality_opinion_on=dates.get("legality_opinion_on"),
        legality_conclusion=choices["legality_conclusion"] or "",
        meeting_type=choices["meeting_type"] or "",
        meeting_on=dates.get("meeting_on"),
        meeting_result=choices["meeting_result"] or "",
        decided_on=dates.get("decided_on"),
        decision_number=get("decision_number"),
        published_on=dates.get("published_on"),
        publication_channels=get("publication_channels"),
        archived_on=dates.get("archived_on"),
        evaluated_on=dates.get("evaluated_on"),
        evaluator=get("evaluator"),
        adjusted_on=dates.get("adjusted_on"),
    )
    return history.Record(decision)
