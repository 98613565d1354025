"""Actions on the cooperation, its municipalities and their population figures."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.cooperation.population import (
    LineError,
    PopulationFile,
    PopulationFileError,
    PopulationRow,
    Source,
    normal_name,
    read_population,
)
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
    form: str = ""
    source_file: str = ""
    notices: list[str] = field(default_factory=list)
    # Codes the register does not know, left aside with --skip-unknown: "1280 Malmö".
    skipped: list[str] = field(default_factory=list)
    # Names that differ from the register's, accepted with --accept-names.
    names_differing: list[str] = field(default_factory=list)
    # (reference date, table, source) → number of figures, for the report.
    figures: dict[tuple[datetime.date, str, str], int] = field(default_factory=dict)

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
        lines = [text]
        if self.form:
            lines.append(_("Läst som: %(form)s.") % {"form": self.form})
        for (day, table, source), n in sorted(self.figures.items()):
            values = {"date": day.isoformat(), "table": table, "n": n, "source": source}
            if table:
                line = _(
                    "Folkmängd per %(date)s: %(n)d kommuner, tabell %(table)s, källa: %(source)s."
                )
            else:
                line = _("Folkmängd per %(date)s: %(n)d kommuner, källa: %(source)s.")
            lines.append(line % values)
        lines += self.notices
        if self.skipped:
            lines.append(
                _("Okända kommunkoder som hoppades över: %(codes)s.")
                % {"codes": ", ".join(self.skipped)}
            )
        if self.names_differing:
            lines.append(
                _("Namn som skiljer sig från registrets (registrets namn behålls): %(names)s.")
                % {"names": "; ".join(self.names_differing)}
            )
        return "\n".join(lines)


def unique_municipality_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:90] or "kommun"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def source_name(source: Source) -> str:
    """The file's name, to keep with each figure it gives."""
    if isinstance(source, str | Path):
        return Path(source).name[:255]
    name = getattr(source, "name", "")
    return Path(name).name[:255] if isinstance(name, str) and name else ""


def import_population(
    actor: Any,
    source: Source,
    *,
    dry_run: bool = False,
    accept_names: bool = False,
    skip_unknown: bool = False,
    file_name: str = "",
) -> PopulationImport:
    """Read population figures, in the register's CSV form (code, name, population,
    population_date, population_source) or as SCB's Statistikdatabasen gives table BE0101N1
    (CSV, JSON-stat, PxWeb JSON), and add or correct the figure per municipality and date,
    keeping with each its table, reference date, source, file and import time.

    The register's CSV may add municipalities not yet known (not members until the
    secretariat says so). An SCB file is statistics, not the register: a code the register
    does not know is an error (or, with `skip_unknown`, left aside and listed). A name that is
    not the register's name for its code is an error (or, with `accept_names`, listed; the
    register keeps its name). The file is checked whole first; a bad file raises
    PopulationFileError naming every bad line and nothing is written.

    `actor` None is the system (a management command); a user must be the secretariat."""
    if actor is not None:
        require_secretariat(actor)
    register = list(Municipality.objects.all())
    parsed = read_population(source, register_names={normal_name(m.name): m.code for m in register})
    known = {m.code: m for m in register}
    result = PopulationImport(
        dry_run=dry_run,
        form=parsed.form,
        source_file=(file_name or source_name(source))[:255],
        notices=list(parsed.notices),
    )
    errors, hints = list(parsed.errors), list[str]()
    rows = check_against_register(parsed, known, result, errors, hints, accept_names, skip_unknown)
    if errors:
        raise PopulationFileError(errors, form=parsed.form, hints=hints)
    now = timezone.now()
    with transaction.atomic(), acting(actor, "import_population"):
        codes = {r.code for r in rows}
        figures = {
            (f.municipality_id, f.date): f
            for f in PopulationFigure.objects.filter(municipality__code__in=codes)
        }
        taken = {m.slug for m in register}
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
            apply_figure(row, municipality, figures, result, dry_run=dry_run, now=now)
            key = (row.date, row.table, row.source)
            result.figures[key] = result.figures.get(key, 0) + 1
    return result


def check_against_register(
    parsed: PopulationFile,
    known: dict[str, Municipality],
    result: PopulationImport,
    errors: list[LineError],
    hints: list[str],
    accept_names: bool,
    skip_unknown: bool,
) -> list[PopulationRow]:
    """The rows to write: an SCB file's codes must be the register's; every name must be the
    register's name for its code. What is wrong is added to `errors`."""
    rows: list[PopulationRow] = []
    unknown: dict[str, str] = {}
    names_wrong: set[str] = set()
    for row in parsed.rows:
        municipality = known.get(row.code)
        if municipality is None and parsed.from_scb:
            label = f"{row.code} {row.name}".strip()
            if row.code not in unknown and not skip_unknown:
                # Once per code, at its first row (a row per year would repeat it).
                errors.append(
                    LineError(
                        row.line,
                        _("kommunkoden %(code)s finns inte i registret (%(label)s).")
                        % {"code": row.code, "label": label},
                        row.where.rsplit(", ", 1)[0] if row.where else "",
                    )
                )
            unknown.setdefault(row.code, label)
            continue
        if (
            municipality is not None
            and row.name
            and normal_name(row.name) != normal_name(municipality.name)
        ):
            difference = _("%(code)s heter ”%(known)s” i registret men ”%(name)s” i filen") % {
                "code": row.code,
                "known": municipality.name,
                "name": row.name,
            }
            if not accept_names:
                if row.code not in names_wrong:
                    where = row.where.rsplit(", ", 1)[0] if row.where else ""
                    errors.append(LineError(row.line, difference + ".", where))
                names_wrong.add(row.code)
                continue
            if difference not in result.names_differing:
                result.names_differing.append(difference)
        rows.append(row)
    if skip_unknown:
        result.skipped = list(unknown.values())
    elif unknown:
        hints.append(
            _(
                "Kommunerna läggs in i registret med data/municipalities.csv (eller i "
                "administrationen). Med --skip-unknown hoppas okända koder över."
            )
        )
    if names_wrong:
        hints.append(
            _(
                "Rätta namnet i filen eller i registret. Med --accept-names importeras "
                "folkmängden ändå och registrets namn behålls."
            )
        )
    if not parsed.names_given:
        result.notices.append(
            _("Filen anger bara kommunkoder, inga namn; namnen kunde inte jämföras.")
        )
    return rows


def apply_figure(
    row: PopulationRow,
    municipality: Municipality,
    figures: dict[tuple[int, datetime.date], PopulationFigure],
    result: PopulationImport,
    *,
    dry_run: bool,
    now: datetime.datetime,
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
                table=row.table,
                period=row.period,
                source_file=result.source_file,
                imported_at=now,
            )
    elif (figure.population, figure.source, figure.table, figure.period) == (
        row.population,
        row.source,
        row.table,
        row.period,
    ):
        result.unchanged += 1
    else:
        result.updated += 1
        if not dry_run:
            figure.population = row.population
            figure.source = row.source
            figure.table = row.table
            figure.period = row.period
            figure.source_file = result.source_file
            figure.imported_at = now
            figure.save(
                update_fields=[
                    "population",
                    "source",
                    "table",
                    "period",
                    "source_file",
                    "imported_at",
                ]
            )
