from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import AccessibilityStatement


class ReportForm(forms.Form):
    description = forms.CharField(
        label=_("Beskriv problemet"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Beskriv problemet.")},
    )
    page = forms.CharField(
        label=_("Sidan det gäller (valfritt)"),
        required=False,
        max_length=500,
        help_text=_("Klistra in adressen eller skriv sidans namn."),
    )
    name = forms.CharField(label=_("Ditt namn (valfritt)"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Din e-post (valfritt)"),
        required=False,
        help_text=_("Om du vill ha svar."),
        error_messages={"invalid": _("Ange en giltig e-postadress.")},
    )


class StatementForm(forms.Form):
    provider = forms.CharField(
        label=_("Vem som tillhandahåller tjänsten"), required=False, widget=forms.Textarea
    )
    compliance = forms.ChoiceField(
        label=_("Förenlighet med EN 301 549 / WCAG 2.1 AA"),
        choices=AccessibilityStatement.Compliance.choices,
    )
    known_issues = forms.CharField(
        label=_("Innehåll som inte är tillgängligt och varför"),
        required=False,
        widget=forms.Textarea,
    )
    report = forms.CharField(
        label=_("Hur man rapporterar brister"), required=False, widget=forms.Textarea
    )
    enforcement = forms.CharField(label=_("Tillsyn (DIGG)"), required=False, widget=forms.Textarea)
    assessment = forms.CharField(
        label=_("Hur tjänsten har granskats"), required=False, widget=forms.Textarea
    )
    assessed_on = forms.DateField(
        label=_("Granskades senast"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange ett datum som ÅÅÅÅ-MM-DD.")},
    )
