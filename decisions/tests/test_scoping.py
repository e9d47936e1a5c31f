"""The access matrix of major decisions (decisions/roles.py): section staff write the decisions
of the decision-makers in their jurisdiction, an agency handler those of their own
decision-maker only, the city leader reads everything and writes nothing; a foreign object
answers 404 without its data.

M1: 海珠 市监 (decision-maker), M2: 海珠 城管, M3: 白云 发改."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import NotFound, PermissionDenied
from decisions.models import Catalogue, Comment, MajorDecision
from decisions.tests.conftest import D, comment, draft, on, open_comment, start

pytestmark = pytest.mark.django_db

EXPECTED = {
    "clerk_haizhu": {"M1", "M2"},
    "clerk_baiyun": {"M3"},
    "leader_gz": {"M1", "M2", "M3"},
    "agency_haizhu": {"M1"},
    "agency_chengguan": {"M2"},
    "agency_baiyun": {"M3"},
}
WRITERS = {"clerk_haizhu", "clerk_baiyun", "agency_haizhu", "agency_chengguan", "agency_baiyun"}


@pytest.fixture
def three(dw):
    m1 = start(dw, D(2026, 11, 2), title="M1")
    m2 = start(dw, D(2026, 11, 2), title="M2", maker=dw.chengguan, actor=dw.agency_chengguan)
    m3 = start(dw, D(2026, 11, 2), title="M3", maker=dw.baiyun_agency, lead_unit=dw.baiyun_agency,
               actor=dw.clerk_baiyun)  # fmt: skip
    return dw, {"M1": m1, "M2": m2, "M3": m3}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_sees_its_own(client, login, three, persona):
    w, decisions = three
    user = getattr(w, persona)
    seen = set(MajorDecision.objects.restrict(user).values_list("title", flat=True))
    assert seen == EXPECTED[persona]
    with on(D(2026, 11, 3)):
        login(user)
        listing = client.get(reverse("decisions:decision_list")).content.decode()
        for title, decision in decisions.items():
            status = client.get(decision.get_absolute_url()).status_code
            assert status == (200 if title in EXPECTED[persona] else 404), title
    for title, decision in decisions.items():
        assert (decision.number in listing) == (title in EXPECTED[persona])


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_writes_only_its_own(three, persona):
    from cases import engine

    w, decisions = three
    user = getattr(w, persona)
    for title, decision in decisions.items():
        with on(D(2026, 11, 3)):
            if title in EXPECTED[persona] and persona in WRITERS:
                engine.fire(decision, "record_draft", actor=user, version=decision.version,
                            data={"on_date": "2026-11-03", "draft_text": "x",
                                  "draft_explanation": "y"})  # fmt: skip
            else:
                with pytest.raises((NotFound, PermissionDenied)):
                    engine.fire(decision, "record_draft", actor=user,
                                data={"on_date": "2026-11-03", "draft_text": "x",
                                      "draft_explanation": "y"})  # fmt: skip


def test_a_handler_starts_decisions_of_their_own_decision_maker_only(dw):
    with pytest.raises(PermissionDenied):
        start(dw, D(2026, 11, 2), actor=dw.agency_haizhu, maker=dw.chengguan)
    with pytest.raises(PermissionDenied):
        start(dw, D(2026, 11, 2), actor=dw.clerk_baiyun)  # 海珠 is not 白云's jurisdiction
    with pytest.raises(PermissionDenied):
        start(dw, D(2026, 11, 2), actor=dw.leader_gz)
    assert not MajorDecision.objects.exists()


def test_comments_are_answered_only_within_scope(client, login, dw):
    decision = open_comment(draft(start(dw, D(2026, 11, 2)), D(2026, 11, 2), dw.clerk_haizhu),
                            D(2026, 11, 2), dw.clerk_haizhu)  # fmt: skip
    c = comment(decision, D(2026, 11, 10))
    assert set(Comment.objects.restrict(dw.agency_chengguan)) == set()
    assert set(Comment.objects.restrict(dw.agency_haizhu)) == {c}
    with on(D(2026, 12, 3)):
        login(dw.agency_chengguan)
        response = client.post(reverse("decisions:comment_answer", args=[c.pk]),
                               {"answer": "adopted"})  # fmt: skip
    assert response.status_code == 404
    c.refresh_from_db()
    assert c.answer == ""


def test_the_public_sees_published_catalogues_only(client, dw):
    from decisions.services import catalogue_create, catalogue_publish

    items = [{"title": "农贸市场升级改造", "matter_kind": "plan"}]
    with on(D(2026, 2, 10)):
        published = catalogue_create(actor=dw.clerk_haizhu, decision_maker=dw.haizhu_agency,
                                     year=2026, items=items)  # fmt: skip
        catalogue_publish(actor=dw.clerk_haizhu, catalogue=published,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
        catalogue_create(actor=dw.agency_chengguan, decision_maker=dw.chengguan, year=2026,
                         items=[{"title": "未公布的事项", "matter_kind": "other"}])  # fmt: skip
        page = client.get(reverse("decisions:public_catalogues")).content.decode()
    assert "农贸市场升级改造" in page and "未公布的事项" not in page
    assert set(Catalogue.objects.restrict(dw.agency_haizhu)) == {published}
