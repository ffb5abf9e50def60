"""Dates and durations: the ``newskb_dates`` component.

Every date expression becomes one ``doc._.dates`` row, every span of time one ``doc._.durations``
row. Patterns run over ``text_of(doc)`` (width-folded so full-width digits match), so the component
works the same on any tokenizer. Words come from ``ingest/lexicons/dates.yaml`` and
``ingest/lexicons/eras.csv``; the calendar arithmetic lives in ``ingest/timex.py``.

Relative expressions resolve against an anchor, never a guess:

* deictic ones (来年, last week, 3日前に, two years ago) against ``doc._.published``, or without
  it against the most recent explicit date the text gave before them (``anchor='text'``);
* anaphoric ones (同日, 翌年, the following year, 「契約締結の1週間前」, two years earlier) the
  other way round: the text's last explicit date first, the publication date as a fallback;
* an anchor must be as fine as the expression needs: 同日 needs a day, 10月末 a month (to pick
  its year), 同年 a year; with no fitting anchor the row keeps ``value=None``.

A month (or a season, by its first month) named without a year takes the year that puts it at most
two months after the anchor (``timex.infer_year``); a weekday is the most recent one on or before the anchor ("on Monday" in
news reports the past), "next Monday" the first one after it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import newskb.ingest.components  # noqa: F401  (registers doc._.published)
from newskb.ingest import lexicons, timex
from newskb.ingest.components import text_of
from newskb.ingest.patterns import alternation
from newskb.ingest.timex import Date, Period

for _name in ("dates", "durations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

Resolver = Callable[[Date], "Period | None"]


@dataclass(frozen=True)
class DateSpec:
    """What a matched date expression means, before any anchor is known."""

    period: Period | None = None  # set for absolute dates
    resolve: Resolver | None = None  # set for relative ones
    needs: str = "year"  # the anchor precision resolution needs: day, month or year
    anaphoric: bool = False
    explicit: bool = False  # once resolved, may anchor later expressions (11月3日)

    @property
    def relative(self) -> bool:
        return self.resolve is not None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    fact: DateSpec | dict[str, Any]


Handler = Callable[[re.Match[str], str], Iterable[Found]]

ANCHOR_PRECISIONS = {
    "day": {"day"},
    "month": {"day", "week", "month"},
    "year": set(timex.PRECISION_ORDER),
}


# ---------------------------------------------------------------------------------------------
# Small builders shared by the rules.

def absolute(period: Period | None) -> DateSpec | None:
    return DateSpec(period=period) if period is not None else None


YearRef = int | tuple[int, bool]  # an absolute year, or (offset, anaphoric)


def on_year(ref: YearRef, make: Callable[[int], Period | None]) -> DateSpec | None:
    """A period of a year given absolutely (2025年) or relatively (来年, the following year)."""
    if isinstance(ref, int):
        return absolute(make(ref))
    offset, anaphoric = ref
    return DateSpec(resolve=lambda a: make(a.year + offset), needs="year", anaphoric=anaphoric)


def in_inferred_year(month_no: int, make: Callable[[int], Period | None], window: int,
                     explicit: bool = False) -> DateSpec:
    """A period named by a month without a year (10月末, November 3, Q3)."""
    return DateSpec(resolve=lambda a: make(timex.infer_year(month_no, a, window)), needs="month",
                    explicit=explicit)


def most_recent_month(month_no: int) -> DateSpec:
    """A month named alone that the words around place in the past (since January, 1月以来): the
    most recent one, the anchor's own month included."""
    return DateSpec(resolve=lambda a: timex.month(a.year if month_no <= a.month else a.year - 1, month_no),
                    needs="month")


def fiscal_year_of(d: Date) -> int:
    return d.year if d.month >= timex.FISCAL_START_MONTH else d.year - 1


def offset_period(amount: int, unit: str, anaphoric: bool) -> DateSpec:
    """The day, month or year a count of units before or after the anchor lands on."""
    def resolve(a: Date) -> Period | None:
        moved = timex.shift(a, amount, unit)
        if unit == "Y":
            return timex.year(moved.year)
        if unit == "M":
            return timex.month(moved.year, moved.month)
        return timex.day(moved)
    return DateSpec(resolve=resolve, needs="day" if unit in ("W", "D") else "month" if unit == "M" else "year",
                    anaphoric=anaphoric)


def relative_unit(unit: str, offset: int, anaphoric: bool) -> DateSpec | None:
    """This/next/last year, month, week, day, quarter or fiscal year."""
    makers: dict[str, tuple[str, Resolver]] = {
        "year": ("year", lambda a: timex.year(a.year + offset)),
        "month": ("month", lambda a: _month_of(timex.add_months(a, offset))),
        "week": ("day", lambda a: timex.week(timex.shift(a, offset, "W"))),
        "day": ("day", lambda a: timex.day(timex.shift(a, offset, "D"))),
        "quarter": ("month", lambda a: _quarter_of(timex.add_months(a, 3 * offset))),
        "fiscal_year": ("month", lambda a: timex.fiscal_year(fiscal_year_of(a) + offset)),
        "year_end": ("year", lambda a: timex.month(a.year + offset, 12)),
        "year_start": ("year", lambda a: timex.month(a.year + offset, 1)),
        # 年明け: the January ahead once the year is past its middle, else this year's
        "new_year": ("year", lambda a: timex.month(a.year + offset + (a.month >= 7), 1)),
        "fiscal_year_end": ("month", lambda a: timex.month(fiscal_year_of(a) + offset + 1, 3)),
    }
    if unit not in makers:
        return None
    needs, resolve = makers[unit]
    return DateSpec(resolve=resolve, needs=needs, anaphoric=anaphoric)


def _month_of(d: Date) -> Period | None:
    return timex.month(d.year, d.month)


def _quarter_of(d: Date) -> Period | None:
    return timex.quarter(d.year, timex.quarter_of(d))


def found(m: re.Match[str], fact: DateSpec | dict[str, Any] | None, group: str | int = 0) -> Iterator[Found]:
    if fact is not None:
        yield Found(m.start(group), m.end(group), fact)


def two_digit_year(text: str) -> int:
    return 2000 + int(text)


# ---------------------------------------------------------------------------------------------
# The lexicon and the rules built from it.

@dataclass
class Lexicon:
    data: dict[str, Any]
    eras: dict[str, int]

    @classmethod
    def load(cls, path: str | Path | None = None, eras_path: str | Path | None = None) -> Lexicon:
        data = lexicons.load_yaml(path or "dates.yaml")
        eras = {row["era"]: int(row["first_year"]) for row in lexicons.load_csv(eras_path or "eras.csv")}
        return cls(data, eras)

    @property
    def ja(self) -> dict[str, Any]:
        return self.data["ja"]

    @property
    def en(self) -> dict[str, Any]:
        return self.data["en"]

    @property
    def month_window(self) -> int:
        return int(self.data.get("month_future_window", 2))

    @property
    def day_window(self) -> int:
        return int(self.data.get("day_future_window", 7))


def _preceded_by(before: str, words: Iterable[str], skip: str = "はがのを：:、 ") -> bool:
    """Whether ``before`` ends with one of ``words``, particles and spaces aside (契約期間は7年)."""
    trimmed = before.rstrip(skip)
    return any(trimmed.endswith(w) for w in words)


# ---------------------------------------------------------------------------------------------
# Japanese dates.

JA_SMALL = r"(?:[0-9]{1,2}|[〇一二三四五六七八九十]{1,3})"  # a month, a day, a small count
JA_COUNT = r"(?:[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十百]+)"
NOT_AFTER_NUMBER = r"(?<![0-9.,〇一二三四五六七八九十百千])"
JA_YEAR4 = r"(?:1[89][0-9]{2}|2[01][0-9]{2}|[〇一二三四五六七八九]{4})"


def _int(text: str | None) -> int:
    value = timex.parse_int(text or "")
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


def _ja_relative_years(ja: dict[str, Any]) -> dict[str, tuple[int, bool]]:
    words = {w: (int(o), False) for w, o in ja["year_words"].items()}
    words.update({w: (int(o), True) for w, o in ja["anaphoric_year_words"].items()})
    return words


def _count(text: str) -> float:
    """A count in a duration: 7, 1.5, 十四, 半 (a half)."""
    if text == "半":
        return 0.5
    try:
        return float(text)
    except ValueError:
        return float(_int(text))


def ja_date_rules(lex: Lexicon) -> list[tuple[re.Pattern[str], Handler]]:
    ja, window = lex.ja, lex.month_window
    rel_years = _ja_relative_years(ja)
    halves, seasons = ja["halves"], ja["seasons"]
    month_parts = alternation(ja["month_part_words"])
    blocked = tuple(ja["blocked_after_relative"])
    head = (rf"(?:{NOT_AFTER_NUMBER}(?P<y>{JA_YEAR4})年"
            rf"|(?P<era>{alternation(lex.eras)})(?P<en>元|{JA_SMALL})年"
            rf"|{NOT_AFTER_NUMBER}(?P<y2>[0-9]{{2}})年(?={JA_SMALL}月|度)"
            rf"|(?P<ry>{alternation(rel_years)}))")
    tail = (rf"(?:(?P<m>{JA_SMALL})月(?P<d>{JA_SMALL})日"
            rf"|(?P<qm1>{JA_SMALL})[~〜～\-](?P<qm2>{JA_SMALL})月期"
            rf"|(?P<fm>{JA_SMALL})月期"
            rf"|(?P<mm>{JA_SMALL})月(?:{month_parts})?"
            rf"|(?P<fy>度)(?P<fyend>末)?"
            rf"|第(?P<q>{JA_SMALL})四半期|Q(?P<q2>[1-4])|(?P<q3>[1-4])Q"
            rf"|(?P<h>{alternation(halves)})"
            rf"|(?P<s>{alternation(seasons)})"
            rf"|(?P<ye>{alternation(ja['year_end_words'])})"
            rf"|(?P<ys>{alternation(ja['year_start_words'])})"
            rf"|{alternation(ja['year_middle_words'])})?")

    def year_ref(g: dict[str, str | None]) -> YearRef:
        if g["y"]:
            return _int(g["y"])
        if g["era"]:
            return lex.eras[g["era"]] + (1 if g["en"] == "元" else _int(g["en"])) - 1
        if g["y2"]:
            return two_digit_year(g["y2"])
        return rel_years[g["ry"] or ""]

    def period_maker(g: dict[str, str | None]) -> Callable[[int], Period | None] | None:
        if g["m"]:
            mo, dom = _int(g["m"]), _int(g["d"])
            return lambda y: timex.make_day(y, mo, dom)
        if g["qm1"]:
            first, last = _int(g["qm1"]), _int(g["qm2"])
            if last - first == 2 and first % 3 == 1:
                return lambda y: timex.quarter(y, (first + 2) // 3)
            if last - first == 5 and first in (1, 7):
                return lambda y: timex.half(y, 1 if first == 1 else 2)
            return None
        if g["fm"]:
            end_month = _int(g["fm"])
            return lambda y: timex.fiscal_year_ending(y, end_month) if 1 <= end_month <= 12 else None
        if g["mm"]:
            mo = _int(g["mm"])
            return lambda y: timex.month(y, mo)
        if g["fy"]:
            return (lambda y: timex.month(y + 1, 3)) if g["fyend"] else timex.fiscal_year
        quarter = g["q"] or g["q2"] or g["q3"]
        if quarter:
            return lambda y: timex.quarter(y, _int(quarter))
        if g["h"]:
            return lambda y: timex.half(y, int(halves[g["h"]]))
        if g["s"]:
            return lambda y: timex.season(y, seasons[g["s"]])
        if g["ye"]:
            return lambda y: timex.month(y, 12)
        if g["ys"]:
            return lambda y: timex.month(y, 1)
        return timex.year

    def year_date(m: re.Match[str], text: str) -> Iterator[Found]:
        g = m.groupdict()
        after = text[m.end():]
        if g["ry"] and after.startswith(blocked):
            return
        if m.end() == m.end("y" if g["y"] else 0) + 1 and after.startswith("代"):  # 2020年代
            return
        ref, make = year_ref(g), period_maker(g)
        if make is None:
            return
        if g["fy"] and not isinstance(ref, int):  # 今年度 follows the fiscal calendar, not the civil one
            yield from found(m, relative_unit("fiscal_year_end" if g["fyend"] else "fiscal_year", *ref))
            return
        yield from found(m, on_year(ref, make))

    past_suffixes = tuple(ja.get("past_month_suffixes") or ())

    def month_date(m: re.Match[str], text: str) -> Iterator[Found]:
        mo = _int(m["m"] or m["mm"])
        if not 1 <= mo <= 12:
            return
        if m["d"]:
            dom = _int(m["d"])
            yield from found(m, in_inferred_year(mo, lambda y: timex.make_day(y, mo, dom), window, explicit=True))
        elif text.startswith(past_suffixes, m.end()):  # 1月以来
            yield from found(m, most_recent_month(mo))
        else:
            yield from found(m, in_inferred_year(mo, lambda y: timex.month(y, mo), window))

    month_words = {w: (int(o), False) for w, o in ja["month_words"].items()}
    month_words.update({w: (int(o), True) for w, o in ja["anaphoric_month_words"].items()})

    def relative_month(m: re.Match[str], text: str) -> Iterator[Found]:
        if text[m.end():].startswith(blocked):
            return
        offset, anaphoric = month_words[m["rm"]]
        if m["d"]:
            dom = _int(m["d"])

            def resolve(a: Date) -> Period | None:
                moved = timex.add_months(a, offset)
                return timex.make_day(moved.year, moved.month, dom)
            yield from found(m, DateSpec(resolve=resolve, needs="month", anaphoric=anaphoric))
        else:
            yield from found(m, relative_unit("month", offset, anaphoric))

    def word_rule(words: dict[str, Any], anaphoric_words: dict[str, Any], unit: str) -> Handler:
        table = {w: (int(o), False) for w, o in words.items()}
        table.update({w: (int(o), True) for w, o in anaphoric_words.items()})

        def handle(m: re.Match[str], text: str) -> Iterator[Found]:
            if not text[m.end():].startswith(blocked):
                yield from found(m, relative_unit(unit, *table[m["w"]]))
        return handle

    week_table = {**ja["week_words"], **ja["anaphoric_week_words"]}
    day_table = {**ja["day_words"], **ja["anaphoric_day_words"]}
    standalone = ja["standalone_words"]
    weekdays = ja["weekdays"]

    def standalone_word(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, relative_unit(standalone[m["w"]]["unit"], 0, False))

    def weekday(m: re.Match[str], text: str) -> Iterator[Found]:
        wd = int(weekdays[m["wd"]])
        yield from found(m, DateSpec(resolve=lambda a: timex.day(timex.last_weekday(a, wd)), needs="day"))

    def bare_day(m: re.Match[str], text: str) -> Iterator[Found]:
        dom = _int(m["d"])
        if 1 <= dom <= 31:
            yield from found(m, DateSpec(resolve=lambda a: timex.infer_day(dom, a, lex.day_window),
                                         needs="month", explicit=True))

    offset_units, directions = ja["offset_units"], ja["offset_directions"]

    def offset(m: re.Match[str], text: str) -> Iterator[Found]:
        unit = offset_units[m["u"]]
        amount = 6 if m["n"] == "半" and unit == "Y" else _int(m["n"]) if m["n"] != "半" else None
        if amount is None:
            return
        if m["n"] == "半":
            unit = "M"
        # 「契約締結の1週間前」 counts from an event the text dated, not from the publication date.
        anaphoric = text[:m.start()].endswith(("の", "その", "同"))
        yield from found(m, offset_period(amount * int(directions[m["dir"]]), unit, anaphoric))

    season_prefixes = ja["season_prefixes"]

    def relative_season(m: re.Match[str], text: str) -> Iterator[Found]:
        shift, code = int(season_prefixes[m["p"]]), seasons[m["s"]]
        yield from found(m, DateSpec(resolve=lambda a: timex.season(a.year + shift, code), needs="year"))

    day_lookahead = r"(?=[、,]|[(（][月火水木金土日]|付|まで|から)"
    return [
        (re.compile(head + tail), year_date),
        (re.compile(rf"(?<![0-9〇一二三四五六七八九十第年度同前翌今来先])(?:(?P<m>{JA_SMALL})月(?P<d>{JA_SMALL})日"
                    rf"|(?P<mm>{JA_SMALL})月(?!期)(?:{month_parts})?)"), month_date),
        (re.compile(rf"(?P<rm>{alternation(month_words)})(?:(?P<d>{JA_SMALL})日|{month_parts})?"), relative_month),
        (re.compile(rf"(?P<w>{alternation(week_table)})末?"),
         word_rule(ja["week_words"], ja["anaphoric_week_words"], "week")),
        (re.compile(rf"(?P<w>{alternation(day_table)})"),
         word_rule(ja["day_words"], ja["anaphoric_day_words"], "day")),
        (re.compile(rf"(?<![0-9〇一二三四五六七八九十今来昨去同前翌本当再])(?P<w>{alternation(standalone)})"),
         standalone_word),
        (re.compile(r"(?<![毎(（])(?P<wd>[月火水木金土日])曜日?"), weekday),
        (re.compile(rf"(?P<p>{alternation(season_prefixes)})(?P<s>{alternation(seasons)})"), relative_season),
        (re.compile(rf"(?<![0-9月第数同])(?P<d>[0-9]{{1,2}})日{day_lookahead}"), bare_day),
        (re.compile(rf"{NOT_AFTER_NUMBER}(?P<n>{JA_SMALL}|半)(?P<u>{alternation(offset_units)})"
                    rf"(?P<dir>{alternation(directions)})(?!半)"), offset),
    ]


# ---------------------------------------------------------------------------------------------
# Japanese durations.

def duration_row(amount: float | None, unit: str, amount_max: float | None = None,
                 approx: bool = False) -> dict[str, Any]:
    return {
        "value": timex.iso_duration(amount, unit) if amount is not None else None,
        "value_max": timex.iso_duration(amount_max, unit) if amount_max is not None else None,
        "approx": approx or amount is None,
    }


def ja_duration_rules(lex: Lexicon) -> list[tuple[re.Pattern[str], Handler]]:
    conf = lex.ja["durations"]
    units = conf["units"]
    prefixes = alternation(conf["span_prefixes"])
    followers, preceders = tuple(conf["year_followers"]), conf["year_preceders"]
    approx_after = tuple(conf["approx_after"])
    rate_followers = tuple(conf.get("rate_followers") or ())
    no_count_before = tuple(lex.eras) + ("第", "西暦")

    def counted(m: re.Match[str], text: str) -> Iterator[Found]:
        unit = units[m["u"]]
        half = 0.5 if m["half"] else 0.0
        amount = _count(m["n"])
        before, after = text[:m.start("n")], text[m.end():]
        if rate_followers and after.startswith(rate_followers):
            return  # 1時間あたり: the unit of a price or a rate
        if unit == "Y":
            # N年 is a span only when something says so; 2027年 or 25年3月期 name years.
            spelled_span = bool(m["kan"] or m["half"] or m["pre"] or m["n"] == "半")
            if amount >= 100 or before.endswith(no_count_before) or after.startswith(("後半", "前半")):
                return
            if not (spelled_span or after.startswith(followers) or _preceded_by(before, preceders)):
                return
        if unit == "Y" and m["n"] == "半":
            amount, unit, half = 6.0, "M", 0.0
        amount_max = _count(m["n2"]) if m["n2"] else None
        approx = _preceded_by(before, conf["approx_before"], skip=" ") or after.startswith(approx_after)
        yield from found(m, duration_row(amount + half, unit, amount_max + half if amount_max else None, approx))

    def vague(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, duration_row(None, units.get(m["u"], "Y")))

    vague_units = alternation([*units, "年", "日", "週"])
    return [
        (re.compile(rf"(?:(?P<pre>{prefixes}))?{NOT_AFTER_NUMBER}(?P<n>{JA_COUNT}|半)"
                    rf"(?:[~〜～\-](?P<n2>{JA_COUNT}))?(?P<u>{alternation(units)})(?P<half>半)?(?P<kan>間)?"), counted),
        (re.compile(rf"(?:(?:{prefixes}|ここ))?(?:{alternation(conf['vague_counts'])})(?P<u>{vague_units})間?"), vague),
    ]


# ---------------------------------------------------------------------------------------------
# English dates.

EN_YEAR = r"(?<![\d,.$])(?P<y>(?:19|20)\d\d)(?![\d,]\d|\.\d)"
EN_YEAR_OR_SHORT = r"(?:(?P<y>(?:19|20)\d\d)|'?(?P<y2>\d\d))(?!\d)"
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"


def en_date_rules(lex: Lexicon) -> list[tuple[re.Pattern[str], Handler]]:
    en, window = lex.en, lex.month_window
    months = en["months"]
    mon = rf"(?P<mon>{alternation(months)})\.?"
    full_months = [w for w, n in months.items() if len(w) > 4 or w in ("May", "June", "July")]
    mon_full = rf"(?P<mon>{alternation(full_months)})"
    ordinals = en["ordinals"]
    ordinal = rf"(?i:(?P<ord>{alternation(ordinals)}))"
    relative, anaphoric = en["relative_offsets"], en["anaphoric_offsets"]
    rel_year = (rf"(?i:(?:(?P<rel>{alternation(relative)})|(?P<arel>{alternation(anaphoric)}|the))\s+year)")
    seasons = en["seasons"]
    preps = alternation(en["date_prepositions"])
    past_preps = {str(w).lower() for w in en.get("past_month_prepositions") or []}
    blockers = alternation(en["year_blockers"])

    def year_ref(m: re.Match[str]) -> YearRef:
        g = m.groupdict()
        if g.get("y"):
            return int(g["y"])
        if g.get("y2"):
            return two_digit_year(g["y2"])
        if g.get("rel"):
            return int(relative[g["rel"].lower()]), False
        arel = (g.get("arel") or "the").lower()
        return (0, False) if arel == "the" else (int(anaphoric[arel]), True)

    def month_no(m: re.Match[str]) -> int:
        return int(months[m["mon"]])

    def full_date(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, absolute(timex.make_day(int(m["y"]), month_no(m), int(m["d"]))))

    def month_year(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, absolute(timex.month(int(m["y"]), month_no(m))))

    def month_day(m: re.Match[str], text: str) -> Iterator[Found]:
        mo, dom = month_no(m), int(m["d"])
        yield from found(m, in_inferred_year(mo, lambda y: timex.make_day(y, mo, dom), window, explicit=True))

    def month_alone(m: re.Match[str], text: str) -> Iterator[Found]:
        mo, prep = month_no(m), re.sub(r"\s+", " ", (m["prep"] or "").lower())
        if prep in past_preps:  # since January
            yield from found(m, most_recent_month(mo), "core")
        elif prep in relative:  # last/next/this November: the one before, after or in the anchor's year
            shift = int(relative[prep])

            def resolve(a: Date) -> Period | None:
                y = a.year + shift if shift == 0 else a.year + (shift if (mo >= a.month) == (shift < 0) else 0)
                return timex.month(y, mo)
            yield from found(m, DateSpec(resolve=resolve, needs="month"), "core")
        else:
            yield from found(m, in_inferred_year(mo, lambda y: timex.month(y, mo), window), "core")

    def on_year_rule(make: Callable[[re.Match[str]], Callable[[int], Period | None]]) -> Handler:
        def handle(m: re.Match[str], text: str) -> Iterator[Found]:
            yield from found(m, on_year(year_ref(m), make(m)), "core" if "core" in m.re.groupindex else 0)
        return handle

    def quarter_no(m: re.Match[str]) -> int:
        ord_word = m.groupdict().get("ord")
        return int(ordinals[ord_word.lower()]) if ord_word else int(m["q"])

    quarter_of_year = on_year_rule(lambda m: lambda y: timex.quarter(y, quarter_no(m)))
    half_of_year = on_year_rule(lambda m: lambda y: timex.half(y, quarter_no(m)))
    year_end = on_year_rule(lambda m: lambda y: timex.month(y, 12))
    year_start = on_year_rule(lambda m: lambda y: timex.month(y, 1))
    season_of_year = on_year_rule(lambda m: lambda y: timex.season(y, seasons[m["s"].lower()]))
    fiscal = on_year_rule(lambda m: timex.fiscal_year)
    plain_year = on_year_rule(lambda m: timex.year)

    def this_year_end(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, relative_unit("year_end", 0, False), "core")

    fiscal_markers = tuple(w.lower() for w in en["fiscal_quarter_markers"])

    def quarter_alone(m: re.Match[str], text: str) -> Iterator[Found]:
        if _preceded_by(text[:m.start()].lower(), fiscal_markers, skip=" -"):
            return
        q = quarter_no(m)
        # The quarter's last month decides its year: Q3 in November is this year's.
        yield from found(m, in_inferred_year(3 * q, lambda y: timex.quarter(y, q), window))

    def relative_word(unit: str) -> Handler:
        def handle(m: re.Match[str], text: str) -> Iterator[Found]:
            g = m.groupdict()
            if g.get("rel"):
                spec = relative_unit(unit or m["u"].lower(), int(relative[g["rel"].lower()]), False)
            else:
                spec = relative_unit(unit or m["u"].lower(), int(anaphoric[g["arel"].lower()]), True)
            yield from found(m, spec)
        return handle

    def relative_season(m: re.Match[str], text: str) -> Iterator[Found]:
        code, shift = seasons[m["s"].lower()], int(relative[m["rel"].lower()])
        yield from found(m, DateSpec(resolve=lambda a: timex.season(a.year + shift, code), needs="year"))

    def this_season(m: re.Match[str], text: str) -> Iterator[Found]:
        # "raised money in the summer": placed like a month named alone, by its first month (written in
        # January 2026, the summer is 2025's; in May 2026, 2026's)
        code = seasons[m["s"].lower()]
        first = timex.SEASON_START_MONTH[code]
        yield from found(m, in_inferred_year(first, lambda y: timex.season(y, code), window), "core")

    def year_range(m: re.Match[str], text: str) -> Iterator[Found]:
        first = int(m["y"])
        last = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
        if first < last <= first + 30:
            yield Found(m.start("y"), m.end("y"), DateSpec(period=timex.year(first)))
            yield Found(m.start("y2"), m.end("y2"), DateSpec(period=timex.year(last)))

    day_words, weekdays = en["day_words"], en["weekdays"]

    def day_word(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, relative_unit("day", int(day_words[m["w"].lower()]), False))

    def weekday(m: re.Match[str], text: str) -> Iterator[Found]:
        wd, rel = int(weekdays[m["wd"]]), (m["wrel"] or "").lower()

        def resolve(a: Date) -> Period:
            if rel in ("next", "coming"):
                return timex.day(timex.next_weekday(a, wd))
            # "last Thursday" said on a Thursday means a week ago; "on Thursday" means today.
            return timex.day(timex.last_weekday(a - timex.dt.timedelta(days=1) if rel == "last" else a, wd))
        yield from found(m, DateSpec(resolve=resolve, needs="day"), "core")

    numbers, units = en["number_words"], en["units"]
    deictic_dirs, anaphoric_dirs = en["deictic_directions"], en["anaphoric_directions"]
    number = rf"(?P<n>\d{{1,3}}|{alternation(numbers)})"

    def offset(m: re.Match[str], text: str) -> Iterator[Found]:
        amount = int(m["n"]) if m["n"].isdigit() else int(numbers[m["n"].lower()])
        unit, direction = units[m["u"].lower()], m["dir"].lower()
        if unit not in ("Y", "M", "W", "D"):
            return
        sign = int(deictic_dirs.get(direction, anaphoric_dirs.get(direction, 0)))
        yield from found(m, offset_period(amount * sign, unit, direction in anaphoric_dirs))

    rel_or_arel = rf"(?i:(?:(?P<rel>{alternation(relative)})|(?P<arel>{alternation(anaphoric)})))"
    return [
        (re.compile(rf"\b{mon}\s+(?P<d>\d{{1,2}}){ORDINAL_SUFFIX},?\s+{EN_YEAR}"), full_date),
        (re.compile(rf"\b(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\s+(?:of\s+)?{mon},?\s+{EN_YEAR}"), full_date),
        (re.compile(rf"\b{mon},?\s+(?:of\s+)?{EN_YEAR}"), month_year),
        (re.compile(rf"\b{mon}\s+(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\b(?![\d.,]\d|\s*%|,?\s*(?:19|20)\d\d)"), month_day),
        (re.compile(rf"(?<![\d.,$])\b(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\s+(?:of\s+)?{mon_full}\b"), month_day),
        (re.compile(rf"\b(?i:(?P<prep>{preps}|{alternation(relative)}))[\s-]+(?P<core>{mon_full})\b(?!\.?\s*\d)"),
         month_alone),
        # Quarters: Q3 2025, Q3'25, 3Q25, 2025 Q3, the third quarter of 2025, the third quarter of next year.
        (re.compile(rf"\bQ(?P<q>[1-4])(?:\s+of|,)?\s+{EN_YEAR}"), quarter_of_year),
        (re.compile(r"\bQ(?P<q>[1-4])\s*'(?P<y2>\d\d)\b"), quarter_of_year),
        (re.compile(rf"\b(?P<q>[1-4])Q\s?{EN_YEAR_OR_SHORT}\b"), quarter_of_year),
        (re.compile(rf"{EN_YEAR}\s*Q(?P<q>[1-4])\b"), quarter_of_year),
        (re.compile(rf"(?i:\b(?:the\s+)?){ordinal}[\s-](?i:quarter)(?:\s+of|,)?\s+{EN_YEAR}"), quarter_of_year),
        (re.compile(rf"(?i:\b(?:the\s+)?){ordinal}[\s-](?i:quarter\s+of)\s+{rel_year}"), quarter_of_year),
        (re.compile(rf"(?i:\b(?:the\s+)?){ordinal}[\s-](?i:quarter)\b|\bQ(?P<q>[1-4])\b"), quarter_alone),
        # Halves: the second half of 2026, second-half 2026, H2 2026, 2H26, 2026 H2, the first half of next year.
        (re.compile(rf"(?i:\b(?:the\s+)?){ordinal}[\s-](?i:half)(?:\s+of|,)?\s+{EN_YEAR}"), half_of_year),
        (re.compile(rf"(?i:\b(?:the\s+)?){ordinal}[\s-](?i:half\s+of)\s+{rel_year}"), half_of_year),
        (re.compile(rf"\bH(?P<q>[12])(?:\s+|\s*(?='))(?:{EN_YEAR_OR_SHORT})\b"), half_of_year),  # not H100
        (re.compile(rf"\b(?P<q>[12])H\s?{EN_YEAR_OR_SHORT}\b"), half_of_year),
        (re.compile(rf"{EN_YEAR}\s*H(?P<q>[12])\b"), half_of_year),
        # Year ends and starts keep their month (by the end of 2026 → 2026-12).
        (re.compile(rf"(?P<core>(?i:\b(?:the\s+)?end\s+of\s+){EN_YEAR})"), year_end),
        (re.compile(rf"(?P<core>(?i:\b(?:the\s+)?end\s+of\s+){rel_year})"), year_end),
        (re.compile(rf"(?i:\byear[\s-]end\s+|\bend-){EN_YEAR}"), year_end),
        (re.compile(rf"{EN_YEAR}\s*(?i:year[\s-]end)\b"), year_end),
        # "by year-end": the anchor's year
        (re.compile(r"(?i:\b(?:by|at|before|until|around|toward|towards)\s+(?P<core>year[\s-]end))\b(?!\s*(?:19|20)\d\d)"),
         this_year_end),
        (re.compile(rf"(?P<core>(?i:\b(?:the\s+)?(?:beginning|start)\s+of\s+){EN_YEAR})"), year_start),
        (re.compile(rf"(?P<core>(?i:\b(?:the\s+)?(?:beginning|start)\s+of\s+){rel_year})"), year_start),
        (re.compile(rf"(?i:\b(?P<s>{alternation(seasons)})(?:\s+of)?\s+){EN_YEAR}"), season_of_year),
        (re.compile(rf"{EN_YEAR}\s+(?i:(?P<s>{alternation(seasons)}))\b"), season_of_year),
        (re.compile(rf"(?i:\b(?P<rel>{alternation(relative)})\s+(?P<s>{alternation(seasons)}))\b"), relative_season),
        (re.compile(rf"(?i:\b(?:in|during|over|through|since|by|until)\s+(?P<core>the\s+(?P<s>{alternation(seasons)}))\b)"
                    rf"(?!\s+(?:of\s+)?\d)"), this_season),
        # Fiscal years, named by the year they start in (see ingest/timex.py).
        (re.compile(rf"\bFY\s?{EN_YEAR_OR_SHORT}\b"), fiscal),
        (re.compile(rf"(?i:\bfiscal(?:\s+|-)(?:year\s+)?){EN_YEAR}"), fiscal),
        (re.compile(rf"{rel_or_arel}(?i:\s+fiscal\s+year)\b"), relative_word("fiscal_year")),
        # A bare year needs a date context and no unit after it ("in 2027", not "2000 GPUs").
        (re.compile(rf"(?i:\b(?:{preps}))[\s-]+(?P<core>{EN_YEAR})(?![\w-])(?!\s*(?:{blockers})\b)(?!\s*%)"),
         plain_year),
        (re.compile(rf"{EN_YEAR}\s*(?:-|–|to|through)\s*(?P<y2>(?:19|20)\d\d|\d\d)\b(?!-)"), year_range),
        (re.compile(rf"(?i:\b(?:(?:earlier|later)\s+)?{rel_or_arel}\s+(?P<u>year|month|week|quarter|day)\b)"),
         relative_word("")),
        (re.compile(rf"(?i:\b(?P<w>{alternation(day_words)})\b)"), day_word),
        (re.compile(rf"(?:\b(?i:(?P<wrel>last|next|this|coming|on|since|by|until|from|earlier|late|early))\s+)?"
                    rf"(?P<core>\b(?P<wd>{alternation(weekdays)}))\b"), weekday),
        (re.compile(rf"(?i:\b{number}\s+(?P<u>{alternation(units)})s?\s+"
                    rf"(?P<dir>{alternation([*deictic_dirs, *anaphoric_dirs])}))\b"), offset),
    ]


# ---------------------------------------------------------------------------------------------
# English durations.

def en_duration_rules(lex: Lexicon) -> list[tuple[re.Pattern[str], Handler]]:
    en = lex.en
    units = en["units"]
    # "a year" is left to dates: "a year ago", "once a year" name no span.
    numbers = {w: n for w, n in en["number_words"].items() if w not in ("a", "an")}
    count = rf"(?:\d+(?:\.\d+)?|{alternation(numbers)})"

    def amount_of(text: str) -> float:
        return float(text) if text[0].isdigit() else float(numbers[text.lower()])

    def counted(m: re.Match[str], text: str) -> Iterator[Found]:
        amount = amount_of(m["n"])
        if re.fullmatch(r"(?:19|20)\d\d", m["n"]):  # "2025 year" is no span
            return
        unit = units[m["u"].lower()]
        amount_max = amount_of(m["n2"]) if m["n2"] else None
        if unit == "DECADE":
            unit, amount, amount_max = "Y", amount * 10, amount_max * 10 if amount_max else None
        approx = _preceded_by(text[:m.start()].lower(), en["approx_before"], skip=" ")
        yield from found(m, duration_row(amount, unit, amount_max, approx))

    def decade(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, duration_row(10, "Y"))

    def vague(m: re.Match[str], text: str) -> Iterator[Found]:
        yield from found(m, duration_row(None, "Y"))

    unit_words = alternation(units)
    return [
        (re.compile(rf"(?i:\b(?P<n>{count})(?:\s*(?:to|-|–|or)\s*(?P<n2>{count}))?[\s-]"
                    rf"(?P<u>{unit_words})s?\b)(?![\s-](?:{alternation(en['duration_blockers_after'])})\b)"), counted),
        (re.compile(r"(?i:\b(?:a|one|the\s+(?:past|last|next|coming))\s+decade\b)"), decade),
        (re.compile(rf"(?i:\b(?:(?:the|a)\s+)?(?:(?:next|past|last|coming)\s+)?"
                    rf"(?:{alternation(en['vague_counts'])})\s+(?:{unit_words})s\b)"), vague),
        (re.compile(rf"(?i:\b(?:{alternation(en['vague_words'])})\b)"), vague),
    ]


# ---------------------------------------------------------------------------------------------
# Anchoring and the component.

def non_overlapping(candidates: Iterable[Found]) -> list[Found]:
    """The longest matches win; ties go to the earlier one. Returned in text order."""
    kept: list[Found] = []
    for f in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _as_date(value: Any) -> Date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def resolve_dates(text: str, found_dates: list[Found], published: Date | None,
                  deadline_after: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Rows for ``doc._.dates``, in text order, each relative one resolved against its anchor.

    A date followed by a deadline word (まで) is not an anchor: 同月 after 「3月末までに稼働」 is
    not March."""
    explicit: list[Period] = []  # dates the text gave so far, most recent last
    rows = []
    for f in found_dates:
        spec = f.fact
        assert isinstance(spec, DateSpec)
        period, anchor = spec.period, None
        if spec.resolve is not None:
            fitting = ANCHOR_PRECISIONS[spec.needs]
            in_text = next((p.start for p in reversed(explicit) if p.precision in fitting), None)
            choices = [("text", in_text), ("published", published)]
            if not spec.anaphoric:
                choices.reverse()
            anchor, anchor_date = next(((k, d) for k, d in choices if d is not None), (None, None))
            period = spec.resolve(anchor_date) if anchor_date is not None else None
            if period is None:
                anchor = None
        deadline = bool(deadline_after) and text.startswith(deadline_after, f.end)
        if period is not None and (spec.period is not None or spec.explicit) and not deadline:
            explicit.append(period)
        rows.append({
            "text": text[f.start:f.end], "start": f.start, "end": f.end,
            "value": period.value if period else None,
            "start_date": period.start.isoformat() if period else None,
            "end_date": period.end.isoformat() if period else None,
            "precision": period.precision if period else None,
            "relative": spec.relative, "anchor": anchor,
        })
    return rows


class DatesAndDurations:
    """Finds date and duration expressions in ``text_of(doc)``; see the module docstring."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.deadline_after = tuple(lexicon.ja.get("deadline_after") or ())
        self.date_rules = [*ja_date_rules(lexicon), *en_date_rules(lexicon)]
        self.duration_rules = [*ja_duration_rules(lexicon), *en_duration_rules(lexicon)]

    @staticmethod
    def _find(rules: list[tuple[re.Pattern[str], Handler]], text: str) -> list[Found]:
        return non_overlapping(f for pattern, handle in rules for m in pattern.finditer(text) for f in handle(m, text))

    def __call__(self, doc: Doc) -> Doc:
        folded = timex.width_folded(text_of(doc))
        doc._.dates = resolve_dates(text_of(doc), self._find(self.date_rules, folded), _as_date(doc._.published),
                                    self.deadline_after)
        doc._.durations = [
            {"text": text_of(doc)[f.start:f.end], "start": f.start, "end": f.end, **fact}
            for f in self._find(self.duration_rules, folded) for fact in _bounds(f.fact)  # type: ignore[arg-type]
        ]
        return doc


def _bounds(fact: dict[str, Any]) -> list[dict[str, Any]]:
    """A range of durations (12 to 18 months) as two rows, its lower and its upper bound in ``value``
    (P12M, then P18M), both with the range's ``value_max``: as the money extractor splits a range."""
    if fact.get("value") is None or fact.get("value_max") is None:
        return [fact]
    return [fact, {**fact, "value": fact["value_max"]}]


@Language.factory(
    "newskb_dates",
    assigns=["doc._.dates", "doc._.durations"],
    default_config={"lexicon": None, "eras": None},
)
def make_dates(nlp: Language, name: str, lexicon: str | None, eras: str | None) -> DatesAndDurations:
    """``lexicon``/``eras``: paths of a dates YAML and an eras CSV replacing the shipped ones."""
    return DatesAndDurations(Lexicon.load(lexicon, eras))
