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


class ConfirmAnswerForm(forms.Form):
    """Issue 16 §8: the confirmation of an answer given on a municipality's behalf."""

    answer = forms.ChoiceField(choices=Participation.Answer.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Hur kom svaret?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "T.ex. ”E-post från förvaltningschefen 3 december”. Kommunens förvaltningsledning "
            "får se vem som registrerade svaret och hur det kom."
        ),
    )


class ConfirmCloseForm(forms.Form):
    """Issue 16 §8: closing a network cannot be undone, so it is confirmed on its own step."""

    reason = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Jag förstår att nätverket avslutas och att det inte kan ångras."),
        error_messages={"required": _("Kryssa i att du förstår att det inte kan ångras.")},
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
