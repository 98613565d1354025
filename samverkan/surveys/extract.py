"""Surveys in a person's register extract (issue 15 §1): the rounds the person was invited to
answer for a network, and their place in the municipal directors' group. What they answered is
not in it, and cannot be: responses are kept apart from invitations and hold nothing that
links them to a person (SPEC §3, §6); the extract says so."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.people.extract import day, extract_part
from samverkan.people.models import Person
from samverkan.surveys.models import DirectorsGroupMember, Invitation

RESPONSES_NOT_INCLUDED = _(
    "Enkätsvar finns inte med. Svaren sparas skilda från inbjudningarna och utan något som "
    "knyter dem till en person, så att ingen, inte heller sekretariatet, kan se vad en viss "
    "person har svarat. Därför kan de inte heller tas fram för ett registerutdrag."
)


@extract_part(
    "survey_invitations",
    _("Enkätinbjudningar"),
    order=90,
    labels={
        "round": _("Enkätomgång"),
        "network": _("För nätverk"),
        "opens_on": _("Öppnar"),
        "closes_on": _("Stänger"),
    },
    note=RESPONSES_NOT_INCLUDED,
)
def survey_invitations(person: Person) -> list[dict[str, Any]]:
    rows = (
        Invitation.objects.filter(person=person)
        .select_related("round", "network")
        .order_by("round__opens_on", "network__name", "pk")
    )
    return [
        {
            "round": i.round.title,
            "network": i.network.name,
            "opens_on": day(i.round.opens_on),
            "closes_on": day(i.round.closes_on),
        }
        for i in rows
    ]


@extract_part(
    "directors_group",
    _("Kommundirektörsgruppen"),
    order=92,
    labels={"added_on": _("Tillagd")},
)
def directors_group(person: Person) -> dict[str, Any]:
    member = DirectorsGroupMember.objects.filter(person=person).first()
    return {"added_on": day(member.added_on)} if member else {}
