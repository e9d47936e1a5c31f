"""Staff pages of the legal Q&A library (法律问答): the entries of the user's jurisdiction, the
forms that add and change them, publication, and the consultations asked on the portal with the
form that answers them. An entry or consultation outside the user's sight answers 404, a write
outside their jurisdiction 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import FazhiError, InvalidInput
from core.generic import add_service_errors, record_page, report_service_error, scoped_object_or_404
from legalservice import qa_search, qa_services
from legalservice.choices import ServiceOutcome
from legalservice.models import QaConsultation, QaEntry
from legalservice.qa_forms import AnswerForm, QaEntryForm


def _need(user, perm: str) -> None:
    if not user.can(perm):
        raise PermissionDenied


@login_required
def entry_list(request):
    _need(request.user, "legalservice.view_qaentry")
    entries = QaEntry.objects.restrict(request.user).select_related("organization")
    query = (request.GET.get("q") or "").strip()[:200]
    state = request.GET.get("published") or ""
    if query:
        found = qa_search.search(query, published_only=False, limit=500, within=entries)
        entries = entries.filter(pk__in=[e.pk for e in found])
    if state in ("yes", "no"):
        entries = entries.filter(published=state == "yes")
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    return render(request, "legalservice/qa_list.html", {
        "page": page, "query": query, "state": state,
        "can_add": request.user.can("legalservice.add_qaentry"),
        "title": _("Legal Q&A library"),
    })  # fmt: skip


@login_required
def entry_create(request):
    user, perm = request.user, "legalservice.add_qaentry"
    _need(user, perm)
    form = QaEntryForm(request.POST or None, user=user, perm=perm)
    return record_page(
        request, form=form, scope="legalservice.qa_entry_create",
        create=lambda: qa_services.entry_create(actor=user, data=form.data_for_service()),
        load=lambda pk: QaEntry.objects.get(pk=pk),
        done="legalservice:qa_list", success=_("Added to the Q&A library."),
        title=_("Add a question and answer"), cancel_url=reverse("legalservice:qa_list"),
    )  # fmt: skip


@login_required
def entry_detail(request, pk: int):
    entry = scoped_object_or_404(QaEntry, request.user, pk)
    return render(request, "legalservice/qa_detail.html", {
        "entry": entry, "tally": qa_services.tally(entry),
        "can_change": qa_services.can_change(request.user, entry),
        "title": entry.question,
    })  # fmt: skip


@login_required
def entry_edit(request, pk: int):
    perm = "legalservice.change_qaentry"
    entry = scoped_object_or_404(QaEntry, request.user, pk)
    if not qa_services.can_change(request.user, entry):
        raise PermissionDenied
    initial = {k: getattr(entry, k) for k in ("question", "answer", "legal_basis", "matter_kind",
               "keywords", "published")}  # fmt: skip
    initial["organization"] = entry.organization_id
    form = QaEntryForm(request.POST or None, user=request.user, perm=perm, initial=initial,
                       keep=entry.organization)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            qa_services.entry_update(actor=request.user, entry=entry,
                                     data=form.data_for_service())  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(entry.get_absolute_url())
    return render(request, "core/form.html", {
        "form": form, "title": _("Change the question and answer"),
        "cancel_url": entry.get_absolute_url(),
    })  # fmt: skip


@login_required
@require_POST
def entry_publish(request, pk: int):
    entry = scoped_object_or_404(QaEntry, request.user, pk)
    publish = request.POST.get("published") == "1"
    try:
        qa_services.entry_publish(actor=request.user, entry=entry, published=publish)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(request, _("Published on the portal.") if publish
                         else _("Withdrawn from the portal."))  # fmt: skip
    return redirect(entry.get_absolute_url())


# -- consultations asked on the portal ---------------------------------------------------------


@login_required
def consultation_list(request):
    _need(request.user, "legalservice.view_qaconsultation")
    rows = QaConsultation.objects.restrict(request.user).select_related("record__organization")
    state = request.GET.get("state") or "pending"
    if state == "pending":
        # Awaiting an answer: not answered, and not handled otherwise on its service record
        # (referred, litigation guidance — the person sees that outcome instead).
        rows = rows.filter(answered_at__isnull=True, record__outcome=ServiceOutcome.PENDING)
    elif state == "answered":
        rows = rows.filter(answered_at__isnull=False)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "legalservice/qa_consultations.html", {
        "page": page, "state": state, "title": _("Online legal consultations"),
    })  # fmt: skip


@login_required
def consultation_detail(request, pk: int):
    consultation = scoped_object_or_404(QaConsultation, request.user, pk)
    record = consultation.record
    can_answer = qa_services.can_answer(request.user, consultation)
    form = AnswerForm(request.POST or None, initial={"answer": consultation.answer})
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        if form.is_valid():
            try:
                qa_services.consultation_answer(actor=request.user, consultation=consultation,
                                                answer=form.cleaned_data["answer"])  # fmt: skip
            except InvalidInput as exc:
                add_service_errors(form, exc)
            except FazhiError as exc:
                report_service_error(request, exc)
            else:
                messages.success(request, _("The answer is recorded; the person can read it with "
                                            "the tracking code."))  # fmt: skip
                return redirect(consultation.get_absolute_url())
    return render(request, "legalservice/qa_consultation.html", {
        "consultation": consultation, "record": record, "form": form,
        "can_answer": can_answer, "pending": record.outcome == ServiceOutcome.PENDING,
        "title": _("Online consultation %(code)s") % {"code": consultation.tracking_code},
    })  # fmt: skip
