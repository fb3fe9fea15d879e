#!/usr/bin/env python3
"""Time `pytc check` against peer type checkers, side by side. A benchmark, never a test.

Targets: the corpora scripts/corpus.py fetches (rich into .corpora/rich-venv, mypy and mypyc into
.corpora/mypy-venv, each checked with its venv as the environment), the typeshed stdlib stubs
pytc embeds (typeshed-stubs/stdlib, every stub that exists at Python 3.12, checked as the stdlib
of every checker through its custom-typeshed option) and the typing conformance tests
(../shared/conformance/tests).
Checkers: pytc (target/release/pytc) and every peer found on PATH or in .corpora/peers; missing
peers are installed there, pinned, from PyPI (mypy 2.4.1, ty 0.0.105, pyrefly 1.4.1,
zuban 0.10.2) unless --no-install. pyright needs npm and is skipped.

Timing uses hyperfine when it is installed (with a warm-up run), else --runs runs and their
median. Peak memory and CPU time (user + system) come from one further measured run (see
measure.py). The last column is pytc's median wall time over the checker's on the same target.

Examples:
    scripts/bench.sh                       # everything
    scripts/bench.sh --runs 3 --only pytc zuban --targets mypy
    scripts/bench.sh --dry-run             # print the commands, run nothing
"""
import argparse
import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPORA_BY_NAME, is_fetched, site_packages, venv_python  # noqa: E402
from measure import format_mib, run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PEERS_VENV = ROOT / ".corpora" / "peers"
PEER_PINS = {"mypy": "mypy==2.4.1", "ty": "ty==0.0.105", "pyrefly": "pyrefly==1.4.1", "zuban": "zuban==0.10.2"}


@dataclass(frozen=True)
class Target:
    name: str
    folders: tuple
    # The environment whose site-packages resolve third-party imports, or None.
    venv: Path | None
    # A typeshed checkout each checker takes as its stdlib instead of its own, or None.
    typeshed: Path | None = None


TYPESHED = ROOT / "typeshed-stubs"
TYPESHED_VERSION = "3.12"
# Each checker's options for a custom typeshed checkout and a target Python version.
TYPESHED_OPTION = {"pytc": "--typeshed", "mypy": "--custom-typeshed-dir", "ty": "--typeshed",
                   "pyrefly": "--typeshed-path", "zuban": "--custom-typeshed-dir"}


def check_command(checker: str, executable: str, target: Target):
    """The command line that makes `checker` check `target` once, from scratch."""
    folders = [str(folder) for folder in target.folders]
    python = str(venv_python(target.venv)) if target.venv else None
    stdlib = [TYPESHED_OPTION[checker], str(target.typeshed), "--python-version", TYPESHED_VERSION] if target.typeshed else []
    if checker == "pytc":
        return [executable, "check", "--output-format", "concise"] + (["--python", str(target.venv)] if target.venv else []) + stdlib + folders
    if checker == "mypy":
        return [executable, "--cache-dir", "/dev/null"] + (["--python-executable", python] if python else []) + stdlib + folders
    if checker == "ty":
        return [executable, "check"] + (["--python", str(target.venv)] if target.venv else []) + stdlib + folders
    if checker == "pyrefly":
        return [executable, "check"] + (["--python-interpreter-path", python] if python else []) + stdlib + folders
    if checker == "zuban":
        return [executable, "check"] + (["--python-executable", python] if python else []) + stdlib + folders
    raise ValueError(checker)


def typeshed_stubs():
    """The stdlib stubs that exist at TYPESHED_VERSION, as scripts/typeshed_check.sh lists them."""
    listing = subprocess.run([sys.executable, str(ROOT / "scripts" / "typeshed_files.py"), str(TYPESHED / "stdlib"),
                              TYPESHED_VERSION], capture_output=True, text=True, check=True).stdout
    return tuple(Path(line) for line in listing.splitlines() if line)


def find_peer(name: str, install: bool):
    """The peer's executable: on PATH, in .corpora/peers, or freshly installed there."""
    local = PEERS_VENV / "bin" / name
    for candidate in (shutil.which(name), local):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    if not install:
        return None
    if not venv_python(PEERS_VENV).is_file():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    result = subprocess.run([str(venv_python(PEERS_VENV)), "-m", "pip", "install", "--quiet",
                             "--disable-pip-version-check", PEER_PINS[name]])
    return str(local) if result.returncode == 0 and local.is_file() else None


def version_of(executable: str) -> str:
    try:
        output = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    # "mypy 2.4.1 (compiled: yes)" -> "mypy 2.4.1"
    return output.strip().splitlines()[0].split(" (")[0] if output.strip() else "?"


def time_runs(command, runs: int, timeout: float):
    """Wall times in seconds of `runs` runs: hyperfine's when installed, else our own."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as export:
            subprocess.run([hyperfine, "--warmup", "1", "--runs", str(runs), "--ignore-failure",
                            "--style", "none", "--export-json", export.name, shlex.join(command)],
                           check=True, stdout=subprocess.DEVNULL)
            return json.load(open(export.name))["results"][0]["times"]
    times = []
    for _ in range(runs):
        measurement = run_measured(command, timeout)
        if measurement.timed_out:
            break
        times.append(measurement.wall_seconds)
    return times


def targets(args):
    found = []
    for name in ("rich", "mypy"):
        if name not in args.targets:
            continue
        corpus = CORPORA_BY_NAME[name]
        if is_fetched(corpus):
            packages = site_packages(corpus.venv)
            found.append(Target(name, tuple(packages / package for package in corpus.packages), corpus.venv))
        else:
            print(f"note: {name} is not fetched (run scripts/corpus.py --fetch-only); skipping it", file=sys.stderr)
    if "typeshed" in args.targets:
        if (TYPESHED / "stdlib" / "VERSIONS").is_file():
            found.append(Target("typeshed", typeshed_stubs(), None, TYPESHED))
        else:
            print("note: typeshed-stubs/stdlib is not materialized (python3 typeshed-stubs/fetch.py); skipping it",
                  file=sys.stderr)
    if "conformance" in args.targets:
        if args.conformance.is_dir():
            found.append(Target("conformance", (args.conformance,), None))
        else:
            print(f"note: {args.conformance} does not exist; skipping the conformance target", file=sys.stderr)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pytc", type=Path, default=ROOT / "target" / "release" / "pytc")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per checker and target (default 5)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed")
    parser.add_argument("--only", nargs="+", choices=["pytc", *PEER_PINS], default=["pytc", *PEER_PINS],
                        help="which checkers (default: all)")
    parser.add_argument("--targets", nargs="+", choices=["rich", "mypy", "typeshed", "conformance"],
                        default=["rich", "mypy", "typeshed", "conformance"])
    parser.add_argument("--conformance", type=Path, default=ROOT.parent / "shared" / "conformance" / "tests")
    parser.add_argument("--no-install", action="store_true", help="never install missing peers")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    checkers = []
    for name in args.only:
        if name == "pytc":
            executable = str(args.pytc)
            if not args.dry_run and not args.pytc.is_file():
                print(f"error: {args.pytc} does not exist; build it with `cargo build --release -p pytc_cli`",
                      file=sys.stderr)
                return 2
        else:
            executable = name if args.dry_run else find_peer(name, not args.no_install)
            if executable is None:
                print(f"note: {name} is not available; skipping it", file=sys.stderr)
                continue
        checkers.append((name, executable))

    if args.dry_run:
        placeholder_targets = [
            Target(name, tuple(Path(f"<{name}-venv site-packages>/{package}") for package in CORPORA_BY_NAME[name].packages),
                   CORPORA_BY_NAME[name].venv)
            for name in ("rich", "mypy")
        ] + [Target("typeshed", (Path("<typeshed-stubs/stdlib stubs at 3.12>"),), None, TYPESHED),
             Target("conformance", (args.conformance,), None)]
        for target in placeholder_targets:
            if target.name in args.targets:
                for name, executable in checkers:
                    print(shlex.join(check_command(name, executable, target)))
        return 0

    rows = []
    for target in targets(args):
        for name, executable in checkers:
            command = check_command(name, executable, target)
            print(f"timing {name} on {target.name} ...", file=sys.stderr, flush=True)
            memory_run = run_measured(command, args.timeout)
            # Every checker exits 0 or 1 after a check (1: it found errors); anything else
            # means it did not check (a crash, a usage error, mypy's "duplicate module").
            status = ("timeout" if memory_run.timed_out else "panic" if memory_run.panicked
                      else "ok" if memory_run.exit_status in (0, 1) else f"failed (exit {memory_run.exit_status})")
            times = time_runs(command, args.runs, args.timeout) if status == "ok" else []
            rows.append((target.name, name, version_of(executable), times, memory_run, status))

    pytc_medians = {target: statistics.median(times) for target, name, _, times, _, _ in rows if name == "pytc" and times}
    print(f"\n{'target':12} {'checker':8} {'version':24} {'median s':>9} {'min s':>8} {'CPU s':>7} "
          f"{'peak memory':>16} {'pytc/this':>9}  status")
    for target, name, version, times, memory_run, status in rows:
        median = f"{statistics.median(times):.3f}" if times else "-"
        fastest = f"{min(times):.3f}" if times else "-"
        ratio = f"{pytc_medians[target] / statistics.median(times):.2f}" if times and target in pytc_medians else "-"
        print(f"{target:12} {name:8} {version[:24]:24} {median:>9} {fastest:>8} {memory_run.cpu_seconds:>7.2f} "
              f"{format_mib(memory_run.peak_rss_kib):>16} {ratio:>9}  {status}")
    print(f"\ntiming: {'hyperfine' if shutil.which('hyperfine') else 'median of our own runs'}, "
          f"{args.runs} runs each; memory: one extra run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
