"""Numeric and written-out forms: digits alone (2026/4/15, 04/15/2026, 20260415), month names in
any case and order (april 2026, 2026 April, 15-Apr-2026), quarters and halves however written,
fiscal quarters and halves, decades, the Japanese eras, and a company's quarter without a year."""
from __future__ import annotations

import datetime as dt

import pytest

NOV5 = dt.date(2025, 11, 5)

DIGITS = [
    ("en", "filed on 2026/4/15", None, [("2026/4/15", "2026-04-15")]),
    ("en", "data as of 2026.04.15", None, [("2026.04.15", "2026-04-15")]),
    ("en", "release 04/15/2026", None, [("04/15/2026", "2026-04-15")]),
    ("en", "dated 15/04/2026", None, [("15/04/2026", "2026-04-15")]),
    ("en", "due 4-9-2026", None, [("4-9-2026", "2026-04-09")]),  # American: month first
    ("ja", "期限は4-9-2026", None, [("4-9-2026", "2026-09-04")]),  # day first in a Japanese text
    ("en", "shipped 9-14-26", None, [("9-14-26", "2026-09-14")]),
    ("en", "born 05/06/88", None, [("05/06/88", "1988-05-06")]),
    ("ja", "26/04/15に公開", None, [("26/04/15", "2026-04-15")]),
    ("en", "see q-report-20260415.pdf", None, [("20260415", "2026-04-15")]),
    ("en", "capex for 2026-03 and 2026/4", None, [("2026-03", "2026-03"), ("2026/4", "2026-04")]),
    ("en", "by 10/2026", None, [("10/2026", "2026-10")]),
    # not dates: versions, scores, phone numbers, a range of years
    ("en", "version 2.1.3 ships", None, []),
    ("en", "won 3-2 at home", None, []),
    ("en", "call +1 415-555-2026", None, []),
    ("en", "over 2025-2027", None, [("2025", "2025"), ("2027", "2027")]),
]

NAMES = [
    ("en", "orders placed in april 2026", None, [("april 2026", "2026-04")]),
    ("en", "the 2026 April update", None, [("2026 April", "2026-04")]),
    ("en", "for 2026, apr", None, [("2026, apr", "2026-04")]),
    ("en", "closing 15-Apr-2026", None, [("15-Apr-2026", "2026-04-15")]),
    ("en", "closing Apr-15-2026", None, [("Apr-15-2026", "2026-04-15")]),
    ("en", "closing 2026/apr/15", None, [("2026/apr/15", "2026-04-15")]),
    ("en", "targets Dec/2026", None, [("Dec/2026", "2026-12")]),
    ("en", "signed 9 march 2026", None, [("9 march 2026", "2026-03-09")]),
    ("en", "this may take longer", NOV5, []),  # a verb, not a month
    ("en", "Revenue was 8,250.12 April 2026 figures", None, [("April 2026", "2026-04")]),
]

QUARTERS_AND_HALVES = [
    ("en", "Q2 2026 and 2026 Q3", None, [("Q2 2026", "2026-Q2"), ("2026 Q3", "2026-Q3")]),
    ("en", "guidance for q4-2026", None, [("q4-2026", "2026-Q4")]),
    ("en", "bookings in 2026-q1", None, [("2026-q1", "2026-Q1")]),
    ("en", "a 2026H1 target", None, [("2026H1", "2026-H1")]),
    ("en", "FY2027 Q1 revenue", None, [("FY2027 Q1", "FY2027-Q1")]),
    ("ja", "2027年度下期に稼働", None, [("2027年度下期", "FY2027-H2")]),
    ("ja", "2027年度第2四半期の決算", None, [("2027年度第2四半期", "FY2027-Q2")]),
]

DECADES_AND_ERAS = [
    ("en", "demand through the 2030s", None, [("the 2030s", "203X")]),
    ("en", "since the late 1990s", None, [("late 1990s", "199X")]),
    ("ja", "2030年代に普及する", None, [("2030年代", "203X")]),
    ("ja", "令和8年3月31日に終了", None, [("令和8年3月31日", "2026-03-31")]),
    ("ja", "平成元年に設立", None, [("平成元年", "1989")]),
]

COMPANY_QUARTERS = [
    # a quarter without a year of a company whose fiscal year is not the calendar year: NULL
    ("en", "Nvidia said third-quarter revenue would reach a record.", NOV5, [("third-quarter", None)]),
    ("en", "Broadcom rallied after its Q4 call.", NOV5, [("Q4", None)]),
    ("en", "Oracle expects second-quarter bookings to double.", NOV5, [("second-quarter", None)]),
    # a calendar-year company's quarter, or nobody's, is the calendar quarter
    ("en", "Amazon reports third-quarter results on Thursday.", NOV5,
     [("third-quarter", "2025-Q3"), ("Thursday", "2025-10-30")]),
    ("en", "Chip sales rose in the third quarter.", NOV5, [("the third quarter", "2025-Q3")]),
    ("ja", "第3四半期に黒字化した。", NOV5, [("第3四半期", None)]),  # a company's fiscal quarter
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"),
                         DIGITS + NAMES + QUARTERS_AND_HALVES + DECADES_AND_ERAS + COMPANY_QUARTERS)
def test_date_forms(read_dates, lang, text, published, expected):
    doc = read_dates(lang, text, published)
    assert [(d["text"], d["value"]) for d in doc._.dates] == expected


@pytest.mark.parametrize(("lang", "text", "start", "end", "precision"), [
    ("ja", "2026年度上期", "2026-04-01", "2026-09-30", "half"),
    ("en", "FY2026 Q4", "2027-01-01", "2027-03-31", "quarter"),
    ("en", "the 2030s", "2030-01-01", "2039-12-31", "decade"),
])
def test_form_ranges(read_dates, lang, text, start, end, precision):
    (row,) = read_dates(lang, text)._.dates
    assert (row["start_date"], row["end_date"], row["precision"]) == (start, end, precision)
