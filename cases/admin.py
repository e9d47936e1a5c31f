from django.contrib import admin

from cases.models import CalendarDay, CalendarYear


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
