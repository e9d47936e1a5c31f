"""The REST API of public legal services (legalservice.api): the lists scoped like the staff
pages (another district's staff see none of 海珠's rows, 404 on each), the person's telephone
masked, a service recorded by POST once per Idempotency-Key, a unit or a service point of
another jurisdiction refused on its field in Chinese (SD‑GF Arts. 10–14: the network and the
services are the county's and the street's own), and lists whose query count does not grow with
their rows.

The world (legalservice/tests/conftest.py): office_haizhu is 赤岗街道司法所 (440105001),
clerk_haizhu the 海珠 bureau's section staff, clerk_baiyun and office_baiyun 白云's. The days
used (2 March 2026 and earlier) are past on either test day (10 June or 28 December 2026)."""

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
from core.crypto import mask
from legalservice import services
from legalservice.models import ServiceRecord
from legalservice.tests.conftest import SPRING, adviser, point, record

pytestmark = pytest.mark.django_db
D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")
PHONE = "13800138000"
NEW_PATHS = (
    "/api/legalservice/points/", "/api/legalservice/points/{id}/",
    "/api/legalservice/records/", "/api/legalservice/records/{id}/",
    "/api/legalservice/advisers/", "/api/legalservice/advisers/{id}/",
    "/api/legalservice/checkups/", "/api/legalservice/checkups/{id}/",
)  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def rows(user, path: str, **params) -> list[dict]:
    response = api(user).get(f"/api/legalservice/{path}/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def entry(w, **extra) -> dict:
    data = {
        "served_on": SPRING.isoformat(), "organization": w.haizhu_office.pk, "channel": "hotline",
        "matter_kind": "marriage_family", "outcome": "answered", "person_name": "周七",
        "person_phone": PHONE, "summary": "离婚后子女抚养费如何计算",
    }  # fmt: skip
    data.update(extra)
    return data


def zh(model, field: str, reason: str) -> str:
    """The message the API gives: the field's Chinese label, then the reason in Chinese."""
    with translation.override("zh-hans"):
        return f"{model._meta.get_field(field).verbose_name}：{gettext(reason)}"


@pytest.fixture
def lw(ls):
    w = ls
    w.point = point(w)
    w.record = record(w, service_point=w.point)
    w.baiyun_record = record(w, actor=w.office_baiyun, organization=w.baiyun_office,
                             person_name="吴八", person_phone="13900139000")  # fmt: skip
    w.adviser = adviser(w, w.villages[0], w.lawyer_a)
    services.adviser_log_record(actor=w.office_haizhu, adviser=w.adviser, data={
        "month": D(2026, 2, 1), "visits": 4, "consultations": 6, "documents_reviewed": 2,
        "lectures": 1,
    })  # fmt: skip
    w.checkup = services.checkup_record(actor=w.office_haizhu, data={
        "enterprise_name": "广州赤岗制衣有限公司", "checked_on": SPRING, "lawyer": w.lawyer_a,
        "organization": w.haizhu_office, "problems_found": 3, "advice": "完善劳动合同",
    })  # fmt: skip
    return w


def test_each_list_is_scoped_to_the_callers_jurisdiction(lw):
    w = lw
    assert [r["id"] for r in rows(w.office_haizhu, "records")] == [w.record.pk]
    assert [r["id"] for r in rows(w.office_baiyun, "records")] == [w.baiyun_record.pk]
    assert {r["id"] for r in rows(w.leader_gz, "records")} == {w.record.pk, w.baiyun_record.pk}
    assert [r["id"] for r in rows(w.clerk_haizhu, "points")] == [w.point.pk]
    for path in ("points", "advisers", "checkups"):
        assert rows(w.clerk_baiyun, path) == []
    client = api(w.clerk_baiyun)
    for path, pk in (("points", w.point.pk), ("records", w.record.pk),
                     ("advisers", w.adviser.pk), ("checkups", w.checkup.pk)):  # fmt: skip
        assert client.get(f"/api/legalservice/{path}/{pk}/").status_code == 404
    # A line it has nothing of: a mediator is refused the lists outright.
    assert api(w.mediator_haizhu).get("/api/legalservice/records/").status_code == 403


def test_the_persons_phone_is_masked(lw):
    w = lw
    response = api(w.office_haizhu).get(f"/api/legalservice/records/{w.record.pk}/")
    data = response.json()
    assert data["person_phone"] == mask(PHONE, 3, 4) == "138****8000"
    assert PHONE not in response.content.decode()
    assert (data["service_point"], data["service_point_name"]) == (w.point.pk, w.point.name)
    assert (data["channel"], data["matter_kind"], data["referred"]) == ("window", "labour", False)


def test_filters_by_year_region_and_kind(lw):
    w = lw
    old = record(w, served_on=D(2025, 11, 3), matter_kind="contract")
    leader = w.leader_gz
    assert [r["id"] for r in rows(leader, "records", year=2025)] == [old.pk]
    assert {r["id"] for r in rows(leader, "records", region="440111000000")} == {w.baiyun_record.pk}
    assert [r["id"] for r in rows(leader, "records", matter_kind="contract")] == [old.pk]
    assert [r["id"] for r in rows(leader, "checkups", year=2026)] == [w.checkup.pk]
    assert rows(leader, "checkups", year=2025) == []


def test_an_adviser_lists_the_monthly_logs(lw):
    w = lw
    (row,) = rows(w.clerk_haizhu, "advisers")
    assert (row["village"], row["lawyer_name"]) == ("440105001001", "陈律师")
    assert [(x["month"], x["services"]) for x in row["logs"]] == [("2026-02-01", 13)]


def test_a_service_is_recorded_once_per_idempotency_key(lw):
    w = lw
    client = api(w.office_haizhu)
    first = client.post("/api/legalservice/records/", entry(w), format="json",
                        HTTP_IDEMPOTENCY_KEY="ls-record-0001")  # fmt: skip
    again = client.post("/api/legalservice/records/", entry(w, summary="改过"), format="json",
                        HTTP_IDEMPOTENCY_KEY="ls-record-0001")  # fmt: skip
    assert first.status_code == 201, first.content
    data = first.json()
    assert (data["channel"], data["region_code"], data["person_phone"]) == (
        "hotline", "440105001000", "138****8000",
    )  # fmt: skip
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    created = ServiceRecord.objects.get(pk=data["id"])
    assert created.summary == "离婚后子女抚养费如何计算" and created.recorded_by == w.office_haizhu
    assert created.person_phone == PHONE
    assert ServiceRecord.objects.count() == 3  # the two of the fixture and this one


def test_a_record_in_another_jurisdiction_is_refused_naming_the_field(lw):
    """A 白云 office records for its own street only: 海珠's office as the unit is refused on
    `organization`, 海珠's station as the point on `service_point`; nothing is written."""
    w = lw
    client = api(w.office_baiyun)
    response = client.post("/api/legalservice/records/", entry(w), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["organization"]
    assert error["message"] == zh(ServiceRecord, "organization",
                                  "This organisation lies outside your jurisdiction.")  # fmt: skip
    assert CJK.search(error["message"])
    response = client.post("/api/legalservice/records/", entry(
        w, organization=w.baiyun_office.pk, service_point=w.point.pk), format="json")  # fmt: skip
    error = response.json()["error"]
    assert response.status_code == 400 and list(error["fields"]) == ["service_point"]
    assert error["message"] == zh(ServiceRecord, "service_point",
                                  "This service point lies outside your jurisdiction.")  # fmt: skip
    assert ServiceRecord.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("channel", "fax", "Choose the channel: centre or window, hotline 12348 or online."),
        ("matter_kind", "weather", "Choose the kind of matter."),
        ("served_on", "future", "The date cannot be in the future."),
        ("summary", "   ", "Summarise the question and the answer given."),
    ],
)
def test_bad_input_is_refused_in_chinese_naming_the_field(lw, field, value, reason):
    w = lw
    if value == "future":
        value = (frozen_today() + datetime.timedelta(days=1)).isoformat()
    response = api(w.office_haizhu).post("/api/legalservice/records/", entry(w, **{field: value}),
                                         format="json")  # fmt: skip
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == [field]
    assert error["message"] == zh(ServiceRecord, field, reason)
    assert ServiceRecord.objects.count() == 2


def test_a_malformed_date_is_refused_by_the_serializer_naming_the_field(lw):
    w = lw
    response = api(w.office_haizhu).post("/api/legalservice/records/",
                                         entry(w, served_on="2026-02-30"), format="json")  # fmt: skip
    error = response.json()["error"]
    assert response.status_code == 400 and list(error["fields"]) == ["served_on"]
    with translation.override("zh-hans"):
        label = str(ServiceRecord._meta.get_field("served_on").verbose_name)
    assert error["message"].startswith(f"{label}：") and CJK.search(error["message"][len(label) :])
    assert ServiceRecord.objects.count() == 2


def test_a_leader_reads_but_may_not_record(lw):
    w = lw
    response = api(w.leader_gz).post("/api/legalservice/records/", entry(w), format="json")
    assert response.status_code == 403
    assert ServiceRecord.objects.count() == 2


def _queries(user, path: str) -> int:
    client = api(user)
    client.get(f"/api/legalservice/{path}/")  # the token and the session warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/legalservice/{path}/")
    assert response.status_code == 200
    return len(queries)


def test_the_lists_do_not_query_per_row(lw):
    w = lw
    before = {p: _queries(w.office_haizhu, p) for p in ("points", "records", "advisers",
                                                         "checkups")}  # fmt: skip
    for i in range(6):
        record(w, service_point=w.point, served_on=D(2026, 1, 5 + i))
        services.checkup_record(actor=w.office_haizhu, data={
            "enterprise_name": f"企业{i}", "checked_on": D(2026, 1, 5 + i), "lawyer": w.lawyer_b,
            "organization": w.haizhu_office, "problems_found": i, "advice": "建议",
        })  # fmt: skip
        point(w, name=f"社区工作室{i}", level="office", region=w.villages[i % 4])
    for v in w.villages[1:]:
        a = adviser(w, v, w.lawyer_b)
        services.adviser_log_record(actor=w.office_haizhu, adviser=a,
                                    data={"month": D(2026, 1, 1), "visits": 1})  # fmt: skip
    after = {p: _queries(w.office_haizhu, p) for p in before}
    assert after == before
    assert (
        len(rows(w.office_haizhu, "records")) == 7 and len(rows(w.office_haizhu, "advisers")) == 4
    )


def test_the_schema_lists_the_new_paths_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in NEW_PATHS:
        assert f"  {path}:" in text
