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
from normative.filters import CampaignFilter, DocumentFilter, FilingFilter, ProposalFilter
from normative.forms import CampaignForm, DecisionForm, RegisterForm
from normative.models import CleanupCampaign, FilingCase, NormativeDocument, ReviewProposal
from normative.tables import CampaignTable, DocumentTable, FilingTable, ProposalTable


class DocumentListView(ScopedListView):
    model = NormativeDocument
    table_class = DocumentTable
    filterset_class = DocumentFilter
    title = gettext_lazy("Normative documents")
    create_url_name = "normative:document_create"
    create_permission = "normative.add_normativedocument"
    # The import of the registry of documents already issued (normative.import_views).
    import_permission = "normative.add_normativedocument"
    template_name = "normative/document_list.html"

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
        document, user = self.object, self.request.user
        published = document.state == "published"
        context["filings"] = list(document.filings.all())
        context["evaluations"] = list(document.evaluations.select_related("attachment"))
        context["can_file"] = (published and not context["filings"]
                               and user.can("normative.add_filingcase"))  # fmt: skip
        context["can_change"] = published and user.can("normative.change_normativedocument")
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


# -- a published document's follow-up: filing, evaluation report, amendment -------------------


def _document_or_404(user, pk: int) -> NormativeDocument:
    """The document if `user` sees it (an agency handler: their own body's only), else 404."""
    from django.http import Http404

    document = selectors.documents(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def _document_form(request, pk, *, permission, form_class, scope, run, load, title, done,
                   form_kwargs=None, files=False):  # fmt: skip
    """The page of one write on a document: 404 outside the user's scope, 403 without the
    permission; a refused input is shown beside its field with what was typed and nothing is
    written; a resubmitted form (same submission key) writes nothing more."""
    user = request.user
    document = _document_or_404(user, pk)
    if not user.can(permission):
        raise PermissionDenied
    data = request.POST or None
    form = form_class(data, request.FILES if files and data else None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            run_once(key=cleaned["submission_key"], scope=f"{scope}:{user.pk}",
                     create=lambda: run(user, document, cleaned), load=load)  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, done)
            return redirect(document.get_absolute_url())
    return render(request, "normative/document_action.html", {
        "form": form, "document": document, "title": title, "multipart": files})  # fmt: skip


@login_required
def filing_create(request, pk: int):
    """File (报备) a published document with the bureau."""
    from cases.clocks import local_today
    from normative.forms import FilingForm
    from normative.services import filing_submit

    return _document_form(
        request, pk, permission="normative.add_filingcase", form_class=FilingForm,
        form_kwargs={"initial": {"on_date": local_today()}},
        scope="normative.filing_submit",
        run=lambda user, document, data: filing_submit(actor=user, document=document,
                                                       on_date=data["on_date"]),
        load=lambda pk: FilingCase.objects.get(pk=pk),
        title=_("File the document with the justice bureau"),
        done=_("The document is filed."),
    )  # fmt: skip


@login_required
def evaluation_create(request, pk: int):
    """Attach a post-evaluation report (后评估) to a document."""
    from normative.forms import EvaluationForm
    from normative.models import EvaluationReport
    from normative.services import evaluation_add

    return _document_form(
        request, pk, permission="normative.change_normativedocument",
        form_class=EvaluationForm, files=True, scope="normative.evaluation_add",
        run=lambda user, document, data: evaluation_add(
            actor=user, document=document, upload=data["file"], conclusion=data["conclusion"]),
        load=lambda pk: EvaluationReport.objects.get(pk=pk),
        title=_("Attach an evaluation report"),
        done=_("The evaluation report is attached."),
    )  # fmt: skip


@login_required
def amendment_create(request, pk: int):
    """Link the document that amends this one."""
    from normative.forms import AmendmentForm
    from normative.services import amendment_link

    document = _document_or_404(request.user, pk)
    return _document_form(
        request, pk, permission="normative.change_normativedocument",
        form_class=AmendmentForm, form_kwargs={"document": document},
        scope="normative.amendment_link",
        run=lambda user, document, data: amendment_link(actor=user, document=document,
                                                        amending=data["amended_by"]),
        load=lambda pk: NormativeDocument.objects.get(pk=pk),
        title=_("Link the amending document"),
        done=_("The amending document is linked."),
    )  # fmt: skip


class FilingListView(ScopedListView):
    """The filings (备案) in the user's scope: an agency handler sees their own body's."""

    model = FilingCase
    table_class = FilingTable
    filterset_class = FilingFilter
    title = gettext_lazy("Filings")

    def get_queryset(self):
        return super().get_queryset().select_related("document", "issuing_body", "organization")


class ProposalListView(ScopedListView):
    """Citizens' review proposals (审查建议): the bureau's staff and leaders only; agency
    handlers hold no view_reviewproposal permission (normative.roles) and are refused."""

    model = ReviewProposal
    table_class = ProposalTable
    filterset_class = ProposalFilter
    title = gettext_lazy("Review proposals")

    def get_queryset(self):
        return super().get_queryset().select_related("document", "organization")
