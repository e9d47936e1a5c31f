"""The dispute list's search box (q=): case number, subject, a party's name or the tracking code
of an online request, within the user's jurisdiction only."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import Party
from mediation.models import Dispute
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db
CODE = "QJTJEBQ4PJ"


@pytest.fixture
def disputes(world):
    """Two disputes in 海珠 (one filed online, with a tracking code) and one in 白云; a party
    named 黄美玲 in each district."""
    world.online = make_dispute(
        organization=world.haizhu_committee,
        actor=world.mediator_haizhu,
        title="楼上漏水纠纷",
        parties=[
            {"side": "applicant", "name": "黄美玲", "phone": "13800138000"},
            {"side": "respondent", "name": "楼上住户"},
        ],
    )
    Dispute.objects.filter(pk=world.online.pk).update(tracking_code=CODE)
    world.window = make_dispute(
        organization=world.haizhu_committee,
        actor=world.mediator_haizhu,
        title="物业费纠纷",
        parties=[
            {"side": "applicant", "name": "某物业服务有限公司", "kind": "organization"},
            {"side": "respondent", "name": "陈建国"},
            {"side": "respondent", "name": "陈建华"},
        ],
    )
    world.foreign = make_dispute(
        organization=world.baiyun_committee,
        actor=world.mediator_baiyun,
        title="装修噪音纠纷",
        parties=[
            {"side": "applicant", "name": "黄美玲"},
            {"side": "respondent", "name": "装修公司"},
        ],
    )
    return world


def found(client, user, q) -> list[int]:
    client.force_login(user)
    response = client.get(reverse("mediation:dispute_list"), {"q": q})
    assert response.status_code == 200
    return sorted(row.record.pk for row in response.context["table"].page.object_list)


def test_it_finds_an_online_request_by_its_tracking_code(client, disputes):
    w = disputes
    for typed in (CODE, CODE.lower(), "QJTJ EBQ4 PJ", " qjtj-ebq4-pj "):
        assert found(client, w.office_haizhu, typed) == [w.online.pk], typed
    assert found(client, w.clerk_haizhu, CODE) == [w.online.pk]
    # A part of a code is not a code: no guessing someone else's by its first letters.
    assert found(client, w.clerk_haizhu, CODE[:4]) == []


def test_it_finds_disputes_by_a_party_name(client, disputes):
    w = disputes
    assert found(client, w.clerk_haizhu, "黄美玲") == [w.online.pk]
    assert found(client, w.clerk_haizhu, "物业服务") == [w.window.pk]
    # Two parties of one dispute match: the dispute is listed once.
    assert found(client, w.clerk_haizhu, "陈建") == [w.window.pk]
    # Party names are kept in clear (only ID numbers and phones are encrypted).
    assert Party.objects.filter(name="黄美玲").count() == 2


def test_it_searches_only_the_users_jurisdiction(client, disputes):
    w = disputes
    assert found(client, w.clerk_baiyun, "黄美玲") == [w.foreign.pk]
    assert found(client, w.clerk_baiyun, CODE) == []
    assert found(client, w.mediator_baiyun, "物业") == []
    assert found(client, w.leader_gz, "黄美玲") == sorted([w.online.pk, w.foreign.pk])


def test_number_and_subject_still_match(client, disputes):
    w = disputes
    assert found(client, w.clerk_haizhu, w.window.number) == [w.window.pk]
    assert found(client, w.clerk_haizhu, "漏水") == [w.online.pk]
    assert found(client, w.clerk_haizhu, "   ") == sorted([w.online.pk, w.window.pk])


def test_the_api_searches_the_same_way(disputes):
    api = APIClient()
    api.force_authenticate(disputes.clerk_haizhu)
    for q, expected in ((CODE.lower(), disputes.online), ("陈建国", disputes.window)):
        response = api.get("/api/mediation/disputes/", {"q": q})
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == [expected.pk]
