"""The text the date rules read: width-folded, with the spaces a page puts inside a date removed.

Pages space out the digits of Japanese dates (``2025 年 9 月 22 日``, ``2026 年後半``,
``２０１８年　１２月``). The rules read such a date as if it were written without the spaces;
``TextView.span`` maps a match back to offsets in the original text, so stored rows still point
at what the page wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newskb.ingest import timex

NUMERALS = "0-9〇一二三四五六七八九十百千"
# A space is dropped between a numeral and a date unit, or between a unit and what continues
# the date (a numeral, or the 後半 / 上期 / 第3四半期 / 末 after a year).
_INNER_SPACE = re.compile(
    rf"(?<=[{NUMERALS}])[ \u3000]+(?=[年月日])"
    rf"|(?<=[年月])[ \u3000]+(?=[{NUMERALS}]|[前後上下第末初中半度期])"
)


@dataclass(frozen=True)
class TextView:
    text: str  # what the rules read
    offsets: tuple[int, ...]  # offsets[i]: where text[i] stands in the original; one past the end last

    @classmethod
    def of(cls, original: str) -> TextView:
        folded = timex.width_folded(original)
        kept, offsets, last = [], [], 0
        for m in _INNER_SPACE.finditer(folded):
            kept.append(folded[last:m.start()])
            offsets.extend(range(last, m.start()))
            last = m.end()
        kept.append(folded[last:])
        offsets.extend(range(last, len(folded)))
        offsets.append(len(folded))
        return cls("".join(kept), tuple(offsets))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of ``text[start:end]``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1
