"""Power and data-centre capacities (30ギガワット, 1.5 gigawatts, 数ギガワット) → ``doc._.capacities``.

Units and the words that make a figure approximate or a data-centre capacity are in
``lexicons/gpu_terms.yaml`` (``power_units``, ``power_approx``, ``data_center_words``).
Energy (GWh, ギガワット時) is not capacity and is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest.components import text_of
from newskb.ingest.components.gpus import (
    GPU_TERMS_YAML,
    Sentence,
    alias_key,
    load_terms,
    sentence_index,
    split_sentences,
    subject_org,
    words_pattern,
)
from newskb.ingest.numbers import fold, parse_number

if not Doc.has_extension("capacities"):
    Doc.set_extension("capacities", default=None)

_ALNUM = "A-Za-z0-9"
# How far around a figure the data-centre words are looked for, in characters.
_DC_WINDOW = 40


@dataclass
class CapacityLexicon:
    units: dict[str, float]
    regex: re.Pattern[str]
    data_center_re: re.Pattern[str]
    subject_re: re.Pattern[str]
    verb_re: re.Pattern[str]

    @classmethod
    def from_terms(cls, terms: dict[str, Any]) -> CapacityLexicon:
        units = {alias_key(k): float(v) for k, v in terms["power_units"].items()}
        approx = words_pattern(terms["power_approx"])
        # 1.5, 1,200, 百, 100万 (万キロワット is how Japanese utilities write GW), or 数/数百 (vague).
        number = r"(?:\d+(?:,\d{3})*(?:\.\d+)?[万億]?|[〇一二三四五六七八九十百千]+[万億]?)"
        regex = re.compile(
            rf"(?P<pre>(?:{approx})\s*)?(?<![{_ALNUM}.,])"
            rf"(?P<num>(?<![複少多無])数[十百千]*[万億]?|{number}(?:\s*[~〜\-–]\s*{number})?)"
            rf"\s*(?P<unit>{words_pattern(list(terms['power_units']))})(?![{_ALNUM}]|時)"
            rf"(?P<post>\s*(?:{approx}))?", re.IGNORECASE)
        # Case matters for the short English units: "GW" and "MW", never "gw" inside a word.
        data_center = re.compile(rf"(?:{words_pattern(terms['data_center_words'])})", re.IGNORECASE)
        subject = re.compile(rf"\s*(?:{words_pattern(terms['subject_particles'])})")
        verbs = re.compile(rf"(?<![A-Za-z])(?:{words_pattern(terms['buyer_verbs'])})(?![A-Za-z])",
                           re.IGNORECASE)
        return cls(units, regex, data_center, subject, verbs)


def read_watts(num: str, unit: float) -> tuple[float | None, bool]:
    """(watts, approx): a range gives its low end, approximate; 数 gives no value."""
    if num.startswith("数"):
        return None, True
    parts = re.split(r"\s*[~〜\-–]\s*", num)
    value = parse_number(parts[0])
    return (None if value is None else value * unit), len(parts) > 1


def extract_capacities(doc: Doc, lex: CapacityLexicon) -> list[dict[str, Any]]:
    folded = fold(text_of(doc))
    sentences = split_sentences(folded)
    out: list[dict[str, Any]] = []
    for m in lex.regex.finditer(folded):
        unit = m.group("unit")
        if unit.isascii() and len(unit) <= 2 and not unit[-1].isupper():
            continue  # "gw"/"mw" in lower case are not units
        watts, approx = read_watts(m.group("num"), lex.units[alias_key(unit)])
        approx = approx or bool(m.group("pre") or m.group("post"))
        start, end = m.start(), m.end("unit")
        if m.group("post"):
            end = m.end()
        sentence = sentences[sentence_index(sentences, start)] if sentences else Sentence(0, len(folded), 0)
        out.append({
            "text": text_of(doc)[start:end].strip(), "start": start, "end": end, "watts": watts,
            "approx": approx, "kind": _kind(lex, folded, sentence, start, end),
            "entity": subject_org(doc, folded, sentence, start, lex.subject_re, lex.verb_re),
        })
    return out


def _kind(lex: CapacityLexicon, folded: str, sentence: Sentence, start: int, end: int) -> str:
    around = folded[max(sentence.start, start - _DC_WINDOW):min(sentence.end, end + _DC_WINDOW)]
    return "data-center" if lex.data_center_re.search(around) else "power"


class Capacities:
    """The ``newskb_capacities`` component: sets ``doc._.capacities``."""

    def __init__(self, *, terms_path: str | None = None) -> None:
        terms = load_terms(Path(terms_path) if terms_path else GPU_TERMS_YAML)
        self.lexicon = CapacityLexicon.from_terms(terms)

    def __call__(self, doc: Doc) -> Doc:
        doc._.capacities = extract_capacities(doc, self.lexicon)
        return doc


@Language.factory("newskb_capacities", assigns=["doc._.capacities"], default_config={"terms_path": None})
def make_capacities(nlp: Language, name: str, terms_path: str | None) -> Capacities:
    return Capacities(terms_path=terms_path)
