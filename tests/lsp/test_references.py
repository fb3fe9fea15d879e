"""Find references, document highlight and rename over stdio with pytest-lsp, across the
fixture project's modules (`app/util.py` is never opened: the workspace is searched)."""

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pytest_lsp import LanguageClient

from conftest import FIXTURE_PROJECT
from test_protocol import client, open_document  # noqa: F401 (`client` is the fixture)

pytestmark = pytest.mark.asyncio

MAIN = FIXTURE_PROJECT / "main.py"
UTIL = FIXTURE_PROJECT / "app" / "util.py"


def position(uri: str, line: int, character: int):
    return {"text_document": types.TextDocumentIdentifier(uri=uri), "position": types.Position(line=line, character=character)}


def places(locations):
    return sorted((location.uri.rsplit("/", 1)[-1], location.range.start.line, location.range.start.character) for location in locations or [])


async def test_references_reach_modules_that_are_not_open(client: LanguageClient):
    uri = open_document(client, MAIN)
    # `greet` in `message = greet("pytc")`.
    found = await client.text_document_references_async(
        types.ReferenceParams(**position(uri, 3, 11), context=types.ReferenceContext(include_declaration=True))
    )
    # app/broken.py imports and calls it too.
    assert places(found) == [("broken.py", 0, 21), ("broken.py", 2, 10), ("main.py", 0, 30), ("main.py", 3, 10), ("util.py", 0, 4)]
    uses = await client.text_document_references_async(
        types.ReferenceParams(**position(uri, 3, 11), context=types.ReferenceContext(include_declaration=False))
    )
    assert places(uses) == [("broken.py", 2, 10), ("main.py", 3, 10)]


async def test_attribute_references_go_through_types(client: LanguageClient):
    uri = open_document(client, FIXTURE_PROJECT / "counting.py", "from app.util import Counter\nc = Counter()\nc.count += 1\nprint(c.count)\n")
    found = await client.text_document_references_async(
        types.ReferenceParams(**position(uri, 3, 9), context=types.ReferenceContext(include_declaration=True))
    )
    assert places(found) == [("counting.py", 2, 2), ("counting.py", 3, 8), ("util.py", 9, 13)]


async def test_document_highlight_marks_reads_and_writes(client: LanguageClient):
    uri = open_document(client, MAIN)
    highlights = await client.text_document_document_highlight_async(types.DocumentHighlightParams(**position(uri, 4, 13)))
    assert sorted((h.range.start.line, h.kind) for h in highlights) == [
        (3, types.DocumentHighlightKind.Write),
        (4, types.DocumentHighlightKind.Read),
    ]


async def test_rename_edits_every_module_and_refuses_what_it_must(client: LanguageClient):
    uri = open_document(client, MAIN)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(**position(uri, 3, 12)))
    assert (prepared.start.character, prepared.end.character) == (10, 15)
    edit = await client.text_document_rename_async(types.RenameParams(**position(uri, 3, 11), new_name="welcome"))
    changes = {target.rsplit("/", 1)[-1]: sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edits) for target, edits in edit.changes.items()}
    assert changes == {
        "broken.py": [(0, 21, "welcome"), (2, 10, "welcome")],
        "main.py": [(0, 30, "welcome"), (3, 10, "welcome")],
        "util.py": [(0, 4, "welcome")],
    }
    with pytest.raises(JsonRpcInvalidParams, match="is a Python keyword"):
        await client.text_document_rename_async(types.RenameParams(**position(uri, 3, 11), new_name="class"))
    with pytest.raises(JsonRpcInvalidParams, match="not a valid Python identifier"):
        await client.text_document_rename_async(types.RenameParams(**position(uri, 3, 11), new_name="two words"))
    # `len` comes from typeshed's builtins.
    with pytest.raises(JsonRpcInvalidParams, match="standard library"):
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(**position(uri, 4, 9)))
    with pytest.raises(JsonRpcInvalidParams, match="standard library"):
        await client.text_document_rename_async(types.RenameParams(**position(uri, 4, 9), new_name="size"))
    # Nothing to rename at `=` or past the end.
    assert await client.text_document_prepare_rename_async(types.PrepareRenameParams(**position(uri, 3, 8))) is None
    assert await client.text_document_rename_async(types.RenameParams(**position(uri, 40, 0), new_name="x")) is None
