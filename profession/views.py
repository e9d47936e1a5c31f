"""Staff pages of the legal-services sector: the registers (law firms with their lawyers from
the one register, notary offices with their notaries, forensic institutions with their
appraisers), the annual inspections and the complaints (case pages on the engine: the steps are
the processes' transitions, filled on cases.views.transition), the business volumes and their
Excel import. A row outside the user's jurisdiction answers 404, a write the role does not
grant 403 (profession.roles)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.views import case_page_context
from core import importing as core_importing
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    add_service_errors,
    report_service_error,
    scoped_object_or_404,
)
from core.idempotency import run_once
from core.models import OrganizationKind
from profession import complaint_importing, importing, register_importing, services
from profession.filters import ComplaintFilter, FirmFilter, InspectionFilter, VolumeFilter
from profession.forms import ComplaintForm, InspectionOpenForm, PractitionerForm, ProfileForm
from profession.models import (
    SUBJECT_RELATED,
    Complaint,
    ForensicInstitution,
    Inspection,
    LawFirm,
    NotaryOffice,
    Volume,
)
from profession.tables import (
    ComplaintTable,
    FirmTable,
    InspectionTable,
    InstitutionTable,
    NotaryOfficeTable,
    VolumeTable,
)


class ImportLinksMixin:
    """The list's buttons to its Excel imports (profession/list.html, block list_actions):
    `imports` — (register key, label) — shown to whoever holds the import's permission."""

    template_name = "profession/list.html"
    imports: tuple = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["imports"] = [(reverse(f"profession:{key}_import"), label, key)
                              for key, label, perm in self.imports if user.can(perm)]  # fmt: skip
        return context


def _register_import(key: str, label) -> tuple:
    return key, label, register_importing.PERMISSION[key]


class FirmListView(ImportLinksMixin, ScopedListView):
    model = LawFirm
    table_class = FirmTable
    filterset_class = FirmFilter
    title = gettext_lazy("Law firms")
    create_url_name = "profession:firm_create"
    create_permission = "profession.add_lawfirm"
    imports = (_register_import("firms", gettext_lazy("Import law firms")),
               _register_import("lawyers", gettext_lazy("Import lawyers")))  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


class NotaryOfficeListView(FirmListView):
    model = NotaryOffice
    table_class = NotaryOfficeTable
    filterset_class = None
    filterset_fields = ["status"]
    title = gettext_lazy("Notary offices")
    create_url_name = "profession:notary_office_create"
    create_permission = "profession.add_notaryoffice"
    imports = (_register_import("notary_offices", gettext_lazy("Import notary offices")),
               _register_import("notaries", gettext_lazy("Import notaries")))  # fmt: skip


class InstitutionListView(FirmListView):
    model = ForensicInstitution
    table_class = InstitutionTable
    filterset_class = None
    filterset_fields = ["status"]
    title = gettext_lazy("Forensic institutions")
    create_url_name = "profession:institution_create"
    create_permission = "profession.add_forensicinstitution"
    imports = (_register_import("institutions", gettext_lazy("Import forensic institutions")),
               _register_import("appraisers", gettext_lazy("Import appraisers")))  # fmt: skip


class InspectionListView(ScopedListView):
    model = Inspection
    table_class = InspectionTable
    filterset_class = InspectionFilter
    title = gettext_lazy("Annual inspections of law firms")
    create_url_name = "profession:inspection_create"
    create_permission = "profession.add_inspection"

    def get_queryset(self):
        return super().get_queryset().select_related("firm__organization")


class ComplaintListView(ImportLinksMixin, ScopedListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilter
    title = gettext_lazy("Complaints against practitioners")
    create_url_name = "profession:complaint_create"
    create_permission = "profession.add_complaint"
    imports = (("complaint", gettext_lazy("Import past complaints"),
                complaint_importing.PERMISSION),)  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related(*SUBJECT_RELATED)


class VolumeListView(ScopedListView):
    model = Volume
    table_class = VolumeTable
    filterset_class = VolumeFilter
    title = gettext_lazy("Business volumes")
    create_url_name = "profession:volume_import"
    create_permission = importing.PERMISSION

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


def _profile_detail(request, model, pk, *, people, people_title):
    profile = scoped_object_or_404(model, request.user, pk)
    return render(request, "profession/institution_detail.html", {
        "title": profile.name, "profile": profile, "people": people(profile),
        "people_title": people_title,
        "edit_url": reverse(f"profession:{_PREFIX[model]}_edit", args=[profile.pk])
        if request.user.can_at(f"profession.change_{model._meta.model_name}",
                               profile.region_code) else None,
        "inspections": profile.inspections.all()[:20] if model is LawFirm else (),
        "add_person_url": _add_person_url(request.user, model, profile),
    })  # fmt: skip


def _add_person_url(user, model, profile) -> str | None:
    name = {NotaryOffice: "notary", ForensicInstitution: "appraiser"}.get(model)
    if name and user.can_at(f"profession.add_{name}", profile.region_code):
        return reverse(f"profession:{name}_create", args=[profile.pk])
    return None


def _person_form(request, model, pk):
    user = request.user
    institution = scoped_object_or_404(model, user, pk)
    person = "notary" if model is NotaryOffice else "appraiser"
    if not user.can_at(f"profession.add_{person}", institution.region_code):
        raise PermissionDenied
    form = PractitionerForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            services.practitioner_add(actor=user, institution=institution,
                                      data=form.cleaned_data)  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(institution.get_absolute_url())
    title = _("Add a notary") if model is NotaryOffice else _("Add an appraiser")
    return render(request, "core/form.html", {
        "form": form, "title": f"{title}：{institution.name}",
        "cancel_url": institution.get_absolute_url()})  # fmt: skip


@login_required
def notary_create(request, pk):
    return _person_form(request, NotaryOffice, pk)


@login_required
def appraiser_create(request, pk):
    return _person_form(request, ForensicInstitution, pk)


_PREFIX = {LawFirm: "firm", NotaryOffice: "notary_office", ForensicInstitution: "institution"}
_KIND = {LawFirm: OrganizationKind.LAW_FIRM, NotaryOffice: OrganizationKind.NOTARY_OFFICE,
         ForensicInstitution: OrganizationKind.FORENSIC_INSTITUTION}  # fmt: skip


@login_required
def firm_detail(request, pk):
    return _profile_detail(request, LawFirm, pk, people_title=_("Lawyers"),
                           people=lambda p: p.organization.lawyers.order_by("name"))  # fmt: skip


@login_required
def notary_office_detail(request, pk):
    return _profile_detail(request, NotaryOffice, pk, people_title=_("Notaries"),
                           people=lambda p: p.notaries.order_by("name"))  # fmt: skip


@login_required
def institution_detail(request, pk):
    return _profile_detail(request, ForensicInstitution, pk, people_title=_("Appraisers"),
                           people=lambda p: p.appraisers.order_by("name"))  # fmt: skip


def _profile_form(request, model, pk=None):
    user = request.user
    action = "change" if pk else "add"
    perm = f"profession.{action}_{model._meta.model_name}"
    instance = None
    if pk:
        instance = scoped_object_or_404(model, user, pk)
        if not user.can_at(perm, instance.region_code):
            raise PermissionDenied
    elif not services.may_work(user, perm):
        raise PermissionDenied
    initial = {}
    if instance is not None:
        initial = {"licence_number": instance.licence_number, "status": instance.status,
                   "licensed_on": instance.licensed_on, "form": getattr(instance, "form", ""),
                   "categories": getattr(instance, "categories", [])}  # fmt: skip
    form = ProfileForm(request.POST or None, user=user, kind=_KIND[model], perm=perm,
                       instance=instance, initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = instance.organization if instance else data.pop("organization")
        try:
            profile = services.profile_save(actor=user, organization=organization, data=data,
                                            instance=instance)  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(profile.get_absolute_url())
    return render(request, "core/form.html", {
        "form": form, "title": model._meta.verbose_name,
        "cancel_url": reverse(f"profession:{_PREFIX[model]}_list")})  # fmt: skip


@login_required
def firm_create(request):
    return _profile_form(request, LawFirm)


@login_required
def firm_edit(request, pk):
    return _profile_form(request, LawFirm, pk)


@login_required
def notary_office_create(request):
    return _profile_form(request, NotaryOffice)


@login_required
def notary_office_edit(request, pk):
    return _profile_form(request, NotaryOffice, pk)


@login_required
def institution_create(request):
    return _profile_form(request, ForensicInstitution)


@login_required
def institution_edit(request, pk):
    return _profile_form(request, ForensicInstitution, pk)


@login_required
def inspection_create(request):
    user = request.user
    if not services.may_work(user, "profession.add_inspection"):
        raise PermissionDenied
    form = InspectionOpenForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            inspection, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"profession.inspection_open:{user.pk}",
                create=lambda: services.inspection_open(
                    actor=user, firm=form.cleaned_data["firm"], year=form.cleaned_data["year"]),
                load=lambda pk: Inspection.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The inspection is open."))
            return redirect(inspection.get_absolute_url())
    return render(request, "core/form.html", {
        "form": form, "title": _("Open an annual inspection"),
        "cancel_url": reverse("profession:inspection_list")})  # fmt: skip


@login_required
def complaint_create(request):
    user = request.user
    if not services.may_work(user, "profession.add_complaint"):
        raise PermissionDenied
    form = ComplaintForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, _created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=f"profession.complaint_register:{user.pk}",
                create=lambda: services.complaint_register(actor=user, data=form.service_data()),
                load=lambda pk: Complaint.objects.get(pk=pk),
            )  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The complaint is registered."))
            return redirect(complaint.get_absolute_url())
    return render(request, "core/form.html", {
        "form": form, "title": _("Register a complaint"),
        "cancel_url": reverse("profession:complaint_list")})  # fmt: skip


class InspectionDetailView(ScopedDetailView):
    model = Inspection
    template_name = "profession/inspection_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.request, self.object))
        return context


class ComplaintDetailView(ScopedDetailView):
    model = Complaint
    template_name = "profession/complaint_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.request, self.object))
        context["penalty"] = getattr(self.object, "penalty", None) if hasattr(
            self.object, "penalty") else None  # fmt: skip
        return context


volume_import, volume_template = core_importing.import_pages(
    permission=importing.PERMISSION,
    template=importing.template,
    importer="profession.importing.import_volumes",
    filename="业务量导入模板.xlsx",
    title=gettext_lazy("Import business volumes"),
    instructions=gettext_lazy(
        "One row per institution, month and category, from the returns of the notary offices "
        "and forensic institutions. A row with a problem stops the whole file: nothing is "
        "written, and the problems are listed by row and column."
    ),
    done_message=gettext_lazy("%(count)s rows of business volumes imported."),
    list_url="profession:volume_list",
    template_url="profession:volume_template",
)


# The registers' imports (profession.register_importing): a page and a template per register,
# each leading back to the list it belongs to.
REGISTER_IMPORTS = {
    "firms": (gettext_lazy("Import law firms"), "profession:firm_list"),
    "lawyers": (gettext_lazy("Import lawyers"), "profession:firm_list"),
    "notary_offices": (gettext_lazy("Import notary offices"), "profession:notary_office_list"),
    "notaries": (gettext_lazy("Import notaries"), "profession:notary_office_list"),
    "institutions": (gettext_lazy("Import forensic institutions"),
                     "profession:institution_list"),
    "appraisers": (gettext_lazy("Import appraisers"), "profession:institution_list"),
}  # fmt: skip
REGISTER_IMPORT_VIEWS = {
    key: core_importing.import_pages(
        permission=register_importing.PERMISSION[key],
        template=lambda key=key: register_importing.template(key),
        importer=f"profession.register_importing.import_{key}",
        filename=register_importing.REGISTERS[key].filename,
        title=title,
        instructions=gettext_lazy(
            "One row per entry of the register. A row whose licence or certificate number is in "
            "the register already updates that entry instead of adding a second one. A row with "
            "a problem stops the whole file: nothing is written, and the problems are listed by "
            "row and column."
        ),
        done_message=gettext_lazy("%(count)s rows of the register imported."),
        list_url=list_url,
        template_url=f"profession:{key}_template",
    )
    for key, (title, list_url) in REGISTER_IMPORTS.items()
}

complaint_import, complaint_template = core_importing.import_pages(
    permission=complaint_importing.PERMISSION,
    template=complaint_importing.template,
    importer="profession.complaint_importing.import_complaints",
    filename="投诉导入模板.xlsx",
    title=gettext_lazy("Import past complaints"),
    instructions=gettext_lazy(
        "One concluded complaint per row: not accepted, dismissed, or penalised with the "
        "article, the measures (within the article's limits), the decision number and day. "
        "They are recorded as closed cases. A file is imported once; a row with a problem "
        "stops the whole file: nothing is written, and the problems are listed by row and "
        "column."
    ),
    done_message=gettext_lazy("%(count)s past complaints imported."),
    list_url="profession:complaint_list",
    template_url="profession:complaint_template",
)
