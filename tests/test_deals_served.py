"""Compute served for or on a counterparty: "will host GPU clusters for Mistral AI" (the subject provides,
the one served buys), "will run its models on Google Cloud" (the subject buys), "will pay Nebius $3
billion for AI capacity" (the subject pays, the one paid provides)."""
from __future__ import annotations

import pytest
from deals_helpers import blank_pipeline, run

CASES = [
    ("CoreWeave will host GPU clusters for Mistral AI under a $1.5 billion contract.",
     "Mistral AI", "CoreWeave", 1.5e9),
    ("Nscale will build and operate clusters for Microsoft in a $6 billion deal.",
     "Microsoft", "Nscale", 6e9),
    ("Anthropic will run its Claude models on Oracle under a deal worth $3 billion.", "Anthropic", "Oracle",
     3e9),
    ("Amazon will pay Lambda $1.2 billion for GPU capacity over four years.", "Amazon", "Lambda", 1.2e9),
    ("Microsoft agreed to pay CoreWeave $2 billion for access to GPUs.", "Microsoft", "CoreWeave", 2e9),
]


@pytest.mark.parametrize("text,buyer,provider,amount", CASES, ids=[c[0][:40] for c in CASES])
def test_served_counterparty(text: str, buyer: str, provider: str, amount: float) -> None:
    doc = run(blank_pipeline("en"), text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    found = {
        (d["amount"], frozenset((names[tuple(p["entity"])], p["role"]) for p in d["parties"]))
        for d in doc._.deals
    }
    assert found == {(amount, frozenset({(buyer, "buyer"), (provider, "provider")}))}


@pytest.mark.parametrize("text", [
    "Intel will pay $500 million to settle the case.",
    "Oracle trains its sales staff on Mondays.",
])
def test_no_counterparty_served(text: str) -> None:
    assert run(blank_pipeline("en"), text)._.deals == []
