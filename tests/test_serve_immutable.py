"""newskb serve --immutable: a finished knowledge base in Datasette's immutable mode, its table counts
from an inspect file computed once, kept beside it and made again when the file changes."""
from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from newskb.kb.cli import cli
from newskb.kb.serve import current_inspect_file, inspect_path, make_datasette, make_inspect_file
from newskb.kb.store import open_db


@pytest.fixture
def kb(analyst_kb: Path, tmp_path: Path) -> Path:
    """A copy of the small knowledge base of tests/analyst_kb.py, named market.db."""
    return Path(shutil.copy(analyst_kb, tmp_path / "market.db"))


def serve_get(db_path: Path, path: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--immutable", "--get", path])
    return result.exit_code, result.output


def test_serves_read_only_in_immutable_mode(kb: Path) -> None:
    code, output = serve_get(kb, "/-/databases.json")
    assert code == 0, output
    (database,) = json.loads(output)
    assert (database["name"], database["is_mutable"]) == ("market", False)
    code, output = serve_get(kb, "/market/entities.json?_shape=array&_sort=id")
    assert code == 0 and [e["name"] for e in json.loads(output)][:1] == ["Northwind Cloud"]


def test_the_inspect_file_holds_the_counts_and_is_made_once(kb: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert serve_get(kb, "/market.json")[0] == 0
    inspected = json.loads(inspect_path(kb).read_text())["market"]
    db = Database(kb)
    assert inspected["tables"]["articles"]["count"] == db["articles"].count == 3
    assert inspected["tables"]["mentions"]["count"] == db["mentions"].count > 0
    assert inspected["newskb_file"]["size"] == kb.stat().st_size
    made = inspect_path(kb).stat().st_mtime_ns

    def no_second_inspection(path):
        raise AssertionError(f"inspected {path} again, unchanged")
    monkeypatch.setattr("newskb.kb.serve.make_inspect_file", no_second_inspection)
    code, output = serve_get(kb, "/market.json")
    assert code == 0, output
    assert inspect_path(kb).stat().st_mtime_ns == made


def test_datasette_takes_its_counts_from_the_inspect_file(kb: Path) -> None:
    """The counts shown are the inspect file's (Datasette counts nothing itself on an immutable
    database that has one): the proof, a count changed in the file is the count shown."""
    path = make_inspect_file(kb)
    data = json.loads(path.read_text())
    data["market"]["tables"]["articles"]["count"] = 1234
    path.write_text(json.dumps(data))
    assert current_inspect_file(kb) == path
    code, output = serve_get(kb, "/market.json")
    assert code == 0, output
    assert {t["name"]: t["count"] for t in json.loads(output)["tables"]}["articles"] == 1234


def test_a_changed_knowledge_base_is_inspected_again(kb: Path) -> None:
    assert serve_get(kb, "/market.json")[0] == 0
    before = json.loads(inspect_path(kb).read_text())["market"]["tables"]["accelerators"]["count"]
    db = Database(kb)
    db["accelerators"].insert({"model": "Zephyr Z1", "vendor": "Zephyr"})  # a user's own row
    db.close()
    assert current_inspect_file(kb) is None
    code, output = serve_get(kb, "/market.json")
    assert code == 0, output
    assert {t["name"]: t["count"] for t in json.loads(output)["tables"]}["accelerators"] == before + 1
    assert json.loads(inspect_path(kb).read_text())["market"]["tables"]["accelerators"]["count"] == before + 1


def test_a_knowledge_base_being_written_is_not_served_immutable(kb: Path) -> None:
    writer = open_db(kb)  # an open writer: its write-ahead log holds pages
    writer.execute("UPDATE articles SET title = title || '!' WHERE id = 1")
    writer.conn.commit()
    try:
        code, output = serve_get(kb, "/market.json")
    finally:
        writer.close()
    assert code == 1
    assert output.strip() == (f"Error: {kb}: still being written (its market.db-wal holds pages): serve it "
                              "without --immutable, or once the writer is done")


@pytest.mark.asyncio
async def test_in_process_as_newskb_serve_immutable_serves(kb: Path) -> None:
    ds = make_datasette(kb, inspect_file=await asyncio.to_thread(make_inspect_file, kb))
    response = await ds.client.get("/-/databases.json")
    assert [d["is_mutable"] for d in response.json()] == [False]
    response = await ds.client.get("/market/biggest_deals.json?_shape=array")
    assert response.status_code == 200 and response.json()
