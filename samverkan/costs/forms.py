from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.errors import ServiceError
from samverkan.costs.models import Cost
from samverkan.costs.money import parse_kronor


class CostForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Beskrivning"), max_length=300)
    amount = forms.CharField(
        label=_("Belopp i kronor"),
        max_length=30,
        help_text=_("T.ex. 12 500,00. Högst två decimaler."),
    )
    phase = forms.ChoiceField(label=_("Fas"), choices=Cost.Phase.choices)

    def clean_amount(self) -> int:
        try:
            return parse_kronor(self.cleaned_data["amount"])
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from exc
