"""The staff pages of legal aid: who sees which cases, registering through the form, the whole
staff flow through the case page's actions (法律援助法第四十一条至第四十三条), consultations,
the pool, exemption categories and the lawyer's own page."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.models import CaseEvent
from conftest import frozen_today, moved_now
from core.errors import InvalidInput
from core.models import Party
from core.tests.test_forms_fuzz import fuzz
from legalaid.models import AidCase, Consultation, Draw, Exemption, OptIn, PoolMember
from legalaid.tests.factories import make_application

pytestmark = pytest.mark.django_db

GOOD_ID = "11010519491231002X"
BAD_ID = "110105194912310021"
TODAY = frozen_today().isoformat()


def _form(w, **overrides):
    data = {
        "submission_key": "k" * 32,
        "organization": w.haizhu_centre.pk,
        "title": "追索劳动报酬",
        "matter": "civil",
        "category": "wages",
        "facts": "申请人在工地务工三个月，被拖欠工资一万二千元。",
        "requests": "代理劳动仲裁",
        "source": "application",
        "channel": "window",
        "hardship": "commitment",
        "materials": ["identity", "hardship", "matter"],
        "groups": ["migrant_worker"],
        "amount_claimed": "12000",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-side": "applicant",
        "parties-0-kind": "person",
        "parties-0-name": "陈工",
        "parties-0-id_number": GOOD_ID,
        "parties-0-phone": "13800138000",
        "parties-1-side": "agent",
        "parties-1-kind": "person",
        "parties-2-side": "opposing",
        "parties-2-kind": "organization",
        "parties-2-name": "某建筑劳务有限公司",
        "parties-3-side": "opposing",
        "parties-3-kind": "person",
    }
    data.update(overrides)
    return data


def _cases(w):
    haizhu = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                              title="海珠欠薪案")  # fmt: skip
    baiyun = make_application(organization=w.baiyun_centre, actor=w.aid_clerk_baiyun,
                              title="白云工伤案", category="work_injury")  # fmt: skip
    return haizhu, baiyun


def _listed(client, **query) -> str:
    response = client.get(reverse("legalaid:case_list"), query)
    assert response.status_code == 200
    return response.content.decode()


# -- who sees what ------------------------------------------------------------------------------


def test_a_district_clerk_lists_only_their_district(client, aid_world):
    w = aid_world
    haizhu, baiyun = _cases(w)
    client.force_login(w.aid_clerk_haizhu)
    body = _listed(client)
    assert haizhu.number in body and baiyun.number not in body
    assert client.get(baiyun.get_absolute_url()).status_code == 404
    client.force_login(w.leader_gz)
    body = _listed(client)
    assert haizhu.number in body and baiyun.number in body


def test_a_lawyer_sees_only_the_case_assigned_to_them(client, aid_world):
    w = aid_world
    mine, baiyun = _cases(w)
    other = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=mine.pk).update(lawyer=w.lawyer_a1)
    client.force_login(w.lawyer_a1.user)
    body = _listed(client)
    assert mine.number in body
    assert other.number not in body and baiyun.number not in body
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    # A colleague of the same firm does not see it either.
    client.force_login(w.lawyer_a2.user)
    assert mine.number not in _listed(client)
    assert client.get(mine.get_absolute_url()).status_code == 404


def test_a_leader_reads_but_writes_nothing(client, aid_world):
    w = aid_world
    case, _baiyun = _cases(w)
    client.force_login(w.leader_gz)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert "data-action=" not in page.content.decode()
    for name in ("case_create", "consultation_create", "pool_add", "exemption_create",
                 "my_draws"):  # fmt: skip
        assert client.get(reverse(f"legalaid:{name}")).status_code == 403, name
    for name in ("consultation_list", "pool_list", "exemption_list"):
        assert client.get(reverse(f"legalaid:{name}")).status_code == 200, name
    url = reverse("cases:transition", args=["legalaid.aidcase", case.pk, "grant"])
    assert client.post(url, {"version": 1, "on_date": TODAY}).status_code == 404
    assert AidCase.objects.get(pk=case.pk).state == "submitted"


def test_the_list_filters(client, aid_world):
    w = aid_world
    wages = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                             title="欠薪甲")  # fmt: skip
    defence = make_application(
        organization=w.haizhu_centre, actor=w.aid_clerk_haizhu, title="盗窃辩护",
        matter="criminal", category="criminal_defence", source="notification",
        notifying_authority="court", notifying_body="广州市海珠区人民法院",
        on_date=frozen_today() - datetime.timedelta(days=20),
        parties=[{"side": "applicant", "name": "被告人某"}],
    )  # fmt: skip
    client.force_login(w.aid_clerk_haizhu)

    def only(query, case, other):
        body = _listed(client, **query)
        assert case.number in body and other.number not in body, query

    only({"matter": "criminal"}, defence, wages)
    only({"category": "wages"}, wages, defence)
    only({"source": "notification"}, defence, wages)
    only({"q": "盗窃"}, defence, wages)
    only({"q": wages.number}, wages, defence)
    only({"q": "某建筑劳务公司"}, wages, defence)  # a party's name (the defence has none)
    only({"received_from": TODAY}, wages, defence)
    only({"received_to": (frozen_today() - datetime.timedelta(days=1)).isoformat()}, defence,
         wages)  # fmt: skip
    only({"state": "submitted", "channel": "window", "matter": "civil"}, wages, defence)


@pytest.mark.time_machine(
    datetime.datetime(2026, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
)
def test_the_list_shows_both_review_periods(client, aid_world):
    """Art. 43's period and the local service target, side by side on the worklist."""
    w = aid_world
    make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    client.force_login(w.aid_clerk_haizhu)
    body = _listed(client)
    assert "审查期限（第四十三条）" in body and "服务承诺期限" in body
    # Received Wednesday 10 June 2026: 7 days → 17 June; one working day → 11 June.
    assert "2026-06-17" in body and "2026-06-11" in body


# -- registering --------------------------------------------------------------------------------


def test_the_form_registers_an_application_with_its_parties(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    assert client.get(reverse("legalaid:case_create")).status_code == 200
    response = client.post(reverse("legalaid:case_create"), _form(w))
    case = AidCase.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert [(p.side, p.party.name) for p in case.aid_parties.all()] == [
        ("applicant", "陈工"), ("opposing", "某建筑劳务有限公司"),
    ]  # fmt: skip
    assert case.groups == ["migrant_worker"] and case.created_by == w.aid_clerk_haizhu
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.number in page and "陈工" in page and "农民工" in page


def test_the_same_form_posted_twice_makes_one_case(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    first = client.post(reverse("legalaid:case_create"), _form(w))
    again = client.post(reverse("legalaid:case_create"), _form(w))
    assert again.status_code == 302 and again.url == first.url
    assert AidCase.objects.count() == 1
    assert CaseEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"parties-0-id_number": BAD_ID}, "公民身份号码"),
        ({"parties-0-name": "", "parties-0-id_number": "", "parties-0-phone": ""}, "申请人"),
        ({"source": "notification"}, "通知机关"),
        ({"hardship": "not_required"}, "免予核查类别"),
        ({"amount_claimed": "-5"}, "请求金额"),
        ({"category": "criminal_defence"}, "刑事"),
        ({"parties-0-kind": "organization", "parties-0-id_number": ""}, "自然人"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_the_input(client, aid_world, overrides, words):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    parties = Party.objects.count()
    response = client.post(reverse("legalaid:case_create"), _form(w, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    errors = body.split('id="form-errors"')[1].split("</div>")[0]
    assert words in errors, errors
    assert "申请人在工地务工三个月" in body and "某建筑劳务有限公司" in body  # input kept
    assert re.search(r'<input[^>]*value="migrant_worker"[^>]*checked', body)  # ticks kept
    assert (AidCase.objects.count(), Party.objects.count(), CaseEvent.objects.count()) == (
        0, parties, 0,
    )  # fmt: skip


def test_every_error_of_the_form_comes_in_one_round(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    data = _form(w, **{"parties-0-id_number": BAD_ID, "amount_claimed": "-5", "urgent": "on"})
    body = client.post(reverse("legalaid:case_create"), data).content.decode()
    errors = body.split('id="form-errors"')[1].split("</div>")[0]
    assert "公民身份号码" in errors and "请求金额" in errors and "先行提供" in errors
    assert "至少" not in errors  # the applicant was named
    assert AidCase.objects.count() == 0


def test_a_justice_office_registers_for_the_district_centre(client, aid_world):
    w = aid_world
    client.force_login(w.office_haizhu)
    response = client.post(reverse("legalaid:case_create"), _form(w), follow=True)
    case = AidCase.objects.get()
    assert case.organization == w.haizhu_centre and case.created_by == w.office_haizhu
    # The office reads the applications it took in (AidCase.scope_user_fields): it lands on
    # the case, told the number; the centre's other cases stay out of its reach.
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert case.number in response.content.decode()
    again = client.post(reverse("legalaid:case_create"), _form(w))
    assert again.status_code == 302 and AidCase.objects.count() == 1


# -- the staff flow through the case page -------------------------------------------------------


def _do(client, case, name, **data):
    """Fire `name` from the case page, as the button and its form do."""
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'data-action="{name}"' in page, name
    url = reverse("cases:transition", args=["legalaid.aidcase", case.pk, name])
    assert client.get(url).status_code == 200
    version = AidCase.objects.get(pk=case.pk).version
    response = client.post(url, {"version": version, "on_date": TODAY, **data})
    assert response.status_code == 302, response.content.decode()[:3000]
    return AidCase.objects.get(pk=case.pk)


def test_the_whole_staff_flow_through_the_case_page(client, aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu,
                            materials=["identity"])  # fmt: skip
    client.force_login(w.aid_clerk_haizhu)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-clock="review"' in page and 'data-clock="review_target"' in page
    assert 'id="missing-materials"' in page
    # Granting now is refused: materials are missing (Art. 43) — the page says so, no change.
    url = reverse("cases:transition", args=["legalaid.aidcase", case.pk, "grant"])
    refused = client.post(url, {"version": case.version, "on_date": TODAY})
    assert refused.status_code == 200 and "材料不齐" in refused.content.decode()

    case = _do(client, case, "request_correction", items="经济困难承诺书；劳动关系证明")
    assert case.state == "correction_requested"
    case = _do(client, case, "corrections_received", materials=["hardship", "matter"])
    assert case.state == "submitted"
    case = _do(client, case, "grant")
    assert (case.state, case.decision) == ("granted", "granted")
    case = _do(client, case, "assign", lawyer=w.lawyer_a1.pk, reason="案情紧急，直接指派")
    assert (case.state, case.lawyer, case.assignment_method) == (
        "assigned", w.lawyer_a1, "direct",
    )  # fmt: skip

    client.force_login(w.lawyer_a1.user)
    case = _do(client, case, "report_progress", stage="filed", notes="已向劳动仲裁委立案")
    assert case.state == "handling"
    case = _do(client, case, "conclude", result="mediated", recovered_losses="12000.00",
               report="经仲裁调解，用人单位当庭支付欠薪。")  # fmt: skip
    assert case.state == "concluded"
    case = _do(client, case, "submit_file")
    assert case.state == "file_review"
    assert 'data-action="archive"' not in client.get(case.get_absolute_url()).content.decode()

    client.force_login(w.aid_clerk_haizhu)
    case = _do(client, case, "archive", grade="good")
    assert (case.state, case.grade) == ("archived", "good")
    page = client.get(case.get_absolute_url()).content.decode()
    assert "已向劳动仲裁委立案" in page and "经仲裁调解" in page and 'id="recovered"' in page
    assert "陈律师" in page
    assert list(CaseEvent.for_case(case).values_list("transition", flat=True)) == [
        "register", "request_correction", "corrections_received", "grant", "assign",
        "report_progress", "conclude", "submit_file", "archive",
    ]  # fmt: skip


def test_the_case_page_shows_its_draws(client, aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    draw = _draw(case, w.haizhu_centre)
    OptIn.objects.create(draw=draw, lawyer=w.lawyer_a1, at=moved_now())
    OptIn.objects.create(draw=draw, lawyer=w.lawyer_b1, at=moved_now())
    Draw.objects.filter(pk=draw.pk).update(state=Draw.State.DRAWN, winner=w.lawyer_b1)
    client.force_login(w.aid_clerk_haizhu)
    page = client.get(case.get_absolute_url()).content.decode()
    row = page.split(f'data-draw="{draw.public_code}"')[1].split("</tr>")[0]
    assert 'data-opt-ins="2"' in row and "黄律师" in row


# -- consultations, pool, exemptions ------------------------------------------------------------


def test_consultations_are_listed_and_recorded(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    form = client.get(reverse("legalaid:consultation_create"))
    assert form.status_code == 200
    data = {"submission_key": "c" * 32, "organization": w.haizhu_centre.pk, "on_date": TODAY,
            "channel": "hotline", "category": "wages", "summary": "欠薪如何维权"}  # fmt: skip
    response = client.post(reverse("legalaid:consultation_create"), data)
    assert response.status_code == 302
    client.post(reverse("legalaid:consultation_create"), data)  # resubmitted: no duplicate
    assert Consultation.objects.count() == 1
    assert "欠薪如何维权" in client.get(reverse("legalaid:consultation_list")).content.decode()
    bad = client.post(reverse("legalaid:consultation_create"),
                      {**data, "submission_key": "d" * 32, "on_date": "2999-01-01"})  # fmt: skip
    assert bad.status_code == 200 and "咨询日期" in bad.content.decode()
    client.force_login(w.aid_clerk_baiyun)
    assert "欠薪如何维权" not in client.get(reverse("legalaid:consultation_list")).content.decode()


def test_the_pool_lists_lawyers_with_their_open_cases_and_takes_new_ones(client, aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=case.pk).update(lawyer=w.lawyer_a1)
    client.force_login(w.aid_clerk_haizhu)
    body = client.get(reverse("legalaid:pool_list"), {"sort": "-open_cases"}).content.decode()
    rows = body.split("<tbody")[1]
    first = rows.split("</tr>")[0]
    assert "陈律师" in first and ">1<" in first.replace(" ", "")
    # Baiyun's clerk keeps Baiyun's pool: adds lawyer_b1 there.
    client.force_login(w.aid_clerk_baiyun)
    assert "陈律师" not in client.get(reverse("legalaid:pool_list")).content.decode()
    data = {"submission_key": "p" * 32, "centre": w.baiyun_centre.pk, "lawyer": w.lawyer_b1.pk,
            "matters": ["civil"], "joined_on": TODAY, "workload_cap": "6"}  # fmt: skip
    assert client.post(reverse("legalaid:pool_add"), data).status_code == 302
    member = PoolMember.objects.get(centre=w.baiyun_centre)
    assert (member.lawyer, member.matters, member.workload_cap) == (w.lawyer_b1, ["civil"], 6)
    twice = client.post(reverse("legalaid:pool_add"), {**data, "submission_key": "q" * 32})
    assert twice.status_code == 200 and "已在" in twice.content.decode()


def test_exemption_categories_show_their_basis_and_those_above(client, aid_world):
    w = aid_world
    Exemption.objects.create(
        name="农民工请求支付劳动报酬",
        kind="check_waived",
        legal_basis="法律援助法第四十二条",
        organization=w.city_bureau,
    )
    client.force_login(w.aid_clerk_haizhu)
    data = {"submission_key": "e" * 32, "organization": w.haizhu_centre.pk, "name": "困难职工",
            "kind": "check_waived", "legal_basis": "广东省法律援助条例第十八条"}  # fmt: skip
    assert client.post(reverse("legalaid:exemption_create"), data).status_code == 302
    body = client.get(reverse("legalaid:exemption_list")).content.decode()
    assert "困难职工" in body and "广东省法律援助条例第十八条" in body
    assert "农民工请求支付劳动报酬" in body  # the city's category holds in Haizhu
    form = client.get(reverse("legalaid:case_create")).content.decode()
    assert "法律援助法第四十二条" in form  # chosen with its legal basis shown
    bad = client.post(reverse("legalaid:exemption_create"),
                      {**data, "submission_key": "f" * 32, "legal_basis": ""})  # fmt: skip
    assert bad.status_code == 200 and Exemption.objects.count() == 2
    client.force_login(w.aid_clerk_baiyun)
    assert "困难职工" not in client.get(reverse("legalaid:exemption_list")).content.decode()


# -- the lawyer's page --------------------------------------------------------------------------


def _draw(case, centre, **fields):
    now = moved_now()
    return Draw.objects.create(
        case=case, public_code=f"FY-T-{case.pk:06d}", announcement="海珠区 民事 追索劳动报酬",
        matter=case.matter, category=case.category, announced_at=now,
        closes_at=now + datetime.timedelta(hours=24), commitment="0" * 64,
        organization=centre, region_code=centre.region_id, **fields,
    )  # fmt: skip


def test_a_lawyer_sees_open_draws_and_opts_in_once(client, aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    client.force_login(w.aid_clerk_haizhu)
    case = _do(client, case, "grant")
    case = _do(client, case, "announce", hours="24")
    draw = Draw.objects.get(case=case)
    baiyun_case = make_application(organization=w.baiyun_centre, actor=w.aid_clerk_baiyun)
    foreign = _draw(baiyun_case, w.baiyun_centre)

    client.force_login(w.lawyer_a1.user)
    page = client.get(reverse("legalaid:my_draws")).content.decode()
    assert draw.public_code in page and foreign.public_code not in page
    assert case.number not in page  # the announcement is anonymised
    assert "陈工" not in page
    opt_in = reverse("legalaid:draw_opt_in", args=[draw.pk])
    response = client.post(opt_in, follow=True)
    assert OptIn.objects.filter(draw=draw, lawyer=w.lawyer_a1).count() == 1
    assert 'data-opted-in="1"' in response.content.decode()
    # Twice: the draw service's message, nothing more recorded.
    again = client.post(opt_in, follow=True)
    assert "alert-danger" in again.content.decode()
    assert OptIn.objects.filter(draw=draw).count() == 1
    # A draw of a pool the lawyer is not in: not found.
    assert client.post(reverse("legalaid:draw_opt_in", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("legalaid:draw_opt_in", args=[draw.pk])).status_code == 405


def test_the_opt_in_shows_the_services_refusal(client, aid_world, monkeypatch):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    draw = _draw(case, w.haizhu_centre)

    def refuse(*, actor, draw):
        raise InvalidInput("报名已于 2026-06-10 10:00 截止。", fields={"draw": ["截止"]})

    monkeypatch.setattr("legalaid.draws.opt_in", refuse)
    client.force_login(w.lawyer_a2.user)
    response = client.post(reverse("legalaid:draw_opt_in", args=[draw.pk]), follow=True)
    assert "报名已于 2026-06-10 10:00 截止。" in response.content.decode()
    assert OptIn.objects.count() == 0


def test_the_lawyers_page_lists_their_cases_and_is_theirs_only(client, aid_world):
    w = aid_world
    mine = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    other = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    AidCase.objects.filter(pk=mine.pk).update(lawyer=w.lawyer_a1)
    # A lawyer who left the pool sees no draws, with the reason.
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(status=PoolMember.Status.REMOVED)
    _draw(other, w.haizhu_centre)
    client.force_login(w.lawyer_a1.user)
    page = client.get(reverse("legalaid:my_draws")).content.decode()
    assert mine.number in page and other.number not in page
    client.force_login(w.lawyer_b1.user)
    page = client.get(reverse("legalaid:my_draws")).content.decode()
    assert "FY-T-" not in page
    client.force_login(w.aid_clerk_haizhu)
    assert client.get(reverse("legalaid:my_draws")).status_code == 403


def test_the_menu_offers_the_legal_aid_pages_by_role(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    home = client.get("/").content.decode()
    assert "法律援助" in home and reverse("legalaid:pool_list") in home
    assert reverse("legalaid:my_draws") not in home
    client.force_login(w.lawyer_a1.user)
    home = client.get("/").content.decode()
    assert reverse("legalaid:my_draws") in home and reverse("legalaid:case_list") in home
    assert reverse("legalaid:case_create") not in home


# -- random input -------------------------------------------------------------------------------


def test_the_staff_forms_survive_random_input(client, aid_world):
    w = aid_world
    client.force_login(w.aid_clerk_haizhu)
    for name in ("case_create", "consultation_create", "pool_add", "exemption_create"):
        fuzz(client, reverse(f"legalaid:{name}"))


def test_the_admin_pages_of_legal_aid_open(client, aid_world):
    from core.models import User

    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    _draw(case, w.haizhu_centre)
    admin = User.objects.create_superuser("aid_admin", password="x" * 12)
    client.force_login(admin)
    for model in ("legalaid/exemption", "legalaid/poolmember", "legalaid/draw",
                  "legalaid/criterion", "legalaid/subsidyrate", "core/lawyer"):  # fmt: skip
        assert client.get(f"/admin/{model}/").status_code == 200, model
    draw = Draw.objects.get()
    assert client.get(f"/admin/legalaid/draw/{draw.pk}/change/").status_code == 200
    assert client.get("/admin/legalaid/draw/add/").status_code == 403
