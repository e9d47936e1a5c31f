"""The administrative litigation response process (行政诉讼法 2017, reference/statutes.md §5;
最高人民法院关于行政机关负责人出庭应诉若干问题的规定, in force 2020-07-01, "the Provisions").

One case per trial level. Periods follow the Civil Procedure Law's rules (Art. 101; statutes.md
§10): the first day is not counted, a period ending on a rest day ends on the next working day.

- Answer (答辩, Art. 67): the court serves the complaint within 5 days of filing; the defendant
  submits its evidence, the normative documents it relied on and its defence within 15 days of
  receiving it. The "answer" clock runs from `complaint_served_on` at first instance.
- First instance within 6 months of filing (Art. 81): the court's period, shown as information
  (a window, not the agency's deadline) when the filing date is known. Under the simplified
  procedure (Art. 82) 45 days of filing (Art. 83) instead; when the court converts the case to
  the ordinary procedure (Art. 84), the 45 days stop and the six months run, still from filing
  (the term counts from 立案 either way).
- Hearings: the court serves the notice to appear on the head at least three days before the
  hearing (Provisions Art. 5; plain calendar days: served on 1 June, the hearing is on 4 June at
  the earliest). A later notice is the court's lapse: it is recorded as served and flagged
  (models.Hearing.notice_late), since the hearing takes place all the same; the head appears, or explains why not (Art. 8) and delegates staff (Art. 3
  ¶3 of the Law). A qualifying head (Art. 2: the principal head, a deputy, another person in
  charge of the act; not the head of a delegated organisation or a lower agency) appearing once
  at a trial level suffices (Art. 7).
- Conclusion (Arts. 60, 62, 69–78, 89): the judgment or ruling, with the main ground and the
  reasons of a loss (choices.LOSSES).
- Appeal (Art. 85): 15 days from service of a first-instance judgment, 10 days from service of a
  ruling dismissing the suit; windows for the parties, the agency's included. The appeal is
  recorded here and registered as a second-instance case linked to this one.
- Judicial recommendations (司法建议, Art. 66; Provisions Art. 12) received and replied to.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, DateInput
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core.roles import Role
from litigation.choices import (
    APPEALABLE_RULINGS,
    HEAD_NOTICE_DAYS,
    JUDGMENTS,
    LATER_LEVEL_ONLY,
    LOSSES,
    AbsenceGround,
    Appellant,
    HeadPosition,
    Judgment,
    LossGround,
    TrialLevel,
)

# The bureau's staff and the defendant agency's own handlers record every step.
WRITERS = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN, Role.AGENCY_HANDLER})


class S:
    PENDING = "pending"
    CONCLUDED = "concluded"


STATES = (
    State(S.PENDING, pgettext_lazy("litigation", "Before the court"), tone="primary"),
    State(S.CONCLUDED, pgettext_lazy("litigation", "Concluded"), final=True, tone="success"),
)
_ANY = (S.PENDING, S.CONCLUDED)


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(value: datetime.date | None) -> None:
    if value and value > _today():
        raise forms.ValidationError(gettext("The date cannot be in the future."))


# -- forms ------------------------------------------------------------------------------------


class AnswerForm(DatedForm):
    on_date = forms.DateField(label=_("answer submitted on"), initial=_today, widget=DateInput())


class HearingNoticeForm(DatedForm):
    """The court's notice of a hearing, as served on the agency and its head."""

    on_date = forms.DateField(
        label=_("notice to appear served on"), initial=_today, widget=DateInput()
    )
    hearing_on = forms.DateField(label=_("hearing on"), widget=DateInput())
    place = forms.CharField(label=_("courtroom"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        notice, hearing = cleaned.get("on_date"), cleaned.get("hearing_on")
        if notice and hearing and notice > hearing:
            self.add_error(
                "hearing_on",
                gettext("The hearing cannot be before the notice to appear was served "
                        "(%(notice)s).") % {"notice": notice.isoformat()},
            )  # fmt: skip
        # A notice served fewer than three days ahead is the court's lapse (Provisions Art. 5),
        # not the agency's: it is recorded as served and flagged (Hearing.notice_late).
        return cleaned


def _pending_hearings(case):
    if case is None or case.pk is None:
        return []
    return list(case.hearings.filter(held_on__isnull=True).order_by("hearing_on", "id"))


class HearingRecordForm(DatedForm):
    """Who appeared for the agency at a hearing (Provisions Arts. 2, 7, 8)."""

    hearing = forms.TypedChoiceField(label=_("hearing"), coerce=int, required=False)
    on_date = forms.DateField(label=_("held on"), initial=_today, widget=DateInput())
    head_appeared = forms.BooleanField(
        label=_("a head of the agency appeared (Provisions Art. 2)"), required=False
    )
    head_name = forms.CharField(label=_("name of the head"), max_length=64, required=False)
    head_position = forms.ChoiceField(
        label=_("position of the head"),
        choices=[("", "—"), *HeadPosition.choices],
        required=False,
        help_text=_("The head of an organisation the agency delegated, or of a lower agency, "
                    "does not count (Art. 2 ¶2): record them as staff."),
    )  # fmt: skip
    staff = forms.CharField(
        label=_("staff appearing"), max_length=200, required=False,
        help_text=_("Names of the staff and agents who appeared for the agency."),
    )  # fmt: skip
    absence_ground = forms.ChoiceField(
        label=_("why the head did not appear (Provisions Art. 8)"),
        choices=[("", "—"), *AbsenceGround.choices],
        required=False,
    )
    absence_explanation = forms.CharField(
        label=_("explanation of the absence"), widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = {h.pk: h for h in _pending_hearings(self.case)}
        self.fields["hearing"].choices = [
            (h.pk, f"{h.hearing_on.isoformat()} {h.place}".strip()) for h in self.pending.values()
        ]
        first = next(iter(self.pending.values()), None)
        if first is not None and first.hearing_on <= _today():
            self.initial.setdefault("on_date", first.hearing_on)

    def clean(self):
        cleaned = super().clean()
        hearing = self.pending.get(cleaned.get("hearing"))
        if hearing is None and len(self.pending) == 1 and not cleaned.get("hearing"):
            hearing = next(iter(self.pending.values()))
        if hearing is None:
            self.add_error(
                "hearing",
                gettext("Choose the hearing; a hearing is recorded after the court's notice "
                        "of it (“Schedule a hearing”)."),
            )  # fmt: skip
        cleaned["hearing"] = hearing
        held = cleaned.get("on_date")
        if hearing is not None and held and held < hearing.notice_served_on:
            self.add_error("on_date", gettext("The hearing cannot precede its notice."))
        if cleaned.get("head_appeared"):
            if not cleaned.get("head_name"):
                self.add_error("head_name", gettext("Name the head who appeared."))
            if not cleaned.get("head_position"):
                self.add_error(
                    "head_position",
                    gettext("Choose the head's position: only the principal head, a deputy or "
                            "another person in charge of the act counts (Provisions Art. 2)."),
                )  # fmt: skip
            cleaned["absence_ground"] = ""
        else:
            if not cleaned.get("absence_ground"):
                self.add_error(
                    "absence_ground",
                    gettext("Say why the head did not appear (Provisions Art. 8), or “no valid "
                            "excuse”."),
                )  # fmt: skip
            cleaned["head_name"], cleaned["head_position"] = "", ""
        return cleaned


class ConcludeForm(DatedForm):
    on_date = forms.DateField(
        label=_("judgment or ruling made on"), initial=_today, widget=DateInput()
    )
    judgment_type = forms.ChoiceField(label=_("judgment or ruling"), choices=Judgment.choices)
    served_on = forms.DateField(
        label=_("judgment or ruling served on"), widget=DateInput(),
        help_text=_("The appeal period runs from this day (Art. 85)."),
    )  # fmt: skip
    loss_ground = forms.ChoiceField(
        label=_("main ground of the loss"), choices=[("", "—"), *LossGround.choices],
        required=False,
    )  # fmt: skip
    loss_reasons = forms.CharField(
        label=_("reasons for the loss"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the court found wrong, and what the agency will change."),
    )  # fmt: skip

    def clean_served_on(self):
        value = self.cleaned_data["served_on"]
        _not_future(value)
        return value

    def clean(self):
        cleaned = super().clean()
        made, served = cleaned.get("on_date"), cleaned.get("served_on")
        if made and served and served < made:
            self.add_error("served_on", gettext("It cannot be served before it was made."))
        if cleaned.get("judgment_type") in LOSSES:
            if not cleaned.get("loss_ground"):
                self.add_error("loss_ground", gettext("Choose the main ground of the loss."))
            if not (cleaned.get("loss_reasons") or "").strip():
                self.add_error("loss_reasons", gettext("State the reasons for the loss."))
        else:
            cleaned["loss_ground"], cleaned["loss_reasons"] = "", ""
        return cleaned


class AppealForm(DatedForm):
    on_date = forms.DateField(label=_("appeal filed on"), initial=_today, widget=DateInput())
    appellant = forms.ChoiceField(label=_("appellant"), choices=Appellant.choices)


class RecommendationForm(DatedForm):
    on_date = forms.DateField(label=_("received on"), initial=_today, widget=DateInput())
    content = forms.CharField(
        label=_("the recommendation"), widget=forms.Textarea(attrs={"rows": 4})
    )
    reply_due = forms.DateField(
        label=_("reply asked for by"), widget=DateInput(), required=False,
        help_text=_("The date the court's letter asks for, if it names one."),
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        received, due = cleaned.get("on_date"), cleaned.get("reply_due")
        if received and due and due < received:
            self.add_error("reply_due", gettext("The reply cannot be due before receipt."))
        return cleaned


class ReplyForm(DatedForm):
    recommendation = forms.TypedChoiceField(
        label=_("judicial recommendation"), coerce=int, required=False
    )
    on_date = forms.DateField(label=_("replied on"), initial=_today, widget=DateInput())
    reply = forms.CharField(label=_("the reply"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        open_ = []
        if self.case is not None and self.case.pk:
            open_ = list(self.case.recommendations.filter(replied_on__isnull=True))
        self.open = {r.pk: r for r in open_}
        self.fields["recommendation"].choices = [
            (r.pk, f"{r.received_on.isoformat()} {r.content[:30]}") for r in open_
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = self.open.get(cleaned.get("recommendation"))
        if chosen is None and len(self.open) == 1 and not cleaned.get("recommendation"):
            chosen = next(iter(self.open.values()))
        if chosen is None:
            self.add_error(
                "recommendation", gettext("Choose a recommendation that has not been replied to.")
            )
        elif cleaned.get("on_date") and cleaned["on_date"] < chosen.received_on:
            self.add_error("on_date", gettext("The reply cannot precede the recommendation."))
        cleaned["recommendation"] = chosen
        return cleaned


# -- guards -----------------------------------------------------------------------------------


def _not_answered(case, cleaned, ctx):
    if case.answer_submitted_on:
        return gettext("The answer was already submitted on %(date)s.") % {
            "date": case.answer_submitted_on.isoformat()
        }
    return None


def _judgment_fits_level(case, cleaned, ctx):
    kind = cleaned.get("judgment_type")
    if kind in LATER_LEVEL_ONLY and case.trial_level == TrialLevel.FIRST:
        return (
            "judgment_type",
            gettext("Only an appeal or a retrial ends by upholding or remanding (Art. 89)."),
        )
    return None


def appealable(case) -> bool:
    """A first-instance judgment, or a ruling dismissing the suit, is appealed (Art. 85)."""
    return case.trial_level == TrialLevel.FIRST and case.judgment_type in (
        JUDGMENTS | APPEALABLE_RULINGS
    )


def _appeal_open(case, cleaned, ctx):
    if not appealable(case):
        return gettext("Only a first-instance judgment or a ruling dismissing the suit is "
                       "appealed (Art. 85).")  # fmt: skip
    if case.appealed_on:
        return gettext("The appeal was already recorded on %(date)s.") % {
            "date": case.appealed_on.isoformat()
        }
    if (
        case.judgment_served_on
        and cleaned.get("on_date")
        and (cleaned["on_date"] < case.judgment_served_on)
    ):
        return ("on_date", gettext("The appeal cannot precede the service of the judgment."))
    return None


# -- effects ----------------------------------------------------------------------------------


def _answer(case, cleaned, ctx):
    case.answer_submitted_on = cleaned["on_date"]


def _schedule_hearing(case, cleaned, ctx):
    from litigation.models import Hearing

    Hearing.objects.create(
        case=case,
        hearing_on=cleaned["hearing_on"],
        place=cleaned.get("place") or "",
        notice_served_on=cleaned["on_date"],
    )


def _record_hearing(case, cleaned, ctx):
    hearing = cleaned["hearing"]
    hearing.held_on = cleaned["on_date"]
    hearing.head_appeared = bool(cleaned.get("head_appeared"))
    hearing.head_name = cleaned.get("head_name") or ""
    hearing.head_position = cleaned.get("head_position") or ""
    hearing.staff = cleaned.get("staff") or ""
    hearing.absence_ground = cleaned.get("absence_ground") or ""
    hearing.absence_explanation = cleaned.get("absence_explanation") or ""
    hearing.save()
    if case.first_heard_on is None or hearing.held_on < case.first_heard_on:
        case.first_heard_on = hearing.held_on
    if hearing.head_appeared:
        case.head_appeared = True


def _conclude(case, cleaned, ctx):
    case.judgment_type = case.outcome = cleaned["judgment_type"]
    case.decided_on = cleaned["on_date"]
    case.judgment_served_on = cleaned["served_on"]
    case.loss_ground = cleaned.get("loss_ground") or ""
    case.loss_reasons = cleaned.get("loss_reasons") or ""


def _appeal(case, cleaned, ctx):
    case.appealed_on = cleaned["on_date"]
    case.appellant = cleaned["appellant"]


def _receive_recommendation(case, cleaned, ctx):
    from litigation.models import Recommendation

    Recommendation.objects.create(
        case=case,
        received_on=cleaned["on_date"],
        content=cleaned["content"],
        reply_due=cleaned.get("reply_due"),
    )


def _reply(case, cleaned, ctx):
    recommendation = cleaned["recommendation"]
    recommendation.replied_on = cleaned["on_date"]
    recommendation.reply = cleaned["reply"]
    recommendation.save()


_HEADS = "最高人民法院关于行政机关负责人出庭应诉若干问题的规定"


def _heard_simplified(case, cleaned, ctx):
    if not case.simplified:
        return gettext("The case is not heard under the simplified procedure.")
    return None


def _convert(case, cleaned, ctx):
    case.simplified = False


TRANSITIONS = (
    Transition(
        "submit_answer", _("Submit the answer and evidence"), source=(S.PENDING,), target=None,
        roles=WRITERS, form=AnswerForm, guards=(_not_answered,), effect=_answer,
        date_field="on_date", tone="primary", article="行政诉讼法第六十七条",
    ),
    Transition(
        "schedule_hearing", _("Schedule a hearing (the court's notice)"), source=(S.PENDING,),
        target=None, roles=WRITERS, form=HearingNoticeForm, effect=_schedule_hearing,
        date_field="on_date", tone="outline-primary", article=f"{_HEADS}第五条",
    ),
    Transition(
        "record_hearing", _("Record a hearing and who appeared"), source=_ANY, target=None,
        roles=WRITERS, form=HearingRecordForm, effect=_record_hearing, date_field="on_date",
        tone="outline-primary", article=f"行政诉讼法第三条；{_HEADS}第二条、第七条、第八条",
    ),
    Transition(
        "conclude", _("Record the judgment or ruling"), source=(S.PENDING,), target=S.CONCLUDED,
        roles=WRITERS, form=ConcludeForm, guards=(_judgment_fits_level,), effect=_conclude,
        stamps=("closed_at",), date_field="on_date", tone="success",
        article="行政诉讼法第六十条、第六十二条、第六十九条至第七十八条、第八十九条",
    ),
    Transition(
        "convert_to_ordinary", _("The court converts to the ordinary procedure"),
        source=(S.PENDING,), target=None, roles=WRITERS, form=DatedForm,
        guards=(_heard_simplified,), offered_if=lambda case: case.simplified, effect=_convert,
        date_field="on_date",
        tone="outline-secondary", article="行政诉讼法第八十四条",
    ),
    Transition(
        "record_appeal", _("Record an appeal"), source=(S.CONCLUDED,), target=None,
        roles=WRITERS, form=AppealForm, guards=(_appeal_open,), effect=_appeal,
        date_field="on_date", tone="outline-warning", article="行政诉讼法第八十五条",
    ),
    Transition(
        "receive_recommendation", _("Record a judicial recommendation"), source=_ANY,
        target=None, roles=WRITERS, form=RecommendationForm, effect=_receive_recommendation,
        date_field="on_date", tone="outline-secondary",
        article=f"行政诉讼法第六十六条；{_HEADS}第十二条",
    ),
    Transition(
        "reply_recommendation", _("Reply to a judicial recommendation"), source=_ANY,
        target=None, roles=WRITERS, form=ReplyForm, effect=_reply, date_field="on_date",
        tone="outline-secondary", article="行政诉讼法第六十六条",
    ),
)  # fmt: skip


def _answer_due(case) -> bool:
    return case.trial_level == TrialLevel.FIRST and case.complaint_served_on is not None


def _first_instance_filed(case) -> bool:
    return case.trial_level == TrialLevel.FIRST and case.filed_on is not None


def _ordinary_term(case) -> bool:
    return _first_instance_filed(case) and not case.simplified


def _simplified_term(case) -> bool:
    return _first_instance_filed(case) and case.simplified


def _judgment_appealable(case) -> bool:
    return case.trial_level == TrialLevel.FIRST and case.judgment_type in JUDGMENTS


def _ruling_appealable(case) -> bool:
    return case.trial_level == TrialLevel.FIRST and case.judgment_type in APPEALABLE_RULINGS


CLOCKS = (
    ClockSpec(
        "answer", _("Answer and evidence (Art. 67)"), length=15, unit="days",
        start_on=(REGISTER,), start_if=_answer_due, start_field="complaint_served_on",
        stop_on=("submit_answer", "conclude"), article="行政诉讼法第六十七条",
    ),
    ClockSpec(
        "first_instance_term", _("First-instance judgment by the court (Art. 81)"), length=6,
        unit="months", start_on=(REGISTER, "convert_to_ordinary"), start_if=_ordinary_term,
        start_field="filed_on", stop_on=("conclude",), sets_case_due=False,
        article="行政诉讼法第八十一条",
    ),
    ClockSpec(
        "simplified_term", _("Judgment under the simplified procedure (Art. 83)"), length=45,
        unit="days", start_on=(REGISTER,), start_if=_simplified_term, start_field="filed_on",
        stop_on=("conclude", "convert_to_ordinary"), sets_case_due=False,
        article="行政诉讼法第八十三条",
    ),
    ClockSpec(
        "appeal", _("Appeal against the judgment (Art. 85)"), length=15, unit="days",
        start_on=("conclude",), start_if=_judgment_appealable,
        start_field="judgment_served_on", stop_on=("record_appeal",), sets_case_due=False,
        article="行政诉讼法第八十五条",
    ),
    ClockSpec(
        "appeal_ruling", _("Appeal against the ruling (Art. 85)"), length=10, unit="days",
        start_on=("conclude",), start_if=_ruling_appealable,
        start_field="judgment_served_on", stop_on=("record_appeal",), sets_case_due=False,
        article="行政诉讼法第八十五条",
    ),
)  # fmt: skip

LITIGATION_PROCESS = registry.register(
    Process(
        key="litigation",
        label=_("Administrative litigation response"),
        model="litigation.LitigationCase",
        states=STATES,
        initial=S.PENDING,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        # No number of our own: the case's number is the court's (litigation.services).
        number_series="",
    )
)

__all__ = ["HEAD_NOTICE_DAYS", "LITIGATION_PROCESS", "S", "appealable"]
