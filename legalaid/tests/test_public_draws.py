"""The public record of the lottery draws (摇珠) on the portal: anonymised announcements with the
commitment, and after the draw the seed, the ordered list, the exclusions and the winner, which
the page recomputes (法律援助法第四十三条; legalaid.lottery)."""

from __future__ import annotations

import datetime
import random

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from cases import engine
from conftest import frozen_today
from core.demo import resident_id
from legalaid import draws, lottery
from legalaid.models import Draw, PoolMember
from legalaid.tests.factories import make_application

pytestmark = pytest.mark.django_db
APPLICANT, OPPOSING = "周申请人", "某某物业管理公司"
ID_NUMBER = resident_id(random.Random(11), "440105")
PHONE = "13600136000"


def _case(world):
    return make_application(
        organization=world.haizhu_centre,
        actor=world.aid_clerk_haizhu,
        parties=[
            {"side": "applicant", "name": APPLICANT, "id_number": ID_NUMBER, "phone": PHONE,
             "address": "广州市海珠区新港西路1号"},
            {"side": "opposing", "name": OPPOSING, "kind": "organization"},
        ],
    )  # fmt: skip


def _fire(case, name, actor, **data):
    return engine.fire(case, name, actor=actor, version=case.version, data=data)


def _announced(world):
    case = _case(world)
    case = _fire(case, "grant", world.aid_clerk_haizhu, on_date=frozen_today(), note="")
    case = _fire(case, "announce", world.aid_clerk_haizhu, hours=1, weighted=False)
    return case, Draw.objects.get(case=case)


def _draw(world, case, draw):
    with time_machine.travel(draw.closes_at + datetime.timedelta(minutes=5), tick=True):
        _fire(case, "draw", world.aid_clerk_haizhu, on_date=frozen_today())
    draw.refresh_from_db()
    return draw


def _pages(client, draw) -> str:
    listing = client.get(reverse("legalaid:public_draws"))
    detail = client.get(reverse("legalaid:public_draw", args=[draw.public_code]))
    assert listing.status_code == detail.status_code == 200
    return listing.content.decode() + detail.content.decode()


def _no_party_data(body: str) -> None:
    for secret in (APPLICANT, ID_NUMBER, PHONE, OPPOSING, "新港西路"):
        assert secret not in body


def test_an_open_draw_shows_its_commitment_and_never_the_seed_or_a_party(client, aid_world):
    _case, draw = _announced(aid_world)
    draws.opt_in(actor=aid_world.lawyer_a1.user, draw=draw)
    body = _pages(client, draw)
    assert draw.public_code in body and draw.commitment in body
    assert "海珠区" in body
    assert draw.seed and draw.seed not in body
    _no_party_data(body)
    record = client.get(reverse("legalaid:public_draw", args=[draw.public_code])).context["draw"]
    assert "seed" not in record and "candidates" not in record


def test_after_the_draw_the_seed_the_list_and_a_successful_recomputation_are_public(
    client, aid_world
):
    w = aid_world
    case, draw = _announced(w)
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1):
        draws.opt_in(actor=lawyer.user, draw=draw)
    # 黄律师 is suspended from the pool before the draw: excluded, with the reason.
    PoolMember.objects.filter(lawyer=w.lawyer_b1).update(status=PoolMember.Status.SUSPENDED)
    draw = _draw(w, case, draw)
    assert draw.state == Draw.State.DRAWN and draw.method == "lottery"

    response = client.get(reverse("legalaid:public_draw", args=[draw.public_code]))
    body = response.content.decode()
    record = response.context["draw"]
    assert draw.seed in body and draw.commitment in body
    assert lottery.commitment(draw.seed) == draw.commitment
    assert [c["id"] for c in record["candidates"]] == sorted([w.lawyer_a1.pk, w.lawyer_a2.pk])
    assert "陈律师" in body and "林律师" in body
    [excluded] = record["excluded"]
    assert excluded["id"] == w.lawyer_b1.pk and excluded["reason"]
    assert escape(excluded["reason"]) in body
    # The page recomputes the winner with legalaid.lottery and finds the lawyer recorded.
    check = record["check"]
    assert check["verified"] and check["problems"] == []
    assert check["recomputed"]["id"] == draw.winner_id == case.__class__.objects.get().lawyer_id
    assert 'id="recompute-result"' in body and "alert-success" in body
    assert escape(check["canonical"]) in body
    # The same winner, recomputed here by hand from what the page publishes (steps 2–4).
    import hashlib
    import hmac
    import json

    published = [{"id": c["id"], "name": c["name"], "weight": c["weight"]}
                 for c in record["candidates"]]  # fmt: skip
    message = json.dumps(published, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    r = int(hmac.new(draw.seed.encode(), message.encode(), hashlib.sha256).hexdigest(), 16)
    assert published[r % len(published)]["id"] == draw.winner_id
    _no_party_data(_pages(client, draw))


def test_a_tampered_record_is_shown_as_not_confirmed(client, aid_world):
    w = aid_world
    case, draw = _announced(w)
    for lawyer in (w.lawyer_a1, w.lawyer_b1):
        draws.opt_in(actor=lawyer.user, draw=draw)
    draw = _draw(w, case, draw)
    loser = next(c for c in draw.candidates if c["id"] != draw.winner_id)
    Draw.objects.filter(pk=draw.pk).update(winner_id=loser["id"])
    record = client.get(reverse("legalaid:public_draw", args=[draw.public_code])).context["draw"]
    assert not record["check"]["verified"] and record["check"]["problems"]
    Draw.objects.filter(pk=draw.pk).update(winner_id=draw.winner_id, seed="0" * 64)
    response = client.get(reverse("legalaid:public_draw", args=[draw.public_code]))
    check = response.context["draw"]["check"]
    assert not check["verified"] and not check["commitment_ok"]
    assert "alert-danger" in response.content.decode()


def test_nobody_opting_in_gives_a_rotation_the_page_recomputes(client, aid_world):
    case, draw = _announced(aid_world)
    draw = _draw(aid_world, case, draw)
    assert draw.method == "rotation"
    record = client.get(reverse("legalaid:public_draw", args=[draw.public_code])).context["draw"]
    assert record["rotation"] and record["check"]["verified"]
    assert record["check"]["recomputed"]["id"] == draw.winner_id
    _no_party_data(_pages(client, draw))


def test_only_open_and_drawn_draws_are_public(client, aid_world):
    _case, draw = _announced(aid_world)
    Draw.objects.filter(pk=draw.pk).update(state=Draw.State.CANCELLED)
    assert client.get(reverse("legalaid:public_draw", args=[draw.public_code])).status_code == 404
    assert draw.public_code not in client.get(reverse("legalaid:public_draws")).content.decode()
    assert client.get(reverse("legalaid:public_draw", args=["YZ-nothing"])).status_code == 404
