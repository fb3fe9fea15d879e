// The pytc extension: starts `pytc lsp` as a language server for Python files and passes
// it the user's settings (interpreter, Python version, rule levels).

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The `pytc` section of the settings, as the server reads it. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("pytc");
  return {
    interpreterPath: config.get<string | null>("interpreterPath") ?? null,
    pythonVersion: config.get<string | null>("pythonVersion") ?? null,
    rules: config.get<Record<string, string>>("rules") ?? {},
  };
}

/** The pytc executable to start. */
function serverCommand(): string {
  return vscode.workspace.getConfiguration("pytc").get<string>("path") || "pytc";
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
  const command = serverCommand();
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
