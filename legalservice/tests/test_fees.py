"""The litigation fee calculator (诉讼费用交纳办法): every worked value of reference/statutes.md
§7, the band edges, the other kinds, the application fees, a single halving, and the public
page — GET, a good POST, a bad POST naming the field, and no 500 on junk."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from legalservice import fees
from legalservice.fee_calculator import FeeForm

D = Decimal
URL = "/legalservice/public/fees/"

PROPERTY_WORKED = [
    ("5000", "50"), ("10000", "50"), ("50000", "1050"), ("100000", "2300"),
    ("150000", "3300"), ("200000", "4300"), ("500000", "8800"), ("1000000", "13800"),
    ("2000000", "22800"), ("5000000", "46800"), ("10000000", "81800"),
    ("20000000", "141800"), ("30000000", "191800"), ("123456.78", "2769.1356"),
]  # fmt: skip


@pytest.mark.parametrize(("amount", "fee"), PROPERTY_WORKED)
def test_the_property_fee_matches_every_worked_value(amount, fee):
    assert fees.property_fee(amount) == D(fee)
    assert fees.compute(fees.PROPERTY, D(amount)).low == D(fee)


def test_an_odd_amount_stays_exact_and_rounds_only_for_display():
    fee = fees.compute(fees.PROPERTY, "123456.78")
    assert fee.low == D("2769.1356") and str(fee.low.normalize()) == "2769.1356"
    assert fees.to_fen(fee.low) == D("2769.14")
    assert fees.to_fen(D("0.005")) == D("0.01")  # half up


# Each edge against the closed form of its band (reference table).
CLOSED = [
    (D("0.025"), -200, D(10_000), D(100_000)), (D("0.02"), 300, D(100_000), D(200_000)),
    (D("0.015"), 1_300, D(200_000), D(500_000)), (D("0.01"), 3_800, D(500_000), D(1_000_000)),
    (D("0.009"), 4_800, D(1_000_000), D(2_000_000)),
    (D("0.008"), 6_800, D(2_000_000), D(5_000_000)),
    (D("0.007"), 11_800, D(5_000_000), D(10_000_000)),
    (D("0.006"), 21_800, D(10_000_000), D(20_000_000)),
    (D("0.005"), 41_800, D(20_000_000), D(90_000_000)),
]  # fmt: skip


@pytest.mark.parametrize(("rate", "offset", "lower", "upper"), CLOSED)
def test_the_band_edges_follow_the_closed_forms(rate, offset, lower, upper):
    for x in (lower + D("0.01"), (lower + upper) / 2, upper):
        assert fees.property_fee(x) == rate * x + offset


def test_the_first_band_is_fifty_flat_and_one_fen_more_pays_the_next_rate():
    assert fees.property_fee("0.01") == fees.property_fee("10000") == D(50)
    assert fees.property_fee("10000.01") == D("50.00025")


def test_the_working_shows_each_band_and_adds_up():
    fee = fees.compute(fees.PROPERTY, "123456.78")
    assert [(line.lower, line.upper, line.rate) for line in fee.lines] == [
        (D(0), D(10_000), None), (D(10_000), D(100_000), D("0.025")),
        (D(100_000), D(200_000), D("0.02")),
    ]  # fmt: skip
    assert fee.lines[2].portion == D("23456.78")
    assert sum(line.amount for line in fee.lines) == fee.low
    assert (fee.article, fee.item) == (13, 1)


@pytest.mark.parametrize(("kind", "amount", "low", "high"), [
    (fees.DIVORCE, None, 50, 300), (fees.DIVORCE, "200000", 50, 300),
    (fees.DIVORCE, "300000", 550, 800),
    (fees.PERSONALITY, None, 100, 500), (fees.PERSONALITY, "50000", 100, 500),
    (fees.PERSONALITY, "100000", 600, 1000), (fees.PERSONALITY, "150000", 850, 1250),
    (fees.NON_PROPERTY, None, 50, 100), (fees.IP, None, 500, 1000),
    (fees.IP, "100000", 2300, 2300), (fees.LABOUR, None, 10, 10),
    (fees.ADMIN_SPECIAL, None, 100, 100), (fees.ADMIN_OTHER, None, 50, 50),
    (fees.JURISDICTION, None, 50, 100),
])  # fmt: skip
def test_the_other_kinds(kind, amount, low, high):
    fee = fees.compute(kind, amount)
    assert (fee.low, fee.high) == (D(low), D(high))
    assert fee.is_range == (low != high)


@pytest.mark.parametrize(("kind", "amount", "fee"), [
    (fees.ENFORCEMENT, "10000", "50"), (fees.ENFORCEMENT, "100000", "1400"),
    (fees.ENFORCEMENT, "1000000", "12400"), (fees.ENFORCEMENT, "5000000", "52400"),
    (fees.ENFORCEMENT, "10000000", "77400"), (fees.ENFORCEMENT, "20000000", "87400"),
    (fees.PRESERVATION, "500", "30"), (fees.PRESERVATION, None, "30"),
    (fees.PRESERVATION, "100000", "1020"), (fees.PRESERVATION, "1000000", "5000"),
    (fees.PRESERVATION, "896000", "5000"), (fees.PRESERVATION, "895000", "4995"),
    (fees.PAYMENT_ORDER, "38000", "250"), (fees.BANKRUPTCY, "100000", "1150"),
    (fees.BANKRUPTCY, "1000000000", "300000"),
])  # fmt: skip
def test_the_application_fees(kind, amount, fee):
    assert fees.compute(kind, amount).low == D(fee)


def test_the_caps_are_reported():
    assert fees.compute(fees.PRESERVATION, "1000000").capped == D(5000)
    assert fees.compute(fees.PRESERVATION, "100000").capped is None
    assert fees.compute(fees.BANKRUPTCY, "1000000000").capped == D(300_000)


def test_a_payment_order_is_a_third_of_the_property_fee():
    fee = fees.compute(fees.PAYMENT_ORDER, "100000")
    assert fee.banded == D(2300) and fee.low * 3 == pytest.approx(D(2300))
    assert fees.to_fen(fee.low) == D("766.67")


def test_enforcement_without_an_amount_is_a_range():
    fee = fees.compute(fees.ENFORCEMENT)
    assert (fee.low, fee.high) == (D(50), D(500))


def test_halving_is_applied_once_whatever_the_grounds():
    once = fees.compute(fees.PROPERTY, "100000", [fees.MEDIATION_OR_WITHDRAWAL])
    assert once.low == D(1150) and once.halved_by == (15,) and not once.halving_stacked
    all_three = fees.compute(fees.PROPERTY, "100000",
                             [fees.HEARD_TOGETHER, fees.SIMPLIFIED, fees.MEDIATION_OR_WITHDRAWAL])  # fmt: skip
    assert all_three.low == D(1150) and all_three.unhalved_low == D(2300)
    assert all_three.halved_by == (15, 16, 18) and all_three.halving_stacked
    assert fees.compute(fees.DIVORCE, None, [fees.SIMPLIFIED]).high == D(150)
    assert fees.compute(fees.PROPERTY, "123456.78", [fees.SIMPLIFIED]).low == D("1384.5678")


@pytest.mark.parametrize(("kind", "amount", "halving"), [
    (fees.PROPERTY, None, ()), (fees.PROPERTY, "0", ()), (fees.PROPERTY, "-1", ()),
    (fees.PAYMENT_ORDER, None, ()), (fees.BANKRUPTCY, "NaN", ()), ("nothing", "1", ()),
    (fees.ENFORCEMENT, "100000", (fees.SIMPLIFIED,)),
])  # fmt: skip
def test_input_that_gives_no_fee_is_refused(kind, amount, halving):
    with pytest.raises(fees.FeeError):
        fees.compute(kind, amount, halving)


# The page.


@pytest.mark.django_db
def test_the_page_opens_without_login(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "fee-form" in response.content.decode() and response.context["result"] is None


@pytest.mark.django_db
def test_the_portal_home_has_the_card(client):
    body = client.get("/portal/").content.decode()
    assert URL in body


@pytest.mark.django_db
def test_a_good_post_shows_the_fee_and_the_working(client):
    response = client.post(URL, {"kind": fees.PROPERTY, "amount": "123,456.78",
                                 "halving": [fees.SIMPLIFIED]})  # fmt: skip
    assert response.status_code == 200
    result = response.context["result"]
    assert (result["low"], result["high"]) == (D("1384.57"), D("1384.57"))
    assert result["exact"] == "1,384.5678"
    assert len(result["working"]) == 3
    body = response.content.decode()
    assert 'id="fee-result"' in body and "1,384.57" in body and "23,456.78" in body


@pytest.mark.django_db
def test_full_width_digits_and_the_yuan_sign_are_understood(client):
    response = client.post(URL, {"kind": fees.ENFORCEMENT, "amount": "１００００００元"})
    assert response.context["result"]["low"] == D("12400.00")


def _error(response, name):
    form = response.context["form"]
    assert response.context["result"] is None and name in form.errors
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return form.errors[name][0], str(form.fields[name].label)


@pytest.mark.django_db
@pytest.mark.parametrize(("amount", "problem"), [
    ("-5", "cannot be negative."),
    ("abc", "enter a number, such as 100000 or 123456.78."),
    ("1e5", "enter a number, such as 100000 or 123456.78."),
    ("NaN", "enter a number, such as 100000 or 123456.78."),
    ("1.2.3", "enter a number, such as 100000 or 123456.78."),
    ("0", "this kind needs an amount greater than 0."),
    ("", "this kind needs an amount greater than 0."),
    ("9" * 30, "the amount is too large."),
])  # fmt: skip
def test_a_bad_amount_is_named_in_the_error(client, amount, problem):
    response = client.post(URL, {"kind": fees.PROPERTY, "amount": amount})
    assert response.status_code == 200
    message, label = _error(response, "amount")
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert message.startswith(label) and gettext(problem) in message
    assert message in response.content.decode()


@pytest.mark.django_db
def test_halving_an_application_fee_is_refused_on_the_halving_field(client):
    response = client.post(URL, {"kind": fees.PRESERVATION, "amount": "1000",
                                 "halving": [fees.SIMPLIFIED]})  # fmt: skip
    message, label = _error(response, "halving")
    assert message.startswith(label)


@pytest.mark.django_db
@pytest.mark.parametrize("data", [
    {}, {"kind": "x"}, {"kind": fees.PROPERTY, "amount": "1" * 100},
    {"kind": fees.PROPERTY, "amount": "100", "halving": ["x"]},
    {"kind": fees.PROPERTY, "amount": "Infinity"}, {"kind": fees.PROPERTY, "amount": "\x00"},
    {"kind": fees.DIVORCE, "amount": "0"}, {"kind": fees.LABOUR, "amount": "123"},
    {"kind": [fees.PROPERTY, fees.LABOUR], "amount": ["1", "2"]},
])  # fmt: skip
def test_junk_never_gives_a_500(client, data):
    assert client.post(URL, data).status_code == 200
    assert client.get(URL, data).status_code == 200


def test_the_form_alone_accepts_an_empty_amount_for_a_range_kind():
    form = FeeForm({"kind": fees.NON_PROPERTY, "amount": ""})
    assert form.is_valid() and form.cleaned_data["amount"] is None
