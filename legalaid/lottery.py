"""The verifiable lottery (摇珠) of legal aid assignment: the algorithm, as pure functions.

Legal Aid Law (法律援助法) Art. 43 gives the centre three days from the grant to assign a
lawyer; the centre announces the case, lawyers of its pool opt in, and the lawyer is drawn by
lot. Anyone must be able to check the draw from what is published, so the rule is a fixed,
public, deterministic function of two published inputs. This module uses nothing but the
Python standard library (Django only, when present, to translate the problem messages), so it
can be copied out and run by anyone; re-implementing it in another language takes the steps
below and nothing else.

The algorithm
-------------
1. **Seed and commitment.** At the announcement the centre draws a secret seed: 32 random
   bytes from the operating system's CSPRNG, written as 64 lowercase hexadecimal characters
   (`secrets.token_hex(32)`). It publishes the commitment

       commitment = lowercase hex of SHA-256( UTF-8 bytes of the 64-character seed text )

   (the hash of the text, not of the 32 bytes it encodes). The seed stays secret until the
   draw; once published, anyone checks SHA-256(seed) == commitment, so the seed cannot have
   been chosen after the candidates were known.

2. **The ordered candidate list.** After opt-ins close and the exclusions are applied, the
   candidates are listed as JSON objects `{"id": <lawyer id>, "name": <name>, "weight": <w>}`,
   **ordered by lawyer id ascending, each id once** (the id is Fazhi's number for the lawyer in
   the register of lawyers; the order can be checked from the list itself). `weight` is an
   integer ≥ 1: the quality weight in a weighted draw, 1 in an unweighted one. The list is
   serialised canonically and exactly these bytes are hashed:

       canonical = UTF-8 bytes of json.dumps(list, sort_keys=True, separators=(",", ":"),
                                             ensure_ascii=False)

   i.e. keys in the order id, name, weight (sorted), no spaces, Chinese characters written as
   themselves, not as \\u escapes. Example: `[{"id":3,"name":"陈律师","weight":1}]`.

3. **The random number.** r = HMAC-SHA256(key = UTF-8 bytes of the seed text,
   message = canonical), read as a big-endian unsigned integer (`int(hexdigest, 16)`), so
   0 ≤ r < 2^256.

4. **The winner.** With n candidates:
   - unweighted: index = r mod n;
   - weighted: W = sum of the weights, t = r mod W, and the index is the first i (counting
     from 0) with w_0 + w_1 + … + w_i > t.
   The winner is the candidate at that index of the published list.

Modulo bias. r is uniform over 2^256 values and is reduced modulo n (or W). Residues below
2^256 mod n occur once more than the others, so no candidate's chance differs from 1/n (or
w_i/W) by more than n/2^256 (below 10^-70 for any pool there will ever be). That is far below
anything observable, so the rule uses no rejection sampling and stays a one-line reduction.

Test vector (also checkable with `printf %s SEED | sha256sum` and
`printf %s LIST | openssl dgst -sha256 -hmac SEED`):
seed = "0123456789abcdef" repeated four times;
commitment = a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e;
list = [{"id":1,"name":"陈律师","weight":1},{"id":2,"name":"林律师","weight":1},
{"id":3,"name":"黄律师","weight":1}] (one line, no spaces);
HMAC = 616b76494f759a98f4dfde67d5fa4f84067d5f4959c9cb4ff0461f6c4ad7b5c2, r mod 3 = 0: the
winner is id 1. With weights 80, 60, 95 instead, the HMAC is 29b3d715…061f5235, r mod 235 = 229,
and the winner is id 3 (80 + 60 = 140 ≤ 229 < 235).

Rotation (轮换) when nobody eligible opted in is not a lottery but a deterministic rule over the
eligible pool, also published with its inputs: each row `{"id", "name", "cases_12m",
"last_assigned"}` gives the legal aid cases assigned to the lawyer in the twelve months before
the draw and the date of their last assignment (null: never); the lawyer chosen has the fewest
cases, then the earliest last assignment (never assigned first), then the smallest id
(`rotation_pick`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

SEED_RE = re.compile(r"^[0-9a-f]{64}$")
KEYS = ("id", "name", "weight")
ROTATION_KEYS = ("id", "name", "cases_12m", "last_assigned")


def _(message: str) -> str:
    """Translate with Django when it is configured; plain English otherwise (this module is
    meant to run on its own too)."""
    try:
        from django.utils.translation import gettext

        return gettext(message)
    except Exception:  # Django absent or not configured
        return message


@dataclass(frozen=True)
class Candidate:
    """One line of the published candidate list."""

    id: int
    name: str
    weight: int = 1

    def as_dict(self) -> dict:
        return asdict(self)


def new_seed() -> str:
    """A fresh secret seed: 64 lowercase hex characters (32 bytes from the OS CSPRNG)."""
    return secrets.token_hex(32)


def commitment(seed: str) -> str:
    """SHA-256 (lowercase hex) of the UTF-8 bytes of the seed text: published before the
    draw."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def ordered(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates in the published order: lawyer id ascending."""
    return sorted(candidates, key=lambda c: c.id)


def _check_form(candidates: Sequence[Candidate]) -> None:
    previous = None
    for c in candidates:
        if not isinstance(c.id, int) or isinstance(c.id, bool):
            raise ValueError(f"candidate id {c.id!r} is not an integer")
        if not isinstance(c.name, str):
            raise ValueError(f"candidate {c.id}: the name is not text")
        if not isinstance(c.weight, int) or isinstance(c.weight, bool) or c.weight < 1:
            raise ValueError(f"candidate {c.id}: the weight {c.weight!r} is not an integer ≥ 1")
        if previous is not None and c.id <= previous:
            raise ValueError("the candidates are not ordered by id ascending, each id once")
        previous = c.id


def canonical(candidates: Sequence[Candidate]) -> bytes:
    """The canonical JSON bytes of the ordered list: exactly what the draw hashes (step 2)."""
    candidates = list(candidates)
    _check_form(candidates)
    data = [{"id": c.id, "name": c.name, "weight": c.weight} for c in candidates]
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def random_number(seed: str, candidates: Sequence[Candidate]) -> int:
    """r = HMAC-SHA256(key=seed text, msg=canonical list) as an integer (step 3)."""
    digest = hmac.new(seed.encode("utf-8"), canonical(candidates), hashlib.sha256).hexdigest()
    return int(digest, 16)


def pick(seed: str, candidates: Sequence[Candidate], weighted: bool = False) -> int:
    """The index of the winner in the ordered list (step 4)."""
    candidates = list(candidates)
    if not candidates:
        raise ValueError("there is no candidate to draw from")
    r = random_number(seed, candidates)
    if not weighted:
        return r % len(candidates)
    t = r % sum(c.weight for c in candidates)
    cumulative = 0
    for index, c in enumerate(candidates):
        cumulative += c.weight
        if cumulative > t:
            return index
    raise AssertionError("unreachable: t < sum of the weights")  # pragma: no cover


def rotation_pick(rows: Sequence[Mapping]) -> int:
    """The id chosen by rotation: fewest cases in the last twelve months, then the earliest
    last assignment (never assigned first), then the smallest id."""
    if not rows:
        raise ValueError("there is no lawyer to rotate to")
    best = min(rows, key=lambda r: (r["cases_12m"], r["last_assigned"] or "", r["id"]))
    return best["id"]


# -- verification -----------------------------------------------------------------------------


def check_commitment(commitment_hex: str, seed: str) -> str | None:
    """None when SHA-256(seed) is the commitment, else the problem."""
    if not isinstance(seed, str) or not SEED_RE.match(seed):
        return _("The seed is not 64 lowercase hexadecimal characters.")
    digest = commitment(seed)
    if not hmac.compare_digest(digest, (commitment_hex or "").lower()):
        return _(
            "The seed does not match the commitment: SHA-256 of the seed is %(digest)s, the "
            "commitment published is %(commitment)s."
        ) % {"digest": digest, "commitment": commitment_hex}
    return None


def parse(data) -> tuple[list[Candidate], list[str]]:
    """Read a published list (JSON objects with exactly the keys id, name, weight), checking
    its form and order; returns the candidates and the problems found."""
    if not isinstance(data, list) or not data:
        return [], [_("The candidate list is empty or not a list.")]
    candidates, problems = [], []
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, Mapping) or set(entry) != set(KEYS):
            problems.append(
                _("Line %(n)s of the candidate list does not have exactly the keys id, name and "
                  "weight.") % {"n": position}
            )  # fmt: skip
            continue
        candidates.append(Candidate(entry["id"], entry["name"], entry["weight"]))
    if not problems:
        try:
            _check_form(candidates)
        except ValueError as exc:
            problems.append(
                _("The candidate list is not in the published form: %(detail)s.") % {"detail": exc}
            )
    return candidates, problems


def verify(
    commitment_hex: str,
    seed: str,
    candidates: Sequence[Candidate | Mapping],
    winner_id: int | None,
    weighted: bool,
) -> list[str]:
    """Recompute a draw from what was published: the problems found (empty: verified)."""
    problems = []
    problem = check_commitment(commitment_hex, seed)
    if problem:
        problems.append(problem)
    if all(isinstance(c, Candidate) for c in candidates) and candidates:
        listed = list(candidates)
        try:
            _check_form(listed)
            form_problems = []
        except ValueError as exc:
            form_problems = [
                _("The candidate list is not in the published form: %(detail)s.") % {"detail": exc}
            ]
    else:
        listed, form_problems = parse(list(candidates))
    problems += form_problems
    if form_problems or not SEED_RE.match(seed or ""):
        return problems
    winner = listed[pick(seed, listed, weighted=weighted)]
    if winner.id != winner_id:
        problems.append(winner_differs(winner, winner_id))
    return problems


def winner_differs(winner: Candidate, winner_id) -> str:
    return _(
        "The winner recomputed from the seed and the list is %(name)s (id %(id)s), not the "
        "lawyer recorded (id %(recorded)s)."
    ) % {"name": winner.name, "id": winner.id, "recorded": winner_id}
