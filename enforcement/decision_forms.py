"""The forms of enforcement decisions' publication and withdrawal (the services decide: the
window, the dates' order, CF Art. 48)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core.forms import SubmissionKeyMixin
from enforcement.decision_choices import WithdrawalGround


class PublishForm(SubmissionKeyMixin, forms.Form):
    published_on = forms.DateField(
        label=_("publicity day"), widget=DateInput(),
        help_text=_("From this day the public part of the decision is on the portal."),
    )  # fmt: skip


class WithdrawForm(SubmissionKeyMixin, forms.Form):
    withdrawal_ground = forms.ChoiceField(label=_("how it was changed"),
                                          choices=[("", "—"), *WithdrawalGround.choices])  # fmt: skip
    changed_on = forms.DateField(
        label=_("changed on"), widget=DateInput(),
        help_text=_("The day of the decision, judgment or ruling that changed it: the 3 working "
                    "days of Article 48 run from the next day."),
    )  # fmt: skip
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=DateInput())
    withdrawal_reason = forms.CharField(label=_("reasons for the withdrawal"), max_length=500,
                                        widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
