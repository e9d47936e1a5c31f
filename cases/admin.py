from django.contrib import admin

from cases.models import CalendarDay, CalendarYear, NumberingRule, NumberSequence


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "note")
    readonly_fields = ("source",)

    def save_model(self, request, obj, form, change):
        from cases.models import CalendarSource

        if not change:
            obj.source = CalendarSource.MANUAL
        super().save_model(request, obj, form, change)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind", "source")
    date_hierarchy = "date"
    readonly_fields = ("source",)

    def save_model(self, request, obj, form, change):
        from cases.models import CalendarSource

        obj.source = CalendarSource.MANUAL
        super().save_model(request, obj, form, change)


@admin.register(NumberingRule)
class NumberingRuleAdmin(admin.ModelAdmin):
    """Case-number patterns per organisation, e.g. （{year}）穗海司调字第{seq:04d}号."""

    list_display = ("organization", "series", "pattern")
    list_filter = ("series",)
    search_fields = ("organization__name", "pattern")
    autocomplete_fields = ("organization",)


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    """Read-only: the sequences move only when cases are created."""

    list_display = ("organization", "series", "year", "last")
    list_filter = ("series", "year")
    search_fields = ("organization__name",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
