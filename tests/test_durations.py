"""Durations: a compound span is one value (1年3か月 → P1Y3M), so are fractions (半年, 2.5 years,
a year and a half) and whole units said in words (まる1日, a full month, all week, another week)."""
from __future__ import annotations

import pytest

COMPOUND = [
    ("ja", "契約期間は2年6か月とした。", [("2年6か月", "P2Y6M")]),
    ("ja", "工期は1年と3か月だ。", [("1年と3か月", "P1Y3M")]),
    ("ja", "6か月と10日間の試験運用", [("6か月と10日間", "P6M10D")]),
    ("ja", "1週間と2日間停止した。", [("1週間と2日間", "P9D")]),
    ("ja", "保証は6か月、延長は12か月", [("6か月", "P6M"), ("12か月", "P12M")]),  # a list: two spans
    ("en", "a lease of 2 years 3 months", [("2 years 3 months", "P2Y3M")]),
    ("en", "after 3 years and 6 months of work", [("3 years and 6 months", "P3Y6M")]),
    ("en", "an outage of one week and two days", [("one week and two days", "P9D")]),
    ("en", "tenors of 6 months, 12 months and 24 months",
     [("6 months", "P6M"), ("12 months", "P12M"), ("24 months", "P24M")]),
]

FRACTIONS = [
    ("ja", "半年で黒字化した。", [("半年", "P6M")]),
    ("ja", "5年半の開発", [("5年半", "P5Y6M")]),
    ("ja", "3年間半の交渉", [("3年間半", "P3Y6M")]),
    ("ja", "半月間の休止", [("半月間", "P0.5M")]),
    ("en", "a 2.5-year build", [("2.5-year", "P2Y6M")]),
    ("en", "after 4.5years", [("4.5years", "P4Y6M")]),
    ("en", "a year and a half of talks", [("a year and a half", "P1Y6M")]),
    ("en", "two and a half years", [("two and a half years", "P2Y6M")]),
    ("en", "one and a quarter years", [("one and a quarter years", "P1Y3M")]),
    ("en", "half a year late", [("half a year", "P6M")]),
]

WHOLE_UNITS = [
    ("ja", "まる2日停止した。", [("まる2日", "P2D")]),
    ("ja", "丸1年かかった。", [("丸1年", "P1Y")]),
    ("ja", "ひと月で完売した。", [("ひと月", "P1M")]),
    ("ja", "4日以上続いた。", [("4日", "P4D")]),  # 以上 marks it approximate
    ("ja", "3泊の出張", [("3泊", "P3D")]),
    ("ja", "シャープの工場跡を1年で転用した。", [("1年", "P1Y")]),
    ("en", "the plant ran a full month", [("full month", "P1M")]),
    ("en", "the line was down all week", [("all week", "P1W")]),
    ("en", "talks may take another month", [("another month", "P1M")]),
    ("en", "in a couple of years", [("a couple of years", "P2Y")]),
    ("en", "a fortnight of tests", [("a fortnight", "P2W")]),
    ("en", "three nights in Austin", [("three nights", "P3D")]),
    # not spans: a report or a figure of a period
    ("en", "full-year results beat estimates", []),
    ("en", "half-year revenue rose", []),
    ("en", "the full-year 2025 outlook", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), COMPOUND + FRACTIONS + WHOLE_UNITS)
def test_durations(read_dates, lang, text, expected):
    doc = read_dates(lang, text)
    assert [(d["text"], d["value"]) for d in doc._.durations] == expected


def test_a_couple_is_approximate(read_dates):
    (row,) = read_dates("en", "a couple of weeks")._.durations
    assert (row["value"], row["approx"]) == ("P2W", True)
