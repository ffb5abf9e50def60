"""Family underwritten_bonds: bonds underwritten are a loan of the issuer, the underwriters lending —
in Japanese the issuer named before 「が発行する」 or 「の」 and the bond word (this family), in English
"underwrote … bonds issued by X" (a loan word whose subject provides, read by two_party)."""
from __future__ import annotations

import pytest
from deals_helpers import blank_pipeline, run

# (language, sentence, (issuer, underwriters, amount))
CASES = [
    ("ja", "ルネサスエレクトロニクスが発行する社債300億円を、野村証券と大和証券が引き受けた。",
     ("Renesas Electronics", {"Daiwa Securities Group", "Nomura Holdings"}, 300e8)),
    ("ja", "日本政策投資銀行は、さくらインターネットの私募債200億円を引き受けた。",
     ("Sakura Internet", {"Development Bank of Japan"}, 200e8)),
    ("ja", "三井住友銀行は、NTTデータが発行する社債100億円を引き受ける。",
     ("NTT Data", {"Sumitomo Mitsui Banking Corporation"}, 100e8)),
    ("en", "Citigroup underwrote a $4 billion bond offering by Alphabet.", ("Alphabet", {"Citigroup"}, 4e9)),
    ("en", "Barclays underwrote $2.5 billion of bonds issued by CoreWeave to fund its data centers.",
     ("CoreWeave", {"Barclays"}, 2.5e9)),
    ("en", "Morgan Stanley underwrites $7 billion of notes issued by Meta for its campus in Ohio.",
     ("Meta", {"Morgan Stanley"}, 7e9)),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[c[1][:24] for c in CASES])
def test_issuer_borrows_from_underwriters(lang: str, text: str,
                                          expected: tuple[str, set[str], float]) -> None:
    issuer, lenders, amount = expected
    doc = run(blank_pipeline(lang), text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    found = {
        (d["amount"], frozenset((names[tuple(p["entity"])], p["role"]) for p in d["parties"]))
        for d in doc._.deals
    }
    assert found == {(amount, frozenset({(issuer, "borrower"), *((n, "lender") for n in lenders)}))}


@pytest.mark.parametrize("lang,text", [
    ("ja", "NTTは社債を発行した。"),
    ("ja", "KDDIは社債の格付けを引き上げた。"),
    ("en", "Oracle's bonds fell 3% on Monday."),
])
def test_no_underwriter_no_deal(lang: str, text: str) -> None:
    assert run(blank_pipeline(lang), text)._.deals == []
