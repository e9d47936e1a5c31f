"""Litigation fees (诉讼费用交纳办法, 国务院令第481号, in force 2007-04-01), for the public fee
calculator; reference/statutes.md §7.

- Art. 13(1): a property case pays by cumulative bands on the claim amount: 50 flat up to
  10,000, then 2.5 %, 2 %, 1.5 %, 1 %, 0.9 %, 0.8 %, 0.7 %, 0.6 % and 0.5 % on the parts above
  10k, 100k, 200k, 500k, 1M, 2M, 5M, 10M and 20M.
- Art. 13(2)–(6): the other kinds are fixed sums or ranges (the province fixes the sum within
  the range, so a range is returned as low–high); divorce and personality rights add a banded
  part on the divided property or the damages.
- Art. 14: application fees — enforcement, preservation (capped at 5,000), payment order (⅓ of
  the property fee), bankruptcy (half the property fee, capped at 300,000).
- Arts. 15, 16, 18: the case acceptance fee is halved for mediation or withdrawal, simplified
  procedure, and a counterclaim or third-party claim heard together. Whether two halvings
  stack is not stated (❓); we halve once however many grounds apply. Application fees are
  never halved.
- Art. 8: some cases pay nothing (special procedure, rulings refusing or dismissing and
  appeals on them, administrative compensation); the page says so, nothing is computed.

The rounding rule is not in the text either (❓): amounts are exact Decimals here (123,456.78
gives 2,769.1356); the page rounds to the fen (0.01, ROUND_HALF_UP) for display only and shows
the exact figure next to it. Pure Python: no database, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
HALF = D("0.5")
ZERO = D(0)

# Kinds of fee: case acceptance fees (Art. 13) and application fees (Art. 14).
PROPERTY = "property"
DIVORCE = "divorce"
PERSONALITY = "personality"
NON_PROPERTY = "non_property"
IP = "ip"
LABOUR = "labour"
ADMIN_SPECIAL = "admin_special"
ADMIN_OTHER = "admin_other"
JURISDICTION = "jurisdiction"
ENFORCEMENT = "enforcement"
PRESERVATION = "preservation"
PAYMENT_ORDER = "payment_order"
BANKRUPTCY = "bankruptcy"

ACCEPTANCE_KINDS = (PROPERTY, DIVORCE, PERSONALITY, NON_PROPERTY, IP, LABOUR, ADMIN_SPECIAL,
                    ADMIN_OTHER, JURISDICTION)  # fmt: skip
APPLICATION_KINDS = (ENFORCEMENT, PRESERVATION, PAYMENT_ORDER, BANKRUPTCY)
KINDS = ACCEPTANCE_KINDS + APPLICATION_KINDS
# Kinds whose fee cannot be computed without an amount.
AMOUNT_REQUIRED = (PROPERTY, PAYMENT_ORDER, BANKRUPTCY)

# Grounds for halving the case acceptance fee, by article.
MEDIATION_OR_WITHDRAWAL = "mediation"  # Art. 15
SIMPLIFIED = "simplified"  # Art. 16
HEARD_TOGETHER = "heard_together"  # Art. 18
HALVING_ARTICLES = {MEDIATION_OR_WITHDRAWAL: 15, SIMPLIFIED: 16, HEARD_TOGETHER: 18}

# (flat sum, up to, then (upper bound or None, rate) for each band above).
PROPERTY_BANDS = (D(50), D(10_000), (
    (D(100_000), D("0.025")), (D(200_000), D("0.02")), (D(500_000), D("0.015")),
    (D(1_000_000), D("0.01")), (D(2_000_000), D("0.009")), (D(5_000_000), D("0.008")),
    (D(10_000_000), D("0.007")), (D(20_000_000), D("0.006")), (None, D("0.005")),
))  # fmt: skip
ENFORCEMENT_BANDS = (D(50), D(10_000), (
    (D(500_000), D("0.015")), (D(5_000_000), D("0.01")), (D(10_000_000), D("0.005")),
    (None, D("0.001")),
))  # fmt: skip
PRESERVATION_BANDS = (D(30), D(1_000), ((D(100_000), D("0.01")), (None, D("0.005"))))
DIVORCE_BANDS = (D(0), D(200_000), ((None, D("0.005")),))
PERSONALITY_BANDS = (D(0), D(50_000), ((D(100_000), D("0.01")), (None, D("0.005"))))
PRESERVATION_CAP = D(5_000)
BANKRUPTCY_CAP = D(300_000)


class FeeError(ValueError):
    """The input cannot give a fee (the form says so before it gets here)."""


@dataclass(frozen=True)
class Line:
    """One line of the working: the part of the amount in (lower, upper] and what it pays.
    rate None: the flat sum for the first band; upper None: the open top band."""

    lower: Decimal
    upper: Decimal | None
    portion: Decimal
    rate: Decimal | None
    amount: Decimal


@dataclass(frozen=True)
class Fee:
    kind: str
    article: int  # of 诉讼费用交纳办法
    item: int  # the item of the article: Art. 13(1) → 13, 1
    low: Decimal  # exact; equal to high unless the statute gives a range
    high: Decimal
    amount: Decimal | None = None
    lines: tuple[Line, ...] = ()
    banded: Decimal = ZERO  # the banded part (divorce, personality) or the property fee
    unhalved_low: Decimal | None = None  # before halving, when halved
    unhalved_high: Decimal | None = None
    halved_by: tuple[int, ...] = ()  # the halving articles that applied (one halving)
    capped: Decimal | None = None  # the cap that applied
    fraction: str = ""  # "1/3" or "1/2": the share of the property fee (payment order, bankruptcy)

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def halving_stacked(self) -> bool:
        """Two or more grounds were given, yet halved once (❓ not stated in the text)."""
        return len(self.halved_by) > 1


def cumulative(x: Decimal, bands) -> tuple[Decimal, tuple[Line, ...]]:
    """The fee on x by cumulative bands: the flat sum up to the first bound, then each band's
    rate on the part of x inside it."""
    flat, first, rest = bands
    lines = [Line(D(0), first, min(x, first), None, flat)] if flat else []
    total = flat
    lower = first
    for upper, rate in rest:
        if x <= lower:
            break
        portion = (x if upper is None else min(x, upper)) - lower
        amount = portion * rate
        lines.append(Line(lower, upper, portion, rate, amount))
        total += amount
        lower = upper if upper is not None else lower
        if upper is None:
            break
    return total, tuple(lines)


def _amount(amount, kind: str) -> Decimal | None:
    if amount is None or amount == "":
        if kind in AMOUNT_REQUIRED:
            raise FeeError("amount required")
        return None
    x = D(amount) if not isinstance(amount, Decimal) else amount
    if not x.is_finite() or x < 0:
        raise FeeError("amount must be a finite number ≥ 0")
    if kind in AMOUNT_REQUIRED and x == 0:
        raise FeeError("amount must be greater than 0")
    return x


def property_fee(x) -> Decimal:
    """Art. 13(1): the fee of a property case on the claim amount x, exact."""
    return cumulative(_amount(x, PROPERTY), PROPERTY_BANDS)[0]


def _ranged(kind, article, item, low, high, x=None, bands=None) -> Fee:
    banded, lines = (D(0), ())
    if bands is not None and x:
        banded, lines = cumulative(x, bands)
    return Fee(kind, article, item, D(low) + banded, D(high) + banded, amount=x, lines=lines,
               banded=banded)  # fmt: skip


def compute(kind: str, amount=None, halving=()) -> Fee:
    """The fee of `kind` on `amount` (yuan; Decimal, str or int; None where none is needed),
    halved once (Arts. 15, 16, 18) if any ground in `halving` applies to a case acceptance
    fee. Raises FeeError on input that gives no fee."""
    if kind not in KINDS:
        raise FeeError(f"unknown kind {kind!r}")
    grounds = tuple(sorted({HALVING_ARTICLES[g] for g in halving}))
    if grounds and kind in APPLICATION_KINDS:
        raise FeeError("application fees are not halved")
    x = _amount(amount, kind)
    if kind == PROPERTY:
        total, lines = cumulative(x, PROPERTY_BANDS)
        fee = Fee(kind, 13, 1, total, total, amount=x, lines=lines, banded=total)
    elif kind == DIVORCE:
        fee = _ranged(kind, 13, 2, 50, 300, x, DIVORCE_BANDS)
    elif kind == PERSONALITY:
        fee = _ranged(kind, 13, 2, 100, 500, x, PERSONALITY_BANDS)
    elif kind == NON_PROPERTY:
        fee = _ranged(kind, 13, 2, 50, 100)
    elif kind == IP:
        if x:  # Art. 13(3): with an amount in dispute, as a property case
            total, lines = cumulative(x, PROPERTY_BANDS)
            fee = Fee(kind, 13, 3, total, total, amount=x, lines=lines, banded=total)
        else:
            fee = _ranged(kind, 13, 3, 500, 1_000)
    elif kind == LABOUR:
        fee = _ranged(kind, 13, 4, 10, 10)
    elif kind == ADMIN_SPECIAL:
        fee = _ranged(kind, 13, 5, 100, 100)
    elif kind == ADMIN_OTHER:
        fee = _ranged(kind, 13, 5, 50, 50)
    elif kind == JURISDICTION:
        fee = _ranged(kind, 13, 6, 50, 100)
    elif kind == ENFORCEMENT:
        if x:
            total, lines = cumulative(x, ENFORCEMENT_BANDS)
            fee = Fee(kind, 14, 1, total, total, amount=x, lines=lines, banded=total)
        else:  # no amount to enforce: 50 to 500
            fee = _ranged(kind, 14, 1, 50, 500)
    elif kind == PRESERVATION:
        total, lines = cumulative(x or D(0), PRESERVATION_BANDS)
        capped = PRESERVATION_CAP if total > PRESERVATION_CAP else None
        total = min(total, PRESERVATION_CAP)
        fee = Fee(kind, 14, 2, total, total, amount=x, lines=lines, banded=total, capped=capped)
    elif kind == PAYMENT_ORDER:
        base, lines = cumulative(x, PROPERTY_BANDS)
        fee = Fee(kind, 14, 3, base / 3, base / 3, amount=x, lines=lines, banded=base,
                  fraction="1/3")  # fmt: skip
    else:  # BANKRUPTCY
        base, lines = cumulative(x, PROPERTY_BANDS)
        total = base * HALF
        capped = BANKRUPTCY_CAP if total > BANKRUPTCY_CAP else None
        total = min(total, BANKRUPTCY_CAP)
        fee = Fee(kind, 14, 6, total, total, amount=x, lines=lines, banded=base, capped=capped,
                  fraction="1/2")  # fmt: skip
    if grounds:
        fee = Fee(fee.kind, fee.article, fee.item, fee.low * HALF, fee.high * HALF,
                  amount=fee.amount, lines=fee.lines, banded=fee.banded,
                  unhalved_low=fee.low, unhalved_high=fee.high, halved_by=grounds,
                  capped=fee.capped, fraction=fee.fraction)  # fmt: skip
    return fee


def to_fen(value: Decimal) -> Decimal:
    """For display only: rounded to the fen, half up (the rule is not in the text ❓)."""
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


__all__ = ["Fee", "FeeError", "Line", "compute", "cumulative", "property_fee", "to_fen"]
