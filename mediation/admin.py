from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import Organization
from mediation.models import Committee, Mediator


class CommitteeAdminForm(forms.ModelForm):
    """A committee profile with its organisation's register dates, so that a committee is set
    up, dissolved and switched off in one place (they are counted as they stood on the last day
    of a period)."""

    established_on = forms.DateField(
        label=Organization._meta.get_field("established_on").verbose_name,
        help_text=Organization._meta.get_field("established_on").help_text,
        required=False,
    )
    dissolved_on = forms.DateField(
        label=Organization._meta.get_field("dissolved_on").verbose_name,
        help_text=Organization._meta.get_field("dissolved_on").help_text,
        required=False,
    )
    organization_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    class Meta:
        model = Committee
        fields = ("organization", "kind", "industry_types")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            org = self.instance.organization
            self.initial.update(established_on=org.established_on,
                                dissolved_on=org.dissolved_on,
                                organization_active=org.is_active)  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        org = cleaned.get("organization")
        if org is not None:
            org.established_on = cleaned.get("established_on")
            org.dissolved_on = cleaned.get("dissolved_on")
            org.is_active = cleaned.get("organization_active", False)
            try:
                org.clean()
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    target = "organization_active" if field == "is_active" else field
                    self.add_error(target if target in self.fields else None, errors)
        return cleaned


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    """Committee profiles: kind and, for industry committees, the dispute types routed to them;
    the organisation's established/dissolved dates and active flag are edited here too."""

    form = CommitteeAdminForm
    list_display = ("organization", "kind", "industry_types", "region_code", "established_on",
                    "dissolved_on")  # fmt: skip
    readonly_fields = ("region_code",)
    list_filter = ("kind",)
    search_fields = ("organization__name",)
    autocomplete_fields = ("organization",)

    @admin.display(description=_("established on"), ordering="organization__established_on")
    def established_on(self, obj):
        return obj.organization.established_on

    @admin.display(description=_("dissolved on"), ordering="organization__dissolved_on")
    def dissolved_on(self, obj):
        return obj.organization.dissolved_on

    def save_model(self, request, obj, form, change):
        org = obj.organization
        org.save(update_fields=["established_on", "dissolved_on", "is_active", "updated_at"])
        super().save_model(request, obj, form, change)


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    list_display = ("name", "committee", "employment", "grade", "joined_on", "left_on",
                    "is_active")  # fmt: skip
    readonly_fields = ("region_code",)
    list_filter = ("employment", "is_active")
    search_fields = ("name", "committee__name")
    autocomplete_fields = ("committee", "user")
