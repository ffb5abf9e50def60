"""Entity mentions: the model's named entities, corrected and linked by a gazetteer.

Three sources of candidates, in order of trust:

1. the gazetteer (``lexicons/gazetteer.yaml`` plus user files): canonical entities and their
   aliases, matched over the text — it fixes the model's mislabels (AWS as a political party,
   Oracle as a product) and links surface forms to one name;
2. entity rules (``lexicons/entity_patterns.yaml``): regular expressions for names the model
   misses (「AIインフラ事業者IREN」, "Lambda Inc.", 「Sam Altman氏」);
3. the statistical NER (GiNZA or an English model), its fine labels mapped to coarse types by
   ``lexicons/labels.yaml``.

Where candidates overlap, the more trusted one wins, then the longer. Matching is on characters,
so it works the same on any tokenizer, including ``spacy.blank`` pipelines without NER.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskb.ingest import lexicons
from newskb.ingest.components import text_of
from newskb.ingest.governments import LocalGovernments, NationalGovernments

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=[])

# How far each source is trusted where candidates overlap; a few rules name something longer that
# holds a gazetteer name (「ハイレゾ香川」 holds ハイレゾ) and outrank it.
RULE_OVER_GAZETTEER, GAZETTEER, RULE, MODEL = 4, 3, 2, 1
# No real name is longer; longer "names" are runaway matches on hostile or broken text.
MAX_NAME_CHARS = 200

# Characters that continue a word: an alias must not start or end inside such a run.
_LATIN = re.compile(r"[A-Za-z0-9$]")
_KATAKANA = re.compile(r"[\u30A0-\u30FFｦ-ﾟ]")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    label: str


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    label: str
    name: str
    trust: int

    @property
    def source(self) -> str:
        return {GAZETTEER: "gazetteer", MODEL: "model"}.get(self.trust, "rule")


class Gazetteer:
    """Aliases → canonical entries, compiled into one longest-first regular expression."""

    def __init__(self, entries: Iterable[dict[str, Any]]) -> None:
        self.by_form: dict[str, GazetteerEntry] = {}
        self.by_folded: dict[str, GazetteerEntry] = {}
        for raw in entries:
            entry = GazetteerEntry(raw["name"], raw["type"], raw.get("label") or raw["type"])
            for form in [raw["name"], *(raw.get("aliases") or [])]:
                form = unicodedata.normalize("NFKC", str(form))
                self.by_form[form] = entry  # later files override earlier ones
                if len(form) > 4:
                    self.by_folded[form.casefold()] = entry
        forms = sorted(self.by_form, key=len, reverse=True)
        pattern = "|".join(re.escape(f) for f in forms)
        folded = "|".join(re.escape(f) for f in sorted(self.by_folded, key=len, reverse=True))
        self._exact = re.compile(pattern) if forms else None
        self._folded = re.compile(folded, re.IGNORECASE) if folded else None

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> Gazetteer:
        entries: list[dict[str, Any]] = []
        for p in paths:
            entries.extend(lexicons.load_yaml(p) or [])
        return cls(entries)

    def lookup(self, form: str) -> GazetteerEntry | None:
        form = unicodedata.normalize("NFKC", form)
        return self.by_form.get(form) or self.by_folded.get(form.casefold())

    def matches(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for regex in (self._exact, self._folded):
            if regex is None:
                continue
            pos = 0
            while (m := regex.search(text, pos)) is not None:
                hit = _within_word_edges(regex, text, m)
                if hit is None:  # 「米グーグル・クラウド」: グーグル・クラウド, one character on
                    pos = m.start() + 1
                    continue
                entry = self.lookup(hit.group())
                if entry is not None:
                    found.append(Candidate(hit.start(), hit.end(), entry.type, entry.label, entry.name,
                                           GAZETTEER))
                pos = hit.end()
        return found


def _within_word_edges(regex: re.Pattern[str], text: str, m: re.Match[str] | None) -> re.Match[str] | None:
    """The longest alias matched where ``m`` starts that begins and ends at a word's edge, or None
    (「米グーグル・クラウド」: the alias 米グーグル ends inside the katakana word)."""
    while m is not None and not _at_word_edges(text, m.start(), m.end()):
        m = regex.match(text, m.start(), m.end() - 1) if m.end() - 1 > m.start() else None
    return m


def _at_word_edges(text: str, start: int, end: int) -> bool:
    """True when [start, end) does not begin or end in the middle of a Latin or katakana word."""
    for inside, outside in ((start, start - 1), (end - 1, end)):
        if outside < 0 or outside >= len(text):
            continue
        for script in (_LATIN, _KATAKANA):
            if script.match(text[inside]) and script.match(text[outside]):
                return False
    return True


class EntityRules:
    """Regular-expression rules for entities (see entity_patterns.yaml): word lists spliced into patterns."""

    def __init__(self, spec: dict[str, Any]) -> None:
        words = {name: "|".join(re.escape(str(w)) for w in sorted(map(str, ws), key=len, reverse=True))
                 for name, ws in (spec.get("words") or {}).items()}

        def compiled(pattern: str) -> re.Pattern[str]:
            return re.compile(re.sub(r"\{(\w+)\}", lambda m: words.get(m.group(1), m.group(0)), pattern))

        self.not_actors = [compiled(p) for p in spec.get("not_actors") or []]
        self.not_names = [compiled(p) for p in spec.get("not_names") or []]
        self.rules = [(compiled(r["pattern"]), r["group"], r["type"], r["label"], bool(r.get("capitalized")),
                       RULE_OVER_GAZETTEER if r.get("outranks_gazetteer") else RULE)
                      for r in spec["rules"]]
        self.minor_words = frozenset(str(w).lower() for w in spec.get("headline_minor_words") or [])
        endings = (spec.get("words") or {}).get("not_name_endings") or []
        # "Ohio-based", "Oracle-backed": an adjective, whatever rule took it for a name
        self.adjective = re.compile("(?:" + "|".join(re.escape(str(e)) for e in endings) + ")$") if endings \
            else None

    def passive_spans(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text where a named organization does not act (datelines, credits)."""
        return [m.span("name") for regex in self.not_actors for m in regex.finditer(text)]

    def nameless_spans(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text that name no entity though they look like names (the exchange of a
        ticker: "(NASDAQ: NVDA)", 「(東証プライム:9984)」)."""
        return [m.span("name") for regex in self.not_names for m in regex.finditer(text)]

    def matches(self, text: str) -> list[Candidate]:
        headlines = _title_case_lines(text, self.minor_words)
        found = []
        for regex, group, type_, label, capitalized, trust in self.rules:
            for m in regex.finditer(text):
                if "veto" in regex.groupindex and m.group("veto") is not None:
                    continue  # the words around say it names no entity
                start, end = m.span(group)
                if capitalized and any(s <= start < e for s, e in headlines) \
                        and not _written_outside(text, m.group(group), headlines):
                    continue  # capitals of a Title Case headline are no sign of a name
                if self.adjective is not None and self.adjective.search(m.group(group)):
                    continue
                if _at_word_edges(text, start, end):
                    found.append(Candidate(start, end, type_, label, m.group(group), trust))
        return found + _rewritten_in(text, headlines, found)


def _title_case_lines(text: str, minor_words: frozenset[str]) -> list[tuple[int, int]]:
    """English lines written in Title Case, where most words are capitalized whatever they are
    (not a Japanese line that names a few companies in Latin letters)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        written = re.sub(r"\s", "", line.group())
        if len(re.findall(r"[A-Za-z]", written)) < 0.6 * len(written):
            continue
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", line.group())
                 if w.lower() not in minor_words]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            spans.append(line.span())
    return spans


def _rewritten_in(text: str, lines: list[tuple[int, int]], found: list[Candidate]) -> list[Candidate]:
    """Where those lines write a name the rules found in the body: "Northwind Energy Strikes Grid
    Deal" names Northwind Energy when the story does, though the rule read "Northwind Energy
    Strikes Grid" there."""
    names = {c.name: c for c in found if not any(s <= c.start < e for s, e in lines)}
    out = []
    for s, e in lines:
        for name, c in names.items():
            for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text[s:e]):
                out.append(Candidate(s + m.start(), s + m.end(), c.type, c.label, name, RULE))
    return out


def _written_outside(text: str, name: str, lines: list[tuple[int, int]]) -> bool:
    """Whether ``name`` is also written outside those lines (the story's body names it too)."""
    return any(not any(s <= m.start() < e for s, e in lines)
               for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text))


class LabelMap:
    """Fine labels (GiNZA's extended hierarchy, spaCy English) → coarse entity types."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.coarse = {fine: coarse for coarse, fines in table.items() for fine in fines}

    def __call__(self, label: str) -> str | None:
        return self.coarse.get(label)


def _plausible_model_entity(span: Span) -> bool:
    """Reject the model's guesses made only of common words (「仮想化」 as Company).

    A name has a proper noun, Latin letters or katakana; a span of kanji/kana common nouns is not
    a name. Without tags (blank pipelines) every span is kept.
    """
    if not span.doc.has_annotation("TAG"):
        return True
    if any("固有名詞" in t.tag_ or t.pos_ == "PROPN" for t in span):
        return True
    return bool(re.search(r"[A-Za-z\u30A0-\u30FF]", span.text))


def _names_holding_places(candidates: list[Candidate]) -> list[Candidate]:
    """A rule's organization that holds a known place in a longer name ("University of Utah",
    "Ohio Valley Electric") outranks the place: the place is part of the name."""
    places = [(c.start, c.end) for c in candidates if c.trust == GAZETTEER and c.type in ("GPE", "LOC")]
    return [
        Candidate(c.start, c.end, c.type, c.label, c.name, RULE_OVER_GAZETTEER)
        if c.trust == RULE and c.type == "ORG"
        and any(c.start <= s and e <= c.end and (s, e) != (c.start, c.end) for s, e in places)
        else c
        for c in candidates
    ]


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    candidates = _names_holding_places(candidates)
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-c.trust, -(c.end - c.start), c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


_HEADLINE_GAP = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF][\s　]+[\u3040-\u30FF\u3400-\u9FFF]")
_LEGAL_FORM = re.compile(r",?\s(?:Inc|Corp|Ltd|LLC|PLC|plc|N\.V|S\.A|SE|AG|GmbH|Co|K\.K)\.?$"
                         r"|^株式会社\s?|\s?株式会社$")


def _clean_name(text: str, type_: str) -> str:
    """The name an entity is stored under: no quotes, honorifics or legal forms (Inc., 株式会社)."""
    text = unicodedata.normalize("NFKC", text).strip(" 　「」『』\"'()（）")
    if type_ == "PERSON":
        text = re.sub(r"\s?(氏|さん|様)$", "", text)
    elif type_ == "ORG":
        text = _LEGAL_FORM.sub("", text) or text
    return text


class EntityLinker:
    """The ``newskb_entities`` component: sets ``doc._.mentions``."""

    def __init__(
        self, gazetteer: Gazetteer, rules: EntityRules, labels: LabelMap, not_entities: dict[str, Any],
        governments: dict[str, Any] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.rules = rules
        self.labels = labels
        self.not_words = {unicodedata.normalize("NFKC", str(w)).casefold()
                          for w in not_entities.get("words", [])}
        self.not_endings = tuple(str(w) for w in not_entities.get("endings", []))
        self.facility_endings = tuple(str(w) for w in not_entities.get("facility_endings", []))
        self.descriptor = re.compile(not_entities.get("descriptor_prefix") or r"(?!)")
        governments = governments or {}
        self.national = NationalGovernments(governments.get("national") or {})
        self.local = LocalGovernments(governments.get("local") or {})

    def _place_name(self, form: str) -> str | None:
        """The canonical name of a place the gazetteer knows by ``form``."""
        entry = self.gazetteer.lookup(form)
        return entry.name if entry is not None and entry.type == "GPE" else None

    def _model_candidate(self, ent: Span) -> Candidate | None:
        """The model's entity as a candidate, trimmed of glued-on descriptions, or None if it names
        nothing; a facility the model calls an organization is a facility."""
        coarse = self.labels(ent.label_)
        if coarse is None or not _plausible_model_entity(ent):
            return None
        start, text = ent.start_char, ent.text
        cut = self.descriptor.match(text)
        if cut and cut.end() < len(text):
            start, text = start + cut.end(), text[cut.end():]
        folded = unicodedata.normalize("NFKC", text).casefold().strip()
        if _HEADLINE_GAP.search(text):
            return None  # 「AI計算資源争奪戦 独占」: the space between two headline phrases is in no name
        if (not folded or folded in self.not_words or folded[0].isdigit()
                or (coarse != "PERSON" and text.endswith(self.not_endings))):
            return None
        if coarse in ("ORG", "PRODUCT") and text.endswith(self.facility_endings) \
                and text not in self.facility_endings:
            return Candidate(start, ent.end_char, "FAC", "Facility_Other", text, MODEL)
        return Candidate(start, ent.end_char, coarse, ent.label_, text, MODEL)

    def _source_mentions(self, doc: Doc) -> list[Candidate]:
        """The article's own publisher, where the text names it, is a news organization; so is
        "the Journal" or "the Times" in an article of the Albuquerque Journal or The Seattle Times."""
        source = doc._.source
        if not source or self.gazetteer.lookup(source):
            return []
        forms = [re.escape(source)]
        last = source.split()[-1]
        if len(source.split()) > 1 and last[:1].isupper():
            forms.append(rf"(?<=\bthe ){re.escape(last)}\b")
        text = text_of(doc)
        return [Candidate(m.start(), m.end(), "ORG", "Company", source, RULE)
                for m in re.finditer("|".join(forms), text) if _at_word_edges(text, m.start(), m.end())]

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        rule_hits = [c for c in self.rules.matches(text)
                     if unicodedata.normalize("NFKC", c.name).casefold() not in self.not_words]
        candidates = self.gazetteer.matches(text) + rule_hits + self._source_mentions(doc)
        candidates += [c for ent in doc.ents if (c := self._model_candidate(ent)) is not None]
        mentions = []
        nameless = self.rules.nameless_spans(text)
        candidates = [c for c in candidates if c.end - c.start <= MAX_NAME_CHARS
                      and not any(s <= c.start and c.end <= e for s, e in nameless)]
        passive = self.rules.passive_spans(text)
        for c in _resolve_overlaps(candidates):
            name = c.name if c.trust == GAZETTEER else _clean_name(c.name, c.type)
            # A rule or model span whose text is a known alias is that known entity.
            entry = self.gazetteer.lookup(name) if c.trust != GAZETTEER else None
            type_, label = c.type, c.label
            if entry is not None:
                name, type_, label = entry.name, entry.type, entry.label
            if not name:
                continue
            mentions.append(
                {
                    "start": c.start,
                    "end": c.end,
                    "text": text[c.start : c.end],
                    "label": label,
                    "type": type_,
                    "name": name,
                    "source": c.source,
                    "actor": not any(s <= c.start and c.end <= e for s, e in passive),
                }
            )
        mentions = self.national.add(text, _typed_as_elsewhere(mentions), doc.lang_, self._place_name)
        mentions = self.local.retype(text, mentions, doc.lang_)
        doc._.mentions = _one_name_in_parentheses(text, mentions)
        return doc


def _typed_as_elsewhere(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A name the gazetteer or a rule typed somewhere in the article has that type wherever the model
    names it: バインランド, a city right after ニュージャージー州, stays a city in 「バインランドの拠点」,
    which the model guesses is a company."""
    known = {m["name"]: (m["type"], m["label"]) for m in mentions if m["source"] != "model"}
    return [{**m, "type": known[m["name"]][0], "label": known[m["name"]][1]}
            if m["source"] == "model" and m["name"] in known else m for m in mentions]


# Types a name may have in one place and the other in another: the model's guess (北斗データセンター
# as a product) gives way to the organization named with it.
_UNIFIABLE = {"ORG", "PRODUCT", "PROJECT", "EVENT", "FAC"}


def _one_name_in_parentheses(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A name and its other name in parentheses (北斗データセンター(Hokuto Data Centers)) name one
    entity, everywhere in the article: the gazetteer's name if either has one, else the one in
    Latin letters (the English name, which other articles use too); an organization if either is."""
    renamed: dict[str, tuple[str, str, str]] = {}
    for a, b in pairwise(mentions):
        if a["name"] == b["name"] or not re.fullmatch(r"\s?[(（]", text[a["end"]: b["start"]]) \
                or not re.match(r"\s?[)）]", text[b["end"]: b["end"] + 2]):
            continue
        if {a["type"], b["type"]} - _UNIFIABLE or a["name"] in renamed or b["name"] in renamed:
            continue
        known = [m for m in (a, b) if m["source"] == "gazetteer"]
        if len(known) == 2:
            continue  # two entities the gazetteer knows apart
        keep = known[0] if known else (b if _LATIN.match(b["name"]) and not _LATIN.match(a["name"]) else a)
        org = next((m for m in (keep, a, b) if m["type"] == "ORG"), keep)
        type_, label = org["type"], org["label"]
        for m in (a, b):
            renamed[m["name"]] = (keep["name"], type_, label)
    if not renamed:
        return mentions
    return [{**m, **dict(zip(("name", "type", "label"), renamed[m["name"]]))} if m["name"] in renamed else m
            for m in mentions]


@Language.factory(
    "newskb_entities",
    assigns=["doc._.mentions"],
    default_config={"gazetteers": [], "use_bundled_gazetteer": True},
)
def make_entity_linker(
    nlp: Language, name: str, *, gazetteers: list[str], use_bundled_gazetteer: bool
) -> EntityLinker:
    files: list[str | Path] = (["gazetteer.yaml"] if use_bundled_gazetteer else []) + list(gazetteers)
    return EntityLinker(
        Gazetteer.from_files(files),
        EntityRules(lexicons.load_yaml("entity_patterns.yaml")),
        LabelMap(lexicons.load_yaml("labels.yaml")),
        lexicons.load_yaml("not_entities.yaml"),
        lexicons.load_yaml("governments.yaml"),
    )
