"""The newskb command, run in-process: every command, its help, its messages and exit codes."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED, SHARED_CORPUS
from sqlite_utils import Database

from newskb.kb.cli import cli

EN_ARTICLE = """---
title: Helion Compute signs $2.5bn GPU deal with CoreWeave
url: https://example.com/helion
published: 2025-11-03
source: Example Wire
lang: en
---
Helion Compute Inc. signed a $2.5 billion contract with CoreWeave on Monday for 20,000 NVIDIA GB300 GPUs.
"""


@pytest.fixture
def en_file(tmp_path: Path) -> Path:
    path = tmp_path / "helion.md"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [[], ["ingest"], ["serve"], ["demo"], ["evaluate"], ["reextract"],
                                     ["extract"], ["load"]])
def test_help_has_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "newskb" in result.output and ("Example" in result.output or "Quick start" in result.output)


def test_ingest_then_unchanged(runner: CliRunner, en_file: Path, db_path: Path, monkeypatch) -> None:
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert f"{db_path}: 1 added, 0 updated, 0 unchanged, 0 failed" in result.output
    db = Database(db_path)
    row = db.execute("select title, url, published, source, lang from articles").fetchone()
    assert row == ("Helion Compute signs $2.5bn GPU deal with CoreWeave", "https://example.com/helion",
                   "2025-11-03", "Example Wire", "en")
    counts = {t: db[t].count for t in ("articles", "entities", "mentions", "money")}
    assert counts["money"] >= 1 and counts["entities"] >= 2

    # nothing changed: no model is loaded and nothing is written
    def no_model(*args, **kwargs):
        raise AssertionError("the pipeline was built for an unchanged source")

    monkeypatch.setattr("newskb.ingest.pipeline.build_pipeline", no_model)
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    assert result.exit_code == 0 and "0 added, 0 updated, 1 unchanged, 0 failed" in result.output
    assert counts == {t: db[t].count for t in counts}


def test_an_unchanged_run_starts_without_spacy(runner: CliRunner, en_file: Path, db_path: Path) -> None:
    # in a process of its own, so that what the rest of the tests imported does not count
    runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    script = ("import sys\nfrom newskb.kb.cli import cli\n"
              "try:\n    cli(['ingest', sys.argv[1], '--db', sys.argv[2]])\n"
              "except SystemExit as exit:\n"
              "    print(exit.code, sorted(m for m in ('spacy', 'ginza', 'httpx') if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", script, str(en_file), str(db_path)], capture_output=True,
                         text=True, check=True)
    assert "0 added, 0 updated, 1 unchanged, 0 failed" in run.stdout + run.stderr
    assert run.stdout.strip().endswith("0 []")


def test_changed_article_is_re_extracted(runner: CliRunner, en_file: Path, db_path: Path) -> None:
    runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    en_file.write_text(EN_ARTICLE.replace("$2.5 billion", "$3 billion"), encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    assert "0 added, 1 updated, 0 unchanged" in result.output
    db = Database(db_path)
    assert db["articles"].count == 1
    assert [r["amount"] for r in db.query("select amount from money where currency = 'USD'")] == [3e9]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_defaults_apply_to_sources_that_do_not_say(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Oracle expands\nOracle will spend $10 billion next year.", encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db_path), "--published", "2025-06-30",
                                 "--source", "Wire", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert Database(db_path).execute("select published, source, lang from articles").fetchone() == (
        "2025-06-30", "Wire", "en")


def test_stdin(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", "-", "--db", str(db_path)],
                           input=json.dumps({"title": "x", "lang": "en",
                                             "text": "AMD and OpenAI agreed a 6 gigawatt deal."}))
    assert result.exit_code == 0, result.output
    assert Database(db_path)["articles"].count == 1


def test_failures_are_counted_and_the_rest_stored(runner: CliRunner, en_file: Path, tmp_path: Path,
                                                  db_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(cli, ["ingest", str(empty), str(en_file), str(tmp_path / "missing.md"),
                                 "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"error: {empty}: is empty" in result.output
    assert f"error: {tmp_path / 'missing.md'}: does not exist (check the path)" in result.output
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in result.output
    assert Database(db_path)["articles"].count == 1


@pytest.mark.parametrize("args,message", [
    (["--published", "someday"], "'published' is not a date: 'someday'"),
    (["--lang", "fr"], "Invalid value for '--lang'"),
    (["--model", "xx"], "use LANG=MODEL"),
])
def test_bad_options(runner: CliRunner, en_file: Path, db_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path), *args])
    assert result.exit_code == 2 and message in result.output


def test_missing_model_is_a_clear_error(runner: CliRunner, en_file: Path, db_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path),
                                 "--model", "en=en_core_web_zz"])
    assert result.exit_code == 1
    assert "spaCy model 'en_core_web_zz' is not installed" in result.output


def test_not_a_database(runner: CliRunner, en_file: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite " * 100)
    result = runner.invoke(cli, ["ingest", str(en_file), "--db", str(bogus)])
    assert result.exit_code == 1 and f"{bogus}: cannot be opened as a newskb knowledge base" in result.output


def test_serve_get_prints_json(runner: CliRunner, en_file: Path, db_path: Path) -> None:
    runner.invoke(cli, ["ingest", str(en_file), "--db", str(db_path)])
    result = runner.invoke(cli, ["serve", "--db", str(db_path), "--get", "/kb/entities.json?_shape=array"])
    assert result.exit_code == 0, result.output
    assert "CoreWeave" in {r["name"] for r in json.loads(result.stdout)}


def test_serve_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such knowledge base" in result.output


def test_reextract_after_a_gazetteer_edit(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nlang: en\n---\nZephyr Grid signed a deal with Oracle.", encoding="utf-8")
    runner.invoke(cli, ["ingest", str(path), "--db", str(db_path)])
    result = runner.invoke(cli, ["reextract", "--db", str(db_path)])
    assert "0 articles re-extracted" in result.output
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text("- {name: Zephyr Grid Corp, type: ORG, aliases: [Zephyr Grid]}\n")
    result = runner.invoke(cli, ["reextract", "--db", str(db_path), "--gazetteer", str(gazetteer)])
    assert result.exit_code == 0 and "1 articles re-extracted" in result.output
    names = {r["name"] for r in Database(db_path).query("select name from entities")}
    assert "Zephyr Grid Corp" in names


@pytest.mark.ginza
def test_evaluate_the_shared_corpus(runner: CliRunner) -> None:
    if not SEED.exists():
        pytest.skip("the shared corpus is not here")
    result = runner.invoke(cli, ["evaluate", str(SHARED_CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["orgs"]["f1"] >= 0.9 and scores["missing_articles"] == []
    result = runner.invoke(cli, ["evaluate", str(SHARED_CORPUS), "--misses"])
    assert result.stdout.splitlines()[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]


@pytest.mark.ginza
def test_evaluate_an_existing_database(runner: CliRunner, seed_kb: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("seed_openai_aws.gold.json", "seed_openai_aws.meta.json"):
        shutil.copy(SHARED_CORPUS / name, gold / name)
    result = runner.invoke(cli, ["evaluate", str(gold), "--db", str(seed_kb), "--json"])
    assert json.loads(result.stdout)["orgs"]["f1"] >= 0.9


def test_evaluate_bad_gold_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "has no *.gold.json files" in result.output


@pytest.mark.ginza
def test_demo_builds_the_samples_and_serves(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(cli, ["demo", "--db", str(db),
                                 "--get", "/demo/articles.json?_shape=array&_col=lang"])
    assert result.exit_code == 0, result.output
    langs = [r["lang"] for r in json.loads(result.stdout)]
    assert len(langs) >= 8 and {"ja", "en"} <= set(langs)
