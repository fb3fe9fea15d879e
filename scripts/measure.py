#!/usr/bin/env python3
"""Run one type-checker command and report what it found and what it cost.

Usage:
    measure.py [--timeout SECONDS] [--count DIR ...] [--label NAME] -- COMMAND ...

Prints the Python files and lines under each --count folder, the wall time, the peak memory
(maximum resident set size of the command: from GNU `/usr/bin/time -v` when present, else from
wait4, which also counts the memory of the Python process the command was forked from), the exit
status, and the diagnostics
of `--output-format concise` output counted by severity and rule. A panic (exit status 101 or
"panicked at" on stderr) and a timeout are reported on their own line, loudly.

Also imported by corpus.py and bench.py for `run_measured`, `count_sources` and
`count_diagnostics`.
"""
import argparse
import collections
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# `path:line:col: severity[rule] message`, pytc's concise format.
CONCISE_LINE = re.compile(r"^.+?:\d+:\d+: (?P<severity>error|warning|info)\[(?P<rule>[\w-]+)\] ")
PANIC_EXIT_STATUS = 101
GNU_TIME = "/usr/bin/time"
GNU_TIME_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def gnu_time_available() -> bool:
    """Whether /usr/bin/time is GNU time (it understands -v and -o)."""
    if not os.access(GNU_TIME, os.X_OK):
        return False
    probe = subprocess.run([GNU_TIME, "-v", "-o", os.devnull, "true"], capture_output=True)
    return probe.returncode == 0


@dataclass
class Measurement:
    """What one run of a command produced and cost."""

    command: list
    exit_status: int | None  # None when the command timed out
    wall_seconds: float
    peak_rss_kib: int | None  # None when the command was killed before it could be measured
    cpu_seconds: float  # user + system time of the command and the processes it waited for
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.exit_status is None

    @property
    def panicked(self) -> bool:
        return self.exit_status == PANIC_EXIT_STATUS or "panicked at" in self.stderr


def run_measured(command, timeout, cwd=None, env=None) -> Measurement:
    """Run `command` to completion (or until `timeout` seconds), measuring its wall time and
    peak resident memory. Output goes through temporary files so a large report cannot block
    the command on a full pipe. `env` adds to (or overrides) this process's environment."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as time_report:
        with_gnu_time = gnu_time_available()
        wrapped = [GNU_TIME, "-v", "-o", time_report.name, *command] if with_gnu_time else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=out, stderr=err, cwd=cwd, start_new_session=True,
                                   env={**os.environ, **env} if env else None)
        deadline = start + timeout
        status = None
        rusage = None
        while True:
            pid, raw_status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid != 0:
                status = os.waitstatus_to_exitcode(raw_status)
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                _, _, rusage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
        process.returncode = status if status is not None else -signal.SIGKILL
        out.seek(0)
        err.seek(0)
        gnu_peak = GNU_TIME_PEAK.search(time_report.read())
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        peak = rusage.ru_maxrss // 1024 if sys.platform == "darwin" else rusage.ru_maxrss
        if gnu_peak:
            peak = int(gnu_peak.group(1))
        elif status is None and with_gnu_time:
            # GNU time was killed with the command and wrote nothing; what wait4 saw is
            # only time's own memory.
            peak = None
        return Measurement(
            command=list(command),
            exit_status=status,
            wall_seconds=wall,
            peak_rss_kib=peak,
            cpu_seconds=rusage.ru_utime + rusage.ru_stime,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def count_sources(folders):
    """(files, lines) of the .py and .pyi files under the folders (or of the files named)."""
    files = lines = 0
    for folder in folders:
        for path in [Path(folder)] if Path(folder).is_file() else Path(folder).rglob("*"):
            if path.suffix in (".py", ".pyi") and path.is_file():
                files += 1
                with open(path, "rb") as handle:
                    lines += sum(1 for _ in handle)
    return files, lines


def count_diagnostics(concise_output):
    """Counter of (severity, rule) over the diagnostic lines of concise output."""
    counts = collections.Counter()
    for line in concise_output.splitlines():
        match = CONCISE_LINE.match(line)
        if match:
            counts[(match["severity"], match["rule"])] += 1
    return counts


def format_mib(kib):
    return "unknown (killed)" if kib is None else f"{kib / 1024:.1f} MiB"


def shorten_command(command, limit=12) -> str:
    """The command as a line, with a long argument list elided after `limit` arguments."""
    shown = ' '.join(map(str, command[:limit]))
    return shown if len(command) <= limit else f"{shown} ... ({len(command) - limit} more arguments)"


def report(label, measurement: Measurement, count_folders=()):
    """Print a human-readable summary of one measured run."""
    print(f"== {label}")
    print(f"   command:     {shorten_command(measurement.command)}")
    if count_folders:
        files, lines = count_sources(count_folders)
        print(f"   files:       {files} ({lines} lines)")
    print(f"   wall time:   {measurement.wall_seconds:.2f} s")
    print(f"   peak memory: {format_mib(measurement.peak_rss_kib)}")
    if measurement.timed_out:
        print(f"   !! TIMED OUT: killed after {measurement.wall_seconds:.0f} s; the counts below are partial")
    else:
        print(f"   exit status: {measurement.exit_status}")
    if measurement.panicked:
        print("   !! PANIC: pytc crashed; the panic message follows")
        panic_lines = [line for line in measurement.stderr.splitlines() if "panicked" in line or "internal" in line]
        for line in panic_lines[:10] or measurement.stderr.splitlines()[-10:]:
            print(f"      {line}")
    counts = count_diagnostics(measurement.stdout)
    by_severity = collections.Counter()
    for (severity, _), count in counts.items():
        by_severity[severity] += count
    summary = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    print(f"   diagnostics: {sum(counts.values())} ({summary or 'none'})")
    for (severity, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"   {count:8d}  {severity:7s} {rule}")
    if not counts and measurement.stderr.strip() and not measurement.panicked:
        print("   stderr (last lines):")
        for line in measurement.stderr.splitlines()[-5:]:
            print(f"      {line}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before the command is killed")
    parser.add_argument("--count", action="append", default=[], metavar="DIR", help="count files and lines here")
    parser.add_argument("--label", default="run", help="the heading of the report")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to measure after --")
    measurement = run_measured(command, args.timeout)
    report(args.label, measurement, args.count)
    return 1 if measurement.timed_out or measurement.panicked else 0


if __name__ == "__main__":
    sys.exit(main())
