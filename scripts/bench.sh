#!/usr/bin/env bash
# Benchmark pytc against peer type checkers; see scripts/bench.py --help.
exec python3 "$(dirname "$0")/bench.py" "$@"
