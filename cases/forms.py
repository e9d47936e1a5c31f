from django import forms
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
