# Shared helpers for the scripts in this folder. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
TOOLS="$ROOT/var/tools"          # small venv that holds uv itself
UV_VERSION="0.13.9"
MIN_PYTHON="3.12"

# uv must never fetch a Python of its own, and never re-resolve the lock.
export UV_PYTHON_DOWNLOADS=never
export UV_NO_PROGRESS=1
export PYTHONUNBUFFERED=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say()  { printf '==> %s\n' "$*"; }
warn() { printf 'VARNING/WARNING: %s\n' "$*" >&2; }
die()  { printf 'FEL/ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# True when "$1" runs and is Python >= 3.12.
python_ok() {
    "$1" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1
}

# Prints the path of a Python >= 3.12, or stops with a clear message.
# Order: $SAMVERKAN_PYTHON, python3.13 and python3.12 on PATH, pyenv's installed
# versions (newest first), plain python3. Each candidate is actually run, because
# pyenv shims exist on PATH even for versions that are not selected.
find_python() {
    local c root
    local -a candidates=()
    if [ -n "${SAMVERKAN_PYTHON:-}" ]; then
        python_ok "$SAMVERKAN_PYTHON" && { command -v "$SAMVERKAN_PYTHON"; return 0; }
        die "SAMVERKAN_PYTHON=$SAMVERKAN_PYTHON is not a working Python >= $MIN_PYTHON."
    fi
    for c in python3.13 python3.12; do
        command -v "$c" >/dev/null 2>&1 && candidates+=("$c")
    done
    root=""
    if command -v pyenv >/dev/null 2>&1; then
        root="$(pyenv root 2>/dev/null || true)"
    fi
    [ -z "$root" ] && [ -d "$HOME/.pyenv" ] && root="$HOME/.pyenv"
    if [ -n "$root" ] && [ -d "$root/versions" ]; then
        while IFS= read -r c; do
            candidates+=("$c")
        done < <(compgen -G "$root/versions/*/bin/python3.1[2-9]" | sort -r -V || true)
    fi
    command -v python3 >/dev/null 2>&1 && candidates+=("python3")
    for c in "${candidates[@]}"; do
        if python_ok "$c"; then
            if [[ "$c" == */* ]]; then echo "$c"; else command -v "$c"; fi
            return 0
        fi
    done
    die "Samverkan behöver Python $MIN_PYTHON eller nyare / needs Python $MIN_PYTHON or newer, and none was found.
       Install one, e.g.:  sudo apt-get install python3.12   or   pyenv install 3.12
       (or point SAMVERKAN_PYTHON at an existing interpreter), then run the command again."
}

# Runs "$@" and prints how long it took.
timed() {
    local start=$SECONDS rc=0
    "$@" || rc=$?
    say "$(printf '%s: %ds' "$1" $((SECONDS - start)))"
    return $rc
}

# supervise NAME PID [NAME PID ...]: wait until the first of these background processes ends,
# say which one and how, and return its exit status (0 only when it ended cleanly). The caller's
# EXIT trap then stops the others: one process missing (the worker that sends the e-mail, the
# scheduler that enqueues the reminders) must not leave a server that looks healthy.
supervise() {
    local -A names=()
    local -a pids=()
    while [ "$#" -ge 2 ]; do
        names[$2]="$1"
        pids+=("$2")
        shift 2
    done
    local ended="" rc=0 pid
    # One that ended before this call may already be reaped, and `wait -n` would not see it
    # ("no such job"): ask each first.
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            ended="$pid"
            wait "$pid" 2>/dev/null || rc=$?
            [ "$rc" -eq 127 ] && rc=0   # reaped already: its exit status is gone
            break
        fi
    done
    if [ -z "$ended" ]; then
        wait -n -p ended "${pids[@]}" || rc=$?
        [ -n "$ended" ] || return "$rc"   # interrupted by a signal: the traps say what to do
    fi
    if [ "$rc" -eq 0 ]; then
        say "${names[$ended]} stopped; stopping the others"
    else
        printf 'FEL/ERROR: %s stopped (exit status %s); stopping the others.\n' \
            "${names[$ended]}" "$rc" >&2
    fi
    [ "$rc" -eq 0 ] && rc=1   # a process that should run until stopped has ended: not a success
    return "$rc"
}
