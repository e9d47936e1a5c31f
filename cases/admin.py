from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.holidays import holiday_label
from cases.models import CalendarDay, CalendarYear, NumberingRule, NumberSequence
from core.admin import ReadOnlyAdmin

# The calendar is entered on its own page (/calendar/enter/, cases.schedules): there a schedule
# is validated whole and the deadlines that depend on it are recomputed, which a row edited in
# the admin would skip.


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "source", "document_number", "issued_on", "entered_by")


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "year", "kind", "holiday", "source")
    list_filter = ("kind", "source", "year")
    date_hierarchy = "date"

    @admin.display(description=_("holiday"), ordering="name")
    def holiday(self, day):
        # The package writes English names; show them in the user's language.
        return holiday_label(day.name)


@admin.register(NumberingRule)
class NumberingRuleAdmin(admin.ModelAdmin):
    """Case-number patterns per organisation, e.g. （{year}）穗海司调字第{seq:04d}号."""

    list_display = ("organization", "series", "pattern")
    list_filter = ("series",)
    search_fields = ("organization__name", "pattern")
    autocomplete_fields = ("organization",)


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    """Read-only: the sequences move only when cases are created."""

    list_display = ("organization", "series", "year", "last")
    list_filter = ("series", "year")
    search_fields = ("organization__name",)
