"""Whether the sentence around a date speaks of the future, the past, or does not say.

A day, month or weekday the text leaves bare (9日, 10月, on Monday) is placed from the anchor:
news mostly reports the past, so by default it is the nearest such day not after the anchor (a
month may lie a little ahead, see ``timex.infer_year``). The tense of the sentence overrides the
default: 「10月に発売する」 and "will report on Monday" look ahead, 「3月に発表した」 looks back.
The markers are words of ``dates.yaml`` (``ja.tense`` / ``en.tense``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from newskb.ingest.patterns import alternation

Tense = Literal["future", "past"] | None

_JA_SENTENCE_END = re.compile(r"[。！？!?\n]")
SPACES = r"\s+"
NEAR = 40  # characters after a Japanese date, up to a comma, that hold its own predicate (1月に発表した)
_EN_SENTENCE_START = re.compile(r"(?:[.!?]\s|\n)(?=[^.!?\n]*$)")


class TenseReader:
    def __init__(self, ja: dict[str, Iterable[str]], en: dict[str, Iterable[str]]) -> None:
        closers = r"[」』）)\]\s]*$"
        self._ja_past = re.compile(rf"(?:{alternation(ja['past_endings'])}){closers}")
        self._ja_future = re.compile(rf"(?:{alternation(ja['future_endings'])}){closers}")
        self._ja_stative = re.compile(rf"(?:{alternation(ja['not_future_endings'])}){closers}")
        self._ja_near_past = re.compile(alternation(ja["past_verbs"]))
        self._ja_plans = re.compile(rf"(?:{alternation(ja['plan_endings'])}){closers}")
        self._en_future = re.compile(rf"(?i:\b(?:{alternation(en['future_markers'], spaces=SPACES)}))\b")
        self._en_past = re.compile(rf"(?i:\b(?:{alternation(en['past_markers'], spaces=SPACES)}))\b")

    def japanese(self, text: str, end: int) -> Tense:
        """The tense of the date's predicate: a past verb in the date's own clause (「1月に発表した
        計画は…予定だ」, 「10月6日に発表しており、」), else the predicate that ends the sentence."""
        stop = _JA_SENTENCE_END.search(text, end)
        clause = text[end: stop.start() if stop else len(text)]
        near = re.split(r"[、,]", clause[:NEAR], maxsplit=1)[0]
        if self._ja_near_past.search(near) or self._ja_past.search(clause):
            return "past"
        if self._ja_plans.search(clause):
            return "future"
        if self._ja_stative.search(clause):
            return None
        if self._ja_future.search(clause):
            return "future"
        return None

    def english(self, text: str, start: int) -> Tense:
        """The tense of the sentence up to the date: "future" when it says so (will, plans to)
        and no past verb comes after that ("will invest …, the company said on Wednesday"),
        "past" when a past verb does (said, opened, was), else unknown."""
        head = text[max(0, start - 300): start]
        begin = _EN_SENTENCE_START.search(head)
        head = head[begin.end() if begin else 0:]
        future = None
        for future in self._en_future.finditer(head):
            pass
        if self._en_past.search(head, future.end() if future else 0):
            return "past"
        return "future" if future is not None else None
