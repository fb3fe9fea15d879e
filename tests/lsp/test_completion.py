"""Completion over stdio with pytest-lsp: attributes, names in scope, imports, keyword
arguments, documentation on resolve, and the places where nothing is offered."""

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import FIXTURE_PROJECT
from test_protocol import client, open_document  # noqa: F401 (`client` is the fixture)

pytestmark = pytest.mark.asyncio


async def complete(client: LanguageClient, text: str, name: str = "attributes.py"):
    """The items at the `$` in `text`, opened as a document of the fixture project."""
    before = text[: text.index("$")]
    line = before.count("\n")
    character = len(before.split("\n")[-1].encode("utf-16-le")) // 2
    uri = open_document(client, FIXTURE_PROJECT / name, text.replace("$", "", 1))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))
    )
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return {item.label: item for item in items}


async def test_attributes_after_a_dot_while_the_line_is_unfinished(client: LanguageClient):
    items = await complete(client, "from app.util import Counter\ncounter = Counter()\ncounter.$\nprint(counter)\n")
    count = items["count"]
    assert (count.kind, count.detail) == (types.CompletionItemKind.Field, "int")
    assert items["__init__"].kind == types.CompletionItemKind.Method
    assert "Counter" not in items and "print" not in items, "no names in scope after a dot"
    # Another module's names, without its underscore-private ones.
    module = await complete(client, "import app.util\napp.util.$", name="module_attributes.py")
    assert module["greet"].kind == types.CompletionItemKind.Function
    assert module["Counter"].kind == types.CompletionItemKind.Class
    assert "_registry" not in module


async def test_names_in_scope_and_documentation_on_resolve(client: LanguageClient):
    items = await complete(client, "from app.util import greet\ndef main(limit: int):\n    count = 1\n    $\n", name="scope_names.py")
    for name in ["count", "limit", "main", "greet", "len", "ValueError", "return"]:
        assert name in items, name
    assert items["count"].sort_text < items["main"].sort_text < items["len"].sort_text < items["return"].sort_text
    assert items["greet"].kind == types.CompletionItemKind.Function
    resolved = await client.completion_item_resolve_async(items["greet"])
    assert resolved.detail == "def greet(name: str) -> str"
    assert "Return a friendly greeting" in resolved.documentation.value
    builtin = await client.completion_item_resolve_async(items["len"])
    assert "len" in builtin.detail


async def test_modules_and_imported_names(client: LanguageClient):
    assert "app" in await complete(client, "import ap$", name="imports1.py")
    assert "util" in await complete(client, "from app import $", name="imports2.py")
    names = await complete(client, "from app.util import $", name="imports3.py")
    assert {"greet", "Counter"} <= names.keys() and "_registry" not in names
    assert "path" in await complete(client, "import os.$", name="imports4.py")


async def test_keyword_arguments_inside_a_call(client: LanguageClient):
    items = await complete(client, "from app.util import greet\ngreet($)\n", name="arguments.py")
    assert items["name="].insert_text == "name="
    assert items["name="].sort_text < items["greet"].sort_text


async def test_utf16_positions(client: LanguageClient):
    items = await complete(client, "naïve = 'x'\nnaïve.up$\n", name="utf16.py")
    assert "upper" in items


async def test_nothing_in_comments_strings_and_bad_positions(client: LanguageClient):
    assert await complete(client, "x = 1  # x.$\n", name="nothing1.py") == {}
    assert await complete(client, "x = 'x.$\n", name="nothing2.py") == {}
    uri = open_document(client, FIXTURE_PROJECT / "nothing3.py", "x = 1\n")
    past_end = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=40, character=3))
    )
    assert past_end is None
    unopened = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=(FIXTURE_PROJECT / "missing.py").as_uri()),
            position=types.Position(line=0, character=0),
        )
    )
    assert unopened is None


async def test_an_edit_is_seen_by_the_next_completion(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "edited.py", "first = 1\n\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="second = 'a'\nsecond.\n")],
        )
    )
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=7))
    )
    assert "upper" in {item.label for item in result.items}


async def test_names_not_in_scope_come_with_their_import(client: LanguageClient):
    items = await complete(client, '"""Doc."""\nimport os\n\nvalue = defaultd$\n', name="auto_import.py")
    found = items["defaultdict"]
    assert found.label_details.description == "collections"
    edit = found.additional_text_edits[0]
    assert (edit.range.start.line, edit.new_text) == (2, "from collections import defaultdict\n")
    # A workspace module's public name (app/util.py), never its private ones.
    util = await complete(client, "gree$", name="auto_import2.py")
    assert util["greet"].label_details.description == "app.util"
    assert "_registry" not in await complete(client, "_regi$", name="auto_import3.py")


async def test_strings_the_code_expects_inside_a_string(client: LanguageClient):
    text = 'from typing import TypedDict\nclass Movie(TypedDict):\n    title: str\n    year: int\ndef show(movie: Movie):\n    return movie["$"]\n'
    items = await complete(client, text, name="typed_dict_keys.py")
    assert {label: item.kind for label, item in items.items()} == {"title": types.CompletionItemKind.Value, "year": types.CompletionItemKind.Value}
    modes = await complete(client, 'open("notes.txt", "$")\n', name="literal_values.py")
    assert {"r", "w", "rb"} <= modes.keys(), sorted(modes)
