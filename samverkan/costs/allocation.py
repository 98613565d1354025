"""PR2: sharing a cost between municipalities in whole öre by the largest-remainder method.

Pure arithmetic on integers, so that the same input always gives the same allocation whatever
the order it comes in: each party first gets the floor of its exact share, and the öre left
over go one each to the largest fractional remainders; ties go to the larger population, then
to the lower municipality code. The shares always add up to the amount exactly."""

from collections.abc import Sequence
from dataclasses import dataclass


class AllocationImpossible(ValueError):
    """The parties cannot carry the cost (none at all, or a total weight of zero)."""


@dataclass(frozen=True)
class Party:
    """One municipality taking a share: its code, its weight and its population (tie-break).

    `weight` is the population when sharing by population and 1 when sharing equally."""

    code: str
    weight: int
    population: int = 0


def allocate(amount_ore: int, parties: Sequence[Party]) -> dict[str, int]:
    """Share `amount_ore` (an int, ≥ 0) between `parties`; returns öre per municipality code."""
    if not isinstance(amount_ore, int) or isinstance(amount_ore, bool):
        raise TypeError("amount_ore must be an int")
    if amount_ore < 0:
        raise ValueError("amount_ore must not be negative; a credit negates its original")
    codes = [p.code for p in parties]
    if len(set(codes)) != len(codes):
        raise ValueError("a municipality may take part only once")
    if any(p.weight < 0 for p in parties):
        raise ValueError("weights must not be negative")
    total = sum(p.weight for p in parties)
    if total == 0:
        raise AllocationImpossible("no party with a weight to carry the cost")
    # Exact share = amount·w / total; floor and remainder numerator in integers (no floats).
    floors: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for p in parties:
        floors[p.code], remainders[p.code] = divmod(amount_ore * p.weight, total)
    leftover = amount_ore - sum(floors.values())
    order = sorted(parties, key=lambda p: (-remainders[p.code], -p.population, p.code))
    for p in order[:leftover]:
        floors[p.code] += 1
    return {p.code: floors[p.code] for p in sorted(parties, key=lambda p: p.code)}
