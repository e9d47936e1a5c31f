"""Who sees a reconsideration case: the bureau's staff in its jurisdiction, and an agency's
handlers only the cases against their agency (ReconsiderationCase.scope_role_organization_fields)
— through the scoped queryset, the engine's roles, the case's clocks and events, and the pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import engine
from cases.models import CaseEvent, Clock
from conftest import _user
from core.models import Organization, OrganizationKind
from core.roles import Role
from reconsideration.models import ReconsiderationCase
from reconsideration.tests.test_clocks import apply

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def cases(world):
    w = world
    w.other_agency = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.other_handler = _user("agency_other", w.other_agency, Role.AGENCY_HANDLER)
    mine = apply(w, D(2026, 6, 1))
    theirs = apply(w, D(2026, 6, 1), respondent=w.other_agency.pk)
    return w, mine, theirs


def test_an_agency_handler_sees_only_the_cases_against_their_agency(cases):
    w, mine, theirs = cases
    visible = set(
        ReconsiderationCase.objects.restrict(w.agency_haizhu).values_list("pk", flat=True)
    )
    assert visible == {mine.pk}
    assert set(
        ReconsiderationCase.objects.restrict(w.other_handler).values_list("pk", flat=True)
    ) == {theirs.pk}
    assert set(
        ReconsiderationCase.objects.restrict(w.clerk_haizhu).values_list("pk", flat=True)
    ) == {mine.pk, theirs.pk}
    assert not ReconsiderationCase.objects.restrict(w.clerk_baiyun).exists()
    assert engine.roles_over(w.agency_haizhu, mine) == {Role.AGENCY_HANDLER}
    assert engine.roles_over(w.agency_haizhu, theirs) == set()
    # The engine's records follow the case.
    for model in (Clock, CaseEvent):
        ids = set(model.objects.restrict(w.agency_haizhu).values_list("case_id", flat=True))
        assert ids == {mine.pk}, model


def test_the_pages_follow_the_same_scope(cases, client):
    w, mine, theirs = cases
    client.force_login(w.agency_haizhu)
    page = client.get(reverse("reconsideration:case_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert mine.number in body and theirs.number not in body
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    # Their step (the answer, Art. 48) is offered once the copy is sent; the office's are not.
    process = engine.registry.for_model(ReconsiderationCase)
    offered = {t.name for t in process.transitions if engine.can_proceed(mine, t, w.agency_haizhu)}
    assert "accept" not in offered


def test_an_agency_handler_cannot_fire_the_offices_steps(cases):
    from core.errors import NotFound, PermissionDenied

    w, mine, theirs = cases
    with pytest.raises(PermissionDenied):
        engine.fire(mine, "accept", actor=w.agency_haizhu,
                    data={"procedure": "ordinary", "on_date": "2026-06-01"}, version=mine.version)  # fmt: skip
    with pytest.raises(NotFound):  # another agency's case: as if it did not exist
        engine.fire(theirs, "submit_answer", actor=w.agency_haizhu,
                    data={"answer": "x", "on_date": "2026-06-01"}, version=theirs.version)  # fmt: skip


def test_the_case_page_shows_the_application_period(cases, client):
    """Learned of the act on 22 May 2026 (apply(): ten days before receipt): 60 days (Art. 20)
    → Tuesday 21 July 2026."""
    w, mine, _theirs = cases
    client.force_login(w.clerk_haizhu)
    body = client.get(mine.get_absolute_url()).content.decode()
    assert "2026-07-21" in body


def test_the_api_lists_an_agencys_cases_only_and_registers_once(cases, client):
    w, mine, theirs = cases
    client.force_login(w.agency_haizhu)
    listed = client.get("/api/reconsideration/cases/").json()
    assert [row["number"] for row in listed["results"]] == [mine.number]
    assert client.get(f"/api/reconsideration/cases/{theirs.pk}/").status_code == 404
    assert client.post("/api/reconsideration/cases/", {"organization": w.haizhu_bureau.pk},
                       content_type="application/json").status_code == 403  # fmt: skip
    client.force_login(w.clerk_haizhu)
    body = {
        "organization": w.haizhu_bureau.pk, "respondent": w.haizhu_agency.pk,
        "act_type": "licence", "act_description": "不予许可决定", "requests": "撤销不予许可决定",
        "parties": [{"side": "applicant", "name": "某餐饮店", "kind": "organization"}],
    }  # fmt: skip
    headers = {"HTTP_IDEMPOTENCY_KEY": "recon-api-1"}
    first = client.post("/api/reconsideration/cases/", body, content_type="application/json",
                        **headers)  # fmt: skip
    again = client.post("/api/reconsideration/cases/", body, content_type="application/json",
                        **headers)  # fmt: skip
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    missing = client.post("/api/reconsideration/cases/", {**body, "respondent": None},
                          content_type="application/json")  # fmt: skip
    assert missing.status_code == 400 and "respondent" in missing.json()["error"]["fields"]
