"""The staff pages of the registers, used as a person would: forms that write through the
services once per submission, refuse bad input beside the field with what was typed (nothing
written), lists that filter and export with the ID number masked; and random input never a
server error (as core/tests/test_forms_fuzz.py does for the other lines)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from conftest import frozen_today
from core.tests.test_forms_fuzz import fuzz
from enforcement.models import (
    Certificate,
    EnforcementBody,
    ExamCandidate,
    Officer,
    Power,
    PowerTransfer,
    Suspension,
    Training,
)
from enforcement.tests.conftest import id_number, issue, officer, power, qualified, sitting

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = frozen_today()
pytestmark = pytest.mark.django_db


def _key(client, url):
    return re.search(r'name="submission_key" value="([^"]+)"',
                     client.get(url).content.decode()).group(1)  # fmt: skip


def test_a_body_registered_through_its_page_once(ew, login):
    client = login(ew.agency_haizhu)
    url = "/enforcement/bodies/new/"
    data = {"submission_key": _key(client, url), "agency": ew.haizhu_agency.pk,
            "name": "海珠区市场监督管理局稽查大队", "kind": "authorised",
            "legal_basis": "《市场监督管理行政处罚程序规定》", "region": ""}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same submission again
    assert EnforcementBody.objects.filter(name=data["name"]).count() == 1
    bad = {**data, "submission_key": _key(client, url), "name": "另一执法主体", "legal_basis": ""}
    response = client.post(url, bad)
    assert response.status_code == 200
    assert "legal_basis" in response.context["form"].errors
    assert "另一执法主体" in response.content.decode()  # the input is kept
    assert not EnforcementBody.objects.filter(name="另一执法主体").exists()


def test_an_officer_with_a_bad_id_number_is_refused_beside_the_field(ew, login):
    client = login(ew.clerk_haizhu)
    url = "/enforcement/officers/new/"
    good = id_number(9)
    data = {"submission_key": _key(client, url), "body": ew.shijian_body.pk, "name": "黄磊",
            "id_number": good[:-1] + ("1" if good[-1] == "0" else "0"), "post": "执法队员"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["id_number"]
    assert "黄磊" in response.content.decode()
    assert Officer.objects.count() == 0
    assert client.post(url, {**data, "id_number": good}).status_code == 302
    assert Officer.objects.get().name == "黄磊"


def test_powers_and_a_transfer_through_the_pages(ew, login):
    client = login(ew.clerk_haizhu)
    url = f"/enforcement/bodies/{ew.shijian_body.pk}/powers/new/"
    assert client.post(url, {"submission_key": _key(client, url), "code": "330217001",
                             "name": "对占道经营的处罚", "kind": "penalty", "legal_basis": "条例",
                             "valid_from": "2024-01-01"}).status_code == 302  # fmt: skip
    p = Power.objects.get()
    url = f"/enforcement/bodies/{ew.shijian_body.pk}/transfer/"
    same = client.post(url, {"submission_key": _key(client, url), "to_body": ew.shijian_body.pk,
                             "powers": [p.pk], "effective_on": "2026-03-01",
                             "basis_document": "海府〔2026〕12号"})  # fmt: skip
    assert same.status_code == 200 and "to_body" in same.context["form"].errors
    assert PowerTransfer.objects.count() == 0
    done = client.post(url, {"submission_key": _key(client, url), "to_body": ew.chengguan_body.pk,
                             "powers": [p.pk], "effective_on": "2026-03-01",
                             "basis_document": "海府〔2026〕12号"})  # fmt: skip
    assert done.status_code == 302
    page = client.get(f"/enforcement/bodies/{ew.chengguan_body.pk}/").content.decode()
    assert "330217001" in page and ew.shijian_body.name in page
    page = client.get(f"/enforcement/bodies/{ew.shijian_body.pk}/").content.decode()
    assert 'data-in-force="0"' in page and "2026-02-28" in page


def test_an_exam_from_sign_up_to_results_through_the_pages(ew, login, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 8
    o = officer(ew, ew.shijian_body, "张伟", 1)
    handler = login(ew.agency_haizhu)
    url = f"/enforcement/officers/{o.pk}/trainings/new/"
    handler.post(url, {"submission_key": _key(handler, url), "held_on": TODAY - 9 * DAY,
                       "hours": "8", "topic": "行政处罚法"})  # fmt: skip
    assert Training.objects.get().hours == 8
    s = sitting(ew, TODAY)  # signed up and sat today
    url = f"/enforcement/exams/{s.pk}/sign-up/"
    detail = handler.get(f"/enforcement/exams/{s.pk}/")
    key = detail.context["signup"].initial["submission_key"]
    assert handler.post(url, {"submission_key": key, "officer": o.pk}).status_code == 302
    c = ExamCandidate.objects.get()
    clerk = login(ew.clerk_haizhu)
    url = f"/enforcement/exams/{s.pk}/results/"
    bad = clerk.post(url, {f"score_{c.pk}": "120"})
    assert bad.status_code == 200 and f"score_{c.pk}" in bad.context["form"].errors
    assert ExamCandidate.objects.get().score is None
    assert clerk.post(url, {f"score_{c.pk}": "75.5"}).status_code == 302
    c.refresh_from_db()
    assert (c.score, c.passed) == (75.5, True)


def test_a_certificate_issued_suspended_and_reviewed_through_the_pages(ew, login, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    o = officer(ew, ew.shijian_body, "张伟", 1)
    clerk = login(ew.clerk_haizhu)
    url = f"/enforcement/officers/{o.pk}/certificate/"
    data = {"submission_key": _key(clerk, url), "number": "44010500001",
            "issued_on": "2026-06-01", "valid_until": "2029-05-31"}  # fmt: skip
    refused = clerk.post(url, data)  # no exam passed
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert Certificate.objects.count() == 0
    qualified(ew, o, D(2026, 5, 20))
    assert clerk.post(url, data).status_code == 302
    c = Certificate.objects.get()
    page = clerk.get(f"/enforcement/certificates/{c.pk}/")
    assert [a for a, _label in page.context["actions"]] == ["suspend", "cancel", "revoke"]
    url = f"/enforcement/certificates/{c.pk}/suspend/"
    no_reason = clerk.post(url, {"submission_key": _key(clerk, url), "on_date": "2026-06-10"})
    assert "reason" in no_reason.context["form"].errors
    assert clerk.post(url, {"submission_key": _key(clerk, url), "on_date": "2026-06-10",
                            "reason": "接受调查"}).status_code == 302  # fmt: skip
    assert Suspension.objects.count() == 1
    page = clerk.get(f"/enforcement/certificates/{c.pk}/")
    assert 'data-status="suspended"' in page.content.decode()
    assert [a for a, _label in page.context["actions"]] == ["lift", "cancel", "revoke"]
    url = f"/enforcement/certificates/{c.pk}/review/"
    assert clerk.post(url, {"submission_key": _key(clerk, url), "year": "2026",
                            "reviewed_on": "2026-06-10", "passed": "yes"}).status_code == 302  # fmt: skip
    assert c.annual_reviews.get().passed is True
    officer_page = clerk.get(f"/enforcement/officers/{o.pk}/")
    assert officer_page.context["qualification"].ok is False


def test_the_lists_filter_and_export_with_the_id_number_masked(ew, login, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    a, b = officer(ew, ew.shijian_body, "张伟", 1), officer(ew, ew.shijian_body, "李强", 2)
    qualified(ew, a, D(2025, 5, 20))
    issue(ew, a, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    client = login(ew.clerk_haizhu)
    body = client.get("/enforcement/officers/", {"certified": "true"}).content.decode()
    assert "张伟" in body and "李强" not in body
    body = client.get("/enforcement/officers/", {"certified": "false"}).content.decode()
    assert "张伟" not in body and "李强" in body
    assert "44010500001" in client.get("/enforcement/certificates/",
                                       {"status": "valid"}).content.decode()  # fmt: skip
    assert "44010500001" not in client.get("/enforcement/certificates/",
                                           {"status": "revoked"}).content.decode()  # fmt: skip
    response = client.get("/enforcement/officers/", {"output": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "张伟" in cells and id_number(1) not in cells and b.masked_id_number in cells


def test_random_input_to_every_form_is_never_a_server_error(ew, login, settings):
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    o = officer(ew, ew.shijian_body, "张伟", 1)
    qualified(ew, o, D(2025, 5, 20))
    c = issue(ew, o, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    p = power(ew, ew.shijian_body, "330217001", D(2024, 1, 1))
    s = sitting(ew, TODAY + 21 * DAY)
    client = login(ew.clerk_haizhu)
    for url in ("/enforcement/bodies/new/", "/enforcement/officers/new/", "/enforcement/exams/new/",
                f"/enforcement/bodies/{ew.shijian_body.pk}/edit/",
                f"/enforcement/bodies/{ew.shijian_body.pk}/powers/new/",
                f"/enforcement/bodies/{ew.shijian_body.pk}/transfer/",
                f"/enforcement/powers/{p.pk}/end/",
                f"/enforcement/officers/{o.pk}/edit/",
                f"/enforcement/officers/{o.pk}/trainings/new/",
                f"/enforcement/officers/{o.pk}/certificate/",
                f"/enforcement/exams/{s.pk}/sign-up/",
                f"/enforcement/exams/{o.exams.first().sitting_id}/results/",
                f"/enforcement/certificates/{c.pk}/suspend/",
                f"/enforcement/certificates/{c.pk}/review/"):  # fmt: skip
        fuzz(client, url)


def test_the_menu_offers_the_registers_by_role(ew, login):
    from core.navigation import menu_for

    def urls(user):
        return {i["url"] for s in menu_for(user) if s["key"] == "enforcement" for i in s["items"]}

    everything = {"/enforcement/bodies/", "/enforcement/transfers/", "/enforcement/officers/",
                  "/enforcement/exams/", "/enforcement/certificates/"}  # fmt: skip
    # The registers' pages; the later slices add their own (tested with them).
    assert everything <= urls(ew.clerk_haizhu)
    assert everything <= urls(ew.leader_gz)
    assert everything <= urls(ew.agency_haizhu)
    assert urls(ew.mediator_haizhu) == set()
    assert login(ew.mediator_haizhu).get("/enforcement/officers/").status_code == 403
