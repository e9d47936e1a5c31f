"""The legality review process (合法性审核 / 审查, reference/statutes-lines.md §A, §B).

States: submitted → (补正 asked: the review clock pauses; materials supplied: it resumes) →
under review (counsel asked, their opinions recorded) → opinion issued (合法 / 修改后合法 /
不合法 with numbered points) → the department answers each point (采纳 / 未采纳, reasons
required when not adopted) → closed. A submission may be withdrawn until the opinion.

Periods, in working days counted from the day after submission (the start day not counted,
statutes.md §10; make-up working days count, statutory holidays do not), configurable in
settings because the reference marks them ❓:

- normative document: 15 working days, and not less than 5 (国办发〔2018〕115号 ❓, not in the
  collection): FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS, FAZHI_LEGALITY_DOCUMENT_MIN_DAYS;
- major decision: 15 working days ❓ (local), and "一般不少于7个工作日" between submission and
  opinion (重大行政决策程序暂行条例 Art. 26 ✅): FAZHI_LEGALITY_DECISION_REVIEW_DAYS,
  FAZHI_LEGALITY_DECISION_MIN_DAYS. An opinion given sooner is not refused ("一般") but flagged;
- government contract: 10 working days ❓ (local practice): FAZHI_LEGALITY_CONTRACT_REVIEW_DAYS.

补正: the days after the request up to and including the day the materials arrive are not
counted (cases.clocks: a pause's first day still counts).

The opinion (DEC Art. 27) states the body's authority, the procedure followed and the
conformity of the content with laws, regulations, rules and national policy; a review cannot be
replaced by asking for comments (DEC Art. 25 ¶2).
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, ReasonForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core.roles import Role
from legality.choices import Answer, Conclusion, Outcome, ReviewKind

STAFF = frozenset({Role.SECTION_STAFF})
AGENCY = frozenset({Role.AGENCY_HANDLER})

# Defaults of the configurable periods (working days); see the module docstring.
REVIEW_DAYS = {ReviewKind.DOCUMENT: 15, ReviewKind.DECISION: 15, ReviewKind.CONTRACT: 10}
MIN_DAYS = {ReviewKind.DOCUMENT: 5, ReviewKind.DECISION: 7, ReviewKind.CONTRACT: 0}

#: What the UI prints beside each period: where it comes from and that it is configurable.
PERIOD_BASIS = {
    ReviewKind.DOCUMENT: _("❓ configurable; 国办发〔2018〕115号: at least 5 and at most 15 "
                           "working days"),
    ReviewKind.DECISION: _("❓ configurable (local); 重大行政决策程序暂行条例第二十六条: generally "
                           "not less than 7 working days"),
    ReviewKind.CONTRACT: _("❓ configurable (local practice)"),
}  # fmt: skip


def review_days(kind: str) -> int:
    return int(getattr(settings, f"FAZHI_LEGALITY_{kind.upper()}_REVIEW_DAYS", REVIEW_DAYS[kind]))


def minimum_days(kind: str) -> int:
    return int(getattr(settings, f"FAZHI_LEGALITY_{kind.upper()}_MIN_DAYS", MIN_DAYS[kind]))


class S:
    SUBMITTED = "submitted"
    CORRECTION = "correction_requested"
    UNDER_REVIEW = "under_review"
    OPINION_ISSUED = "opinion_issued"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


STATES = (
    State(S.SUBMITTED, _("Submitted"), tone="info"),
    State(S.CORRECTION, _("Waiting for materials"), tone="warning"),
    State(S.UNDER_REVIEW, _("Under review"), tone="primary"),
    State(S.OPINION_ISSUED, _("Opinion issued, awaiting the answer"), tone="primary"),
    State(S.CLOSED, pgettext_lazy("legality", "Closed"), final=True, tone="success"),
    State(S.WITHDRAWN, pgettext_lazy("legality", "Withdrawn"), final=True, tone="secondary"),
)

_BEFORE_OPINION = (S.SUBMITTED, S.UNDER_REVIEW)


# -- forms ------------------------------------------------------------------------------------


class CorrectionForm(DatedForm):
    items = forms.CharField(
        label=_("materials or corrections needed (all of them, at once)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _points(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class OpinionForm(DatedForm):
    conclusion = forms.ChoiceField(label=_("conclusion"), choices=Conclusion.choices)
    opinion_authority = forms.CharField(
        label=_("authority of the drafting body (DEC Art. 27 (1))"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    opinion_procedure = forms.CharField(
        label=_("procedure followed (DEC Art. 27 (2))"), widget=forms.Textarea(attrs={"rows": 2})
    )
    opinion_conformity = forms.CharField(
        label=_("conformity with laws, regulations, rules and national policy (DEC Art. 27 (3))"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    points = forms.CharField(
        label=_("points of the opinion (one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        conclusion = cleaned.get("conclusion")
        if conclusion and conclusion != Conclusion.LAWFUL and not _points(cleaned.get("points")):
            self.add_error(
                "points",
                gettext("An opinion other than “lawful” states its points, one per line."),
            )
        return cleaned


class AnswersForm(DatedForm):
    """The department's answer on each point of the opinion: adopted, or not adopted with the
    reasons (fields answer_<n> and reasons_<n>, one pair per point)."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        points = list(case.points.order_by("number")) if case is not None and case.pk else []
        self.point_numbers = [p.number for p in points]
        for point in points:
            self.fields[f"answer_{point.number}"] = forms.ChoiceField(
                label=gettext("Point %(n)s: %(text)s") % {"n": point.number, "text": point.text},
                choices=Answer.choices,
            )
            self.fields[f"reasons_{point.number}"] = forms.CharField(
                label=gettext("reasons for not adopting point %(n)s") % {"n": point.number},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        for n in self.point_numbers:
            answer = cleaned.get(f"answer_{n}")
            reasons = (cleaned.get(f"reasons_{n}") or "").strip()
            if answer == Answer.NOT_ADOPTED and not reasons:
                self.add_error(
                    f"reasons_{n}",
                    gettext("Point %(n)s is not adopted: give the reasons.") % {"n": n},
                )
        return cleaned


class AskCounselForm(DatedForm):
    counsel = forms.ModelChoiceField(label=_("counsel"), queryset=None)

    def __init__(self, *args, case=None, **kwargs):
        from core.regions import jurisdiction_prefix, within
        from legality.models import Counsel

        super().__init__(*args, case=case, **kwargs)
        counsel = Counsel.objects.filter(active=True)
        if case is not None:
            counsel = counsel.filter(
                within("region_code", jurisdiction_prefix(case.organization.region_id))
            )
        self.fields["counsel"].queryset = counsel.order_by("kind", "name")


class CounselOpinionForm(DatedForm):
    assignment = forms.ModelChoiceField(label=_("counsel asked"), queryset=None)
    opinion = forms.CharField(
        label=_("counsel's opinion"), widget=forms.Textarea(attrs={"rows": 4})
    )
    hours = forms.DecimalField(label=_("hours"), min_value=0, max_value=9999, decimal_places=1)

    def __init__(self, *args, case=None, **kwargs):
        from legality.models import CounselAssignment

        super().__init__(*args, case=case, **kwargs)
        assignments = CounselAssignment.objects.none()
        if case is not None and case.pk:
            assignments = CounselAssignment.objects.filter(
                review_id=case.pk, opinion_on__isnull=True
            ).select_related("counsel")
        self.fields["assignment"].queryset = assignments


# -- the count of review time -----------------------------------------------------------------


def review_working_days(case, on_date: datetime.date) -> int:
    """Working days from the day after submission to `on_date` included, the paused days of
    补正 not counted (the same rule as the clock: a pause's first day counts, the days after it
    up to the resumption day do not)."""
    from cases.models import Clock, ClockPause

    clocks = Clock.for_case(case).filter(key__startswith="review_")
    pauses = list(ClockPause.objects.filter(clock__in=clocks).values_list("start", "end"))
    return working_days(case.submitted_on, on_date, pauses)


def working_days(submitted_on: datetime.date, on_date: datetime.date, pauses,
                 calendar=None) -> int:  # fmt: skip
    """The count of `review_working_days` from the submission day and the clock's pauses
    ((start, end) pairs), for writers that hold them in memory (legality.history)."""
    from cases.calendar import get_calendar
    from cases.clocks import excluded_days

    excluded = excluded_days(list(pauses), on_date)
    calendar = calendar or get_calendar()
    day, count = submitted_on, 0
    while day < on_date:
        day += datetime.timedelta(days=1)
        if day not in excluded and calendar.is_workday(day):
            count += 1
    return count


# -- guards and effects ---------------------------------------------------------------------


def _counsel_in_scope(case, cleaned, ctx):
    counsel = cleaned.get("counsel")
    if (
        counsel is not None
        and case.assignments.filter(counsel=counsel, opinion_on__isnull=True).exists()
    ):
        return ("counsel", gettext("%(name)s has already been asked and has not answered yet.")
                % {"name": counsel.name})  # fmt: skip
    return None


def _request_correction(case, cleaned, ctx):
    case.correction_items = cleaned["items"]


def _ask_counsel(case, cleaned, ctx):
    from legality.models import CounselAssignment

    CounselAssignment.objects.create(
        review=case, counsel=cleaned["counsel"], assigned_on=cleaned["on_date"]
    )


def _counsel_opinion(case, cleaned, ctx):
    assignment = cleaned["assignment"]
    assignment.opinion = cleaned["opinion"]
    assignment.opinion_on = cleaned["on_date"]
    assignment.hours = cleaned["hours"]
    assignment.save(update_fields=["opinion", "opinion_on", "hours"])


def _issue_opinion(case, cleaned, ctx):
    from cases.models import Clock
    from legality.models import OpinionPoint

    on_date = cleaned["on_date"]
    case.conclusion = cleaned["conclusion"]
    case.opinion_authority = cleaned["opinion_authority"]
    case.opinion_procedure = cleaned["opinion_procedure"]
    case.opinion_conformity = cleaned["opinion_conformity"]
    case.opinion_on = on_date
    case.review_working_days = review_working_days(case, on_date)
    case.below_minimum = case.review_working_days < minimum_days(case.kind)
    clock = Clock.for_case(case).filter(key=f"review_{case.kind}").first()
    case.on_time = clock is None or clock.due_date is None or on_date <= clock.due_date
    for number, text in enumerate(_points(cleaned.get("points")), start=1):
        OpinionPoint.objects.create(
            review=case, region_code=case.region_code, number=number, text=text
        )


def _record_answers(case, cleaned, ctx):
    on_date = cleaned["on_date"]
    for point in case.points.all():
        point.answer = cleaned[f"answer_{point.number}"]
        reasons = (cleaned.get(f"reasons_{point.number}") or "").strip()
        point.reasons = reasons if point.answer == Answer.NOT_ADOPTED else ""
        point.answered_on = on_date
        point.save(update_fields=["answer", "reasons", "answered_on"])
    case.answered_on = on_date


TRANSITIONS = (
    Transition(
        "start_review", _("Start the review"), source=(S.SUBMITTED,), target=S.UNDER_REVIEW,
        roles=STAFF, form=DatedForm, stamps=("accepted_at",), date_field="on_date",
        article="重大行政决策程序暂行条例第二十五条",
    ),
    Transition(
        "request_correction", _("Ask for materials (补正)"), source=_BEFORE_OPINION,
        target=S.CORRECTION, roles=STAFF, form=CorrectionForm, effect=_request_correction,
        date_field="on_date", tone="outline-warning", article="国办发〔2018〕115号 ❓",
    ),
    Transition(
        "materials_supplied", _("Materials supplied"), source=(S.CORRECTION,),
        target=S.UNDER_REVIEW, roles=STAFF | AGENCY, form=DatedForm, date_field="on_date",
        article="国办发〔2018〕115号 ❓",
    ),
    Transition(
        "ask_counsel", _("Ask counsel for an opinion"), source=(S.UNDER_REVIEW,), target=None,
        roles=STAFF, form=AskCounselForm, guards=(_counsel_in_scope,), effect=_ask_counsel,
        date_field="on_date", tone="outline-primary",
        article="重大行政决策程序暂行条例第二十七条",
    ),
    Transition(
        "counsel_opinion", _("Record counsel's opinion"), source=(S.UNDER_REVIEW,),
        target=None, roles=STAFF, form=CounselOpinionForm, effect=_counsel_opinion,
        offered_if=lambda case: case.assignments.filter(opinion_on__isnull=True).exists(),
        date_field="on_date", tone="outline-primary",
        article="重大行政决策程序暂行条例第二十七条",
    ),
    Transition(
        "issue_opinion", _("Issue the review opinion"), source=_BEFORE_OPINION,
        target=S.OPINION_ISSUED, roles=STAFF, form=OpinionForm, effect=_issue_opinion,
        date_field="on_date", tone="success", article="重大行政决策程序暂行条例第二十七条",
    ),
    Transition(
        "record_answers", _("Record the department's answers"), source=(S.OPINION_ISSUED,),
        target=S.CLOSED, roles=STAFF | AGENCY, form=AnswersForm, effect=_record_answers,
        stamps=("closed_at",), outcome=Outcome.ANSWERED, date_field="on_date",
        tone="success", article="重大行政决策程序暂行条例第二十八条",
    ),
    Transition(
        "withdraw", _("Withdraw the submission"), source=(*_BEFORE_OPINION, S.CORRECTION),
        target=S.WITHDRAWN, roles=STAFF | AGENCY, form=ReasonForm, stamps=("closed_at",),
        outcome=Outcome.WITHDRAWN, date_field="on_date", tone="outline-secondary",
    ),
)  # fmt: skip


def _kind_is(kind):
    return lambda case: case.kind == kind


CLOCKS = tuple(
    ClockSpec(
        f"review_{kind}",
        label,
        length=(lambda kind=kind: review_days(kind)),
        unit="working_days",
        start_on=(REGISTER,),
        start_if=_kind_is(kind),
        stop_on=("issue_opinion", "withdraw"),
        pause_on=("request_correction",),
        resume_on=("materials_supplied",),
        article=article,
    )
    for kind, label, article in (
        (ReviewKind.DOCUMENT, _("Legality review of a normative document ❓"),
         "国办发〔2018〕115号 ❓"),
        (ReviewKind.DECISION, _("Legality review of a major decision ❓"),
         "重大行政决策程序暂行条例第二十六条"),
        (ReviewKind.CONTRACT, _("Legality review of a government contract ❓"), "❓"),
    )
)  # fmt: skip

LEGALITY_PROCESS = registry.register(
    Process(
        key="legality",
        label=_("Legality review"),
        model="legality.LegalityReview",
        states=STATES,
        initial=S.SUBMITTED,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        number_series="legality",
        number_pattern="（{year}）{abbr}合审字第{seq:04d}号",
    )
)

__all__ = [
    "LEGALITY_PROCESS",
    "S",
    "minimum_days",
    "review_days",
    "review_working_days",
    "working_days",
]
