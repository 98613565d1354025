"""The scheduler ends quietly on Ctrl-C (issue 18, §1): no traceback in the terminal or in
var/worker.log."""

from io import StringIO
from unittest import mock

from django.core.management import call_command


def test_ctrl_c_ends_the_scheduler_quietly(db):
    out = StringIO()
    with mock.patch("time.sleep", side_effect=KeyboardInterrupt):
        call_command("scheduler", stdout=out)
    assert out.getvalue().endswith("scheduler stopped\n")
