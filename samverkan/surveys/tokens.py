"""Personal survey links. The token is an HMAC of the invitation's random nonce under the
secret key; the database keeps the nonce and the token's hash, so the link can be sent again in
a reminder, and nobody with the database alone can make a working link."""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_nonce() -> str:
    return secrets.token_hex(32)


def token_for(nonce: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"survey-link:{nonce}".encode(), hashlib.sha256).hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
