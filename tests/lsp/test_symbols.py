"""Workspace symbols and semantic tokens over stdio with pytest-lsp: the whole fixture project
is searched for symbols, the modules nobody opened included; tokens are decoded with the legend
the server announced, and a delta applied to the previous result gives the full result."""

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import FIXTURE_PROJECT
from test_protocol import client, open_document  # noqa: F401 (`client` is the fixture)

pytestmark = pytest.mark.asyncio


def summary(symbols):
    return [(s.name, s.kind, s.container_name, s.location.uri.rsplit("/", 1)[-1], s.location.range.start.line) for s in symbols]


async def test_workspace_symbols_search_every_module_fuzzily(client: LanguageClient):
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="count"))
    # app/util.py is not open; the class comes before its attribute-less `__init__`.
    assert summary(found)[0] == ("Counter", types.SymbolKind.Class, None, "util.py", 5)
    # Word starts: `gr` is `greet`; a method names its class.
    assert summary(await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="gr")))[0][:4] == (
        "greet", types.SymbolKind.Function, None, "util.py")
    init = [s for s in summary(await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="__init__"))) if s[3] == "util.py"]
    assert init == [("__init__", types.SymbolKind.Method, "Counter", "util.py", 8)]
    assert await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="zzzz_nothing")) == []


async def test_an_open_document_is_searched_as_edited(client: LanguageClient):
    open_document(client, FIXTURE_PROJECT / "fresh.py", "class FreshlyTyped:\n    pass\n")
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="FreshlyTyped"))
    assert summary(found) == [("FreshlyTyped", types.SymbolKind.Class, None, "fresh.py", 0)]


SOURCE = "import os\nclass Box:\n    def size(self, n: int) -> int:\n        return n\nbox = Box()\nprint(box.size(1))\n"


def decode(client: LanguageClient, data: list[int], text: str):
    """(line, text, type, modifiers) of each token, with the server's legend."""
    legend = client.initialize_result.capabilities.semantic_tokens_provider.legend
    lines = text.splitlines()
    decoded, line, start = [], 0, 0
    for index in range(0, len(data), 5):
        delta_line, delta_start, length, kind, bits = data[index:index + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        modifiers = [name for bit, name in enumerate(legend.token_modifiers) if bits & (1 << bit)]
        decoded.append((line, lines[line][start:start + length], legend.token_types[kind], modifiers))
    return decoded


async def test_semantic_tokens_classify_names_and_follow_edits(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "tokens.py", SOURCE)
    document = types.TextDocumentIdentifier(uri=uri)
    full = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=document))
    assert decode(client, full.data, SOURCE) == [
        (0, "os", "namespace", []),
        (1, "Box", "class", ["definition"]),
        (2, "size", "method", ["definition"]),
        (2, "self", "parameter", ["definition"]),
        (2, "n", "parameter", ["definition"]),
        (2, "int", "class", ["defaultLibrary"]),
        (2, "int", "class", ["defaultLibrary"]),
        (3, "n", "parameter", []),
        (4, "box", "variable", []),
        (4, "Box", "class", []),
        (5, "print", "function", ["defaultLibrary"]),
        (5, "box", "variable", []),
        (5, "size", "method", []),
    ]
    # A line added above: the delta from the last result gives what a full request gives.
    edited = "VERSION = 1\n" + SOURCE
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)), text="VERSION = 1\n")],
    ))
    delta = await client.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=document, previous_result_id=full.result_id))
    assert isinstance(delta, types.SemanticTokensDelta) and delta.result_id != full.result_id
    patched = list(full.data)
    for edit in sorted(delta.edits, key=lambda edit: edit.start, reverse=True):
        patched[edit.start:edit.start + edit.delete_count] = edit.data or []
    again = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=document))
    assert patched == list(again.data)
    assert decode(client, patched, edited)[:2] == [(0, "VERSION", "variable", []), (1, "os", "namespace", [])]
    # A range: only the tokens of the lines asked for.
    ranged = await client.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
        text_document=document, range=types.Range(start=types.Position(line=6, character=0), end=types.Position(line=7, character=0))))
    assert [token[:2] for token in decode(client, ranged.data, edited)] == [(6, "print"), (6, "box"), (6, "size")]
