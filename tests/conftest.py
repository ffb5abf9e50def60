"""Shared fixtures: databases, the loaded GiNZA pipeline (once per session), the seed article."""
from __future__ import annotations

import multiprocessing
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from sqlite_utils import Database

from newskb.ingest.pipeline import build_pipeline
from newskb.ingest.settings import PipelineConfig
from newskb.kb.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED = SHARED_CORPUS / "seed_openai_aws.txt"
SAMPLES = ROOT / "ingest" / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def no_worker_left_behind() -> Iterator[None]:
    """Every test ends the worker processes it started. One left running (a pool that broke and
    did not end its other workers) would hold up the test run's exit forever, so it is ended here
    and the test fails instead."""
    yield
    left = alive_after(multiprocessing.active_children())
    for child in left:
        child.kill()
    assert not left, f"worker processes left running: {left}"


def alive_after(processes: list[multiprocessing.Process],
                seconds: float = 10.0) -> list[multiprocessing.Process]:
    """The processes still running once they all ended or ``seconds`` went by."""
    deadline = time.monotonic() + seconds
    while (alive := [p for p in processes if p.is_alive()]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


@pytest.fixture
def fresh_db() -> Database:
    return open_db(Database(memory=True))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def blank_entities(lang: str) -> spacy.language.Language:
    """A blank pipeline with sentences and the entities component: no model, fast."""
    import newskb.ingest.components.entities  # noqa: F401  (registers newskb_entities)

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newskb_entities")
    return nlp


@pytest.fixture(scope="session")
def ja_entities() -> spacy.language.Language:
    return blank_entities("ja")


@pytest.fixture(scope="session")
def en_entities() -> spacy.language.Language:
    return blank_entities("en")


@pytest.fixture(scope="session")
def ginza_nlp() -> spacy.language.Language:
    """ja_ginza with every newskb extractor, loaded once for the whole session."""
    return build_pipeline("ja", PipelineConfig())


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here (the shared corpus sits beside the repository)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory: pytest.TempPathFactory, ginza_nlp) -> Path:
    """A knowledge base holding the seed article, built once per session; tests must not write to it."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here")
    from newskb.kb.build import ingest_sources

    folder = tmp_path_factory.mktemp("seed")
    for name in ("seed_openai_aws.txt", "seed_openai_aws.meta.json"):
        shutil.copy(SHARED_CORPUS / name, folder / name)
    path = folder / "seed.db"
    db = open_db(path)
    ingest_sources(db, [str(folder / "seed_openai_aws.txt")])
    db.close()  # checkpoints the WAL, so the file alone holds everything (tests copy it)
    return path


@pytest.fixture(scope="session")
def samples_kb(tmp_path_factory: pytest.TempPathFactory, ginza_nlp) -> Path:
    """A knowledge base of the bundled sample articles, built once per session."""
    from newskb.kb.build import ingest_sources

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    db = open_db(path)
    summary = ingest_sources(db, [str(SAMPLES)])
    db.close()
    assert summary.failed == 0, summary.errors
    return path


@pytest.fixture(scope="session")
def analyst_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small knowledge base written from records (tests/analyst_kb.py), built without a model once per
    session; tests must not write to it."""
    import analyst_kb as records

    return records.build(tmp_path_factory.mktemp("analyst") / "analyst.db")


@pytest.fixture(scope="session")
def read_dates():
    """``read(lang, text, published=None)``: a Doc read by the dates component alone, on a blank
    pipeline of the language (no model), with ``doc._.dates`` and ``doc._.durations`` set."""
    import newskb.ingest.components.dates  # noqa: F401  (registers the factory)

    pipes = {}
    for lang in ("ja", "en"):
        pipes[lang] = spacy.blank(lang)
        pipes[lang].add_pipe("newskb_dates")

    def read(lang: str, text: str, published=None):
        doc = pipes[lang].make_doc(text)
        doc._.published = published
        return pipes[lang].get_pipe("newskb_dates")(doc)
    return read
