"""English date families: one named rule per family, words from ``dates.yaml`` (``en``)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newskb.ingest import timex
from newskb.ingest.patterns import alternation
from newskb.ingest.timex import Date, Period

from . import spec as s
from .ja import day_resolver, weekday_resolver
from .lexicon import Lexicon
from .numeric import BEFORE, full_year
from .spec import DateSpec, Rule, Shift, YearRef, rule
from .tense import TenseReader

YEAR_DIGITS = r"(?:1[0-9]|2[01])\d\d"
EN_YEAR = rf"(?<![\d,.$])(?P<y>{YEAR_DIGITS})(?![\d,]\d|\.\d)"
EN_YEAR_OR_SHORT = rf"(?:(?P<y>{YEAR_DIGITS})|['’]?(?P<y2>\d\d))(?!\d)"
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
SPACES = r"\s+"


def english_rules(lex: Lexicon, tense: TenseReader) -> list[Rule]:
    en, window = lex.en, lex.month_window
    pivot = int(lex.data["numeric_dates"].get("two_digit_year_pivot", 30))
    months = {k.lower(): int(v) for k, v in en["months"].items()}
    mon = rf"(?P<mon>(?i:{alternation(months)}))\.?"
    full_months = [w for w in en["months"] if len(w) > 4 or w in ("May", "June", "July")]
    mon_full = rf"(?P<mon>{alternation(full_months)})"
    mon_cap = rf"(?P<mon>{alternation(en['months'])})\.?"  # as written in news: capitalized
    ordinals = {k.lower(): int(v) for k, v in en["ordinals"].items()}
    ordinal = rf"(?i:(?P<ord>{alternation(ordinals)}))"
    nths = {k.lower(): int(v) for k, v in en["nth_words"].items()}
    nth = rf"(?i:(?P<nth>{alternation(nths)}|\d{{1,2}}(?:st|nd|rd|th)))"
    relative, anaphoric = en["relative_offsets"], en["anaphoric_offsets"]
    rel_year = rf"(?i:(?:(?P<rel>{alternation(relative)})|(?P<arel>{alternation(anaphoric)}|the))\s+year)"
    seasons = en["seasons"]
    preps = alternation(en["date_prepositions"])
    past_preps = {str(w).lower() for w in en.get("past_month_prepositions") or []}
    blockers = alternation(en["year_blockers"])
    weekdays = {k.lower(): int(v) for k, v in en["weekdays"].items()}
    weekdays_short = {k.lower(): int(v) for k, v in en["weekdays_short"].items()}
    weekday = rf"(?P<wd>(?i:{alternation(weekdays)}))"
    fiscal_starts = lex.fiscal_starts

    def year_ref(m: re.Match[str]) -> YearRef:
        g = m.groupdict()
        if g.get("y"):
            return int(g["y"])
        if g.get("y2"):
            return 2000 + int(g["y2"])
        if g.get("rel"):
            return int(relative[g["rel"].lower()]), False
        arel = (g.get("arel") or "the").lower()
        return (0, False) if arel == "the" else (int(anaphoric[arel]), True)

    def month_no(m: re.Match[str]) -> int:
        return months[m["mon"].lower()]

    def day_no(m: re.Match[str]) -> int:
        return int(m["d"])

    # ---- whole dates and months with their year
    def written_year(m: re.Match[str]) -> int:
        g = m.groupdict()
        return int(g["y"]) if g.get("y") else full_year(g["y2"], pivot)

    def full_date(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield from s.one(s.absolute(timex.make_day(written_year(m), month_no(m), day_no(m))))

    def month_year(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield from s.one(s.absolute(timex.month(written_year(m), month_no(m))))

    # ---- a month and day without a year: November 3, 3 November
    def month_day(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        mo, dom = month_no(m), day_no(m)
        yield s.part(s.month_day_part(mo, dom), "day", needs="month", explicit=True,
                     resolve=lambda a: timex.make_day(timex.infer_year(mo, a, window), mo, dom))

    verb_like = set(en["verb_like_months"])

    def month_alone(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        if m["mon"] in verb_like:  # "this may take longer"
            return
        mo, prep = month_no(m), re.sub(r"\s+", " ", (m["prep"] or "").lower())
        placer = s.month_part(mo)
        if prep in past_preps:  # since January
            yield from s.at(m, "core", s.most_recent_month(mo).but(place=placer[0], fits=placer[1]))
        elif prep in relative:  # last/next/this November: the one before, after or in the anchor's year
            shift = int(relative[prep])

            def resolve(a: Date) -> Period | None:
                if shift == 0:
                    return timex.month(a.year, mo)
                return timex.month(a.year + (shift if (mo >= a.month) == (shift < 0) else 0), mo)
            core = "core" if shift == 0 else 0
            yield from s.at(m, core, DateSpec(resolve=resolve, needs="month", grain="month"))
        else:
            ahead = {"past": 0, "future": 11}.get(tense.english(text, m.start("core")) or "", window)
            spec = s.part(placer, "month", needs="month",
                          resolve=lambda a: timex.month(timex.infer_year(mo, a, ahead), mo),
                          in_text=lambda a: timex.month(a.year, mo))  # after a dated lead: its year
            yield from s.at(m, "core", spec)

    def month_word(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        """A month name anywhere, read only beside a year or a day (june 2016, 2016 nov)."""
        mo = month_no(m)
        yield s.part(s.month_part(mo), "month", weak=True, needs="month",
                     resolve=lambda a: timex.month(timex.infer_year(mo, a, window), mo))

    def on_year_rule(make: Callable[[re.Match[str]], Callable[[int], Period | None]], grain: str):
        def handle(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
            group = "core" if "core" in m.re.groupindex else 0
            yield from s.at(m, group, s.on_year(year_ref(m), make(m), grain))
        return handle

    def quarter_no(m: re.Match[str]) -> int:
        ord_word = m.groupdict().get("ord")
        return ordinals[ord_word.lower()] if ord_word else int(m["q"])

    quarter_of_year = on_year_rule(lambda m: lambda y: timex.quarter(y, quarter_no(m)), "quarter")
    half_of_year = on_year_rule(lambda m: lambda y: timex.half(y, quarter_no(m)), "half")
    year_end = on_year_rule(lambda m: lambda y: timex.month(y, 12), "month")
    year_start = on_year_rule(lambda m: lambda y: timex.month(y, 1), "month")
    season_of_year = on_year_rule(lambda m: lambda y: timex.season(y, seasons[m["s"].lower()]), "season")
    fiscal = on_year_rule(lambda m: timex.fiscal_year, "fiscal_year")
    plain_year = on_year_rule(lambda m: timex.year, "year")

    def this_year_end(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        yield from s.at(m, "core", s.relative_unit("year_end", 0, False))

    def quarter_alone(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        q = quarter_no(m)
        place, fits = s.quarter_part(q)
        before = text[max(0, m.start() - 40): m.start()].lower()
        if s_preceded_by(before, en["fiscal_quarter_markers"]) or company_quarter(m, text):
            # a company's fiscal quarter of a year the text does not say: named, not placed
            yield s.unplaced("quarter").but(place=place, fits=fits)
            return
        # The quarter's last month decides its year: Q3 in November is this year's.
        yield s.part((place, fits), "quarter", needs="month",
                     resolve=lambda a: timex.quarter(timex.infer_year(3 * q, a, window), q))

    def company_quarter(m: re.Match[str], text: str) -> bool:
        """A quarter without a year of a company whose fiscal year is not the calendar year: the
        company named nearest before it (in its sentence, the two before, or the headline)."""
        window = text[sentence_start(text, m.start(), back=3): m.start()]
        headline = text[: text.find("\n")] if "\n" in text[: m.start()] else ""
        for scope in (window, headline):
            named = [(hit.end(), name) for name in fiscal_starts for hit in re.finditer(
                rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", scope)]
            if named:
                return fiscal_starts[max(named)[1]] != 1
        return False

    def relative_word(unit: str) -> Callable[[re.Match[str], str], Iterator[DateSpec]]:
        def handle(m: re.Match[str], text: str) -> Iterator[DateSpec]:
            g = m.groupdict()
            u = unit or m["u"].lower()
            if g.get("rel"):
                spec = s.relative_unit(u, int(relative[g["rel"].lower()]), False)
            else:
                spec = s.relative_unit(u, int(anaphoric[g["arel"].lower()]), True)
            if spec is not None and is_comparison(m, text):
                spec = s.unplaced(spec.grain)
            elif spec is not None and u == "quarter" and company_quarter(m, text):
                spec = s.unplaced("quarter")
            yield from s.one(spec)
        return handle

    def after_next(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield from s.one(s.relative_unit(m["u"].lower(), 2, False))

    def relative_season(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        code, shift = seasons[m["s"].lower()], int(relative[m["rel"].lower()])
        yield DateSpec(resolve=lambda a: timex.season(a.year + shift, code), needs="year", grain="season")

    def this_season(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        # "raised money in the summer": placed like a month named alone, by its first month (written in
        # January 2026, the summer is 2025's; in May 2026, 2026's)
        code = seasons[m["s"].lower()]
        first = timex.SEASON_START_MONTH[code]
        spec = s.part(s.season_part(code), "season", needs="month",
                      resolve=lambda a: timex.season(timex.infer_year(first, a, window), code))
        yield from s.at(m, "core", spec)

    def year_range(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        first = int(m["y"])
        last = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
        if first < last <= first + (30 if len(m["y2"]) == 4 else 10):
            yield from s.at(m, "y", s.absolute(timex.year(first)))
            yield from s.at(m, "y2", s.absolute(timex.year(last)))

    def decade(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        first = int(m["y"]) * 10 if m["y"] else full_year(m["y2"], pivot)
        yield from s.one(s.absolute(timex.decade(first)))

    def listed_years(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        """2024, 2025 and 2026: every year of a list of years is a year."""
        for y in re.finditer(r"\d{4}", m.group()):
            yield m.start() + y.start(), m.start() + y.end(), timex_year(int(y.group()))

    def weak_year(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield from s.one(s.absolute(timex.year(int(m["y"])), weak=True))

    day_words = lex.words("en", "day_words", "anaphoric_day_words!")
    day_table = {k.lower(): v for k, v in day_words.items()}

    def day_word(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        offset, anaphoric_word = day_table[re.sub(r"\s+", " ", m["w"].lower())]
        yield from s.one(s.relative_unit("day", offset, anaphoric_word))

    # ---- weekdays
    week_offsets = {k.lower(): int(v) for k, v in en["weekday_week_offsets"].items()}
    ahead_words = [w.lower() for w in en["weekday_ahead_words"]]

    def weekday_no(m: re.Match[str]) -> int:
        word = m["wd"].lower()
        return weekdays[word] if word in weekdays else weekdays_short[word]

    every = re.compile(rf"(?i:\b(?:{alternation(en['set_words'])})\s+)$")

    def bare_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        if every.search(text[max(0, m.start() - 12): m.start()]):
            return  # every Monday: a set, not a date
        wd = weekday_no(m)
        yield s.part(s.weekday_part(wd), "day", needs="day", weak=m["wd"].lower() in weekdays_short,
                     resolve=weekday_resolver(wd, tense.english(text, m.start())))

    def modified_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        wd, word = weekday_no(m), re.sub(r"\s+", " ", m["mod"].lower())
        if word in ahead_words:  # this coming Friday: the first one after the anchor
            yield DateSpec(resolve=lambda a: timex.day(timex.next_weekday(a, wd)), needs="day", grain="day")
            return
        weeks = week_offsets[word]  # next Friday: the Friday of next week
        yield DateSpec(resolve=lambda a: timex.day(timex.week(timex.shift(a, weeks, "W")).start
                                                   + timex.dt.timedelta(days=wd)),
                       needs="day", grain="day", anaphoric=word in ("following",))

    def nth_no(m: re.Match[str]) -> int:
        word = m["nth"].lower()
        return nths[word] if word in nths else int(word[:-2])

    def nth_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        place, fits = s.nth_weekday_part(nth_no(m), weekday_no(m))
        yield s.part((place, fits), "day", needs="month", resolve=lambda a: place(timex.day(a)))

    def nth_week(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield s.part(s.nth_week_part(nth_no(m)), "week", weak=True)

    def numbered_week(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        place, fits = s.nth_week_part(int(m["n"]))
        yield s.part((place, fits), "week", needs="year", resolve=lambda a: place(timex.year(a.year)))

    def nth_month(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        n = nth_no(m)
        if 1 <= n <= 12:
            yield s.part(s.nth_month_part(n), "month", weak=True)

    units_ord = {k.lower(): int(v) for k, v in en["day_ordinals"].items() if int(v) < 10}
    day_words_ord = {k.lower(): int(v) for k, v in en["day_ordinals"].items()}
    for tens_word, tens in en["day_ordinal_tens"].items():
        for unit_word, n in units_ord.items():
            if tens + n <= 31:
                day_words_ord[f"{tens_word} {unit_word}"] = tens + n
    day_ordinal = alternation(day_words_ord, spaces=r"[\s-]")

    def day_in_words(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        dom = day_words_ord[re.sub(r"[\s-]+", " ", m["w"].lower())]
        yield s.part(s.day_of_month_part(dom), "day", needs="month", explicit=True, weak=True,
                     resolve=day_resolver(dom, tense.english(text, m.start()), lex.day_window))

    def day_of_month(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        dom = int(m["d"])
        if not 1 <= dom <= 31:
            return
        strong = bool(m["prep"]) and not re.match(r"\s+[a-z]", text[m.end():])
        resolve = day_resolver(dom, tense.english(text, m.start()), lex.day_window)
        spec = s.part(s.day_of_month_part(dom), "day", needs="month", explicit=True, weak=not strong,
                      resolve=resolve)
        yield from s.at(m, "core", spec)

    # ---- offsets: two years ago, 3 days from now, in 2 weeks, 2 years 1 month 21 days later
    numbers = {k.lower(): int(v) for k, v in en["number_words"].items()}
    units = {k.lower(): v for k, v in en["units"].items()}
    deictic_dirs, anaphoric_dirs = en["deictic_directions"], en["anaphoric_directions"]
    count = rf"(?:\d{{1,3}}|{alternation(numbers)})"
    unit = rf"(?:{alternation(units)})s?"
    one_part = rf"{count}[\s-]+{unit}"
    compound = rf"(?P<shift>{one_part}(?:\s*,?\s*(?:and\s+)?{one_part})*)"
    part_re = re.compile(rf"(?i:(?P<n>{count})[\s-]+(?P<u>{alternation(units)}))")

    def parse_shift(text: str) -> Shift | None:
        parts = []
        for p in part_re.finditer(text):
            amount = int(p["n"]) if p["n"].isdigit() else numbers[p["n"].lower()]
            u = units[p["u"].lower()]
            if u == "FORTNIGHT":
                amount, u = 2 * amount, "W"
            if u not in ("Y", "M", "W", "D"):
                return None
            parts.append((amount, u))
        return Shift(tuple(parts)) if parts else None

    span_before = re.compile(rf"(?i:\b(?:{alternation(en['span_markers'], spaces=SPACES)})\s+)$")

    def offset(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        start, body = m.start(), m["shift"]
        # "for the last 3 months and 2 days ago": the first part is a span of its own
        while span_before.search(text[max(0, start - 30): start]) and re.search(r"(?i)\band\s+", body):
            cut = re.search(r"(?i)\band\s+", body)
            assert cut is not None
            start, body = start + cut.end(), body[cut.end():]
        shift = parse_shift(body)
        if shift is None:
            return
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        sign = int(deictic_dirs.get(direction, anaphoric_dirs.get(direction, 0)))
        if is_comparison(m, text):  # up 20% from a year earlier: a baseline, not a date
            yield start, m.end(), s.unplaced("day")
            return
        yield start, m.end(), s.shifted(shift.signed(sign), direction in anaphoric_dirs)

    def offset_from(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        shift = parse_shift(m["shift"])
        if shift is not None:
            sign = -1 if m["dir"].lower() == "before" else 1
            yield DateSpec(shift=shift.signed(sign), weak=True, grain="day")

    def in_time(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        shift = parse_shift(m["shift"])
        if shift is not None and tense.english(text, m.start()) == "future":
            yield from s.at(m, 0, s.shifted(shift, False))

    def short_year(m: re.Match[str], text: str) -> Iterator[tuple[int, int, DateSpec]]:
        yield from s.at(m, "core", s.absolute(timex.year(2000 + int(m["y2"]))))

    comparisons = alternation(en["comparison_words"], spaces=SPACES)
    changes = alternation(en["change_words"])
    comparison_before = re.compile(rf"(?i:\b(?:{comparisons})\s+(?:the\s+|a\s+)?)$")
    change_before = re.compile(rf"(?i:\b(?:{changes})\b|%)")

    def is_comparison(m: re.Match[str], text: str) -> bool:
        """The baseline of a change (up 15% from the last quarter, a 40% rise from the previous
        year): which period that is depends on the one reported, which the text does not date."""
        before = text[max(0, m.start() - 60): m.start()]
        head = comparison_before.search(before)
        return bool(head) and bool(change_before.search(before[: head.start()] + " "))

    year_end_verbs = alternation(en["year_end_verbs"])
    day_word_re = alternation(day_words, spaces=SPACES)
    weekday_mods = alternation([*week_offsets, *ahead_words], spaces=SPACES)
    directions = alternation([*deictic_dirs, *anaphoric_dirs], spaces=SPACES)
    rel_or_arel = rf"(?i:(?:(?P<rel>{alternation(relative)})|(?P<arel>{alternation(anaphoric)})))"
    after_num = r"(?![\d.,]\d|\s*%|,?\s*(?:1[0-9]|2[01])\d\d)"
    the = r"(?i:\b(?:the\s+)?)"
    seasons_re, relatives = alternation(seasons), alternation(relative)
    end_of, start_of = r"(?i:\b(?:the\s+)?end\s+of\s+)", r"(?i:\b(?:the\s+)?(?:beginning|start)\s+of\s+)"
    bare_year = r"(?P<y>(?:19|20|21)\d\d)"
    not_a_count = rf"(?!\s*(?:{blockers})\b)"
    return [
        # Whole dates: November 3, 2025; 3 November 2025; Dec. 31 , 1994; 15 April of 87
        rule("<month> <day>, <year>",
             rf"\b{mon}\s*(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\s*,?\s+(?:of\s+)?{EN_YEAR}", full_date),
        rule("<day> <month> <year>",
             rf"(?<![\d.,$])\b(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\.?\s+(?:of\s+)?{mon}"
             rf"(?:,?\s+(?:(?:of|in)\s+)?{EN_YEAR}|\s+of\s+['’]?(?P<y2>\d\d)\b)", full_date),
        rule("<day>-<mon>-<year>", rf"{BEFORE}(?P<d>\d{{1,2}})[-/]{mon}[-/]{EN_YEAR}", full_date),
        rule("<mon>-<day>-<year>", rf"\b{mon}[-/](?P<d>\d{{1,2}})[-/]{EN_YEAR}", full_date),
        rule("<year>-<mon>-<day>", rf"{EN_YEAR}[-/]{mon}[-/](?P<d>\d{{1,2}})\b", full_date),
        rule("<month> <year>", rf"\b{mon}(?:\s*,?\s+(?:of\s+)?|[-/]){EN_YEAR}", month_year),
        rule("<month> of <yy>", rf"\b{mon}\s+of\s+['’]?(?P<y2>\d\d)\b", month_year),
        rule("<month> <day>", rf"\b{mon_cap}\s+(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\b{after_num}", month_day),
        rule("<month> <day> (any case)", rf"\b{mon}\s+(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\b{after_num}",
             lambda m, t: (x.but(weak=True) for x in month_day(m, t))),
        rule("<day> <month>", rf"(?<![\d.,$])\b(?P<d>\d{{1,2}}){ORDINAL_SUFFIX}\s+(?:of\s+)?{mon}(?![a-z])",
             month_day),
        rule("<prep> <month>",
             rf"\b(?i:(?P<prep>{preps}|{relatives}))[\s-]+(?P<core>{mon_full})\b(?!\.?\s*\d)", month_alone),
        rule("<next/last> <month>",
             rf"\b(?i:(?P<prep>{relatives}))\s+(?P<core>{mon})(?![a-z])(?!\.?\s*\d)", month_alone),
        rule("<month name>", rf"\b{mon}(?![a-z])", month_word),
        # Quarters: Q3 2025, Q3'25, 3Q25, 2025 Q3, the third quarter of 2025, the third quarter of next year.
        rule("Q<n> <year>", rf"\b[Qq](?P<q>[1-4])(?:\s+of\s+|,\s*|\s*-\s*|\s+){EN_YEAR}", quarter_of_year),
        rule("Q<n>'<yy>", r"\b[Qq](?P<q>[1-4])\s*['’](?P<y2>\d\d)\b", quarter_of_year),
        rule("<n>Q<yy>", rf"\b(?P<q>[1-4])Q\s?{EN_YEAR_OR_SHORT}\b", quarter_of_year),
        rule("<year> Q<n>", rf"{EN_YEAR}\s*-?\s*[Qq](?P<q>[1-4])\b", quarter_of_year),
        rule("the <n-th> quarter of <year>",
             rf"{the}{ordinal}[\s-](?i:quarter)(?:\s+of|,)?\s+{EN_YEAR}", quarter_of_year),
        rule("the <n-th> quarter of <this year>",
             rf"{the}{ordinal}[\s-](?i:quarter\s+of)\s+{rel_year}", quarter_of_year),
        rule("<quarter>", rf"{the}{ordinal}[\s-](?i:quarter)\b|\bQ(?P<q>[1-4])\b", quarter_alone),
        # Halves: the second half of 2026, second-half 2026, H2 2026, 2H26, 2026 H2, the first half of
        # next year.
        rule("the <n-th> half of <year>",
             rf"{the}{ordinal}[\s-](?i:half)(?:\s+of|,)?\s+{EN_YEAR}", half_of_year),
        rule("the <n-th> half of <this year>",
             rf"{the}{ordinal}[\s-](?i:half\s+of)\s+{rel_year}", half_of_year),
        rule("H<n> <year>",  # not H100
             rf"\bH(?P<q>[12])(?:\s+|\s*(?=['’]))(?:{EN_YEAR_OR_SHORT})\b", half_of_year),
        rule("<n>H<yy>", rf"\b(?P<q>[12])H\s?{EN_YEAR_OR_SHORT}\b", half_of_year),
        rule("<year> H<n>", rf"{EN_YEAR}\s*-?\s*H(?P<q>[12])\b", half_of_year),
        # Year ends and starts keep their month (by the end of 2026 → 2026-12).
        rule("the end of <year>", rf"(?P<core>{end_of}{EN_YEAR})", year_end),
        rule("the end of <this year>", rf"(?P<core>{end_of}{rel_year})", year_end),
        rule("year-end <year>", rf"(?i:\byear[\s-]end\s+|\bend-){EN_YEAR}", year_end),
        rule("<year> year-end", rf"{EN_YEAR}\s*(?i:year[\s-]end)\b", year_end),
        rule("by year-end",
             r"(?i:\b(?:by|at|before|until|around|toward|towards)\s+(?P<core>year[\s-]end))\b(?!\s*(?:19|20)\d\d)",
             this_year_end),
        rule("end the year",
             rf"(?i:\b(?:{year_end_verbs})\s+(?P<core>the\s+year))\b(?!\s+(?:of|before|after))",
             this_year_end),
        rule("the start of <year>", rf"(?P<core>{start_of}{EN_YEAR})", year_start),
        rule("the start of <this year>", rf"(?P<core>{start_of}{rel_year})", year_start),
        rule("<season> <year>", rf"(?i:\b(?P<s>{seasons_re})(?:\s+of)?\s+){EN_YEAR}", season_of_year),
        rule("<year> <season>", rf"{EN_YEAR}\s+(?i:(?P<s>{seasons_re}))\b", season_of_year),
        rule("<this/next> <season>",
             rf"(?i:\b(?P<rel>{relatives})\s+(?P<s>{seasons_re}))\b", relative_season),
        rule("in the <season>",
             rf"(?i:\b(?:in|during|over|through|since|by|until)\s+(?P<core>the\s+(?P<s>{seasons_re}))\b)"
             rf"(?!\s+(?:of\s+)?\d)", this_season),
        # Fiscal and calendar years; fiscal years are named by the year they start in (see ingest/timex.py).
        rule("FY<year>", rf"\bFY\s?{EN_YEAR_OR_SHORT}\b", fiscal),
        rule("fiscal <year>", rf"(?i:\bfiscal(?:\s+|-)(?:year\s+)?){EN_YEAR}", fiscal),
        rule("<this/next> fiscal year",
             rf"{rel_or_arel}(?i:\s+fiscal\s+year)\b", relative_word("fiscal_year")),
        rule("<this/next> calendar year", rf"{rel_or_arel}(?i:\s+calendar\s+year)\b", relative_word("year")),
        rule("CY<year>", rf"\b(?i:cy)\s?{EN_YEAR_OR_SHORT}\b", plain_year),
        # A bare year needs a date context and no unit after it ("in 2027", not "2000 GPUs").
        rule("<prep> <year>",
             rf"(?i:\b(?:{preps}))[\s-]+(?P<core>(?<![\d,.$]){bare_year}(?![\d,]\d|\.\d))"
             rf"(?![\w-]){not_a_count}(?!\s*%)", plain_year),
        rule("<prep> ’<yy>", rf"(?i:\b(?:{preps}))\s+(?P<core>['’](?P<y2>\d\d))\b", short_year),
        rule("<year>-<year>", rf"(?<!\d-){EN_YEAR}\s*(?:-|–|to|through)\s*(?P<y2>(?:19|20)\d\d|\d\d)\b(?!-)",
             year_range),
        rule("<year>, <year> and <year>",
             rf"(?<![\d,.$]){bare_year}(?:,\s*(?:19|20|21)\d\d)+,?\s+(?:and|or)\s+(?:19|20|21)\d\d\b{not_a_count}",
             listed_years),
        rule("<year> (bare)", rf"(?<![\d,.$\w-]){bare_year}(?![\d,.]\d|\s*%|[\w-]){not_a_count}", weak_year),
        rule("the <decade>s",
             r"(?i:\b(?:the\s+|(?:early|mid|late)-?\s*))(?:(?P<y>(?:1[0-9]|20|21)\d)0|['’]?(?P<y2>\d0))s\b",
             decade),
        rule("<this/next/last> <unit>",
             rf"(?i:\b(?:(?:earlier|later)\s+)?{rel_or_arel}\s+(?P<u>year|month|week|quarter|day)\b)",
             relative_word("")),
        rule("the <unit> after next", r"(?i:\bthe\s+(?P<u>year|month|week)\s+after\s+(?:the\s+)?next)\b",
             after_next),
        rule("<today/yesterday>", rf"(?i:\b(?P<w>{day_word_re}))\b", day_word),
        # Weekdays: on Monday; next Friday, this Friday; the second Monday (of next month); Friday the 15th.
        rule("<this/next> <weekday>", rf"(?i:\b(?P<mod>{weekday_mods})\s+){weekday}\b", modified_weekday),
        rule("the <n-th> <weekday>", rf"{the}{nth}\s+{weekday}\b", nth_weekday),
        rule("<weekday>", rf"\b{weekday}\b", bare_weekday),
        rule("<weekday> (short)", rf"\b(?P<wd>(?i:{alternation(weekdays_short)}))\b\.?", bare_weekday),
        rule("the <n-th> week", rf"{the}{nth}\s+(?i:week)\b", nth_week),
        rule("week <n>", r"(?i:\bweek\s+)(?P<n>\d{1,2})\b(?!\s*(?:days?|weeks?|%))", numbered_week),
        rule("the <n-th> month", rf"{the}{nth}\s+(?i:month)\b", nth_month),
        rule("the <n-th> (day)",
             r"(?i:\b(?:(?P<prep>on|by|until|till|since|from|before|after|around|for)\s+)?"
             r"(?P<core>(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+day)?))\b", day_of_month),
        rule("the <n-th> (day, in words)",
             rf"(?i:\b(?:the\s+)?(?P<w>{day_ordinal})(?:\s+day)?)\b", day_in_words),
        # Offsets: two years and 21 days ago; 3 days from today; in two weeks (said of the future).
        rule("<duration> ago", rf"(?i:\b{compound}\s+(?P<dir>{directions}))\b", offset),
        rule("<duration> from <date>",
             rf"(?i:\b{compound}\s+(?P<dir>from|after|before))\b(?!\s+now\b)", offset_from),
        rule("in <duration>", rf"(?i:\bin\s+{compound})\b(?!\s+(?:of|time\b))", in_time),
    ]


def timex_year(y: int) -> DateSpec:
    return DateSpec(period=timex.year(y))


def sentence_start(text: str, pos: int, back: int = 1) -> int:
    """Where the sentence holding ``pos`` starts, or the one ``back - 1`` sentences before it."""
    start = pos
    for _ in range(back):
        found = max(text.rfind(". ", 0, start - 1), text.rfind("\n", 0, start - 1))
        if found < 0:
            return 0
        start = found + 1
    return start


def s_preceded_by(before: str, words: list[str]) -> bool:
    trimmed = before.rstrip(" -")
    return any(trimmed.endswith(w.lower()) for w in words)
