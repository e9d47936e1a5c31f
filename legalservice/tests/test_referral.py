"""Referral (转介) of a service record: a consultation referred to mediation and another to legal
aid open one case each there with the person's name and phone carried over, count once in each
line's figures and twice in legalservice.referrals; a second submit opens no second case; a
referral short of what the line needs names the field and writes nothing; a user without the
line's permission cannot refer."""

from __future__ import annotations

import dataclasses
import random

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import frozen_today
from core import referrals
from core.demo import resident_id
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, Party
from indicators.compute import compute
from indicators.registry import Period
from legalaid.models import AidCase
from legalservice import services
from legalservice.models import ServiceRecord
from legalservice.tests.conftest import point, record
from mediation.choices import CommitteeKind, Side
from mediation.models import Committee, Dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(ls):
    """The lines that take referrals in 海珠: the street's mediation committee, the district's
    legal aid centre."""
    w = ls
    Committee.objects.create(
        organization=w.haizhu_committee, kind=CommitteeKind.STREET, region_code=w.street.code
    )
    w.haizhu_centre = Organization.objects.create(
        name="海珠区法律援助中心", short_name="海", kind=OrganizationKind.LEGAL_AID_CENTRE,
        region=w.haizhu, parent=w.haizhu_bureau,
    )  # fmt: skip
    w.id_number = resident_id(random.Random(7), w.haizhu.code)
    return w


def url(saved, action=""):
    return f"/legalservice/records/{saved.pk}/{action}"


def to_mediation(**extra):
    data = {"target": "mediation", "other_party_name": "海珠区某餐馆"}
    data.update(extra)
    return data


def to_legal_aid(w, **extra):
    data = {"target": "legalaid", "person_id_number": w.id_number}
    data.update(extra)
    return data


def post(client, saved, data):
    """Submit the referral form as the page fills it in (the record's data, the street)."""
    form = client.get(url(saved, "refer/")).context["form"]
    values = {k: v for k, v in form.initial.items() if v is not None}
    values.update(data)
    return client.post(url(saved, "refer/"), values)


def figures():
    return compute("440105", Period.year(frozen_today().year))


def counts():
    return Dispute.objects.count(), AidCase.objects.count(), Party.objects.count()


def test_one_consultation_to_mediation_another_to_legal_aid_opens_one_case_each(lines, login):
    labour = record(lines, person_name="周七", person_phone="13800138000", matter_kind="labour",
                    summary="餐馆拖欠工资三个月")  # fmt: skip
    family = record(lines, person_name="林大明", person_phone="13912345678",
                    matter_kind="marriage_family", summary="离婚后对方拒付抚养费")  # fmt: skip
    client = login(lines.office_haizhu)
    page = client.get(url(labour, "refer/"))
    assert page.status_code == 200
    assert page.context["form"].initial["region_code"] == lines.street.code  # the unit's street
    assert post(client, labour, to_mediation()).status_code == 302
    assert post(client, family, to_legal_aid(lines)).status_code == 302

    dispute, aid = Dispute.objects.get(), AidCase.objects.get()
    applicant = dispute.dispute_parties.get(side=Side.APPLICANT).party
    assert (applicant.name, applicant.phone) == ("周七", "13800138000")
    assert "餐馆拖欠工资三个月" in dispute.facts
    assert dispute.organization == lines.haizhu_committee
    aid_applicant = aid.aid_parties.get(side="applicant").party
    assert (aid_applicant.name, aid_applicant.phone) == ("林大明", "13912345678")
    assert aid.organization == lines.haizhu_centre

    labour.refresh_from_db()
    family.refresh_from_db()
    assert (labour.outcome, labour.referred_case) == ("referred_mediation", dispute)
    assert (family.outcome, family.referred_case) == ("referred_legal_aid", aid)

    result = figures()
    assert result["mediation.received"]["value"] == 1
    assert result["legalaid.applications"]["value"] == 1
    assert result["legalservice.referrals"]["value"] == 2
    assert result["legalservice.services"]["value"] == 2


def test_the_record_page_links_to_the_case_and_offers_no_second_referral(lines, login):
    saved = record(lines)
    client = login(lines.office_haizhu)
    assert 'id="refer"' in client.get(url(saved)).content.decode()
    post(client, saved, to_mediation())
    dispute = Dispute.objects.get()
    body = client.get(url(saved)).content.decode()
    assert f'href="{dispute.get_absolute_url()}"' in body
    assert dispute.number in body
    assert 'id="refer"' not in body


def test_whom_may_not_see_the_case_gets_only_its_number(lines):
    from legalservice.views import _referred_case

    saved = record(lines)
    case, _opened = services.record_refer(actor=lines.office_haizhu, record=saved,
                                          data=to_mediation())  # fmt: skip
    saved.refresh_from_db()
    assert case.get_absolute_url() in _referred_case(lines.office_haizhu, saved)
    shown = _referred_case(lines.agency_haizhu, saved)  # an agency handler: no disputes
    assert case.number in shown
    assert case.get_absolute_url() not in shown


def test_a_second_submit_does_not_open_a_second_case(lines, login):
    saved = record(lines)
    client = login(lines.office_haizhu)
    form = client.get(url(saved, "refer/")).context["form"]
    values = {k: v for k, v in form.initial.items() if v is not None}
    values.update(to_mediation())
    assert client.post(url(saved, "refer/"), values).status_code == 302
    assert client.post(url(saved, "refer/"), values).status_code == 302  # a double click
    assert Dispute.objects.count() == 1
    assert figures()["legalservice.referrals"]["value"] == 1


def test_the_service_answers_a_resubmission_with_the_first_case(lines):
    saved = record(lines)
    stale = ServiceRecord.objects.get(pk=saved.pk)  # loaded before the first referral
    first, opened = services.record_refer(actor=lines.office_haizhu, record=saved,
                                          data=to_mediation())  # fmt: skip
    again, reopened = services.record_refer(actor=lines.office_haizhu, record=stale,
                                            data=to_mediation())  # fmt: skip
    assert (opened, reopened) == (True, False)
    assert again == first
    assert Dispute.objects.count() == 1
    with pytest.raises(InvalidInput) as caught:  # and not to another line afterwards
        services.record_refer(actor=lines.office_haizhu, record=stale, data=to_legal_aid(lines))
    assert list(caught.value.fields) == ["target"]
    assert AidCase.objects.count() == 0


def test_legal_aid_without_an_id_number_names_the_field_in_chinese_writes_nothing(lines, login):
    saved = record(lines)
    before, updated = counts(), ServiceRecord.objects.get(pk=saved.pk).updated_at
    client = login(lines.office_haizhu)
    with translation.override("zh-hans"):
        expected = gettext("A referral to %(target)s needs the %(field)s.") % {
            "target": gettext("legal aid"),
            "field": pgettext("referral field", "resident ID number of the person"),
        }
    response = post(client, saved, to_legal_aid(lines, person_id_number="",
                                                 person_name="改过的名字"))  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["person_id_number"] == [expected]
    assert any("\u4e00" <= c <= "\u9fff" for c in expected)  # the message is Chinese
    assert counts() == before
    saved.refresh_from_db()
    assert (saved.outcome, saved.referred_case_id, saved.person_name) == ("answered", None, "周七")
    assert saved.updated_at == updated


def test_the_lines_own_check_stands_beside_the_forms_field(lines, login):
    saved = record(lines)
    client = login(lines.office_haizhu)
    response = post(client, saved, to_mediation(other_party_name=""))
    assert list(response.context["form"].errors) == ["other_party_name"]
    response = post(client, saved, to_mediation(person_phone="12345"))
    assert list(response.context["form"].errors) == ["person_phone"]
    assert counts()[:2] == (0, 0)


def test_what_the_record_lacks_is_filled_in_and_kept_on_the_record(lines):
    saved = record(lines, person_name="", person_phone="")
    with pytest.raises(InvalidInput) as caught:
        services.record_refer(actor=lines.office_haizhu, record=saved,
                              data=to_mediation(region_code=lines.street.code))  # fmt: skip
    assert set(caught.value.fields) == {"person_name", "person_phone"}
    services.record_refer(actor=lines.office_haizhu, record=saved, data=to_mediation(
        region_code=lines.street.code, person_name="吴八", person_phone="13700137000"))  # fmt: skip
    saved.refresh_from_db()
    assert (saved.person_name, saved.person_phone) == ("吴八", "13700137000")


def test_the_lines_matter_error_stands_on_the_kind_of_matter():
    exc = InvalidInput("m", fields={"matter": ["m"], "person_phone": ["p"]})
    assert set(services._referral_errors(exc).fields) == {"matter_kind", "person_phone"}


def test_the_default_street_is_the_points_street(lines):
    office = point(lines, name="赤岗北社区公共法律服务工作室", level="office",
                   region=lines.villages[0])  # fmt: skip
    assert services.default_street(record(lines, service_point=office)) == lines.street.code
    at_bureau = record(lines, actor=lines.clerk_haizhu, organization=lines.haizhu_bureau)
    assert services.default_street(at_bureau) == ""  # a district: the person's street is asked


@pytest.fixture
def legal_aid_closed_to_all():
    """Legal aid taking referrals only from holders of a permission no one holds."""
    original = referrals.get("legalaid")
    referrals.register(dataclasses.replace(original, permission="legalaid.nobody_holds_this"))
    yield
    referrals.register(original)


def test_a_user_without_the_lines_permission_cannot_refer(lines, login, legal_aid_closed_to_all):
    saved = record(lines)
    before = counts()
    assert [t.key for t in services.referral_targets(lines.office_haizhu)] == ["mediation"]
    with pytest.raises(PermissionDenied):
        services.record_refer(actor=lines.office_haizhu, record=saved, data=to_legal_aid(lines))
    client = login(lines.office_haizhu)
    response = post(client, saved, to_legal_aid(lines))
    assert response.status_code == 200  # legal aid is not among the choices
    assert "target" in response.context["form"].errors
    assert counts() == before
    saved.refresh_from_db()
    assert (saved.outcome, saved.referred_case_id) == ("answered", None)


def test_a_reader_has_no_referral(lines, login):
    saved = record(lines)
    client = login(lines.leader_gz)
    assert 'id="refer"' not in client.get(url(saved)).content.decode()
    assert client.get(url(saved, "refer/")).status_code == 403
    assert login(lines.mediator_haizhu).get(url(saved, "refer/")).status_code == 404
    assert counts()[:2] == (0, 0)


def test_a_referred_records_outcome_stays(lines):
    saved = record(lines)
    services.record_refer(actor=lines.office_haizhu, record=saved, data=to_mediation())
    data = {
        "served_on": saved.served_on, "organization": lines.haizhu_office, "channel": "window",
        "matter_kind": "labour", "person_name": "周七", "person_phone": "13800138000",
        "summary": "拖欠工资如何维权", "outcome": "answered",
    }  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        services.record_update(actor=lines.office_haizhu, record=saved, data=data)
    assert list(caught.value.fields) == ["outcome"]


# -- the reach of a referral: the streets the user may refer from, the unit the line accepts ---


def test_the_street_list_is_the_users_reach_for_the_line(lines, login):
    """Office staff of 赤岗街道 are offered their own street only — not the other streets of the
    installation (白云's 景泰街道), which their mediation and legal aid permissions do not
    reach."""
    saved = record(lines)
    form = login(lines.office_haizhu).get(url(saved, "refer/")).context["form"]
    codes = {code for _d, items in form.fields["region_code"].choices[1:] for code, _n in items}
    assert lines.street.code in codes
    assert lines.baiyun_street.code not in codes
    assert all(code.startswith(lines.street.code[:9]) for code in codes)


def test_a_street_outside_the_users_reach_is_refused_beside_the_street(lines, login):
    saved = record(lines)
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        services.record_refer(actor=lines.office_haizhu, record=saved,
                              data=to_mediation(region_code=lines.baiyun_street.code))  # fmt: skip
    assert list(caught.value.fields) == ["region_code"]
    with translation.override("zh-hans"):
        message = str(services._referral_errors(caught.value).fields["region_code"][0])
        assert "%" not in message
    assert counts() == before
    saved.refresh_from_db()
    assert (saved.outcome, saved.referred_case_id) == ("answered", None)


def test_a_committee_outside_the_users_jurisdiction_stands_beside_the_street(lines, login):
    """Routing sends a labour dispute of 赤岗街道 to 海珠's district labour committee (an industry
    committee wins, mediation.routing), which the street's office staff may not register for:
    mediation's refusal stands on the street field of the form, nothing is written."""
    district_committee = Organization.objects.create(
        name="海珠区劳动争议人民调解委员会", kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=lines.haizhu, parent=lines.haizhu_bureau,
    )  # fmt: skip
    Committee.objects.create(organization=district_committee, kind=CommitteeKind.INDUSTRY,
                             region_code=lines.haizhu.code, industry_types=["labour"])  # fmt: skip
    saved = record(lines, matter_kind="labour")
    before = counts()
    client = login(lines.office_haizhu)
    with translation.override("zh-hans"):
        response = post(client, saved, to_mediation())
        expected = gettext("That committee is outside your jurisdiction.")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["region_code"]
    assert expected in errors["region_code"][0]
    assert counts() == before


def test_legal_aid_does_not_fall_back_to_a_centre_outside_the_users_reach(lines, login):
    """白云 has no legal aid centre of its own; 海珠's centre is outside the reach of 景泰街道's
    office staff: the referral is refused in Chinese beside the street, not sent to 海珠."""
    saved = record(lines, actor=lines.office_baiyun, organization=lines.baiyun_office)
    before = counts()
    client = login(lines.office_baiyun)
    with translation.override("zh-hans"):
        response = post(client, saved, to_legal_aid(lines))
        expected = gettext(
            "No legal aid centre within your jurisdiction serves the person's district; "
            "choose a street or town of your jurisdiction."
        )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["region_code"]
    assert response.context["form"].errors["region_code"] == [expected]
    assert counts() == before
    saved.refresh_from_db()
    assert (saved.outcome, saved.referred_case_id) == ("answered", None)


def test_the_referral_form_shows_the_phone_masked_and_carries_the_stored_one(lines, login):
    saved = record(lines, person_phone="13800138000")
    client = login(lines.office_haizhu)
    page = client.get(url(saved, "refer/"))
    assert page.context["form"].initial["person_phone"] == "138****8000"
    assert "13800138000" not in page.content.decode()
    assert post(client, saved, to_mediation()).status_code == 302
    applicant = Dispute.objects.get().dispute_parties.get(side=Side.APPLICANT).party
    assert applicant.phone == "13800138000"
    saved.refresh_from_db()
    assert saved.person_phone == "13800138000"
