"""Registering legal aid applications, consultations, pool lawyers and exemption categories
through legalaid.services: valid input is written in one transaction; bad input names the
field in Chinese and writes nothing (法律援助法第四十一条至第四十三条)."""

from __future__ import annotations

import datetime

import pytest

from cases.models import CaseEvent, Clock, NumberSequence
from conftest import _user, frozen_today
from core.errors import InvalidInput, PermissionDenied
from core.models import Party, PractitionerStatus
from core.roles import Role
from legalaid.choices import Hardship, Side
from legalaid.models import AidCase, AidParty, Consultation, Exemption, PoolMember
from legalaid.services import (
    application_register,
    consultation_record,
    exemption_add,
    pool_add,
)
from legalaid.tests.factories import make_application

pytestmark = pytest.mark.django_db

# A valid resident ID number (GB 11643) and the same with a wrong check digit.
GOOD_ID = "11010519491231002X"
BAD_ID = "110105194912310021"


def _data(**overrides):
    data = {
        "title": "追索劳动报酬",
        "facts": "申请人在工地务工三个月，被拖欠工资一万二千元。",
        "requests": "代理劳动仲裁",
        "matter": "civil",
        "category": "wages",
        "hardship": "commitment",
        "materials": ["identity", "hardship", "matter"],
        "amount_claimed": "12000.50",
        "groups": ["migrant_worker"],
    }
    data.update(overrides)
    return data


def _parties(**overrides):
    applicant = {"side": "applicant", "name": "陈工", "id_number": GOOD_ID,
                 "phone": "13800138000"}  # fmt: skip
    applicant.update(overrides)
    return [
        applicant,
        {"side": "agent", "name": "陈工之妻"},
        {"side": "opposing", "name": "某建筑劳务有限公司", "kind": "organization"},
    ]


@pytest.fixture
def exemptions(aid_world):
    w = aid_world
    w.samaritan = Exemption.objects.create(
        name="见义勇为行为人主张相关民事权益", kind=Exemption.Kind.NO_HARDSHIP,
        legal_basis="法律援助法第三十二条", organization=w.haizhu_centre,
    )  # fmt: skip
    w.migrant = Exemption.objects.create(
        name="农民工请求支付劳动报酬", kind=Exemption.Kind.CHECK_WAIVED,
        legal_basis="法律援助法第四十二条", organization=w.city_bureau,
    )  # fmt: skip
    w.baiyun_local = Exemption.objects.create(
        name="白云区困难退役军人", kind=Exemption.Kind.CHECK_WAIVED,
        legal_basis="白云区规定", organization=w.baiyun_centre,
    )  # fmt: skip
    return w


def _counts():
    return (
        AidCase.objects.count(),
        AidParty.objects.count(),
        Party.objects.count(),
        CaseEvent.objects.count(),
        Clock.objects.count(),
        NumberSequence.objects.count(),
    )


def test_a_valid_application_is_registered_with_its_parties_and_clocks(aid_world):
    w = aid_world
    case = application_register(
        actor=w.aid_clerk_haizhu, organization=w.haizhu_centre, data=_data(), parties=_parties()
    )
    case = AidCase.objects.get(pk=case.pk)
    assert case.state == "submitted"
    assert case.number.startswith(f"（{frozen_today().year}）海法援字第")
    assert case.region_code == w.haizhu_centre.region_id
    assert str(case.amount_claimed) == "12000.50"
    assert case.created_by == w.aid_clerk_haizhu
    assert [(ap.side, ap.party.name) for ap in case.aid_parties.all()] == [
        ("agent", "陈工之妻"),
        ("applicant", "陈工"),
        ("opposing", "某建筑劳务有限公司"),
    ]
    applicant = case.parties_on(Side.APPLICANT)[0]
    assert applicant.birth_date == datetime.date(1949, 12, 31)  # read from the ID number
    assert set(Clock.for_case(case).values_list("key", flat=True)) == {"review", "review_target"}
    assert case.tracking_code == ""


def test_an_online_pre_application_gets_a_tracking_code(aid_world):
    w = aid_world
    case = application_register(actor=None, organization=w.haizhu_centre,
                                data=_data(channel="online"), parties=_parties(),
                                tracking_code=True)  # fmt: skip
    assert len(case.tracking_code) == 10 and case.channel == "online"
    assert case.created_by is None


def test_a_notified_case_needs_no_means_test(aid_world):
    """法律援助法第二十五条、第三十六条: the court notifies; there is no means test."""
    w = aid_world
    case = application_register(
        actor=w.aid_clerk_haizhu,
        organization=w.haizhu_centre,
        data=_data(
            matter="criminal",
            category="criminal_defence",
            source="notification",
            notifying_authority="court",
            notifying_body="广州市海珠区人民法院",
            hardship="commitment",
            life_or_death=True,
        ),
        parties=_parties()[:1],
    )
    assert case.hardship == Hardship.NOTIFIED
    assert (case.notifying_authority, case.notifying_body) == ("court", "广州市海珠区人民法院")
    assert case.life_or_death


def test_an_exemption_of_the_right_kind_is_accepted(exemptions):
    w = exemptions
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                            hardship="check_waived", exemption=w.migrant.pk)  # fmt: skip
    assert case.exemption == w.migrant  # a city category holds in the district
    local = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                             hardship="local", exemption=w.samaritan)  # fmt: skip
    assert local.exemption == w.samaritan


def test_missing_materials_do_not_stop_registration_but_stop_the_grant(aid_world):
    """Art. 43: an incomplete application is registered; the review asks for everything
    missing at once, and aid cannot be granted before."""
    from cases import engine

    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                            materials=[])  # fmt: skip
    assert case.state == "submitted" and case.materials == []
    with pytest.raises(InvalidInput) as exc:
        engine.fire(case, "grant", actor=w.aid_clerk_haizhu, version=case.version,
                    data={"on_date": frozen_today().isoformat()})  # fmt: skip
    assert "材料不齐" in exc.value.message and "身份证明" in exc.value.message


def _bad(w, field, data=None, parties=None, organization=None):
    before = _counts()
    with pytest.raises(InvalidInput) as exc:
        application_register(
            actor=w.aid_clerk_haizhu,
            organization=organization or w.haizhu_centre,
            data=data or _data(),
            parties=parties if parties is not None else _parties(),
        )
    assert field in exc.value.fields, exc.value.fields
    assert _counts() == before  # nothing written, not even a case number
    return " ".join(exc.value.fields[field])


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"title": ""}, "title", "案由摘要"),
        ({"facts": "  "}, "facts", "案情"),
        ({"matter": "maritime"}, "matter", "事项类别"),
        ({"category": "criminal_defence"}, "category", "刑事"),
        ({"matter": "criminal", "category": "wages"}, "category", "刑事"),
        ({"source": "notification"}, "notifying_authority", "通知机关类别"),
        ({"source": "notification", "notifying_authority": "court"}, "notifying_body", "通知机关"),
        ({"hardship": "notified"}, "hardship", "通知"),
        ({"hardship": ""}, "hardship", "经济困难"),
        ({"hardship": "not_required"}, "exemption", "免予核查类别"),
        ({"materials": ["identity", "passport"]}, "materials", "材料"),
        ({"groups": ["astronaut"]}, "groups", "人群类别"),
        ({"amount_claimed": "-1"}, "amount_claimed", "请求金额"),
        ({"amount_claimed": "1.234"}, "amount_claimed", "请求金额"),
        ({"amount_claimed": "abc"}, "amount_claimed", "请求金额"),
        ({"amount_claimed": "1e30"}, "amount_claimed", "过大"),
        ({"urgent": True}, "urgent_reason", "先行提供"),
        ({"life_or_death": True}, "life_or_death", "刑事"),
        ({"received_on": "2999-01-01"}, "received_on", "收到申请的日期"),
        ({"received_on": "1999-12-31"}, "received_on", "2000-01-01"),
        ({"title": "案" * 201}, "title", "200"),
    ],
)
def test_bad_application_data_is_named_and_nothing_is_written(aid_world, overrides, field, words):
    message = _bad(aid_world, field, data=_data(**overrides))
    assert words in message, message


def test_a_bad_id_number_is_named_and_nothing_is_written(aid_world):
    message = _bad(aid_world, "parties-0-id_number", parties=_parties(id_number=BAD_ID))
    assert "身份号码" in message


def test_an_application_names_a_natural_person_as_applicant(aid_world):
    w = aid_world
    assert "申请人" in _bad(w, "parties", parties=_parties()[1:])
    company = _parties(kind="organization", id_number="")
    assert "自然人" in _bad(w, "parties-0-kind", parties=company)


def test_the_exemption_must_match_the_ground_be_active_and_hold_here(exemptions):
    w = exemptions
    # Art. 32 (no hardship condition) chosen for a means-check waiver (Art. 42): wrong kind.
    wrong = _bad(w, "exemption", data=_data(hardship="check_waived", exemption=w.samaritan.pk))
    assert "免予核查类别" in wrong and w.samaritan.name in wrong
    assert "才" in _bad(w, "exemption", data=_data(hardship="commitment",
                                                     exemption=w.migrant.pk))  # fmt: skip
    assert "不适用" in _bad(w, "exemption", data=_data(hardship="local",
                                                       exemption=w.baiyun_local.pk))  # fmt: skip
    Exemption.objects.filter(pk=w.migrant.pk).update(is_active=False)
    assert "不再" in _bad(w, "exemption", data=_data(hardship="check_waived",
                                                     exemption=w.migrant.pk))  # fmt: skip
    assert "不存在" in _bad(w, "exemption", data=_data(hardship="check_waived",
                                                       exemption=999999))  # fmt: skip


def test_the_centre_must_be_in_the_clerks_jurisdiction(aid_world):
    w = aid_world
    assert "辖区" in _bad(w, "organization", organization=w.baiyun_centre)
    assert "法律援助机构" in _bad(w, "organization", organization=w.haizhu_bureau)


def test_a_justice_office_registers_for_its_district_centre_only(aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.office_haizhu)
    assert case.organization == w.haizhu_centre
    with pytest.raises(InvalidInput) as exc:
        make_application(organization=w.baiyun_centre, actor=w.office_haizhu)
    assert "organization" in exc.value.fields


def test_a_leader_and_a_lawyer_may_not_register(aid_world):
    w = aid_world
    for user in (w.leader_gz, w.lawyer_a1.user):
        with pytest.raises(PermissionDenied):
            make_application(organization=w.haizhu_centre, actor=user)
    assert AidCase.objects.count() == 0


def test_every_error_comes_at_once(aid_world):
    w = aid_world
    with pytest.raises(InvalidInput) as exc:
        application_register(
            actor=w.aid_clerk_haizhu,
            organization=w.haizhu_centre,
            data=_data(title="", amount_claimed="-5", urgent=True),
            parties=_parties(id_number=BAD_ID),
        )
    assert {"title", "amount_claimed", "urgent_reason", "parties-0-id_number"} <= set(
        exc.value.fields
    )


# -- consultations, the pool, exemption categories ----------------------------------------------


def test_a_consultation_is_recorded(aid_world):
    w = aid_world
    row = consultation_record(
        actor=w.aid_clerk_haizhu,
        organization=w.haizhu_centre,
        data={
            "on_date": frozen_today(),
            "channel": "hotline",
            "category": "wages",
            "summary": "工资被拖欠怎么办",
            "referred": True,
        },
    )
    assert (row.region_code, row.recorded_by, row.referred) == (
        w.haizhu_centre.region_id, w.aid_clerk_haizhu, True,
    )  # fmt: skip
    # A justice office records the consultations of its own workstation.
    consultation_record(actor=w.office_haizhu, organization=w.haizhu_office,
                        data={"on_date": frozen_today(), "channel": "window",
                              "category": "marriage_family"})  # fmt: skip
    assert Consultation.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"on_date": "2999-01-01", "channel": "window", "category": "wages"}, "on_date"),
        ({"channel": "window", "category": "wages"}, "on_date"),
        ({"on_date": "2026-01-05", "channel": "fax", "category": "wages"}, "channel"),
        ({"on_date": "2026-01-05", "channel": "window", "category": "x"}, "category"),
    ],
)
def test_a_bad_consultation_is_named(aid_world, data, field):
    w = aid_world
    with pytest.raises(InvalidInput) as exc:
        consultation_record(actor=w.aid_clerk_haizhu, organization=w.haizhu_centre, data=data)
    assert field in exc.value.fields
    assert Consultation.objects.count() == 0


def test_a_consultation_outside_the_jurisdiction_is_refused(aid_world):
    w = aid_world
    with pytest.raises(InvalidInput) as exc:
        consultation_record(actor=w.aid_clerk_haizhu, organization=w.baiyun_centre,
                            data={"on_date": frozen_today(), "channel": "window",
                                  "category": "wages"})  # fmt: skip
    assert "辖区" in exc.value.fields["organization"][0]


def test_a_lawyer_joins_a_pool_once(aid_world):
    w = aid_world
    member = pool_add(actor=w.aid_clerk_baiyun, centre=w.baiyun_centre, lawyer=w.lawyer_b1,
                      matters=["civil", "criminal"], joined_on=frozen_today(),
                      workload_cap=5)  # fmt: skip
    assert (member.region_code, member.matters, member.workload_cap) == (
        w.baiyun_centre.region_id, ["civil", "criminal"], 5,
    )  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        pool_add(actor=w.aid_clerk_haizhu, centre=w.haizhu_centre, lawyer=w.lawyer_a1)
    assert "已在" in exc.value.fields["lawyer"][0]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"matters": ["maritime"]}, "matters"),
        ({"workload_cap": 0}, "workload_cap"),
        ({"joined_on": datetime.date(2999, 1, 1)}, "joined_on"),
        ({"joined_on": datetime.date(2001, 1, 1)}, "joined_on"),  # before the licence
    ],
)
def test_bad_pool_input_is_named(aid_world, kwargs, field):
    w = aid_world
    before = PoolMember.objects.count()
    with pytest.raises(InvalidInput) as exc:
        pool_add(actor=w.aid_clerk_baiyun, centre=w.baiyun_centre, lawyer=w.lawyer_b1, **kwargs)
    assert field in exc.value.fields
    assert PoolMember.objects.count() == before


def test_a_suspended_lawyer_or_a_foreign_pool_is_refused(aid_world):
    w = aid_world
    type(w.lawyer_b1).objects.filter(pk=w.lawyer_b1.pk).update(status=PractitionerStatus.SUSPENDED)
    w.lawyer_b1.refresh_from_db()
    with pytest.raises(InvalidInput) as exc:
        pool_add(actor=w.aid_clerk_baiyun, centre=w.baiyun_centre, lawyer=w.lawyer_b1)
    assert "停止执业" in exc.value.fields["lawyer"][0]
    with pytest.raises(InvalidInput) as exc:
        pool_add(actor=w.aid_clerk_haizhu, centre=w.baiyun_centre, lawyer=w.lawyer_a1)
    assert "centre" in exc.value.fields
    with pytest.raises(PermissionDenied):
        pool_add(actor=w.leader_gz, centre=w.haizhu_centre, lawyer=w.lawyer_b1)


def test_an_exemption_category_is_added_with_its_legal_basis(aid_world):
    w = aid_world
    row = exemption_add(actor=w.aid_clerk_haizhu, organization=w.haizhu_centre,
                        name="困难职工", kind="check_waived",
                        legal_basis="广东省法律援助条例第十八条")  # fmt: skip
    assert row.region_code == w.haizhu_centre.region_id and row.is_active
    with pytest.raises(InvalidInput) as exc:
        exemption_add(actor=w.aid_clerk_haizhu, organization=w.haizhu_centre, name="困难职工",
                      kind="check_waived", legal_basis="广东省法律援助条例第十八条")  # fmt: skip
    assert "name" in exc.value.fields
    with pytest.raises(InvalidInput) as exc:
        exemption_add(actor=w.aid_clerk_haizhu, organization=w.baiyun_centre, name="x",
                      kind="nope", legal_basis="")  # fmt: skip
    assert {"organization", "kind", "legal_basis"} <= set(exc.value.fields)
    assert "法律依据" in exc.value.fields["legal_basis"][0]
    assert Exemption.objects.count() == 1


def test_leaders_and_lawyers_record_nothing(aid_world):
    w = aid_world
    leader = _user("leader_baiyun", w.baiyun_bureau, Role.LEADER)
    with pytest.raises(PermissionDenied):
        consultation_record(actor=leader, organization=w.baiyun_centre, data={})
    with pytest.raises(PermissionDenied):
        exemption_add(actor=w.lawyer_a1.user, organization=w.haizhu_centre, name="x",
                      kind="check_waived", legal_basis="y")  # fmt: skip
    assert Consultation.objects.count() == Exemption.objects.count() == 0
