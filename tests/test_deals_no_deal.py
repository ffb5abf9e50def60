"""Sentences with money or deal words that state no deal: revenue, valuations, references back, opinions,
habits, products."""
from __future__ import annotations

from deals_helpers import Deal, case_tests

CASES: list[tuple[str, str, set[Deal]]] = [
    # Japanese: money without a deal, references back, habits
    ("ja", "OpenAIの年間収益は約130億ドルだ。", set()),
    ("ja", "2025年上半期だけでOpenAIは135億ドルの純損失を計上した。", set()),
    ("ja", "契約発表後、Amazonの株価は4~5%急騰し、時価総額が2日間で1,400億ドル増加した。", set()),
    ("ja", "OpenAIの株式価値は約1,350億ドルに上る。", set()),
    ("ja", "Microsoft自身が2025年第3四半期だけで350億ドルの設備投資を行った。", set()),
    ("ja", "この契約は、OpenAIがMicrosoftから脱却する転換点となる。", set()),
    ("ja",
     "MicrosoftやOracleがOpenAIに投資し、OpenAIはその資金でMicrosoft、Oracle、AWSにクラウド契約を発注する。",
     set()),
    ("ja", "Sam Altman氏は、この先行投資をAmazonのAWSへの初期投資になぞらえている。", set()),
    ("ja", "AWSはすでにAnthropicの筆頭インフラパートナーでもある。", set()),
    ("ja",
     ("OpenAIが他のクラウドを使いたい場合、まずMicrosoftに提供可能性を確認し、"
      "不可能な場合のみ他社と契約できる。"), set()),
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
    ("ja", "このコンピューティング契約は、OpenAIとAWSとの初めての提携となる。", set()),
    ("en",
     "The agreement marks the third expansion of the partnership between CoreWeave and OpenAI this year.",
     set()),
    # a stock rating is no purchase
    ("en", "Nebius gained. An analyst rates the stock a buy with a price target of $180.", set()),
    # a deal only considered or sought, without a figure
    ("ja", "NECと富士通が提携を検討している。", set()),
    ("en", "Lambda is weighing a partnership with Nscale.", set()),
]


test_no_deal, test_no_deal_with_ginza = case_tests(CASES)
