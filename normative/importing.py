"""Import of the registry of normative documents already issued, from Excel (DESIGN.md: Excel in
and out), on the model of litigation.importing.

Staff (or an agency's own handlers) download a template, fill one published document per row
and upload it (reference/statutes-lines.md §B, ❓ unless marked): its issuing body and kind (政府
/ 部门), title, unified number (三统一: 统一登记、统一编号、统一印发, §B.4 — checked against the
region's format, normative.validity.parse_unified_number, FAZHI_NORMATIVE_NUMBER_FORMATS, whose
patterns normative.checks checks at start-up) and document number, the days it was signed,
published (政府信息公开条例第二十条 ✅: publication is mandatory) and took effect, its validity
(§B.8: at most 5 years, 2 for 暂行 / 试行, normative.validity), and what ended or changed it
(废止, 宣布失效, the document that amended it). If it was filed (备案, §B.6), the filing's
columns: the bureau it was filed with, the day filed (a filing after the due day is flagged
late, as normative.services.filing_submit flags it: 30 days ❓, 法规规章备案审查条例第四条 by
analogy), and the filing review (备案审查, 第三条 "有错必纠"): its start, its opinion (no problem,
a suggestion to correct or to revoke) and the issuing body's answer (第二十一条 by analogy).

Every row is checked first — the columns one by one, then their consistency (an issuing body
unknown or outside the importer's reach: an agency's handler imports only its own body's
documents, the bureau's staff those of the bodies in their jurisdiction; a unified number not
in the region's format; dates out of order or in the future; a validity longer than allowed;
a filing review without its filing) — and if any row has a problem nothing is written and the
report names the row, the column and the reason. A unified number already used, or a document
number the same body has used, in the database or earlier in the file, is refused, so a file
uploaded twice is not imported twice. A valid file is written in one transaction through
`normative.history`: each document gets its registration number from the registering bureau's
sequence (its NumberingRule), its events (register, issue, publish), and its filing the
filing's events and clocks. Each document's status (有效 / 失效 / 废止 / 已修改) is then read
from its dates (normative.validity.status_on), on the staff pages and the portal library.

The reading, the limits on an upload, the result and the error report are core.importing's,
shared with the other lines.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases import bulk
from cases.models import ChallengedAct, Channel
from core import importing
from core.errors import PermissionDenied
from core.importing import (
    Column,
    RowError,
    error_report,  # noqa: F401  (the line's import API)
)
from core.models import Organization
from normative import history
from normative.choices import DocumentKind, FilingOpinion
from normative.forms import issuing_bodies
from normative.models import FilingCase, NormativeDocument
from normative.process import S, filing_days
from normative.services import ADD, registrars
from normative.validity import (
    evaluate_by,
    longest_valid_until,
    max_validity_years,
    parse_unified_number,
)

PERMISSION = ADD
FILE = "normative.add_filingcase"
KINDS = {"政府规范性文件": DocumentKind.GOVERNMENT, "部门规范性文件": DocumentKind.DEPARTMENT}
OPINIONS = {
    "未发现问题": FilingOpinion.NO_PROBLEM,
    "纠正建议": FilingOpinion.CORRECT,
    "撤销建议": FilingOpinion.REVOKE,
}
SUGGESTIONS = (FilingOpinion.CORRECT, FilingOpinion.REVOKE)
# Other spellings accepted.
ALIASES = {
    "kind": {"政府": DocumentKind.GOVERNMENT, "部门": DocumentKind.DEPARTMENT},
    "opinion": {"无问题": FilingOpinion.NO_PROBLEM, "建议纠正": FilingOpinion.CORRECT,
                "建议撤销": FilingOpinion.REVOKE},
}  # fmt: skip

COLUMNS = (
    Column("issuing_body", "制定机关", True,
           "行政机关或人民政府的全称；行政机关经办人只能导入本机关的文件"),
    Column("kind", "文件类别", True, "", tuple(KINDS)),
    Column("title", "文件名称", True, "标题含“暂行”“试行”的，有效期较短（见下方“有效期”）"),
    Column("unified_number", "统一编号", True,
           "按本地区的统一编号格式，如 穗府规〔2026〕3号；已使用的编号不能再导入", text=True),
    Column("document_number", "文号", True,
           "如 穗府办〔2026〕12号；同一制定机关的文号不能重复", text=True),
    Column("signed_on", "签发日期", False, "不填的，按公布日期记录印发"),
    Column("published_on", "公布日期", True, "如 2026-03-02，不能晚于今天"),
    Column("effective_from", "施行日期", True, "不能早于公布日期"),
    Column("valid_until", "有效期至", False,
           "不填的按最长有效期计算；不能超过最长有效期（见下方“有效期”）"),
    Column("repealed_on", "废止日期", False, "已废止的填写，自该日起显示“废止”"),
    Column("declared_expired_on", "宣布失效日期", False, "清理中宣布失效的填写，自该日起显示“失效”"),
    Column("amended_by", "修改文件统一编号", False,
           "被其他文件修改的，填修改文件的统一编号（本文件中的或已登记的已公布文件）；"
           "自修改文件施行之日起显示“已修改”", text=True),
    Column("full_text", "全文", False, "在门户“规范性文件库”显示的全文"),
    Column("filed_with", "备案机关", False,
           "已报送备案的，填受理备案的司法局全称；不填的为登记本文件的司法局"),
    Column("filed_on", "报备日期", False,
           "已报送备案的填写；不能早于公布日期，超过报备期限的自动标记“逾期报备”"),
    Column("review_started_on", "审查开始日期", False, "备案审查开始的日期，不知道的不填"),
    Column("opinion", "审查意见", False, "尚未审查完毕的不填", tuple(OPINIONS)),
    Column("opinion_on", "审查意见日期", False, "填了审查意见的必填"),
    Column("opinion_text", "意见要点", False, "纠正建议、撤销建议的必填"),
    Column("answered_on", "答复日期", False, "制定机关答复纠正或撤销建议的日期"),
    Column("answer", "答复内容", False, "填了答复日期的必填"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
# Days that have happened (not after today), and days that may lie ahead (a document in effect
# next month, a validity, a repeal decided to take effect at the end of the year).
PAST_DATES = ("signed_on", "published_on", "filed_on", "review_started_on", "opinion_on",
              "answered_on")  # fmt: skip
ANY_DATES = ("effective_from", "valid_until", "repealed_on", "declared_expired_on")
CHOICE_COLUMNS = (
    ("kind", KINDS, gettext_noop("Write 政府规范性文件 or 部门规范性文件.")),
    ("opinion", OPINIONS, gettext_noop("Write 未发现问题, 纠正建议 or 撤销建议.")),
)
# The columns of a filing, and those of a filing review's suggestion.
FILING_ONLY = ("filed_with", "review_started_on", "opinion", "opinion_on", "opinion_text",
               "answered_on", "answer")  # fmt: skip
ANSWER_ONLY = ("answered_on", "answer")
# Each step on or after the one before it: (earlier, later, the reason on the later column).
DATE_ORDER = (
    ("signed_on", "published_on",
     gettext_noop("A document is published after it is signed: the publication cannot precede "
                  "the signature.")),
    ("published_on", "effective_from",
     gettext_noop("A document cannot take effect before it is published.")),
    ("effective_from", "valid_until", gettext_noop("The validity cannot end before it begins.")),
    ("published_on", "repealed_on",
     gettext_noop("A document cannot be repealed before it is published.")),
    ("published_on", "declared_expired_on",
     gettext_noop("A document cannot be declared expired before it is published.")),
    ("published_on", "filed_on",
     gettext_noop("A document is filed after its publication: the filing date cannot precede "
                  "the publication date.")),
    ("filed_on", "review_started_on",
     gettext_noop("The filing review cannot start before the filing.")),
    ("filed_on", "opinion_on", gettext_noop("The opinion cannot precede the filing.")),
    ("review_started_on", "opinion_on",
     gettext_noop("The opinion cannot precede the start of the review.")),
    ("opinion_on", "answered_on", gettext_noop("The answer cannot precede the opinion.")),
)  # fmt: skip


def template() -> bytes:
    """The import template: headers, notes, drop-down lists, an instructions sheet."""
    years, provisional = max_validity_years(""), max_validity_years("暂行")
    notes = (
        [],
        ["填写顺序", "", "每份已公布的规范性文件一行。已报送备案的，在同一行填写备案各列；"
         "备案审查办到哪一步就填到哪一步：报备 → 审查开始 → 审查意见 → 答复。"],
        ["统一编号格式", "", "按本地区规定的统一编号格式填写（统一登记、统一编号、统一印发），"
         "格式不符的不予导入。导入后系统按登记本文件的司法局的编号规则另给登记号。"],
        ["有效期", "", f"自施行之日起不超过 {years} 年；标题含“暂行”“试行”的不超过 "
         f"{provisional} 年。例：2026-03-01 施行、有效期 2 年的，至 2028-02-29。"
         "有效期届满的次日起显示“失效”。"],
        ["报备期限", "", f"公布之日起 {filing_days()} 日（公布当日不计，最后一日为法定节假日"
         "的顺延至节后第一个工作日），晚于期限报备的自动标记“逾期报备”；"
         "审查期限和答复期限按导入的日期计算。"],
        ["文件状态", "", "不必填写：有效、失效、废止、已修改由系统按公布、施行、有效期、废止、"
         "宣布失效和修改文件的施行日期自动显示。"],
        ["重复导入", "", "统一编号已使用，或同一制定机关的文号已登记、在文件前面出现的，"
         "该行不予导入。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "规范性文件", notes)


def import_normative_documents(fileobj, *, actor, write: bool = True,
                               progress=None) -> importing.Result:  # fmt: skip
    """Check every row; write them all only if none has a problem. `progress(rows, phase)`,
    if given, is told the rows checked so far and when writing starts (core.jobs)."""
    if actor is None or not actor.can(PERMISSION):
        raise PermissionDenied(_("You may not register normative documents."))
    ctx = _Context(actor)
    return importing.run(
        fileobj,
        COLUMNS,
        lambda cells, row_number, fail: _row(cells, row_number, ctx, fail),
        prepare=ctx.prepare,
        # The numbers used already and the amending documents named: read once the whole file
        # is known.
        later=lambda: _registered(ctx) + _resolve_amendments(ctx),
        write=write,
        writer=lambda records: history.write(records, actor=actor),
        empty=_("The file has no normative document rows."),
        progress=progress,
    )


class _Context:
    """What the rows are checked against, read once per file: the bodies the actor may import
    for and the bureaus registering their documents, the unified and document numbers seen so
    far, the amending documents named."""

    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.may_file = actor.can(FILE)
        self.bodies = importing.Reach()
        self.bureaus: dict[int, list[Organization]] = {}
        # (prefix, year, seq) -> (row, record or None); raw unified numbers -> row
        self.unified: dict[tuple, tuple[int, history.Record | None]] = {}
        self.raw_unified: dict[str, int] = {}
        # (body id, normalised document number) -> row
        self.numbers: dict[tuple, int] = {}
        # (row, raw amending number, key or None, record) to resolve after the rows
        self.amendments: list[tuple] = []

    def prepare(self):
        self.bodies.load(issuing_bodies(self.actor))

    def registrars(self, body) -> list[Organization]:
        if body.pk not in self.bureaus:
            self.bureaus[body.pk] = list(registrars(body))
        return self.bureaus[body.pk]


def _registered(ctx: _Context) -> list[RowError]:
    """The rows whose unified number is used already (the constraint
    normative_unique_unified_number; compared by its parse too, so 〔2026〕3号 and 〔2026〕03号
    are one number), or whose body has registered the same document number."""
    errors = []
    used = _("The unified number %(number)s is already used.")
    found: dict[tuple, str] = {}
    years = {key[1] for key in ctx.unified}
    for prefix, year, seq, raw in importing.in_chunks(
        NormativeDocument.objects.filter(unified_year__in=years), "unified_prefix",
        {key[0] for key in ctx.unified},
        ("unified_prefix", "unified_year", "unified_seq", "unified_number"),
    ):  # fmt: skip
        found[(prefix, year, seq)] = raw
    reported = set()
    for key, (row, _record) in ctx.unified.items():
        if key in found:
            errors.append(RowError(row, HEADERS["unified_number"], used % {"number": found[key]}))
            reported.add(row)
    for (raw,) in importing.in_chunks(NormativeDocument.objects.all(), "unified_number",
                                      ctx.raw_unified, ("unified_number",)):  # fmt: skip
        row = ctx.raw_unified[raw]
        if row not in reported:
            errors.append(RowError(row, HEADERS["unified_number"], used % {"number": raw}))
            reported.add(row)
    registered = {
        (body, ChallengedAct.normalise(number))
        for body, number in importing.in_chunks(
            NormativeDocument.objects.exclude(document_number=""), "issuing_body_id",
            {body for body, _number in ctx.numbers}, ("issuing_body_id", "document_number"),
        )
    }  # fmt: skip
    for key in registered & set(ctx.numbers):
        errors.append(RowError(ctx.numbers[key], HEADERS["document_number"],
                               _("This body has already registered a document with this "
                                 "document number.")))  # fmt: skip
    return errors


def _resolve_amendments(ctx: _Context) -> list[RowError]:
    """The amending document each row names by its unified number: a row of the file (written
    with it, normative.history) or a published document registered already. The amendment is
    dated on the day the amending document takes effect, as normative.services.amendment_link
    dates it, which cannot precede this document's publication."""
    errors = []
    column = HEADERS["amended_by"]
    for row, raw, key, record in ctx.amendments:
        amending = None
        if key is not None and key in ctx.unified:
            _row_number, in_file = ctx.unified[key]
            if in_file is None:
                continue  # that row has its own problems
            amending = in_file.document
        else:
            found = NormativeDocument.objects.filter(
                published_on__isnull=False, effective_from__isnull=False
            )
            if key is not None:
                found = found.filter(unified_prefix=key[0], unified_year=key[1],
                                     unified_seq=key[2]) | found.filter(unified_number=raw)  # fmt: skip
            else:
                found = found.filter(unified_number=raw)
            amending = found.order_by("pk").first()
        if amending is None:
            errors.append(RowError(row, column, _(
                "No published document has this unified number, in the file or registered.")))  # fmt: skip
            continue
        if record is None:
            continue
        document = record.document
        if amending is document:
            errors.append(RowError(row, column, _("A document does not amend itself.")))
        elif amending.effective_from < document.published_on:
            errors.append(RowError(row, column, _(
                "The amending document takes effect on %(day)s, before this document was "
                "published.") % {"day": amending.effective_from.isoformat()}))  # fmt: skip
        else:
            document.amended_by = amending
            document.amended_on = amending.effective_from
    return errors


def _row(cells, row_number, ctx: _Context, report) -> history.Record | None:
    row = importing.Row(cells, report)
    get, fail, problems = row.get, row.fail, row.problems
    importing.check_required(COLUMNS, get, fail)
    body = _body(get, ctx, fail)
    importing.check_lengths(NormativeDocument, get, ("title", "unified_number",
                                                     "document_number", "full_text"), fail)  # fmt: skip
    importing.check_lengths(FilingCase, get, ("opinion_text", "answer"), fail)
    importing.check_limits({"amended_by": 64}, get, fail)
    dates = importing.check_dates(cells, get, PAST_DATES, ctx.today, fail)
    dates |= importing.check_dates(cells, get, ANY_DATES, datetime.date.max, fail)
    choices = importing.check_choices(CHOICE_COLUMNS, get, fail, aliases=ALIASES)
    parsed = None
    if body is not None and get("unified_number"):
        parsed = parse_unified_number(get("unified_number"), body.region_id)
        if parsed is None:
            fail("unified_number",
                 _("%(number)s is not in this region's format of unified numbers (e.g. "
                   "穗府规〔2026〕3号).") % {"number": get("unified_number")})  # fmt: skip
    _validity(get, dates, problems, fail)
    _filing(get, choices, dates, ctx, fail)
    importing.check_order(dates, DATE_ORDER, fail, problems)
    filed_with = _filed_with(get, body, ctx, fail) if body is not None else None
    # Twice in the file: the unified number (by its parse), the body's document number.
    key = (parsed.prefix, parsed.year, parsed.seq) if parsed is not None else None
    if key is not None and key in ctx.unified:
        fail("unified_number", _("The same unified number is on row %(row)s.")
             % {"row": ctx.unified[key][0]})  # fmt: skip
        key = None
    number = None
    if body is not None and get("document_number"):
        number = (body.pk, ChallengedAct.normalise(get("document_number")))
        if number in ctx.numbers:
            fail("document_number", _("The same document number of this body is on row "
                                      "%(row)s.") % {"row": ctx.numbers[number]})  # fmt: skip
            number = None
    amending = get("amended_by")
    amending_key = None
    if amending and body is not None:
        other = parse_unified_number(amending, body.region_id)
        amending_key = (other.prefix, other.year, other.seq) if other is not None else None
        if amending_key is not None and amending_key == (
            (parsed.prefix, parsed.year, parsed.seq) if parsed is not None else None
        ):
            fail("amended_by", _("A document does not amend itself."))
    record = None
    if not problems and body is not None and parsed is not None:
        record = _record(get, body, parsed, dates, choices, filed_with, ctx)
    if key is not None:
        ctx.unified[key] = (row_number, record)
        ctx.raw_unified.setdefault(parsed.raw, row_number)
    if number is not None:
        ctx.numbers[number] = row_number
    if amending and "amended_by" not in problems and body is not None:
        ctx.amendments.append((row_number, amending, amending_key, record))
    return record


def _body(get, ctx: _Context, fail):
    """The issuing body, if the actor may import its documents: an agency's handler only their
    own body, the bureau's staff the bodies of their jurisdiction; and a justice bureau must
    register its documents."""
    body = ctx.bodies.find(
        get, "issuing_body", fail, name_as="body",
        outside=gettext_noop("%(body)s is outside your jurisdiction: you may not import its "
                             "documents."),
        unknown=gettext_noop("No administrative agency or people's government of that name."),
    )  # fmt: skip
    if body is None:
        return None
    if not ctx.registrars(body):
        fail("issuing_body", _("No justice bureau registers the documents of this body."))
        return None
    return body


def _validity(get, dates, problems, fail) -> None:
    """At most the longest validity from the day in effect (§B.8 ❓: 5 years, 2 for 暂行 /
    试行; normative.validity.longest_valid_until)."""
    start, until = dates.get("effective_from"), dates.get("valid_until")
    if start is None or until is None or "valid_until" in problems:
        return
    longest = longest_valid_until(start, get("title"))
    if until > longest:
        fail("valid_until", _("The validity may last until %(date)s at the latest.")
             % {"date": longest.isoformat()})  # fmt: skip


def _filing(get, choices, dates, ctx: _Context, fail) -> None:
    """The filing review's columns only after their step (normative.process: filed → under
    review → opinion → answer); a suggestion states its points and only a suggestion is
    answered (法规规章备案审查条例第三条、第二十一条 by analogy)."""
    if not get("filed_on"):
        for key in FILING_ONLY:
            if get(key):
                fail(key, _("Only for a filed document: fill 报备日期 first."))
        return
    if not ctx.may_file:
        fail("filed_on", _("You may not file documents of this body."))
    opinion = choices["opinion"]
    if get("opinion") and not get("opinion_on"):
        fail("opinion_on", _("Required when the opinion is given."))
    if get("opinion_on") and not get("opinion"):
        fail("opinion", _("Required when the opinion date is given."))
    if opinion in SUGGESTIONS and not get("opinion_text"):
        fail("opinion_text", _("State the points of the suggestion to correct or revoke."))
    if opinion == FilingOpinion.NO_PROBLEM and get("opinion_text"):
        fail("opinion_text", _("Only for a suggestion to correct or revoke."))
    if any(get(key) for key in ANSWER_ONLY) and opinion not in SUGGESTIONS:
        key = next(k for k in ANSWER_ONLY if get(k))
        if get("opinion") and opinion is None:
            return  # the opinion's own problem is reported
        fail(key, _("Only a suggestion to correct or revoke is answered: fill 审查意见 first."))
    elif get("answered_on") and not get("answer"):
        fail("answer", _("Required when the answer date is given."))
    elif get("answer") and not get("answered_on"):
        fail("answered_on", _("Required when the answer is given."))


def _filed_with(get, body, ctx: _Context, fail):
    """The bureau the document was filed with: a justice bureau that registers the body's
    documents (its region's or above); by default the nearest."""
    name = get("filed_with")
    bureaus = ctx.registrars(body)
    if not name or not get("filed_on"):
        return bureaus[0] if bureaus else None
    for bureau in bureaus:
        if bureau.name == name:
            return bureau
    fail("filed_with", _("%(name)s does not receive the filings of this body: give the justice "
                         "bureau of its region or above, or leave it empty.") % {"name": name})  # fmt: skip
    return None


def _record(get, body, parsed, dates, choices, filed_with, ctx: _Context) -> history.Record:
    bureau = ctx.registrars(body)[0]
    effective = dates["effective_from"]
    valid_until = dates.get("valid_until") or longest_valid_until(effective, get("title"))
    signed = dates.get("signed_on")
    document = NormativeDocument(
        organization=bureau,
        region_code=body.region_id,
        issuing_body=body,
        kind=choices["kind"],
        title=get("title"),
        full_text=get("full_text"),
        unified_number=parsed.raw,
        unified_prefix=parsed.prefix,
        unified_year=parsed.year,
        unified_seq=parsed.seq,
        document_number=get("document_number"),
        signed_on=signed,
        published_on=dates["published_on"],
        effective_from=effective,
        valid_until=valid_until,
        evaluate_by=evaluate_by(valid_until),
        repealed_on=dates.get("repealed_on"),
        declared_expired_on=dates.get("declared_expired_on"),
        channel=Channel.ONLINE,
        state=S.PUBLISHED,
        # Registered when it was issued: the registration number's year is that day's.
        received_at=bulk.at(signed or dates["published_on"], 9),
    )
    filing = None
    if dates.get("filed_on"):
        opinion = choices["opinion"] or ""
        filing = FilingCase(
            organization=filed_with,
            issuing_body=body,
            region_code=body.region_id,
            channel=Channel.ONLINE,
            filed_on=dates["filed_on"],
            opinion=opinion,
            opinion_on=dates.get("opinion_on"),
            opinion_text=get("opinion_text") if opinion in SUGGESTIONS else "",
            answer=get("answer"),
            answered_on=dates.get("answered_on"),
        )
        if dates.get("review_started_on"):
            filing.accepted_at = bulk.at(dates["review_started_on"], 10)
    return history.Record(document, filing)
