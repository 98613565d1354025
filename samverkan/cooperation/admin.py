"""The Django admin for the secretariat's rare repairs; every save lands in the history."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.base import ContentFile

from samverkan.cooperation import models
from samverkan.files.uploads import UploadRefused, sanitised_logo


class _LogoLink:
    """The stored logo as the file input shows it: linked to the files view (no /media/)."""

    def __init__(self, coop: models.Cooperation) -> None:
        self.url = coop.logo_url
        self.name = coop.logo.name

    def __str__(self) -> str:
        return self.name or ""


class LogoInput(forms.ClearableFileInput):
    def format_value(self, value: Any) -> Any:
        if self.is_initial(value) and getattr(value, "instance", None) is not None:
            return _LogoLink(value.instance)
        return super().format_value(value)


class CooperationForm(forms.ModelForm):
    """The logo is PNG, JPEG or SVG, checked by its content; an SVG is kept only sanitised."""

    class Meta:
        model = models.Cooperation
        fields = "__all__"  # noqa: DJ007 (the admin shows every field, as before)
        widgets = {"logo": LogoInput}

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):  # unchanged or cleared
            return logo
        try:
            safe = sanitised_logo(logo)
        except UploadRefused as error:
            raise forms.ValidationError(error.message) from error
        return logo if safe is None else ContentFile(safe, name=logo.name)


class DevelopmentAreaInline(admin.TabularInline):
    model = models.DevelopmentArea
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


class PopulationInline(admin.TabularInline):
    model = models.PopulationFigure
    extra = 0
    fields = ["date", "population", "table", "period", "source", "source_file", "imported_at"]
    readonly_fields = ["source_file", "imported_at"]


@admin.register(models.Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    form = CooperationForm
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


# --- Issue 16 part C: the accessibility statement's reports, for the secretariat to read ---
@admin.register(models.AccessibilityReport)
class AccessibilityReportAdmin(admin.ModelAdmin):
    list_display = ["reported_at", "page", "name", "email"]
    readonly_fields = ["reported_at"]
    search_fields = ["description", "page", "name", "email"]
