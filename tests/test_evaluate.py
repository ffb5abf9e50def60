"""``newskb evaluate`` agrees with the reference scorer (shared/eval/score.py) on every field's counts and
on the misses it lists, on a knowledge base built from a few dev articles (one gold article left out of it,
so a missing article is scored too)."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newskb.kb.cli import cli
from newskb.kb.evaluate import FIELDS, same_amount

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "corpus" / "dev"
# Between them, tp, fp and fn in every field, as extraction stands (the test checks it does not
# depend on that: each field must be exercised, whatever its figures).
INGESTED = ("08_meti_gpu_subsidy_reuters", "10_amd_instinct_roadmap_ascii", "14_microsoft_nscale_dailycode",
            "20_highreso_kagawa_dc_kensetsu")
NOT_INGESTED = "04_amd_openai_aiupdate"
MISS = re.compile(r"^\s+(?:(\w+): )?(\S+): (missed|spurious) (.*)$")


@pytest.fixture(scope="module")
def dev_kb(tmp_path_factory: pytest.TempPathFactory, ginza_nlp) -> tuple[Path, Path]:
    """A knowledge base of a few dev articles, and a gold folder of them plus one not ingested."""
    if not SCORER.exists() or not DEV.is_dir():
        pytest.skip(f"{SHARED} is not here (the shared corpus sits beside the repository)")
    from newskb.kb.build import ingest_sources
    from newskb.kb.store import open_db

    gold = tmp_path_factory.mktemp("gold")
    for name in (*INGESTED, NOT_INGESTED):
        for suffix in (".txt", ".meta.json", ".gold.json"):
            (gold / f"{name}{suffix}").symlink_to(DEV / f"{name}{suffix}")
    path = gold.parent / "dev.db"
    db = open_db(path)
    summary = ingest_sources(db, [str(gold / f"{name}.txt") for name in INGESTED])
    db.close()
    assert summary.added == len(INGESTED), summary.errors
    return path, gold


def canonical(value: Any) -> Any:
    """A value as repr() showed it, with sets in order (their repr's order changes from run to run)."""
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((canonical(v) for v in value), key=repr))
    if isinstance(value, (tuple, list)):
        return tuple(canonical(v) for v in value)
    return value


def misses(lines: list[str]) -> list[tuple[str | None, str, str, Any]]:
    found = []
    for line in lines:
        m = MISS.match(line)
        if m:
            found.append((m[1], m[2], m[3], canonical(ast.literal_eval(m[4]))))
    return found


@pytest.mark.ginza
def test_evaluate_agrees_with_the_reference_scorer(dev_kb: tuple[Path, Path]) -> None:
    path, gold = dev_kb
    reference = subprocess.run([sys.executable, str(SCORER), str(path), str(gold), "--misses"],
                               check=True, capture_output=True, text=True).stdout.splitlines()
    expected = {line.split()[0]: ast.literal_eval(line.split(maxsplit=1)[1])
                for line in reference if line.split() and line.split()[0] in FIELDS}
    runner = CliRunner()
    ours = json.loads(runner.invoke(cli, ["evaluate", str(gold), "--db", str(path), "--json"]).output)
    for field in FIELDS:
        counts = {k: ours[field][k] for k in ("tp", "fp", "fn")}
        assert counts == {k: expected[field][k] for k in ("tp", "fp", "fn")}, field
        # every field matched and missed something (money: nothing missed on dev so far)
        exercised = counts["tp"] and (counts["fp"] + counts["fn"] or field == "money")
        assert exercised, f"{field} is not exercised: {counts}"
    assert ours["missing_articles"] == [NOT_INGESTED]

    listed = runner.invoke(cli, ["evaluate", str(gold), "--db", str(path), "--misses"])
    assert listed.exit_code == 0, listed.output
    our_misses = misses(listed.output.splitlines())
    # the reference lists its misses field by field without naming the field: give each field as many
    # of them, in order, as we list for it (a different count then shows as a different list)
    reference_misses, at = [], 0
    in_order = misses(reference)
    for field in FIELDS:
        count = sum(1 for miss in our_misses if miss[0] == field)
        reference_misses += [(field, *miss[1:]) for miss in in_order[at:at + count]]
        at += count
    assert our_misses and at == len(in_order)
    assert our_misses == reference_misses


@pytest.mark.parametrize("gold, predicted, same", [
    ((38e9, "USD"), (38.2e9, "USD", 38.2e9), True),  # within 1 %
    ((38e9, "USD"), (39e9, "USD", 39e9), False),
    ((38e9, "USD"), (5.8e12, "JPY", 38.9e9), True),  # the same figure in yen, by its dollar value (5 %)
    ((38e9, "USD"), (5.8e12, "JPY", 41e9), False),
    ((5.8e12, "JPY"), (38e9, "USD", 38e9), False),  # only gold's dollar figures are compared in dollars
    ((None, None), (1e9, "USD", 1e9), True),  # gold without an amount: any
    ((2e9, "EUR"), (2e9, None, None), True),  # a figure without a currency: by its amount
])
def test_deal_amounts_match_as_the_reference_matches_them(gold: tuple, predicted: tuple, same: bool) -> None:
    assert same_amount(gold, predicted) is same
