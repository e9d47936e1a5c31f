"""The pages of legality review: the list, the register of contracts by department, the review
page (the process's steps, clocks, documents and history come from cases.views), the submission
with its materials, materials supplied later, and the counsel register. An agency handler sees
the same pages for their own department's submissions only."""

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
    scoped_object_or_404,
)
from core.idempotency import run_once
from legality import selectors
from legality.filters import ContractFilter, LegalityReviewFilter
from legality.forms import CounselForm, MaterialsForm, SubmissionForm
from legality.models import Counsel, LegalityReview
from legality.process import PERIOD_BASIS, minimum_days, review_days
from legality.tables import ContractTable, CounselTable, LegalityReviewTable


class LegalityReviewListView(ScopedListView):
    model = LegalityReview
    table_class = LegalityReviewTable
    filterset_class = LegalityReviewFilter
    title = gettext_lazy("Legality reviews")
    create_url_name = "legality:review_create"
    create_permission = "legality.add_legalityreview"
    # The Excel import of past reviews (legality.import_views).
    import_permission = "legality.add_legalityreview"
    template_name = "legality/review_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "department")


class ContractListView(ScopedListView):
    """The register of government contracts by department (kind contract only)."""

    model = LegalityReview
    table_class = ContractTable
    filterset_class = ContractFilter
    title = gettext_lazy("Register of government contracts")

    def get_queryset(self):
        return selectors.contracts(self.request.user)


class LegalityReviewDetailView(ScopedDetailView):
    model = LegalityReview
    template_name = "legality/review_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "department", "assignee", "team")
            .prefetch_related("points", "assignments__counsel")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        context.update(case_page_context(self.request, review))
        context["materials"] = selectors.materials_by_category(review)
        # The period the review's clock started with (a setting changed since does not
        # rewrite an older review's period); today's setting before the clock exists.
        started = next((c for c in context["clocks"] if c.key == f"review_{review.kind}"), None)
        context["period_days"] = started.length if started else review_days(review.kind)
        context["minimum_days"] = minimum_days(review.kind)
        context["period_basis"] = PERIOD_BASIS[review.kind]
        from cases.engine import holds_over

        context["can_supply"] = (
            not review.is_closed
            and review.state != "opinion_issued"
            and holds_over(self.request.user, review, "legality.change_legalityreview")
        )
        return context


@login_required
def review_create(request):
    """Submit a draft for legality review with its materials (DEC Art. 26; 115号 ❓)."""
    from legality.services import review_submit

    user = request.user
    if not user.can("legality.add_legalityreview"):
        raise PermissionDenied
    form = SubmissionForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            review, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"legality.review_create:{user.pk}",
                create=lambda: review_submit(
                    actor=user,
                    organization=form.cleaned_data["organization"],
                    department=form.cleaned_data["department"],
                    data=form.submission_data(),
                    materials=form.materials(),
                ),
                load=lambda pk: LegalityReview.objects.get(pk=pk, created_by=user),
            )
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(
                request,
                _("Submission %(number)s sent to %(office)s.")
                % {"number": review.number, "office": review.organization},
            )
            return redirect(review.get_absolute_url())
    return render(
        request,
        "legality/review_form.html",
        {"form": form, "title": _("Submit a draft for legality review")},
    )


@login_required
def materials_add(request, pk: int):
    """Add a material to a submission; while materials were asked for (补正) the review
    resumes."""
    from legality.services import materials_supply

    review = scoped_object_or_404(LegalityReview, request.user, pk)
    form = MaterialsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            materials_supply(
                review=review,
                actor=request.user,
                materials={form.cleaned_data["category"]: form.cleaned_data["file"]},
            )
        except InvalidInput as exc:
            for messages_ in exc.fields.values():
                for message in messages_:
                    form.add_error("file", message)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Material added."))
            return redirect(review.get_absolute_url())
    return render(
        request,
        "legality/materials_form.html",
        {"form": form, "review": review, "title": _("Add material")},
    )


class CounselListView(ScopedListView):
    model = Counsel
    table_class = CounselTable
    filterset_class = None
    title = gettext_lazy("Legal advisers and government lawyers")
    create_url_name = "legality:counsel_create"
    create_permission = "legality.add_counsel"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")

    def get_filterset_class(self):
        import django_filters

        from legality.choices import CounselKind

        class CounselFilter(django_filters.FilterSet):
            kind = django_filters.ChoiceFilter(label=gettext_lazy("kind"),
                                               choices=CounselKind.choices)  # fmt: skip

            class Meta:
                model = Counsel
                fields = ["kind"]

        return CounselFilter


@login_required
def counsel_create(request):
    from legality.services import counsel_register

    user = request.user
    if not user.can("legality.add_counsel"):
        raise PermissionDenied
    form = CounselForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"legality.counsel_create:{user.pk}",
                create=lambda: counsel_register(actor=user, data=form.cleaned_data),
                load=lambda pk: Counsel.objects.get(pk=pk),
            )
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Entered in the register."))
            return redirect("legality:counsel_list")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Register counsel"), "cancel_url": "/legality/counsel/"},
    )
