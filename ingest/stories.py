"""Syndicated copies: is this text the same story as another one?

A wire story on partner sites, a feed's reissue under a new id, a lightly edited update: the same
text with a reworded headline, a paragraph trimmed, boilerplate added. Two texts are copies when
their shingle sets overlap enough:

- shingles are character 5-grams for Japanese (no spaces to split words on) and word 3-grams
  for English, over the NFKC-folded, lower-cased text with punctuation and spaces dropped;
- ``resemblance`` is their Jaccard similarity, ``containment`` the share of the smaller set found in
  the larger (a copy with a paragraph cut, or with boilerplate added, keeps a high containment);
- ``same_story``: resemblance at least ``RESEMBLANCE`` or containment at least ``CONTAINMENT``,
  thresholds measured in tests/test_stories.py and the README ("Syndicated copies"); a text of
  fewer than ``MIN_SHINGLES`` shingles (a line or two) is nobody's copy.

Candidates come from MinHash locality-sensitive hashing: ``band_keys`` gives ``BANDS`` keys per
text (bands of ``ROWS`` MinHash values each); two texts that share a key are compared exactly.
With 25 bands of 3, a pair sharing half its shingles becomes a candidate 96 % of the time, the
copies measured (resemblance 0.69 and up) more than 99.9 %, two articles on one topic (resemblance
about 0.02) 0.02 % of the time.

MinHash is written here over numpy (already a dependency through spaCy): a library such as
datasketch would add scipy for its in-memory LSH index, which we do not use, since the bands live
in the knowledge base's own table (``story_bands``), where every process finds them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

JA_SHINGLE_CHARS = 5
EN_SHINGLE_WORDS = 3
RESEMBLANCE = 0.5  # Jaccard similarity of the shingle sets (see the module docstring)
CONTAINMENT = 0.7  # share of the smaller set in the larger, for sets of MIN_CONTAINED and more
MIN_CONTAINED = 40  # shorter texts (a flash, a teaser) are copies only by resemblance
MIN_SHINGLES = 20  # texts shorter still (a line or two) are too short to tell a copy: each is its own story
BANDS, ROWS = 25, 3
# Parameters of the MinHash permutations: stored band keys depend on them, so they never change
# without a migration that recomputes every article's keys.
_PRIME = (1 << 61) - 1
_PERMUTATIONS = np.random.RandomState(20251103).randint(1, 1 << 31, size=(2, BANDS * ROWS)).astype(np.uint64)
_PERMUTATIONS.flags.writeable = False
_PUNCTUATION = re.compile(r"[\W_]+", flags=re.UNICODE)
_WORD = re.compile(r"\w+", flags=re.UNICODE)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def shingles(text: str, lang: str | None) -> frozenset[int]:
    """The text's shingles, hashed to 32 bits (CRC-32)."""
    folded = _fold(text)
    if lang == "ja":
        chars = _PUNCTUATION.sub("", folded)
        n = JA_SHINGLE_CHARS
        grams: Iterable[str] = (chars[i:i + n] for i in range(max(1, len(chars) - n + 1)))
    else:
        words, n = _WORD.findall(folded), EN_SHINGLE_WORDS
        grams = (" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))
    return frozenset(zlib.crc32(g.encode("utf-8")) for g in grams if g)


@dataclass(frozen=True)
class Similarity:
    resemblance: float
    containment: float
    smaller: int  # shingles of the shorter text

    @property
    def same_story(self) -> bool:
        if self.smaller < MIN_SHINGLES:
            return False
        contained = self.smaller >= MIN_CONTAINED and self.containment >= CONTAINMENT
        return self.resemblance >= RESEMBLANCE or contained


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0, 0)
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return Similarity(shared / len(a | b), shared / smaller, smaller)


def minhash(shingle_set: frozenset[int]) -> np.ndarray:
    """``BANDS * ROWS`` MinHash values: the least of each permutation (a·x + b mod 2^61−1) over the set."""
    x = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set)).reshape(-1, 1)
    if not len(x):
        return np.zeros(BANDS * ROWS, dtype=np.uint64)
    a, b = _PERMUTATIONS
    return ((a * x + b) % _PRIME).min(axis=0)  # a < 2^31, x < 2^32: a·x + b stays below 2^64


def band_keys(shingle_set: frozenset[int]) -> list[int]:
    """One signed 64-bit key per band (SQLite's INTEGER): texts sharing a key are candidates."""
    values = minhash(shingle_set).reshape(BANDS, ROWS)
    keys = []
    for band, row in enumerate(values):
        digest = hashlib.blake2b(row.tobytes(), digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys
