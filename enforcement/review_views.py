"""Staff pages of the case-file review (案卷评查): the campaigns, a campaign's page (draw the
sample, results per agency and ranking, the worst files, the overdue rectifications), the
scoring of a file and its rectifications (notice, the agency's answer, the bureau's verdict).

An agency's handlers see their own agency's files and answer their rectifications; the
bureau's section staff do the rest in their jurisdiction; leaders read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import FazhiError, InvalidInput
from core.generic import add_service_errors, report_service_error
from enforcement import review_selectors as sel
from enforcement import review_services as svc
from enforcement.review_forms import AnswerForm, CampaignForm, NoticeForm, ScoreForm, VerdictForm
from enforcement.review_models import Rectification, ReviewCampaign, ReviewedFile


def _campaign_url(campaign) -> str:
    return reverse("enforcement:review_campaign_detail", args=[campaign.pk])


def _file_url(file) -> str:
    return reverse("enforcement:review_file", args=[file.pk])


@login_required
def campaign_list(request):
    user = request.user
    if not user.can("enforcement.view_reviewcampaign") and not user.can(
        "enforcement.view_reviewedfile"
    ):
        raise PermissionDenied
    campaigns = sel.campaigns_for(user) if user.can("enforcement.view_reviewcampaign") else (
        ReviewCampaign.objects.filter(
            pk__in=ReviewedFile.objects.restrict(user).values("campaign_id")))  # fmt: skip
    return render(request, "enforcement/review/campaign_list.html", {
        "campaigns": campaigns, "can_add": user.can("enforcement.add_reviewcampaign")})  # fmt: skip


@login_required
def campaign_create(request):
    user = request.user
    if not user.can("enforcement.add_reviewcampaign"):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = svc.campaign_create(actor=user,
                                           organization=form.cleaned_data["organization"],
                                           data=form.service_data())  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The campaign is opened."))
            return redirect(_campaign_url(campaign))
    return render(request, "core/form.html", {
        "form": form, "title": _("Open a case-file review campaign"),
        "cancel_url": reverse("enforcement:review_campaign_list")})  # fmt: skip


def _campaign_for(request, pk):
    user = request.user
    files = ReviewedFile.objects.restrict(user).filter(campaign_id=pk)
    campaign = ReviewCampaign.objects.restrict(user).filter(pk=pk).first()
    if campaign is None:
        if not files.exists():
            raise PermissionDenied
        campaign = get_object_or_404(ReviewCampaign, pk=pk)
    return campaign, files


@login_required
def campaign_detail(request, pk):
    campaign, files = _campaign_for(request, pk)
    day = timezone.localdate()
    rects = Rectification.objects.restrict(request.user).filter(file__campaign=campaign)
    return render(request, "enforcement/review/campaign_detail.html", {
        "campaign": campaign,
        "files": files.select_related("decision", "body", "agency"),
        "results": sel.agency_results(campaign, files),
        "worst": sel.worst_files(campaign, files=files),
        "overdue": sel.overdue_on(day, rects).select_related("file__decision", "agency"),
        "today": day,
        "can_draw": request.user.can("enforcement.change_reviewcampaign")
        and campaign.drawn_on is None,
    })  # fmt: skip


@login_required
@require_POST
def campaign_draw(request, pk):
    campaign = get_object_or_404(ReviewCampaign.objects.restrict(request.user), pk=pk)
    try:
        files = svc.campaign_draw(actor=request.user, campaign=campaign)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(request, _("%(n)s files drawn.") % {"n": len(files)})
    return redirect(_campaign_url(campaign))


@login_required
def file_detail(request, pk):
    """A file: its score (the form, for the reviewers), its rectifications."""
    user = request.user
    file = get_object_or_404(ReviewedFile.objects.restrict(user).select_related(
        "campaign", "decision", "body", "agency"), pk=pk)  # fmt: skip
    can_score = user.can("enforcement.change_reviewedfile") and svc.may(
        user, "enforcement.change_reviewedfile", region_code=file.region_code
    )
    form = ScoreForm(request.POST or None, file=file) if can_score else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            svc.file_score(actor=user, file=file, data=form.service_data())
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("The score is saved."))
            return redirect(_file_url(file))
    day = timezone.localdate()
    rects = list(Rectification.objects.restrict(user).filter(file=file))
    for r in rects:
        r.overdue = r.is_overdue_on(day)
    return render(request, "enforcement/review/file_detail.html", {
        "file": file, "form": form, "rectifications": rects, "notice_form": NoticeForm(),
        "answer_form": AnswerForm(), "verdict_form": VerdictForm(),
        "can_notify": can_score and file.scored_on is not None,
        "can_answer": svc.may(user, "enforcement.change_rectification",
                              region_code=file.region_code, agency_id=file.agency_id),
    })  # fmt: skip


def _post(request, action, target_url):
    try:
        action()
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect(target_url)


@login_required
@require_POST
def rectification_notify(request, pk):
    file = get_object_or_404(ReviewedFile.objects.restrict(request.user), pk=pk)
    form = NoticeForm(request.POST)
    form.is_valid()
    return _post(request, lambda: svc.rectification_notify(
        actor=request.user, file=file, problem=form.cleaned_data.get("problem", "")),
        _file_url(file))  # fmt: skip


@login_required
@require_POST
def rectification_answer(request, pk):
    r = get_object_or_404(Rectification.objects.restrict(request.user, "change"), pk=pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    return _post(request, lambda: svc.rectification_answer(
        actor=request.user, rectification=r, answer=form.cleaned_data.get("answer", "")),
        _file_url(r.file))  # fmt: skip


@login_required
@require_POST
def rectification_verdict(request, pk):
    r = get_object_or_404(Rectification.objects.restrict(request.user), pk=pk)
    form = VerdictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or send back."))
        return redirect(_file_url(r.file))
    reason = form.cleaned_data.get("verdict_reason", "")
    if form.cleaned_data["verdict"] == "accepted":
        return _post(request, lambda: svc.rectification_accept(
            actor=request.user, rectification=r, reason=reason), _file_url(r.file))  # fmt: skip
    return _post(request, lambda: svc.rectification_send_back(
        actor=request.user, rectification=r, reason=reason), _file_url(r.file))  # fmt: skip
