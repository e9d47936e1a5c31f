from __future__ import annotations

import urllib.parse

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import fields
from core.errors import Conflict, FazhiError, InvalidInput
from core.generic import report_service_error, scoped_object_or_404
from core.models import Region
from indicators.registry import registry
from reports import figures
from reports import render as rendering
from reports.models import Report
from reports.services import (
    PlaceholdersRemain,
    report_create,
    report_freeze,
    report_reopen,
    section_update,
)


def _regions(user):
    codes = [p.ljust(12, "0") for p in user.jurisdictions("reports.add_report")]
    own = list(Region.objects.filter(code__in=codes))
    children = list(Region.objects.filter(parent__in=own, level__lte=3))
    return own + children


class ReportForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("jurisdiction"))
    year = fields.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, r.full_name) for r in _regions(user)]


@login_required
def report_list(request):
    if not request.user.can("reports.view_report"):
        raise PermissionDenied
    reports = Report.objects.restrict(request.user, "view").select_related("region")
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_create(
                actor=request.user,
                region=Region.objects.get(code=form.cleaned_data["region"]),
                year=form.cleaned_data["year"],
            )
        except InvalidInput as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            return redirect(report.get_absolute_url())
    return render(
        request,
        "reports/list.html",
        {
            "reports": reports,
            "form": form,
            "can_add": request.user.can("reports.add_report"),
            "title": _("Annual reports"),
        },
    )


def _links(report, keys, period) -> dict[str, str]:
    base = reverse("indicators:dashboard")
    span = ({"year": report.year} if period.is_whole_year
            else {"start": period.start.isoformat(), "end": period.end.isoformat()})  # fmt: skip
    query = urllib.parse.urlencode({"region": report.region_code, **span})
    links = {}
    for key in keys:
        indicator = registry.get(key) if key in registry.keys() else None
        if indicator is not None and indicator.cases is not None and indicator.kind != "sum":
            links[key] = reverse("indicators:drilldown", args=[key]) + "?" + query
        else:
            links[key] = base + "?" + query
    return links


@login_required
def report_detail(request, pk: int):
    report = scoped_object_or_404(Report, request.user, pk)
    values = rendering.values_for(report)
    period = figures.period_of(report)
    diffs = figures.differences(report)
    changed = {d["key"] for d in diffs}
    links = _links(report, values.keys(), period)
    sections = [
        {"section": s, "html": figures.render_html(s.body, values, links=links, changed=changed,
                                                   period=period)}
        for s in report.sections.all()
    ]  # fmt: skip
    user = request.user
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "period": period,
            "partial": not period.is_whole_year,
            "sections": sections,
            "differences": diffs,
            "can_edit": user.can("reports.change_report") and not report.is_frozen,
            "can_freeze": user.can("reports.freeze_report"),
            "signature": rendering.signature(report),
            "title": report.title,
        },
    )


class SectionForm(forms.Form):
    heading = forms.CharField(label=gettext_lazy("heading"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("text"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    version = fields.IntegerField(widget=forms.HiddenInput)


@login_required
def section_edit(request, pk: int, section_pk: int):
    report = scoped_object_or_404(Report, request.user, pk, "change")
    section = report.sections.filter(pk=section_pk).first()
    if section is None:
        raise PermissionDenied
    if report.is_frozen:
        messages.info(request, _("The report is frozen; reopen it to edit."))
        return redirect(report.get_absolute_url())
    initial = {"heading": section.heading, "body": section.body, "version": section.version}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            section_update(actor=request.user, section=section,
                           body=form.cleaned_data["body"], heading=form.cleaned_data["heading"],
                           version=form.cleaned_data["version"])  # fmt: skip
        except (InvalidInput, Conflict) as exc:
            form.add_error("body" if "body" in exc.fields else None, exc.message)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect(f"{report.get_absolute_url()}#section-{section.pk}")
    return render(
        request,
        "reports/section_form.html",
        {
            "report": report,
            "section": section,
            "form": form,
            "indicators": registry.all(),
            "revisions": section.revisions.select_related("created_by")[:20],
            "title": section.heading,
        },
    )


@login_required
@require_POST
def freeze(request, pk: int):
    """Freeze or reopen. While placeholders (请填写) remain, freezing first shows what is
    unfinished and freezes only when the user confirms."""
    report = scoped_object_or_404(Report, request.user, pk)
    try:
        if request.POST.get("reopen"):
            report_reopen(actor=request.user, report=report)
            messages.success(request, _("The report is a draft again; figures are live."))
        else:
            report_freeze(actor=request.user, report=report,
                          confirm_placeholders=bool(request.POST.get("confirm")))  # fmt: skip
            messages.success(request, _("The report is frozen; its figures are kept as of now."))
    except PlaceholdersRemain as exc:
        return render(
            request,
            "reports/freeze_confirm.html",
            {"report": report, "sections": exc.sections, "title": _("Freeze the figures?")},
        )
    except FazhiError as exc:
        report_service_error(request, exc)
    return redirect(report.get_absolute_url())


@login_required
def download(request, pk: int, fmt: str):
    report = scoped_object_or_404(Report, request.user, pk)
    try:
        content, content_type, ext = rendering.export(report, fmt)
    except ValueError:
        raise PermissionDenied from None
    except FazhiError as exc:
        report_service_error(request, exc)
        return redirect(report.get_absolute_url())
    response = HttpResponse(content, content_type=content_type)
    name = urllib.parse.quote(f"{report.title}.{ext}")
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{name}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
