"""Accelerator mentions (GB200, TPU v7, 10万基のGPU) with counts and specs → ``doc._.gpu_specs``.

Models and aliases come from ``lexicons/accelerators.csv`` (chips, families, architectures,
platforms and racks, each with its kind); counters, units, interconnects, systems and the naming
patterns of each family from ``lexicons/gpu_terms.yaml``. A model the catalog does not list yet
(MI470X, TPU v11) is read by its family's pattern, with the family's vendor, and flagged
``uncatalogued``. Everything is found by regex over ``fold(text_of(doc))``
(half-width, same offsets), so it works on any tokenizer. Specs are attached by proximity: a
spec goes to the nearest chip mention of its sentence, else to the last one of the previous
sentence in the same paragraph — never to every GPU of the article.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest import lexicons
from newskb.ingest.components import actors, text_of
from newskb.ingest.numbers import fold, parse_number
from newskb.ingest.patterns import alternation

ACCELERATORS_CSV = lexicons.path("accelerators.csv")
GPU_TERMS_YAML = lexicons.path("gpu_terms.yaml")

if not Doc.has_extension("gpu_specs"):
    Doc.set_extension("gpu_specs", default=None)

Span = tuple[int, int]
# Letters/digits that would make a match part of a longer token (GB200 in XGB200A).
_ALNUM = "A-Za-z0-9"
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# How far before an ambiguous alias (Rubin, Hopper) a vendor or chip word makes it a chip.
_CONTEXT_CHARS = 20


# --------------------------------------------------------------------------- lexicon helpers


def words_pattern(words: list[str]) -> str:
    """An alternation of ``words``, longest first, with flexible inner spaces."""
    return alternation([fold(w) for w in words if w], spaces=r"\s*")


def alias_pattern(alias: str) -> str:
    """A regex for one alias: spaces, hyphens and ``・`` optional, and so is a space between
    a run of two or more letters and digits (GB 300, TPUv7, Gaudi3); never after a single
    letter, so "a 100" is not an A100."""
    out: list[str] = []
    prev, run = "", 0  # previous character, length of the letter/digit run it ends
    for char in fold(alias):
        if char in " -・":
            if out and out[-1] != r"[\s\-・]?":
                out.append(r"[\s\-・]?")
            prev, run = "", 0
            continue
        switch = bool(prev) and prev.isascii() and char.isascii() and prev.isdigit() != char.isdigit()
        if switch and (prev.isdigit() or run >= 2):
            out.append(r"[\s\-]?")
        run = run + 1 if prev and not switch else 1
        out.append(re.escape(char))
        prev = char
    return "".join(out)


def alias_key(text: str) -> str:
    """The lookup key of a matched alias: folded, upper-case, without spaces/hyphens."""
    return re.sub(r"[\s\-・]", "", fold(text)).upper()


@dataclass(frozen=True)
class Accelerator:
    model: str
    vendor: str | None
    architecture: str | None
    kind: str
    # False for a model read from its family's naming pattern that accelerators.csv does not list
    catalogued: bool = True


@dataclass(frozen=True)
class ModelPattern:
    """A family's naming pattern (gpu_terms.yaml model_patterns): ``template`` formats the match's
    named groups into the normalized model; ``context`` asks for a vendor or chip word nearby."""

    regex: re.Pattern[str]
    template: str
    vendor: str
    kind: str
    context: bool

    @classmethod
    def compile(cls, entry: dict[str, Any], chip_tail: str) -> ModelPattern:
        """One entry of model_patterns; a chip word after the model (``chip_tail``) joins it."""
        regex = re.compile(
            rf"(?<![{_ALNUM}])(?:{entry['pattern']})(?:'?s)?(?![{_ALNUM}])(?P<tail>{chip_tail})?",
            re.IGNORECASE if entry.get("ignore_case") else 0)
        kind = entry.get("kind", "chip")
        return cls(regex, entry["model"], entry["vendor"], kind, bool(entry.get("context")))


def load_accelerators(path: Path = ACCELERATORS_CSV) -> list[dict[str, str]]:
    return lexicons.load_csv(path)


def load_terms(path: Path = GPU_TERMS_YAML) -> dict[str, Any]:
    return lexicons.load_yaml(path)


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


_SENT_END = re.compile(r"[。！？!?]+[」』)）]*|\.(?=\s+[A-Z\"“(])|\n")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their paragraph number; paragraphs are blocks between blank lines (or
    lines, when the text has no blank line)."""
    breaks = [m.end() for m in (_PARAGRAPH_BREAK.finditer(text) if _PARAGRAPH_BREAK.search(text)
                                else re.finditer(r"\n", text))]
    out: list[Sentence] = []
    start = 0
    for m in list(_SENT_END.finditer(text)) + [None]:
        end = m.end() if m else len(text)
        if text[start:end].strip():
            out.append(Sentence(start, end, sum(1 for b in breaks if b <= start)))
        start = end
        if m is None:
            break
    return out


def sentence_index(sentences: list[Sentence], pos: int) -> int:
    for i, s in enumerate(sentences):
        if s.start <= pos < s.end:
            return i
    return len(sentences) - 1


# --------------------------------------------------------------------------- counts


@dataclass
class Count:
    value: float | None
    approx: bool = False
    low: float | None = None
    high: float | None = None
    bound: str | None = None


_VAGUE_EN = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "tens of thousands": 1e4,
             "hundreds of thousands": 1e5, "millions": 1e6, "tens of millions": 1e7}


def read_count_number(num: str, words: dict[str, int] | None = None
                      ) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) of a count: 数十万 → (None, 200000, 900000), 72 → (72, None, None);
    ``words`` are the small counts written as words (two → 2)."""
    num = num.strip()
    lowered = re.sub(r"\s+", " ", num.lower())
    if words and lowered in words:
        return float(words[lowered]), None, None
    if lowered in _VAGUE_EN:
        unit = _VAGUE_EN[lowered]
        return None, 2 * unit, 9 * unit
    vague = re.match(r"(?:数|several|a few)\s*(.*)$", num, re.IGNORECASE)
    if vague:
        rest = vague.group(1)
        unit = parse_number("1" + rest) if rest else 1.0
        return (None, 2 * unit, 9 * unit) if unit else (None, None, None)
    value = parse_number(re.sub(r"^(?:a|one)\s+", "1 ", num, flags=re.IGNORECASE))
    return value, None, None


def _as_count(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


# --------------------------------------------------------------------------- the lexicon


@dataclass
class GpuLexicon:
    """Every regex of the extractor, compiled once from the data files."""

    accelerators: list[dict[str, str]]
    terms: dict[str, Any]
    by_key: dict[str, Accelerator] = field(default_factory=dict)
    needs_context: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        t = self.terms
        self.vendor_words = [w for ws in t["vendors"].values() for w in ws]
        self._compile_models(t)
        self._compile_patterns(t)
        self._compile_counts(t)
        self._compile_specs(t)
        self.buyer_re = re.compile(rf"(?<![A-Za-z])(?:{words_pattern(t['buyer_verbs'])})(?![A-Za-z])",
                                   re.IGNORECASE)
        self.subject_particle_re = re.compile(rf"\s*(?:{words_pattern(t['subject_particles'])})")

    def _compile_models(self, t: dict[str, Any]) -> None:
        """The catalog's models and aliases, and the words that make an ambiguous alias a chip."""
        aliases: list[str] = []
        for row in self.accelerators:
            acc = Accelerator(row["model"], row["vendor"] or None, row["architecture"] or None, row["kind"])
            for alias in [row["model"], *row["aliases"].split("|")]:
                if alias.strip():
                    self.by_key.setdefault(alias_key(alias), acc)
                    aliases.append(alias.strip())
        # A rack named after its chip (GB200 NVL72): its row holds the rack's figures, but a mention
        # counts as the chip (units of GB200, each of 186 GB), the rack going to the system spec.
        for row in self.accelerators:
            chip = self.by_key.get(alias_key(row["model"].rsplit(" ", 1)[0]))
            if row["kind"] == "system" and chip is not None and chip.kind == "chip":
                for alias in [row["model"], *row["aliases"].split("|")]:
                    if alias.strip():
                        self.by_key[alias_key(alias)] = chip
        self.needs_context = {alias_key(a) for a in t["needs_context"]}
        ordered = sorted(set(aliases), key=lambda a: len(alias_key(a)), reverse=True)
        alternation = "|".join(alias_pattern(a) for a in ordered)
        variants, chip_words = "|".join(t["variant_patterns"]), words_pattern(t["chip_words"])
        self.chip_tail = rf"(?:\s*(?:{variants}))?\s*(?:{chip_words})(?![{_ALNUM}])"
        self.model_re = re.compile(
            rf"(?<![{_ALNUM}])(?P<alias>{alternation})(?:'?s)?(?![{_ALNUM}])(?P<tail>{self.chip_tail})?",
            re.IGNORECASE)
        vendors = words_pattern(self.vendor_words)
        self.context_before_re = re.compile(
            rf"(?:{vendors}|{words_pattern(t['generic_words'])})(?![{_ALNUM}])", re.IGNORECASE)
        self.vendor_re = re.compile(rf"(?<![{_ALNUM}])(?:{vendors})(?![{_ALNUM}])", re.IGNORECASE)
        self.vendor_keys = {name: {alias_key(w) for w in ws} | {alias_key(name)}
                            for name, ws in t["vendors"].items()}

    def _compile_patterns(self, t: dict[str, Any]) -> None:
        """Model families by their naming pattern (MI + digits, TPU v + digits), for the models the
        catalog does not list yet; and rack sizes (NVL + digits)."""
        self.model_patterns = [ModelPattern.compile(p, self.chip_tail) for p in t["model_patterns"]]
        self.rack_size_re = re.compile(rf"(?<![{_ALNUM}]){t['rack_size']['pattern']}(?![{_ALNUM}])")
        self.rack_size_name = t["rack_size"]["system"]
        self.rack_joiner_re = re.compile(rf"\s*(?:(?:{words_pattern(t['rack_size']['joiners'])})\s*)?",
                                         re.IGNORECASE)
        self.generation_re = re.compile(rf"\s*(?:{words_pattern(t['generation_words'])})", re.IGNORECASE)

    def _compile_counts(self, t: dict[str, Any]) -> None:
        """A count before or after a mention (72基の, up to 1 million, 数十万), and generic chips."""
        self.number_words = {str(k).lower(): int(v) for k, v in t["number_words"].items()}
        approx_words = words_pattern(t["count_approx"])
        min_words = words_pattern(t["count_min"])
        max_words = words_pattern(t["count_max"])
        counters = words_pattern(t["counters"])
        en_vague = "|".join(sorted(_VAGUE_EN, key=len, reverse=True))
        number = (rf"(?:(?<![{_ALNUM}.,$€£¥￥]){_DIGITS}"
                  rf"(?:\s*(?:million|thousand|billion|[kKmM](?![{_ALNUM}])))?"
                  rf"(?:[十百千]*[万億](?:{_DIGITS})?)*"
                  r"|(?<![複少多無])数[十百千]*[万億]?"
                  r"|[〇一二三四五六七八九十百千]+[万億]?"
                  r"|\b(?:(?:a|one|several|a few)\s+(?:hundred\s+)?(?:million|thousand))\b"
                  rf"|\b(?:{en_vague})\b"
                  rf"|\b(?:{words_pattern(list(t['number_words']))})\b)")
        # One count expression; the words around it say whether it is approximate or a bound.
        self.count_body = (rf"(?:(?P<max>{max_words})|(?P<min_pre>{min_words})"
                           rf"|(?P<approx_pre>{approx_words}))?\s*(?P<num>{number})\s*(?P<ctr>{counters})?\s*"
                           rf"(?:(?P<min_post>{min_words})|(?P<approx_post>{approx_words}))?")
        filler = rf"(?:(?:{words_pattern(t['count_fillers'])})(?:の)?\s*)*"
        vendor_opt = rf"(?:(?:{words_pattern(self.vendor_words)})(?:'s|の|社の|製の?|社製の?)?\s*)?"
        self.count_before_re = re.compile(
            rf"{self.count_body}\s*(?:の|もの|of)?\s*{filler}{vendor_opt}{filler}[「『\"“]?\s*$",
            re.IGNORECASE)
        self.count_after_re = re.compile(
            rf"\s*[」』\"”]?\s*(?:を|が|は|も|×|✕)?\s*(?:合計|計|合わせて)?\s*{self.count_body}",
            re.IGNORECASE)
        self.generic_re = re.compile(
            rf"(?<![{_ALNUM}])(?:{words_pattern(t['generic_words'])})(?![{_ALNUM}])", re.IGNORECASE)
        self.list_joiner_re = re.compile(
            r"^[」』\"”'\s]*(?:と|や|、|,|/|・|及び|および|and|or|&|,\s*and|,\s*or)\s*[「『\"“'\s]*$",
            re.IGNORECASE)

    def _compile_specs(self, t: dict[str, Any]) -> None:
        """Memory, compute, interconnects and systems written near a mention."""
        memory_units = t["memory_units"]
        self.memory_units = {alias_key(k): float(v) for k, v in memory_units.items()}
        memory_types = words_pattern(t["memory_types"])
        self.memory_re = re.compile(
            rf"(?<![{_ALNUM}.,])(?P<num>{_DIGITS})\s*(?P<unit>{words_pattern(list(memory_units))})"
            rf"(?![{_ALNUM}])(?:(?P<gap>\s*(?:of\s+|の\s*)?\w{{0,6}}?\s*)(?P<type>{memory_types}))?",
            re.IGNORECASE)
        self.memory_before_re = re.compile(rf"(?:{memory_types})[^。.\n]{{0,15}}$", re.IGNORECASE)
        compute_units = t["compute_units"]
        self.compute_units = {alias_key(k): float(v) for k, v in compute_units.items()}
        self.compute_re = re.compile(
            rf"(?<![{_ALNUM}.,])(?P<num>{_DIGITS})\s*(?P<unit>{words_pattern(list(compute_units))})"
            rf"(?![{_ALNUM}])", re.IGNORECASE)
        self.precision_re = re.compile(
            rf"(?<![{_ALNUM}])(?:{words_pattern(t['precisions'])})(?![{_ALNUM}])", re.IGNORECASE)
        self.interconnects = [(re.compile(ic["pattern"], re.IGNORECASE), ic["name"])
                              for ic in t["interconnects"]]
        self.ordinals = {str(k).lower(): int(v) for k, v in t["ordinals"].items()}
        self.system_names: dict[str, str] = {}
        for name, system_aliases in t["systems"].items():
            for a in system_aliases:
                self.system_names[alias_key(a)] = name
        system_aliases = sorted({a for v in t["systems"].values() for a in v}, key=len, reverse=True)
        self.system_re = re.compile(
            rf"(?<![{_ALNUM}])(?:{'|'.join(alias_pattern(a) for a in system_aliases)})(?![{_ALNUM}])",
            re.IGNORECASE)


@lru_cache(maxsize=4)
def default_lexicon(accelerators_path: str | None = None, terms_path: str | None = None) -> GpuLexicon:
    return GpuLexicon(load_accelerators(Path(accelerators_path) if accelerators_path else ACCELERATORS_CSV),
                      load_terms(Path(terms_path) if terms_path else GPU_TERMS_YAML))


# --------------------------------------------------------------------------- model mentions


@dataclass
class Mention:
    start: int
    end: int
    accelerator: Accelerator | None
    count: Count | None = None
    specs: dict[str, Any] = field(default_factory=dict)
    group: int = 0


def _is_product_code(folded: str, start: int, end: int) -> bool:
    """GB200 inside 900-GB200-A1: a hyphen-joined token with digits on either side."""
    before = re.search(rf"[{_ALNUM}]+[\-_]$", folded[max(0, start - 20):start])
    after = re.match(rf"[\-_][{_ALNUM}]+", folded[end:end + 20])
    pieces = [p.group() for p in (before, after) if p]
    return any(re.search(r"\d", p) and not re.fullmatch(r"[\-_]?\d+(?:GB|TB)", p, re.IGNORECASE)
               for p in pieces)


def find_models(lex: GpuLexicon, folded: str) -> list[Mention]:
    """The catalog's models, then the models only their family's naming pattern knows."""
    out: list[Mention] = []
    for m in lex.model_re.finditer(folded):
        key = alias_key(m.group("alias"))
        acc = lex.by_key.get(key)
        if acc is None or _is_product_code(folded, m.start(), m.end("alias")):
            continue
        if key in lex.needs_context and not (_has_context(lex, folded, m) or _after_a_model(folded, m, out)):
            continue
        out.append(Mention(m.start(), m.end(), acc))
    # A pattern's model wins over a shorter catalog name inside it (TPU v9 over the family TPU).
    kept: list[Mention] = []
    for mention in sorted(out + _models_by_pattern(lex, folded), key=lambda m: (m.start, m.start - m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    racks = _racks_of_models(lex, folded, kept)
    return _without_brand_prefixes(folded, sorted(kept + racks, key=lambda m: m.start))


def _racks_of_models(lex: GpuLexicon, folded: str, mentions: list[Mention]) -> list[Mention]:
    """A rack size written after a model names the catalog's rack of that model: 「Vera Rubin
    ベースのNVL144」 is the Vera Rubin NVL144, "a GB300-based NVL72" the GB300 NVL72 (counted as its
    chip). A rack the catalog does not list stays a system spec of the model."""
    out: list[Mention] = []
    for m in lex.rack_size_re.finditer(folded):
        before = [x for x in mentions if x.end <= m.start()]
        if any(x.start < m.end() and m.start() < x.end for x in mentions) or not before:
            continue
        model = before[-1]
        joined = lex.rack_joiner_re.fullmatch(folded, model.end, m.start())
        rack = model.accelerator and lex.by_key.get(alias_key(f"{model.accelerator.model} {m.group()}"))
        if joined and rack is not None:
            out.append(Mention(m.start(), m.end(), rack))
    return out


def _models_by_pattern(lex: GpuLexicon, folded: str) -> list[Mention]:
    """MI460X, TPU v9, Trainium5: a model named as its family names its models, with the family's
    vendor; the catalog's row when it lists the model under that name, else marked uncatalogued."""
    out: list[Mention] = []
    for pattern in lex.model_patterns:
        for m in pattern.regex.finditer(folded):
            name = pattern.template.format(**{k: v or "" for k, v in m.groupdict().items() if k != "tail"})
            if _is_product_code(folded, m.start(), m.end()) or (
                    pattern.context and not _has_context(lex, folded, m)):
                continue
            acc = lex.by_key.get(alias_key(name)) or Accelerator(name, pattern.vendor, None, pattern.kind,
                                                                  catalogued=False)
            out.append(Mention(m.start(), m.end(), acc))
    return out


def _without_brand_prefixes(folded: str, mentions: list[Mention]) -> list[Mention]:
    """A family name written right before one of its chips or series is their brand, not another
    model: 「Instinct MI450」 is one MI450, "Instinct MI400" one MI400 series."""
    kept = []
    for i, m in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        brand, named = m.accelerator, following.accelerator if following else None
        if (following is not None and brand is not None and named is not None and brand.kind == "family"
                and named.kind in ("chip", "family") and named.model != brand.model
                and brand.vendor == named.vendor and not folded[m.end:following.start].strip()):
            continue
        kept.append(m)
    return kept


def _after_a_model(folded: str, m: re.Match[str], found: list[Mention]) -> bool:
    """An ambiguous name shortly after a model of the same sentence is one too: 「MI450を搭載した
    Helios」 (the rack holding it), "MI450 takes on Rubin" (its rival)."""
    first = folded[m.start()]
    return (not (first.isascii() and not first.isupper())) and any(
        0 <= m.start() - x.end <= _CONTEXT_CHARS and not re.search(r"[。.!?\n]", folded[x.end:m.start()])
        for x in found)


def _has_context(lex: GpuLexicon, folded: str, m: re.Match[str]) -> bool:
    """An alias that is also a plain word or a surname is a chip only when capitalized and with
    a chip word after it or a vendor/chip word shortly before it (エヌビディアの次世代GPU「ルービン」)."""
    first = folded[m.start()]
    if first.isascii() and not first.isupper():
        return False
    before = folded[max(0, m.start() - _CONTEXT_CHARS):m.start()]
    return bool(m.group("tail")) or bool(lex.context_before_re.search(re.split(r"[。.!?\n]", before)[-1]))


def model_spans(text: str) -> list[Span]:
    """Character spans of accelerator model names in ``text``, for other extractors to skip
    (the 200 of GB200 is not a number)."""
    lex = default_lexicon()
    return [(m.start, m.end) for m in find_models(lex, fold(text))]


# --------------------------------------------------------------------------- counts on mentions


def _count_from_match(lex: GpuLexicon, m: re.Match[str]) -> Count | None:
    value, low, high = read_count_number(m.group("num"), lex.number_words)
    if value is None and low is None:
        return None
    bound = "max" if m.group("max") else "min" if (m.group("min_pre") or m.group("min_post")) else None
    approx = bool(m.group("approx_pre") or m.group("approx_post")) or low is not None
    return Count(value, approx, low, high, bound)


def count_before(lex: GpuLexicon, folded: str, start: int, end: int, floor: int) -> Count | None:
    """A count written just before the mention ``start:end``: 72基の / up to 1 million / 数十万の.

    A count needs a counter (基), a の, or a plural mention (72 MI450 GPUs): "the 2026 Rubin
    platform" is a year, not 2026 chips."""
    plural = folded[start:end].rstrip().endswith(("s", "S"))
    # match(pos, endpos) keeps lookbehinds seeing the text before the window.
    for i in range(max(floor, start - 60), start):
        m = lex.count_before_re.match(folded, i, start)
        if not m:
            continue
        marked = bool(m.group("ctr")) or "の" in folded[m.end("num"):start]
        year = not marked and re.fullmatch(r"(?:19[89]|20[0-4])\d", m.group("num"))
        if (marked or plural) and not year and not (_is_bare_kanji(m) and not m.group("ctr")):
            return _count_from_match(lex, m)
    return None


def count_after(lex: GpuLexicon, folded: str, end: int, ceiling: int) -> Count | None:
    """A count written after a mention, with a counter: 「GB300」を数十万基."""
    m = lex.count_after_re.match(folded, end, min(ceiling, end + 40))
    if not m or not m.group("ctr") or m.group("ctr").lower() == "chips":
        return None
    return _count_from_match(lex, m)


def _is_bare_kanji(m: re.Match[str]) -> bool:
    return bool(re.fullmatch(r"[〇一二三四五六七八九十百千万億]+", m.group("num")))


def group_mentions(lex: GpuLexicon, folded: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Coordinated mentions (「GB200」と「GB300」, H100s and H200s) share one group."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and lex.list_joiner_re.match(folded[groups[-1][-1].end:mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for i, group in enumerate(groups):
        for mention in group:
            mention.group = i
    return groups


def find_generic(lex: GpuLexicon, folded: str, taken: list[Span], sentences: list[Sentence]) -> list[Mention]:
    """Counted chips with no model: 10万基のGPU, 200,000 GPUs, GPUを1万基."""
    out: list[Mention] = []
    for m in lex.generic_re.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        sent = sentences[sentence_index(sentences, m.start())]
        count = (count_before(lex, folded, m.start(), m.end(), sent.start)
                 or count_after(lex, folded, m.end(), sent.end))
        if count is None or (count.value is not None and count.value < 2 and not count.bound):
            continue
        vendor = lex.vendor_re.search(folded[max(sent.start, m.start() - 12):m.start()])
        acc = None
        if vendor:
            acc = Accelerator("", _vendor_name(lex, vendor.group()), None, "family")
        out.append(Mention(m.start(), m.end(), acc, count))
    return out


def _vendor_name(lex: GpuLexicon, text: str) -> str | None:
    key = alias_key(text)
    for name, words in lex.terms["vendors"].items():
        if key in {alias_key(w) for w in words}:
            return name
    return None


# --------------------------------------------------------------------------- specs


@dataclass
class Spec:
    start: int
    end: int
    field: str
    values: dict[str, Any]


def find_specs(lex: GpuLexicon, folded: str) -> list[Spec]:
    specs: list[Spec] = []
    for m in lex.memory_re.finditer(folded):
        if not m.group("type") and not lex.memory_before_re.search(folded[max(0, m.start() - 20):m.start()]):
            continue  # a size with no memory word (a 30TB SSD) is not accelerator memory
        value = float(m.group("num").replace(",", "")) * lex.memory_units[alias_key(m.group("unit"))]
        # "288GB HBM3e" keeps its memory type; "13.4TBの広帯域メモリ" keeps the size only.
        adjacent = m.group("type") and m.group("gap").strip() in ("", "of")
        text = folded[m.start():m.end() if adjacent else m.end("unit")]
        specs.append(Spec(m.start(), m.end(), "memory", {"memory_bytes": value, "memory_text": text}))
    for m in lex.compute_re.finditer(folded):
        value = float(m.group("num").replace(",", "")) * lex.compute_units[alias_key(m.group("unit"))]
        precision = None
        near = list(lex.precision_re.finditer(folded, max(0, m.start() - 15), min(len(folded), m.end() + 15)))
        if near:
            precision = min(near, key=lambda p: abs(p.start() - m.end())).group().upper()
        specs.append(Spec(m.start(), m.end(), "compute", {
            "compute_flops": value, "compute_precision": precision, "compute_text": m.group().strip()}))
    taken: list[Span] = []
    for pattern, name in lex.interconnects:
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            specs.append(Spec(m.start(), m.end(), "interconnect",
                              {"interconnect": _interconnect_name(lex, m, name)}))
    for m in lex.system_re.finditer(folded):
        name = lex.system_names.get(alias_key(m.group()), m.group())
        specs.append(Spec(m.start(), m.end(), "system", {"system": name}))
    for m in lex.rack_size_re.finditer(folded):  # NVL72, NVL576: a rack by its size
        rack = lex.rack_size_name.format(**m.groupdict())
        specs.append(Spec(m.start(), m.end(), "system", {"system": rack}))
    return sorted(specs, key=lambda s: s.start)


def _interconnect_name(lex: GpuLexicon, m: re.Match[str], name: str) -> str:
    gens = [v for k, v in m.groupdict().items() if k.startswith("gen") and v]
    if "{gen}" not in name:
        return name
    if not gens:
        return name.replace(" {gen}", "")
    gen = gens[0].lower()
    return name.replace("{gen}", str(lex.ordinals.get(gen, gen)))


def attach_specs(specs: list[Spec], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Each spec goes to the nearest mention group of its sentence (the one before it, else
    the one after), else to the last group of the previous sentence of the same paragraph."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(sentence_index(sentences, mention.start), []).append(mention)
    for spec in specs:
        i = sentence_index(sentences, spec.start)
        target = _target_group(spec, by_sentence.get(i, []))
        if target is None and i > 0 and sentences[i - 1].paragraph == sentences[i].paragraph:
            previous = by_sentence.get(i - 1, [])
            target = [m for m in previous if m.group == previous[-1].group] if previous else None
        for mention in target or []:
            if spec.field not in mention.specs:
                mention.specs[spec.field] = spec.values
    _systems_from_paragraph(specs, mentions, sentences)


def _target_group(spec: Spec, mentions: list[Mention]) -> list[Mention] | None:
    before = [m for m in mentions if m.end <= spec.start]
    after = [m for m in mentions if m.start >= spec.end]
    if spec.field == "system" and any(m.start < spec.end and spec.start < m.end for m in mentions):
        before = [m for m in mentions if m.start < spec.end and spec.start < m.end]
    pick = before[-1] if before else after[0] if after else None
    return [m for m in mentions if m.group == pick.group] if pick else None


def _systems_from_paragraph(specs: list[Spec], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """A mention with no system takes the system named earlier in its paragraph (AWSの
    UltraServerは … / 最大72基のBlackwell GPU)."""
    systems = [s for s in specs if s.field == "system"]
    for mention in mentions:
        if "system" in mention.specs:
            continue
        paragraph = sentences[sentence_index(sentences, mention.start)].paragraph
        earlier = [s for s in systems if s.end <= mention.start
                   and sentences[sentence_index(sentences, s.start)].paragraph == paragraph]
        if earlier:
            mention.specs["system"] = earlier[-1].values


# --------------------------------------------------------------------------- owners


def subject_org(doc: Doc, folded: str, sentence: Sentence, before: int, subject_re: re.Pattern[str],
                verb_re: re.Pattern[str], exclude: set[str] = frozenset()) -> Span | None:
    """The ORG mention the sentence is about, ending before ``before``: its nsubj with a
    parser, else an ORG marked は/が, else (English) the ORG nearest before the last verb of
    ``verb_re`` ("… as OpenAI deploys 10 GW"), else the ORG opening the sentence."""
    if not Doc.has_extension("mentions") or not doc._.mentions:
        return None
    orgs = [m for m in actors(doc) if sentence.start <= m["start"] and m["end"] <= min(sentence.end, before)
            and not {alias_key(m.get("name") or ""), alias_key(m["text"])} & exclude]
    if doc.has_annotation("DEP"):
        for org in orgs:
            span = doc.char_span(org["start"], org["end"], alignment_mode="expand")
            if span is not None and any(t.dep_.startswith("nsubj") for t in span):
                return (org["start"], org["end"])
    for org in orgs:
        if subject_re.match(folded, org["end"]):
            return (org["start"], org["end"])
    if not orgs or re.search(r"[ぁ-んァ-ン]", folded[sentence.start:sentence.end]):
        return None
    verbs = list(verb_re.finditer(folded, sentence.start, before))
    acting = [o for o in orgs if verbs and o["end"] <= verbs[-1].start()]
    if acting:
        return (acting[-1]["start"], acting[-1]["end"])
    return (orgs[0]["start"], orgs[0]["end"]) if orgs[0]["start"] - sentence.start < 25 else None


def find_buyer(lex: GpuLexicon, doc: Doc, folded: str, sentence: Sentence, mention: Mention) -> Span | None:
    """The ORG that buys/owns the chips: the sentence's subject, when a buying verb says so;
    never the chip's designer."""
    if not lex.buyer_re.search(folded[sentence.start:sentence.end]):
        return None
    vendor = mention.accelerator.vendor if mention.accelerator else None
    exclude = lex.vendor_keys.get(vendor, {alias_key(vendor)}) if vendor else set()
    return subject_org(doc, folded, sentence, mention.start, lex.subject_particle_re, lex.buyer_re, exclude)


# --------------------------------------------------------------------------- the component


def extract_gpu_specs(doc: Doc, lex: GpuLexicon) -> list[dict[str, Any]]:
    folded = fold(text_of(doc))
    sentences = split_sentences(folded)
    if not sentences:
        return []
    mentions = _families_as_their_chip(lex, folded, find_models(lex, folded))
    groups = group_mentions(lex, folded, mentions)
    for group in groups:
        sent = sentences[sentence_index(sentences, group[0].start)]
        count = count_before(lex, folded, group[0].start, group[-1].end, sent.start) or count_after(
            lex, folded, group[-1].end, sent.end)
        for mention in group:
            mention.count = count
    generic = find_generic(lex, folded, [(m.start, m.end) for m in mentions], sentences)
    for i, g in enumerate(generic):
        g.group = len(groups) + i
    everything = sorted(mentions + generic, key=lambda m: m.start)
    attach_specs(find_specs(lex, folded), everything, sentences)
    return [_record(lex, doc, folded, sentences, m) for m in everything]


def _families_as_their_chip(lex: GpuLexicon, folded: str, mentions: list[Mention]) -> list[Mention]:
    """A family named in an article about one of its chips means that chip: 「TPUを最大100万基」 in an
    article about Ironwood (TPU v7) is TPU v7. The chip is the family's member (its name starts with
    the family's, same vendor) the article names most, the first named on a tie; an article naming
    none keeps the family (Google TPUs), and so does a family named as a generation or series
    (「MI300世代」, "the MI350 series")."""
    chips = [m.accelerator for m in mentions if m.accelerator is not None and m.accelerator.kind == "chip"]
    counts = Counter(a.model for a in chips)
    first = {model: i for i, model in reversed(list(enumerate(a.model for a in chips)))}
    chip_of = {a.model: a for a in chips}  # an uncatalogued chip (TPU v9) is no key of lex.by_key
    for m in mentions:
        family = m.accelerator
        if family is None or family.kind != "family" or _named_as_generation(lex, folded, m):
            continue
        members = [model for model in counts if model.startswith(family.model) and model != family.model
                   and chip_of[model].vendor == family.vendor]
        if members:
            m.accelerator = chip_of[max(members, key=lambda model: (counts[model], -first[model]))]
    return mentions


def _named_as_generation(lex: GpuLexicon, folded: str, m: Mention) -> bool:
    """「MI300世代」, "the MI300 series" (an alias that says series itself)."""
    return bool(lex.generation_re.match(folded, m.end) or lex.generation_re.search(folded[m.start:m.end]))


def _record(lex: GpuLexicon, doc: Doc, folded: str, sentences: list[Sentence], m: Mention) -> dict[str, Any]:
    acc, count = m.accelerator, m.count
    record: dict[str, Any] = {
        "text": text_of(doc)[m.start:m.end], "start": m.start, "end": m.end,
        "model": (acc.model or None) if acc else None, "vendor": acc.vendor if acc else None,
        "architecture": acc.architecture if acc else None, "kind": acc.kind if acc and acc.model else None,
        "count": _as_count(count.value) if count else None,
        "count_approx": count.approx if count else False,
        "count_low": _as_count(count.low) if count else None,
        "count_high": _as_count(count.high) if count else None,
        "count_bound": count.bound if count else None,
        "memory_bytes": None, "memory_text": None,
        "compute_flops": None, "compute_precision": None, "compute_text": None,
        "interconnect": None, "system": None,
        "uncatalogued": (not acc.catalogued) if acc and acc.model else None,
    }
    for values in m.specs.values():
        record.update(values)
    sentence = sentences[sentence_index(sentences, m.start)]
    record["entity"] = find_buyer(lex, doc, folded, sentence, m)
    return record


class GpuSpecs:
    """The ``newskb_gpus`` component: sets ``doc._.gpu_specs``."""

    def __init__(self, *, accelerators_path: str | None = None, terms_path: str | None = None) -> None:
        self.lexicon = default_lexicon(accelerators_path, terms_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.gpu_specs = extract_gpu_specs(doc, self.lexicon)
        return doc


@Language.factory("newskb_gpus", assigns=["doc._.gpu_specs"],
                  default_config={"accelerators_path": None, "terms_path": None})
def make_gpus(nlp: Language, name: str, accelerators_path: str | None, terms_path: str | None) -> GpuSpecs:
    return GpuSpecs(accelerators_path=accelerators_path, terms_path=terms_path)
