"""Words for the full-text index.

SQLite's tokenizers cannot split Japanese (no spaces) and its trigram tokenizer cannot match
two-character words such as 契約 or 出資. So the index gets the text as space-separated words:
SudachiPy's long units (mode C: 設備投資) and their short parts (mode A: 設備, 投資), so a search
for either finds the article. English words pass through unchanged.
"""
from __future__ import annotations

from functools import lru_cache

from sudachipy import Dictionary, SplitMode, Tokenizer


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return Dictionary().create()


def search_text(*parts: str | None, tokenizer: Tokenizer | None = None) -> str:
    """The parts as space-separated words. ``tokenizer``: a SudachiPy tokenizer already loaded
    (GiNZA's, whose dictionary is the default one) rather than one of our own."""
    words: list[str] = []
    tokenizer = tokenizer or _tokenizer()
    for part in parts:
        if not part:
            continue
        # SudachiPy refuses inputs over ~49 KB; feed it line by line.
        for line in part.split("\n"):
            for chunk in (line[i : i + 10_000] for i in range(0, len(line), 10_000)):
                for morpheme in tokenizer.tokenize(chunk, SplitMode.C):
                    surface = morpheme.surface().strip()
                    if not surface:
                        continue
                    words.append(surface)
                    parts_a = morpheme.split(SplitMode.A)
                    if len(parts_a) > 1:
                        words.extend(m.surface() for m in parts_a if m.surface().strip())
    return " ".join(words)


def query_words(query: str) -> list[str]:
    """The words of a search, split as the index splits text (設備投資 → 設備, 投資); punctuation dropped."""
    words: list[str] = []
    for part in query.split():
        for morpheme in _tokenizer().tokenize(part[:1000], SplitMode.C):
            surface = morpheme.surface().strip()
            if surface and not all(not c.isalnum() for c in surface):
                words.append(surface)
    return words
