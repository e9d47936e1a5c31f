"""Pages of the discretion standards (CF Art. 34 ✅: published on the portal): the portal shows
only published versions and marks the one in force; staff lists are scoped (an agency sees only
its own body's drafts); drafting and publishing through the pages; the flag on a decision."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from enforcement import discretion_services as svc
from enforcement.decision_models import Decision
from enforcement.discretion_models import DiscretionStandard
from enforcement.tests import test_review as review_base
from enforcement.tests.conftest import on, power
from enforcement.tests.discretion_support import ITEMS, decision, draft, publish

D = datetime.date
pytestmark = pytest.mark.django_db
perms, rw = review_base.perms, review_base.rw  # the case-file review's fixtures


@pytest.fixture
def pw(ew):
    w = ew
    w.p_food = power(w, w.shijian_body, "P-330217001", D(2024, 1, 1))
    w.v1 = draft(w, w.shijian_body, D(2025, 1, 1))
    publish(w, w.v1, D(2024, 12, 20))
    w.v2 = draft(w, w.shijian_body, D(2026, 3, 1), title="第二版裁量基准")
    publish(w, w.v2, D(2026, 2, 15))
    w.draft = draft(w, w.shijian_body, D(2027, 1, 1), title="草稿裁量基准")
    return w


def test_portal_shows_only_published_and_marks_the_version_in_force(client, pw):
    w = pw
    with on(D(2026, 3, 2)):
        page = client.get(reverse("enforcement:public_discretion"))
        assert page.status_code == 200
        assert list(page.context["rows"]) == [w.v2, w.v1]
        assert [s.current for s in page.context["rows"]] == [True, False]
        assert "草稿裁量基准" not in page.content.decode()
        detail = client.get(reverse("enforcement:public_discretion_detail", args=[w.v1.pk]))
        assert detail.status_code == 200 and detail.context["in_force"] is False
        assert "未按规定公示许可证" in detail.content.decode()  # item and lenient entry
        current = client.get(reverse("enforcement:public_discretion_detail", args=[w.v2.pk]))
        assert current.context["in_force"] is True
        gone = client.get(reverse("enforcement:public_discretion_detail", args=[w.draft.pk]))
        assert gone.status_code == 404
    # Before its publication day (2026-02-15) version 2 is not on the portal.
    with on(D(2026, 2, 14)):
        page = client.get(reverse("enforcement:public_discretion"))
        assert list(page.context["rows"]) == [w.v1]


def test_agency_sees_only_its_own_bodys_standards(client, pw):
    w = pw
    baiyun = draft(w, w.baiyun_body, D(2026, 1, 1), actor=w.clerk_baiyun)
    client.force_login(w.agency_chengguan)
    with on(D(2026, 3, 2)):
        page = client.get(reverse("enforcement:discretion_list"))
        assert page.status_code == 200 and list(page.context["rows"]) == []
        url = reverse("enforcement:discretion_detail", args=[w.draft.pk])
        assert client.get(url).status_code == 404
    client.force_login(w.agency_haizhu)
    with on(D(2026, 3, 2)):
        rows = list(client.get(reverse("enforcement:discretion_list")).context["rows"])
        assert set(rows) == {w.v1, w.v2, w.draft}
        page = client.get(reverse("enforcement:discretion_detail", args=[w.draft.pk]))
        assert page.status_code == 200 and page.context["can_publish"] is True
    client.force_login(w.leader_haizhu)
    with on(D(2026, 3, 2)):
        rows = list(client.get(reverse("enforcement:discretion_list")).context["rows"])
        assert baiyun not in rows and w.draft in rows
        page = client.get(reverse("enforcement:discretion_detail", args=[w.draft.pk]))
        assert page.context["can_publish"] is False
        assert client.get(reverse("enforcement:discretion_create")).status_code == 403


def _form(w, **changes):
    return {"body": w.chengguan_body.pk, "title": "城管裁量基准", "basis_document": "穗海城管〔2026〕1号",
            "effective_from": "2026-04-01", "items": ITEMS, "lenient": "",
            "submission_key": "a" * 32} | changes  # fmt: skip


def test_draft_and_publish_through_the_pages(client, pw):
    w = pw
    client.force_login(w.agency_chengguan)
    with on(D(2026, 3, 2)):
        url = reverse("enforcement:discretion_create")
        # The 市监 body is not among a 城管 handler's choices.
        bad = client.post(url, _form(w, body=w.shijian_body.pk))
        assert bad.status_code == 200 and "body" in bad.context["form"].errors
        # Lowest above highest: the error stands beside the items field; nothing written.
        before = DiscretionStandard.objects.count()
        bad = client.post(url, _form(w, items="P-1 | 甲 | 乙 | 一般 | 2000 | 1000"))
        assert bad.status_code == 200 and "items" in bad.context["form"].errors
        assert DiscretionStandard.objects.count() == before
        done = client.post(url, _form(w, submission_key="b" * 32))
        standard = DiscretionStandard.objects.get(body=w.chengguan_body)
        assert done.status_code == 302 and done.url == standard.get_absolute_url()
        assert standard.items.count() == 3 and standard.published_on is None
        again = client.post(url, _form(w, submission_key="b" * 32))  # the same submission
        assert again.status_code == 302
        assert DiscretionStandard.objects.filter(body=w.chengguan_body).count() == 1
        publish_url = reverse("enforcement:discretion_publish", args=[standard.pk])
        res = client.post(publish_url, {"published_on": "2026-03-02", "submission_key": "c" * 32})
        assert res.status_code == 302
        standard.refresh_from_db()
        assert standard.published_on == D(2026, 3, 2)


def test_decision_page_flags_a_fine_outside_the_range(client, pw):
    w = pw
    # Version 2 (in force from 2026-03-01) allows 5000–100000 for P-330217001.
    above = decision(w, w.p_food, D(2026, 3, 2), "200000")
    inside = decision(w, w.p_food, D(2026, 3, 2), "8000", number="2")
    client.force_login(w.clerk_haizhu)
    with on(D(2026, 3, 3)):
        page = client.get(reverse("enforcement:decision_detail", args=[above.pk]))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="discretion-check"' in html and "alert-warning" in html
        page = client.get(reverse("enforcement:decision_detail", args=[inside.pk]))
        html = page.content.decode()
        assert 'id="discretion-check"' in html and "alert-warning" not in html


def test_review_file_page_flags_a_fine_outside_the_range(client, rw):
    # The case-file review (statutes-lines.md §C.8) shows the same check on the file's page.
    w = rw
    w.p_food = power(w, w.shijian_body, "P-330217001", D(2024, 1, 1))
    v1 = draft(w, w.shijian_body, D(2025, 1, 1))
    publish(w, v1, D(2024, 12, 20))
    c = review_base.drawn(w)
    f = c.files.filter(agency=w.haizhu_agency).first()
    # 1 yuan is below the range 5000–100000 of P-330217001 in version 1 (recorded as a report
    # records it).
    d = Decision.objects.get(pk=f.decision_id)
    d.power, d.fine_amount = w.p_food, Decimal(1)
    svc.record_check(d)
    d.save()
    with on(D(2027, 3, 10)):
        client.force_login(w.clerk_haizhu)
        page = client.get(reverse("enforcement:review_file", args=[f.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="discretion-check"' in html and "alert-warning" in html
