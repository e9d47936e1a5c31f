"""Excel import of past complaints against lawyers and law firms (投诉, closed before Fazhi;
DESIGN.md: Excel in and out), as mediation and legal aid import their past cases: all or
nothing on core.importing (every row checked column by column, the problems named by row, column
and reason in Chinese, nothing written if there is one), and a file imported once is refused the
second time (core.importing.Once, core.ImportedFile).

One concluded complaint per row: the day received, the lawyer (practising certificate number)
or law firm (practice licence number) complained about — of the register, in the importer's
jurisdiction —, the complainant, the facts, and how it ended along profession.process:
不予受理 (not accepted, with the reasons), 不予处罚 (accepted, investigated and dismissed, with
the findings) or 给予处罚 (a penalty decided under 律师法 Arts. 47–50: the article, the measures,
the decision number and day, the public summary). The measures are checked against the
article's limits as a live decision is (profession.penalties.check), the public summary names
no complainant (as the decide step requires), a decision number is used once (in the register
and in the file). What the live step checks of the decider (the city-level bureau, the province
for a revocation, Art. 51's repeat offences) is the past's and not checked again: the penalty is
recorded as decided by the city-level bureau over the subject (the provincial department for a
revocation, where the register has one); a penalty row whose subject has no city-level bureau in
the register is refused (a county's bureau decides none). The lawyers and firms of the
importer's jurisdiction are read once for the whole file; a number of another jurisdiction is
refused without saying whose it is. A penalty whose term had ended before the import does not
change the register's status (profession.standing).

The cases are written closed, in one transaction, as the engine would have left them: a number
from the receiving bureau's sequence, one event per step (register, accept, then refuse,
dismiss or decide), the clocks profession.process declares run over those steps
(cases.bulk.replay_clocks), whether the decision met the handling period, and the penalty;
a suspension, closure or revocation then sets the register's status for its term
(profession.standing.sync).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases import bulk
from cases.calendar import get_calendar
from cases.models import CaseEvent, Channel, Clock
from core import importing
from core.audit import acting
from core.copy import copy_insert, copy_rows
from core.errors import PermissionDenied
from core.importing import Column, Row, RowError
from core.models import Lawyer, Organization, OrganizationKind
from core.regions import RegionLevel
from core.validators import validate_phone
from indicators.rollups import note_rows
from profession import penalties
from profession.choices import PenaltyArticle, SubjectKind
from profession.models import Complaint, LawFirm, Penalty
from profession.process import COMPLAINT_PROCESS, C, _summary_names_nobody, measures
from profession.services import _bureau_over, may

PERMISSION = "profession.add_complaint"
NOT_ACCEPTED, DISMISSED, PENALISED = "不予受理", "不予处罚", "给予处罚"
OUTCOMES = {NOT_ACCEPTED: C.NOT_ACCEPTED, DISMISSED: C.DISMISSED, PENALISED: C.PENALISED}
ARTICLES = {"第四十七条": PenaltyArticle.ART_47, "第四十八条": PenaltyArticle.ART_48,
            "第四十九条": PenaltyArticle.ART_49, "第五十条": PenaltyArticle.ART_50}  # fmt: skip
ARTICLE_ALIASES = {a.value: a for a in PenaltyArticle} | {
    f"律师法第{w}": a for w, a in ((w[1:], a) for w, a in ARTICLES.items())}  # fmt: skip
WRITE_OUTCOME = gettext_noop("Write 不予受理, 不予处罚 or 给予处罚.")
WRITE_ARTICLE = gettext_noop("Write 第四十七条, 第四十八条, 第四十九条 or 第五十条.")
# The penalty's columns, by the name penalties.check gives their problems.
PENALTY_KEYS = ("article", "warning", "fine", "confiscated", "suspension_months",
                "closure_months", "revocation", "decision_number", "decided_on", "summary")  # fmt: skip

COLUMNS = (
    Column("received_on", "收到日期", True, "收到投诉的日期，如 2025-03-01，不能晚于今天"),
    Column("subject", "被投诉律师或律师事务所", True,
           "律师的执业证号，或律师事务所的执业许可证号；须在本辖区的登记中", text=True),
    Column("complainant", "投诉人", True, "姓名或单位名称"),
    Column("complainant_phone", "投诉人电话", False, "手机或固定电话"),
    Column("facts", "投诉事项", True, "投诉的主要内容"),
    Column("outcome", "处理结果", True, "", tuple(OUTCOMES)),
    Column("reasons", "处理意见", False, "不予受理的理由，或调查认定的事实；不予受理、不予处罚的必填"),
    Column("accepted_on", "受理日期", False, "不予处罚、给予处罚的，不填同收到日期"),
    Column("concluded_on", "办结日期", True, "不能早于收到日期、晚于今天"),
    Column("article", "处罚依据", False, "律师法条文；给予处罚的必填", tuple(ARTICLES)),
    Column("warning", "警告", False, "是 / 否", tuple(importing.YES_NO)),
    Column("fine", "罚款（元）", False, "不填为 0"),
    Column("confiscated", "没收违法所得（元）", False, "不填为 0"),
    Column("suspension_months", "停止执业（月）", False, "律师；不填为 0"),
    Column("closure_months", "停业整顿（月）", False, "律师事务所；不填为 0"),
    Column("revocation", "吊销执业证书", False, "是 / 否", tuple(importing.YES_NO)),
    Column("decision_number", "处罚决定书文号", False, "给予处罚的必填，不能与已有的重复"),
    Column("decided_on", "处罚决定日期", False, "给予处罚的必填，不能晚于办结日期"),
    Column("summary", "公开的事实和理由", False,
           "给予处罚的必填；在门户网站公开，不得写投诉人的姓名或电话"),
)  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}


def template() -> bytes:
    notes = (
        [],
        ["填写方式", "", "每件已办结的投诉一行。处理结果为给予处罚的，填写处罚依据、处罚种类和幅度、"
         "决定书文号、决定日期和公开的事实和理由；处罚幅度按律师法第四十七条至第五十条校验。"],
        ["不重复导入", "", "同一文件只能导入一次；再次上传同一文件的，整个文件不导入。"],
        ["全部或全不", "", "任何一行有问题，整个文件都不导入；问题清单列出行、列和原因。"],
    )  # fmt: skip
    return importing.template(COLUMNS, "投诉", notes)


@dataclass
class _Record:
    row: int
    complaint: Complaint
    steps: list  # (transition, from, to, day)
    penalty: dict | None = None


class _Context:
    def __init__(self, actor):
        self.actor = actor
        self.today = timezone.localdate()
        self.decision_numbers: dict[str, int] = {}
        self._lawyers: dict[str, Lawyer] = {}
        self._firms: dict[str, LawFirm] = {}
        self._firms_by_org: dict[int, LawFirm] = {}
        self._deciders: dict[tuple[str, bool], Organization | None] = {}

    def load(self) -> None:
        """The lawyers and law firms of the importer's jurisdiction, read once for the whole
        file (a row names its subject by number)."""
        condition = Q()
        prefixes = {m.jurisdiction for m in self.actor.active_memberships()
                    if m.organization.kind == OrganizationKind.JUSTICE_BUREAU}  # fmt: skip
        for prefix in prefixes:
            condition |= Q(region_code__startswith=prefix)
        if not prefixes:
            return
        for lawyer in Lawyer.objects.filter(condition).select_related("organization"):
            self._lawyers[lawyer.licence_number] = lawyer
        for firm in LawFirm.objects.filter(condition).select_related("organization"):
            self._firms[firm.licence_number] = firm
            self._firms_by_org[firm.organization_id] = firm

    def subject(self, row: Row):
        """(kind, lawyer, firm) the column names, or None with the reason."""
        number = "".join(row.get("subject").split())
        if not number:
            return None
        lawyer, firm = self._lawyers.get(number), self._firms.get(number)
        if lawyer is not None and firm is not None:
            row.fail("subject", _("This number is both a lawyer's certificate and a firm's "
                                  "licence; ask an administrator."))  # fmt: skip
            return None
        if lawyer is None and firm is None:
            # Not in the jurisdiction: only then is the whole register asked (a refused row).
            if (Lawyer.objects.filter(licence_number=number).exists()
                    or LawFirm.objects.filter(licence_number=number).exists()):  # fmt: skip
                # Whose it is is not said: the register of another jurisdiction is not shown.
                row.fail("subject", _("This number is registered outside your jurisdiction; "
                                      "it cannot be imported."))  # fmt: skip
            else:
                row.fail("subject", _("No lawyer or law firm with this number in the "
                                      "register."))  # fmt: skip
            return None
        region = lawyer.region_code if lawyer else firm.region_code
        if not may(self.actor, PERMISSION, region_code=region):
            row.fail("subject", _("This number is registered outside your jurisdiction; it "
                                  "cannot be imported."))  # fmt: skip
            return None
        if lawyer is not None:
            return SubjectKind.LAWYER, lawyer, self._firms_by_org.get(lawyer.organization_id)
        return SubjectKind.FIRM, None, firm

    def decider(self, region_code: str, revocation: bool) -> Organization | None:
        """The city-level bureau over the subject (Arts. 47–50), the provincial department
        for a revocation (Arts. 49–50) where the register has one; None if the register has
        no city-level bureau over it (a county's bureau decides no penalty)."""
        key = (region_code[:4], revocation)
        if key not in self._deciders:
            codes = [region_code[:4].ljust(12, "0")]
            if revocation:
                codes.insert(0, region_code[:2].ljust(12, "0"))
            found = {o.region_id: o for o in Organization.objects.filter(
                kind=OrganizationKind.JUSTICE_BUREAU, region_id__in=codes,
                region__level__lte=RegionLevel.CITY).order_by("pk")}  # fmt: skip
            self._deciders[key] = next((found[c] for c in codes if c in found), None)
        return self._deciders[key]


def _money(row: Row, key: str) -> Decimal:
    value = row.get(key).replace(",", "").replace("，", "")
    if not value:
        return Decimal(0)
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        row.fail(key, _("Not a number."))
        return Decimal(0)
    if number < 0:
        row.fail(key, _("An amount cannot be negative."))
        return Decimal(0)
    if number >= Decimal("1e10") or number != number.quantize(Decimal("0.01")):
        row.fail(key, _("An amount in yuan: at most two decimals."))
        return Decimal(0)
    return number


def _months(row: Row, key: str) -> int:
    value = row.get(key)
    if not value:
        return 0
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not 0 <= number <= 99:
        row.fail(key, _("Write a whole number of months, 0 to 99."))
        return 0
    return number


def _penalty(row: Row, row_number: int, ctx: _Context, kind: str, dates: dict, complainant: dict):
    get, fail = row.get, row.fail
    for key in ("article", "decision_number", "decided_on", "summary"):
        if not get(key):
            fail(key, _("Required when a penalty was decided."))
    choices = importing.check_choices(
        (("article", ARTICLES, WRITE_ARTICLE),
         ("warning", importing.YES_NO, importing.WRITE_YES_OR_NO),
         ("revocation", importing.YES_NO, importing.WRITE_YES_OR_NO)),
        get, fail, aliases={"article": ARTICLE_ALIASES})  # fmt: skip
    cleaned = {
        "article": choices["article"] or "", "warning": bool(choices["warning"]),
        "revocation": bool(choices["revocation"]), "fine": _money(row, "fine"),
        "confiscated": _money(row, "confiscated"),
        "suspension_months": _months(row, "suspension_months"),
        "closure_months": _months(row, "closure_months"),
        "decision_number": "".join(get("decision_number").split()), "summary": get("summary"),
    }  # fmt: skip
    importing.check_lengths(Penalty, lambda key: cleaned.get(key, ""), ("decision_number",),
                            fail)  # fmt: skip
    importing.check_limits({"summary": 3000}, get, fail)
    if kind and cleaned["article"] and not row.problems:
        # The limits of the article, as the live decision checks them (profession.penalties).
        for key, reason in penalties.check(subject_kind=kind, **measures(cleaned),
                                           article=cleaned["article"]).items():  # fmt: skip
            fail(key, reason)
    if cleaned["summary"]:
        named = _summary_names_nobody(SimpleNamespace(**complainant), cleaned, None)
        if named:
            fail("summary", named[1])
    decided = dates.get("decided_on")
    if decided:
        if "concluded_on" in dates and decided > dates["concluded_on"]:
            fail("decided_on", _("The decision cannot come after the conclusion."))
        accepted = dates.get("accepted_on") or dates.get("received_on")
        if accepted and decided < accepted:
            fail("decided_on", _("The decision cannot precede the acceptance."))
    number = cleaned["decision_number"]
    if number and "decision_number" not in row.problems:
        if number in ctx.decision_numbers:
            fail("decision_number", _("The same decision number is on row %(row)s.")
                 % {"row": ctx.decision_numbers[number]})  # fmt: skip
        else:
            ctx.decision_numbers[number] = row_number
    cleaned["decided_on"] = decided
    return cleaned


def _row(cells, row_number, report, ctx: _Context):
    row = Row(cells, report)
    get, fail = row.get, row.fail
    importing.check_required(COLUMNS, get, fail)
    dates = importing.check_dates(cells, get, ("received_on", "accepted_on", "concluded_on",
                                               "decided_on"), ctx.today, fail)  # fmt: skip
    importing.check_order(dates, (
        ("received_on", "accepted_on", gettext_noop("Acceptance cannot precede receipt.")),
        ("received_on", "concluded_on", gettext_noop("The conclusion cannot precede receipt.")),
        ("accepted_on", "concluded_on",
         gettext_noop("The conclusion cannot precede the acceptance.")),
    ), fail)  # fmt: skip
    subject = ctx.subject(row)
    importing.check_limits({"complainant": 128, "facts": 5000, "reasons": 5000}, get, fail)
    phone = importing.check_with(validate_phone, get, "complainant_phone", fail)
    choices = importing.check_choices((("outcome", OUTCOMES, WRITE_OUTCOME),), get, fail)
    outcome = choices["outcome"]
    kind = subject[0] if subject else ""
    penalty = None
    if outcome == C.PENALISED:
        penalty = _penalty(row, row_number, ctx, kind, dates, {
            "complainant_name": get("complainant"), "complainant_phone": phone or ""})  # fmt: skip
    elif outcome is not None:
        if not get("reasons"):
            fail("reasons", _("Give the reasons for not accepting or the findings."))
        for key in PENALTY_KEYS:
            if get(key):
                fail(key, _("Leave empty unless a penalty was decided (给予处罚)."))
                break
        if outcome == C.NOT_ACCEPTED and get("accepted_on"):
            fail("accepted_on", _("A complaint not accepted has no acceptance date."))
    if row.problems or subject is None or outcome is None:
        return None
    kind, lawyer, firm = subject
    region_code = lawyer.region_code if lawyer else firm.region_code
    bureau = _bureau_over(region_code, ctx.actor)
    if bureau is None:
        fail("subject", _("Only a justice bureau's staff register complaints."))
        return None
    if penalty is not None:
        penalty["decided_by"] = ctx.decider(region_code, measures(penalty)["revocation"])
        if penalty["decided_by"] is None:
            fail("decision_number", _("No city-level justice bureau over the subject is in "
                                      "the register to have decided the penalty (律师法 Arts. "
                                      "47–50); add it first."))  # fmt: skip
            return None
    received = dates["received_on"]
    accepted = dates.get("accepted_on") or received
    concluded = dates["concluded_on"]
    zone = timezone.get_current_timezone()
    complaint = Complaint(
        organization=bureau, region_code=region_code, subject_kind=kind, lawyer=lawyer,
        firm=firm, complainant_name=get("complainant"), complainant_phone=phone or "",
        facts=get("facts"), channel=Channel.WINDOW, state=outcome,
        outcome=outcome, received_at=bulk.at(received, 9, zone),
        closed_at=bulk.at(concluded, 16, zone), concluded_on=concluded,
    )  # fmt: skip
    steps = [("register", "", C.RECEIVED, received)]
    if outcome == C.NOT_ACCEPTED:
        complaint.refusal_reasons = get("reasons")
        steps.append(("refuse", C.RECEIVED, C.NOT_ACCEPTED, concluded))
    else:
        complaint.accepted_at = bulk.at(accepted, 10, zone)
        complaint.findings = get("reasons")
        steps.append(("accept", C.RECEIVED, C.ACCEPTED, accepted))
        if outcome == C.DISMISSED:
            steps.append(("dismiss", C.ACCEPTED, C.DISMISSED, concluded))
        else:
            steps.append(("decide", C.ACCEPTED, C.PENALISED, penalty["decided_on"]))
    return _Record(row_number, complaint, steps, penalty)


def _numbers_used(ctx: _Context) -> list[RowError]:
    """The decision numbers recorded already (one query for the whole file)."""
    used = importing.in_chunks(Penalty.objects.all(), "decision_number", ctx.decision_numbers,
                               ("decision_number",))  # fmt: skip
    return [
        RowError(ctx.decision_numbers[number], HEADERS["decision_number"],
                 _("A penalty with this decision number is recorded already."))
        for (number,) in used
    ]  # fmt: skip


def _write(records: list[_Record], ctx: _Context) -> None:
    """The closed complaints, their events, clocks and penalties, in one transaction."""
    from profession.standing import sync, term

    actor = ctx.actor
    calendar = get_calendar()
    due_of = functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit))  # fmt: skip
    zone = timezone.get_current_timezone()
    steps_of = {id(r.complaint): r.steps for r in records}
    with acting(actor), transaction.atomic():
        cases = [r.complaint for r in records]
        bulk.issue_numbers(cases, series=COMPLAINT_PROCESS.number_series,
                           pattern=COMPLAINT_PROCESS.number_pattern, zone=zone)  # fmt: skip
        clocks = []
        for r in records:
            case = r.complaint
            case.team_id = case.organization_id
            case.created_by = actor
            case.version = len(r.steps)
            case_clocks = bulk.replay_clocks(
                COMPLAINT_PROCESS, case, ((name, after, day) for name, _b, after, day in r.steps),
                lambda clock, _day: due_of(clock["started_on"], clock["length"], clock["unit"]),
            )  # fmt: skip
            handling = next((c for c in case_clocks if c["key"] == "handling"), None)
            due = handling["due"].date if handling else None
            case.on_time = due is None or case.concluded_on <= due
            clocks.append(case_clocks)
        copy_insert(Complaint, cases)
        content_type_id = ContentType.objects.get_for_model(Complaint).pk
        events = bulk.event_rows(content_type_id, cases,
                                 lambda case, _zone: steps_of[id(case)], actor.pk, zone)  # fmt: skip
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events)
        copy_rows(Clock, bulk.CLOCK_FIELDS, (
            bulk.clock_row(bulk.ref(content_type_id, case), c["key"], c["unit"], c["length"],
                           c["started_on"], c["due"], c["stopped_on"], c["state"])
            for case, case_clocks in zip(cases, clocks, strict=True) for c in case_clocks
        ))  # fmt: skip
        penalised = []
        for r in records:
            if r.penalty is None:
                continue
            p, case = r.penalty, r.complaint
            chosen = measures(p)
            starts, until = term(chosen, p["decided_on"])
            if case.subject_kind == SubjectKind.LAWYER:
                subject_name, firm_name = case.lawyer.name, case.lawyer.organization.name
            else:
                subject_name = firm_name = case.firm.name
            penalised.append(Penalty(
                complaint=case, region_code=case.region_code,
                decided_by=p["decided_by"],
                subject_kind=case.subject_kind, lawyer=case.lawyer, firm_name=firm_name,
                subject_name=subject_name, article=p["article"],
                decision_number=p["decision_number"], decided_on=p["decided_on"],
                summary=p["summary"], effective_from=starts, effective_until=until, **chosen,
            ))  # fmt: skip
        Penalty.objects.bulk_create(penalised)
        note_rows(Complaint, cases)
        if any(p.suspension_months or p.closure_months or p.revocation for p in penalised):
            sync(ctx.today)


def import_complaints(fileobj, *, actor, write: bool = True, progress=None) -> importing.Result:
    """Check every row of past complaints; write them all only if none has a problem, and a
    file only once."""
    if not any(m.organization.kind == OrganizationKind.JUSTICE_BUREAU
               for m in actor.active_memberships()) or not actor.can(PERMISSION):  # fmt: skip
        # A legal-aid centre's section staff keep out of this line (profession.models).
        raise PermissionDenied(_("You may not register complaints about this practitioner."))
    ctx = _Context(actor)
    return importing.run(
        fileobj, COLUMNS,
        lambda cells, row_number, report: _row(cells, row_number, report, ctx),
        prepare=ctx.load, write=write, writer=lambda records: _write(records, ctx),
        empty=_("The file has no complaint rows."), later=lambda: _numbers_used(ctx),
        progress=progress, once=importing.Once("profession.import_complaints", actor, PERMISSION),
    )  # fmt: skip
