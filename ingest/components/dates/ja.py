"""Japanese date families: one named rule per family, words from ``dates.yaml`` (``ja``)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newskb.ingest import timex
from newskb.ingest.patterns import alternation
from newskb.ingest.timex import Date, Period

from . import spec as s
from .lexicon import Lexicon
from .spec import DateSpec, Rule, Shift, YearRef, rule
from .tense import TenseReader

JA_SMALL = r"(?:[0-9]{1,2}|[〇一二三四五六七八九十]{1,3})"  # a month, a day, a small count
JA_COUNT = r"(?:[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十百]+)"
NOT_AFTER_NUMBER = r"(?<![0-9.,〇一二三四五六七八九十百千])"
JA_YEAR4 = r"(?:1[0-9]{3}|2[01][0-9]{2}|[〇一二三四五六七八九]{4})"
# What may stand before or after a word written in hiragana (きょう, あす) without making it part
# of a longer word (きょうだい, あすか): particles.
PARTICLES_BEFORE = "はのにもとでがやをへら"
PARTICLES_AFTER = ("は", "の", "に", "も", "と", "で", "が", "や", "を", "へ", "から", "まで", "より", "こそ")
HIRAGANA = re.compile(r"[ぁ-ゖ]")


def inside_kana_word(m: re.Match[str], text: str) -> bool:
    """Whether a word written in hiragana (きょう, あす) is part of a longer one (きょうだい)."""
    if not HIRAGANA.match(m.group()):
        return False
    before, after = text[m.start() - 1: m.start()], text[m.end():]
    return bool(HIRAGANA.fullmatch(before) and before not in PARTICLES_BEFORE) or bool(
        HIRAGANA.match(after) and not after.startswith(PARTICLES_AFTER))


def to_int(text: str | None) -> int:
    value = timex.parse_int(text or "")
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


def two_digit_year(text: str) -> int:
    return 2000 + int(text)


def japanese_rules(lex: Lexicon, tense: TenseReader) -> list[Rule]:
    ja, window = lex.ja, lex.month_window
    rel_years = lex.words("ja", "year_words", "anaphoric_year_words!")
    halves, seasons = ja["halves"], ja["seasons"]
    month_parts = alternation(ja["month_part_words"])
    blocked = tuple(ja["blocked_after_relative"])
    weekdays = ja["weekdays"]
    weekday = rf"(?P<wd>[{''.join(weekdays)}])曜日?"
    ordinals = ja["ordinal_words"]

    # ---- "<year>[<part>]": 2025年11月3日, 2025年第3四半期, 来年末, 令和7年, 25年3月期, 2025年度
    head = (rf"(?:{NOT_AFTER_NUMBER}(?P<y>{JA_YEAR4})年(?!{alternation(ja['not_after_year'])}|前(?!半))"
            rf"|(?P<era>{alternation(lex.eras)})(?P<en>元|{JA_SMALL})年"
            rf"|{NOT_AFTER_NUMBER}(?P<y2>[0-9]{{2}})年(?={JA_SMALL}月|度|{alternation(ja['two_digit_year_followers'])})"
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
            return to_int(g["y"])
        if g["era"]:
            return lex.eras[g["era"]] + (1 if g["en"] == "元" else to_int(g["en"])) - 1
        if g["y2"]:
            return two_digit_year(g["y2"])
        return rel_years[g["ry"] or ""]

    def period_maker(g: dict[str, str | None]) -> tuple[Callable[[int], Period | None] | None, str]:
        if g["m"]:
            mo, dom = to_int(g["m"]), to_int(g["d"])
            return (lambda y: timex.make_day(y, mo, dom)), "day"
        if g["qm1"]:
            first, last = to_int(g["qm1"]), to_int(g["qm2"])
            if last - first == 2 and first % 3 == 1:
                return (lambda y: timex.quarter(y, (first + 2) // 3)), "quarter"
            if last - first == 5 and first in (1, 7):
                return (lambda y: timex.half(y, 1 if first == 1 else 2)), "half"
            return None, ""
        if g["fm"]:
            end_month = to_int(g["fm"])
            if not 1 <= end_month <= 12:
                return None, ""
            return (lambda y: timex.fiscal_year_ending(y, end_month)), "fiscal_year"
        if g["mm"]:
            mo = to_int(g["mm"])
            return (lambda y: timex.month(y, mo)), "month"
        if g["fy"]:
            if g["fyend"]:
                return (lambda y: timex.month(y + 1, 3)), "month"
            return timex.fiscal_year, "fiscal_year"
        quarter = g["q"] or g["q2"] or g["q3"]
        if quarter:
            return (lambda y: timex.quarter(y, to_int(quarter))), "quarter"
        if g["h"]:
            h = int(halves[g["h"]])
            return (lambda y: timex.half(y, h)), "half"
        if g["s"]:
            code = seasons[g["s"]]
            return (lambda y: timex.season(y, code)), "season"
        if g["ye"]:
            return (lambda y: timex.month(y, 12)), "month"
        if g["ys"]:
            return (lambda y: timex.month(y, 1)), "month"
        return timex.year, "year"

    def year_date(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        g = m.groupdict()
        after = text[m.end():]
        if g["ry"] and (after.startswith(blocked) or inside_kana_word(m, text)):
            return
        if m.end() == m.end("y" if g["y"] else 0) + 1 and after.startswith("代"):  # 2020年代
            return
        ref = year_ref(g)
        make, grain = period_maker(g)
        if make is None:
            return
        if g["fy"] and not isinstance(ref, int):  # 今年度 follows the fiscal calendar, not the civil one
            yield from s.one(s.relative_unit("fiscal_year_end" if g["fyend"] else "fiscal_year", *ref))
            return
        yield from s.one(s.on_year(ref, make, grain))

    def decade(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        first = int(m["y"]) * 10 if m["y"] else int(numeric_pivot(m["y2"]))
        yield from s.one(s.absolute(timex.decade(first)))

    pivot = int(lex.data["numeric_dates"].get("two_digit_year_pivot", 30))

    def numeric_pivot(two: str) -> int:
        n = int(two)
        return 2000 + n if n < pivot else 1900 + n

    # ---- "<month>[<day>]" without a year: 11月3日, 10月末, 12月
    past_suffixes = tuple(ja.get("past_month_suffixes") or ())

    def month_date(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        mo = to_int(m["m"] or m["mm"])
        if not 1 <= mo <= 12:
            return
        when = tense.japanese(text, m.end())
        if m["d"]:
            dom = to_int(m["d"])
            def make_day(y: int) -> Period | None:
                return timex.make_day(y, mo, dom)
            yield s.part(s.month_day_part(mo, dom), "day", needs="month", explicit=True,
                         resolve=month_resolver(mo, make_day, when), in_text=in_lead_year(make_day))
        elif text.startswith(past_suffixes, m.end()):  # 1月以来
            yield s.most_recent_month(mo).but(place=s.month_part(mo)[0], fits=s.YEAR_LIKE)
        else:
            def make_month(y: int) -> Period | None:
                return timex.month(y, mo)
            yield s.part(s.month_part(mo), "month", needs="month",
                         resolve=month_resolver(mo, make_month, when), in_text=in_lead_year(make_month))

    def month_resolver(mo: int, make: Callable[[int], Period | None], when: str | None) -> s.Resolver:
        ahead = {"past": 0, "future": 11}.get(when or "", window)
        return lambda a: make(timex.infer_year(mo, a, ahead))

    def in_lead_year(make: Callable[[int], Period | None]) -> s.Resolver:
        return lambda a: make(a.year)

    # ---- relative months: 今月, 来月10日, 翌月末
    month_words = lex.words("ja", "month_words", "anaphoric_month_words!")

    def relative_month(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        if text[m.end():].startswith(blocked):
            return
        offset, anaphoric = month_words[m["rm"]]
        if m["d"]:
            dom = to_int(m["d"])

            def resolve(a: Date) -> Period | None:
                moved = timex.add_months(a, offset)
                return timex.make_day(moved.year, moved.month, dom)
            yield DateSpec(resolve=resolve, needs="month", anaphoric=anaphoric, grain="day")
        else:
            yield from s.one(s.relative_unit("month", offset, anaphoric))

    # ---- 翌11月, 同10月: a month named after a date the text gave
    def anaphoric_month(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        mo, step = to_int(m["mm"]), int(ja["anaphoric_month_prefixes"][m["p"]])
        if not 1 <= mo <= 12:
            return

        def resolve(a: Date) -> Period | None:
            # 翌11月 after 2024年10月: the first November after the anchor; 同10月: the anchor's year
            y = a.year if step == 0 or mo > a.month else a.year + 1
            return timex.month(y, mo)
        yield DateSpec(resolve=resolve, needs="month", anaphoric=True, grain="month")

    def word_rule(unit: str, *keys: str) -> tuple[str, Callable[[re.Match[str], str], Iterator[DateSpec]]]:
        table = lex.words("ja", *keys)

        def handle(m: re.Match[str], text: str) -> Iterator[DateSpec]:
            if inside_kana_word(m, text):
                return
            if not text[m.end():].startswith(blocked):
                yield from s.one(s.relative_unit(unit, *table[m["w"]]))
        return alternation(table), handle

    standalone = ja["standalone_words"]

    def standalone_word(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield from s.one(s.relative_unit(standalone[m["w"]]["unit"], 0, False))

    # ---- weekdays: 月曜日 alone, 来週の月曜日 (composed), 次の金曜日, 第2月曜日
    def bare_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        wd = int(weekdays[m["wd"]])
        yield s.part(s.weekday_part(wd), "day", needs="day",
                     resolve=weekday_resolver(wd, tense.japanese(text, m.end())))

    prefixes = ja["weekday_prefixes"]

    def prefixed_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        wd, weeks = int(weekdays[m["wd"]]), int(prefixes[m["p"]])
        yield DateSpec(resolve=lambda a: timex.day(timex.week(timex.shift(a, weeks, "W")).start
                                                   + timex.dt.timedelta(days=wd)),
                       needs="day", grain="day")

    def nth_weekday(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        n = ordinal(m)
        wd = int(weekdays[m["wd"]])
        place, fits = s.nth_weekday_part(n, wd)
        yield s.part((place, fits), "day", needs="month", resolve=lambda a: place(timex.day(a)))

    def ordinal(m: re.Match[str]) -> int:
        return int(ordinals[m["ow"]]) if m["ow"] else to_int(m["n"])

    def nth_week(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        n = ordinal(m)
        place, fits = s.nth_week_part(n)
        # 第31週 alone: the week of the anchor's year; 最初の週 alone names nothing
        resolve = (lambda a: place(timex.year(a.year))) if m["n"] else None
        yield s.part((place, fits), "week", needs="year", resolve=resolve, weak=resolve is None)

    # ---- parts of a year read only beside one: 上半期, 第3四半期, 夏 (2016年の夏, 今年の第3四半期)
    def quarter_part(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        q = to_int(m["q"])
        # Alone, a quarter is a company's fiscal quarter of a year the text does not say.
        yield s.unplaced("quarter").but(place=s.quarter_part(q)[0], fits=s.quarter_part(q)[1])

    def half_part(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield s.part(s.half_part(int(halves[m["h"]])), "half", weak=True)

    def season_part(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        yield s.part(s.season_part(seasons[m["s"]]), "season", weak=True)

    season_prefixes = ja["season_prefixes"]

    def relative_season(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        shift, code = int(season_prefixes[m["p"]]), seasons[m["s"]]
        yield DateSpec(resolve=lambda a: timex.season(a.year + shift, code), needs="year", grain="season")

    # ---- a day of the month alone: 3日、 / 2日の閣議 / 今月の27日 (composed)
    def bare_day(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        dom = to_int(m["d"])
        if not 1 <= dom <= 31:
            return
        strong = bool(DAY_CONTEXT.match(text, m.end())) and m["d"].isdigit()
        when = tense.japanese(text, m.end())
        yield s.part(s.day_of_month_part(dom), "day", needs="month", explicit=True, weak=not strong,
                     resolve=day_resolver(dom, when, lex.day_window))

    # ---- offsets: 3日後, 2年前, 1か月と21日前 (compound), 2か月で (non-past), 昨日の2日前 (composed)
    offset_units, directions = ja["offset_units"], ja["offset_directions"]
    unit_words = alternation(offset_units)
    amount = rf"(?:{JA_SMALL}|半|ひと)"
    compound = (rf"(?P<shift>{NOT_AFTER_NUMBER}{amount}(?:{unit_words})"
                rf"(?:(?:と|、)?{amount}(?:{unit_words}))*)")

    def parse_shift(text: str) -> Shift | None:
        parts = []
        for n, u in re.findall(rf"({amount})({unit_words})", text):
            unit = offset_units[u]
            if n == "半":
                if unit != "Y":
                    return None
                n, unit = "6", "M"
            parts.append((1 if n == "ひと" else to_int(n), unit))
        return Shift(tuple(parts)) if parts else None

    def offset(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        shift = parse_shift(m["shift"])
        if shift is None:
            return
        # 「契約締結の1週間前」 counts from an event the text dated, not from the publication date.
        anaphoric = text[:m.start()].endswith(("の", "その", "同"))
        yield s.shifted(shift.signed(int(directions[m["dir"]])), anaphoric)

    span_prefixes = tuple(ja["durations"]["span_prefixes"]) + ("ここ",)

    def within_time(m: re.Match[str], text: str) -> Iterator[DateSpec]:
        shift = parse_shift(m["shift"])
        # 「2週間で完売した」, 「今後14ヶ月で整える」: how long it takes, not when
        if shift is None or text[:m.start()].endswith(span_prefixes):
            return
        if tense.japanese(text, m.end()) == "future":
            yield s.shifted(shift, False)

    day_context = alternation(ja["bare_day_followers"])
    not_after_day = alternation(ja["bare_day_not_followers"])
    DAY_CONTEXT = re.compile(rf"(?!に[0-9〇一二三四五六七八九十何])(?:{day_context})(?!{not_after_day})")
    week_words, week_handler = word_rule("week", "week_words", "anaphoric_week_words!")
    day_words, day_handler = word_rule("day", "day_words", "anaphoric_day_words!")
    nth = rf"(?:第(?P<n>{JA_SMALL})の?|(?P<ow>{alternation(ordinals)})の)"
    digits = "0-9〇一二三四五六七八九十"
    seasons_re = alternation(seasons)
    return [
        rule("<year>[<part>]", head + tail, year_date),
        rule("<decade>年代",
             rf"{NOT_AFTER_NUMBER}(?:(?P<y>1[0-9]{{2}}|2[01][0-9])0|(?P<y2>[0-9]0))年代", decade),
        rule("<month>[<day>]", rf"(?<![{digits}第年度同前翌今来先])(?:(?P<m>{JA_SMALL})月(?P<d>{JA_SMALL})日"
                               rf"|(?P<mm>{JA_SMALL})月(?!期)(?:{month_parts})?)", month_date),
        rule("翌<month>",
             rf"(?P<p>{alternation(ja['anaphoric_month_prefixes'])})(?P<mm>{JA_SMALL})月(?:{month_parts})?",
             anaphoric_month),
        rule("<this/next/last month>[<day>]",
             rf"(?P<rm>{alternation(month_words)})(?:(?P<d>{JA_SMALL})日|{month_parts})?", relative_month),
        rule("<this/next/last week>", rf"(?P<w>{week_words})末?", week_handler),
        rule("<today/yesterday>", rf"(?P<w>{day_words})", day_handler),
        rule("<year end/month end>", rf"(?<![{digits}今来昨去同前翌本当再])(?P<w>{alternation(standalone)})",
             standalone_word),
        rule("<this/next> <weekday>", rf"(?P<p>{alternation(prefixes)}){weekday}", prefixed_weekday),
        rule("<n-th> <weekday>", rf"{nth}{weekday}", nth_weekday),
        rule("<weekday>", rf"(?<![毎(（第])(?<!毎週){weekday}", bare_weekday),
        rule("<n-th> week", rf"{nth}週(?!間)", nth_week),
        rule("<quarter>", r"(?<![0-9年])第(?P<q>[1-4一二三四])四半期", quarter_part),
        rule("<half>", rf"(?<![0-9年])(?P<h>{alternation(halves)})", half_part),
        rule("<season>", rf"(?<=の)(?P<s>{seasons_re})", season_part),
        rule("今<season>", rf"(?P<p>{alternation(season_prefixes)})(?P<s>{seasons_re})", relative_season),
        rule("<day>", rf"(?<![{digits}月第数同毎])(?P<d>{JA_SMALL})日(?![間目])", bare_day),
        rule("<duration> 前/後", rf"{compound}(?P<dir>{alternation(directions)})(?!半)", offset),
        # 2か月で出発します; not 「契約期間は5年間で、」 (the copula) nor 「5年間で完成した」
        rule("<duration>で", rf"{compound}で(?![もはき、,])", within_time),
    ]


def weekday_resolver(wd: int, when: str | None) -> s.Resolver:
    """A weekday named alone: the most recent one on or before the anchor ("on Monday" in news
    reports the past), or the next one on or after it when the sentence speaks of the future."""
    if when == "future":
        return lambda a: timex.day(timex.next_weekday(a - timex.dt.timedelta(days=1), wd))
    return lambda a: timex.day(timex.last_weekday(a, wd))


def day_resolver(dom: int, when: str | None, window: int) -> s.Resolver:
    """A day of the month named alone (3日、): the nearest such day not after the anchor, or on or
    after it when the sentence speaks of the future; unknown tense allows ``window`` days ahead."""
    if when == "future":
        return lambda a: timex.next_day_of_month(dom, a)
    ahead = 0 if when == "past" else window
    return lambda a: timex.infer_day(dom, a, ahead)

