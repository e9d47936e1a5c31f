"""The demo's mediation history is plausible and consistent with the engine's rules."""

import datetime
import itertools
import re
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.db.models import Count, Q

from cases.models import CaseEvent, Clock, NumberSequence
from core import demo
from mediation.models import Dispute

# Built as of 22 November (the services refuse dates after the clock's, so the clock is there).
TODAY = datetime.date(2026, 11, 22)
NOW = datetime.datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(NOW)]


def _mediation_only(patch) -> None:
    """Only the builders this line's demo needs: the holiday calendar and mediation (the other
    lines' builders are tested in their own apps; each full build costs about 20 s)."""
    patch.setattr(demo, "_BUILDERS", [b for b in demo._BUILDERS
                                      if b[1] in ("calendar", "mediation")])  # fmt: skip


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    """One small demo for the class's tests, built once and rolled back after them (each
    test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False), pytest.MonkeyPatch.context() as patch:
            _mediation_only(patch)
            world = demo.build(seed=11, today=TODAY)
        yield world
        transaction.set_rollback(True)


class TestSmallDemo:
    def test_two_years_of_disputes_calibrated_on_the_samples(self, built):
        _two_years_calibrated(TODAY)

    def test_demo_mediators_have_open_work_due_soon_and_overdue(self, built):
        _mediators_have_open_work(TODAY)

    def test_demo_registers_have_a_history_so_year_ends_differ(self, built):
        _registers_have_a_history()

    def test_roll_ups_of_the_demo_equal_its_live_figures(self, built):
        _rollups_equal_live_figures()


def _two_years_calibrated(today):
    assert Dispute.objects.filter(received_at__year=2024).exists()
    last_year = Dispute.objects.filter(received_at__year=2025).count()
    assert 800 <= last_year <= 1050  # a hundredth of 广州's ~92,000 a year
    assert Dispute.objects.filter(received_at__year=2026).exists()
    assert not Dispute.objects.filter(received_at__date__gt=today).exists()
    # Success rate (succeeded ÷ concluded) of every district between 94% and 99.9%.
    rows = (
        Dispute.objects.filter(outcome__in=["succeeded", "failed", "terminated"])
        .values("region_code")
        .annotate(ok=Count("id", filter=Q(outcome="succeeded")), n=Count("id"))
    )
    per_district = defaultdict(lambda: [0, 0])
    for row in rows:
        per_district[row["region_code"][:6]][0] += row["ok"]
        per_district[row["region_code"][:6]][1] += row["n"]
    assert len(per_district) == 11
    for ok, n in per_district.values():
        assert 0.94 <= ok / n <= 0.999
    city_rate = sum(ok for ok, _n in per_district.values()) / sum(
        n for _ok, n in per_district.values()
    )
    assert 0.94 <= city_rate <= 0.999
    # Numbers are gap-free per organisation and year, and the sequences continue from them.
    seqs = defaultdict(list)
    for org, year, seq, number in Dispute.objects.values_list(
        "organization_id", "number_year", "number_seq", "number"
    ):
        seqs[(org, year)].append(seq)
        assert re.fullmatch(rf"（{year}）\S+字第{seq:04d}号", number)
    for key, values in seqs.items():
        assert sorted(values) == list(range(1, len(values) + 1)), key
        assert NumberSequence.objects.get(organization_id=key[0], year=key[1]).last == len(values)
    # Every case has its registration event; open cases have a running clock and a deadline.
    assert (
        CaseEvent.objects.filter(transition="register", case_type=_disputes()).count()
        == Dispute.objects.count()
    )
    open_cases = Dispute.objects.filter(closed_at__isnull=True).exclude(
        state__in=["refused", "registered"]
    )
    assert open_cases.exists()
    assert (
        Clock.objects.filter(state="running", case_type=_disputes()).count() == open_cases.count()
    )
    assert not open_cases.filter(due_date__isnull=True).exists()


def _mediators_have_open_work(today):
    from cases import selectors
    from core.models import User

    mediator = User.objects.get(username="haizhu_mediator")
    work = selectors.worklist(mediator, today=today)
    assert len(work.mine) >= 3 and len(work.unclaimed) >= 2
    assert work.overdue and work.due_soon
    assert Dispute.objects.filter(organization=mediator.primary_membership.organization,
                                  tracking_code__gt="").exists()  # fmt: skip


def _registers_have_a_history():
    from django.db.models import F

    from indicators.registry import Period, registry
    from mediation.models import Committee, Mediator

    with time_machine.travel(NOW, tick=False):
        committees = registry.get("mediation.committees")
        now, before = committees.compute_with_previous("4401", Period.year(2026).as_of())
    at_end_of_2025 = committees.compute("4401", Period.year(2025)).value
    assert now.value != at_end_of_2025 and before.value is not None
    assert not Committee.objects.filter(organization__established_on__isnull=True).exists()
    assert Committee.objects.filter(organization__dissolved_on__year=2025,
                                    organization__is_active=False).exists()  # fmt: skip
    assert Committee.objects.filter(organization__established_on__year=2026).exists()
    assert Mediator.objects.filter(left_on__isnull=False, is_active=False).exists()
    assert Mediator.objects.filter(joined_on__year=2026).exists()
    # No dispute before its committee was set up or after it was dissolved.
    assert not Dispute.objects.filter(
        received_at__date__lt=F("organization__established_on")
    ).exists()
    assert not Dispute.objects.filter(
        received_at__date__gte=F("organization__dissolved_on")
    ).exists()


def _rollups_equal_live_figures():
    """Issue 11: `fazhi rollups check` passes after a demo build (after `refresh`)."""
    from io import StringIO

    from django.core.management import call_command

    from indicators.models import Rollup

    call_command("rollups", "refresh", stdout=StringIO())
    assert Rollup.objects.filter(month__year=2025).exists()
    out = StringIO()
    for region in ("4401", "440105", "440111"):
        call_command("rollups", "check", "--region", region, "--year", "2025", stdout=out)
    call_command("rollups", "check", "--region", "4401", "--year", "2026", stdout=out)
    assert out.getvalue().count("月度汇总与实时数据一致") == 4  # "roll-ups equal the live figures"


def test_disputes_are_written_in_bounded_chunks_numbered_in_order_of_receipt(
    regions, monkeypatch, capsys
):
    """Memory stays bounded at any scale: the history goes to `history.write` at most CHUNK
    disputes at a time; a district's year bigger than that is cut by date of receipt, so that
    its numbers still follow the order of receipt; the progress bar counts every dispute."""
    from mediation import demo as mediation_demo
    from mediation import history

    monkeypatch.setattr(mediation_demo, "CHUNK", 60)  # smaller than 广州's big districts' years
    writes = []
    write = history.write

    def spy(records, **kwargs):
        writes.append([(r.dispute.region_code[:6], r.dispute.received_at) for r in records])
        return write(records, **kwargs)

    monkeypatch.setattr(history, "write", spy)
    _mediation_only(monkeypatch)
    demo.build(seed=11, today=TODAY, progress=True)

    assert all(len(keys) <= 60 for keys in writes)
    received: dict[tuple, list] = defaultdict(list)  # (district, year) -> (first, last) per write
    for keys in writes:
        groups = defaultdict(list)
        for district, at in keys:
            groups[(district, at.year)].append(at.date())
        for key, days in groups.items():
            received[key].append((min(days), max(days)))
    assert any(len(spans) > 1 for spans in received.values())  # some years were cut
    for spans in received.values():  # ... by date: each write's days follow the previous one's
        assert all(before[1] < after[0] for before, after in itertools.pairwise(spans))
    written = sum(len(keys) for keys in writes)
    assert written == Dispute.objects.count() - 3 * 5  # five open cases per demo mediator
    assert f"{written}/{written}" in capsys.readouterr().err  # the bar's last state
    past = Dispute.objects.filter(number_year__lt=TODAY.year)  # none of the open cases
    for org, year in past.order_by().values_list("organization_id", "number_year").distinct():
        seqs = Dispute.objects.filter(organization_id=org, number_year=year).order_by(
            "received_at", "number_seq"
        )
        assert list(seqs.values_list("number_seq", flat=True)) == list(range(1, seqs.count() + 1))


def test_the_weighted_picker_draws_what_random_choices_draws():
    import random

    from mediation.demo import SOURCES, TYPE_MIX

    for weighted in (SOURCES, [(t, w) for t, w, _r in TYPE_MIX]):
        picker, one, other = demo.Picker(weighted), random.Random(5), random.Random(5)
        items, weights = [w[0] for w in weighted], [w[1] for w in weighted]
        for _ in range(2000):
            assert picker(one.random()) == other.choices(items, weights=weights)[0]


def _disputes():
    """The content type of disputes: other lines' demos write events and clocks too."""
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Dispute)
