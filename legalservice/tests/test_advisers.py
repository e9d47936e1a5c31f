"""Village legal advisers (村居法律顾问) and their monthly logs; the coverage per street
(villages with an adviser ÷ villages, reference/statutes-lines.md §F), worked by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.errors import InvalidInput
from indicators.registry import Period, registry
from legalservice import services
from legalservice.models import AdviserLog, VillageAdviser
from legalservice.tests.conftest import adviser

D = datetime.date
pytestmark = pytest.mark.django_db
COVERAGE = "legalservice.village_adviser_coverage"
SPRING = Period(D(2026, 1, 1), D(2026, 3, 31))


def test_a_street_with_four_villages_three_with_advisers_is_covered_75_percent(ls):
    adviser(ls, ls.villages[0], ls.lawyer_a)
    adviser(ls, ls.villages[1], ls.lawyer_a)
    adviser(ls, ls.villages[2], ls.lawyer_b)
    adviser(ls, ls.villages[2], ls.lawyer_a)  # a second adviser: the village counts once
    figure = registry.get(COVERAGE).compute("440105001", SPRING)
    assert (figure.numerator, figure.denominator, figure.value) == (3, 4, Decimal("75.00"))
    # The district: the same street and no other villages of 海珠 in the register.
    assert registry.get(COVERAGE).compute("440105", SPRING).value == Decimal("75.00")
    # 白云's street has villages and no adviser.
    baiyun = registry.get(COVERAGE).compute("440111004", SPRING)
    assert (baiyun.numerator, baiyun.denominator, baiyun.value) == (0, 2, Decimal("0.00"))


def test_the_city_rate_is_recomputed_from_summed_parts(ls):
    for v in ls.villages[:3]:
        adviser(ls, v, ls.lawyer_a)
    adviser(ls, ls.baiyun_villages[0], ls.lawyer_baiyun, actor=ls.office_baiyun)
    figure = registry.get(COVERAGE).compute("4401", SPRING)
    # (3 + 1) ÷ (4 + 2), not the mean of 75 % and 50 %.
    assert (figure.numerator, figure.denominator) == (4, 6)
    assert figure.value == Decimal("66.67")


def test_coverage_counts_the_advisers_serving_on_the_periods_last_day(ls):
    adviser(ls, ls.villages[0], ls.lawyer_a, started_on=D(2026, 4, 1))
    adviser(ls, ls.villages[1], ls.lawyer_a, started_on=D(2025, 1, 1), ended_on=D(2026, 2, 1))
    adviser(ls, ls.villages[2], ls.lawyer_b, started_on=D(2025, 1, 1), ended_on=D(2026, 4, 1))
    figure = registry.get(COVERAGE).compute("440105001", SPRING)
    assert (figure.numerator, figure.denominator) == (1, 4)  # only 江海社区 on 31 March


def test_the_coverage_page_shows_each_street(ls, login):
    for v in ls.villages[:3]:
        adviser(ls, v, ls.lawyer_a)
    client = login(ls.clerk_haizhu)
    response = client.get("/legalservice/advisers/coverage/", {"on": "2026-03-31"})
    rows = response.context["rows"]
    assert [(r["street"].code, r["covered"], r["villages"], r["rate"]) for r in rows] == [
        ("440105001000", 3, 4, Decimal("75.00"))
    ]
    assert 'data-rate="75.00"' in response.content.decode()
    # 白云's clerk sees only 白云's street.
    rows = login(ls.clerk_baiyun).get("/legalservice/advisers/coverage/",
                                      {"on": "2026-03-31"}).context["rows"]  # fmt: skip
    assert [r["street"].code for r in rows] == ["440111004000"]


def test_office_staff_record_an_adviser_through_the_page(ls, login):
    client = login(ls.office_haizhu)
    assert client.get("/legalservice/advisers/new/").status_code == 200
    response = client.post("/legalservice/advisers/new/", {
        "village": ls.villages[0].code, "lawyer": ls.lawyer_a.pk, "started_on": "2026-01-01"})  # fmt: skip
    assert response.status_code == 302
    saved = VillageAdviser.objects.get()
    assert (saved.village_id, saved.lawyer) == (ls.villages[0].code, ls.lawyer_a)
    assert ls.villages[0].name in client.get("/legalservice/advisers/").content.decode()


def test_a_village_of_another_district_is_refused_naming_the_field(ls):
    with translation.override("zh-hans"), pytest.raises(InvalidInput) as caught:
        adviser(ls, ls.baiyun_villages[0], ls.lawyer_a)
    assert caught.value.fields["village"] == [
        gettext("This village lies outside your jurisdiction.")
    ]
    assert VillageAdviser.objects.count() == 0


def test_a_street_is_not_a_village(ls):
    with pytest.raises(InvalidInput) as caught:
        adviser(ls, ls.street, ls.lawyer_a)
    assert "village" in caught.value.fields


def test_the_same_lawyer_twice_for_one_village_at_once_is_refused(ls):
    adviser(ls, ls.villages[0], ls.lawyer_a)
    with pytest.raises(InvalidInput) as caught:
        adviser(ls, ls.villages[0], ls.lawyer_a, started_on=D(2026, 1, 1))
    assert "started_on" in caught.value.fields


def test_monthly_logs_add_up_and_a_month_is_logged_once(ls, login):
    post = adviser(ls, ls.villages[0], ls.lawyer_a)
    client = login(ls.office_haizhu)
    url = f"/legalservice/advisers/{post.pk}/logs/new/"
    response = client.post(url, {"month": "2026-02", "visits": 4, "consultations": 11,
                                 "documents_reviewed": 2, "lectures": 1})  # fmt: skip
    assert response.status_code == 302
    log = AdviserLog.objects.get()
    assert (log.month, log.services, log.region_code) == (D(2026, 2, 1), 18, ls.villages[0].code)
    with translation.override("zh-hans"):
        again = client.post(url, {"month": "2026-02-15", "visits": 1},
                            HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
        assert again.context["form"].errors["month"] == [
            gettext("That month is already logged for this adviser.")
        ]
    assert AdviserLog.objects.count() == 1
    body = client.get(f"/legalservice/advisers/{post.pk}/").content.decode()
    assert "2026-02" in body


def test_a_negative_count_is_refused_and_nothing_written(ls, login):
    post = adviser(ls, ls.villages[0], ls.lawyer_a)
    response = login(ls.office_haizhu).post(
        f"/legalservice/advisers/{post.pk}/logs/new/", {"month": "2026-02", "visits": -3}
    )
    assert "visits" in response.context["form"].errors
    with pytest.raises(InvalidInput) as caught:
        services.adviser_log_record(actor=ls.office_haizhu, adviser=post,
                                    data={"month": D(2026, 2, 1), "lectures": -1})  # fmt: skip
    assert "lectures" in caught.value.fields
    assert AdviserLog.objects.count() == 0


def test_a_month_outside_the_service_is_refused(ls):
    post = adviser(ls, ls.villages[0], ls.lawyer_a, started_on=D(2026, 3, 1))
    with pytest.raises(InvalidInput) as caught:
        services.adviser_log_record(actor=ls.office_haizhu, adviser=post,
                                    data={"month": D(2026, 1, 1), "visits": 1})  # fmt: skip
    assert "month" in caught.value.fields


def test_another_districts_user_does_not_see_the_adviser(ls, login):
    post = adviser(ls, ls.villages[0], ls.lawyer_a)
    client = login(ls.clerk_baiyun)
    assert ls.villages[0].name not in client.get("/legalservice/advisers/").content.decode()
    assert client.get(f"/legalservice/advisers/{post.pk}/").status_code == 404
    assert client.get(f"/legalservice/advisers/{post.pk}/logs/new/").status_code == 404


def test_a_lawyer_outside_the_widened_reach_is_refused_even_by_a_forged_post(ls, login):
    """The form offers the lawyers of the user's district (selectors.lawyers_for: 赤岗街道's
    office staff see 海珠's firms); a forged POST naming 白云's lawyer is refused beside the
    field, in Chinese, nothing written — for an adviser and for a check-up alike."""
    client = login(ls.office_haizhu)
    page = client.get("/legalservice/advisers/new/").content.decode()
    assert ls.lawyer_a.name in page and ls.lawyer_baiyun.name not in page
    with translation.override("zh-hans"):
        expected = gettext("This lawyer practises outside the district of your jurisdiction.")
        response = client.post("/legalservice/advisers/new/", {
            "village": ls.villages[0].code, "lawyer": ls.lawyer_baiyun.pk,
            "started_on": "2025-01-01",
        })  # fmt: skip
    assert response.status_code == 200
    assert VillageAdviser.objects.count() == 0
    with translation.override("zh-hans"), pytest.raises(InvalidInput) as caught:
        adviser(ls, ls.villages[0], ls.lawyer_baiyun)
    assert caught.value.fields["lawyer"] == [expected]
    with pytest.raises(InvalidInput) as caught:
        services.checkup_record(actor=ls.office_haizhu, data={
            "enterprise_name": "海珠企业", "checked_on": D(2026, 3, 3),
            "organization": ls.haizhu_office, "lawyer": ls.lawyer_baiyun, "advice": "建议"})  # fmt: skip
    assert list(caught.value.fields) == ["lawyer"]
    # The district's own lawyer from another street's firm is accepted (the widened reach).
    assert adviser(ls, ls.villages[0], ls.lawyer_a).lawyer == ls.lawyer_a


def test_an_adviser_keeps_its_lawyer_who_stopped_practising(ls):
    from core.models import PractitionerStatus

    served = adviser(ls, ls.villages[0], ls.lawyer_a)
    ls.lawyer_a.status = PractitionerStatus.SUSPENDED
    ls.lawyer_a.save(update_fields=["status"])
    services.adviser_update(actor=ls.office_haizhu, adviser=served, data={
        "village": ls.villages[0], "lawyer": ls.lawyer_a, "started_on": served.started_on,
        "ended_on": D(2026, 3, 1)})  # fmt: skip
    served.refresh_from_db()
    assert served.ended_on == D(2026, 3, 1)


def test_a_user_below_the_street_sees_only_their_own_village(ls, login):
    """A unit of the village level (赤岗北社区) sees its own coverage, not the street's: with
    advisers in 赤岗北社区 and 赤岗南社区, its row is 1 of 1 (100%), and no row names the street
    or counts its other villages."""
    from core.models import Membership, Organization, OrganizationKind, User
    from core.roles import Role

    adviser(ls, ls.villages[0], ls.lawyer_a)
    adviser(ls, ls.villages[1], ls.lawyer_b)
    unit = Organization.objects.create(name="赤岗北社区司法工作室", parent=ls.haizhu_office,
                                       kind=OrganizationKind.JUSTICE_OFFICE,
                                       region=ls.villages[0])  # fmt: skip
    user = User.objects.create_user("village_worker", password="Testing2026pass")
    Membership.objects.create(user=user, organization=unit, role=Role.OFFICE_STAFF)
    response = login(user).get("/legalservice/advisers/coverage/", {"on": "2026-03-31"})
    rows = response.context["rows"]
    assert [(r["street"].code, r["covered"], r["villages"], r["rate"]) for r in rows] == [
        ("440105001001", 1, 1, Decimal("100.00"))
    ]
    body = response.content.decode()
    assert "赤岗街道" not in body.split('id="coverage"')[1]
    # The street's office still sees the whole street: 2 of 4.
    rows = login(ls.office_haizhu).get("/legalservice/advisers/coverage/",
                                       {"on": "2026-03-31"}).context["rows"]  # fmt: skip
    assert [(r["street"].code, r["covered"], r["villages"]) for r in rows] == [
        ("440105001000", 2, 4)
    ]
