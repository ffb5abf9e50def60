"""Family: reported speech.

A company's statement quoted and attributed to it states its deals: "“…brings $400 billion in
investment…,” OpenAI said" (the speaker is the subject when the quotation names none), "Microsoft said
on Tuesday it would put…", 「…を出資する」と発表した. A quotation no organization is named as
saying ("…would be a mistake,” said an analyst") is an opinion: its deal words state no deal. The
speech verbs are ``en.speech_verbs`` of ``deal_grammar.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

from newskb.ingest.components.deals.lexicon import DealGrammar
from newskb.ingest.components.deals.model import Span

NAME = "reported_speech"
# What stands between a closing quotation mark and its speaker: ",” said OpenAI", "” OpenAI said"
_QUOTE_LEAD = re.compile(r"[\"”]\s*,?\s*(?P<verb>\w+\s+(?:to\s+)?)?(?:the\s+)?$")
_QUOTE_MARK = re.compile(r"[\"“”]")
_CLOSING = re.compile(r"[\"”]")
# How far after a closing quotation mark its speaker may be named
REACH = 40


def speakers(text: str, mentions: list[dict[str, Any]], grammar: DealGrammar) -> set[Span]:
    """Organizations named as the speaker of a quotation just before them: "“…,” OpenAI said",
    "…,” said OpenAI", "…,” according to OpenAI"."""
    found = set()
    for m in mentions:
        lead = _QUOTE_LEAD.search(text, max(0, m["start"] - REACH), m["start"])
        if lead is None:
            continue
        verb = lead["verb"] and grammar.en_speech_verb.fullmatch(lead["verb"].split()[0])
        if verb or (not lead["verb"] and grammar.en_speaker_after.match(text, m["end"])):
            found.add((m["start"], m["end"]))
    return found


def in_opinion(text: str, before: str, after: int, end: int, said_by: set[Span]) -> bool:
    """Whether a deal word (``before`` it: its sentence so far; ``after``: where it ends) stands inside
    a quotation that is an opinion rather than the statement of an organization in ``said_by``."""
    if not len(_QUOTE_MARK.findall(before)) % 2:
        return False
    closing = _CLOSING.search(text, after, end + 1)
    return closing is None or not any(closing.end() <= s < closing.end() + REACH for s, _ in said_by)
