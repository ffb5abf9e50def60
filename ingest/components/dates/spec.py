"""What a date expression means before an anchor is known, and the builders the rule families share.

A rule family matches text and produces ``Found`` items, each holding a ``DateSpec``:

* an absolute date carries its ``period`` (2025年11月3日);
* a relative one carries ``resolve``, a function of the anchor date (来年, last week, 3日前);
* a *part* of a larger period (9月, 第3四半期, Friday, the 20th) also carries ``place``: where it
  falls inside the period the text names next to it (2016年の9月, next week Friday, the 20th of
  next month). ``compose`` joins the two into one expression with one value;
* an *offset* (3 days, 2年1か月) carries ``shift``: counted from a base date the text names next to
  it (3 days from today, 昨日の2日前), or from the anchor when a direction word says so (3日前).

A ``weak`` item is read only as part of a larger expression ("2016" in "2016 june", "the 27th"
in "the 27th of next month"); alone it names no date.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newskb.ingest import timex
from newskb.ingest.timex import Date, Period

Resolver = Callable[[Date], "Period | None"]
Placer = Callable[[Period], "Period | None"]

YEAR_LIKE = frozenset({"year"})
MONTH_LIKE = frozenset({"month"})
WEEK_OR_DAY = frozenset({"week", "day"})


@dataclass(frozen=True)
class Shift:
    """An offset of whole units, each signed: ((2, "Y"), (21, "D")) is two years and 21 days."""

    parts: tuple[tuple[int, str], ...]

    def signed(self, sign: int) -> Shift:
        return Shift(tuple((sign * n, u) for n, u in self.parts))

    def apply(self, d: Date) -> Date:
        # The largest unit first, as one counts on a calendar: 2 years, then 1 month, then 21 days.
        order = {"Y": 0, "M": 1, "W": 2, "D": 3}
        for amount, unit in sorted(self.parts, key=lambda p: order[p[1]]):
            d = timex.shift(d, amount, unit)
        return d


@dataclass(frozen=True)
class DateSpec:
    """What a matched date expression means, before any anchor is known."""

    period: Period | None = None  # set for absolute dates
    resolve: Resolver | None = None  # set for relative ones
    needs: str = "year"  # the anchor precision resolution needs: day, month or year
    anaphoric: bool = False
    explicit: bool = False  # once resolved, may anchor later expressions (11月3日)
    grain: str = ""  # the precision it names, known before resolving (for composition)
    place: Placer | None = None  # where it falls inside a larger period named next to it
    fits: frozenset[str] = frozenset()  # precisions of the periods ``place`` accepts
    shift: Shift | None = None  # an offset counted from a base date named next to it
    weak: bool = False  # read only as part of a larger expression
    # how to resolve against a date the text gave rather than the publication date, when that
    # differs: a month named alone after a dated lead is of the lead's year (2025年9月10日 … 7月)
    in_text: Resolver | None = None

    @property
    def relative(self) -> bool:
        return self.resolve is not None

    @property
    def kind(self) -> str:
        """The precision of the period it names (``grain``, else the absolute period's)."""
        return self.grain or (self.period.precision if self.period else "")

    def but(self, **changes: object) -> DateSpec:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    fact: DateSpec
    rule: str = ""


@dataclass(frozen=True)
class Rule:
    """One family of expressions: a name, a pattern and what a match of it produces."""

    name: str
    pattern: re.Pattern[str]
    produce: Callable[[re.Match[str], str], Iterable[DateSpec | tuple[int, int, DateSpec]]]

    def find(self, text: str) -> Iterator[Found]:
        for m in self.pattern.finditer(text):
            for item in self.produce(m, text):
                if isinstance(item, tuple):
                    start, end, spec = item
                    yield Found(start, end, spec, self.name)
                else:
                    yield Found(m.start(), m.end(), item, self.name)


def rule(name: str, pattern: str | re.Pattern[str],
         produce: Callable[[re.Match[str], str], Iterable[DateSpec | tuple[int, int, DateSpec]]]) -> Rule:
    return Rule(name, pattern if isinstance(pattern, re.Pattern) else re.compile(pattern), produce)


def at(m: re.Match[str], group: str | int, spec: DateSpec | None) -> Iterator[tuple[int, int, DateSpec]]:
    """``spec`` placed on one group of the match (the core of "by the end of 2026")."""
    if spec is not None:
        yield m.start(group), m.end(group), spec


def one(spec: DateSpec | None) -> Iterator[DateSpec]:
    if spec is not None:
        yield spec


# ---------------------------------------------------------------------------------------------
# Builders shared by the rule families.

def absolute(period: Period | None, **extra: object) -> DateSpec | None:
    return DateSpec(period=period, **extra) if period is not None else None  # type: ignore[arg-type]


def unplaced(grain: str) -> DateSpec:
    """A date the text names that no rule can place (a company's Q3 without a year): value NULL."""
    return DateSpec(resolve=lambda a: None, needs="year", grain=grain)


YearRef = int | tuple[int, bool]  # an absolute year, or (offset, anaphoric)


def on_year(ref: YearRef, make: Callable[[int], Period | None], grain: str = "") -> DateSpec | None:
    """A period of a year given absolutely (2025年) or relatively (来年, the following year)."""
    if isinstance(ref, int):
        return absolute(make(ref), grain=grain)
    offset, anaphoric = ref
    return DateSpec(resolve=lambda a: make(a.year + offset), needs="year", anaphoric=anaphoric, grain=grain)


def fiscal_year_of(d: Date) -> int:
    return d.year if d.month >= timex.FISCAL_START_MONTH else d.year - 1


def month_of(d: Date) -> Period | None:
    return timex.month(d.year, d.month)


def quarter_of(d: Date) -> Period | None:
    return timex.quarter(d.year, timex.quarter_of(d))


def relative_unit(unit: str, offset: int, anaphoric: bool) -> DateSpec | None:
    """This/next/last year, month, week, day, quarter or fiscal year."""
    makers: dict[str, tuple[str, str, Resolver]] = {
        "year": ("year", "year", lambda a: timex.year(a.year + offset)),
        "month": ("month", "month", lambda a: month_of(timex.add_months(a, offset))),
        "week": ("day", "week", lambda a: timex.week(timex.shift(a, offset, "W"))),
        "day": ("day", "day", lambda a: timex.day(timex.shift(a, offset, "D"))),
        "quarter": ("month", "quarter", lambda a: quarter_of(timex.add_months(a, 3 * offset))),
        "fiscal_year": ("month", "fiscal_year", lambda a: timex.fiscal_year(fiscal_year_of(a) + offset)),
        "year_end": ("year", "month", lambda a: timex.month(a.year + offset, 12)),
        "year_start": ("year", "month", lambda a: timex.month(a.year + offset, 1)),
        # 年明け: the January ahead once the year is past its middle, else this year's
        "new_year": ("year", "month", lambda a: timex.month(a.year + offset + (a.month >= 7), 1)),
        "fiscal_year_end": ("month", "month", lambda a: timex.month(fiscal_year_of(a) + offset + 1, 3)),
    }
    if unit not in makers:
        return None
    needs, grain, resolve = makers[unit]
    return DateSpec(resolve=resolve, needs=needs, anaphoric=anaphoric, grain=grain)


def most_recent_month(month_no: int) -> DateSpec:
    """A month named alone that the words around place in the past (since January, 1月以来): the
    most recent one, the anchor's own month included."""
    return DateSpec(resolve=lambda a: timex.month(a.year if month_no <= a.month else a.year - 1, month_no),
                    needs="month", grain="month")


def shifted(shift: Shift, anaphoric: bool) -> DateSpec:
    """The day an offset lands on, counted from the anchor (3日前, two years and 21 days ago)."""
    return DateSpec(resolve=lambda a: timex.day(shift.apply(a)), needs="day", anaphoric=anaphoric,
                    grain="day", shift=shift)


# ---------------------------------------------------------------------------------------------
# Parts of a larger period: the placer and the precisions it accepts.

def month_part(month_no: int) -> tuple[Placer, frozenset[str]]:
    return (lambda p: timex.month(p.year, month_no)), YEAR_LIKE


def month_day_part(month_no: int, dom: int) -> tuple[Placer, frozenset[str]]:
    return (lambda p: timex.make_day(p.year, month_no, dom)), YEAR_LIKE


PeriodOf = Callable[[int, int], "Period | None"]  # (year, n) → the n-th quarter or half


def _in_year_or_fiscal_year(calendar: PeriodOf, fiscal: PeriodOf, n: int) -> tuple[Placer, frozenset[str]]:
    """The n-th quarter or half of a calendar year (2025年第3四半期) or of a fiscal one (2025年度上期)."""
    def place(p: Period) -> Period | None:
        return (fiscal if p.precision == "fiscal_year" else calendar)(p.year, n)
    return place, frozenset({"year", "fiscal_year"})


def quarter_part(q: int) -> tuple[Placer, frozenset[str]]:
    return _in_year_or_fiscal_year(timex.quarter, timex.fiscal_quarter, q)


def half_part(h: int) -> tuple[Placer, frozenset[str]]:
    return _in_year_or_fiscal_year(timex.half, timex.fiscal_half, h)


def season_part(code: str) -> tuple[Placer, frozenset[str]]:
    return (lambda p: timex.season(p.year, code)), YEAR_LIKE


def day_of_month_part(dom: int) -> tuple[Placer, frozenset[str]]:
    return (lambda p: timex.make_day(p.year, p.start.month, dom)), MONTH_LIKE


def weekday_part(weekday: int) -> tuple[Placer, frozenset[str]]:
    """A weekday inside a week (next week Friday), or beside the day it names (Monday, Jan 12)."""
    def place(p: Period) -> Period | None:
        if p.precision == "day":
            return p
        return timex.day(p.start + timex.dt.timedelta(days=weekday))
    return place, WEEK_OR_DAY


def nth_weekday_part(n: int, weekday: int) -> tuple[Placer, frozenset[str]]:
    """The n-th (or, n = -1, the last) such weekday of a month (第2月曜日, the first Friday of)."""
    return (lambda p: timex.nth_weekday(p.year, p.start.month, weekday, n)), MONTH_LIKE


def nth_week_part(n: int) -> tuple[Placer, frozenset[str]]:
    """The n-th (or last) week of a year (ISO weeks) or of a month (from the week of its 1st)."""
    def place(p: Period) -> Period | None:
        if p.precision == "year":
            return timex.iso_week(p.year, n)
        return timex.week_of_month(p.year, p.start.month, n)
    return place, frozenset({"year", "month"})


def nth_month_part(n: int) -> tuple[Placer, frozenset[str]]:
    return (lambda p: timex.month(p.year, n)), YEAR_LIKE


def part(place_fits: tuple[Placer, frozenset[str]], grain: str, resolve: Resolver | None = None,
         needs: str = "year", weak: bool = False, explicit: bool = False,
         in_text: Resolver | None = None) -> DateSpec:
    place, fits = place_fits
    return DateSpec(resolve=resolve, needs=needs, grain=grain, place=place, fits=fits, weak=weak,
                    explicit=explicit, in_text=in_text)
