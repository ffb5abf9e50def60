"""newskb: market-news articles (Japanese and English) into a SQLite knowledge base.

The repository is this package: ``newskb.ingest`` reads articles and extracts facts,
``newskb.kb`` stores and serves them, ``newskb.queries`` holds the canned SQL.

For analysts, ``newskb.open("market.db")`` gives a ``KnowledgeBase`` whose methods return pandas
frames (``newskb.kb.api``). Importing ``newskb`` stays light: pandas and the rest load on first use,
since every ``import newskb.ingest.x`` runs this file first.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newskb.kb.api import KnowledgeBase

# names of newskb.kb.api offered here, imported when first asked for
_API = ("BadParameters", "KnowledgeBase", "KnowledgeBaseError", "NoKnowledgeBase", "NotAKnowledgeBase",
        "UnknownEntity", "UnknownQuery")

__all__ = ["BadParameters", "KnowledgeBase", "KnowledgeBaseError", "NoKnowledgeBase", "NotAKnowledgeBase",
           "UnknownEntity", "UnknownQuery", "open"]


def open(path: str | Path, *, create: bool = False) -> KnowledgeBase:
    """The knowledge base at ``path``, read as pandas frames; a missing file is an error unless ``create``.

    >>> kb = newskb.open("market.db")          # doctest: +SKIP
    >>> kb.deals(party="AWS", since="2025")    # doctest: +SKIP
    """
    from newskb.kb.api import KnowledgeBase

    return KnowledgeBase(path, create=create)


def __getattr__(name: str) -> Any:
    if name in _API:
        from newskb.kb import api

        return getattr(api, name)
    raise AttributeError(f"module 'newskb' has no attribute {name!r}")
