"""Concurrency on PostgreSQL: gap-free numbers under parallel creation, and two users firing
transitions on the same case at the same moment (exactly one wins, the other gets 409).

SQLite serialises every writer, so these run where they prove something: on PostgreSQL (CI
runs the suite on both)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from cases import engine
from cases.models import CaseEvent
from conftest import frozen_today
from core.errors import Conflict
from mediation.models import Dispute
from mediation.tests.factories import make_dispute

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def _in_thread(fn):
    def run(*args):
        try:
            return fn(*args)
        finally:
            connections.close_all()

    return run


def test_fifty_parallel_creations_get_fifty_gap_free_numbers(world):
    committee, actor = world.haizhu_committee, world.mediator_haizhu
    start = threading.Barrier(10)

    @_in_thread
    def create(i):
        if i < 10:
            start.wait()  # the first ten start together
        return make_dispute(organization=committee, actor=actor).number

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(create, range(50)))
    year = frozen_today().year
    assert len(set(numbers)) == 50
    seqs = sorted(int(re.search(r"第(\d+)号", n).group(1)) for n in numbers)
    assert seqs == list(range(1, 51))
    assert all(n.startswith(f"（{year}）穗海赤调字第") for n in numbers)
    assert Dispute.objects.count() == 50


def test_two_users_fire_at_once_exactly_one_wins(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    today = frozen_today()
    barrier = threading.Barrier(2)
    attempts = [
        (world.mediator_haizhu, "accept", {"consent": True, "accepted_on": today}),
        (world.office_haizhu, "refuse", {"reason": "不属于人民调解范围", "decided_on": today}),
    ]

    @_in_thread
    def fire(attempt):
        actor, name, data = attempt
        case = Dispute.objects.get(pk=dispute.pk)
        barrier.wait()
        try:
            engine.fire(case, name, actor=actor, data=data, version=case.version)
            return "ok"
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(fire, attempts))
    assert results == ["conflict", "ok"]
    dispute.refresh_from_db()
    assert dispute.version == 2
    assert dispute.state in {"accepted", "refused"}
    assert CaseEvent.for_case(dispute).count() == 2  # register + the winner
