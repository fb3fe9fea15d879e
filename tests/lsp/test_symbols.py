"""Workspace symbols over stdio with pytest-lsp: the whole fixture project is searched, the
modules nobody opened included."""

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
