from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import PhoneInput


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label=_("tracking code"), max_length=16)
    phone = forms.CharField(
        label=_("mobile phone used when filing"), max_length=20, widget=PhoneInput(own=True)
    )

    def clean_tracking_code(self):
        return self.cleaned_data["tracking_code"].strip().upper().replace(" ", "")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("one-time code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("message"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
