from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.fields import PhoneInput
from core.forms import SubmissionKeyMixin


def clean_mobile(value: str) -> str:
    """A mobile number a one-time code is sent to by SMS, normalised (core.validators), or a
    form error saying what is wrong (the portal's forms: an application, the public vote)."""
    from django.core.exceptions import ValidationError

    from core.validators import validate_phone

    try:
        phone = validate_phone(value)
    except ValidationError as exc:
        raise forms.ValidationError(exc.messages[0]) from None
    if not (len(phone) == 11 and phone.startswith("1")):
        raise forms.ValidationError(
            gettext("Give a mobile number: the verification code is sent by SMS.")
        )
    return phone


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


class ApplicationForm(SubmissionKeyMixin, forms.Form):
    """The base of a line's online application form (portal.online): a mobile phone for the
    applicant (`applicant_phone`, which the line declares), and the parties' fields checked as
    the party fields they are (core.services) with every other field, so that all errors show
    at once.

    `party_fields` maps a field prefix to the party fields the form has under it; a prefix in
    `optional_parties` may be left empty altogether.
    """

    party_fields: dict[str, tuple[str, ...]] = {}
    optional_parties: tuple[str, ...] = ()

    def clean_applicant_phone(self):
        return clean_mobile(self.cleaned_data["applicant_phone"])

    def clean(self):
        from core.errors import InvalidInput
        from core.services import clean_party_data

        cleaned = super().clean()
        for prefix, names in self.party_fields.items():
            entry = {name: cleaned[prefix + name] for name in names if cleaned.get(prefix + name)}
            if not entry and prefix in self.optional_parties:
                continue
            try:
                normalised = clean_party_data(entry)
            except InvalidInput as exc:
                for name, errors in exc.fields.items():
                    self.add_error_once(prefix + name, errors)
            else:
                cleaned.update(
                    {prefix + name: normalised[name] for name in names if name in normalised}
                )
        return cleaned

    def add_error_once(self, target: str, errors) -> None:
        """Add errors to `target` unless its own check has already said what is wrong."""
        if target in self.errors:
            return
        for error in errors:
            self.add_error(target if target in self.fields else None, error)
