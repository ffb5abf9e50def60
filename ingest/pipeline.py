"""The spaCy pipeline per language, and running articles through it.

Japanese goes through GiNZA (``ja_ginza``); English through a trained English model when one is
installed and asked for, else ``spacy.blank("en")`` with a sentencizer. Our extractors are added
after the model in a fixed order: entities first (others attach facts to them), deals last (it
reads everyone else's facts).
"""
from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import ingest.components  # noqa: F401  (registers the shared Doc extensions)
from ingest.sources import Article

# Extractor components in pipeline order, each in its own module under ingest/components.
EXTRACTORS: tuple[tuple[str, str], ...] = (
    ("entities", "newskb_entities"),
    ("dates", "newskb_dates"),
    ("money", "newskb_money"),
    ("gpus", "newskb_gpus"),
    ("capacities", "newskb_capacities"),
    ("deals", "newskb_deals"),
)

DEFAULT_MODELS = {"ja": "ja_ginza", "en": None}
# GiNZA components our extractors do not read; dropping them changes no entity.
GINZA_UNUSED = ("compound_splitter",)


class ModelNotFound(Exception):
    """A spaCy model that was asked for is not installed."""


@dataclass(frozen=True)
class PipelineConfig:
    """Which model per language and which extra gazetteers; hashable, so pipelines are cached."""

    models: tuple[tuple[str, str | None], ...] = tuple(DEFAULT_MODELS.items())
    gazetteers: tuple[str, ...] = ()

    def model_for(self, lang: str) -> str | None:
        return dict(self.models).get(lang)


def available_extractors() -> list[tuple[str, str]]:
    """The extractor components that are installed (import registers their factories)."""
    found = []
    for module, factory in EXTRACTORS:
        try:
            importlib.import_module(f"ingest.components.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ingest.components.{module}":
                raise
            continue
        if Language.has_factory(factory):
            found.append((module, factory))
    return found


def load_model(lang: str, model: str | None) -> Language:
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
    nlp = load_model(lang, config.model_for(lang))
    for module, factory in available_extractors():
        if module == "entities":
            nlp.add_pipe(factory, config={"gazetteers": list(config.gazetteers)})
        else:
            nlp.add_pipe(factory)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.published = dt.date.fromisoformat(article.published) if article.published else None
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

    def process(self, articles: Iterable[Article], batch_chars: int = 20_000) -> Iterator[tuple[Article, Doc]]:
        """(article, doc) for each article, in order, in batches bounded by characters."""
        batch: list[Article] = []
        size = 0
        for article in articles:
            batch.append(article)
            size += len(article.text)
            if size >= batch_chars:
                yield from self._run(batch)
                batch, size = [], 0
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[tuple[Article, Doc]]:
        for article in batch:
            nlp = self[article.lang or "ja"]
            yield article, nlp(make_doc(nlp, article))
