from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import fields


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label=_("start date"),
        help_text=_("The day of the event (receipt, service, decision); it is not counted."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    days = fields.IntegerField(label=_("length of the period (days)"), min_value=1, max_value=3660)
    working = forms.BooleanField(
        label=_("count working days (工作日)"),
        required=False,
        help_text=_(
            "For periods the law states in working days, e.g. 5 or 10 working days under the Administrative Reconsideration Law."
        ),
    )


class TransitionForm(forms.Form):
    """Base of the forms that declare a transition's fields; gets the case it applies to."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _today():
    return timezone.localdate()


class DatedForm(TransitionForm):
    """A step recorded with its effective date: today by default, never in the future, never
    before the case was received."""

    on_date = forms.DateField(label=_("date"), initial=_today, widget=DateInput())

    def clean_on_date(self):
        value = self.cleaned_data["on_date"]
        if value and value > _today():
            raise forms.ValidationError(gettext("The date cannot be in the future."))
        if self.case is not None and value < timezone.localtime(self.case.received_at).date():
            raise forms.ValidationError(gettext("The date cannot precede the application."))
        return value


class ReasonForm(DatedForm):
    reason = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
