from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.records.ending.services import REASON_MAX


class EndPersonForm(forms.Form):
    reason = forms.CharField(
        label=_("Anledning"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel: personen har begärt radering (GDPR art. 17) eller slutat."),
    )
