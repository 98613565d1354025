from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from samverkan.people import models


@admin.register(models.User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "language", "last_login"]
    search_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "password", "language")}),
        ("Behörighet", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Datum", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "email", "is_secretariat", "contact_confirmed_on"]
    list_filter = ["is_secretariat", "municipality"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]
