#!/usr/bin/env bash
# `make worker`: run the background task worker (django-tasks-db's db_worker) in the foreground.
# `make run` already starts one; use this when you serve the app some other way. It needs the
# server's SAMVERKAN_SECRET_KEY (it signs the links in the e-mails it sends), unless
# SAMVERKAN_DEBUG is on, when it takes the development key in var/secret_key as the server does.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -x "$VENV/bin/python" ] || "$ROOT/scripts/setup.sh"
"$VENV/bin/python" manage.py migrate --no-input
exec "$VENV/bin/python" manage.py db_worker "$@"
