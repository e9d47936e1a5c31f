"""The complaint and dispatch pages and the access matrix of enforcement.roles for them: personas
× the lists, the entries' pages, the transition pages and the entry form. Section staff see and
handle their jurisdiction, the city leader reads everything and handles nothing, an agency's
handlers see only the dispatches to their agency's bodies — never the complaint's page nor
who complained — and reply there; a foreign entry answers 404, a page of a role without the
permission 403."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from enforcement.complaint_models import Complaint, Dispatch
from enforcement.tests.complaints_support import (
    B_OVERDUE,
    DISPATCHED,
    FACTS,
    INSTRUCTIONS,
    PHONE,
    file_online,
    worked_example,
)
from enforcement.tests.conftest import on

pytestmark = pytest.mark.django_db
PERSONAS = ["clerk_haizhu", "clerk_baiyun", "leader_gz", "agency_haizhu", "agency_chengguan",
            "agency_baiyun"]  # fmt: skip
# Who sees the example's complaint (C), and which of its dispatches (A: 市监, B: 城管).
COMPLAINT_STATUS = {"clerk_haizhu": 200, "clerk_baiyun": 404, "leader_gz": 200,
                    "agency_haizhu": 403, "agency_chengguan": 403, "agency_baiyun": 403}  # fmt: skip
DISPATCHES = {"clerk_haizhu": {"A", "B"}, "clerk_baiyun": set(), "leader_gz": {"A", "B"},
              "agency_haizhu": {"A"}, "agency_chengguan": {"B"}, "agency_baiyun": set()}  # fmt: skip
REPLY_PAGE = {"clerk_haizhu": 200, "clerk_baiyun": 404, "leader_gz": 404,
              "agency_haizhu": 200, "agency_chengguan": 404, "agency_baiyun": 404}  # fmt: skip


@pytest.fixture
def example(ew):
    out = worked_example(ew, until=DISPATCHED)
    ew.complaint, ew.a, ew.b = out["complaint"], out["a"], out["b"]
    return ew


def _client(client, w, persona):
    """Signed in as `persona`, on the day travelled to (a session lasts FAZHI_SESSION_HOURS)."""
    client.force_login(getattr(w, persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_access_matrix(client, example, persona):
    w = example
    with on(DISPATCHED):
        c = _client(client, w, persona)
        listing = c.get(reverse("enforcement:complaint_list"))
        detail = c.get(w.complaint.get_absolute_url())
        dispatches = c.get(reverse("enforcement:dispatch_list"))
        pages = {key: c.get(d.get_absolute_url()).status_code
                 for key, d in (("A", w.a), ("B", w.b))}  # fmt: skip
        reply = c.get(reverse("cases:transition", args=["enforcement.dispatch", w.a.pk, "reply"]))
        create = c.get(reverse("enforcement:complaint_create"))
    visible_complaint = COMPLAINT_STATUS[persona] == 200
    assert listing.status_code == (200 if persona.startswith(("clerk", "leader")) else 403)
    if listing.status_code == 200:
        assert (w.complaint.number in listing.content.decode()) is visible_complaint
    assert detail.status_code == COMPLAINT_STATUS[persona]
    assert dispatches.status_code == 200
    shown = {key for key, d in (("A", w.a), ("B", w.b)) if d.number in dispatches.content.decode()}
    assert shown == DISPATCHES[persona]
    assert {k for k, status in pages.items() if status == 200} == DISPATCHES[persona]
    assert all(status == 404 for k, status in pages.items() if k not in DISPATCHES[persona])
    assert reply.status_code == REPLY_PAGE[persona]
    assert create.status_code == (200 if persona.startswith("clerk") else 403)


def test_the_body_reads_the_facts_and_instructions_but_not_who_complained(client, example):
    w = example
    with on(DISPATCHED):
        page = _client(client, w, "agency_haizhu").get(w.a.get_absolute_url()).content.decode()
    assert FACTS in page and INSTRUCTIONS in page
    assert "海珠区某某餐饮店" not in page and PHONE not in page and PHONE[-4:] not in page
    assert w.complaint.get_absolute_url() not in page


def test_the_staff_page_lists_the_dispatches_with_their_actions(client, example):
    w = example
    with on(DISPATCHED):
        page = _client(client, w, "clerk_haizhu").get(w.complaint.get_absolute_url())
    html = page.content.decode()
    assert 'id="dispatches"' in html
    assert html.count('data-body="') == 2 and "2026-06-25" in html
    assert "138****8001" in html and PHONE not in html  # masked until revealed


def test_revealing_the_phone_is_logged(client, example):
    w = example
    with on(DISPATCHED):
        html = (
            _client(client, w, "clerk_haizhu")
            .get(w.complaint.get_absolute_url() + "?reveal=phone")
            .content.decode()
        )
        leader = (
            _client(client, w, "leader_gz")
            .get(w.complaint.get_absolute_url() + "?reveal=phone")
            .content.decode()
        )
    assert PHONE in html and PHONE not in leader
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == w.clerk_haizhu
    assert entry.additional_data == {"revealed_field": "complainant_phone"}


def test_dispatching_to_two_bodies_from_the_transition_page(client, ew):
    w = ew
    complaint = file_online(w)
    url = reverse("cases:transition", args=["enforcement.complaint", complaint.pk, "accept"])
    with on(DISPATCHED):
        c = _client(client, w, "clerk_haizhu")
        assert (
            c.post(url, {"version": complaint.version, "on_date": "2026-06-10"}).status_code == 302
        )
        complaint.refresh_from_db()
        url = reverse("cases:transition", args=["enforcement.complaint", complaint.pk, "dispatch"])
        form = c.get(url).content.decode()
        assert "海珠区城市管理和综合执法局" in form and "白云区市场监督管理局" not in form
        missing = c.post(url, {"version": complaint.version, "on_date": "2026-06-10",
                               "bodies": [str(w.shijian_body.pk)]})  # fmt: skip
        assert missing.status_code == 200 and "instructions" in missing.context["form"].errors
        assert not Dispatch.objects.exists()
        done = c.post(url, {"version": complaint.version, "on_date": "2026-06-10",
                            "bodies": [str(w.shijian_body.pk), str(w.chengguan_body.pk)],
                            "instructions": INSTRUCTIONS})  # fmt: skip
    assert done.status_code == 302
    assert set(Dispatch.objects.values_list("body__name", flat=True)) == {
        "海珠区市场监督管理局", "海珠区城市管理和综合执法局"}  # fmt: skip


def test_the_lists_filter_by_state_body_and_overdue(client, ew):
    w = ew
    out = worked_example(w, until=B_OVERDUE)
    other = file_online(w, phone="13800138002", body=w.chengguan_body)
    with on(B_OVERDUE):
        c = _client(client, w, "clerk_haizhu")

        def numbers(url):
            table = c.get(url).context["table"]
            return {row.record.number for row in table.page.object_list}

        dispatches = reverse("enforcement:dispatch_list")
        assert numbers(f"{dispatches}?overdue=true") == {out["b"].number}
        assert numbers(f"{dispatches}?state=sent_back") == {out["a"].number}
        assert numbers(f"{dispatches}?body={w.shijian_body.pk}") == {out["a"].number}
        complaints = reverse("enforcement:complaint_list")
        assert numbers(f"{complaints}?overdue=true") == {out["complaint"].number}
        assert numbers(f"{complaints}?state=received") == {other.number}
        # 城管: complained about in the other, dispatched to in the example's.
        assert numbers(f"{complaints}?body={w.chengguan_body.pk}") == {
            out["complaint"].number, other.number}  # fmt: skip
        assert numbers(f"{complaints}?channel=online") == {out["complaint"].number, other.number}


def test_staff_register_a_phone_complaint_once(client, ew):
    w = ew
    data = {"submission_key": "e" * 32, "organization": w.haizhu_bureau.pk, "channel": "phone",
            "received_on": "2026-06-10", "complainant_kind": "person",
            "complainant_name": "王某", "complainant_phone": "13900139000",
            "body": w.chengguan_body.pk, "happened_on": "2026-06-09",
            "facts": "来电反映城管执法人员态度恶劣。"}  # fmt: skip
    with on(DISPATCHED):
        c = _client(client, w, "clerk_haizhu")
        bad = c.post(reverse("enforcement:complaint_create"), {**data, "happened_on": ""})
        assert bad.status_code == 200 and "happened_on" in bad.context["form"].errors
        first = c.post(reverse("enforcement:complaint_create"), data)
        second = c.post(reverse("enforcement:complaint_create"), data)
    complaint = Complaint.objects.get()
    assert first.url == second.url == complaint.get_absolute_url()
    assert (complaint.channel, complaint.body, complaint.created_by) == ("phone", w.chengguan_body,
                                                                         w.clerk_haizhu)  # fmt: skip


def test_the_matrix_covers_the_complaint_models():
    from core.roles import ROLE_PERMISSIONS, Role

    for name in ("complaint", "dispatch", "dispatchround"):
        assert f"enforcement.view_{name}" in ROLE_PERMISSIONS[Role.LEADER], name
        assert f"enforcement.add_{name}" not in ROLE_PERMISSIONS[Role.LEADER], name
        assert f"enforcement.add_{name}" in ROLE_PERMISSIONS[Role.SECTION_STAFF], name
    handler = ROLE_PERMISSIONS[Role.AGENCY_HANDLER]
    # The body's handlers see their dispatches, never the complaint (who complained).
    assert {"enforcement.view_dispatch", "enforcement.view_dispatchround"} <= handler
    assert not {p for p in handler if p.endswith("_complaint")}
    assert not {
        p for p in handler if p.split(".")[1].startswith(("add_dispatch", "change_dispatch"))
    }
