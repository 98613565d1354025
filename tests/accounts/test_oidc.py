"""Issue 12, items 1 and 2: sign-in through a municipality's OpenID Connect provider, against a
real provider (npm's oidc-provider, tests/browser/oidc.py) walked over HTTP without a browser.
The browser walk is tests/browser/test_oidc.py."""

import json
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from samverkan.accounts.oidc import providers
from samverkan.accounts.oidc.adapter import MFA_SESSION_KEY
from samverkan.people.models import Person, User
from tests.browser.oidc import (
    BUTTON,
    CALLBACK,
    PROVIDER_ID,
    RunningProvider,
    free_port,
    oidc_testserver,  # noqa: F401 (fixture)
    sign_in_at_provider,
)

LOGIN = f"/konto/oidc/{PROVIDER_ID}/login/"
REFUSED = "Ditt konto finns inte i Samverkan ännu – kontakta sekretariatet."


@pytest.fixture
def provider(oidc_testserver: RunningProvider, settings: Any) -> RunningProvider:  # noqa: F811
    oidc_testserver.configure(settings)
    return oidc_testserver


@pytest.fixture
def people(db: Any) -> dict[str, Person]:
    """Anna has no account yet; Bertil has one; Cecilia's provider has not verified her e-mail."""
    bertil_user = User.objects.create_user("bertil.oidc@kommun.example", "x-Unused-password-1")
    return {
        "anna": Person.objects.create(name="Anna Oidc", email="anna.oidc@kommun.example"),
        "bertil": Person.objects.create(
            name="Bertil Oidc", email="bertil.oidc@kommun.example", user=bertil_user
        ),
        "cecilia": Person.objects.create(name="Cecilia Oidc", email="cecilia.oidc@kommun.example"),
    }


def start(client: Client) -> str:
    response = client.post(LOGIN)
    assert response.status_code == 302, response.content
    return str(response["Location"])


def walk(client: Client, account_id: str) -> Any:
    """Sign in at the real provider as account_id and return the callback's response."""
    callback = sign_in_at_provider(start(client), account_id)
    return client.get(callback.removeprefix("http://testserver"))


def written() -> tuple[int, int]:
    return User.objects.count(), SocialAccount.objects.count()


# ---- configuration -------------------------------------------------------------------------


def test_providers_parse_the_environment_setting_item_1() -> None:
    raw = json.loads(
        '[{"id": "hbg", "name": "Logga in med ditt kommunkonto", "server_url": "https://idp.x/",'
        ' "client_id": "c", "secret": "s", "domains": ["Helsingborg.se"],'
        ' "mfa_claims": {"amr": ["mfa"], "acr": "loa3"}}]'
    )
    (parsed,) = providers.parse(raw)
    assert parsed.server_url == "https://idp.x"
    assert parsed.domains == ("helsingborg.se",)
    assert parsed.mfa_claims == (("amr", ("mfa",)), ("acr", ("loa3",)))
    config = providers.socialaccount_providers([parsed])["openid_connect"]
    assert config["OAUTH_PKCE_ENABLED"] is True
    (app,) = config["APPS"]
    assert (app["provider_id"], app["name"], app["client_id"], app["secret"]) == (
        "hbg",
        "Logga in med ditt kommunkonto",
        "c",
        "s",
    )
    assert app["settings"]["server_url"] == "https://idp.x"
    with pytest.raises(ValueError, match="lacks secret"):
        providers.parse([{"id": "x", "name": "x", "server_url": "u", "client_id": "c"}])
    with pytest.raises(ValueError, match="same id"):
        providers.parse([raw[0], raw[0]])
    assert providers.parse([]) == []


def test_provider_for_email_and_mfa_claims_read_the_current_settings_item_1(settings: Any) -> None:
    hbg = providers.Provider(
        id="hbg",
        name="Helsingborg",
        server_url="https://idp.x",
        client_id="c",
        secret="s",
        domains=("helsingborg.se",),
        mfa_claims=(("amr", ("mfa", "otp")), ("acr", ("loa3",))),
    )
    settings.SOCIALACCOUNT_PROVIDERS = providers.socialaccount_providers([hbg])
    assert providers.provider_for_email("Anna@HELSINGBORG.se") == hbg
    assert providers.provider_for_email("anna@landskrona.se") is None
    assert providers.provider_for_email("") is None
    assert providers.provider_did_mfa("hbg", {"amr": ["pwd", "otp"]})
    assert providers.provider_did_mfa("hbg", {"acr": "loa3"})
    assert not providers.provider_did_mfa("hbg", {"amr": ["pwd"], "acr": "loa2"})
    assert not providers.provider_did_mfa("hbg", {})
    assert not providers.provider_did_mfa("other", {"amr": ["mfa"]})


# ---- the authorization request ---------------------------------------------------------------


@pytest.mark.django_db
def test_authorization_request_uses_pkce_s256_state_and_nonce_item_1(
    client: Client, provider: RunningProvider
) -> None:
    location = start(client)
    assert location.startswith(f"{provider.issuer}/auth?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256 digest
    assert query["redirect_uri"] == f"http://testserver{CALLBACK}"
    assert len(query["state"]) >= 16 and len(query["nonce"]) >= 32
    assert set(query["scope"].split()) == {"openid", "profile", "email"}
    # The state (holding the PKCE verifier) is in this session only.
    assert query["state"] in client.session["socialaccount_states"]


@pytest.mark.django_db
def test_login_page_shows_one_post_button_per_provider_item_1(
    client: Client, provider: RunningProvider
) -> None:
    page = client.get("/konto/login/").content.decode()
    assert f'<form method="post" action="{LOGIN}' in page
    assert f'<button type="submit" class="primary">{BUTTON}</button>' in page
    # A GET of the provider's login URL starts nothing: it asks to continue (POST, CSRF).
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Fortsätt" in response.content.decode()


# ---- the callback: who is signed in ----------------------------------------------------------


def test_verified_email_signs_in_the_matching_person_and_makes_the_account_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    """anna's provider sends Anna.Oidc@Kommun.example, verified: matched case-insensitively."""
    response = walk(client, "anna")
    assert response.status_code == 302, response.content.decode()
    anna = Person.objects.get(pk=people["anna"].pk)
    assert anna.user is not None and anna.user.email == "anna.oidc@kommun.example"
    assert not anna.user.has_usable_password()
    assert client.session["_auth_user_id"] == str(anna.user.pk)
    account = SocialAccount.objects.get(user=anna.user)
    assert (account.provider, account.uid) == (PROVIDER_ID, "anna")  # the provider's sub


def test_no_personal_identity_number_is_used_or_stored_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    """The provider sends personal_number (tests/browser/oidc_users.json); it is not stored."""
    walk(client, "anna")
    account = SocialAccount.objects.get()
    stored = json.dumps(account.extra_data)
    assert "19121212" not in stored and "personal_number" not in stored
    assert "nonce" not in stored
    assert account.uid == "anna"
    assert set(account.extra_data) == {"userinfo", "id_token"}
    assert account.extra_data["userinfo"]["email_verified"] is True


def test_existing_account_is_used_and_signs_in_again_by_sub_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    bertil = people["bertil"]
    assert walk(client, "bertil").status_code == 302
    assert client.session["_auth_user_id"] == str(bertil.user_id)
    client.post("/konto/logout/")
    before = written()
    assert walk(client, "bertil").status_code == 302
    assert client.session["_auth_user_id"] == str(bertil.user_id)
    assert written() == before


@pytest.mark.parametrize("account_id", ["overifierad", "okand"])
def test_unverified_or_unknown_email_is_refused_and_writes_nothing_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person], account_id: str
) -> None:
    before = written()
    response = walk(client, account_id)
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert written() == before
    assert Person.objects.get(pk=people["cecilia"].pk).user is None


def test_missing_email_claim_is_refused_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person], settings: Any
) -> None:
    """Without the email scope the provider sends no e-mail claim at all."""
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"]["scope"] = [
        "openid",
        "profile",
    ]
    before = written()
    response = walk(client, "anna")
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert written() == before


def test_unknown_email_signs_up_when_sign_ups_are_on_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person], settings: Any
) -> None:
    settings.ACCOUNT_ALLOW_SIGNUPS = True
    settings.SOCIALACCOUNT_AUTO_SIGNUP = True
    response = walk(client, "okand")
    assert response.status_code == 302
    assert User.objects.filter(email="okand@kommun.example").exists()


# ---- contract 2: the provider's second factor ------------------------------------------------


def test_amr_mfa_sets_the_session_flag_and_pwd_does_not_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    walk(client, "anna")  # amr ["pwd", "mfa"]
    assert client.session.get(MFA_SESSION_KEY) is True
    other = Client()
    walk(other, "bertil")  # amr ["pwd"]
    assert MFA_SESSION_KEY not in other.session


def test_a_password_login_clears_the_flag_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    walk(client, "anna")
    assert client.session.get(MFA_SESSION_KEY) is True
    user = Person.objects.get(pk=people["bertil"].pk).user
    assert user is not None
    # A different account signing in on the same browser: Django flushes, the signal pops.
    client.force_login(user)
    assert MFA_SESSION_KEY not in client.session


# ---- bad input: state, nonce, errors, unreachable provider -----------------------------------


def refused_softly(response: Any) -> str:
    assert response.status_code == 401, response.status_code
    text = response.content.decode()
    assert "Inloggningen misslyckades" in text
    return text


def test_callback_without_state_is_refused_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    callback = sign_in_at_provider(start(client), "anna")
    query = parse_qs(urlsplit(callback).query)
    refused_softly(client.get(f"{CALLBACK}?{urlencode({'code': query['code'][0]})}"))
    assert written() == (1, 0)  # bertil's user only


def test_callback_with_a_wrong_state_is_refused_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    callback = sign_in_at_provider(start(client), "anna")
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    query["state"] = "x" + query["state"][1:]
    refused_softly(client.get(f"{CALLBACK}?{urlencode(query)}"))
    assert "_auth_user_id" not in client.session
    assert written() == (1, 0)


def test_a_code_from_another_session_is_refused_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    """Login CSRF: a callback URL made in the attacker's session, opened in the victim's."""
    callback = sign_in_at_provider(start(Client()), "anna")
    start(client)  # the victim has a sign-in of her own under way
    refused_softly(client.get(callback.removeprefix("http://testserver")))
    assert written() == (1, 0)


def test_a_state_whose_nonce_differs_is_refused_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person]
) -> None:
    """The ID token's nonce belongs to the state of the authorization request it answers:
    a stashed state with another id (same PKCE verifier) is refused before any write."""
    callback = sign_in_at_provider(start(client), "anna")
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    session = client.session
    states = session["socialaccount_states"]
    states["forged-state-id-0"] = states.pop(query["state"])
    session["socialaccount_states"] = states
    session.save()
    query["state"] = "forged-state-id-0"
    refused_softly(client.get(f"{CALLBACK}?{urlencode(query)}"))
    assert written() == (1, 0)


@pytest.mark.django_db
def test_provider_error_response_gives_a_swedish_page_item_1(
    client: Client, provider: RunningProvider
) -> None:
    location = start(client)
    state = parse_qs(urlsplit(location).query)["state"][0]
    refused_softly(client.get(f"{CALLBACK}?{urlencode({'error': 'server_error', 'state': state})}"))


@pytest.mark.django_db
def test_cancelling_at_the_provider_gives_a_swedish_page_item_1(
    client: Client, provider: RunningProvider
) -> None:
    callback = sign_in_at_provider(start(client), "anna", abort=True)
    response = client.get(callback.removeprefix("http://testserver"), follow=True)
    assert response.status_code == 200
    assert "Inloggningen avbröts" in response.content.decode()


@pytest.mark.django_db
def test_unreachable_provider_at_the_start_gives_a_swedish_page_item_1(
    client: Client, provider: RunningProvider, settings: Any
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    settings.SOCIALACCOUNT_PROVIDERS = providers.socialaccount_providers(
        [provider.provider(server_url=dead)]
    )
    text = refused_softly(client.post(LOGIN))
    assert "svarar inte" in text


def test_unreachable_provider_at_the_callback_gives_a_swedish_page_item_1(
    client: Client, provider: RunningProvider, people: dict[str, Person], settings: Any
) -> None:
    callback = sign_in_at_provider(start(client), "anna")
    dead = f"http://127.0.0.1:{free_port()}"
    settings.SOCIALACCOUNT_PROVIDERS = providers.socialaccount_providers(
        [provider.provider(server_url=dead)]
    )
    text = refused_softly(client.get(callback.removeprefix("http://testserver")))
    assert "svarar inte" in text
    assert written() == (1, 0)
