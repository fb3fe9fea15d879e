"""Checks the packaged VS Code extension (editors/vscode/pytc.vsix, from `npm run package`):
the manifest names the compiled entry point and it is inside, with the language client and
the pytc finder, and no TypeScript sources or dev tools. Prints `vsix: N passed, N failed`."""

import json
import sys
import zipfile

vsix = sys.argv[1]
passed = failed = 0


def check(name: str, ok: bool) -> None:
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}", file=sys.stderr)


with zipfile.ZipFile(vsix) as archive:
    names = set(archive.namelist())
    manifest = json.loads(archive.read("extension/package.json"))
    check("the vsix manifest exists", "extension.vsixmanifest" in names)
    check("the entry point is packaged", "extension/" + manifest["main"].removeprefix("./") in names)
    check("the pytc finder is packaged", "extension/out/locate.js" in names)
    check("the language client is bundled", "extension/node_modules/vscode-languageclient/package.json" in names)
    check("no TypeScript sources", not any(name.startswith("extension/src/") for name in names))
    check("no dev tools (vsce, typescript)", not any("/node_modules/@vscode/vsce/" in name or "/node_modules/typescript/" in name for name in names))
    check("pytc.path defaults to searching", manifest["contributes"]["configuration"]["properties"]["pytc.path"]["default"] == "")

print(f"vsix: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
