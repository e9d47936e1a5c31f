"""The lottery rule itself (legalaid.lottery), checked against code written here from the
documented steps with hashlib/hmac directly: the draw that assigns a legal aid lawyer within
the period of 法律援助法第四十三条 must be recomputable by anyone from what is published."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import random
import re
from statistics import NormalDist

import pytest
from django.utils import translation

from legalaid import lottery
from legalaid.lottery import Candidate

SEED = "0123456789abcdef" * 4
THREE = [Candidate(1, "陈律师"), Candidate(2, "林律师"), Candidate(3, "黄律师")]


def hand_winner(seed: str, published: list[dict], weighted: bool = False) -> int:
    """The documented rule, written out again without legalaid.lottery."""
    message = json.dumps(published, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hmac.new(seed.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    r = int.from_bytes(digest, "big")
    if not weighted:
        return published[r % len(published)]["id"]
    t = r % sum(row["weight"] for row in published)
    running = 0
    for row in published:
        running += row["weight"]
        if running > t:
            return row["id"]
    raise AssertionError


def seeds(n: int, rng_seed: int = 43):
    rng = random.Random(rng_seed)
    return [f"{rng.getrandbits(256):064x}" for _ in range(n)]


def critical_chi_square(df: int, p: float = 0.001) -> float:
    """The upper-p critical value of chi-square by the Wilson–Hilferty approximation."""
    z = NormalDist().inv_cdf(1 - p)
    a = 2 / (9 * df)
    return df * (1 - a + z * math.sqrt(a)) ** 3


def chi_square(counts: dict, expected: dict) -> float:
    return sum((counts.get(k, 0) - e) ** 2 / e for k, e in expected.items())


def test_seed_and_commitment():
    seed = lottery.new_seed()
    assert re.fullmatch(r"[0-9a-f]{64}", seed)
    assert lottery.new_seed() != seed
    assert lottery.commitment(seed) == hashlib.sha256(seed.encode()).hexdigest()
    assert lottery.commitment(SEED) == (
        "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e"
    )


def test_canonical_bytes_are_the_documented_json():
    expected = (
        '[{"id":1,"name":"陈律师","weight":1},{"id":2,"name":"林律师","weight":1},'
        '{"id":3,"name":"黄律师","weight":1}]'
    )
    assert lottery.canonical(THREE) == expected.encode()


def test_canonical_refuses_a_list_out_of_order_or_badly_weighted():
    with pytest.raises(ValueError, match="ordered"):
        lottery.canonical([THREE[1], THREE[0]])
    with pytest.raises(ValueError, match="ordered"):
        lottery.canonical([THREE[0], THREE[0]])
    with pytest.raises(ValueError, match="weight"):
        lottery.canonical([Candidate(1, "陈律师", 0)])
    with pytest.raises(ValueError, match="no candidate"):
        lottery.pick(SEED, [])


def test_test_vector_of_the_docstring():
    """The vector in legalaid.lottery's docstring (checked there with sha256sum and openssl)."""
    r = lottery.random_number(SEED, THREE)
    assert f"{r:064x}" == "616b76494f759a98f4dfde67d5fa4f84067d5f4959c9cb4ff0461f6c4ad7b5c2"
    assert lottery.pick(SEED, THREE) == 0
    weighted = [Candidate(1, "陈律师", 80), Candidate(2, "林律师", 60), Candidate(3, "黄律师", 95)]
    assert lottery.random_number(SEED, weighted) % 235 == 229
    assert lottery.pick(SEED, weighted, weighted=True) == 2


def test_pick_agrees_with_the_hand_written_rule_over_many_seeds():
    published = [c.as_dict() for c in THREE]
    heavy = [dict(row, weight=w) for row, w in zip(published, (7, 1, 92), strict=True)]
    for seed in seeds(500):
        assert THREE[lottery.pick(seed, THREE)].id == hand_winner(seed, published)
        listed = [Candidate(**row) for row in heavy]
        assert listed[lottery.pick(seed, listed, weighted=True)].id == hand_winner(
            seed, heavy, weighted=True
        )


def test_verify_accepts_the_published_draw_and_names_each_difference():
    winner = THREE[lottery.pick(SEED, THREE)].id
    published = [c.as_dict() for c in THREE]
    commitment = lottery.commitment(SEED)
    assert lottery.verify(commitment, SEED, THREE, winner, False) == []
    assert lottery.verify(commitment, SEED, published, winner, False) == []

    # A changed seed no longer matches the commitment published before the draw.
    other = "f" + SEED[1:]
    with translation.override("en"):
        problems = lottery.verify(commitment, other, published, winner, False)
    assert any("commitment" in p for p in problems)

    # A changed list gives another number: with one name changed the winner differs here.
    changed = [dict(published[0], name="陈律帅"), *published[1:]]
    assert hand_winner(SEED, changed) != winner
    with translation.override("en"):
        problems = lottery.verify(commitment, SEED, changed, winner, False)
    assert problems and "winner recomputed" in problems[0]

    # A list out of order, with a foreign key, or empty is not the published form.
    assert lottery.verify(commitment, SEED, published[::-1], winner, False)
    assert lottery.verify(commitment, SEED, [dict(published[0], extra=1)], winner, False)
    assert lottery.verify(commitment, SEED, [], winner, False)
    assert lottery.verify(commitment, "not a seed", published, winner, False)


def test_unweighted_draws_are_uniform_chi_square():
    """10,000 draws with random seeds: the winners are uniform (chi-square below the p=0.001
    critical value for n-1 degrees of freedom)."""
    candidates = [Candidate(i, f"律师{i}") for i in (3, 5, 8, 13, 21)]
    counts: dict[int, int] = {}
    for seed in seeds(10_000):
        winner = candidates[lottery.pick(seed, candidates)].id
        counts[winner] = counts.get(winner, 0) + 1
    expected = {c.id: 10_000 / len(candidates) for c in candidates}
    assert chi_square(counts, expected) < critical_chi_square(len(candidates) - 1)
    # The approximation is within 2 % of the tabulated value (df = 4: 18.467), a little
    # above it for few degrees of freedom.
    assert critical_chi_square(4) == pytest.approx(18.467, rel=0.02)


def test_weighted_draws_follow_the_weights():
    candidates = [Candidate(1, "甲", 90), Candidate(2, "乙", 60), Candidate(3, "丙", 10)]
    counts: dict[int, int] = {}
    for seed in seeds(10_000, rng_seed=7):
        winner = candidates[lottery.pick(seed, candidates, weighted=True)].id
        counts[winner] = counts.get(winner, 0) + 1
    assert counts[1] > counts[2] > counts[3]
    expected = {c.id: 10_000 * c.weight / 160 for c in candidates}
    assert chi_square(counts, expected) < critical_chi_square(2)


def test_rotation_pick_fewest_then_earliest_then_id():
    rows = [
        {"id": 4, "name": "甲", "cases_12m": 2, "last_assigned": "2026-01-05"},
        {"id": 7, "name": "乙", "cases_12m": 1, "last_assigned": "2026-03-01"},
        {"id": 9, "name": "丙", "cases_12m": 1, "last_assigned": "2025-12-01"},
        {"id": 12, "name": "丁", "cases_12m": 1, "last_assigned": "2025-12-01"},
    ]
    assert lottery.rotation_pick(rows) == 9
    rows.append({"id": 15, "name": "戊", "cases_12m": 1, "last_assigned": None})
    assert lottery.rotation_pick(rows) == 15  # never assigned comes first
