"""Indicators of complaints and dispatches (enforcement.complaint_indicators), on the worked
example of enforcement.tests.complaints_support (dates through the Dragon Boat Festival 2026):

- Replies due: A1 due Thu 25 Jun, replied Mon 22 Jun → on time (then sent back: still on time
  for its round); B1 due Thu 25 Jun, replied Mon 29 Jun → late; A2 due Tue 7 Jul (sent back on
  Tue 23 Jun, 10 WD), replied Thu 2 Jul → on time.
  June 2026: A1, B1 due → 1/2 = 50.00%; July 2026: A2 → 1/1 = 100.00%; 2026 as of Fri 31 Jul:
  2/3 = 66.67% (as of Fri 3 Jul, A2's deadline is not in the period yet: 1/2). By body in 2026
  (to 31 Jul): 市监 2/2, 城管 0/1.
- On Fri 26 Jun, before B replied: June as of 26 Jun counts A1 (replied) and B1 (due 25 Jun,
  passed, no reply) → 1/2; A2 (due 7 Jul) is not yet due. dispatches_overdue = 1 (B1), 0 on
  Thu 25 Jun itself (the deadline day is not yet passed).
- Complaints: the example's (online, Mon 8 Jun, about 市监), a 12345 referral on Fri 12 Jun
  naming no body, and a 白云 complaint (online) → 海珠 June 2026: 2 (online 1, referral 1; by
  body 市监 1, not named 1); 广州: 3.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import gettext

from enforcement.complaint_services import complaint_register
from enforcement.tests.complaints_support import (
    B_OVERDUE,
    CLOSED,
    FIRST_DUE,
    D,
    file_online,
    worked_example,
)
from enforcement.tests.conftest import on
from indicators.registry import Period, registry

pytestmark = pytest.mark.django_db
JUNE, JULY, Y2026 = Period.month(2026, 6), Period.month(2026, 7), Period.year(2026)
RATE = "enforcement.dispatches_on_time_rate"


def figure(key, prefix, period):
    return registry.get(key).compute(prefix, period)


def test_the_on_time_rate_counts_each_reply_asked_in_the_period_of_its_deadline(ew):
    worked_example(ew)
    with on(CLOSED):
        early = figure(RATE, "440105", Y2026.as_of())
    with on(D(2026, 7, 31)):
        june, july = figure(RATE, "440105", JUNE), figure(RATE, "440105", JULY)
        year = figure(RATE, "440105", Y2026.as_of())
        by_body = registry.get(RATE).breakdowns["body"]("440105", Y2026.as_of())
    assert (early.numerator, early.denominator) == (1, 2)
    assert (june.numerator, june.denominator, june.value) == (1, 2, Decimal("50.00"))
    assert (july.numerator, july.denominator, july.value) == (1, 1, Decimal("100.00"))
    assert (year.numerator, year.denominator, year.value) == (2, 3, Decimal("66.67"))
    assert by_body == {"海珠区市场监督管理局": {"numerator": 2, "denominator": 2},
                       "海珠区城市管理和综合执法局": {"numerator": 0, "denominator": 1}}  # fmt: skip


def test_a_deadline_not_yet_passed_is_not_counted_and_a_passed_one_counts_late(ew):
    worked_example(ew, until=B_OVERDUE)
    with on(FIRST_DUE):
        assert figure("enforcement.dispatches_overdue", "440105", JUNE).value == 0
    with on(B_OVERDUE):
        june = figure(RATE, "440105", JUNE.as_of())
        overdue = figure("enforcement.dispatches_overdue", "440105", JUNE)
        by_body = registry.get("enforcement.dispatches_overdue").breakdowns["body"]("440105",
                                                                                    JUNE)  # fmt: skip
    assert (june.numerator, june.denominator) == (1, 2)
    assert overdue.value == 1 and by_body == {"海珠区城市管理和综合执法局": 1}


def test_complaints_received_by_channel_and_body(ew):
    w = ew
    worked_example(w, until=D(2026, 6, 9))
    with on(D(2026, 6, 12)):
        complaint_register(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data={
            "channel": "referral", "referral_source": "12345热线", "complainant_name": "王某",
            "happened_on": D(2026, 6, 10), "facts": "城管执法人员暴力收缴摊位物品。"})  # fmt: skip
    file_online(w, D(2026, 6, 15), phone="13800138009", body=w.baiyun_body, bureau=w.baiyun_bureau)
    with on(D(2026, 6, 30)):
        haizhu = figure("enforcement.complaints", "440105", JUNE)
        city = figure("enforcement.complaints", "4401", JUNE)
        indicator = registry.get("enforcement.complaints")
        by_channel = indicator.breakdowns["channel"]("440105", JUNE)
        by_body = indicator.breakdowns["body"]("440105", JUNE)
    assert (haizhu.value, city.value) == (2, 3)
    assert by_channel == {gettext("Online"): 1, gettext("Referral"): 1}
    assert by_body == {"海珠区市场监督管理局": 1, gettext("not named"): 1}


def test_the_grouped_figures_equal_the_single_queries(ew):
    worked_example(ew)
    with on(CLOSED):
        for key in ("enforcement.complaints", RATE, "enforcement.dispatches_overdue"):
            indicator = registry.get(key)
            for period in (JUNE, JULY, Y2026.as_of()):
                grouped = indicator.compute("440105", period)
                single = indicator.compute_single("440105", period)
                assert (grouped.value, grouped.numerator) == (single.value, single.numerator), key


def test_each_indicator_names_its_definition_source_and_line():
    for key in ("enforcement.complaints", RATE, "enforcement.dispatches_overdue"):
        indicator = registry.get(key)
        assert indicator.business_line == "enforcement"
        assert str(indicator.definition) and str(indicator.source)


def test_each_drilldown_lists_as_many_rows_as_the_figure(ew, client):
    from django.urls import reverse

    worked_example(ew)
    with on(D(2026, 7, 31)):
        client.force_login(ew.leader_gz)
        for key in ("enforcement.complaints", RATE):
            response = client.get(reverse("indicators:drilldown", args=[key]),
                                  {"year": 2026, "region": "440105000000"})  # fmt: skip
            assert response.status_code == 200, key
            assert response.context["total"] == response.context["counted"], key
            assert response.context["counted"] == {"enforcement.complaints": 1, RATE: 2}[key]
