"""Litigation cases through the REST API (/api/litigation/cases/): lists and details scoped like
the pages (an agency handler: their own agency's lawsuits), registration through the service the
form uses (bad input names its field in Chinese and writes nothing; an Idempotency-Key answers
a replay with the first case), and the steps through the engine's generic transitions endpoint."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseEvent, Clock
from conftest import _user
from core.models import Organization, OrganizationKind, Party
from core.roles import Role
from litigation.models import LitigationCase, LitigationParty
from litigation.tests.helpers import conclude, fire, hear, on, register

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/litigation/cases/"


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.fixture
def w(world):
    """A second agency in 海珠 with its own handler: the bureau's staff then have two
    defendants to choose from, an agency handler still one."""
    world.other_agency = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=world.haizhu
    )
    world.other_handler = _user("agency_other", world.other_agency, Role.AGENCY_HANDLER)
    return world


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _payload(**changes) -> dict:
    return {
        "court": "广州市海珠区人民法院",
        "court_case_number": "（2026）粤0105行初88号",
        "trial_level": "first",
        "cause": "行政处罚",
        "act_description": "海市监罚〔2026〕30号行政处罚决定",
        "act_number": "海市监罚〔2026〕30号",
        "complaint_served_on": "2026-06-04",
        "parties": [
            {"side": "plaintiff", "kind": "organization", "name": "某餐饮管理有限公司"},
            {"side": "third_party", "name": "第三人甲"},
        ],
        **changes,
    }


def _counts() -> tuple:
    return (LitigationCase.objects.count(), LitigationParty.objects.count(),
            Party.objects.count(), CaseEvent.objects.count(), Clock.objects.count())  # fmt: skip


def test_an_agency_handler_lists_and_reads_only_their_agencys_cases(w):
    mine = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 1))
    theirs = register(w.other_handler, w.other_agency, D(2026, 6, 1))
    assert _ids(_api(w.agency_haizhu).get(URL)) == {mine.pk}
    assert _ids(_api(w.other_handler).get(URL)) == {theirs.pk}
    assert _ids(_api(w.clerk_haizhu).get(URL)) == {mine.pk, theirs.pk}
    assert _ids(_api(w.leader_gz).get(URL)) == {mine.pk, theirs.pk}
    # Bureau staff of another district: none of them, and not even their pages.
    assert _api(w.clerk_baiyun).get(URL).json()["count"] == 0
    assert _api(w.clerk_baiyun).get(f"{URL}{mine.pk}/").status_code == 404
    assert _api(w.agency_haizhu).get(f"{URL}{mine.pk}/").status_code == 200
    missing = _api(w.agency_haizhu).get(f"{URL}{theirs.pk}/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    # A mediator holds no litigation role at all.
    assert _api(w.mediator_haizhu).get(URL).status_code == 403


def test_the_detail_shows_parties_hearings_recommendations_and_clocks(w):
    """Complaint served Thursday 4 June 2026: the answer within 15 days (行政诉讼法第六十七条)
    → Friday 19 June, in 端午 (19–21 June) → Monday 22 June."""
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 4))
    case = hear(case, w.agency_haizhu, D(2026, 6, 15), head="王局长", position="deputy")
    with on(D(2026, 6, 16)):
        case = fire(case, "receive_recommendation", w.agency_haizhu,
                    content="建议规范行政处罚告知程序。", reply_due="2026-07-16")  # fmt: skip
    body = _api(w.agency_haizhu).get(f"{URL}{case.pk}/").json()
    assert body["court_case_number"] == case.court_case_number
    assert (body["organization"], body["defendant_name"]) == (
        w.haizhu_agency.pk, "海珠区市场监督管理局",
    )  # fmt: skip
    assert (body["state"], body["state_label"]) == ("pending", "审理中")
    assert [(p["side"], p["name"]) for p in body["parties"]] == [("plaintiff", "某贸易有限公司")]
    [hearing] = body["hearings"]
    assert (hearing["hearing_on"], hearing["notice_served_on"], hearing["held_on"]) == (
        "2026-06-15", "2026-06-08", "2026-06-15",
    )  # fmt: skip
    assert (hearing["head_appeared"], hearing["head_name"], hearing["head_position"]) == (
        True, "王局长", "deputy",
    )  # fmt: skip
    assert (body["first_heard_on"], body["head_appeared"]) == ("2026-06-15", True)
    [recommendation] = body["recommendations"]
    assert recommendation["content"] == "建议规范行政处罚告知程序。"
    assert (recommendation["received_on"], recommendation["reply_due"]) == (
        "2026-06-16", "2026-07-16",
    )  # fmt: skip
    assert recommendation["replied_on"] is None
    [answer] = body["clocks"]
    assert (answer["key"], answer["started_on"], answer["nominal_due"], answer["due_date"]) == (
        "answer", "2026-06-04", "2026-06-19", "2026-06-22",
    )  # fmt: skip
    assert body["due_date"] == "2026-06-22"
    # The list carries the same clocks, read for the whole page at once.
    [row] = _api(w.agency_haizhu).get(URL).json()["results"]
    assert row["clocks"] == body["clocks"]


def test_an_agency_handler_registers_a_lawsuit_against_their_own_agency(w):
    """Served Thursday 4 June 2026, registered the next day: the answer is due Monday 22 June
    (15 days, 行政诉讼法第六十七条 → Friday 19 June, 端午 19–21 June)."""
    with on(D(2026, 6, 5)):
        response = _api(w.agency_haizhu).post(URL, _payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    case = LitigationCase.objects.get(pk=body["id"])
    # No defendant given: the handler's only one, their own agency (as the form preselects).
    assert case.organization == w.haizhu_agency == Organization.objects.get(pk=body["organization"])
    assert (body["number"], body["trial_level"], body["state"]) == (
        "（2026）粤0105行初88号", "first", "pending",
    )  # fmt: skip
    assert body["complaint_served_on"] == "2026-06-04"
    assert sorted((p["side"], p["name"]) for p in body["parties"]) == [
        ("plaintiff", "某餐饮管理有限公司"), ("third_party", "第三人甲"),
    ]  # fmt: skip
    assert [(c["key"], c["due_date"]) for c in body["clocks"]] == [("answer", "2026-06-22")]
    assert body["version"] == 1 and body["hearings"] == body["recommendations"] == []


def test_bureau_staff_choose_a_defendant_in_their_jurisdiction(w):
    first = register(w.clerk_haizhu, w.other_agency, D(2026, 6, 1),
                     court_case_number="（2026）粤0105行初7号")  # fmt: skip
    appeal = _payload(
        organization=w.other_agency.pk,
        court="广州铁路运输中级法院",
        court_case_number="（2026）粤71行终15号",
        trial_level="second",
        earlier_number="(2026)粤0105行初7号",  # half-width brackets: the same number
        parties=[{"side": "plaintiff", "name": "上诉人乙"}],
    )
    with on(D(2026, 6, 5)):
        response = _api(w.clerk_haizhu).post(URL, appeal, format="json")
        assert response.status_code == 201, response.content
        assert (response.json()["organization"], response.json()["earlier"]) == (
            w.other_agency.pk, first.pk,
        )  # fmt: skip
        # Bureau staff of another district may not register against a 海珠 agency.
        before = _counts()
        refused = _api(w.clerk_baiyun).post(
            URL, _payload(organization=w.haizhu_agency.pk), format="json"
        )
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "organization": ["您无权为该行政机关登记应诉案件。"]
    }
    assert _counts() == before


@pytest.mark.parametrize(
    ("user", "changes", "field", "message"),
    [
        # Two agencies in 海珠: the bureau's staff must choose one.
        ("clerk_haizhu", {}, "organization", "请选择被告行政机关。"),
        ("clerk_haizhu", {"organization": None}, "organization", "请选择被告行政机关。"),
        # A justice bureau is no defendant agency.
        ("clerk_haizhu", {"organization": "haizhu_bureau"}, "organization",
         "请选择被告行政机关。"),
        ("agency_haizhu", {"court_case_number": ""}, "court_case_number",
         "请填写法院案号，如（2026）粤0105行初12号。"),
        ("agency_haizhu", {"court_case_number": "   "}, "court_case_number",
         "请填写法院案号，如（2026）粤0105行初12号。"),
        # Registered on Friday 5 June: a complaint served on Saturday 6 June is not yet.
        ("agency_haizhu", {"complaint_served_on": "2026-06-06"}, "complaint_served_on",
         "日期不能晚于今天。"),
        ("agency_haizhu", {"trial_level": ""}, "trial_level", "请选择审级。"),
        ("agency_haizhu", {"trial_level": "third"}, "trial_level", None),  # DRF's choice check
        ("agency_haizhu", {"parties": []}, "parties", "请至少填写一名原告。"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_in_chinese_and_writes_nothing(w, user, changes, field, message):
    if changes.get("organization"):  # named by the world's attribute
        changes = changes | {"organization": getattr(w, changes["organization"]).pk}
    before = _counts()
    with on(D(2026, 6, 5)):
        response = _api(getattr(w, user)).post(
            URL, _payload(**changes), format="json", HTTP_IDEMPOTENCY_KEY="badinput0001"
        )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert field in error["fields"]
    if message is not None:
        assert error["fields"][field] == [message]
        assert error["message"] == message
    assert _counts() == before


def test_several_errors_are_named_at_once(w):
    payload = _payload(court="", court_case_number="", complaint_served_on=None)
    with on(D(2026, 6, 5)):
        response = _api(w.clerk_haizhu).post(URL, payload, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {
        "organization", "court", "court_case_number", "complaint_served_on",
    }  # fmt: skip
    assert LitigationCase.objects.count() == 0


def test_a_replay_with_the_same_idempotency_key_answers_the_first_case(w):
    api = _api(w.agency_haizhu)
    with on(D(2026, 6, 5)):
        first = api.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="litcase-0001")
        again = api.post(URL, _payload(), format="json", HTTP_IDEMPOTENCY_KEY="litcase-0001")
        # Without the key the same court case is refused: it is registered already.
        twice = api.post(URL, _payload(), format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert again.json()["number"] == "（2026）粤0105行初88号"
    assert twice.status_code == 400
    assert set(twice.json()["error"]["fields"]) == {"court_case_number"}
    assert LitigationCase.objects.count() == 1


def test_a_leader_reads_but_may_not_register(w):
    with on(D(2026, 6, 5)):
        response = _api(w.leader_gz).post(
            URL, _payload(organization=w.haizhu_agency.pk), format="json"
        )
    assert response.status_code == 403
    assert LitigationCase.objects.count() == 0


def test_the_answer_goes_through_the_engines_transitions_endpoint(w):
    """Served Monday 1 June 2026, answer due Tuesday 16 June (15 days, 行政诉讼法第六十七条);
    submitted Wednesday 10 June through the API: the answer clock stops, met."""
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 1))
    base = f"/api/cases/litigation.litigationcase/{case.pk}/transitions/"
    api = _api(w.agency_haizhu)
    with on(D(2026, 6, 10)):
        offered = api.get(base)
        assert offered.status_code == 200
        names = {t["name"] for t in offered.json()["transitions"]}
        assert {"submit_answer", "schedule_hearing", "conclude"} <= names
        assert _api(w.other_handler).get(base).status_code == 404
        assert _api(w.clerk_baiyun).post(base + "submit_answer/", {"version": 1},
                                         format="json").status_code == 404  # fmt: skip
        assert _api(w.leader_gz).post(base + "submit_answer/", {"version": 1},
                                      format="json").status_code == 403  # fmt: skip
        done = api.post(base + "submit_answer/",
                        {"version": 1, "data": {"on_date": "2026-06-10"}}, format="json")  # fmt: skip
        assert done.status_code == 200, done.content
        assert (done.json()["state"], done.json()["version"]) == ("pending", 2)
        stale = api.post(base + "submit_answer/",
                         {"version": 1, "data": {"on_date": "2026-06-10"}}, format="json")  # fmt: skip
        assert stale.status_code == 409
        again = api.post(base + "submit_answer/",
                         {"version": 2, "data": {"on_date": "2026-06-10"}}, format="json")  # fmt: skip
        assert again.status_code == 400  # answered once (the guard)
        body = api.get(f"{URL}{case.pk}/").json()
    assert body["answer_submitted_on"] == "2026-06-10"
    [answer] = body["clocks"]
    assert (answer["due_date"], answer["state"], answer["stopped_on"], answer["status"]) == (
        "2026-06-16", "stopped", "2026-06-10", "met",
    )  # fmt: skip
    # The conclusion goes the same way and ends the case.
    with on(D(2026, 9, 14)):
        ended = api.post(base + "conclude/", {"version": 2, "data": {
            "on_date": "2026-09-14", "judgment_type": "reject_claims",
            "served_on": "2026-09-14"}}, format="json")  # fmt: skip
    assert ended.status_code == 200, ended.content
    assert ended.json()["state"] == "concluded"


def test_the_filters(w):
    first = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1),
                     court_case_number="（2026）粤0105行初1号")  # fmt: skip
    won = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 3))
    won = conclude(won, w.clerk_haizhu, D(2026, 6, 8), "reject_claims")
    lost = register(w.clerk_haizhu, w.other_agency, D(2026, 6, 5))
    lost = conclude(lost, w.clerk_haizhu, D(2026, 6, 9), "annul")
    appeal = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 8), level="second",
                      court_case_number="（2026）粤01行终3号",
                      earlier_number="（2026）粤0105行初1号")  # fmt: skip
    api = _api(w.clerk_haizhu)

    def found(**params):
        return _ids(api.get(URL, params))

    assert found() == {first.pk, won.pk, lost.pk, appeal.pk}
    assert found(state="pending") == {first.pk, appeal.pk}
    assert found(state="concluded") == {won.pk, lost.pk}
    assert found(trial_level="second") == {appeal.pk}
    assert found(judgment_type="annul") == {lost.pk}
    assert found(defendant=w.other_agency.pk) == {lost.pk}
    assert found(defendant=w.haizhu_agency.pk) == {first.pk, won.pk, appeal.pk}
    # Served dates, both bounds included: 3 June to 5 June.
    assert found(served_from="2026-06-03", served_to="2026-06-05") == {won.pk, lost.pk}
    assert found(served_from="2026-06-08") == {appeal.pk}
    assert found(served_to="2026-06-01") == {first.pk}
    assert found(state="concluded", defendant=w.haizhu_agency.pk) == {won.pk}
    # The filters do not reach past the scope: the other agency's handler filters by 海珠's.
    assert _ids(_api(w.other_handler).get(URL, {"defendant": w.haizhu_agency.pk})) == set()
    # A typo or a bad value is refused, naming the parameter, not ignored.
    typo = api.get(URL, {"trial": "second"})
    assert typo.status_code == 400 and set(typo.json()["error"]["fields"]) == {"trial"}
    bad = api.get(URL, {"trial_level": "third"})
    assert bad.status_code == 400 and "trial_level" in bad.json()["error"]["fields"]


def test_a_page_of_the_list_costs_the_same_queries_for_one_case_or_many(w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _api(w.clerk_haizhu).get(URL).status_code == 200
        return len(captured)

    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1))
    hear(case, w.clerk_haizhu, D(2026, 6, 15), head="王局长")
    one = queries()
    for day in (2, 3, 4):
        more = register(w.clerk_haizhu, w.other_agency, D(2026, 6, day))
        hear(more, w.clerk_haizhu, D(2026, 6, 15), head="李局长")
    assert queries() == one
