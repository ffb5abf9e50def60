"""Days, months and weekdays the text leaves bare (9日, 10月, on the 9th, on Monday), placed from
the anchor: the nearest one not after it, unless the tense of the sentence or a date the text gave
says otherwise; and dates whose digits the page spaces out."""
from __future__ import annotations

import datetime as dt

import pytest

NOV5 = dt.date(2025, 11, 5)  # a Wednesday
JAN10 = dt.date(2026, 1, 10)

BARE_DAYS = [
    ("ja", "同社は12日、新工場の稼働を発表した。", NOV5, [("12日", "2025-10-12")]),
    ("ja", "3日の取締役会で決めた。", NOV5, [("3日", "2025-11-03")]),
    ("ja", "20日に新製品を発売する。", NOV5, [("20日", "2025-11-20")]),
    ("ja", "経産相は4日の会見で述べた。", NOV5, [("4日", "2025-11-04")]),
    ("ja", "3日にわたり停止した。", NOV5, []),  # a span
    ("ja", "1日に2回点検する。", NOV5, []),  # a rate
    ("en", "The plant opened on the 9th.", NOV5, [("the 9th", "2025-10-09")]),
    ("en", "It will open on the 20th.", NOV5, [("the 20th", "2025-11-20")]),
    ("en", "for the 27th consecutive quarter", NOV5, []),
]

BARE_MONTHS = [
    ("ja", "3月に提携を発表した。", JAN10, [("3月", "2025-03")]),
    ("ja", "3月に新型機を発売する。", JAN10, [("3月", "2026-03")]),
    ("ja", "1月に発表した計画を6月に改める予定だ。", dt.date(2026, 2, 1),
     [("1月", "2026-01"), ("6月", "2026-06")]),
    ("ja", "10月6日に契約を発表しており、", dt.date(2025, 11, 24), [("10月6日", "2025-10-06")]),
    ("ja", "12月の着工を予定している。", dt.date(2024, 5, 8), [("12月", "2024-12")]),
    ("en", "Vantage will launch the service in February.", NOV5, [("February", "2026-02")]),
    ("en", "Vantage launched the service in February.", NOV5, [("February", "2025-02")]),
]

BARE_WEEKDAYS = [
    ("en", "Cobalt will report results on Thursday.", NOV5, [("Thursday", "2025-11-06")]),
    ("en", "Cobalt reported results on Thursday.", NOV5, [("Thursday", "2025-10-30")]),
    ("en", "Cobalt will spend $2bn on the site, the company said on Monday.", NOV5,
     [("Monday", "2025-11-03")]),
    ("ja", "金曜日に発表した。", NOV5, [("金曜日", "2025-10-31")]),
    ("ja", "金曜日に発表する。", NOV5, [("金曜日", "2025-11-07")]),
    ("ja", "毎週月曜日に会議を開く。", NOV5, []),  # every week: a set, not a date
    ("en", "Quill holds calls every Monday.", NOV5, []),
]

WORDS = [
    ("ja", "きょう発表した。あすから販売する。", NOV5, [("きょう", "2025-11-05"), ("あす", "2025-11-06")]),
    ("ja", "おととし設立された。", NOV5, [("おととし", "2023")]),
    ("ja", "きょうだいで創業した。", NOV5, []),
    ("ja", "2025年10月1日に上場した。この日の終値は", None,
     [("2025年10月1日", "2025-10-01"), ("この日", "2025-10-01")]),
    ("ja", "2024年9月に着工、翌3月に完成した。", None, [("2024年9月", "2024-09"), ("翌3月", "2025-03")]),
    ("ja", "同社が28年開始を目指す量産", NOV5, [("28年", "2028")]),
]

SPACED = [
    ("ja", "2025 年 8 月 1 日に発表", None, [("2025 年 8 月 1 日", "2025-08-01")]),
    ("ja", "２０２６年　３月に", None, [("２０２６年　３月", "2026-03")]),
    ("ja", "2027 年前半の稼働", None, [("2027 年前半", "2027-H1")]),
    ("ja", "2026 年 後半に", None, [("2026 年 後半", "2026-H2")]),
]

ANCHORS = [
    # a deadline or the end of a term is not what a later relative date points back to
    ("ja", "契約は2031年12月までとした。同月、提携も発表した。", None,
     [("2031年12月", "2031-12"), ("同月", None)]),
    ("en", "The lease runs through December 2031. Earlier in September, Halden signed it.", None,
     [("December 2031", "2031-12"), ("September", None)]),
    ("en", "Halden signed on May 6, 2025. In September, it expanded.", None,
     [("May 6, 2025", "2025-05-06"), ("September", "2025-09")]),
    ("ja", "2025年9月10日に発表した。7月の第1金曜日に交渉を始めていた。", None,
     [("2025年9月10日", "2025-09-10"), ("7月の第1金曜日", "2025-07-04")]),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"),
                         BARE_DAYS + BARE_MONTHS + BARE_WEEKDAYS + WORDS + SPACED + ANCHORS)
def test_bare_dates(read_dates, lang, text, published, expected):
    doc = read_dates(lang, text, published)
    assert [(d["text"], d["value"]) for d in doc._.dates] == expected


def test_spaced_dates_point_at_what_the_page_wrote(read_dates):
    text = "発表は2025 年 8 月 1 日。"
    (row,) = read_dates("ja", text)._.dates
    assert text[row["start"]:row["end"]] == "2025 年 8 月 1 日"
