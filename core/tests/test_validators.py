"""Identifiers checked as the national standards define them (GB 11643, GB 32100)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.validators import validate_credit_code, validate_phone, validate_resident_id

VALID_ID = "11010519491231002X"  # the GB 11643 worked example
VALID_USCC = "91110000600037341L"


def test_it_accepts_a_valid_resident_id_and_normalises_the_x():
    assert validate_resident_id(" 11010519491231002x ") == VALID_ID


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_checksum"),  # last character wrong
        ("110105194902300027", "id_birth_date"),  # 30 February
        ("110105219912310021", "id_birth_date"),  # born in 2199
        ("99010519491231002X", "id_region"),  # no province 99
        ("11010519491231002", "id_length"),
        ("1101051949123100ZX", "id_length"),
    ],
)
def test_it_refuses_bad_resident_ids_with_a_reason(number, code):
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(number)
    assert caught.value.code == code


def test_the_reason_reads_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_resident_id("110105194912310021")
    assert "校验码" in caught.value.messages[0]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_resident_id("110105194902300027")
    assert "19490230" in caught.value.messages[0]


def test_it_checks_the_credit_code_checksum():
    assert validate_credit_code(VALID_USCC.lower()) == VALID_USCC
    with pytest.raises(ValidationError) as caught:
        validate_credit_code("91110000600037341M")
    assert caught.value.code == "uscc_checksum"
    with pytest.raises(ValidationError) as caught:
        validate_credit_code("9111000060003734")
    assert caught.value.code == "uscc_length"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("13800138000", "13800138000"), ("+86 138 0013 8000", "13800138000"),
     ("020-83123456", "020-83123456"), ("02083123456", "020-83123456"),
     ("0769 22123456", "0769-22123456")],
)  # fmt: skip
def test_it_normalises_phones(raw, canonical):
    assert validate_phone(raw) == canonical


@pytest.mark.parametrize("raw", ["12345", "23800138000", "abc", "+1 202 555 0100"])
def test_it_refuses_bad_phones(raw):
    with pytest.raises(ValidationError):
        validate_phone(raw)
