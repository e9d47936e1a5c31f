from django.contrib import admin

from mediation.models import Committee, Mediator


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    """Committee profiles: kind and, for industry committees, the dispute types routed to them."""

    list_display = ("organization", "kind", "industry_types", "region_code")
    readonly_fields = ("region_code",)
    list_filter = ("kind",)
    search_fields = ("organization__name",)
    autocomplete_fields = ("organization",)


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    list_display = ("name", "committee", "employment", "grade", "is_active")
    readonly_fields = ("region_code",)
    list_filter = ("employment", "is_active")
    search_fields = ("name", "committee__name")
    autocomplete_fields = ("committee", "user")
