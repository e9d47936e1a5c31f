"""Pages of the discretion standards (裁量基准) and lenient lists (免罚轻罚清单), CF Art. 34 ✅
and Arts. 32–33: staff list, page, drafting of a version with its items and lenient list (one
per line, fields separated by "|"), publication; and the portal's public list and page of the
published versions, the version in force on the day marked.

An agency's handlers draft and publish their own agency's bodies' standards; section staff do
the same in their jurisdiction; leaders read. A version outside the user's scope answers 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.forms import DateInput
from core.errors import FazhiError, InvalidInput
from core.forms import SubmissionKeyMixin
from core.generic import add_service_errors, report_service_error, scoped_object_or_404
from core.idempotency import run_once
from enforcement import discretion_services as svc
from enforcement.discretion_models import DiscretionStandard
from enforcement.models import EnforcementBody
from portal.registry import Service, register_service

ITEMS_HELP = gettext_lazy(
    "One item per line: power code | power or violation | legal basis | circumstance | lowest "
    "fine | highest fine | other kinds of penalty (optional). Example: P-330217001 | 经营超过保质期"
    "的食品 | 《食品安全法》第一百二十四条 | 一般 | 5000 | 50000 | 警告"
)
LENIENT_HELP = gettext_lazy(
    "One entry per line: treatment (不予处罚, 减轻处罚 or 从轻处罚) | violation | condition | legal "
    "basis. Example: 不予处罚 | 未按规定公示许可证 | 初次违法且危害后果轻微并及时改正 | 《行政处罚法》第三十三条"
)


class StandardForm(SubmissionKeyMixin, forms.Form):
    body = forms.ModelChoiceField(label=gettext_lazy("enforcement body"),
                                  queryset=EnforcementBody.objects.none())  # fmt: skip
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    basis_document = forms.CharField(label=gettext_lazy("basis document"), max_length=300)
    effective_from = forms.DateField(label=gettext_lazy("in force from"), widget=DateInput())
    items = forms.CharField(label=gettext_lazy("discretion items"), help_text=ITEMS_HELP,
                            widget=forms.Textarea(attrs={"rows": 8}))  # fmt: skip
    lenient = forms.CharField(label=gettext_lazy("lenient list"), help_text=LENIENT_HELP,
                              required=False, widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (EnforcementBody.objects.restrict(user, "view")
                                        .order_by("region_code", "name"))  # fmt: skip


class PublishForm(SubmissionKeyMixin, forms.Form):
    published_on = forms.DateField(label=gettext_lazy("published on"), widget=DateInput())


@login_required
def standard_list(request):
    if not request.user.can("enforcement.view_discretionstandard"):
        raise PermissionDenied
    return render(request, "enforcement/discretion/list.html", {
        "rows": svc.standards_for(request.user), "today": timezone.localdate(),
        "can_add": request.user.can(svc.ADD), "title": _("Discretion standards"),
    })  # fmt: skip


@login_required
def standard_detail(request, pk: int):
    standard = scoped_object_or_404(DiscretionStandard, request.user, pk)
    can_publish = standard.published_on is None and svc.may(
        request.user, svc.CHANGE, region_code=standard.region_code, agency_id=standard.agency_id
    )
    return render(request, "enforcement/discretion/detail.html", {
        "s": standard, "items": standard.items.all(), "lenient": standard.lenient_entries.all(),
        "in_force": standard.in_force_on(timezone.localdate()), "can_publish": can_publish,
        "title": str(standard),
    })  # fmt: skip


def _run(request, form, scope, run, load):
    try:
        obj, _created = run_once(key=form.cleaned_data["submission_key"],
                                 scope=f"{scope}:{request.user.pk}",
                                 create=lambda: run(form.cleaned_data), load=load)  # fmt: skip
    except InvalidInput as exc:
        add_service_errors(form, exc)
    except FazhiError as exc:
        report_service_error(request, exc)
    else:
        return obj
    return None


@login_required
def standard_create(request):
    if not request.user.can(svc.ADD):
        raise PermissionDenied
    form = StandardForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        standard = _run(
            request, form, "enforcement.discretion_create",
            lambda data: svc.standard_create(actor=request.user, body=data["body"], data=data),
            lambda pk: DiscretionStandard.objects.get(pk=pk),
        )  # fmt: skip
        if standard is not None:
            messages.success(request, _("The version is drafted; publish it to bring it into "
                                        "force."))  # fmt: skip
            return redirect(standard.get_absolute_url())
    return render(request, "enforcement/discretion/form.html",
                  {"form": form, "title": _("New version of a discretion standard")})  # fmt: skip


@login_required
def standard_publish(request, pk: int):
    standard = scoped_object_or_404(DiscretionStandard, request.user, pk)
    if not svc.may(request.user, svc.CHANGE, region_code=standard.region_code,
                   agency_id=standard.agency_id):  # fmt: skip
        raise PermissionDenied
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = _run(
            request, form, "enforcement.discretion_publish",
            lambda data: svc.standard_publish(actor=request.user, standard=standard,
                                              published_on=data["published_on"]),
            lambda pk: standard,
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("The version is published on the portal."))
            return redirect(standard.get_absolute_url())
    return render(request, "enforcement/action.html", {
        "form": form, "back": standard,
        "title": _("Publish %(standard)s") % {"standard": standard},
    })  # fmt: skip


# -- portal (no login) ---------------------------------------------------------------------------


def public_list(request):
    today = timezone.localdate()
    rows = list(svc.public_standards(today))
    for s in rows:
        s.current = s.in_force_on(today)
    return render(request, "enforcement/discretion/public_list.html",
                  {"rows": rows, "title": _("Discretion standards and lenient lists")})  # fmt: skip


def public_detail(request, pk: int):
    today = timezone.localdate()
    standard = get_object_or_404(svc.public_standards(today), pk=pk)
    return render(request, "enforcement/discretion/public_detail.html", {
        "s": standard, "items": standard.items.all(), "lenient": standard.lenient_entries.all(),
        "in_force": standard.in_force_on(today), "title": str(standard),
    })  # fmt: skip


register_service(
    Service(
        key="enforcement_discretion",
        title=gettext_lazy("Discretion standards and lenient lists"),
        description=gettext_lazy(
            "The agencies' published discretion standards for administrative penalties and their "
            "lists of violations not punished or punished lightly."
        ),
        url_name="enforcement:public_discretion",
        order=77,
    )
)
