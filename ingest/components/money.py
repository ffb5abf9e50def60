"""Money and percentages: ``newskb_money`` sets ``doc._.money`` and ``doc._.percents``.

Figures are found by regular expressions over the folded text (``ingest.numbers.fold``: same
offsets, half-width digits), built from three data files:

* ``lexicons/currencies.yaml`` — ISO code → prefixes ($, US$, ¥, €), suffixes (ドル, 円, yen) and
  minor units (セント, 銭, cents, pence);
* ``lexicons/money_roles.yaml`` — role triggers, approximation/bound qualifiers, per-unit
  markers and vague magnitudes (数兆, multibillion);
* ``lexicons/usd_rates.csv`` — yearly average US dollars per unit, for the ``usd`` column.

The families of figures: a currency before the number (``$``, ``HK$``, ``AUD$``, ``USD 5 billion``,
``MUSD 120``), after it (``380億ドル``, ``5 billion euros``, ``75 USD million``, ``30 MUSD``), a
symbol after it (``10 €``), minor units alone or after a figure of their currency (``34 cents``,
``2222円13銭``, ``50元6角3分``), numbers in digits, kanji (``千円``, ``一万億円``) or English words
(``five million yen``, ``half a million dollars``), and vague magnitudes (``数兆ドル``).

Each figure then gets a role (the trigger word nearest to it: the head of the noun it modifies,
else its clause, else its sentence) and an owner (the ORG of ``doc._.mentions`` that is the
subject of its clause, or owns that subject; else the subject of the sentence before). These rules
read characters, so a ``spacy.blank`` pipeline gets the same answers as GiNZA; a dependency parse,
when present, only adds subjects written after the figure.

Item keys (docs/extractors.md): money ``text, start, end, amount, currency, usd, approx, low,
high, bound, per, role, entity, converted_from``; percents ``text, start, end, value, low, high,
approx``. A range (300億〜400億ドル) is two items, its lower bound (``bound`` 'min') and its upper
bound ('max'), each with its ``amount``; both set ``low``/``high``. ``amount`` is None for vague
magnitudes (数百億ドル), which set ``low``/``high`` too.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest import lexicons
from newskb.ingest.components import actors, en_clause_subjects, text_of
from newskb.ingest.numbers import EN_FRACTION_WORDS, EN_NUMBER_WORDS, EN_SCALE_WORDS, fold, parse_number
from newskb.ingest.patterns import alternation

for _name in ("money", "percents", "mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=[])

# Thousands (3,000,000), Indian lakhs (12,34,567) or plain digits.
_DIGITS = r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Up to three spaces where typesetting or tokenizing put them (1000 億, 7  万  円).
_GAP = r"\s{0,3}"
# Digits with Japanese units between and after them: 380億, 5兆8000億, 1億6,000万, 3千億, 1万億.
_JA_NUMBER = rf"{_DIGITS}(?:{_GAP}[千百]?{_GAP}[兆億万](?:{_GAP}{_DIGITS})?)*(?:{_GAP}[千百](?![兆億万]))?"
_KANJI_DIGITS = "〇一二三四五六七八九十百千"
_KANJI_ANY = _KANJI_DIGITS + "万億兆"
_KANJI_NUMBER = rf"(?<![{_KANJI_ANY}])[{_KANJI_DIGITS}][{_KANJI_ANY}]+"
# A lone kanji numeral (十ドル, 千円, 零円); kanji_idioms (関東一円, 一元化) are words, not money.
_KANJI_SINGLE = rf"(?<![零{_KANJI_ANY}数何])[零{_KANJI_DIGITS}](?![{_KANJI_ANY}])"

# English numbers as words (five million yen, thirteen dollars, a quarter million, three quarters
# billion): a number or fraction word, then more of them, through "and" and hyphens.
_EN_FIRST_WORD = alternation([*EN_NUMBER_WORDS, *EN_FRACTION_WORDS])
_EN_ANY_WORD = alternation([*EN_NUMBER_WORDS, *EN_FRACTION_WORDS, *EN_SCALE_WORDS])
_EN_WORD_NUMBER = (rf"(?i:(?<![A-Za-z'’])(?:an?[\s-]+(?=(?:{alternation(EN_FRACTION_WORDS)})))?"
                   rf"(?:{_EN_FIRST_WORD})(?:[\s-]+(?:and[\s-]+|an?[\s-]+)?(?:{_EN_ANY_WORD}))*(?![A-Za-z]))")
# English multipliers; single letters only right after the digits or a space ($14.2B, $50K).
_EN_MULTIPLIER = (r"(?:(?i:trillion|billion|million|thousand|crore|lakh)|tn|trn|bn|bln|mn|mln|[TBMKbmk])"
                  r"(?![A-Za-z])")
_NUMBER = rf"(?:{_JA_NUMBER}(?:\s?-?\s?{_EN_MULTIPLIER})?|{_KANJI_NUMBER}|{_KANJI_SINGLE}|{_EN_WORD_NUMBER})"
# A multiplier after a currency code: 75 USD million.
_MULTIPLIER_AFTER = r"[ \t](?P<mult>(?i:trillion|billion|million|thousand))(?![A-Za-z])"
# A currency word in Latin letters glued to the digits after it is their prefix (3 USD50 cards).
_NOT_GLUED = r"(?:(?<![A-Za-z])|(?!\d))"
# Letters and kana/kanji: a prefix without them is a symbol ($, €), read after the number too.
_WORDLIKE = re.compile(r"[A-Za-z\u3040-\u30FF\u3400-\u9FFF\\]")
_RANGE_SEP = r"(?:[ \t]?[~\-–—][ \t]?|[ \t]+to[ \t]+)"
_UNIT_TAIL = re.compile(rf"(?:[兆億万千百]+|\s?-?\s?{_EN_MULTIPLIER})$")
_NOT_BEFORE_NUMBER = r"(?<![0-9A-Za-z.,])"

# A run of kanji, katakana and Latin letters: the compound noun after 「の」.
_COMPOUND = re.compile(r"[\u30A0-\u30FF\u3400-\u9FFFA-Za-z0-9ー・]+")
_PAREN = re.compile(r"\s?\([^()]{0,30}\)")
_JAPANESE = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF]")
_CLAUSE_BREAK = re.compile(r"[、。;!?\n]|,(?!\d)")
_SENTENCE_END = re.compile(r"(?<=[。!?])|\n|(?<=[a-z0-9%)][.])\s+(?=[A-Z\"“])")
# Up to three words after an English figure, through "in"/"of": "$13.5 billion net loss",
# "$20 billion in sales". The noun phrase stops at the first of _EN_STOPWORDS.
_EN_NOUN_AFTER = re.compile(
    r"(?i)[\s-]+(?:(?:in|of|worth\s+of)\s+)?(?P<words>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})")
_EN_STOPWORDS = {"in", "of", "to", "with", "from", "for", "by", "that", "which", "and", "or", "as", "at",
                 "on", "over", "after", "the", "a", "an", "is", "was", "will", "would", "has", "had"}
_EN_NOT_SUBJECT = re.compile(r"(?i)\b(?:with|from|to|by|for|of|at|in|on|between|and|than|into|"
                             r"like|including|versus|vs\.?)\s+$")
# After an organization's name: the marks of a Japanese subject or topic, possibly through an
# alias in parentheses (AWS) or 自身/側; or the organization owns the subject (Xの株価は).
_JA_SUBJECT = re.compile(r"(?:\s?\([^()]{0,30}\))?\)?(?:自身|側|ら|社)?(?:が|は|も|では|として)")
_JA_OWNER_OF_SUBJECT = re.compile(r"\)?の[\u30A0-\u30FF\u3400-\u9FFFA-Za-z0-9ー・~]{1,20}(?:が|は)")
_JA_POSSESSIVE = re.compile(r"\)?\s?の\s?")
_JA_COORDINATION = re.compile(r"(?:\s?\([^()]{0,30}\))?\)?(?:と|、|や|及び|および|,\s?)$")


def _alternation(words: list[str]) -> str:
    """Case-insensitive too for Japanese words: the lexicon keys are casefolded (1GWあたり)."""
    return alternation(words, bound_latin=True, ignore_case=True)


def _form_key(form: str) -> str:
    """How a currency form is looked up: folded, case-folded, without spaces (HK $ = HK$)."""
    return re.sub(r"\s+", "", fold(form).casefold())


def _prefix_alternation(words: list[str]) -> str:
    """Words that lead into another word (multi-billion, tens of billions): no end boundary."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(rf"(?i:(?<![A-Za-z]){w})" for w in escaped)


@dataclass(frozen=True)
class MinorUnit:
    """A unit worth 1/``per`` of ``currency`` (セント, 銭, 角, pence); ``alone``: read on its own."""

    currency: str
    per: int
    alone: bool


@dataclass
class MoneyLexicon:
    """The data files, compiled once when the pipeline is built."""

    currency_of: dict[str, str]
    prefixes: list[str]
    suffixes: list[str]
    rates: dict[str, dict[int, float]]
    roles: dict[str, str]
    before: dict[str, dict[str, Any]]
    after: dict[str, dict[str, Any]]
    per_before: dict[str, str]
    per_after: dict[str, str]
    vague: dict[str, Any]
    # what a form multiplies the number by: 1/100 for cents, a million for MUSD
    scale_of: dict[str, float] = field(default_factory=dict)
    # forms read only as written (MUSD: "Maud" is a name), before and after the number or before it
    exact_forms: list[str] = field(default_factory=list)
    exact_prefixes: list[str] = field(default_factory=list)
    minor: dict[str, MinorUnit] = field(default_factory=dict)
    minor_joiners: list[str] = field(default_factory=list)
    kanji_idioms: set[str] = field(default_factory=set)
    digits_only: set[str] = field(default_factory=set)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, currencies: str | Path = "currencies.yaml", rates: str | Path = "usd_rates.csv",
             roles: str | Path = "money_roles.yaml") -> MoneyLexicon:
        words = lexicons.load_yaml(roles)
        currency_of: dict[str, str] = {}
        scale_of: dict[str, float] = {}
        prefixes: list[str] = []
        suffixes: list[str] = []
        exact: list[str] = []
        exact_prefixes: list[str] = []
        minor: dict[str, MinorUnit] = {}
        for code, forms in lexicons.load_yaml(currencies).items():
            for form in [code, *(forms.get("prefixes") or [])]:
                currency_of[_form_key(form)] = code
                prefixes.append(fold(form))
            for form in [code, *(forms.get("suffixes") or [])]:
                currency_of[_form_key(form)] = code
                suffixes.append(fold(form))
            for form in forms.get("exact_prefixes") or []:
                currency_of[_form_key(form)] = code
                exact_prefixes.append(fold(form))
            for letter, factor in (words.get("code_multipliers") or {}).items():
                currency_of[_form_key(letter + code)] = code
                scale_of[_form_key(letter + code)] = float(factor)
                exact.append(letter + code)
            for unit in forms.get("minor") or []:
                for form in unit["units"]:
                    key = _form_key(form)
                    minor[key] = MinorUnit(code, int(unit["per"]), bool(unit["alone"]))
                    if unit["alone"]:  # 34 cents: a figure of its own
                        currency_of[key] = code
                        scale_of[key] = 1 / int(unit["per"])
                        suffixes.append(fold(form))
        table: dict[str, dict[int, float]] = {}
        for row in lexicons.load_csv(rates):
            table.setdefault(row["currency"], {})[int(row["year"])] = float(row["usd_per_unit"])
        role_of = {fold(w).casefold(): role for role, ws in words["roles"].items() for w in ws}
        per_before = {fold(w).casefold(): unit for unit, d in words["per"].items() for w in d["before"]}
        per_after = {fold(w).casefold(): unit for unit, d in words["per"].items() for w in d["after"]}
        lexicon = cls(currency_of, prefixes, suffixes, table, role_of,
                      {fold(k).casefold(): v for k, v in words["qualifiers"]["before"].items()},
                      {fold(k).casefold(): v for k, v in words["qualifiers"]["after"].items()},
                      per_before, per_after, words["vague"], scale_of=scale_of, exact_forms=exact,
                      exact_prefixes=exact_prefixes, minor=minor,
                      minor_joiners=[fold(w) for w in words.get("minor_joiners") or []],
                      kanji_idioms={fold(w) for w in words.get("kanji_idioms") or []},
                      digits_only={_form_key(w) for w in words.get("digits_only_suffixes") or []})
        lexicon._compile()
        return lexicon

    def _compile(self) -> None:
        exact = alternation(self.exact_forms, bound_latin=True)
        pre = "|".join([alternation(self.prefixes, spaces=r"\s?", bound_latin=True, ignore_case=True),
                        alternation(self.exact_forms + self.exact_prefixes, bound_latin=True)])
        suf = "|".join([_alternation(self.suffixes), exact])
        symbols = _alternation([p for p in self.prefixes if not _WORDLIKE.search(p)])
        ja_vague = _alternation(list(self.vague["ja_prefixes"]))
        en_vague = _prefix_alternation(list(self.vague["en_prefixes"]))
        joiners = _alternation(self.minor_joiners)
        self.patterns = {
            "prefixed": re.compile(
                rf"(?<![A-Za-z'’])(?P<cur>{pre})\s?(?P<n1>{_NUMBER})"
                rf"(?:{_RANGE_SEP}(?:{pre})?\s?(?P<n2>{_NUMBER}))?"),
            "suffixed": re.compile(
                rf"{_NOT_BEFORE_NUMBER}(?P<n1>{_NUMBER})(?:{_RANGE_SEP}(?P<n2>{_NUMBER}))?"
                rf"(?:[ \t]{{1,3}}|-)?(?P<cur>{suf})(?:{_MULTIPLIER_AFTER})?{_NOT_GLUED}"),
            # 10 €, 25 $: a symbol after the number, not leading into another one (the 10 $5 coins)
            "symbol_after": re.compile(
                rf"{_NOT_BEFORE_NUMBER}(?P<n1>{_NUMBER})[ \t]?(?P<cur>{symbols})(?![ \t]?\d)"),
            "minor_tail": re.compile(
                rf"(?:[ \t]*(?:{joiners})[ \t]*|[ \t]?)(?P<n>{_NUMBER})(?:[ \t]|-)?"
                rf"(?P<unit>{_alternation(list(self.minor))})"),
            "ja_vague": re.compile(rf"(?P<vague>{ja_vague})(?P<unit>[兆億万])?\s?(?P<cur>{suf})"),
            "en_vague": re.compile(
                rf"(?i:(?<![A-Za-z])(?P<vague>{en_vague})[\s-]?(?P<unit>trillion|billion|million)"
                rf"(?:s\s+of)?)[\s-]?(?P<cur>{suf})"),
            "en_plural": re.compile(
                rf"(?i:(?<![A-Za-z])(?P<unit>trillion|billion|million)s\s+of)\s+(?P<cur>{suf})"),
            "before": re.compile(rf"(?:{_alternation(list(self.before))})\s?$"),
            "after": re.compile(rf"\s?(?:{_alternation(list(self.after))})"),
            "per_before": re.compile(rf"(?:{_alternation(list(self.per_before))})\s?$"),
            "per_after": re.compile(rf"\s?(?:{_alternation(list(self.per_after))})"),
            "per_in_clause": re.compile(_alternation(
                [w for w in self.per_before if re.search(r"あたり|当たり|^each ", w)])),
            "role": re.compile(_alternation(list(self.roles))),
        }

    def usd_rate(self, currency: str, year: int | None) -> float | None:
        """US dollars per unit in ``year`` (nearest year in the table; newest when undated)."""
        years = self.rates.get(currency)
        if not years:
            return None
        if year is None:
            return years[max(years)]
        return years[min(years, key=lambda y: (abs(y - year), -y))]


_UNIT_VALUES = {"万": 1e4, "億": 1e8, "兆": 1e12, "trillion": 1e12, "billion": 1e9, "million": 1e6,
                "thousand": 1e3}


def _range_values(n1: str, n2: str) -> tuple[float | None, float | None]:
    """Low and high of 300〜400億 / $10-12 billion: the bare first number takes the second's unit."""
    tail = _UNIT_TAIL.search(n2)
    if tail and not _UNIT_TAIL.search(n1):
        n1 = n1 + tail.group()
    return parse_number(n1), parse_number(n2)


def find_figures(text: str, lexicon: MoneyLexicon) -> list[dict[str, Any]]:
    """Bare monetary figures (no role or owner yet), left to right, never overlapping."""
    found: list[dict[str, Any]] = []
    for kind in ("prefixed", "suffixed", "symbol_after"):
        for m in lexicon.patterns[kind].finditer(text):
            if _is_word_number(m["n1"]) and _form_key(m["cur"]) in lexicon.digits_only:
                continue  # "no one won": won after a word is the verb
            if kind == "symbol_after" and re.fullmatch(r"(?:19|20)\d\d", m["n1"]):
                continue  # costs in 2024 $: a year's dollars
            n2 = m.groupdict().get("n2")
            low = high = amount = None
            if n2:
                low, high = _range_values(m["n1"], n2)
                if low is None or high is None:
                    continue
            else:
                amount = parse_number(m["n1"])
                if amount is None:
                    continue
            figure = _figure(m, lexicon, amount, low, high, is_range=bool(n2))
            if not _is_kanji_idiom(figure, text, lexicon):
                found.append(_with_minor_units(figure, text, lexicon))
    for kind in ("ja_vague", "en_vague", "en_plural"):
        for m in lexicon.patterns[kind].finditer(text):
            unit = (m["unit"] or "").casefold()
            scale = _UNIT_VALUES.get(unit, 1.0)
            if kind == "en_plural":
                factors = lexicon.vague["en_plural"]
            else:
                table = lexicon.vague["ja_prefixes" if kind == "ja_vague" else "en_prefixes"]
                factors = table[_lookup_key(table, m["vague"])]
            figure = _figure(m, lexicon, None, factors[0] * scale, factors[1] * scale)
            figure["approx"] = True
            found.append(figure)
    return _drop_overlaps(found, text)


def _is_word_number(number: str) -> bool:
    return not re.search(r"[0-9\u3400-\u9FFF]", number)


def _is_kanji_idiom(fig: dict[str, Any], text: str, lexicon: MoneyLexicon) -> bool:
    """関東一円, 一元化: a lone kanji numeral and a currency word inside a longer kanji word."""
    if text[fig["start"]: fig["end"]] not in lexicon.kanji_idioms:
        return False
    before = text[fig["start"] - 1: fig["start"]]
    after = text[fig["end"]: fig["end"] + 1]
    return any(re.match(r"[\u3400-\u9FFF]", c) for c in (before, after) if c)


def _with_minor_units(fig: dict[str, Any], text: str, lexicon: MoneyLexicon) -> dict[str, Any]:
    """2222円13銭, 50元6角3分, 3 dollars and 50 cents: the minor units written right after a
    figure of their currency add to it. Only after a plain amount (under a million: never
    "$5 million and 50 cents a share") and only amounts below one major unit (13銭, not 130銭)."""
    amount = fig["amount"]
    if amount is None or fig["range"] or amount >= 1e6:
        return fig
    while m := lexicon.patterns["minor_tail"].match(text, fig["end"]):
        unit = lexicon.minor[_form_key(m["unit"])]
        value = parse_number(m["n"])
        if unit.currency != fig["currency"] or value is None or not 0 < value < unit.per:
            break
        amount += value / unit.per
        fig["end"] = m.end()
    fig["amount"] = amount
    return fig


def _lookup_key(table: dict[str, Any], matched: str) -> str:
    key = re.sub(r"[\s-]+", " ", matched.casefold()).strip()
    return next(k for k in table if k.casefold() == key)


def _figure(m: re.Match[str], lexicon: MoneyLexicon, amount: float | None, low: float | None,
            high: float | None, is_range: bool = False) -> dict[str, Any]:
    """The figure of match ``m``, scaled by its currency form (34 cents, 30 MUSD) and by a
    multiplier after it (75 USD million)."""
    form = _form_key(m["cur"])
    currency = lexicon.currency_of.get(form)
    scale = lexicon.scale_of.get(form, 1.0)
    if m.groupdict().get("mult"):
        scale *= _UNIT_VALUES[m["mult"].casefold()]
    amount, low, high = (None if v is None else v * scale for v in (amount, low, high))
    return {"start": m.start(), "end": m.end(), "amount": amount, "currency": currency,
            "low": low, "high": high, "approx": False, "bound": None, "range": is_range}


def _drop_overlaps(found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Keep the longest of overlapping matches; drop exchange-rate quotes (1ドル=150円, 1ドル150円)."""
    kept: list[dict[str, Any]] = []
    for fig in sorted(found, key=lambda f: (f["start"], -(f["end"] - f["start"]))):
        if kept and fig["start"] < kept[-1]["end"]:
            continue
        kept.append(fig)
    quotes: set[int] = set()
    for i, (fig, nxt) in enumerate(pairwise(kept)):
        gap = text[fig["end"]: nxt["start"]]
        if fig["currency"] != nxt["currency"] and (
                "=" in gap or (fig["amount"] == 1 and re.fullmatch(r"\s?(?:当たり|あたり)?\s?", gap))):
            quotes.update((i, i + 1))
    return _merge_ranges([f for i, f in enumerate(kept) if i not in quotes], text)


def _merge_ranges(figs: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """300億ドル〜400億ドル, $10 billion to $12 billion, between $1bn and $2bn: one range."""
    merged: list[dict[str, Any]] = []
    for fig in figs:
        prev = merged[-1] if merged else None
        if (prev and prev["amount"] is not None and fig["amount"] is not None
                and prev["currency"] == fig["currency"]):
            gap = text[prev["end"]: fig["start"]]
            between = re.search(r"(?i)\bbetween\s+$", text[max(0, prev["start"] - 9): prev["start"]])
            if re.fullmatch(r"\s?[~\-–—]\s?|\s+to\s+", gap) or (between and re.fullmatch(r"\s+and\s+", gap)):
                prev.update(end=fig["end"], low=prev["amount"], high=fig["amount"], amount=None, range=True)
                continue
        merged.append(fig)
    return merged


def _qualify(fig: dict[str, Any], text: str, lexicon: MoneyLexicon) -> None:
    """Approximation and bounds from the words around the figure; widens it over those before."""
    for _ in range(2):  # 最大で約: two qualifiers in a row
        m = lexicon.patterns["before"].search(text, max(0, fig["start"] - 16), fig["start"])
        if not m:
            break
        _apply(fig, lexicon.before[_norm(m.group())])
        fig["start"] = m.start()
    tail = _skip_paren(text, fig["end"])
    m = lexicon.patterns["after"].match(text, tail)
    if m:
        _apply(fig, lexicon.after[_norm(m.group())])


def _apply(fig: dict[str, Any], qualifier: dict[str, Any]) -> None:
    fig["approx"] = fig["approx"] or bool(qualifier.get("approx"))
    fig["bound"] = qualifier.get("bound") or fig["bound"]


def _norm(word: str) -> str:
    return word.strip().casefold()


def _skip_paren(text: str, pos: int) -> int:
    m = _PAREN.match(text, pos)
    return m.end() if m else pos


def _per(fig: dict[str, Any], text: str, clause: tuple[int, int], lexicon: MoneyLexicon) -> str | None:
    """The unit of a per-unit figure: a marker right before or after it, or an explicit
    「1GWあたり」/"each gigawatt" earlier in its clause (1GWあたりの建設費は約500億ドル)."""
    m = lexicon.patterns["per_before"].search(text, max(0, fig["start"] - 14), fig["start"])
    if m:
        return lexicon.per_before[_norm(m.group())]
    m = lexicon.patterns["per_after"].match(text, fig["end"])
    if m:
        return lexicon.per_after[_norm(m.group())]
    m = lexicon.patterns["per_in_clause"].search(text, clause[0], fig["start"])
    return lexicon.per_before[_norm(m.group())] if m else None


def _sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence; paragraphs are lines."""
    spans: list[tuple[int, int, int]] = []
    pos, paragraph = 0, 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos or m.group() == "\n":
            if m.start() > pos:
                spans.append((pos, m.start(), paragraph))
            pos = m.end()
        if "\n" in m.group():
            paragraph += 1
    if pos < len(text):
        spans.append((pos, len(text), paragraph))
    return spans


def _role(fig: dict[str, Any], text: str, sentence: tuple[int, int, int], lexicon: MoneyLexicon) -> str:
    """The trigger nearest the figure: the head of the noun after it, else clause, else sentence."""
    role_re = lexicon.patterns["role"]
    after = _skip_paren(text, fig["end"])  # 1.4兆ドル(100倍以上)のコミットメント
    qualifier = lexicon.patterns["after"].match(text, after)  # 380億ドル規模の契約
    if qualifier:
        after = _skip_paren(text, qualifier.end())
    head = _head_noun_after(text, after)
    if head:
        hits = list(role_re.finditer(text, head[0], head[1]))
        if hits:
            return lexicon.roles[_norm(hits[-1].group())]
    s_start, s_end, _ = sentence
    hits = [h for h in role_re.finditer(text, s_start, s_end)
            if h.end() <= fig["start"] or h.start() >= fig["end"]]
    if not hits:
        return "other"
    clause = _clause(text, fig, s_start, s_end)
    in_clause = [h for h in hits if h.start() >= clause[0] and h.end() <= clause[1]]

    def distance(h: re.Match[str]) -> int:
        return fig["start"] - h.end() if h.end() <= fig["start"] else h.start() - fig["end"]

    best = min(in_clause or hits, key=distance)
    return lexicon.roles[_norm(best.group())]


def _head_noun_after(text: str, pos: int) -> tuple[int, int] | None:
    """The noun a figure modifies: 「の設備投資」 (JA) or "cloud deal" (EN), as a span."""
    if text.startswith("の", pos):
        m = _COMPOUND.match(text, pos + 1)
        return (m.start(), m.end()) if m else None
    m = _EN_NOUN_AFTER.match(text, pos)
    if not m:
        return None
    start = end = m.start("words")
    for word in re.finditer(r"[A-Za-z][\w-]*", m["words"]):
        if word.group().casefold() in _EN_STOPWORDS:
            break
        end = start + word.end()
    return (start, end) if end > start else None


def _clause(text: str, fig: dict[str, Any], s_start: int, s_end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, s_start, fig["start"])), default=s_start)
    right = _CLAUSE_BREAK.search(text, fig["end"], s_end)
    return left, right.start() if right else s_end


def _ja_subjects(text: str, orgs: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    """Organizations that are the subject or own the subject (Xが, Xは, X自身が, Xの株価は)."""
    found = []
    for m in orgs:
        if start <= m["start"] and m["end"] <= end and (
                _JA_SUBJECT.match(text, m["end"]) or _JA_OWNER_OF_SUBJECT.match(text, m["end"])):
            found.append(_first_conjunct(text, orgs, m))
    return found


def _first_conjunct(text: str, orgs: list[dict[str, Any]], org: dict[str, Any]) -> dict[str, Any]:
    """「OpenAIとAWSが」: the first of coordinated subjects owns the figure."""
    for m in reversed(orgs):
        if m["end"] <= org["start"] and _JA_COORDINATION.fullmatch(text, m["end"], org["start"]):
            return _first_conjunct(text, orgs, m)
    return org


_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
_PREDICATE_POS = {"VERB", "ADJ", "AUX"}


def _dep_subject(doc: Doc, fig: dict[str, Any], text: str,
                 orgs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """From the dependency parse: the ORG inside the subject of the predicate that governs the
    figure (it finds subjects written after the figure: 380億ドルの契約をOpenAIが結んだ)."""
    span = doc.char_span(fig["start"], fig["end"], alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(8):  # climb to the governing predicate
        if token.pos_ in _PREDICATE_POS or token.head is token:
            break
        token = token.head
    for child in token.children:
        if child.dep_ in _SUBJECT_DEPS:
            sub = child.subtree
            first = next(sub)
            lo, hi = first.idx, child.right_edge.idx + len(child.right_edge)
            # The ORG must itself be marked as the subject or its owner: 「CoreWeaveとは…契約が」
            # puts a partner inside the subject phrase.
            inside = [m for m in orgs if lo <= m["start"] and m["end"] <= hi
                      and (m["start"] <= child.idx < m["end"] or text.startswith("'s", m["end"])
                           or _JA_SUBJECT.match(text, m["end"])
                           or _JA_OWNER_OF_SUBJECT.match(text, m["end"]))]
            if inside:
                return _first_conjunct(text, orgs, inside[0])
    return None


def _entity(fig: dict[str, Any], doc: Doc, text: str, orgs: list[dict[str, Any]],
            sentences: list[tuple[int, int, int]], index: int, parsed: bool) -> tuple[int, int] | None:
    """The organization that owns the figure, as the (start, end) of its mention: the subject
    before it in its sentence, else (parsed) the subject of its predicate, else the subject of
    the one or two sentences before it in the paragraph (Japanese drops repeated subjects)."""
    s_start, _, paragraph = sentences[index]
    japanese = bool(_JAPANESE.search(text, s_start, fig["end"]))
    for m in orgs:  # Xの380億ドル: the owner is written right before the figure
        if (fig["start"] - 4 <= m["end"] <= fig["start"]
                and _JA_POSSESSIVE.fullmatch(text, m["end"], fig["start"])):
            return m["start"], m["end"]
    for back in range(3):  # this sentence, then the two before it in the same paragraph
        if index - back < 0 or sentences[index - back][2] != paragraph:
            break
        start, end, _ = sentences[index - back]
        end = fig["start"] if back == 0 else end
        if japanese:
            subjects = _ja_subjects(text, orgs, start, end)
            owner = subjects[-1] if subjects else None
        else:
            # the subject of the clause the figure is in: "…, and Microsoft agreed to pay $19.4 billion"
            clauses = en_clause_subjects(text, orgs, start, end) if back == 0 else []
            start = clauses[-1][1]["start"] if clauses else start
            owner = next((m for m in orgs if start <= m["start"] and m["end"] <= end
                          and not _EN_NOT_SUBJECT.search(text, start, m["start"])), None)
        if owner is None and back == 0 and parsed:
            owner = _dep_subject(doc, fig, text, orgs)
        if owner:
            return owner["start"], owner["end"]
    return None


def _link_conversions(figures: list[dict[str, Any]], text: str) -> None:
    """380億ドル（約5兆8000億円）: the figure in parentheses converts the one before it."""
    for i in range(1, len(figures)):
        prev, fig = figures[i - 1], figures[i]
        if (prev["converted_from"] is None and re.fullmatch(r"\s?\(\s?", text[prev["end"]: fig["start"]])
                and re.match(r"[^()]{0,8}\)", text[fig["end"]:])):
            fig["converted_from"] = i - 1
            fig["role"], fig["entity"], fig["per"] = prev["role"], prev["entity"], prev["per"]


def _year(published: object) -> int | None:
    """The publication year: a date, or an ISO string a caller stored as is."""
    if isinstance(published, date):
        return published.year
    if isinstance(published, str) and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def extract_money(doc: Doc, lexicon: MoneyLexicon) -> list[dict[str, Any]]:
    original = text_of(doc)  # built from the tokens on every access: read it once
    text = fold(original)
    year = _year(doc._.published)
    sentences = _sentences(text)
    starts = [s[0] for s in sentences]
    parsed = doc.has_annotation("DEP")
    orgs = actors(doc)
    figures = find_figures(text, lexicon)
    for fig in figures:
        _qualify(fig, text, lexicon)
        index = max(bisect_right(starts, fig["start"]) - 1, 0)
        rate = lexicon.usd_rate(fig["currency"], year) if fig["currency"] else None
        fig.update(
            text=original[fig["start"]: fig["end"]],
            rate=rate,
            usd=fig["amount"] * rate if rate is not None and fig["amount"] is not None else None,
            per=_per(fig, text, _clause(text, fig, *sentences[index][:2]), lexicon),
            role=_role(fig, text, sentences[index], lexicon),
            entity=_entity(fig, doc, text, orgs, sentences, index, parsed),
            converted_from=None,
        )
    _link_conversions(figures, text)
    keys = ("text", "start", "end", "amount", "currency", "usd", "approx", "low", "high", "bound",
            "per", "role", "entity", "converted_from")
    return [{k: fig[k] for k in keys} for fig in _split_ranges(figures)]


def _split_ranges(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each range (300億〜400億ドル, between $1bn and $2bn) as two figures, its lower bound (bound
    'min') and its upper bound (bound 'max'), each with its amount and US dollars; both keep the
    range's text, offsets, low and high. A range converted in parentheses (（約4.5兆〜6兆円）) has
    each bound converted by the same bound of the conversion."""
    out: list[dict[str, Any]] = []
    first: list[int] = []  # where each figure's first item is in out
    for fig in figures:
        first.append(len(out))
        if not fig["range"]:
            out.append(fig)
            continue
        for bound, value in (("min", fig["low"]), ("max", fig["high"])):
            usd = value * fig["rate"] if fig["rate"] is not None else None
            out.append({**fig, "amount": value, "usd": usd, "bound": bound})
    for item in out:
        of = item["converted_from"]
        if of is not None:
            upper = item["bound"] == "max" and item["range"] and figures[of]["range"]
            item["converted_from"] = first[of] + int(upper)
    return out


_PERCENT_UNIT = r"(?:%|パーセント|(?i:percent|per\s?cent|pct)(?![A-Za-z]))"
_PERCENT = re.compile(
    rf"(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s?(?:{_PERCENT_UNIT})?(?:{_RANGE_SEP}(?P<b>\d+(?:\.\d+)?))?"
    rf"\s?{_PERCENT_UNIT}|(?<![\d.])(?P<wari>\d+(?:\.\d+)?)割(?![引増安高])")


def extract_percents(doc: Doc, lexicon: MoneyLexicon) -> list[dict[str, Any]]:
    original = text_of(doc)  # built from the tokens on every access: read it once
    text = fold(original)
    items = []
    for m in _PERCENT.finditer(text):
        item: dict[str, Any] = {"start": m.start(), "end": m.end(), "approx": False, "bound": None}
        if m["wari"]:
            value, low, high = float(m["wari"]) * 10, None, None
        elif m["b"]:
            value, low, high = None, float(m["a"]), float(m["b"])
        else:
            value, low, high = float(m["a"]), None, None
        _qualify(item, text, lexicon)
        items.append({"text": original[item["start"]: item["end"]], "start": item["start"],
                      "end": item["end"], "value": value, "low": low, "high": high,
                      "approx": item["approx"]})
    return items


class MoneyExtractor:
    """Finds monetary amounts and percentages; see the module docstring."""

    def __init__(self, lexicon: MoneyLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.money = extract_money(doc, self.lexicon)
        doc._.percents = extract_percents(doc, self.lexicon)
        return doc


@Language.factory(
    "newskb_money",
    assigns=["doc._.money", "doc._.percents"],
    default_config={"currencies": "currencies.yaml", "rates": "usd_rates.csv", "roles": "money_roles.yaml"},
)
def make_money(nlp: Language, name: str, currencies: str, rates: str, roles: str) -> MoneyExtractor:
    return MoneyExtractor(MoneyLexicon.load(currencies, rates, roles))
