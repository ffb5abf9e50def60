"""Quality floors on the development corpus (../shared/corpus/dev: real articles with hand-made
gold) and the seed article, scored by ../shared/eval/score.py.

Each field's F1 on the dev corpus must stay at or above the floor reached (rounded down by about
0.01); the seed stays exact on every field. Skipped when ../shared is not beside the repository.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newskb.kb.build import ingest_sources
from newskb.kb.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORE = SHARED / "eval" / "score.py"
SEED = ("seed_openai_aws.txt", "seed_openai_aws.meta.json")

# The F1 reached per field on the whole dev corpus, rounded down by about 0.01.
FLOORS = {
    "money": 0.99,
    "dates": 0.98,
    "durations": 0.94,
    "orgs": 0.99,
    "gpus": 0.97,
    "deals": 0.93,
}

pytestmark = [
    pytest.mark.ginza,
    pytest.mark.skipif(not (DEV.is_dir() and SCORE.exists()), reason=f"{DEV} or {SCORE} is not here"),
]


def scores(db: Path, gold: Path) -> dict[str, dict[str, float]]:
    out = subprocess.run([sys.executable, str(SCORE), str(db), str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory, ginza_nlp) -> dict[str, dict[str, float]]:
    """The dev corpus ingested once into a temporary knowledge base, and its scores."""
    path = tmp_path_factory.mktemp("dev") / "dev.db"
    db = open_db(path)
    summary = ingest_sources(db, [str(DEV)])
    db.close()
    assert summary.failed == 0, summary.errors
    return scores(path, DEV)


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory: pytest.TempPathFactory, ginza_nlp) -> dict[str, dict[str, float]]:
    folder = tmp_path_factory.mktemp("seed")
    for name in SEED:
        shutil.copy(SHARED / "corpus" / name, folder / name)
    path = folder / "seed.db"
    db = open_db(path)
    ingest_sources(db, [str(folder / SEED[0])])
    db.close()
    return scores(path, SHARED / "corpus")


def test_every_dev_article_is_found(dev_scores: dict) -> None:
    assert dev_scores["missing_articles"] == []


@pytest.mark.parametrize("field,floor", FLOORS.items())
def test_dev_corpus_field_holds_its_floor(dev_scores: dict, field: str, floor: float) -> None:
    assert dev_scores[field]["f1"] >= floor, dev_scores[field]


@pytest.mark.parametrize("field", FLOORS)
def test_seed_is_exact(seed_scores: dict, field: str) -> None:
    assert seed_scores[field]["f1"] == 1.0, seed_scores[field]
