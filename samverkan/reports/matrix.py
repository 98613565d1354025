"""The participation matrix (SPEC §5): municipalities × active networks, each cell saying
whether the municipality takes part, has left, or was invited and declined."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import Area, Municipality
from samverkan.networks.models import Network, Participation

PARTICIPATES = "participates"
LEFT = "left"
DECLINED = "declined"
INVITED = "invited"
NONE = "none"

LABELS = {
    PARTICIPATES: _("Deltar"),
    LEFT: _("Har lämnat"),
    DECLINED: _("Tackade nej"),
    INVITED: _("Inbjuden, inte svarat"),
    NONE: _("Deltar inte"),
}
# Colours with text symbols too, so that the picture does not rely on colour alone.
COLOURS = {
    PARTICIPATES: ("#1e6b34", "#ffffff", "●"),
    LEFT: ("#7a4d00", "#ffffff", "←"),
    DECLINED: ("#a4161a", "#ffffff", "✕"),
    INVITED: ("#fff1d1", "#1b1b1b", "?"),
    NONE: ("#eeeeee", "#4a4a4a", ""),
}


def cell_state(p: Participation | None, day: datetime.date) -> str:
    if p is None:
        return NONE
    if p.joined_on is not None and p.joined_on <= day:
        if p.left_on is not None and p.left_on < day:
            return LEFT
        return PARTICIPATES
    if p.answer == Participation.Answer.NO:
        return DECLINED
    if p.invited_on is not None:
        return INVITED
    return NONE


@dataclass
class Matrix:
    day: datetime.date
    municipalities: list[Municipality]
    networks: list[Network]
    cells: dict[tuple[int, int], str]  # (municipality_id, network_id) → state

    def rows(self) -> list[tuple[Municipality, list[str], int]]:
        out = []
        for m in self.municipalities:
            states = [self.cells.get((m.pk, n.pk), NONE) for n in self.networks]
            out.append((m, states, states.count(PARTICIPATES)))
        return out

    def network_counts(self) -> list[int]:
        return [
            sum(1 for m in self.municipalities if self.cells.get((m.pk, n.pk)) == PARTICIPATES)
            for n in self.networks
        ]

    def table_rows(self) -> list[tuple[Municipality, list[tuple[str, str]], int]]:
        """The rows with each cell's state and its words, so that a template needs no
        dictionary of labels beside the matrix (the yearly report's cells read "None" when
        its context's `labels`, the checklist's, stood in for them)."""
        return [
            (m, [(s, str(LABELS[s])) for s in states], count) for m, states, count in self.rows()
        ]

    def column_groups(self, size: int) -> list["MatrixPart"]:
        """The matrix cut into tables of at most `size` networks each, every one with the
        municipalities' names, so that a page of fixed width (the PDF) shows every column;
        the last part also has each municipality's count."""
        rows, counts = self.table_rows(), self.network_counts()
        starts = range(0, len(self.networks), size) if self.networks else range(0)
        return [
            MatrixPart(
                first=start + 1,
                through=min(start + size, len(self.networks)),
                networks=self.networks[start : start + size],
                rows=[(m, cells[start : start + size], count) for m, cells, count in rows],
                counts=counts[start : start + size],
                last=start + size >= len(self.networks),
            )
            for start in starts
        ]


@dataclass
class MatrixPart:
    """One table of the matrix cut by columns: networks `first` to `through` of the whole."""

    first: int
    through: int
    networks: list[Network]
    rows: list[tuple[Municipality, list[tuple[str, str]], int]]
    counts: list[int]
    last: bool


def participation_matrix(day: datetime.date, *, area: str = "") -> Matrix:
    """Three queries whatever the size."""
    networks = Network.objects.filter(status=Network.Status.ACTIVE).select_related("area")
    if area:
        networks = networks.filter(area__slug=area)
    nets = list(networks.order_by("name"))
    munis = list(Municipality.objects.members_on(day).order_by("name"))
    cells = {}
    for p in Participation.objects.filter(network__in=nets):
        cells[(p.municipality_id, p.network_id)] = cell_state(p, day)
    return Matrix(day=day, municipalities=munis, networks=nets, cells=cells)


def matrix_table(matrix: Matrix) -> tuple[list[str], list[list[str]]]:
    header = [str(_("Kommun")), *[n.name for n in matrix.networks], str(_("Antal nätverk"))]
    rows = [
        [m.name, *[str(LABELS[s]) for s in states], str(count)]
        for m, states, count in matrix.rows()
    ]
    return header, rows


@dataclass
class AreaMatrix:
    """The participation matrix folded by area (issue 17): for a cooperation too large to draw
    network by network, municipalities × areas, each cell the number of the area's active
    networks the municipality takes part in. SQL aggregates; its size does not grow with the
    number of networks."""

    day: datetime.date
    municipalities: list[Municipality]
    areas: list[Area]
    cells: dict[tuple[int, int], int]  # (municipality_id, area_id) → networks taken part in
    networks: dict[int, int]  # area_id → its active networks

    def rows(self) -> list[tuple[Municipality, list[int]]]:
        return [
            (m, [self.cells.get((m.pk, a.pk), 0) for a in self.areas]) for m in self.municipalities
        ]


def area_participation(day: datetime.date, *, area: str = "") -> AreaMatrix:
    """Four queries whatever the size: two GROUP BY, the areas, the member municipalities."""
    active = Network.objects.filter(status=Network.Status.ACTIVE)
    if area:
        active = active.filter(area__slug=area)
    networks = dict(
        active.values("area_id").annotate(n=Count("pk")).order_by().values_list("area_id", "n")
    )
    taking_part = (
        Participation.objects.filter(network__in=active, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .values("municipality_id", "network__area_id")
        .annotate(n=Count("network_id", distinct=True))
        .order_by()
    )
    cells = {(r["municipality_id"], r["network__area_id"]): r["n"] for r in taking_part}
    return AreaMatrix(
        day=day,
        municipalities=list(Municipality.objects.members_on(day).order_by("name")),
        areas=list(Area.objects.filter(pk__in=list(networks)).order_by("name")),
        cells=cells,
        networks=networks,
    )
