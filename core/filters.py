import datetime
import re

import django_filters
from django import forms
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from core.crypto import blind_index
from core.models import Organization, OrganizationKind, Party, PartyKind, Region
from core.validators import normalize_id_number


class PartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("party kind"), choices=PartyKind.choices)
    id_number = django_filters.CharFilter(
        label=_("resident ID number (exact)"), method="filter_id_number"
    )

    class Meta:
        model = Party
        fields = ["q", "kind", "id_number"]

    def filter_id_number(self, queryset, name, value):
        return queryset.filter(id_number_index=blind_index(normalize_id_number(value)))


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganizationKind.choices)
    region = django_filters.CharFilter(
        label=_("region code starts with"), field_name="region__code", lookup_expr="startswith"
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "region"]


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="name", lookup_expr="icontains"
    )
    parent = django_filters.CharFilter(label=_("parent code"), field_name="parent_id")

    class Meta:
        model = Region
        fields = ["q", "parent"]


# -- the search box of a case list ----------------------------------------------------------

# What people type between the characters of a tracking code: spaces (also full-width), dashes.
TRACKING_SPACES = re.compile(r"[\s\u3000\-–—]+")


def case_search(queryset: QuerySet, value: str, *, links: QuerySet, case_field: str) -> QuerySet:
    """The cases of `queryset` whose number or title contains `value`, one of whose parties'
    names contains it (`links`: the line's case–party rows, `case_field` their case column), or
    whose online tracking code it is (exact, typed in any case and with spaces). Only
    `queryset` is searched, which the view has already restricted to the user's jurisdiction.

    One statement: `id IN (… UNION ALL …)`, each arm read through its own index (on
    PostgreSQL the trigram indexes and the partial index on the tracking code), then the
    scoped rows fetched by key; a case matched twice is listed once (IN is a semi-join)."""
    text = value.strip()
    if not text:
        return queryset
    cases = queryset.model.objects.order_by()
    arms = [
        cases.filter(number__icontains=text).values("pk"),
        cases.filter(title__icontains=text).values("pk"),
        links.order_by().filter(party__name__icontains=text).values(case_field),
    ]
    code = TRACKING_SPACES.sub("", text).upper()
    if code:
        arms.append(cases.filter(tracking_code=code).values("pk"))
    return queryset.filter(pk__in=arms[0].union(*arms[1:], all=True))


# -- a date range over a timestamp column, as bounds an index can serve -----------------------


def start_of_local_day(day: datetime.date) -> datetime.datetime | None:
    """The first instant of `day` in the current time zone (Asia/Shanghai, no daylight saving),
    or None where that instant lies outside what a datetime can hold (year 1 or 10000)."""
    try:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        start.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return start


class LocalDateFromFilter(django_filters.DateFilter):
    """“On or after this day” on a timestamp: `field >= start of the day`, local time. The same
    rows as `field__date__gte`, but a plain comparison, so an index on the column serves it
    (`__date` compiles to `(field AT TIME ZONE …)::date`, which no index fits)."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        start = start_of_local_day(value)
        if start is None:  # before year 1 in UTC: every row is on or after it
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__gte": start})


class LocalDateToFilter(django_filters.DateFilter):
    """“On or before this day” on a timestamp: `field < start of the next day`, local time."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        try:
            end = start_of_local_day(value + datetime.timedelta(days=1))
        except OverflowError:  # 9999-12-31: no row is after it
            return qs
        if end is None:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__lt": end})


# -- every staff list's filter form, dressed in one place (core.generic.ScopedListView) -------

ISO_DATE = "%Y-%m-%d"


def dress_filter_form(form) -> None:
    """Make a list's filter form read the same on every list, whatever FilterSet built it:
    an empty choice reads “All” (not django-filter's “---------” or Django's “Unknown” of a
    yes/no filter), and every date is a date picker (a date range is two pickers), whose value
    travels as YYYY-MM-DD in any language."""
    for field in form.fields.values():
        if isinstance(field, forms.NullBooleanField):
            field.widget.choices = [
                ("unknown", _("All")),
                ("true", _("Yes")),
                ("false", _("No")),
            ]
        elif hasattr(field, "empty_label") and field.empty_label is not None:
            field.empty_label = _("All")
            # django-filter and Django hand the widget an iterator built with the old label.
            field.widget.choices = field.choices
        for widget in getattr(field.widget, "widgets", None) or [field.widget]:
            if _is_date(field, widget):
                widget.input_type = "date"
                widget.format = ISO_DATE


def _is_date(field, widget) -> bool:
    if isinstance(widget, forms.DateInput):
        return True
    parts = getattr(field, "fields", ())
    return bool(parts) and all(
        isinstance(part, forms.DateField) and not isinstance(part, forms.DateTimeField)
        for part in parts
    )


def filter_summary(filterset) -> list[tuple[str, str]]:
    """The conditions a bound, valid filter form applies, as (label, value) in the user's
    language: what a printed list and an exported workbook say they hold."""
    form = filterset.form
    if not filterset.is_bound or not form.is_valid():
        return []
    summary = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()) or (isinstance(value, slice) and value == slice(None)):
            continue
        summary.append((str(field.label or name), _display(field, value)))
    return summary


def _display(field, value) -> str:
    import datetime

    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, slice):
        start = _display(field, value.start) if value.start is not None else ""
        stop = _display(field, value.stop) if value.stop is not None else ""
        return f"{start} — {stop}"
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, list | tuple | set | QuerySet):
        return "、".join(_display(field, item) for item in value)
    choices = dict(_flat(getattr(field, "choices", ())))
    return str(choices.get(value, choices.get(str(value), value)))


def _flat(choices) -> list:
    flat = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat
