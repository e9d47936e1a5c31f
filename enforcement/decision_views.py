"""Staff pages of enforcement decisions: the list with the supervision's filters (body, kind,
days, published late, legal review missing, full-process record missing, withdrawn late), each
decision's page, and its publication and withdrawal. An agency's handler sees and acts on their
own agency's decisions only; a decision outside the user's scope answers 404, an action the
role does not grant 403."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.generic import ScopedListView, scoped_object_or_404
from enforcement import decision_services as services
from enforcement.decision_filters import DecisionFilter
from enforcement.decision_forms import PublishForm, WithdrawForm
from enforcement.decision_models import Decision
from enforcement.decision_selectors import public_view
from enforcement.decision_tables import DecisionTable
from enforcement.services import may
from enforcement.views import _action_page


class DecisionListView(ScopedListView):
    model = Decision
    table_class = DecisionTable
    filterset_class = DecisionFilter
    title = gettext_lazy("Enforcement decisions")

    def get_queryset(self):
        return super().get_queryset().select_related("body")


def _may_change(user, decision) -> bool:
    return may(user, services.CHANGE, region_code=decision.region_code,
               agency_id=decision.agency_id)  # fmt: skip


@login_required
def decision_detail(request, pk: int):
    user, today = request.user, timezone.localdate()
    decision = scoped_object_or_404(Decision, user, pk)
    can_change = _may_change(user, decision)
    handlers = decision.handlers.select_related("officer", "certificate")
    on_portal = (
        decision.publication_required
        and decision.published_on is not None
        and decision.published_on <= today
        and decision.withdrawn_on is None
    )
    return render(request, "enforcement/decision_detail.html", {
        "decision": decision, "handlers": handlers, "public": public_view(decision),
        "on_portal": on_portal,
        "can_publish": can_change and decision.publication_required
        and decision.published_on is None,
        "can_withdraw": can_change and decision.published_on is not None
        and decision.withdrawn_on is None,
        "late": decision.publication_required and decision.published_on is None
        and decision.publication_due is not None and decision.publication_due < today,
        "title": decision.case_number,
    })  # fmt: skip


def _decision_for(request, pk: int) -> Decision:
    decision = scoped_object_or_404(Decision, request.user, pk)
    if not _may_change(request.user, decision):
        raise PermissionDenied
    return decision


@login_required
def decision_publish(request, pk: int):
    decision = _decision_for(request, pk)
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    return _action_page(
        request, form=form, back=decision, scope="enforcement.decision_publish",
        title=_("Publish %(number)s") % {"number": decision.case_number},
        run=lambda data: services.decision_publish(actor=request.user, decision=decision,
                                                   data=data),
        load=lambda pk: decision, done=_("The decision is on the portal's enforcement publicity."),
    )  # fmt: skip


@login_required
def decision_withdraw(request, pk: int):
    decision = _decision_for(request, pk)
    form = WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    return _action_page(
        request, form=form, back=decision, scope="enforcement.decision_withdraw",
        title=_("Withdraw %(number)s from publication") % {"number": decision.case_number},
        run=lambda data: services.decision_withdraw(actor=request.user, decision=decision,
                                                    data=data),
        load=lambda pk: decision, done=_("The decision is withdrawn from the portal."),
    )  # fmt: skip
