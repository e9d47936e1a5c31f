from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core import fields
from core.errors import InvalidInput
from core.idempotency import is_valid_key, new_key
from core.models import Gender, Organization, Party, PartyKind
from core.services import clean_party_data


class SubmissionKeyMixin(forms.Form):
    """A hidden key minted when the form is shown; a resubmission carries the same key."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_key())

    def clean_submission_key(self) -> str:
        key = self.cleaned_data.get("submission_key") or ""
        return key if is_valid_key(key) else new_key()


class PartyForm(SubmissionKeyMixin, forms.Form):
    kind = forms.ChoiceField(label=_("party kind"), choices=PartyKind.choices)
    name = forms.CharField(label=_("name"), max_length=128)
    id_number = forms.CharField(
        label=_("resident ID number"),
        max_length=18,
        required=False,
        help_text=_("18 characters; checked against GB 11643."),
    )
    credit_code = forms.CharField(
        label=_("unified social credit code"),
        max_length=18,
        required=False,
        help_text=_("For organisations; checked against GB 32100."),
    )
    legal_representative = forms.CharField(
        label=_("legal representative"), max_length=64, required=False
    )
    gender = forms.ChoiceField(
        label=_("gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    ethnicity = forms.CharField(label=_("ethnicity"), max_length=16, required=False)
    phone = forms.CharField(
        label=_("telephone"), max_length=20, required=False, widget=fields.PhoneInput()
    )
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    organization = fields.ModelChoiceField(
        label=_("registering organisation"), queryset=Organization.objects.none(), required=False
    )
    version = fields.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, instance: Party | None = None, **kwargs):
        self.instance = instance
        if instance is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "kind": instance.kind,
                "name": instance.name,
                "id_number": instance.id_number,
                "credit_code": instance.credit_code,
                "legal_representative": instance.legal_representative,
                "gender": instance.gender,
                "ethnicity": instance.ethnicity,
                "phone": instance.phone,
                "address": instance.address,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        if instance is not None:
            del self.fields["organization"]
        else:
            del self.fields["version"]
            choices = Organization.objects.restrict(user, "view").order_by("region_id", "name")
            self.fields["organization"].queryset = choices
            if choices.count() <= 1:
                del self.fields["organization"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            normalised = clean_party_data(cleaned)
        except InvalidInput as exc:
            for field, messages in exc.fields.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
            return cleaned
        cleaned.update(normalised)
        return cleaned

    def party_data(self) -> dict:
        return {
            key: self.cleaned_data.get(key)
            for key in (
                "kind",
                "name",
                "id_number",
                "credit_code",
                "legal_representative",
                "gender",
                "ethnicity",
                "phone",
                "address",
                "birth_date",
            )
            if key in self.cleaned_data
        }


# -- pieces of every business line's creating forms -------------------------------------------


def add_field_errors(form, errors: dict) -> None:
    """Put a service's errors beside the form's fields (those not already in error)."""
    for field, messages in errors.items():
        if field in form.fields and field not in form.errors:
            for message in messages:
                form.add_error(field, message)


def single_default(form, name: str, queryset) -> None:
    """Offer `queryset` in the choice field `name`, preselecting its only row."""
    form.fields[name].queryset = queryset
    if queryset.count() == 1:
        form.initial.setdefault(name, queryset.first())


class PartyEntryForm(forms.Form):
    """A row of a case's party formset. A line declares `side` with its own sides and may
    refuse a row in `check_entry`. The service's party checks (ID checksum, phone, credit
    code) run here too, so that every error shows in the first round, beside its field."""

    side = forms.ChoiceField(label=_("side"), choices=())
    kind = forms.ChoiceField(label=_("party kind"), choices=PartyKind.choices)
    name = forms.CharField(label=_("name"), max_length=128)
    id_number = forms.CharField(label=_("resident ID number"), max_length=18, required=False)
    credit_code = forms.CharField(
        label=_("unified social credit code"), max_length=18, required=False
    )
    phone = forms.CharField(
        label=_("telephone"), max_length=20, required=False, widget=fields.PhoneInput()
    )
    address = forms.CharField(label=_("address"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(k) for k in ("name", "id_number", "credit_code", "phone")):
            return cleaned
        try:
            clean_party_data(cleaned)
        except InvalidInput as exc:
            add_field_errors(self, exc.fields)
        self.check_entry(cleaned)
        return cleaned

    def check_entry(self, cleaned: dict) -> None:
        """A line's own rule on a filled row (add its errors with `add_error`)."""


def party_formset(formset_class, data, initial: list[dict]):
    """The party rows of a case form (prefix `parties`), preset with `initial`. Blank rows are
    skipped; the service says which side is missing."""
    formset = formset_class(data=data, prefix="parties", initial=initial)
    for form in formset.forms:
        form.empty_permitted = True
        form.use_required_attribute = False
    return formset


class LoginForm(AuthenticationForm):
    """Django's login form, refusing an address from which too many logins failed across
    usernames (password spraying). django-axes already locks one username at one address;
    this counts every username together (FAZHI_LOGIN_ADDRESS_LIMIT per cool-off period)."""

    def clean(self):
        from core.net import client_ip

        if self.request is not None and address_blocked(client_ip(self.request)):
            raise forms.ValidationError(
                _(
                    "Too many failed logins from this address. Try again in %(minutes)s "
                    "minutes, or ask your system administrator."
                )
                % {"minutes": int(settings.AXES_COOLOFF_TIME * 60)},
                code="address_blocked",
            )
        return super().clean()


def address_blocked(address: str) -> bool:
    from core.limits import hits

    return hits("login-failures", address) >= settings.FAZHI_LOGIN_ADDRESS_LIMIT


def count_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """user_login_failed: one more failure for the address (any username)."""
    from core.limits import hit
    from core.net import client_ip

    if request is not None:
        hit("login-failures", client_ip(request), int(settings.AXES_COOLOFF_TIME * 3600))
