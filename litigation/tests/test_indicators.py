"""Litigation indicators on hand-built cases with worked numbers (reference/statutes.md §8:
负责人出庭应诉率 counted per trial level over cases heard in court; 败诉率 / 胜诉率 over the
first-instance cases decided by a judgment or by a ruling dismissing the suit — withdrawals and
mediation in neither; litigation/indicators.py).

Agencies: A 海珠区市场监督管理局 and B 海珠区城市管理和综合执法局 (海珠, 440105), C 白云区市场
监督管理局 (白云, 440111). Every case through the service and the engine.

海珠:
- A1 first instance, served 2025-03-03; heard 04-10, the principal head appeared; annulled
  (lost) 05-20.
- A2 first instance, served 03-10; heard 04-15 without the head (official duty, Art. 8 (3)),
  again 05-06 with a deputy head (the level counts, Art. 7); claims rejected (won) 06-02.
- A3 first instance, served 04-01; heard 05-12, the head absent without excuse; suit dismissed
  by ruling (won) 06-10.
- A4 first instance, served 05-05; the plaintiff withdrew 06-20, never heard.
- A5 first instance, served 2024-11-04; heard 2024-12-10 without the head; changed (lost)
  2025-01-15: a 2024 case heard, a 2025 decision.
- A6 second instance of A1, served 06-05; heard 07-10, the principal head appeared; upheld 08-04.
- B1 first instance, served 03-04; heard 04-20 without the head (force majeure); declared
  unlawful (lost) 07-01.
- B2 first instance, served 11-03; heard 12-15, another head in charge appeared; open.
白云:
- C1 first instance, served 03-05; heard 04-01, the principal head appeared; annulled in part
  (lost) 05-06.

2025 海珠: received 7 (A1–A4, A6, B1, B2): first instance 6, second instance and retrial 1
(A6, an appeal). Heard 6 (A1, A2, A3, A6, B1, B2; A5's first hearing was in 2024), a head
appeared in 4 (A1, A2, A6, B2: the head appearances): 66.67%; first instance 3 of 5, second
instance 1 of 1; A 3 of 4, B 1 of 2. Decided at first instance 5 (A1, A2, A3, A5, B1; A4
withdrawn is not counted): lost 3 (A1, A5, B1) = 60.00%, won 2 (A2, A3) = 40.00%; A lost 2
of 4, won 2 of 4; B lost 1 of 1.
2025 白云: received 1, none at a later level, heard 1 with the head (100%), decided 1, lost 1
(100%), won 0.
2025 广州 (4401): received 8, first instance 7, later levels 1; heard 7, head 5 (71.43%);
decided 6, lost 4 (66.67%), won 2 (33.33%).
2024 海珠: received 1 (A5), later levels 0, heard 1, head 0 (0.00%), nothing decided (no rate).
A retrial of C1 served 2025-09-01 (test_a_retrial_is_a_later_level): 白云 later levels 1, all
retrial; 广州 2 (A6's appeal, C1's retrial), received 9.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from cases.calendar import sync_from_package
from cases.models import CalendarYear
from core.models import Organization, OrganizationKind
from indicators.registry import Period, registry
from litigation.choices import TrialLevel
from litigation.models import LitigationCase
from litigation.tests.helpers import conclude, hear, register

pytestmark = pytest.mark.django_db
D = datetime.date
Y2025, Y2024 = Period.year(2025), Period.year(2024)
A, B = "海珠区市场监督管理局", "海珠区城市管理和综合执法局"
# Breakdowns by a field with choices are labelled with the choices' names.
FIRST, SECOND = str(TrialLevel.FIRST.label), str(TrialLevel.SECOND.label)
RETRIAL = str(TrialLevel.RETRIAL.label)


@pytest.fixture
def history(world):
    if not CalendarYear.objects.exists():
        sync_from_package()
    w = world
    clerk, a = w.clerk_haizhu, w.haizhu_agency
    b = Organization.objects.create(name=B, kind=OrganizationKind.AGENCY, region=w.haizhu)
    c = Organization.objects.create(name="白云区市场监督管理局", kind=OrganizationKind.AGENCY,
                                    region=w.baiyun)  # fmt: skip

    a1 = register(clerk, a, D(2025, 3, 3))
    a1 = hear(a1, clerk, D(2025, 4, 10), head="王局长", position="principal")
    a1 = conclude(a1, clerk, D(2025, 5, 20), "annul")
    a2 = register(clerk, a, D(2025, 3, 10))
    a2 = hear(a2, clerk, D(2025, 4, 15), ground="3")
    a2 = hear(a2, clerk, D(2025, 5, 6), head="李副局长", position="deputy")
    conclude(a2, clerk, D(2025, 6, 2), "reject_claims")
    a3 = register(clerk, a, D(2025, 4, 1))
    a3 = hear(a3, clerk, D(2025, 5, 12), ground="none")
    conclude(a3, clerk, D(2025, 6, 10), "dismiss_suit")
    a4 = register(clerk, a, D(2025, 5, 5))
    conclude(a4, clerk, D(2025, 6, 20), "withdrawn")
    a5 = register(clerk, a, D(2024, 11, 4))
    a5 = hear(a5, clerk, D(2024, 12, 10), ground="4")
    conclude(a5, clerk, D(2025, 1, 15), "change")
    a6 = register(clerk, a, D(2025, 6, 5), level="second", court_case_number="（2025）粤01行终6号",
                  earlier_number=a1.court_case_number)  # fmt: skip
    a6 = hear(a6, clerk, D(2025, 7, 10), head="王局长", position="principal")
    conclude(a6, clerk, D(2025, 8, 4), "upheld")
    b1 = register(clerk, b, D(2025, 3, 4))
    b1 = hear(b1, clerk, D(2025, 4, 20), ground="1")
    conclude(b1, clerk, D(2025, 7, 1), "declare_unlawful")
    b2 = register(clerk, b, D(2025, 11, 3))
    hear(b2, clerk, D(2025, 12, 15), head="赵主任", position="other")
    c1 = register(w.clerk_baiyun, c, D(2025, 3, 5), court="广州市白云区人民法院")
    c1 = hear(c1, w.clerk_baiyun, D(2025, 4, 1), head="陈局长", position="principal")
    conclude(c1, w.clerk_baiyun, D(2025, 5, 6), "annul_part")
    return w


def _figure(key, prefix, period=Y2025):
    return registry.get(key).compute(prefix, period)


def _rate(key, prefix, period=Y2025):
    figure = _figure(key, prefix, period)
    return figure.numerator, figure.denominator, figure.value


def test_counts_received(history):
    assert _figure("litigation.received", "440105").value == 7
    assert _figure("litigation.first_instance", "440105").value == 6
    assert _figure("litigation.first_instance", "440111").value == 1
    assert _figure("litigation.received", "4401").value == 8
    assert _figure("litigation.first_instance", "4401").value == 7
    assert _figure("litigation.received", "440105", Y2024).value == 1
    by_agency = registry.get("litigation.first_instance").breakdowns["agency"]("440105", Y2025)
    assert by_agency == {A: 4, B: 2}
    by_level = registry.get("litigation.received").breakdowns["trial_level"]("440105", Y2025)
    assert by_level == {FIRST: 6, SECOND: 1}


def test_later_levels_decided_cases_and_head_appearances_are_counted(history):
    # The counts the annual reports print beside the rates (白云 2019: 共办理行政应诉案件282件
    # （含一审行政应诉案件147件），已判决的一审行政应诉案件为117件; 海珠 2020: 二审及再审案31宗).
    later = registry.get("litigation.later_instance")
    assert [later.compute(p, Y2025).value for p in ("440105", "440111", "4401")] == [1, 0, 1]
    assert later.compute("440105", Y2024).value == 0
    assert later.breakdowns["trial_level"]("440105", Y2025) == {SECOND: 1}
    assert later.breakdowns["agency"]("440105", Y2025) == {A: 1}
    # First instance and later levels make up the cases received: 6 + 1 = 7.
    first = _figure("litigation.first_instance", "440105").value
    assert first + later.compute("440105", Y2025).value == 7
    assert _figure("litigation.received", "440105").value == 7

    decided = registry.get("litigation.first_instance_decided")
    # A1, A2, A3, A5 (decided 2025-01-15, heard in 2024), B1; A4's withdrawal is not counted.
    assert [decided.compute(p, Y2025).value for p in ("440105", "440111", "4401")] == [5, 1, 6]
    assert decided.compute("440105", Y2024).value == 0
    assert decided.breakdowns["agency"]("440105", Y2025) == {A: 4, B: 1}
    assert _figure("litigation.win_rate", "440105").denominator == 5

    heads = registry.get("litigation.head_appearances")
    # A1 (principal), A2 (deputy, at the second hearing), A6 (appeal), B2 (other head in charge).
    assert [heads.compute(p, Y2025).value for p in ("440105", "440111", "4401")] == [4, 1, 5]
    assert heads.compute("440105", Y2024).value == 0  # A5: heard without the head
    assert heads.breakdowns["trial_level"]("440105", Y2025) == {FIRST: 3, SECOND: 1}
    assert heads.breakdowns["agency"]("440105", Y2025) == {A: 3, B: 1}
    assert sorted(c.court_case_number for c in heads.cases("440105", Y2025)) == sorted(
        c.court_case_number
        for c in registry.get("litigation.head_appearance_rate").cases("440105", Y2025)
    )


def test_a_retrial_is_a_later_level(history):
    w = history
    c1 = LitigationCase.objects.get(organization__name="白云区市场监督管理局")
    register(w.clerk_baiyun, c1.organization, D(2025, 9, 1), level="retrial",
             court="广东省高级人民法院", court_case_number="（2025）粤行申9号",
             earlier_number=c1.court_case_number)  # fmt: skip
    later = registry.get("litigation.later_instance")
    assert later.compute("440111", Y2025).value == 1
    assert later.breakdowns["trial_level"]("440111", Y2025) == {RETRIAL: 1}
    assert later.compute("4401", Y2025).value == 2
    assert _figure("litigation.received", "4401").value == 9
    assert _figure("litigation.first_instance", "4401").value == 7


def test_head_appearance_rate_per_trial_level(history):
    assert _rate("litigation.head_appearance_rate", "440105") == (4, 6, Decimal("66.67"))
    assert _rate("litigation.head_appearance_rate", "440111") == (1, 1, Decimal("100.00"))
    assert _rate("litigation.head_appearance_rate", "4401") == (5, 7, Decimal("71.43"))
    assert _rate("litigation.head_appearance_rate", "440105", Y2024) == (0, 1, Decimal("0.00"))
    indicator = registry.get("litigation.head_appearance_rate")
    by_level = indicator.breakdowns["trial_level"]("440105", Y2025)
    assert by_level == {
        FIRST: {"numerator": 3, "denominator": 5}, SECOND: {"numerator": 1, "denominator": 1},
    }  # fmt: skip
    assert indicator.breakdowns["agency"]("440105", Y2025) == {
        A: {"numerator": 3, "denominator": 4}, B: {"numerator": 1, "denominator": 2},
    }  # fmt: skip


def test_loss_and_win_rates_leave_withdrawals_out(history):
    assert _rate("litigation.loss_rate", "440105") == (3, 5, Decimal("60.00"))
    assert _rate("litigation.win_rate", "440105") == (2, 5, Decimal("40.00"))
    assert _rate("litigation.loss_rate", "440111") == (1, 1, Decimal("100.00"))
    assert _rate("litigation.win_rate", "440111") == (0, 1, Decimal("0.00"))
    assert _rate("litigation.loss_rate", "4401") == (4, 6, Decimal("66.67"))
    assert _rate("litigation.win_rate", "4401") == (2, 6, Decimal("33.33"))
    assert _rate("litigation.loss_rate", "440105", Y2024) == (0, 0, None)
    loss = registry.get("litigation.loss_rate").breakdowns["agency"]("440105", Y2025)
    assert loss == {A: {"numerator": 2, "denominator": 4}, B: {"numerator": 1, "denominator": 1}}
    win = registry.get("litigation.win_rate").breakdowns["agency"]("440105", Y2025)
    assert win == {A: {"numerator": 2, "denominator": 4}, B: {"numerator": 0, "denominator": 1}}


def test_every_figure_lists_the_cases_it_counts(history):
    for key in [k for k in registry.keys() if k.startswith("litigation.")]:
        indicator = registry.get(key)
        for prefix in ("4401", "440105", "440111"):
            figure = indicator.compute(prefix, Y2025)
            count = figure.numerator if indicator.kind == "ratio" else figure.value
            assert indicator.cases(prefix, Y2025).count() == count, (key, prefix)
    lost = registry.get("litigation.loss_rate").cases("440105", Y2025)
    assert sorted(c.judgment_type for c in lost) == ["annul", "change", "declare_unlawful"]
    assert all(str(indicator.definition) for indicator in registry.all())
