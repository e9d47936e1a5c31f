"""Form fields that refuse, instead of passing to the database, values no column can hold.

Django's choice fields look a posted id up as it comes (an id of twenty digits overflows the
integer column: OverflowError on SQLite, DataError on PostgreSQL) and its IntegerField has no
bounds of its own. Every form in Fazhi uses these instead (core.tests.test_forms_fuzz posts
random values to every page form).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The range of a 32-bit integer column, which every integer field here fits.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _plausible_id(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 18


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None:
            if not _plausible_id(value):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value or ():
            if not _plausible_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class IntegerField(forms.IntegerField):
    """An integer a 32-bit column holds, unless the form narrows it further."""

    def __init__(self, *, max_value=None, min_value=None, **kwargs):
        super().__init__(
            max_value=INT_MAX if max_value is None else max_value,
            min_value=INT_MIN if min_value is None else min_value,
            **kwargs,
        )


class PhoneInput(forms.TextInput):
    """Every box that asks for a telephone number: the phone keypad on a mobile (type and
    inputmode "tel"). `own=True` where people give their own number, which the browser may then
    offer to fill in (autocomplete "tel"); elsewhere (the other party's number, staff entering
    a party's) the browser must not offer the user's own number (autocomplete "off")."""

    input_type = "tel"

    def __init__(self, attrs=None, *, own: bool = False):
        defaults = {"inputmode": "tel", "autocomplete": "tel" if own else "off"}
        super().__init__({**defaults, **(attrs or {})})
