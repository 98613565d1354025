from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.surveys.models import Question
from samverkan.surveys.questionnaire import SCALE


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    opens_on = forms.DateField(label=_("Öppnar"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Stänger"), widget=forms.DateInput(attrs={"type": "date"}))
    intro = forms.CharField(
        label=_("Inledning"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class QuestionForm(forms.Form):
    key = forms.SlugField(
        label=_("Nyckel"),
        max_length=50,
        help_text=_("Samma nyckel i nästa omgång gör att svaren kan jämföras."),
    )
    kind = forms.ChoiceField(label=_("Typ"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Fråga"), max_length=500)
    choices = forms.CharField(
        label=_("Svarsalternativ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ett alternativ per rad (bara för ”Ett val”)."),
    )


class DirectorForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"))


def answer_form_class(questions: list[Question]) -> type[forms.Form]:
    """A form with one field per question; validation proper is the service's (P4)."""
    fields: dict[str, Any] = {}
    for q in questions:
        if q.kind == Question.Kind.SCALE:
            fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(str(n), str(n)) for n in SCALE],
                widget=forms.RadioSelect,
                required=False,
                help_text=_("1 = mycket dåligt, 5 = mycket bra"),
            )
        elif q.kind == Question.Kind.CHOICE:
            fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(c, c) for c in q.choices],
                widget=forms.RadioSelect,
                required=False,
            )
        else:
            fields[q.key] = forms.CharField(
                label=q.text, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
    return type("AnswerForm", (forms.Form,), fields)
