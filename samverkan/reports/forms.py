"""Forms of the report pages: they parse input; the services decide (STYLE)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmSendForm(forms.Form):
    """Issue 16 §8: the yearly report goes to the whole directors' group only when confirmed."""

    confirm = forms.BooleanField(
        label=_("Jag har granskat rapporten och mottagarna och vill skicka den nu."),
        error_messages={"required": _("Kryssa i att du har granskat rapporten och mottagarna.")},
    )
