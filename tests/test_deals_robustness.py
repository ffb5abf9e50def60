"""Quality floors on the robustness suite (tests/robustness/): news-style deal statements and
negatives written for newskb, not read from the dev corpus, each batch scored by the real pipelines
(GiNZA for Japanese) as ``tests/robustness/scoring.py`` describes.

A floor is the figure reached, rounded down by about 0.01: a change that loses deals, finds
deals where none is stated, or loses organizations on text the rules were not written for fails.
"""
from __future__ import annotations

import pytest
from robustness.scoring import BATCHES, Scores, extract, load, pipelines, score

# batch → (deals precision, deals recall, orgs F1, negatives without a deal)
FLOORS = {
    "batch1": (0.92, 0.81, 0.98, 45),
    "batch2": (0.90, 0.75, 0.96, 40),
    "batch3": (0.91, 0.63, 0.94, 40),
}

pytestmark = pytest.mark.ginza


@pytest.fixture(scope="module")
def batch_scores(ginza_nlp) -> dict[str, Scores]:
    nlp_for = pipelines()
    return {batch: score(load(batch), lambda case: extract(case, nlp_for)) for batch in BATCHES}


def test_every_batch_has_a_floor() -> None:
    assert set(BATCHES) == set(FLOORS)


@pytest.mark.parametrize("batch", BATCHES)
def test_batch_holds_its_floors(batch_scores: dict[str, Scores], batch: str) -> None:
    found, (precision, recall, orgs, clean) = batch_scores[batch], FLOORS[batch]
    assert found.deals.precision >= precision, found.report()
    assert found.deals.recall >= recall, found.report()
    assert found.orgs.f1 >= orgs, found.report()
    assert found.negatives_clean >= clean, found.report()


@pytest.mark.parametrize("batch", BATCHES)
def test_batch_cases_are_well_formed(batch: str) -> None:
    """Gold parties are organizations of their case, and every surface form is in its text."""
    for case in load(batch):
        for name, forms in case.orgs.items():
            assert all(f in case.text for f in forms), (case.id, name, forms)
            assert forms or name in case.text, (case.id, name)
        for deal in case.deals:
            assert set(deal.parties) <= set(case.orgs), (case.id, deal.parties)
            assert (deal.amount is None) == (deal.currency is None), (case.id, deal)
