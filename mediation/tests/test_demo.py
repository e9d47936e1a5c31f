"""The demo's mediation history is plausible and consistent with the engine's rules."""

import datetime
import re
from collections import defaultdict

import pytest
from django.db.models import Count, Q

from cases.models import CaseEvent, Clock, NumberSequence
from core import demo
from mediation.models import Dispute

pytestmark = pytest.mark.django_db


def test_two_years_of_disputes_calibrated_on_the_samples(regions):
    today = datetime.date(2026, 11, 22)
    demo.build(seed=11, today=today)
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
    assert CaseEvent.objects.filter(transition="register").count() == Dispute.objects.count()
    open_cases = Dispute.objects.filter(closed_at__isnull=True).exclude(
        state__in=["refused", "registered"]
    )
    assert open_cases.exists()
    assert Clock.objects.filter(state="running").count() == open_cases.count()
    assert not open_cases.filter(due_date__isnull=True).exists()


def test_demo_mediators_have_open_work_due_soon_and_overdue(regions):
    from cases import selectors
    from core.models import User

    today = datetime.date(2026, 11, 22)
    demo.build(seed=3, today=today)
    mediator = User.objects.get(username="haizhu_mediator")
    work = selectors.worklist(mediator, today=today)
    assert len(work.mine) >= 3 and len(work.unclaimed) >= 2
    assert work.overdue and work.due_soon
    assert Dispute.objects.filter(organization=mediator.primary_membership.organization,
                                  tracking_code__gt="").exists()  # fmt: skip
