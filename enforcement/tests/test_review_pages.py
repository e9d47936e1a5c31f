"""The case-file review's pages (enforcement.review_views), through the project's URLs."""

from __future__ import annotations

import datetime

import pytest

from enforcement.review_models import Rectification, ReviewCampaign
from enforcement.tests import test_review as base
from enforcement.tests.conftest import on

D = datetime.date
FULL, drawn = base.FULL, base.drawn
perms, rw = base.perms, base.rw  # the fixtures
pytestmark = pytest.mark.django_db


def test_open_draw_score_notify_answer_through_the_pages(client, rw):
    w = rw
    with on(D(2027, 3, 1)):
        client.force_login(w.clerk_haizhu)
        assert client.get("/enforcement/reviews/new/").status_code == 200
        bad = client.post("/enforcement/reviews/new/", {
            "organization": w.haizhu_bureau.pk, "title": "评查", "year": 2026, "seed": 7,
            "sample_size": 0, "excellent_threshold": 90, "pass_threshold": 70,
            "rectification_days": 30})  # fmt: skip
        assert bad.status_code == 200 and not ReviewCampaign.objects.exists()
        assert "sample_size" in bad.context["form"].errors
        ok = client.post("/enforcement/reviews/new/", {
            "organization": w.haizhu_bureau.pk, "title": "评查", "year": 2026, "seed": 7,
            "sample_size": 2, "excellent_threshold": 90, "pass_threshold": 70,
            "rectification_days": 30})  # fmt: skip
        c = ReviewCampaign.objects.get()
        assert ok.status_code == 302 and c.rubric["parts"][1]["max"] == 25
        client.post(f"/enforcement/reviews/{c.pk}/draw/")
    assert c.files.count() == 4  # 2 of 市监, 2 of 城管
    f = c.files.filter(agency=w.haizhu_agency).first()
    with on(D(2027, 3, 10)):
        client.force_login(w.clerk_haizhu)
        page = client.post(f"/enforcement/reviews/files/{f.pk}/", {
            **{f"scores.{k}": v for k, v in FULL.items()}, "scores.facts": 30})  # fmt: skip
        assert page.status_code == 200 and "scores.facts" in page.context["form"].errors
        client.post(f"/enforcement/reviews/files/{f.pk}/",
                    {f"scores.{k}": v for k, v in FULL.items()})  # fmt: skip
        f.refresh_from_db()
        assert (f.total, f.grade) == (100, "excellent")
        client.post(f"/enforcement/reviews/files/{f.pk}/rectify/", {"problem": "文书未盖章"})
    r = Rectification.objects.get()
    assert r.deadline == D(2027, 4, 9)  # 10 March + 21 = 31 March, + 9 = 9 April
    with on(D(2027, 4, 12)):
        client.force_login(w.clerk_haizhu)
        detail = client.get(f"/enforcement/reviews/{c.pk}/")
        assert detail.status_code == 200 and list(detail.context["overdue"]) == [r]
    with on(D(2027, 4, 12)):
        client.force_login(w.agency_haizhu)
        assert client.get(f"/enforcement/reviews/files/{f.pk}/").status_code == 200
        client.post(f"/enforcement/reviews/rectifications/{r.pk}/answer/", {"answer": "已补盖"})
    r.refresh_from_db()
    assert r.answered_on == D(2027, 4, 12)
    # The other agency's handler does not reach the file.
    with on(D(2027, 4, 12)):
        client.force_login(w.agency_baiyun)
        assert client.get(f"/enforcement/reviews/files/{f.pk}/").status_code == 404
