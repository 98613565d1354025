"""The networks room's notices (STYLE habit 10), one small function each, written in each
recipient's own language. Each key names its event, so that a reminder that runs twice tells
nobody twice (the task backend does not retry, and a day may be run again by hand)."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.networks.models import Network, YearPlan
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.models import Person

# N6: the key of a person's reminder to confirm their contact details names the person and the
# day it went out ("n6:contacts:<person>:<YYYY-MM-DD>"); the reminder reads the latest one back
# to send at most one a month (networks/reminders.py).
CONTACTS_KIND = "contact_details_stale"
CONTACTS_KEY = "n6:contacts:{person}:{day}"


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def year_plan_due(
    network: Network,
    coordinators: Iterable[Person],
    *,
    year: int,
    draft: YearPlan | None,
    step: str,
) -> None:
    """N3: from 1 November (`step` "nov") and again from 1 December ("dec") the coordinators
    of an active network whose plan for next year is not adopted are reminded to adopt it."""
    url = _url(reverse("networks:plan_edit", kwargs={"slug": network.slug, "year": year}))
    values = {"network": network.name, "year": year, "url": url}

    def render() -> tuple[str, str]:
        state = (
            _("Ett utkast finns men är inte antaget.")
            if draft is not None
            else _("Det finns ingen årsplan för %(year)d än.") % values
        )
        return (
            _("Inför %(year)d: anta årsplanen för %(network)s") % values,
            _(
                "%(network)s ska före årsskiftet gemensamt anta årsplanen för %(year)d: syfte, "
                "målsättning och mötesorganisation (N3). %(state)s\n\nÅrsplanen: %(url)s"
            )
            % {**values, "state": state},
        )

    notify_in_their_language(
        coordinators,
        render=render,
        kind="year_plan_due",
        key=f"n3:{network.pk}:{year}:{step}",
        network=network,
    )


def contact_details_stale(person: Person, today: datetime.date, *, months: int) -> None:
    """N6: a person whose contact details have not been confirmed for `months` months is asked
    to confirm or correct them."""
    url = _url(reverse("people:me"))
    confirmed = person.contact_confirmed_on

    def render() -> tuple[str, str]:
        since = (
            _("Du bekräftade dem senast %(day)s.") % {"day": confirmed.isoformat()}
            if confirmed is not None
            else _("Du har inte bekräftat dem än.")
        )
        return (
            _("Bekräfta dina kontaktuppgifter"),
            _(
                "Kontaktuppgifterna till nätverkens medlemmar och samordnare ska vara aktuella "
                "(N6) och bekräftas minst var %(months)d:e månad. %(since)s\n\n"
                "Se över dem och bekräfta eller rätta: %(url)s"
            )
            % {"months": months, "since": since, "url": url},
        )

    notify_in_their_language(
        [person],
        render=render,
        kind=CONTACTS_KIND,
        key=CONTACTS_KEY.format(person=person.pk, day=today.isoformat()),
    )
