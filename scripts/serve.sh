#!/usr/bin/env bash
# `make serve`: run Samverkan as production does, in the foreground: gunicorn with
# deploy/gunicorn.conf.py (DEBUG off, static files from `collectstatic` served by WhiteNoise),
# the task worker (db_worker) and the scheduler, until Ctrl-C or until one of them stops (then
# all stop, and it says which). The settings come from the environment, or from the file named
# by SAMVERKAN_ENV_FILE (KEY=value lines, as systemd's EnvironmentFile); the production checks
# (samverkan/site/checks.py) refuse to start without what production needs: see README,
# "Drift / Deployment".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${SAMVERKAN_ENV_FILE:-}" ]; then
    [ -r "$SAMVERKAN_ENV_FILE" ] || die "SAMVERKAN_ENV_FILE=$SAMVERKAN_ENV_FILE cannot be read."
    set -a
    # shellcheck disable=SC1090
    . "$SAMVERKAN_ENV_FILE"
    set +a
fi
export SAMVERKAN_DEBUG=0
export SAMVERKAN_HOST="${SAMVERKAN_HOST:-127.0.0.1}" SAMVERKAN_PORT="${SAMVERKAN_PORT:-8000}"
[ -n "${SAMVERKAN_SECRET_KEY:-}" ] || die "Samverkan startar inte / will not start: SAMVERKAN_SECRET_KEY is not set.
       Make one with: python3 -c \"import secrets; print(secrets.token_urlsafe(50))\"
       and set it, with the other production settings, in the environment or in SAMVERKAN_ENV_FILE."

[ "${SAMVERKAN_SKIP_SETUP:-}" = 1 ] || "$ROOT/scripts/setup.sh"
PYTHON="$VENV/bin/python"
# collectstatic hashes and compresses every file again each time (a minute on a small
# machine): only when the manifest is missing or older than the static files' sources.
STATIC_DIR="${SAMVERKAN_STATIC_ROOT:-$ROOT/var/static}"   # as samverkan/settings.py reads it
manifest="$STATIC_DIR/staticfiles.json"
if [ ! -f "$manifest" ] || [ -n "$(find samverkan/static node_modules/htmx.org/dist uv.lock \
        package-lock.json -newer "$manifest" -print -quit 2>/dev/null)" ]; then
    say "Collecting the static files into $STATIC_DIR (collectstatic)"
    "$PYTHON" manage.py collectstatic --no-input --verbosity=0
else
    say "The static files in $STATIC_DIR are up to date"
fi
say "Checking the production settings"
"$PYTHON" manage.py check --deploy --tag samverkan_production --tag mail --fail-level ERROR \
    || die "Samverkan startar inte / will not start: fix the settings above."
say "Migrating the database"
"$PYTHON" manage.py migrate --no-input --verbosity=0
"$PYTHON" manage.py createcachetable

WEB_PID="" WORKER_PID="" SCHEDULER_PID=""
stop_all() {
    local pid
    for pid in $WEB_PID $WORKER_PID $SCHEDULER_PID; do kill "$pid" 2>/dev/null || true; done
    for pid in $WEB_PID $WORKER_PID $SCHEDULER_PID; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

say "Starting the task worker, the scheduler and gunicorn"
"$PYTHON" manage.py db_worker &
WORKER_PID=$!
"$PYTHON" manage.py scheduler &
SCHEDULER_PID=$!
"$VENV/bin/gunicorn" -c deploy/gunicorn.conf.py &
WEB_PID=$!
echo
echo "Samverkan körs på / runs at ${SAMVERKAN_WEB_BIND:-http://$SAMVERKAN_HOST:$SAMVERKAN_PORT} (${SAMVERKAN_SITE_URL:-})"
echo "(Ctrl-C stoppar allt / stops everything)"
echo
rc=0
supervise "the web server (gunicorn)" "$WEB_PID" "the task worker (db_worker)" "$WORKER_PID" \
    "the scheduler" "$SCHEDULER_PID" || rc=$?
exit "$rc"
