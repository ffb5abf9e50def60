"""Family called_off: a deal given up (talks that collapsed or stalled, a bid abandoned, a plan
withdrawn, a report denied) is no deal, with a figure or without; the deal beside it still is."""
from __future__ import annotations

from deals_helpers import Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # given up, with a figure
    ("en", "Lumentum abandoned its $1.1 billion offer for Coherent after shareholders balked.", set()),
    ("en", "Negotiations for Oracle to lease a $2 billion campus from Vantage Data Centers broke down.",
     set()),
    ("en", "A planned $800 million investment by Cisco in Nscale fell through in the spring.", set()),
    ("ja", "ルネサスエレクトロニクスは、米アルテラを約9000億円で買収する交渉を打ち切った。", set()),
    ("ja", "KDDIとローソンの300億円規模の共同出資の協議は白紙に戻った。", set()),
    # given up, without a figure
    ("en", "Talks between Micron and Kioxia on a memory joint venture have stalled, a person said.", set()),
    ("ja", "日立製作所と米オラクルの提携交渉は決裂した。", set()),
    ("ja", "NECは、米パランティアとの資本提携を断念したと発表した。", set()),
    # a deal made stays one
    ("en", "Cisco agreed to acquire Splunk for $28 billion.", {deal("Cisco", "Splunk", amount=28e9)}),
    ("ja", "日立製作所は米オラクルと提携した。", {deal("Hitachi", "Oracle")}),
]

test_called_off, test_called_off_with_ginza = case_tests(CASES)
