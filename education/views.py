"""Staff pages of public legal education: activities (list, record, page, correct), the
responsibility lists of the agencies (who has published one for a year, each list with its
items, publishing), the register of model villages, and a five-year plan's figures. A row
outside the user's scope answers 404, a write the user's role does not grant 403."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedListView,
    add_service_errors,
    record_page,
    report_service_error,
    scoped_object_or_404,
)
from core.idempotency import run_once
from education import plans, selectors, services
from education.filters import ActivityFilter, EvaluationFilter, VillageFilter
from education.forms import (
    ActivityForm,
    AssessForm,
    EvaluationForm,
    ItemFormSet,
    ListForm,
    PublishForm,
    SelfReportForm,
    VillageForm,
)
from education.models import EducationActivity, Evaluation, ModelVillage, ResponsibilityList
from education.tables import ActivityTable, EvaluationTable, VillageTable


def _need(user, perm: str) -> None:
    if not user.can(perm):
        raise PermissionDenied


def _edit_page(request, *, form, run, done, title, back, template="education/form.html",
               extra=None):  # fmt: skip
    """A page whose POST runs `run(cleaned_data)`; a refused input stands beside its field
    with what was typed, nothing written."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, template, {"form": form, "title": title, "back": back,
                                      **(extra or {})})  # fmt: skip


# -- activities --------------------------------------------------------------------------------


class ActivityListView(ScopedListView):
    model = EducationActivity
    table_class = ActivityTable
    filterset_class = ActivityFilter
    title = gettext_lazy("Public legal education activities")
    create_url_name = "education:activity_create"
    create_permission = "education.add_educationactivity"
    import_permission = "education.add_educationactivity"  # importing.PERMISSION
    template_name = "education/activity_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("organizer")


@login_required
def activity_create(request):
    user = request.user
    _need(user, "education.add_educationactivity")
    form = ActivityForm(request.POST or None, user=user)
    return record_page(
        request, form=form, scope="education.activity_record",
        create=lambda: services.activity_record(actor=user, data=form.activity_data()),
        load=lambda pk: EducationActivity.objects.get(pk=pk),
        done=reverse("education:activity_list"), success=_("The activity is recorded."),
        title=_("Record a public legal education activity"),
        cancel_url=reverse("education:activity_list"),
    )  # fmt: skip


@login_required
def activity_detail(request, pk: int):
    activity = scoped_object_or_404(EducationActivity, request.user, pk)
    can_change = services.may(request.user, "education.change_educationactivity",
                              region_code=activity.region_code,
                              organization_id=activity.organizer_id)  # fmt: skip
    return render(request, "education/activity_detail.html",
                  {"activity": activity, "can_change": can_change, "title": activity.topic})  # fmt: skip


@login_required
def activity_edit(request, pk: int):
    user = request.user
    activity = scoped_object_or_404(EducationActivity, user, pk)
    if not services.may(user, "education.change_educationactivity",
                        region_code=activity.region_code, organization_id=activity.organizer_id):  # fmt: skip
        raise PermissionDenied
    names = ("held_on", "organizer", "place", "topic", "form", "audience", "people_reached",
             "materials_distributed", "online_views", "notes")  # fmt: skip
    initial = {name: getattr(activity, name) for name in names}
    initial["region"] = activity.region_code
    form = ActivityForm(request.POST or None, initial=initial, user=user,
                        perm="education.change_educationactivity")  # fmt: skip
    return _edit_page(
        request, form=form, back=activity.get_absolute_url(), done=_("Saved."),
        title=_("Correct the activity"),
        run=lambda data: services.activity_update(actor=user, activity=activity, data=data),
    )  # fmt: skip


# -- responsibility lists (谁执法谁普法) -----------------------------------------------------------


def _year_param(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    return year if services.FIRST_YEAR <= year <= today.year + 1 else today.year


@login_required
def list_overview(request):
    """Every agency in reach for a year, with or without a published list."""
    user = request.user
    _need(user, "education.view_responsibilitylist")
    year = _year_param(request)
    status = request.GET.get("status", "")
    published = {"published": True, "unpublished": False}.get(status)
    rows = selectors.list_status(user, year, published=published)
    everyone = selectors.list_status(user, year) if published is not None else rows
    return render(request, "education/list_overview.html", {
        "title": _("Public legal education responsibility lists"), "year": year, "rows": rows,
        "status": status, "published_count": sum(r.published for r in everyone),
        "agency_count": len(everyone),
        "years": list(range(timezone.localdate().year + 1, services.FIRST_YEAR - 1, -1))[:12],
        "can_add": user.can("education.add_responsibilitylist"),
    })  # fmt: skip


def _items_errors(formset, exc: InvalidInput, form) -> None:
    for field, errors in exc.fields.items():
        if field.startswith("items-") and field.count("-") >= 2:
            _prefix, index, name = field.split("-", 2)
            if int(index) < len(formset.forms):
                for error in errors:
                    formset.forms[int(index)].add_error(name, error)
                continue
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def list_create(request):
    user = request.user
    _need(user, "education.add_responsibilitylist")
    initial = {"year": _year_param(request)}
    if request.GET.get("agency", "").isdigit():
        initial["agency"] = int(request.GET["agency"])
    form = ListForm(request.POST or None, initial=initial, user=user)
    formset = ItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and (form.is_valid() & formset.is_valid()):
        rows = [f.cleaned_data for f in formset.forms]
        try:
            lst, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"education.list_create:{user.pk}",
                create=lambda: services.list_create(actor=user, agency=form.cleaned_data["agency"],
                                                    year=form.cleaned_data["year"], items=rows),
                load=lambda pk: ResponsibilityList.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            _items_errors(formset, exc, form)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The list is saved as a draft."))
            return redirect(lst.get_absolute_url())
    return render(request, "education/list_form.html", {
        "form": form, "formset": formset, "title": _("Write a responsibility list"),
        "back": reverse("education:list_overview"),
    })  # fmt: skip


@login_required
def list_detail(request, pk: int):
    lst = scoped_object_or_404(ResponsibilityList, request.user, pk)
    can_change = services.may(request.user, "education.change_responsibilitylist",
                              region_code=lst.region_code, organization_id=lst.agency_id)  # fmt: skip
    return render(request, "education/list_detail.html", {
        "list": lst, "items": lst.items.all(), "can_change": can_change,
        "title": _("Responsibility list of %(agency)s for %(year)s")
        % {"agency": lst.agency, "year": lst.year},
    })  # fmt: skip


def _list_for_change(request, pk: int) -> ResponsibilityList:
    lst = scoped_object_or_404(ResponsibilityList, request.user, pk)
    if not services.may(request.user, "education.change_responsibilitylist",
                        region_code=lst.region_code, organization_id=lst.agency_id):  # fmt: skip
        raise PermissionDenied
    return lst


@login_required
def list_edit(request, pk: int):
    user = request.user
    lst = _list_for_change(request, pk)
    initial = [{"law": i.law, "target_audience": i.target_audience, "measures": i.measures}
               for i in lst.items.all()]  # fmt: skip
    formset = ItemFormSet(request.POST or None, initial=initial, prefix="items")
    form = forms.Form()  # errors on the list as a whole (no items left)
    if request.method == "POST" and formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms]
        try:
            services.list_update(actor=user, responsibility_list=lst, items=rows)
        except InvalidInput as exc:
            _items_errors(formset, exc, form)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(lst.get_absolute_url())
    return render(request, "education/list_form.html", {
        "form": form, "formset": formset, "back": lst.get_absolute_url(),
        "title": _("Change the items of the list"),
    })  # fmt: skip


@login_required
def list_publish(request, pk: int):
    user = request.user
    lst = _list_for_change(request, pk)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    return _edit_page(
        request, form=form, back=lst.get_absolute_url(), done=_("The list is published."),
        title=_("Publish the responsibility list"),
        run=lambda data: services.list_publish(actor=user, responsibility_list=lst,
                                               published_on=data["published_on"]),
    )  # fmt: skip


# -- model villages ----------------------------------------------------------------------------


class VillageListView(ScopedListView):
    model = ModelVillage
    table_class = VillageTable
    filterset_class = VillageFilter
    title = gettext_lazy("Democracy and rule-of-law model villages")
    create_url_name = "education:village_create"
    create_permission = "education.add_modelvillage"

    def get_queryset(self):
        # The region's full name walks up to the province: village, street, district, city,
        # province in the one query.
        return super().get_queryset().select_related("region__parent__parent__parent__parent")


@login_required
def village_create(request):
    user = request.user
    _need(user, "education.add_modelvillage")
    form = VillageForm(request.POST or None)

    def data():
        cleaned = dict(form.cleaned_data)
        cleaned.pop("submission_key", None)
        return cleaned

    return record_page(
        request, form=form, scope="education.village_register",
        create=lambda: services.village_register(actor=user, data=data()),
        load=lambda pk: ModelVillage.objects.get(pk=pk),
        done=reverse("education:village_list"), success=_("Entered in the register."),
        title=_("Register a model village"), cancel_url=reverse("education:village_list"),
    )  # fmt: skip


@login_required
def village_edit(request, pk: int):
    user = request.user
    village = scoped_object_or_404(ModelVillage, user, pk)
    if not services.may(user, "education.change_modelvillage", region_code=village.region_code):
        raise PermissionDenied
    initial = {"region": village.region_code, "level": village.level,
               "year_named": village.year_named, "batch": village.batch,
               "revoked_on": village.revoked_on}  # fmt: skip
    form = VillageForm(request.POST or None, initial=initial)
    return _edit_page(
        request, form=form, back=reverse("education:village_list"), done=_("Saved."),
        title=_("Change the entry: %(village)s") % {"village": village},
        run=lambda data: services.village_update(actor=user, village=village, data=data),
    )  # fmt: skip


# -- the yearly evaluation (履职评议) ---------------------------------------------------------------


class EvaluationListView(ScopedListView):
    model = Evaluation
    table_class = EvaluationTable
    filterset_class = EvaluationFilter
    title = gettext_lazy("Performance evaluations")
    create_url_name = "education:evaluation_create"
    create_permission = "education.add_evaluation"

    def get_queryset(self):
        # The public votes: the portal's ballots counted, with those tallied outside it.
        return (
            super()
            .get_queryset()
            .select_related("agency")
            .annotate(votes_total=Count("votes") + F("public_votes"))
        )


@login_required
def evaluation_create(request):
    user = request.user
    _need(user, "education.add_evaluation")
    today = timezone.localdate()
    form = EvaluationForm(request.POST or None, user=user,
                          initial={"year": today.year - 1, "reported_on": today})  # fmt: skip

    def create():
        data = form.cleaned_data
        return services.evaluation_report(actor=user, agency=data["agency"], year=data["year"],
                                          self_report=data["self_report"],
                                          reported_on=data["reported_on"])  # fmt: skip

    return record_page(
        request, form=form, scope="education.evaluation_report", create=create,
        load=lambda pk: Evaluation.objects.get(pk=pk),
        done=reverse("education:evaluation_list"), success=_("The report is filed."),
        title=_("File a yearly performance report"),
        cancel_url=reverse("education:evaluation_list"),
    )  # fmt: skip


def _report_may(user, evaluation) -> bool:
    """Whether `user` may change the self-report: the agency's handler or the bureau, until
    the result is published."""
    return not evaluation.published and services.may(
        user, "education.change_evaluation", region_code=evaluation.region_code,
        organization_id=evaluation.agency_id,
    )  # fmt: skip


@login_required
def evaluation_edit(request, pk: int):
    """Change the agency's self-report until the result is published."""
    user = request.user
    evaluation = scoped_object_or_404(Evaluation, user, pk)
    if not services.may(user, "education.change_evaluation", region_code=evaluation.region_code,
                        organization_id=evaluation.agency_id):  # fmt: skip
        raise PermissionDenied
    form = SelfReportForm(request.POST or None, initial={
        "self_report": evaluation.self_report, "reported_on": evaluation.reported_on})  # fmt: skip
    return _edit_page(
        request, form=form, back=evaluation.get_absolute_url(), done=_("Saved."),
        title=_("Change the self-report"),
        run=lambda data: services.evaluation_report_update(
            actor=user, evaluation=evaluation, self_report=data["self_report"],
            reported_on=data["reported_on"]),
    )  # fmt: skip


def _bureau_may(user, evaluation) -> bool:
    return services.may(user, "education.change_evaluation", region_code=evaluation.region_code)


@login_required
def evaluation_detail(request, pk: int):
    evaluation = scoped_object_or_404(Evaluation, request.user, pk)
    return render(request, "education/evaluation_detail.html", {
        "evaluation": evaluation, "tally": evaluation.tally(),
        "can_assess": _bureau_may(request.user, evaluation),
        "can_edit_report": _report_may(request.user, evaluation),
        "title": _("Performance evaluation of %(agency)s for %(year)s")
        % {"agency": evaluation.agency, "year": evaluation.year},
    })  # fmt: skip


def _evaluation_for_bureau(request, pk: int) -> Evaluation:
    evaluation = scoped_object_or_404(Evaluation, request.user, pk)
    if not _bureau_may(request.user, evaluation):
        raise PermissionDenied
    return evaluation


@login_required
def evaluation_assess(request, pk: int):
    user = request.user
    evaluation = _evaluation_for_bureau(request, pk)
    initial = {"expert_score": evaluation.expert_score, "grade": evaluation.grade}
    form = AssessForm(request.POST or None, initial=initial)
    return _edit_page(
        request, form=form, back=evaluation.get_absolute_url(), done=_("Saved."),
        title=_("Score and grade the evaluation"),
        run=lambda data: services.evaluation_assess(actor=user, evaluation=evaluation, data=data),
    )  # fmt: skip


@login_required
def evaluation_publish(request, pk: int):
    user = request.user
    evaluation = _evaluation_for_bureau(request, pk)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    return _edit_page(
        request, form=form, back=evaluation.get_absolute_url(), done=_("The result is published."),
        title=_("Publish the evaluation result"),
        run=lambda data: services.evaluation_publish(actor=user, evaluation=evaluation,
                                                     published_on=data["published_on"]),
    )  # fmt: skip


# -- the plan period ---------------------------------------------------------------------------


@login_required
def plan_report(request, key: str | None = None):
    """The figures of a five-year plan (八五, 九五, …) for the user's jurisdiction, year by year
    and for the plan as a whole."""
    user = request.user
    _need(user, "education.view_educationactivity")
    today = timezone.localdate()
    try:
        plan = plans.plan(key) if key else (plans.plan_of_year(today.year) or plans.plans()[-1])
    except LookupError:
        raise Http404 from None
    prefixes = user.jurisdictions("education.view_educationactivity")
    if not prefixes:
        raise PermissionDenied  # an organisation-scoped role has no jurisdiction to count
    prefix = min(prefixes, key=len)
    return render(request, "education/plan_report.html", {
        "title": str(plan.name), "plan": plan, "plans": plans.plans(),
        "figures": selectors.plan_figures(plan, prefix, today),
        "jurisdiction": prefix, "started": plan.start_year <= today.year,
    })  # fmt: skip
