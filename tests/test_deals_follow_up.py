"""Family follow_up: the sentence after a deal gives its amount (「契約額は…」, "The deal is worth…")
or its term (「契約期間は7年間」)."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # the amount in the sentence after the deal: 「契約額は…」 / "The deal is worth …"
    ("ja",
     "NebiusはMicrosoftにGPUの計算資源を提供する契約を結んだと発表した。契約額は174億ドル(約2兆5600億円)だ。",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    ("ja", "Nebiusの売上高は10億ドルだった。契約額は174億ドルとみられる。", set()),
    ("en",
     "Nebius signed an agreement with Microsoft on Monday. The deal is worth $17.4 billion over five years.",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    ("ja", "ソフトバンクグループは三菱UFJ銀行からのつなぎ融資で資金を賄う。融資枠は最大100億ドル。",
     {deal("SoftBank Group", "MUFG Bank", amount=10 * B)}),
    # … after who says it, or as the amount of an extension
    ("ja", "KDDIは米スーパーマイクロとAIサーバーの購入契約を結んだ。関係者によると、契約額は約20億ドル。",
     {deal("KDDI", "Supermicro", amount=2 * B)}),
    ("ja", "楽天グループは米オラクルのクラウドの利用契約を拡大した。追加の契約額は約5億ドル。",
     {deal("Rakuten Group", "Oracle", amount=0.5 * B)}),
    ("en",
     ("Lambda signed a lease agreement with Aligned on Monday. According to the filing, the deal is worth "
      "$2.1 billion."), {deal("Lambda", "Aligned Data Centers", amount=2.1 * B)}),
    ("ja", "KDDIは米スーパーマイクロとAIサーバーの購入契約を結んだ。関係者によると、売上高は約20億ドル。",
     {deal("KDDI", "Supermicro")}),
    # a headline's phrase that is a figure alone gives the amount of the deal its other phrase states
    ("ja", "KDDI、米データブリックスに追加出資　約3億ドル", {deal("KDDI", "Databricks", amount=0.3 * B)}),
    ("ja", "楽天グループ、米オラクルとクラウド契約　総額約12億ドル",
     {deal("Rakuten Group", "Oracle", amount=1.2 * B)}),
    ("ja", "NEC、富士通と提携\n\n約3億ドルの売上高を見込む。", {deal("NEC", "Fujitsu")}),
]


test_follow_up, test_follow_up_with_ginza = case_tests(CASES)
