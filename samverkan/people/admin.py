from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from samverkan.people import addresses, models


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


class PersonAdminForm(forms.ModelForm[models.Person]):
    """The admin adds its own Meta (model, the fields it shows)."""

    def clean_email(self) -> str:
        """Issue 12, item 6: the refusal on the field, not an IntegrityError."""
        email = addresses.normalise(self.cleaned_data.get("email") or "")
        if addresses.is_taken(email, self.instance):
            raise forms.ValidationError(addresses.taken_message())
        return email


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    readonly_fields = ["pending_email", "pending_email_requested_at"]
    list_display = ["name", "municipality", "email", "is_secretariat", "contact_confirmed_on"]
    list_filter = ["is_secretariat", "municipality"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]
