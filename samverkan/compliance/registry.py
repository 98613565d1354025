"""The rule registry: one function per rule of SPEC §2, keyed by its ID.

A rule reads a prepared snapshot (compliance/snapshot.py) and never queries the database, so
that checking 2,000 networks costs the same few queries as checking one."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from samverkan.compliance.snapshot import NetworkFacts, Snapshot


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


STATUS_LABELS = {
    Status.OK: _("Uppfylld"),
    Status.WARNING: _("Varning"),
    Status.MISSING: _("Saknas"),
    Status.NOT_APPLICABLE: _("Ej tillämplig"),
}


@dataclass(frozen=True)
class Verdict:
    rule_id: str
    status: Status
    explanation: str
    fix_url: str = ""

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def as_dict(self) -> dict[str, str]:
        return {
            "verdict": self.status.value,
            "explanation": self.explanation,
            "fix_url": self.fix_url,
        }


RuleFunc = Callable[["NetworkFacts", "Snapshot"], Verdict]


@dataclass(frozen=True)
class Rule:
    id: str
    title: StrOrPromise
    func: RuleFunc
    do_not_call_in_templates = True

    def __call__(self, facts: "NetworkFacts", snapshot: "Snapshot") -> Verdict:
        return self.func(facts, snapshot)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: StrOrPromise) -> Callable[[RuleFunc], RuleFunc]:
    """Register a check under its SPEC rule ID."""

    def decorate(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(id=rule_id, title=title, func=func)
        return func

    return decorate


def as_of_for_year(year: int, today: datetime.date) -> datetime.date:
    """The day a year is judged on: today for this year, its last day for a past one, its
    first day for a coming one."""
    if year == today.year:
        return today
    if year < today.year:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1)
