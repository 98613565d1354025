"""The Django admin for the secretariat's rare repairs; every save lands in the history."""

from django.contrib import admin

from samverkan.cooperation import models


class DevelopmentAreaInline(admin.TabularInline):
    model = models.DevelopmentArea
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


class PopulationInline(admin.TabularInline):
    model = models.PopulationFigure
    extra = 0


@admin.register(models.Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "publish_catalogue"]


@admin.register(models.DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "start_year", "end_year"]
    inlines = [DevelopmentAreaInline]


@admin.register(models.Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "member_from", "member_to"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PopulationInline]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_region"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.ManagementContact)
class ManagementContactAdmin(admin.ModelAdmin):
    list_display = ["municipality", "area", "person"]
    list_filter = ["area", "municipality"]
    autocomplete_fields = ["person"]
