#!/usr/bin/env python3
"""Language-server latency benchmark: the time from a one-line `didChange` to the
`publishDiagnostics` that answers it, over many edits to a 5,000-line file, and the time a
completion request takes right after an edit (typing `records.` inside a function: the
members of a list; and on the next line, the names in scope; and in a second open file, a
prefix whose auto-imports come from the edited module), the time a hover takes right
after an edit, and the time a workspace-symbol
search takes over a real project (the mypy corpus's `mypy` package, when scripts/corpus.py has
fetched it: the first search, which reads every module, the first one after a file was opened
and checked and the editor sat idle, and the next ones), for pytc and for
ty's server (`ty server`, pinned in lsp_bench_requirements.txt and installed into a venv).

Usage: scripts/lsp_bench.py [--pytc target/release/pytc] [--edits 100] [--lines 5000] [--edit replace|grow]
                           [--completions 100] [--hovers 50] [--symbols-root DIR] [--no-ty]

Build pytc first (`cargo build --release -p pytc_cli`). Prints the median and p95 in
milliseconds per server, and the server's CPU time per edit (which a busy machine disturbs
less than wall-clock time). A measurement, not a test: it never fails on a slow result.
"""

import argparse
import contextlib
import hashlib
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import queue
import time

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
REQUIREMENTS = REPOSITORY / "scripts" / "lsp_bench_requirements.txt"
VENV = REPOSITORY / "target-lsp-bench" / "venv"
WARM_UP_EDITS = 5
SETTLE_SECONDS = 5
PATIENCE_SECONDS = 60


def mypy_package() -> pathlib.Path | None:
    """The `mypy` package of the mypy corpus (scripts/corpus.py), if it was fetched."""
    found = sorted((REPOSITORY / ".corpora" / "mypy-venv" / "lib").glob("python3*/site-packages/mypy"))
    return found[0] if found else None


def ty_binary() -> str:
    """ty from the pinned requirements, installed into a venv once (reinstalled on change)."""
    stamp = VENV / ".requirements.sha256"
    want = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not (VENV / "bin" / "ty").exists() or not stamp.exists() or stamp.read_text() != want:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--require-hashes", "-r", str(REQUIREMENTS)],
            check=True,
        )
        stamp.write_text(want)
    return str(VENV / "bin" / "ty")


def benchmark_source(lines: int) -> str:
    """A realistic module of about `lines` lines: classes, functions, annotations, calls."""
    chunks = ["from dataclasses import dataclass\nimport os\n\n"]
    index = 0
    while sum(chunk.count("\n") for chunk in chunks) < lines:
        chunks.append(
            f"@dataclass\n"
            f"class Record{index}:\n"
            f"    name: str\n"
            f"    size: int = 0\n"
            f"\n"
            f"    def describe(self) -> str:\n"
            f"        return f\"{{self.name}}: {{self.size}}\"\n"
            f"\n"
            f"\n"
            f"def build_{index}(names: list[str]) -> list[Record{index}]:\n"
            f"    records = [Record{index}(name, len(name)) for name in names]\n"
            f"    total = sum(record.size for record in records)\n"
            f"    if total > {index}:\n"
            f"        records.append(Record{index}(os.sep, total))\n"
            f"    return records\n"
            f"\n"
            f"\n"
        )
        index += 1
    return "".join(chunks)


class Connection:
    """A minimal LSP client over a subprocess's stdio."""

    def __init__(self, command: list[str], root: pathlib.Path):
        env = dict(os.environ, XDG_CACHE_HOME=str(root / ".cache"))
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=root, env=env)
        self.root = root
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params):
        self.next_id += 1
        request_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == request_id and "method" not in message)

    def wait(self, accept):
        deadline = time.monotonic() + PATIENCE_SECONDS
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if "method" in message and "id" in message:
                # A request from the server (configuration, registration): answer it.
                result = [None] * len(message.get("params", {}).get("items", [])) if message["method"] == "workspace/configuration" else None
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                continue
            if accept(message):
                return message

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


def cpu_milliseconds(pid: int) -> float | None:
    """CPU time (user + system) a process and its threads have used, where /proc tells."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def opened_file(command: list[str], source: str, others: dict[str, str] | None = None):
    """A server started on a temporary folder holding `big.py` with `source` (and the files
    `others` names, written before the server starts), initialized, with `big.py` open and
    its first diagnostics in: yields the connection and the file's URI."""
    with tempfile.TemporaryDirectory(prefix="lsp-bench-") as folder:
        root = pathlib.Path(folder)
        path = root / "big.py"
        path.write_text(source)
        for name, text in (others or {}).items():
            (root / name).write_text(text)
        uri = path.as_uri()
        connection = Connection(command, root)
        try:
            connection.request("initialize", {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": "bench"}],
                "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
            })
            connection.notify("initialized", {})
            connection.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": source}})
            connection.wait(lambda message: publishes_for(message, uri))
            yield connection, uri
        finally:
            connection.close()


def publishes_for(message: dict, uri: str) -> bool:
    return message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri


def measure(name: str, command: list[str], edits: int, lines: int, kind: str) -> tuple[list[float], float | None]:
    """Wall-clock latency of each edit, and the server's CPU time per edit on average.

    `kind` "replace" swaps one digit for another (every later position stays put); "grow"
    alternates the value between `0` and `10`, as typing does, so everything after the
    edited line moves."""
    source = benchmark_source(lines)
    with opened_file(command, source) as (connection, uri):
        # The edited line: `    size: int = 0` of a class in the middle of the file.
        target = source.splitlines().index("    size: int = 0", len(source.splitlines()) // 2)
        timings = []
        cpu_before = None
        current = "0"
        for version in range(2, 2 + WARM_UP_EDITS + edits):
            value = str(version % 10) if kind == "replace" else ("10" if version % 2 == 0 else "0")
            end = 16 + len(current)
            current = value
            change = {"range": {"start": {"line": target, "character": 16}, "end": {"line": target, "character": end}}, "text": value}
            started = time.perf_counter()
            connection.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            connection.wait(lambda message: publishes_for(message, uri) and message["params"].get("version", version) == version)
            elapsed = (time.perf_counter() - started) * 1000
            if version == 1 + WARM_UP_EDITS:
                cpu_before = cpu_milliseconds(connection.process.pid)
            if version >= 2 + WARM_UP_EDITS:
                timings.append(elapsed)
        cpu_after = cpu_milliseconds(connection.process.pid)
        cpu_per_edit = (cpu_after - cpu_before) / edits if cpu_before is not None and cpu_after is not None else None
        return timings, cpu_per_edit


def swap_digit(connection: "Connection", uri: str, line: int, version: int, current: str) -> str:
    """Replace the value `current` at column 16 of `line` (`    size: int = 0`) with the
    digit `version % 10`, as document `version`; returns the new value."""
    value = str(version % 10)
    change = {"range": {"start": {"line": line, "character": 16}, "end": {"line": line, "character": 16 + len(current)}}, "text": value}
    connection.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
    return value


def completion_items(answer: dict) -> list:
    """The items of a completion answer (a list, or a CompletionList's items)."""
    result = answer.get("result")
    return result.get("items", []) if isinstance(result, dict) else (result or [])


def measure_completion(command: list[str], requests: int, lines: int) -> tuple[list[float], list[float]]:
    """Latency of completion requests sent right after an edit: alternately `records.` typed
    on a new line of a function in the middle of the file (its members) and that line
    emptied again (the names in scope there)."""
    # A blank line inside a function in the middle of the file, to type on.
    source_lines = benchmark_source(lines).splitlines()
    target = source_lines.index("    return records", len(source_lines) // 2)
    source_lines.insert(target, "")
    with opened_file(command, "\n".join(source_lines) + "\n") as (connection, uri):
        attributes, names = [], []
        current = ""
        for version in range(2, 2 + WARM_UP_EDITS + requests):
            typed = "    records." if version % 2 == 0 else "    "
            change = {"range": {"start": {"line": target, "character": 0}, "end": {"line": target, "character": len(current)}}, "text": typed}
            current = typed
            connection.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            started = time.perf_counter()
            answer = connection.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": target, "character": len(typed)}})
            elapsed = (time.perf_counter() - started) * 1000
            items = completion_items(answer)
            if not items:
                raise RuntimeError(f"no completions at version {version}: {answer}")
            if version >= 2 + WARM_UP_EDITS:
                (attributes if version % 2 == 0 else names).append(elapsed)
        return attributes, names


def measure_completion_elsewhere(command: list[str], requests: int, lines: int) -> list[float]:
    """Latency of a completion in a second open file right after an edit of the big one:
    `Recor` typed in `other.py`, whose answer offers auto-imports of the big module's
    `Record...` classes, so the edited module's public names are read again."""
    source = benchmark_source(lines)
    source_lines = source.splitlines()
    edited = source_lines.index("    size: int = 0", len(source_lines) // 2)
    other_text = "def use():\n    Recor\n"
    with opened_file(command, source, {"other.py": other_text}) as (connection, uri):
        other_uri = (connection.root / "other.py").as_uri()
        connection.notify("textDocument/didOpen", {"textDocument": {"uri": other_uri, "languageId": "python", "version": 1, "text": other_text}})
        connection.wait(lambda message: publishes_for(message, other_uri))
        timings = []
        current = "0"
        for version in range(2, 2 + WARM_UP_EDITS + requests):
            current = swap_digit(connection, uri, edited, version, current)
            started = time.perf_counter()
            answer = connection.request("textDocument/completion", {"textDocument": {"uri": other_uri}, "position": {"line": 1, "character": 9}})
            elapsed = (time.perf_counter() - started) * 1000
            items = completion_items(answer)
            if not any(item.get("label", "").startswith("Record") for item in items):
                raise RuntimeError(f"no Record... completion at version {version}: {answer}")
            if version >= 2 + WARM_UP_EDITS:
                timings.append(elapsed)
        return timings


def measure_hover(command: list[str], requests: int, lines: int) -> list[float]:
    """Latency of hover requests sent right after an edit: the edit swaps a digit on a line
    in the middle of the file, the hover asks about `total` in a function just below it."""
    source = benchmark_source(lines)
    source_lines = source.splitlines()
    edited = source_lines.index("    size: int = 0", len(source_lines) // 2)
    hovered = source_lines.index("    total = sum(record.size for record in records)", edited)
    with opened_file(command, source) as (connection, uri):
        timings = []
        current = "0"
        for version in range(2, 2 + WARM_UP_EDITS + requests):
            current = swap_digit(connection, uri, edited, version, current)
            started = time.perf_counter()
            answer = connection.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": hovered, "character": 5}})
            elapsed = (time.perf_counter() - started) * 1000
            if not answer.get("result"):
                raise RuntimeError(f"no hover at version {version}: {answer}")
            if version >= 2 + WARM_UP_EDITS:
                timings.append(elapsed)
        return timings


def report_hover(name: str, timings: list[float]):
    median, p95 = median_and_p95(timings)
    print(f"{name:<6} hover              median {median:7.2f} ms   p95 {p95:7.2f} ms   ({len(timings)} requests)")


SYMBOL_QUERIES = ["Type", "checker", "visit_call", "TypeInfo", "semanal", "expr", "Node", "fmt", "analyze", "state"]


def measure_workspace_symbols(command: list[str], root: pathlib.Path, rounds: int, settle: bool = False) -> tuple[float, list[float], int]:
    """The first workspace-symbol search in `root` (every module read), then `rounds` rounds
    of SYMBOL_QUERIES: the times, and how many searches found nothing (every query names
    something in mypy, so an empty answer is a miss). With `settle`, the first search comes
    as it does in use: after a file was opened, its diagnostics arrived and the editor sat
    idle for SETTLE_SECONDS (a server may read its indexes ahead then)."""
    connection = Connection(command, root)
    try:
        connection.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": "symbols"}],
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
        })
        connection.notify("initialized", {})
        if settle:
            opened = sorted(root.rglob("*.py"))[0]
            uri = opened.as_uri()
            connection.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": opened.read_text()}})
            connection.wait(lambda message: publishes_for(message, uri))
            time.sleep(SETTLE_SECONDS)
        timings, empty = [], 0
        for index in range(1 + rounds * len(SYMBOL_QUERIES)):
            query = SYMBOL_QUERIES[index % len(SYMBOL_QUERIES)]
            started = time.perf_counter()
            answer = connection.request("workspace/symbol", {"query": query})
            timings.append((time.perf_counter() - started) * 1000)
            empty += not answer.get("result")
        return timings[0], timings[1:], empty
    finally:
        connection.close()


def report_symbols(name: str, measured: tuple[float, list[float], int]):
    first, timings, empty = measured
    median, p95 = median_and_p95(timings)
    print(f"{name:<6} workspace symbols: first {first:8.2f} ms   then median {median:7.2f} ms   p95 {p95:7.2f} ms"
          f"   ({len(timings) + 1} searches, {empty} found nothing)")


def report_settled(name: str, measured: tuple[float, list[float], int]):
    first, _, empty = measured
    print(f"{name:<6} workspace symbols: first after a file was checked and {SETTLE_SECONDS} s idle {first:8.2f} ms"
          f"{'   (found nothing)' if empty else ''}")


def median_and_p95(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]


def report_completion(name: str, measured: tuple[list[float], list[float]]):
    for what, timings in zip(("after .", "names"), measured):
        median, p95 = median_and_p95(timings)
        print(f"{name:<6} completion {what:<8} median {median:7.2f} ms   p95 {p95:7.2f} ms   ({len(timings)} requests)")


def report_elsewhere(name: str, timings: list[float]):
    median, p95 = median_and_p95(timings)
    print(f"{name:<6} completion in other.py median {median:7.2f} ms   p95 {p95:7.2f} ms   ({len(timings)} requests)")


def report(name: str, measured: tuple[list[float], float | None]):
    timings, cpu_per_edit = measured
    median, p95 = median_and_p95(timings)
    cpu = f"   server CPU {cpu_per_edit:6.2f} ms/edit" if cpu_per_edit is not None else ""
    print(f"{name:<6} median {median:7.2f} ms   p95 {p95:7.2f} ms{cpu}   ({len(timings)} edits)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pytc", default=str(REPOSITORY / "target" / "release" / "pytc"))
    parser.add_argument("--edit", choices=["replace", "grow"], default="replace",
                        help="replace a digit (positions after the edit stay) or grow/shrink the line (they move)")
    parser.add_argument("--edits", type=int, default=100, help="edits to time (0: none)")
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--completions", type=int, default=100, help="completion requests to time (0: none)")
    parser.add_argument("--hovers", type=int, default=50, help="hover requests to time (0: none)")
    parser.add_argument("--symbols-root", type=pathlib.Path, default=mypy_package(),
                        help="the project to search workspace symbols in (default: the mypy corpus's mypy package)")
    parser.add_argument("--symbol-rounds", type=int, default=5, help="rounds of workspace-symbol queries (0: none)")
    parser.add_argument("--no-ty", action="store_true", help="measure pytc only")
    arguments = parser.parse_args()
    # The servers run in their own folders: a relative path would not be found there.
    arguments.pytc = str(pathlib.Path(arguments.pytc).resolve())
    if not os.access(arguments.pytc, os.X_OK):
        print(f"no pytc binary at {arguments.pytc}: run `cargo build --release -p pytc_cli`", file=sys.stderr)
        return 2
    if arguments.edits > 0:
        print(f"didChange -> publishDiagnostics, one-line edit ({arguments.edit}) in a {arguments.lines}-line file")
        report("pytc", measure("pytc", [arguments.pytc, "lsp"], arguments.edits, arguments.lines, arguments.edit))
        if not arguments.no_ty:
            report("ty", measure("ty", [ty_binary(), "server"], arguments.edits, arguments.lines, arguments.edit))
    if arguments.completions > 0:
        print(f"completion right after an edit, in a {arguments.lines}-line file")
        report_completion("pytc", measure_completion([arguments.pytc, "lsp"], arguments.completions, arguments.lines))
        if not arguments.no_ty:
            report_completion("ty", measure_completion([ty_binary(), "server"], arguments.completions, arguments.lines))
        print(f"completion in a second file right after an edit of the {arguments.lines}-line file (auto-imports from it)")
        report_elsewhere("pytc", measure_completion_elsewhere([arguments.pytc, "lsp"], arguments.completions, arguments.lines))
        if not arguments.no_ty:
            report_elsewhere("ty", measure_completion_elsewhere([ty_binary(), "server"], arguments.completions, arguments.lines))
    if arguments.hovers > 0:
        print(f"hover right after an edit, in a {arguments.lines}-line file")
        report_hover("pytc", measure_hover([arguments.pytc, "lsp"], arguments.hovers, arguments.lines))
        if not arguments.no_ty:
            report_hover("ty", measure_hover([ty_binary(), "server"], arguments.hovers, arguments.lines))
    if arguments.symbol_rounds > 0:
        if arguments.symbols_root is None or not arguments.symbols_root.is_dir():
            print("workspace symbols: no project to search (run scripts/corpus.py --fetch-only, or pass --symbols-root)")
        else:
            print(f"workspace symbols in {arguments.symbols_root}")
            report_symbols("pytc", measure_workspace_symbols([arguments.pytc, "lsp"], arguments.symbols_root, arguments.symbol_rounds))
            report_settled("pytc", measure_workspace_symbols([arguments.pytc, "lsp"], arguments.symbols_root, 0, settle=True))
            if not arguments.no_ty:
                report_symbols("ty", measure_workspace_symbols([ty_binary(), "server"], arguments.symbols_root, arguments.symbol_rounds))
                report_settled("ty", measure_workspace_symbols([ty_binary(), "server"], arguments.symbols_root, 0, settle=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
