"""What a pipeline is made of, decided before any model is loaded: the model per language
(``--model``, ``NEWSKB_MODELS``, the English models installed), extra gazetteers and the speed
settings; and the errors a pipeline reports. Nothing here imports spaCy, so that a run with
nothing new to read starts without it.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

DEFAULT_MODELS = {"ja": "ja_ginza", "en": None}
# Trained English pipelines, best first: the first one installed is used for English articles.
# None is on the package index we install from, so out of the box English runs on
# spacy.blank("en") with our rules and gazetteer.
ENGLISH_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
# Configuration: NEWSKB_MODELS="en=en_core_web_sm,ja=ja_ginza" ("blank" for spacy.blank).
MODELS_ENV = "NEWSKB_MODELS"


class BadModelSetting(ValueError):
    """A model setting that is not LANG=MODEL with LANG ja or en."""


def parse_model_settings(items: Iterable[str], where: str) -> dict[str, str | None]:
    """["en=en_core_web_sm", "ja=blank"] → {"en": "en_core_web_sm", "ja": None}."""
    chosen: dict[str, str | None] = {}
    for item in items:
        lang, sep, model = item.strip().partition("=")
        if not sep or lang not in ("ja", "en") or not model:
            raise BadModelSetting(f"{where}: {item!r}: use LANG=MODEL with LANG ja or en")
        chosen[lang] = None if model == "blank" else model
    return chosen


def installed(package: str) -> bool:
    """Whether a model package can be imported (without importing it, or spaCy)."""
    return importlib.util.find_spec(package) is not None


def default_models() -> dict[str, str | None]:
    """ja_ginza for Japanese; for English the best trained model installed, else blank; then
    whatever NEWSKB_MODELS says."""
    models = dict(DEFAULT_MODELS)
    models["en"] = next((m for m in ENGLISH_MODELS if installed(m)), None)
    setting = os.environ.get(MODELS_ENV, "").strip()
    if setting:
        models.update(parse_model_settings(setting.split(","), MODELS_ENV))
    return models
Ops = Literal["numpy", "blis"]


class ModelNotFound(Exception):
    """A spaCy model that was asked for is not installed."""


class WorkerFailed(Exception):
    """A worker process stopped (killed, out of memory) before returning its articles."""


class EngineUnavailable(Exception):
    """An extraction engine whose package is not installed; ``str()`` says how to install it."""


class EngineError(Exception):
    """An extraction engine that cannot run: a cluster it cannot reach or start its workers on,
    workers of another newskb version. ``str()`` is a one-line message."""


def one_line(exc: BaseException | None) -> str:
    """An exception as a short line: its type and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {text[0][:200]}" if text else exc.__class__.__name__


class ExtractionError(Exception):
    """One article that the pipeline could not process; ``str()`` is a one-line message."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # a worker process sends it back pickled: rebuild it from both fields, not from args
        return (ExtractionError, (self.origin, self.problem))


@dataclass(frozen=True)
class PipelineConfig:
    """Which model per language and which extra gazetteers; hashable, so pipelines are cached."""

    models: tuple[tuple[str, str | None], ...] = field(
        default_factory=lambda: tuple(default_models().items()))
    gazetteers: tuple[str, ...] = ()
    # Matrix products through numpy's BLAS (OpenBLAS picks a kernel for the CPU at run time)
    # rather than thinc's default blis, whose wheels fall back to a generic kernel on CPUs they
    # do not know (tok2vec 1.5x faster on our 2-core Xeon), identical entities and facts
    # (tests/test_pipeline.py checks it). "blis" is thinc's default.
    ops: Ops = "numpy"
    # Entities from ingest.greedy_ner's decoder, which gives spaCy's NER output several times
    # faster (it is checked against spaCy's when a pipeline is built; tests check the samples).
    greedy_ner: bool = True

    def model_for(self, lang: str) -> str | None:
        return dict(self.models).get(lang)
