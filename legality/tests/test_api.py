"""Legality reviews through the REST API (/api/legality/reviews/): lists and details scoped like
the pages (an agency handler: their own department's submissions), the filters, no registration
(a submission needs its material files: the page registers it), and a step through the engine's
generic transitions endpoint."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from legality.models import LegalityReview
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/api/legality/reviews/"


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_an_agency_handler_lists_and_reads_only_their_departments_submissions(lw):
    mine = submit(lw, D(2026, 9, 23))
    theirs = submit(lw, D(2026, 9, 23), "contract", actor=lw.agency_chengguan,
                    department=lw.chengguan, title="环卫作业服务外包合同")  # fmt: skip
    assert _ids(_api(lw.agency_haizhu).get(URL)) == {mine.pk}
    assert _ids(_api(lw.agency_chengguan).get(URL)) == {theirs.pk}
    assert _ids(_api(lw.clerk_haizhu).get(URL)) == {mine.pk, theirs.pk}
    assert _ids(_api(lw.leader_gz).get(URL)) == {mine.pk, theirs.pk}
    # The handler of another body (白云 发改): nothing, and a 404 on the pages of others.
    assert _api(lw.agency_baiyun).get(URL).json()["count"] == 0
    missing = _api(lw.agency_baiyun).get(f"{URL}{mine.pk}/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert _api(lw.agency_chengguan).get(f"{URL}{mine.pk}/").status_code == 404
    assert _api(lw.clerk_baiyun).get(f"{URL}{mine.pk}/").status_code == 404
    assert _api(lw.agency_haizhu).get(f"{URL}{mine.pk}/").status_code == 200
    # The public: nothing at all.
    assert _api().get(URL).status_code == 401
    assert _api().get(f"{URL}{mine.pk}/").status_code == 401
    # A mediator holds no legality role.
    assert _api(lw.mediator_haizhu).get(URL).status_code == 403


def test_the_detail_shows_materials_points_and_the_review_clock(lw):
    """国办发〔2018〕115号 ❓: 15 working days. Submitted Wednesday 23 September 2026: 24 Sep (1);
    25–27 中秋; 28 (2), 29 (3), 30 (4); 1–7 Oct 国庆; 8 (5), 9 (6), Sat 10 Oct make-up day (7);
    12 (8) … 21 (15) → Wednesday 21 October 2026."""
    review = submit(lw, D(2026, 9, 23))
    with on(D(2026, 9, 24)):
        body = _api(lw.agency_haizhu).get(f"{URL}{review.pk}/").json()
    assert (body["number"], body["kind"], body["title"]) == (
        review.number, "document", "关于规范城市道路占用管理的若干规定（送审稿）",
    )  # fmt: skip
    assert (body["department"], body["department_name"]) == (
        lw.haizhu_agency.pk, "海珠区市场监督管理局",
    )  # fmt: skip
    assert (body["state"], body["submitted_on"], body["due_date"]) == (
        "submitted", "2026-09-23", "2026-10-21",
    )  # fmt: skip
    assert {m["category"] for m in body["materials"]} >= {"draft", "explanation", "legal_basis"}
    assert all(m["name"].endswith(".pdf") and m["size"] > 0 for m in body["materials"])
    [clock] = body["clocks"]
    assert (clock["key"], clock["unit"], clock["length"], clock["started_on"]) == (
        "review_document", "working_days", 15, "2026-09-23",
    )  # fmt: skip
    assert (clock["due_date"], clock["state"]) == ("2026-10-21", "running")
    assert body["points"] == [] and body["conclusion"] == ""
    # The opinion on Monday 12 October (12 working days): its points and the clock stopped.
    with on(D(2026, 10, 12)):
        fire(review, "issue_opinion", lw.clerk_haizhu, **OPINION)
        body = _api(lw.agency_haizhu).get(f"{URL}{review.pk}/").json()
    assert (body["state"], body["conclusion"], body["opinion_on"]) == (
        "opinion_issued", "lawful_if_revised", "2026-10-12",
    )  # fmt: skip
    assert [(p["number"], p["text"], p["answer"]) for p in body["points"]] == [
        (1, "删除第五条关于备案的规定", ""), (2, "第八条罚款数额应与上位法一致", ""),
    ]  # fmt: skip
    assert (body["clocks"][0]["state"], body["clocks"][0]["stopped_on"]) == (
        "stopped", "2026-10-12",
    )  # fmt: skip
    assert body["on_time"] is True
    # The list carries the same clocks, read for the whole page at once.
    with on(D(2026, 10, 12)):
        [row] = _api(lw.agency_haizhu).get(URL).json()["results"]
    assert row["clocks"] == body["clocks"]


def test_there_is_no_registration_without_the_material_files(lw):
    response = _api(lw.agency_haizhu).post(URL, {"kind": "document", "title": "草案"},
                                           format="json")  # fmt: skip
    assert response.status_code == 405
    assert LegalityReview.objects.count() == 0


def test_the_filters(lw):
    document = submit(lw, D(2026, 9, 23))
    contract = submit(lw, D(2026, 9, 24), "contract", actor=lw.agency_chengguan,
                      department=lw.chengguan, title="环卫作业服务外包合同")  # fmt: skip
    decision = submit(lw, D(2026, 9, 28), "decision", title="海珠区农贸市场升级改造方案（草案）")
    with on(D(2026, 10, 9)):
        document = fire(document, "issue_opinion", lw.clerk_haizhu, **OPINION)
    api = _api(lw.clerk_haizhu)

    def found(**params):
        return _ids(api.get(URL, params))

    assert found() == {document.pk, contract.pk, decision.pk}
    assert found(kind="contract") == {contract.pk}
    assert found(state="opinion_issued") == {document.pk}
    assert found(state="submitted") == {contract.pk, decision.pk}
    assert found(conclusion="lawful_if_revised") == {document.pk}
    assert found(department=lw.chengguan.pk) == {contract.pk}
    assert found(department=lw.haizhu_agency.pk) == {document.pk, decision.pk}
    # Submitted dates, both bounds included: 24 to 28 September.
    assert found(received_from="2026-09-24", received_to="2026-09-28") == {contract.pk,
                                                                          decision.pk}  # fmt: skip
    assert found(received_to="2026-09-23") == {document.pk}
    assert found(opinion_from="2026-10-09", opinion_to="2026-10-09") == {document.pk}
    assert found(opinion_from="2026-10-10") == set()
    # The filters do not reach past the scope.
    assert _ids(_api(lw.agency_chengguan).get(URL, {"department": lw.haizhu_agency.pk})) == set()
    typo = api.get(URL, {"knd": "contract"})
    assert typo.status_code == 400 and set(typo.json()["error"]["fields"]) == {"knd"}
    bad = api.get(URL, {"kind": "treaty"})
    assert bad.status_code == 400 and "kind" in bad.json()["error"]["fields"]


def test_correction_goes_through_the_engines_transitions_endpoint(lw):
    """Submitted Wednesday 23 September 2026 (due 21 October, above). 补正 asked on Tuesday 29
    September through the API: the review clock pauses (3 of 15 working days counted)."""
    review = submit(lw, D(2026, 9, 23))
    base = f"/api/cases/legality.legalityreview/{review.pk}/transitions/"
    with on(D(2026, 9, 29)):
        assert _api(lw.agency_baiyun).get(base).status_code == 404
        # The department may not ask itself for materials.
        refused = _api(lw.agency_haizhu).post(base + "request_correction/", {
            "version": 1, "data": {"on_date": "2026-09-29", "items": "补充法律依据"}},
            format="json")  # fmt: skip
        assert refused.status_code == 403, refused.content
        done = _api(lw.clerk_haizhu).post(base + "request_correction/", {
            "version": 1, "data": {"on_date": "2026-09-29", "items": "补充法律依据条文"}},
            format="json")  # fmt: skip
        assert done.status_code == 200, done.content
        assert (done.json()["state"], done.json()["version"]) == ("correction_requested", 2)
        body = _api(lw.agency_haizhu).get(f"{URL}{review.pk}/").json()
    assert (body["state"], body["correction_items"]) == ("correction_requested", "补充法律依据条文")
    assert body["clocks"][0]["state"] == "paused"
