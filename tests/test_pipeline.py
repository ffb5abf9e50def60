"""Running articles through the pipeline: batches, worker processes, the ops models are built on.

The promise tested here: speed settings change nothing stored. Worker processes give exactly
the rows one process gives, and the ops chosen for speed give the entities and facts thinc's
default ops give. And the planner statistics an ingest refreshes follow the knowledge base's size.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from ingest.pipeline import PipelineConfig, batches, build_pipeline, extract, make_doc
from ingest.records import FACT_EXTENSIONS
from ingest.sources import Article, Defaults, read_sources
from kb.cli import cli

from conftest import SAMPLES, SEED

BLANK = PipelineConfig(models=(("ja", None), ("en", None)))
# Every table an ingest writes, with the columns that identify a row (ingested_at is a clock).
TABLES = ("articles", "entities", "entity_aliases", "mentions", "money", "percents", "dates", "durations",
          "gpu_specs", "capacities", "deals", "deal_parties", "deal_events")
# A few sample articles, Japanese and English, long enough to make several batches.
SOME_SAMPLES = ("ja_amd_openai_mi450.md", "ja_nebius_microsoft.md", "ja_softbank_openai_investment.md",
                "en_xai_series_e.md")


def article(text: str, n: int, lang: str = "en") -> Article:
    return Article(text=text, origin=f"a{n}.txt", key=f"a{n}.txt", title=f"a{n}", published="2025-11-03", lang=lang)


@pytest.mark.parametrize(
    ("sizes", "batch_chars", "expected"),
    [
        ([], 10, []),
        ([3, 3, 3], 10, [[3, 3, 3]]),
        ([6, 6, 6], 10, [[6, 6], [6]]),
        ([25, 1, 1], 10, [[25], [1, 1]]),  # a long article goes alone, it is not split
        ([10, 10], 10, [[10], [10]]),
    ],
)
def test_batches_are_bounded_by_characters_and_keep_the_order(sizes: list[int], batch_chars: int,
                                                              expected: list[list[int]]) -> None:
    articles = [article("x" * size, n) for n, size in enumerate(sizes)]
    got = list(batches(articles, batch_chars))
    assert [[len(a.text) for a in batch] for batch in got] == expected
    assert [a for batch in got for a in batch] == articles


def test_nothing_to_extract_loads_no_model() -> None:
    missing = PipelineConfig(models=(("ja", "no_such_model_zz"), ("en", "no_such_model_zz")))
    assert list(extract([], missing, workers=2)) == []


def test_workers_give_the_records_one_process_gives() -> None:
    texts = [
        "OpenAI signed a $38 billion, seven-year contract with Amazon Web Services on November 3, 2025.",
        "Nebius agreed to supply Microsoft with GPU capacity worth $17.4 billion through 2031.",
        "ソフトバンクグループは2025年3月31日、OpenAIに最大400億ドルを出資すると発表した。",
        "CoreWeave will deploy 100,000 NVIDIA GB300 GPUs across 2 GW of data centers next year.",
    ]
    articles = [article(t, n, "ja" if n == 2 else "en") for n, t in enumerate(texts)]
    one = list(extract(articles, BLANK, workers=1, batch_chars=100))
    two = list(extract(articles, BLANK, workers=2, batch_chars=100))
    assert [a for a, _ in two] == articles
    assert [r for _, r in two] == [r for _, r in one]
    assert sum(len(r.mentions) for _, r in one) >= 4 and any(r.facts.get("money") for _, r in one)


def rows(db: Database, table: str) -> list[tuple[Any, ...]]:
    columns = [c.name for c in db[table].columns if c.name != "ingested_at"]
    return sorted(db.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table}]").fetchall(),
                  key=repr)


@pytest.mark.ginza
def test_workers_store_exactly_the_rows_one_process_stores(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SOME_SAMPLES:
        for path in SAMPLES.glob(Path(name).stem + ".*"):
            if not path.name.endswith(".gold.json"):
                shutil.copy(path, folder / path.name)
    dbs = {}
    for workers in (1, 2):
        db_path = tmp_path / f"w{workers}.db"
        result = runner.invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--workers", str(workers)])
        assert result.exit_code == 0, result.output
        assert f"{len(SOME_SAMPLES)} added" in result.output
        dbs[workers] = Database(db_path)
    assert dbs[1]["mentions"].count > 20 and dbs[1]["money"].count > 5 and dbs[1]["deals"].count > 0
    for table in TABLES:
        assert rows(dbs[2], table) == rows(dbs[1], table), table


def facts(doc) -> dict[str, Any]:
    out: dict[str, Any] = {"ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
                           "mentions": doc._.mentions}
    for extension in [*FACT_EXTENSIONS, "deals"]:
        if doc.has_extension(extension):
            out[extension] = getattr(doc._, extension)
    return out


@pytest.mark.ginza
def test_chosen_ops_give_the_entities_and_facts_of_thinc_default_ops(ginza_nlp) -> None:
    default_ops = build_pipeline("ja", PipelineConfig(ops="blis"))
    assert ginza_nlp.get_pipe("tok2vec").model.ops.use_blis is False  # the choice is really in effect
    assert default_ops.get_pipe("tok2vec").model.ops.use_blis is True
    articles = [a for a in read_sources([str(SAMPLES)], Defaults()) if isinstance(a, Article) and a.lang == "ja"]
    if SEED.exists():
        articles.append(article(SEED.read_text(encoding="utf-8"), 99, "ja"))
    assert len(articles) >= 5
    for a in articles:
        chosen = facts(ginza_nlp(make_doc(ginza_nlp, a)))
        assert chosen["ents"] and chosen["mentions"]
        assert chosen == facts(default_ops(make_doc(default_ops, a))), a.origin


def recorded_articles(db: Database) -> int | None:
    if not db["sqlite_stat1"].exists():
        return None
    row = db.execute("select stat from sqlite_stat1 where tbl = 'articles' limit 1").fetchone()
    return int(row[0].split()[0]) if row else None


def test_planner_statistics_follow_the_knowledge_base_as_it_grows(fresh_db: Database) -> None:
    from kb.build import ingest_sources

    texts = [f"Company {n} Inc. signed a ${n} billion contract with Oracle." for n in range(1, 24)]
    assert recorded_articles(fresh_db) is None
    ingest_sources(fresh_db, [], config=BLANK, items=[article(texts[0], 0)])
    assert recorded_articles(fresh_db) == 1
    ingest_sources(fresh_db, [], config=BLANK, items=[article(t, n) for n, t in enumerate(texts[:20])])
    assert recorded_articles(fresh_db) == 20
    # one more article in twenty is not worth a new ANALYZE; nothing new is not either
    ingest_sources(fresh_db, [], config=BLANK, items=[article(t, n) for n, t in enumerate(texts[:21])])
    assert recorded_articles(fresh_db) == 20
    ingest_sources(fresh_db, [], config=BLANK, items=[article(t, n) for n, t in enumerate(texts)])
    assert recorded_articles(fresh_db) == 23


# ---------------------------------------------------------------- which model for which language


def test_english_uses_blank_without_a_trained_model(monkeypatch) -> None:
    from ingest.pipeline import default_models

    monkeypatch.delenv("NEWSKB_MODELS", raising=False)
    monkeypatch.setattr("spacy.util.is_package", lambda name: False)
    assert default_models() == {"ja": "ja_ginza", "en": None}


def test_english_prefers_the_best_installed_model(monkeypatch) -> None:
    from ingest.pipeline import default_models

    monkeypatch.delenv("NEWSKB_MODELS", raising=False)
    monkeypatch.setattr("spacy.util.is_package", lambda name: name in ("en_core_web_sm", "en_core_web_md"))
    assert default_models()["en"] == "en_core_web_md"


def test_models_from_the_environment(monkeypatch) -> None:
    from ingest.pipeline import BadModelSetting, default_models

    monkeypatch.setenv("NEWSKB_MODELS", "en=en_core_web_sm, ja=blank")
    assert default_models() == {"ja": None, "en": "en_core_web_sm"}
    monkeypatch.setenv("NEWSKB_MODELS", "fr=fr_core_news_sm")
    with pytest.raises(BadModelSetting, match="NEWSKB_MODELS: 'fr=fr_core_news_sm': use LANG=MODEL"):
        default_models()
