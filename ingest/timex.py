"""Pure calendar arithmetic behind the dates extractor: TIMEX3-like values and the days they cover.

Nothing here knows about spaCy or about text patterns; every function takes plain values, so the
rules that decide *which* period a phrase names (ingest/components/dates/) stay separate from
*what* that period is.

Conventions (documented once, here):

* Seasons follow the meteorological calendar of the northern hemisphere: spring (SP) March–May,
  summer (SU) June–August, fall (FA) September–November, winter (WI) December of the year named
  through February of the next.
* A fiscal year ``FY2025`` is the Japanese 年度 that *starts* in April 2025 (2025-04-01..2026-03-31).
  English "fiscal 2025" uses the same convention: companies differ, and one documented rule beats a
  guess per company. Its quarters and halves count from its first month: ``FY2025-Q3`` is
  2025-10..2025-12, ``FY2025-H1`` 2025-04..2025-09.
* A decade is written as TIMEX2 does, its last digit X: the 2020s are ``202X``.
* Weeks are ISO weeks (Monday..Sunday); the n-th week of a month is counted as ISO counts those of
  a year, from the week holding the month's first Thursday.
* Adding months or years to a day that the target month lacks (2024-02-29 + 1 year) clamps to the
  month's last day (2025-02-28).
"""
from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass

Date = dt.date

PRECISION_ORDER = ("day", "week", "month", "quarter", "half", "season", "fiscal_year", "year", "decade")
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
FISCAL_START_MONTH = 4


@dataclass(frozen=True)
class Period:
    """A calendar period named by a date expression."""

    value: str
    start: Date
    end: Date
    precision: str

    @property
    def year(self) -> int:
        return self.start.year


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def day(d: Date) -> Period:
    return Period(d.isoformat(), d, d, "day")


def make_day(year: int, month: int, dom: int) -> Period | None:
    """The day, or None when it does not exist (2025-02-29, 11月31日)."""
    try:
        return day(Date(year, month, dom))
    except ValueError:
        return None


def month(year: int, month_no: int) -> Period | None:
    if not 1 <= month_no <= 12:
        return None
    return Period(f"{year:04d}-{month_no:02d}", Date(year, month_no, 1), _month_end(year, month_no), "month")


def quarter(year: int, q: int) -> Period | None:
    if not 1 <= q <= 4:
        return None
    first = 3 * (q - 1) + 1
    return Period(f"{year:04d}-Q{q}", Date(year, first, 1), _month_end(year, first + 2), "quarter")


def half(year: int, h: int) -> Period | None:
    if h not in (1, 2):
        return None
    first = 1 if h == 1 else 7
    return Period(f"{year:04d}-H{h}", Date(year, first, 1), _month_end(year, first + 5), "half")


def season(year: int, code: str) -> Period | None:
    first = SEASON_START_MONTH.get(code)
    if first is None:
        return None
    end = add_months(Date(year, first, 1), 2)
    return Period(f"{year:04d}-{code}", Date(year, first, 1), _month_end(end.year, end.month), "season")


def year(y: int) -> Period:
    return Period(f"{y:04d}", Date(y, 1, 1), Date(y, 12, 31), "year")


def decade(first_year: int) -> Period:
    """The ten years from ``first_year`` (a multiple of ten): 2020 → 202X (2020-01-01..2029-12-31)."""
    return Period(f"{first_year // 10:03d}X", Date(first_year, 1, 1), Date(first_year + 9, 12, 31), "decade")


def fiscal_year(y: int, start_month: int = FISCAL_START_MONTH) -> Period:
    """FY named by the calendar year it starts in (the 年度 convention)."""
    start = Date(y, start_month, 1)
    last = add_months(start, 11)
    return Period(f"FY{y:04d}", start, _month_end(last.year, last.month), "fiscal_year")


def fiscal_year_ending(y: int, end_month: int) -> Period:
    """The fiscal year whose last month is ``end_month`` of ``y`` (2025年3月期 → FY2024)."""
    first = add_months(Date(y, end_month, 1), -11)
    return fiscal_year(first.year, first.month)


def fiscal_quarter(y: int, q: int, start_month: int = FISCAL_START_MONTH) -> Period | None:
    """The q-th quarter of fiscal year ``y`` (FY2025 Q3 = 2025-10..2025-12 with April starts)."""
    if not 1 <= q <= 4:
        return None
    first = add_months(Date(y, start_month, 1), 3 * (q - 1))
    last = add_months(first, 2)
    return Period(f"FY{y:04d}-Q{q}", first, _month_end(last.year, last.month), "quarter")


def fiscal_half(y: int, h: int, start_month: int = FISCAL_START_MONTH) -> Period | None:
    """The first or second half of fiscal year ``y`` (2025年度上期 = 2025-04..2025-09)."""
    if h not in (1, 2):
        return None
    first = add_months(Date(y, start_month, 1), 6 * (h - 1))
    last = add_months(first, 5)
    return Period(f"FY{y:04d}-H{h}", first, _month_end(last.year, last.month), "half")


def week(d: Date) -> Period:
    """The ISO week holding ``d`` (Monday..Sunday)."""
    iso_year, iso_week, _ = d.isocalendar()
    monday = Date.fromisocalendar(iso_year, iso_week, 1)
    return Period(f"{iso_year:04d}-W{iso_week:02d}", monday, monday + dt.timedelta(days=6), "week")


def iso_week(iso_year: int, n: int) -> Period | None:
    """ISO week ``n`` of ``iso_year``; n = -1 is its last week (W52 or W53)."""
    if n == -1:
        n = Date(iso_year, 12, 28).isocalendar()[1]
    try:
        return week(Date.fromisocalendar(iso_year, n, 1))
    except ValueError:
        return None


def week_of_month(y: int, month_no: int, n: int) -> Period | None:
    """The n-th week of a month, counted as ISO counts the weeks of a year: the first is the one
    holding the month's first Thursday; n = -1 is the one holding its last Thursday."""
    thursday = nth_weekday(y, month_no, 3, n)
    return week(thursday.start) if thursday is not None else None


def nth_weekday(y: int, month_no: int, weekday: int, n: int) -> Period | None:
    """The n-th ``weekday`` (Monday=0) of a month (第2月曜日); n = -1 is the last one."""
    if not 1 <= month_no <= 12:
        return None
    if n == -1:
        last = _month_end(y, month_no)
        return day(last - dt.timedelta(days=(last.weekday() - weekday) % 7))
    first = Date(y, month_no, 1)
    d = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day(d) if d.month == month_no else None


def add_months(d: Date, n: int) -> Date:
    index = d.year * 12 + d.month - 1 + n
    y, m0 = divmod(index, 12)
    last = calendar.monthrange(y, m0 + 1)[1]
    return Date(y, m0 + 1, min(d.day, last))


def add_years(d: Date, n: int) -> Date:
    return add_months(d, 12 * n)


def shift(d: Date, amount: int, unit: str) -> Date:
    """``d`` moved by ``amount`` units of Y, M, W or D."""
    if unit == "Y":
        return add_years(d, amount)
    if unit == "M":
        return add_months(d, amount)
    if unit == "W":
        return d + dt.timedelta(weeks=amount)
    return d + dt.timedelta(days=amount)


def infer_year(month_no: int, anchor: Date, future_months: int = 2) -> int:
    """The year of a month named without one ("10月末", "in November").

    News mostly reports the recent past, so the month is placed in the twelve-month window that
    ends ``future_months`` after the anchor's month: published in November 2025, "10月" is
    2025-10 and "12月" 2025-12, but "3月" is 2025-03; published 2025-12-31, "1月" is 2026-01.
    """
    offset = month_no - anchor.month
    if offset > future_months:
        return anchor.year - 1
    if offset < future_months - 11:
        return anchor.year + 1
    return anchor.year


def infer_day(dom: int, anchor: Date, future_days: int = 7) -> Period | None:
    """A day of the month named alone ("3日、発表した"): the anchor's month, or the previous
    month when that day would lie more than ``future_days`` after the anchor."""
    candidate = make_day(anchor.year, anchor.month, dom)
    if candidate is not None and (candidate.start - anchor).days <= future_days:
        return candidate
    previous = add_months(Date(anchor.year, anchor.month, 1), -1)
    return make_day(previous.year, previous.month, dom)


def next_day_of_month(dom: int, anchor: Date) -> Period | None:
    """The first day numbered ``dom`` on or after ``anchor`` (this month's, else next month's)."""
    candidate = make_day(anchor.year, anchor.month, dom)
    if candidate is not None and candidate.start >= anchor:
        return candidate
    following = add_months(Date(anchor.year, anchor.month, 1), 1)
    return make_day(following.year, following.month, dom)


def last_weekday(anchor: Date, weekday: int) -> Date:
    """The most recent ``weekday`` (Monday=0) on or before ``anchor``: news reports the past."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def next_weekday(anchor: Date, weekday: int) -> Date:
    """The first ``weekday`` strictly after ``anchor`` ("next Monday")."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def quarter_of(d: Date) -> int:
    return (d.month - 1) // 3 + 1


# ---------------------------------------------------------------------------------------------
# Numbers as written in dates: ASCII, full-width and kanji numerals.

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMERALS = "".join(KANJI_DIGITS) + "".join(KANJI_UNITS)


def parse_int(text: str) -> int | None:
    """``"2025"``, ``"２０２５"``, ``"二〇二五"``, ``"十四"`` → int; None when it is not a number."""
    text = unicodedata.normalize("NFKC", text).replace(",", "")
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in KANJI_DIGITS and c not in KANJI_UNITS for c in text):
        return None
    if not any(c in KANJI_UNITS for c in text):  # 二〇二五: digit by digit
        return int("".join(str(KANJI_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in KANJI_DIGITS:
            current = KANJI_DIGITS[c]
        else:
            total += (current or 1) * KANJI_UNITS[c]
            current = 0
    return total + current


def width_folded(text: str) -> str:
    """``text`` with each character NFKC-folded when that keeps it one character long.

    Full-width digits and letters become ASCII while every offset stays valid for the original
    text, so the regexes can be written once for both widths.
    """
    out = []
    for c in text:
        folded = unicodedata.normalize("NFKC", c)
        out.append(folded if len(folded) == 1 else c)
    return "".join(out)


def iso_duration(amount: float, unit: str) -> str:
    """``P7Y``, ``P14M``, ``P1W``, ``P2D``, ``PT24H``; a half year becomes months (``P1Y6M``)."""
    if unit in ("H", "MIN", "S"):
        suffix = {"H": "H", "MIN": "M", "S": "S"}[unit]
        return f"PT{_num(amount)}{suffix}"
    if unit == "Y" and amount != int(amount):
        whole, months = int(amount), round((amount - int(amount)) * 12)
        return f"P{whole}Y{months}M" if whole else f"P{months}M"
    if unit == "M" and amount != int(amount):
        return f"P{_num(amount)}M"
    return f"P{_num(amount)}{unit}"


def iso_compound(parts: list[tuple[float, str]]) -> str:
    """One ISO 8601 duration of several calendar units (1年3か月 → P1Y3M; one week three days
    → P10D, since ISO writes weeks alone). Fractions of a year become months (P3Y6M)."""
    if len(parts) == 1:
        return iso_duration(*parts[0])
    months = days = 0.0
    for amount, unit in parts:
        if unit == "Y":
            months += 12 * amount
        elif unit == "M":
            months += amount
        elif unit == "W":
            days += 7 * amount
        else:
            days += amount
    years, months = divmod(months, 12)
    out = "P" + (f"{_num(years)}Y" if years else "") + (f"{_num(months)}M" if months else "")
    out += f"{_num(days)}D" if days else ""
    return out if out != "P" else "P0D"


def _num(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else str(amount)
