"""allauth.mfa's forms where a field needs a Swedish label (issue 12, item 3)."""

from allauth.mfa.webauthn.forms import AddWebAuthnForm as AllauthAddWebAuthnForm
from django.utils.translation import gettext_lazy as _


class AddWebAuthnForm(AllauthAddWebAuthnForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Namn på nyckeln")
        self.fields["name"].help_text = _("Till exempel ”Säkerhetsnyckel” eller ”Telefon”.")
