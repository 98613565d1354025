"""The municipalities' OpenID Connect providers (issue 12, item 1), read once from the
environment: SAMVERKAN_OIDC_PROVIDERS is a JSON list of objects

    {"id": "kommun", "name": "Logga in med ditt kommunkonto",
     "server_url": "https://login.kommun.se", "client_id": "…", "secret": "…",
     "domains": ["kommun.se"], "mfa_claims": {"amr": ["mfa", "otp", "hwk"]}}

`id` names the allauth app (the callback is /konto/oidc/<id>/login/callback/), `name` is the
button text, `domains` the e-mail domains the provider serves (activation e-mails point people
there), `mfa_claims` which ID-token claim values mean the provider did a second factor.

settings.py imports PROVIDERS (from the environment) to build SOCIALACCOUNT_PROVIDERS; the
functions below read that setting back at call time (`configured()`), so a test that overrides
SOCIALACCOUNT_PROVIDERS changes them too."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from samverkan.core.env import env_json


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    server_url: str
    client_id: str
    secret: str
    domains: tuple[str, ...] = ()
    # claim name -> the values that mean "a second factor was used", e.g. {"amr": ("mfa",)}
    mfa_claims: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def app(self) -> dict[str, Any]:
        """The entry for SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]."""
        return {
            "provider_id": self.id,
            "name": self.name,
            "client_id": self.client_id,
            "secret": self.secret,
            # allauth reads server_url; domains and mfa_claims ride along for configured().
            "settings": {
                "server_url": self.server_url,
                "domains": list(self.domains),
                "mfa_claims": {claim: list(values) for claim, values in self.mfa_claims},
            },
        }


def parse(raw: object) -> list[Provider]:
    """Providers from the decoded JSON; a mistake in it stops the start with a clear message."""
    if not isinstance(raw, list):
        raise ValueError("SAMVERKAN_OIDC_PROVIDERS must be a JSON list of objects")
    providers: list[Provider] = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ValueError(f"SAMVERKAN_OIDC_PROVIDERS[{index}] must be an object")
        missing = [
            key for key in ("id", "name", "server_url", "client_id", "secret") if not item.get(key)
        ]
        if missing:
            raise ValueError(f"SAMVERKAN_OIDC_PROVIDERS[{index}] lacks {', '.join(missing)}")
        mfa = item.get("mfa_claims") or {}
        if not isinstance(mfa, Mapping):
            raise ValueError(f"SAMVERKAN_OIDC_PROVIDERS[{index}].mfa_claims must be an object")
        providers.append(
            Provider(
                id=str(item["id"]),
                name=str(item["name"]),
                server_url=str(item["server_url"]).rstrip("/"),
                client_id=str(item["client_id"]),
                secret=str(item["secret"]),
                domains=tuple(str(d).strip().lower().lstrip("@") for d in item.get("domains", [])),
                mfa_claims=tuple(
                    (str(claim), tuple(str(v) for v in _as_list(values)))
                    for claim, values in mfa.items()
                ),
            )
        )
    ids = [p.id for p in providers]
    if len(set(ids)) != len(ids):
        raise ValueError("SAMVERKAN_OIDC_PROVIDERS has two providers with the same id")
    return providers


def _as_list(values: object) -> Iterable[object]:
    return values if isinstance(values, list | tuple) else [values]


PROVIDERS: list[Provider] = parse(env_json("SAMVERKAN_OIDC_PROVIDERS", []))


def socialaccount_providers(providers: Iterable[Provider]) -> dict[str, Any]:
    """SOCIALACCOUNT_PROVIDERS for these providers: authorization code with PKCE (S256)."""
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [p.app() for p in providers]}}


def configured() -> list[Provider]:
    """The providers in settings.SOCIALACCOUNT_PROVIDERS, as they are now."""
    from django.conf import settings

    apps = (
        getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", [])
    )
    return parse(
        [
            {
                "id": app.get("provider_id"),
                "name": app.get("name"),
                "server_url": app.get("settings", {}).get("server_url"),
                "client_id": app.get("client_id"),
                "secret": app.get("secret"),
                "domains": app.get("settings", {}).get("domains", []),
                "mfa_claims": app.get("settings", {}).get("mfa_claims", {}),
            }
            for app in apps
        ]
    )


def get(provider_id: str) -> Provider | None:
    return next((p for p in configured() if p.id == provider_id), None)


def provider_for_email(email: str) -> Provider | None:
    """The provider that serves this e-mail address's domain, if any."""
    domain = email.strip().lower().rpartition("@")[2]
    if not domain:
        return None
    for provider in configured():
        if domain in provider.domains:
            return provider
    return None


def provider_did_mfa(provider_id: str, claims: Mapping[str, Any]) -> bool:
    """Whether the ID token's claims say the provider used a second factor (per its mfa_claims:
    `amr` is a list of methods, `acr` a single value; either form is accepted for any claim)."""
    provider = get(provider_id)
    if provider is None:
        return False
    for claim, accepted in provider.mfa_claims:
        value = claims.get(claim)
        if value is None:
            continue
        given = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        if given & set(accepted):
            return True
    return False
