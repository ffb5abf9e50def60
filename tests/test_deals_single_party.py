"""Family single_party: new borrowing of one party, one party building its own (capex)."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # one party building its own: a capex deal when a facility or a place is named, no other company
    ("en",
     ("Amazon Web Services will invest €10bn (about $11.6bn) to expand its data-centre region in Aragón, "
      "Spain, through 2035."), {deal("Amazon Web Services", amount=10 * B)}),
    ("ja", "マイクロソフトは2年間で29億ドルを日本のAI・クラウド基盤に投じると表明した。",
     {deal("Microsoft", amount=2.9 * B)}),
    ("ja", "Oracleはテキサス州に400億ドルを投資してデータセンターを建設する。",
     {deal("Oracle", amount=40 * B)}),
    ("ja", "KDDIが約90億円を投じ、データセンター運営会社の株式の約15%を取得する。", set()),
    ("ja", "OpenAIは1.4兆ドルのインフラ投資コミットメントを抱えている。", set()),
    ("ja", "ソフトバンクグループは出資比率を高めるため、100億ドルを投じる。", set()),
    # two clauses, each with its own subject and deal word
    ("ja",
     ("マイクロソフトは2024年4月、2年間で29億ドル(約4,400億円)を日本のAI・クラウド基盤に投じると表明し、"
      "アマゾン・ウェブ・サービス(AWS)は2027年までに2兆2,600億円を投資する計画を掲げる。"),
     {deal("Microsoft", amount=2.9 * B), deal("Amazon Web Services", amount=2260 * B)}),
    # new borrowing is a deal of the borrower alone; a loan book is not
    ("en", "Oracle taps $38 billion debt deal to fund OpenAI data centers in Texas",
     {deal("Oracle", amount=38 * B)}),
    ("en", "xAI is arranging a $12.5 billion debt package through a special-purpose vehicle.",
     {deal("xAI", amount=12.5 * B)}),
    ("ja", "NTTデータは300億円を借り入れる。", {deal("NTT Data", amount=30 * B)}),
    ("en", "JPMorgan's loans rose 5% to $1.3 trillion in the quarter.", set()),
    ("ja", "三菱UFJ銀行の融資残高は100兆円を超えた。", set()),
    # money raised is no capex, whatever it will build
    ("en", "Crusoe raises $1.38 billion as AI data center boom draws investors.", set()),
    # the owner of the site the money goes to is no party: its own capex
    ("ja", "KDDIはシャープの堺工場跡地に約1000億円を投じてAIデータセンターを建設する。",
     {deal("KDDI", amount=100 * B)}),
    # an ideographic space parts a headline's statements: the figure is the first one's
    ("ja", "マイクロソフト、UAEに152億ドル投資　G42と連携",
     {deal("Microsoft", amount=15.2 * B), deal("Microsoft", "G42")}),
    # a sentence naming no organization invests for the subject of the sentence before, unless a project
    # or a product is its own subject
    ("ja", "さくらインターネットは石狩の拠点を増強する。データセンターの新棟に30億円を投資する。",
     {deal("Sakura Internet", amount=3 * B)}),
    ("ja",
     "ソフトバンクグループは候補地を検討している。スターゲートは今後4年間で最大5000億ドルを投じる計画だ。",
     set()),
    ("en",
     "Nebius is growing fast. The company will invest $2 billion in a new data center campus in Finland.",
     {deal("Nebius", amount=2 * B)}),
    ("en",
     "SoftBank is weighing new sites. Stargate will invest $500 billion in data centers over four years.",
     set()),
    # what is built named in the sentence before, by the same company alone
    ("ja", "KDDIは北海道に新たなデータセンターを建設する。同社は約500億円を投じる。",
     {deal("KDDI", amount=50 * B)}),
    ("ja", "さくらインターネットは新工場を建てる。総額で約80億円を投じる計画だ。",
     {deal("Sakura Internet", amount=8 * B)}),
    ("en", "Nscale is building a new campus near Oslo. The company will invest $1.2 billion, it said.",
     {deal("Nscale", amount=1.2 * B)}),
    # … not when the sentence before names nothing built
    ("ja", "KDDIの売上高は増えた。同社は約500億円を投じる。", set()),
    ("en", "Nscale invested in a data center developer. The company will invest $1.2 billion, it said.",
     set()),
]


test_single_party, test_single_party_with_ginza = case_tests(CASES)
