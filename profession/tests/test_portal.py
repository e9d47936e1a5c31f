"""The public record of penalties on the portal: decided penalties only (律师法 Arts. 47–50),
never a pending complaint, a dismissed one or one not accepted, never who complained."""

from __future__ import annotations

import datetime

import pytest

from portal.registry import SERVICES
from profession.tests.conftest import complain, fire
from profession.tests.test_complaints import DECISION

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/profession/public/penalties/"


def test_only_decided_penalties_show_and_no_complainant(pw, client):
    w = pw
    decided = complain(w, D(2026, 6, 8), name="投诉人甲", phone="13900139001")
    fire(decided, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(decided, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    dismissed = complain(w, D(2026, 6, 8), lawyer=w.lawyer_b, name="投诉人乙")
    fire(dismissed, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(dismissed, "propose", w.clerk_haizhu, D(2026, 6, 20), findings="拟处罚。")
    fire(dismissed, "dismiss", w.clerk_city, D(2026, 6, 30), findings="证据不足。")
    pending = complain(w, D(2026, 6, 8), firm=w.firm, name="投诉人丙",
                       facts="律师事务所未建立投诉处理制度。")  # fmt: skip
    fire(pending, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(pending, "propose", w.clerk_haizhu, D(2026, 6, 20), findings="拟警告。")
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("data-penalty=") == 1
    assert "陈律师" in html and DECISION["decision_number"] in html and DECISION["summary"] in html
    assert "林律师" not in html  # dismissed after a proposal
    for private in ("投诉人甲", "投诉人乙", "投诉人丙", "13900139001", "13900139000",
                    decided.facts, "未建立投诉处理制度", decided.number):  # fmt: skip
        assert private not in html


def test_a_region_filter_and_the_portal_service(pw, client):
    w = pw
    decided = complain(w, D(2026, 6, 8))
    fire(decided, "accept", w.clerk_haizhu, D(2026, 6, 9))
    fire(decided, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
    assert client.get(URL, {"district": "440105"}).content.decode().count("data-penalty=") == 1
    assert client.get(URL, {"district": "440111"}).content.decode().count("data-penalty=") == 0
    assert "profession_penalties" in {s.key for s in SERVICES}
