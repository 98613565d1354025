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
    """The secretariat writes the question; its key (for comparing rounds) is the system's
    (issue 16, point 14)."""

    kind = forms.ChoiceField(label=_("Typ"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Fråga"), max_length=500)
    scale_low = forms.CharField(
        label=_("Vad 1 betyder"),
        max_length=100,
        required=False,
        help_text=_("Bara för skalfrågor, med frågans egna ord, t.ex. ”inte alls”."),
    )
    scale_high = forms.CharField(
        label=_("Vad 5 betyder"),
        max_length=100,
        required=False,
        help_text=_("Bara för skalfrågor, t.ex. ”helt och hållet”."),
    )
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
            low, high = q.scale_low or str(_("lägst")), q.scale_high or str(_("högst"))
            fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(str(n), _scale_label(n, low, high)) for n in SCALE],
                widget=forms.RadioSelect,
                required=False,
                help_text=_("1 = %(low)s, 5 = %(high)s") % {"low": low, "high": high},
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


def _scale_label(n: int, low: str, high: str) -> str:
    """ "1 – inte alls", "2", "3", "4", "5 – helt och hållet": the ends in the question's
    words (issue 16, point 14)."""
    if n == SCALE[0]:
        return f"{n} – {low}"
    if n == SCALE[-1]:
        return f"{n} – {high}"
    return str(n)
