"""Legal aid indicators (reference/statutes.md §§2, 8; GLOSSARY: legalaid.*).

Periods: `applications` counts applications (and notifications of criminal legal aid) by the
day they were received; `granted`, the grant rate and the review figures count decisions by
their decision date (`decided_on`, 法律援助法第四十三条). A refusal set aside on objection (第四十
九条) becomes a grant on the objection's date: each application is one decision, counted
where it now stands. `cases_closed` counts cases whose file was reviewed and archived
(归档审查, outcome "closed") by `closed_at`, and the losses recovered are those of the cases
closed in the period (statutes §8). Consultations count by their date, removals from the pool
by the day they took effect, subsidies by the day they were paid.

The review time is a mean: the registry has no "mean" kind, so it is declared as a ratio of
Σ review_days ÷ number of decisions with a measured review time, not a percentage
(`percent=False`), in working days; it changes year on year by a percentage, not by
percentage points. Roll-ups add the sums and the counts and divide again, like every ratio.
It has no drill-down list (`listed=False`): its numerator is a number of days, not of cases.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from indicators.registry import Breakdown, Indicator, Measure, registry
from legalaid.choices import AssignmentMethod, Decision, Hardship, Outcome, Source
from legalaid.models import AidCase, Consultation, Criterion, Draw, Evaluation, Removal, Subsidy

LINE = "legalaid"
LOCAL = _("Local definition (no national statistical definition found)")
LAW_APPLY = _("Legal Aid Law, Arts. 36, 38 and 41")
LAW_DECIDE = _("Legal Aid Law, Art. 43")
LOCAL_REVIEW = _("Local definition; review period of Legal Aid Law, Art. 43")
LOCAL_TARGET = _(
    "Local service target (FAZHI_LEGALAID_TARGET_WORKING_DAYS); Legal Aid Law, Art. 43"
)
PROCEDURE = _("Rules on Handling Legal Aid Cases (Ministry of Justice Order No. 148)")
LOCAL_LOSSES = _(
    "Local definition (recommended formula: sum from the closing reports of closed cases)"
)
LAW_CONSULT = _("Legal Aid Law, Art. 22")
LOCAL_QUALITY = _("Local definition; quality supervision under Legal Aid Law, Art. 59")
LAW_SUBSIDY = _("Legal Aid Law, Art. 52")
LAW_COMMITMENT = _("Legal Aid Law, Art. 41 (personal commitment in lieu of proof)")
LOCAL_ASSIGN = _("Local definition; assignment of legal aid personnel under Legal Aid Law, Art. 43")

# What each figure counts, declared once: the figure, its 同比, every child region's figure
# and the drill-down list all come from these (indicators.grouped).
applications = Measure(
    AidCase, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)
decided = Measure(
    AidCase,
    lambda p: Q(decision__in=[Decision.GRANTED, Decision.REFUSED],
                decided_on__gte=p.start, decided_on__lte=p.end),
)  # fmt: skip
granted = decided.filter(decision=Decision.GRANTED)
# The grant rate is of applications reviewed: a case notified by the police, a procuratorate
# or a court is aided on receipt (Arts. 25, 28, 36; decided_on = the day of receipt) and
# counts among the cases granted, not in the rate.
decided_on_review = decided.filter(~Q(source=Source.NOTIFICATION))
granted_on_review = decided_on_review.filter(decision=Decision.GRANTED)
# Decisions whose review time was measured (every decision made through the process; a past
# case imported without it is left out of the review figures rather than counted as 0 days).
reviewed = decided.filter(review_days__isnull=False)
review_days = reviewed.summing("review_days")
within_target = reviewed.filter(review_within_target=True)
closed = Measure(
    AidCase,
    lambda p: Q(outcome=Outcome.CLOSED, closed_at__gte=p.start_at, closed_at__lt=p.end_before),
)
recovered = closed.summing("recovered_losses")
consultations = Measure(Consultation, lambda p: Q(on_date__gte=p.start, on_date__lte=p.end))
removed = Measure(
    Removal,
    lambda p: Q(state=Removal.State.EFFECTIVE, effective_on__gte=p.start,
                effective_on__lte=p.end),
)  # fmt: skip
subsidies = Measure(Subsidy, lambda p: Q(paid_on__gte=p.start, paid_on__lte=p.end), summed="amount")
# Applications received in the period whose financial condition rests on the applicant's
# personal commitment instead of proof (Art. 41, 告知承诺): a part of `applications`.
on_commitment = applications.filter(hardship=Hardship.COMMITMENT)
# Lawyers assigned by lot, by the moment of the draw; a draw nobody eligible opted into goes
# by rotation (legalaid.draws) and is not a 摇珠, a cancelled draw assigns nobody.
lottery_draws = Measure(
    Draw,
    lambda p: Q(state=Draw.State.DRAWN, method=AssignmentMethod.LOTTERY,
                drawn_at__gte=p.start_at, drawn_at__lt=p.end_before),
)  # fmt: skip
# One row is one evaluator's score (人次): a hearing scored by three experts counts three. The
# number of hearings (场) is a count of distinct (lawyer, case, day), which no Measure (COUNT
# or SUM over rows) gives, so it is not an indicator and the report does not print it.
evaluations = Measure(Evaluation, lambda p: Q(evaluated_on__gte=p.start, evaluated_on__lte=p.end))
hearing_evaluations = evaluations.filter(kind=Criterion.Kind.HEARING)
file_evaluations = evaluations.filter(kind=Criterion.Kind.FILE)

# The drill-down list of an evaluation count: the scores, not cases.
EVALUATION_COLUMNS = (
    ("evaluated_on", _("evaluated on")), ("lawyer__name", _("lawyer")),
    ("case__number", _("case number")), ("evaluator", _("evaluator")),
    ("centre__name", _("centre")), ("score", _("score (of 100)")),
)  # fmt: skip

CASE_FIELDS = {
    "matter": "matter",
    "category": "category",
    "channel": "channel",
    "source": "source",
    "centre": "organization__name",
    "lawyer": "lawyer__name",
}


def _by(measure: Measure, *names: str, denominator: Measure | None = None) -> dict:
    """Breakdowns of an aid-case measure by the named dimensions (CASE_FIELDS); with a
    denominator, a rate's breakdown ({label: {"numerator", "denominator"}})."""
    return {name: Breakdown(measure, CASE_FIELDS[name], denominator) for name in names}


for indicator in (
    Indicator(
        "legalaid.applications", _("Legal aid applications received"), _("cases"),
        _("Applications for legal aid, and notifications of criminal legal aid by police, "
          "procuratorates and courts, registered in the period (by the day received)."),
        LAW_APPLY, "count", applications,
        breakdowns=_by(applications, "matter", "category", "channel", "source", "centre"),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.granted", _("Legal aid granted"), _("cases"),
        _("Cases given legal aid in the period: decisions to grant (by the decision date), "
          "including grants ordered on objection, and criminal cases notified by the police, a "
          "procuratorate or a court (by the day the notice was received, Art. 36)."),
        LAW_DECIDE, "count", granted,
        breakdowns=_by(granted, "matter", "category", "channel", "source", "centre"),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.grant_rate", _("Legal aid grant rate"), "%",
        _("Decisions to grant legal aid ÷ decisions to grant or refuse made in the period, on "
          "applications reviewed (cases notified by the police, a procuratorate or a court "
          "are not reviewed and are left out)."),
        LOCAL, "ratio", granted_on_review, decided_on_review,
        breakdowns=_by(granted_on_review, "matter", "category", "channel", "centre",
                       denominator=decided_on_review),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.review_days_mean", _("Average review time"),
        pgettext_lazy("legal aid", "working days"),
        _("Mean time from receipt to the decision, in working days, the days spent waiting for "
          "the applicant's materials not counted: Σ review time ÷ decisions made in the period "
          "(a mean, not a percentage)."),
        LOCAL_REVIEW, "ratio", review_days, reviewed, percent=False, listed=False,
        breakdowns=_by(review_days, "matter", "centre", denominator=reviewed),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.review_within_target_rate", _("Reviews within the local target"), "%",
        _("Decisions made within the local service target for the review ÷ decisions made in "
          "the period (with a measured review time)."),
        LOCAL_TARGET, "ratio", within_target, reviewed,
        breakdowns=_by(within_target, "matter", "centre", denominator=reviewed),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.cases_closed", _("Legal aid cases closed"), _("cases"),
        _("Aid cases whose case file was reviewed and archived in the period (by the day "
          "archived)."),
        PROCEDURE, "count", closed,
        breakdowns=_by(closed, "matter", "category", "centre", "lawyer"),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.recovered_losses", _("Economic losses recovered or avoided"), _("yuan"),
        _("Sum of the economic losses recovered or avoided for recipients, as the closing "
          "reports state them, over the cases closed in the period."),
        LOCAL_LOSSES, "sum", recovered,
        breakdowns=_by(recovered, "matter", "category", "centre", "lawyer"),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.consultations", _("Free legal consultations"), _("person-times"),
        _("Free legal consultations given by legal aid centres and workstations in the period "
          "(in person, hotline 12348, online), by the day given."),
        LAW_CONSULT, "count", consultations,
        breakdowns={"channel": Breakdown(consultations, "channel"),
                    "category": Breakdown(consultations, "category"),
                    "centre": Breakdown(consultations, "organization__name")},
        columns=(("on_date", _("date")), ("organization__name", _("centre")),
                 ("channel", _("channel")), ("category", _("category")),
                 ("summary", _("question in brief"))),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.commitment_applications", _("Applications on a personal commitment"),
        _("cases"),
        _("Applications for legal aid received in the period whose financial hardship rests on "
          "the applicant's personal commitment instead of proof (告知承诺), by the day "
          "received: a part of the applications received."),
        LAW_COMMITMENT, "count", on_commitment,
        breakdowns=_by(on_commitment, "matter", "category", "channel", "centre"),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.lottery_draws", _("Legal aid personnel assigned by lottery draw"), _("cases"),
        _("Lottery draws (摇珠) that assigned a lawyer to a legal aid case in the period, by the "
          "moment of the draw; draws nobody eligible opted into (assigned by rotation) and "
          "cancelled draws are not counted."),
        LOCAL_ASSIGN, "count", lottery_draws,
        breakdowns={"centre": Breakdown(lottery_draws, "organization__name"),
                    "matter": Breakdown(lottery_draws, "matter")},
        columns=(("public_code", _("draw number")), ("case__number", _("case number")),
                 ("organization__name", _("centre")), ("winner__name", _("lawyer drawn"))),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.hearing_evaluations", _("Expert evaluations of hearings"), _("person-times"),
        _("Scores of legal aid lawyers' court hearings given by evaluators in the period, by the "
          "day evaluated: one per evaluator and hearing (a hearing scored by three experts "
          "counts three)."),
        LOCAL_QUALITY, "count", hearing_evaluations,
        breakdowns={"centre": Breakdown(hearing_evaluations, "centre__name")},
        columns=EVALUATION_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "legalaid.file_evaluations", _("Case files evaluated"), _("case-times"),
        _("Scores of legal aid case files given in the period, by the day evaluated: one per "
          "evaluator and case file."),
        LOCAL_QUALITY, "count", file_evaluations,
        breakdowns={"centre": Breakdown(file_evaluations, "centre__name")},
        columns=EVALUATION_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "legalaid.lawyers_removed", _("Lawyers removed from the pool"), _("persons"),
        _("Lawyers whose removal from a legal aid pool after the yearly quality ranking took "
          "effect in the period (after notice and appeal), by the day it took effect."),
        LOCAL_QUALITY, "count", removed,
        breakdowns={"centre": Breakdown(removed, "centre__name")},
        columns=(("member__lawyer__name", _("lawyer")), ("centre__name", _("centre")),
                 ("year", _("ranking year")), ("rank", _("rank")),
                 ("score", _("composite score")), ("effective_on", _("removed on"))),
        business_line=LINE,
    ),
    Indicator(
        "legalaid.subsidies_paid", _("Case subsidies paid"), _("yuan"),
        _("Sum of the case subsidies paid to lawyers in the period (by the day paid)."),
        LAW_SUBSIDY, "sum", subsidies,
        breakdowns={"lawyer": Breakdown(subsidies, "lawyer__name"),
                    "firm": Breakdown(subsidies, "firm__name")},
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
