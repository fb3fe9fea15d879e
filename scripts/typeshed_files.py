#!/usr/bin/env python3
"""List the stub files of a typeshed stdlib folder that exist at one Python version.

Usage:
    typeshed_files.py STDLIB_DIR VERSION [--unavailable]

Reads STDLIB_DIR/VERSIONS (a module is available in the version range of its longest listed
dotted prefix, as typeshed's own checks read it) and prints, one a line, the `.pyi` files whose
module exists at VERSION (e.g. 3.14); with --unavailable, the other ones. typeshed itself is
only type-checked per version on the stubs that exist there, so a stub of a removed or future
module is not expected to check cleanly at another version.
"""
import argparse
from pathlib import Path


def parse_version(text: str) -> tuple:
    major, minor = text.strip().split(".")[:2]
    return (int(major), int(minor))


def read_versions(stdlib: Path) -> dict:
    """Module name -> (first, last or None) version range."""
    ranges = {}
    for line in (stdlib / "VERSIONS").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        module, versions = (part.strip() for part in line.split(":", 1))
        first, _, last = versions.partition("-")
        ranges[module] = (parse_version(first), parse_version(last) if last.strip() else None)
    return ranges


def module_name(stdlib: Path, stub: Path) -> str:
    parts = list(stub.relative_to(stdlib).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def available(ranges: dict, module: str, version: tuple) -> bool:
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        listed = ranges.get(".".join(parts[:length]))
        if listed is not None:
            first, last = listed
            return first <= version and (last is None or version <= last)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stdlib", type=Path)
    parser.add_argument("version")
    parser.add_argument("--unavailable", action="store_true", help="list the stubs that do not exist at VERSION")
    args = parser.parse_args()
    ranges = read_versions(args.stdlib)
    version = parse_version(args.version)
    for stub in sorted(args.stdlib.rglob("*.pyi")):
        if available(ranges, module_name(args.stdlib, stub), version) != args.unavailable:
            print(stub)


if __name__ == "__main__":
    main()
