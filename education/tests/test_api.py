"""The REST API of public legal education (education.api): the activities scoped like the staff
pages (another district's staff see none of 海珠's, 404 on each; an agency's handler its own
agency's only), an activity recorded by POST once per Idempotency-Key and refused in Chinese
naming the field (a negative head count, a future day, an organiser the caller may not record
for; SD-PF Arts. 23, 28), the evaluations (履职评议) listed only once their result is published,
with the public vote counted by rating and no ballot shown, the responsibility lists and model
villages, and lists whose query count does not grow with their rows.

The world (education/tests/conftest.py): clerk_haizhu the 海珠 bureau's section staff,
clerk_baiyun 白云's, agency_haizhu the handler of 海珠区市场监督管理局. Days used lie before
10 June 2026 (either test day: 10 June or 28 December 2026)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import frozen_today
from education import services, voting
from education.choices import VoteRating
from education.models import EducationActivity
from education.tests.conftest import activity_data

pytestmark = pytest.mark.django_db
D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")
NEW_PATHS = (
    "/api/education/activities/", "/api/education/activities/{id}/",
    "/api/education/responsibility-lists/", "/api/education/responsibility-lists/{id}/",
    "/api/education/evaluations/", "/api/education/evaluations/{id}/",
    "/api/education/model-villages/", "/api/education/model-villages/{id}/",
)  # fmt: skip
URL = "/api/education/activities/"


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def rows(user, path: str, **params) -> list[dict]:
    response = api(user).get(f"/api/education/{path}/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def entry(w, **extra) -> dict:
    data = {
        "held_on": "2026-03-15", "organizer": w.haizhu_bureau.pk, "region": "440105001000",
        "place": "赤岗街道文化广场", "topic": "民法典宣传周", "form": "lecture",
        "audience": "villagers", "people_reached": 180, "materials_distributed": 400,
        "online_views": 1200,
    }  # fmt: skip
    data.update(extra)
    return data


def zh_label(field: str) -> str:
    with translation.override("zh-hans"):
        return str(EducationActivity._meta.get_field(field).verbose_name)


def test_activities_are_scoped_to_the_callers_jurisdiction(edu):
    w = edu
    assert {r["id"] for r in rows(w.clerk_haizhu, "activities")} == {
        w.activity_haizhu.pk, w.activity_agency.pk,
    }  # fmt: skip
    assert [r["id"] for r in rows(w.clerk_baiyun, "activities")] == [w.activity_baiyun.pk]
    assert [r["id"] for r in rows(w.agency_haizhu, "activities")] == [w.activity_agency.pk]
    client = api(w.clerk_baiyun)
    assert client.get(f"{URL}{w.activity_haizhu.pk}/").status_code == 404
    assert api(w.agency_haizhu).get(f"{URL}{w.activity_haizhu.pk}/").status_code == 404
    assert api(w.mediator_haizhu).get(URL).status_code == 403


def test_activities_filter_by_year_region_and_form(edu):
    w = edu
    old = services.activity_record(actor=w.clerk_haizhu, data=activity_data(
        w.haizhu_bureau, held_on=D(2024, 12, 4), topic="国家宪法日", form="lecture"))  # fmt: skip
    leader = w.leader_gz
    assert [r["id"] for r in rows(leader, "activities", year=2024)] == [old.pk]
    assert [r["id"] for r in rows(leader, "activities", region="440111000000")] == [
        w.activity_baiyun.pk
    ]
    assert [r["id"] for r in rows(leader, "activities", form="case_explanation")] == [
        w.activity_agency.pk
    ]


def test_an_activity_is_recorded_once_per_idempotency_key(edu):
    w = edu
    client = api(w.clerk_haizhu)
    first = client.post(URL, entry(w), format="json", HTTP_IDEMPOTENCY_KEY="edu-act-0001")
    again = client.post(URL, entry(w, topic="改过"), format="json",
                        HTTP_IDEMPOTENCY_KEY="edu-act-0001")  # fmt: skip
    assert first.status_code == 201, first.content
    data = first.json()
    assert (data["region_code"], data["people_reached"], data["organizer_name"]) == (
        "440105001000", 180, w.haizhu_bureau.name,
    )  # fmt: skip
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert EducationActivity.objects.filter(topic="民法典宣传周").count() == 1
    assert EducationActivity.objects.count() == 4


@pytest.mark.parametrize(
    ("field", "value", "reason", "label_field"),
    [
        ("people_reached", -5, "“%(field)s” cannot be negative.", "people_reached"),
        ("held_on", "future", "“%(field)s” cannot be in the future.", "held_on"),
        ("form", "parade", "Choose a value for “%(field)s” from the list.", "form"),
        ("region", "440111004000",
         "“%(field)s” must be the organiser's region or a region within it.", "region_code"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_chinese_naming_the_field(edu, field, value, reason, label_field):
    w = edu
    if value == "future":
        value = (frozen_today() + datetime.timedelta(days=1)).isoformat()
    response = api(w.clerk_haizhu).post(URL, entry(w, **{field: value}), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == [field]
    with translation.override("zh-hans"):
        expected = gettext(reason) % {"field": zh_label(label_field)}
    assert error["message"] == expected and CJK.search(expected)
    assert EducationActivity.objects.count() == 3


def test_an_organiser_of_another_district_is_refused_on_its_field(edu):
    w = edu
    response = api(w.clerk_haizhu).post(URL, entry(w, organizer=w.baiyun_bureau.pk,
                                                   region=""), format="json")  # fmt: skip
    error = response.json()["error"]
    assert response.status_code == 400 and list(error["fields"]) == ["organizer"]
    with translation.override("zh-hans"):
        assert error["message"] == gettext("Choose an organiser whose activities you may record.")
    assert CJK.search(error["message"])
    assert EducationActivity.objects.count() == 3


def test_a_missing_count_is_refused_by_the_serializer_naming_the_field(edu):
    w = edu
    body = entry(w)
    del body["people_reached"]
    response = api(w.clerk_haizhu).post(URL, body, format="json")
    error = response.json()["error"]
    assert response.status_code == 400 and list(error["fields"]) == ["people_reached"]
    assert error["message"].startswith(zh_label("people_reached") + "：")
    assert EducationActivity.objects.count() == 3


@pytest.fixture
def voted(edu):
    """海珠's two agencies under evaluation for 2025; two phones vote, then the bureau publishes
    the market regulator's result only."""
    w = edu
    w.eval_market = services.evaluation_report(actor=w.clerk_haizhu, agency=w.haizhu_agency,
                                               year=2025, self_report="开展以案释法12场",
                                               reported_on=D(2026, 1, 10))  # fmt: skip
    w.eval_chengguan = services.evaluation_report(actor=w.clerk_haizhu, agency=w.chengguan,
                                                  year=2025, self_report="普法进工地",
                                                  reported_on=D(2026, 1, 10))  # fmt: skip
    for phone, market, chengguan in (
        ("13800138000", VoteRating.SATISFIED, VoteRating.DISSATISFIED),
        ("13900139000", VoteRating.FAIRLY, VoteRating.SATISFIED),
        ("13700137000", VoteRating.DISSATISFIED, VoteRating.SATISFIED),
    ):
        voting.vote_cast(phone=phone, year=2025, district="440105", data={
            voting.rating_field(w.eval_market): market,
            voting.rating_field(w.eval_chengguan): chengguan,
        })  # fmt: skip
    services.evaluation_assess(actor=w.clerk_haizhu, evaluation=w.eval_market,
                               data={"expert_score": "91.5", "grade": "excellent"})  # fmt: skip
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.eval_market,
                                published_on=D(2026, 3, 1))  # fmt: skip
    return w


def test_only_published_evaluations_are_listed_with_the_votes_by_rating(voted):
    """The market regulator's result: 1 satisfied, 1 fairly satisfied, 1 dissatisfied of the
    3 portal votes — 66.7 % satisfied or fairly satisfied; 城管's, not yet published, is not
    listed and answers 404."""
    w = voted
    client = api(w.clerk_haizhu)
    response = client.get("/api/education/evaluations/")
    (row,) = response.json()["results"]
    assert (row["id"], row["grade"], row["expert_score"]) == (w.eval_market.pk, "excellent",
                                                              "91.50")  # fmt: skip
    assert row["votes"] == {"satisfied": 1, "fairly_satisfied": 1, "dissatisfied": 1,
                            "portal": 3, "offline": 0, "total": 3, "satisfied_rate": 66.7}  # fmt: skip
    assert row["votes"]["portal"] == w.eval_market.tally()["portal"]
    body = response.content.decode()
    assert "13800138000" not in body and "phone" not in body
    assert client.get(f"/api/education/evaluations/{w.eval_chengguan.pk}/").status_code == 404
    assert rows(w.clerk_baiyun, "evaluations") == []
    assert [r["id"] for r in rows(w.agency_haizhu, "evaluations")] == [w.eval_market.pk]
    assert rows(w.clerk_haizhu, "evaluations", year=2024) == []


def test_lists_and_model_villages(edu):
    w = edu
    lst = services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2026, items=[
        {"law": "中华人民共和国食品安全法", "target_audience": "食品经营者",
         "measures": "以案释法、送法进市场"},
    ])  # fmt: skip
    village = services.village_register(actor=w.clerk_haizhu, data={
        "region": w.village_haizhu, "level": "city", "year_named": 2024,
        "batch": "广州市第五批",
    })  # fmt: skip
    (row,) = rows(w.clerk_haizhu, "responsibility-lists")
    assert (row["id"], row["published"]) == (lst.pk, False)
    assert [i["law"] for i in row["items"]] == ["中华人民共和国食品安全法"]
    assert rows(w.clerk_baiyun, "responsibility-lists") == []
    (row,) = rows(w.clerk_haizhu, "model-villages")
    assert (row["id"], row["name"], row["level"]) == (village.pk, "赤岗社区", "city")
    assert (
        api(w.clerk_baiyun).get(f"/api/education/model-villages/{village.pk}/").status_code == 404
    )


def _queries(user, path: str) -> int:
    client = api(user)
    client.get(f"/api/education/{path}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/education/{path}/")
    assert response.status_code == 200
    return len(queries)


def test_the_lists_do_not_query_per_row(voted):
    w = voted
    paths = ("activities", "evaluations", "responsibility-lists", "model-villages")
    services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2025, items=[
        {"law": "食品安全法", "target_audience": "经营者", "measures": "讲座"}])  # fmt: skip
    services.village_register(actor=w.clerk_haizhu, data={
        "region": w.village_haizhu, "level": "city", "year_named": 2022})  # fmt: skip
    before = {p: _queries(w.clerk_haizhu, p) for p in paths}
    for i in range(5):
        services.activity_record(actor=w.clerk_haizhu, data=activity_data(
            w.haizhu_bureau, held_on=D(2026, 2, 1 + i), topic=f"讲座{i}"))  # fmt: skip
    services.list_create(actor=w.agency_chengguan, agency=w.chengguan, year=2025, items=[
        {"law": "城乡规划法", "target_audience": "居民", "measures": "入户宣传"},
        {"law": "市容环境卫生条例", "target_audience": "商户", "measures": "巡查讲解"}])  # fmt: skip
    services.evaluation_assess(actor=w.clerk_haizhu, evaluation=w.eval_chengguan,
                               data={"expert_score": "80", "grade": "good"})  # fmt: skip
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.eval_chengguan,
                                published_on=D(2026, 3, 2))  # fmt: skip
    services.village_register(actor=w.clerk_haizhu, data={
        "region": w.village_haizhu, "level": "provincial", "year_named": 2023})  # fmt: skip
    services.village_register(actor=w.clerk_haizhu, data={
        "region": w.village_haizhu, "level": "national", "year_named": 2024})  # fmt: skip
    after = {p: _queries(w.clerk_haizhu, p) for p in paths}
    assert after == before
    assert len(rows(w.clerk_haizhu, "evaluations")) == 2


def test_the_schema_lists_the_new_paths_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in NEW_PATHS:
        assert f"  {path}:" in text
