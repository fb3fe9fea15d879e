#!/usr/bin/env bash
# The PyPI package, as a user gets it: build the wheel with maturin (pinned in
# requirements.txt; debug profile, to keep CI time down), install it into a fresh virtual
# environment with no index, and run the installed `pytc`: `--version`, a check with an
# error (exit 1 and its diagnostic), a clean check and `python -m pytc`. Also checks that the
# sdist carries the typeshed stubs the build embeds and that a wheel built from the sdist
# alone installs and runs. Prints `N passed, N failed`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repository="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tools="$here/.venv"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$tools/bin/maturin" ] || [ "$(cat "$tools/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$tools/.requirements.sha256"
fi

cd "$repository"
"$tools/bin/maturin" build --locked --profile dev --compatibility linux --out "$work/dist" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1; }
"$tools/bin/maturin" sdist --out "$work/sdist" >>"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
check() {
    local name="$1"; shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name" >&2
    fi
}

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
wheel="$(ls "$work"/dist/pytc-*.whl)"
check "the wheel is named with Cargo's version $version" test -n "$(ls "$work"/dist/pytc-"$version"-*.whl)"

python3 -m venv "$work/env"
"$work/env/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
pytc="$work/env/bin/pytc"

check "pytc --version" test "$("$pytc" --version)" = "pytc $version"

mkdir -p "$work/project"
printf 'import json\nx: int = json.dumps(1)\n' > "$work/project/app.py"
set +e
output="$(cd "$work/project" && "$pytc" check --no-progress --output-format concise 2>&1)"
status=$?
set -e
# json.dumps is read from the embedded typeshed: its return type is what makes the error.
check "a check finds the error (exit 1)" test "$status" = 1
check "the diagnostic names the stub's type" grep -qF 'app.py:2:10: error[invalid-assignment] Object of type `str` is not assignable to `int`' <<<"$output"

printf 'import json\nx: str = json.dumps(1)\n' > "$work/project/app.py"
check "a clean check passes (exit 0)" bash -c "cd '$work/project' && '$pytc' check --no-progress >/dev/null 2>&1"
check "python -m pytc runs the same binary" test "$("$work/env/bin/python" -m pytc --version)" = "pytc $version"

sdist="$(ls "$work"/sdist/pytc-*.tar.gz)"
listing="$(tar tzf "$sdist")"
check "the sdist has the typeshed stubs" grep -q '/typeshed-stubs/stdlib/VERSIONS$' <<<"$listing"
check "the sdist has the workspace crates" grep -q '/crates/pytc_types/src/lib.rs$' <<<"$listing"
check "the sdist has pyproject.toml" grep -q '^pytc-[^/]*/pyproject.toml$' <<<"$listing"

# A wheel builds from the sdist alone, as pip builds one where no wheel fits the platform
# (the compiled dependencies of this run's target folder are reused).
mkdir -p "$work/unpacked"
tar xzf "$sdist" -C "$work/unpacked"
unpacked="$(ls -d "$work"/unpacked/pytc-*)"
(cd "$unpacked" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repository/target}" \
    "$tools/bin/maturin" build --locked --profile dev --compatibility linux --out "$work/from-sdist" >"$work/sdist-build.log" 2>&1) \
    || tail -n 20 "$work/sdist-build.log"
from_sdist="$(ls "$work"/from-sdist/pytc-*.whl 2>/dev/null || true)"
check "a wheel builds from the sdist" test -n "$from_sdist"
if [ -n "$from_sdist" ]; then
    python3 -m venv "$work/env-from-sdist"
    "$work/env-from-sdist/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$from_sdist"
    check "the wheel built from the sdist runs" test "$("$work/env-from-sdist/bin/pytc" --version)" = "pytc $version"
fi

echo "wheel: $passed passed, $failed failed"
[ "$failed" = 0 ]
