"""Answering an invitation on a municipality's behalf (issue 16 §8).

The secretariat may record an answer a municipality gave it some other way (a telephone call,
an e-mail to the secretariat). Such an answer is confirmed on its own page, carries a note of
how it came, and the municipality's management contacts are told who recorded it and how, so
that a wrong answer is noticed by the people it was given for."""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samverkan.cooperation.access import is_management_contact
from samverkan.networks.models import Participation
from samverkan.notifications.kinds import register
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.models import Person


def answers_on_behalf(user: object, participation: Participation) -> bool:
    """True when the one answering is not the municipality's own management for the area."""
    return not is_management_contact(user, participation.municipality, participation.network.area)


def tell_management(
    participation: Participation,
    *,
    recorded_by: str,
    note: str,
    contacts: Iterable[Person],
) -> None:
    network = participation.network
    url = settings.SITE_URL.rstrip("/") + f"/natverk/{network.slug}/uppstart/"

    def render() -> tuple[str, str]:
        return (
            _("Ett svar för %(muni)s om %(name)s är registrerat")
            % {"muni": participation.municipality.name, "name": network.name},
            _(
                "%(who)s registrerade svaret %(answer)s för %(muni)s på inbjudan till %(name)s.\n"
                "Så kom svaret: %(note)s\n\nStämmer det inte? Kontakta sekretariatet. Uppstarten: "
                "%(url)s"
            )
            % {
                "who": recorded_by,
                "answer": participation.get_answer_display().lower(),
                "muni": participation.municipality.name,
                "name": network.name,
                "note": note,
                "url": url,
            },
        )

    notify_in_their_language(
        list(contacts),
        render=render,
        kind="answered_on_behalf",
        key=f"answered-on-behalf:{participation.pk}",
        network=network,
        about=participation,
    )


register("answered_on_behalf", _lazy("Svar registrerat för din kommun"))
