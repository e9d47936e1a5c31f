"""The access matrix of public legal services (legalservice.roles), verified like the other
lines' test_scoping: personas × the lists, the entries' pages and the write pages. Justice
office staff see and write their street, section staff their district, the city leader reads
everything and writes nothing, people of other lines see nothing; a foreign entry answers 404
without its data."""

from __future__ import annotations

import datetime

import pytest

from legalservice import services
from legalservice.tests.conftest import adviser, point, record

D = datetime.date
pytestmark = pytest.mark.django_db

# H: 海珠 赤岗 street's entries; B: 白云 景泰 street's.
EXPECTED = {
    "office_haizhu": {"H"},
    "clerk_haizhu": {"H"},
    "office_baiyun": {"B"},
    "clerk_baiyun": {"B"},
    "leader_gz": {"H", "B"},
    "agency_haizhu": set(),
    "mediator_haizhu": set(),
}
WRITERS = {"office_haizhu", "clerk_haizhu", "office_baiyun", "clerk_baiyun"}


@pytest.fixture
def entries(ls):
    w = ls
    h = {
        "point": point(w, name="赤岗街道工作站H"),
        "record": record(w, person_name="海珠来访人H"),
        "adviser": adviser(w, w.villages[0], w.lawyer_a),
        "checkup": services.checkup_record(actor=w.office_haizhu, data={
            "enterprise_name": "海珠企业H", "checked_on": D(2026, 3, 3),
            "organization": w.haizhu_office, "lawyer": w.lawyer_a, "advice": "建议"}),
    }  # fmt: skip
    b = {
        "point": point(w, name="景泰街道工作站B", region=w.baiyun_street,
                       organization=w.baiyun_office, actor=w.office_baiyun),
        "record": record(w, person_name="白云来访人B", organization=w.baiyun_office,
                         actor=w.office_baiyun),
        "adviser": adviser(w, w.baiyun_villages[0], w.lawyer_baiyun, actor=w.office_baiyun),
        "checkup": services.checkup_record(actor=w.office_baiyun, data={
            "enterprise_name": "白云企业B", "checked_on": D(2026, 3, 3),
            "organization": w.baiyun_office, "lawyer": w.lawyer_baiyun, "advice": "建议"}),
    }  # fmt: skip
    w.entries = {"H": h, "B": b}
    return w


PAGES = {  # kind → (list URL, detail URL pattern, edit URL pattern, a text of the entry)
    "point": ("/legalservice/points/", "/legalservice/points/{}/", "/legalservice/points/{}/edit/",
              lambda e: e.name),
    "record": ("/legalservice/records/", "/legalservice/records/{}/",
               "/legalservice/records/{}/edit/", lambda e: e.person_name),
    "adviser": ("/legalservice/advisers/", "/legalservice/advisers/{}/",
                "/legalservice/advisers/{}/edit/", lambda e: e.village.name),
    "checkup": ("/legalservice/checkups/", "/legalservice/checkups/{}/",
                "/legalservice/checkups/{}/edit/", lambda e: e.enterprise_name),
}  # fmt: skip


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_sees_exactly_its_jurisdiction(entries, login, persona):
    client = login(getattr(entries, persona))
    for kind, (list_url, detail, edit, text) in PAGES.items():
        response = client.get(list_url)
        if not EXPECTED[persona]:
            assert response.status_code == 403, (persona, kind)
        else:
            body = response.content.decode()
            for side in ("H", "B"):
                assert (text(entries.entries[side][kind]) in body) == (
                    side in EXPECTED[persona]), (persona, kind, side)  # fmt: skip
        for side in ("H", "B"):
            entry = entries.entries[side][kind]
            page = client.get(detail.format(entry.pk))
            if side in EXPECTED[persona]:
                assert page.status_code == 200, (persona, kind, side)
            else:
                assert page.status_code in (403, 404), (persona, kind, side)
                assert text(entry) not in page.content.decode()
            change = client.get(edit.format(entry.pk)).status_code
            if side in EXPECTED[persona] and persona in WRITERS:
                assert change == 200, (persona, kind, side)
            elif side in EXPECTED[persona]:
                assert change == 403, (persona, kind, side)
            else:
                assert change in (403, 404), (persona, kind, side)


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_only_writers_get_the_creating_pages(entries, login, persona):
    client = login(getattr(entries, persona))
    for url in ("/legalservice/points/new/", "/legalservice/records/new/",
                "/legalservice/advisers/new/", "/legalservice/checkups/new/"):  # fmt: skip
        assert client.get(url).status_code == (200 if persona in WRITERS else 403), (persona, url)


def test_the_anonymous_visitor_is_sent_to_login(entries, client):
    for url in ("/legalservice/points/", "/legalservice/records/",
                f"/legalservice/records/{entries.entries['H']['record'].pk}/",
                "/legalservice/advisers/coverage/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_matrix_covers_every_model_of_the_line():
    from django.apps import apps

    from core.roles import ROLE_PERMISSIONS, Role

    for model in apps.get_app_config("legalservice").get_models():
        name = model._meta.model_name
        assert hasattr(model.objects, "restrict"), name
        assert getattr(model, "scope_region_field", None), name
        assert f"legalservice.view_{name}" in ROLE_PERMISSIONS[Role.LEADER], name
        assert f"legalservice.add_{name}" not in ROLE_PERMISSIONS[Role.LEADER], name
        for role in (Role.SECTION_STAFF, Role.OFFICE_STAFF):
            assert f"legalservice.add_{name}" in ROLE_PERMISSIONS[role], (role, name)
            assert f"legalservice.change_{name}" in ROLE_PERMISSIONS[role], (role, name)
    for role in (Role.MEDIATOR, Role.LAWYER, Role.AGENCY_HANDLER):
        assert not any(p.startswith("legalservice.") for p in ROLE_PERMISSIONS[role]), role


def test_the_change_log_names_the_actor(entries):
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(entries.entries["H"]["point"]).get()
    assert entry.actor == entries.office_haizhu
