"""The Django admin for legal aid's reference data: exemption categories, the lawyer pool,
evaluation rubrics and the subsidy schedule. Cases change state only through the case engine
(cases.engine), and draws, evaluations, removals and subsidies are records of what happened:
the admin shows them read-only."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from legalaid.models import (
    Consultation,
    Criterion,
    Draw,
    Evaluation,
    Exemption,
    OptIn,
    PoolMember,
    Removal,
    Subsidy,
    SubsidyRate,
)


@admin.register(Exemption)
class ExemptionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "legal_basis", "organization", "region_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "legal_basis")
    readonly_fields = ("region_code",)
    autocomplete_fields = ("organization",)


@admin.register(PoolMember)
class PoolMemberAdmin(admin.ModelAdmin):
    list_display = ("lawyer", "centre", "status", "joined_on", "left_on", "workload_cap")
    list_filter = ("status",)
    search_fields = ("lawyer__name", "centre__name")
    readonly_fields = ("region_code",)
    autocomplete_fields = ("centre", "lawyer")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "centre", "kind", "max_score", "position", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "centre__name")
    readonly_fields = ("region_code",)
    autocomplete_fields = ("centre",)


@admin.register(SubsidyRate)
class SubsidyRateAdmin(admin.ModelAdmin):
    list_display = ("centre", "matter", "stage", "amount", "valid_from")
    list_filter = ("matter",)
    search_fields = ("centre__name", "stage")
    autocomplete_fields = ("centre",)


class OptInInline(admin.TabularInline):
    model = OptIn
    extra = 0
    can_delete = False
    fields = ("lawyer", "at")
    readonly_fields = ("lawyer", "at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("public_code", "case", "state", "method", "winner", "announced_at",
                    "closes_at", "drawn_at")  # fmt: skip
    list_filter = ("state", "method", "matter")
    search_fields = ("public_code",)
    inlines = [OptInInline]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("lawyer", "kind", "evaluated_on", "score", "evaluator", "centre")
    list_filter = ("kind",)
    search_fields = ("lawyer__name", "evaluator")


@admin.register(Removal)
class RemovalAdmin(ReadOnlyAdmin):
    list_display = ("member", "year", "rank", "score", "state", "noticed_on", "appeal_until",
                    "effective_on")  # fmt: skip
    list_filter = ("state", "year")


@admin.register(Subsidy)
class SubsidyAdmin(ReadOnlyAdmin):
    list_display = ("case", "lawyer", "firm", "month", "amount", "paid_on")
    list_filter = ("month",)
    search_fields = ("lawyer__name", "firm__name")


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("on_date", "organization", "channel", "category", "referred")
    list_filter = ("channel", "category", "referred")
