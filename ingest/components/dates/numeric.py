"""Dates written in digits alone: 2017/3/22, 2016-11, 02/22/2016, 3-7-07, 20170302, 11/2016.

Which number is the day and which the month, when both could be, is a convention of the
language (``dates.yaml``, ``numeric_dates``): American English reads 3-7-2017 as March 7, the
Japanese convention for such foreign forms day first. A two-digit year below the pivot is of
this century (3-7-27 → 2027), from it of the last (05/05/89 → 1989).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newskb.ingest import timex

from .spec import DateSpec, Rule, absolute, rule

YEAR4 = r"(?:1[0-9]{3}|2[01][0-9]{2})"
# Not inside a longer number, a decimal, a version or a phone number.
BEFORE = r"(?<![A-Za-z0-9_.,/:])(?<!\d-)"
AFTER = r"(?![\d]|[.,:/]\d)"


def full_year(two_digits: str, pivot: int) -> int:
    n = int(two_digits)
    return 2000 + n if n < pivot else 1900 + n


def day_or_none(y: int, m: int, d: int) -> DateSpec | None:
    return absolute(timex.make_day(y, m, d)) if 1 <= m <= 12 else None


def numeric_rules(conf: dict[str, Any], lang: str) -> list[Rule]:
    """The numeric forms, read with the conventions of ``lang``."""
    orders: dict[str, str] = conf[lang]
    pivot = int(conf.get("two_digit_year_pivot", 30))
    short_year_first = bool(conf.get(f"{lang}_short_year_first", False))

    def ordered(a: int, b: int, sep: str) -> tuple[int, int]:
        """(month, day) from two small numbers in the order they are written."""
        if a > 12:
            return b, a
        if b > 12:
            return a, b
        return (a, b) if orders.get(sep, "MD") == "MD" else (b, a)

    def year_month_day(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        spec = day_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
        if spec is None:  # 2020/23/09: the day before the month
            spec = day_or_none(int(m["y"]), int(m["d"]), int(m["m"]))
        if spec is not None:
            yield spec

    def day_month_year(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        month, dom = ordered(int(m["a"]), int(m["b"]), m["s"])
        spec = day_or_none(int(m["y"]), month, dom)
        if spec is not None:
            yield spec

    def all_short(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        a, b, c = int(m["a"]), int(m["b"]), int(m["c"])
        if a > 31 or (a > 12 and short_year_first):  # 71/05/05, 15-9-18: the year first
            spec = day_or_none(full_year(m["a"], pivot), b, c)
        else:
            month, dom = ordered(a, b, "short")
            spec = day_or_none(full_year(m["c"], pivot), month, dom)
        if spec is not None:
            yield spec

    def year_month(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        y, mo = int(m["y"]), int(m["m"])
        if 1 <= mo <= 12 and (len(m["m"]) == 1 or mo <= y % 100 or m["s"] != "-"):
            spec = absolute(timex.month(y, mo))
            if spec is not None:
                yield spec

    def month_year(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        spec = absolute(timex.month(int(m["y"]), int(m["m"])))
        if spec is not None:
            yield spec

    m_d = r"(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    a_b = r"(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})"
    a_b_short = r"(?P<a>\d{1,2})(?P<s>[-/])(?P<b>\d{1,2})"  # no dots: 1.5.10 is a version
    compact = r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    return [
        rule("<year>-<month>-<day>", rf"{BEFORE}(?P<y>{YEAR4})(?P<s>[-/.]){m_d}{AFTER}", year_month_day),
        rule("<yyyymmdd>", compact, year_month_day),
        rule("<day>/<month>/<year>", rf"{BEFORE}{a_b}(?:(?P=s)|,\s?)(?P<y>{YEAR4}){AFTER}", day_month_year),
        rule("<day>/<month>/<yy>", rf"{BEFORE}{a_b_short}(?:(?P=s)|,)(?P<c>\d\d){AFTER}", all_short),
        rule("<year>-<month>",
             rf"{BEFORE}(?P<y>{YEAR4})\s*(?P<s>[-/])\s*(?P<m>\d{{1,2}}){AFTER}(?!\s*[-/]\s*\d)", year_month),
        rule("<month>/<year>", rf"{BEFORE}(?P<m>0?[1-9]|1[0-2])\s*[-/]\s*(?P<y>{YEAR4}){AFTER}", month_year),
    ]
