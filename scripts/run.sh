#!/usr/bin/env bash
# `make run`: set up, migrate the SQLite database (var/samverkan.sqlite3), load the demo data
# (skipped when already loaded; prints the demo logins), start the task worker, the scheduler
# and a demo OpenID Connect provider (npm's oidc-provider, loopback only) in the background and
# serve the app at http://127.0.0.1:8000 until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOST="${SAMVERKAN_HOST:-127.0.0.1}"
PORT="${SAMVERKAN_PORT:-8000}"
# The links in e-mails, calendar feeds and survey invitations point at this server's own port.
export SAMVERKAN_SITE_URL="${SAMVERKAN_SITE_URL:-http://$HOST:$PORT}"
# Development server: DEBUG on, so that runserver serves the static files itself. With DEBUG on
# and no SAMVERKAN_SECRET_KEY set, every process here signs with the development key made once
# in var/secret_key; with DEBUG off the settings refuse to start without a real key.
export SAMVERKAN_DEBUG="${SAMVERKAN_DEBUG:-1}"
# Keep each process's database connection between requests, as production does (issue 17;
# with DEBUG on the settings' default is 0, a new connection per request).
export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"
# The demo municipality's identity provider, unless you configured real ones.
OIDC_PORT="${SAMVERKAN_DEMO_OIDC_PORT:-8001}"
DEMO_OIDC=""
if [ -z "${SAMVERKAN_OIDC_PROVIDERS:-}" ]; then
    DEMO_OIDC=1
    export SAMVERKAN_OIDC_PROVIDERS="[{\"id\": \"kommun\", \"name\": \"Logga in med ditt kommunkonto\", \"server_url\": \"http://127.0.0.1:$OIDC_PORT\", \"client_id\": \"samverkan\", \"secret\": \"demo-secret\", \"domains\": [\"demo.se\"], \"mfa_claims\": {\"amr\": [\"mfa\", \"otp\", \"hwk\"]}}]"
fi

"$ROOT/scripts/setup.sh"

PYTHON="$VENV/bin/python"
say "Migrating the database"
"$PYTHON" manage.py migrate --no-input
"$PYTHON" manage.py createcachetable
say "Loading demo data"
"$PYTHON" manage.py load_demo

# The worker prints every e-mail (console backend): the demo's activation e-mails alone are
# several hundred, so its output goes to a log file rather than over the URL and the logins.
say "Starting the task worker (db_worker) and the scheduler in the background (log: var/worker.log)"
"$PYTHON" manage.py db_worker >var/worker.log 2>&1 &
WORKER_PID=$!
"$PYTHON" manage.py scheduler > >(sed -u 's/^/[scheduler] /' >>var/worker.log) 2>&1 &
SCHEDULER_PID=$!
OIDC_PID=""
if [ -n "$DEMO_OIDC" ]; then
    say "Starting the demo OpenID Connect provider on http://127.0.0.1:$OIDC_PORT (log: var/oidc.log)"
    node scripts/oidc/provider.mjs --port "$OIDC_PORT" --users scripts/oidc/demo-users.json \
        --redirect-uri "http://$HOST:$PORT/konto/oidc/kommun/login/callback/" \
        --redirect-uri "http://localhost:$PORT/konto/oidc/kommun/login/callback/" \
        >var/oidc.log 2>&1 &
    OIDC_PID=$!
fi
SERVER_PID=""
stop_all() {
    local pid
    for pid in $SERVER_PID $WORKER_PID $SCHEDULER_PID $OIDC_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $SERVER_PID $WORKER_PID $SCHEDULER_PID $OIDC_PID; do
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo
echo "Samverkan körs på http://$HOST:$PORT"
echo
echo "Andra faktorn: sekretariatet@demo.se ombeds vid första inloggningen lägga till en"
echo "  engångskod (TOTP): skanna QR-koden med en autentiseringsapp, eller kopiera hemligheten"
echo "  som visas som text och skriv ut koden med: .venv/bin/python manage.py totp_code <hemlighet>"
echo "  Spara återställningskoderna som visas efteråt."
if [ -n "$DEMO_OIDC" ]; then
    echo "Kommunkonto (demo-OpenID-leverantör på http://127.0.0.1:$OIDC_PORT): välj"
    echo "  \"Logga in med ditt kommunkonto\" och skriv kontots id: sekretariatet (leverantören"
    echo "  har gjort MFA), samordnare, medlem; overifierad och okand visar hur Samverkan nekar."
fi
echo "E-post (aktiveringar, påminnelser) skrivs av arbetaren till var/worker.log."
echo "(Ctrl-C stoppar servern, arbetaren och leverantören / stops them all)"
echo
# In the background, so that Ctrl-C or a kill of this script stops every process at once, and
# so that the server stops when the worker or the scheduler dies (it says which; their output
# is in var/worker.log).
"$PYTHON" manage.py runserver "$HOST:$PORT" &
SERVER_PID=$!
rc=0
processes=("the server (runserver)" "$SERVER_PID" "the task worker (db_worker, log: var/worker.log)"
    "$WORKER_PID" "the scheduler (log: var/worker.log)" "$SCHEDULER_PID")
[ -n "$OIDC_PID" ] && processes+=("the demo OpenID Connect provider (log: var/oidc.log)" "$OIDC_PID")
supervise "${processes[@]}" || rc=$?
exit "$rc"
