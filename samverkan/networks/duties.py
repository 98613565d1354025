"""The duties of Min sida (issue 16, point 4; people/duties.py) that the networks room knows:
what the stored verdicts say the networks one coordinates still need before the year (N3 the
year plan, CH2 the chairs, CO3 the business plan), and the invitations a management contact
is to answer for a municipality (S1). Two queries each, whatever the number of networks."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.compliance.models import StoredVerdict
from samverkan.compliance.registry import Status
from samverkan.cooperation.models import ManagementContact
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.duties import Duty
from samverkan.people.models import Person

# SPEC §2: done "before each calendar year"; the rules flag next year's duty from 1 November.
BEFORE_THE_YEAR = ("N3", "CH2", "CO3")
FROM_MONTH = 11


def _texts(rule_id: str, year: int) -> str:
    texts = {
        "N3": _("Anta årsplanen för %(year)s"),
        "CH2": _("Utse ordförande för %(year)s"),
        "CO3": _("Anta verksamhetsplanen för %(year)s"),
    }
    return texts[rule_id] % {"year": year}


def before_the_year(person: Person, today: datetime.date) -> list[Duty]:
    coordinated = Membership.objects.on(today).filter(
        person=person,
        role=Membership.Role.COORDINATOR,
        network__status__in=[Network.Status.STARTING, Network.Status.ACTIVE],
    )
    wanted = Q(year=today.year, status=Status.MISSING)
    if today.month >= FROM_MONTH:
        wanted |= Q(year=today.year + 1, status__in=[Status.MISSING, Status.WARNING])
    rows = (
        StoredVerdict.objects.filter(
            wanted,
            network__in=coordinated.values("network"),
            rule_id__in=BEFORE_THE_YEAR,
        )
        .select_related("network")
        .order_by("year", "network__name", "rule_id")
    )
    return [
        Duty(
            _texts(row.rule_id, row.year),
            row.fix_url or row.network.get_absolute_url(),
            datetime.date(row.year - 1, 12, 31),
            row.network.name,
        )
        for row in rows
    ]


def invitations_to_answer(person: Person) -> list[Duty]:
    """S1: the proposals a management contact is to answer for their municipality."""
    contacts = ManagementContact.objects.filter(person=person)
    if not contacts.exists():
        return []
    by_contact = Q(pk__in=[])
    for municipality_id, area_id in contacts.values_list("municipality_id", "area_id"):
        by_contact |= Q(municipality_id=municipality_id, network__area_id=area_id)
    open_ = (
        Participation.objects.filter(by_contact, invited_on__isnull=False, answer="")
        .filter(network__status__in=[Network.Status.PROPOSED, Network.Status.STARTING])
        .select_related("network", "municipality")
        .order_by("invited_on", "network__name")
    )
    return [
        Duty(
            _("Svara för %(municipality)s om deltagande i %(network)s")
            % {"municipality": p.municipality.name, "network": p.network.name},
            reverse("networks:progress", args=[p.network.slug]),
            None,
            p.network.name,
        )
        for p in open_
    ]
