"""Case subsidies of legal aid (办案补贴): the schedule, the subsidy of each closed case, the
monthly payment list per lawyer and firm, its workbook, and the paid status.

Statute (reference/statutes.md §2): the legal aid agency pays the subsidy promptly; the rates
are set by the provincial justice and finance departments with regard to the cost of the
service; the subsidy is tax exempt (法律援助法第五十二条).

Schedule. A centre's schedule (`SubsidyRate`) has one line per matter and stage, each valid
from a day; a later line for the same matter and stage supersedes the earlier from its day. A
line with no stage applies to every stage of the matter that has no line of its own.

Subsidy of a case (`subsidy_for`). Only a case that is closed and archived (归档, the centre has
reviewed its file) has a subsidy, at most one. The rate is the centre's line for the case's
matter and stage (the stage line first, else the matter's line with no stage) valid on the
day the case was archived. Amount payable = the rate + an adjustment (positive or negative,
e.g. for a complex case or a poor file), and an adjustment needs its reason. The subsidy goes
on the payment list of a month, to the assigned lawyer and their firm.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cases.forms import DateInput
from core import fields
from core.audit import acting
from core.errors import FazhiError, InvalidInput, PermissionDenied
from core.generic import report_service_error
from core.models import Organization
from legalaid.choices import Matter
from legalaid.models import AidCase, Subsidy, SubsidyRate
from legalaid.process import S
from legalaid.quality import EARLIEST, centres_for

ZERO = Decimal(0)
CENT = Decimal("0.01")
# Subsidy.amount holds 10 digits, two of them decimals.
LIMIT = Decimal("1e8")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> datetime.date:
    return timezone.localdate()


def month_start(value) -> datetime.date | None:
    """The first day of the month `value` names: a date, "YYYY-MM" or "YYYY-MM-DD"; None if it
    names none."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    try:
        if len(text) == 7:
            return datetime.date.fromisoformat(f"{text}-01")
        return datetime.date.fromisoformat(text).replace(day=1)
    except ValueError:
        return None


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def _amount(value, key: str, errors: dict, *, allow_negative: bool) -> Decimal:
    try:
        text = str(value if value is not None else "").replace(",", "").strip() or "0"
        number = Decimal(text)
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors[key] = [_("Enter an amount in yuan, e.g. 1200 or 1200.50.")]
        return ZERO
    if number != number.quantize(CENT):
        errors[key] = [_("The amount has at most two decimal places (fen).")]
    elif not allow_negative and number < 0:
        errors[key] = [_("The amount cannot be negative.")]
    elif abs(number) >= LIMIT:
        errors[key] = [_("The amount is implausibly large.")]
    return number.quantize(CENT) if key not in errors else ZERO


def _raise(errors: dict) -> None:
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], fields=errors)


# -- selectors --------------------------------------------------------------------------------


def visible_subsidies(user):
    """Subsidies in the user's jurisdiction; a lawyer's own (Subsidy.scope_user_fields)."""
    return Subsidy.objects.restrict(user, "view")


def closed_on(case) -> datetime.date:
    return timezone.localdate(case.closed_at) if case.closed_at else _today()


def rate_for(case, on_date: datetime.date | None = None) -> SubsidyRate | None:
    """The schedule line for the case (module docstring), valid on `on_date` (by default the
    day the case was archived)."""
    on_date = on_date or closed_on(case)
    rates = SubsidyRate.objects.filter(
        centre_id=case.organization_id, matter=case.matter, valid_from__lte=on_date
    ).order_by("-valid_from", "-id")
    stage = (case.stage or "").strip()
    if stage:
        exact = rates.filter(stage=stage).first()
        if exact is not None:
            return exact
    return rates.filter(stage="").first()


def awaiting_subsidy(user):
    """Archived cases in the user's jurisdiction with an assigned lawyer and no subsidy yet."""
    return (
        AidCase.objects.restrict(user, "view")
        .filter(state=S.ARCHIVED, lawyer__isnull=False, subsidy__isnull=True)
        .select_related("lawyer", "lawyer__organization", "organization")
        .order_by("closed_at", "id")
    )


@dataclass
class LawyerLine:
    lawyer: object
    rows: list = field(default_factory=list)
    total: Decimal = ZERO


@dataclass
class FirmGroup:
    firm: Organization
    lawyers: list[LawyerLine] = field(default_factory=list)
    total: Decimal = ZERO
    count: int = 0


@dataclass
class PaymentList:
    month: datetime.date
    firms: list[FirmGroup] = field(default_factory=list)
    total: Decimal = ZERO
    count: int = 0
    unpaid: int = 0
    unpaid_total: Decimal = ZERO


def payment_list(user, month: datetime.date) -> PaymentList:
    """The month's subsidies the user may see, by firm and lawyer, with their totals."""
    rows = (
        visible_subsidies(user)
        .filter(month=month)
        .select_related("case", "lawyer", "firm", "centre")
        .order_by("firm__name", "firm_id", "lawyer__name", "lawyer_id", "case__number", "id")
    )
    result = PaymentList(month=month)
    for row in rows:
        if not result.firms or result.firms[-1].firm.pk != row.firm_id:
            result.firms.append(FirmGroup(firm=row.firm))
        group = result.firms[-1]
        if not group.lawyers or group.lawyers[-1].lawyer.pk != row.lawyer_id:
            group.lawyers.append(LawyerLine(lawyer=row.lawyer))
        line = group.lawyers[-1]
        line.rows.append(row)
        line.total += row.amount
        group.total += row.amount
        group.count += 1
        result.total += row.amount
        result.count += 1
        if row.paid_on is None:
            result.unpaid += 1
            result.unpaid_total += row.amount
    return result


# -- services ---------------------------------------------------------------------------------


def rate_add(
    *,
    actor,
    centre: Organization,
    matter: str,
    stage: str,
    amount,
    valid_from: datetime.date,
) -> SubsidyRate:
    """Add a line to a centre's subsidy schedule (法律援助法第五十二条)."""
    if not actor.can("legalaid.add_subsidyrate"):
        raise PermissionDenied(_("You may not change the subsidy schedule."))
    errors: dict[str, list[str]] = {}
    if (
        centre is None
        or not centres_for(actor, "legalaid.add_subsidyrate").filter(pk=centre.pk).exists()
    ):
        errors["centre"] = [_("Choose a legal aid centre of your jurisdiction.")]
    if matter not in Matter.values:
        errors["matter"] = [_("Choose the matter.")]
    stage = str(stage or "").strip()
    if len(stage) > 64:
        errors["stage"] = [_("The stage has at most 64 characters.")]
    value = _amount(amount, "amount", errors, allow_negative=False)
    if not isinstance(valid_from, datetime.date):
        errors["valid_from"] = [_("Enter the day the rate applies from.")]
    elif valid_from < EARLIEST:
        errors["valid_from"] = [
            _("The date cannot be before %(date)s.") % {"date": EARLIEST.isoformat()}
        ]
    elif (
        "centre" not in errors
        and SubsidyRate.objects.filter(
            centre=centre, matter=matter, stage=stage, valid_from=valid_from
        ).exists()
    ):
        errors["valid_from"] = [
            _("The schedule already has a rate for this matter and stage from that day.")
        ]
    _raise(errors)
    with acting(actor), transaction.atomic():
        return SubsidyRate.objects.create(
            centre=centre,
            matter=matter,
            stage=stage,
            amount=value,
            valid_from=valid_from,
            region_code=centre.region_id,
        )


def subsidy_for(case, actor, month, adjustment=0, reason: str = "") -> Subsidy:
    """The subsidy of a closed and archived case on the payment list of `month` (法律援助法第
    五十二条): the schedule's rate + `adjustment` (which needs `reason`). Refused, with nothing
    written, for a case that is not archived, has no assigned lawyer, has no rate in the
    schedule or already has its subsidy."""
    if not actor.can("legalaid.add_subsidy"):
        raise PermissionDenied(_("You may not compute subsidies."))
    errors: dict[str, list[str]] = {}
    found = (
        AidCase.objects.restrict(actor, "view")
        .select_related("lawyer", "lawyer__organization", "organization")
        .filter(pk=getattr(case, "pk", None))
        .first()
    )
    if found is None:
        _raise({"case": [_("That case does not exist or is outside your jurisdiction.")]})
    case = found
    if case.state != S.ARCHIVED:
        errors["case"] = [
            _(
                "Case %(number)s is not closed and archived (it is “%(state)s”): a subsidy is "
                "computed only once the centre has archived the file."
            )
            % {"number": case.number, "state": case.state_label}
        ]
    elif case.lawyer_id is None:
        errors["case"] = [
            _("Case %(number)s has no assigned lawyer to pay.") % {"number": case.number}
        ]
    elif Subsidy.objects.filter(case=case).exists():
        errors["case"] = [
            _("The subsidy of case %(number)s has already been computed.") % {"number": case.number}
        ]
    rate = None
    if "case" not in errors:
        rate = rate_for(case)
        if rate is None:
            errors["case"] = [
                _(
                    "The schedule of %(centre)s has no rate for %(matter)s (stage: %(stage)s) "
                    "valid on %(date)s: add it to the schedule first."
                )
                % {
                    "centre": case.organization,
                    "matter": case.get_matter_display(),
                    "stage": case.stage or "—",
                    "date": closed_on(case).isoformat(),
                }
            ]
    start = month_start(month)
    if start is None or start.year < EARLIEST.year:
        errors["month"] = [_("Enter the payment month as YYYY-MM.")]
    elif start > _next_month(_today().replace(day=1)):
        errors["month"] = [_("The payment month cannot be more than a month ahead.")]
    elif case.closed_at and start < closed_on(case).replace(day=1):
        errors["month"] = [
            _("The payment month cannot precede the month the case was archived (%(month)s).")
            % {"month": closed_on(case).strftime("%Y-%m")}
        ]
    adjustment = _amount(adjustment, "adjustment", errors, allow_negative=True)
    reason = str(reason or "").strip()
    if adjustment and not reason:
        errors["adjustment_reason"] = [_("Give the reason for the adjustment.")]
    elif len(reason) > 200:
        errors["adjustment_reason"] = [_("The reason has at most 200 characters.")]
    if rate is not None and "adjustment" not in errors and rate.amount + adjustment < 0:
        errors["adjustment"] = [
            _("The adjustment cannot take the amount below zero (the standard is %(amount)s).")
            % {"amount": rate.amount}
        ]
    elif rate is not None and "adjustment" not in errors and rate.amount + adjustment >= LIMIT:
        # Each under the limit, their sum may not be: the amount column holds less than 10^8.
        errors["adjustment"] = [_("The amount is implausibly large.")]
    _raise(errors)
    try:
        with acting(actor), transaction.atomic():
            AidCase.objects.select_for_update().filter(pk=case.pk).first()
            return Subsidy.objects.create(
                case=case,
                lawyer=case.lawyer,
                firm=case.lawyer.organization,
                month=start,
                base=rate.amount,
                adjustment=adjustment,
                adjustment_reason=reason if adjustment else "",
                amount=rate.amount + adjustment,
                centre=case.organization,
                region_code=case.region_code,
            )
    except IntegrityError:
        # Another clerk computed it a moment earlier.
        _raise(
            {
                "case": [
                    _("The subsidy of case %(number)s has already been computed.")
                    % {"number": case.number}
                ]
            }
        )


def subsidies_mark_paid(*, actor, month, paid_on: datetime.date, ids=None) -> int:
    """Mark the month's unpaid subsidies in the actor's jurisdiction (or those of `ids`) paid on
    `paid_on`; return how many."""
    if not actor.can("legalaid.change_subsidy"):
        raise PermissionDenied(_("You may not mark subsidies paid."))
    errors: dict[str, list[str]] = {}
    start = month_start(month)
    if start is None:
        errors["month"] = [_("Enter the payment month as YYYY-MM.")]
    if not isinstance(paid_on, datetime.date):
        errors["paid_on"] = [_("Enter the day of payment.")]
    elif paid_on > _today():
        errors["paid_on"] = [_("The date cannot be in the future.")]
    elif start is not None and paid_on < start:
        errors["paid_on"] = [_("The payment cannot precede the month of the list.")]
    _raise(errors)
    rows = Subsidy.objects.restrict(actor, "change").filter(month=start, paid_on__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    with acting(actor), transaction.atomic():
        marked = list(rows.select_for_update())
        if not marked:
            _raise({"paid_on": [_("Nothing to mark: the subsidies of this month are paid.")]})
        for row in marked:
            row.paid_on = paid_on
            row.save(update_fields=["paid_on"])
    return len(marked)


# -- the workbook -----------------------------------------------------------------------------


def payment_workbook(plist: PaymentList, *, about: list[tuple[str, str]] = ()) -> bytes:
    """The payment list as a workbook: a sheet of cases with a subtotal per firm and the grand
    total, a sheet of totals per lawyer and firm, and what the list is."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    money = "#,##0.00"
    wb = Workbook()
    detail = wb.active
    detail.title = _("Cases")[:31]
    headers = [
        _("law firm"),
        _("lawyer"),
        _("case number"),
        _("matter"),
        _("stage"),
        _("archived on"),
        _("standard amount"),
        _("adjustment"),
        _("reason for the adjustment"),
        _("amount payable"),
        _("paid on"),
    ]
    detail.append(headers)
    for cell in detail[1]:
        cell.font = bold
    for group in plist.firms:
        for line in group.lawyers:
            for row in line.rows:
                detail.append(
                    [
                        group.firm.name,
                        line.lawyer.name,
                        row.case.number,
                        row.case.get_matter_display(),
                        row.case.stage,
                        closed_on(row.case),
                        row.base,
                        row.adjustment,
                        row.adjustment_reason,
                        row.amount,
                        row.paid_on,
                    ]
                )
        detail.append([_("Subtotal: %(firm)s") % {"firm": group.firm.name}, *[""] * 8, group.total])
        for cell in detail[detail.max_row]:
            cell.font = bold
    detail.append([_("Total"), *[""] * 8, plist.total])
    for cell in detail[detail.max_row]:
        cell.font = bold
    for row in detail.iter_rows(min_row=2):
        for index in (6, 7, 9):
            row[index].number_format = money
        row[5].number_format = row[10].number_format = "yyyy-mm-dd"
    for letter, width in zip(
        "ABCDEFGHIJK", (30, 10, 26, 10, 12, 12, 12, 10, 24, 12, 12), strict=True
    ):
        detail.column_dimensions[letter].width = width
    detail.freeze_panes = "A2"

    summary = wb.create_sheet(_("By lawyer")[:31])
    summary.append([_("law firm"), _("lawyer"), _("cases"), _("amount payable")])
    for cell in summary[1]:
        cell.font = bold
    for group in plist.firms:
        for line in group.lawyers:
            summary.append([group.firm.name, line.lawyer.name, len(line.rows), line.total])
        summary.append(
            [_("Subtotal: %(firm)s") % {"firm": group.firm.name}, "", group.count, group.total]
        )
        for cell in summary[summary.max_row]:
            cell.font = bold
    summary.append([_("Total"), "", plist.count, plist.total])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for row in summary.iter_rows(min_row=2):
        row[3].number_format = money
    for letter, width in zip("ABCD", (30, 12, 8, 14), strict=True):
        summary.column_dimensions[letter].width = width

    notes = wb.create_sheet(_("About this list")[:31])
    for label, value in [
        (_("List"), _("Legal aid subsidies, %(month)s") % {"month": plist.month.strftime("%Y-%m")}),
        *about,
    ]:
        notes.append([label, value])
        notes.cell(row=notes.max_row, column=1).font = bold
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 60
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text typed by a user is never a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- forms ------------------------------------------------------------------------------------


class RateForm(forms.Form):
    centre = fields.ModelChoiceField(label=gettext_lazy("legal aid centre"), queryset=None)
    matter = forms.ChoiceField(label=gettext_lazy("matter"), choices=Matter.choices)
    stage = forms.CharField(
        label=gettext_lazy("stage"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Empty: every stage of the matter without a rate of its own."),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("amount (yuan)"), min_value=0, max_digits=10, decimal_places=2
    )
    valid_from = forms.DateField(label=gettext_lazy("valid from"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = centres_for(user, "legalaid.add_subsidyrate")
        self.fields["centre"].queryset = centres
        if centres.count() == 1:
            self.initial.setdefault("centre", centres.first())


class SubsidyForm(forms.Form):
    month = forms.CharField(label=gettext_lazy("payment month"), max_length=7)
    adjustment = forms.DecimalField(
        label=gettext_lazy("adjustment"), max_digits=10, decimal_places=2, required=False
    )
    adjustment_reason = forms.CharField(
        label=gettext_lazy("reason for the adjustment"), max_length=200, required=False
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=gettext_lazy("paid on"), initial=_today, widget=DateInput())


# -- views ------------------------------------------------------------------------------------


def _month_or_404(month: str) -> datetime.date:
    start = month_start(month)
    if start is None or start.year < EARLIEST.year:
        raise Http404
    return start


def _list_url(month: datetime.date) -> str:
    return reverse("legalaid:subsidy_list", args=[month.strftime("%Y-%m")])


def _may_see(user) -> bool:
    return user.can("legalaid.view_subsidy")


@login_required
def rates_view(request):
    """The subsidy schedule in the user's jurisdiction; centre staff add lines."""
    user = request.user
    if not user.can("legalaid.view_subsidyrate"):
        raise DjangoPermissionDenied
    can_add = user.can("legalaid.add_subsidyrate")
    form = RateForm(request.POST or None, user=user) if can_add else None
    if request.method == "POST":
        if form is None:
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                rate_add(actor=user, **form.cleaned_data)
            except InvalidInput as exc:
                for name, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            except FazhiError as exc:
                report_service_error(request, exc)
            else:
                messages.success(request, _("Rate added to the schedule."))
                return redirect("legalaid:subsidy_rates")
    rates = list(
        SubsidyRate.objects.restrict(user, "view")
        .select_related("centre")
        .order_by("centre__name", "centre_id", "matter", "stage", "-valid_from", "-id")
    )
    today, seen = _today(), set()
    for rate in rates:
        key = (rate.centre_id, rate.matter, rate.stage)
        rate.current = rate.valid_from <= today and key not in seen
        if rate.valid_from <= today:
            seen.add(key)
    return render(
        request,
        "legalaid/subsidy_rates.html",
        {"title": _("Subsidy schedule"), "rates": rates, "form": form},
    )


@require_GET
@login_required
def list_view(request, month: str | None = None):
    """The payment list of a month, by firm and lawyer; the archived cases still without a
    subsidy; export and marking paid."""
    user = request.user
    if not _may_see(user):
        raise DjangoPermissionDenied
    if month is None:
        return redirect(_list_url(_today().replace(day=1)))
    start = _month_or_404(month)
    staff = user.can("legalaid.add_subsidy")
    awaiting = list(awaiting_subsidy(user)[:200]) if staff else []
    for case in awaiting:
        case.rate = rate_for(case)
    return render(
        request,
        "legalaid/subsidy_list.html",
        {
            "title": _("Subsidy payment list"),
            "month": start,
            "month_key": start.strftime("%Y-%m"),
            "previous": _previous_month(start).strftime("%Y-%m"),
            "next": _next_month(start).strftime("%Y-%m"),
            "plist": payment_list(user, start),
            "awaiting": awaiting,
            "can_compute": staff,
            "can_mark_paid": user.can("legalaid.change_subsidy"),
            "paid_form": PaidForm(),
        },
    )


@require_POST
@login_required
def compute_view(request, pk: int):
    """Compute the subsidy of an archived case (a form on the payment list)."""
    user = request.user
    if not user.can("legalaid.add_subsidy"):
        raise DjangoPermissionDenied
    form = SubsidyForm(request.POST)
    back = month_start(request.POST.get("month")) or _today().replace(day=1)
    if back.year < EARLIEST.year:
        back = _today().replace(day=1)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(_list_url(back))
    case = AidCase.objects.restrict(user, "view").filter(pk=pk).first()
    if case is None:
        raise Http404
    data = form.cleaned_data
    try:
        subsidy = subsidy_for(
            case,
            user,
            data["month"],
            adjustment=data.get("adjustment") or ZERO,
            reason=data.get("adjustment_reason", ""),
        )
    except InvalidInput as exc:
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(
            request,
            _("Subsidy of case %(number)s: %(amount)s yuan.")
            % {"number": case.number, "amount": subsidy.amount},
        )
        back = subsidy.month
    return redirect(_list_url(back))


@require_POST
@login_required
def mark_paid_view(request, month: str):
    user = request.user
    if not user.can("legalaid.change_subsidy"):
        raise DjangoPermissionDenied
    start = _month_or_404(month)
    form = PaidForm(request.POST)
    ids = [
        int(v) for v in request.POST.getlist("ids") if v.isascii() and v.isdigit() and len(v) <= 18
    ]
    if not form.is_valid():
        for error in form.errors.get("paid_on", []):
            messages.error(request, f"{form.fields['paid_on'].label}：{error}")
        return redirect(_list_url(start))
    try:
        count = subsidies_mark_paid(
            actor=user, month=start, paid_on=form.cleaned_data["paid_on"], ids=ids or None
        )
    except InvalidInput as exc:
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(request, _("%(count)s subsidies marked paid.") % {"count": count})
    return redirect(_list_url(start))


@require_GET
@login_required
def export_view(request, month: str):
    """The month's payment list as an Excel workbook, what the page shows."""
    user = request.user
    if not _may_see(user):
        raise DjangoPermissionDenied
    start = _month_or_404(month)
    membership = user.primary_membership
    about = [
        (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (
            _("Exported by"),
            str(user) if membership is None else f"{user} · {membership.organization}",
        ),
    ]
    content = payment_workbook(payment_list(user, start), about=about)
    response = HttpResponse(content, content_type=XLSX)
    name = _("Legal aid subsidies, %(month)s") % {"month": start.strftime("%Y-%m")}
    response["Content-Disposition"] = (
        f'attachment; filename="subsidies-{start:%Y-%m}.xlsx"; '
        f"filename*=UTF-8''{quote(name)}.xlsx"
    )
    return response
