from django.contrib import admin

from samverkan.networks import models


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["person"]
    # Named, since the period's fields come first in the model (they are inherited).
    fields = ["person", "municipality", "role", "start_on", "end_on"]


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "status", "started_on", "closed_on"]
    list_filter = ["status", "area"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ParticipationInline, MembershipInline]


@admin.register(models.YearPlan)
class YearPlanAdmin(admin.ModelAdmin):
    list_display = ["network", "year", "state", "adopted_on"]
    list_filter = ["state", "year"]
    search_fields = ["network__name"]
