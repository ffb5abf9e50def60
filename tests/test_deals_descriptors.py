"""Family descriptors: a party described, not named ("the ChatGPT maker", "the chip designer", 同省) is
the organization of the article it stands for."""
from __future__ import annotations

from deals_helpers import B, Deal, blank_pipeline, case_tests, deal, run

CASES: list[tuple[str, str, set[Deal]]] = [
    # a product's maker, named elsewhere in the article
    ("en",
     ("OpenAI needs more computing power. The ChatGPT maker signed a $3 billion cloud deal with Oracle on "
      "Monday."), {deal("OpenAI", "Oracle", amount=3 * B)}),
    ("en",
     ("Anthropic is growing fast. Last week the company behind Claude agreed to a $2 billion cloud deal "
      "with Google."), {deal("Anthropic", "Google", amount=2 * B)}),
    ("en", "The iPhone-maker will pay $500 million for a stake in Arm, Apple said.",
     {deal("Apple", "Arm", amount=0.5 * B)}),
    # a role: the organization of the article that is one, named nearest before
    ("en",
     ("Broadcom shares rose after the chip designer agreed to supply custom accelerators to OpenAI in a "
      "deal worth $10 billion."), {deal("Broadcom", "OpenAI", amount=10 * B)}),
    ("en",
     ("Nebius reported results on Monday. Meta agreed to pay the AI cloud provider $3 billion for GPU "
      "capacity."), {deal("Meta", "Nebius", amount=3 * B)}),
    # a description the article does not name stands for no one; one right before a name is left to it
    ("en", "The iPhone maker agreed to pay Google $1 billion a year.", set()),
    ("en", "The ChatGPT maker OpenAI signed a $5 billion deal with Oracle.",
     {deal("OpenAI", "Oracle", amount=5 * B)}),
    # Japanese: the maker of a product, the ministry (同省) and the state (国) named before
    ("ja",
     ("OpenAIは新たな計算資源を求めている。ChatGPTを開発する米企業は9月、"
      "Oracleと300億ドルのクラウド契約を結んだ。"), {deal("OpenAI", "Oracle", amount=30 * B)}),
    ("ja", "経済産業省は半導体の国産化を急ぐ。同省はRapidusに最大1000億円を助成すると発表した。",
     {deal("Ministry of Economy, Trade and Industry", "Rapidus", amount=100 * B)}),
    ("ja", "総務省はデータセンターの地方分散を進める。国はさくらインターネットに50億円を補助する。",
     {deal("Ministry of Internal Affairs and Communications", "Sakura Internet", amount=5 * B)}),
    # a minister stands for the ministry the article names
    ("ja", "経済産業省は半導体の国産化を進める。西村経済産業相は、Rapidusに最大500億円を助成すると発表した。",
     {deal("Ministry of Economy, Trade and Industry", "Rapidus", amount=50 * B)}),
    # 同社: the company a sentence before was about, else the company named last (no government body)
    ("ja", "KDDIはさくらインターネットと提携した。同社は来年、石狩市のデータセンターに300億円を投じる。",
     {deal("KDDI", "Sakura Internet"), deal("KDDI", amount=30 * B)}),
    ("ja", "ソフトバンクグループはOpenAIに出資した。同社はArmにも10億ドルを追加出資する。",
     {deal("SoftBank Group", "OpenAI"), deal("SoftBank Group", "Arm", amount=1 * B)}),
    ("ja",
     ("政府はキオクシアへの出資を可能にする法案を提出する。同社が新工場で始める量産には2兆円規模の投資が必"
      "要とされる。"), {deal("Kioxia", amount=2000 * B)}),
    # what a company is, said in passing right before its name: the deal word or preposition before
    # the description places the name
    ("en", "Broadcom agreed to acquire network software company VMware for $61 billion.",
     {deal("Broadcom", "VMware", amount=61 * B)}),
    ("en", "Oracle said it would buy Israeli AI infrastructure startup Deci for $300 million.",
     {deal("Oracle", "Deci", amount=0.3 * B)}),
    ("en", "Anthropic raised $4 billion in a round led by Japanese telecom giant NTT.",
     {deal("Anthropic", "NTT", amount=4 * B)}),
    ("en", "AMD signed a $2 billion supply deal with the data-center builder Crusoe.",
     {deal("AMD", "Crusoe", amount=2 * B)}),
    # a verb is no company noun: "to fund OpenAI data centers" names no counterparty
    ("en", "Meta taps $20 billion debt deal to fund Nscale data centers in Norway.",
     {deal("Meta", amount=20 * B)}),
]

test_descriptors, test_descriptors_with_ginza = case_tests(CASES)


def test_the_party_is_the_organization_named_not_the_description() -> None:
    text = "OpenAI needs computing power. The ChatGPT maker signed a $3 billion deal with Oracle."
    doc = run(blank_pipeline("en"), text)
    mentions = {(m["start"], m["end"]) for m in doc._.mentions}
    (only,) = doc._.deals
    assert all(tuple(p["entity"]) in mentions for p in only["parties"])
    assert "ChatGPT maker" not in {m["text"] for m in doc._.mentions}
