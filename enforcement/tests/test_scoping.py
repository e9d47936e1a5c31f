"""The access matrix of the enforcement registers (roles.py), verified like
legality/tests/test_scoping.py: personas × the lists, the entries' pages and the write pages.
Section staff see their jurisdiction and write in it, the city leader reads everything and
writes nothing, an agency's handler sees and edits their own agency's bodies and officers only
(and signs them up, records their training) but issues, suspends or revokes no certificate and
records no result; a foreign entry answers 404 without its data."""

from __future__ import annotations

import datetime

import pytest

from conftest import frozen_today
from core.models import Membership, User
from enforcement import services
from enforcement.models import Certificate
from enforcement.tests.conftest import issue, officer, on, power, qualified, sitting

D = datetime.date
DAY = datetime.timedelta(days=1)
SOON = frozen_today() + 21 * DAY  # sittings still open for sign-up
pytestmark = pytest.mark.django_db

PERSONAS = ["clerk_haizhu", "clerk_baiyun", "leader_gz", "agency_haizhu", "agency_chengguan",
            "agency_baiyun"]  # fmt: skip
# 1: 海珠 市监's, 2: 海珠 城管's, 3: 白云 市监's (bodies, officers, certificates alike).
EXPECTED = {
    "clerk_haizhu": {1, 2},
    "clerk_baiyun": {3},
    "leader_gz": {1, 2, 3},
    "agency_haizhu": {1},
    "agency_chengguan": {2},
    "agency_baiyun": {3},
}
# H: 海珠 bureau's sitting, B: 白云's, G: the city's (open to every district below it).
EXPECTED_SITTINGS = {
    "clerk_haizhu": {"H", "G"},
    "clerk_baiyun": {"B", "G"},
    "leader_gz": {"H", "B", "G"},
    "agency_haizhu": {"H", "G"},
    "agency_chengguan": {"H", "G"},
    "agency_baiyun": {"B", "G"},
}
# T1: 海珠 市监 → 海珠 城管; T2: 海珠 市监 → 白云 市监 (seen from both sides).
EXPECTED_TRANSFERS = {
    "clerk_haizhu": {"T1", "T2"},
    "clerk_baiyun": {"T2"},
    "leader_gz": {"T1", "T2"},
    "agency_haizhu": {"T1", "T2"},
    "agency_chengguan": {"T1"},
    "agency_baiyun": {"T2"},
}


@pytest.fixture
def registers(ew, settings):
    w = ew
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    w.clerk_gz = User.objects.create_user("clerk_gz", password="Testing2026pass")
    Membership.objects.create(user=w.clerk_gz, organization=w.city_bureau, role="section_staff")
    w.bodies = {1: w.shijian_body, 2: w.chengguan_body, 3: w.baiyun_body}
    w.officers = {
        1: officer(w, w.shijian_body, "海珠市监执法员甲", 1),
        2: officer(w, w.chengguan_body, "海珠城管执法员乙", 2),
        3: officer(w, w.baiyun_body, "白云市监执法员丙", 3, actor=w.clerk_baiyun),
    }
    w.certificates = {}
    for key, o in w.officers.items():
        qualified(w, o, D(2025, 5, 20))
        w.certificates[key] = issue(w, o, f"4401000000{key}", D(2025, 6, 2), D(2028, 6, 1))
    w.sittings = {
        "H": sitting(w, SOON, title="海珠2026年执法资格考试"),
        "B": sitting(w, SOON + DAY, bureau=w.baiyun_bureau, title="白云2026年执法资格考试"),
        "G": sitting(w, SOON + 2 * DAY, bureau=w.city_bureau, actor=w.clerk_gz,
                     title="广州2026年执法资格考试"),
    }  # fmt: skip
    p1 = power(w, w.shijian_body, "P1", D(2024, 1, 1))
    p2 = power(w, w.shijian_body, "P2", D(2024, 1, 1))
    with on(D(2026, 2, 20)):
        t1 = services.transfer_record(actor=w.clerk_haizhu, from_body=w.shijian_body,
                                      to_body=w.chengguan_body, powers=[p1],
                                      effective_on=D(2026, 3, 1), basis_document="海府〔2026〕12号")  # fmt: skip
        t2 = services.transfer_record(actor=w.clerk_gz, from_body=w.shijian_body,
                                      to_body=w.baiyun_body, powers=[p2],
                                      effective_on=D(2026, 3, 1), basis_document="穗府〔2026〕3号")  # fmt: skip
    w.transfers = {"T1": t1, "T2": t2}
    return w


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_lists_show_exactly_the_personas_entries(registers, login, persona):
    w = registers
    client = login(getattr(w, persona))
    pages = {"/enforcement/bodies/": w.bodies, "/enforcement/officers/": w.officers,
             "/enforcement/certificates/": w.certificates}  # fmt: skip
    for url, rows in pages.items():
        body = client.get(url).content.decode()
        for key, row in rows.items():
            text = row.number if isinstance(row, Certificate) else row.name
            assert (text in body) == (key in EXPECTED[persona]), (persona, url, key)
    body = client.get("/enforcement/exams/").content.decode()
    for key, s in w.sittings.items():
        assert (s.title in body) == (key in EXPECTED_SITTINGS[persona]), (persona, key)
    body = client.get("/enforcement/transfers/").content.decode()
    for key, t in w.transfers.items():
        assert (t.basis_document in body) == (key in EXPECTED_TRANSFERS[persona]), (persona, key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_entry_pages_answer_404_outside(registers, login, persona):
    w = registers
    client = login(getattr(w, persona))
    for key in (1, 2, 3):
        seen = key in EXPECTED[persona]
        for url, text in ((f"/enforcement/bodies/{w.bodies[key].pk}/", w.bodies[key].name),
                          (f"/enforcement/officers/{w.officers[key].pk}/", w.officers[key].name),
                          (f"/enforcement/certificates/{w.certificates[key].pk}/",
                           w.officers[key].name)):  # fmt: skip
            response = client.get(url)
            assert response.status_code == (200 if seen else 404), (persona, url)
            if not seen:
                assert text not in response.content.decode()
    for key, s in w.sittings.items():
        status = client.get(f"/enforcement/exams/{s.pk}/").status_code
        assert status == (200 if key in EXPECTED_SITTINGS[persona] else 404), (persona, key)
    for key, t in w.transfers.items():
        status = client.get(f"/enforcement/transfers/{t.pk}/").status_code
        assert status == (200 if key in EXPECTED_TRANSFERS[persona] else 404), (persona, key)


def test_the_leader_reads_and_writes_nothing(registers, login):
    w = registers
    client = login(w.leader_gz)
    cert, body, off, s = w.certificates[1], w.bodies[1], w.officers[1], w.sittings["H"]
    for url in ("/enforcement/bodies/new/", "/enforcement/officers/new/", "/enforcement/exams/new/",
                f"/enforcement/bodies/{body.pk}/edit/", f"/enforcement/bodies/{body.pk}/powers/new/",
                f"/enforcement/bodies/{body.pk}/transfer/", f"/enforcement/officers/{off.pk}/edit/",
                f"/enforcement/officers/{off.pk}/trainings/new/",
                f"/enforcement/officers/{off.pk}/certificate/",
                f"/enforcement/exams/{s.pk}/sign-up/", f"/enforcement/exams/{s.pk}/results/",
                f"/enforcement/certificates/{cert.pk}/suspend/",
                f"/enforcement/certificates/{cert.pk}/review/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    page = client.get(f"/enforcement/certificates/{cert.pk}/")
    assert page.context["actions"] == [] and not page.context["can_review"]


def test_the_agency_handler_edits_its_own_and_issues_nothing(registers, login):
    w = registers
    client = login(w.agency_haizhu)
    own_body, own, cert = w.bodies[1], w.officers[1], w.certificates[1]
    for url in (f"/enforcement/bodies/{own_body.pk}/edit/",
                f"/enforcement/bodies/{own_body.pk}/powers/new/",
                f"/enforcement/officers/{own.pk}/edit/",
                f"/enforcement/officers/{own.pk}/trainings/new/",
                f"/enforcement/exams/{w.sittings['H'].pk}/sign-up/",
                "/enforcement/bodies/new/", "/enforcement/officers/new/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    for url in (f"/enforcement/officers/{own.pk}/certificate/",
                f"/enforcement/certificates/{cert.pk}/suspend/",
                f"/enforcement/certificates/{cert.pk}/revoke/",
                f"/enforcement/certificates/{cert.pk}/review/",
                f"/enforcement/bodies/{own_body.pk}/transfer/",
                f"/enforcement/exams/{w.sittings['H'].pk}/results/",
                "/enforcement/exams/new/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    for url in (f"/enforcement/bodies/{w.bodies[2].pk}/edit/",
                f"/enforcement/officers/{w.officers[2].pk}/trainings/new/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    # The sign-up form offers only the handler's own officers.
    form = client.get(f"/enforcement/exams/{w.sittings['G'].pk}/").context["signup"]
    assert list(form.fields["officer"].queryset) == [own]
    # Its body form offers only its own agency.
    form = client.get("/enforcement/bodies/new/").context["form"]
    assert list(form.fields["agency"].queryset) == [w.haizhu_agency]


def test_a_district_clerk_records_no_result_of_the_citys_sitting(registers, login):
    w = registers
    client = login(w.clerk_haizhu)
    city = w.sittings["G"]
    assert client.get(f"/enforcement/exams/{city.pk}/").status_code == 200
    assert client.get(f"/enforcement/exams/{city.pk}/results/").status_code == 403
    assert login(w.clerk_gz).get(f"/enforcement/exams/{city.pk}/results/").status_code == 200


def test_the_matrix_covers_every_model_of_the_line():
    from django.apps import apps

    from core.roles import ROLE_PERMISSIONS, Role

    for model in apps.get_app_config("enforcement").get_models():
        name = model._meta.model_name
        assert f"enforcement.view_{name}" in ROLE_PERMISSIONS[Role.LEADER], name
        assert f"enforcement.add_{name}" in ROLE_PERMISSIONS[Role.SECTION_STAFF], name
        # A complaint is the bureau's: the body's handlers see only their dispatches, never
        # the complaint nor who complained (enforcement.roles; test_complaint_pages). A review
        # campaign is the bureau's too: an agency sees its own reviewed files and answers
        # their rectifications (test_review_pages).
        if name not in ("complaint", "reviewcampaign"):
            assert f"enforcement.view_{name}" in ROLE_PERMISSIONS[Role.AGENCY_HANDLER], name
        assert not any(p.startswith("enforcement.") for p in ROLE_PERMISSIONS[Role.MEDIATOR])
        assert hasattr(model.objects, "restrict"), name
