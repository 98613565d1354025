#!/usr/bin/env bash
# `make test`: install what the tests need (the Python and front-end packages, and Debian's
# Chromium for the browser tests), then run every test with pytest (config: pyproject.toml).
# Extra arguments go to pytest: scripts/test.sh -k catalogue   or   make test ARGS="-k catalogue"
# The database is SQLite unless DATABASE_URL says otherwise; pytest-django makes its own
# test database and removes it afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=/usr/bin/chromium

"$ROOT/scripts/setup.sh"

# Browser tests drive Debian's Chromium through Playwright. Playwright's own browser download
# does not work here, so `playwright install` is never run.
if [ ! -x "$CHROMIUM" ]; then
    if is_root; then
        say "Installing Debian's Chromium for the browser tests (apt-get install chromium; log: var/apt.log)"
        export DEBIAN_FRONTEND=noninteractive
        mkdir -p var
        if ! { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } \
                >var/apt.log 2>&1; then
            tail -n 20 var/apt.log >&2
            die "apt-get install chromium failed (whole log: var/apt.log)"
        fi
    else
        die "The browser tests need Debian's Chromium at $CHROMIUM, which is missing.
       Install it and run the tests again:  sudo apt-get install chromium"
    fi
fi
[ -x "$CHROMIUM" ] || die "Chromium was not installed at $CHROMIUM."
export SAMVERKAN_CHROMIUM="$CHROMIUM"

db="sqlite"; [ -n "${DATABASE_URL:-}" ] && db="${DATABASE_URL%%://*}"
cache="database"; [ -n "${CACHE_URL:-}" ] && cache="${CACHE_URL%%://*}"
say "pytest (database: $db, cache: $cache)"
rc=0
# Tests run in parallel, one worker per core (pytest-xdist); each worker has its own test
# database. SAMVERKAN_TEST_WORKERS=0 runs them in one process. `worksteal`: a worker that runs
# out takes tests from the other's queue, so that neither waits at the end while the other
# still has long tests queued (the default `load` does not rebalance at the end).
"$VENV/bin/pytest" -n "${SAMVERKAN_TEST_WORKERS:-auto}" --dist worksteal --durations=15 "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    # Exit code 5: no tests were collected.
    if [ -n "$(find tests -name 'test_*.py' -print -quit 2>/dev/null)" ]; then
        die "pytest ran no tests (exit code 5), although there are test files under tests/: check the arguments or the test files."
    fi
    warn "there are no tests yet (pytest collected nothing)."
    exit 0
fi
exit "$rc"
