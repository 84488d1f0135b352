"""Closed vocabularies declared once (framing.types) and the Protocol every parser meets."""

from __future__ import annotations

import inspect
import typing

import framing
from framing.annotation.lexicon import Inventory
from framing.parsing.cache import ParseCache
from framing.parsing.engine import ParseEngine
from framing.parsing.parser import Parser
from framing.parsing.protocol import ParserLike
from framing.report.palette import CATEGORY_COLOURS
from framing.resources import load_schema
from framing.types import (
    CATEGORIES,
    LABEL_CATEGORIES,
    REFERENCE_CATEGORY,
    VALENCES,
    VOICES,
    Document,
)


def test_the_inventory_repeats_the_categories_and_valences_of_types():
    inventory = Inventory.load()
    assert inventory.categories == frozenset((*CATEGORIES, REFERENCE_CATEGORY))
    assert inventory.valences == frozenset(VALENCES)
    assert set(LABEL_CATEGORIES) < set(CATEGORIES)


def test_the_annotation_schema_enums_equal_types():
    enums = _enums(load_schema("annotations"))
    assert [*CATEGORIES, REFERENCE_CATEGORY] in enums
    assert list(VALENCES) in enums and list(VOICES) in enums


def _enums(schema: object) -> list[list[str]]:
    """Every ``enum`` list anywhere in a JSON schema."""
    found: list[list[str]] = []
    if isinstance(schema, dict):
        if isinstance(schema.get("enum"), list):
            found.append(schema["enum"])
        for value in schema.values():
            found += _enums(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _enums(value)
    return found


def test_the_palette_colours_every_category_in_order():
    assert tuple(CATEGORY_COLOURS) == CATEGORIES


def test_every_parser_meets_the_protocol(tmp_path):
    parser = Parser()
    cache = ParseCache(tmp_path, parser)
    with ParseEngine(parser, cache) as engine:
        for candidate in (parser, cache, engine):
            assert isinstance(candidate, ParserLike)


def test_parse_stream_passes_parsed_and_empty_documents_through(tmp_path):
    """No model is loaded for documents that need no parse."""
    parser = Parser()
    parsed = framing.Document(id="p", text="x")
    parsed.sentences = [framing.Sentence(index=0, tokens=[])]
    empty = Document(id="e", text="   ")
    for candidate in (parser, ParseCache(tmp_path, parser)):
        assert list(candidate.parse_stream([parsed, empty])) == [parsed, empty]
    assert parser._loaded is None


def test_parse_and_annotate_are_overloaded_one_or_many():
    for function, one in ((framing.parse, "Document"), (framing.annotate, "AnnotatedDocument")):
        overloads = typing.get_overloads(function) if hasattr(typing, "get_overloads") else []
        if overloads:
            returns = [inspect.signature(f).return_annotation for f in overloads]
            assert returns == [one, f"list[{one}]"]
        assert inspect.signature(function).return_annotation == f"{one} | list[{one}]"
