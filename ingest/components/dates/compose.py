"""One expression, one value: dates the text names side by side become one date.

The rule families find the pieces; this module joins two pieces that stand next to each other
(nothing but a joining word between them) into the expression they make together, as Duckling's
intersect rules do:

* a part inside the period beside it: 2016年の9月, 来週の月曜日, 今月の27日, june 2016,
  next week Sunday, Tuesday of next week, the first week of 2015, Q3 this year, FY2025 Q3;
* a weekday beside the day it names: 2018年1月22日月曜日, Monday, January 12, 15日金曜日;
* an offset counted from the date beside it: 昨日の2日前, 3 days from today,
  2 weeks before May 13 1999.

Joined items are joined again (the first week of Jan 2015), a few rounds at most. ``select``
then keeps the readings that cover most of the text, so a date is one row with one value, not a
week plus a wrong weekday.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from newskb.ingest import timex
from newskb.ingest.timex import Date, Period

from .spec import WEEK_OR_DAY, DateSpec, Found

# What may stand between two pieces of one expression: after the larger period (2016年の9月,
# next week Sunday, 2016, nov) or before it (june 2016, Tuesday of next week, the 20th of next month).
OUTER_FIRST = re.compile(r"\s*(?:の|,|-|–)?\s*|\s+on\s+", re.IGNORECASE)
# Between a weekday and the day it names (二〇〇九年十月十二日、月曜日; Monday, Jan 12).
BESIDE = re.compile(r"\s*(?:の|、|,)?\s*")
PART_FIRST = re.compile(r"\s*(?:,|-|–)?\s*|\s+(?:of|in|on)\s+(?:the\s+)?", re.IGNORECASE)
# What may stand between an offset and the date it counts from (昨日の2日前, 今日から二日で).
JA_BASE_JOIN = re.compile(r"の|から")
MAX_GAP = 10
ROUNDS = 3


def _placed(outer: DateSpec, inner: DateSpec) -> DateSpec | None:
    """``inner`` (a part: a month, a weekday, the 20th) inside the period ``outer`` names."""
    place = inner.place
    assert place is not None
    extra: dict[str, object] = {}
    if outer.place is not None:  # the outer piece is itself a part (1月 in 1月の第3週)
        outer_place = outer.place

        def place_both(p: Period) -> Period | None:
            container = outer_place(p)
            return place(container) if container is not None else None
        extra = {"place": place_both, "fits": outer.fits}
    explicit = outer.explicit or inner.explicit or outer.period is not None
    if outer.period is not None:
        period = place(outer.period)
        return DateSpec(period=period, explicit=True, grain=inner.kind, **extra) if period else None  # type: ignore[arg-type]
    if outer.resolve is None:
        return None
    outer_resolve = outer.resolve

    def resolve(a: Date) -> Period | None:
        container = outer_resolve(a)
        return place(container) if container is not None else None
    if outer.in_text is not None:  # 7月の第1金曜日 after a dated lead: July of the lead's year
        outer_in_text = outer.in_text

        def in_text(a: Date) -> Period | None:
            container = outer_in_text(a)
            return place(container) if container is not None else None
        extra["in_text"] = in_text
    return DateSpec(resolve=resolve, needs=outer.needs, anaphoric=outer.anaphoric, explicit=explicit,
                    grain=inner.kind, **extra)  # type: ignore[arg-type]


def _rebased(offset: DateSpec, base: DateSpec) -> DateSpec | None:
    """The day ``offset`` lands on, counted from the day ``base`` names."""
    shift = offset.shift
    assert shift is not None
    if base.period is not None:
        return DateSpec(period=timex.day(shift.apply(base.period.start)), grain="day")
    if base.resolve is None:
        return None
    base_resolve = base.resolve

    def resolve(a: Date) -> Period | None:
        day = base_resolve(a)
        return timex.day(shift.apply(day.start)) if day is not None else None
    return DateSpec(resolve=resolve, needs=base.needs, anaphoric=base.anaphoric, grain="day")


def _weekday_of(weekday: DateSpec, day: DateSpec) -> DateSpec | None:
    """A weekday beside the day it names. The weekday is redundant beside a written date
    (2018年1月22日月曜日) and chooses among the candidates of a partial one (21日の月曜日: the 21st
    nearest the anchor that is a Monday); beside an offset it is that weekday of the week the
    offset lands in (Monday two weeks from now)."""
    if day.period is not None:
        return day.but(weak=False)
    place_weekday = weekday.place
    assert place_weekday is not None
    if day.shift is not None and day.resolve is not None:
        resolve_day = day.resolve

        def in_week(a: Date) -> Period | None:
            landed = resolve_day(a)
            return place_weekday(timex.week(landed.start)) if landed is not None else None
        return day.but(resolve=in_week, weak=False)
    if day.place is not None and day.fits & {"month", "year"} and weekday.resolve is not None:
        place_day, fits = day.place, day.fits
        probe = weekday.resolve  # any day with the right weekday tells which weekday it is

        def matching(a: Date) -> Period | None:
            wd = probe(a)
            if wd is None:
                return None
            for k in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
                if "month" in fits:
                    moved = timex.add_months(Date(a.year, a.month, 1), k)
                    container = timex.month(moved.year, moved.month)
                else:
                    container = timex.year(a.year + k)
                candidate = place_day(container) if container is not None else None
                if candidate is not None and candidate.start.weekday() == wd.start.weekday():
                    return candidate
            return None
        return day.but(resolve=matching, needs="day", weak=False)
    return day.but(weak=False)


def _is_weekday(spec: DateSpec) -> bool:
    return spec.place is not None and spec.fits == WEEK_OR_DAY


def join(first: DateSpec, second: DateSpec, gap: str) -> DateSpec | None:
    """The one date two neighbouring pieces make, or None when they are two dates."""
    if second.shift is not None and first.kind == "day" and JA_BASE_JOIN.fullmatch(gap):
        return _rebased(second, first)
    if first.shift is not None and first.weak and second.kind == "day" and not gap.strip():
        return _rebased(first, second)
    if first.shift is not None and first.weak or second.shift is not None and second.weak:
        return None
    if BESIDE.fullmatch(gap):
        if _is_weekday(first) and second.kind == "day" and not _is_weekday(second):
            return _weekday_of(first, second)
        if _is_weekday(second) and first.kind == "day" and not _is_weekday(first):
            return _weekday_of(second, first)
    if second.place is not None and first.kind in second.fits and OUTER_FIRST.fullmatch(gap):
        return _placed(first, second)
    if first.place is not None and second.kind in first.fits and PART_FIRST.fullmatch(gap):
        return _placed(second, first)
    return None


def compose(found: Iterable[Found], text: str) -> list[Found]:
    """``found`` and, for every two neighbours that make one expression, that expression."""
    items = list(found)
    known = {(f.start, f.end) for f in items}
    fresh = {id(f) for f in items}
    for _ in range(ROUNDS):
        by_start = sorted(items, key=lambda f: f.start)
        starts = [f.start for f in by_start]
        new: list[Found] = []
        for a in items:
            lo = bisect.bisect_left(starts, a.end)
            hi = bisect.bisect_right(starts, a.end + MAX_GAP)
            for b in by_start[lo:hi]:
                if id(a) not in fresh and id(b) not in fresh:
                    continue
                gap = text[a.end:b.start]
                if not any(j.fullmatch(gap) for j in (OUTER_FIRST, PART_FIRST, BESIDE, JA_BASE_JOIN)):
                    continue
                spec = join(a.fact, b.fact, gap)
                if spec is not None and (a.start, b.end) not in known:
                    known.add((a.start, b.end))
                    new.append(Found(a.start, b.end, spec, f"{a.rule}+{b.rule}"))
        if not new:
            break
        items.extend(new)
        fresh = {id(f) for f in new}
    return items


def select(candidates: Iterable[Found]) -> list[Found]:
    """The expressions to keep: no two overlapping, covering as much of the text as possible (then
    as few as possible), so a whole expression beats its pieces and two neighbouring dates are not
    traded for one that steals a piece of each ("2016 june, 2017 q1" is two dates, not "june,
    2017"). Weak pieces left alone are dropped. Returned in text order."""
    items = sorted((f for f in candidates if not f.fact.weak), key=lambda f: (f.end, f.start))
    ends = [f.end for f in items]
    # best[i]: the best score of items[:i], as (characters covered, -expressions); took[i]: whether
    # items[i - 1] is in it, and the prefix it extends
    best: list[tuple[int, int]] = [(0, 0)]
    took: list[tuple[bool, int]] = [(False, 0)]
    for i, f in enumerate(items):
        before = bisect.bisect_right(ends, f.start, 0, i)
        covered, count = best[before]
        take = (covered + f.end - f.start, count - 1)
        if take > best[i]:
            best.append(take)
            took.append((True, before))
        else:
            best.append(best[i])
            took.append((False, i))
    kept, i = [], len(items)
    while i > 0:
        taken, previous = took[i]
        if taken:
            kept.append(items[i - 1])
        i = previous if taken else i - 1
    return sorted(kept, key=lambda f: f.start)
