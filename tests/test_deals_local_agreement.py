"""Family local_agreement: companies' agreements with local governments (立地協定, siting agreements)
and the investment they state. Japanese places are found by GiNZA, so those sentences run with it."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # the company and every local government that signs; the investment in the sentence or the next
    ("ja", "ハイレゾは香川県、高松市と立地協定を締結した。投資額は約500億円。",
     {deal("Highreso", "Kagawa Prefectural Government", "高松市役所", amount=50 * B)}),
    ("ja", "香川県と高松市は、ハイレゾとデータセンターの進出協定を結んだと発表した。",
     {deal("Highreso", "Kagawa Prefectural Government", "高松市役所")}),
    ("ja", "さくらインターネットは北海道石狩市と包括連携協定を結び、約100億円を投じて新拠点を建設する。",
     {deal("Sakura Internet", "Ishikari City Government", amount=10 * B)}),
    # a local government where something is, not one that signs; an agreement not yet made
    ("ja", "経済産業省は、北海道千歳市で工場を建設するRapidusに最大500億円を支援する。",
     {deal("Ministry of Economy, Trade and Industry", "Rapidus", amount=50 * B)}),
    ("ja", "ハイレゾは香川県と立地協定の締結を目指している。", set()),
    # English
    ("en", "Highreso signed a siting agreement with Kagawa Prefecture to build a $300 million data center.",
     {deal("Highreso", "Kagawa Prefecture", amount=0.3 * B)}),
    ("en", "Oracle agreed a siting agreement with Shelby County for a $5 billion campus.",
     {deal("Oracle", "Shelby County", amount=5 * B)}),
    ("en", "Meta signed a $10 billion development agreement with Kagawa Prefecture.",
     {deal("Meta", "Kagawa Prefecture", amount=10 * B)}),
    # officials sign for their governments (知事, 市長), a company's president for it
    ("ja",
     ("北海道の山田太郎知事と佐藤花子札幌市長、さくらインターネットの田中一郎社長が10日、"
      "札幌市の道庁でデータセンターの立地協定を締結した。"),
     {deal("Sakura Internet", "Hokkaido Prefectural Government", "Sapporo City Government")}),
    ("en", "Highreso hopes to sign an agreement with Kagawa Prefecture next year.", set()),
]

test_local_agreement, test_local_agreement_with_ginza = case_tests(CASES, blank=("en",))
