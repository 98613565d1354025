"""The read-replica router (issue 18 §6): only opted-in reads, outside transactions."""

from unittest import mock

from django.db import connections

from samverkan.core.replica import ReplicaRouter, on_replica, replica_reads

router = ReplicaRouter()


def _with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def test_reads_stay_on_the_primary_unless_a_selector_opts_in(settings):
    _with_replica(settings)
    with mock.patch.object(connections["default"], "in_atomic_block", False):
        assert router.db_for_read(None) is None
        with on_replica():
            assert router.db_for_read(None) == "replica"
            assert router.db_for_write(None) == "default"
        assert replica_reads(lambda: router.db_for_read(None))() == "replica"


def test_a_read_inside_a_transaction_sees_its_own_writes(settings):
    _with_replica(settings)
    with mock.patch.object(connections["default"], "in_atomic_block", True), on_replica():
        assert router.db_for_read(None) is None


def test_without_a_replica_everything_is_the_primary(settings):
    with mock.patch.object(connections["default"], "in_atomic_block", False), on_replica():
        assert router.db_for_read(None) is None
    assert router.allow_migrate("replica", "notifications") is False
