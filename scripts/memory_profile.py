#!/usr/bin/env python3
"""Where pytc's memory goes: the heap at its peak, by salsa query and by allocating function.

Runs one `pytc check` of a corpus (see corpus.py) under heaptrack, then reads heaptrack's
record of the heap at its peak and attributes every byte live at that moment to
  - the innermost salsa query that was executing when it was allocated (a tracked function,
    whose frames are generated in salsa's `setup_tracked_fn.rs`; "outside any query" is the
    CLI, the file walk and salsa's own tables), and
  - the innermost pytc or parser function that allocated it,
and prints both tables with the peak heap per line of code checked. This is a measurement,
never part of the test suite.

The binary must use the system allocator, which heaptrack can follow; release builds use
mimalloc. Build one beside the normal binary with
    cargo build --release -p pytc_cli --no-default-features && cp target/release/pytc /tmp/pytc-sysalloc
    cargo build --release -p pytc_cli        # the normal binary again
and pass it with --pytc. heaptrack's record is streamed, never written out in full (the
expanded stacks of a large check take tens of gigabytes).

Examples:
    scripts/memory_profile.py --pytc /tmp/pytc-sysalloc mypy
    scripts/memory_profile.py --pytc /tmp/pytc-sysalloc rich --top 40
"""
import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPORA_BY_NAME, check_command, is_fetched, site_packages  # noqa: E402
from measure import count_sources  # noqa: E402

# A collapsed-stack line of heaptrack_print: `frame;frame;...; COST`, outermost frame first,
# each frame `function (file.rs)`.
QUERY_FRAME = re.compile(r"^(?P<query>[a-z_0-9]+) \(setup_tracked_fn\.rs\)$")
# Frames of that file that belong to salsa's machinery, not to one query.
SALSA_MACHINERY = {"execute", "create_ingredients", "fn_ingredient", "inner_", "new"}
# Frames that say nothing about who allocated: the allocator, std containers, iterator plumbing.
PLUMBING_FILES = re.compile(
    r"\((alloc|raw_vec|mod|boxed|spec_from_iter\w*|spec_extend|in_place_collect|iterator|map|option|"
    r"result|clone|hash_map|set|arc|rc|function|cmp|string|lib|macros|sync|rustc_entry|fetch|"
    r"execute|attach|local|setup_tracked_fn|memo|zalsa_local|active_query|table|interned)\.rs\)$")
GENERIC_NAMES = re.compile(r"^(\{closure|alloc|grow|finish_grow|reserve|push|with_capacity|from_iter|collect|"
                           r"extend|clone|insert|entry|call|map|fold|try_fold|next|new|default|_R)")
# Too few allocations for the system allocator: the binary is still the mimalloc build.
MIN_ALLOCATIONS = 100_000


def run_heaptrack(command, record_base):
    completed = subprocess.run(["heaptrack", "-o", record_base] + command,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"allocations:\s+(\d+)", completed.stderr)
    allocations = int(match.group(1)) if match else 0
    records = sorted(Path(record_base).parent.glob(Path(record_base).name + "*"))
    if not records:
        sys.exit(f"error: heaptrack wrote no record:\n{completed.stderr}")
    return records[0], allocations


def attribute_peak(record):
    """Bytes live at the peak, by innermost query and by innermost allocating function."""
    by_query = collections.Counter()
    by_function = collections.Counter()
    total = 0
    printer = subprocess.Popen(
        ["heaptrack_print", "-f", str(record), "--print-peaks", "0", "--print-allocators", "0",
         "--print-temporary", "0", "--print-leaks", "0", "--print-histogram", "0",
         "--flamegraph-cost-type", "peak", "-F", "/dev/stdout"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in printer.stdout:
        stack, _, cost = line.rstrip("\n").rpartition(" ")
        if not cost.isdigit() or cost == "0":
            continue
        cost = int(cost)
        total += cost
        frames = stack.rstrip(";").split(";")
        query = next((m["query"] for m in map(QUERY_FRAME.match, reversed(frames))
                      if m and m["query"] not in SALSA_MACHINERY), "(outside any query)")
        by_query[query] += cost
        function = next((frame for frame in reversed(frames)
                         if not PLUMBING_FILES.search(frame) and not GENERIC_NAMES.match(frame)), "(unknown)")
        by_function[function] += cost
    printer.wait()
    return total, by_query, by_function


def print_table(title, counter, total, top):
    print(f"\n{title}")
    for name, cost in counter.most_common(top):
        print(f"  {cost / 2**20:8.1f} MiB  {100 * cost / total:5.1f}%  {name}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", choices=sorted(CORPORA_BY_NAME), help="which corpus to check")
    parser.add_argument("--pytc", type=Path, required=True, help="a pytc binary built with --no-default-features")
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    args = parser.parse_args(argv)
    for tool in ("heaptrack", "heaptrack_print"):
        if shutil.which(tool) is None:
            sys.exit(f"error: {tool} is not installed (it comes with the heaptrack package)")
    corpus = CORPORA_BY_NAME[args.corpus]
    if not is_fetched(corpus):
        sys.exit(f"error: {corpus.name} is not fetched; run scripts/corpus.py --fetch-only")
    packages_dir = site_packages(corpus.venv)
    command = check_command(args.pytc.resolve(), corpus, packages_dir)
    files, lines = count_sources([packages_dir / package for package in corpus.packages])
    with tempfile.TemporaryDirectory() as scratch:
        record, allocations = run_heaptrack(command, str(Path(scratch) / "pytc.heaptrack"))
        if allocations < MIN_ALLOCATIONS:
            sys.exit(f"error: only {allocations} allocations were seen: {args.pytc} still uses mimalloc; "
                     "build it with --no-default-features")
        total, by_query, by_function = attribute_peak(record)
    print(f"{corpus.name}: {files} files, {lines} lines checked; {allocations} allocations")
    print(f"peak heap {total / 2**20:.1f} MiB, {total / lines:.0f} bytes per line checked "
          "(the process's resident memory adds the binary, stacks and allocator slack)")
    print_table("live at the peak, by the innermost salsa query that allocated it:", by_query, total, args.top)
    print_table("live at the peak, by the innermost function that allocated it:", by_function, total, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
