"""Family totals: totals, tranches and breakdowns are deals of their own, each part linked to its
total (part_of)."""
from __future__ import annotations

from deals_helpers import B, Part, case_tests, found_with_totals, part

CASES: list[tuple[str, str, set[Part]]] = [
    # a total stated with the deal: the deal is a part of it
    ("en",
     ("Lambda has enlarged its contract with Microsoft with a new $2.5 billion deal, taking the total value "
      "of their contracts to $11 billion."),
     {part("Lambda", "Microsoft", amount=2.5 * B, of=11 * B), part("Lambda", "Microsoft", amount=11 * B)}),
    # a tranche after the deal: a deal of its own, no total stated
    ("en",
     ("Anthropic struck a first $2 billion cloud agreement with Google in April, then a $1 billion add-on "
      "in June."),
     {part("Anthropic", "Google", amount=2 * B), part("Anthropic", "Google", amount=1 * B)}),
    ("en", "Meta agreed to a $10 billion cloud deal with Oracle, and an additional $4 billion for storage.",
     {part("Meta", "Oracle", amount=10 * B), part("Meta", "Oracle", amount=4 * B)}),
    # Japanese: a cumulative total in the sentence after, tranches, a breakdown
    ("ja",
     ("KDDIは、さくらインターネットに追加で50億円を出資すると発表した。これにより、"
      "KDDIの出資額は累計150億円となる。"),
     {part("KDDI", "Sakura Internet", amount=5 * B, of=15 * B),
      part("KDDI", "Sakura Internet", amount=15 * B)}),
    ("ja", "ソフトバンクグループはOpenAIに第1弾として75億ドルを出資し、第2弾として225億ドルを出資した。",
     {part("SoftBank Group", "OpenAI", amount=7.5 * B), part("SoftBank Group", "OpenAI", amount=22.5 * B)}),
    ("ja",
     "NTTはデータセンター事業に総額1000億円を投資する。内訳は、国内の新拠点に600億円、海外の拠点に400億円。",
     {part("NTT", amount=100 * B), part("NTT", amount=60 * B, of=100 * B),
      part("NTT", amount=40 * B, of=100 * B)}),
    ("ja",
     ("さくらインターネットは北海道の拠点を増強する。土地と建屋の購入で31億円、"
      "電源設備の更新で19億円を投資する。投資総額は50億円となる。"),
     {part("Sakura Internet", amount=3.1 * B, of=5 * B),
      part("Sakura Internet", amount=1.9 * B, of=5 * B), part("Sakura Internet", amount=5 * B)}),
    # the amount of an amountless deal, stated after it, is that deal's: no total of its own
    ("ja", "ソフトバンクグループはOpenAIへの出資を完了した。総額は410億ドルとなった。",
     {part("SoftBank Group", "OpenAI", amount=41 * B)}),
    # a total of something else is no deal
    ("en",
     "CoreWeave signed a $6 billion contract with OpenAI, bringing its total revenue backlog to $55 billion.",
     {part("CoreWeave", "OpenAI", amount=6 * B)}),
    # tranches stated after the deal, with the vehicle they go through; the total of them all
    ("ja",
     ("ソフトバンクグループ、OpenAIに1.2兆円を追加出資\nソフトバンクグループは、"
      "OpenAIに80億ドルを追加で出資したと明らかにした。\nこの追加出資は2回に分けて行われ、"
      "第1弾の40億ドルは1月にソフトバンク・ビジョン・ファンド2(SVF2)経由で払い込んだ。"
      "第2弾にあたる今回の80億ドルもSVF2経由で拠出した。"
      "共同投資家が出した30億ドルを含め、総額150億ドルの出資枠はすべて払い込まれた。"),
     {part("SoftBank Group", "OpenAI", "SoftBank Vision Fund 2", amount=8 * B, of=15 * B),
      part("SoftBank Group", "OpenAI", "SoftBank Vision Fund 2", amount=4 * B, of=15 * B),
      part("SoftBank Group", "OpenAI", "SoftBank Vision Fund 2", amount=15 * B)}),
    ("en",
     "Microsoft invested $2 billion in Mistral AI in March. A second tranche of $1 billion followed in June.",
     {part("Microsoft", "Mistral AI", amount=2 * B), part("Microsoft", "Mistral AI", amount=1 * B)}),
    ("en",
     "Nvidia reported revenue of $30 billion. A second tranche of buybacks worth $5 billion is planned.",
     set()),
    # a word of tranches after the figure is no tranche: the deal's possible value
    ("en",
     ("Nebius signed a $17.4 billion deal with Microsoft. The value could rise to as much as $19.4 billion "
      "if Microsoft takes up options for additional services."),
     {part("Nebius", "Microsoft", amount=17.4 * B)}),
    # a total of what one party spends with the other
    ("en",
     ("On Tuesday, Nebius enlarged its contract with Meta by $4.2B, lifting the Facebook owner's total "
      "planned outlay with Nebius to $15.8B."),
     {part("Nebius", "Meta", amount=4.2 * B, of=15.8 * B),
      part("Nebius", "Meta", amount=15.8 * B)}),
    # a table or a list after a heading announcing a deal's breakdown: its rows are the parts; a row naming
    # another organization has it as counterparty
    ("ja",
     ("Metaは、Googleから約50万個のTPUを総額120億ドルで購入する。\n取引の内訳:\n| 段階 | 数量 | 金額 "
      "|\n|---|---|---|\n| 第1段階 | 約20万個 | 50億ドル |\n| 第2段階 | 約30万個 | 70億ドル |\n| 合計 | "
      "約50万個 | 120億ドル |"),
     {part("Meta", "Google", amount=12 * B), part("Meta", "Google", amount=5 * B, of=12 * B),
      part("Meta", "Google", amount=7 * B, of=12 * B)}),
    ("en",
     ("Meta signed a $12 billion cloud deal with Google. Breakdown of the $12 billion deal:\n- Phase one: "
      "$5 billion in 2026\n- Phase two: $7 billion in 2027, through Oracle"),
     {part("Meta", "Google", amount=12 * B), part("Meta", "Google", amount=5 * B, of=12 * B),
      part("Meta", "Oracle", amount=7 * B, of=12 * B)}),
    # the total stated of the company (同社の累計…, "the company's total…"), not pointing back at a deal
    ("ja",
     ("ソフトバンクグループは米オープンAIに追加で60億ドルを出資した。"
      "これにより同社の累計出資額は約90億ドルとなった。"),
     {part("SoftBank Group", "OpenAI", amount=6 * B, of=9 * B),
      part("SoftBank Group", "OpenAI", amount=9 * B)}),
    ("en",
     ("Amazon will invest another $2 billion in Anthropic. That brings the company's total investment to "
      "$10 billion."),
     {part("Amazon", "Anthropic", amount=2 * B, of=10 * B), part("Amazon", "Anthropic", amount=10 * B)}),
    # … while 同契約 still points back at the deal stated
    ("ja", "KDDIはNECと契約を結んだ。同契約の総額は約100億円。", {part("KDDI", "NEC", amount=10 * B)}),
]

test_totals, test_totals_with_ginza = case_tests(CASES, read=found_with_totals)

# who puts in how much of a deal just stated, and its tranches: parts of it, the contributor's own
SHARES: list[tuple[str, str, set[Part]]] = [
    ("en",
     ("Oracle and SoftBank Group will put $900 million into Crusoe. Oracle is contributing $600 million "
      "and SoftBank Group the remaining $300 million."),
     {part("Oracle", "SoftBank Group", "Crusoe", amount=900e6),
      part("Oracle", "Crusoe", amount=600e6, of=900e6),
      part("SoftBank Group", "Crusoe", amount=300e6, of=900e6)}),
    ("ja",
     ("ソニーグループと三菱商事は、AIデータセンターの合弁に合計2000億円を出資する。"
      "このうち三菱商事が1200億円、ソニーグループが800億円を負担する。"),
     {part("Sony Group", "Mitsubishi Corporation", amount=2000e8),
      part("Sony Group", "Mitsubishi Corporation", amount=1200e8, of=2000e8),
      part("Sony Group", "Mitsubishi Corporation", amount=800e8, of=2000e8)}),
    ("ja",
     "NTTは米エクイニクスに総額20億ドルを出資する。初回に12億ドルを払い込み、残りの8億ドルは2027年に払い込む。",
     {part("NTT", "Equinix", amount=2 * B), part("NTT", "Equinix", amount=1.2 * B, of=2 * B),
      part("NTT", "Equinix", amount=0.8 * B, of=2 * B)}),
    ("en",
     ("Microsoft agreed to invest $2 billion in G42. The company will pay $1.2 billion up front and a "
      "further $800 million in installments."),
     {part("Microsoft", "G42", amount=2 * B), part("Microsoft", "G42", amount=1.2 * B, of=2 * B),
      part("Microsoft", "G42", amount=0.8 * B, of=2 * B)}),
]

# the parts in the deal's own sentence: figures adding up to its figure, with a word of paying in parts
IN_PARTS: list[tuple[str, str, set[Part]]] = [
    ("en",
     ("Meta will invest $6 billion in Nscale in two installments, $2.5 billion in March and $3.5 billion "
      "in June."),
     {part("Meta", "Nscale", amount=6 * B), part("Meta", "Nscale", amount=2.5 * B, of=6 * B),
      part("Meta", "Nscale", amount=3.5 * B, of=6 * B)}),
    ("en", "Microsoft will invest $3 billion in G42, paid in installments of $1 billion and $2 billion.",
     {part("Microsoft", "G42", amount=3 * B), part("Microsoft", "G42", amount=1 * B, of=3 * B),
      part("Microsoft", "G42", amount=2 * B, of=3 * B)}),
    ("ja", "KDDIは米エクイニクスに総額15億ドルを出資し、初回に10億ドル、残りの5億ドルを2027年に払い込む。",
     {part("KDDI", "Equinix", amount=1.5 * B), part("KDDI", "Equinix", amount=1 * B, of=1.5 * B),
      part("KDDI", "Equinix", amount=0.5 * B, of=1.5 * B)}),
]

test_shares, test_shares_with_ginza = case_tests(SHARES, read=found_with_totals)
test_in_parts, test_in_parts_with_ginza = case_tests(IN_PARTS, read=found_with_totals)
