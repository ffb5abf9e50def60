"""Family won_order: a supplier that won, landed or secured an order (受注) is paid by the buyer it
names ("Dell wins $4 billion AI server order from CoreWeave", 「富士通はKDDIからサーバーを受注した」);
an outlet that reports it, citing its sources, is no party."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("en", "Supermicro wins $2 billion AI server order from xAI", {deal("Supermicro", "xAI", amount=2 * B)}),
    ("en", "Foxconn has landed a $1.5 billion order for GPU racks from Oracle.",
     {deal("Foxconn", "Oracle", amount=1.5 * B)}),
    ("en",
     ("Celestica secured a $900 million order for networking gear from Google, Bloomberg News reported, "
      "citing people familiar with the matter."), {deal("Celestica", "Google", amount=0.9 * B)}),
    ("ja", "富士通は、KDDIからAIサーバーを約300億円で受注した。", {deal("Fujitsu", "KDDI", amount=30 * B)}),
    # an order placed in order to…, an executive order: no deal
    ("en", "Oracle raised $18 billion in bonds in order to fund data centers.", set()),
    ("en", "Nvidia won praise for its order book, analysts said.", set()),
]

test_won_order, test_won_order_with_ginza = case_tests(CASES)
