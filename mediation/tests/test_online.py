"""Online requests: routing (street × type), re-routing, one case per submission, tracking with
a code and a one-time SMS code."""

import re

import pytest
from django.urls import reverse

from cases import engine
from cases.models import CaseEvent, Clock
from core.models import Organization, OrganizationKind, Region
from mediation.choices import CommitteeKind
from mediation.models import Committee, Dispute
from mediation.routing import route
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
CHIGANG, JINGTAI = "440105001000", "440111004000"


@pytest.fixture
def committees(world, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    Committee.objects.create(organization=world.haizhu_committee, kind=CommitteeKind.STREET,
                             region_code=CHIGANG)  # fmt: skip
    Committee.objects.create(organization=world.baiyun_committee, kind=CommitteeKind.STREET,
                             region_code=JINGTAI)  # fmt: skip
    labour = Organization.objects.create(
        name="海珠区劳动争议人民调解委员会", short_name="穗海劳调",
        kind=OrganizationKind.MEDIATION_COMMITTEE, region=world.haizhu, parent=world.haizhu_bureau,
    )  # fmt: skip
    Committee.objects.create(organization=labour, kind=CommitteeKind.INDUSTRY,
                             industry_types=["labour"], region_code=world.haizhu.code)  # fmt: skip
    world.labour_committee = labour
    return world


@pytest.mark.parametrize(
    ("street", "dtype", "expected"),
    [
        (CHIGANG, "neighbour", "haizhu_committee"),  # street committee
        (CHIGANG, "labour", "labour_committee"),  # industry committee of the district
        (JINGTAI, "labour", "baiyun_committee"),  # no labour committee in 白云 → street
        (JINGTAI, "neighbour", "baiyun_committee"),
    ],
)
def test_routing_by_street_and_type(committees, street, dtype, expected):
    assert route(street, dtype) == getattr(committees, expected)


def test_a_street_without_committee_goes_to_its_justice_office(committees):
    street = Region.objects.get(code="440105002000")
    office = Organization.objects.create(name="某街道司法所", region=street,
                                         kind=OrganizationKind.JUSTICE_OFFICE)  # fmt: skip
    assert route(street.code, "neighbour") == office


def _form(**overrides):
    data = {
        "submission_key": "s" * 32,
        "consent": "on",
        "applicant_name": "黄女士",
        "applicant_phone": "13800138000",
        "respondent_name": "楼上住户",
        "street": CHIGANG,
        "address": "广州市海珠区赤岗路1号",
        "dispute_type": "neighbour",
        "facts": "楼上漏水两个月未修。",
        "requests": "请对方修好防水并赔偿。",
    }
    data.update(overrides)
    return data


def test_the_public_files_once_and_the_case_lands_at_the_routed_committee(client, committees):
    url = reverse("mediation:online_apply")
    first = client.post(url, _form())
    second = client.post(url, _form())  # the same form sent twice
    assert first.status_code == second.status_code == 302
    dispute = Dispute.objects.get()
    assert dispute.organization == committees.haizhu_committee
    assert (dispute.channel, dispute.source, dispute.state) == ("online", "application",
                                                                 "registered")  # fmt: skip
    assert re.fullmatch(r"[A-Z2-9]{10}", dispute.tracking_code)
    page = client.get(reverse("mediation:online_filed")).content.decode()
    assert dispute.tracking_code in page and "赤岗街道人民调解委员会" in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"applicant_phone": "12345"}, "applicant_phone"),
        ({"applicant_id_number": "110105194912310021"}, "applicant_id_number"),
        ({"street": "999999999999"}, "street"),
    ],
)
def test_bad_public_input_is_named_and_nothing_is_saved(client, committees, overrides, field):
    response = client.post(reverse("mediation:online_apply"), _form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "楼上漏水两个月未修。" in response.content.decode()
    assert Dispute.objects.count() == 0


def test_the_office_reroutes_and_the_new_committee_sees_everything(client, committees):
    client.post(reverse("mediation:online_apply"), _form())
    dispute = Dispute.objects.get()
    engine.fire(dispute, "reroute", actor=committees.office_haizhu, version=dispute.version,
                data={"organization": committees.labour_committee.pk, "reason": "属劳动争议"})  # fmt: skip
    dispute.refresh_from_db()
    assert dispute.organization == committees.labour_committee
    assert dispute.region_code == committees.haizhu.code
    assert not CaseEvent.for_case(dispute).exclude(organization=committees.labour_committee)
    assert not Dispute.objects.restrict(committees.mediator_haizhu, "view").exists()


def test_tracking_needs_the_code_the_phone_and_the_sms_code(client, committees):
    client.post(reverse("mediation:online_apply"), _form())
    dispute = Dispute.objects.get()
    code = dispute.tracking_code
    # Wrong phone: the same answer, but no SMS goes out.
    client.post(reverse("portal:track"), {"tracking_code": code, "phone": "13900000000"})
    assert MemoryGateway.outbox == []
    assert client.get(reverse("portal:case", args=[code])).status_code == 302
    client.post(reverse("portal:track"), {"tracking_code": code.lower(), "phone": "138 0013 8000"})
    phone, text = MemoryGateway.outbox[-1]
    assert phone == "13800138000"
    otp = re.search(r"\d{6}", text).group(0)
    wrong = client.post(
        reverse("portal:verify"), {"code": "000000" if otp != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert client.post(reverse("portal:verify"), {"code": otp}).status_code == 302
    page = client.get(reverse("portal:case", args=[code])).content.decode()
    assert "已登记" in page
    assert dispute.number in page
    assert "楼上住户" not in page  # the other party's details are not shown
    engine.fire(dispute, "accept", actor=committees.mediator_haizhu, version=dispute.version,
                data={"consent": True, "accepted_on": dispute.received_at.date()})  # fmt: skip
    client.post(reverse("portal:case", args=[code]), {"body": "请尽快联系我。"})
    page = client.get(reverse("portal:case", args=[code])).content.decode()
    assert "请尽快联系我。" in page and "已受理" in page
    assert Clock.for_case(dispute).filter(key="mediation_term").exists()


def test_a_landline_cannot_receive_the_code(client, committees):
    response = client.post(reverse("mediation:online_apply"), _form(applicant_phone="020-83123456"))
    assert "applicant_phone" in response.context["form"].errors
    assert Dispute.objects.count() == 0


def test_the_committee_hears_of_requests_and_messages(
    client, committees, django_capture_on_commit_callbacks
):
    from cases.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mediation:online_apply"), _form())
    assert Notification.objects.filter(recipient=committees.mediator_haizhu,
                                       kind="online_request").count() == 1  # fmt: skip
    dispute = Dispute.objects.get()
    client.post(reverse("portal:track"), {"tracking_code": dispute.tracking_code,
                                          "phone": "13800138000"})  # fmt: skip
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    client.post(reverse("portal:verify"), {"code": otp})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:case", args=[dispute.tracking_code]), {"body": "在吗？"})
    note = Notification.objects.get(kind="applicant_message")
    assert note.recipient == committees.mediator_haizhu and "在吗？" in note.body


class _BrokenGateway:
    def send(self, phone, text):
        raise ConnectionError("provider down")


def test_an_sms_outage_is_explained_not_a_crash(client, committees, settings):
    client.post(reverse("mediation:online_apply"), _form())
    settings.FAZHI_SMS_GATEWAY = "mediation.tests.test_online._BrokenGateway"
    code = Dispute.objects.get().tracking_code
    response = client.post(reverse("portal:track"), {"tracking_code": code,
                                                     "phone": "13800138000"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_rerouting_drops_the_old_committees_mediators(client, committees):
    from mediation.models import Mediator

    client.post(reverse("mediation:online_apply"), _form())
    dispute = Dispute.objects.get()
    dispute.mediators.add(Mediator.objects.create(name="何", committee=committees.haizhu_committee))
    engine.fire(dispute, "reroute", actor=committees.office_haizhu, version=dispute.version,
                data={"organization": committees.labour_committee.pk, "reason": "转交"})  # fmt: skip
    assert not Dispute.objects.get().mediators.exists()


def test_committee_region_comes_from_its_organisation_and_types_are_checked(committees):
    from django.core.exceptions import ValidationError

    committee = Committee.objects.get(organization=committees.labour_committee)
    committee.region_code = "999999999999"
    committee.save()
    assert Committee.objects.get(pk=committee.pk).region_code == committees.haizhu.code
    committee.industry_types = ["labor"]
    with pytest.raises(ValidationError):
        committee.full_clean()


# -- issue 10: one round of errors, routing above a street without committee, served regions --


def test_every_error_shows_in_one_round_and_no_bogus_party_error(client, committees):
    bad = _form(applicant_id_number="110105194912310021", respondent_phone="12345", facts="")
    response = client.post(reverse("mediation:online_apply"), bad)
    errors = response.context["form"].errors
    assert {"applicant_id_number", "respondent_phone", "facts"} <= set(errors)
    body = response.content.decode()
    assert "请至少填写" not in body and "Name at least one" not in body
    assert "楼上住户" in body and "110105194912310021" in body  # the input is kept
    assert Dispute.objects.count() == 0
    fixed = _form(applicant_id_number="", respondent_phone="13900139000")
    assert client.post(reverse("mediation:online_apply"), fixed).status_code == 302


def test_the_service_names_the_bad_field_not_a_missing_side(committees):
    from core.errors import InvalidInput
    from mediation.services import dispute_register

    with pytest.raises(InvalidInput) as caught:
        dispute_register(
            actor=None,
            organization=committees.haizhu_committee,
            data={"title": "t", "facts": "f", "dispute_type": "neighbour"},
            parties=[
                {"side": "applicant", "name": "甲", "id_number": "110105194912310021"},
                {"side": "respondent", "name": "乙", "phone": "12345"},
            ],
        )
    fields = caught.value.fields
    assert "parties-0-id_number" in fields and "parties-1-phone" in fields
    assert "parties" not in fields


def test_only_streets_of_the_deployment_are_offered(client, committees, settings):
    from mediation.online import street_choices

    codes = {code for _district, items in street_choices()[1:] for code, _name in items}
    assert CHIGANG in codes and JINGTAI in codes
    assert all(code.startswith("4401") for code in codes)  # no 罗湖 (4403), no 东莞 (4419)
    luohu = Region.objects.filter(code__startswith="440303", level=4).first().code
    response = client.post(reverse("mediation:online_apply"), _form(street=luohu))
    assert "street" in response.context["form"].errors
    settings.FAZHI_PORTAL_REGIONS = ["440105"]
    codes = {code for _district, items in street_choices()[1:] for code, _name in items}
    assert CHIGANG in codes and JINGTAI not in codes


def test_a_bad_region_setting_fails_loudly(settings):
    from django.core.exceptions import ImproperlyConfigured

    from portal.regions import served_prefixes

    settings.FAZHI_PORTAL_REGIONS = ["44O1"]
    with pytest.raises(ImproperlyConfigured):
        served_prefixes()


def test_a_street_without_committee_or_office_goes_above_it_not_sideways(committees):
    xingang = "440105002000"  # 新港街道: no committee, no justice office
    # Without a district-level unit, a justice office of the district (it can re-route).
    assert route(xingang, "neighbour") == committees.haizhu_office
    general = Organization.objects.create(
        name="海珠区人民调解委员会", kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=committees.haizhu, parent=committees.haizhu_bureau,
    )  # fmt: skip
    Committee.objects.create(organization=general, kind=CommitteeKind.STREET)
    assert route(xingang, "neighbour") == general  # the committee above the street


def test_the_applicant_is_told_whom_the_request_went_to_and_whom_to_call(client, committees):
    committees.haizhu_bureau.phone = "020-84300000"
    committees.haizhu_bureau.save()
    client.post(reverse("mediation:online_apply"), _form(street="440105002000"))
    assert Dispute.objects.get().organization == committees.haizhu_office
    page = client.get(reverse("mediation:online_filed"))
    assert page.context["street"].code == "440105002000"
    body = page.content.decode()
    assert "赤岗街道司法所" in body and "020-84300000" in body and 'id="routing-note"' in body


def test_a_district_with_no_unit_names_the_bureau_to_call(client, committees):
    committees.baiyun_bureau.phone = "020-86000000"
    committees.baiyun_bureau.save()
    Organization.objects.filter(pk=committees.baiyun_committee.pk).update(is_active=False)
    response = client.post(reverse("mediation:online_apply"), _form(street=JINGTAI))
    message = response.context["form"].errors["street"][0]
    assert "白云区司法局" in message and "020-86000000" in message
    assert "楼上漏水两个月未修。" in response.content.decode()
    assert Dispute.objects.count() == 0
