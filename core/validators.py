"""Validators for identifiers that Chinese case files carry, with messages naming the field.

Resident ID numbers follow GB 11643-1999 (18 characters, ISO 7064 MOD 11-2 check character,
birth date, six-digit address code); unified social credit codes follow GB 32100-2015. The
checksum and date logic comes from `python-stdnum` (stdnum.cn.ric, stdnum.cn.uscc).
"""

from __future__ import annotations

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def normalize_id_number(value: str) -> str:
    return (value or "").strip().replace(" ", "").upper()


def validate_resident_id(value: str) -> str:
    """Return the normalised number or raise ValidationError with a Chinese reason."""
    number = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a final digit or X."),
            code="id_length",
        )
    birth = number[6:14]
    try:
        born = datetime.date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError:
        raise ValidationError(
            _("The birth date %(birth)s in the resident ID number does not exist."),
            params={"birth": birth},
            code="id_birth_date",
        ) from None
    if born > datetime.date.today() or born.year < 1890:
        raise ValidationError(
            _("The birth date %(birth)s in the resident ID number is not possible."),
            params={"birth": birth},
            code="id_birth_date",
        )
    if number[:2] not in _PROVINCE_PREFIXES:
        raise ValidationError(
            _("The address code %(code)s in the resident ID number is not a Chinese province."),
            params={"code": number[:6]},
            code="id_region",
        )
    # Only the checksum of stdnum's ric.validate is needed: the format and the birth date are
    # checked above, and its county lookup (stdnum's address table lags behind new counties)
    # would be ignored — the province prefix is the check we rely on — while it costs a
    # hundred times the checksum (imports validate 100,000 numbers).
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError(
            _("The check character of the resident ID number is wrong (GB 11643 checksum)."),
            code="id_checksum",
        )
    return number


def id_number_facts(number: str) -> dict:
    """Birth date and gender encoded in a valid 18-character resident ID number."""
    return {
        "birth_date": datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
        "gender": "male" if int(number[16]) % 2 else "female",
    }


def validate_credit_code(value: str) -> str:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters."), code="uscc_length"
        )
    try:
        uscc.validate(code)
    except InvalidChecksum:
        raise ValidationError(
            _("The check character of the unified social credit code is wrong (GB 32100)."),
            code="uscc_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("The unified social credit code contains characters GB 32100 does not allow."),
            code="uscc_invalid",
        ) from None
    return code


def validate_phone(value: str) -> str:
    """Mainland mobile or landline; returned in a canonical form (13800138000, 020-12345678)."""
    raw = (value or "").strip().replace(" ", "")
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed) or parsed.country_code != 86:
        raise ValidationError(
            _("Enter a mainland mobile number (11 digits) or a landline with its area code."),
            code="phone",
        )
    national = str(parsed.national_number)
    if phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ) and national.startswith("1"):
        return national
    area = phonenumbers.length_of_geographical_area_code(parsed)
    return f"0{national[:area]}-{national[area:]}" if area else national


_PROVINCE_PREFIXES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83", "91",
}  # fmt: skip


class CharacterClassPasswordValidator:
    """Passwords mix letters and digits (a common requirement of 等保 assessments)."""

    def validate(self, password: str, user=None) -> None:
        if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
            raise ValidationError(
                _("The password must contain both letters and digits."), code="password_classes"
            )

    def get_help_text(self) -> str:
        return _("Your password must contain both letters and digits.")


def length_errors(model, data) -> dict[str, list[str]]:
    """Text longer than the model's column allows, by field: the one place the lengths of
    forms, API payloads and imports are checked (the model declares them)."""
    from django.core.exceptions import FieldDoesNotExist

    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if not isinstance(value, str):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        limit = getattr(field, "max_length", None)
        if limit and len(value) > limit:
            errors[name] = [
                _("At most %(max)s characters (this has %(count)s).")
                % {"max": limit, "count": len(value)}
            ]
    return errors
