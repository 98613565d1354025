"""The secrets of the survey (P4/ST2; SPEC §6: answers unlinkable even by the secretariat with
database access). Every value here is keyed with the secret key, so that a copy of the database
alone, without SAMVERKAN_SECRET_KEY, can neither make a working link, nor tell whose link was
used, nor read an answer before its round closes:

- a personal link's token is an HMAC of the invitation's random nonce; the invitation keeps
  the nonce and an HMAC of the token (`hash_token`), so the link is rebuilt at send time and
  looked up when used, and is stored nowhere readable (not in the notice either);
- a used link leaves a marker, an HMAC of the nonce (`used_marker`), in a table of its own with
  no column that joins it to the invitation;
- an answer given while the round is open is sealed (`seal`): encrypted, padded to one length
  per round and stamped with no time, until the round closes and the answers are opened,
  shuffled and stored without any tie to the sealed rows.

Key rotation (SECRET_KEY_FALLBACKS): values are made with the current key and recognised under
any of the fallbacks too, so links sent before a rotation keep working."""

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def new_nonce() -> str:
    return secrets.token_hex(32)


def secret_keys() -> list[str]:
    """The current secret key first, then the fallbacks (rotation)."""
    fallbacks = list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
    return [settings.SECRET_KEY, *(k for k in fallbacks if k and k != settings.SECRET_KEY)]


def _mac(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def token_for(nonce: str, secret: str | None = None) -> str:
    """The personal link's token (with the current key unless `secret` is given)."""
    return _mac(secret or settings.SECRET_KEY, "survey-link", nonce)


def hash_token(token: str, secret: str | None = None) -> str:
    """What the invitation keeps to find itself from a token: keyed, so that a token seen in a
    log cannot be matched to its invitation with the database alone."""
    return _mac(secret or settings.SECRET_KEY, "survey-lookup", token)


def lookup_hashes(token: str) -> list[str]:
    """The hashes a token may be stored under (one per key in use)."""
    return [hash_token(token, key) for key in secret_keys()]


def token_matching(nonce: str, stored_hash: str) -> str | None:
    """The token of the invitation with `nonce`, made with the key its hash was stored under,
    so that a reminder after a key rotation sends the link that works; None when no key in
    use made it."""
    for key in secret_keys():
        token = token_for(nonce, key)
        if hmac.compare_digest(hash_token(token, key), stored_hash):
            return token
    return None


def used_marker(nonce: str, secret: str | None = None) -> str:
    """The marker a used link leaves: not joinable to its invitation without the key."""
    return _mac(secret or settings.SECRET_KEY, "survey-used", nonce)


def used_markers(nonces: Iterable[str]) -> dict[str, list[str]]:
    """Every marker each nonce's link may have left (one per key in use)."""
    keys = secret_keys()
    return {nonce: [used_marker(nonce, key) for key in keys] for nonce in nonces}


def _fernet() -> MultiFernet:
    keys = []
    for secret in secret_keys():
        raw = hmac.new(secret.encode(), b"survey-seal", hashlib.sha256).digest()
        keys.append(Fernet(base64.urlsafe_b64encode(raw)))
    return MultiFernet(keys)


def padded_length(questions: Iterable[Any]) -> int:
    """The one length every sealed answer of a round is padded to: the longest answer its
    questions allow (JSON escapes at most six bytes per character), so that the sealed rows'
    lengths tell nothing about what was written."""
    from samverkan.surveys.questionnaire import MAX_TEXT

    total = 16
    for q in questions:
        longest = max([len(str(c)) for c in (q.choices or [])] + [1])
        value = 6 * MAX_TEXT if q.kind == "text" else 6 * longest
        total += 6 * len(q.key) + value + 8
    return total


def seal(answers: dict[str, Any], length: int) -> str:
    """Encrypt an answer under the secret key, padded to `length` bytes. The token carries no
    time (Fernet's timestamp is set to zero)."""
    plain = json.dumps(answers, ensure_ascii=False, sort_keys=True).encode()
    if len(plain) < length:
        plain += b" " * (length - len(plain))
    return _fernet().encrypt_at_time(plain, 0).decode("ascii")


def unseal(sealed: str) -> dict[str, Any] | None:
    """The answer sealed in `sealed`; None when no key in use opens it."""
    try:
        value = json.loads(_fernet().decrypt(sealed.encode("ascii")))
    except (InvalidToken, ValueError):
        return None
    return value if isinstance(value, dict) else None
