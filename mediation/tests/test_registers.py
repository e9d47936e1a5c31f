"""Committees, mediators and screenings: scoped lists and recording a screening."""

import pytest
from django.urls import reverse

from conftest import frozen_today
from mediation.choices import CommitteeKind
from mediation.models import Committee, Mediator, Screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def registers(world):
    Committee.objects.create(organization=world.haizhu_committee, kind=CommitteeKind.STREET,
                             region_code=world.street.code)  # fmt: skip
    Mediator.objects.create(name="何调解", committee=world.haizhu_committee,
                            region_code=world.street.code)  # fmt: skip
    Mediator.objects.create(name="白云调解员", committee=world.baiyun_committee,
                            region_code="440111004000")  # fmt: skip
    return world


def test_lists_are_scoped(client, registers):
    client.force_login(registers.clerk_haizhu)
    body = client.get(reverse("mediation:mediator_list")).content.decode()
    assert "何调解" in body and "白云调解员" not in body
    body = client.get(reverse("mediation:committee_list")).content.decode()
    assert "赤岗街道人民调解委员会" in body


def test_recording_a_screening_counts_in_the_indicator(client, registers):
    from indicators.registry import Period, registry

    client.force_login(registers.office_haizhu)
    today = frozen_today()
    data = {"submission_key": "q" * 32, "organization": registers.haizhu_committee.pk,
            "held_on": today.isoformat(), "scope": "辖区社区", "disputes_found": 3,
            "disputes_prevented": 2}  # fmt: skip
    assert client.post(reverse("mediation:screening_create"), data).status_code == 302
    assert client.post(reverse("mediation:screening_create"), data).status_code == 302  # resent
    assert Screening.objects.count() == 1
    figure = registry.get("mediation.screenings").compute("440105", Period.year(today.year))
    assert figure.value == 1


def test_a_screening_cannot_prevent_more_than_it_found(client, registers):
    client.force_login(registers.office_haizhu)
    data = {"submission_key": "r" * 32, "organization": registers.haizhu_committee.pk,
            "held_on": frozen_today().isoformat(), "scope": "工地",
            "disputes_found": 1, "disputes_prevented": 2}  # fmt: skip
    response = client.post(reverse("mediation:screening_create"), data)
    assert response.status_code == 200
    assert "disputes_prevented" in response.context["form"].errors
    assert not Screening.objects.exists()
