#!/usr/bin/env bash
# Fuzz pytc in release for as long as asked: mutants of the mdtests, the typeshed stubs and
# (when a copy is found beside the workspace or in PYTC_CONFORMANCE_DIR) the conformance
# tests, each checked with a time budget; every panic, crash or hang is minimised to a
# reproducer in target/fuzz-failures/. Exit status 1 when something failed.
#
#   scripts/fuzz.sh                         # 60 seconds, a seed from the clock (printed)
#   scripts/fuzz.sh --seconds 3600 --seed 7 # an hour, reproducibly
#   scripts/fuzz.sh --seconds 600 --jobs 2 --budget-ms 5000
# Other options are pytc_fuzz's (`target/release/pytc_fuzz --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
seed=$(date +%s)
rest=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) rest+=("$1"); shift ;;
    esac
done
if [[ ! "$seconds" =~ ^[0-9]+$ || ! "$seed" =~ ^[0-9]+$ ]]; then
    echo "fuzz.sh: --seconds and --seed take whole numbers" >&2
    exit 2
fi

cargo build --release --locked -p pytc_fuzz
echo "fuzz.sh: seed $seed for $seconds s"
exec target/release/pytc_fuzz --seed "$seed" --seconds "$seconds" --root . "${rest[@]}"
