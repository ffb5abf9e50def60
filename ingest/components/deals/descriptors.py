"""Family: parties described, not named.

"The startup behind Claude signed a contract with Google", "the Grok developer … a stake in
Nebius", "the chip designer announced…", 「同省は…を助成する」: a description of ``descriptors.yaml``
resolves, in its article, to an organization the article names: a product's maker when the article
names it, else the organization the role fits that is named nearest before the description (else
first after). It then takes part in the sentence like a name, and a deal's party is the organization
it stands for: its mention, so the description never becomes an alias of the entity. Pronouns and
同社 / 両社 are read from the story (``parties``, ``both_parties``), not from here. A description said
in passing right before a name ("buy server maker ZT Systems", "led by Dutch chipmaker ASML") leaves
the name the place the word before it gives (``Descriptors.opening``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newskb.ingest import lexicons
from newskb.ingest.patterns import alternation

NAME = "descriptors"
GOVERNMENT = "Government"
# Between a description and a name that it stands before: "the ChatGPT maker OpenAI", "…, OpenAI"
_APPOSITION = re.compile(r"[\s,、]{1,3}")
# The topic or subject particle right after a Japanese name: what its sentence is about
# (「Anthropicの事業は…」: a name and what of it the sentence is about)
_TOPIC = re.compile(r"(?:\s?\([^()]{0,40}\))?\s?(?:の[^、。はが]{1,8})?[はが]")
# Words between "the" and a role: "the US chipmaker", "the world's largest chip designer"
_ADJECTIVES = r"(?:[\w'’-]+\s+){0,2}?"
# How many words may describe a company before the head of a description: "Israeli AI infrastructure startup"
MODIFIERS = 3
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Description:
    """A description found in a text, and the canonical names it may stand for."""

    start: int
    end: int
    candidates: tuple[str, ...]  # canonical names
    label: str | None = None  # or the organizations of this entity label
    company: bool = False  # or any organization but a government body, named before it


@dataclass
class Descriptors:
    """``descriptors.yaml``, compiled."""

    patterns: list[tuple[re.Pattern[str], tuple[str, ...], str | None]]
    # the last word of what a company is, said in passing right before its name ("by GPU giant
    # Nvidia", "buy server maker ZT Systems"), and the words that open no such description
    heads: frozenset[str]
    not_in_description: frozenset[str]
    pronoun: re.Pattern[str] | None = None  # 同社: the company named last

    def opening(self, before: str, deal_word: Callable[[str], bool]) -> int:
        """Where a description said in passing right before a name opens in ``before`` (the text up
        to the name), else ``len(before)``: its head word ("maker", "startup", "giant") and up to
        ``MODIFIERS`` words before it, back to a preposition, an article or a deal word
        ("acquire Israeli AI startup …" → "Israeli AI startup"; "with the chipmaker …" →
        "chipmaker")."""
        words = list(_WORD.finditer(before))
        if not words or before[words[-1].end() :].strip() or words[-1].group().casefold() not in self.heads:
            return len(before)
        opens = words[-1].start()
        for word in reversed(words[-1 - MODIFIERS : -1]):
            text = word.group()
            if text.casefold() in self.not_in_description or deal_word(text) or text.endswith((",", ";")):
                break
            opens = word.start()
        return opens

    @classmethod
    def load(cls, path: str | Path = "descriptors.yaml") -> Descriptors:
        data = lexicons.load_yaml(path)
        makers = data.get("maker_words") or {}
        patterns: list[tuple[re.Pattern[str], tuple[str, ...], str | None]] = []
        for org, products in (data.get("products") or {}).items():
            if not products:
                continue
            product = alternation(products, spaces=r"\s+")
            after = alternation(makers.get("en_after") or [], spaces=r"\s+")
            before = alternation(makers.get("en_before") or [], spaces=r"\s+")
            ja_after = alternation(makers.get("ja_after") or [])
            forms = [
                rf"(?i:\bthe\s+)?(?:{product})(?:['’]s)?[\s-](?i:{after})\b",
                rf"(?i:\bthe\s+(?:{before})\s+)(?:{product})\b",
            ]
            if ja_after:
                forms.append(rf"(?:{product})(?:{ja_after})")
            patterns.append((re.compile("|".join(forms)), (org,), None))
        for org, titles in (data.get("ministers") or {}).items():
            if titles:
                patterns.append((re.compile(alternation(titles, spaces=r"\s+")), (org,), None))
        for role in data.get("roles") or []:
            words = alternation(role["words"], spaces=r"\s+")
            pattern = re.compile(rf"(?i:\bthe\s+{_ADJECTIVES}(?:{words}))(?![\w-])")
            patterns.append((pattern, tuple(role.get("orgs") or []), role.get("label")))
        heads = {w.split()[-1] for role in data.get("roles") or [] for w in role["words"]}
        heads |= set(data.get("company_nouns") or [])
        government = data.get("government_ja") or []
        if government:
            # standing alone: 中国, 米国, 国内 and 国産 are no description of a government
            ja = alternation(government)
            patterns.append(
                (re.compile(rf"(?<![\u3400-\u9FFF])(?:{ja})(?![\u3400-\u9FFF])"), (), "Government")
            )
        pronouns = data.get("company_pronouns_ja") or []
        pronoun = re.compile(alternation(pronouns)) if pronouns else None
        return cls(
            patterns,
            frozenset(w.casefold() for w in heads),
            frozenset(w.casefold() for w in data.get("not_in_description") or []),
            pronoun,
        )

    def find(self, text: str) -> list[Description]:
        found: list[Description] = []
        for pattern, candidates, label in self.patterns:
            for m in pattern.finditer(text):
                found.append(Description(m.start(), m.end(), candidates, label))
        if self.pronoun is not None:
            found += [
                Description(m.start(), m.end(), (), None, company=True) for m in self.pronoun.finditer(text)
            ]
        return sorted(found, key=lambda d: d.start)

    def resolve(self, text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Mentions for the descriptions of ``text`` that resolve to one of ``mentions`` (the
        article's organizations): each with the described organization's name and, as ``ref``, the
        offsets of the mention it stands for. A description overlapping a name, or followed by
        one ("the ChatGPT maker OpenAI"), is left to the name."""
        out: list[dict[str, Any]] = []
        for d in self.find(text):
            gap = _APPOSITION.match(text, d.end)
            if any(
                m["start"] < d.end and d.start < m["end"] or (gap and m["start"] == gap.end())
                for m in mentions
            ):
                continue  # overlaps a name, or stands right before it (an apposition)
            fitting = [
                m
                for m in mentions
                if m.get("name") in d.candidates
                or (d.label is not None and m.get("label") == d.label)
                or (d.company and m.get("label") != GOVERNMENT)
            ]
            before = [m for m in fitting if m["end"] <= d.start]
            after = [m for m in fitting if m["start"] >= d.end and not d.company]
            if d.company:  # 同社: the company a sentence before was about (Xは, Xが), else the last named
                topics = [m for m in before if _TOPIC.match(text, m["end"])]
                before = topics or before
            antecedent = before[-1] if before else (after[0] if after else None)
            if antecedent is None or any(o["start"] < d.end and d.start < o["end"] for o in out):
                continue
            out.append(
                {
                    **antecedent,
                    "start": d.start,
                    "end": d.end,
                    "text": text[d.start : d.end],
                    "ref": (antecedent["start"], antecedent["end"]),
                    "source": NAME,
                }
            )
        return out
