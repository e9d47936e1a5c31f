"""The online pre-application for legal aid (网上预申请) and what its applicant follows with a
tracking code and a one-time SMS code (法律援助法第四十一条、第四十三条、第四十四条)."""

from __future__ import annotations

import random
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from cases import engine
from cases.models import Clock
from conftest import frozen_today
from core.demo import resident_id
from core.models import Party
from legalaid.choices import Hardship, Material
from legalaid.models import AidCase, Exemption
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
PHONE = "13800138000"
ID_NUMBER = resident_id(random.Random(7), "440105")
BAD_ID_NUMBER = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")  # wrong check digit


@pytest.fixture
def portal_world(aid_world, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    w = aid_world
    # Art. 42, for the whole city: holds at every district's centre.
    w.migrant = Exemption.objects.create(
        name="农民工请求支付劳动报酬", kind=Exemption.Kind.CHECK_WAIVED,
        legal_basis="法律援助法第四十二条第三项", organization=w.city_bureau,
    )  # fmt: skip
    # A category 白云 added for itself: not offered at 海珠's centre.
    w.baiyun_only = Exemption.objects.create(
        name="白云区见义勇为人员", kind=Exemption.Kind.NO_HARDSHIP,
        legal_basis="法律援助法第三十二条第二项", organization=w.baiyun_bureau,
    )  # fmt: skip
    return w


def _form(world, **overrides):
    data = {
        "submission_key": "k" * 32,
        "centre": world.haizhu_centre.pk,
        "applicant_name": "刘申请",
        "applicant_id_number": ID_NUMBER,
        "applicant_phone": PHONE,
        "applicant_address": "广州市海珠区赤岗路1号",
        "groups": ["migrant_worker"],
        "matter": "civil",
        "category": "wages",
        "legal_role": "申请人",
        "opposing_name": "某建筑劳务公司",
        "facts": "在工地务工三个月，被拖欠工资一万二千元。",
        "requests": "代理劳动仲裁，追索欠薪",
        "condition": "commitment",
        "commitment": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _apply(client, world, **overrides):
    return client.post(reverse("legalaid:online_apply"), _form(world, **overrides))


def test_the_form_offers_the_centres_and_the_categories_with_their_basis(client, portal_world):
    page = client.get(reverse("legalaid:online_apply")).content.decode()
    assert "海珠区法律援助中心" in page and "白云区法律援助中心" in page
    assert "农民工请求支付劳动报酬（法律援助法第四十二条第三项）" in page
    assert (
        'id="deceit-warning"' in page
        and 'aria-describedby="commitment-text deceit-warning"' in page
    )
    home = client.get(reverse("portal:home")).content.decode()
    assert 'data-service="legalaid"' in home and reverse("legalaid:online_apply") in home


def test_the_public_applies_once_and_the_centre_gets_an_online_application(
    client, portal_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _apply(client, portal_world)
        second = _apply(client, portal_world)  # the same form sent twice
    assert first.status_code == second.status_code == 302
    case = AidCase.objects.get()
    assert case.organization == portal_world.haizhu_centre
    assert (case.channel, case.source, case.state) == ("online", "application", "submitted")
    assert case.hardship == Hardship.COMMITMENT and case.exemption is None
    assert set(case.materials) == {Material.IDENTITY, Material.HARDSHIP}
    assert case.groups == ["migrant_worker"] and case.legal_role == "申请人"
    assert re.fullmatch(r"[A-Z2-9]{10}", case.tracking_code)
    applicant, opposing = (ap.party for ap in case.aid_parties.order_by("position"))
    assert (applicant.name, applicant.id_number, applicant.phone) == ("刘申请", ID_NUMBER, PHONE)
    assert applicant.address == "广州市海珠区赤岗路1号"
    assert opposing.name == "某建筑劳务公司"
    # The review clock of Art. 43 runs from receipt, and the filed page says when it ends.
    review = Clock.for_case(case).get(key="review")
    page = client.get(reverse("legalaid:online_filed")).content.decode()
    assert case.tracking_code in page and "海珠区法律援助中心" in page
    assert review.due_date.isoformat() in page
    # One text with the tracking code, to the applicant only; the centre's staff hear of it.
    assert [phone for phone, _text in MemoryGateway.outbox] == [PHONE]
    assert case.tracking_code in MemoryGateway.outbox[0][1]
    from cases.models import Notification

    assert (
        Notification.objects.filter(
            recipient=portal_world.aid_clerk_haizhu, kind="online_request"
        ).count()
        == 1
    )


def test_a_bad_id_number_is_named_in_chinese_and_nothing_is_written(client, portal_world):
    parties = Party.objects.count()
    response = _apply(client, portal_world, applicant_id_number=BAD_ID_NUMBER)
    assert response.status_code == 200
    form = response.context["form"]
    [error] = form.errors["applicant_id_number"]
    assert "公民身份号码" in error and "校验码" in error
    body = response.content.decode()
    # The summary names the field, then the reason; the input stays in the form.
    assert f"{form['applicant_id_number'].label}</a>：{error}" in body
    assert BAD_ID_NUMBER in body and "在工地务工三个月，被拖欠工资一万二千元。" in body
    assert AidCase.objects.count() == 0 and Party.objects.count() == parties


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"commitment": None}, "commitment"),
        ({"applicant_phone": "020-83123456"}, "applicant_phone"),
        ({"applicant_address": ""}, "applicant_address"),
        ({"condition": "exemption"}, "exemption"),
        ({"urgent": "on"}, "urgent_reason"),
        ({"category": "criminal_defence"}, "category"),  # a civil matter
        ({"centre": "999999"}, "centre"),
    ],
)
def test_bad_public_input_is_named_and_nothing_is_saved(client, portal_world, overrides, field):
    response = _apply(client, portal_world, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "在工地务工三个月，被拖欠工资一万二千元。" in response.content.decode()
    assert AidCase.objects.count() == 0


def test_an_exemption_of_another_district_does_not_hold(client, portal_world):
    response = _apply(
        client, portal_world, condition="exemption", exemption=portal_world.baiyun_only.pk
    )
    assert "白云区见义勇为人员" in response.context["form"].errors["exemption"][0]
    assert AidCase.objects.count() == 0
    # At 白云's own centre it holds.
    ok = _apply(
        client,
        portal_world,
        centre=portal_world.baiyun_centre.pk,
        condition="exemption",
        exemption=portal_world.baiyun_only.pk,
        commitment=None,
    )
    assert ok.status_code == 302
    case = AidCase.objects.get()
    assert (case.hardship, case.exemption) == (Hardship.NOT_REQUIRED, portal_world.baiyun_only)


def test_an_exempt_applicant_declares_no_hardship_material(client, portal_world):
    _apply(client, portal_world, condition="exemption", exemption=portal_world.migrant.pk,
           commitment=None)  # fmt: skip
    case = AidCase.objects.get()
    assert case.hardship == Hardship.CHECK_WAIVED and case.exemption == portal_world.migrant
    assert case.materials == [Material.IDENTITY]


def test_every_error_shows_in_one_round(client, portal_world):
    bad = _form(portal_world, applicant_id_number=BAD_ID_NUMBER, commitment=None, urgent="on",
                category="criminal_defence", facts="")  # fmt: skip
    response = client.post(reverse("legalaid:online_apply"), bad)
    errors = response.context["form"].errors
    assert {"applicant_id_number", "commitment", "urgent_reason", "category", "facts"} <= set(
        errors
    )
    assert AidCase.objects.count() == 0
    body = response.content.decode()
    assert "某建筑劳务公司" in body and BAD_ID_NUMBER in body  # the input is kept
    fixed = _form(portal_world, urgent="on", urgent_reason="仲裁时效七日内届满")
    assert client.post(reverse("legalaid:online_apply"), fixed).status_code == 302
    case = AidCase.objects.get()
    assert case.urgent and case.urgent_reason == "仲裁时效七日内届满"


def test_too_many_applications_from_one_phone_are_refused(client, portal_world, settings):
    settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY = 1
    assert _apply(client, portal_world).status_code == 302
    response = _apply(client, portal_world, submission_key="m" * 32)
    assert "applicant_phone" in response.context["form"].errors
    assert AidCase.objects.count() == 1


def _track(client, case, phone=PHONE):
    client.post(reverse("portal:track"), {"tracking_code": case.tracking_code, "phone": phone})
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    assert client.post(reverse("portal:verify"), {"code": otp}).status_code == 302
    return client.get(reverse("portal:case", args=[case.tracking_code]))


def test_the_applicant_follows_the_application_and_sees_only_their_view(
    client, portal_world, django_capture_on_commit_callbacks
):
    w = portal_world
    _apply(client, w)
    case = AidCase.objects.get()
    # A wrong phone: the same answer, no SMS, no page.
    MemoryGateway.outbox.clear()
    client.post(reverse("portal:track"), {"tracking_code": case.tracking_code,
                                          "phone": "13900000000"})  # fmt: skip
    assert MemoryGateway.outbox == []
    assert client.get(reverse("portal:case", args=[case.tracking_code])).status_code == 302

    response = _track(client, case)
    view = response.context["view"]
    facts = dict(view["facts"])
    review = Clock.for_case(case).get(key="review")
    assert view["number"] == case.number and view["handler"] == "海珠区法律援助中心"
    assert review.due_date.isoformat() in facts.values()
    body = response.content.decode()
    assert case.number in body and "某建筑劳务公司" in body  # the other party: its name only

    def fire(name, **data):
        nonlocal case
        with django_capture_on_commit_callbacks(execute=True):
            case = engine.fire(case, name, actor=w.aid_clerk_haizhu, version=case.version,
                               data={"on_date": frozen_today(), **data},
                               note="内部备注：申请人疑似隐瞒收入")  # fmt: skip

    fire("request_correction", items="劳动合同或工资条、欠薪证明")
    body = client.get(reverse("portal:case", args=[case.tracking_code])).content.decode()
    assert "劳动合同或工资条、欠薪证明" in body
    assert "内部备注" not in body  # staff notes never reach the applicant
    assert case.tracking_code in MemoryGateway.outbox[-1][1]  # texted: the status changed
    fire("corrections_received", materials=[Material.MATTER])
    fire("grant", note="符合条件")
    view = client.get(reverse("portal:case", args=[case.tracking_code])).context["view"]
    facts = dict(view["facts"])
    assignment = Clock.for_case(case).get(key="assignment")
    assert assignment.due_date.isoformat() in facts.values()
    assert any(str(case.get_decision_display()) in str(v) for v in facts.values())
    fire("assign", lawyer=w.lawyer_a1.pk, reason="案情简单，直接指派")
    body = client.get(reverse("portal:case", args=[case.tracking_code])).content.decode()
    assert "陈律师" in body and "广东海珠甲律师事务所" in body
    assert "内部备注" not in body and ID_NUMBER not in body
    assert "案情简单，直接指派" not in body  # the staff's reason for assigning


def test_a_refusal_gives_its_reasons_and_the_objection_route(client, portal_world):
    w = portal_world
    _apply(client, w)
    case = AidCase.objects.get()
    engine.fire(case, "refuse", actor=w.aid_clerk_haizhu, version=case.version,
                data={"on_date": frozen_today(), "reason": "家庭收入超过经济困难标准"})  # fmt: skip
    view = _track(client, case).context["view"]
    values = [str(v) for _label, v in view["facts"]]
    assert "家庭收入超过经济困难标准" in values
    assert any("49" in v or "四十九" in v for v in values)


def test_the_objection_is_offered_only_until_the_bureau_has_decided_it(client, portal_world):
    """Art. 49: object to the justice bureau while no objection has been decided; once the
    bureau upholds the refusal, the route is administrative reconsideration or a lawsuit
    (第三款), not another objection."""
    w = portal_world
    _apply(client, w)
    case = AidCase.objects.get()
    today = frozen_today()

    def fire(name, reason):
        nonlocal case
        case = engine.fire(case, name, actor=w.aid_clerk_haizhu, version=case.version,
                           data={"on_date": today, "reason": reason})  # fmt: skip

    invitation = gettext(
        "You may object to the justice bureau that set up the centre, which decides within "
        "five days (Art. 49)."
    )
    onward = gettext(
        "You may apply for administrative reconsideration or bring an administrative lawsuit "
        "against the justice bureau's decision (Art. 49, para. 3)."
    )

    def values():
        view = client.get(reverse("portal:case", args=[case.tracking_code])).context["view"]
        return [str(v) for _label, v in view["facts"]]

    fire("refuse", "家庭收入超过经济困难标准")
    _track(client, case)
    assert invitation in values() and onward not in values()
    fire("file_objection", "申请人系低保对象")
    pending = values()
    assert invitation not in pending and onward not in pending  # the objection is with the bureau
    assert today.isoformat() in pending  # filed on
    assert Clock.for_case(case).get(key="objection").due_date.isoformat() in pending
    fire("reject_objection", "低保证明不属实")
    assert case.state == "refused" and case.objection_upheld is False
    rejected = values()
    assert "家庭收入超过经济困难标准" in rejected  # the refusal's reasons still show
    assert onward in rejected and invitation not in rejected


def test_a_message_from_the_applicant_reaches_the_centre(
    client, portal_world, django_capture_on_commit_callbacks
):
    from cases.models import Notification

    _apply(client, portal_world)
    case = AidCase.objects.get()
    _track(client, case)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:case", args=[case.tracking_code]), {"body": "材料何时送？"})
    note = Notification.objects.get(kind="applicant_message")
    assert note.recipient == portal_world.aid_clerk_haizhu and "材料何时送？" in note.body
    # The centre replies; the applicant reads it on the tracking page and is texted.
    staff = client.__class__()
    staff.force_login(portal_world.aid_clerk_haizhu)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("legalaid:case_message", args=[case.pk]), {"body": "请周三送来"})
    assert (
        "请周三送来"
        in client.get(reverse("portal:case", args=[case.tracking_code])).content.decode()
    )
    assert "请周三送来" not in MemoryGateway.outbox[-1][1]
    # Staff of another centre may not write to this applicant.
    other = client.__class__()
    other.force_login(portal_world.aid_clerk_baiyun)
    response = other.post(reverse("legalaid:case_message", args=[case.pk]), {"body": "x"})
    assert response.status_code in (403, 404)


@pytest.mark.django_db
def test_the_staff_case_page_offers_the_applicant_messages(aid_world, login):
    """An online application's case page carries the messages card and its reply form."""
    from legalaid.models import AidCase
    from legalaid.tests.factories import make_application

    case = make_application(organization=aid_world.haizhu_centre, actor=aid_world.aid_clerk_haizhu)
    AidCase.objects.filter(pk=case.pk).update(tracking_code="QJTJEBQ4PJ")
    body = login(aid_world.aid_clerk_haizhu).get(case.get_absolute_url()).content.decode()
    assert 'id="applicant-messages"' in body
    assert f'action="/legalaid/cases/{case.pk}/message/"' in body
    leader = login(aid_world.leader_gz).get(case.get_absolute_url()).content.decode()
    assert 'id="applicant-messages"' in leader and 'name="body"' not in leader
