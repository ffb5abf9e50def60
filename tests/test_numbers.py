"""parse_number: the number normalizer every extractor shares."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newskb.ingest.numbers import fold, parse_number

CASES = [
    ("380", 380),
    ("3,000", 3000),
    ("1,400,000", 1_400_000),
    ("20.2", 20.2),
    ("３８０", 380),
    ("１，４００", 1400),
    ("380億", 38_000_000_000),
    ("1000 億", 100_000_000_000),
    ("３８０億", 38_000_000_000),
    ("5兆8000億", 5_800_000_000_000),
    ("5兆 8000億", 5_800_000_000_000),
    ("1.4兆", 1_400_000_000_000),
    ("3,000億", 300_000_000_000),
    ("1億6,000万", 160_000_000),
    ("12億3456万7890", 1_234_567_890),
    ("三千億", 300_000_000_000),
    ("百億", 10_000_000_000),
    ("二十五", 25),
    ("一千万", 10_000_000),
    ("千万", 10_000_000),
    ("3千億", 300_000_000_000),
    ("二〇二五", 2025),
    ("万", None),
    ("億", None),
    ("兆億", None),
    ("2万1億", None),
    ("2.5 trillion", 2_500_000_000_000),
    ("14.2B", 14_200_000_000),
    ("2.5bn", 2_500_000_000),
    ("500 million", 500_000_000),
    ("500M", 500_000_000),
    ("50K", 50_000),
    ("1.2 Billion", 1_200_000_000),
    ("10 mln", 10_000_000),
    ("500 crore", 5_000_000_000),
    ("-5", -5),
    ("", None),
    ("   ", None),
    ("abc", None),
    ("5 4", None),
    ("1,00", None),
    ("GB200", None),
    ("13.4TB", None),
    ("billion", None),
    # English numbers as words, and fractions of a multiplier
    ("seven", 7),
    ("forty-two", 42),
    ("twenty one", 21),
    ("three hundred", 300),
    ("one hundred and six", 106),
    ("two thousand five hundred", 2500),
    ("four million", 4_000_000),
    ("Nine Billion", 9_000_000_000),
    ("half a million", 500_000),
    ("half billion", 500_000_000),
    ("a quarter million", 250_000),
    ("three quarters trillion", 750_000_000_000),
    ("six five", None),
    ("million", None),
    ("a", None),
    ("and", None),
    ("seven apples", None),
    # Indian digit grouping: lakhs and crores
    ("4,56,789", 456_789),
    ("1,00,00,000", 10_000_000),
    ("3,21,000.50", 321_000.5),
    # 万億, the Chinese-style compound unit: 1万億 = 1兆
    ("1万億", 1_000_000_000_000),
    ("三万億", 3_000_000_000_000),
    ("2兆1万億", None),  # 1万億 is not below 兆
]


@pytest.mark.parametrize("text,expected", CASES)
def test_parse_number(text: str, expected: float | None) -> None:
    value = parse_number(text)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


def test_fold_keeps_offsets() -> None:
    text = "ＯｐｅｎＡＩが３８０億ドル（約５兆円）〜㍻"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("OpenAIが380億ドル(約5兆円)~")
    assert folded.endswith("㍻")  # expands under NFKC, so kept as is


def _kanji_mixed(n: int) -> str:
    """1234567890 → 12億3456万7890, the way Japanese outlets write big numbers."""
    parts = []
    for unit, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        if n >= size:
            parts.append(f"{n // size}{unit}")
            n %= size
    if n or not parts:
        parts.append(str(n))
    return "".join(parts)


_KANJI = "〇一二三四五六七八九"


def _kanji_numeral(n: int) -> str:
    """Under 10,000 in pure kanji: 3025 → 三千二十五."""
    out = []
    for unit, size in (("千", 1000), ("百", 100), ("十", 10)):
        digit, n = divmod(n, size)
        if digit:
            out.append(("" if digit == 1 else _KANJI[digit]) + unit)
    if n:
        out.append(_KANJI[n])
    return "".join(out)


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**15))
def test_round_trips_commas(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=2**53))  # floats are exact up to 2**53
def test_round_trips_japanese_units(n: int) -> None:
    assert parse_number(_kanji_mixed(n)) == n


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=9999))
def test_round_trips_kanji_numerals(n: int) -> None:
    assert parse_number(_kanji_numeral(n)) == n


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(
    [("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12),
     ("bn", 10**9), ("M", 10**6), ("B", 10**9)]))
def test_round_trips_multipliers(tenths: int, multiplier: tuple[str, int]) -> None:
    word, size = multiplier
    assert parse_number(f"{tenths / 10:g} {word}") == pytest.approx(tenths * size / 10)
