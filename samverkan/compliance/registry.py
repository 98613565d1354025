"""The rule registry: one function per rule of SPEC §2, keyed by its ID.

A rule reads a prepared snapshot (compliance/snapshot.py) and never queries the database, so
that checking 2,000 networks costs the same few queries as checking one.

Rules run tens of thousands of times for a large cooperation, so the work that is the same for
every network is done once (issue 17 §3, bench/README.md): `text()` renders a message once per
evaluation, `fix_url()` reverses a URL name once and fills the slug in, and `not_applicable()`
hands out one shared verdict per rule and explanation."""

import datetime
import functools
import re
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, gettext
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
        # The evaluation's memo (see per_evaluation): one per snapshot and language, looked up
        # on each call so that a language switched between two calls is still honoured.
        memos = snapshot.extra.setdefault(_MEMOS, {})
        token = _memo.set(memos.setdefault(get_language(), {}))
        try:
            return self.func(facts, snapshot)
        finally:
            _memo.reset(token)


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


# ---- work done once per evaluation --------------------------------------------------------------

_MEMOS = "registry.memos"
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("compliance_memo", default=None)


def per_evaluation[T](func: Callable[..., T]) -> Callable[..., T]:
    """Decorate a function whose result depends only on its (hashable, positional) arguments
    and the active language: while a rule runs, it is computed once per evaluation (snapshot)
    and language; outside a rule it is simply called."""

    @functools.wraps(func)
    def once(*args: Hashable) -> T:
        memo = _memo.get()
        if memo is None:
            return func(*args)
        key = (func, args)
        try:
            value: T = memo[key]
        except KeyError:
            value = memo[key] = func(*args)
        return value

    return once


@per_evaluation
def text(message: str) -> str:
    """gettext(message), rendered once per evaluation: give the constant message and format
    the result (`text("... %(n)d ...") % {"n": n}`), never an already formatted string.
    Rules import it as `_`, so makemessages still finds the message."""
    return gettext(message)


# ---- the shared "not applicable" verdicts -------------------------------------------------------

_NOT_APPLICABLE: dict[tuple[str, str, str], Verdict] = {}
# Explanations carry at most a year or a status, never a name; a verdict that links to the
# network's own page is not shared (the link differs per network).
_NOT_APPLICABLE_MAX = 4096


def not_applicable(rule_id: str, explanation: str, fix_url: str = "") -> Verdict:
    """The one "not applicable" verdict of this rule with this explanation: most networks of a
    large cooperation get the same few, and a verdict is immutable, so it is shared."""
    key = (rule_id, explanation, fix_url)
    verdict = _NOT_APPLICABLE.get(key)
    if verdict is None:
        if len(_NOT_APPLICABLE) >= _NOT_APPLICABLE_MAX:
            _NOT_APPLICABLE.clear()
        verdict = _NOT_APPLICABLE[key] = Verdict(
            rule_id, Status.NOT_APPLICABLE, explanation, fix_url
        )
    return verdict


# ---- fix links: reverse() once per URL name ------------------------------------------------------

# A reversed URL with digit-only stand-ins, which every path converter of Django's (str, slug,
# int, path) accepts and passes through unchanged; each stand-in is then replaced by %(name)s.
_STAND_IN = "90817{:02d}36"
_PLAIN = re.compile(r"[-A-Za-z0-9_]+").fullmatch  # needs no quoting; a slug converter takes it
_DIGITS = re.compile(r"[0-9]+").fullmatch


@dataclass(frozen=True)
class _UrlTemplate:
    pattern: str  # "/natverk/%(slug)s/arsplan/%(year)s/", "%" of the URL itself doubled
    letters: dict[str, bool]  # parameter → its converter takes letters (slug), not only digits


_URL_TEMPLATES: dict[tuple[object, ...], _UrlTemplate | None] = {}


def _reverse_template(name: str, params: tuple[str, ...]) -> _UrlTemplate | None:
    """The name's URL as a pattern, or None to leave the name to reverse() (a converter that
    refuses the stand-ins or changes them, or a name with several patterns to choose from)."""
    stand_ins = {p: _STAND_IN.format(i) for i, p in enumerate(params)}
    try:
        url = reverse(name, kwargs=stand_ins)
    except NoReverseMatch:
        return None
    if any(url.count(s) != 1 for s in stand_ins.values()):
        return None
    pattern = url.replace("%", "%%")
    for p, s in stand_ins.items():
        pattern = pattern.replace(s, f"%({p})s")
    letters = {}
    for p in params:
        probe = {**stand_ins, p: "x" + stand_ins[p]}
        try:
            probed = reverse(name, kwargs=probe)
        except NoReverseMatch:
            letters[p] = False  # this parameter takes digits only
            continue
        if probed != pattern % probe:
            return None  # letters lead to another of the name's patterns
        letters[p] = True
    return _UrlTemplate(pattern, letters)


@per_evaluation
def _template(name: str, params: tuple[str, ...]) -> _UrlTemplate | None:
    # The resolver (replaced when the URLconf changes) and the script prefix are part of the
    # key, as they are of reverse()'s answer; both stay put during one evaluation (a request).
    key = (get_resolver(get_urlconf()), get_script_prefix(), name, params)
    try:
        return _URL_TEMPLATES[key]
    except KeyError:
        template = _URL_TEMPLATES[key] = _reverse_template(name, params)
        return template


def fix_url(name: str, /, **kwargs: str | int) -> str:
    """reverse(name, kwargs=kwargs), with the URL name reversed once and the values filled in.
    Values that would need quoting, or that the converter may refuse, go to reverse() itself,
    so the answer (or the NoReverseMatch) is always reverse()'s."""
    template = _template(name, tuple(kwargs))
    if template is not None:
        values = {}
        for param, value in kwargs.items():
            value_text = str(value)
            if not (_PLAIN(value_text) if template.letters[param] else _DIGITS(value_text)):
                break
            values[param] = value_text
        else:
            return template.pattern % values
    return reverse(name, kwargs=kwargs)


@receiver(setting_changed)
def _forget_url_templates(*, setting: str, **kwargs: object) -> None:
    if setting == "ROOT_URLCONF":
        _URL_TEMPLATES.clear()
