"""The log as `make run` and production print it (issue 18, §1): each line once, and an
ordinary 403 as one line without a traceback; a 500 keeps its traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = """
import django; django.setup()
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.log import log_response
for exception, status in ((PermissionDenied(), 403), (ZeroDivisionError("boom"), 500)):
    try:
        raise exception
    except Exception as exc:
        log_response("Answered %s: %s", str(status), "/natverk/x/",
                     response=HttpResponse(status=status), exception=exc)
"""


def logged(*, debug: str) -> tuple[str, str]:
    """What a 403 and then a 500 print, with DEBUG on or off: (the 403's, the 500's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="samverkan.settings", SAMVERKAN_DEBUG=debug)
    done = subprocess.run(
        [sys.executable, "-c", LOG], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    forbidden, _, error = done.stderr.partition("Answered 500")
    return forbidden, "Answered 500" + error


@pytest.mark.parametrize("debug", ["1", "0"])
def test_a_403_is_one_line_without_traceback_and_a_500_keeps_it(debug):
    forbidden, error = logged(debug=debug)
    assert forbidden.count("Answered 403: /natverk/x/") == 1, forbidden
    assert "Traceback" not in forbidden, forbidden
    assert error.count("Answered 500: /natverk/x/") == 1, error
    assert error.count("Traceback") == 1 and "ZeroDivisionError: boom" in error
