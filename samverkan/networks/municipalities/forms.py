"""Forms of the municipality page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Area, Municipality


class ManagementContactForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Verksamhetsområde"), queryset=Area.objects.all())
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"))
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)


class PeopleFilterForm(forms.Form):
    """The people register's search: a part of a name or an address, and a municipality."""

    q = forms.CharField(
        label=_("Namn eller e-post"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla kommuner"),
    )
