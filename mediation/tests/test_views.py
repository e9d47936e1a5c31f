"""Registering a dispute and driving it through the web pages."""

import pytest
from django.urls import reverse

from cases.models import CaseEvent
from conftest import frozen_today
from core.models import Party
from mediation.models import Dispute
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db


def _form(world, **overrides):
    data = {
        "submission_key": "k" * 32,
        "organization": world.haizhu_committee.pk,
        "title": "欠薪纠纷",
        "dispute_type": "labour",
        "dispute_subtype": "labour.wage_arrears",
        "facts": "工人主张被拖欠三个月工资。",
        "amount": "18000",
        "source": "application",
        "channel": "window",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-side": "applicant",
        "parties-0-kind": "person",
        "parties-0-name": "陈工",
        "parties-0-id_number": "11010519491231002X",
        "parties-1-side": "respondent",
        "parties-1-kind": "organization",
        "parties-1-name": "某建筑劳务有限公司",
        "parties-2-side": "applicant",
        "parties-2-kind": "person",
        "parties-3-side": "respondent",
        "parties-3-kind": "person",
    }
    data.update(overrides)
    return data


def test_it_registers_a_dispute_with_parties(client, world):
    client.force_login(world.mediator_haizhu)
    response = client.post(reverse("mediation:dispute_create"), _form(world))
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and response.url == dispute.get_absolute_url()
    assert [dp.party.name for dp in dispute.dispute_parties.all()] == ["陈工", "某建筑劳务有限公司"]
    page = client.get(dispute.get_absolute_url())
    assert page.status_code == 200
    assert dispute.number in page.content.decode()


def test_the_same_form_posted_twice_makes_one_case(client, world):
    client.force_login(world.mediator_haizhu)
    client.post(reverse("mediation:dispute_create"), _form(world))
    again = client.post(reverse("mediation:dispute_create"), _form(world))
    assert again.status_code == 302
    assert Dispute.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"parties-0-name": "", "parties-0-id_number": "", "parties-1-name": ""}, "applicant"),
        ({"parties-0-id_number": "110105194912310021"}, "ID"),
        ({"amount": "-5"}, "negative"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_the_input(client, world, overrides, field):
    client.force_login(world.mediator_haizhu)
    parties_before = Party.objects.count()
    response = client.post(reverse("mediation:dispute_create"), _form(world, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="form-errors"' in body
    assert "工人主张被拖欠三个月工资。" in body  # input kept
    assert Dispute.objects.count() == 0
    assert Party.objects.count() == parties_before
    assert CaseEvent.objects.count() == 0


def test_transition_page_fires_and_refuses_a_stale_form(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.mediator_haizhu)
    url = reverse("cases:transition", args=["mediation.dispute", dispute.pk, "accept"])
    assert client.get(url).status_code == 200
    today = frozen_today().isoformat()
    response = client.post(url, {"version": 1, "consent": "on", "accepted_on": today})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == "accepted"
    # The same form sent again by the same user: recognised as a resubmission.
    again = client.post(url.replace("accept", "accept"), {"version": 1, "consent": "on"})
    assert again.status_code in (302, 404)
    # Another user's stale form for a different action: a conflict message, nothing changes.
    client.force_login(world.office_haizhu)
    stale = client.post(
        reverse("cases:transition", args=["mediation.dispute", dispute.pk, "terminate"]),
        {"version": 1, "reason": "当事人拒绝调解"},
    )
    assert stale.status_code == 200
    assert "第 1 版" in stale.content.decode()
    dispute.refresh_from_db()
    assert dispute.state == "accepted"


def test_missing_fields_are_named(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.mediator_haizhu)
    url = reverse("cases:transition", args=["mediation.dispute", dispute.pk, "refuse"])
    response = client.post(url, {"version": 1, "reason": ""})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.state == "registered"


def test_foreign_district_gets_404(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.clerk_baiyun)
    assert client.get(dispute.get_absolute_url()).status_code == 404
    url = reverse("cases:transition", args=["mediation.dispute", dispute.pk, "accept"])
    assert client.get(url).status_code == 404


def test_leader_sees_but_is_offered_no_action(client, world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.leader_gz)
    page = client.get(dispute.get_absolute_url())
    assert page.status_code == 200
    assert 'data-action="accept"' not in page.content.decode()
    url = reverse("cases:transition", args=["mediation.dispute", dispute.pk, "accept"])
    assert client.get(url).status_code == 404


def test_all_errors_of_the_staff_form_come_in_one_round(client, world):
    """A bad ID number in a party row and a bad amount are named together, the first time
    (issue 10): the row runs the service's party checks in the form."""
    client.force_login(world.mediator_haizhu)
    data = _form(world, **{"parties-0-id_number": "110105194912310021", "amount": "-5"})
    response = client.post(reverse("mediation:dispute_create"), data, HTTP_ACCEPT_LANGUAGE="zh")
    errors = response.content.decode().split('id="form-errors"')[1].split("</div>")[0]
    assert "公民身份号码" in errors and "涉案金额" in errors
    assert "请至少填写" not in errors  # both sides were named
    assert Dispute.objects.count() == 0
