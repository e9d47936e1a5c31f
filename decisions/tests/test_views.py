"""The staff pages: starting a decision from the form, adding evidence, the decision page with
its missing steps, evidence and comments; the catalogue pages; the menu."""

from __future__ import annotations

import pytest
from django.urls import reverse

from decisions.models import Evidence, MajorDecision
from decisions.tests.conftest import D, comment, draft, on, open_comment, pdf, start

pytestmark = pytest.mark.django_db


def test_a_handler_starts_a_decision_from_the_form(client, login, dw):
    with on(D(2026, 11, 2)):
        login(dw.agency_haizhu)
        page = client.get(reverse("decisions:decision_create"))
        key = page.context["form"]["submission_key"].value()
        response = client.post(reverse("decisions:decision_create"), {
            "submission_key": key, "decision_maker": dw.haizhu_agency.pk,
            "lead_unit": dw.chengguan.pk, "title": "夜市管理办法", "matter_kind": "public_policy",
            "risk_triggered": "on",
        })  # fmt: skip
    decision = MajorDecision.objects.get()
    assert response.status_code == 302 and response.url == decision.get_absolute_url()
    assert (decision.decision_maker, decision.organization, decision.region_code) == (
        dw.haizhu_agency,
        dw.haizhu_bureau,
        "440105000000",
    )
    assert decision.risk_triggered and not decision.expert_triggered
    assert decision.number.startswith("（2026）")


def test_evidence_is_added_and_the_page_shows_steps_missing_and_comments(client, login, dw):
    decision = open_comment(draft(start(dw, D(2026, 11, 2)), D(2026, 11, 2), dw.clerk_haizhu),
                            D(2026, 11, 2), dw.clerk_haizhu)  # fmt: skip
    comment(decision, D(2026, 11, 10), body="建议延长营业时间。")
    with on(D(2026, 11, 11)):
        login(dw.clerk_haizhu)
        response = client.post(reverse("decisions:evidence_add", args=[decision.pk]),
                                {"step": "risk", "file": pdf("风险评估报告.pdf")})  # fmt: skip
        assert response.status_code == 302
        page = client.get(decision.get_absolute_url()).content.decode()
    assert Evidence.objects.get().step == "risk"
    assert "风险评估报告.pdf" in page and "建议延长营业时间。" in page
    assert 'id="missing-steps"' in page


def test_the_catalogue_pages(client, login, dw):
    from decisions.services import catalogue_create

    with on(D(2026, 2, 10)):
        catalogue = catalogue_create(actor=dw.clerk_haizhu, decision_maker=dw.haizhu_agency,
                                     year=2026, items=[{"title": "农贸市场", "matter_kind": "plan"}])  # fmt: skip
        login(dw.leader_gz)
        listing = client.get(reverse("decisions:catalogue_list"))
        detail = client.get(catalogue.get_absolute_url())
        login(dw.agency_chengguan)
        foreign = client.get(catalogue.get_absolute_url())
    assert listing.status_code == 200 and "农贸市场" in detail.content.decode()
    assert foreign.status_code == 404


def _items(*rows):
    data = {"items-TOTAL_FORMS": "5", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for index, (title, kind) in enumerate(rows):
        data[f"items-{index}-title"] = title
        data[f"items-{index}-matter_kind"] = kind
    return data


def test_a_catalogue_is_drawn_up_published_and_adjusted_through_the_pages(client, login, dw):
    from decisions.models import Catalogue

    with on(D(2026, 2, 10)):
        login(dw.agency_haizhu)
        page = client.get(reverse("decisions:catalogue_create"))
        key = page.context["form"]["submission_key"].value()
        bad = client.post(reverse("decisions:catalogue_create"),
                          {"submission_key": key, "decision_maker": dw.haizhu_agency.pk,
                           "year": 2026, **_items(("农贸市场升级改造", ""))})  # fmt: skip
        assert bad.status_code == 200 and not Catalogue.objects.exists()
        assert bad.context["formset"].forms[0].errors["matter_kind"]
        response = client.post(reverse("decisions:catalogue_create"),
                               {"submission_key": key, "decision_maker": dw.haizhu_agency.pk,
                                "year": 2026, **_items(("农贸市场升级改造", "plan"),
                                                       ("加装电梯补贴", "public_policy"))})  # fmt: skip
        catalogue = Catalogue.objects.get()
        assert response.url == catalogue.get_absolute_url()
        client.post(reverse("decisions:catalogue_publish", args=[catalogue.pk]),
                    {"party_approved_on": "2026-02-05", "published_on": "2026-02-10"})  # fmt: skip
    with on(D(2026, 7, 1)):
        login(dw.agency_haizhu)
        adjusted = client.post(reverse("decisions:catalogue_adjust", args=[catalogue.pk]),
                    {"party_approved_on": "2026-06-28", "published_on": "2026-07-01",
                     "reason": "调整。", "remove": ["2"], **_items(("夜间经济规划", "plan"))})  # fmt: skip
        assert adjusted.status_code == 302, adjusted.context and adjusted.context["form"].errors
        client.logout()
        public = client.get(reverse("decisions:public_catalogues")).content.decode()
    catalogue.refresh_from_db()
    assert catalogue.published_on == D(2026, 2, 10)
    assert [(i.number, i.removed_by_id is not None) for i in catalogue.items.all()] == [
        (1, False),
        (2, True),
        (3, False),
    ]
    assert "夜间经济规划" in public and "调整。" in public
