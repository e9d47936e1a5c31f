"""Staff pages of normative documents: the list and the registration form; each document's,
filing's and proposal's page (the process's steps — issue, publish, filing review —, clocks,
attachments and history come from cases.views); the clean-up campaigns with their owners'
decisions and the bureau's confirmation. An agency handler sees the same pages for their own
body's documents only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    add_service_errors,
    report_service_error,
)
from core.idempotency import run_once
from normative import selectors
from normative.choices import Status
from normative.filters import CampaignFilter, DocumentFilter
from normative.forms import CampaignForm, DecisionForm, RegisterForm
from normative.models import CleanupCampaign, FilingCase, NormativeDocument, ReviewProposal
from normative.tables import CampaignTable, DocumentTable


class DocumentListView(ScopedListView):
    model = NormativeDocument
    table_class = DocumentTable
    filterset_class = DocumentFilter
    title = gettext_lazy("Normative documents")
    create_url_name = "normative:document_create"
    create_permission = "normative.add_normativedocument"

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "issuing_body")


class _CaseDetail(ScopedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.request, self.object))
        return context


class DocumentDetailView(_CaseDetail):
    model = NormativeDocument
    template_name = "normative/document_detail.html"

    def get_context_data(self, **kwargs):
        from cases.clocks import local_today

        context = super().get_context_data(**kwargs)
        status = self.object.status_on(local_today())
        context["status_today"] = Status(status).label if status else ""
        return context


class FilingDetailView(_CaseDetail):
    model = FilingCase
    template_name = "normative/filing_detail.html"


class ProposalDetailView(_CaseDetail):
    model = ReviewProposal
    template_name = "normative/proposal_detail.html"


@login_required
def document_create(request):
    """Register a normative document (统一登记)."""
    from normative.services import document_register

    user = request.user
    if not user.can("normative.add_normativedocument"):
        raise PermissionDenied
    form = RegisterForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document, _created = run_once(
                key=data["submission_key"],
                scope=f"normative.document_create:{user.pk}",
                create=lambda: document_register(
                    actor=user, issuing_body=data["issuing_body"], data=data
                ),
                load=lambda pk: NormativeDocument.objects.get(pk=pk, created_by=user),
            )
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Document registered as %(number)s.")
                             % {"number": document.number})  # fmt: skip
            return redirect(document.get_absolute_url())
    return render(request, "normative/form.html",
                  {"form": form, "title": _("Register a normative document")})  # fmt: skip


class CampaignListView(ScopedListView):
    model = CleanupCampaign
    table_class = CampaignTable
    filterset_class = CampaignFilter
    title = gettext_lazy("Clean-up campaigns")
    create_url_name = "normative:campaign_create"
    create_permission = "normative.add_cleanupcampaign"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


@login_required
def campaign_create(request):
    from normative.services import campaign_open

    user = request.user
    if not user.can("normative.add_cleanupcampaign"):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:  # a resubmitted form opens no second campaign
            campaign, _created = run_once(
                key=data["submission_key"],
                scope=f"normative.campaign_open:{user.pk}",
                create=lambda: campaign_open(
                    actor=user, organization=data["organization"], title=data["title"],
                    effective_on=data["effective_on"],
                ),
                load=lambda pk: CleanupCampaign.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            return redirect(campaign.get_absolute_url())
    return render(request, "normative/form.html",
                  {"form": form, "title": _("Open a clean-up campaign")})  # fmt: skip


@login_required
def campaign_detail(request, pk: int):
    """The documents of a campaign with their decisions. Section staff and leaders see the
    whole campaign; an agency handler sees and decides their own body's documents (the
    campaign's items are scoped, CleanupItem.scope_role_organization_fields)."""
    from normative.services import campaign_confirm, item_decide

    user = request.user
    campaign = CleanupCampaign.objects.filter(pk=pk).first()
    items = selectors.campaign_items(user, pk)
    if campaign is None or not (selectors.campaigns(user).filter(pk=pk).exists() or items.exists()):
        from django.http import Http404

        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                campaign_confirm(actor=user, campaign=campaign)
                messages.success(request, _("The clean-up is confirmed."))
            elif form.is_valid():
                data = form.cleaned_data
                item_decide(actor=user, campaign=campaign, document=data["document"],
                            decision=data["decision"], reasons=data["reasons"])  # fmt: skip
                messages.success(request, _("Decision recorded."))
            else:
                for field, errors in form.errors.items():
                    label = form.fields[field].label if field in form.fields else ""
                    for error in errors:
                        messages.error(request, f"{label}：{error}" if label else error)
        except InvalidInput as exc:
            for errors in exc.fields.values():
                for error in errors:
                    messages.error(request, error)
        except FazhiError as exc:
            report_service_error(request, exc)
        return redirect(campaign.get_absolute_url())
    can_confirm = not campaign.confirmed_on and any(
        campaign.organization.region_id.startswith(p)
        for p in user.jurisdictions("normative.change_cleanupcampaign")
    )
    return render(request, "normative/campaign_detail.html", {
        "campaign": campaign, "items": items, "form": form, "can_confirm": can_confirm,
        "title": campaign.title})  # fmt: skip
