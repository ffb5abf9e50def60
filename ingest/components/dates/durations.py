"""Duration families, Japanese and English: one row per span of time, in ISO 8601.

A compound span is one value (1年3か月 → P1Y3M, "1 year 1 month 21 days" → P1Y1M21D), so are
fractions (半年 → P6M, "two and a half years" → P2Y6M, "half a year") and whole units said in
words (まる1日, "a full year", "all week", "another month"). A range (3~5年間, 12 to 18 months)
gives its two bounds. Vague spans (今後数年, several years) keep ``value`` NULL.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newskb.ingest import timex
from newskb.ingest.patterns import alternation

from .ja import JA_COUNT, NOT_AFTER_NUMBER
from .lexicon import Lexicon


def duration_row(parts: list[tuple[float, str]] | None, parts_max: list[tuple[float, str]] | None = None,
                 approx: bool = False) -> dict[str, Any]:
    return {
        "value": timex.iso_compound(parts) if parts else None,
        "value_max": timex.iso_compound(parts_max) if parts_max else None,
        "approx": approx or not parts,
    }


def _preceded_by(before: str, words: list[str], skip: str = "はがのを：:、 ") -> bool:
    """Whether ``before`` ends with one of ``words``, particles and spaces aside (契約期間は7年)."""
    trimmed = before.rstrip(skip)
    return any(trimmed.endswith(w) for w in words)


def _count(text: str, words: dict[str, float] | None = None) -> float:
    """A count in a duration: 7, 1.5, 十四, 半 (a half), ひと (one)."""
    if words and text in words:
        return float(words[text])
    try:
        return float(text)
    except ValueError:
        value = timex.parse_int(text)
        if value is None:
            raise ValueError(f"not a count: {text!r}") from None
        return float(value)


Span = tuple[int, int, dict[str, Any]]  # (start, end, row)


@dataclass(frozen=True)
class Rule:
    """One family of duration expressions: a name, a pattern and the rows a match gives."""

    name: str
    pattern: re.Pattern[str]
    produce: Callable[[re.Match[str], str], Iterable[Span]]


def find_durations(rules: list[Rule], text: str) -> Iterator[Span]:
    """(start, end, row) for every match of every rule."""
    for r in rules:
        for m in r.pattern.finditer(text):
            yield from r.produce(m, text)


def japanese_durations(lex: Lexicon) -> list[Rule]:
    conf = lex.ja["durations"]
    units = conf["units"]
    compound_units = {**units, **conf["units_in_compounds"]}
    counts = {str(k): float(v) for k, v in conf["count_words"].items()}
    prefixes = alternation(conf["span_prefixes"])
    followers, preceders = tuple(conf["year_followers"]), conf["year_preceders"]
    day_followers = tuple(conf["day_followers"])
    approx_after = tuple(conf["approx_after"])
    rate_followers = tuple(conf.get("rate_followers") or ())
    whole_prefixes = alternation(conf["whole_prefixes"])
    no_count_before = tuple(lex.eras) + ("第", "西暦")
    count = rf"(?:{'|'.join(filter(None, [JA_COUNT, '半', alternation(counts)]))})"
    one = rf"{count}(?:{alternation(compound_units)})半?"
    unit_re = re.compile(rf"(?P<n>{count})(?P<u>{alternation(compound_units)})(?P<half>半)?")

    def parts_of(text: str) -> list[tuple[float, str]]:
        parts = []
        for p in unit_re.finditer(text):
            unit = compound_units[p["u"]]
            amount = 0.5 if p["n"] == "半" else _count(p["n"], counts)
            if unit == "Y" and amount == 0.5:
                amount, unit = 6.0, "M"
            parts.append((amount + (0.5 if p["half"] else 0.0), unit))
        return parts

    def counted(m: re.Match[str], text: str) -> Iterator[Span]:
        before, after = text[:m.start("n")], text[m.end():]
        if rate_followers and after.startswith(rate_followers):
            return  # 1時間あたり: the unit of a price or a rate
        parts = parts_of(m["n"] + m["u1"] + m["rest"] + (m["half2"] or ""))
        first_unit = compound_units[m["u1"]]
        if len({u for _, u in parts}) < len(parts):  # a list (14ヶ月、14カ月), not one span
            return
        spelled = bool(m["kan"] or m["pre"] or m["whole"] or len(parts) > 1 or "半" in m.group())
        said = after.startswith(followers) or _preceded_by(before, preceders)
        day_said = spelled or after.startswith(day_followers) or _preceded_by(before, preceders)
        if m["u1"] not in units and not day_said:  # 日 alone is a day of the month (9日) unless told
            return
        if first_unit == "Y":
            # N年 is a span only when something says so; 2027年 or 25年3月期 name years.
            amount = parts[0][0] if parts else 0
            if amount >= 100 or before.endswith(no_count_before) or after.startswith(("後半", "前半")):
                return
            if not (spelled or said):
                return
        parts_max = None
        if m["n2"]:
            top = _count(m["n2"], counts)
            parts_max = [(top + (parts[0][0] - int(parts[0][0])), parts[0][1])]
        approx = _preceded_by(before, conf["approx_before"], skip=" ") or after.startswith(approx_after)
        yield m.start(), m.end(), duration_row(parts, parts_max, approx)

    def fixed(m: re.Match[str], text: str) -> Iterator[Span]:
        amount, unit = conf["fixed_words"][m["w"]]  # 半月, ひと月
        yield m.start(), m.end(), duration_row([(float(amount), unit)])

    def vague(m: re.Match[str], text: str) -> Iterator[Span]:
        yield m.start(), m.end(), duration_row(None)

    vague_units = alternation([*units, "年", "日", "週"])
    fixed_words, vague_counts = alternation(conf["fixed_words"]), alternation(conf["vague_counts"])
    return [
        Rule("<count><unit>[<count><unit>…]",
             re.compile(rf"(?:(?P<pre>{prefixes})|(?P<whole>{whole_prefixes}))?{NOT_AFTER_NUMBER}"
                        rf"(?P<n>{count})(?:[~〜～\-](?P<n2>{JA_COUNT}))?(?P<u1>{alternation(compound_units)})"
                        rf"(?P<rest>半?(?:と?{one})*)(?P<kan>間)?(?P<half2>半)?"),
             counted),
        Rule("半月", re.compile(rf"(?:{whole_prefixes})?(?P<w>{fixed_words})間?"), fixed),
        Rule("数年", re.compile(rf"(?:{prefixes}|ここ)?(?:{vague_counts})(?P<u>{vague_units})間?"), vague),
    ]


def english_durations(lex: Lexicon) -> list[Rule]:
    en = lex.en
    conf = en["durations"]
    units = {k.lower(): v for k, v in en["units"].items()}
    # "a year" is left to dates: "a year ago", "once a year" name no span.
    numbers = {w: n for w, n in en["number_words"].items() if w not in ("a", "an")}
    count = rf"(?:\d+(?:\.\d+)?|{alternation(numbers)})"
    unit_words = alternation(units)
    fractions = {k: float(v) for k, v in conf["fractions"].items()}
    fraction = alternation(fractions, spaces=r"\s+")
    blockers_after = alternation(en["duration_blockers_after"])
    not_after_whole = alternation(conf["whole_blockers_after"])
    one_part = rf"{count}[\s-]?(?:{unit_words})s?"
    part_re = re.compile(rf"(?i:(?P<n>{count})[\s-]?(?P<u>{unit_words})s?)")
    blocked_after = re.compile(rf"(?i:(?:\s*,?\s*(?:and\s+)?{one_part})*[\s-](?:{blockers_after})\b)")

    def amount_of(text: str) -> float:
        return float(text) if text[0].isdigit() else float(numbers[text.lower()])

    def unit_of(word: str) -> tuple[float, str]:
        """(multiplier, ISO unit) of a unit word: a decade is ten years, a fortnight two weeks."""
        u = units[word.lower()]
        return {"DECADE": (10.0, "Y"), "FORTNIGHT": (2.0, "W")}.get(u, (1.0, u))

    def counted(m: re.Match[str], text: str) -> Iterator[Span]:
        if re.fullmatch(r"(?:19|20)\d\d", m["n"]) or blocked_after.match(text, m.end()):
            return  # "2025 year"; "two years and 21 days ago" (a date; its shorter matches too)
        mult, unit = unit_of(m["u"])
        first_end = m.end("u") + (text[m.end("u"): m.end("u") + 1].lower() == "s")
        pieces = [(m.start(), first_end, amount_of(m["n"]) * mult, unit)]
        for p in part_re.finditer(m["rest"]):
            p_mult, p_unit = unit_of(p["u"])
            at = m.start("rest")
            pieces.append((at + p.start(), at + p.end(), amount_of(p["n"]) * p_mult, p_unit))
        # One span joins units that differ (1 year 1 month 21 days); a unit said again starts the
        # next span of a list (6 months, 12 months).
        groups: list[list[tuple[int, int, float, str]]] = [[]]
        for piece in pieces:
            if any(piece[3] == g[3] for g in groups[-1]):
                groups.append([])
            groups[-1].append(piece)
        for k, group in enumerate(groups):
            parts = [(amount, u) for _, _, amount, u in group]
            start, end = group[0][0], group[-1][1]
            if k == len(groups) - 1 and m["frac"]:
                parts[-1] = (parts[-1][0] + fractions[re.sub(r"\s+", " ", m["frac"].lower())], parts[-1][1])
                end = m.end()
            parts_max = [(amount_of(m["n2"]) * mult, unit)] if m["n2"] and k == 0 else None
            approx = _preceded_by(text[:start].lower(), en["approx_before"], skip=" ")
            yield start, end, duration_row(parts, parts_max, approx)

    def and_a_fraction(m: re.Match[str], text: str) -> Iterator[Span]:
        """one and a quarter years, a year and a half, half a year."""
        word = (m["n"] or "").lower()
        whole = 0.0 if not word else 1.0 if word in ("a", "an") else amount_of(word)
        mult, u = unit_of(m["u"])
        frac = fractions[re.sub(r"\s+", " ", (m["frac"] or m.groupdict().get("frac2") or "").lower())]
        yield m.start(), m.end(), duration_row([((whole + frac) * mult, u)])

    def whole_unit(m: re.Match[str], text: str) -> Iterator[Span]:
        mult, u = unit_of(m["u"])
        yield m.start(), m.end(), duration_row([(mult, u)])

    def couple(m: re.Match[str], text: str) -> Iterator[Span]:
        mult, u = unit_of(m["u"])
        yield m.start(), m.end(), duration_row([(float(conf["couple"]) * mult, u)], approx=True)

    def decade(m: re.Match[str], text: str) -> Iterator[Span]:
        yield m.start(), m.end(), duration_row([(10.0, "Y")])

    def vague(m: re.Match[str], text: str) -> Iterator[Span]:
        yield m.start(), m.end(), duration_row(None)

    numbers_a = alternation(en["number_words"])
    not_after = rf"(?![\s-](?:{blockers_after})\b)"
    whole_words = alternation(conf["whole_words"])
    vague_counts = alternation(en["vague_counts"])
    return [
        Rule("<count> <unit>[ <count> <unit>…]",
             re.compile(rf"(?i:\b(?P<n>{count})(?:\s*(?:to|-|–|or)\s*(?P<n2>{count}))?[\s-]?(?P<u>{unit_words})s?"
                        rf"(?P<rest>(?:\s*,?\s*(?:and\s+)?{one_part})*)(?:\s+and\s+(?P<frac>{fraction}))?\b)"
                        rf"{not_after}"), counted),
        Rule("<count> and a half <unit>",
             re.compile(rf"(?i:\b(?:(?P<n>{numbers_a}|\d+)\s+and\s+(?P<frac>{fraction})|(?P<frac2>half)"
                        rf"(?:\s+(?:a|an))?)[\s-](?P<u>{unit_words})s?\b){not_after}(?![\s-](?:{not_after_whole})\b)"),
             and_a_fraction),
        Rule("a <unit> and a half",
             re.compile(rf"(?i:\b(?P<n>a|an|one)\s+(?P<u>{unit_words})\s+and\s+(?P<frac>{fraction})\b)"),
             and_a_fraction),
        Rule("a full <unit>",
             re.compile(rf"(?i:\b(?:{whole_words})[\s-](?P<u>day|week|month|year)\b)"
                        rf"(?![\s-](?:{not_after_whole})\b)(?!\s*\d)"), whole_unit),
        Rule("a couple of <unit>",
             re.compile(rf"(?i:\b(?:a\s+)?couple\s+of\s+(?P<u>{unit_words})s\b)"), couple),
        Rule("a decade", re.compile(r"(?i:\b(?:a|one|the\s+(?:past|last|next|coming))\s+decade\b)"), decade),
        Rule("a fortnight", re.compile(r"(?i:\ba\s+(?P<u>fortnight)\b)"), whole_unit),
        Rule("several years", re.compile(rf"(?i:\b(?:(?:the|a)\s+)?(?:(?:next|past|last|coming)\s+)?"
                                         rf"(?:{vague_counts})\s+(?:{unit_words})s\b)"), vague),
        Rule("multiyear", re.compile(rf"(?i:\b(?:{alternation(en['vague_words'])})\b)"), vague),
    ]
