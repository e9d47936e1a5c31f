"""Referrals (core.referrals): a consultation referred to mediation and another to legal aid
open cases there with the person's data, each counted once in its line's figures; data that
fall short name the field and write nothing; only users who may register cases in a line may
refer to it."""

from __future__ import annotations

import random

import pytest
from django.utils.translation import gettext, pgettext

from cases.models import Channel
from conftest import frozen_today
from core import referrals
from core.demo import resident_id
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind, Party
from indicators.compute import compute
from indicators.registry import Period
from legalaid.choices import Hardship
from legalaid.choices import Source as AidSource
from legalaid.models import AidCase
from mediation.choices import CommitteeKind, DisputeType, Side
from mediation.choices import Source as MediationSource
from mediation.models import Committee, Dispute

pytestmark = pytest.mark.django_db

SOURCE = "赤岗街道公共法律服务工作站"


@pytest.fixture
def lines(world):
    w = world
    Committee.objects.create(
        organization=w.haizhu_committee, kind=CommitteeKind.STREET, region_code=w.street.code
    )
    w.haizhu_centre = Organization.objects.create(
        name="海珠区法律援助中心", short_name="海", kind=OrganizationKind.LEGAL_AID_CENTRE,
        region=w.haizhu, parent=w.haizhu_bureau,
    )  # fmt: skip
    return w


def person(world, **extra):
    data = {"name": "陈小红", "phone": "13912345678", "region_code": world.street.code}
    data.update(extra)
    return data


def refer_to_mediation(world, actor=None, **overrides):
    kwargs = {
        "actor": actor or world.office_haizhu,
        "person": person(world),
        "matter": "labour",
        "summary": "在某餐馆工作三个月，老板拖欠工资一万二千元。",
        "source": SOURCE,
        "other_party": {"name": "海珠区某餐馆"},
    }
    kwargs.update(overrides)
    return referrals.refer("mediation", **kwargs)


def refer_to_legal_aid(world, actor=None, **overrides):
    kwargs = {
        "actor": actor or world.office_haizhu,
        "person": person(
            world, id_number=resident_id(random.Random(7), world.haizhu.code), name="林大明"
        ),
        "matter": "marriage_family",
        "summary": "离婚后对方拒付子女抚养费，本人无固定收入。",
        "source": SOURCE,
    }
    kwargs.update(overrides)
    return referrals.refer("legalaid", **kwargs)


def figures():
    return compute("440105", Period.year(frozen_today().year))


def counts():
    return Dispute.objects.count(), AidCase.objects.count(), Party.objects.count()


def test_justice_office_staff_may_refer_to_both_lines(lines):
    assert [t.key for t in referrals.targets_for(lines.office_haizhu)] == [
        "mediation",
        "legalaid",
    ]


def test_a_mediator_may_refer_only_to_mediation(lines):
    assert [t.key for t in referrals.targets_for(lines.mediator_haizhu)] == ["mediation"]
    assert referrals.targets_for(lines.agency_haizhu) == []


def test_a_referral_to_mediation_opens_one_dispute_with_the_persons_data(lines):
    dispute = refer_to_mediation(lines)
    assert Dispute.objects.count() == 1
    assert dispute.organization == lines.haizhu_committee  # routed by the person's street
    assert dispute.number and dispute.state
    assert dispute.channel == Channel.REFERRAL
    assert dispute.source == MediationSource.APPLICATION
    assert dispute.dispute_type == DisputeType.LABOUR
    assert SOURCE in dispute.facts
    applicant = dispute.dispute_parties.get(side=Side.APPLICANT).party
    assert (applicant.name, applicant.phone) == ("陈小红", "13912345678")
    assert dispute.dispute_parties.get(side=Side.RESPONDENT).party.name == "海珠区某餐馆"
    assert figures()["mediation.received"]["value"] == 1


def test_a_referral_to_legal_aid_opens_one_application_with_the_persons_data(lines):
    case = refer_to_legal_aid(lines)
    assert AidCase.objects.count() == 1
    assert case.organization == lines.haizhu_centre  # the centre of the person's district
    assert case.number
    assert case.channel == Channel.REFERRAL
    assert case.source == AidSource.APPLICATION
    assert case.hardship == Hardship.COMMITMENT
    assert case.category == "marriage_family"
    applicant = case.aid_parties.get(side="applicant").party
    assert (applicant.name, applicant.phone) == ("林大明", "13912345678")
    assert figures()["legalaid.applications"]["value"] == 1


def test_one_referral_to_each_line_counts_once_in_each_lines_figures(lines):
    refer_to_mediation(lines)
    refer_to_legal_aid(lines)
    result = figures()
    assert result["mediation.received"]["value"] == 1
    assert result["legalaid.applications"]["value"] == 1
    assert (Dispute.objects.count(), AidCase.objects.count()) == (1, 1)


def test_legal_aid_without_an_id_number_names_the_field_and_writes_nothing(lines):
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        refer_to_legal_aid(lines, person=person(lines))
    expected = gettext("A referral to %(target)s needs the %(field)s.") % {
        "target": gettext("legal aid"),
        "field": pgettext("referral field", "resident ID number of the person"),
    }
    assert caught.value.fields == {"person_id_number": [expected]}
    assert caught.value.message == expected
    assert counts() == before


def test_mediation_without_the_other_party_names_the_field(lines):
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        refer_to_mediation(lines, other_party=None)
    assert list(caught.value.fields) == ["other_party_name"]
    assert counts() == before


def test_a_bad_phone_is_refused_by_the_lines_own_check_naming_the_field(lines):
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        refer_to_mediation(lines, person=person(lines, phone="12345"))
    assert list(caught.value.fields) == ["person_phone"]
    label = pgettext("referral field", "telephone of the person")
    assert caught.value.fields["person_phone"][0].startswith(str(label))
    assert counts() == before


def test_without_a_street_or_a_committee_there_is_no_one_to_send_it_to(lines):
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        refer_to_mediation(lines, person=person(lines, region_code=""))
    assert list(caught.value.fields) == ["region_code"]
    assert counts() == before


def test_a_chosen_unit_takes_the_referral_instead_of_routing(lines):
    dispute = refer_to_mediation(lines, organization=lines.haizhu_office)
    assert dispute.organization == lines.haizhu_office


def test_a_failing_line_leaves_nothing_half_written(lines):
    def open_half(*, actor, organization, person, **kwargs):
        Party.objects.create(
            name=person["name"], organization=lines.haizhu_office, region_code=lines.street.code
        )
        raise InvalidInput("x", fields={"summary": ["x"]})

    referrals.register(referrals.Target("half", "half", "mediation.add_dispute", open_half))
    try:
        before = counts()
        with pytest.raises(InvalidInput):
            referrals.refer("half", actor=lines.office_haizhu, person=person(lines),
                            matter="other", summary="s", source=SOURCE)  # fmt: skip
        assert counts() == before
    finally:
        referrals._TARGETS.pop("half")


def test_a_user_without_the_lines_permission_cannot_refer(lines):
    before = counts()
    with pytest.raises(PermissionDenied):
        refer_to_legal_aid(lines, actor=lines.mediator_haizhu)
    with pytest.raises(PermissionDenied):
        refer_to_mediation(lines, actor=lines.agency_haizhu)
    with pytest.raises(PermissionDenied):
        referrals.refer("mediation", actor=None, person=person(lines), matter="labour",
                        summary="s", source=SOURCE, other_party={"name": "某公司"})  # fmt: skip
    assert counts() == before


def test_an_unknown_target_is_refused(lines):
    with pytest.raises(InvalidInput) as caught:
        referrals.refer("reconsideration", actor=lines.office_haizhu, person=person(lines),
                        matter="administrative", summary="s", source=SOURCE)  # fmt: skip
    assert list(caught.value.fields) == ["target"]
