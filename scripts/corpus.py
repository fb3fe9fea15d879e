#!/usr/bin/env python3
"""Check real libraries with pytc and report what it found and what it cost.

Fetches pinned corpora from PyPI (hash-checked, see scripts/corpora/*.txt) into .corpora/:
  rich   rich 14.3.4 + pygments, markdown-it-py, mdurl        -> .corpora/rich-venv
  mypy   mypy 2.4.1 (mypy and mypyc as source) + dependencies -> .corpora/mypy-venv
then runs `pytc check --output-format concise --python <venv>` on the library's package
folders and prints files, lines, diagnostics by rule, wall time and peak memory. A pytc panic
or timeout is reported clearly. This is a measurement, never part of the test suite.

Examples:
    scripts/corpus.py                      # fetch what is missing, check both corpora
    scripts/corpus.py rich --timeout 120   # only rich
    scripts/corpus.py --fetch-only         # just set up .corpora/
    scripts/corpus.py --dry-run            # print what would run
"""
import argparse
import shlex
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import report, run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / ".corpora"
LOCKS = ROOT / "scripts" / "corpora"


@dataclass(frozen=True)
class Corpus:
    name: str
    lock: str
    # Platform wheels installed only for their stubs (with pip --target), or None.
    native_lock: str | None
    # Folders of site-packages to check.
    packages: tuple

    @property
    def venv(self) -> Path:
        return CORPORA / f"{self.name}-venv"


CORPORA_BY_NAME = {
    "rich": Corpus("rich", "rich.txt", None, ("rich",)),
    "mypy": Corpus("mypy", "mypy.txt", "mypy-native.txt", ("mypy", "mypyc")),
}

# The platform the native wheels in mypy-native.txt were built for.
NATIVE_WHEEL_PLATFORM = ["--platform", "manylinux2014_x86_64", "--python-version", "3.11",
                         "--implementation", "cp", "--abi", "cp311", "--only-binary=:all:"]


def venv_python(venv_dir: Path) -> Path:
    return venv_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def site_packages(venv_dir: Path) -> Path:
    """The venv's site-packages folder, as its own interpreter reports it."""
    query = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(subprocess.check_output([venv_python(venv_dir), "-c", query], text=True).strip())


def stamp(corpus: Corpus) -> Path:
    """Written after a complete install: holds the lock files it was installed from."""
    return corpus.venv / "pytc-corpus.lock"


def lock_text(corpus: Corpus) -> str:
    return "".join((LOCKS / lock).read_text() for lock in (corpus.lock, corpus.native_lock) if lock)


def is_fetched(corpus: Corpus) -> bool:
    return stamp(corpus).is_file() and stamp(corpus).read_text() == lock_text(corpus)


def fetch_commands(corpus: Corpus, packages_dir: str):
    """The pip commands that install the corpus into its (already created) venv."""
    pip = [str(venv_python(corpus.venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--no-deps", "--require-hashes"]
    commands = [pip + ["-r", str(LOCKS / corpus.lock)]]
    if corpus.native_lock:
        commands.append(pip + NATIVE_WHEEL_PLATFORM + ["--target", packages_dir, "--upgrade",
                                                       "-r", str(LOCKS / corpus.native_lock)])
    return commands


def fetch(corpus: Corpus):
    """Create the corpus's venv and install its pinned, hash-checked wheels."""
    print(f"fetching {corpus.name} into {corpus.venv.relative_to(ROOT)} ...", flush=True)
    venv.EnvBuilder(clear=True, with_pip=True).create(corpus.venv)
    for command in fetch_commands(corpus, str(site_packages(corpus.venv))):
        subprocess.run(command, check=True)
    stamp(corpus).write_text(lock_text(corpus))


def check_command(pytc: Path, corpus: Corpus, packages_dir: Path):
    folders = [str(packages_dir / package) for package in corpus.packages]
    return [str(pytc), "check", "--output-format", "concise", "--python", str(corpus.venv)] + folders


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", metavar="CORPUS",
                        help=f"which corpora, of {', '.join(CORPORA_BY_NAME)} (default: all)")
    parser.add_argument("--pytc", type=Path, default=ROOT / "target" / "release" / "pytc",
                        help="the pytc binary (default: target/release/pytc)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a check is killed")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fetch-only", action="store_true", help="set up .corpora/ and stop")
    mode.add_argument("--no-fetch", action="store_true", help="fail instead of fetching a missing corpus")
    mode.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    args = parser.parse_args(argv)
    unknown = [name for name in args.corpora if name not in CORPORA_BY_NAME]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA_BY_NAME)}")
    selected = [CORPORA_BY_NAME[name] for name in (args.corpora or CORPORA_BY_NAME)]

    if args.dry_run:
        for corpus in selected:
            packages = f"<{corpus.venv.relative_to(ROOT)} site-packages>"
            print(f"# {corpus.name}: pinned in scripts/corpora/{corpus.lock}")
            print(f"python3 -m venv {corpus.venv.relative_to(ROOT)}")
            for command in fetch_commands(corpus, packages):
                print(shlex.join(command))
            print(shlex.join(check_command(args.pytc, corpus, Path(packages))))
        return 0

    for corpus in selected:
        if not is_fetched(corpus):
            if args.no_fetch:
                print(f"error: {corpus.name} is not fetched; run scripts/corpus.py --fetch-only", file=sys.stderr)
                return 2
            fetch(corpus)
    if args.fetch_only:
        return 0
    if not args.pytc.is_file():
        print(f"error: {args.pytc} does not exist; build it with `cargo build --release -p pytc_cli`",
              file=sys.stderr)
        return 2

    failed = False
    for corpus in selected:
        packages_dir = site_packages(corpus.venv)
        measurement = run_measured(check_command(args.pytc, corpus, packages_dir), args.timeout)
        report(corpus.name, measurement, [packages_dir / package for package in corpus.packages])
        failed |= measurement.timed_out or measurement.panicked
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
