"""After a re-route (转交) that takes the case out of the clerk's jurisdiction, the clerk lands on
a confirmation naming the case number and the new handler, not on a 404; nobody else learns
anything from it."""

import pytest
from django.urls import reverse

from cases import engine
from core.models import Organization, OrganizationKind, Region
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def xingang(world):
    """A committee in another street of 海珠 (新港街道), outside the 赤岗 office's jurisdiction."""
    return Organization.objects.create(
        name="新港街道人民调解委员会", short_name="穗海新调",
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code="440105002000"), parent=world.haizhu_bureau,
    )  # fmt: skip


@pytest.fixture
def dispute(world):
    return make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)


def reroute(client, user, dispute, target, reason="属新港街道辖区"):
    client.force_login(user)
    url = reverse("cases:transition", args=["mediation.dispute", dispute.pk, "reroute"])
    return client.post(
        url,
        {"organization": target.pk, "reason": reason, "version": dispute.version},
        follow=True,
    )


def test_the_clerk_lands_on_a_confirmation_naming_case_and_new_handler(client, world, xingang,
                                                                       dispute):  # fmt: skip
    response = reroute(client, world.office_haizhu, dispute, xingang)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("mediation:dispute_rerouted",
                                                     args=[dispute.pk])  # fmt: skip
    html = response.content.decode()
    assert dispute.number in html and "新港街道人民调解委员会" in html
    assert "属新港街道辖区" in html  # the reason given
    dispute.refresh_from_db()
    assert dispute.organization == xingang
    # The case itself stays closed to the clerk: the page only says where it went.
    assert "楼上住户卫生间漏水" not in html
    assert client.get(dispute.get_absolute_url()).status_code == 302


def test_nobody_else_learns_of_the_case(client, world, xingang, dispute):
    engine.fire(dispute, "reroute", actor=world.office_haizhu, version=dispute.version,
                data={"organization": xingang.pk, "reason": "属新港街道辖区"})  # fmt: skip
    confirmation = reverse("mediation:dispute_rerouted", args=[dispute.pk])
    # The committee's mediator lost the case too, but did not send it anywhere: a plain 404.
    for user in (world.mediator_haizhu, world.clerk_baiyun, world.mediator_baiyun):
        client.force_login(user)
        assert client.get(dispute.get_absolute_url()).status_code == 404
        assert client.get(confirmation).status_code == 404
    client.force_login(world.office_haizhu)
    missing = reverse("mediation:dispute_rerouted", args=[dispute.pk + 99])
    assert client.get(missing).status_code == 404


def test_a_clerk_who_still_sees_the_case_goes_to_the_case_page(client, world, xingang, dispute):
    response = reroute(client, world.clerk_haizhu, dispute, xingang)  # the district's clerk
    assert response.redirect_chain[-1][0] == dispute.get_absolute_url()
    assert "新港街道人民调解委员会" in response.content.decode()
    confirmation = reverse("mediation:dispute_rerouted", args=[dispute.pk])
    assert client.get(confirmation)["Location"] == dispute.get_absolute_url()


def test_the_confirmation_names_where_the_clerk_sent_it_not_where_it_went_next(
    client, world, xingang, dispute
):
    engine.fire(dispute, "reroute", actor=world.office_haizhu, version=dispute.version,
                data={"organization": xingang.pk, "reason": "属新港街道辖区"})  # fmt: skip
    dispute.refresh_from_db()
    changgang = Organization.objects.create(
        name="昌岗街道人民调解委员会", kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code="440105003000"), parent=world.haizhu_bureau,
    )  # fmt: skip
    engine.fire(dispute, "reroute", actor=world.clerk_haizhu, version=dispute.version,
                data={"organization": changgang.pk, "reason": "再次转交"})  # fmt: skip
    client.force_login(world.office_haizhu)
    html = client.get(reverse("mediation:dispute_rerouted", args=[dispute.pk])).content.decode()
    assert "新港街道人民调解委员会" in html and "昌岗街道" not in html
