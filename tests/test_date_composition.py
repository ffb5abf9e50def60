"""One expression, one value: pieces of a date named side by side are one date (compose.py).

Every case lists the rows the text gives, as (text, value): a composed expression is one row, not
a week plus a wrong weekday or a year plus a month of another year.
"""
from __future__ import annotations

import datetime as dt

import pytest

NOV5 = dt.date(2025, 11, 5)  # a Wednesday, ISO week 2025-W45

WEEKDAY_IN_WEEK = [
    ("ja", "来週の火曜日に説明会を開く。", NOV5, [("来週の火曜日", "2025-11-11")]),
    ("ja", "先週の木曜日に提携を発表した。", NOV5, [("先週の木曜日", "2025-10-30")]),
    ("ja", "今週の土曜日まで受け付ける。", NOV5, [("今週の土曜日", "2025-11-08")]),
    ("ja", "次の金曜日に決算を発表する。", NOV5, [("次の金曜日", "2025-11-14")]),
    ("ja", "この月曜日に着任した。", NOV5, [("この月曜日", "2025-11-03")]),
    ("en", "The vote is set for next week Thursday.", NOV5, [("next week Thursday", "2025-11-13")]),
    ("en", "Shares slid on Tuesday of last week.", NOV5, [("Tuesday of last week", "2025-10-28")]),
    ("en", "Results are due Friday next week.", NOV5, [("Friday next week", "2025-11-14")]),
    ("en", "The board meets next week on Monday.", NOV5, [("next week on Monday", "2025-11-10")]),
    ("en", "Lumen will brief investors next Friday.", NOV5, [("next Friday", "2025-11-14")]),
    ("en", "The listing priced last Monday.", NOV5, [("last Monday", "2025-10-27")]),
    ("en", "It opens this Friday.", NOV5, [("this Friday", "2025-11-07")]),
    ("en", "Talks resume the following Tuesday.", NOV5, [("following Tuesday", "2025-11-11")]),
]

PART_IN_YEAR = [
    ("ja", "今年の第2四半期に黒字化した。", NOV5, [("今年の第2四半期", "2025-Q2")]),
    ("ja", "2024年の下半期に受注が伸びた。", None, [("2024年の下半期", "2024-H2")]),
    ("ja", "来年の3月に上場する。", NOV5, [("来年の3月", "2026-03")]),
    ("ja", "昨年の冬に着工した。", NOV5, [("昨年の冬", "2024-WI")]),
    ("ja", "2023年の9月15日に設立", None, [("2023年の9月15日", "2023-09-15")]),
    ("ja", "2026年度上期に投資を始める。", None, [("2026年度上期", "FY2026-H1")]),
    ("ja", "2026年度の第1四半期", None, [("2026年度の第1四半期", "FY2026-Q1")]),
    ("en", "bookings for 2024 q3 rose", None, [("2024 q3", "2024-Q3")]),
    ("en", "deliveries start in march 2027", None, [("march 2027", "2027-03")]),
    ("en", "opened in 2023 october", None, [("2023 october", "2023-10")]),
    ("en", "capacity comes online in Q2 next year", NOV5, [("Q2 next year", "2026-Q2")]),
    ("en", "the 4th of july of 2026", None, [("the 4th of july of 2026", "2026-07-04")]),
    ("en", "Orion Cloud guides for FY2026 Q3 growth.", None, [("FY2026 Q3", "FY2026-Q3")]),
]

DAY_IN_MONTH = [
    ("ja", "来月の15日に稼働する。", NOV5, [("来月の15日", "2025-12-15")]),
    ("ja", "今月の三十日が期限だ。", NOV5, [("今月の三十日", "2025-11-30")]),
    ("ja", "来月の第1火曜日に開く。", NOV5, [("来月の第1火曜日", "2025-12-02")]),
    ("ja", "2026年の最初の週に出荷する。", None, [("2026年の最初の週", "2026-W01")]),
    ("ja", "2026年3月の最後の週", None, [("2026年3月の最後の週", "2026-W13")]),
    ("en", "payment is due on the 12th of next month", NOV5, [("the 12th of next month", "2025-12-12")]),
    ("en", "the second Wednesday of next month", NOV5,
     [("the second Wednesday of next month", "2025-12-10")]),
    ("en", "in the first week of March 2026", None, [("the first week of March 2026", "2026-W10")]),
    ("en", "during the last week of 2026", None, [("the last week of 2026", "2026-W53")]),
    ("en", "the third week of this month", NOV5, [("the third week of this month", "2025-W47")]),
]

WEEKDAY_BESIDE_DAY = [
    ("ja", "2025年11月3日月曜日に契約した。", None, [("2025年11月3日月曜日", "2025-11-03")]),
    ("ja", "二〇二五年十一月三日、月曜日", None, [("二〇二五年十一月三日、月曜日", "2025-11-03")]),
    # a weekday chooses the month of a day named alone: the 14th that is a Friday
    ("ja", "14日の金曜日に発表する。", NOV5, [("14日の金曜日", "2025-11-14")]),
    ("en", "on Monday, Nov. 3, 2025", None, [("Monday, Nov. 3, 2025", "2025-11-03")]),
    ("en", "the launch on Friday the 31st", NOV5, [("Friday the 31st", "2025-10-31")]),
    ("en", "coffee on tuesday the eleventh", NOV5, [("tuesday the eleventh", "2025-11-11")]),
]

NOT_ONE_EXPRESSION = [
    # a list is two dates: nothing joins across 「、」, nor steals a piece of each neighbour
    ("ja", "来年、10月末に", NOV5, [("来年", "2026"), ("10月末", "2025-10")]),
    ("en", "for 2024 june, 2025 q2 and FY2026", None,
     [("2024 june", "2024-06"), ("2025 q2", "2025-Q2"), ("FY2026", "FY2026")]),
    ("en", "in 2024, 2025 and 2026", None, [("2024", "2024"), ("2025", "2025"), ("2026", "2026")]),
    ("en", "Tuesday, and then Thursday", NOV5, [("Tuesday", "2025-11-04"), ("Thursday", "2025-10-30")]),
]


CASES = WEEKDAY_IN_WEEK + PART_IN_YEAR + DAY_IN_MONTH + WEEKDAY_BESIDE_DAY + NOT_ONE_EXPRESSION


@pytest.mark.parametrize(("lang", "text", "published", "expected"), CASES)
def test_one_expression_one_value(read_dates, lang, text, published, expected):
    doc = read_dates(lang, text, published)
    assert [(d["text"], d["value"]) for d in doc._.dates] == expected


def test_composed_relative_dates_keep_their_anchor(read_dates):
    """A composed date resolves like its larger part: 翌週の月曜日 points back to the text's date."""
    doc = read_dates("ja", "2025年3月4日に契約した。翌週の月曜日に発表した。", NOV5)
    rows = [(d["text"], d["value"], d["anchor"]) for d in doc._.dates]
    assert rows == [("2025年3月4日", "2025-03-04", None), ("翌週の月曜日", "2025-03-10", "text")]
