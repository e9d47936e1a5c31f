"""The public statutory-deadline calculator (法定期限计算器, issue 16 item 3): the person chooses
a period the law sets for them or for the authority, and the day it starts from; the page
shows the last day on the engine's calendar (cases.calendar: the start day not counted, a last
day on a rest day rolled to the next working day, working-day periods skipping weekends and
holidays but counting make-up working days) and marks the result provisional (暂定) when it
reaches a year whose holidays are not yet published — never an error.

The periods (reference/statutes.md):
- 行政复议申请: 60 days from knowing of the act (Administrative Reconsideration Law Art. 20);
- 行政复议决定: 60 days from acceptance (ibid. Art. 62), 30 days under the simplified procedure;
- 行政复议受理审查: 5 working days (ibid. Arts. 30, 88);
- 行政诉讼起诉: 6 months from knowing of the act (Administrative Litigation Law Art. 46); 15 days
  after a reconsideration decision (Art. 45); appeal 15 days from a judgment (Art. 85);
- 法律援助审查: 7 days from receipt (Legal Aid Law Art. 43; working or calendar days as the
  bureau configures, FAZHI_LEGALAID_PERIOD_UNIT / FAZHI_LEGALAID_REVIEW_DAYS);
- 人民调解: normally concluded within one month (人民调解工作若干规定 Art. 33);
- 司法确认申请: 30 days from the mediation agreement taking effect (People's Mediation Law
  Art. 33; Civil Procedure Law Art. 205).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.calendar import Due, get_calendar
from portal.registry import Service, register_service

DAYS, WORKING_DAYS, MONTHS = "days", "working_days", "months"


@dataclass(frozen=True)
class PeriodKind:
    key: str
    label: object
    length: int
    unit: str  # days, working_days, months
    start: object  # what the start day is
    article: object


def _legal_aid_review() -> PeriodKind:
    return PeriodKind(
        "legalaid_review", _("Legal aid: review of an application"),
        settings.FAZHI_LEGALAID_REVIEW_DAYS,
        WORKING_DAYS if settings.FAZHI_LEGALAID_PERIOD_UNIT == "working_days" else DAYS,
        _("the day the legal aid agency received the application"),
        _("Legal Aid Law Art. 43"),
    )  # fmt: skip


def period_kinds() -> list[PeriodKind]:
    """The periods offered, in the order shown."""
    return [
        PeriodKind("reconsideration_apply", _("Administrative reconsideration: applying"), 60,
                   DAYS, _("the day you knew (or should have known) of the administrative act"),
                   _("Administrative Reconsideration Law Art. 20")),
        PeriodKind("reconsideration_accept", _("Administrative reconsideration: decision on "
                   "acceptance"), 5, WORKING_DAYS, _("the day the application was received"),
                   _("Administrative Reconsideration Law Arts. 30, 88")),
        PeriodKind("reconsideration_decide", _("Administrative reconsideration: decision"), 60,
                   DAYS, _("the day the application was accepted"),
                   _("Administrative Reconsideration Law Art. 62")),
        PeriodKind("reconsideration_simple", _("Administrative reconsideration: decision under "
                   "the simplified procedure"), 30, DAYS,
                   _("the day the application was accepted"),
                   _("Administrative Reconsideration Law Art. 62")),
        PeriodKind("litigation_sue", _("Administrative lawsuit: suing directly"), 6, MONTHS,
                   _("the day you knew (or should have known) of the administrative act"),
                   _("Administrative Litigation Law Art. 46")),
        PeriodKind("litigation_after_reconsideration", _("Administrative lawsuit: suing after "
                   "reconsideration"), 15, DAYS,
                   _("the day you received the reconsideration decision"),
                   _("Administrative Litigation Law Art. 45")),
        PeriodKind("litigation_appeal", _("Administrative lawsuit: appeal against a judgment"),
                   15, DAYS, _("the day the judgment was served on you"),
                   _("Administrative Litigation Law Art. 85")),
        _legal_aid_review(),
        PeriodKind("mediation", _("People's mediation: concluding the mediation"), 1, MONTHS,
                   _("the day the committee accepted the dispute"),
                   _("Several Provisions on People's Mediation Work Art. 33")),
        PeriodKind("judicial_confirmation", _("Mediation agreement: applying for judicial "
                   "confirmation"), 30, DAYS, _("the day the mediation agreement took effect"),
                   _("People's Mediation Law Art. 33; Civil Procedure Law Art. 205")),
    ]  # fmt: skip


def kind_of(key: str) -> PeriodKind | None:
    return next((k for k in period_kinds() if k.key == key), None)


def compute(kind: PeriodKind, start: datetime.date) -> Due:
    return get_calendar().count(start, kind.length, kind.unit)


def length_label(kind: PeriodKind) -> str:
    if kind.unit == WORKING_DAYS:
        return gettext("%(n)d working days") % {"n": kind.length}
    if kind.unit == MONTHS:
        return gettext("%(n)d months") % {"n": kind.length}
    return gettext("%(n)d days") % {"n": kind.length}


class StatutoryDeadlineForm(forms.Form):
    kind = forms.ChoiceField(label=_("which period"), choices=())
    start = forms.DateField(
        label=_("start day"),
        help_text=_("The day of the event; it is not counted, counting starts the next day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-06-10."),
                        "required": _("Enter the start day.")},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—")] + [
            (k.key, f"{k.label}（{length_label(k)}）") for k in period_kinds()
        ]
        self.fields["kind"].error_messages["required"] = gettext("Choose the period.")
        self.fields["kind"].error_messages["invalid_choice"] = gettext("Choose the period.")

    def clean_start(self):
        start = self.cleaned_data["start"]
        if not 1950 <= start.year <= 2100:
            raise forms.ValidationError(gettext("Enter a date between 1950 and 2100."))
        return start


def calculator(request):
    form = StatutoryDeadlineForm(request.GET or None)
    result = kind = None
    if form.is_bound and form.is_valid():
        kind = kind_of(form.cleaned_data["kind"])
        result = compute(kind, form.cleaned_data["start"])
    return render(request, "legalservice/qa_deadlines.html", {
        "form": form, "result": result, "kind": kind,
        "length": length_label(kind) if kind else "",
        "kinds": [(k, length_label(k)) for k in period_kinds()],
        "title": gettext("Statutory deadline calculator"),
    })  # fmt: skip


register_service(
    Service(
        key="legalservice_deadlines",
        title=_("Statutory deadline calculator"),
        description=_(
            "The last day to apply for reconsideration, to sue, or for the authority to decide: "
            "choose the period and the day it starts, with holidays and weekends counted."
        ),
        url_name="legalservice:qa_deadlines",
        order=62,
    )
)
