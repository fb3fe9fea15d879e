// Finding the pytc executable, with no dependency on VS Code so it can be tested alone:
// the configured path first, then the selected Python interpreter's environment (where
// `pip install pytc` puts it), then PATH.

import * as path from "path";

/** Where a candidate was found, for the message shown to the user. */
export type Source = "setting" | "interpreter" | "path";

export interface Found {
  executable: string;
  source: Source;
}

export interface Missing {
  /** The places looked in, in order, for the message shown to the user. */
  searched: string[];
}

export interface Inputs {
  /** `pytc.path`: empty or unset to search. A bare name is looked up on PATH. */
  configured: string | undefined;
  /** The selected Python interpreter (an executable), if known. */
  interpreter: string | undefined;
  /** The PATH environment variable. */
  pathVariable: string | undefined;
  platform: NodeJS.Platform;
  /** Whether `file` exists and is an executable file. */
  isExecutable: (file: string) => boolean;
}

function executableNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["pytc.exe", "pytc"] : ["pytc"];
}

function isBareName(command: string): boolean {
  return !command.includes("/") && !command.includes("\\");
}

function onPath(name: string, inputs: Inputs, searched: string[]): string | undefined {
  const separator = inputs.platform === "win32" ? ";" : ":";
  const folders = (inputs.pathVariable ?? "").split(separator).filter((folder) => folder.length > 0);
  const names = name === "pytc" ? executableNames(inputs.platform) : [name];
  for (const folder of folders) {
    for (const candidate of names) {
      const file = path.join(folder, candidate);
      if (inputs.isExecutable(file)) {
        return file;
      }
    }
  }
  searched.push(`PATH (${folders.length} folders)`);
  return undefined;
}

/** The pytc to run, or the places looked in when there is none. */
export function locatePytc(inputs: Inputs): Found | Missing {
  const searched: string[] = [];
  const configured = inputs.configured?.trim();
  if (configured) {
    if (isBareName(configured)) {
      const found = onPath(configured, inputs, searched);
      return found ? { executable: found, source: "setting" } : { searched: [`pytc.path "${configured}" on ${searched.join(", ")}`] };
    }
    if (inputs.isExecutable(configured)) {
      return { executable: configured, source: "setting" };
    }
    // A configured path that is wrong is the user's error: do not quietly run another pytc.
    return { searched: [`pytc.path "${configured}" (not an executable file)`] };
  }
  if (inputs.interpreter) {
    const folder = path.dirname(inputs.interpreter);
    for (const name of executableNames(inputs.platform)) {
      const file = path.join(folder, name);
      if (inputs.isExecutable(file)) {
        return { executable: file, source: "interpreter" };
      }
    }
    searched.push(`the selected interpreter's environment (${folder})`);
  }
  const found = onPath("pytc", inputs, searched);
  return found ? { executable: found, source: "path" } : { searched };
}
