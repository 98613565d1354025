"""The agreements room's part of a person's register extract (issue 15 §1): mandates (F3),
working groups (F4), onboarding tasks (PR3) and chairs (CH2)."""

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from samverkan.agreements.models import ChairMunicipality, Mandate, OnboardingTask, WorkingGroup
from samverkan.people.extract import day, extract_part, history_subjects
from samverkan.people.models import Person


@extract_part(
    "mandates",
    _("Uppdrag att företräda kommunerna"),
    order=60,
    labels={
        "network": _("Nätverk"),
        "arena": _("Arena"),
        "matter": _("Fråga"),
        "organisation": _("Organisation"),
        "represents": _("Företräder"),
        "start_on": _("Från"),
        "end_on": _("Till"),
    },
)
def mandates(person: Person) -> list[dict[str, Any]]:
    rows = (
        Mandate.objects.filter(people=person)
        .select_related("network", "matter", "organisation")
        .prefetch_related("represents")
        .order_by("start_on", "pk")
    )
    return [
        {
            "network": m.network.name,
            "arena": m.arena,
            "matter": m.matter.title if m.matter else "",
            "organisation": m.organisation.name if m.organisation else "",
            "represents": sorted(muni.name for muni in m.represents.all()),
            "start_on": day(m.start_on),
            "end_on": day(m.end_on),
        }
        for m in rows
    ]


@extract_part(
    "working_groups",
    _("Arbetsgrupper"),
    order=62,
    labels={
        "network": _("Nätverk"),
        "name": _("Arbetsgrupp"),
        "is_contact": _("Kontaktperson"),
        "is_member": _("Deltagare"),
        "start_on": _("Från"),
        "end_on": _("Till"),
    },
)
def working_groups(person: Person) -> list[dict[str, Any]]:
    rows = (
        WorkingGroup.objects.filter(Q(contact=person) | Q(members=person))
        .distinct()
        .select_related("network")
        .order_by("network__name", "name", "pk")
    )
    member_of = set(person.working_groups.order_by().values_list("pk", flat=True))
    return [
        {
            "network": g.network.name,
            "name": g.name,
            "is_contact": g.contact_id == person.pk,
            "is_member": g.pk in member_of,
            "start_on": day(g.start_on),
            "end_on": day(g.end_on),
        }
        for g in rows
    ]


@extract_part(
    "onboarding",
    _("Introduktion av nya kollegor"),
    order=64,
    labels={
        "network": _("Nätverk"),
        "as": _("Som"),
        "new_member": _("Ny medlem"),
        "created_on": _("Skapad"),
        "due_on": _("Senast"),
        "done_on": _("Klar"),
    },
)
def onboarding(person: Person) -> list[dict[str, Any]]:
    rows = (
        OnboardingTask.objects.filter(Q(membership__person=person) | Q(representative=person))
        .select_related("network", "membership__person")
        .order_by("created_on", "pk")
    )
    return [
        {
            "network": t.network.name,
            "as": str(
                _("Ny medlem")
                if t.membership.person_id == person.pk
                else _("Introduktionsansvarig")
            ),
            # The new member's name only where the person is the one who introduces them.
            "new_member": t.membership.person.name if t.membership.person_id != person.pk else "",
            "created_on": day(t.created_on),
            "due_on": day(t.due_on),
            "done_on": day(t.done_on),
        }
        for t in rows
    ]


@extract_part(
    "chairs",
    _("Ordförandeskap"),
    order=66,
    labels={
        "network": _("Nätverk"),
        "year": _("Från år"),
        "term_years": _("Antal år"),
        "municipality": _("För kommun"),
        "appointed_on": _("Utsedda"),
    },
)
def chairs(person: Person) -> list[dict[str, Any]]:
    rows = (
        ChairMunicipality.objects.filter(person=person)
        .select_related("chairmanship__network", "municipality")
        .order_by("chairmanship__year", "pk")
    )
    return [
        {
            "network": c.chairmanship.network.name,
            "year": c.chairmanship.year,
            "term_years": c.chairmanship.term_years,
            "municipality": c.municipality.name,
            "appointed_on": day(c.chairmanship.appointed_on),
        }
        for c in rows
    ]


@history_subjects
def agreement_rows(person: Person) -> list[tuple[type[Model], list[int]]]:
    tasks = (
        OnboardingTask.objects.filter(membership__person=person)
        .order_by()
        .values_list("pk", flat=True)
    )
    chair_rows = (
        ChairMunicipality.objects.filter(person=person).order_by().values_list("pk", flat=True)
    )
    return [(OnboardingTask, list(tasks)), (ChairMunicipality, list(chair_rows))]
