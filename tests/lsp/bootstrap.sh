#!/usr/bin/env bash
# Create (or refresh) the virtual environment of the editor end-to-end suites from the pinned,
# hash-checked requirements. Usage: tests/lsp/bootstrap.sh [VENV_DIR]; prints the venv's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/.venv}"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$requirements" >&2
    echo "$want" > "$stamp"
fi
echo "$venv"
