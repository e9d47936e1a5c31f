"""How the report prints figures (indicators.formatting), on worked examples written the way
the sample reports write them (../shared/samples: 17725宗, 1512.8万元, 99.98%, 同比增长38%,
同比下降22.7%)."""

from decimal import Decimal

import pytest

from indicators.formatting import format_number, printed, printed_pair, prose_yoy, yoy_phrase


def _pair(value, previous, unit="%"):
    now, before = printed_pair(value, previous, unit)
    return now.text, before.text


# --- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(17725, "宗", "17725宗"), (1158, "件", "1158件"), (0, "件", "0件"), (912, "件", "912件"),
     (None, "件", "—")],
)  # fmt: skip
def test_counts_print_without_a_thousands_separator(value, unit, text):
    assert printed(value, unit).text == text


# --- money --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (Decimal("15128000"), "1512.8万元"),  # baiyun-2019: 挽回经济损失1512.8万元
        (Decimal("15128049.99"), "1512.8万元"),  # 1512.80万元 rounded, the zero dropped
        (Decimal("3928000"), "392.8万元"),
        (Decimal("10000"), "1万元"),
        (Decimal("9999.996"), "1万元"),  # rounds up to ten thousand: written in 万元
        (Decimal("3750.50"), "3750.5元"),
        (Decimal("3500"), "3500元"),
        (Decimal("123456789"), "1.23亿元"),
        (Decimal("99999999"), "1亿元"),  # 9999.9999万元 rounds to 1亿元, not 10000万元
    ],
)
def test_money_drops_trailing_zeros_and_scales_to_万元_and_亿元(yuan, text):
    assert printed(yuan, "元").text == text


# --- rates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Decimal("94"), "94%"),  # luohu-2020: 成功率94%
        (Decimal("33.333"), "33.3%"),  # haizhu-2020: 综合纠错率达33.3%
        (Decimal("75.00"), "75%"),
        (Decimal("100"), "100%"),  # exact: 100%
        (Decimal("99.96"), "99.96%"),  # one decimal would print 100.0%
        (Decimal("99.95"), "99.95%"),  # 99.95 rounds half up to 100.0 at one decimal
        (Decimal("99.9996"), "99.9996%"),  # never 100% unless exact, however close
        (Decimal("0.04"), "0.04%"),  # one decimal would print 0.0%
        (Decimal("0"), "0%"),
        (None, "—"),  # no denominator
    ],
)
def test_a_rate_prints_one_decimal_unless_one_would_round_to_100_or_0(rate, text):
    assert printed(rate, "%").text == text


def test_two_different_rates_never_print_alike():
    # 98.74 and 98.71 are both 98.7 at one decimal: both print two.
    assert _pair(Decimal("98.74"), Decimal("98.71")) == ("98.74%", "98.71%")
    # 98.65 rounds half up to 98.7 as 98.74 does.
    assert _pair(Decimal("98.74"), Decimal("98.65")) == ("98.74%", "98.65%")
    # Apart at one decimal: one decimal each.
    assert _pair(Decimal("95.3"), Decimal("94.1")) == ("95.3%", "94.1%")
    assert _pair(Decimal("95.34"), Decimal("94.06")) == ("95.3%", "94.1%")
    # Equal rates may print alike; a missing one does not count.
    assert _pair(Decimal("97.8"), Decimal("97.8")) == ("97.8%", "97.8%")
    assert _pair(Decimal("97.84"), None) == ("97.8%", "—")


# --- 同比 -----------------------------------------------------------------------------------------


def test_同比_of_a_rate_is_in_points_from_the_printed_rates():
    assert prose_yoy(Decimal("95.3"), Decimal("94.1"), "%", ratio=True) == "同比上升1.2个百分点"
    # Unrounded, 95.34 − 94.06 is 1.28 (1.3); the text prints 95.3% and 94.1%, so it says 1.2.
    assert prose_yoy(Decimal("95.34"), Decimal("94.06"), "%", ratio=True) == "同比上升1.2个百分点"
    assert prose_yoy(Decimal("98.74"), Decimal("98.71"), "%", ratio=True) == "同比上升0.03个百分点"
    assert prose_yoy(Decimal("75"), Decimal("100"), "%", ratio=True) == "同比下降25个百分点"
    assert prose_yoy(Decimal("97.8"), Decimal("97.8"), "%", ratio=True) == "与上年持平"
    assert prose_yoy(Decimal("97.8"), None, "%", ratio=True) == ""


def test_同比_of_a_count_is_a_percentage_as_the_samples_write_it():
    assert prose_yoy(3037, 2809, "件", ratio=False) == "同比增长8.1%"  # 228 ÷ 2809 = 8.12%
    assert prose_yoy(2809, 3037, "件", ratio=False) == "同比下降7.5%"
    assert prose_yoy(4, 1, "件", ratio=False) == "同比增长300%"
    assert prose_yoy(10, 10, "件", ratio=False) == "与上年持平"
    assert prose_yoy(10, 0, "件", ratio=False) == ""  # nothing to compare with
    # 1 more of 10000 is 0.01%: one decimal would print a change as 0.
    assert prose_yoy(10001, 10000, "件", ratio=False) == "同比增长0.01%"


def test_同比_of_money_is_computed_from_the_printed_amounts():
    # 1512.8万元 against 1400万元: (1512.8 − 1400) ÷ 1400 = 8.06%.
    assert prose_yoy(Decimal("15128049"), Decimal("14000000"), "元", ratio=False) == "同比增长8.1%"
    # Both print 1512.8万元: the text says 持平, not a change too small to print.
    assert prose_yoy(Decimal("15128049"), Decimal("15128000"), "元", ratio=False) == "与上年持平"


# --- the dashboard keeps its compact tiles -----------------------------------------------------


def test_the_dashboard_tiles_keep_their_separator_but_never_a_false_100_percent():
    assert format_number(3037) == "3,037"
    assert format_number(Decimal("97.50"), "%") == "97.5%"
    assert format_number(Decimal("99.96"), "%") == "99.96%"
    assert format_number(Decimal("100"), "%") == "100.0%"
    assert yoy_phrase(3037, 2809, ratio=False) == "同比增长8.1%"
    assert yoy_phrase(97.3, 98.5, ratio=True) == "同比下降1.2个百分点"
