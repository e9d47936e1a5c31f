"""The limits of the penalties on lawyers and law firms (律师法 Arts. 47–50, reference/
statutes-lines.md §E.1 ✅), checked before a penalty is recorded.

- Art. 47 (a lawyer): a warning, a fine of at most 5,000 yuan, suspension of practice of at
  most 3 months.
- Art. 48 (a lawyer): a warning, a fine of at most 10,000 yuan, suspension of 3 to 6 months.
- Art. 49 (a lawyer): suspension of 6 to 12 months, a fine of at most 50,000 yuan; in serious
  cases revocation of the certificate (by the provincial department).
- Art. 50 (a firm): a warning, closure for rectification of 1 to 6 months, a fine of at most
  100,000 yuan; in especially serious cases revocation of the licence (by the province).

Unlawful gains may be confiscated under each article. A decision names at least one measure;
suspension applies to a lawyer, closure to a firm. Arts. 47–50 are imposed by the
city-level (设区的市级) department; the county-level bureau investigates and proposes (Art. 52).

Notaries and notary offices (公证法 Arts. 41–42, §E.2 ✅) and forensic appraisers and
institutions (GD‑SJ penalty provisions ❓, §E.3): the reference gives the deciding level
("provincial or city" for 公证法) but no measures or limits, so none are invented here. What is
checked is only what the reference supports: the article is of the subject's law; a
suspension applies to a person (a notary or an appraiser), a closure to an office or an
institution; amounts are not negative; at least one measure is named. Who decides (the
city-level or provincial bureau) and that a revocation is the province's are the process's
guards (profession.process).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from profession.choices import (
    ARTICLE_LAW,
    INSTITUTIONS,
    PERSONS,
    SUBJECT_LAW,
    Law,
    PenaltyArticle,
    SubjectKind,
)


@dataclass(frozen=True)
class Limits:
    subject: str
    warning: bool
    fine_max: int
    suspension: tuple[int, int] | None  # (min, max) months, a lawyer's
    closure: tuple[int, int] | None  # (min, max) months, a firm's
    revocation: bool
    suspension_required: bool = False


LIMITS = {
    PenaltyArticle.ART_47: Limits(SubjectKind.LAWYER, True, 5000, (1, 3), None, False),
    PenaltyArticle.ART_48: Limits(SubjectKind.LAWYER, True, 10000, (3, 6), None, False),
    PenaltyArticle.ART_49: Limits(
        SubjectKind.LAWYER, False, 50000, (6, 12), None, True, suspension_required=True
    ),
    PenaltyArticle.ART_50: Limits(SubjectKind.FIRM, True, 100000, None, (1, 6), True),
}


def check(*, subject_kind: str, article: str, warning: bool, fine: Decimal,
          suspension_months: int, closure_months: int, revocation: bool,
          confiscated: Decimal) -> dict[str, str]:  # fmt: skip
    """The reasons by field why the measures exceed the article's limits; empty when lawful."""
    errors: dict[str, str] = {}
    if article not in ARTICLE_LAW:
        return {"article": _("Choose the article under which the penalty is imposed.")}
    law = SUBJECT_LAW.get(subject_kind)
    if ARTICLE_LAW[article] != law:
        return {"article": _("%(article)s does not apply to this subject; choose an article "
                             "of the %(law)s.") % {"article": PenaltyArticle(article).label,
                                                   "law": Law(law).label if law else "—"}}  # fmt: skip
    if law != Law.LAWYERS:
        return _check_without_limits(subject_kind=subject_kind, warning=warning, fine=fine,
                                     suspension_months=suspension_months,
                                     closure_months=closure_months, revocation=revocation,
                                     confiscated=confiscated)  # fmt: skip
    limits = LIMITS[article]
    art = {"article": article}
    if subject_kind != limits.subject:
        if limits.subject == SubjectKind.FIRM:
            errors["article"] = _("Art. %(article)s penalises a law firm, not a lawyer.") % art
        else:
            errors["article"] = _("Art. %(article)s penalises a lawyer, not a law firm.") % art
        return errors
    if warning and not limits.warning:
        errors["warning"] = _("Art. %(article)s provides no warning.") % art
    if fine < 0:
        errors["fine"] = _("The fine cannot be negative.")
    elif fine > limits.fine_max:
        errors["fine"] = _("Art. %(article)s allows a fine of at most %(max)s yuan.") % {
            **art, "max": f"{limits.fine_max:,}"}  # fmt: skip
    if confiscated < 0:
        errors["confiscated"] = _("The amount confiscated cannot be negative.")
    if suspension_months:
        if limits.suspension is None:
            errors["suspension_months"] = _("A law firm is not suspended; it may be closed for "
                                            "rectification (Art. 50).")  # fmt: skip
        else:
            low, high = limits.suspension
            if not low <= suspension_months <= high:
                errors["suspension_months"] = (
                    _("Art. %(article)s allows suspension of %(low)s to %(high)s months.")
                    % {**art, "low": low, "high": high}
                    if low > 1
                    else _("Art. %(article)s allows suspension of at most %(high)s months.")
                    % {**art, "high": high}
                )
    if closure_months:
        if limits.closure is None:
            errors["closure_months"] = _("Closure for rectification applies to a law firm "
                                         "(Art. 50).")  # fmt: skip
        else:
            low, high = limits.closure
            if not low <= closure_months <= high:
                errors["closure_months"] = _(
                    "Art. %(article)s allows closure of %(low)s to %(high)s months."
                ) % {**art, "low": low, "high": high}
    if revocation and not limits.revocation:
        errors["revocation"] = _("Art. %(article)s provides no revocation.") % art
    if limits.suspension_required and not suspension_months and not revocation:
        errors.setdefault("suspension_months", _(
            "Art. %(article)s requires suspension of %(low)s to %(high)s months, or "
            "revocation.") % {**art, "low": limits.suspension[0],
                               "high": limits.suspension[1]})  # fmt: skip
    if not errors and not (warning or fine or suspension_months or closure_months or revocation):
        errors["warning"] = _("Name at least one measure: warning, fine, suspension, closure or "
                              "revocation.")  # fmt: skip
    return errors


def _check_without_limits(*, subject_kind: str, warning: bool, fine: Decimal,
                          suspension_months: int, closure_months: int, revocation: bool,
                          confiscated: Decimal) -> dict[str, str]:  # fmt: skip
    """公证法 Arts. 41–42 and the GD‑SJ penalty provisions: the reference gives no limits, so
    only the kind of measure is matched to the subject (statutes-lines §E.2–E.3)."""
    errors: dict[str, str] = {}
    if fine < 0:
        errors["fine"] = _("The fine cannot be negative.")
    if confiscated < 0:
        errors["confiscated"] = _("The amount confiscated cannot be negative.")
    if suspension_months and subject_kind in INSTITUTIONS:
        errors["suspension_months"] = _("Suspension of practice applies to a person (a notary "
                                        "or an appraiser), not to an office or institution; it "
                                        "may be closed for rectification.")  # fmt: skip
    if closure_months and subject_kind in PERSONS:
        errors["closure_months"] = _("Closure for rectification applies to an office or "
                                     "institution, not to a person; a person may be suspended "
                                     "from practice.")  # fmt: skip
    if not errors and not (warning or fine or suspension_months or closure_months or revocation):
        errors["warning"] = _("Name at least one measure: warning, fine, suspension, closure or "
                              "revocation.")  # fmt: skip
    return errors


def _amount(value: Decimal) -> str:
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


def describe(penalty) -> str:
    """The measures in words, as the public record prints them (警告，罚款5,000元，…)."""
    parts = []
    if penalty.warning:
        parts.append(_("warning"))
    if penalty.fine:
        parts.append(_("fine of %(amount)s yuan") % {"amount": _amount(penalty.fine)})
    if penalty.confiscated:
        parts.append(_("confiscation of unlawful gains of %(amount)s yuan")
                     % {"amount": _amount(penalty.confiscated)})  # fmt: skip
    if penalty.suspension_months:
        parts.append(_("suspension of practice for %(n)s months")
                     % {"n": penalty.suspension_months})  # fmt: skip
    if penalty.closure_months:
        parts.append(_("closure for rectification for %(n)s months")
                     % {"n": penalty.closure_months})  # fmt: skip
    if penalty.revocation:
        parts.append(_("revocation of the practice licence"))  # the certificate, for a person
    return "，".join(str(p) for p in parts)
