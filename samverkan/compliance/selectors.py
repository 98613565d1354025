"""Verdicts for many networks at once, from one snapshot.

Compliance sits below the domains (README, "Architecture"): it knows rules, verdicts and the
snapshot, not what a network is. Each room registers its rules and loaders in its rules.py."""

import datetime
import gc
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from samverkan.compliance.registry import RULES, Rule, Status, Verdict
from samverkan.compliance.snapshot import build_snapshot


@dataclass
class AnyVerdicts:
    network: Any
    verdicts: dict[str, Verdict]


# SPEC §2's order: the checklist, starting, closing, taking part, support, then the agreement's.
SPEC_ORDER = [
    "N1", "N2", "N3", "N4", "N5", "N6", "S1", "S2", "S3", "S4", "C1", "P1", "P2", "P3", "P4",
    "ST1", "ST2", "F1", "F2", "F3", "F4", "PR1", "PR2", "PR3", "CH1", "CH2", "CH3", "CO1",
    "CO2", "CO3",
]  # fmt: skip


def registered_rules() -> list[Rule]:
    def position(rule: Rule) -> tuple[int, str]:
        first = rule.id.split("/")[0]
        return (SPEC_ORDER.index(first) if first in SPEC_ORDER else len(SPEC_ORDER), rule.id)

    return sorted(RULES.values(), key=position)


def evaluate(
    networks: QuerySet[Any] | list[Any],
    as_of: datetime.date,
    *,
    rule_ids: list[str] | None = None,
) -> list[AnyVerdicts]:
    """Run every registered rule (or those named) on every network, with a constant number of
    queries whatever the number of networks."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return evaluate_in(networks, as_of, [language], rule_ids=rule_ids)[language]


def evaluate_in(
    networks: QuerySet[Any] | list[Any],
    as_of: datetime.date,
    languages: list[str],
    *,
    rule_ids: list[str] | None = None,
) -> dict[str, list[AnyVerdicts]]:
    """evaluate() in each of `languages`, from one snapshot: the loaders gather facts, never
    words (a rule renders its explanation in the active language), so the stored verdicts'
    two languages cost one snapshot, not two (issue 17: half of one network's evaluation)."""
    if isinstance(networks, QuerySet):
        networks = list(networks.select_related("area"))
    # Tens of thousands of short-lived objects for a large cooperation: the cyclic garbage
    # collector would walk them again and again while they are built (about 1 s of 5 for
    # 2,000 networks, bench/README.md); it runs once afterwards instead.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        snapshot = build_snapshot(networks, as_of, stale_months=settings.CONTACTS_STALE_MONTHS)
        chosen = [RULES[i] for i in rule_ids] if rule_ids else registered_rules()
        out: dict[str, list[AnyVerdicts]] = {}
        for language in languages:
            with translation.override(language):
                out[language] = [
                    AnyVerdicts(network=f.network, verdicts={r.id: r(f, snapshot) for r in chosen})
                    for f in snapshot.networks
                ]
        return out
    finally:
        if gc_was_enabled:
            gc.enable()


def summary(results: list[AnyVerdicts]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in results:
        for rule_id, verdict in row.verdicts.items():
            counts = out.setdefault(rule_id, {s.value: 0 for s in Status})
            counts[verdict.status.value] += 1
    return out


def verdicts_document(
    results: list[AnyVerdicts], year: int, as_of: datetime.date
) -> dict[str, Any]:
    """The JSON document of `manage.py compliance --format json` and of the API, keyed by
    network slug and rule ID; one function so that the two never drift apart."""
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "networks": {
            r.network.slug: {
                "name": r.network.name,
                "status": r.network.status,
                "rules": {rule_id: v.as_dict() for rule_id, v in r.verdicts.items()},
            }
            for r in results
        },
    }
