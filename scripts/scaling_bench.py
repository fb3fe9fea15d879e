#!/usr/bin/env python3
"""How pytc's time and memory grow with the amount of code checked. A benchmark, never a test.

Checks 1, 2, 4 and 8 copies of the rich corpus (see corpus.py) in one run. Copy k is the
package renamed `rich_k`, with its absolute imports of `rich` rewritten to `rich_k`, so the
copies are distinct modules that each import their own copy (the same code, the same work per
copy, nothing shared but the stdlib and the environment). For each size the table prints wall
time, CPU time (user + system), peak memory, bytes of peak memory per line checked, and the
ratios to one copy; a checker that scales linearly shows time and memory ratios near the copy
count. Each size is checked with pytc's full parallelism and again on one thread
(`RAYON_NUM_THREADS=1`): the last column is what the extra cores buy.

Peers (found as bench.py finds them, never installed by this script) are timed on the same
copies beside pytc when named with --peers.

Examples:
    scripts/scaling_bench.py                              # target/release/pytc, 1 2 4 8 copies
    scripts/scaling_bench.py --copies 1 2 4 --runs 3 --peers zuban ty
    scripts/scaling_bench.py --dry-run                    # print the commands, run nothing
"""
import argparse
import re
import shlex
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Target, check_command, find_peer  # noqa: E402
from corpus import CORPORA_BY_NAME, is_fetched, site_packages  # noqa: E402
from measure import count_sources, format_mib, run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "rich"
# `import rich`, `import rich.x`, `from rich import`, `from rich.x import` at any indentation.
ABSOLUTE_IMPORT = re.compile(rf"^(\s*(?:from|import)\s+){PACKAGE}\b", re.MULTILINE)


def make_copies(source: Path, workspace: Path, count: int):
    """Copies 1..count of the package under `workspace`, each renamed and importing itself."""
    folders = []
    for k in range(1, count + 1):
        destination = workspace / f"{PACKAGE}_{k}"
        if not destination.exists():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            for path in destination.rglob("*.py"):
                text = path.read_text(encoding="utf-8")
                path.write_text(ABSOLUTE_IMPORT.sub(rf"\g<1>{PACKAGE}_{k}", text), encoding="utf-8")
        folders.append(destination)
    return folders


def command_for(checker: str, executable: str, venv: Path, folders):
    """`checker`'s command on the copies, as bench.py runs it on a corpus."""
    return check_command(checker, executable, Target(PACKAGE, tuple(folders), venv))


def measure(command, runs: int, timeout: float, env=None):
    """Median wall, median CPU and the largest peak memory of `runs` runs, or None on failure."""
    measurements = [run_measured(command, timeout, env=env) for _ in range(runs)]
    if any(m.timed_out or m.panicked or m.exit_status not in (0, 1) for m in measurements):
        return None
    return (statistics.median(m.wall_seconds for m in measurements),
            statistics.median(m.cpu_seconds for m in measurements),
            max(m.peak_rss_kib or 0 for m in measurements))


def print_plan(args):
    """The commands a run would time, with placeholders for the copies' folder."""
    venv = CORPORA_BY_NAME[PACKAGE].venv
    for count in sorted(args.copies):
        folders = [Path(f"<copies>/{PACKAGE}_{k}") for k in range(1, count + 1)]
        for name in ["pytc", *args.peers]:
            command = shlex.join(command_for(name, name if name != "pytc" else str(args.pytc), venv, folders))
            print(command)
            if name == "pytc":
                print(f"RAYON_NUM_THREADS=1 {command}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pytc", type=Path, default=ROOT / "target" / "release" / "pytc")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4, 8], help="sizes to check (default 1 2 4 8)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and checker (default 3)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--peers", nargs="*", default=[], choices=["ty", "pyrefly", "zuban"],
                        help="peers to time beside pytc (default: none)")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    if args.dry_run:
        return print_plan(args)
    corpus = CORPORA_BY_NAME[PACKAGE]
    if not is_fetched(corpus):
        print("error: the rich corpus is not fetched; run scripts/corpus.py --fetch-only", file=sys.stderr)
        return 2
    if not args.pytc.is_file():
        print(f"error: {args.pytc} does not exist; build it with `cargo build --release -p pytc_cli`", file=sys.stderr)
        return 2
    checkers = [("pytc", str(args.pytc))]
    for name in args.peers:
        executable = find_peer(name, install=False)
        if executable:
            checkers.append((name, executable))
        else:
            print(f"note: {name} is not available; skipping it", file=sys.stderr)

    source = site_packages(corpus.venv) / PACKAGE
    rows = []
    with tempfile.TemporaryDirectory(prefix="pytc-scaling-") as workspace:
        for count in sorted(args.copies):
            folders = make_copies(source, Path(workspace), count)
            files, lines = count_sources(folders)
            for name, executable in checkers:
                command = command_for(name, executable, corpus.venv, folders)
                print(f"{name}: {count} copies ({lines} lines) ...", file=sys.stderr, flush=True)
                parallel = measure(command, args.runs, args.timeout)
                single = measure(command, args.runs, args.timeout, env={"RAYON_NUM_THREADS": "1"}) if name == "pytc" else None
                rows.append((name, count, lines, parallel, single))

    print(f"\n{'checker':8} {'copies':>6} {'lines':>8} {'wall s':>8} {'x1 wall':>8} {'CPU s':>7} "
          f"{'peak memory':>12} {'x1 mem':>7} {'B/line':>7} {'1-thread s':>10} {'cores buy':>9}")
    for name, count, lines, parallel, single in rows:
        first = next((p for n, c, _, p, _ in rows if n == name and c == min(args.copies) and p), None)
        if parallel is None:
            print(f"{name:8} {count:>6} {lines:>8}  failed (timeout, panic or crash)")
            continue
        wall, cpu, peak_kib = parallel
        wall_ratio = f"{wall / first[0]:.2f}" if first else "-"
        memory_ratio = f"{peak_kib / first[2]:.2f}" if first and first[2] else "-"
        per_line = f"{peak_kib * 1024 / lines:.0f}" if lines else "-"
        single_wall = f"{single[0]:.3f}" if single else "-"
        speedup = f"{single[0] / wall:.2f}" if single else "-"
        print(f"{name:8} {count:>6} {lines:>8} {wall:>8.3f} {wall_ratio:>8} {cpu:>7.2f} {format_mib(peak_kib):>12} "
              f"{memory_ratio:>7} {per_line:>7} {single_wall:>10} {speedup:>9}")
    print(f"\n{args.runs} runs per row: median wall and CPU, largest peak memory; x1 = ratio to "
          f"{min(args.copies)} cop{'y' if min(args.copies) == 1 else 'ies'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
