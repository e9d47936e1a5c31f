"""The catalogue of major decision matters (决策事项目录, DEC Art. 3 ¶3): drawn up per
decision-maker and year, approved by the same-level Party committee, then published; adjusted
the same way (matters added and removed, the removed kept in the record)."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput, PermissionDenied
from decisions.models import Catalogue, CatalogueItem
from decisions.services import catalogue_adjust, catalogue_create, catalogue_publish
from decisions.tests.conftest import D, on

pytestmark = pytest.mark.django_db

ITEMS = [
    {"title": "农贸市场升级改造三年行动方案", "matter_kind": "plan", "planned": "2026年第三季度"},
    {"title": "老旧小区加装电梯补贴政策", "matter_kind": "public_policy"},
]


@pytest.fixture
def catalogue(dw):
    with on(D(2026, 2, 10)):
        return catalogue_create(actor=dw.agency_haizhu, decision_maker=dw.haizhu_agency,
                                year=2026, items=ITEMS)  # fmt: skip


def test_it_is_published_only_after_the_party_committee_approves(dw, catalogue):
    with on(D(2026, 2, 10)):
        with pytest.raises(InvalidInput) as exc:
            catalogue_publish(actor=dw.agency_haizhu, catalogue=catalogue,
                              party_approved_on="", published_on="2026-02-10")  # fmt: skip
        assert "party_approved_on" in exc.value.fields
        with pytest.raises(InvalidInput) as exc:
            catalogue_publish(actor=dw.agency_haizhu, catalogue=catalogue,
                              party_approved_on="2026-02-12", published_on="2026-02-10")  # fmt: skip
        assert "published_on" in exc.value.fields
        assert Catalogue.objects.get(pk=catalogue.pk).published_on is None
        catalogue_publish(actor=dw.agency_haizhu, catalogue=catalogue,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
    catalogue.refresh_from_db()
    assert (catalogue.party_approved_on, catalogue.published_on) == (D(2026, 2, 5), D(2026, 2, 10))


def test_one_catalogue_per_decision_maker_and_year(dw, catalogue):
    with on(D(2026, 3, 1)), pytest.raises(InvalidInput) as exc:
        catalogue_create(actor=dw.clerk_haizhu, decision_maker=dw.haizhu_agency, year=2026,
                         items=ITEMS)  # fmt: skip
    assert "year" in exc.value.fields


def test_an_adjustment_adds_and_removes_matters(dw, catalogue):
    with on(D(2026, 2, 10)):
        catalogue_publish(actor=dw.agency_haizhu, catalogue=catalogue,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
    with on(D(2026, 7, 1)):
        adjustment = catalogue_adjust(
            actor=dw.clerk_haizhu, catalogue=catalogue, party_approved_on="2026-06-25",
            published_on="2026-07-01", reason="上级部署调整。",
            add=[{"title": "夜间经济集聚区规划", "matter_kind": "plan"}], remove=[2],
        )  # fmt: skip
    rows = {i.number: i for i in CatalogueItem.objects.filter(catalogue=catalogue)}
    assert rows[3].title == "夜间经济集聚区规划" and rows[3].added_by == adjustment
    assert rows[2].removed_by == adjustment and rows[1].removed_by is None


def test_an_adjustment_needs_reasons_and_a_current_item(dw, catalogue):
    with on(D(2026, 2, 10)):
        catalogue_publish(actor=dw.agency_haizhu, catalogue=catalogue,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
    with on(D(2026, 7, 1)), pytest.raises(InvalidInput) as exc:
        catalogue_adjust(actor=dw.clerk_haizhu, catalogue=catalogue,
                         party_approved_on="2026-06-25", published_on="2026-07-01", reason="",
                         remove=[9])  # fmt: skip
    assert {"reason", "remove"} <= set(exc.value.fields)
    assert not catalogue.adjustments.exists()


def test_a_foreign_handler_cannot_keep_the_catalogue(dw, catalogue):
    with on(D(2026, 2, 10)), pytest.raises(PermissionDenied):
        catalogue_publish(actor=dw.agency_chengguan, catalogue=catalogue,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
