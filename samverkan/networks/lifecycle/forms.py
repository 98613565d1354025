"""Forms of the network lifecycle pages (proposal, answers, joining, closing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Area, Municipality
from samverkan.networks.models import Participation


class ProposeForm(forms.Form):
    name = forms.CharField(label=_("Nätverkets namn"), max_length=200)
    area = forms.ModelChoiceField(label=_("Verksamhetsområde"), queryset=Area.objects.all())
    reason = forms.CharField(
        label=_("Varför behövs nätverket?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Beskriv behovet; texten går med i inbjudan till kommunerna."),
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Svar"), choices=Participation.Answer.choices, widget=forms.RadioSelect
    )


class ParticipationRequestForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=Municipality.objects.none())
    reason = forms.CharField(
        label=_("Anledning (vid utträde)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, municipalities: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför avslutas nätverket?"), widget=forms.Textarea(attrs={"rows": 4})
    )
