"""A history with no holes (SPEC §6 "every change in the history"; issue 13, part 6).

Every model, the libraries' included, is recorded or exempt with its reason in
samverkan/history/coverage.py; so is every field of a recorded model, and every write that
sends no model signal. Survey invitations and answers are never recorded (P4/ST2)."""

import ast
import datetime
from pathlib import Path

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings

from samverkan.history import coverage
from samverkan.history.models import HistoryEntry
from samverkan.surveys import services as surveys

ROOT = Path(settings.BASE_DIR) / "samverkan"
SIGNAL_FREE = {"update", "bulk_create", "bulk_update"}


def test_every_model_is_recorded_or_exempt_with_a_reason():
    assert coverage.holes() == []
    reasons = [
        *coverage.EXEMPT_MODELS.values(),
        *coverage.EXEMPT_APPS.values(),
        *coverage.UNRECORDED_FIELDS.values(),
        *coverage.BULK_WRITES.values(),
    ]
    assert all(len(reason.strip()) > 15 for reason in reasons)


@pytest.mark.parametrize(
    "label",
    [
        "people.User",  # superuser and staff (full secretariat rights), groups, permissions
        "auth.Group",
        "cooperation.Area",
        "account.EmailAddress",
        "mfa.Authenticator",
        "socialaccount.SocialAccount",
        "costs.Allocation",
    ],
)
def test_the_models_that_had_no_history_have_one_now(label):
    assert auditlog.contains(apps.get_model(label))


def test_rights_of_an_account_are_recorded_fields_and_all():
    user = apps.get_model("people.User")
    assert coverage.unrecorded_fields(user) == ["last_login"]


def test_a_model_neither_recorded_nor_exempt_is_named(monkeypatch):
    """The check can fail: take Area out of the history and it is named as a hole."""
    area = apps.get_model("cooperation.Area")
    monkeypatch.delitem(auditlog._registry, area)
    assert coverage.holes() == [
        "cooperation.Area is neither recorded (audit.py) nor exempt (EXEMPT_MODELS)"
    ]


def test_a_field_left_out_without_a_reason_is_named(monkeypatch):
    user = apps.get_model("people.User")
    options = {**auditlog._registry[user], "exclude_fields": ["last_login", "is_superuser"]}
    monkeypatch.setitem(auditlog._registry, user, options)
    assert coverage.holes() == [
        "people.User.is_superuser is left out of the history without a reason"
    ]


def test_a_many_to_many_field_not_recorded_is_named(monkeypatch):
    user = apps.get_model("people.User")
    options = {**auditlog._registry[user], "m2m_fields": {"user_permissions"}}
    monkeypatch.setitem(auditlog._registry, user, options)
    assert coverage.holes() == ["people.User.groups is left out of the history without a reason"]


def test_an_exemption_of_a_model_that_is_gone_is_named(monkeypatch):
    monkeypatch.setitem(coverage.EXEMPT_MODELS, "meetings.Gone", "En modell som togs bort.")
    monkeypatch.setitem(
        coverage.UNRECORDED_FIELDS, "people.User.nickname", "Ett fält som togs bort."
    )
    monkeypatch.setitem(coverage.EXEMPT_APPS, "elsewhere", "En app som togs bort.")
    assert coverage.holes() == [
        "EXEMPT_MODELS names meetings.Gone, which is no model",
        "EXEMPT_APPS names elsewhere, which is no app",
        "UNRECORDED_FIELDS names people.User.nickname, which is recorded or no field",
    ]


def test_survey_invitations_and_answers_are_never_recorded_P4_ST2(monkeypatch):
    for label in coverage.NEVER_RECORDED:
        assert not auditlog.contains(apps.get_model(label))
    # Registering answers by mistake is named as a hole, not taken as coverage.
    response = apps.get_model("surveys.Response")
    options = auditlog._registry[apps.get_model("surveys.SurveyRound")]
    monkeypatch.setitem(auditlog._registry, response, options)
    assert [hole for hole in coverage.holes() if hole.startswith("surveys.")] == [
        f"surveys.Response is recorded, but must never be ({coverage.ANONYMITY})"
    ]


# ---- writes that send no model signal -------------------------------------------------------


def _recorded_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if auditlog.contains(model)}


def _root_model(node: ast.expr) -> str | None:
    """`Cost` for `Cost.objects.filter(...).update(...)`'s callee chain, else None."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr == "objects" and isinstance(node.value, ast.Name):
                return node.value.id
            node = node.value
        else:
            return None


def signal_free_writes(tree: ast.AST, recorded: set[str]) -> list[tuple[str, int]]:
    """(model, line) of each update/bulk_create/bulk_update on a recorded model's manager that
    is not passed straight to record_created, in one parsed module."""
    recorded_calls = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record_created"
        for arg in node.args
    }
    out = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SIGNAL_FREE
        ):
            continue
        model = _root_model(node.func.value)
        if model in recorded and id(node) not in recorded_calls:
            out.append((model, node.lineno))
    return out


def test_every_write_that_sends_no_signal_is_recorded_or_named():
    """QuerySet.update, bulk_create and bulk_update send no model signal, so auditlog never
    sees them: on a recorded model each is passed to record_created or named, with its reason,
    in coverage.BULK_WRITES (the demo's 88 cost allocations had no entry: bulk_create)."""
    recorded = _recorded_names()
    unnamed, used = [], set()
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).as_posix()
        for model, line in signal_free_writes(ast.parse(path.read_text()), recorded):
            if (relative, model) in coverage.BULK_WRITES:
                used.add((relative, model))
            else:
                unnamed.append(f"samverkan/{relative}:{line} {model}")
    assert unnamed == []
    assert set(coverage.BULK_WRITES) - used == set(), "BULK_WRITES names writes that are gone"


def test_the_scan_finds_a_bulk_create_that_is_not_recorded():
    source = (
        "def f(rows):\n"
        "    Allocation.objects.bulk_create(rows)\n"
        "    record_created(Allocation.objects.bulk_create(rows))\n"
        "    Allocation.objects.filter(pk=1).update(amount_ore=2)\n"
        "    Notification.objects.bulk_create(rows)\n"
    )
    assert signal_free_writes(ast.parse(source), {"Allocation"}) == [
        ("Allocation", 2),
        ("Allocation", 4),
    ]


def test_a_new_rounds_questions_are_recorded_one_by_one(cast):
    """create_round writes its standard questions with bulk_create: each has its entry."""
    day = datetime.date(2026, 5, 4)
    survey = surveys.create_round(
        cast.user("secretariat"), title="Enkät 2026", opens_on=day, closes_on=day
    )
    ids = {str(pk) for pk in survey.questions.values_list("pk", flat=True)}
    entries = HistoryEntry.objects.filter(
        content_type__app_label="surveys", content_type__model="question", object_pk__in=ids
    )
    assert ids and entries.count() == len(ids)
    assert {(e.verb, e.actor) for e in entries} == {("create_round", cast.user("secretariat"))}
