"""Forms of the municipality page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Area


class ManagementContactForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Verksamhetsområde"), queryset=Area.objects.all())
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"))
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
