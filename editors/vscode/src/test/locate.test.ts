// Unit tests of finding pytc (node's test runner: `npm test`).

import * as assert from "node:assert/strict";
import { test } from "node:test";

import { Inputs, locatePytc } from "../locate";

function inputs(files: string[], overrides: Partial<Inputs> = {}): Inputs {
  const existing = new Set(files);
  return {
    configured: undefined,
    interpreter: undefined,
    pathVariable: "/usr/local/bin:/usr/bin",
    platform: "linux",
    isExecutable: (file) => existing.has(file),
    ...overrides,
  };
}

test("a configured path wins, and a wrong one is reported instead of falling back", () => {
  const files = ["/opt/pytc/bin/pytc", "/usr/bin/pytc", "/venv/bin/pytc"];
  assert.deepEqual(locatePytc(inputs(files, { configured: "/opt/pytc/bin/pytc", interpreter: "/venv/bin/python" })), {
    executable: "/opt/pytc/bin/pytc",
    source: "setting",
  });
  assert.deepEqual(locatePytc(inputs(files, { configured: "/nowhere/pytc" })), {
    searched: ['pytc.path "/nowhere/pytc" (not an executable file)'],
  });
});

test("the selected interpreter's environment comes before PATH", () => {
  const files = ["/usr/bin/pytc", "/project/.venv/bin/pytc"];
  assert.deepEqual(locatePytc(inputs(files, { interpreter: "/project/.venv/bin/python" })), {
    executable: "/project/.venv/bin/pytc",
    source: "interpreter",
  });
  assert.deepEqual(locatePytc(inputs(["/usr/bin/pytc"], { interpreter: "/project/.venv/bin/python" })), {
    executable: "/usr/bin/pytc",
    source: "path",
  });
});

test("a bare configured name and the default are looked up on PATH, with .exe on Windows", () => {
  assert.deepEqual(locatePytc(inputs(["/usr/local/bin/pytc-dev"], { configured: "pytc-dev" })), {
    executable: "/usr/local/bin/pytc-dev",
    source: "setting",
  });
  const windows = inputs(["C:\\tools/pytc.exe"], { pathVariable: "C:\\tools;C:\\other", platform: "win32" });
  assert.equal((locatePytc(windows) as { executable: string }).executable, "C:\\tools/pytc.exe");
});

test("when there is none, every place looked in is named", () => {
  assert.deepEqual(locatePytc(inputs([], { interpreter: "/project/.venv/bin/python" })), {
    searched: ["the selected interpreter's environment (/project/.venv/bin)", "PATH (2 folders)"],
  });
});
