"""The procedure of a major administrative decision (重大行政决策程序暂行条例 = DEC, State Council
Decree 713; reference/statutes-lines.md §A), one declared step per legal step:

- start (Arts. 10–11): the decision-maker decides to start and names the lead unit (承办单位):
  the case's registration (decisions.services.decision_start), with the triggers of the
  conditional steps;
- draft (Arts. 12–13): `record_draft` (the draft and its explanation, which the public reads);
- public participation (Arts. 14–18), mandatory unless the matter is legally non-disclosable
  (`exempt_participation`, reasons required): `open_comment` publishes the draft for comment
  for "一般不少于30日" (Art. 15; a shorter period needs its reasons stated), counted like every
  period here from the day after the notice, rolled past a statutory holiday on its last day
  (statutes-lines §0); the public comments on the portal (decisions.services.comment_submit);
  each comment is answered; `publish_answers` publishes how they were handled once the period
  is over. `hold_hearing` (Arts. 16–17, optional): the materials reach the participants at
  least 7 days before;
- expert argumentation (Arts. 19–21) and risk assessment (Arts. 22–24), when triggered: each
  recorded with its evidence (the experts' signed opinions; the 风险评估报告, Art. 23);
- legality review (Arts. 25–28): the legality line's case number, opinion date and conclusion,
  with the opinion; a draft not reviewed, or found unlawful, is not discussed (Art. 28);
- collective discussion (Arts. 29–31): the meeting, its date, its result, dissent recorded;
- `decide`: refused, naming the missing steps, while a mandatory step is missing (public
  participation unless exempted, legality review, collective discussion adopting the draft;
  expert argumentation and risk assessment when triggered), and nothing is changed;
- publish (Art. 32): within the configurable window, default 20 working days (OGI Art. 26 ✅
  used as the default, DEC sets none ❓): FAZHI_DECISION_PUBLICATION_DAYS;
- archive (Art. 33), execution reports (Arts. 34–35), post-decision evaluation (Art. 36,
  optional; not by the unit that did the pre-decision risk assessment), suspension in an
  emergency and resumption (Art. 37);
- adjustment (Art. 37: a decision lawfully made is not changed or stopped without the
  statutory procedure; the head may suspend it first in an emergency; a major adjustment runs
  the relevant statutory procedures again): `adjust` records a minor adjustment, the decision
  staying in execution; `adjust_major` starts a new round of the procedure (`round`): the
  decision goes back to preparation, the adjusted draft is recorded again, public
  participation is run again (unless the matter is exempt), and so are expert argumentation
  and risk assessment where required, the legality review and the collective discussion; then
  it is decided and published again (Arts. 32–33). The earlier round's evidence and comments
  stay on the record but count for none of the new round's steps; its dates and numbers stay
  in the history (the events of `decide`, `publish`...).
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, DateInput, ReasonForm
from cases.process import ClockSpec, Process, State, Transition, registry
from core.roles import Role
from decisions.choices import (
    EVIDENCE_REQUIRED,
    Conclusion,
    MeetingResult,
    MeetingType,
    Outcome,
    Step,
)

STAFF = frozenset({Role.SECTION_STAFF})
# The decision-maker's handlers write their own decisions (MajorDecision.
# scope_role_organization_fields); leaders read.
WRITERS = frozenset({Role.SECTION_STAFF, Role.AGENCY_HANDLER})

#: DEC Art. 15: "一般不少于30日".
COMMENT_DAYS = 30
#: DEC Art. 17 (hearing materials sent at least 7 days before).
HEARING_NOTICE_DAYS = 7
#: Default publication window in working days (OGI Art. 26 ✅; DEC Art. 32 sets none ❓).
PUBLICATION_DAYS = 20


def publication_days() -> int:
    return int(getattr(settings, "FAZHI_DECISION_PUBLICATION_DAYS", PUBLICATION_DAYS))


class S:
    STARTED = "started"
    DECIDED = "decided"
    PUBLISHED = "published"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"


STATES = (
    State(S.STARTED, _("In preparation"), tone="primary"),
    State(S.DECIDED, pgettext_lazy("decision", "Decided"), tone="info"),
    State(S.PUBLISHED, _("Published and in execution"), tone="success"),
    State(S.SUSPENDED, pgettext_lazy("decision", "Suspended"), tone="warning"),
    State(S.ABANDONED, _("Not pursued"), final=True, tone="secondary"),
)


# -- what is missing ------------------------------------------------------------------------


def participation_done(decision) -> bool:
    """Public participation is done when the matter is exempt (with reasons) or the handling
    of the comments has been published after the comment period (DEC Arts. 14–18)."""
    if decision.participation_exempt:
        return bool(decision.exemption_reason.strip())
    return decision.answers_published_on is not None


def current_evidence(decision, step) -> bool:
    """Whether `step` has evidence given in the decision's current round (DEC Art. 37: a major
    adjustment runs the procedure again; the earlier round's files prove nothing for it)."""
    return decision.evidence.filter(step=step, round=decision.round).exists()


def missing_steps(decision) -> list[str]:
    """The labels of the mandatory steps not yet done (DEC Arts. 14, 19, 22, 25, 30)."""
    missing = []
    if not participation_done(decision):
        missing.append(Step.PARTICIPATION.label)
    if decision.expert_triggered and decision.expert_on is None:
        missing.append(Step.EXPERT.label)
    if decision.risk_triggered and decision.risk_on is None:
        missing.append(Step.RISK.label)
    # A draft found unlawful may not be discussed (DEC Art. 28): its review is not done.
    if decision.legality_opinion_on is None or decision.legality_conclusion == Conclusion.UNLAWFUL:
        missing.append(Step.LEGALITY.label)
    if decision.meeting_on is None or decision.meeting_result != MeetingResult.ADOPTED:
        missing.append(Step.COLLECTIVE.label)
    return missing


def comment_open_on(decision, day: datetime.date) -> bool:
    """Whether the public may comment on `day`: from the notice's day to the last day of the
    period, both included."""
    return (
        decision.state == S.STARTED
        and not decision.participation_exempt
        and decision.comment_opens_on is not None
        and decision.comment_closes_on is not None
        and decision.comment_opens_on <= day <= decision.comment_closes_on
    )


def comment_closes_on(opens_on: datetime.date, days: int) -> datetime.date:
    """The last day of a comment period of `days` days from a notice published on `opens_on`:
    the notice's day not counted; a last day on a statutory holiday moves to the first working
    day after it (statutes-lines §0, MS Art. 85)."""
    from cases.calendar import get_calendar

    return get_calendar().add_days(opens_on, days).date


# -- forms ----------------------------------------------------------------------------------


class DraftForm(DatedForm):
    draft_text = forms.CharField(label=_("draft"), widget=forms.Textarea(attrs={"rows": 8}))
    draft_explanation = forms.CharField(
        label=_("explanation of the draft"), widget=forms.Textarea(attrs={"rows": 5})
    )


class TriggersForm(DatedForm):
    expert_triggered = forms.BooleanField(
        label=_("professional or technical matter: expert argumentation required (Art. 19)"),
        required=False,
    )
    risk_triggered = forms.BooleanField(
        label=_("stability or public security may be affected: risk assessment required "
                "(Art. 22)"),
        required=False,
    )  # fmt: skip
    reason = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class CommentPeriodForm(DatedForm):
    """on_date: the day the notice with the draft and its explanation was published."""

    comment_days = forms.IntegerField(
        label=_("comment period (days)"), min_value=1, max_value=365, initial=COMMENT_DAYS
    )
    short_period_reason = forms.CharField(
        label=_("reasons for a period under 30 days (stated in the notice)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("comment_days")
        reason = (cleaned.get("short_period_reason") or "").strip()
        if days is not None and days < COMMENT_DAYS and not reason:
            self.add_error(
                "short_period_reason",
                gettext("A comment period under 30 days needs its reasons stated in the notice "
                        "(Art. 15)."),
            )  # fmt: skip
        cleaned["short_period_reason"] = reason if days and days < COMMENT_DAYS else ""
        return cleaned


class HearingForm(DatedForm):
    """on_date: the day of the hearing."""

    hearing_place = forms.CharField(label=_("hearing place"), max_length=200)
    hearing_materials_sent_on = forms.DateField(
        label=_("hearing materials sent on"), widget=DateInput()
    )

    def clean(self):
        cleaned = super().clean()
        held, sent = cleaned.get("on_date"), cleaned.get("hearing_materials_sent_on")
        if held and sent and (held - sent).days < HEARING_NOTICE_DAYS:
            self.add_error(
                "hearing_materials_sent_on",
                gettext("The materials must reach the participants at least 7 days before the "
                        "hearing (Art. 17); the hearing was on %(day)s.")
                % {"day": held.isoformat()},
            )  # fmt: skip
        return cleaned


class AnswersPublishedForm(DatedForm):
    answers_summary = forms.CharField(
        label=_("how the comments were handled"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ExpertForm(DatedForm):
    expert_summary = forms.CharField(
        label=_("experts' opinions and how adopted"), widget=forms.Textarea(attrs={"rows": 4})
    )


class RiskForm(DatedForm):
    risk_assessor = forms.CharField(label=_("unit that assessed the risk"), max_length=200)
    risk_summary = forms.CharField(
        label=_("risk points and measures"), widget=forms.Textarea(attrs={"rows": 4})
    )


class LegalityForm(DatedForm):
    """on_date: the day the legality review opinion was issued."""

    legality_case_number = forms.CharField(label=_("legality review case number"), max_length=64)
    legality_conclusion = forms.ChoiceField(
        label=_("legality conclusion"), choices=Conclusion.choices
    )


class MeetingForm(DatedForm):
    """on_date: the day of the meeting."""

    meeting_type = forms.ChoiceField(label=_("meeting"), choices=MeetingType.choices)
    meeting_result = forms.ChoiceField(
        label=_("result of the discussion"), choices=MeetingResult.choices
    )
    dissent = forms.CharField(
        label=_("dissenting views recorded (none: leave empty)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class DecideForm(DatedForm):
    decision_number = forms.CharField(label=_("decision document number"), max_length=64)


class PublishForm(DatedForm):
    publication_channels = forms.CharField(
        label=_("published in (gazette, website, newspaper)"), max_length=200
    )
    interpretation = forms.CharField(
        label=_("interpretation (解读), with how public and expert opinions were adopted"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExecutionForm(DatedForm):
    executing_unit = forms.ModelChoiceField(label=_("executing unit"), queryset=None)
    report = forms.CharField(
        label=_("progress and problems"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, case=None, **kwargs):
        from core.models import Organization, OrganizationKind
        from core.regions import jurisdiction_prefix, within

        super().__init__(*args, case=case, **kwargs)
        agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
        if case is not None:
            agencies = agencies.filter(
                within("region_id", jurisdiction_prefix(case.decision_maker.region_id))
            )
        self.fields["executing_unit"].queryset = agencies.order_by("name")


class EvaluationForm(DatedForm):
    evaluator = forms.CharField(label=_("evaluated by"), max_length=200)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 4}))


# -- guards and effects ---------------------------------------------------------------------


def _evidence_guard(step):
    def guard(case, cleaned, ctx):
        if not current_evidence(case, step):
            return ("evidence", gettext("%(step)s: attach its evidence first.")
                    % {"step": step.label})  # fmt: skip
        return None

    return guard


def _not_exempt(case, cleaned, ctx):
    if case.participation_exempt:
        return gettext("The matter is exempt from public participation.")
    return None


def _no_consultation(case, cleaned, ctx):
    if case.comment_opens_on is not None:
        return gettext("A public comment period has already been opened.")
    return None


def _draft_ready(case, cleaned, ctx):
    if not (case.draft_text.strip() and case.draft_explanation.strip()):
        return ("draft_text", gettext("Record the draft and its explanation first: the public "
                                      "comments on them (Art. 15)."))  # fmt: skip
    if case.round > 1 and case.drafted_on is None:
        return ("draft_text", gettext("Record the adjusted draft and its explanation first: "
                                      "the public comments on them (Arts. 15, 37)."))  # fmt: skip
    return None


def _period_over(case, cleaned, ctx):
    if case.comment_closes_on is None:
        return gettext("No public comment period has been opened.")
    if ctx.on_date <= case.comment_closes_on:
        return ("on_date", gettext("The comment period runs until %(day)s; publish the handling "
                                   "of the comments after it.")
                % {"day": case.comment_closes_on.isoformat()})  # fmt: skip
    unanswered = case.comments.filter(answer="", round=case.round).count()
    if unanswered:
        return gettext("%(n)s comments are not answered yet.") % {"n": unanswered}
    return None


def _reviewed_lawful(case, cleaned, ctx):
    """DEC Art. 28: a draft not reviewed, or found unlawful, is not discussed."""
    if case.legality_opinion_on is None:
        return gettext("The draft has not been through legality review (Art. 28); it cannot "
                       "be discussed.")  # fmt: skip
    if case.legality_conclusion == Conclusion.UNLAWFUL:
        return gettext("The legality review found the draft unlawful (Art. 28); it cannot be "
                       "discussed.")  # fmt: skip
    return None


def _nothing_missing(case, cleaned, ctx):
    missing = missing_steps(case)
    if missing:
        return gettext("The decision cannot be made: missing %(steps)s.") % {
            "steps": "、".join(str(m) for m in missing)
        }
    if ctx.on_date < case.meeting_on:
        return ("on_date", gettext("The decision cannot precede the meeting of %(day)s.")
                % {"day": case.meeting_on.isoformat()})  # fmt: skip
    return None


def _not_archived(case, cleaned, ctx):
    if case.archived_on is not None:
        return gettext("The decision was archived on %(day)s.") % {
            "day": case.archived_on.isoformat()
        }
    return None


def _independent_evaluator(case, cleaned, ctx):
    """DEC Art. 36: not the unit that did the pre-decision assessment."""
    evaluator = (cleaned.get("evaluator") or "").strip()
    if case.risk_assessor and evaluator == case.risk_assessor.strip():
        return ("evaluator", gettext("%(unit)s did the risk assessment before the decision and "
                                     "cannot evaluate it (Art. 36).") % {"unit": evaluator})  # fmt: skip
    return None


def _set(**mapping):
    """An effect copying cleaned fields (or the step date, "on_date") to the decision."""

    def effect(case, cleaned, ctx):
        for attr, key in mapping.items():
            setattr(case, attr, cleaned[key] if key != "on_date" else ctx.on_date)

    return effect


def _triggers(case, cleaned, ctx):
    case.expert_triggered = bool(cleaned.get("expert_triggered"))
    case.risk_triggered = bool(cleaned.get("risk_triggered"))


def _exempt(case, cleaned, ctx):
    case.participation_exempt = True
    case.exemption_reason = cleaned["reason"]


def _open_comment(case, cleaned, ctx):
    case.comment_opens_on = ctx.on_date
    case.comment_days = cleaned["comment_days"]
    case.short_period_reason = cleaned["short_period_reason"]
    case.comment_closes_on = comment_closes_on(ctx.on_date, cleaned["comment_days"])


def _publish(case, cleaned, ctx):
    from cases.models import Clock

    case.published_on = ctx.on_date
    case.publication_channels = cleaned["publication_channels"]
    case.interpretation = cleaned["interpretation"]
    clock = Clock.for_case(case).filter(key="publication").first()
    case.published_on_time = (
        clock is None or clock.due_date is None or (ctx.on_date <= clock.due_date)
    )


def _execution(case, cleaned, ctx):
    case.executing_unit = cleaned["executing_unit"]


#: What a major adjustment reopens (DEC Art. 37), by step: the fields emptied so that the step
#: is run again. The draft keeps its text (the base of the adjusted one) but must be recorded
#: again; the triggers of expert argumentation and risk assessment, the execution and the
#: evaluation (Art. 36 ¶4: the basis of the adjustment) are kept.
REOPENED = {
    Step.DRAFT: {"drafted_on": None},
    Step.PARTICIPATION: {
        "comment_opens_on": None, "comment_days": None, "comment_closes_on": None,
        "short_period_reason": "", "answers_published_on": None, "answers_summary": "",
        "hearing_on": None, "hearing_place": "", "hearing_materials_sent_on": None,
    },
    Step.EXPERT: {"expert_on": None, "expert_summary": ""},
    Step.RISK: {"risk_on": None, "risk_assessor": "", "risk_summary": ""},
    Step.LEGALITY: {"legality_case_number": "", "legality_opinion_on": None,
                    "legality_conclusion": ""},
    Step.COLLECTIVE: {"meeting_type": "", "meeting_on": None, "meeting_result": "",
                      "dissent": "", "decided_on": None, "decision_number": ""},
    Step.PUBLICATION: {"published_on": None, "published_on_time": None,
                       "publication_channels": "", "interpretation": ""},
    Step.ARCHIVE: {"archived_on": None},
}  # fmt: skip


def _reopen(case, cleaned, ctx):
    """DEC Art. 37: a new round of the procedure. A matter exempt from public participation
    (legally non-disclosable, Art. 14) keeps its exemption; any other runs it again."""
    case.round += 1
    case.adjusted_on = ctx.on_date
    for step, fields in REOPENED.items():
        if step == Step.PARTICIPATION and case.participation_exempt:
            continue
        for name, value in fields.items():
            setattr(case, name, value)


_STEP = dict(source=(S.STARTED,), target=None, roles=WRITERS, tone="outline-primary")

TRANSITIONS = (
    Transition("record_draft", _("Record the draft"), form=DraftForm,
               effect=_set(draft_text="draft_text", draft_explanation="draft_explanation",
                           drafted_on="on_date"),
               date_field="on_date", article="重大行政决策程序暂行条例第十二条、第十三条", **_STEP),
    Transition("set_triggers", _("Set the conditional steps"), form=TriggersForm,
               effect=_triggers, date_field="on_date",
               article="重大行政决策程序暂行条例第十九条、第二十二条", **_STEP),
    Transition("exempt_participation", _("Exempt from public participation"),
               form=ReasonForm, guards=(_not_exempt, _no_consultation), effect=_exempt,
               date_field="on_date", article="重大行政决策程序暂行条例第十四条", **_STEP),
    Transition("open_comment", _("Publish the draft for public comment"),
               form=CommentPeriodForm, guards=(_not_exempt, _no_consultation, _draft_ready),
               effect=_open_comment, date_field="on_date",
               article="重大行政决策程序暂行条例第十四条、第十五条", **_STEP),
    Transition("hold_hearing", _("Record a hearing"), form=HearingForm, guards=(_not_exempt,),
               effect=_set(hearing_on="on_date", hearing_place="hearing_place",
                           hearing_materials_sent_on="hearing_materials_sent_on"),
               date_field="on_date", article="重大行政决策程序暂行条例第十六条、第十七条",
               **_STEP),
    Transition("publish_answers", _("Publish the handling of the comments"),
               form=AnswersPublishedForm, guards=(_period_over,),
               effect=_set(answers_published_on="on_date", answers_summary="answers_summary"),
               offered_if=lambda case: case.comment_opens_on is not None
               and case.answers_published_on is None,
               date_field="on_date", article="重大行政决策程序暂行条例第十八条", **_STEP),
    Transition("expert_argumentation", _("Record the expert argumentation"), form=ExpertForm,
               guards=(_evidence_guard(Step.EXPERT),),
               effect=_set(expert_on="on_date", expert_summary="expert_summary"),
               date_field="on_date", article="重大行政决策程序暂行条例第十九条至第二十一条",
               **_STEP),
    Transition("risk_assessment", _("Record the risk assessment"), form=RiskForm,
               guards=(_evidence_guard(Step.RISK),),
               effect=_set(risk_on="on_date", risk_assessor="risk_assessor",
                           risk_summary="risk_summary"),
               date_field="on_date", article="重大行政决策程序暂行条例第二十二条至第二十四条",
               **_STEP),
    Transition("legality_review", _("Record the legality review"), form=LegalityForm,
               guards=(_evidence_guard(Step.LEGALITY),),
               effect=_set(legality_case_number="legality_case_number",
                           legality_opinion_on="on_date",
                           legality_conclusion="legality_conclusion"),
               date_field="on_date", article="重大行政决策程序暂行条例第二十五条至第二十八条",
               **_STEP),
    Transition("collective_discussion", _("Record the collective discussion"),
               form=MeetingForm,
               guards=(_reviewed_lawful, _evidence_guard(Step.COLLECTIVE)),
               effect=_set(meeting_type="meeting_type", meeting_on="on_date",
                           meeting_result="meeting_result", dissent="dissent"),
               date_field="on_date", article="重大行政决策程序暂行条例第三十条、第三十一条",
               **_STEP),
    Transition("decide", _("Mark as decided"), source=(S.STARTED,), target=S.DECIDED,
               roles=WRITERS, form=DecideForm, guards=(_nothing_missing,),
               effect=_set(decided_on="on_date", decision_number="decision_number"),
               outcome=Outcome.DECIDED, date_field="on_date", tone="success",
               article="重大行政决策程序暂行条例第三十条"),
    Transition("publish", _("Publish the decision"), source=(S.DECIDED,), target=S.PUBLISHED,
               roles=WRITERS, form=PublishForm, effect=_publish, date_field="on_date",
               tone="success", article="重大行政决策程序暂行条例第三十二条"),
    Transition("archive", _("Archive the records"),
               source=(S.DECIDED, S.PUBLISHED, S.SUSPENDED, S.ABANDONED), target=None,
               roles=WRITERS, form=DatedForm, guards=(_not_archived,),
               effect=_set(archived_on="on_date"), date_field="on_date",
               tone="outline-primary", article="重大行政决策程序暂行条例第三十三条"),
    Transition("report_execution", _("Record an execution report"), source=(S.PUBLISHED,),
               target=None, roles=WRITERS, form=ExecutionForm, effect=_execution,
               date_field="on_date", tone="outline-primary",
               article="重大行政决策程序暂行条例第三十四条、第三十五条"),
    Transition("evaluate", _("Record a post-decision evaluation"),
               source=(S.PUBLISHED, S.SUSPENDED), target=None, roles=WRITERS,
               form=EvaluationForm, guards=(_independent_evaluator,),
               effect=_set(evaluated_on="on_date", evaluator="evaluator"),
               date_field="on_date", tone="outline-primary",
               article="重大行政决策程序暂行条例第三十六条"),
    Transition("adjust", _("Record a minor adjustment"), source=(S.PUBLISHED,), target=None,
               roles=WRITERS, form=ReasonForm, effect=_set(adjusted_on="on_date"),
               date_field="on_date", tone="outline-warning",
               article="重大行政决策程序暂行条例第三十七条"),
    Transition("adjust_major", _("Major adjustment: run the procedure again"),
               source=(S.PUBLISHED, S.SUSPENDED), target=S.STARTED, roles=WRITERS,
               form=ReasonForm, effect=_reopen, outcome="", date_field="on_date",
               tone="outline-danger", article="重大行政决策程序暂行条例第三十七条"),
    Transition("suspend", _("Suspend execution"), source=(S.PUBLISHED,), target=S.SUSPENDED,
               roles=WRITERS, form=ReasonForm, date_field="on_date", tone="outline-danger",
               article="重大行政决策程序暂行条例第三十七条"),
    Transition("resume", _("Resume execution"), source=(S.SUSPENDED,), target=S.PUBLISHED,
               roles=WRITERS, form=ReasonForm, date_field="on_date", tone="outline-primary",
               article="重大行政决策程序暂行条例第三十七条"),
    Transition("abandon", _("Do not pursue"), source=(S.STARTED,), target=S.ABANDONED,
               roles=WRITERS, form=ReasonForm, stamps=("closed_at",),
               outcome=Outcome.ABANDONED, date_field="on_date", tone="outline-secondary"),
)  # fmt: skip

CLOCKS = (
    ClockSpec(
        "publication",
        _("Publication of the decision ❓ (default 20 working days)"),
        length=publication_days,
        unit="working_days",
        start_on=("decide",),
        stop_on=("publish",),
        article="重大行政决策程序暂行条例第三十二条；政府信息公开条例第二十六条",
    ),
)

DECISION_PROCESS = registry.register(
    Process(
        key="decisions",
        label=_("Major administrative decisions"),
        model="decisions.MajorDecision",
        states=STATES,
        initial=S.STARTED,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        number_series="decision",
        number_pattern="（{year}）{abbr}重决字第{seq:04d}号",
    )
)

__all__ = [
    "COMMENT_DAYS",
    "DECISION_PROCESS",
    "EVIDENCE_REQUIRED",
    "REOPENED",
    "S",
    "comment_closes_on",
    "comment_open_on",
    "current_evidence",
    "missing_steps",
    "participation_done",
    "publication_days",
]
