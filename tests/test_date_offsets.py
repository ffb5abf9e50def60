"""Offsets: a count of units before or after a date lands on one day (3日後, 3 days from today,
two years and 21 days ago), counted from the anchor, or from the date the text names beside it."""
from __future__ import annotations

import datetime as dt

import pytest

NOV5 = dt.date(2025, 11, 5)  # a Wednesday

FROM_THE_ANCHOR = [
    ("ja", "5日後に再開する。", NOV5, [("5日後", "2025-11-10")]),
    ("ja", "2週間前に契約した。", NOV5, [("2週間前", "2025-10-22")]),
    ("ja", "1年2か月前に設立された。", NOV5, [("1年2か月前", "2024-09-05")]),
    ("ja", "3か月と10日後に完成する。", NOV5, [("3か月と10日後", "2026-02-15")]),
    ("ja", "半年後に量産に入る。", NOV5, [("半年後", "2026-05-05")]),
    ("en", "four days from now", NOV5, [("four days from now", "2025-11-09")]),
    ("en", "It was founded one year and two months ago.", NOV5,
     [("one year and two months ago", "2024-09-05")]),
    ("en", "The pact lapsed 2 years, 3 months ago.", NOV5, [("2 years, 3 months ago", "2023-08-05")]),
    ("en", "a fortnight later", NOV5, [("a fortnight later", "2025-11-19")]),
]

FROM_A_DATE = [
    ("ja", "昨日の3日前に提出した。", NOV5, [("昨日の3日前", "2025-11-01")]),
    ("ja", "明日から5日で戻る予定だ。", NOV5, [("明日から5日で", "2025-11-11")]),
    ("ja", "2025年6月2日に締結し、その10日後に発表した。", None,
     [("2025年6月2日", "2025-06-02"), ("10日後", "2025-06-12")]),
    ("en", "two weeks from tomorrow", NOV5, [("two weeks from tomorrow", "2025-11-20")]),
    ("en", "10 days after March 3, 2025", None, [("10 days after March 3, 2025", "2025-03-13")]),
    ("en", "3 weeks before June 1, 2026", None, [("3 weeks before June 1, 2026", "2026-05-11")]),
    ("en", "two months after next Friday", NOV5, [("two months after next Friday", "2026-01-14")]),
    ("en", "signed on May 6, 2025; 5 days later it closed", None,
     [("May 6, 2025", "2025-05-06"), ("5 days later", "2025-05-11")]),
    ("en", "the day after tomorrow", NOV5, [("the day after tomorrow", "2025-11-07")]),
    ("en", "the day before yesterday", NOV5, [("the day before yesterday", "2025-11-03")]),
]

IN_A_WHILE = [
    # the future reads "in two weeks" as a date; the past reads it as how long something took
    ("ja", "2か月で完成する見通しだ。", NOV5, [("2か月で", "2026-01-05")]),
    ("ja", "2か月で完成した。", NOV5, []),
    ("ja", "今後3年で倍増させる。", NOV5, []),
    ("en", "The fab will start output in three weeks.", NOV5, [("in three weeks", "2025-11-26")]),
    ("en", "The chips sold out in three weeks.", NOV5, []),
    ("en", "the week after next", NOV5, [("the week after next", "2025-W47")]),
    ("en", "for the last 3 months and 2 days ago", NOV5, [("2 days ago", "2025-11-03")]),
]

BASELINES = [
    # the baseline of a change names no date the text can place
    ("en", "Revenue rose 12% from a year earlier.", NOV5, [("a year earlier", None)]),
    ("en", "Margins were up 3 points from the previous quarter.", NOV5, [("the previous quarter", None)]),
    ("en", "Sales jumped 40% compared with last year.", NOV5, [("last year", None)]),
    ("en", "Last year, sales jumped 40%.", NOV5, [("Last year", "2024")]),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"),
                         FROM_THE_ANCHOR + FROM_A_DATE + IN_A_WHILE + BASELINES)
def test_offsets(read_dates, lang, text, published, expected):
    doc = read_dates(lang, text, published)
    assert [(d["text"], d["value"]) for d in doc._.dates] == expected


def test_an_offset_is_a_day_and_its_count_a_duration(read_dates):
    doc = read_dates("ja", "3年前に設立した。", NOV5)
    assert [(d["value"], d["precision"]) for d in doc._.dates] == [("2022-11-05", "day")]
    assert [d["value"] for d in doc._.durations] == ["P3Y"]
