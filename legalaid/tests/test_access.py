"""The access matrix of legal aid (DESIGN.md, Security and privacy; issue 12 "Must show"):
centre staff see their district, the city leader both districts, a lawyer only the cases
assigned to them — through the API, the case engine's transitions and the scoped manager."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cases import engine
from legalaid.models import AidCase
from legalaid.tests.factories import make_application


@pytest.fixture
def cases(aid_world):
    w = aid_world
    w.case_haizhu = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    w.case_haizhu_other = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    w.case_baiyun = make_application(organization=w.baiyun_centre, actor=w.aid_clerk_baiyun)
    AidCase.objects.filter(pk=w.case_haizhu.pk).update(lawyer=w.lawyer_a1)
    w.case_haizhu.refresh_from_db()
    return w


EXPECTED = {
    "aid_clerk_haizhu": {"case_haizhu", "case_haizhu_other"},
    "aid_clerk_baiyun": {"case_baiyun"},
    "leader_gz": {"case_haizhu", "case_haizhu_other", "case_baiyun"},
    "lawyer_a1": {"case_haizhu"},  # assigned to them
    "lawyer_b1": set(),  # in the pool, nothing assigned
    "mediator_haizhu": set(),  # another line's role
    "agency_haizhu": set(),
}
ALL = EXPECTED["leader_gz"]


def _user(w, persona):
    if persona.startswith("lawyer_"):
        return getattr(w, persona).user
    return getattr(w, persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_scoped_manager_and_the_api_show_exactly_what_the_role_reaches(cases, persona):
    w = cases
    user = _user(w, persona)
    visible = set(AidCase.objects.restrict(user, "view").values_list("pk", flat=True))
    assert visible == {getattr(w, key).pk for key in EXPECTED[persona]}
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/legalaid/cases/")
    if not user.can("legalaid.view_aidcase"):
        assert response.status_code == 403
        return
    listed = {row["id"] for row in response.json()["results"]}
    assert listed == visible
    for key in ALL:
        case = getattr(w, key)
        detail = api.get(f"/api/legalaid/cases/{case.pk}/")
        if key in EXPECTED[persona]:
            assert detail.status_code == 200
        else:
            assert detail.status_code == 404
            assert case.number not in detail.content.decode()


@pytest.mark.django_db
def test_a_lawyer_works_only_on_their_own_assignment(cases):
    """The assigned lawyer holds the lawyer role over their case (so the engine lets them
    report), and none over a colleague's case of the same centre."""
    w = cases
    assert engine.roles_over(w.lawyer_a1.user, w.case_haizhu) == {"lawyer"}
    assert engine.roles_over(w.lawyer_a1.user, w.case_haizhu_other) == set()
    assert engine.roles_over(w.lawyer_b1.user, w.case_haizhu) == set()
    # The firm does not widen it: lawyer_a2 is in lawyer_a1's firm.
    assert engine.roles_over(w.lawyer_a2.user, w.case_haizhu) == set()


@pytest.mark.django_db
def test_registering_through_the_api_is_refused_to_lawyers_and_leaders(cases):
    w = cases
    for user in (w.lawyer_a1.user, w.leader_gz):
        api = APIClient()
        api.force_authenticate(user)
        response = api.post(
            "/api/legalaid/cases/", {"organization": w.haizhu_centre.pk}, format="json"
        )
        assert response.status_code == 403
    assert AidCase.objects.count() == 3


@pytest.mark.django_db
def test_anonymous_api_is_refused(cases):
    response = APIClient().get("/api/legalaid/cases/")
    assert response.status_code == 401
