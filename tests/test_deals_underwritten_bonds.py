"""Family underwritten_bonds: Japanese bonds underwritten are a loan of the issuer (named before
「が発行する」 or 「の」 and the bond word), every other organization of the sentence lending."""
from __future__ import annotations

import pytest
from deals_helpers import blank_pipeline, run

CASES = [
    ("ルネサスエレクトロニクスが発行する社債300億円を、野村証券と大和証券が引き受けた。",
     "Renesas Electronics",
     {"Daiwa Securities Group", "Nomura Holdings"}, 300e8),
    ("日本政策投資銀行は、さくらインターネットの私募債200億円を引き受けた。", "Sakura Internet",
     {"Development Bank of Japan"}, 200e8),
    ("三井住友銀行は、NTTデータが発行する社債100億円を引き受ける。", "NTT Data",
     {"Sumitomo Mitsui Banking Corporation"}, 100e8),
]


@pytest.mark.parametrize("text,issuer,lenders,amount", CASES, ids=[c[0][:20] for c in CASES])
def test_issuer_borrows_from_underwriters(text: str, issuer: str, lenders: set[str], amount: float) -> None:
    doc = run(blank_pipeline("ja"), text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    found = {
        (d["amount"], frozenset((names[tuple(p["entity"])], p["role"]) for p in d["parties"]))
        for d in doc._.deals
    }
    assert found == {(amount, frozenset({(issuer, "borrower"), *((n, "lender") for n in lenders)}))}


@pytest.mark.parametrize("text", ["NTTは社債を発行した。", "KDDIは社債の格付けを引き上げた。"])
def test_no_underwriter_no_deal(text: str) -> None:
    assert run(blank_pipeline("ja"), text)._.deals == []
