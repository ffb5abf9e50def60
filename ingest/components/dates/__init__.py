"""Dates and durations: the ``newskb_dates`` component.

Every date expression becomes one ``doc._.dates`` row, every span of time one ``doc._.durations``
row. The rule families (``ja``, ``en``, ``numeric``, ``durations``: one named rule per family,
words from ``ingest/lexicons/dates.yaml`` and ``eras.csv``) read a ``TextView`` of the text
(width-folded, the spaces a page puts inside a date removed); pieces the text names side by side
become one expression with one value (``compose``: 来週の月曜日, june 2016, 3 days from today).
The calendar arithmetic lives in ``ingest/timex.py``.

Relative expressions resolve against an anchor, never a guess:

* deictic ones (来年, last week, 3日前に, two years ago) against ``doc._.published``, or without
  it against the most recent explicit date the text gave before them (``anchor='text'``);
* anaphoric ones (同日, 翌年, この日, the following year, 「契約締結の1週間前」) the other way
  round: the text's last explicit date first, the publication date as a fallback;
* an anchor must be as fine as the expression needs: 同日 needs a day, 10月末 a month (to pick
  its year), 同年 a year; with no fitting anchor the row keeps ``value=None``.

A month (or a season, by its first month) named without a year takes the year that puts it at most
two months after the anchor (``timex.infer_year``); a weekday or a day of the month named alone is
the most recent one on or before the anchor ("on Monday" in news reports the past). The tense of
the sentence overrides these defaults (``tense``): 「10月に発売する」, "will report on Monday"
look ahead. An offset lands on a day (3日前, two years ago: the day, as TIMEX3 resolves them).
"""
from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import newskb.ingest.components  # noqa: F401  (registers doc._.published)
from newskb.ingest.components import text_of
from newskb.ingest.patterns import alternation
from newskb.ingest.timex import Date, Period

from .compose import compose, select
from .durations import english_durations, find_durations, japanese_durations
from .en import english_rules
from .ja import japanese_rules
from .lexicon import Lexicon
from .numeric import numeric_rules
from .spec import DateSpec, Found, Rule
from .tense import TenseReader
from .view import TextView

__all__ = ["DatesAndDurations", "Lexicon", "resolve_dates"]

for _name in ("dates", "durations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

ANCHOR_PRECISIONS = {
    "day": {"day"},
    "month": {"day", "week", "month"},
    "year": {"day", "week", "month", "quarter", "half", "season", "fiscal_year", "year"},
}


def _as_date(value: Any) -> Date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


class Deadlines:
    """Whether a date is a deadline or the end of a term: followed by まで, after "through"."""

    def __init__(self, after: list[str], before: list[str]) -> None:
        self.after = tuple(after)
        words = alternation(before)
        self.before = re.compile(rf"(?i:\b(?:{words})\s+(?:the\s+end\s+of\s+)?)$") if before else None

    def __call__(self, text: str, start: int, end: int) -> bool:
        if text.startswith(self.after, end):
            return True
        return self.before is not None and bool(self.before.search(text[max(0, start - 30): start]))


def resolve_dates(view: TextView, original: str, found_dates: list[Found], published: Date | None,
                  deadline: Deadlines | None = None) -> list[dict[str, Any]]:
    """Rows for ``doc._.dates``, in text order, each relative one resolved against its anchor.

    A deadline or the end of a term (「3月末までに稼働」, "through December 2031") is not an
    anchor: 同月 after it is not March, "earlier in September" after it not 2031's."""
    explicit: list[Period] = []  # dates the text gave so far, most recent last
    rows = []
    for f in found_dates:
        spec: DateSpec = f.fact
        period, anchor = spec.period, None
        if spec.resolve is not None:
            fitting = ANCHOR_PRECISIONS[spec.needs]
            in_text = next((p.start for p in reversed(explicit) if p.precision in fitting), None)
            choices = [("text", in_text), ("published", published)]
            if not spec.anaphoric:
                choices.reverse()
            anchor, anchor_date = next(((k, d) for k, d in choices if d is not None), (None, None))
            resolve = spec.in_text if anchor == "text" and spec.in_text is not None else spec.resolve
            period = resolve(anchor_date) if anchor_date is not None else None
            if period is None:
                anchor = None
        if period is not None and (spec.period is not None or spec.explicit) and not (
                deadline and deadline(view.text, f.start, f.end)):
            explicit.append(period)
        start, end = view.span(f.start, f.end)
        rows.append({
            "text": original[start:end], "start": start, "end": end,
            "value": period.value if period else None,
            "start_date": period.start.isoformat() if period else None,
            "end_date": period.end.isoformat() if period else None,
            "precision": period.precision if period else None,
            "relative": spec.relative, "anchor": anchor,
        })
    return rows


def _bounds(fact: dict[str, Any]) -> list[dict[str, Any]]:
    """A range of durations (12 to 18 months) as two rows, its lower and its upper bound in ``value``
    (P12M, then P18M), both with the range's ``value_max``: as the money extractor splits a range."""
    if fact.get("value") is None or fact.get("value_max") is None:
        return [fact]
    return [fact, {**fact, "value": fact["value_max"]}]


class DatesAndDurations:
    """Finds date and duration expressions in ``text_of(doc)``; see the module docstring."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.deadlines = Deadlines(lexicon.ja.get("deadline_after") or [],
                                   lexicon.en.get("deadline_before") or [])
        tense = TenseReader(lexicon.ja["tense"], lexicon.en["tense"])
        common = [*japanese_rules(lexicon, tense), *english_rules(lexicon, tense)]
        numeric = lexicon.data["numeric_dates"]
        self.date_rules: dict[str, list[Rule]] = {
            lang: [*common, *numeric_rules(numeric, lang)] for lang in ("ja", "en")}
        self.duration_rules = [*japanese_durations(lexicon), *english_durations(lexicon)]

    def find_dates(self, view: TextView, lang: str) -> list[Found]:
        rules = self.date_rules["ja" if lang == "ja" else "en"]
        return select(compose((f for r in rules for f in r.find(view.text)), view.text))

    def find_durations(self, view: TextView) -> list[tuple[int, int, dict[str, Any]]]:
        kept: list[tuple[int, int, dict[str, Any]]] = []
        for item in sorted(find_durations(self.duration_rules, view.text), key=lambda t: (t[0] - t[1], t[0])):
            if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
                kept.append(item)
        return sorted(kept, key=lambda t: t[0])

    def __call__(self, doc: Doc) -> Doc:
        original = text_of(doc)
        view = TextView.of(original)
        found = self.find_dates(view, doc.lang_)
        doc._.dates = resolve_dates(view, original, found, _as_date(doc._.published), self.deadlines)
        durations = []
        for start, end, fact in self.find_durations(view):
            start, end = view.span(start, end)
            text = original[start:end]
            durations.extend({"text": text, "start": start, "end": end, **row} for row in _bounds(fact))
        doc._.durations = durations
        return doc


@Language.factory(
    "newskb_dates",
    assigns=["doc._.dates", "doc._.durations"],
    default_config={"lexicon": None, "eras": None, "fiscal_years": None},
)
def make_dates(nlp: Language, name: str, lexicon: str | None, eras: str | None,
               fiscal_years: str | None) -> DatesAndDurations:
    """``lexicon``/``eras``/``fiscal_years``: paths of a dates YAML, an eras CSV and a fiscal-years
    CSV replacing the shipped ones."""
    return DatesAndDurations(Lexicon.load(lexicon, eras, fiscal_years))
