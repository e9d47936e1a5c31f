"""The pages of legality review: the menu entry, the submission with its materials, the review
page (materials by category, the review period labelled ❓ configurable, the opinion's review
time flagged when short), steps fired through the shared transition page, materials supplied
after a 补正 request resuming the review, the register of contracts by department and the
counsel register."""

from __future__ import annotations

import datetime

import pytest
from django.utils.html import escape

from cases.models import Clock, ClockState
from legality.models import Counsel, LegalityReview
from legality.process import S
from legality.tests.conftest import OPINION, materials_for, on, pdf, submit

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": tmp_path / "files", "base_url": None}},
    }  # fmt: skip


def test_the_menu_offers_the_line_to_staff_and_agencies_but_not_the_mediator(lw, login):
    for user, shown in ((lw.clerk_haizhu, True), (lw.agency_haizhu, True),
                        (lw.leader_gz, True), (lw.mediator_haizhu, False)):  # fmt: skip
        body = login(user).get("/").content.decode()
        assert ('href="/legality/reviews/"' in body) == shown, user


def test_a_department_submits_a_draft_with_its_materials(lw, login, storage):
    files = {f"material_{k}": v for k, v in materials_for("document", True).items()}
    with on(D(2026, 9, 23)):
        client = login(lw.agency_haizhu)
        page = client.get("/legality/reviews/new/")
        assert page.status_code == 200
        response = client.post("/legality/reviews/new/", {
            "submission_key": page.context["form"].initial["submission_key"],
            "department": lw.haizhu_agency.pk, "organization": lw.haizhu_bureau.pk,
            "kind": "document", "title": "关于促进夜间经济发展的若干措施（送审稿）",
            "market_activity": "on", **files,
        })  # fmt: skip
    review = LegalityReview.objects.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assert (review.department, review.organization, review.market_activity) == (
        lw.haizhu_agency, lw.haizhu_bureau, True,
    )  # fmt: skip
    assert sorted(review.materials.values_list("category", flat=True)) == sorted(
        ["draft", "explanation", "legal_basis", "comments", "drafter_opinion", "fair_competition"]
    )
    # Due Wednesday 21 October 2026 (test_process: 15 working days across 国庆).
    assert review.due_date == D(2026, 10, 21)
    with on(D(2026, 9, 24)):
        client = login(lw.agency_haizhu)
        body = client.get(review.get_absolute_url()).content.decode()
    assert "关于促进夜间经济发展的若干措施（送审稿）" in body
    assert 'data-category="fair_competition"' in body
    assert "❓" in body and "2026-10-21" in body


def test_staff_fire_the_steps_and_a_short_review_is_flagged(lw, login, storage):
    review = submit(lw, D(2026, 9, 28), "decision")
    url = f"/cases/legality.legalityreview/{review.pk}/do/issue_opinion/"
    with on(D(2026, 10, 9)):
        client = login(lw.clerk_haizhu)
        assert client.get(url).status_code == 200
        response = client.post(url, {**OPINION, "on_date": "2026-10-09",
                                     "version": review.version})  # fmt: skip
        assert response.status_code == 302
        body = client.get(review.get_absolute_url()).content.decode()
    review.refresh_from_db()
    assert (review.state, review.review_working_days, review.below_minimum) == (
        S.OPINION_ISSUED, 4, True,
    )  # fmt: skip
    assert 'id="below-minimum"' in body


def test_materials_supplied_after_a_correction_request_resume_the_review(lw, login, storage):
    from legality.tests.conftest import fire

    review = submit(lw, D(2026, 9, 23))
    with on(D(2026, 9, 29)):
        review = fire(review, "request_correction", lw.clerk_haizhu, items="补充法律依据")
    with on(D(2026, 10, 9)):
        client = login(lw.agency_haizhu)
        response = client.post(f"/legality/reviews/{review.pk}/materials/",
                               {"category": "legal_basis", "file": pdf("依据.pdf")})  # fmt: skip
    assert response.status_code == 302
    review.refresh_from_db()
    clock = Clock.for_case(review).get(key="review_document")
    # The same dates as test_process: resumed Friday 9 October → due Monday 26 October.
    assert (review.state, clock.state, clock.due_date) == (
        S.UNDER_REVIEW, ClockState.RUNNING, D(2026, 10, 26),
    )  # fmt: skip
    assert review.materials.filter(category="legal_basis").count() == 2


def test_another_departments_handler_cannot_add_materials(lw, login, storage):
    review = submit(lw, D(2026, 6, 1))
    client = login(lw.agency_chengguan)
    response = client.post(f"/legality/reviews/{review.pk}/materials/",
                           {"category": "legal_basis", "file": pdf()})  # fmt: skip
    assert response.status_code == 404
    assert review.materials.count() == 5


def test_the_contract_register_groups_contracts_by_department(lw, login, storage):
    submit(lw, D(2026, 6, 2), "contract", title="办公楼物业服务合同", counterparty="甲物业公司")
    submit(lw, D(2026, 6, 1), "contract", actor=lw.agency_chengguan, department=lw.chengguan,
           title="环卫作业服务外包合同", counterparty="乙环境公司")  # fmt: skip
    submit(lw, D(2026, 6, 3), title="某规范性文件送审稿")
    client = login(lw.clerk_haizhu)
    body = client.get("/legality/contracts/").content.decode()
    assert "办公楼物业服务合同" in body and "环卫作业服务外包合同" in body
    assert "某规范性文件送审稿" not in body
    table = body[body.index("<table") :]
    # By department (by name: 城管 before 市监), though 市监's contract is the newer one.
    assert table.index(lw.chengguan.name) < table.index(lw.haizhu_agency.name)
    only = client.get("/legality/contracts/", {"department": lw.chengguan.pk}).content.decode()
    assert "环卫作业服务外包合同" in only and "办公楼物业服务合同" not in only


def test_the_review_list_filters_by_kind(lw, login, storage):
    submit(lw, D(2026, 6, 1), "contract", title="办公楼物业服务合同")
    submit(lw, D(2026, 6, 1), title="某规范性文件送审稿")
    body = login(lw.clerk_haizhu).get("/legality/reviews/", {"kind": "contract"}).content.decode()
    assert "办公楼物业服务合同" in body and "某规范性文件送审稿" not in body


def test_staff_enter_counsel_in_the_register(lw, login):
    client = login(lw.clerk_haizhu)
    page = client.get("/legality/counsel/new/")
    response = client.post("/legality/counsel/new/", {
        "submission_key": page.context["form"].initial["submission_key"], "name": "林公职",
        "kind": "government_lawyer", "organization": lw.haizhu_agency.pk,
        "licence_number": "14401202611111111", "since": "2026-01-05",
    })  # fmt: skip
    assert response.status_code == 302
    counsel = Counsel.objects.get()
    assert (counsel.region_code, counsel.organization) == (lw.haizhu.code, lw.haizhu_agency)
    # A bureau outside the jurisdiction is refused beside the field.
    page = client.get("/legality/counsel/new/")
    refused = client.post("/legality/counsel/new/", {
        "submission_key": page.context["form"].initial["submission_key"], "name": "外区律师",
        "kind": "government_lawyer", "organization": lw.baiyun_agency.pk,
    })  # fmt: skip
    assert refused.status_code == 200 and "organization" in refused.context["form"].errors
    assert Counsel.objects.count() == 1
    assert login(lw.agency_haizhu).get("/legality/counsel/new/").status_code == 403
    assert escape("林公职") in client.get("/legality/counsel/").content.decode()


def test_the_form_offers_a_handler_their_department_and_its_reviewing_bureaus(lw, login):
    form = login(lw.agency_haizhu).get("/legality/reviews/new/").context["form"]
    assert list(form.fields["department"].queryset) == [lw.haizhu_agency]
    # The district bureau first, then the city's; never another district's.
    assert list(form.fields["organization"].queryset) == [lw.haizhu_bureau, lw.city_bureau]


def test_an_older_review_shows_the_period_its_clock_started_with(lw, login, settings):
    # Submitted Mon 28 Sept 2026 under a 15-working-day period for normative documents; the
    # setting is then changed to 20: the review keeps 15 (its clock's length) on its page.
    settings.FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS = 15
    review = submit(lw, D(2026, 9, 28), "document")
    settings.FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS = 20
    with on(D(2026, 9, 29)):
        body = login(lw.clerk_haizhu).get(review.get_absolute_url()).content.decode()
    period = body.split('id="review-period">')[1].split("<span")[0]
    assert period.startswith("15") and "20" not in period
    assert Clock.objects.get(case_id=review.pk, key="review_document").length == 15
