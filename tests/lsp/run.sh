#!/usr/bin/env bash
# The editor end-to-end suites: the built `pytc lsp` driven over stdio by pytest-lsp, byte for
# byte, and by a headless Neovim 0.11 with the shipped config. Builds pytc (debug) unless
# PYTC_BIN names a binary; the Python dependencies come from the pinned requirements.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repository="$(cd "$here/../.." && pwd)"
if [ -z "${PYTC_BIN:-}" ]; then
    (cd "$repository" && cargo build --locked -p pytc_cli)
    PYTC_BIN="${CARGO_TARGET_DIR:-$repository/target}/debug/pytc"
fi
export PYTC_BIN
venv="$("$here/bootstrap.sh")"
cd "$here"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
