#!/usr/bin/env bash
# Check the typeshed stdlib stubs pytc embeds with pytc itself and print the diagnostics by
# rule, the wall time and the peak memory. Every diagnostic here is a false positive of pytc
# (or a real typeshed bug), and a panic is a crash on real stubs: both are worth a look.
#
# Usage: scripts/typeshed_check.sh [--pytc PATH] [--timeout SECONDS]
# The stubs are the ones `python3 typeshed-stubs/fetch.py` materializes (the build runs it).
# They are checked as the stdlib (`--typeshed`), at pytc's default target version, and only
# those VERSIONS lists at that version (as typeshed's own CI does); a second run checks the
# stubs of other versions' modules for panics and hangs only.
set -euo pipefail
cd "$(dirname "$0")/.."

pytc=target/release/pytc
timeout=600
while [ $# -gt 0 ]; do
    case "$1" in
        --pytc) pytc="$2"; shift 2 ;;
        --timeout) timeout="$2"; shift 2 ;;
        -h|--help) sed -n '2,7p' scripts/typeshed_check.sh; exit 0 ;;
        *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ ! -f typeshed-stubs/stdlib/VERSIONS ]; then
    python3 typeshed-stubs/fetch.py
fi
if [ ! -x "$pytc" ]; then
    echo "error: $pytc does not exist; build it with: cargo build --release -p pytc_cli" >&2
    exit 2
fi

# The default target version, as pytc reports it with no environment to take one from; the
# checks below pass it explicitly, so the host's Python does not change it.
empty=$(mktemp -d)
version=$(env -u VIRTUAL_ENV -u CONDA_PREFIX PATH=/nonexistent "$pytc" check -v "$empty" 2>&1 \
    | sed -n 's/^Target Python version: \([0-9.]*\).*/\1/p')
rmdir "$empty"
mapfile -t available < <(python3 scripts/typeshed_files.py typeshed-stubs/stdlib "$version")
mapfile -t unavailable < <(python3 scripts/typeshed_files.py typeshed-stubs/stdlib "$version" --unavailable)

python3 scripts/measure.py --label "typeshed stdlib at Python $version (${#available[@]} stubs)" --timeout "$timeout" \
    -- "$pytc" check --output-format concise --python-version "$version" --typeshed typeshed-stubs "${available[@]}"
python3 scripts/measure.py --label "stubs absent at Python $version (${#unavailable[@]}; panics and hangs only)" --timeout "$timeout" \
    -- "$pytc" check --output-format concise --python-version "$version" --typeshed typeshed-stubs "${unavailable[@]}"
