#!/usr/bin/env bash
# `make run`: set up, migrate the SQLite database (var/samverkan.sqlite3), load the demo data
# (skipped when already loaded; prints the demo logins), start the task worker in the
# background and serve the app at http://127.0.0.1:8000 until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST="${SAMVERKAN_HOST:-127.0.0.1}"
PORT="${SAMVERKAN_PORT:-8000}"
# Development server: DEBUG on, so that runserver serves the static files itself.
export SAMVERKAN_DEBUG="${SAMVERKAN_DEBUG:-1}"

"$ROOT/scripts/setup.sh"

PYTHON="$VENV/bin/python"
say "Migrating the database"
"$PYTHON" manage.py migrate --no-input
"$PYTHON" manage.py createcachetable
say "Loading demo data"
"$PYTHON" manage.py load_demo

say "Starting the task worker (db_worker) in the background"
"$PYTHON" manage.py db_worker > >(sed -u 's/^/[worker] /') 2>&1 &
WORKER_PID=$!
say "Starting the scheduler (daily reminders, e-mail sweep) in the background"
"$PYTHON" manage.py scheduler > >(sed -u 's/^/[scheduler] /') 2>&1 &
SCHEDULER_PID=$!
SERVER_PID=""
stop_all() {
    local pid
    for pid in $SERVER_PID $WORKER_PID $SCHEDULER_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $SERVER_PID $WORKER_PID $SCHEDULER_PID; do
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo
echo "Samverkan körs på http://$HOST:$PORT"
echo "(Ctrl-C stoppar servern och arbetaren / stops the server and the worker)"
echo
# In the background, so that Ctrl-C or a kill of this script stops both processes at once.
"$PYTHON" manage.py runserver "$HOST:$PORT" &
SERVER_PID=$!
rc=0
wait "$SERVER_PID" || rc=$?
SERVER_PID=""
exit "$rc"
