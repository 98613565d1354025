"""Personal answer links for invitations (S1): a signed token naming one participation and
the management contact it was sent to. It answers that invitation only, and only once."""

from django.core import signing
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError

SALT = "samverkan.networks.invitation"
# An invitation link stays valid for a year; an answered invitation refuses a second answer.
MAX_AGE = 365 * 24 * 3600


def make_answer_token(participation_id: int, person_id: int) -> str:
    return signing.dumps({"p": participation_id, "c": person_id}, salt=SALT, compress=True)


def read_answer_token(token: str) -> tuple[int, int]:
    """(participation id, person id) of a valid token; a clear message otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise ServiceError(
            _("Länken har gått ut. Svara i Samverkan eller kontakta sekretariatet.")
        ) from error
    except signing.BadSignature as error:
        raise ServiceError(_("Länken är ogiltig. Kontrollera att hela länken kom med.")) from error
    return int(data["p"]), int(data["c"])
