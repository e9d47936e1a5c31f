"""The portal's library of normative documents (规范性文件库, §B.5: publication is mandatory;
OGI Art. 20(1) ✅): a searchable list and each document's full text, no login. The public sees
only published documents; each is shown with its status on the day of the visit, so an expired
document reads 失效 from the day after its last valid day and a clean-up's decisions show from
the campaign's date, without anyone touching them."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Organization
from normative import selectors
from normative.choices import Status
from portal.registry import Service, register_service

PER_PAGE = 20


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("title, number or issuing body"), required=False,
                        max_length=50)  # fmt: skip
    body = forms.ModelChoiceField(label=gettext_lazy("issuing body"), required=False,
                                  queryset=Organization.objects.none())  # fmt: skip
    status = forms.ChoiceField(label=gettext_lazy("status"), required=False,
                               choices=[("", "—"), *Status.choices])  # fmt: skip
    year = forms.TypedChoiceField(label=gettext_lazy("year"), required=False, coerce=int,
                                  choices=())  # fmt: skip

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        rows = selectors.published(day)
        years = sorted({y for y in rows.values_list("unified_year", flat=True) if y},
                       reverse=True)  # fmt: skip
        self.fields["year"].choices = [("", "—"), *[(y, str(y)) for y in years]]
        self.fields["body"].queryset = Organization.objects.filter(
            pk__in=rows.values("issuing_body_id")
        ).order_by("name")


def _with_status(rows, day):
    for row in rows:
        row.status_today = row.status_on(day)
        row.status_label = Status(row.status_today).label if row.status_today else ""
    return rows


def library(request):
    day = timezone.localdate()
    form = LibrarySearchForm(request.GET or None, day=day)
    rows = selectors.published(day)
    if form.is_valid():
        data = form.cleaned_data
        rows = selectors.library_search(day, q=data.get("q") or "", body=data.get("body"),
                                        status=data.get("status") or "",
                                        year=data.get("year") or None)  # fmt: skip
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _with_status(page.object_list, day)
    return render(request, "normative/library.html",
                  {"form": form, "page": page, "title": _("Library of normative documents")})  # fmt: skip


def library_detail(request, pk: int):
    day = timezone.localdate()
    document = get_object_or_404(selectors.published(day), pk=pk)
    _with_status([document], day)
    amending = document.amended_by if document.amended_by_id else None
    if amending is not None and not selectors.published(day).filter(pk=amending.pk).exists():
        amending = None
    return render(request, "normative/library_detail.html",
                  {"document": document, "amending": amending, "title": document.title})  # fmt: skip


register_service(
    Service(
        key="normative_library",
        title=gettext_lazy("Library of normative documents"),
        description=gettext_lazy(
            "Search the normative documents in force, expired or repealed, "
            "and read their full text."
        ),
        url_name="normative:library",
        order=70,
    )
)
