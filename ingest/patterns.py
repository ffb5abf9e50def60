"""Regular expressions built from word lists (the lexicons), shared by every extractor."""
from __future__ import annotations

import re
from collections.abc import Iterable

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z .\-]*[A-Za-z.]|[A-Za-z]")


def alternation(words: Iterable[str], *, spaces: str | None = None, bound_latin: bool = False,
                ignore_case: bool = False) -> str:
    """One regex matching any of ``words``, longest first (so 上半期 wins over 上期).

    ``spaces`` replaces each space inside a word (``r"\\s+"``: any run of white space);
    ``bound_latin`` keeps English words from matching inside longer words ("won" in "wonder");
    ``ignore_case`` makes every word case-insensitive.
    """
    parts = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        escaped = re.escape(word)
        if spaces is not None:
            escaped = escaped.replace(r"\ ", spaces)
        if bound_latin and _LATIN_WORD.fullmatch(word):
            escaped = rf"(?<![A-Za-z]){escaped}(?![A-Za-z])"
        parts.append(rf"(?i:{escaped})" if ignore_case else escaped)
    return "|".join(parts)
