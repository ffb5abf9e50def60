"""Running articles through the pipeline: batches, worker processes, the ops models are built on.

The promise tested here: speed settings change nothing stored. Worker processes give exactly
the rows one process gives, and the ops and NER decoder chosen for speed give the entities and
facts that thinc's default ops and spaCy's decoder give. And the planner statistics an ingest
refreshes follow the knowledge base's size.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, SEED, alive_after
from sqlite_utils import Database

from newskb.ingest.pipeline import build_pipeline, make_doc
from newskb.ingest.records import FACT_EXTENSIONS
from newskb.ingest.settings import PipelineConfig
from newskb.ingest.sources import Article, Defaults, read_sources
from newskb.ingest.workers import batches, extract
from newskb.kb.cli import cli

BLANK = PipelineConfig(models=(("ja", None), ("en", None)))
# Every table an ingest writes, with the columns that identify a row (ingested_at is a clock).
TABLES = ("articles", "entities", "entity_aliases", "mentions", "money", "percents", "dates", "durations",
          "gpu_specs", "capacities", "deals", "deal_parties", "deal_events")
# A few sample articles, Japanese and English, long enough to make several batches.
SOME_SAMPLES = ("ja_amd_openai_mi450.md", "ja_nebius_microsoft.md", "ja_softbank_openai_investment.md",
                "en_xai_series_e.md")


def article(text: str, n: int, lang: str = "en") -> Article:
    return Article(text=text, origin=f"a{n}.txt", key=f"a{n}.txt", title=f"a{n}",
                   published=dt.date(2025, 11, 3), lang=lang)


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


def test_an_article_that_fails_in_a_worker_comes_back_whole() -> None:
    # a worker returns a failed article's error pickled; it must rebuild with both its fields
    # (when it did not, the pool's result thread died and the ingest waited forever)
    import pickle

    from newskb.ingest.settings import ExtractionError

    error = ExtractionError("news/a.md", "could not be processed (KeyError: 'x')")
    again = pickle.loads(pickle.dumps(error))
    assert (again.origin, again.problem, str(again)) == (error.origin, error.problem, str(error))


def test_a_worker_that_dies_stops_the_run_with_a_clear_error() -> None:
    import multiprocessing
    import os
    import signal

    from newskb.ingest.settings import WorkerFailed

    text = "OpenAI signed a $38 billion agreement with Amazon Web Services on Monday. " * 20
    results = extract([article(text, n) for n in range(3000)], BLANK, workers=2, batch_chars=2000)
    next(results)  # the workers are up and parsing
    victim = multiprocessing.active_children()[0]
    os.kill(victim.pid, signal.SIGKILL)
    with pytest.raises(WorkerFailed, match="fewer --workers"):
        for _ in results:
            pass


def test_a_caller_that_stops_early_ends_the_workers() -> None:
    """An error or Ctrl-C in the writer closes the generator: its workers are ended then, not left
    sending a batch nobody reads (which once held up the interpreter's exit)."""
    import multiprocessing

    text = "OpenAI signed a $38 billion agreement with Amazon Web Services on Monday. " * 20
    results = extract([article(text, n) for n in range(3000)], BLANK, workers=2, batch_chars=2000)
    next(results)
    workers = multiprocessing.active_children()
    assert workers
    results.close()
    assert not alive_after(workers)


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
    assert sum(len(r.mentions) for _, r in one) >= 4 and any(r.money for _, r in one)


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
def test_speed_settings_give_the_entities_and_facts_of_thinc_and_spacy_defaults(ginza_nlp) -> None:
    # numpy ops and the greedy NER decoder against thinc's blis ops and spaCy's own decoder
    default_ops = build_pipeline("ja", PipelineConfig(ops="blis", greedy_ner=False))
    assert "ner" in default_ops.pipe_names and "ner" not in ginza_nlp.pipe_names
    assert ginza_nlp.get_pipe("tok2vec").model.ops.use_blis is False  # the choice is really in effect
    assert default_ops.get_pipe("tok2vec").model.ops.use_blis is True
    articles = [a for a in read_sources([str(SAMPLES)], Defaults())
                if isinstance(a, Article) and a.lang == "ja"]
    if SEED.exists():
        articles.append(article(SEED.read_text(encoding="utf-8"), 99, "ja"))
    assert len(articles) >= 5
    for a in articles:
        chosen = facts(ginza_nlp(make_doc(ginza_nlp, a)))
        assert chosen["ents"] and chosen["mentions"]
        assert chosen == facts(default_ops(make_doc(default_ops, a))), a.origin


@pytest.mark.ginza
def test_workers_index_words_as_the_store_would(ginza_nlp) -> None:
    # the words for the full-text index come from GiNZA's SudachiPy in the worker: the same
    # words the store's own tokenizer gives (a search finds the same articles either way)
    from newskb.ingest.pipeline import Pipelines
    from newskb.ingest.search_tokens import search_text

    articles = [a for a in read_sources([str(SAMPLES)], Defaults()) if isinstance(a, Article)]
    pipelines = Pipelines()  # build_pipeline is cached: the session's ginza_nlp
    assert pipelines["ja"] is ginza_nlp
    for a, records in zip(articles, pipelines.records_of(articles)):
        if a.lang == "ja":
            assert records.search_text == search_text(a.title, a.text), a.origin
            assert "契約" in records.search_text.split() or "出資" in records.search_text.split(), a.origin
        else:
            assert records.search_text is None  # blank English has no SudachiPy: the store makes them


def recorded_articles(db: Database) -> int | None:
    if not db["sqlite_stat1"].exists():
        return None
    row = db.execute("select stat from sqlite_stat1 where tbl = 'articles' limit 1").fetchone()
    return int(row[0].split()[0]) if row else None


def test_planner_statistics_follow_the_knowledge_base_as_it_grows(fresh_db: Database) -> None:
    from newskb.kb.build import ingest_sources

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
    from newskb.ingest.settings import default_models

    monkeypatch.delenv("NEWSKB_MODELS", raising=False)
    monkeypatch.setattr("newskb.ingest.settings.installed", lambda name: False)
    assert default_models() == {"ja": "ja_ginza", "en": None}


def test_english_prefers_the_best_installed_model(monkeypatch) -> None:
    from newskb.ingest.settings import default_models

    monkeypatch.delenv("NEWSKB_MODELS", raising=False)
    monkeypatch.setattr("newskb.ingest.settings.installed",
                        lambda name: name in ("en_core_web_sm", "en_core_web_md"))
    assert default_models()["en"] == "en_core_web_md"


def test_models_from_the_environment(monkeypatch) -> None:
    from newskb.ingest.settings import BadModelSetting, default_models

    monkeypatch.setenv("NEWSKB_MODELS", "en=en_core_web_sm, ja=blank")
    assert default_models() == {"ja": None, "en": "en_core_web_sm"}
    monkeypatch.setenv("NEWSKB_MODELS", "fr=fr_core_news_sm")
    with pytest.raises(BadModelSetting, match="NEWSKB_MODELS: 'fr=fr_core_news_sm': use LANG=MODEL"):
        default_models()


# ---------------------------------------------------------------- long articles and failures


@pytest.mark.parametrize("text,limit,expected", [
    ("short", 100, [(0, "short")]),
    ("aaaa\nbbbb\ncccc", 10, [(0, "aaaa\nbbbb\n"), (10, "cccc")]),          # after a paragraph
    ("一文目です。二文目です。三文目", 8, [(0, "一文目です。"), (6, "二文目です。"), (12, "三文目")]),
    ("x" * 25, 10, [(0, "x" * 10), (10, "x" * 10), (20, "x" * 5)]),          # no boundary: anywhere
])
def test_sections_cut_at_paragraphs_then_sentences(text: str, limit: int, expected) -> None:
    from newskb.ingest.pipeline import sections

    assert sections(text, limit) == expected
    assert "".join(piece for _, piece in sections(text, limit)) == text


@pytest.mark.ginza
def test_a_japanese_article_longer_than_sudachi_accepts(ginza_nlp, fresh_db) -> None:
    """SudachiPy refuses more than 49,149 bytes at once: a long article is read in sections."""
    from newskb.kb.build import ingest_sources

    sentence = "OpenAIとAWSが2025年11月3日、総額380億ドルの契約を締結した。\n"
    text = "長い記事\n" + sentence * 1200
    assert len(text.encode()) > 49_149
    summary = ingest_sources(fresh_db, [], items=[Article(text=text, origin="long", key="long", lang="ja")])
    assert summary.line() == "1 added, 0 updated, 0 unchanged, 0 failed"
    stored = fresh_db.execute("select text from articles").fetchone()[0]
    for table in ("mentions", "money", "dates"):
        rows = fresh_db.execute(f"select start, end, text from {table}").fetchall()
        assert len(rows) >= 1200 and all(stored[s:e] == t for s, e, t in rows), table


def test_an_article_the_pipeline_cannot_process_fails_alone(fresh_db, monkeypatch) -> None:
    from newskb.kb.build import ingest_sources

    def broken(self, doc):
        if "poison" in doc.text:
            raise RuntimeError("extractor exploded\nsecond line")
        return doc

    monkeypatch.setattr("newskb.ingest.components.money.MoneyExtractor.__call__", broken)
    articles = [Article(text="Oracle grows. poison", origin="bad.txt", key="bad", lang="en"),
                Article(text="Oracle signed a $5 billion contract with Nebius.", origin="good.txt",
                        key="good", lang="en")]
    summary = ingest_sources(fresh_db, [], items=articles)
    assert summary.line() == "1 added, 0 updated, 0 unchanged, 1 failed"
    assert summary.errors == ["bad.txt: could not be processed (RuntimeError: extractor exploded)"]
