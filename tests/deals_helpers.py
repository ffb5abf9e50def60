"""Shared by the deal tests (tests/test_deals*.py): blank pipelines with every extractor the deal
component reads, built once; running a text through one; the deals it finds, as party names and
amount."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import spacy
from spacy.language import Language

import newskb.ingest.components  # noqa: F401  (registers the shared Doc extensions)
from newskb.ingest.components import dates, deals, entities, gpus, money  # noqa: F401  (register the factories)

B = 1e9
Deal = tuple[frozenset[str], float | None]
PUBLISHED = dt.date(2025, 11, 4)
EXTRACTORS = ("newskb_entities", "newskb_dates", "newskb_money", "newskb_gpus", "newskb_deals")


@cache
def blank_pipeline(lang: str) -> Language:
    """``spacy.blank(lang)``, a sentencizer and the extractors the deal component reads."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    for factory in EXTRACTORS:
        nlp.add_pipe(factory)
    return nlp


def pipeline_for(text: str) -> Language:
    return blank_pipeline("en" if text.isascii() else "ja")


def run(nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> Any:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def found(doc: Any) -> set[Deal]:
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    return {(frozenset(names[tuple(p["entity"])] for p in d["parties"]), d["amount"]) for d in doc._.deals}


def deal(*parties: str, amount: float | None = None) -> Deal:
    return frozenset(parties), amount


Part = tuple[frozenset[str], float | None, float | None]  # parties, amount, the amount of its total


def found_with_totals(doc: Any) -> set[Part]:
    """The deals found, each with the amount of the total it is a part of (None for none)."""
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    amounts = {d["key"]: d["amount"] for d in doc._.deals}
    return {
        (frozenset(names[tuple(p["entity"])] for p in d["parties"]), d["amount"], amounts.get(d["part_of"]))
        for d in doc._.deals
    }


def part(*parties: str, amount: float | None = None, of: float | None = None) -> Part:
    return frozenset(parties), amount, of


def case_tests(cases: list[tuple[str, str, Any]], read: Callable[[Any], Any] = found,
               blank: tuple[str, ...] = ("ja", "en")) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests of a family's table of sentences: what ``read`` finds in the blank pipelines'
    deals (their parties and amounts, by default), and the same with GiNZA's parse (its Japanese
    sentences), which must not change the answers. ``blank``: the languages read on blank pipelines
    too (Japanese places, 香川県, are found by GiNZA alone)."""
    on_blank = [c for c in cases if c[0] in blank]

    @pytest.mark.parametrize("lang,text,expected", on_blank, ids=[c[1][:40] for c in on_blank])
    def test_blank(lang: str, text: str, expected: Any) -> None:
        assert read(run(blank_pipeline(lang), text)) == expected

    @pytest.mark.ginza
    @pytest.mark.parametrize("text,expected", [(t, e) for lang, t, e in cases if lang == "ja"],
                             ids=[c[1][:40] for c in cases if c[0] == "ja"])
    def test_ginza(ginza_nlp: Language, text: str, expected: Any) -> None:
        assert read(run(ginza_nlp, text)) == expected

    return test_blank, test_ginza
