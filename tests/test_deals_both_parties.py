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
    # 「両社は合計で…出資」: what the companies the sentence before names put in together
    ("ja", "楽天グループと三井物産は、AI基盤の新会社を設立した。両社は合計で80億円を出資する。",
     {deal("Rakuten Group", "Mitsui & Co.", amount=8 * B)}),
    ("ja", "日立製作所と米エヌビディアは、AIインフラの合弁会社をつくる。2社で計120億円を出資する。",
     {deal("Hitachi", "NVIDIA"), deal("Hitachi", "NVIDIA", amount=12 * B)}),
    ("en",
     ("Hitachi and Nvidia will form a venture for AI factories. The two companies will invest a combined "
      "$500 million."),
     {deal("Hitachi", "NVIDIA"), deal("Hitachi", "NVIDIA", amount=0.5 * B)}),
]


test_both_parties, test_both_parties_with_ginza = case_tests(CASES)
