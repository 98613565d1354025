from django import forms

from samverkan.records.models import RetentionPolicy
from samverkan.records.retention.services import POLICY_FIELDS


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = list(POLICY_FIELDS)
