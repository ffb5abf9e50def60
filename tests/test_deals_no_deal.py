"""Sentences with money or deal words that state no deal: revenue, valuations, references back, opinions,
habits, products."""
from __future__ import annotations

from deals_helpers import Deal, case_tests

CASES: list[tuple[str, str, set[Deal]]] = [
    # Japanese: money without a deal, references back, habits
    ("ja", "Anthropicの年換算の売上高はおよそ50億ドルだ。", set()),
    ("ja", "2025年上半期だけでOpenAIは135億ドルの純損失を計上した。", set()),
    ("ja", "提携の公表を受けてOracleの株価は一時8%上昇し、時価総額は3日で900億ドル膨らんだ。", set()),
    ("ja", "xAIの企業価値は2,000億ドル近くに達する。", set()),
    ("ja", "Alphabetは2025年7~9月期の1四半期で240億ドルの設備投資を実施した。", set()),
    ("ja", "この契約は、OpenAIがMicrosoftから脱却する転換点となる。", set()),
    ("ja",
     "GoogleやAmazonがAnthropicに出資し、Anthropicはその資金でGoogle、Amazon、Nvidiaから計算資源を買う。",
     set()),
    ("ja", "Dario Amodei氏は、今回の巨額投資をGoogleが創業期に行ったデータセンター投資に例えた。", set()),
    ("ja", "AWSはすでにAnthropicの筆頭インフラパートナーでもある。", set()),
    ("ja",
     ("xAIが別のクラウドを利用するには、先にOracleに供給できるかを問い合わせ、"
      "断られたときに限って他社と契約を結べる。"), set()),
    ("ja", "AWSにとって、OpenAIとの契約は大きな意味を持つ。", set()),
    ("en", "Anthropic has agreed to use more Amazon Trainium chips.", set()),
    ("en", '"Signing a deal with Oracle for $5 billion would be a mistake," said an analyst at Lanyard.',
     set()),
    ("en", "Inflection put its eggs in Microsoft's basket years ago. The startup now works with Google.",
     set()),
    ("en", "Nvidia's chips power Oracle's new data centers.", set()),
    ("ja", "Metaは自社のクラウドサービスでGoogleの技術を使っている。", set()),
    ("ja", "OracleはSECに提出した書類で、複数のクラウド契約を結んだと開示した。", set()),
    ("ja", "Metaは9月、Googleが開発したモデルの採用を見送った。", set()),
    ("en", "CoreWeave reported results on Monday. Nvidia said the company is valued at $3 billion.", set()),
    # English: money without a deal
    ("en", "OpenAI's annualized revenue reached $13 billion, up from $5.5 billion.", set()),
    ("en", "OpenAI reported revenue of $13 billion.", set()),
    ("en", "Amazon's market value rose by $140 billion after the deal.", set()),
    ("en", "OpenAI is valued at $500 billion.", set()),
    ("en", "The deal with Oracle is the largest of its kind.", set()),
    ("en", "The special-purpose vehicle will buy Nvidia processors and lease them to xAI for five years.",
     set()),
    ("en", "OpenAI put its newest model into production on Monday.", set()),
    ("en", "Meta will buy Google TPUs.", set()),
    ("ja", "ソフトバンクグループはAmpere Computingの買収を検討している。", set()),
    # a deal word inside a name (日本政策投資銀行) states no deal
    ("ja", "日本政策投資銀行の総裁は、さくらインターネットのデータセンターを視察した。", set()),
    ("ja",
     ("SBGはこのうち最大100億ドルを外部の共同投資家に割り当てる方針で、"
      "マイクロソフトや米投資会社のスライブ・キャピタル(Thrive Capital)などが参加を検討しているという。"),
     set()),
    # a sentence whose topic is a deal already stated states no new deal without a figure
    ("ja", "今回の計算資源の契約は、AnthropicとOracleにとって初めての協業になる。", set()),
    ("en",
     "The contract is the second enlargement since March of the tie-up between Lambda and Microsoft.",
     set()),
    # a stock rating is no purchase
    ("en", "Nebius gained. An analyst rates the stock a buy with a price target of $180.", set()),
    # a deal only considered or sought, without a figure
    ("ja", "NECと富士通が提携を検討している。", set()),
    ("en", "Lambda is weighing a partnership with Nscale.", set()),
]


test_no_deal, test_no_deal_with_ginza = case_tests(CASES)
