"""Sentences and clauses as the deal rules read them.

A sentence ends at 。!? or a line break, at a period before a capital, and at an ideographic space
inside a Japanese headline (「マイクロソフト、UAEに152億ドル投資　G42と連携」 states two things). A
sentence of two clauses, each with its own subject and deal word, is read as two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from newskb.ingest.components import en_clause_subjects

# (an ideographic space parts a Japanese headline's statements)
_SENTENCE_END = re.compile(
    r"(?<=[。!?])|\n|(?<=[^\s　])　+(?=[^\s　])|(?<=[A-Za-z0-9%)\"”]{2}[.])\s+(?=[A-Z\"“])"
)
JAPANESE = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF]")
# 「、Xは」 / 「、Xが」: a Japanese clause opening with its own subject
_JA_TOPIC = re.compile(r"(?:\s?[(（][^()（）]{0,40}[)）])?\s?(?:は|が)")

Sentence = tuple[int, int, int]  # start, end, paragraph


def is_japanese(text: str, start: int, end: int) -> bool:
    return bool(JAPANESE.search(text, start, end))


def sentences(text: str) -> list[Sentence]:
    """(start, end, paragraph) of each sentence; paragraphs are lines."""
    spans: list[Sentence] = []
    pos, paragraph = 0, 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start(), paragraph))
        pos = max(pos, m.end())
        if "\n" in m.group():
            paragraph += 1
    if pos < len(text):
        spans.append((pos, len(text), paragraph))
    return spans


def split_clauses(
    text: str,
    written: list[Sentence],
    mentions: list[dict[str, Any]],
    deal_word: Callable[[str, int, int], bool],
    pronoun_clause: re.Pattern[str],
) -> list[Sentence]:
    """Sentences of two clauses, each with its own subject and deal word, read as two:
    「マイクロソフトは…29億ドルを…基盤に投じると表明し、AWSは…2兆2600億円を投資する計画を掲げる」,
    "Meta signed a $10 billion deal with Google, and Microsoft agreed to pay Nebius $19.4 billion".
    A cut falls before 「、Xは」/「、Xが」 (", and X", ", while X", "; X") when the words before it
    hold a subject followed by a deal word, and the words after it hold a deal word too."""
    out: list[Sentence] = []
    for start, end, para in written:
        if not is_japanese(text, start, end):
            out.extend(_en_clauses(text, start, end, para, mentions, deal_word, pronoun_clause))
            continue
        cut = start
        for m in mentions:
            at = m["start"]
            if not (cut < at < end) or text[at - 1] != "、" or not _JA_TOPIC.match(text, m["end"]):
                continue
            subject = next(
                (o for o in mentions if cut <= o["start"] < at and _JA_TOPIC.match(text, o["end"])), None
            )
            if subject is None:
                continue
            if deal_word(text, subject["end"], at) and deal_word(text, m["end"], end):
                out.append((cut, at - 1, para))
                cut = at
        out.append((cut, end, para))
    return out


def _en_clauses(
    text: str,
    start: int,
    end: int,
    para: int,
    mentions: list[dict[str, Any]],
    deal_word: Callable[[str, int, int], bool],
    pronoun_clause: re.Pattern[str],
) -> list[Sentence]:
    out, cut = [], start
    # clauses opening with an organization, or with a pronoun ("…, and in September it agreed to…":
    # the subject of the clause before, carried: the grammar's en.pronoun_subjects)
    opened = [(joint, m["start"], m["end"]) for joint, m in en_clause_subjects(text, mentions, start, end)]
    opened += [
        (p.start(), p.start("rest"), p.start("pronoun")) for p in pronoun_clause.finditer(text, start, end)
    ]
    for joint, at, after in sorted(opened):
        if joint < cut:
            continue
        subject = next((o for o in mentions if cut <= o["start"] < joint), None)
        if (
            subject is None
            or deal_word(text, cut, subject["start"])
            or not deal_word(text, subject["end"], joint)
        ):
            continue  # the clause before has its subject before its deal word ("Separately, X signed…")
        if deal_word(text, after, end):
            out.append((cut, joint, para))
            cut = at
    out.append((cut, end, para))
    return out


_EN_PHRASE_OPENER = re.compile(r"(?i),\s+(?:and\s+|including\s+)?|\s+(?:and|including|plus)\s+|;\s*")


def phrase_openers(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Where an English list item or clause opens between ``start`` and ``end``: ", ", "and",
    "including", "plus", "; "."""
    return list(_EN_PHRASE_OPENER.finditer(text, start, end))


def clause_stretches(
    text: str, bounds_at: list[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """The stretches of a sentence its deal words (``bounds_at``: their (start, end)) govern: a new
    one opens where ", " / "and" / "including" stands between two deal words ("…, and a $38 billion
    agreement with Amazon"); deal words with none between them ("signed a $9 billion deal") share one."""
    bounds = [start]
    for before, trigger in pairwise(bounds_at):
        openers = phrase_openers(text, before[1], trigger[0])
        if openers:
            bounds.append(openers[-1].end())
    bounds.append(end)
    return list(pairwise(bounds))
