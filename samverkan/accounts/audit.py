"""The ways into an account are in its history (issue 13, part 6): an e-mail address added,
verified or made primary, a second factor added or removed, a provider's account linked, a
provider configured. Secrets are recorded as changed, never by value (history/record.py);
what changes at every sign-in is left out (history/coverage.py)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp
from auditlog.registry import auditlog

SECRET = "samverkan.history.record.secret"

auditlog.register(EmailAddress)
# `data` holds the TOTP secret, the recovery codes' seed and which were used: masked, so that
# using a recovery code shows as a change without showing anything of the codes.
auditlog.register(
    Authenticator, exclude_fields=["last_used_at"], mask_fields=["data"], mask_callable=SECRET
)
auditlog.register(SocialAccount, exclude_fields=["last_login", "extra_data"])
auditlog.register(SocialApp, mask_fields=["secret"], mask_callable=SECRET)
