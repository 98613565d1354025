"""The inbox's filter and the choice of e-mail (issue 16, point 6)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.notifications.selectors import InboxFilter


class InboxFilterForm(forms.Form):
    """A GET form: the filter is in the URL, so a filtered inbox can be linked and reloaded."""

    olasta = forms.BooleanField(label=_("Bara olästa"), required=False)
    typ = forms.ChoiceField(label=_("Typ"), required=False)
    natverk = forms.ChoiceField(label=_("Nätverk"), required=False)

    def __init__(self, data: Any, *, choices: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(data)
        self.fields["typ"].choices = [("", _("Alla typer")), *choices["kinds"]]  # type: ignore[attr-defined]
        self.fields["natverk"].choices = [("", _("Alla nätverk")), *choices["networks"]]  # type: ignore[attr-defined]
        self.fields["typ"].error_messages["invalid_choice"] = _(
            "Det finns inga notiser av den typen i din inkorg."
        )
        self.fields["natverk"].error_messages["invalid_choice"] = _(
            "Det finns inga notiser om det nätverket i din inkorg."
        )

    def filters(self) -> InboxFilter:
        """The valid part of the filter (an unknown kind or network is shown as an error and
        left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return InboxFilter(
            unread=bool(data.get("olasta")),
            kind=data.get("typ") or "",
            network=data.get("natverk") or "",
        )


class DeliveryForm(forms.Form):
    sammanfattning = forms.TypedChoiceField(
        label=_("E-post om notiser"),
        choices=[
            ("0", _("Ett e-postmeddelande för varje notis")),
            ("1", _("En sammanfattning per dag med dagens notiser")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hur du vill få notiser med e-post.")},
    )
