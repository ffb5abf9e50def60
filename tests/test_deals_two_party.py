"""Family two_party: a subject and its counterparties, one deal each (ingest/components/deals/two_party.py):
particles and prepositions, the passive, lists and clauses with their own figures, makers of what is
bought, investors or lenders sharing one figure."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # Japanese: coordinated subjects, XはYと, XがYに出資, XがYを買収, list items, carried subjects
    ("ja",
     ("AnthropicとOracle Cloud Infrastructure(OCI)は2026年1月20日、6年間で総額520億ドルに上る"
      "GPUクラウド契約を結んだ。"),
     {deal("Anthropic", "Oracle Cloud Infrastructure", amount=52 * B)}),
    ("ja", "OracleはOpenAIと3000億ドルのクラウド契約を結んだ。", {deal("Oracle", "OpenAI", amount=300 * B)}),
    ("ja", "Microsoftは2025年、Anthropicに50億ドルを出資すると発表した。",
     {deal("Microsoft", "Anthropic", amount=5 * B)}),
    ("ja", "NVIDIAがxAIに20億ドルを出資した。", {deal("NVIDIA", "xAI", amount=2 * B)}),
    ("ja", "GoogleはGroqを320億ドルで買収すると発表した。", {deal("Google", "Groq", amount=32 * B)}),
    ("ja", "AMDはOpenAIとGPU供給契約を締結した。", {deal("AMD", "OpenAI")}),
    ("ja", "CoreWeaveはMetaと142億ドルの契約を結んだ。", {deal("CoreWeave", "Meta", amount=14.2 * B)}),
    ("ja",
     ("xAIは計算資源の確保を急ぐ。契約先別では、Oracleとは1,200億ドル、Nebiusとは450億ドル、"
      "Lambdaとは180億ドルの契約を結んでいる。"),
     {deal("xAI", "Oracle", amount=120 * B), deal("xAI", "Nebius", amount=45 * B),
      deal("xAI", "Lambda", amount=18 * B)}),
    ("ja", "Microsoft自身が350億ドルの設備投資を行った。さらに、IRENと97億ドルで契約した。",
     {deal("Microsoft", "IREN", amount=9.7 * B)}),
    ("ja", "Googleはこれと並行して、インドのReliance Industriesや韓国のNaverとの戦略的提携を深めている。",
     {deal("Google", "Reliance Industries"), deal("Google", "Naver")}),
    ("ja", "Anthropicは調達先を増やしている。Microsoftともクラウド利用契約を結んだ。",
     {deal("Anthropic", "Microsoft")}),
    ("ja", "ソフトバンクグループはOpenAIに400億ドルを投資する計画だ。",
     {deal("SoftBank Group", "OpenAI", amount=40 * B)}),
    ("ja", "AnthropicはGoogleと数百億ドル規模のTPU利用契約で合意した。", {deal("Anthropic", "Google")}),
    # two deal words, two clauses: each counterparty keeps its own figure
    ("en",
     ("Microsoft agreed to buy about $9.7 billion of GPU capacity from IREN over five years, and signed a "
      "deal with Lambda worth multiple billions of dollars."),
     {deal("Microsoft", "IREN", amount=9.7 * B), deal("Microsoft", "Lambda")}),
    # one round, two lead investors, one figure: one deal with all of them
    ("en",
     ("Crusoe has raised $1.38 billion in a round led by Valor Equity Partners and Mubadala, the startup "
      "said."), {deal("Crusoe", "Valor Equity Partners", "Mubadala", amount=1.38 * B)}),
    # the agency of a dateline is no party
    ("en",
     ("LONDON, March 4 (Reuters) - Microsoft will invest as much as $25 billion in Anthropic over three "
      "years, the two firms said."), {deal("Microsoft", "Anthropic", amount=25 * B)}),
    # English: active, with/in, objects, passive, lists, valuations
    ("en", "OpenAI signed a $38 billion deal with Amazon Web Services on November 3, 2025.",
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    ("en", "Microsoft will invest $2 billion in Mistral AI.",
     {deal("Microsoft", "Mistral AI", amount=2 * B)}),
    ("en", "Google agreed to buy Groq for $32 billion.", {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Google acquires Groq for $32 billion in its largest deal.",
     {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Groq was acquired by Google for $32 billion.", {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Nvidia invested $2 billion in xAI at a $230 billion valuation.",
     {deal("NVIDIA", "xAI", amount=2 * B)}),
    ("en", "CoreWeave signed a $14.2 billion contract with Meta.",
     {deal("CoreWeave", "Meta", amount=14.2 * B)}),
    ("en", "Anthropic announced a partnership with Google and Broadcom.",
     {deal("Anthropic", "Google"), deal("Anthropic", "Broadcom")}),
    ("en", "Oracle signed a $300 billion cloud agreement with OpenAI, the company said.",
     {deal("Oracle", "OpenAI", amount=300 * B)}),
    ("en", "AMD and OpenAI signed a multiyear GPU supply agreement.", {deal("AMD", "OpenAI")}),
    ("en", "Amazon will invest $4 billion in Anthropic, the companies said.",
     {deal("Amazon", "Anthropic", amount=4 * B)}),
    ("en", "OpenAI signed a $38 billion deal with Amazon Web Services to use Nvidia chips.",
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    ("en", "Microsoft-backed OpenAI has signed a $10 billion deal with Oracle.",
     {deal("OpenAI", "Oracle", amount=10 * B)}),
    ("en", "Amazon's cloud unit AWS signed a $38 billion agreement with OpenAI.",
     {deal("Amazon Web Services", "OpenAI", amount=38 * B)}),
    ("en", "OpenAI and Oracle have agreed a $300 billion deal.", {deal("OpenAI", "Oracle", amount=300 * B)}),
    ("en", "Oracle will invest up to $12 billion in xAI, the two companies said on Thursday.",
     {deal("Oracle", "xAI", amount=12 * B)}),
    ("en", "Broadcom and OpenAI announced a collaboration for 10 gigawatts of custom accelerators.",
     {deal("Broadcom", "OpenAI")}),
    ("en", "Meta has signed a $14.2 billion deal with CoreWeave for AI computing capacity, CoreWeave said.",
     {deal("Meta", "CoreWeave", amount=14.2 * B)}),
    ("ja", "ソフトバンクグループは、OpenAIへの追加出資として225億ドルを拠出した。",
     {deal("SoftBank Group", "OpenAI", amount=22.5 * B)}),
    ("ja", "NTTとKDDIは、次世代データセンターで業務提携すると発表した。", {deal("NTT", "KDDI")}),
    ("ja", "NVIDIAは、Intelに50億ドルを投資し、同社株式を取得することで合意した。",
     {deal("NVIDIA", "Intel", amount=5 * B)}),
    ("ja", "ロイター通信によると、OracleはMetaと200億ドルの契約で合意した。",
     {deal("Oracle", "Meta", amount=20 * B)}),
    ("en", "OpenAI has agreed to pay Oracle $300 billion for computing power over about five years.",
     {deal("OpenAI", "Oracle", amount=300 * B)}),
    ("en", "CoreWeave expands its OpenAI contract by $6.5 billion.",
     {deal("CoreWeave", "OpenAI", amount=6.5 * B)}),
    ("en", "Nvidia took a 10% stake in Groq for $2 billion.", {deal("NVIDIA", "Groq", amount=2 * B)}),
    ("ja", "米オラクル、OpenAIと3000億ドルの契約", {deal("Oracle", "OpenAI", amount=300 * B)}),
    # general patterns beyond the reference article: possessive owners, vendors as counterparties,
    # "to X", bids, lead investors, joint parties, yearly payments, filings, later-clause subjects
    ("en", "Alphabet's $4 billion agreement with Anthropic covers five years of capacity.",
     {deal("Alphabet", "Anthropic", amount=4 * B)}),
    ("en", "Oracle's $7 billion bid for Groq failed last month.", {deal("Oracle", "Groq", amount=7 * B)}),
    ("en", "CoreWeave agreed to buy Core Scientific for $9 billion.",
     {deal("CoreWeave", "Core Scientific", amount=9 * B)}),
    ("en", "Meta signed a $3 billion deal to rent capacity to Anthropic, Meta said.",
     {deal("Meta", "Anthropic", amount=3 * B)}),
    ("en", "Anthropic has agreed to use up to 500,000 Amazon Trainium chips for $8 billion.",
     {deal("Anthropic", "Amazon", amount=8 * B)}),
    ("en", "Mistral AI raised $2 billion in a round led by NVIDIA.",
     {deal("Mistral AI", "NVIDIA", amount=2 * B)}),
    ("en", "Microsoft has committed about $5bn to Nebius over four years.",
     {deal("Microsoft", "Nebius", amount=5 * B)}),
    ("en", "Oracle, AMD and Broadcom agreed a $9 billion joint venture.",
     {deal("Oracle", "AMD", "Broadcom", amount=9 * B)}),
    ("en", "Nvidia will buy spare capacity from CoreWeave in a contract valued at $4 billion.",
     {deal("NVIDIA", "CoreWeave", amount=4 * B)}),
    ("en", "Google is valued at $2 trillion. Last week Google signed a $1 billion contract with Oracle.",
     {deal("Google", "Oracle", amount=1 * B)}),
    ("ja", "Metaは2027年から年間約50億ドルをGoogleのクラウドサービスに支払う見通しだ。",
     {deal("Meta", "Google", amount=5 * B)}),
    ("ja", "Anthropicは事業を広げている。同社は8月、NVIDIAが主導した資金調達で50億ドルを集めた。",
     {deal("NVIDIA", "Anthropic", amount=5 * B)}),
    ("ja", "KDDI、NTT、米投資会社のMGXが出資し、総額最大80億ドルを投じる。",
     {deal("KDDI", "NTT", "MGX", amount=8 * B)}),
    ("ja",
     ("OpenAIは計算資源の確保を急ぐ。Anthropicとは長年クラウド契約を結んできたが、"
      "Amazonが容量の提供を断った。"), {deal("OpenAI", "Anthropic")}),
    ("ja", "NTTとKDDIは1月、合弁会社の設立で合意している。", {deal("NTT", "KDDI")}),
    ("ja",
     ("ソフトバンクグループは出資を決めた。\nOpenAIの調達先も広がっている。"
      "Oracleとは長年クラウド契約を結んできた。"), {deal("OpenAI", "Oracle")}),
    ("ja", "Metaは9月、Googleが提供するTPUを利用する契約を結んだ。", {deal("Meta", "Google")}),
    ("en",
     ("CoreWeave reported results on Monday. Nvidia, which holds a stake, will rent capacity from the "
      "company in a contract valued at $3 billion."), {deal("NVIDIA", "CoreWeave", amount=3 * B)}),
    ("ja", "OracleはOpenAIと3000億ドルの契約を結び、MicrosoftはIRENと97億ドルの契約を結んだ。",
     {deal("Oracle", "OpenAI", amount=300 * B), deal("Microsoft", "IREN", amount=9.7 * B)}),
    # leases
    ("ja", "Oracleは建屋をクルーソーから15年間の長期リースで借り受け、GPUは自社で調達する。",
     {deal("Oracle", "Crusoe")}),
    ("en", "Oracle signed a 15-year lease agreement with Crusoe.", {deal("Oracle", "Crusoe")}),
    ("en", "SpaceX, Musk's rocket company, put $2 billion into xAI last year.",
     {deal("SpaceX", "xAI", amount=2 * B)}),
    ("en", "Microsoft has poured more than $13 billion into OpenAI since 2019.",
     {deal("Microsoft", "OpenAI", amount=13 * B)}),
    ("en", "Amazon will invest $4 billion in its data centers and in Anthropic.",
     {deal("Amazon", "Anthropic", amount=4 * B)}),
    # English clauses with subjects of their own: one deal each
    ("en",
     ("Meta signed a deal worth more than $10 billion with Google, and Microsoft agreed to pay Nebius up "
      "to $19.4 billion for GPU capacity."),
     {deal("Meta", "Google", amount=10 * B), deal("Microsoft", "Nebius", amount=19.4 * B)}),
    ("en",
     "Separately, Lambda signed an agreement with Microsoft, and Nscale agreed to supply GPUs to Microsoft.",
     {deal("Lambda", "Microsoft"), deal("Nscale", "Microsoft")}),
    ("en",
     ("CoreWeave signed an $11.9 billion contract with OpenAI, and in September it agreed to a $14.2 "
      "billion deal with Meta Platforms."),
     {deal("CoreWeave", "OpenAI", amount=11.9 * B), deal("CoreWeave", "Meta", amount=14.2 * B)}),
    # English list items: each figure goes with the deal word after it
    ("en",
     ("OpenAI has made $1.4 trillion of commitments, including a $300 billion deal with Oracle and a $38 "
      "billion agreement with Amazon announced two weeks ago."),
     {deal("OpenAI", "Oracle", amount=300 * B), deal("OpenAI", "Amazon", amount=38 * B)}),
    ("en", "OpenAI signed a $22.4 billion deal with CoreWeave and committed to buy AMD chips.",
     {deal("OpenAI", "CoreWeave", amount=22.4 * B)}),  # the maker of chips bought is no target
    # the maker of what is bought is a party when a figure, even without a number, says it is paid
    ("en", "Meta agreed to rent 1 million Google TPUs, in a deal worth tens of billions of dollars.",
     {deal("Meta", "Google")}),
    # a headline's present tense
    ("en", "AMD and OpenAI strike 6-gigawatt chip deal", {deal("AMD", "OpenAI")}),
    ("en", "Anthropic was valued at $183 billion after raising $13 billion led by ICONIQ Capital.",
     {deal("Anthropic", "ICONIQ Capital", amount=13 * B)}),
    ("en",
     "Crusoe said it had raised $1.38 billion in a round led by Mubadala Capital and Valor Equity Partners.",
     {deal("Crusoe", "Mubadala", "Valor Equity Partners", amount=1.38 * B)}),
    ("en", "OpenAI signed contracts with Oracle, Nvidia, and AMD.",
     {deal("OpenAI", "Oracle"), deal("OpenAI", "NVIDIA"), deal("OpenAI", "AMD")}),
    # 「XとYの合弁会社」: X and Y together, not the subject of the sentences before
    ("ja",
     ("NTTは米OpenAIと業務提携することで合意した。一方、ソフトバンクグループとOpenAIの合弁会社は来年4月に稼"
      "働する予定だ。"), {deal("NTT", "OpenAI"), deal("SoftBank Group", "OpenAI")}),
    ("ja", "ソフトバンクグループとOpenAIの合弁会社設立で合意した。", {deal("SoftBank Group", "OpenAI")}),
    ("ja", "KDDIはMetaのデータセンターに100億円でGPUを供給する契約を結んだ。",
     {deal("KDDI", "Meta", amount=10 * B)}),
    # lenders sharing one figure make one loan
    ("ja", "さくらインターネットは、みずほ銀行と三井住友銀行からの協調融資(総額400億円)で資金を賄う。",
     {deal("Sakura Internet", "Mizuho Bank", "Sumitomo Mitsui Banking Corporation", amount=40 * B)}),
    ("ja", "さくらインターネットは、みずほ銀行と日本政策投資銀行による協調融資(総額400億円)で資金を賄う。",
     {deal("Sakura Internet", "Mizuho Bank", "Development Bank of Japan", amount=40 * B)}),
    ("ja", "NTTデータは、みずほ銀行や三井住友銀行など5行から総額3000億円の協調融資を受ける。",
     {deal("NTT Data", "Mizuho Bank", "Sumitomo Mitsui Banking Corporation", amount=300 * B)}),
    # a capital tie-up is an investment; making a company a subsidiary is buying it
    ("ja", "KDDIはさくらインターネットと資本業務提携を結び、同社株の約10%を約100億円で取得する。",
     {deal("KDDI", "Sakura Internet", amount=10 * B)}),
    ("ja", "NTTは、上場子会社のNTTデータグループを約2.4兆円で完全子会社化すると発表した。",
     {deal("NTT", "NTT Data", amount=2400 * B)}),
    # 「Xの買収」: X is the target
    ("ja",
     ("ソフトバンクグループ(SBG)は11月25日、米半導体設計のAmpere "
      "Computing(アンペア)の買収を完了したと発表した。"), {deal("SoftBank Group", "Ampere Computing")}),
    # an aside between dashes names no party
    ("en",
     "Crusoe—whose backers include Nvidia and Mubadala—signed a $2 billion lease agreement with Oracle.",
     {deal("Crusoe", "Oracle", amount=2 * B)}),
    ("en", "Microsoft — which already works with OpenAI — agreed to pay Nebius $19 billion for GPU capacity.",
     {deal("Microsoft", "Nebius", amount=19 * B)}),
    ("ja", "KDDIは――NECと共同で開発した――冷却技術を使い、さくらインターネットと50億円の契約を結んだ。",
     {deal("KDDI", "Sakura Internet", amount=5 * B)}),
    # a clause of its own after the deal, without a deal word, names no party
    ("en",
     "Oracle signed a $5 billion cloud deal with Meta, and will build two more data centers with Crusoe.",
     {deal("Oracle", "Meta", amount=5 * B)}),
    ("en", "Google agreed to invest $1 billion in Anthropic, and plans to open an office with Salesforce.",
     {deal("Google", "Anthropic", amount=1 * B)}),
    # pacts, tie-ups, megadeals
    ("en", "CoreWeave expands Meta pact with new $2 billion contract",
     {deal("CoreWeave", "Meta", amount=2 * B)}),
    ("en", "Intel and SoftBank strike AI chip pact", {deal("Intel", "SoftBank Group")}),
    ("en", "Oracle struck a megadeal with OpenAI worth $30 billion a year.",
     {deal("Oracle", "OpenAI", amount=30 * B)}),
    # an asset sale: the seller's counterparty is the buyer
    ("ja",
     ("東芝、NTTに川崎の研究所跡地を売却 約450億円\n東芝は5日、"
      "川崎市にある研究所跡地と建屋をNTTへ売り渡す方針を明らかにした。売却額はおよそ450億円となる。"),
     {deal("Toshiba", "NTT", amount=45 * B)}),
    ("ja", "NECはデータセンター事業を富士通に譲渡した。譲渡額は500億円。",
     {deal("NEC", "Fujitsu", amount=50 * B)}),
    ("en", "Intel agreed to sell its networking unit to Broadcom for $4 billion.",
     {deal("Intel", "Broadcom", amount=4 * B)}),
    ("en", "AMD will sell $10 billion of GPUs to Humain over five years.",
     {deal("AMD", "Humain", amount=10 * B)}),
    # a sentence about a deal already stated may state another with its figure
    ("en", "The deal follows Nvidia's $100 billion investment in OpenAI.",
     {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    # a space between a Latin name and its particle (「OpenAI と AMD が」)
    ("ja", "NEC と 富士通 が戦略的提携、データセンターを共同運営へ", {deal("NEC", "Fujitsu")}),
    ("ja", "KDDI は Sakura Internet と 50 億円の契約を結んだ。",
     {deal("KDDI", "Sakura Internet", amount=5 * B)}),
    # warrants granted to a company
    ("ja", "Intel は xAI に対し、Intel 普通株式 最大 2 億 4,000 万株分のワラントを付与します。",
     {deal("Intel", "xAI")}),
    ("en", "AMD will issue OpenAI warrants for up to 160 million AMD shares.", {deal("AMD", "OpenAI")}),
    # goods bought from their maker: a party with the figure, none without
    ("ja", "Anthropicは、Broadcomから約100万個のTPUを総額210億ドルで購入する。",
     {deal("Anthropic", "Broadcom", amount=21 * B)}),
    ("ja", "Google、Meta、xAIといった大手各社は、AMDから次世代アクセラレーターを競うように購入している。",
     set()),
    # a role said in passing before a name keeps the name's preposition
    ("en",
     ("Nebius expanded quickly. The deal comes after a $3.1B pledge made in March by software maker "
      "Microsoft, which agreed to take up Nebius's spare capacity."),
     {deal("Nebius", "Microsoft", amount=3.1 * B)}),
    # the outlet reporting a deal is no party; a company reporting results is no outlet
    ("ja",
     ("英紙フィナンシャル・タイムズは2026年3月2日、"
      "米Anthropicがグーグルと4年間で約520億ドルのTPU利用契約を締結したと伝えた。"),
     {deal("Anthropic", "Google", amount=52 * B)}),
    ("ja", "米マイクロソフトは、豪IRENと約97億ドルのAIクラウドの契約を結んだとブルームバーグが報じた。",
     {deal("Microsoft", "IREN", amount=9.7 * B)}),
    ("en", "Oracle signed a $30 billion cloud deal with OpenAI, the Wall Street Journal reported on Monday.",
     {deal("Oracle", "OpenAI", amount=30 * B)}),
    ("en",
     ("CoreWeave reported results on Monday. Nvidia will rent capacity from the company in a contract "
      "valued at $3 billion."), {deal("NVIDIA", "CoreWeave", amount=3 * B)}),
    # backing from partners named after "including"
    ("en",
     ("Crusoe was founded only in 2018, yet it has drawn more than $3.4 billion in backing from investors "
      "including Mubadala and Nvidia."), {deal("Crusoe", "Mubadala", "NVIDIA", amount=3.4 * B)}),
    # subjects coordinated with the subject act with it
    ("en", "Microsoft and Nvidia will invest up to $15 billion in Anthropic.",
     {deal("Microsoft", "NVIDIA", "Anthropic", amount=15 * B)}),
    ("en", "Barclays and Citigroup underwrote $6 billion of bonds issued by CoreWeave.",
     {deal("Barclays", "Citigroup", "CoreWeave", amount=6 * B)}),
    ("ja", "トヨタ自動車とソニーグループがラピダスに計200億円を出資する。",
     {deal("Toyota Motor", "Sony Group", "Rapidus", amount=20 * B)}),
    # a person's possessive before the counterparty's name; a company bought for a sum, named alone
    ("en", "AMD invests $1 billion in Elon Musk's xAI", {deal("AMD", "xAI", amount=1 * B)}),
    ("en", "Cisco has invested $300 million in Mira Murati's Thinking Machines Lab.",
     {deal("Cisco", "Thinking Machines Lab", amount=0.3 * B)}),
    ("en", "Intel to buy Kestrova for $1.6 billion", {deal("Intel", "Kestrova", amount=1.6 * B)}),
    ("en", "Broadcom bought Lumira for about $400 million in cash.",
     {deal("Broadcom", "Lumira", amount=0.4 * B)}),
    # a list whose figures stand before their names: one deal each, with its own figure
    ("en", "Oracle will invest $100 million in Mistral AI and $50 million in Cohere.",
     {deal("Oracle", "Mistral AI", amount=0.1 * B), deal("Oracle", "Cohere", amount=0.05 * B)}),
    ("en", "Microsoft signed deals worth $9.7 billion with IREN and $17.4 billion with Nebius.",
     {deal("Microsoft", "IREN", amount=9.7 * B), deal("Microsoft", "Nebius", amount=17.4 * B)}),
    ("en", "Nvidia put $2 billion into xAI, $1 billion into Mistral AI and $500 million into Cohere.",
     {deal("NVIDIA", "xAI", amount=2 * B), deal("NVIDIA", "Mistral AI", amount=1 * B),
      deal("NVIDIA", "Cohere", amount=0.5 * B)}),
]


test_two_party, test_two_party_with_ginza = case_tests(CASES)
