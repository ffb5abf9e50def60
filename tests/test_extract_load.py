"""newskb extract and newskb load: records on disk, stored as ingest stores them.

The samples through blank pipelines (no model: fast), extracted into shards of each format, give
every row that an ingest of the same articles gives; loading twice changes nothing; a shard that
is damaged, missing or of another extractor version is named on one line and the others load.
Ray's own tests (tests/test_ray.py) do the same through a cluster with the real models.
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, every_row

from newskb.ingest import ray_engine
from newskb.ingest.records import FORMAT_VERSION
from newskb.ingest.settings import ExtractionError
from newskb.ingest.shards import ShardError, ShardWriter, read_folder
from newskb.kb.cli import cli

BLANK = ["--model", "ja=blank", "--model", "en=blank", "--workers", "1"]
FORMATS = ["jsonl", "parquet"]
SUFFIX = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}


def run(*args: str) -> tuple[int, list[str]]:
    """Exit code and the lines a command printed (its errors and summary)."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output.strip().splitlines()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples ingested, the rows every extract and load must give."""
    path = tmp_path_factory.mktemp("ingested") / "kb.db"
    code, lines = run("ingest", str(SAMPLES), "--db", str(path), *BLANK)
    assert code == 0, lines
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The samples extracted, once into shards of each format."""
    folders = {}
    for fmt in FORMATS:
        out = tmp_path_factory.mktemp(fmt) / "records"
        code, lines = run("extract", str(SAMPLES), "--out", str(out), "--format", fmt, *BLANK)
        assert code == 0, lines
        assert lines[-1].startswith(f"{out}: 11 articles extracted into 2 shards, 0 failed (")
        folders[fmt] = out
    return folders


@pytest.fixture
def records(extracted: dict[str, Path], tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A copy of the extracted folder of the test's format, for the test to damage."""
    fmt = getattr(request, "param", "jsonl")
    return Path(shutil.copytree(extracted[fmt], tmp_path / "records"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_extract_then_load_stores_the_rows_of_ingest(extracted: dict[str, Path], ingested: Path,
                                                     tmp_path: Path, fmt: str) -> None:
    db_path = tmp_path / "loaded.db"
    code, lines = run("load", str(extracted[fmt]), "--db", str(db_path))
    assert code == 0, lines
    assert len(lines) == 1 and lines[0].startswith(f"{db_path}: 11 added, 0 updated, 0 unchanged, 0 failed (")
    assert every_row(db_path) == every_row(ingested)


def test_the_manifest_says_what_was_extracted(extracted: dict[str, Path]) -> None:
    manifest = json.loads((extracted["jsonl"] / "manifest.json").read_text())
    assert (manifest["format"], manifest["format_version"]) == ("newskb-records", FORMAT_VERSION)
    assert manifest["sources"] == [str(SAMPLES)] and manifest["extractor_version"].startswith("0.")
    assert (manifest["articles"], manifest["failed"], manifest["source_errors"]) == (11, 0, [])
    assert [(s["file"], s["articles"]) for s in manifest["shards"]] == [
        ("records-000001.jsonl.gz", 5), ("records-000002.jsonl.gz", 6)]
    assert manifest["facts"]["mentions"] > 100 and manifest["facts"]["deals"] > 10
    with gzip.open(extracted["jsonl"] / "records-000001.jsonl.gz", "rt", encoding="utf-8") as f:
        header, first = json.loads(f.readline()), json.loads(f.readline())
    assert header == {"format": "newskb-records", "format_version": FORMAT_VERSION,
                      "extractor_version": manifest["extractor_version"], "articles": 5}
    assert set(first) == {"article", "records"} and first["article"]["lang"] in ("ja", "en")


@pytest.mark.parametrize("fmt", FORMATS)
def test_loading_twice_changes_nothing(extracted: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    db_path = tmp_path / "kb.db"
    assert run("load", str(extracted[fmt]), "--db", str(db_path))[0] == 0
    once = every_row(db_path)
    assert run("load", str(extracted[fmt]), "--db", str(db_path)) == (
        0, [f"{db_path}: 0 added, 0 updated, 11 unchanged, 0 failed"])
    assert every_row(db_path) == once


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _change_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))


CHANGED = "changed or truncated since extract wrote it (its SHA-256 is not the manifest's)"


@pytest.mark.parametrize(("records", "damage", "problem"), [
    ("jsonl", _truncate, CHANGED),
    ("jsonl", _change_one_byte, CHANGED),
    ("jsonl", Path.unlink, "missing (manifest.json lists it)"),
    ("parquet", _truncate, "cannot be read (ArrowInvalid: "),
], indirect=["records"])
def test_a_damaged_shard_is_named_on_one_line_and_the_others_load(records: Path, tmp_path: Path, damage,
                                                                  problem: str) -> None:
    first = next(records.glob("records-000001.*"))
    damage(first)
    db_path = tmp_path / "kb.db"
    code, lines = run("load", str(records), "--db", str(db_path))
    assert code == 1
    assert lines[0].startswith(f"error: {first}: {problem}")
    assert lines[1].startswith(f"{db_path}: 6 added, 0 updated, 0 unchanged, 5 failed (")
    assert len(lines) == 2


@pytest.mark.parametrize("placed_as", ["records-000002.jsonl.gz", "records-000003.jsonl.gz"])
def test_a_shard_of_another_extractor_version_is_named_and_the_others_load(
        records: Path, tmp_path: Path, placed_as: str) -> None:
    """A gazetteer of one's own makes another extractor version: a shard it wrote, put in place of
    a shard of the folder or beside them, is refused, whatever the manifest says."""
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text("- name: Zephyr Grid\n  type: ORG\n  aliases: [Zephyr]\n", encoding="utf-8")
    other = tmp_path / "other"
    assert run("extract", str(SAMPLES), "--out", str(other), "--gazetteer", str(gazetteer), *BLANK)[0] == 0
    shutil.copy(other / "records-000002.jsonl.gz", records / placed_as)
    theirs = json.loads((other / "manifest.json").read_text())["extractor_version"]
    ours = json.loads((records / "manifest.json").read_text())["extractor_version"]
    assert theirs != ours
    db_path = tmp_path / "kb.db"
    code, lines = run("load", str(records), "--db", str(db_path))
    assert code == 1
    assert lines[0] == (f"error: {records / placed_as}: records of extractor version {theirs}, this folder's "
                        f"are {ours}: extract its sources again")
    kept = 5 if placed_as == "records-000002.jsonl.gz" else 11  # in place of the second shard's 6, or beside
    assert lines[1].startswith(f"{db_path}: {kept} added, 0 updated, 0 unchanged, 6 failed (")


@pytest.mark.parametrize(("make", "named", "problem"), [
    (Path.mkdir, "records/manifest.json",
     "missing: an extract that did not finish, or not a folder of records (run newskb extract again)"),
    (lambda folder: None, "records", "no such folder of records (write one with newskb extract)"),
])
def test_a_folder_that_is_not_records_is_a_one_line_error(tmp_path: Path, make, named: str,
                                                          problem: str) -> None:
    make(tmp_path / "records")
    db_path = tmp_path / "kb.db"
    assert run("load", str(tmp_path / "records"), "--db", str(db_path)) == (
        1, [f"error: {tmp_path / named}: {problem}", f"{db_path}: 0 added, 0 updated, 0 unchanged, 1 failed"])


def test_extract_refuses_a_folder_that_holds_records(extracted: dict[str, Path]) -> None:
    folder = extracted["jsonl"]
    assert run("extract", str(SAMPLES), "--out", str(folder), *BLANK) == (
        1, [f"Error: {folder}: holds the records of an earlier extract: give a new or empty folder"])


def test_sources_that_cannot_be_read_are_reported_by_extract_and_again_by_load(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Oracle signs with OpenAI\n\nOracle signed a $5 billion contract with OpenAI.\n")
    missing = tmp_path / "missing.md"
    out, db_path = tmp_path / "records", tmp_path / "kb.db"
    code, lines = run("extract", str(missing), str(article), "--out", str(out), *BLANK)
    assert code == 1 and lines[0].startswith(f"error: {missing}: ")
    assert lines[1].startswith(f"{out}: 1 articles extracted into 1 shards, 1 failed")
    code, lines = run("load", str(out), "--db", str(db_path))
    assert code == 1 and lines[0].startswith(f"error: {missing}: ")
    assert lines[1].startswith(f"{db_path}: 1 added, 0 updated, 0 unchanged, 1 failed")


@pytest.mark.parametrize("fmt", FORMATS)
def test_records_and_errors_cross_the_disk_unchanged(tmp_path: Path, fmt: str) -> None:
    """Every kind of record, references among them (a conversion, a deal's parties and figure), and an
    article the pipeline could not read."""
    import analyst_kb

    pairs = analyst_kb._articles()
    failed = (pairs[0][0], ExtractionError(pairs[0][0].origin, "could not be processed (ValueError: x)"))
    writer = ShardWriter(tmp_path / "records", "test-version", fmt)  # type: ignore[arg-type]
    writer.write([*pairs[:2], failed])
    writer.write(pairs[2:])
    writer.finish()
    manifest, shards = read_folder(tmp_path / "records")
    back = [pair for shard in shards for pair in shard]  # type: ignore[union-attr]
    assert manifest.articles == len(pairs) + 1 and manifest.failed == 1
    assert [a for a, _ in back] == [*(a for a, _ in pairs[:2]), failed[0], *(a for a, _ in pairs[2:])]
    assert [r for _, r in back if not isinstance(r, ExtractionError)] == [r for _, r in pairs]
    (error,) = [r for _, r in back if isinstance(r, ExtractionError)]
    assert (error.origin, error.problem) == (failed[1].origin, failed[1].problem)
    assert any(deal.parties for _, records in pairs for deal in records.deals)


def test_engine_ray_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setattr(ray_engine, "ray_installed", lambda: False)
    for command in (["ingest", str(SAMPLES), "--db", str(tmp_path / "kb.db")],
                    ["extract", str(SAMPLES), "--out", str(tmp_path / "out")]):
        assert run(*command, "--engine", "ray") == (
            1, ["Error: --engine ray needs Ray, which is not installed: pip install 'newskb[ray]'"])
    assert not (tmp_path / "kb.db").exists() and not (tmp_path / "out").exists()


def test_a_ray_address_is_for_the_ray_engine(tmp_path: Path) -> None:
    code, lines = run("ingest", str(SAMPLES), "--db", str(tmp_path / "kb.db"), "--ray-address",
                      "127.0.0.1:6379")
    assert code == 2 and lines[-1] == "Error: --ray-address is for --engine ray"


def test_shard_errors_name_the_shard() -> None:
    error = ShardError("records/records-000003.jsonl.gz", "holds 2 of its 5 articles (truncated)", 5)
    assert str(error) == "records/records-000003.jsonl.gz: holds 2 of its 5 articles (truncated)"
    assert error.articles == 5


def test_the_record_format_is_documented_field_by_field() -> None:
    from newskb.kb.docs import RECORD_SECTIONS, RECORDS_DOC, section

    text = RECORDS_DOC.read_text(encoding="utf-8")
    assert section(text, "records") == RECORD_SECTIONS["records"](), "run: python -m newskb.kb.docs"
    assert f"version **{FORMAT_VERSION}**" in text
