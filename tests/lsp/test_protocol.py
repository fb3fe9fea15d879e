"""End-to-end protocol tests: the built `pytc lsp` driven over stdio by pytest-lsp."""

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified, JsonRpcException, JsonRpcInternalError, JsonRpcMethodNotFound
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FIXTURE_PROJECT, pytc_binary, server_environment

ROOT_URI = FIXTURE_PROJECT.as_uri()
BROKEN = FIXTURE_PROJECT / "app" / "broken.py"


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[pytc_binary(), "lsp"],
        server_env=server_environment(PYTC_LSP_DEBUG_METHODS="1"),
    )
)
async def client(lsp_client: LanguageClient):
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(configuration=True),
    )
    # Kept for the tests that read what the server announced (the semantic-token legend).
    lsp_client.initialize_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=ROOT_URI, name="project")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path, text=None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text if text is not None else path.read_text()
            )
        )
    )
    return uri


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, accept=lambda diagnostics: True):
    """Wait for diagnostics published for `uri` (at `version`, when given) that `accept` likes."""
    while True:
        params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20)
        if params.uri == uri and version in (None, params.version) and accept(params.diagnostics):
            return list(params.diagnostics)


@pytest.mark.asyncio
async def test_diagnostics_are_pushed_and_follow_edits(client: LanguageClient):
    uri = open_document(client, BROKEN)
    diagnostics = await diagnostics_for(client, uri, 1)
    assert [d.code for d in diagnostics] == ["invalid-syntax"]
    assert diagnostics[0].source == "pytc"

    # Close the list with an incremental edit at the end of line 4 (`numbers = [1, 2,`).
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=3, character=16), end=types.Position(line=3, character=16)),
                    text=" 3]",
                )
            ],
        )
    )
    assert list(await diagnostics_for(client, uri, 2)) == []


@pytest.mark.asyncio
async def test_the_quick_fix_adds_a_type_ignore_comment(client: LanguageClient):
    uri = open_document(client, BROKEN)
    diagnostic = (await diagnostics_for(client, uri, 1))[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert len(actions) == 1
    edit = actions[0].edit.changes[uri][0]
    assert edit.new_text == "  # type: ignore[invalid-syntax]"
    assert actions[0].kind == types.CodeActionKind.QuickFix


@pytest.mark.asyncio
async def test_a_quick_fix_imports_an_undefined_name(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "needs_import.py", "import os\n\nhome = Path(os.sep)\ngreet('x')\n")
    diagnostics = await diagnostics_for(client, uri, 1, accept=lambda found: len(found) == 2)
    async def titles_and_edits(name: str):
        diagnostic = next(d for d in diagnostics if f"`{name}`" in d.message)
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic])))
        return [(a.title, [(e.range.start.line, e.new_text) for e in a.edit.changes[uri]]) for a in actions]
    path = await titles_and_edits("Path")
    assert path[0] == ("Import `Path` from `pathlib`", [(1, "from pathlib import Path\n")])
    # A module of the workspace (app/util.py) comes before the libraries; ignoring stays last.
    greet = await titles_and_edits("greet")
    assert greet[0] == ("Import `greet` from `app.util`", [(1, "from app.util import greet\n")])
    assert greet[-1][0] == "Ignore `unresolved-reference` on this line"


@pytest.mark.asyncio
async def test_a_code_action_inserts_an_inferred_annotation(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "annotate.py", "def size(text: str):\n    return len(text)\nsizes = [size('a')]\n")
    def ask(line: int, only=None):
        cursor = types.Range(start=types.Position(line=line, character=2), end=types.Position(line=line, character=2))
        return client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=cursor, context=types.CodeActionContext(diagnostics=[], only=only)))
    actions = await ask(0)
    assert [(a.title, a.kind) for a in actions] == [("Insert return type `-> int`", types.CodeActionKind.RefactorRewrite)]
    edit = actions[0].edit.changes[uri][0]
    assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (0, 19, " -> int")
    assert [a.title for a in await ask(2)] == ["Insert annotation `: list[int]`"]
    # A client asking only for quick fixes gets none of these.
    assert await ask(2, only=[types.CodeActionKind.QuickFix]) is None


@pytest.mark.asyncio
async def test_settings_from_workspace_configuration_apply(client: LanguageClient):
    uri = open_document(client, BROKEN)
    await diagnostics_for(client, uri, 1)
    client.set_configuration({"rules": {"invalid-syntax": "ignore"}}, section="pytc")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    # The server asks for the settings, rebuilds, and publishes the file's diagnostics again.
    assert await diagnostics_for(client, uri, accept=lambda diagnostics: not diagnostics) == []
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(report.items) == []


MAIN = FIXTURE_PROJECT / "main.py"


async def test_hover_shows_the_type_and_docstring(client: LanguageClient):
    uri = open_document(client, MAIN)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=3, character=11))
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "def greet(name: str) -> str" in hover.contents.value
    assert "Return a friendly greeting" in hover.contents.value


async def hover_text(client: LanguageClient, uri: str, line: int, character: int):
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))
    )
    return hover and hover.contents.value


BINDINGS = """import contextlib
class Box:
    def __init__(self, size: int) -> None:
        self.size = size
message = str(1)
first, (second, third) = 1, ("a", 2.0)
for index in range(3): pass
with contextlib.nullcontext(3) as managed: pass
try: pass
except ValueError as error: pass
if (size := len(message)) > 2: pass
match message:
    case str(captured): pass
squares = [item for item in range(3)]
total: float = 0
total += 1
# a comment about message
text = "message"
"""


async def test_hover_on_every_binding_site(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "bindings.py", BINDINGS)
    lines = BINDINGS.splitlines()

    async def at(needle: str, line: int, occurrence: int = 0):
        column = -1
        for _ in range(occurrence + 1):
            column = lines[line].index(needle, column + 1)
        return await hover_text(client, uri, line, column)

    expected = {
        ("size", 3, 0): "size: int",
        ("size", 3, 1): "size: int",
        ("self", 3, 0): "self: Self",
        ("message", 4, 0): "message: str",
        ("first", 5, 0): "first: Literal[1]",
        ("third", 5, 0): "third: float",
        ("index", 6, 0): "index: int",
        ("managed", 7, 0): "managed: int",
        ("error", 9, 0): "error: ValueError",
        ("size", 10, 0): "size: int",
        ("captured", 12, 0): "captured: str",
        ("item", 13, 1): "item: int",
        ("total", 14, 0): "total: float",
        ("total", 15, 0): "total: float",
    }
    for (needle, line, occurrence), shown in expected.items():
        assert f"```python\n{shown}\n```" in await at(needle, line, occurrence), (needle, line)
    # Nothing inside comments and string text, or past the end of the file.
    assert await at("message", 16) is None
    assert await at("message", 17) is None
    assert await hover_text(client, uri, 400, 0) is None
    # A file the editor has not opened and that does not exist.
    assert await hover_text(client, (FIXTURE_PROJECT / "missing.py").as_uri(), 0, 0) is None


CALLS = """from typing import overload
@overload
def pick(value: int, *, scale: int = 1) -> int: ...
@overload
def pick(value: str, *rest: str, **options: bool) -> str: ...
def pick(value, *rest, scale=1, **options):
    \"\"\"Pick a value.\"\"\"
    return value
pick(1, scale=2)
pick("a", "b", flag=True)
pick(  # a comment
    "é😀", len("x"))
"""


async def signature_help(client: LanguageClient, uri: str, line: int, character: int):
    return await client.text_document_signature_help_async(
        types.SignatureHelpParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        )
    )


async def test_signature_help_shows_overloads_the_active_one_and_the_parameter(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "calls.py", CALLS)

    def active(help):
        signature = help.signatures[help.active_signature]
        start, end = signature.parameters[signature.active_parameter].label
        return signature.label, signature.label[start:end]

    first = await signature_help(client, uri, 8, len("pick(1, scale="))
    assert [s.label for s in first.signatures] == [
        "pick(value: int, *, scale: int = ...) -> int",
        "pick(value: str, *rest: str, **options: bool) -> str",
    ]
    assert first.signatures[0].documentation.value == "Pick a value."
    assert active(first) == ("pick(value: int, *, scale: int = ...) -> int", "scale: int = ...")
    assert active(await signature_help(client, uri, 8, len("pick("))) == (first.signatures[0].label, "value: int")
    assert active(await signature_help(client, uri, 9, len('pick("a", "'))) == (first.signatures[1].label, "*rest: str")
    assert active(await signature_help(client, uri, 9, len('pick("a", "b", fl'))) == (first.signatures[1].label, "**options: bool")
    # Inside a nested call: the nested call's signature (after non-ASCII text: UTF-16 columns).
    nested = await signature_help(client, uri, 11, len('    "é😀", len(') + 1)
    assert [s.label for s in nested.signatures] == ["len(obj: Sized, /) -> int"]
    # In a comment, outside every call, past the end of the file: nothing.
    assert await signature_help(client, uri, 10, len("pick(  # a com")) is None
    assert await signature_help(client, uri, 8, len("pick(1, scale=2)")) is None
    assert await signature_help(client, uri, 500, 0) is None


SYMBOLS = """LIMIT = 3
class Shape:
    sides: int = 0
    def area(self) -> float:
        return 0.0
    @property
    def name(self) -> str:
        return ""
def main():
    def helper(): pass
    value = 1
"""


async def test_document_symbols_are_a_tree(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "symbols.py", SYMBOLS)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )

    def tree(symbols):
        return [(s.name, s.kind, tree(s.children or [])) for s in symbols]

    kinds = types.SymbolKind
    assert tree(symbols) == [
        ("LIMIT", kinds.Constant, []),
        ("Shape", kinds.Class, [("sides", kinds.Field, []), ("area", kinds.Method, []), ("name", kinds.Property, [])]),
        ("main", kinds.Function, [("helper", kinds.Function, [])]),
    ]
    shape = symbols[1]
    assert (shape.range.start.line, shape.range.end.line, shape.selection_range.start.character) == (1, 7, 6)


async def test_definition_reaches_other_modules_and_the_standard_library(client: LanguageClient):
    uri = open_document(client, MAIN)
    local = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=3, character=11))
    )
    assert [(location.uri, location.range.start.line) for location in local] == [((FIXTURE_PROJECT / "app" / "util.py").as_uri(), 0)]
    stdlib = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=4, character=9))
    )
    assert stdlib[0].uri.endswith("/stdlib/builtins.pyi")


async def test_definition_prefers_the_source_and_declaration_the_stub(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "shapes_user.py", "from app.shapes import Polygon\nPolygon().sides()\n")
    at = {"text_document": types.TextDocumentIdentifier(uri=uri), "position": types.Position(line=1, character=11)}
    definition = await client.text_document_definition_async(types.DefinitionParams(**at))
    declaration = await client.text_document_declaration_async(types.DeclarationParams(**at))
    shapes = FIXTURE_PROJECT / "app" / "shapes"
    assert [(location.uri, location.range.start.line) for location in definition] == [(shapes.with_suffix(".py").as_uri(), 4)]
    assert [(location.uri, location.range.start.line) for location in declaration] == [(shapes.with_suffix(".pyi").as_uri(), 1)]


async def test_type_definition_goes_to_the_class_of_the_type(client: LanguageClient):
    uri = open_document(client, MAIN)
    # `counter` (an instance of `app.util.Counter`) and `total` (an `int`).
    counter = await client.text_document_type_definition_async(
        types.TypeDefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=1))
    )
    assert [(location.uri, location.range.start.line) for location in counter] == [((FIXTURE_PROJECT / "app" / "util.py").as_uri(), 5)]
    total = await client.text_document_type_definition_async(
        types.TypeDefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=4, character=1))
    )
    assert total[0].uri.endswith("/stdlib/builtins.pyi")


async def test_inlay_hints_show_inferred_types(client: LanguageClient):
    uri = open_document(client, MAIN)
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=5, character=0)),
        )
    )
    labels = {hint.position.line: hint.label for hint in hints}
    assert labels[3] == ": str"
    assert labels[4] == ": int"
    # A hint carries the annotation it stands for, for the editor to insert.
    assert [edit.new_text for edit in next(hint for hint in hints if hint.position.line == 3).text_edits] == [": str"]


async def test_inlay_hints_show_return_types_and_parameter_names_when_configured(client: LanguageClient):
    source = "def pick(flag: bool, fallback: int):\n    return 'a' if flag else fallback\nflag = True\npick(flag, 2)\n"
    uri = open_document(client, FIXTURE_PROJECT / "hints.py", source)
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=4, character=0))
    params = types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=uri), range=whole)
    hints = await client.text_document_inlay_hint_async(params)
    returned = next(hint for hint in hints if hint.position.line == 0)
    assert (returned.label, returned.position.character, returned.kind) == ("-> Literal[\"a\"] | int", 35, types.InlayHintKind.Type)
    # The annotation inserted is the one a user writes: literals widened to their classes.
    assert [edit.new_text for edit in returned.text_edits] == [" -> str | int"]
    assert not [hint for hint in hints if hint.kind == types.InlayHintKind.Parameter], "parameter names are off by default"
    client.set_configuration({"inlayHints": {"parameterNames": True}}, section="pytc")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    for _ in range(100):
        try:
            hints = await client.text_document_inlay_hint_async(params)
        except JsonRpcException as error:
            # The configuration change may cancel a request in flight (ContentModified): the
            # client asks again, as the protocol says.
            if error.code != JsonRpcContentModified.CODE:
                raise
            hints = []
        names = [(hint.label, hint.position.character) for hint in hints if hint.kind == types.InlayHintKind.Parameter]
        if names:
            break
        await asyncio.sleep(0.1)
    # `flag` spells its parameter's name already.
    assert names == [("fallback=", 11)]


@pytest.mark.asyncio
async def test_a_panicking_request_leaves_the_server_working(client: LanguageClient):
    with pytest.raises(JsonRpcInternalError):
        await client.protocol.send_request_async("pytc/debugPanic", {})
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("pytc/noSuchMethod", {})
    uri = open_document(client, BROKEN)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in report.items] == ["invalid-syntax"]


async def test_a_thousand_rapid_edits_end_with_the_right_diagnostics(client: LanguageClient):
    uri = open_document(client, BROKEN)
    await diagnostics_for(client, uri, 1)
    # Type `3, ` and so on at the end of line 4 (`numbers = [1, 2,`), one character per edit,
    # without waiting: the list stays open until the last edit closes it.
    typed = "".join(f" {n}," for n in range(3, 300))[:999] + "]"
    column = len("numbers = [1, 2,")
    for version, character in enumerate(typed, start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line=3, character=column), end=types.Position(line=3, character=column)
                        ),
                        text=character,
                    )
                ],
            )
        )
        column += 1
    assert len(typed) == 1000
    assert await diagnostics_for(client, uri, 1001) == []


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[pytc_binary(), "lsp"], server_env=server_environment()),
)
async def environment_client(lsp_client: LanguageClient):
    """A server whose interpreter is this suite's own Python: its standard library's sources
    hold the docstrings typeshed's stubs leave out."""
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=ROOT_URI, name="project")],
            initialization_options={"interpreterPath": sys.executable},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_hover_shows_standard_library_docstrings_from_the_environment(environment_client: LanguageClient):
    source = "import json\njson.dumps({})\n"
    uri = open_document(environment_client, FIXTURE_PROJECT / "stdlib_docs.py", source)
    module = await hover_text(environment_client, uri, 1, len("js"))
    assert "JSON (JavaScript Object Notation)" in module
    function = await hover_text(environment_client, uri, 1, len("json.du"))
    assert "def dumps(" in function and "Serialize" in function
