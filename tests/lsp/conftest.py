"""Shared set-up of the editor end-to-end suites: where the pytc binary and the fixture
project are, and helpers to read fixture files as documents."""

import os
import pathlib

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
FIXTURE_PROJECT = HERE / "fixtures" / "project"


def pytc_binary() -> str:
    """The binary under test: $PYTC_BIN, else the debug build of this checkout."""
    binary = os.environ.get("PYTC_BIN") or str(REPOSITORY / "target" / "debug" / "pytc")
    if not os.access(binary, os.X_OK):
        pytest.exit(f"pytc binary not found at {binary}: build it or set PYTC_BIN", returncode=2)
    return binary


def server_environment(**extra: str) -> dict[str, str]:
    """The server's environment: ours, with a private cache folder and `extra`."""
    env = dict(os.environ)
    env.setdefault("XDG_CACHE_HOME", str(HERE / ".venv" / "cache"))
    env.update(extra)
    return env
