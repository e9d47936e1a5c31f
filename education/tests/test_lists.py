"""Responsibility lists (谁执法谁普法): an agency writes and publishes its own; the bureau sees
which agencies of its jurisdiction have published one and which have not; the rate."""

from __future__ import annotations

import datetime

import pytest

from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from education import services
from education.models import ResponsibilityList
from indicators.registry import Period, registry

pytestmark = pytest.mark.django_db
D = datetime.date
ITEMS = [
    {"law": "食品安全法", "target_audience": "食品生产经营者", "measures": "以案释法、送法进企业"}
]


def _list(actor, agency, year=2025, items=ITEMS, published_on=None):
    lst = services.list_create(actor=actor, agency=agency, year=year, items=items)
    if published_on:
        services.list_publish(actor=actor, responsibility_list=lst, published_on=published_on)
    return lst


def test_an_agency_writes_and_publishes_its_own_list_only(edu):
    w = edu
    lst = _list(w.agency_haizhu, w.haizhu_agency, published_on=D(2025, 3, 1))
    assert lst.published and lst.region_code == w.haizhu_agency.region_id
    assert [i.law for i in lst.items.all()] == ["食品安全法"]
    with pytest.raises(InvalidInput) as exc:
        _list(w.agency_haizhu, w.chengguan)
    assert list(exc.value.fields) == ["agency"]
    with pytest.raises(PermissionDenied):
        services.list_update(actor=w.agency_chengguan, responsibility_list=lst, items=ITEMS)


def test_one_list_per_agency_and_year_and_items_are_checked(edu):
    w = edu
    _list(w.clerk_haizhu, w.chengguan)
    with pytest.raises(InvalidInput) as exc:
        _list(w.clerk_haizhu, w.chengguan)
    assert list(exc.value.fields) == ["year"]
    with pytest.raises(InvalidInput) as exc:
        _list(w.clerk_haizhu, w.haizhu_agency, items=[{"law": "食品安全法", "measures": "讲座"}])
    assert list(exc.value.fields) == ["items-0-target_audience"]
    assert not ResponsibilityList.objects.filter(agency=w.haizhu_agency).exists()


def test_an_empty_list_is_not_published(edu):
    w = edu
    lst = _list(w.clerk_haizhu, w.chengguan, items=[])
    with pytest.raises(InvalidInput) as exc:
        services.list_publish(actor=w.clerk_haizhu, responsibility_list=lst,
                              published_on=D(2025, 2, 1))  # fmt: skip
    assert "items" in exc.value.fields
    lst.refresh_from_db()
    assert not lst.published


def test_the_overview_names_agencies_with_and_without_a_published_list(edu, login):
    w = edu
    _list(w.agency_haizhu, w.haizhu_agency, published_on=D(2025, 3, 1))
    _list(w.agency_baiyun, w.baiyun_agency, published_on=D(2025, 3, 1))
    client = login(w.clerk_haizhu)
    rows = client.get("/education/lists/", {"year": 2025}).context["rows"]
    assert {(r.agency.name, r.published) for r in rows} == {
        (w.haizhu_agency.name, True), (w.chengguan.name, False)}  # fmt: skip
    without = client.get("/education/lists/", {"year": 2025, "status": "unpublished"})
    assert [r.agency for r in without.context["rows"]] == [w.chengguan]
    # An agency's handler sees its own agency only; another district's list answers 404.
    own = login(w.agency_haizhu).get("/education/lists/", {"year": 2025}).context["rows"]
    assert [r.agency for r in own] == [w.haizhu_agency]
    foreign = ResponsibilityList.objects.get(agency=w.baiyun_agency)
    assert login(w.clerk_haizhu).get(f"/education/lists/{foreign.pk}/").status_code == 404


def test_the_pages_write_a_list_with_its_items_and_publish_it(edu, login):
    w = edu
    client = login(w.agency_haizhu)
    response = client.post("/education/lists/new/", {
        "agency": w.haizhu_agency.pk, "year": "2025", "submission_key": "",
        "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0",
        "items-0-law": "广告法", "items-0-target_audience": "广告经营者",
        "items-0-measures": "培训", "items-1-law": "", "items-2-law": "",
    })  # fmt: skip
    assert response.status_code == 302
    lst = ResponsibilityList.objects.get(agency=w.haizhu_agency, year=2025)
    assert lst.items.count() == 1
    response = client.post(f"/education/lists/{lst.pk}/publish/", {"published_on": "2025-04-01"})
    assert response.status_code == 302
    lst.refresh_from_db()
    assert lst.published and lst.published_on == D(2025, 4, 1)


def test_the_rate_worked_example_five_agencies_three_published_is_60_percent(edu):
    w = edu
    more = [Organization.objects.create(name=f"海珠区第{n}局", kind=OrganizationKind.AGENCY,
                                        region=w.haizhu) for n in (1, 2, 3)]  # fmt: skip
    haizhu = [w.haizhu_agency, w.chengguan, *more]
    assert len(haizhu) == 5
    for agency in haizhu[:3]:
        _list(w.clerk_haizhu, agency, published_on=D(2025, 6, 30))
    _list(w.clerk_haizhu, haizhu[3])  # a draft is not published
    _list(w.clerk_haizhu, haizhu[4], year=2024, published_on=D(2024, 5, 1))  # another year
    _list(w.clerk_baiyun, w.baiyun_agency, published_on=D(2025, 1, 5))  # another district
    indicator = registry.get("education.responsibility_lists_published")
    figure = indicator.compute("440105", Period.year(2025))
    assert (figure.numerator, figure.denominator) == (3, 5)
    assert figure.value == 60
    assert indicator.compute_single("440105", Period.year(2025)).value == 60
    # The city: 4 of 6 agencies (白云's one is published).
    city = indicator.compute("4401", Period.year(2025))
    assert (city.numerator, city.denominator) == (4, 6)
    # As at 31 March 2025 only 白云's list was out; an agency dissolved before the day leaves
    # the denominator.
    more[0].dissolved_on, more[0].is_active = D(2025, 2, 1), False
    more[0].save()
    march = indicator.compute("440105", Period(D(2025, 1, 1), D(2025, 3, 31)))
    assert (march.numerator, march.denominator) == (0, 4)


def test_a_year_out_of_range_is_refused_naming_the_field(edu):
    w = edu
    with pytest.raises(InvalidInput) as exc:
        _list(w.clerk_haizhu, w.chengguan, year=1900)
    label = str(ResponsibilityList._meta.get_field("year").verbose_name)
    assert list(exc.value.fields) == ["year"]
    assert label in exc.value.fields["year"][0]
    assert not ResponsibilityList.objects.exists()
