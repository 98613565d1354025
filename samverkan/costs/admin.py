"""The secretariat's rare repairs. Allocations are read-only here: they follow their cost."""

from django.contrib import admin

from samverkan.costs.models import Allocation, Cost


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0
    can_delete = False
    readonly_fields = [
        "municipality",
        "population",
        "population_date",
        "population_table",
        "population_source",
        "amount_ore",
    ]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Cost)
class CostAdmin(admin.ModelAdmin):
    list_display = ["date", "network", "description", "amount_ore", "state", "invoiced_on"]
    list_filter = ["state", "method", "phase"]
    search_fields = ["description", "network__name"]
    readonly_fields = ["amount_ore", "method", "state", "problem", "credit_of", "replaces"]
    inlines = [AllocationInline]
