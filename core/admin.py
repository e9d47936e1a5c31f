"""Django admin for reference data (regions, organisations, users and their roles).

Case and personal data are edited through the services and their audited views, not here:
parties are read-only in the admin, and the audit log can be read but never changed.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core.models import Membership, Organization, Party, Region, User

admin.site.site_header = _("Fazhi administration")
admin.site.site_title = _("Fazhi")


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin page that shows rows and changes none: they are written elsewhere, where the
    rules that govern them are applied (services, the case engine, the calendar page)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "parent", "established_on", "dissolved_on",
                    "is_active")  # fmt: skip
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "region__code")
    raw_id_fields = ("region", "parent")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    raw_id_fields = ("organization",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "is_active", "is_staff", "last_login")
    search_fields = ("username", "full_name")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Fazhi"), {"fields": ("full_name", "phone")}),
    )


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin):
    """Read-only, and without the full ID number or phone: revealing those is done on the
    party page, where every reveal is logged."""

    list_display = ("name", "kind", "masked_id_number", "organization", "created_at")
    exclude = ("id_number", "phone", "id_number_index", "phone_index")
    readonly_fields = ("masked_id_number", "masked_phone")
    search_fields = ("name", "credit_code")
    list_filter = ("kind",)


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
