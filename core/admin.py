"""Django admin for reference data (regions, organisations, users and their roles, the register
of lawyers).

Case and personal data are edited through the services and their audited views, not here:
parties are read-only in the admin, and the audit log can be read but never changed.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.models import Lawyer, Membership, Organization, Party, Region, User

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


# Django stores permission names in English ("Can add dispute") and shows them as stored; the
# admin shows them in the user's language, built from the model's translated verbose name.
_DEFAULT_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    custom = dict(opts.permissions)
    action, _sep, model_name = permission.codename.partition("_")
    if permission.codename in custom:
        name = custom[permission.codename]
    elif action in _DEFAULT_PERMISSIONS and model_name == opts.model_name:
        name = _DEFAULT_PERMISSIONS[action] % {"model": opts.verbose_name}
    else:
        name = permission.name
    return f"{capfirst(opts.app_config.verbose_name)} | {name}"


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


@admin.register(User)
class UserAdmin(TranslatedPermissionsMixin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "is_active", "is_staff", "last_login")
    search_fields = ("username", "full_name")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Fazhi"), {"fields": ("full_name", "phone")}),
    )


@admin.register(Lawyer)
class LawyerAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "kind", "licence_number", "licensed_on", "status")
    list_filter = ("kind", "status")
    search_fields = ("name", "licence_number", "organization__name")
    readonly_fields = ("region_code",)
    autocomplete_fields = ("organization", "user")


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
    # The package labels these two in English whatever the language (plain strings).
    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj):
        return super().cid_url(obj)

    @admin.display(description=_("User"))
    def user_url(self, obj):
        return super().user_url(obj) if obj.actor else _("system")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissionsMixin, BaseGroupAdmin):
    pass
