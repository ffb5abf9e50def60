"""One number normalizer shared by the extractors.

``parse_number(text) -> float | None`` reads the number a news article writes, in any of the
forms Japanese and English outlets use, and returns its value (``None`` when the text is not one
number):

* Arabic or full-width digits, thousands commas and stray spaces: ``3,000``, ``３８０``, ``1000 億``;
* Japanese units, mixed with digits or kanji numerals: ``5兆8000億``, ``1億6,000万``, ``三千億``,
  ``百億``, ``二十五``, ``3千``, positional kanji ``二〇二五``;
* English multipliers, as words or the abbreviations of headlines: ``2.5 trillion``,
  ``14.2B``, ``$``-less ``2.5bn``, ``500 million``, ``50K``;
* English numbers written as words, with fractions of a multiplier: ``five million``,
  ``thirteen``, ``forty-five``, ``three thousand``, ``half a million``, ``three quarters billion``;
* Indian digit grouping (``12,34,567.89``) and the Chinese-style compound unit ``万億`` (= 兆).

It reads numbers only: the caller cuts the currency, unit or percent sign off first.
``fold`` gives the same-length, half-width form of a text, so a regex written for ASCII digits
finds full-width ones at the same character offsets.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["EN_FRACTION_WORDS", "EN_NUMBER_WORDS", "EN_SCALE_WORDS", "KANJI_DIGITS", "LARGE_UNITS",
           "MULTIPLIERS", "SMALL_UNITS", "fold", "parse_number"]

KANJI_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "壱": 1, "弐": 2, "参": 3,
}
# Units below 万 multiply the digit before them and add up inside a group of four digits.
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "拾": 10}
# Units from 万 up close a group: everything before them is multiplied as a whole.
LARGE_UNITS: dict[str, int] = {"万": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}
# English multipliers after a number. Single letters are case-sensitive in the regex that finds
# them (``ingest.components.money``); here the text is already known to be a number.
MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "t": 1e12,
    "lakh": 1e5, "crore": 1e7,  # Indian outlets
}

# English numbers written as words: "five million yen", "forty-five cents", "half a million".
EN_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
EN_SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
                                  "trillion": 10**12}
# A fraction multiplies the count before it ("three quarters" = 0.75, "a quarter" = 0.25).
EN_FRACTION_WORDS: dict[str, float] = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}

_ARABIC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_TRAILING_MULTIPLIER = re.compile(
    r"^(?P<number>.*?\d)\s*-?\s*(?P<mult>" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + r")$"
)
_SPACE_BY_UNIT = re.compile(r" (?=[十百千万億兆京])|(?<=[十百千万億兆京]) ")
_THOUSANDS_COMMA = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
# Lakhs and crores: 12,34,567.89 (Indian outlets group the digits above a thousand in pairs).
_LAKH_GROUPING = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_WORD_SPLIT = re.compile(r"[\s\-]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    # Keep offsets: a character whose normal form is longer (㍻, ½) stays as it is.
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """Half-width digits, Latin letters and signs, same length and offsets as ``text``.

    ``〜`` (wave dash) and ``～`` both become ``~`` so one range pattern reads both.
    """
    return "".join("~" if c == "〜" else _fold_char(c) for c in text)


def parse_number(text: str) -> float | None:
    """The value of ``text`` if it is one number, else ``None``; never raises.

    >>> parse_number("5兆8000億"), parse_number("14.2B"), parse_number("三千億")
    (5800000000000.0, 14200000000.0, 300000000000.0)
    """
    if not isinstance(text, str):
        return None
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace(",", "") if _LAKH_GROUPING.fullmatch(s) else _THOUSANDS_COMMA.sub("", s)
    # A stray space next to a unit is typesetting (1000 億); between two digits it splits numbers.
    s = _SPACE_BY_UNIT.sub("", re.sub(r"\s+", " ", s))
    if not s:
        return None
    multiplier = 1.0
    m = _TRAILING_MULTIPLIER.match(s.casefold())
    if m:
        multiplier = MULTIPLIERS[m["mult"]]
        s = s[: len(m["number"])]
    value = _parse_japanese(s)
    if value is None and multiplier == 1.0:
        value = _parse_english_words(s)
    return None if value is None else value * multiplier


def _parse_japanese(s: str) -> float | None:
    """Digits, kanji numerals and 十百千万億兆 units, in any mix; ``None`` if malformed."""
    total = 0.0
    group = 0.0  # the value inside the current 万-group
    current: float | None = None  # the digits read since the last unit
    current_is_kanji = False
    last_large = outer = float("inf")
    closed: tuple[float, int, int] | None = None  # the block, unit and position of the last large unit
    saw_digit = False
    i = 0
    while i < len(s):
        char = s[i]
        arabic = _ARABIC.match(s, i)
        if arabic:
            if current is not None:
                return None  # two numbers side by side: "3 5"
            current = float(arabic.group())
            current_is_kanji = False
            saw_digit = True
            i = arabic.end()
            continue
        if char in KANJI_DIGITS:
            digit = KANJI_DIGITS[char]
            if current is not None and not current_is_kanji:
                return None
            # Kanji digits in a row are positional: 二〇二五 → 2025.
            current = digit if current is None else current * 10 + digit
            current_is_kanji = True
            saw_digit = True
        elif char in SMALL_UNITS:
            group += (1 if current is None else current) * SMALL_UNITS[char]
            current = None
            saw_digit = True
        elif char in LARGE_UNITS:
            unit = LARGE_UNITS[char]
            if closed is not None and i == closed[2] + 1 and closed[1] * unit < outer:
                # 1万億 = 1兆: a larger unit right after a smaller one multiplies it (Chinese style)
                block, smaller, _ = closed
                total += block * smaller * (unit - 1)
                closed, last_large = (block, smaller * unit, i), smaller * unit
                i += 1
                continue
            if unit >= last_large:
                return None  # units must fall: 1億2万, never 2万1億
            if current is None and group == 0:
                return None  # a bare or doubled unit: 億, 兆億
            block = group + (current or 0)
            total += block * unit
            outer = last_large
            group, current, last_large = 0.0, None, unit
            closed = (block, unit, i)
        else:
            return None
        i += 1
    if not saw_digit:
        return None
    return total + group + (current or 0)


def _parse_english_words(s: str) -> float | None:
    """``five million``, ``one hundred and five``, ``forty-five``, ``half a million``, ``three
    quarters billion``; ``None`` unless every word is part of one number."""
    words = [w for w in _WORD_SPLIT.split(s.casefold()) if w]
    total, current, seen = 0.0, None, False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "and" and seen and following in EN_NUMBER_WORDS:
            continue  # one hundred and five
        if word in ("a", "an") and (following in EN_FRACTION_WORDS or following in EN_SCALE_WORDS):
            if current is None:
                current = 1.0  # a quarter, a million
            continue  # half a million: the fraction is already read
        if word in EN_NUMBER_WORDS:
            value = EN_NUMBER_WORDS[word]
            if current is None:
                current = float(value)
            elif (current % 100 == 0 and value < 100) or (
                    current % 100 >= 20 and current % 10 == 0 and value < 10):
                current += value  # one hundred five, twenty-one
            else:
                return None  # two numbers side by side: "five three"
        elif word in EN_FRACTION_WORDS:
            current = (1.0 if current is None else current) * EN_FRACTION_WORDS[word]
        elif word in EN_SCALE_WORDS:
            if current is None:
                return None  # a bare scale: "million"
            scale = EN_SCALE_WORDS[word]
            if scale == 100:
                current *= scale
            else:
                total, current = total + current * scale, None
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + (current or 0.0)
