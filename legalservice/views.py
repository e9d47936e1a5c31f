"""Staff pages of public legal services: the lists (service points, services given, village
legal advisers, enterprise check-ups), each entry's page, the forms that create and change them,
and the adviser coverage by street. A row outside the user's jurisdiction answers 404, a write
the user's role does not grant 403 (legalservice.roles)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedListView,
    add_service_errors,
    record_page,
    report_service_error,
    scoped_object_or_404,
)
from legalservice import selectors, services
from legalservice.documents import REFERRAL
from legalservice.filters import AdviserFilter, CheckupFilter, PointFilter, RecordFilter
from legalservice.forms import (
    MASKED_PHONE_HELP,
    AdviserForm,
    AdviserLogForm,
    CheckupForm,
    PointForm,
    RecordForm,
    ReferForm,
)
from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)
from legalservice.tables import AdviserLogTable, AdviserTable, CheckupTable, PointTable, RecordTable


def _need(user, perm: str) -> None:
    if not user.can(perm):
        raise PermissionDenied


def _for_change(request, model, pk: int, perm: str, region_field: str):
    """The entry to change: 404 outside the user's sight, 403 where they may only read it."""
    row = scoped_object_or_404(model, request.user, pk)
    if not request.user.can_at(perm, getattr(row, region_field)):
        raise PermissionDenied
    return row


def _edit_page(request, *, form, run, back, title):
    """An edit without a submission key (editing twice writes the same); a refused input stands
    beside its field with what was typed, nothing written."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.data_for_service())
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": back})


def _detail(request, *, title, rows, edit_url=None, extra=None, template=None):
    context = {"title": title, "rows": rows, "edit_url": edit_url, **(extra or {})}
    return render(request, template or "legalservice/detail.html", context)


# -- service points ----------------------------------------------------------------------------


class PointListView(ScopedListView):
    model = ServicePoint
    table_class = PointTable
    filterset_class = PointFilter
    title = gettext_lazy("Public legal service points")
    create_url_name = "legalservice:point_create"
    create_permission = "legalservice.add_servicepoint"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "organization")


@login_required
def point_create(request):
    user, perm = request.user, "legalservice.add_servicepoint"
    _need(user, perm)
    form = PointForm(request.POST or None, user=user, perm=perm)
    return record_page(
        request, form=form, scope="legalservice.point_register",
        create=lambda: services.point_register(actor=user, data=form.data_for_service()),
        load=lambda pk: ServicePoint.objects.get(pk=pk),
        done="legalservice:point_list", success=_("Entered in the register."),
        title=_("Register a service point"), cancel_url=reverse("legalservice:point_list"),
    )  # fmt: skip


@login_required
def point_detail(request, pk: int):
    point = scoped_object_or_404(ServicePoint, request.user, pk)
    can_change = request.user.can_at("legalservice.change_servicepoint", point.region_id)
    rows = [
        (_("level"), point.get_level_display()),
        (_("region"), f"{point.region.code} {point.region.name}"),
        (_("running organisation"), point.organization),
        (_("address"), point.address),
        (_("opening hours"), point.hours),
        (_("telephone"), point.phone),
        (_("services offered"), "、".join(point.services_display())),
        (_("active"), _("yes") if point.is_active else _("no")),
        (_("established on"), point.established_on),
        (_("closed on"), point.closed_on),
    ]
    edit = reverse("legalservice:point_edit", args=[pk]) if can_change else None
    return _detail(request, title=point.name, rows=rows, edit_url=edit)


@login_required
def point_edit(request, pk: int):
    perm = "legalservice.change_servicepoint"
    point = _for_change(request, ServicePoint, pk, perm, "region_id")
    initial = {k: getattr(point, k) for k in ("name", "level", "address", "hours", "phone",
               "services", "is_active", "established_on", "closed_on")}  # fmt: skip
    initial.update(region=point.region_id, organization=point.organization_id)
    form = PointForm(request.POST or None, user=request.user, perm=perm, initial=initial,
                     current_organization=point.organization_id)  # fmt: skip
    return _edit_page(
        request, form=form, back=point.get_absolute_url(), title=_("Change the service point"),
        run=lambda data: services.point_update(actor=request.user, point=point, data=data),
    )  # fmt: skip


# -- services given ----------------------------------------------------------------------------


class RecordListView(ScopedListView):
    model = ServiceRecord
    table_class = RecordTable
    filterset_class = RecordFilter
    title = gettext_lazy("Public legal service records")
    create_url_name = "legalservice:record_create"
    create_permission = "legalservice.add_servicerecord"
    import_permission = "legalservice.add_servicerecord"  # importing.RECORD_PERMISSION
    template_name = "legalservice/record_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "service_point")


@login_required
def record_create(request):
    user, perm = request.user, "legalservice.add_servicerecord"
    _need(user, perm)
    form = RecordForm(request.POST or None, user=user, perm=perm,
                      initial={"served_on": timezone.localdate()})  # fmt: skip
    return record_page(
        request, form=form, scope="legalservice.record_create",
        create=lambda: services.record_create(actor=user, data=form.data_for_service()),
        load=lambda pk: ServiceRecord.objects.get(pk=pk),
        done="legalservice:record_list", success=_("Service recorded."),
        title=_("Record a service"), cancel_url=reverse("legalservice:record_list"),
    )  # fmt: skip


@login_required
def record_detail(request, pk: int):
    record = scoped_object_or_404(ServiceRecord, request.user, pk)
    can_change = request.user.can_at("legalservice.change_servicerecord", record.region_code)
    rows = [
        (_("date"), record.served_on),
        (_("handling organisation"), record.organization),
        (_("service point"), record.service_point),
        (_("channel"), record.get_channel_display()),
        (_("kind of matter"), record.get_matter_kind_display()),
        (_("name of the person served"), record.person_name),
        (_("telephone of the person served"), _phone_with_reveal(request, record, can_change)),
        (_("summary"), record.summary),
        (_("outcome"), record.get_outcome_display()),
    ]
    if record.is_referred:
        rows.append((_("referred case"), _referred_case(request.user, record)))
    edit = reverse("legalservice:record_edit", args=[pk]) if can_change else None
    refer = (
        reverse("legalservice:record_refer", args=[pk])
        if services.can_refer(request.user, record)
        else None
    )
    # The 转介函 of a referred record (legalservice.documents), to whoever sees the record.
    letter = (
        {fmt: reverse("legalservice:record_referral_letter", args=[pk, fmt])
         for fmt in ("docx", "pdf")}
        if REFERRAL.is_available(record)
        else None
    )  # fmt: skip
    return _detail(request, title=str(record), rows=rows, edit_url=edit,
                   extra={"refer_url": refer, "referral_letter": letter})  # fmt: skip


def _phone_with_reveal(request, record: ServiceRecord, can_reveal: bool):
    """The masked phone, with a button showing the full number to whom may change the record
    (a POST, written to the audit trail: record_phone_reveal)."""
    if not record.person_phone or not can_reveal:
        return record.masked_phone
    action = reverse("legalservice:record_phone_reveal", args=[record.pk])
    return format_html(
        '<span class="font-monospace" id="phone-value">{}</span>'
        '<form method="post" action="{}" class="d-inline" hx-post="{}" hx-target="#phone-value" '
        'hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button class="btn btn-link btn-sm p-0 ms-2" type="submit" data-reveal="phone">{}'
        "</button></form>",
        record.masked_phone, action, action, get_token(request),
        _("Show full number (logged)"),
    )  # fmt: skip


@login_required
@require_POST
def record_phone_reveal(request, pk: int):
    """The full telephone of the person served, written to the audit trail."""
    record = scoped_object_or_404(ServiceRecord, request.user, pk)
    try:
        value = services.record_phone_reveal(actor=request.user, record=record, request=request)
    except FazhiError as exc:
        report_service_error(request, exc)
        return redirect(record.get_absolute_url())
    if getattr(request, "htmx", False):
        return HttpResponse(format_html(
            '<span class="font-monospace" data-revealed="phone">{}</span>', value))  # fmt: skip
    messages.info(request, _("Full value: %(value)s (this view was logged)") % {"value": value})
    return redirect(record.get_absolute_url())


def _referred_case(user, record: ServiceRecord):
    """The case the referral opened: its number as a link to it when the user may see it
    (core.querysets scoping of that line), else the number alone."""
    case = record.referred_case
    if case is None:
        return "—"
    model = type(case)
    label = f"{model._meta.verbose_name} {case}"
    if model.objects.restrict(user, "view").filter(pk=case.pk).exists():
        return format_html('<a href="{}" id="referred-case">{}</a>', case.get_absolute_url(),
                           label)  # fmt: skip
    return label


@login_required
def record_refer(request, pk: int):
    """Refer the person of a record to people's mediation or legal aid (转介): the case opens
    in that line with the record's data carried over; the record is referred once."""
    perm = "legalservice.change_servicerecord"
    record = _for_change(request, ServiceRecord, pk, perm, "region_code")
    if record.is_referred:
        messages.info(request, _("This service has already been referred."))
        return redirect(record.get_absolute_url())
    targets = services.referral_targets(request.user)
    if not targets:
        raise PermissionDenied
    form = ReferForm(request.POST or None, targets=targets, record=record,
                     streets=services.referral_streets(request.user, targets),
                     default_street=services.default_street(record))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            case, opened = services.record_refer(
                actor=request.user, record=record, data=form.data_for_service()
            )
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            values = {"case": case, "unit": case.organization}
            if opened:
                messages.success(request, _("Referred: case %(case)s opened at %(unit)s.") % values)
            else:
                messages.info(request, _("Already referred: case %(case)s at %(unit)s.") % values)
            return redirect(record.get_absolute_url())
    return render(request, "legalservice/refer.html", {
        "form": form, "record": record, "title": _("Refer the person to another line"),
        "cancel_url": record.get_absolute_url(),
    })  # fmt: skip


@login_required
def record_edit(request, pk: int):
    perm = "legalservice.change_servicerecord"
    record = _for_change(request, ServiceRecord, pk, perm, "region_code")
    initial = {k: getattr(record, k) for k in ("served_on", "channel", "matter_kind",
               "person_name", "summary", "outcome")}  # fmt: skip
    initial.update(organization=record.organization_id, service_point=record.service_point_id)
    # The phone is shown masked (a full number only through the logged reveal on the record's
    # page); sent back unchanged, the stored number is kept (services._kept_phone).
    initial["person_phone"] = record.masked_phone if record.person_phone else ""
    form = RecordForm(request.POST or None, user=request.user, perm=perm, initial=initial,
                      current_point=record.service_point_id,
                      current_organization=record.organization_id)  # fmt: skip
    form.fields["person_phone"].help_text = MASKED_PHONE_HELP
    return _edit_page(
        request, form=form, back=record.get_absolute_url(), title=_("Change the service record"),
        run=lambda data: services.record_update(actor=request.user, record=record, data=data),
    )  # fmt: skip


# -- village legal advisers --------------------------------------------------------------------


class AdviserListView(ScopedListView):
    model = VillageAdviser
    table_class = AdviserTable
    filterset_class = AdviserFilter
    title = gettext_lazy("Village legal advisers")
    create_url_name = "legalservice:adviser_create"
    create_permission = "legalservice.add_villageadviser"
    import_permission = "legalservice.add_adviserlog"  # importing.LOG_PERMISSION
    template_name = "legalservice/adviser_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("village", "lawyer__organization")


@login_required
def adviser_create(request):
    user, perm = request.user, "legalservice.add_villageadviser"
    _need(user, perm)
    form = AdviserForm(request.POST or None, user=user, perm=perm)
    return record_page(
        request, form=form, scope="legalservice.adviser_appoint",
        create=lambda: services.adviser_appoint(actor=user, data=form.data_for_service()),
        load=lambda pk: VillageAdviser.objects.get(pk=pk),
        done="legalservice:adviser_list", success=_("Entered in the register."),
        title=_("Record a village legal adviser"),
        cancel_url=reverse("legalservice:adviser_list"),
    )  # fmt: skip


@login_required
def adviser_detail(request, pk: int):
    adviser = scoped_object_or_404(VillageAdviser, request.user, pk)
    user = request.user
    rows = [
        (_("village or community"), f"{adviser.village.code} {adviser.village.name}"),
        (_("lawyer"), adviser.lawyer),
        (_("law firm"), adviser.lawyer.organization),
        (_("adviser from"), adviser.started_on),
        (_("adviser until"), adviser.ended_on),
    ]
    can_change = user.can_at("legalservice.change_villageadviser", adviser.village_id)
    can_log = user.can_at("legalservice.add_adviserlog", adviser.village_id)
    logs = AdviserLogTable(AdviserLog.objects.restrict(user, "view").filter(adviser=adviser))
    logs.paginate(page=1, per_page=120)
    return _detail(
        request, title=str(adviser), rows=rows,
        edit_url=reverse("legalservice:adviser_edit", args=[pk]) if can_change else None,
        extra={"logs": logs, "log_url": reverse("legalservice:log_create", args=[pk])
               if can_log else None},
    )  # fmt: skip


@login_required
def adviser_edit(request, pk: int):
    perm = "legalservice.change_villageadviser"
    adviser = _for_change(request, VillageAdviser, pk, perm, "village_id")
    initial = {"village": adviser.village_id, "lawyer": adviser.lawyer_id,
               "started_on": adviser.started_on, "ended_on": adviser.ended_on}  # fmt: skip
    form = AdviserForm(request.POST or None, user=request.user, perm=perm, initial=initial,
                       current_lawyer=adviser.lawyer)  # fmt: skip
    return _edit_page(
        request, form=form, back=adviser.get_absolute_url(),
        title=_("Change the village legal adviser"),
        run=lambda data: services.adviser_update(actor=request.user, adviser=adviser, data=data),
    )  # fmt: skip


@login_required
def log_create(request, pk: int):
    perm = "legalservice.add_adviserlog"
    adviser = _for_change(request, VillageAdviser, pk, perm, "village_id")
    form = AdviserLogForm(request.POST or None)
    return record_page(
        request, form=form, scope=f"legalservice.adviser_log:{adviser.pk}",
        create=lambda: services.adviser_log_record(actor=request.user, adviser=adviser,
                                                   data=form.data_for_service()),
        load=lambda pk: AdviserLog.objects.get(pk=pk),
        done=adviser.get_absolute_url(), success=_("Monthly log recorded."),
        title=_("Record a month of the adviser's work"), cancel_url=adviser.get_absolute_url(),
    )  # fmt: skip


@login_required
def coverage(request):
    """Village legal adviser coverage of each street of the user's jurisdiction, on a day
    (today by default): legalservice.village_adviser_coverage per street."""
    import datetime

    from indicators.registry import Period

    _need(request.user, "legalservice.view_villageadviser")
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(request.GET.get("on") or today.isoformat())
    except ValueError:
        day = today
    period = Period(day.replace(month=1, day=1), day)
    rows = selectors.coverage_by_street(request.user, period)
    return render(request, "legalservice/coverage.html",
                  {"rows": rows, "day": day, "title": _("Village legal adviser coverage by "
                                                        "street")})  # fmt: skip


# -- enterprise check-ups ----------------------------------------------------------------------


class CheckupListView(ScopedListView):
    model = EnterpriseCheckup
    table_class = CheckupTable
    filterset_class = CheckupFilter
    title = gettext_lazy("Enterprise legal check-ups")
    create_url_name = "legalservice:checkup_create"
    create_permission = "legalservice.add_enterprisecheckup"

    def get_queryset(self):
        return super().get_queryset().select_related("lawyer", "organization")


@login_required
def checkup_create(request):
    user, perm = request.user, "legalservice.add_enterprisecheckup"
    _need(user, perm)
    form = CheckupForm(request.POST or None, user=user, perm=perm)
    return record_page(
        request, form=form, scope="legalservice.checkup_record",
        create=lambda: services.checkup_record(actor=user, data=form.data_for_service()),
        load=lambda pk: EnterpriseCheckup.objects.get(pk=pk),
        done="legalservice:checkup_list", success=_("Check-up recorded."),
        title=_("Record an enterprise legal check-up"),
        cancel_url=reverse("legalservice:checkup_list"),
    )  # fmt: skip


@login_required
def checkup_detail(request, pk: int):
    checkup = scoped_object_or_404(EnterpriseCheckup, request.user, pk)
    can_change = request.user.can_at("legalservice.change_enterprisecheckup", checkup.region_code)
    rows = [
        (_("enterprise"), checkup.enterprise_name),
        (_("date"), checkup.checked_on),
        (_("organising unit"), checkup.organization),
        (_("lawyer"), checkup.lawyer),
        (_("problems found"), checkup.problems_found),
        (_("advice given"), checkup.advice),
    ]
    edit = reverse("legalservice:checkup_edit", args=[pk]) if can_change else None
    return _detail(request, title=str(checkup), rows=rows, edit_url=edit)


@login_required
def checkup_edit(request, pk: int):
    perm = "legalservice.change_enterprisecheckup"
    checkup = _for_change(request, EnterpriseCheckup, pk, perm, "region_code")
    initial = {k: getattr(checkup, k) for k in ("enterprise_name", "checked_on",
               "problems_found", "advice")}  # fmt: skip
    initial.update(organization=checkup.organization_id, lawyer=checkup.lawyer_id)
    form = CheckupForm(request.POST or None, user=request.user, perm=perm, initial=initial,
                       current_lawyer=checkup.lawyer,
                       current_organization=checkup.organization_id)  # fmt: skip
    return _edit_page(
        request, form=form, back=checkup.get_absolute_url(), title=_("Change the check-up"),
        run=lambda data: services.checkup_update(actor=request.user, checkup=checkup, data=data),
    )  # fmt: skip
