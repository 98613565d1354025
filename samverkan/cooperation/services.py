"""Actions on the cooperation, its municipalities and their population figures."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.cooperation.population import PopulationRow, Source, parse_population
from samverkan.history.context import acting
from samverkan.people.access import require_secretariat


@dataclass
class PopulationImport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool = False
    municipalities_created: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        text = _(
            "Kommuner: %(munis)d nya. Folkmängder: %(created)d nya, %(updated)d ändrade, "
            "%(unchanged)d oförändrade."
        ) % {
            "munis": len(self.municipalities_created),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.municipalities_created:
            text += " " + _("Nya kommuner: %(names)s.") % {
                "names": ", ".join(self.municipalities_created)
            }
        if self.dry_run:
            text += " " + _("Provkörning: ingenting har sparats.")
        return text


def unique_municipality_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:90] or "kommun"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def import_population(actor: Any, source: Source, *, dry_run: bool = False) -> PopulationImport:
    """Read SCB population figures (code, name, population, population_date,
    population_source): add municipalities not yet known (not members until the secretariat
    says so) and add or correct the figure per municipality and date. The file is checked
    whole first; a bad file raises PopulationFileError and nothing is written.

    `actor` None is the system (a management command); a user must be the secretariat."""
    if actor is not None:
        require_secretariat(actor)
    rows = parse_population(source)
    result = PopulationImport(dry_run=dry_run)
    with transaction.atomic(), acting(actor, "import_population"):
        codes = {r.code for r in rows}
        known = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        figures = {
            (f.municipality_id, f.date): f
            for f in PopulationFigure.objects.filter(municipality__code__in=codes)
        }
        taken = set(Municipality.objects.values_list("slug", flat=True))
        for row in rows:
            municipality = known.get(row.code)
            if municipality is None:
                municipality = Municipality(
                    code=row.code, name=row.name, slug=unique_municipality_slug(row.name, taken)
                )
                if not dry_run:
                    municipality.save()
                known[row.code] = municipality
                result.municipalities_created.append(row.name)
            apply_figure(row, municipality, figures, result, dry_run=dry_run)
    return result


def apply_figure(
    row: PopulationRow,
    municipality: Municipality,
    figures: dict[tuple[int, datetime.date], PopulationFigure],
    result: PopulationImport,
    *,
    dry_run: bool,
) -> None:
    figure = figures.get((municipality.pk, row.date)) if municipality.pk else None
    if figure is None:
        result.created += 1
        if not dry_run:
            PopulationFigure.objects.create(
                municipality=municipality,
                date=row.date,
                population=row.population,
                source=row.source,
            )
    elif figure.population == row.population and figure.source == row.source:
        result.unchanged += 1
    else:
        result.updated += 1
        if not dry_run:
            figure.population = row.population
            figure.source = row.source
            figure.save(update_fields=["population", "source"])
