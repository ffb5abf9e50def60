"""The spaCy pipeline per language, and running articles through it.

Japanese goes through GiNZA (``ja_ginza``); English through a trained English model when one is
installed (or named with ``--model`` / ``NEWSKB_MODELS``), else ``spacy.blank("en")`` with a
sentencizer. Our extractors are added
after the model in a fixed order: entities first (others attach facts to them), deals last (it
reads everyone else's facts).

``Pipelines.records_of`` parses a batch of articles (``ingest.workers`` runs batches in this
process or in worker processes). Models are built on the ops measured fastest with identical
output (``PipelineConfig.ops``), and their NER decodes with ``ingest.greedy_ner``.
"""
from __future__ import annotations

import ctypes
import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from sudachipy import Tokenizer as SudachiTokenizer
from thinc.api import use_ops

import newskb.ingest.components  # noqa: F401  (registers the shared Doc extensions)
from newskb.ingest.greedy_ner import GREEDY_NER, use_greedy_ner
from newskb.ingest.records import Records, doc_to_records
from newskb.ingest.search_tokens import search_text
from newskb.ingest.settings import ExtractionError, ModelNotFound, Ops, PipelineConfig
from newskb.ingest.sources import Article

# Extractor components in pipeline order, each in its own module under ingest/components.
EXTRACTORS: tuple[tuple[str, str], ...] = (
    ("entities", "newskb_entities"),
    ("dates", "newskb_dates"),
    ("money", "newskb_money"),
    ("gpus", "newskb_gpus"),
    ("capacities", "newskb_capacities"),
    ("deals", "newskb_deals"),
)

# GiNZA components our extractors do not read; dropping them changes no entity and no fact.
# The others stay: bunsetu_recognizer rewrites the parser's raw labels (nsubj_bunsetu → nsubj)
# that money, gpus and deals read, and morphologizer sets the token.pos_ that entities and money
# read (it costs under 1 % of the time).
GINZA_UNUSED = ("compound_splitter",)

# Longest text parsed as one Doc. SudachiPy refuses more than 49,149 bytes at once, and the
# parser's memory grows with the length of a Doc: a longer article is read in sections of whole
# paragraphs (else sentences), each parsed alone, their facts put back at their offsets.
SECTION_CHARS = 12_000

# Documents per batch of the network (tok2vec, parser): two share the parser's per-step costs,
# and the activations of the network, about 65 KB per token, stay those of two documents.
MODEL_BATCH_DOCS = 2


def sections(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most ``limit`` characters, cut after a paragraph if one ends in
    the window, else after a sentence (。．.!?！？), else anywhere."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1
        if cut <= limit // 4:
            cut = max(window.rfind(mark) + 1 for mark in "。．.!?！？")
        if cut <= limit // 4:
            cut = limit
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def available_extractors() -> list[tuple[str, str]]:
    """The extractor components that are installed (import registers their factories)."""
    found = []
    for module, factory in EXTRACTORS:
        try:
            importlib.import_module(f"newskb.ingest.components.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newskb.ingest.components.{module}":
                raise
            continue
        if Language.has_factory(factory):
            found.append((module, factory))
    return found


def load_model(lang: str, model: str | None, ops: Ops = "numpy", greedy_ner: bool = True) -> Language:
    with use_ops("numpy", use_blis=ops == "blis"):  # the model's layers keep the ops they are built with
        nlp = _load_model(lang, model)
    if greedy_ner:
        use_greedy_ner(nlp, lang)
    return nlp


def _load_model(lang: str, model: str | None) -> Language:
    if model is None:
        nlp = spacy.blank(lang)
    else:
        try:
            nlp = spacy.load(model, exclude=list(GINZA_UNUSED) if model == "ja_ginza" else [])
        except OSError:
            raise ModelNotFound(
                f"spaCy model {model!r} is not installed (pip install {model}, or leave --model unset)"
            ) from None
    if not any(nlp.has_pipe(p) for p in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=8)
def build_pipeline(lang: str, config: PipelineConfig = PipelineConfig()) -> Language:
    """The model for ``lang`` followed by every extractor component (built once per process)."""
    nlp = load_model(lang, config.model_for(lang), config.ops, config.greedy_ner)
    for module, factory in available_extractors():
        if module == "entities":
            nlp.add_pipe(factory, config={"gazetteers": list(config.gazetteers)})
        else:
            nlp.add_pipe(factory)
    return nlp


def make_doc(nlp: Language, article: Article, text: str | None = None) -> Doc:
    """A Doc of the article's text (or of one section of it) with the article's metadata."""
    doc = nlp.make_doc(article.text if text is None else text)
    doc._.published = article.published
    doc._.source = article.source
    return doc


class Pipelines:
    """One pipeline per language, loaded on first use (a run with nothing new loads none)."""

    def __init__(self, config: PipelineConfig = PipelineConfig()) -> None:
        self.config = config
        self._loaded: dict[str, Language] = {}

    def __getitem__(self, lang: str) -> Language:
        if lang not in self._loaded:
            self._loaded[lang] = build_pipeline(lang, self.config)
        return self._loaded[lang]

    def records(self, article: Article) -> Records | ExtractionError:
        """What the extractors find in one article, or why they could not read it."""
        nlp = self[article.lang or "ja"]
        try:
            records = Records()
            for offset, text in sections(article.text):
                records.extend(doc_to_records(nlp(make_doc(nlp, article, text))), offset)
            return records
        except Exception as exc:  # noqa: BLE001  any failure inside spaCy or an extractor costs this article only
            return ExtractionError(article.origin, f"could not be processed ({exc.__class__.__name__}: "
                                                   f"{str(exc).splitlines()[0][:200] if str(exc) else ''})")

    def records_of(self, articles: list[Article]) -> list[Records | ExtractionError]:
        """``records`` of each article, the articles of a language parsed together: the network
        sees ``MODEL_BATCH_DOCS`` documents at a time, and the NER decoder all of them in lockstep.
        If the batch fails, each article is parsed alone, so that a failure costs its own article
        only. Memory the batch freed goes back to the system."""
        out: list[Records | ExtractionError | None] = [None] * len(articles)
        for lang in dict.fromkeys(a.lang or "ja" for a in articles):
            nlp = self[lang]
            mine = [i for i, a in enumerate(articles) if (a.lang or "ja") == lang]
            parts = [(i, offset, make_doc(nlp, articles[i], text))
                     for i in mine for offset, text in sections(articles[i].text)]
            try:
                docs = list(nlp.pipe([doc for _, _, doc in parts], batch_size=MODEL_BATCH_DOCS,
                                     component_cfg={GREEDY_NER: {"batch_size": max(1, len(parts))}}))
                found = {i: Records() for i in mine}
                for (i, offset, _), doc in zip(parts, docs):
                    found[i].extend(doc_to_records(doc), offset)
            except Exception:  # noqa: BLE001  the batch failed: each article alone shows which
                found = {i: self.records(articles[i]) for i in mine}
            sudachi = sudachi_tokenizer(nlp)
            for i in mine:
                result = found[i]
                if sudachi is not None and isinstance(result, Records):
                    result.search_text = search_text(articles[i].title, articles[i].text, tokenizer=sudachi)
                out[i] = result
        release_free_memory()
        return [r for r in out if r is not None]


def sudachi_tokenizer(nlp: Language) -> SudachiTokenizer | None:
    """The SudachiPy tokenizer inside a Japanese pipeline (GiNZA's), if it has one: the words of
    the full-text index come from it in the worker, so the writing process needs no dictionary
    of its own (about 75 MB)."""
    inner = getattr(nlp.tokenizer, "tokenizer", None)
    return inner if isinstance(inner, SudachiTokenizer) else None


def release_free_memory() -> None:
    """Hand the memory that glibc's malloc keeps after a batch back to the system (elsewhere,
    nothing): without it a worker's footprint creeps up towards its largest batch ever."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
