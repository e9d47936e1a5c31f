"""The portal's enforcement-publicity pages (执法公示, CF Art. 48 ¶1 ✅; reference/statutes-lines.md
§C.2), no login: the published decisions, searched by body, kind, decision days and a case
number or an organisation's name, and each decision's public part
(enforcement.decision_selectors.public_view: a natural person named 张某, no ID number). A
withdrawn decision (Art. 48 ¶2) leaves the list and its page answers 404 from the day it is
withdrawn."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.forms import DateInput
from core.generic import CappedPaginator
from enforcement.choices import PowerKind
from enforcement.decision_selectors import public_decisions, public_search, public_view
from enforcement.models import EnforcementBody
from portal.registry import Service, register_service

PER_PAGE = 20


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("case number or organisation"), required=False,
                        max_length=50)  # fmt: skip
    body = forms.ModelChoiceField(label=gettext_lazy("enforcement body"), required=False,
                                  queryset=EnforcementBody.objects.none())  # fmt: skip
    kind = forms.ChoiceField(label=gettext_lazy("kind of decision"), required=False,
                             choices=[("", "—"), *PowerKind.choices])  # fmt: skip
    decided_from = forms.DateField(label=gettext_lazy("decided from"), required=False,
                                   widget=DateInput())  # fmt: skip
    decided_to = forms.DateField(label=gettext_lazy("decided to"), required=False,
                                 widget=DateInput())  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The bodies that have reported decisions (a body without any is no useful choice).
        from django.db.models import Exists, OuterRef

        from enforcement.decision_models import Decision

        self.fields["body"].queryset = EnforcementBody.objects.filter(
            Exists(Decision.objects.filter(body=OuterRef("pk")))
        ).order_by("region_code", "name")


def decision_list(request):
    day = timezone.localdate()
    form = PublicSearchForm(request.GET or None)
    rows = public_decisions(day)
    if form.is_valid():
        data = form.cleaned_data
        rows = public_search(day, body=data.get("body"), kind=data.get("kind") or "",
                             decided_from=data.get("decided_from"),
                             decided_to=data.get("decided_to"), q=data.get("q") or "")  # fmt: skip
    paginator = CappedPaginator(rows, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    items = [public_view(d) for d in page.object_list]
    return render(request, "enforcement/public_decisions.html",
                  {"form": form, "page": page, "items": items,
                   "title": _("Enforcement publicity")})  # fmt: skip


def decision_detail(request, pk: int):
    decision = get_object_or_404(public_decisions(timezone.localdate()), pk=pk)
    return render(request, "enforcement/public_decision.html",
                  {"d": public_view(decision), "title": decision.case_number})  # fmt: skip


register_service(
    Service(
        key="enforcement_publicity",
        title=gettext_lazy("Enforcement publicity"),
        description=gettext_lazy(
            "Search the administrative licences, penalties and other enforcement decisions the "
            "agencies have published."
        ),
        url_name="enforcement:public_decisions",
        order=76,
    )
)
