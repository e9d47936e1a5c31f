"""Registering a reconsideration application at the window (行政复议法第二十二条): every problem
named beside its field, nothing written on error, no duplicate from a resubmitted form; the
same act challenged twice is shown (Art. 29)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases.models import ChallengedAct
from conftest import frozen_today
from reconsideration.models import ReconParty, ReconsiderationCase

pytestmark = pytest.mark.django_db
TODAY = frozen_today()


def _form(w, **overrides):
    data = {
        "submission_key": "r" * 32,
        "organization": w.haizhu_bureau.pk,
        "respondent": w.haizhu_agency.pk,
        "act_type": "penalty",
        "act_description": "罚款五千元的行政处罚决定",
        "act_number": "海市监罚〔2026〕12号",
        "act_on": (TODAY.replace(day=1)).isoformat(),
        "knew_on": (TODAY.replace(day=2)).isoformat(),
        "informed_of_right": "on",
        "requests": "撤销该行政处罚决定",
        "facts": "处罚认定事实不清。",
        "channel": "window",
        "parties-TOTAL_FORMS": "3",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-side": "applicant",
        "parties-0-kind": "organization",
        "parties-0-name": "广州某贸易有限公司",
        "parties-1-side": "agent",
        "parties-1-kind": "person",
        "parties-2-side": "third_party",
        "parties-2-kind": "person",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_an_application_once(client, world):
    w = world
    client.force_login(w.clerk_haizhu)
    assert client.get(reverse("reconsideration:case_create")).status_code == 200
    response = client.post(reverse("reconsideration:case_create"), _form(w))
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert (case.respondent, case.act_type, case.state, case.channel) == (
        w.haizhu_agency, "penalty", "submitted", "window",
    )  # fmt: skip
    assert [p.name for p in case.parties_on("applicant")] == ["广州某贸易有限公司"]
    assert ChallengedAct.objects.get().act_number == "海市监罚[2026]12号"
    # The same form sent again (a double click, a reload) writes nothing more.
    again = client.post(reverse("reconsideration:case_create"), _form(w))
    assert again.status_code == 302 and ReconsiderationCase.objects.count() == 1
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.number in page and "海珠区市场监督管理局" in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"respondent": ""}, "respondent"),
        ({"act_description": ""}, "act_description"),
        ({"requests": ""}, "requests"),
        ({"act_type": ""}, "act_type"),
        ({"parties-0-name": "", "parties-0-side": "third_party"}, "parties"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, world, overrides, field):
    w = world
    client.force_login(w.clerk_haizhu)
    response = client.post(reverse("reconsideration:case_create"), _form(w, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="form-errors"' in body
    assert ReconsiderationCase.objects.count() == 0 and ReconParty.objects.count() == 0
    # The typed input is kept.
    assert "处罚认定事实不清。" in body


def test_an_agency_handler_cannot_register(client, world):
    client.force_login(world.agency_haizhu)
    assert client.get(reverse("reconsideration:case_create")).status_code == 403


def test_the_same_act_challenged_twice_is_shown(client, world):
    w = world
    client.force_login(w.clerk_haizhu)
    client.post(reverse("reconsideration:case_create"), _form(w))
    client.post(reverse("reconsideration:case_create"),
                _form(w, submission_key="s" * 32, act_number="海市监罚（2026）12 号"))  # fmt: skip
    first, second = ReconsiderationCase.objects.order_by("pk")
    page = client.get(second.get_absolute_url()).content.decode()
    assert 'id="same-act"' in page and first.number in page


def test_an_overdue_answer_is_on_the_offices_worklist(client, world):
    """Copy sent Tuesday 2 June 2026: the answer is due in 10 working days (Art. 48) — 3–5,
    8–12, 15, 16 June → Tuesday 16 June. On Wednesday 17 June it is overdue on the handler's
    worklist, named as the respondent's answer."""
    from django.utils.translation import gettext

    from cases import engine
    from reconsideration.tests.test_clocks import apply, fire, on

    w = world
    case = apply(w, datetime.date(2026, 6, 1))
    with on(datetime.date(2026, 6, 2)):
        case = engine.assign(case, actor=w.clerk_haizhu, assignee=w.clerk_haizhu)
        case = fire(case, "accept", w.clerk_haizhu, procedure="ordinary")
        case = fire(case, "send_copy", w.clerk_haizhu)
    with on(datetime.date(2026, 6, 17)):
        client.force_login(w.clerk_haizhu)
        body = client.get(reverse("cases:worklist")).content.decode()
    assert case.number in body
    assert gettext("The respondent's answer (Art. 48)") in body
    assert "2026-06-16" in body
