"""``newskb export``: a canned query's rows or a table written as CSV, JSON lines or Parquet, the frames
of the Python API; tables round-trip; bad input gets one line naming it."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import newskb
from newskb.kb.cli import cli
from newskb.kb.frames import typed
from newskb.kb.schema import TABLES_BY_NAME


def read_back(path: Path, fmt: str, table: str) -> pd.DataFrame:
    """A file export wrote, read as pandas reads it, then typed as the table's declaration says."""
    if fmt == "parquet":
        return pd.read_parquet(path)  # Parquet keeps the types
    text_columns = {c.name: str for c in TABLES_BY_NAME[table].columns if c.type is str}
    if fmt == "csv":
        frame = pd.read_csv(path, dtype=text_columns, keep_default_na=False, na_values=[""])
    else:
        frame = pd.read_json(path, lines=True, dtype=False)  # no guessing: numbers as JSON has them
    return typed(frame, TABLES_BY_NAME[table])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("table", ["money", "deals", "deal_events", "gpu_specs", "entities", "dates",
                                   "articles"])
def test_a_table_round_trips(runner: CliRunner, analyst_kb: Path, tmp_path: Path, table: str,
                             fmt: str) -> None:
    out = tmp_path / f"{table}.{fmt}"
    result = runner.invoke(cli, ["export", table, "--db", str(analyst_kb), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with newskb.open(analyst_kb) as kb:
        expected = kb.table(table)
    assert len(expected)
    pd.testing.assert_frame_equal(read_back(out, fmt, table), expected)


def test_a_query_with_parameters_to_standard_output(runner: CliRunner, analyst_kb: Path) -> None:
    result = runner.invoke(cli, ["export", "deal_list", "--db", str(analyst_kb),
                                 "--param", "party=ルーメン・ラボ", "--param", "since=2025-11"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame["event_id"].tolist() == [2] and frame["day"].tolist() == ["2025-11-20"]
    assert frame.columns.tolist() == newskb.open(analyst_kb).query("deal_list").columns.tolist()


@pytest.mark.parametrize("args, fmt", [
    (["--out", "{tmp}/t.jsonl"], "jsonl"),  # from the file's extension
    (["--out", "{tmp}/t.PARQUET"], "parquet"),
    (["--out", "{tmp}/t.txt"], "csv"),
    (["--out", "{tmp}/t.csv", "--format", "jsonl"], "jsonl"),  # --format first
])
def test_the_format_follows_the_file_name(runner: CliRunner, analyst_kb: Path, tmp_path: Path,
                                          args: list[str], fmt: str) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    result = runner.invoke(cli, ["export", "entity_timeline", "--db", str(analyst_kb),
                                 "--param", "name=Lumen Labs", *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{args[1]}: 2 rows of entity_timeline\n"
    data = Path(args[1]).read_bytes()
    if fmt == "parquet":
        assert data[:4] == b"PAR1"
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in data.decode().splitlines()]
        assert [r["day"] for r in rows] == ["2025-10-05", "2025-11-20"]  # days, not timestamps
    else:
        assert data.decode().splitlines()[0] == "day,articles,mentions,deals,deal_usd"


def test_jsonl_keeps_japanese_and_writes_nulls(runner: CliRunner, analyst_kb: Path) -> None:
    result = runner.invoke(cli, ["export", "money_figures", "--db", str(analyst_kb), "--format", "jsonl",
                                 "--param", "role=investment"])
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["text"], row["approx"], row["low"]) == ("約50億ドル", True, None)
    assert row["published"] == "2025-11-20"
    assert "約50億ドル" in result.stdout  # as written, not \\u-escaped


@pytest.mark.parametrize("args, code, message", [
    (["dealz"], 1, "Error: dealz: no canned query or table of that name (did you mean deals?)"),
    (["qqq"], 1, ("Error: qqq: no canned query or table of that name "
                  "(the README lists the canned queries and the tables)")),
    (["entity_timeline"], 1,
     "Error: entity_timeline: missing parameter name (it takes: name); give it as --param name=VALUE"),
    (["search", "--param", "q=x", "--param", "lang=ja"], 1, "Error: search: no parameter lang (it takes: q)"),
    (["money", "--param", "role=capex"], 1, "Error: money: takes no parameters (given: role)"),
    (["search", "--param", "q"], 2, "Error: Invalid value for --param: 'q' is not NAME=VALUE"),
    (["money", "--format", "xml"], 2,
     "Error: Invalid value for '--format': 'xml' is not one of 'csv', 'jsonl', 'parquet'."),
])
def test_bad_input_is_one_line_naming_it(runner: CliRunner, analyst_kb: Path, args: list[str], code: int,
                                         message: str) -> None:
    result = runner.invoke(cli, ["export", *args, "--db", str(analyst_kb)])
    assert result.exit_code == code
    assert result.stderr.splitlines()[-1] == message
    assert result.stdout == ""


def test_a_missing_knowledge_base_is_not_created(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "money", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    message = f"Error: {tmp_path / 'none.db'}: no such knowledge base (build one with newskb ingest)\n"
    assert result.stderr == message
    assert not (tmp_path / "none.db").exists()
