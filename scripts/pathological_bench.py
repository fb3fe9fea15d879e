#!/usr/bin/env python3
"""Time pytc (and ty, when found) on generated pathological inputs.

Each case is a small project written into a temporary folder: self-bounded type variables,
chains of `==` narrowing, `len()` comparisons in a loop, a `match` and `if` chains (`is`,
`==`) over a 2,000-member enum, mutually recursive functions, chains of property
redefinitions and of bindings that read the one before twice, self-referential stub
annotations, deep literals and annotations, a deep class hierarchy, an import cycle, a 10 MB
line, a million lines, star-import chains and a large Literal. For every case and checker it
prints the wall time in seconds, the processor time (user + system), the peak memory (maximum
resident set) in MB and the exit status; a run past --timeout is a hang.
The answers are asserted by `crates/pytc_types/tests/pathological.rs`; this script only
measures. Build first with `cargo build --release -p pytc_cli`.

    scripts/pathological_bench.py                 # every case
    scripts/pathological_bench.py eq_chain_20 import_cycle_1000 --timeout 30
    scripts/pathological_bench.py --ty .corpora/peers/bin/ty
    scripts/pathological_bench.py --list
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def typevar_self_bounds():
    return {
        "pep695.py": "def f[T: T](x: T) -> None:\n    x.attr\n    x + 1\n    x[0]\n",
        "legacy.py": 'from typing import TypeVar\nT = TypeVar("T", bound="T")\nU = TypeVar("U", bound="V")\n'
        'V = TypeVar("V", bound="U")\nW = TypeVar("W", "W", int)\n'
        "def f(x: T, y: U, z: W) -> None:\n    x.attr\n    y + 1\n    z[0]\n",
    }


def eq_chain(n):
    return {"main.py": "x = input()\ny = input()\n" + "if x == y:\n    y.z()\n" * n}


def elif_chain_in_loop(n):
    constants = "".join(f"B{i} = 'b{i}'\n" for i in range(n))
    branches = "".join(f"        elif x == mod.B{i}:\n            self.close()\n            x = mod.B{i}\n" for i in range(1, n))
    main = f"import mod\ndef f(self) -> None:\n    while True:\n        x = self.etc[2]\n        if x == mod.B0:\n            pass\n{branches}"
    return {"mod.py": constants, "main.py": main}


def enum_match(n):
    """A `match` over every member of an `n`-member enum."""
    members = "".join(f"    M{i} = {i}\n" for i in range(n))
    cases = "".join(f"        case Big.M{i}:\n            return {i}\n" for i in range(n))
    return {"main.py": f"from enum import Enum\nclass Big(Enum):\n{members}def f(b: Big) -> int:\n    match b:\n{cases}"}


def enum_chain(n, test):
    """An `if`/`elif` chain testing `b` with `test` (`is`, `==`) against every member of an
    `n`-member enum."""
    members = "".join(f"    M{i} = {i}\n" for i in range(n))
    tests = "".join(f"    {'if' if i == 0 else 'elif'} b {test} Big.M{i}:\n        return {i}\n" for i in range(n))
    return {"main.py": f"from enum import Enum\nclass Big(Enum):\n{members}def f(b: Big) -> int:\n{tests}"}


def enum_if_chain(n):
    """An `if`/`elif` chain of identity tests over every member of an `n`-member enum."""
    return enum_chain(n, "is")


def enum_eq_chain(n):
    """An `if`/`elif` chain of `==` tests over every member of an `n`-member enum."""
    return enum_chain(n, "==")


def mutual_recursion(n):
    """`n` functions with inferred return types calling each other around one cycle."""
    functions = "".join(f"def f{i}(x: int):\n    if x:\n        return f{(i + 1) % n}(x - 1)\n    return {i}\n" for i in range(n))
    return {"main.py": functions + "reveal_type(f0(1))\n"}


def length_tests_in_loop(n):
    """`len(a) op len(b)` tests between names reassigned in the branches of a loop."""
    branches = "".join(
        f"                elif isinstance(shape, C{i}):\n                    wanted = [value] * {i}\n" for i in range(n)
    )
    classes = "".join(f"class C{i}: pass\n" for i in range(n))
    tests = "".join(
        f"        if len({a}) {op} len({b}):\n            continue\n"
        for a, op, b in [("wanted", "!=", "found"), ("found", ">", "wanted"), ("wanted", "<", "values"), ("found", "<=", "wanted"), ("values", ">", "wanted")] * (n // 2 + 1)
    )
    main = (
        f"{classes}def f(groups: list[list[int]], values: list[object], value: object, shape: object, expand: bool) -> None:\n"
        "    for group in groups:\n        if expand:\n            found = [values[i] for i in group]\n"
        "            if isinstance(value, int):\n                if isinstance(shape, str):\n                    wanted = ()\n"
        f"{branches}                else:\n                    wanted = [shape] * len(group)\n"
        "            else:\n                wanted = [value] * len(group)\n"
        f"        assert len(found) == len(group) == len(values)\n{tests}"
    )
    return {"main.py": main}


def property_redefinitions(n):
    """A property redefined `n` times by `@x.setter`/`@x.getter`/`@x.deleter`, and the
    fuzzer's shape: `n` module-level `@celsius.setter` redefinitions of a name that is not a
    property (each decorator reads the `def` before it)."""
    accessors = [
        "    @celsius.setter\n    def celsius(self, value: float) -> None:\n        pass\n",
        "    @celsius.getter\n    def celsius(self) -> float:\n        return 2.0\n",
        "    @celsius.deleter\n    def celsius(self) -> None:\n        pass\n",
    ]
    chain = "".join(accessors[i % 3] for i in range(n))
    main = f"class C:\n    @property\n    def celsius(self) -> float:\n        return 1.0\n{chain}C().celsius = 'x'\n"
    loose = "@celsius.setter\ndef celsius(self, value: float) -> None:\n    pass\n" * n
    return {"main.py": main, "loose.py": loose}


def rereading_bindings(n):
    """`n` bindings that each read the one before twice: annotated assignments,
    `functools.wraps` redefinitions of one name."""
    annotated = "a0: int = 1\n" + "".join(f"a{i}: int = a{i - 1} + a{i - 1}\n" for i in range(1, n))
    wrapped = "import functools\ndef f(x: int) -> int:\n    return x\n" + (
        "@functools.wraps(f)\ndef f(*args, **kwargs):\n    return f(*args, **kwargs) + f(*args, **kwargs)\n" * n
    )
    return {"annotated.py": annotated, "wrapped.py": wrapped}


def self_annotations(n):
    return {"stub.pyi": "a: a\n" * n}


def paren_groups(n):
    return {"stub.pyi": "x: " + "(a: " * n + "\n"}


def deep_list_literal(depth):
    return {"main.py": f"y: {'list[' * depth}int{']' * depth} = {'[' * depth}\"s\"{']' * depth}\n"}


def class_hierarchy(depth):
    classes = "class C0: pass\n" + "".join(f"class C{i}(C{i - 1}): pass\n" for i in range(1, depth))
    return {"main.py": classes + f"C{depth - 1}().__init__\n"}


def import_cycle(n):
    return {f"m{i}.py": f"from m{(i + 1) % n} import x{(i + 1) % n}\nx{i} = x{(i + 1) % n}\n" for i in range(n)}


def one_long_line(megabytes):
    count = megabytes * 1024 * 1024 // 8
    return {"main.py": "x = [" + "1234567," * count + "]\n"}


def many_lines(n):
    return {"main.py": "".join(f"x{i} = {i}\n" for i in range(n))}


def star_import_chain(n):
    files = {"s0.py": "X = 1\n"}
    files.update({f"s{i}.py": f"from s{i - 1} import *\n" for i in range(1, n)})
    files["main.py"] = f"from s{n - 1} import *\nx: int = X\n"
    return files


def large_literal(n):
    members = ",".join(str(i) for i in range(n))
    return {"main.py": f"from typing import Literal\nZ = Literal[{members}]\nz: Z = {n - 1}\nw: Z = {n}\n"}


CASES = {
    "typevar_self_bounds": typevar_self_bounds,
    "eq_chain_20": lambda: eq_chain(20),
    "elif_chain_40_in_loop": lambda: elif_chain_in_loop(40),
    "length_tests_10_in_loop": lambda: length_tests_in_loop(10),
    "enum_match_2000": lambda: enum_match(2000),
    "enum_if_chain_2000": lambda: enum_if_chain(2000),
    "enum_eq_chain_2000": lambda: enum_eq_chain(2000),
    "mutual_recursion_500": lambda: mutual_recursion(500),
    "mutual_recursion_2000": lambda: mutual_recursion(2000),
    "property_redefinitions_2000": lambda: property_redefinitions(2000),
    "rereading_bindings_2000": lambda: rereading_bindings(2000),
    "stub_self_annotations_300": lambda: self_annotations(300),
    "stub_paren_groups_500": lambda: paren_groups(500),
    "deep_list_literal_58": lambda: deep_list_literal(58),
    "deep_list_annotation_300": lambda: deep_list_literal(300),
    "class_hierarchy_2000": lambda: class_hierarchy(2000),
    "import_cycle_1000": lambda: import_cycle(1000),
    "import_cycle_2000": lambda: import_cycle(2000),
    "import_cycle_10000": lambda: import_cycle(10000),
    "one_line_10mb": lambda: one_long_line(10),
    "lines_1000000": lambda: many_lines(1_000_000),
    "star_import_chain_20": lambda: star_import_chain(20),
    "literal_300_members": lambda: large_literal(300),
}


def run(command, cwd, timeout):
    """Wall seconds, processor seconds (user + system: what to read on a busy machine), peak
    RSS in MB and exit status of `command` (status None: timed out)."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            elapsed = time.monotonic() - started
            return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
            return time.monotonic() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, None
        time.sleep(0.01)


def find_ty(explicit):
    if explicit:
        return explicit
    local = ROOT / ".corpora" / "peers" / "bin" / "ty"
    return str(local) if local.exists() else shutil.which("ty")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--pytc", default=str(ROOT / "target" / "release" / "pytc"))
    parser.add_argument("--ty", help="the ty executable (default: .corpora/peers/bin/ty or ty on PATH)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run before it counts as a hang")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    unknown = [name for name in args.cases if name not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)} (see --list)")
    checkers = [("pytc", [args.pytc, "check", "--no-progress", "."])]
    ty = find_ty(args.ty)
    if ty:
        checkers.append(("ty", [ty, "check", "."]))
    print(f"{'case':28} {'checker':8} {'seconds':>8} {'cpu s':>8} {'peak MB':>8}  status")
    for name in args.cases or CASES:
        with tempfile.TemporaryDirectory(prefix=f"pytc-{name}-") as folder:
            for path, text in CASES[name]().items():
                Path(folder, path).write_text(text)
            for checker, command in checkers:
                seconds, cpu, peak, status = run(command, folder, args.timeout)
                shown = "HANG (timeout)" if status is None else ("CRASH" if status not in (0, 1) else str(status))
                print(f"{name:28} {checker:8} {seconds:8.2f} {cpu:8.2f} {peak:8.0f}  {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
