"""The staff pages of legal aid: the case list and page, registering an application, the
consultation log, the lawyer pool, the exemption categories, and the lawyer's own page (their
assignments and the open draws they may opt into)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.models import Clock
from cases.views import case_page_context
from core.errors import FazhiError, InvalidInput
from core.generic import (
    ScopedDetailView,
    ScopedListView,
    create_with_parties,
    record_page,
    report_service_error,
)
from core.models import PractitionerStatus
from legalaid import importing
from legalaid.filters import AidCaseFilter, ConsultationFilter, ExemptionFilter, PoolMemberFilter
from legalaid.forms import (
    ApplicationForm,
    ConsultationForm,
    ExemptionForm,
    PoolMemberForm,
    party_formset,
)
from legalaid.models import AidCase, Consultation, Draw, Exemption, OptIn, PoolMember
from legalaid.navigation import LAWYER_PAGE_PERMISSION
from legalaid.tables import AidCaseTable, ConsultationTable, ExemptionTable, PoolMemberTable

# -- cases --------------------------------------------------------------------------------------


def _clock_due(key: str, column: str):
    clocks = Clock.objects.filter(
        case_type=ContentType.objects.get_for_model(AidCase), case_id=OuterRef("pk"), key=key
    ).order_by()
    return Subquery(clocks.values(column)[:1])


class AidCaseListView(ScopedListView):
    model = AidCase
    table_class = AidCaseTable
    filterset_class = AidCaseFilter
    title = gettext_lazy("Legal aid cases")
    create_url_name = "legalaid:case_create"
    create_permission = "legalaid.add_aidcase"
    import_permission = importing.PERMISSION
    template_name = "legalaid/case_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "lawyer")
            .annotate(
                review_due=_clock_due("review", "due_date"),
                review_state=_clock_due("review", "state"),
                target_due=_clock_due("review_target", "due_date"),
                target_state=_clock_due("review_target", "state"),
            )
        )


class AidCaseDetailView(ScopedDetailView):
    model = AidCase
    template_name = "legalaid/case_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "assignee", "team", "lawyer__organization", "exemption")
            .prefetch_related("aid_parties__party", "progress")
        )

    def get_context_data(self, **kwargs):
        from legalaid.choices import Group, Material
        from legalaid.process import missing_materials

        context = super().get_context_data(**kwargs)
        case = self.object
        context.update(case_page_context(self.request, case))
        if case.tracking_code:
            # An online application: its messages with the applicant (portal.models.Message).
            from cases.engine import roles_over
            from portal.models import Message

            context["portal_messages"] = Message.for_case(case)
            context["can_message"] = bool(roles_over(self.request.user, case) - {"leader"})
        context["group_labels"] = [Group(g).label for g in case.groups if g in Group.values]
        context["material_labels"] = [
            Material(m).label for m in case.materials if m in Material.values
        ]
        context["missing_materials"] = missing_materials(case)
        context["case_draws"] = list(
            Draw.objects.filter(case=case)
            .select_related("winner")
            .annotate(opt_in_count=Count("opt_ins"))
            .order_by("announced_at", "id")
        )
        return context


def _after_register_url(request, case) -> str:
    """Where to go after registering: the case page (justice-office staff read the
    applications they took in, AidCase.scope_user_fields), or the form again for a user who
    cannot read the case afterwards."""
    if AidCase.objects.restrict(request.user, "view").filter(pk=case.pk).exists():
        return case.get_absolute_url()
    return reverse("legalaid:case_create")


@login_required
def case_create(request):
    """Register an application for legal aid with its parties (Art. 41)."""
    from legalaid.services import application_register

    user = request.user
    if not user.can("legalaid.add_aidcase"):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, user=user)
    formset = party_formset(request.POST or None)
    done = create_with_parties(
        request,
        form,
        formset,
        scope="legalaid.case_create",
        create=lambda parties: application_register(
            actor=user,
            organization=form.cleaned_data["organization"],
            data=form.application_data(),
            parties=parties,
        ),
        # The key is the user's own: the case they registered (read through created_by, not
        # the scoped manager, so a resubmitted form finds it whatever the user may read).
        load=lambda pk: AidCase.objects.get(pk=pk, created_by=user),
    )
    if done is not None:
        case, created = done
        if created:
            messages.success(
                request,
                _("Application %(number)s registered with %(centre)s.")
                % {"number": case.number, "centre": case.organization},
            )
        return redirect(_after_register_url(request, case))
    return render(
        request,
        "legalaid/case_form.html",
        {"form": form, "formset": formset, "title": _("Register a legal aid application")},
    )


# -- simple records: consultations, pool lawyers, exemption categories ----------------------------


class ConsultationListView(ScopedListView):
    model = Consultation
    table_class = ConsultationTable
    filterset_class = ConsultationFilter
    title = gettext_lazy("Legal consultations")
    create_url_name = "legalaid:consultation_create"
    create_permission = "legalaid.add_consultation"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")


@login_required
def consultation_create(request):
    """Record a free legal consultation (法律咨询)."""
    from legalaid.services import consultation_record

    user = request.user
    if not user.can("legalaid.add_consultation"):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, user=user)
    return record_page(
        request,
        form=form,
        scope="legalaid.consultation_create",
        create=lambda: consultation_record(
            actor=user,
            organization=form.cleaned_data["organization"],
            data=form.consultation_data(),
        ),
        load=lambda pk: Consultation.objects.get(pk=pk),
        done="legalaid:consultation_list",
        success=_("Consultation recorded."),
        title=_("Record a consultation"),
        cancel_url=reverse("legalaid:consultation_list"),
    )


class PoolMemberListView(ScopedListView):
    """The lawyers of the pool with their status, the matters they take and their open legal
    aid cases (all centres: the workload cap counts them all)."""

    model = PoolMember
    table_class = PoolMemberTable
    filterset_class = PoolMemberFilter
    title = gettext_lazy("Legal aid lawyer pool")
    create_url_name = "legalaid:pool_add"
    create_permission = "legalaid.add_poolmember"

    def get_queryset(self):
        open_cases = (
            AidCase.objects.filter(lawyer_id=OuterRef("lawyer_id"), closed_at__isnull=True)
            .order_by()
            .values("lawyer_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset()
            .select_related("lawyer__organization", "centre")
            .annotate(
                open_cases=Coalesce(Subquery(open_cases, output_field=IntegerField()), Value(0))
            )
        )


@login_required
def pool_add(request):
    """Put a lawyer in a centre's pool (法律援助律师库)."""
    from legalaid.services import pool_add as add

    user = request.user
    if not user.can("legalaid.add_poolmember"):
        raise PermissionDenied
    form = PoolMemberForm(request.POST or None, user=user)
    return record_page(
        request,
        form=form,
        scope="legalaid.pool_add",
        create=lambda: add(actor=user, **form.pool_data()),
        load=lambda pk: PoolMember.objects.get(pk=pk),
        done="legalaid:pool_list",
        success=_("Lawyer added to the pool."),
        title=_("Add a lawyer to the pool"),
        cancel_url=reverse("legalaid:pool_list"),
    )


class ExemptionListView(ScopedListView):
    """The exemption categories in use: those added in the user's jurisdiction and those of the
    regions above it, which apply there too, each with its legal basis."""

    model = Exemption
    table_class = ExemptionTable
    filterset_class = ExemptionFilter
    title = gettext_lazy("Exemption categories")
    create_url_name = "legalaid:exemption_create"
    create_permission = "legalaid.add_exemption"

    def get_queryset(self):
        from legalaid.services import visible_exemptions

        return visible_exemptions(self.request.user).select_related("organization")


@login_required
def exemption_create(request):
    """Add a local exemption category with its legal basis (Arts. 32, 42: 其他情形)."""
    from legalaid.services import exemption_add

    user = request.user
    if not user.can("legalaid.add_exemption"):
        raise PermissionDenied
    form = ExemptionForm(request.POST or None, user=user)
    return record_page(
        request,
        form=form,
        scope="legalaid.exemption_create",
        create=lambda: exemption_add(actor=user, **form.exemption_data()),
        load=lambda pk: Exemption.objects.get(pk=pk),
        done="legalaid:exemption_list",
        success=_("Exemption category added."),
        title=_("Add an exemption category"),
        cancel_url=reverse("legalaid:exemption_list"),
    )


# -- the lawyer's page --------------------------------------------------------------------------


def _memberships(user):
    return list(PoolMember.objects.filter(lawyer__user=user).select_related("lawyer", "centre"))


def _open_draws(user, members):
    """The open draws of the pools the user's lawyer profiles are active in, for the matters
    they take, whose opt-in window has not closed."""
    today = timezone.localdate()
    active = [
        m
        for m in members
        if m.status == PoolMember.Status.ACTIVE
        and m.lawyer.status == PractitionerStatus.PRACTISING
        and (m.left_on is None or m.left_on > today)
    ]
    draws = (
        Draw.objects.filter(
            state=Draw.State.OPEN,
            closes_at__gt=timezone.now(),
            organization_id__in={m.centre_id for m in active},
        )
        .select_related("organization")
        .annotate(opt_in_count=Count("opt_ins"))
        .order_by("closes_at", "id")
    )
    return [
        d
        for d in draws
        if any(
            m.centre_id == d.organization_id and (not m.matters or d.matter in m.matters)
            for m in active
        )
    ]


def _require_lawyer(user):
    if not user.can(LAWYER_PAGE_PERMISSION):
        raise PermissionDenied


@login_required
def my_draws(request):
    """The lawyer's page: the cases assigned to them, the open draws they may opt into, and
    the draws they opted into lately."""
    user = request.user
    _require_lawyer(user)
    members = _memberships(user)
    cases = (
        AidCase.objects.restrict(user, "view")
        .filter(lawyer__user=user)
        .select_related("organization")
        .order_by("closed_at", "-assigned_on", "-id")
    )
    draws = _open_draws(user, members)
    opted = set(
        OptIn.objects.filter(lawyer__user=user, draw__in=[d.pk for d in draws]).values_list(
            "draw_id", flat=True
        )
    )
    for draw in draws:
        draw.opted_in = draw.pk in opted
    recent = (
        OptIn.objects.filter(lawyer__user=user)
        .select_related("draw__winner", "draw__organization", "lawyer")
        .order_by("-at", "-id")[:20]
    )
    return render(
        request,
        "legalaid/my_draws.html",
        {
            "title": _("My legal aid cases and draws"),
            "open_cases": [c for c in cases if c.closed_at is None],
            "closed_cases": [c for c in cases if c.closed_at is not None][:20],
            "draws": draws,
            "recent": recent,
            "members": members,
        },
    )


@login_required
@require_POST
def draw_opt_in(request, pk: int):
    """Opt into an open draw (报名摇珠); legalaid.draws says when that is not possible (the
    window closed, opted in already, not eligible) and nothing is recorded."""
    from legalaid import draws as draw_service

    user = request.user
    _require_lawyer(user)
    centres = {m.centre_id for m in _memberships(user)}
    draw = Draw.objects.filter(pk=pk, organization_id__in=centres).first()
    if draw is None:
        raise Http404
    try:
        draw_service.opt_in(actor=user, draw=draw)
    except InvalidInput as exc:
        messages.error(request, exc.message)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(request, _("You opted into draw %(code)s.") % {"code": draw.public_code})
    return redirect("legalaid:my_draws")
