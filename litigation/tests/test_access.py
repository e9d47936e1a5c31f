"""Who sees a litigation case: the defendant agency's handlers only their own agency's cases
(the case's organisation is the agency; Role.AGENCY_HANDLER is organisation-scoped), the
bureau's staff every case in their jurisdiction, leaders read — through the scoped queryset,
the engine's roles, the case's clocks and events, the pages and the registration form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import engine
from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseEvent, Clock
from conftest import _user
from core.errors import NotFound, PermissionDenied
from core.models import Organization, OrganizationKind
from core.roles import Role
from litigation.models import LitigationCase
from litigation.tests.helpers import register

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def cases(world):
    if not CalendarYear.objects.exists():
        sync_from_package()
    w = world
    w.other_agency = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.other_handler = _user("agency_other", w.other_agency, Role.AGENCY_HANDLER)
    mine = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 1))
    theirs = register(w.other_handler, w.other_agency, D(2026, 6, 1))
    return w, mine, theirs


def _visible(user):
    return set(LitigationCase.objects.restrict(user).values_list("pk", flat=True))


def test_an_agency_handler_sees_only_their_agencys_cases(cases):
    w, mine, theirs = cases
    assert _visible(w.agency_haizhu) == {mine.pk}
    assert _visible(w.other_handler) == {theirs.pk}
    assert _visible(w.clerk_haizhu) == _visible(w.leader_gz) == {mine.pk, theirs.pk}
    assert _visible(w.clerk_baiyun) == set()
    assert _visible(w.mediator_haizhu) == set()
    assert engine.roles_over(w.agency_haizhu, mine) == {Role.AGENCY_HANDLER}
    assert engine.roles_over(w.agency_haizhu, theirs) == set()
    # The engine's records follow the case.
    for model in (Clock, CaseEvent):
        ids = set(model.objects.restrict(w.agency_haizhu).values_list("case_id", flat=True))
        assert ids == {mine.pk}, model


def test_the_pages_follow_the_same_scope(cases, client):
    w, mine, theirs = cases
    client.force_login(w.agency_haizhu)
    page = client.get(reverse("litigation:case_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert mine.number in body and theirs.number not in body
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    # Searching does not reach past the scope either.
    body = client.get(reverse("litigation:case_list"), {"q": "粤0105"}).content.decode()
    assert mine.number in body and theirs.number not in body
    client.force_login(w.clerk_baiyun)
    assert client.get(mine.get_absolute_url()).status_code == 404
    client.force_login(w.leader_gz)
    body = client.get(reverse("litigation:case_list")).content.decode()
    assert mine.number in body and theirs.number in body
    assert client.get(reverse("litigation:case_create")).status_code == 403
    client.force_login(w.mediator_haizhu)
    assert client.get(reverse("litigation:case_list")).status_code == 403


def test_steps_on_another_agencys_case_do_not_exist(cases):
    w, mine, theirs = cases
    with pytest.raises(NotFound):
        engine.fire(theirs, "submit_answer", actor=w.agency_haizhu,
                    data={"on_date": "2026-06-01"}, version=theirs.version)  # fmt: skip
    # A leader reads but records nothing.
    with pytest.raises(PermissionDenied):
        engine.fire(mine, "submit_answer", actor=w.leader_gz,
                    data={"on_date": "2026-06-01"}, version=mine.version)  # fmt: skip
    process = engine.registry.for_model(LitigationCase)
    offered = {t.name for t in process.transitions if engine.can_proceed(mine, t, w.agency_haizhu)}
    assert {"submit_answer", "schedule_hearing", "conclude"} <= offered
    assert not any(engine.can_proceed(mine, t, w.leader_gz) for t in process.transitions)


def test_the_form_offers_the_agency_only_itself(cases, client):
    w, _mine, _theirs = cases
    client.force_login(w.agency_haizhu)
    form = client.get(reverse("litigation:case_create")).context["form"]
    assert list(form.fields["organization"].queryset) == [w.haizhu_agency]
    client.force_login(w.clerk_haizhu)
    form = client.get(reverse("litigation:case_create")).context["form"]
    assert set(form.fields["organization"].queryset) == {w.haizhu_agency, w.other_agency}
