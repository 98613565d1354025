"""Forms of the material (N5) and question (ST1) pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.networks.models import Question


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(label=_("Fil"))


class QuestionForm(forms.Form):
    topic = forms.ChoiceField(label=_("Ämne"), choices=Question.Topic.choices)
    subject = forms.CharField(label=_("Rubrik"), max_length=200)
    text = forms.CharField(label=_("Din fråga"), widget=forms.Textarea(attrs={"rows": 5}))
    # Set by "Fråga sekretariatet om planen" in the year-plan editor (issue 16, point 11).
    plan_year = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=2000, max_value=2100
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 4}))
