"""Personal answer links for invitations (S1): a signed token naming one participation and
the management contact it was sent to. It answers that invitation only, only once, and only
while that person is still the municipality's management contact for the network's area
(issue 13): the link of a contact who was removed stops working."""

from django.core import signing
from django.utils.translation import gettext as _

from samverkan.cooperation.models import ManagementContact
from samverkan.core.errors import ServiceError
from samverkan.networks.models import Participation
from samverkan.people.models import Person

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


def link_holder(person_id: int, participation: Participation) -> Person:
    """The person an answer link was sent to, while they may still answer with it: they are
    still registered as the municipality's management for the network's area."""
    person = Person.objects.filter(pk=person_id).select_related("user").first()
    if person is None:
        raise ServiceError(_("Länken är ogiltig. Kontrollera att hela länken kom med."))
    still_contact = ManagementContact.objects.filter(
        person=person,
        municipality_id=participation.municipality_id,
        area_id=participation.network.area_id,
    ).exists()
    if not still_contact:
        raise ServiceError(
            _(
                "Länken gäller inte längre: den som fick den är inte längre "
                "förvaltningsledning i %(muni)s. Kontakta sekretariatet."
            )
            % {"muni": participation.municipality.name}
        )
    return person
