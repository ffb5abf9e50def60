"""Quality floors on the peer suite: Microsoft Recognizers-Text's Japanese and English specs
(currency, dates, date periods, durations) as articles, scored by ``../shared/peer/score.py``.

The scorer ingests every case with this venv's ``newskb`` (about a minute on a 2-core machine)
and reports, per language and type, recall and precision; each floor below is the figure reached,
rounded down about a point.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer"

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(not (PEER / "score.py").exists(), reason="../shared/peer is not beside the repo"),
]

# (language, type): (F1, precision) floors
FLOORS = {
    ("ja", "date"): (0.91, 0.94),
    ("en", "date"): (0.83, 0.89),
    ("ja", "duration"): (0.90, 0.93),
    ("en", "duration"): (0.94, 0.99),
    ("ja", "money"): (0.95, 0.97),
    ("en", "money"): (0.91, 0.92),
}


@pytest.fixture(scope="module")
def peer_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, int]]:
    """The scorer's per language/type counts (``last_run.json``'s summary), from one run."""
    out = tmp_path_factory.mktemp("peer")
    newskb = Path(sys.executable).with_name("newskb")
    command = [sys.executable, str(PEER / "score.py"), "--newskb", str(newskb), "--out", str(out)]
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((out / "last_run.json").read_text(encoding="utf-8"))["summary"]


def f1_and_precision(counts: dict[str, int]) -> tuple[float, float]:
    """As the scorer computes them: recall over every expected value, precision over the cases
    whose spec annotates the type completely."""
    recall = counts.get("found", 0) / counts["expected"] if counts.get("expected") else 0.0
    scored = counts.get("tp", 0) + counts.get("fp", 0)
    precision = counts.get("tp", 0) / scored if scored else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return f1, precision


@pytest.mark.parametrize(("lang", "kind"), list(FLOORS))
def test_peer_floor(peer_scores, lang, kind):
    f1, precision = f1_and_precision(peer_scores[f"{lang}/{kind}"])
    f1_floor, precision_floor = FLOORS[(lang, kind)]
    assert f1 >= f1_floor and precision >= precision_floor, (
        f"{lang} {kind}: F1 {f1:.3f} (floor {f1_floor}), precision {precision:.3f} (floor {precision_floor})")
