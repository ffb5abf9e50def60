"""Family project finance: a project financing arranged by its lenders (「…向けにプロジェクトファイナンス
を組成した」, "secured … in project financing from X") is a loan of the borrower and its lenders; the
banks that arrange it (組成) lend. (Several arrangers with the borrower named only as the owner of
the project, 「AとBは、Xのデータセンター向けに…」, still lose the borrower.)"""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("ja", ("三菱UFJ銀行は、さくらインターネットの石狩データセンター向けに"
            "300億円のプロジェクトファイナンスを組成した。"),
     {deal("MUFG Bank", "Sakura Internet", amount=30 * B)}),
    ("ja", ("日本政策投資銀行は、IIJの松江データセンター向けに"
            "150億円のプロジェクトファイナンスを組成した。"),
     {deal("Development Bank of Japan", "Internet Initiative Japan", amount=15 * B)}),
    ("en", "Crusoe secured $1.5 billion in project financing from Blue Owl Capital.",
     {deal("Crusoe", "Blue Owl Capital", amount=1.5 * B)}),
    # a market's size is no deal
    ("en", "Project financing for data centers grew to $60 billion this year, analysts said.", set()),
]

test_project_finance, test_project_finance_with_ginza = case_tests(CASES)
