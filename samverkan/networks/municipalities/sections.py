"""The municipality page's own sections (SPEC §5); costs, meetings and others add theirs from
their rooms' sections.py."""

from samverkan.core.plugins import section
from samverkan.networks.municipalities import views

section("municipality", "networks", "municipalities/_networks.html", order=10)(views._networks)
section("municipality", "consultations", "municipalities/_consultations.html", order=20)(
    views._consultations
)
section("municipality", "people", "municipalities/_people.html", order=30)(views._people)
section("municipality", "contacts", "municipalities/_contacts.html", order=40)(views._contacts)
