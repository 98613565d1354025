"""The demo's people: invented names, addresses and phone numbers, registered and confirmed
through the people services, as a coordinator adding a member and the person confirming their
contact details (N6) would."""

import datetime
import random
from typing import Any

from django.utils.text import slugify

from samverkan.cooperation.models import Municipality
from samverkan.demo import data
from samverkan.people.models import Person, User
from samverkan.people.services import confirm_contact_details, find_or_create_person


def secretariat() -> User:
    """The secretariat's demo login: the one who acts throughout the demo."""
    return User.objects.get(email=data.LOGINS[0][0])


class People:
    def __init__(self, actor: Any, rng: random.Random, today: datetime.date) -> None:
        self.actor = actor
        self.rng = rng
        self.today = today
        self.emails: set[str] = set()

    def email_for(self, name: str, domain: str) -> str:
        local = ".".join(slugify(part) for part in name.split())
        email, n = f"{local}@{domain}", 2
        while email in self.emails:
            email, n = f"{local}{n}@{domain}", n + 1
        self.emails.add(email)
        return email

    def phone_for(self, municipality: Municipality | None) -> str:
        prefix = data.PHONE_PREFIX.get(municipality.name, "040") if municipality else "040"
        digits = f"{self.rng.randint(100000, 999999)}"
        return f"{prefix}-{digits[:2]} {digits[2:4]} {digits[4:]}"

    def confirmed(self, *, stale: bool = False) -> datetime.date:
        """When the details were last confirmed: within the year, or long ago (N6 warning)."""
        days = self.rng.randint(400, 800) if stale else self.rng.randint(5, 320)
        return self.today - datetime.timedelta(days=days)

    def add(
        self,
        title: str,
        municipality: Municipality | None,
        *,
        unit: str = "",
        name: str | None = None,
        email: str | None = None,
        stale: bool = False,
        without_email: bool = False,
    ) -> Person:
        """Register a person and confirm their details on an invented day; `without_email`
        removes the address on confirming (N6: nobody can reach them)."""
        name = name or self.name()
        email = email or self.email_in(name, municipality)
        person = find_or_create_person(
            self.actor, email=email, name=name, title=title, municipality=municipality
        )
        return self.confirm(person, unit=unit, stale=stale, without_email=without_email)

    def unsaved(
        self,
        title: str,
        municipality: Municipality | None,
        *,
        stale: bool = False,
        without_email: bool = False,
    ) -> Person:
        """A person as `add` would register and confirm them, not yet saved: for direct.members,
        or for `register`."""
        name = self.name()
        email = self.email_in(name, municipality)
        return Person(
            name=name,
            title=title,
            municipality=municipality,
            email="" if without_email else email,
            phone=self.phone_for(municipality),
            contact_confirmed_on=self.confirmed(stale=stale),
        )

    def name(self) -> str:
        return f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"

    def email_in(self, name: str, municipality: Municipality | None) -> str:
        domain = f"{slugify(municipality.name)}.example.se" if municipality else "skane.example.se"
        return self.email_for(name, domain)

    def register(self, person: Person) -> Person:
        """Register an unsaved person and confirm their details, through the services."""
        registered = find_or_create_person(
            self.actor,
            email=person.email,
            name=person.name,
            title=person.title,
            municipality=person.municipality,
        )
        return confirm_contact_details(
            self.actor,
            registered,
            phone=person.phone,
            email=person.email,
            today=person.contact_confirmed_on or self.today,
        )

    def confirm(
        self, person: Person, *, unit: str = "", stale: bool = False, without_email: bool = False
    ) -> Person:
        return confirm_contact_details(
            self.actor,
            person,
            unit=unit,
            phone=self.phone_for(person.municipality),
            email="" if without_email else None,
            today=self.confirmed(stale=stale),
        )
