"""Discretion standards (裁量基准, CF Art. 34 ✅) and lenient lists (免罚轻罚清单, CF Arts. 32–33):
versions and their dates, the check of a decision's fine, bad input and who may write."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from core.errors import InvalidInput, PermissionDenied
from enforcement import discretion_services as svc
from enforcement.discretion_models import DiscretionItem, DiscretionStandard, LenientEntry
from enforcement.tests.conftest import power
from enforcement.tests.discretion_support import ITEMS, decision, draft, publish

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def dw(ew):
    w = ew
    w.p_food = power(w, w.shijian_body, "P-330217001", D(2024, 1, 1))
    w.p_other = power(w, w.shijian_body, "P-555", D(2024, 1, 1))
    w.v1 = draft(w, w.shijian_body, D(2025, 1, 1))
    publish(w, w.v1, D(2024, 12, 20))
    return w


def test_versions_supersede_from_the_effective_date(dw):
    w = dw
    v2 = draft(w, w.shijian_body, D(2026, 3, 1))
    assert (w.v1.version, v2.version) == (1, 2)
    # A draft supersedes nothing: version 1 still open-ended and in force on 2026-03-01.
    assert svc.standard_on(w.shijian_body, D(2026, 3, 1)) == w.v1
    publish(w, v2, D(2026, 2, 15))
    w.v1.refresh_from_db()
    # Version 2 from 2026-03-01 → version 1 ends the day before, 2026-02-28 (2026 no leap year).
    assert w.v1.effective_until == D(2026, 2, 28)
    assert v2.effective_until is None
    assert svc.standard_on(w.shijian_body, D(2024, 12, 31)) is None  # before version 1
    assert svc.standard_on(w.shijian_body, D(2025, 1, 1)) == w.v1
    assert svc.standard_on(w.shijian_body, D(2026, 2, 28)) == w.v1
    assert svc.standard_on(w.shijian_body, D(2026, 3, 1)) == v2
    # History kept: both versions, items and lenient entries still there.
    assert DiscretionStandard.objects.filter(body=w.shijian_body).count() == 2
    assert w.v1.items.count() == 3 and w.v1.lenient_entries.count() == 1
    # A draft version 3 changes nothing until published.
    draft(w, w.shijian_body, D(2027, 1, 1))
    assert svc.standard_on(w.shijian_body, D(2027, 1, 5)) == v2
    # Another body has none.
    assert svc.standard_on(w.chengguan_body, D(2026, 3, 1)) is None


def test_lenient_list_entry(dw):
    entry = dw.v1.lenient_entries.get()
    assert entry.treatment == "none"
    assert entry.legal_basis.endswith("第三十三条")


@pytest.mark.parametrize(
    ("fine", "outcome"),
    [
        ("5000", svc.Outcome.INSIDE),  # the lowest minimum of the power's items
        ("100000", svc.Outcome.INSIDE),  # the highest maximum (严重)
        ("60000", svc.Outcome.INSIDE),
        ("4999.99", svc.Outcome.BELOW),
        ("100000.01", svc.Outcome.ABOVE),
    ],
)
def test_check_decision_range(dw, fine, outcome):
    check = svc.check_decision(decision(dw, dw.p_food, D(2026, 3, 2), fine))
    assert check.outcome == outcome
    assert check.standard == dw.v1
    # Items 一般 5000–50000 and 严重 50000–100000 of P-330217001 make one range 5000–100000.
    assert (check.fine_min, check.fine_max) == (Decimal("5000"), Decimal("100000"))
    assert check.flagged is (outcome != svc.Outcome.INSIDE)


def test_check_decision_without_standard_item_or_fine(dw):
    w = dw
    # Decided 2024-12-31, the day before version 1: no standard, reported, not flagged.
    check = svc.check_decision(decision(w, w.p_food, D(2024, 12, 31), "1"))
    assert check.outcome == svc.Outcome.NO_STANDARD and not check.flagged
    assert check.reason == _("No discretion standard of this body was in force on %(day)s.") % {
        "day": D(2024, 12, 31)
    }
    check = svc.check_decision(decision(w, w.p_other, D(2026, 3, 2), "1", number="2"))
    assert check.outcome == svc.Outcome.NO_ITEM and not check.flagged
    check = svc.check_decision(decision(w, w.p_food, D(2026, 3, 2), None, number="3"))
    assert check.outcome == svc.Outcome.NOT_CHECKED
    # The version in force on the decision day is used: version 2 (from 2026-03-01) allows
    # 100–200 for the power; a decision of 2026-02-28 of 3000 yuan is below version 1's range.
    v2 = draft(w, w.shijian_body, D(2026, 3, 1), items="P-330217001 | 甲 | 乙 | 一般 | 100 | 200")
    publish(w, v2, D(2026, 2, 15))
    before = svc.check_decision(decision(w, w.p_food, D(2026, 2, 28), "3000", number="4"))
    after = svc.check_decision(decision(w, w.p_food, D(2026, 3, 1), "3000", number="5"))
    assert (before.standard, before.outcome) == (w.v1, svc.Outcome.BELOW)
    assert (after.standard, after.outcome) == (v2, svc.Outcome.ABOVE)


def _counts():
    return (DiscretionStandard.objects.count(), DiscretionItem.objects.count(),
            LenientEntry.objects.count())  # fmt: skip


def test_fine_min_above_max_is_refused(dw):
    before = _counts()
    bad = ITEMS + "P-1 | 甲 | 乙 | 一般 | 2000 | 1000\n"
    with pytest.raises(InvalidInput) as exc:
        draft(dw, dw.shijian_body, D(2026, 3, 1), items=bad)
    assert exc.value.fields["items"] == [
        _("Discretion items, line %(line)s: the lowest fine (%(low)s) is higher than the highest "
          "fine (%(high)s).") % {"line": 4, "low": Decimal("2000"), "high": Decimal("1000")}
    ]  # fmt: skip
    assert _counts() == before


@pytest.mark.parametrize("start", [D(2025, 1, 1), D(2024, 6, 1)])
def test_overlapping_version_dates_are_refused(dw, start):
    # Version 1 is in force from 2025-01-01: a new version must start on 2025-01-02 or later.
    before = _counts()
    with pytest.raises(InvalidInput) as exc:
        draft(dw, dw.shijian_body, start)
    assert list(exc.value.fields) == ["effective_from"]
    assert _counts() == before


def test_publishing_a_draft_overtaken_by_a_later_version_is_refused(dw):
    w = dw
    early = draft(w, w.shijian_body, D(2026, 3, 1))
    late = draft(w, w.shijian_body, D(2026, 6, 1))
    publish(w, late, D(2026, 5, 20))
    with pytest.raises(InvalidInput) as exc:
        publish(w, early, D(2026, 5, 21))
    assert list(exc.value.fields) == ["effective_from"]
    early.refresh_from_db()
    assert early.published_on is None
    with pytest.raises(InvalidInput) as exc:
        publish(w, late, D(2026, 5, 22))  # twice
    assert list(exc.value.fields) == ["published_on"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"items": ""}, "items"),
        ({"items": "P-1 | 甲 | 乙 | 一般 | 五千 | 1000"}, "items"),
        ({"items": "P-1 | 甲 | 乙 | 一般 | -1 | 1000"}, "items"),
        ({"items": "P-1 | 甲 | 乙"}, "items"),
        ({"lenient": "免了 | 甲 | 乙 | 丙"}, "lenient"),
        ({"lenient": "不予处罚 | 甲 | 乙"}, "lenient"),
    ],
)
def test_bad_input_names_the_field(dw, changes, field):
    before = _counts()
    data = {"title": "基准", "basis_document": "文号", "effective_from": D(2026, 3, 1),
            "items": ITEMS, "lenient": ""} | changes  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        svc.standard_create(actor=dw.clerk_haizhu, body=dw.shijian_body, data=data)
    assert field in exc.value.fields
    assert _counts() == before


def test_who_may_write(dw):
    w = dw
    # The 海珠 市监 handler sets its own body's standard; 城管's handler and a leader may not.
    own = draft(w, w.shijian_body, D(2026, 3, 1), actor=w.agency_haizhu)
    publish(w, own, D(2026, 2, 1), actor=w.agency_haizhu)
    for actor in (w.agency_chengguan, w.leader_haizhu, w.clerk_baiyun):
        with pytest.raises(PermissionDenied):
            draft(w, w.shijian_body, D(2026, 9, 1), actor=actor)
    draft(w, w.chengguan_body, D(2026, 3, 1), actor=w.agency_chengguan)
