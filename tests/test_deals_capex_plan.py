"""Family capex_plan: a company's plan for its capital spending is a capex deal of it alone."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("en", "Microsoft spent $35 billion on capital expenditures in the quarter.", set()),
    # a company's plan for its capital spending is a capex deal; a forecast or a figure reported is not
    ("ja", "Microsoftは2025年度に約800億ドルの設備投資を計画している。", {deal("Microsoft", amount=80 * B)}),
    ("en", "Microsoft plans to spend about $80bn on capital expenditure in fiscal 2025.",
     {deal("Microsoft", amount=80 * B)}),
    ("en", "Microsoft will spend $80 billion on AI data centers this year.",
     {deal("Microsoft", amount=80 * B)}),
    ("en",
     ("Amazon has told investors it expects to spend about $125bn on capital expenditure in 2025, most of "
      "it on AWS data centres and chips."), {deal("Amazon", amount=125 * B)}),
    ("ja", "Oracleは2026年度の設備投資を約250億ドルと見込み、その大半をAI向けの計算設備に充てる。", set()),
    ("ja", "Googleは2025年の設備投資見通しを910億〜930億ドルに引き上げた。", set()),
    ("ja",
     "Amazonは2025年4~6月期に310億ドルを設備投資に投じ、その約4割をAI半導体の購入に充てた。",
     set()),
    ("en", "CoreWeave expects 2025 capital expenditure of $12 billion to $14 billion.", set()),
    # English planned spending: a spending spree, an investment to come in capital expenditures
    ("en", "Musk says xAI is set for a $20 billion spending spree", {deal("xAI", amount=20 * B)}),
    ("en", "Oracle told analysts it would invest roughly $35 billion in capital expenditures in fiscal 2026.",
     {deal("Oracle", amount=35 * B)}),
    ("en", "Amazon is on track to spend $100 billion on capex this year, CEO Andy Jassy said.",
     {deal("Amazon", amount=100 * B)}),
    # an investment amount stated on its own is the investment of the company the article is about
    ("ja",
     ("さくらインターネットは石狩市で新棟を建設する。9月に着工し、2026年春の完成を予定している。"
      "投資額は約120億円。"), {deal("Sakura Internet", amount=12 * B)}),
    ("en",
     ("Nebius will build a data center in Finland. Construction starts in May. The investment is expected "
      "to total $1 billion."), {deal("Nebius", amount=1 * B)}),
    # … unless it is the amount of the deal just stated
    ("ja", "NebiusはMicrosoftにGPUの計算資源を提供する契約を結んだ。投資額は174億ドルとなる。",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    # … or of the project several companies build together, named in the sentence before
    ("ja", ("住友商事、関西電力、NTTデータの3社は、京都府に大型データセンターを共同で建設する。"
            "総事業費は約2000億円。"),
     {deal("Sumitomo Corporation", "Kansai Electric Power", "NTT Data", amount=200 * B)}),
    ("ja", "KDDIと日立製作所は大阪府で共同でAI拠点を整備する。投資額は約300億円。",
     {deal("KDDI", "Hitachi", amount=30 * B)}),
    ("en",
     ("Oracle and SoftBank Corp. will jointly build a data center campus in Osaka. The project will cost "
      "$1.1 billion."), {deal("Oracle", "SoftBank Corp.", amount=1.1 * B)}),
    ("ja", "KDDIは大阪府にデータセンターを建設する。投資額は約300億円。", {deal("KDDI", amount=30 * B)}),
]


test_capex_plan, test_capex_plan_with_ginza = case_tests(CASES)

# the company builds something and a later clause of the sentence gives the investment's amount
CLAUSES: list[tuple[str, str, set[Deal]]] = [
    ("ja", ("三井不動産はデータセンター事業に参入する。"
            "同社は大阪市で施設を建設し、総事業費は約900億円を見込む。"),
     {deal("Mitsui Fudosan", amount=90 * B)}),
    ("ja", "三菱重工業は長崎で新工場を建設し、総事業費は約500億円。",
     {deal("Mitsubishi Heavy Industries", amount=50 * B)}),
    ("en", "Applied Digital will build a campus in North Dakota, and the project will cost $2 billion.",
     {deal("Applied Digital", amount=2 * B)}),
    # the amount's clause names another company: not the builder's alone
    ("ja", "KDDIは大阪で施設を建設し、総事業費の半分をソフトバンクが負担する。", set()),
]

test_capex_clause, test_capex_clause_with_ginza = case_tests(CLAUSES)
