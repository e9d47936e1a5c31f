"""Staff pages of major administrative decisions: the list, the decision's page (the process's
steps, clocks, documents and history come from cases.views; here the evidence by step and the
public's comments with their answers), starting a decision, adding evidence, answering a
comment, and the catalogues. An agency handler sees the same pages for their own
decision-maker only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.views import case_page_context
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    add_service_errors,
    report_service_error,
    scoped_object_or_404,
)
from core.idempotency import run_once
from decisions import selectors
from decisions.filters import MajorDecisionFilter
from decisions.forms import AnswerForm, EvidenceForm, StartForm
from decisions.models import Catalogue, Comment, MajorDecision
from decisions.process import missing_steps, publication_days
from decisions.tables import CatalogueTable, MajorDecisionTable


class MajorDecisionListView(ScopedListView):
    model = MajorDecision
    table_class = MajorDecisionTable
    filterset_class = MajorDecisionFilter
    title = gettext_lazy("Major administrative decisions")
    create_url_name = "decisions:decision_create"
    create_permission = "decisions.add_majordecision"
    # The Excel import of past decisions (decisions.import_views), for those who may start.
    import_permission = "decisions.add_majordecision"
    template_name = "decisions/decision_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "decision_maker")


class MajorDecisionDetailView(ScopedDetailView):
    model = MajorDecision
    template_name = "decisions/decision_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "organization", "decision_maker", "lead_unit", "executing_unit", "assignee", "team"
            )
        )

    def get_context_data(self, **kwargs):
        from cases.engine import holds_over

        context = super().get_context_data(**kwargs)
        decision = self.object
        context.update(case_page_context(self.request, decision))
        context["evidence"] = selectors.evidence_by_step(decision)
        context["comments"] = list(decision.comments.all())
        # After a major adjustment (DEC Art. 37) the earlier round's comments stay listed.
        context["round_comments"] = [c for c in context["comments"] if c.round == decision.round]
        context["missing"] = missing_steps(decision) if decision.state == "started" else []
        context["publication_days"] = publication_days()
        context["can_write"] = holds_over(
            self.request.user, decision, "decisions.change_majordecision"
        )
        context["answer_form"] = AnswerForm()
        return context


@login_required
def decision_create(request):
    """Start a major decision (DEC Arts. 10–11)."""
    from decisions.services import decision_start

    user = request.user
    if not user.can("decisions.add_majordecision"):
        raise PermissionDenied
    form = StartForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            decision, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"decisions.decision_create:{user.pk}",
                create=lambda: decision_start(actor=user, data=form.cleaned_data),
                load=lambda pk: MajorDecision.objects.get(pk=pk, created_by=user),
            )
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(
                request, _("Decision %(number)s started.") % {"number": decision.number}
            )
            return redirect(decision.get_absolute_url())
    return render(request, "core/form.html",
                  {"form": form, "title": _("Start a major decision"),
                   "cancel_url": "/decisions/"})  # fmt: skip


@login_required
def evidence_create(request, pk: int):
    from decisions.services import evidence_add

    decision = scoped_object_or_404(MajorDecision, request.user, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence_add(decision=decision, actor=request.user, step=form.cleaned_data["step"],
                         upload=form.cleaned_data["file"])  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Evidence added."))
            return redirect(decision.get_absolute_url())
    return render(request, "decisions/evidence_form.html",
                  {"form": form, "decision": decision, "title": _("Add evidence")})  # fmt: skip


@login_required
@require_POST
def comment_answer(request, pk: int):
    from decisions.services import comment_answer as answer

    comment = scoped_object_or_404(Comment, request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer(comment=comment, actor=request.user, answer=form.cleaned_data["answer"],
                   reasons=form.cleaned_data["reasons"])  # fmt: skip
        except InvalidInput as exc:
            messages.error(request, exc.message)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Answer saved."))
    else:
        messages.error(request, _("Choose adopted or not adopted."))
    return redirect(comment.decision.get_absolute_url() + "#comments")


class CatalogueListView(ScopedListView):
    model = Catalogue
    table_class = CatalogueTable
    filterset_class = None
    title = gettext_lazy("Catalogues of major decision matters")
    create_url_name = "decisions:catalogue_create"
    create_permission = "decisions.add_catalogue"

    def get_queryset(self):
        return super().get_queryset().select_related("decision_maker")

    def get_filterset_class(self):
        import django_filters

        class CatalogueFilter(django_filters.FilterSet):
            class Meta:
                model = Catalogue
                fields = ["year"]

        return CatalogueFilter


@login_required
def catalogue_detail(request, pk: int):
    from django.db.models import prefetch_related_objects

    catalogue = scoped_object_or_404(Catalogue, request.user, pk)
    prefetch_related_objects([catalogue], selectors.catalogue_items())
    return render(request, "decisions/catalogue_detail.html",
                  {"catalogue": catalogue, "title": str(catalogue),
                   "can_keep": _can_keep(request.user, catalogue)})  # fmt: skip


def _catalogue_page(request, template, context):
    return render(request, f"decisions/{template}", context)


@login_required
def catalogue_create(request):
    """Draw up a catalogue of major decision matters for a decision-maker and year (DEC
    Art. 3 ¶3)."""
    from decisions.forms import CatalogueForm, ItemFormSet, add_item_errors, filled_items
    from decisions.services import catalogue_create as create

    user = request.user
    if not user.can("decisions.add_catalogue"):
        raise PermissionDenied
    form = CatalogueForm(request.POST or None, user=user)
    formset = ItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items, rows = filled_items(formset)
        try:
            catalogue, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"decisions.catalogue_create:{user.pk}",
                create=lambda: create(actor=user, decision_maker=form.cleaned_data["decision_maker"],
                                      year=form.cleaned_data["year"], items=items,
                                      note=form.cleaned_data["note"]),
                load=lambda pk: Catalogue.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            add_item_errors(form, rows, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Catalogue saved; publish it once the Party committee "
                                        "has approved it."))  # fmt: skip
            return redirect(catalogue.get_absolute_url())
    return _catalogue_page(request, "catalogue_form.html",
                           {"form": form, "formset": formset,
                            "title": _("New catalogue of major decision matters")})  # fmt: skip


def _can_keep(user, catalogue) -> bool:
    from decisions.services import CATALOGUE, may_act_for

    return may_act_for(user, catalogue.decision_maker, CATALOGUE)


@login_required
def catalogue_publish(request, pk: int):
    from decisions.forms import CataloguePublishForm
    from decisions.services import catalogue_publish as publish

    catalogue = scoped_object_or_404(Catalogue, request.user, pk)
    if not _can_keep(request.user, catalogue):
        raise PermissionDenied
    form = CataloguePublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publish(actor=request.user, catalogue=catalogue, **form.cleaned_data)
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The catalogue is published on the portal."))
            return redirect(catalogue.get_absolute_url())
    return render(request, "core/form.html",
                  {"form": form, "title": _("Publish %(catalogue)s") % {"catalogue": catalogue},
                   "cancel_url": catalogue.get_absolute_url()})  # fmt: skip


@login_required
def catalogue_adjust(request, pk: int):
    from decisions.forms import CatalogueAdjustForm, ItemFormSet, add_item_errors, filled_items
    from decisions.services import catalogue_adjust as adjust

    catalogue = scoped_object_or_404(Catalogue, request.user, pk)
    if not _can_keep(request.user, catalogue):
        raise PermissionDenied
    form = CatalogueAdjustForm(request.POST or None, catalogue=catalogue)
    formset = ItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items, rows = filled_items(formset)
        data = form.cleaned_data
        try:
            adjust(actor=request.user, catalogue=catalogue,
                   party_approved_on=data["party_approved_on"], published_on=data["published_on"],
                   reason=data["reason"], add=items, remove=data["remove"])  # fmt: skip
        except InvalidInput as exc:
            add_item_errors(form, rows, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The adjustment is published on the portal."))
            return redirect(catalogue.get_absolute_url())
    return _catalogue_page(request, "catalogue_form.html",
                           {"form": form, "formset": formset,
                            "title": _("Adjust %(catalogue)s") % {"catalogue": catalogue}})  # fmt: skip
