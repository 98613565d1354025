"""The settings the tests and mypy's Django plugin run on (pyproject.toml): samverkan.settings
with a secret key made up for this run. With DEBUG off, as in the tests, samverkan.settings
refuses to start without SAMVERKAN_SECRET_KEY (issue 13); set here before it is read, and in the
environment, so that processes a test starts get the same key."""

import os
import secrets

if not os.environ.get("SAMVERKAN_SECRET_KEY"):
    os.environ["SAMVERKAN_SECRET_KEY"] = "tests-" + secrets.token_urlsafe(50)

from samverkan.settings import *  # noqa: F403
