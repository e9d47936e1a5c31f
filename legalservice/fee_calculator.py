"""The public litigation fee calculator (诉讼费用计算器) on the portal: a form, the fee from
legalservice.fees, and the working line by line. No login, nothing stored."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from legalservice import fees

MAX_AMOUNT = Decimal(10) ** 13  # ten trillion yuan: more is a typing slip
NUMBER = re.compile(r"\d+(\.\d+)?")

KIND_CHOICES = [
    (fees.PROPERTY, gettext_lazy("Property case (claim amount)")),
    (fees.DIVORCE, gettext_lazy("Divorce case")),
    (fees.PERSONALITY, gettext_lazy("Personality rights case (name, likeness, reputation…)")),
    (fees.NON_PROPERTY, gettext_lazy("Other non-property case")),
    (fees.IP, gettext_lazy("Intellectual property civil case")),
    (fees.LABOUR, gettext_lazy("Labour dispute")),
    (fees.ADMIN_SPECIAL, gettext_lazy("Administrative case: trademark, patent or maritime")),
    (fees.ADMIN_OTHER, gettext_lazy("Other administrative case")),
    (fees.JURISDICTION, gettext_lazy("Objection to jurisdiction not upheld")),
    (fees.ENFORCEMENT, gettext_lazy("Application for enforcement")),
    (fees.PRESERVATION, gettext_lazy("Application for preservation")),
    (fees.PAYMENT_ORDER, gettext_lazy("Application for a payment order")),
    (fees.BANKRUPTCY, gettext_lazy("Bankruptcy case")),
]
HALVING_CHOICES = [
    (fees.MEDIATION_OR_WITHDRAWAL, gettext_lazy("Closed by mediation, or the claim withdrawn")),
    (fees.SIMPLIFIED, gettext_lazy("Heard under the simplified procedure")),
    (fees.HEARD_TOGETHER,
     gettext_lazy("Counterclaim or third-party claim heard together with the case")),
]  # fmt: skip


class FeeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of case or application"),
                             choices=KIND_CHOICES)  # fmt: skip
    amount = forms.CharField(
        label=gettext_lazy("Amount (yuan)"), required=False, max_length=40,
        help_text=gettext_lazy(
            "Property case: the amount claimed; divorce: the property to be divided; "
            "personality rights: the damages claimed; enforcement: the amount to enforce; "
            "preservation: the property preserved; bankruptcy: the bankruptcy property. "
            "Leave empty where there is none."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )  # fmt: skip
    halving = forms.MultipleChoiceField(
        label=gettext_lazy("Halving of the case acceptance fee"), required=False,
        choices=HALVING_CHOICES, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def _named(self, name: str, message: str) -> str:
        return _("%(field)s: %(problem)s") % {"field": self.fields[name].label,
                                               "problem": message}  # fmt: skip

    def clean_amount(self):
        raw = unicodedata.normalize("NFKC", self.cleaned_data.get("amount") or "")
        raw = re.sub(r"[\s,，]", "", raw).removesuffix("元")
        if not raw:
            return None
        if raw.startswith("-"):
            raise forms.ValidationError(self._named("amount", _("cannot be negative.")))
        if not NUMBER.fullmatch(raw):
            raise forms.ValidationError(
                self._named("amount", _("enter a number, such as 100000 or 123456.78."))
            )
        try:
            value = Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the pattern allows only digits
            raise forms.ValidationError(self._named("amount", _("enter a number."))) from None
        if value > MAX_AMOUNT:
            raise forms.ValidationError(self._named("amount", _("the amount is too large.")))
        return value

    def clean(self):
        data = super().clean()
        kind, amount = data.get("kind"), data.get("amount")
        if kind in fees.AMOUNT_REQUIRED and "amount" not in self.errors and not amount:
            self.add_error("amount", self._named(
                "amount", _("this kind needs an amount greater than 0.")))  # fmt: skip
        if kind in fees.APPLICATION_KINDS and data.get("halving"):
            self.add_error("halving", self._named(
                "halving", _("only the case acceptance fee is halved, not an application fee.")
            ))  # fmt: skip
        return data


def money(value: Decimal) -> str:
    return f"{fees.to_fen(value):,}"


def exact(value: Decimal) -> str:
    """The exact figure when it has more than two decimals, else ""."""
    n = value.normalize()
    places = -n.as_tuple().exponent
    if places <= 2:
        return ""
    if places > 6:
        return f"{value.quantize(Decimal('0.000001'), rounding=ROUND_DOWN):,}…"
    return f"{n:,}"


def bound(value: Decimal) -> str:
    """A band's bound: 10,000 rather than 10,000.00."""
    return f"{value:,.0f}" if value == value.to_integral_value() else money(value)


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def working(fee: fees.Fee) -> list[str]:
    rows = []
    for line in fee.lines:
        if line.rate is None:
            rows.append(_("Up to %(upper)s yuan: %(amount)s yuan per case")
                        % {"upper": bound(line.upper), "amount": money(line.amount)})  # fmt: skip
            continue
        args = {"lower": bound(line.lower), "portion": exact(line.portion) or money(line.portion),
                "rate": percent(line.rate), "amount": exact(line.amount) or money(line.amount)}  # fmt: skip
        if line.upper is None:
            rows.append(_("The part above %(lower)s yuan: %(portion)s × %(rate)s = %(amount)s")
                        % args)  # fmt: skip
        else:
            args["upper"] = bound(line.upper)
            rows.append(_("The part above %(lower)s up to %(upper)s yuan: %(portion)s × "
                          "%(rate)s = %(amount)s") % args)  # fmt: skip
    return rows


def present(fee: fees.Fee) -> dict:
    """What the page shows of a fee: figures as text, the article, the working, the notes."""
    item = dict(KIND_CHOICES)[fee.kind]
    notes = []
    base_kinds = (fees.DIVORCE, fees.PERSONALITY)
    if fee.kind in base_kinds and fee.banded:
        notes.append(_("A fixed sum within the range, plus %(banded)s yuan on the amount.")
                     % {"banded": exact(fee.banded) or money(fee.banded)})  # fmt: skip
    if fee.fraction:
        notes.append(_("The property case fee on this amount is %(base)s yuan; this fee is "
                       "%(fraction)s of it.") % {"base": exact(fee.banded) or money(fee.banded),
                                                 "fraction": fee.fraction})  # fmt: skip
    if fee.capped is not None:
        notes.append(_("Capped at %(cap)s yuan.") % {"cap": money(fee.capped)})
    if fee.is_range:
        notes.append(_("The province fixes the sum within this range."))
    if fee.halved_by:
        notes.append(_("Halved (Art. %(articles)s): before halving %(before)s yuan.") % {
            "articles": "、".join(str(a) for a in fee.halved_by),
            "before": _range(fee.unhalved_low, fee.unhalved_high),
        })  # fmt: skip
    if fee.halving_stacked:
        notes.append(_("Several grounds for halving apply; the fee is halved once. The measures "
                       "do not say whether halvings stack."))  # fmt: skip
    return {
        "kind": item,
        "fee": _range(fee.low, fee.high),
        "exact": "" if fee.is_range else exact(fee.low),
        "low": fees.to_fen(fee.low),
        "high": fees.to_fen(fee.high),
        "article": _("Measures on the Payment of Litigation Costs, Art. %(article)s(%(item)s)")
        % {"article": fee.article, "item": fee.item},
        "working": working(fee),
        "notes": notes,
    }


def _range(low: Decimal, high: Decimal) -> str:
    return money(low) if low == high else f"{money(low)} – {money(high)}"


def fee_calculator(request):
    form = FeeForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = present(fees.compute(data["kind"], data["amount"], data["halving"]))
        except fees.FeeError:  # the form checks first; a safety net, never a 500
            form.add_error(None, _("This combination gives no fee; check the entries."))
    return render(request, "legalservice/public_fees.html", {
        "form": form, "result": result, "title": _("Litigation fee calculator"),
    })  # fmt: skip
