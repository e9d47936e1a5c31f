"""The pages of decision publication: the office's redaction review (staff) and the portal's
searchable list of published decisions (no login). See reconsideration.publication."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import FazhiError, InvalidInput
from core.generic import report_service_error
from core.models import Organization
from reconsideration import publication as service
from reconsideration.choices import ActType, DecisionType
from reconsideration.models import Publication, ReconsiderationCase

PER_PAGE = 20


def _case(request, pk) -> ReconsiderationCase:
    case = ReconsiderationCase.objects.restrict(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


@login_required
@require_POST
def prepare(request, pk: int):
    case = _case(request, pk)
    try:
        service.prepare(case, actor=request.user)
    except FazhiError as exc:
        report_service_error(request, exc)
        return redirect(case.get_absolute_url())
    return redirect("reconsideration:publication_review", pk=case.pk)


def _marked(original: str, proposals: list[dict]) -> list[tuple[str, bool]]:
    """The text cut into (piece, proposed) runs, for showing the proposals in place."""
    terms = sorted({p["text"] for p in proposals}, key=len, reverse=True)
    runs: list[tuple[str, bool]] = []
    i = 0
    while i < len(original):
        hit = next((t for t in terms if original.startswith(t, i)), None)
        if hit:
            runs.append((hit, True))
            i += len(hit)
        else:
            if runs and not runs[-1][1]:
                runs[-1] = (runs[-1][0] + original[i], False)
            else:
                runs.append((original[i], False))
            i += 1
    return runs


@login_required
def review(request, pk: int):
    """The reviewer's page: the text with the proposed removals marked; untick to keep, add
    terms missed, confirm to publish."""
    case = _case(request, pk)
    publication = get_object_or_404(Publication, case=case)
    keep: list[str] = []
    extra = ""
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            try:
                service.withdraw(publication, actor=request.user)
            except FazhiError as exc:
                report_service_error(request, exc)
            else:
                messages.success(request, _("The decision was withdrawn from the portal."))
            return redirect("reconsideration:publication_review", pk=case.pk)
        removed = set(request.POST.getlist("remove"))
        keep = [p["text"] for p in publication.proposals if p["text"] not in removed]
        extra = request.POST.get("extra", "")
        try:
            service.publish(publication, actor=request.user, keep=keep,
                            extra=extra.splitlines())  # fmt: skip
        except InvalidInput as exc:
            messages.error(request, exc.message)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The decision is published on the portal."))
            return redirect("reconsideration:publication_review", pk=case.pk)
    return render(
        request,
        "reconsideration/publication_review.html",
        {
            "case": case,
            "publication": publication,
            "runs": _marked(publication.original, publication.proposals),
            "proposals": [
                {
                    **p,
                    "label": service.KIND_LABELS.get(p["kind"], p["kind"]),
                    "replacement": service.replacement(p["kind"], p["text"]),
                    "checked": p["text"] not in keep,
                }
                for p in publication.proposals
            ],
            "extra": extra,
            "title": _("Publish the decision"),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("search the text"), required=False, max_length=50)
    year = forms.TypedChoiceField(label=gettext_lazy("year"), required=False, coerce=int,
                                  choices=())  # fmt: skip
    respondent = forms.ModelChoiceField(
        label=gettext_lazy("respondent"), required=False, queryset=Organization.objects.none()
    )
    act_type = forms.ChoiceField(
        label=gettext_lazy("kind of act"), required=False, choices=[("", "—"), *ActType.choices]
    )
    decision_type = forms.ChoiceField(
        label=gettext_lazy("decision"), required=False, choices=[("", "—"), *DecisionType.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = service.published()
        years = sorted(set(rows.values_list("year", flat=True)), reverse=True)
        self.fields["year"].choices = [("", "—"), *[(y, str(y)) for y in years]]
        self.fields["respondent"].queryset = Organization.objects.filter(
            pk__in=rows.values("respondent_id")
        ).order_by("name")


def public_list(request):
    form = SearchForm(request.GET or None)
    rows = service.published()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("year"):
            rows = rows.filter(year=data["year"])
        if data.get("respondent"):
            rows = rows.filter(respondent=data["respondent"])
        if data.get("act_type"):
            rows = rows.filter(act_type=data["act_type"])
        if data.get("decision_type"):
            rows = rows.filter(decision_type=data["decision_type"])
        if data.get("q"):
            rows = rows.filter(Q(text__contains=data["q"]) | Q(number__contains=data["q"]))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reconsideration/public_decisions.html",
        {"form": form, "page": page, "title": _("Published reconsideration decisions")},
    )


def public_detail(request, pk: int):
    row = get_object_or_404(service.published(), pk=pk)
    return render(
        request,
        "reconsideration/public_decision.html",
        {"decision": row, "title": row.number},
    )
