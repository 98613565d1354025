#!/usr/bin/env bash
# Installs everything Samverkan needs into this folder: Python packages into .venv (exactly
# as uv.lock says), front-end packages into node_modules (exactly as package-lock.json says),
# and compiled translations. Safe to run again; it only does what is missing or out of date.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export DEBIAN_FRONTEND=noninteractive

apt_install() {
    # Quiet apt-get install of Debian packages; only called when running as root.
    say "apt-get install $* (log: var/apt.log)"
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; } \
            >var/apt.log 2>&1; then
        tail -n 20 var/apt.log >&2
        die "apt-get install $* failed (whole log: var/apt.log)"
    fi
}

mkdir -p var var/media

# --- Python -------------------------------------------------------------------------------
PY="$(find_python)"
say "Python: $PY ($("$PY" -c 'import platform; print(platform.python_version())'))"

if ! "$TOOLS/bin/uv" --version 2>/dev/null | grep -qx "uv $UV_VERSION.*"; then
    say "Installing uv $UV_VERSION into var/tools"
    rm -rf "$TOOLS"
    "$PY" -m venv "$TOOLS"
    "$TOOLS/bin/python" -m pip install -qq "uv==$UV_VERSION"
fi

# Reuse .venv when its interpreter is good enough; otherwise uv (re)creates it with $PY.
if [ -x "$VENV/bin/python" ] && python_ok "$VENV/bin/python"; then
    VENV_PY="$VENV/bin/python"
else
    VENV_PY="$PY"
fi
say "uv sync --frozen (Python packages from uv.lock into .venv)"
# --compile-bytecode: every package's .pyc written now (what is current is skipped on the next
# run). Where PYTHONDONTWRITEBYTECODE is set, as on the machines this was measured on, each
# process would otherwise compile every module it imports from source: a web worker's start,
# a test worker's and every `manage.py` (issue 17).
"$TOOLS/bin/uv" sync --frozen --compile-bytecode --python "$VENV_PY"

# --- Front-end packages (htmx, axe-core) from npm -------------------------------------------
if ! command -v npm >/dev/null 2>&1; then
    if is_root; then
        apt_install nodejs npm
    else
        die "npm is missing. Install Node.js 20 or newer with npm, e.g.: sudo apt-get install nodejs npm"
    fi
fi
lock_sum="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [ -d node_modules ] && [ "$(cat var/.npm-lock.sum 2>/dev/null || true)" = "$lock_sum" ]; then
    say "node_modules is up to date with package-lock.json"
else
    say "npm ci (front-end packages from package-lock.json into node_modules)"
    rm -f var/.npm-lock.sum
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > var/.npm-lock.sum
fi

# --- PDF: WeasyPrint needs Pango (agenda, minutes and report PDFs) -------------------------
if ! "$VENV/bin/python" -c "import weasyprint" >/dev/null 2>&1; then
    if is_root; then
        apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
    else
        warn "WeasyPrint cannot load Pango, so PDFs cannot be made. Install it:" \
             "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
    fi
fi

# --- Backup on PostgreSQL: manage.py backup/restore run pg_dump and pg_restore ---------------
case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*)
        if ! command -v pg_dump >/dev/null 2>&1 || ! command -v pg_restore >/dev/null 2>&1; then
            if is_root; then
                apt_install postgresql-client
            else
                warn "pg_dump/pg_restore are missing, so manage.py backup and restore cannot" \
                     "work on PostgreSQL. Install them: sudo apt-get install postgresql-client"
            fi
        fi
        ;;
esac

# --- Translations ---------------------------------------------------------------------------
mapfile -t po_files < <(find . \( -path ./.venv -o -path ./node_modules -o -path ./var -o -path ./.git \) \
    -prune -o -name '*.po' -print)
if [ "${#po_files[@]}" -eq 0 ]; then
    say "No .po files yet: nothing to compile"
else
    if ! command -v msgfmt >/dev/null 2>&1 && is_root; then
        apt_install gettext
    fi
    if command -v msgfmt >/dev/null 2>&1; then
        say "Compiling translations (${#po_files[@]} .po files)"
        # Run with DEBUG on: compilemessages signs nothing, and with DEBUG on the settings take
        # the development key (var/secret_key, made here on the first run) when no
        # SAMVERKAN_SECRET_KEY is set, instead of refusing to start.
        SAMVERKAN_DEBUG=1 "$VENV/bin/python" manage.py compilemessages --verbosity=0 \
            --ignore=.venv --ignore=node_modules --ignore=var
    else
        warn "msgfmt (GNU gettext) is missing, so translations were not compiled and the" \
             "English interface falls back to Swedish. Install it: sudo apt-get install gettext"
    fi
fi

say "Setup done"
