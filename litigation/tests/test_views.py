"""The registration page (litigation.views.case_create): a lawsuit with its parties, errors
beside their fields with the input kept and nothing written, and a resubmitted form that
makes no second case (core.generic.create_with_parties)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import CaseEvent, Clock
from core.models import Party
from litigation.forms import CaseForm
from litigation.models import LitigationCase
from litigation.tests.helpers import on

pytestmark = pytest.mark.django_db
D = datetime.date


def _form(w, **overrides):
    data = {
        "submission_key": "litigation-key-0001",
        "organization": w.haizhu_agency.pk,
        "court": "广州市海珠区人民法院",
        "court_case_number": "（2026）粤0105行初12号",
        "trial_level": "first",
        "cause": "行政处罚",
        "act_description": "海市监罚〔2026〕12号行政处罚决定",
        "act_number": "海市监罚〔2026〕12号",
        "complaint_served_on": "2026-06-04",
        "parties-TOTAL_FORMS": "3",
        "parties-INITIAL_FORMS": "0",
        "parties-0-side": "plaintiff",
        "parties-0-kind": "organization",
        "parties-0-name": "某贸易有限公司",
        # The rows left blank, as the page offers them (litigation.forms.party_formset).
        "parties-1-side": "plaintiff",
        "parties-1-kind": "organization",
        "parties-2-side": "third_party",
        "parties-2-kind": "person",
    }
    data.update(overrides)
    return data


def _label(name: str) -> str:
    with translation.override("zh-hans"):
        return str(CaseForm.base_fields[name].label)


def test_an_agency_registers_its_own_lawsuit(client, world):
    w = world
    client.force_login(w.agency_haizhu)
    with on(D(2026, 6, 5)):
        response = client.post(reverse("litigation:case_create"), _form(w))
    case = LitigationCase.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.number, case.organization, case.created_by) == (
        "（2026）粤0105行初12号", w.haizhu_agency, w.agency_haizhu,
    )  # fmt: skip
    # Served Thursday 4 June: the answer is due Monday 22 June (19 June is 端午).
    assert Clock.for_case(case).get(key="answer").due_date == D(2026, 6, 22)
    with on(D(2026, 6, 5)):
        body = client.get(case.get_absolute_url()).content.decode()
    assert "某贸易有限公司" in body and "2026-06-22" in body


def test_the_same_form_posted_twice_makes_one_case(client, world):
    w = world
    client.force_login(w.clerk_haizhu)
    with on(D(2026, 6, 5)):
        first = client.post(reverse("litigation:case_create"), _form(w))
        again = client.post(reverse("litigation:case_create"), _form(w))
    assert again.status_code == 302 and again.url == first.url
    assert LitigationCase.objects.count() == 1 and CaseEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("organization", {"organization": ""}),
        ("court_case_number", {"court_case_number": ""}),
        ("complaint_served_on", {"complaint_served_on": "2026-06-06"}),  # tomorrow
        ("reconsideration_number", {"reconsideration_number": "（2026）穗海司行复字第9999号"}),
    ],
)
def test_bad_input_names_the_field_keeps_the_input_and_saves_nothing(client, world, field,
                                                                     overrides):  # fmt: skip
    w = world
    client.force_login(w.clerk_haizhu)
    parties = Party.objects.count()
    with on(D(2026, 6, 5)):
        response = client.post(reverse("litigation:case_create"), _form(w, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    body = response.content.decode()
    errors = body.split('id="form-errors"')[1].split("</div>")[0]
    assert f"{_label(field)}：" in errors, errors
    assert "某贸易有限公司" in body and "行政处罚" in body  # input kept
    assert (LitigationCase.objects.count(), Party.objects.count(), CaseEvent.objects.count()) == (
        0, parties, 0,
    )  # fmt: skip


def test_no_plaintiff_is_named(client, world):
    w = world
    client.force_login(w.clerk_haizhu)
    with on(D(2026, 6, 5)):
        response = client.post(reverse("litigation:case_create"),
                               _form(w, **{"parties-0-name": ""}))  # fmt: skip
    assert response.status_code == 200 and 'id="form-errors"' in response.content.decode()
    assert not LitigationCase.objects.exists()


def test_every_step_of_the_case_page_opens_its_form(client, world):
    from cases import engine
    from litigation.tests.helpers import register

    w = world
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 4))
    client.force_login(w.agency_haizhu)
    with on(D(2026, 6, 5)):
        page = client.get(case.get_absolute_url())
        assert page.status_code == 200
        names = [t.name for t in engine.available(case, w.agency_haizhu)]
        assert {"submit_answer", "schedule_hearing", "record_hearing", "conclude"} <= set(names)
        for name in names:
            assert f'data-action="{name}"' in page.content.decode()
            url = reverse("cases:transition", args=["litigation.litigationcase", case.pk, name])
            assert client.get(url).status_code == 200, name
        listing = client.get(reverse("litigation:case_list")).content.decode()
        assert reverse("litigation:case_create") in listing
        assert client.get(reverse("litigation:case_create")).status_code == 200
