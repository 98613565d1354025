#!/usr/bin/env bash
# `make worker`: run the background task worker (django-tasks-db's db_worker) in the foreground.
# `make run` already starts one; use this when you serve the app some other way.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -x "$VENV/bin/python" ] || "$ROOT/scripts/setup.sh"
"$VENV/bin/python" manage.py migrate --no-input
exec "$VENV/bin/python" manage.py db_worker "$@"
