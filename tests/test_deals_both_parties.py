"""Family both_parties: 「両社は…」 / "the two companies": a further deal of the two parties before."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # 「両社」: a further deal between the two parties of the deal before
    ("ja", "KDDIがさくらインターネットに約90億円を出資する。両社は同日、業務提携契約を結んだ。",
     {deal("KDDI", "Sakura Internet", amount=9 * B), deal("KDDI", "Sakura Internet")}),
    ("ja", "KDDIがさくらインターネットに約90億円を出資する。両社は今後、提携を検討する。",
     {deal("KDDI", "Sakura Internet", amount=9 * B)}),
    ("en", "Microsoft invested $5 billion in OpenAI. The two companies also signed a partnership.",
     {deal("Microsoft", "OpenAI", amount=5 * B), deal("Microsoft", "OpenAI")}),
]


test_both_parties, test_both_parties_with_ginza = case_tests(CASES)
