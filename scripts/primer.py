#!/usr/bin/env python3
"""The real-code primer: check many real packages with one pytc build, or with two and show
what changed between them (like mypy_primer).

Installs the pinned, hash-checked wheels of scripts/corpora/primer.txt (at least 25 typed and
untyped pure-Python distributions) into one virtualenv, .corpora/primer-venv, then checks each
distribution's top-level modules with `pytc check --output-format concise --python <venv>`,
one run per distribution with its own timeout, and reports per distribution: files, lines,
diagnostics, wall time, panics (exit status 101, "panicked at" or an `internal-error`
diagnostic) and hangs (killed at --timeout); then the diagnostics by rule and, with --base and
--new, every diagnostic that one build reports and the other does not. This is a measurement,
never part of the test suite. The exit status is 1 when a build panicked or hung.

Examples:
    scripts/primer.py                                        # target/release/pytc on every package
    scripts/primer.py --base /tmp/pytc-main --new target/release/pytc
    scripts/primer.py attrs click --timeout 60               # only these distributions
    scripts/primer.py --fetch-only | --dry-run
"""
import argparse
import collections
import importlib.metadata
import re
import shlex
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import site_packages, venv_python  # noqa: E402
from measure import CONCISE_LINE, count_sources, run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "scripts" / "corpora" / "primer.txt"
VENV = ROOT / ".corpora" / "primer-venv"
STAMP = VENV / "pytc-primer.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)\s+--hash=sha256:[0-9a-f]{64}\s*$")


def pins():
    """(name, version) of every pinned distribution, in the lock's order."""
    found = []
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = PIN.match(line)
            if not match:
                raise SystemExit(f"error: {LOCK.name}: `{line}` is not `name==version --hash=sha256:...`")
            found.append((match["name"], match["version"]))
    return found


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def install_command():
    return [str(venv_python(VENV)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--no-deps", "--require-hashes", "--only-binary=:all:", "-r", str(LOCK)]


def fetch():
    print(f"fetching the primer packages into {VENV.relative_to(ROOT)} ...", flush=True)
    venv.EnvBuilder(clear=True, with_pip=True).create(VENV)
    subprocess.run(install_command(), check=True)
    STAMP.write_text(LOCK.read_text())


def is_fetched() -> bool:
    return STAMP.is_file() and STAMP.read_text() == LOCK.read_text()


def top_level_modules(packages_dir: Path):
    """Distribution name (normalized) -> the site-packages paths of its top-level modules,
    from each installed distribution's RECORD."""
    modules = {}
    for dist in importlib.metadata.distributions(path=[str(packages_dir)]):
        tops = set()
        for file in dist.files or ():
            parts = Path(file).parts
            if not parts or parts[0].endswith((".dist-info", ".data")) or parts[0] in ("..", "bin", "__pycache__"):
                continue
            if len(parts) == 1 and not parts[0].endswith((".py", ".pyi")):
                continue
            tops.add(parts[0])
        modules[normalize(dist.metadata["Name"])] = sorted(packages_dir / top for top in tops)
    return modules


def venv_python_version() -> str:
    """The venv's X.Y, from its lib/pythonX.Y folder: passed explicitly, so a base build that
    does not take the target version from the environment compares at the same version."""
    folders = sorted((VENV / "lib").glob("python3.*"))
    return folders[0].name.removeprefix("python") if folders else f"{sys.version_info.major}.{sys.version_info.minor}"


def check_command(pytc: Path, paths):
    return [str(pytc), "check", "--output-format", "concise", "--no-progress", "--python", str(VENV),
            "--python-version", venv_python_version(), *map(str, paths)]


@dataclass
class Run:
    """One build's check of one distribution."""

    seconds: float
    timed_out: bool
    panicked: bool
    diagnostics: list = field(default_factory=list)
    stderr_tail: str = ""


def check(pytc: Path, paths, timeout: float) -> Run:
    measurement = run_measured(check_command(pytc, paths), timeout)
    diagnostics = [line for line in measurement.stdout.splitlines() if CONCISE_LINE.match(line)]
    internal = any("[internal-error]" in line for line in diagnostics)
    return Run(measurement.wall_seconds, measurement.timed_out, measurement.panicked or internal, diagnostics,
               "\n".join(measurement.stderr.splitlines()[-5:]))


def rule_of(line: str) -> str:
    match = CONCISE_LINE.match(line)
    return f"{match['severity']}[{match['rule']}]" if match else "?"


def status(run: Run) -> str:
    return "HANG" if run.timed_out else "PANIC" if run.panicked else "ok"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="*", metavar="DIST", help="which pinned distributions (default: all)")
    parser.add_argument("--pytc", type=Path, default=ROOT / "target" / "release" / "pytc",
                        help="the build to check with (default: target/release/pytc)")
    parser.add_argument("--base", type=Path, help="compare two builds: the old one ...")
    parser.add_argument("--new", type=Path, help="... and the new one (--pytc is then unused)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per distribution before a check is a hang")
    parser.add_argument("--show", type=int, default=200, help="changed diagnostics to print at most")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fetch-only", action="store_true", help="set up .corpora/primer-venv and stop")
    mode.add_argument("--no-fetch", action="store_true", help="fail instead of fetching a missing environment")
    mode.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    if (args.base is None) != (args.new is None):
        parser.error("--base and --new go together")
    pinned = pins()
    by_name = {normalize(name): (name, version) for name, version in pinned}
    unknown = [name for name in args.packages if normalize(name) not in by_name]
    if unknown:
        parser.error(f"unknown distribution {', '.join(unknown)}; {LOCK.name} pins {', '.join(by_name)}")
    selected = [normalize(name) for name in args.packages] or list(by_name)
    builds = [("base", args.base), ("new", args.new)] if args.base else [("pytc", args.pytc)]

    if args.dry_run:
        print(f"# {len(pinned)} distributions pinned in scripts/corpora/{LOCK.name}")
        print(f"python3 -m venv {VENV.relative_to(ROOT)}")
        print(shlex.join(install_command()))
        for name in selected:
            for label, pytc in builds:
                print(f"# {label}: {by_name[name][0]} {by_name[name][1]}")
                print(shlex.join(check_command(pytc, [f"<top-level modules of {by_name[name][0]}>"])))
        return 0

    if not is_fetched():
        if args.no_fetch:
            print("error: the primer is not fetched; run scripts/primer.py --fetch-only", file=sys.stderr)
            return 2
        fetch()
    if args.fetch_only:
        return 0
    for _, pytc in builds:
        if not pytc.is_file():
            print(f"error: {pytc} does not exist; build it with `cargo build --release -p pytc_cli`", file=sys.stderr)
            return 2

    modules = top_level_modules(site_packages(VENV))
    failed = False
    rules = {label: collections.Counter() for label, _ in builds}
    added, removed = [], []
    header = f"{'distribution':28s} {'files':>6s} {'lines':>7s}"
    for label, _ in builds:
        header += f" {label + ' diags':>11s} {label + ' s':>8s} {'':6s}"
    print(header)
    for name in selected:
        paths = modules.get(name, [])
        files, lines = count_sources(paths)
        row = f"{by_name[name][0] + ' ' + by_name[name][1]:28s} {files:6d} {lines:7d}"
        runs = {}
        for label, pytc in builds:
            run = check(pytc, paths, args.timeout)
            runs[label] = run
            rules[label].update(rule_of(line) for line in run.diagnostics)
            row += f" {len(run.diagnostics):11d} {run.seconds:8.2f} {status(run):6s}"
            failed |= run.timed_out or run.panicked
        print(row, flush=True)
        for label, run in runs.items():
            if run.timed_out or run.panicked:
                print(f"   !! {status(run)} with {label}: {shlex.join(check_command(dict(builds)[label], paths))}")
                for line in [line for line in run.diagnostics if "[internal-error]" in line][:5] or run.stderr_tail.splitlines():
                    print(f"      {line}")
        if args.base:
            base, new = collections.Counter(runs["base"].diagnostics), collections.Counter(runs["new"].diagnostics)
            added += sorted((new - base).elements())
            removed += sorted((base - new).elements())

    print()
    print("diagnostics by rule:")
    all_rules = sorted(set().union(*rules.values()), key=lambda rule: (-max(c[rule] for c in rules.values()), rule))
    for rule in all_rules:
        print("  " + " ".join(f"{rules[label][rule]:7d}" for label, _ in builds) + f"  {rule}")
    print("  " + " ".join(f"{sum(rules[label].values()):7d}" for label, _ in builds) + "  total")
    if args.base:
        print()
        print(f"changed diagnostics: {len(added)} added (>), {len(removed)} removed (<)")
        site = str(site_packages(VENV)) + "/"
        for sign, lines in ((">", added), ("<", removed)):
            for line in lines[: args.show]:
                print(f"{sign} {line.replace(site, '')}")
            if len(lines) > args.show:
                print(f"{sign} ... {len(lines) - args.show} more")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
