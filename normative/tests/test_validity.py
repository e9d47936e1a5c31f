"""Validity dates and unified numbers worked by hand (statutes-lines §B.4, §B.8, ❓ so
configurable; normative.validity)."""

from __future__ import annotations

import datetime

import pytest

from normative.validity import (
    evaluate_by,
    longest_valid_until,
    max_validity_years,
    parse_unified_number,
)

D = datetime.date


def test_a_provisional_document_effective_1_march_2026_is_valid_until_29_february_2028():
    # §B.8 ❓: 暂行/试行 at most 2 years. Effective Sun 2026-03-01; the corresponding day two
    # years later is 2028-03-01; the period ends the day before: 2028-02-29 (2028 is a leap
    # year).
    assert max_validity_years("广州市海珠区占道经营管理暂行规定") == 2
    assert longest_valid_until(D(2026, 3, 1), "占道经营管理暂行规定") == D(2028, 2, 29)
    assert longest_valid_until(D(2026, 3, 1), "占道经营管理试行办法") == D(2028, 2, 29)


def test_an_ordinary_document_is_valid_five_years():
    # §B.8 ❓: at most 5 years. Effective 2026-03-01 → corresponding day 2031-03-01 → until
    # 2031-02-28.
    assert max_validity_years("占道经营管理规定") == 5
    assert longest_valid_until(D(2026, 3, 1), "占道经营管理规定") == D(2031, 2, 28)


def test_a_document_effective_on_29_february_ends_on_28_february():
    # Effective 2024-02-29; 2029 has no 29 February, so the corresponding day is 2029-03-01
    # and the validity ends on 2029-02-28.
    assert longest_valid_until(D(2024, 2, 29), "规定") == D(2029, 2, 28)


def test_the_validity_years_are_configurable(settings):
    settings.FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS = 3
    settings.FAZHI_NORMATIVE_VALIDITY_YEARS = 10
    assert longest_valid_until(D(2026, 3, 1), "暂行规定") == D(2029, 2, 28)
    assert longest_valid_until(D(2026, 3, 1), "规定") == D(2036, 2, 29)


def test_the_evaluation_is_due_six_months_before_expiry(settings):
    # §B.8 ◑ S13: about 6 months before expiry. 2028-02-29 − 6 months = 2027-08-29.
    assert evaluate_by(D(2028, 2, 29)) == D(2027, 8, 29)
    # 2031-02-28 − 6 months = 2030-08-28.
    assert evaluate_by(D(2031, 2, 28)) == D(2030, 8, 28)
    settings.FAZHI_NORMATIVE_EVALUATE_MONTHS = 3
    assert evaluate_by(D(2028, 2, 29)) == D(2027, 11, 29)


def test_a_unified_number_is_stored_raw_and_parsed():
    parsed = parse_unified_number("穗府规〔2026〕3号", "440105000000")
    assert (parsed.raw, parsed.prefix, parsed.year, parsed.seq) == ("穗府规〔2026〕3号", "穗府规",
                                                                    2026, 3)  # fmt: skip
    assert parse_unified_number("穗府规2026-3", "440105000000") is None
    assert parse_unified_number("", "440105000000") is None


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("HFGS—2017—9", "340100000000", ("HFGS", 2017, 9)),
        ("穗府规〔2026〕3号", "340100000000", None),  # 合肥's format only, in 3401
        ("穗府规〔2026〕3号", "440100000000", ("穗府规", 2026, 3)),  # the default elsewhere
    ],
)
def test_the_number_format_is_configured_per_region(settings, raw, region, expected):
    settings.FAZHI_NORMATIVE_NUMBER_FORMATS = {
        "3401": r"^(?P<prefix>[A-Z]+)—(?P<year>\d{4})—(?P<seq>\d+)$"
    }
    parsed = parse_unified_number(raw, region)
    assert (None if parsed is None else (parsed.prefix, parsed.year, parsed.seq)) == expected
