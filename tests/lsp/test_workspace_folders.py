"""Multi-root workspaces over stdio: each file is checked with the configuration of the
workspace folder that contains it (`alpha` targets Python 3.10, which has no `tomllib`;
`beta` targets 3.12), settings scoped to one folder apply only there, and adding or
removing folders moves files between configurations."""

import asyncio

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import HERE, pytc_binary, server_environment

FOLDERS = HERE / "fixtures" / "folders"
ALPHA = FOLDERS / "alpha"
BETA = FOLDERS / "beta"
IN_ALPHA = (ALPHA / "settings_reader.py").as_uri()
IN_BETA = (BETA / "settings_reader.py").as_uri()


def folder(path) -> types.WorkspaceFolder:
    return types.WorkspaceFolder(uri=path.as_uri(), name=path.name)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[pytc_binary(), "lsp"], server_env=server_environment()))
async def client(lsp_client: LanguageClient):
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(configuration=True, workspace_folders=True),
    )
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, workspace_folders=[folder(ALPHA), folder(BETA)])
    )
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, uri: str, path) -> None:
    item = types.TextDocumentItem(uri=uri, language_id="python", version=1, text=path.read_text())
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))


async def published(client: LanguageClient, uri: str, accept, timeout: float = 20) -> list[types.Diagnostic]:
    """The diagnostics last published for `uri`, once `accept` likes them. Polls what the
    client has recorded rather than waiting for the next notification: two notifications
    that arrive together would let a wait for "the next one" miss the second."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not accept(client.diagnostics.get(uri)):
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no accepted diagnostics for {uri}; last: {client.diagnostics.get(uri)}")
        await asyncio.sleep(0.02)
    return list(client.diagnostics[uri])


def summary(diagnostics) -> list[tuple[str, types.DiagnosticSeverity]]:
    return sorted((d.code, d.severity) for d in diagnostics)


async def pulled(client: LanguageClient, uri: str) -> list[tuple[str, types.DiagnosticSeverity]]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    return summary(report.items)


UNRESOLVED = [("unresolved-import", types.DiagnosticSeverity.Error)]


async def test_each_folder_has_its_own_python_version(client: LanguageClient):
    open_document(client, IN_ALPHA, ALPHA / "settings_reader.py")
    open_document(client, IN_BETA, BETA / "settings_reader.py")
    assert await pulled(client, IN_ALPHA) == UNRESOLVED
    assert await pulled(client, IN_BETA) == []


async def test_settings_scoped_to_a_folder_apply_only_there(client: LanguageClient):
    open_document(client, IN_ALPHA, ALPHA / "settings_reader.py")
    open_document(client, IN_BETA, BETA / "settings_reader.py")
    assert await pulled(client, IN_ALPHA) == UNRESOLVED
    client.set_configuration({"rules": {"unresolved-import": "warn"}}, section="pytc", scope_uri=ALPHA.as_uri())
    client.set_configuration({"pythonVersion": "3.9"}, section="pytc", scope_uri=BETA.as_uri())
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    warned = await published(client, IN_ALPHA, lambda diagnostics: diagnostics and diagnostics[0].severity == 2)
    assert summary(warned) == [("unresolved-import", types.DiagnosticSeverity.Warning)]
    # beta's own setting makes it Python 3.9; alpha's rule level does not reach it.
    assert await pulled(client, IN_BETA) == UNRESOLVED


async def test_adding_and_removing_folders_moves_files_between_configurations(client: LanguageClient):
    open_document(client, IN_BETA, BETA / "settings_reader.py")
    assert await pulled(client, IN_BETA) == []
    # Without its folder, beta's file is checked with the first folder's (alpha's) settings.
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(event=types.WorkspaceFoldersChangeEvent(added=[], removed=[folder(BETA)]))
    )
    assert await pulled(client, IN_BETA) == UNRESOLVED
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(event=types.WorkspaceFoldersChangeEvent(added=[folder(BETA)], removed=[]))
    )
    assert await pulled(client, IN_BETA) == []
