"""Bonds underwritten: the underwriter lends to the issuer it names ("underwrote … bonds issued by X"),
a loan of the two with the underwriter as lender."""
from __future__ import annotations

import pytest
from deals_helpers import blank_pipeline, run

CASES = [
    ("Citigroup underwrote a $4 billion bond offering by Alphabet.", "Citigroup", "Alphabet", 4e9),
    ("Barclays underwrote $2.5 billion of bonds issued by CoreWeave to fund its data centers.", "Barclays",
     "CoreWeave", 2.5e9),
    ("Morgan Stanley underwrites $7 billion of notes issued by Meta for its campus in Ohio.",
     "Morgan Stanley", "Meta", 7e9),
]


@pytest.mark.parametrize("text,lender,borrower,amount", CASES, ids=[c[0][:40] for c in CASES])
def test_underwriter_lends_to_issuer(text: str, lender: str, borrower: str, amount: float) -> None:
    doc = run(blank_pipeline("en"), text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    found = {
        (d["amount"], frozenset((names[tuple(p["entity"])], p["role"]) for p in d["parties"]))
        for d in doc._.deals
    }
    assert found == {(amount, frozenset({(lender, "lender"), (borrower, "borrower")}))}
