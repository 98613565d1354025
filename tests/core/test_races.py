"""samverkan/core/races.py and outage.py: which database errors are a race (a conflict) or an
outage (503), and which stay errors (issue 18 §2)."""

import pytest
from django.db import IntegrityError, OperationalError, ProgrammingError, connection

from samverkan.core.errors import ConflictError
from samverkan.core.outage import is_database_unavailable
from samverkan.core.races import conflict_on_unique, is_unique_violation
from samverkan.networks.models import YearPlan


def test_a_unique_violation_becomes_the_conflict_and_leaves_the_transaction_usable(cast):
    YearPlan.objects.create(network=cast.network, year=2040)
    with pytest.raises(ConflictError) as refused:  # noqa: SIM117
        with conflict_on_unique("Redan sparad."):
            YearPlan.objects.create(network=cast.network, year=2040)
    assert refused.value.message == "Redan sparad."
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert YearPlan.objects.filter(network=cast.network, year=2040).count() == 1


def test_other_integrity_errors_stay_errors(cast):
    """A check constraint (year_plan_adopted_has_date) is a bug, not a race."""
    with pytest.raises(IntegrityError) as failed, conflict_on_unique():
        YearPlan.objects.create(network=cast.network, year=2041, state="adopted")
    assert not is_unique_violation(failed.value)


def test_a_missing_table_is_not_an_outage(db):
    with pytest.raises((OperationalError, ProgrammingError)) as failed:  # noqa: SIM117
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_18b")
    assert not is_database_unavailable(failed.value)


def test_a_locked_sqlite_database_is_an_outage():
    import sqlite3

    try:
        raise sqlite3.OperationalError("database is locked")
    except sqlite3.OperationalError as cause:
        error = OperationalError("database is locked")
        error.__cause__ = cause
    assert is_database_unavailable(error)
    assert not is_database_unavailable(ValueError("database is locked"))
