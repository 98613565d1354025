#!/usr/bin/env bash
# `make lint`: ruff (lint and format check) and mypy, with the versions from uv.lock.
# Runs all three checks and fails at the end if any of them failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ -x "$VENV/bin/ruff" ] || "$ROOT/scripts/setup.sh"

failed=()
check() {
    say "$*"
    "$VENV/bin/$1" "${@:2}" || failed+=("$*")
}
check ruff check .
check ruff format --check .
mypy_targets=(samverkan)
[ -d tests ] && mypy_targets+=(tests)
check mypy "${mypy_targets[@]}"

if [ "${#failed[@]}" -gt 0 ]; then
    printf 'FEL/ERROR: failed: %s\n' "${failed[@]}" >&2
    exit 1
fi
say "Lint passed"
