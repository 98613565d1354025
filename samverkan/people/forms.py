"""Forms of the people room."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ContactDetailsForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    unit = forms.CharField(label=_("Förvaltning/enhet"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-post"))
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
