from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit import entries_for
from core.errors import Conflict, FazhiError, InvalidInput
from core.filters import OrganizationFilter, PartyFilter, RegionFilter
from core.forms import PartyForm
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    report_service_error,
    scoped_object_or_404,
)
from core.idempotency import run_once
from core.models import Organization, OrganizationKind, Party, Region
from core.navigation import home_panels_for
from core.roles import Role
from core.services import party_create, party_delete, party_reveal, party_update
from core.tables import OrganizationTable, PartyTable, RegionTable


@login_required
def home(request):
    """The landing page differs by role, and opens on the user's own work and figures: the
    panels the business lines contribute (core.navigation.register_home_panel: the worklist in
    numbers, the jurisdiction's key figures for leaders and staff), then the jurisdiction's
    registers in numbers. It names no party: lists of people are behind their own menu."""
    user = request.user
    membership = user.primary_membership
    organizations = Organization.objects.restrict(user, "view")
    parties = Party.objects.restrict(user, "view")
    context = {
        "membership": membership,
        "panels": home_panels_for(request) if membership is not None else [],
        "organization_count": organizations.count(),
        "organization_kinds": [
            {"label": OrganizationKind(row["kind"]).label, "count": row["n"], "kind": row["kind"]}
            for row in organizations.values("kind").annotate(n=Count("id")).order_by("kind")
        ],
        "party_count": parties.count() if user.can("core.view_party") else None,
        "can_add_party": user.can("core.add_party"),
        "is_leader": user.has_role(Role.LEADER, Role.SYSTEM_ADMIN),
        "child_regions": [],
    }
    if membership is not None and context["is_leader"]:
        region = membership.organization.region
        context["child_regions"] = _counts_by_child(region, organizations, parties)
    return render(request, "core/home.html", context)


def _counts_by_child(region, organizations, parties) -> list[dict]:
    """Organisations and parties per child region: one GROUP BY on the code prefix per table
    (DESIGN.md: a roll-up by region is a GROUP BY on a prefix), not two counts per child."""
    children = list(region.children.order_by("code"))
    by_length: dict[int, tuple[dict, dict]] = {}
    for length in {len(child.prefix) for child in children}:
        orgs = organizations.annotate(p=Substr("region_id", 1, length)).values("p")
        people = parties.annotate(p=Substr("region_code", 1, length)).values("p")
        by_length[length] = (
            dict(orgs.annotate(n=Count("id")).values_list("p", "n")),
            dict(people.annotate(n=Count("id")).values_list("p", "n")),
        )
    return [
        {
            "region": child,
            "organizations": by_length[len(child.prefix)][0].get(child.prefix, 0),
            "parties": by_length[len(child.prefix)][1].get(child.prefix, 0),
        }
        for child in children
    ]


class PartyListView(ScopedListView):
    model = Party
    table_class = PartyTable
    filterset_class = PartyFilter
    create_url_name = "core:party_create"
    create_permission = "core.add_party"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class PartyDetailView(ScopedDetailView):
    model = Party
    template_name = "core/party_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_reveal"] = user.can("core.reveal_party")
        context["can_change"] = (
            Party.objects.restrict(user, "change").filter(pk=self.object.pk).exists()
        )
        context["can_delete"] = (
            Party.objects.restrict(user, "delete").filter(pk=self.object.pk).exists()
        )
        context["history_count"] = entries_for(self.object).count()
        return context


@login_required
def party_create_view(request):
    if not request.user.can("core.add_party"):
        raise PermissionDenied
    form = PartyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            party, created = run_once(
                key=form.cleaned_data["submission_key"],
                scope="core.party_create",
                create=lambda: party_create(
                    actor=request.user,
                    data=form.party_data(),
                    organization=form.cleaned_data.get("organization"),
                ),
                load=lambda pk: scoped_object_or_404(Party, request.user, pk),
            )
        except InvalidInput as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            if created:
                messages.success(
                    request, _("The party “%(name)s” was registered.") % {"name": party.name}
                )
            else:
                messages.info(
                    request, _("This form was already submitted; showing the party it registered.")
                )
            return redirect("core:party_detail", pk=party.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Register a party"), "cancel_url": reverse("core:party_list")},
    )


@login_required
def party_update_view(request, pk):
    party = scoped_object_or_404(Party, request.user, pk, "change")
    form = PartyForm(request.POST or None, user=request.user, instance=party)
    if request.method == "POST" and form.is_valid():
        try:
            party = party_update(
                actor=request.user,
                party=party,
                data=form.party_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except InvalidInput as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except Conflict as exc:
            form.add_error(None, exc.message)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("core:party_detail", pk=party.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Edit party: %(name)s") % {"name": party.name},
            "cancel_url": reverse("core:party_detail", args=[party.pk]),
        },
    )


@login_required
def party_delete_view(request, pk):
    party = scoped_object_or_404(Party, request.user, pk, "delete")
    if request.method == "POST":
        try:
            party_delete(actor=request.user, party=party)
        except FazhiError as exc:
            report_service_error(request, exc)
            return redirect("core:party_detail", pk=party.pk)
        messages.success(request, _("The party “%(name)s” was deleted.") % {"name": party.name})
        return redirect("core:party_list")
    return render(request, "core/confirm_delete.html", {"object": party})


@login_required
@require_POST
def party_reveal_view(request, pk, field):
    party = scoped_object_or_404(Party, request.user, pk)
    try:
        value = party_reveal(actor=request.user, party=party, field=field, request=request)
    except FazhiError as exc:
        report_service_error(request, exc)
        return redirect("core:party_detail", pk=party.pk)
    if request.htmx:
        return HttpResponse(
            format_html('<span class="font-monospace" data-revealed="{}">{}</span>', field, value)
        )
    messages.info(request, _("Full value: %(value)s (this view was logged)") % {"value": value})
    return redirect("core:party_detail", pk=party.pk)


def object_history(request, model, pk, title_field="name"):
    obj = scoped_object_or_404(model, request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": obj, "entries": entries_for(obj)[:500], "back_url": obj.get_absolute_url()},
    )


@login_required
def party_history(request, pk):
    return object_history(request, Party, pk)


@login_required
def organization_history(request, pk):
    return object_history(request, Organization, pk)


class OrganizationListView(ScopedListView):
    model = Organization
    table_class = OrganizationTable
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return super().get_queryset().select_related("region", "parent")


class OrganizationDetailView(ScopedDetailView):
    model = Organization
    template_name = "core/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["children"] = (
            Organization.objects.restrict(user, "view").filter(parent=self.object).order_by("name")
        )
        context["members"] = self.object.memberships.filter(is_active=True).select_related("user")
        return context


class RegionListView(ScopedListView):
    model = Region
    table_class = RegionTable
    filterset_class = RegionFilter
    paginate_by = 50

    def get_queryset(self):
        queryset = super().get_queryset().select_related("parent")
        if not self.request.GET.get("parent") and not self.request.GET.get("q"):
            membership = self.request.user.primary_membership
            if membership is not None:
                queryset = queryset.filter(parent_id=membership.organization.region_id)
        return queryset
