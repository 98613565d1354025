"""Forms of the import page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.imports.reading import AUTO
from samverkan.imports.sheets import SHEETS


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (a workbook, or one CSV file per sheet)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            if not data:
                return [single(None, initial)]
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    upload = MultipleFileField(
        label=_("Fil"),
        help_text=_(
            "Mallen som Excel-arbetsbok (.xlsx), eller ett eller flera blad sparade som CSV. "
            "Välj flera filer samtidigt för att importera dem tillsammans."
        ),
        widget=MultipleFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )
    csv_sheet = forms.ChoiceField(
        label=_("Vilket blad är en CSV-fil?"),
        required=False,
        choices=[(AUTO, _("Känn igen på rubrikraden"))] + [(s.key, s.title) for s in SHEETS],
        help_text=_(
            "En CSV-fil är ett blad. Det känns igen på rubrikerna på rad 1; välj bladet här om "
            "de inte räcker. Gäller inte Excel-arbetsböcker, vars blad har namn."
        ),
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    send = forms.ChoiceField(
        label=_("Aktiveringsmejl och meddelanden"),
        widget=forms.RadioSelect,
        choices=[
            (
                "nu",
                _(
                    "Skicka nu: nya personer får ett aktiveringsmejl, och meddelandena om "
                    "importen (introduktion, inbjudningar) skickas med e-post."
                ),
            ),
            (
                "inte",
                _(
                    "Skicka inte: ingenting skickas med e-post. Meddelandena finns bara i "
                    "inkorgarna; aktiveringsmejlen kan skickas senare från den här sidan."
                ),
            ),
        ],
    )
