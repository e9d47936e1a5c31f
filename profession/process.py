"""The processes of the legal-services sector (reference/statutes-lines.md §E.1).

Annual inspection of a law firm (`profession_inspection`, 年度检查考核):

- opened for a firm and a year → the firm's **report** (年度执业报告, with its lawyers' assessment
  results) received within the window the bureau sets (FAZHI_PROFESSION_INSPECTION_OPENS /
  _CLOSES, default 1 April–31 May: ◑ practice, e.g. Shanghai 2025, not a statute) → **graded**
  合格 or 不合格 (◑; lawyers 称职 / 基本称职 / 不称职 ◑, optional) → **filed** with the city-level
  bureau (律师法 Art. 24 ✅: after the assessment the firm's report and its lawyers' results are
  filed with the 设区的市级 司法行政部门).
- Clocks: the report is due on the window's last day, counted as a calendar period (the day
  before the window opens not counted, a last day on a rest day rolls to the next working day,
  reference §0 counting rules) — only for an inspection opened by that day: one opened later
  records history and shows nothing overdue (Art. 24: the firm files after its assessment; the
  filing is late only if the window closed without it), its report entered with the day it
  was received, which decides 逾期提交. The filing runs FAZHI_PROFESSION_INSPECTION_FILING_DAYS
  calendar days from the grading (❓ Art. 24 sets no period: a choice).

Complaint against a practitioner (`profession_complaint`, 投诉): a lawyer or a law firm, a
notary or a notary office, a forensic appraiser or a forensic institution — one process, one
clock, one decision for all:

- received → **accepted** (受理) or **not accepted** (with reasons) → investigated by the
  county-level bureau, which may **propose** a penalty (律师法 Art. 52 ✅) → **penalty decided**
  by the city-level bureau, or **dismissed** (不予处罚). Lawyers and firms: 律师法 Arts. 47–50,
  each measure within its article's limits (profession.penalties). Notaries and notary offices:
  公证法 Arts. 41–42 ✅, penalties by the provincial or city-level department (§E.2); forensic
  appraisers and institutions: the GD‑SJ penalty provisions (complaints Arts. 58–59 ✅, the
  penalty articles ❓, §E.3) — for both, the reference gives no limits, so only the measure's
  kind is matched to the subject (suspension a person's, closure an institution's). The same
  levels as for lawyers: the county proposes, the city (or the province) decides; a
  revocation is the province's — for 公证法, which says "provincial or city", this is a
  choice ❓ kept from the lawyers' rule.
- Clocks (❓ the reference finds no complaint period, statutes-lines §E.1 "Complaint periods ❓";
  a choice, configurable): acceptance within FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS working
  days of receipt (default 10), the decision within FAZHI_PROFESSION_COMPLAINT_DAYS calendar
  days of receipt (default 60). A complaint concluded (not accepted, penalised or dismissed) by
  the second date is on time (profession.complaints_on_time_rate).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, DateInput
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core.roles import Role
from profession.choices import InspectionResult, PenaltyArticle, SubjectKind

STAFF = frozenset({Role.SECTION_STAFF})
ASSESSMENT_FIELDS = ("lawyers_competent", "lawyers_basic", "lawyers_incompetent")


# -- the inspection window --------------------------------------------------------------------


def _month_day(value: str, name: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in str(value).split("-"))
        datetime.date(2001, month, day)  # a day every year has (not 29 February)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r}: write the month and day as MM-DD") from None
    return month, day


def inspection_window(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the inspection window of `year` (the settings)."""
    opens = _month_day(settings.FAZHI_PROFESSION_INSPECTION_OPENS,
                       "FAZHI_PROFESSION_INSPECTION_OPENS")  # fmt: skip
    closes = _month_day(settings.FAZHI_PROFESSION_INSPECTION_CLOSES,
                        "FAZHI_PROFESSION_INSPECTION_CLOSES")  # fmt: skip
    if closes < opens:
        raise ImproperlyConfigured("The inspection window must close after it opens, in one year.")
    if opens <= (2, 28) and closes >= (3, 1):
        # The clock's length is fixed when it starts; a window over the end of February would
        # be a day short in leap years.
        raise ImproperlyConfigured("The inspection window must not span the end of February.")
    return datetime.date(year, *opens), datetime.date(year, *closes)


def window_days() -> int:
    """The report clock's length: from the eve of the window to its last day."""
    opens, closes = inspection_window(2001)
    return (closes - opens).days + 1


def filing_days() -> int:
    return settings.FAZHI_PROFESSION_INSPECTION_FILING_DAYS


def accept_days() -> int:
    return settings.FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS


def complaint_days() -> int:
    return settings.FAZHI_PROFESSION_COMPLAINT_DAYS


class I:  # noqa: E742
    """States of an inspection."""

    OPEN = "open"
    SUBMITTED = "submitted"
    GRADED = "graded"
    FILED = "filed"


class C:
    """States of a complaint."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    PROPOSED = "proposed"
    PENALISED = "penalised"
    DISMISSED = "dismissed"


CONCLUDED = (C.NOT_ACCEPTED, C.PENALISED, C.DISMISSED)


# -- inspection forms and effects --------------------------------------------------------------


class SubmitForm(DatedForm):
    lawyers_competent = forms.IntegerField(label=_("lawyers assessed competent"), required=False,
                                           min_value=0)  # fmt: skip
    lawyers_basic = forms.IntegerField(label=_("lawyers assessed basically competent"),
                                       required=False, min_value=0)  # fmt: skip
    lawyers_incompetent = forms.IntegerField(label=_("lawyers assessed incompetent"),
                                             required=False, min_value=0)  # fmt: skip


class GradeForm(DatedForm):
    result = forms.ChoiceField(label=_("result"), choices=[("", "—"), *InspectionResult.choices])
    remarks = forms.CharField(label=_("remarks"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


def _city_bureaus(case):
    """The city-level bureaus over the firm's region (律师法 Art. 24: 设区的市级)."""
    from core.models import Organization, OrganizationKind
    from core.regions import RegionLevel

    if case is None:
        return Organization.objects.none()
    return Organization.objects.filter(
        kind=OrganizationKind.JUSTICE_BUREAU, is_active=True, region__level=RegionLevel.CITY,
        region__code__startswith=case.region_code[:4],
    ).order_by("name")  # fmt: skip


class FileForm(DatedForm):
    filed_with = forms.ChoiceField(label=_("filed with"), choices=(),
                                   help_text=_("The city-level justice bureau (Art. 24)."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = list(_city_bureaus(self.case))
        self.fields["filed_with"].choices = [(str(b.pk), b.name) for b in bureaus]
        if len(bureaus) == 1:
            self.fields["filed_with"].initial = str(bureaus[0].pk)


def report_due(case) -> datetime.date:
    """The last day of the firm's filing: the window's last day as the report clock counts it
    (from the window's eve, a last day on a rest day rolled to the next working day)."""
    from cases.clocks import compute_due

    return compute_due(start=case.window_eve, length=window_days(), unit="days",
                       today=case.window_closes).date  # fmt: skip


def _window_not_closed(case) -> bool:
    """The report clock runs only for an inspection opened while its window can still be met.
    One opened after the window closed records history: whether the firm filed in time is not
    known until its report is entered with the day it was received (律师法 Art. 24: the firm
    files after its assessment; it is overdue only if the window closed without the filing),
    so no clock shows it overdue meanwhile; `submitted_late` then says whether it was late."""
    from cases.clocks import local_today

    return local_today() <= report_due(case)


def _submit(case, cleaned, ctx):
    from cases.models import Clock

    case.submitted_on = ctx.on_date
    clock = Clock.for_case(case).filter(key="report").first()
    due = clock.due_date if clock and clock.due_date else report_due(case)
    case.submitted_late = ctx.on_date > due
    for name in ASSESSMENT_FIELDS:
        setattr(case, name, cleaned.get(name))


def _assessment_sums(case, cleaned, ctx):
    """The lawyers assessed are at most the firm's lawyers (core.Lawyer, one register)."""
    given = [cleaned.get(n) for n in ASSESSMENT_FIELDS]
    if all(v is None for v in given):
        return None
    total = sum(v or 0 for v in given)
    lawyers = case.firm.organization.lawyers.count()
    if total > lawyers:
        return ("lawyers_competent",
                gettext("%(total)s lawyers assessed, but the firm has %(lawyers)s in the "
                        "register.") % {"total": total, "lawyers": lawyers})  # fmt: skip
    return None


def _grade(case, cleaned, ctx):
    case.result = cleaned["result"]
    case.outcome = cleaned["result"]
    case.remarks = (cleaned.get("remarks") or "").strip()
    case.graded_on = ctx.on_date


def _file(case, cleaned, ctx):
    case.filed_with = _city_bureaus(case).get(pk=cleaned["filed_with"])
    case.filed_on = ctx.on_date


def _filed_with_city(case, cleaned, ctx):
    if not _city_bureaus(case).filter(pk=cleaned.get("filed_with") or 0).exists():
        return ("filed_with", gettext("Choose the city-level justice bureau over the firm."))
    return None


INSPECTION_PROCESS = registry.register(
    Process(
        key="profession_inspection",
        label=_("Annual inspections of law firms"),
        model="profession.Inspection",
        states=(
            State(I.OPEN, pgettext_lazy("inspection", "Awaiting the report"), tone="warning"),
            State(I.SUBMITTED, pgettext_lazy("inspection", "Report received"), tone="info"),
            State(I.GRADED, pgettext_lazy("inspection", "Graded, to be filed"), tone="primary"),
            State(I.FILED, pgettext_lazy("inspection", "Filed"), final=True, tone="success"),
        ),
        initial=I.OPEN,
        transitions=(
            Transition(
                "submit",
                _("Record the firm's annual report"),
                source=(I.OPEN,),
                target=I.SUBMITTED,
                roles=STAFF,
                form=SubmitForm,
                guards=(_assessment_sums,),
                effect=_submit,
                date_field="on_date",
                article="律师法第二十三条、第二十四条",
            ),
            Transition(
                "grade",
                _("Grade the inspection"),
                source=(I.SUBMITTED,),
                target=I.GRADED,
                roles=STAFF,
                form=GradeForm,
                effect=_grade,
                date_field="on_date",
                stamps=("accepted_at",),
                article="律师法第二十三条 ◑（合格/不合格）",
            ),
            Transition(
                "file",
                _("File with the city-level bureau"),
                source=(I.GRADED,),
                target=I.FILED,
                roles=STAFF,
                form=FileForm,
                guards=(_filed_with_city,),
                effect=_file,
                date_field="on_date",
                stamps=("closed_at",),
                tone="success",
                article="律师法第二十四条",
            ),
        ),
        clocks=(
            ClockSpec(
                "report",
                _("Annual report within the inspection window ◑"),
                length=window_days,
                unit="days",
                start_on=(REGISTER,),
                start_field="window_eve",
                start_if=_window_not_closed,
                stop_on=("submit",),
                article="◑ FAZHI_PROFESSION_INSPECTION_OPENS / _CLOSES（如4月1日至5月31日）",
            ),
            ClockSpec(
                "filing",
                _("Filing with the city-level bureau ❓"),
                length=filing_days,
                unit="days",
                start_on=("grade",),
                stop_on=("file",),
                article="律师法第二十四条 ❓ FAZHI_PROFESSION_INSPECTION_FILING_DAYS",
            ),
        ),
        number_series="profession_inspection",
        number_pattern="（{year}）{abbr}律检字第{seq:04d}号",
    )
)


# -- complaint forms, guards and effects --------------------------------------------------------


class RefuseForm(DatedForm):
    reasons = forms.CharField(label=_("reasons for not accepting"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class ProposeForm(DatedForm):
    findings = forms.CharField(label=_("findings of the investigation"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip


class DismissForm(DatedForm):
    findings = forms.CharField(label=_("findings of the investigation"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip


class DecideForm(DatedForm):
    article = forms.ChoiceField(label=_("article"), choices=[("", "—"), *PenaltyArticle.choices])
    warning = forms.BooleanField(label=_("warning"), required=False)
    fine = forms.DecimalField(label=_("fine (yuan)"), required=False, max_digits=10,
                              decimal_places=2)  # fmt: skip
    confiscated = forms.DecimalField(label=_("unlawful gains confiscated (yuan)"),
                                     required=False, max_digits=12, decimal_places=2)  # fmt: skip
    suspension_months = forms.IntegerField(label=_("suspension of practice (months)"),
                                           required=False, min_value=0, max_value=99)  # fmt: skip
    closure_months = forms.IntegerField(label=_("closure for rectification (months)"),
                                        required=False, min_value=0, max_value=99)  # fmt: skip
    revocation = forms.BooleanField(label=_("licence revoked"), required=False,
                                    help_text=_("Decided by the provincial department (Lawyers "
                                                "Law Arts. 49–50; for notaries and forensic "
                                                "appraisal a choice of this system)."))  # fmt: skip
    effective_from = forms.DateField(
        label=_("takes effect on"), required=False, widget=DateInput(),
        help_text=_("The first day of the suspension, closure or revocation; the decision day "
                    "if left empty."),
    )  # fmt: skip
    decision_number = forms.CharField(label=_("decision number"), max_length=64)
    summary = forms.CharField(label=_("facts and grounds (public)"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Published on the portal; name no complainant."))  # fmt: skip
    findings = forms.CharField(label=_("findings of the investigation"), max_length=5000,
                               required=False, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


def measures(cleaned) -> dict:
    return {
        "warning": bool(cleaned.get("warning")),
        "fine": cleaned.get("fine") or Decimal(0),
        "confiscated": cleaned.get("confiscated") or Decimal(0),
        "suspension_months": cleaned.get("suspension_months") or 0,
        "closure_months": cleaned.get("closure_months") or 0,
        "revocation": bool(cleaned.get("revocation")),
    }


def _city_level(case, cleaned, ctx):
    """Penalties under Arts. 47–50 are the city-level department's (the county-level bureau
    investigates and proposes, Art. 52); those of 公证法 Arts. 41–42 the provincial or
    city-level department's (§E.2), and the appraisal rules' the same levels (❓ a choice). A
    provincial bureau's staff are at a level above the city and may decide too."""
    from core.models import OrganizationKind
    from core.regions import RegionLevel

    actor = ctx.actor
    for m in actor.active_memberships() if getattr(actor, "pk", None) else ():
        org = m.organization
        if (m.role in (Role.SECTION_STAFF, Role.SYSTEM_ADMIN)
                and org.kind == OrganizationKind.JUSTICE_BUREAU
                and org.region.level <= RegionLevel.CITY
                and case.region_code.startswith(m.jurisdiction)):  # fmt: skip
            return None
    if case.subject_kind in (SubjectKind.LAWYER, SubjectKind.FIRM):
        return gettext(
            "Penalties under Arts. 47–50 of the Lawyers Law are decided by the "
            "city-level justice bureau; a county-level bureau proposes them (Art. 52)."
        )
    return gettext(
        "Penalties on notaries, notary offices, forensic appraisers and institutions are "
        "decided by the city-level or provincial justice bureau; a county-level bureau "
        "proposes them."
    )


def _bureau_level(actor, region_code: str) -> int | None:
    """The highest level (lowest number) of the actor's justice bureaus over `region_code` in
    which the actor is section staff or administrator; None if none."""
    from core.models import OrganizationKind

    levels = [
        m.organization.region.level
        for m in (actor.active_memberships() if getattr(actor, "pk", None) else ())
        if m.role in (Role.SECTION_STAFF, Role.SYSTEM_ADMIN)
        and m.organization.kind == OrganizationKind.JUSTICE_BUREAU
        and region_code.startswith(m.jurisdiction)
    ]  # fmt: skip
    return min(levels) if levels else None


def _province_revokes(case, cleaned, ctx):
    """Revocation of a lawyer's certificate or a firm's licence is decided by the provincial
    department (律师法 Arts. 49–51: 由省、自治区、直辖市人民政府司法行政部门吊销); the city
    decides the other measures and proposes a revocation to the province. The same for
    notaries, appraisers and their institutions (❓ a choice: the reference says only
    "provincial or city" for 公证法 Arts. 41–42 and nothing for GD‑SJ)."""
    from core.regions import RegionLevel

    if not cleaned.get("revocation"):
        return None
    level = _bureau_level(ctx.actor, case.region_code)
    if level is not None and level <= RegionLevel.PROVINCE:
        return None
    if case.subject_kind in (SubjectKind.LAWYER, SubjectKind.FIRM):
        return ("revocation", gettext(
            "A revocation is decided by the provincial justice department (Lawyers Law Arts. "
            "49–51); the city-level bureau proposes it to the province."))  # fmt: skip
    # 公证法 Arts. 41–42 name the provincial or city department (§E.2): revocation kept the
    # province's, as for lawyers — a choice ❓.
    return ("revocation", gettext(
        "A revocation is decided by the provincial justice department; the city-level bureau "
        "proposes it to the province."))  # fmt: skip


def _years_after(day: datetime.date, years: int) -> datetime.date:
    from cases.calendar import shift_months

    return shift_months(day, 12 * years)


def repeat_offence(case, on_date: datetime.date):
    """The earlier decided penalty of the same lawyer that makes this case a repeat offence
    under 律师法 Art. 51, as (rule, penalty): "warning" — a warning decided within one year
    before this complaint was received; "suspension" — a suspension whose term ended (or is
    running) within two years before it. The complaint's day of receipt stands for the day the
    new case arose (the offence is before it). None if neither."""
    from profession.models import Penalty
    from profession.standing import term_end

    if case.subject_kind != "lawyer" or case.lawyer_id is None:
        return None
    arose = timezone.localdate(case.received_at) if case.received_at else on_date
    earlier = list(Penalty.objects.filter(lawyer_id=case.lawyer_id, decided_on__lte=arose)
                   .exclude(complaint_id=case.pk).order_by("-decided_on", "-id"))  # fmt: skip
    for penalty in earlier:
        if penalty.suspension_months:
            ends = penalty.effective_until or term_end(
                penalty.effective_from or penalty.decided_on, penalty.suspension_months
            )
            if arose <= _years_after(ends, 2):
                return "suspension", penalty
    for penalty in earlier:
        if penalty.warning and arose <= _years_after(penalty.decided_on, 1):
            return "warning", penalty
    return None


def _within_limits(case, cleaned, ctx):
    from profession.penalties import check

    chosen = measures(cleaned)
    errors = check(subject_kind=case.subject_kind, article=cleaned.get("article") or "",
                   **chosen)  # fmt: skip
    repeat = repeat_offence(case, ctx.on_date)
    if repeat is not None and "article" not in errors:
        rule, earlier = repeat
        facts = {"number": earlier.decision_number, "day": earlier.decided_on.isoformat()}
        if rule == "suspension" and (chosen["suspension_months"] or chosen["revocation"]):
            # Art. 51: a second case of suspension within two years of the first ending.
            errors.pop("revocation", None)
            errors.pop("suspension_months", None)
            if not chosen["revocation"]:
                errors = {
                    "revocation": gettext(
                        "Art. 51 of the Lawyers Law: a second case for suspension within two "
                        "years after the suspension of %(number)s (decided %(day)s) ended — the "
                        "certificate is revoked, by the provincial department."
                    )
                    % facts,
                    **errors,
                }
        elif rule == "warning" and chosen["warning"] and not chosen["revocation"]:
            # Art. 51: a second case for a warning within one year of the first.
            months = chosen["suspension_months"]
            errors.pop("suspension_months", None)
            errors.pop("warning", None)
            if not 3 <= months <= 12:
                errors = {
                    "suspension_months": gettext(
                        "Art. 51 of the Lawyers Law: a second case for a warning within one year "
                        "of the warning of %(number)s (decided %(day)s) — suspension of practice "
                        "of 3 to 12 months."
                    )
                    % facts,
                    **errors,
                }
    if errors:
        name, reason = next(iter(errors.items()))
        return name, reason
    return None


def _takes_effect(case, cleaned, ctx):
    """A suspension, closure or revocation takes effect on the decision day or later."""
    starts = cleaned.get("effective_from")
    if starts and starts < ctx.on_date:
        return ("effective_from", gettext("The penalty cannot take effect before it is "
                                          "decided."))  # fmt: skip
    return None


def _summary_names_nobody(case, cleaned, ctx):
    """The public summary is published on the portal: it names no complainant (neither the
    name nor the phone number the complaint gave)."""
    summary = "".join((cleaned.get("summary") or "").split())
    name = "".join((case.complainant_name or "").split())
    phone = "".join(ch for ch in (case.complainant_phone or "") if ch.isdigit())
    digits = "".join(ch for ch in summary if ch.isdigit())
    if (len(name) >= 2 and name in summary) or (len(phone) >= 7 and phone in digits):
        return ("summary", gettext("The public summary names the complainant (name or phone "
                                   "number); leave them out."))  # fmt: skip
    return None


def _number_free(case, cleaned, ctx):
    from profession.models import Penalty

    number = (cleaned.get("decision_number") or "").strip()
    if Penalty.objects.filter(decision_number=number).exists():
        return ("decision_number", gettext("A penalty with this decision number is recorded "
                                           "already."))  # fmt: skip
    return None


def _conclude(case, on_date):
    """The conclusion day and whether it met the handling period: the "handling" clock's due
    date, read before the engine stops the clock (the effect runs first), is the one deadline —
    no copy is kept on the complaint."""
    from cases.models import Clock

    clock = Clock.for_case(case).filter(key="handling").first()
    case.concluded_on = on_date
    due = clock.due_date if clock else None
    case.on_time = due is None or on_date <= due


def _accept(case, cleaned, ctx):
    pass


def _refuse(case, cleaned, ctx):
    case.refusal_reasons = cleaned["reasons"].strip()
    _conclude(case, ctx.on_date)


def _propose(case, cleaned, ctx):
    case.findings = cleaned["findings"].strip()


def _city_dismisses_proposal(case, cleaned, ctx):
    """A proposed penalty is the city's to decide (Art. 52): dismissing it too. The county
    dismisses a complaint it is still investigating."""
    if case.state != C.PROPOSED or _city_level(case, cleaned, ctx) is None:
        return None
    if case.subject_kind in (SubjectKind.LAWYER, SubjectKind.FIRM):
        return gettext(
            "A proposed penalty is decided by the city-level justice bureau: it "
            "imposes it or dismisses the complaint (Lawyers Law Art. 52)."
        )
    return gettext(
        "A proposed penalty is decided by the city-level or provincial justice bureau: it "
        "imposes it or dismisses the complaint."
    )


def _dismiss(case, cleaned, ctx):
    case.findings = cleaned["findings"].strip()
    _conclude(case, ctx.on_date)


def _decide(case, cleaned, ctx):
    from profession.services import penalty_record

    if (cleaned.get("findings") or "").strip():
        case.findings = cleaned["findings"].strip()
    penalty_record(complaint=case, cleaned=cleaned, ctx=ctx)
    _conclude(case, ctx.on_date)
    if cleaned.get("suspension_months") or cleaned.get("closure_months") or cleaned.get(
            "revocation"):  # fmt: skip
        from profession.standing import sync

        sync(timezone.localdate())


COMPLAINT_PROCESS = registry.register(
    Process(
        key="profession_complaint",
        label=_("Complaints against practitioners"),
        model="profession.Complaint",
        states=(
            State(C.RECEIVED, pgettext_lazy("practitioner complaint", "Received"), tone="info"),
            State(
                C.ACCEPTED,
                pgettext_lazy("practitioner complaint", "Under investigation"),
                tone="primary",
            ),
            State(
                C.NOT_ACCEPTED,
                pgettext_lazy("practitioner complaint", "Not accepted"),
                final=True,
                tone="secondary",
            ),
            State(
                C.PROPOSED,
                pgettext_lazy("practitioner complaint", "Penalty proposed"),
                tone="warning",
            ),
            State(
                C.PENALISED,
                pgettext_lazy("practitioner complaint", "Penalty decided"),
                final=True,
                tone="danger",
            ),
            State(
                C.DISMISSED,
                pgettext_lazy("practitioner complaint", "Dismissed"),
                final=True,
                tone="success",
            ),
        ),
        initial=C.RECEIVED,
        transitions=(
            Transition(
                "accept",
                _("Accept the complaint"),
                source=(C.RECEIVED,),
                target=C.ACCEPTED,
                roles=STAFF,
                form=DatedForm,
                effect=_accept,
                stamps=("accepted_at",),
                date_field="on_date",
                article="律师法第五十二条",
            ),
            Transition(
                "refuse",
                _("Do not accept"),
                source=(C.RECEIVED,),
                target=C.NOT_ACCEPTED,
                roles=STAFF,
                form=RefuseForm,
                effect=_refuse,
                stamps=("closed_at",),
                outcome="not_accepted",
                date_field="on_date",
                tone="outline-danger",
                article="❓ local practice",
            ),
            Transition(
                "propose",
                _("Propose a penalty"),
                source=(C.ACCEPTED,),
                target=C.PROPOSED,
                roles=STAFF,
                form=ProposeForm,
                effect=_propose,
                date_field="on_date",
                tone="warning",
                article="律师法第五十二条",
            ),
            Transition(
                "decide",
                _("Decide the penalty"),
                source=(C.ACCEPTED, C.PROPOSED),
                target=C.PENALISED,
                roles=STAFF,
                form=DecideForm,
                guards=(
                    _city_level,
                    _within_limits,
                    _province_revokes,
                    _takes_effect,
                    _summary_names_nobody,
                    _number_free,
                ),
                effect=_decide,
                stamps=("closed_at",),
                outcome="penalised",
                date_field="on_date",
                tone="danger",
                article=(
                    "律师法第四十七条至第五十条；公证法第四十一条、第四十二条；"
                    "广东省司法鉴定管理条例 ❓"
                ),
            ),
            Transition(
                "dismiss",
                _("Dismiss: no penalty"),
                source=(C.ACCEPTED, C.PROPOSED),
                target=C.DISMISSED,
                roles=STAFF,
                form=DismissForm,
                guards=(_city_dismisses_proposal,),
                effect=_dismiss,
                stamps=("closed_at",),
                outcome="dismissed",
                date_field="on_date",
                tone="success",
                article="律师法第五十二条",
            ),
        ),
        clocks=(
            ClockSpec(
                "acceptance",
                _("Acceptance of the complaint ❓"),
                length=accept_days,
                unit="working_days",
                start_on=(REGISTER,),
                stop_on=("accept", "refuse"),
                article="❓ FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS（参考资料未见投诉期限）",
            ),
            ClockSpec(
                "handling",
                _("Decision on the complaint ❓"),
                length=complaint_days,
                unit="days",
                start_on=(REGISTER,),
                stop_on=("refuse", "decide", "dismiss"),
                article="❓ FAZHI_PROFESSION_COMPLAINT_DAYS（参考资料未见投诉期限）",
            ),
        ),
        number_series="profession_complaint",
        number_pattern="（{year}）{abbr}律投字第{seq:04d}号",
    )
)

__all__ = ["COMPLAINT_PROCESS", "CONCLUDED", "INSPECTION_PROCESS", "C", "I"]
