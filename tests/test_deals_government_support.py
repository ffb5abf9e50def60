"""Family government_support: a ministry or a government granting money to companies, with its
totals, its breakdown and the rows listing its recipients."""
from __future__ import annotations

from deals_helpers import B, Part, case_tests, found_with_totals, part

METI = "Ministry of Economy, Trade and Industry"
COMMERCE = "U.S. Department of Commerce"

CASES: list[tuple[str, str, set[Part]]] = [
    # the government and the company, whatever their particles
    ("ja", "経済産業省は、TSMCが熊本県で建設する第2工場に対し、最大7320億円を補助すると発表した。",
     {part(METI, "TSMC", amount=7320 * B / 10)}),
    ("ja", "経産省 キオクシア新工場に最大2430億円支援へ 総額4000億円に",
     {part(METI, "Kioxia", amount=243 * B, of=400 * B), part(METI, "Kioxia", amount=400 * B)}),
    # the owner of what is supported
    ("ja", "経産省は、クラウド大手さくらインターネットのデータセンターにも約50億円の助成を決めた。",
     {part(METI, "Sakura Internet", amount=5 * B)}),
    # a breakdown, the state (国) and the support so far adding up to a total
    ("ja",
     ("経済産業省はRapidusに最大1000億円を支援する。支援の内訳は、装置の導入に800億円、"
      "研究開発に200億円となる。国はRapidusに対して、すでに900億円の支援を決めており、"
      "国による支援額は合わせて1900億円余りとなる。"),
     {part(METI, "Rapidus", amount=100 * B, of=190 * B), part(METI, "Rapidus", amount=80 * B, of=100 * B),
      part(METI, "Rapidus", amount=20 * B, of=100 * B), part(METI, "Rapidus", amount=90 * B, of=190 * B),
      part(METI, "Rapidus", amount=190 * B)}),
    # rows naming the recipients of a support stated without them
    ("ja",
     ("経済産業省は、生成AIの計算基盤を整備する3社に計300億円を助成する。"
      "\n・さくらインターネット：約150億円\n・KDDI：約100億円\n・GMOインターネットグループ：約50億円"),
     {part(METI, "Sakura Internet", "KDDI", "GMO Internet Group", amount=30 * B),
      part(METI, "Sakura Internet", amount=15 * B, of=30 * B), part(METI, "KDDI", amount=10 * B, of=30 * B),
      part(METI, "GMO Internet Group", amount=5 * B, of=30 * B)}),
    # English: awarded, received from, the ministry
    ("en", "The Commerce Department awarded Intel $7.9 billion in grants under the CHIPS Act.",
     {part(COMMERCE, "Intel", amount=7.9 * B)}),
    ("en", "Micron will receive up to $6.1 billion in grants from the Commerce Department.",
     {part(COMMERCE, "Micron Technology", amount=6.1 * B)}),
    ("en",
     ("The Commerce Department finalized its award to TSMC. The department will give the chipmaker $6.6 "
      "billion in direct funding."), {part(COMMERCE, "TSMC", amount=6.6 * B)}),
    # no figure, or no support: no deal
    ("ja", "経済産業省は国内のAI開発を支援する方針だ。", set()),
    ("en", "The Commerce Department said Intel's revenue fell to $13 billion.", set()),
    ("en",
     "Commerce Secretary Gina Raimondo said the Commerce Department would give Intel $8.5 billion in grants.",
     {part(COMMERCE, "Intel", amount=8.5 * B)}),
    # recipients counted, not named, and no rows after: no deal; a sentence after a support is no row
    ("ja", "経済産業省はこれまでに国内複数社の計算基盤の整備に計1000億円超を助成してきた。", set()),
    ("ja",
     ("経済産業省は、さくらインターネットに最大500億円を助成する。"
      "\nさくらインターネットはGPUを1時間900円で貸し出す。"), {part(METI, "Sakura Internet", amount=50 * B)}),
    # the government the sentences before are about, the company the article is about; a figure by
    # the support word only (「官民合わせて20兆円以上の投資」 is no support, nor a total of it)
    ("ja",
     ("キオクシアは新工場の量産を急ぐ。政府は半導体関連産業に2030年度までに5兆円以上の公的支援を行う方針を"
      "決めた。研究開発などに3兆円程度の補助金を投じる。民間投資を呼び水に、"
      "官民合わせて20兆円以上の投資を目指す。"),
     {part("Government of Japan", "Kioxia", amount=5000 * B),
      part("Government of Japan", "Kioxia", amount=3000 * B)}),
    # recipients listed with a figure each after the support word, the government in the sentence before
    ("ja", "総務省は光通信の研究開発で3社を採択した。助成額はKDDIが40億円、NECが25億円、富士通が15億円。",
     {part("Ministry of Internal Affairs and Communications", "KDDI", amount=4 * B),
      part("Ministry of Internal Affairs and Communications", "NEC", amount=2.5 * B),
      part("Ministry of Internal Affairs and Communications", "Fujitsu", amount=1.5 * B)}),
    ("ja", ("経産省はAI計算基盤の整備を支援する。"
            "補助の上限は、さくらインターネットに50億円、ハイレゾに20億円となる。"),
     {part(METI, "Sakura Internet", amount=5 * B), part(METI, "Highreso", amount=2 * B)}),
    ("ja", "政府は次世代メモリーの開発を後押しする。支援額はキオクシアが300億円、マイクロンが200億円。",
     {part("Government of Japan", "Kioxia", amount=30 * B),
      part("Government of Japan", "Micron Technology", amount=20 * B)}),
    # … not without a government before, nor a list of results
    ("ja", "補助上限はKDDIが40億円、NECが25億円。", set()),
    ("ja", "経産省は半導体の支援策をまとめた。売上高はKDDIが5兆円、NECが3兆円だった。", set()),
]

test_government_support, test_government_support_with_ginza = case_tests(CASES, read=found_with_totals)

# an award to a company the text names only there, an authority as grantor
AWARDS: list[tuple[str, str, set[Part]]] = [
    ("en", "The Commerce Department awarded $300 million to Coherent for a plant in Texas.",
     {part("U.S. Department of Commerce", "Coherent", amount=0.3 * B)}),
    ("en", "The Arizona Commerce Authority gave Intel a $15 million grant.",
     {part("Arizona Commerce Authority", "Intel", amount=0.015 * B)}),
    ("en", "The Commerce Department awarded $50 million to Texas A&M University.",
     {part("U.S. Department of Commerce", "Texas A&M University", amount=0.05 * B)}),
    ("en", "Microsoft committed $80 billion to AI data centers.", set()),
]

test_awards, _ = case_tests(AWARDS, read=found_with_totals)  # English only: no GiNZA test to run
