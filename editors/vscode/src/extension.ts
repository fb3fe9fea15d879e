// The pytc extension: finds pytc (the `pytc.path` setting, the selected Python interpreter's
// environment, PATH), starts `pytc lsp` as a language server for Python files and passes it
// the user's settings (interpreter, Python version, rule levels).

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { locatePytc } from "./locate";

let client: LanguageClient | undefined;

/** The `pytc` section of the settings, as the server reads it. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("pytc");
  return {
    interpreterPath: config.get<string | null>("interpreterPath") ?? null,
    pythonVersion: config.get<string | null>("pythonVersion") ?? null,
    rules: config.get<Record<string, string>>("rules") ?? {},
    inlayHints: { parameterNames: config.get<boolean>("inlayHints.parameterNames") ?? false },
  };
}

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The Python extension's API, when it is installed (it is optional). */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined;
    resolveEnvironment(environment: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

/** The selected interpreter: `pytc.interpreterPath`, else the Python extension's choice. */
async function selectedInterpreter(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configured = vscode.workspace.getConfiguration("pytc", folder?.uri).get<string | null>("interpreterPath");
  if (configured) {
    return path.isAbsolute(configured) || !folder ? configured : path.join(folder.uri.fsPath, configured);
  }
  const extension = vscode.extensions.getExtension<PythonApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const active = api.environments?.getActiveEnvironmentPath(folder?.uri);
    if (!active) {
      return undefined;
    }
    const resolved = await api.environments?.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? active.path;
  } catch {
    return undefined;
  }
}

/** The pytc executable to start, or a message saying where none was found. */
async function serverCommand(): Promise<string | { message: string }> {
  const found = locatePytc({
    configured: vscode.workspace.getConfiguration("pytc").get<string>("path"),
    interpreter: await selectedInterpreter(),
    pathVariable: process.env.PATH,
    platform: process.platform,
    isExecutable,
  });
  if ("executable" in found) {
    return found.executable;
  }
  return {
    message:
      `pytc: no pytc executable found (looked in: ${found.searched.join("; ")}). ` +
      "Install it with `pip install pytc` in the selected environment, or set `pytc.path`.",
  };
}

function createClient(command: string): LanguageClient {
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
    ],
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: "pytc" },
  };
  return new LanguageClient("pytc", "pytc", serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = await serverCommand();
  if (typeof command !== "string") {
    client = undefined;
    void vscode.window.showErrorMessage(command.message);
    return;
  }
  client = createClient(command);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `pytc: could not start \`${command} lsp\`: ${message}. Set \`pytc.path\` to the pytc executable.`,
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("pytc.restartServer", async () => {
      await client?.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The executable path is read at start-up; other settings reach the running server.
      if (event.affectsConfiguration("pytc.path")) {
        await client?.stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
