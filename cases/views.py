from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.calendar import UnknownYear, get_calendar
from cases.forms import DeadlineForm


def deadline_calculator(request):
    """期限计算器: open to staff and the public; the same engine as every case clock."""
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = get_calendar().add(data["start"], data["days"], working=data["working"])
        except UnknownYear as exc:
            form.add_error("start", str(exc))
        except OverflowError:
            form.add_error("days", _("The period runs past the calendar."))
    return render(
        request,
        "cases/deadline.html",
        {"form": form, "result": result, "title": _("Deadline calculator")},
    )
