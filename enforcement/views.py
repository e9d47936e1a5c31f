"""Staff pages of the enforcement registers: the lists (bodies, transfers, officers, exam
sittings, certificates) and each entry's page with the forms of what may be done to it. An
agency handler sees the same pages for their own agency's bodies and officers only; a row
outside the user's scope answers 404, a write the user's role does not grant 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper
from django.shortcuts import redirect, render
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
from enforcement import selectors, services
from enforcement.choices import CertificateStatus
from enforcement.filters import (
    BodyFilter,
    CertificateFilter,
    OfficerFilter,
    SittingFilter,
    TransferFilter,
)
from enforcement.forms import (
    AnnualReviewForm,
    BodyEditForm,
    BodyForm,
    CertificateActionForm,
    CertificateForm,
    OfficerEditForm,
    OfficerForm,
    PowerEndForm,
    PowerForm,
    ScoresForm,
    SignUpForm,
    SittingForm,
    TrainingForm,
    TransferForm,
)
from enforcement.models import (
    Certificate,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
    PowerTransfer,
)
from enforcement.tables import (
    BodyTable,
    CertificateTable,
    OfficerTable,
    SittingTable,
    TransferTable,
)
from enforcement.validity import certificate_status_on, officer_certified_q


def _need(user, perm: str) -> None:
    if not user.can(perm):
        raise PermissionDenied


def _may(user, perm: str, row, agency_id=None) -> bool:
    return services.may(user, perm, region_code=row.region_code, agency_id=agency_id)


def _action_page(request, *, form, scope, run, load, done, title, back, template=None):
    """The page of one write on an entry: the service runs once per submission key; a refused
    input stands beside its field with what was typed, nothing written."""
    if request.method == "POST" and form.is_valid():
        try:
            run_once(key=form.cleaned_data["submission_key"], scope=f"{scope}:{request.user.pk}",
                     create=lambda: run(form.cleaned_data), load=load)  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, done)
            return redirect(back.get_absolute_url())
    return render(request, template or "enforcement/action.html",
                  {"form": form, "title": title, "back": back})  # fmt: skip


def _edit_page(request, *, form, run, done, title, back):
    """An edit without a submission key (editing twice writes the same)."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, done)
            return redirect(back.get_absolute_url())
    return render(request, "enforcement/action.html", {"form": form, "title": title, "back": back})


# -- bodies and powers -------------------------------------------------------------------------


class BodyListView(ScopedListView):
    model = EnforcementBody
    table_class = BodyTable
    filterset_class = BodyFilter
    title = gettext_lazy("Enforcement bodies")
    create_url_name = "enforcement:body_create"
    create_permission = "enforcement.add_enforcementbody"

    def get_queryset(self):
        return super().get_queryset().select_related("agency")


@login_required
def body_create(request):
    user = request.user
    _need(user, "enforcement.add_enforcementbody")
    form = BodyForm(request.POST or None, user=user)
    return record_page(
        request, form=form, scope="enforcement.body_register",
        create=lambda: services.body_register(actor=user, agency=form.cleaned_data["agency"],
                                              data=form.body_data()),
        load=lambda pk: EnforcementBody.objects.get(pk=pk),
        done="/enforcement/bodies/", success=_("Entered in the register."),
        title=_("Register an enforcement body"), cancel_url="/enforcement/bodies/",
    )  # fmt: skip


@login_required
def body_detail(request, pk: int):
    body = scoped_object_or_404(EnforcementBody, request.user, pk)
    user, today = request.user, timezone.localdate()
    powers = list(body.powers.select_related("predecessor__body").prefetch_related(
        "successors__body").order_by("code", "valid_from", "id"))  # fmt: skip
    for p in powers:
        p.in_force = p.valid_on(today)
    transfers = PowerTransfer.objects.filter(pk__in=[
        *body.transfers_in.values_list("pk", flat=True),
        *body.transfers_out.values_list("pk", flat=True)]).select_related(
        "from_body", "to_body").annotate(power_count=Count("new_powers"))  # fmt: skip
    can_change = _may(user, "enforcement.change_enforcementbody", body, body.agency_id)
    return render(request, "enforcement/body_detail.html", {
        "body": body, "powers": powers, "transfers": transfers,
        "officer_count": body.officers.count(),
        "can_change": can_change,
        "can_add_power": _may(user, "enforcement.add_power", body, body.agency_id),
        "can_end_power": _may(user, "enforcement.change_power", body, body.agency_id),
        "can_transfer": _may(user, "enforcement.add_powertransfer", body),
        "title": body.name,
    })  # fmt: skip


def _body_for(request, pk: int, perm: str) -> EnforcementBody:
    body = scoped_object_or_404(EnforcementBody, request.user, pk)
    if not _may(request.user, perm, body, body.agency_id):
        raise PermissionDenied
    return body


@login_required
def body_edit(request, pk: int):
    body = _body_for(request, pk, "enforcement.change_enforcementbody")
    initial = {k: getattr(body, k) for k in ("name", "kind", "legal_basis", "established_on",
                                              "abolished_on")}  # fmt: skip
    form = BodyEditForm(request.POST or None, initial=initial)
    return _edit_page(
        request, form=form, back=body, title=_("Change the enforcement body"),
        run=lambda data: services.body_update(actor=request.user, body=body, data=data),
        done=_("Saved."),
    )  # fmt: skip


@login_required
def power_create(request, pk: int):
    body = _body_for(request, pk, "enforcement.add_power")
    form = PowerForm(request.POST or None)
    return _action_page(
        request, form=form, back=body, scope="enforcement.power_add",
        title=_("Add a power to the power list"),
        run=lambda data: services.power_add(actor=request.user, body=body, data=data),
        load=lambda pk: Power.objects.get(pk=pk), done=_("The power is added."),
    )  # fmt: skip


@login_required
def power_end(request, pk: int):
    power = scoped_object_or_404(Power, request.user, pk)
    body = power.body
    if not _may(request.user, "enforcement.change_power", power, body.agency_id):
        raise PermissionDenied
    form = PowerEndForm(request.POST or None)
    return _action_page(
        request, form=form, back=body, scope="enforcement.power_end",
        title=_("End the power %(code)s %(name)s") % {"code": power.code, "name": power.name},
        run=lambda data: services.power_end(actor=request.user, power=power,
                                            last_day=data["valid_until"],
                                            reason=data["end_reason"]),
        load=lambda pk: Power.objects.get(pk=pk), done=_("The power is ended."),
    )  # fmt: skip


@login_required
def transfer_create(request, pk: int):
    """Transfer powers of this body to another (综合执法改革): bureau staff only."""
    body = scoped_object_or_404(EnforcementBody, request.user, pk)
    if not _may(request.user, "enforcement.add_powertransfer", body):
        raise PermissionDenied
    form = TransferForm(request.POST or None, user=request.user, from_body=body)
    return _action_page(
        request, form=form, back=body, scope="enforcement.transfer_record",
        title=_("Transfer powers of %(body)s") % {"body": body.name},
        run=lambda data: services.transfer_record(
            actor=request.user, from_body=body, to_body=data["to_body"], powers=data["powers"],
            effective_on=data["effective_on"], basis_document=data["basis_document"],
            note=data["note"]),
        load=lambda pk: PowerTransfer.objects.get(pk=pk),
        done=_("The powers are transferred."),
    )  # fmt: skip


class TransferListView(ScopedListView):
    model = PowerTransfer
    table_class = TransferTable
    filterset_class = TransferFilter
    title = gettext_lazy("Power transfers")

    def get_queryset(self):
        return (super().get_queryset().select_related("from_body", "to_body")
                .annotate(power_count=Count("new_powers")))  # fmt: skip


@login_required
def transfer_detail(request, pk: int):
    transfer = scoped_object_or_404(PowerTransfer, request.user, pk)
    rows = transfer.new_powers.select_related("predecessor", "body").order_by("code")
    return render(request, "enforcement/transfer_detail.html",
                  {"transfer": transfer, "rows": rows, "title": str(transfer)})  # fmt: skip


# -- officers ------------------------------------------------------------------------------------


class OfficerListView(ScopedListView):
    model = Officer
    table_class = OfficerTable
    filterset_class = OfficerFilter
    title = gettext_lazy("Enforcement officers")
    create_url_name = "enforcement:officer_create"
    create_permission = "enforcement.add_officer"
    import_permission = "enforcement.add_certificate"  # register_importing.OFFICER_PERMISSION
    template_name = "enforcement/officer_list.html"

    def get_queryset(self):
        certified = ExpressionWrapper(officer_certified_q(timezone.localdate()),
                                      output_field=BooleanField())  # fmt: skip
        return super().get_queryset().select_related("body").annotate(certified=certified)


@login_required
def officer_create(request):
    user = request.user
    _need(user, "enforcement.add_officer")
    form = OfficerForm(request.POST or None, user=user)
    return record_page(
        request, form=form, scope="enforcement.officer_register",
        create=lambda: services.officer_register(actor=user, body=form.cleaned_data["body"],
                                                 data=form.cleaned_data),
        load=lambda pk: Officer.objects.get(pk=pk),
        done="/enforcement/officers/", success=_("Entered in the register."),
        title=_("Register an enforcement officer"), cancel_url="/enforcement/officers/",
    )  # fmt: skip


@login_required
def officer_detail(request, pk: int):
    user, today = request.user, timezone.localdate()
    officer = scoped_object_or_404(Officer, user, pk)
    agency = officer.body.agency_id
    certificates = list(officer.certificates.prefetch_related("suspensions"))
    for c in certificates:
        c.status_today = CertificateStatus(certificate_status_on(c, today)).label
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer,
        "trainings": officer.trainings.all(),
        "hours_12_months": selectors.training_hours(officer, today),
        "minimum_hours": services.minimum_training_hours(),
        "yearly_hours": selectors.yearly_training_hours(officer),
        "exams": officer.exams.select_related("sitting").order_by("-sat_on"),
        "certificates": certificates,
        "qualification": selectors.may_handle(officer, today),
        "can_change": _may(user, "enforcement.change_officer", officer, agency),
        "can_train": _may(user, "enforcement.add_training", officer, agency),
        "can_issue": _may(user, "enforcement.add_certificate", officer),
        "title": officer.name,
    })  # fmt: skip


def _officer_for(request, pk: int, perm: str) -> Officer:
    officer = scoped_object_or_404(Officer, request.user, pk)
    if not _may(request.user, perm, officer, officer.body.agency_id):
        raise PermissionDenied
    return officer


@login_required
def officer_edit(request, pk: int):
    officer = _officer_for(request, pk, "enforcement.change_officer")
    form = OfficerEditForm(request.POST or None, initial={
        "name": officer.name, "post": officer.post,
        "legal_qualification": officer.legal_qualification})  # fmt: skip
    return _edit_page(
        request, form=form, back=officer, title=_("Change the officer's particulars"),
        run=lambda data: services.officer_update(actor=request.user, officer=officer, data=data),
        done=_("Saved."),
    )  # fmt: skip


@login_required
def training_create(request, pk: int):
    officer = _officer_for(request, pk, "enforcement.add_training")
    form = TrainingForm(request.POST or None)
    from enforcement.models import Training

    return _action_page(
        request, form=form, back=officer, scope="enforcement.training_add",
        title=_("Record a training of %(name)s") % {"name": officer.name},
        run=lambda data: services.training_add(actor=request.user, officer=officer, data=data),
        load=lambda pk: Training.objects.get(pk=pk), done=_("The training is recorded."),
    )  # fmt: skip


@login_required
def certificate_issue(request, pk: int):
    officer = scoped_object_or_404(Officer, request.user, pk)
    if not _may(request.user, "enforcement.add_certificate", officer):
        raise PermissionDenied
    form = CertificateForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    return _action_page(
        request, form=form, back=officer, scope="enforcement.certificate_issue",
        title=_("Issue an enforcement certificate to %(name)s") % {"name": officer.name},
        run=lambda data: services.certificate_issue(actor=request.user, officer=officer,
                                                    data=data),
        load=lambda pk: Certificate.objects.get(pk=pk), done=_("The certificate is issued."),
    )  # fmt: skip


# -- exam sittings -------------------------------------------------------------------------------


class SittingListView(ScopedListView):
    model = ExamSitting
    table_class = SittingTable
    filterset_class = SittingFilter
    title = gettext_lazy("Qualification exams")
    create_url_name = "enforcement:sitting_create"
    create_permission = "enforcement.add_examsitting"

    def get_queryset(self):
        return (super().get_queryset().select_related("organization")
                .annotate(candidate_count=Count("candidates")))  # fmt: skip


@login_required
def sitting_create(request):
    user = request.user
    _need(user, "enforcement.add_examsitting")
    form = SittingForm(request.POST or None, user=user)
    return record_page(
        request, form=form, scope="enforcement.sitting_create",
        create=lambda: services.sitting_create(
            actor=user, organization=form.cleaned_data["organization"], data=form.cleaned_data),
        load=lambda pk: ExamSitting.objects.get(pk=pk),
        done="/enforcement/exams/", success=_("The exam sitting is set up."),
        title=_("Set up an exam sitting"), cancel_url="/enforcement/exams/",
    )  # fmt: skip


@login_required
def sitting_detail(request, pk: int):
    """A sitting with its candidates; the sign-up form for those who may sign officers up, the
    results form for the bureau's staff who hold the sitting."""
    user = request.user
    sitting = scoped_object_or_404(ExamSitting, user, pk)
    candidates = selectors.candidates(user, sitting)
    can_score = _may(user, "enforcement.change_examsitting", sitting)
    # Sign-up closes after the exam day (services.candidate_sign_up).
    can_sign_up = user.can("enforcement.add_examcandidate") and (
        sitting.held_on >= timezone.localdate()
    )
    signup = SignUpForm(user=user, sitting=sitting) if can_sign_up else None
    scores = ScoresForm(candidates=candidates) if can_score else None
    return render(request, "enforcement/sitting_detail.html", {
        "sitting": sitting, "candidates": candidates, "signup": signup, "scores": scores,
        "minimum_hours": services.minimum_training_hours(), "title": str(sitting),
    })  # fmt: skip


@login_required
def sitting_sign_up(request, pk: int):
    user = request.user
    sitting = scoped_object_or_404(ExamSitting, user, pk)
    _need(user, "enforcement.add_examcandidate")
    form = SignUpForm(request.POST or None, user=user, sitting=sitting)
    return _action_page(
        request, form=form, back=sitting, scope="enforcement.candidate_sign_up",
        title=_("Sign up for %(sitting)s") % {"sitting": sitting},
        run=lambda data: services.candidate_sign_up(actor=user, sitting=sitting,
                                                    officer=data["officer"]),
        load=lambda pk: ExamCandidate.objects.get(pk=pk), done=_("Signed up."),
    )  # fmt: skip


@login_required
def sitting_scores(request, pk: int):
    user = request.user
    sitting = scoped_object_or_404(ExamSitting, user, pk)
    if not _may(user, "enforcement.change_examsitting", sitting):
        raise PermissionDenied
    candidates = selectors.candidates(user, sitting)
    form = ScoresForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_record(actor=user, sitting=sitting, scores=form.scores())
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The results are recorded."))
            return redirect(sitting.get_absolute_url())
    return render(request, "enforcement/scores.html",
                  {"form": form, "sitting": sitting, "title": _("Record the results")})  # fmt: skip


# -- certificates --------------------------------------------------------------------------------


class CertificateListView(ScopedListView):
    model = Certificate
    table_class = CertificateTable
    filterset_class = CertificateFilter
    title = gettext_lazy("Enforcement certificates")

    def get_queryset(self):
        return (super().get_queryset().select_related("officer", "body")
                .prefetch_related("suspensions"))  # fmt: skip


ACTIONS = {
    "suspend": (services.certificate_suspend, gettext_lazy("Suspend the certificate"),
                gettext_lazy("The certificate is suspended.")),
    "lift": (services.certificate_lift, gettext_lazy("Lift the suspension"),
             gettext_lazy("The suspension is lifted.")),
    "cancel": (services.certificate_cancel, gettext_lazy("Cancel the certificate"),
               gettext_lazy("The certificate is cancelled.")),
    "revoke": (services.certificate_revoke, gettext_lazy("Revoke the certificate"),
               gettext_lazy("The certificate is revoked.")),
}  # fmt: skip


@login_required
def certificate_detail(request, pk: int):
    user, today = request.user, timezone.localdate()
    certificate = scoped_object_or_404(Certificate, user, pk)
    status = certificate_status_on(certificate, today)
    can_change = _may(user, "enforcement.change_certificate", certificate)
    suspended = certificate.suspensions.filter(lifted_on__isnull=True).exists()
    actions = []
    if can_change:
        if status == CertificateStatus.VALID and not suspended:
            actions.append("suspend")
        if suspended:
            actions.append("lift")
        if status in (CertificateStatus.VALID, CertificateStatus.SUSPENDED):
            actions += ["cancel", "revoke"]
    return render(request, "enforcement/certificate_detail.html", {
        "certificate": certificate, "status": CertificateStatus(status).label,
        "status_value": status,
        "suspensions": certificate.suspensions.all(),
        "reviews": certificate.annual_reviews.all(),
        "actions": [(a, ACTIONS[a][1]) for a in actions],
        "can_review": _may(user, "enforcement.add_annualreview", certificate),
        "title": certificate.number,
    })  # fmt: skip


def _certificate_for(request, pk: int, perm: str) -> Certificate:
    certificate = scoped_object_or_404(Certificate, request.user, pk)
    if not _may(request.user, perm, certificate):
        raise PermissionDenied
    return certificate


@login_required
def certificate_action(request, pk: int, action: str):
    from django.http import Http404

    if action not in ACTIONS:
        raise Http404
    certificate = _certificate_for(request, pk, "enforcement.change_certificate")
    run, title, done = ACTIONS[action]
    form = CertificateActionForm(request.POST or None, initial={"on_date": timezone.localdate()})
    return _action_page(
        request, form=form, back=certificate, scope=f"enforcement.certificate_{action}",
        title=f"{title} {certificate.number}",
        run=lambda data: run(actor=request.user, certificate=certificate, data=data),
        load=lambda pk: certificate, done=done,
    )  # fmt: skip


@login_required
def annual_review_create(request, pk: int):
    from enforcement.models import AnnualReview

    certificate = _certificate_for(request, pk, "enforcement.add_annualreview")
    today = timezone.localdate()
    form = AnnualReviewForm(request.POST or None,
                            initial={"year": today.year - 1, "reviewed_on": today})  # fmt: skip
    return _action_page(
        request, form=form, back=certificate, scope="enforcement.annual_review",
        title=_("Annual review of %(number)s") % {"number": certificate.number},
        run=lambda data: services.annual_review_record(actor=request.user,
                                                       certificate=certificate,
                                                       data=form.review_data()),
        load=lambda pk: AnnualReview.objects.get(pk=pk), done=_("The annual review is recorded."),
    )  # fmt: skip
