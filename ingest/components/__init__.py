"""spaCy components, one per fact type.

The contract every extractor follows (see docs/extractors.md):

* a module here registers one factory with ``Language.factory("newskb_<name>", assigns=[...])``;
* it stores its facts on a ``Doc`` extension (``doc._.money``, ``doc._.dates`` …) as a list of
  plain ``dict``s whose keys are the columns of the fact's table, plus ``start`` and ``end``:
  character offsets into ``doc.text``;
* a fact that belongs to an organization says so with ``"entity": (start, end)``, the offsets of
  one of ``doc._.mentions`` (set by ``newskb_entities``), or ``None``;
* ``ingest.records`` turns these dicts into rows (adding ``article_id``, ``sentence`` and ids).

Extensions shared by every component are registered here.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

# The article's publication date (datetime.date or None), set by the pipeline before the
# components run; relative dates resolve against it.
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)

# The article's source (publisher name, e.g. "Reuters") or None; a news organization named in
# its own article is an entity like any other.
if not Doc.has_extension("source"):
    Doc.set_extension("source", default=None)


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token each time ``doc.text`` is read, and the
    extractors read it many times per article."""
    text = doc.user_data.get("newskb.text")
    if text is None:
        text = doc.user_data["newskb.text"] = doc.text
    return text


def actors(doc: Doc) -> list[dict]:
    """The organizations of ``doc._.mentions`` that act in the story, in text order.

    Left out: the agency of a dateline or a reporting credit (``actor`` false, set by
    ``newskb_entities``), and an alias in parentheses right after its name — Amazon Web
    Services(AWS) is one organization named once.
    """
    mentions = doc._.mentions if Doc.has_extension("mentions") else []
    text = text_of(doc)
    kept: list[dict] = []
    for m in sorted((m for m in mentions or [] if m.get("type") == "ORG" and m.get("actor", True)),
                    key=lambda m: m["start"]):
        if kept and re.fullmatch(r"\s?[(（]", text[kept[-1]["end"]: m["start"]]):
            continue
        kept.append(m)
    return kept


# An English clause with a subject of its own: ", and X" / ", while X" / "; X", X an organization
# followed by a verb (an auxiliary, or a past or present form: "Microsoft agreed", "Oracle will").
EN_CLAUSE_JOINT = re.compile(r"(?:,\s+(?:and|while|but|whereas)|;)\s+")
_EN_CLAUSE_VERB = re.compile(
    r"\s+(?:(?:also|has|have|had|will|would|is|was|said|then)\s+)?"
    r"(?:[a-z]+ed|[a-z]+s|will|would|has|have|had|is|was|agreed|signed|struck|won|bought|took|paid|sold)\b")


def en_clause_subjects(text: str, orgs: list[dict], start: int, end: int) -> list[tuple[int, dict]]:
    """The organizations in [start, end) that open an English clause of their own, with where the
    joint before them starts: "Meta signed a deal with Google, and Microsoft agreed to pay
    Nebius…" gives Microsoft (and the position of ", and")."""
    found = []
    for m in orgs:
        if not (start < m["start"] < end):
            continue
        joint = EN_CLAUSE_JOINT.search(text, start, m["start"])
        while joint is not None and joint.end() < m["start"]:
            joint = EN_CLAUSE_JOINT.search(text, joint.end(), m["start"])
        if joint is not None and _EN_CLAUSE_VERB.match(text, m["end"]):
            found.append((joint.start(), m))
    return found
