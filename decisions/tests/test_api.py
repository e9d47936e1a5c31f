"""Major decisions and catalogues through the REST API (/api/decisions/decisions/,
/api/decisions/catalogues/): lists and details scoped like the pages (an agency handler: their
own decision-maker's), starting a decision through the service the page uses (bad input names
its field in Chinese and writes nothing; an Idempotency-Key answers a replay with the first
decision), the filters, and a step through the engine's generic transitions endpoint.

Publication window, DEC Art. 32 with OGI Art. 26 as the ❓ default (20 working days from the
decision, its day not counted): decided Fri 18 Sept 2026 → 1 Sun 20 Sept (调休), 2–5 Mon
21–Thu 24, (中秋 25–27), 6–8 Mon 28–Wed 30, (国庆 1–7 Oct), 9 Thu 8, 10 Fri 9, 11 Sat 10 Oct
(调休), 12–16 Mon 12–Fri 16, 17–20 Mon 19–Thu 22 → due Thu 22 Oct 2026."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cases.models import CaseEvent
from decisions.models import MajorDecision
from decisions.tests.conftest import (
    D,
    answer_all,
    comment,
    decide,
    draft,
    legality,
    meeting,
    on,
    open_comment,
    publish_answers,
    start,
)

pytestmark = pytest.mark.django_db
URL = "/api/decisions/decisions/"
CATALOGUES = "/api/decisions/catalogues/"


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _payload(w, **changes) -> dict:
    return {
        "title": "海珠区农贸市场升级改造三年行动方案",
        "matter_kind": "plan",
        "lead_unit": w.chengguan.pk,
        "summary": "对辖区42个农贸市场分批升级改造。",
        "risk_triggered": True,
        **changes,
    }


def _counts() -> tuple:
    return MajorDecision.objects.count(), CaseEvent.objects.count()


def _catalogue(w, maker, actor, year=2026):
    from decisions.services import catalogue_create

    with on(D(2026, 2, 10)):
        return catalogue_create(actor=actor, decision_maker=maker, year=year,
                                items=[{"title": "农贸市场升级改造", "matter_kind": "plan"}])  # fmt: skip


def test_an_agency_handler_lists_and_reads_only_their_decision_makers_decisions(dw):
    mine = start(dw, D(2026, 7, 1))
    theirs = start(dw, D(2026, 7, 1), actor=dw.agency_chengguan, maker=dw.chengguan,
                   title="海珠区占道经营整治方案")  # fmt: skip
    assert _ids(_api(dw.agency_haizhu).get(URL)) == {mine.pk}
    assert _ids(_api(dw.agency_chengguan).get(URL)) == {theirs.pk}
    assert _ids(_api(dw.clerk_haizhu).get(URL)) == {mine.pk, theirs.pk}
    assert _ids(_api(dw.leader_gz).get(URL)) == {mine.pk, theirs.pk}
    # The handler of another body (白云 发改): an empty list and a 404.
    assert _api(dw.agency_baiyun).get(URL).json()["count"] == 0
    missing = _api(dw.agency_baiyun).get(f"{URL}{mine.pk}/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert _api(dw.agency_chengguan).get(f"{URL}{mine.pk}/").status_code == 404
    assert _api(dw.clerk_baiyun).get(URL).json()["count"] == 0
    assert _api(dw.agency_haizhu).get(f"{URL}{mine.pk}/").status_code == 200
    # The public reads the portal, not this.
    assert _api().get(URL).status_code == 401
    assert _api().get(f"{URL}{mine.pk}/").status_code == 401


def test_catalogues_are_scoped_and_filtered(dw):
    own = _catalogue(dw, dw.haizhu_agency, dw.agency_haizhu)
    other = _catalogue(dw, dw.chengguan, dw.agency_chengguan)
    assert _ids(_api(dw.agency_haizhu).get(CATALOGUES)) == {own.pk}
    assert _ids(_api(dw.clerk_haizhu).get(CATALOGUES)) == {own.pk, other.pk}
    assert _ids(_api(dw.clerk_haizhu).get(CATALOGUES, {"decision_maker": dw.chengguan.pk})) == {
        other.pk
    }
    assert _ids(_api(dw.clerk_haizhu).get(CATALOGUES, {"year": 2025})) == set()
    assert _ids(_api(dw.clerk_haizhu).get(CATALOGUES, {"published": "false"})) == {
        own.pk, other.pk,
    }  # fmt: skip
    assert _ids(_api(dw.clerk_haizhu).get(CATALOGUES, {"published": "true"})) == set()
    assert _api(dw.agency_baiyun).get(CATALOGUES).json()["count"] == 0
    assert _api(dw.agency_baiyun).get(f"{CATALOGUES}{own.pk}/").status_code == 404
    body = _api(dw.agency_haizhu).get(f"{CATALOGUES}{own.pk}/").json()
    assert (body["decision_maker_name"], body["year"], body["published_on"]) == (
        "海珠区市场监督管理局", 2026, None,
    )  # fmt: skip
    assert [(i["number"], i["title"], i["matter_kind"]) for i in body["items"]] == [
        (1, "农贸市场升级改造", "plan")
    ]


def test_an_agency_handler_starts_a_decision_of_their_own_decision_maker(dw):
    catalogue = _catalogue(dw, dw.haizhu_agency, dw.agency_haizhu)
    item = catalogue.items.get()
    with on(D(2026, 7, 1)):
        response = _api(dw.agency_haizhu).post(
            URL, _payload(dw, catalogue_item=item.pk), format="json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    decision = MajorDecision.objects.get(pk=body["id"])
    # No decision-maker given: the handler's only one, as the start page preselects it.
    assert decision.decision_maker == dw.haizhu_agency
    assert decision.organization == dw.haizhu_bureau
    assert (body["state"], body["matter_kind"], body["started_on"]) == (
        "started", "plan", "2026-07-01",
    )  # fmt: skip
    assert (body["lead_unit"], body["lead_unit_name"]) == (
        dw.chengguan.pk, "海珠区城市管理和综合执法局",
    )  # fmt: skip
    assert (body["catalogue_item"], body["risk_triggered"], body["expert_triggered"]) == (
        item.pk, True, False,
    )  # fmt: skip
    assert body["number"] == decision.number and body["clocks"] == []


MAKER = "请选择决策机关（政府或部门）。"


@pytest.mark.parametrize(
    ("user", "changes", "field", "message"),
    [
        ("agency_haizhu", {"title": ""}, "title", "请填写决策事项。"),
        ("agency_haizhu", {"title": "  "}, "title", "请填写决策事项。"),
        ("agency_haizhu", {"matter_kind": ""}, "matter_kind", "请选择事项类别（第三条）。"),
        ("agency_haizhu", {"matter_kind": "budget"}, "matter_kind", "请选择事项类别（第三条）。"),
        ("agency_haizhu", {"lead_unit": None}, "lead_unit", "请指定决策承办单位。"),
        ("agency_haizhu", {"lead_unit": "haizhu_bureau"}, "lead_unit", "请指定决策承办单位。"),
        ("agency_haizhu", {"lead_unit": "baiyun_agency"}, "lead_unit",
         "承办单位须在决策机关所在行政区域内。"),
        # Two decision-makers in 海珠: the bureau's staff must choose one.
        ("clerk_haizhu", {}, "decision_maker", MAKER),
        ("clerk_haizhu", {"decision_maker": "baiyun_agency"}, "decision_maker", MAKER),
        ("agency_baiyun", {"decision_maker": "haizhu_agency"}, "decision_maker", MAKER),
        ("agency_haizhu", {"decision_maker": 999999}, "decision_maker", MAKER),
        ("agency_haizhu", {"catalogue_item": 999999}, "catalogue_item",
         "选择一个有效的选项： 该选择不在可用的选项中。"),
        ("agency_haizhu", {"risk_triggered": "perhaps"}, "risk_triggered", None),  # DRF's
    ],
)  # fmt: skip
def test_bad_input_names_the_field_in_chinese_and_writes_nothing(dw, user, changes, field,
                                                                  message):  # fmt: skip
    changes = {k: getattr(dw, v).pk if isinstance(v, str) and hasattr(dw, v) else v
               for k, v in changes.items()}  # fmt: skip
    before = _counts()
    with on(D(2026, 7, 1)):
        response = _api(getattr(dw, user)).post(
            URL, _payload(dw, **changes), format="json", HTTP_IDEMPOTENCY_KEY="badinput0001"
        )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert field in error["fields"]
    if message is not None:
        assert error["fields"][field] == [message]
    assert _counts() == before


def test_several_errors_are_named_at_once(dw):
    with on(D(2026, 7, 1)):
        response = _api(dw.clerk_haizhu).post(URL, {"title": "", "lead_unit": None},
                                              format="json")  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {
        "decision_maker", "lead_unit", "title", "matter_kind",
    }  # fmt: skip
    assert MajorDecision.objects.count() == 0


def test_a_leader_reads_but_may_not_start(dw):
    with on(D(2026, 7, 1)):
        response = _api(dw.leader_gz).post(
            URL, _payload(dw, decision_maker=dw.haizhu_agency.pk), format="json"
        )
    assert response.status_code == 403
    assert MajorDecision.objects.count() == 0


def test_a_replay_with_the_same_idempotency_key_answers_the_first_decision(dw):
    api = _api(dw.agency_haizhu)
    with on(D(2026, 7, 1)):
        first = api.post(URL, _payload(dw), format="json", HTTP_IDEMPOTENCY_KEY="decision-0001")
        again = api.post(URL, _payload(dw), format="json", HTTP_IDEMPOTENCY_KEY="decision-0001")
        # Another user with the same key: their own request, not the first one's answer.
        clerk = _api(dw.clerk_haizhu).post(
            URL, _payload(dw, decision_maker=dw.haizhu_agency.pk), format="json",
            HTTP_IDEMPOTENCY_KEY="decision-0001",
        )  # fmt: skip
    assert (first.status_code, again.status_code, clerk.status_code) == (201, 200, 201)
    assert first.json()["id"] == again.json()["id"] != clerk.json()["id"]
    assert again.json()["number"] == first.json()["number"]
    assert MajorDecision.objects.count() == 2


def test_the_filters_and_the_publication_clock(dw):
    """Decided Friday 18 September 2026: publication due Thursday 22 October (module
    docstring; DEC Art. 32, OGI Art. 26 ❓)."""
    decided = start(dw, D(2026, 7, 1))
    decided = draft(decided, D(2026, 7, 2), dw.clerk_haizhu)
    decided = open_comment(decided, D(2026, 7, 3), dw.clerk_haizhu)
    comment(decided, D(2026, 7, 10))
    answer_all(decided, D(2026, 8, 4), dw.clerk_haizhu)
    decided = publish_answers(decided, D(2026, 8, 4), dw.clerk_haizhu)
    decided = legality(decided, D(2026, 8, 20), dw.clerk_haizhu)
    decided = meeting(decided, D(2026, 9, 17), dw.clerk_haizhu)
    decided = decide(decided, D(2026, 9, 18), dw.clerk_haizhu)
    project = start(dw, D(2026, 9, 1), matter_kind="project", title="海珠湿地公园二期建设工程",
                    lead_unit=dw.haizhu_agency)  # fmt: skip
    theirs = start(dw, D(2026, 9, 10), actor=dw.agency_chengguan, maker=dw.chengguan,
                   title="海珠区占道经营整治方案")  # fmt: skip
    api = _api(dw.clerk_haizhu)

    def found(**params):
        with on(D(2026, 9, 21)):
            return _ids(api.get(URL, params))

    assert found() == {decided.pk, project.pk, theirs.pk}
    assert found(state="decided") == {decided.pk}
    assert found(state="started") == {project.pk, theirs.pk}
    assert found(matter_kind="project") == {project.pk}
    assert found(decision_maker=dw.chengguan.pk) == {theirs.pk}
    assert found(lead_unit=dw.haizhu_agency.pk) == {project.pk}
    assert found(lead_unit=dw.chengguan.pk) == {decided.pk, theirs.pk}
    # Started dates, both bounds included: 1 to 10 September.
    assert found(started_from="2026-09-01", started_to="2026-09-10") == {project.pk, theirs.pk}
    assert found(started_to="2026-07-01") == {decided.pk}
    assert found(decided_from="2026-09-18", decided_to="2026-09-18") == {decided.pk}
    assert found(received_from="2026-09-02") == {theirs.pk}
    with on(D(2026, 9, 21)):
        assert (
            _ids(_api(dw.agency_chengguan).get(URL, {"decision_maker": dw.haizhu_agency.pk}))
            == set()
        )
        typo = api.get(URL, {"maker": dw.chengguan.pk})
        body = api.get(f"{URL}{decided.pk}/").json()
    assert typo.status_code == 400 and set(typo.json()["error"]["fields"]) == {"maker"}
    assert (body["decided_on"], body["decision_number"], body["due_date"]) == (
        "2026-09-18", "海府〔2026〕12号", "2026-10-22",
    )  # fmt: skip
    [clock] = body["clocks"]
    assert (clock["key"], clock["unit"], clock["length"], clock["started_on"]) == (
        "publication", "working_days", 20, "2026-09-18",
    )  # fmt: skip
    assert (clock["due_date"], clock["state"]) == ("2026-10-22", "running")


def test_the_draft_goes_through_the_engines_transitions_endpoint(dw):
    decision = start(dw, D(2026, 7, 1))
    base = f"/api/cases/decisions.majordecision/{decision.pk}/transitions/"
    data = {"on_date": "2026-07-02", "draft_text": "第一条 为推进农贸市场升级改造，制定本方案。",
            "draft_explanation": "起草背景、依据和主要内容的说明。"}  # fmt: skip
    with on(D(2026, 7, 2)):
        assert _api(dw.agency_baiyun).get(base).status_code == 404
        assert _api(dw.agency_baiyun).post(base + "record_draft/", {"version": 1, "data": data},
                                           format="json").status_code == 404  # fmt: skip
        assert _api(dw.leader_gz).post(base + "record_draft/", {"version": 1, "data": data},
                                       format="json").status_code == 403  # fmt: skip
        done = _api(dw.agency_haizhu).post(base + "record_draft/", {"version": 1, "data": data},
                                           format="json")  # fmt: skip
        assert done.status_code == 200, done.content
        assert (done.json()["state"], done.json()["version"]) == ("started", 2)
        stale = _api(dw.agency_haizhu).post(base + "record_draft/", {"version": 1, "data": data},
                                            format="json")  # fmt: skip
        body = _api(dw.agency_haizhu).get(f"{URL}{decision.pk}/").json()
    assert stale.status_code == 409
    assert (body["drafted_on"], body["version"]) == ("2026-07-02", 2)
