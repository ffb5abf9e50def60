"""The deal extractor (newskb_deals) on spacy.blank pipelines, and on the seed article with GiNZA."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

import newskb.ingest.components  # noqa: F401
from newskb.ingest.components import dates, deals, entities, money  # noqa: F401  (register the factories)

SEED_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seed_openai_aws.gold.json"

Deal = tuple[frozenset[str], float | None]


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Language]:
    built = {}
    for lang in ("ja", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        for factory in ("newskb_entities", "newskb_dates", "newskb_money", "newskb_deals"):
            nlp.add_pipe(factory)
        built[lang] = nlp
    return built


def run(nlp: Language, text: str, published: dt.date | None = dt.date(2025, 11, 4)) -> Any:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def found(doc: Any) -> set[Deal]:
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    return {(frozenset(names[tuple(p["entity"])] for p in d["parties"]), d["amount"]) for d in doc._.deals}


def deal(*parties: str, amount: float | None = None) -> Deal:
    return frozenset(parties), amount


B = 1e9

CASES: list[tuple[str, str, set[Deal]]] = [
    # Japanese: coordinated subjects, XはYと, XがYに出資, XがYを買収, list items, carried subjects
    ("ja", "OpenAIとAmazon Web Services(AWS)が2025年11月3日、総額380億ドル、期間7年間のAIインフラ契約を締結した。",
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    ("ja", "OracleはOpenAIと3000億ドルのクラウド契約を結んだ。", {deal("Oracle", "OpenAI", amount=300 * B)}),
    ("ja", "Microsoftは2025年、Anthropicに50億ドルを出資すると発表した。", {deal("Microsoft", "Anthropic", amount=5 * B)}),
    ("ja", "NVIDIAがxAIに20億ドルを出資した。", {deal("NVIDIA", "xAI", amount=2 * B)}),
    ("ja", "GoogleはGroqを320億ドルで買収すると発表した。", {deal("Google", "Groq", amount=32 * B)}),
    ("ja", "AMDはOpenAIとGPU供給契約を締結した。", {deal("AMD", "OpenAI")}),
    ("ja", "CoreWeaveはMetaと142億ドルの契約を結んだ。", {deal("CoreWeave", "Meta", amount=14.2 * B)}),
    ("ja", "OpenAIは事業を拡大している。主要な契約を見ると、Oracleとは3,000億ドル、Microsoftとは2,500億ドル、"
           "CoreWeaveとは224億ドルの契約がある。",
     {deal("OpenAI", "Oracle", amount=300 * B), deal("OpenAI", "Microsoft", amount=250 * B),
      deal("OpenAI", "CoreWeave", amount=22.4 * B)}),
    ("ja", "Microsoft自身が350億ドルの設備投資を行った。さらに、IRENと97億ドルで契約した。",
     {deal("Microsoft", "IREN", amount=9.7 * B)}),
    ("ja", "Microsoftは同時に、タイのCPグループやTrue Corporationとの戦略的提携を進めている。",
     {deal("Microsoft", "CP Group"), deal("Microsoft", "True Corporation")}),
    ("ja", "OpenAIは新たな計算資源を確保した。Googleともインフラ利用契約を締結している。", {deal("OpenAI", "Google")}),
    ("ja", "ソフトバンクグループはOpenAIに400億ドルを投資する計画だ。", {deal("SoftBank Group", "OpenAI", amount=40 * B)}),
    ("ja", "AnthropicはGoogleと数百億ドル規模のTPU利用契約で合意した。", {deal("Anthropic", "Google")}),
    ("ja", "OpenAIとAWS、380億ドルの戦略的提携", {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    # two deal words, two clauses: each counterparty keeps its own figure
    ("en", "Microsoft agreed to buy about $9.7 billion of GPU capacity from IREN over five years, and signed a deal "
           "with Lambda worth multiple billions of dollars.",
     {deal("Microsoft", "IREN", amount=9.7 * B), deal("Microsoft", "Lambda")}),
    # one round, two lead investors, one figure: one deal with all of them
    ("en", "Crusoe has raised $1.38 billion in a round led by Valor Equity Partners and Mubadala, the startup said.",
     {deal("Crusoe", "Valor Equity Partners", "Mubadala", amount=1.38 * B)}),
    # the agency of a dateline is no party
    ("en", "SAN FRANCISCO, Sept 22 (Reuters) - Nvidia will invest up to $100 billion in OpenAI, the companies said.",
     {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    # the amount in the sentence after the deal: 「契約額は…」 / "The deal is worth …"
    ("ja", "NebiusはMicrosoftにGPUの計算資源を提供する契約を結んだと発表した。契約額は174億ドル(約2兆5600億円)だ。",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    ("ja", "Nebiusの売上高は10億ドルだった。契約額は174億ドルとみられる。", set()),
    ("en", "Nebius signed an agreement with Microsoft on Monday. The deal is worth $17.4 billion over five years.",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    # Japanese: one deal stated twice in an article is one deal
    ("ja", "OpenAIとAWS、380億ドルの戦略的提携\nOpenAIとAWSが11月3日、380億ドルのAIインフラ契約を締結した。"
           "この380億ドルの投資は、単なる増強ではない。今回のAWS契約は、OpenAIの戦略の一部だ。",
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    # Japanese: money without a deal, references back, habits
    ("ja", "OpenAIの年間収益は約130億ドルだ。", set()),
    ("ja", "2025年上半期だけでOpenAIは135億ドルの純損失を計上した。", set()),
    ("ja", "契約発表後、Amazonの株価は4~5%急騰し、時価総額が2日間で1,400億ドル増加した。", set()),
    ("ja", "OpenAIの株式価値は約1,350億ドルに上る。", set()),
    ("ja", "Microsoft自身が2025年第3四半期だけで350億ドルの設備投資を行った。", set()),
    ("ja", "この契約は、OpenAIがMicrosoftから脱却する転換点となる。", set()),
    ("ja", "MicrosoftやOracleがOpenAIに投資し、OpenAIはその資金でMicrosoft、Oracle、AWSにクラウド契約を発注する。", set()),
    ("ja", "Sam Altman氏は、この先行投資をAmazonのAWSへの初期投資になぞらえている。", set()),
    ("ja", "AWSはすでにAnthropicの筆頭インフラパートナーでもある。", set()),
    ("ja", "OpenAIが他のクラウドを使いたい場合、まずMicrosoftに提供可能性を確認し、不可能な場合のみ他社と契約できる。", set()),
    # English: active, with/in, objects, passive, lists, valuations
    ("en", "OpenAI signed a $38 billion deal with Amazon Web Services on November 3, 2025.",
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    ("en", "Microsoft will invest $2 billion in Mistral AI.", {deal("Microsoft", "Mistral AI", amount=2 * B)}),
    ("en", "Google agreed to buy Groq for $32 billion.", {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Google acquires Groq for $32 billion in its largest deal.", {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Groq was acquired by Google for $32 billion.", {deal("Google", "Groq", amount=32 * B)}),
    ("en", "Nvidia invested $2 billion in xAI at a $230 billion valuation.", {deal("NVIDIA", "xAI", amount=2 * B)}),
    ("en", "CoreWeave signed a $14.2 billion contract with Meta.", {deal("CoreWeave", "Meta", amount=14.2 * B)}),
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
    ("en", "Nvidia will invest up to $100 billion in OpenAI, the companies said on Monday.",
     {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    ("en", "Broadcom and OpenAI announced a collaboration for 10 gigawatts of custom accelerators.",
     {deal("Broadcom", "OpenAI")}),
    ("en", "Meta has signed a $14.2 billion deal with CoreWeave for AI computing capacity, CoreWeave said.",
     {deal("Meta", "CoreWeave", amount=14.2 * B)}),
    ("ja", "ソフトバンクグループは、OpenAIへの追加出資として225億ドルを拠出した。",
     {deal("SoftBank Group", "OpenAI", amount=22.5 * B)}),
    ("ja", "NTTとKDDIは、次世代データセンターで業務提携すると発表した。", {deal("NTT", "KDDI")}),
    ("ja", "NVIDIAは、Intelに50億ドルを投資し、同社株式を取得することで合意した。",
     {deal("NVIDIA", "Intel", amount=5 * B)}),
    ("ja", "ロイター通信によると、OracleはMetaと200億ドルの契約で合意した。", {deal("Oracle", "Meta", amount=20 * B)}),
    ("ja", "AWSにとって、OpenAIとの契約は大きな意味を持つ。", set()),
    ("en", "OpenAI has agreed to pay Oracle $300 billion for computing power over about five years.",
     {deal("OpenAI", "Oracle", amount=300 * B)}),
    ("en", "CoreWeave expands its OpenAI contract by $6.5 billion.", {deal("CoreWeave", "OpenAI", amount=6.5 * B)}),
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
    ("en", "Anthropic has agreed to use more Amazon Trainium chips.", set()),
    ("en", "\"Signing a deal with Oracle for $5 billion would be a mistake,\" said an analyst at Lanyard.", set()),
    ("ja", "Nebius、Microsoftと174億ドルの契約\nNebiusは成長を続ける。\n先週には、同社がGroqを20億ドルで買収した。"
           "Microsoftは先月、OpenAIとも契約した。Microsoftは大手だ。",
     {deal("Nebius", "Microsoft", amount=17.4 * B), deal("Nebius", "Groq", amount=2 * B),
      deal("Microsoft", "OpenAI")}),
    ("en", "Mistral AI raised $2 billion in a round led by NVIDIA.", {deal("Mistral AI", "NVIDIA", amount=2 * B)}),
    ("en", "Microsoft has committed about $5bn to Nebius over four years.",
     {deal("Microsoft", "Nebius", amount=5 * B)}),
    ("en", "Oracle, AMD and Broadcom agreed a $9 billion joint venture.",
     {deal("Oracle", "AMD", "Broadcom", amount=9 * B)}),
    ("en", "Nvidia will buy spare capacity from CoreWeave in a contract valued at $4 billion.",
     {deal("NVIDIA", "CoreWeave", amount=4 * B)}),
    ("en", "Inflection put its eggs in Microsoft's basket years ago. The startup now works with Google.", set()),
    ("en", "Nvidia's chips power Oracle's new data centers.", set()),
    ("en", "Google is valued at $2 trillion. Last week Google signed a $1 billion contract with Oracle.",
     {deal("Google", "Oracle", amount=1 * B)}),
    ("ja", "Metaは2027年から年間約50億ドルをGoogleのクラウドサービスに支払う見通しだ。",
     {deal("Meta", "Google", amount=5 * B)}),
    ("ja", "Metaは自社のクラウドサービスでGoogleの技術を使っている。", set()),
    ("ja", "Anthropicは事業を広げている。同社は8月、NVIDIAが主導した資金調達で50億ドルを集めた。",
     {deal("NVIDIA", "Anthropic", amount=5 * B)}),
    ("ja", "KDDI、NTT、米投資会社のMGXが出資し、総額最大80億ドルを投じる。",
     {deal("KDDI", "NTT", "MGX", amount=8 * B)}),
    ("ja", "Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する。", set()),
    # subjects with an amount each: one deal each, with the sentence's or the carried counterparty
    ("ja", "OpenAIには、Microsoftが130億ドル、ソフトバンクグループが300億ドルを出資した。",
     {deal("Microsoft", "OpenAI", amount=13 * B), deal("SoftBank Group", "OpenAI", amount=30 * B)}),
    ("ja", "Anthropicは2021年に設立された。出資の面でも、Amazonが累計80億ドル、Googleが約30億ドルを投じている。",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("ja", "Anthropicは2021年に設立された。AmazonとGoogleがそれぞれ80億ドルと30億ドルを出資している。",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("ja", "OpenAIは設立された。Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する。", set()),
    ("ja", "OracleはSECに提出した書類で、複数のクラウド契約を結んだと開示した。", set()),
    ("ja", "OpenAIは計算資源の確保を急ぐ。Anthropicとは長年クラウド契約を結んできたが、Amazonが容量の提供を断った。",
     {deal("OpenAI", "Anthropic")}),
    ("ja", "NTTとKDDIは1月、合弁会社の設立で合意している。", {deal("NTT", "KDDI")}),
    ("ja", "ソフトバンクグループは出資を決めた。\nOpenAIの調達先も広がっている。Oracleとは長年クラウド契約を結んできた。",
     {deal("OpenAI", "Oracle")}),
    ("ja", "ソフトバンクグループは三菱UFJ銀行からのつなぎ融資で資金を賄う。融資枠は最大100億ドル。",
     {deal("SoftBank Group", "MUFG Bank", amount=10 * B)}),
    ("ja", "Metaは9月、Googleが提供するTPUを利用する契約を結んだ。", {deal("Meta", "Google")}),
    ("ja", "Metaは9月、Googleが開発したモデルの採用を見送った。", set()),
    ("en", "CoreWeave reported results on Monday. Nvidia, which holds a stake, will rent capacity from the company "
           "in a contract valued at $3 billion.", {deal("NVIDIA", "CoreWeave", amount=3 * B)}),
    ("en", "CoreWeave reported results on Monday. Nvidia said the company is valued at $3 billion.", set()),
    # a funding round stated with one party, its investors named in a following sentence
    ("en", "Mistral AI said it had closed a $2 billion funding round. Investors in the round include NVIDIA and "
           "Microsoft.", {deal("Mistral AI", "NVIDIA", "Microsoft", amount=2 * B)}),
    ("en", "Mistral AI said it had closed a $2 billion funding round. Its customers include NVIDIA and Microsoft.",
     set()),
    ("ja", "Anthropicは9月、シリーズFで130億ドルの資金調達を完了した。NVIDIAやMicrosoftなどが参加した。",
     {deal("Anthropic", "NVIDIA", "Microsoft", amount=13 * B)}),
    ("ja", "Anthropicは売上高が130億ドルに達した。NVIDIAやMicrosoftなどが参加した。", set()),
    # English: money without a deal
    ("en", "OpenAI's annualized revenue reached $13 billion, up from $5.5 billion.", set()),
    ("en", "OpenAI reported revenue of $13 billion.", set()),
    ("en", "Amazon's market value rose by $140 billion after the deal.", set()),
    ("en", "OpenAI is valued at $500 billion.", set()),
    ("en", "Microsoft spent $35 billion on capital expenditures in the quarter.", set()),
    ("en", "The deal with Oracle is the largest of its kind.", set()),
    # one party building its own: a capex deal when a facility or a place is named, no other company
    ("en", "Amazon Web Services will invest €10bn (about $11.6bn) to expand its data-centre region in Aragón, "
           "Spain, through 2035.", {deal("Amazon Web Services", amount=10 * B)}),
    ("ja", "マイクロソフトは2年間で29億ドルを日本のAI・クラウド基盤に投じると表明した。", {deal("Microsoft", amount=2.9 * B)}),
    ("ja", "Oracleはテキサス州に400億ドルを投資してデータセンターを建設する。", {deal("Oracle", amount=40 * B)}),
    # a company's plan for its capital spending is a capex deal; a forecast or a figure reported is not
    ("ja", "Microsoftは2025年度に約800億ドルの設備投資を計画している。", {deal("Microsoft", amount=80 * B)}),
    ("en", "Microsoft plans to spend about $80bn on capital expenditure in fiscal 2025.", {deal("Microsoft", amount=80 * B)}),
    ("en", "Microsoft will spend $80 billion on AI data centers this year.", {deal("Microsoft", amount=80 * B)}),
    ("en", "Amazon has told investors it expects to spend about $125bn on capital expenditure in 2025, most of it "
           "on AWS data centres and chips.", {deal("Amazon", amount=125 * B)}),
    ("ja", "Oracleは2026年度の設備投資を約250億ドルと見込み、その大半をAI向けの計算設備に充てる。", set()),
    ("ja", "Googleは2025年の設備投資見通しを910億〜930億ドルに引き上げた。", set()),
    ("ja", "Microsoft自身が2025年第3四半期だけで350億ドルの設備投資を行い、その半分近くをGPU調達に費やしている。", set()),
    ("en", "CoreWeave expects 2025 capital expenditure of $12 billion to $14 billion.", set()),
    ("ja", "KDDIが約90億円を投じ、データセンター運営会社の株式の約15%を取得する。", set()),
    ("ja", "OpenAIは1.4兆ドルのインフラ投資コミットメントを抱えている。", set()),
    ("ja", "ソフトバンクグループは出資比率を高めるため、100億ドルを投じる。", set()),
    # two clauses, each with its own subject and deal word
    ("ja", "マイクロソフトは2024年4月、2年間で29億ドル(約4,400億円)を日本のAI・クラウド基盤に投じると表明し、"
           "アマゾン・ウェブ・サービス(AWS)は2027年までに2兆2,600億円を投資する計画を掲げる。",
     {deal("Microsoft", amount=2.9 * B), deal("Amazon Web Services", amount=2260 * B)}),
    ("ja", "OracleはOpenAIと3000億ドルの契約を結び、MicrosoftはIRENと97億ドルの契約を結んだ。",
     {deal("Oracle", "OpenAI", amount=300 * B), deal("Microsoft", "IREN", amount=9.7 * B)}),
    # leases
    ("ja", "Oracleは建屋をクルーソーから15年間の長期リースで借り受け、GPUは自社で調達する。", {deal("Oracle", "Crusoe")}),
    ("en", "Oracle signed a 15-year lease agreement with Crusoe.", {deal("Oracle", "Crusoe")}),
    ("en", "The special-purpose vehicle will buy Nvidia processors and lease them to xAI for five years.", set()),
    ("en", "SpaceX, Musk's rocket company, put $2 billion into xAI last year.", {deal("SpaceX", "xAI", amount=2 * B)}),
    ("en", "Microsoft has poured more than $13 billion into OpenAI since 2019.",
     {deal("Microsoft", "OpenAI", amount=13 * B)}),
    ("en", "OpenAI put its newest model into production on Monday.", set()),
    # new borrowing is a deal of the borrower alone; a loan book is not
    ("en", "Oracle taps $38 billion debt deal to fund OpenAI data centers in Texas", {deal("Oracle", amount=38 * B)}),
    ("en", "xAI is arranging a $12.5 billion debt package through a special-purpose vehicle.", {deal("xAI", amount=12.5 * B)}),
    ("ja", "NTTデータは300億円を借り入れる。", {deal("NTT Data", amount=30 * B)}),
    ("en", "JPMorgan's loans rose 5% to $1.3 trillion in the quarter.", set()),
    ("ja", "三菱UFJ銀行の融資残高は100兆円を超えた。", set()),
    ("en", "Amazon will invest $4 billion in its data centers and in Anthropic.", {deal("Amazon", "Anthropic", amount=4 * B)}),
    # English clauses with subjects of their own: one deal each
    ("en", "Meta signed a deal worth more than $10 billion with Google, and Microsoft agreed to pay Nebius up to "
           "$19.4 billion for GPU capacity.",
     {deal("Meta", "Google", amount=10 * B), deal("Microsoft", "Nebius", amount=19.4 * B)}),
    ("en", "Separately, Lambda signed an agreement with Microsoft, and Nscale agreed to supply GPUs to Microsoft.",
     {deal("Lambda", "Microsoft"), deal("Nscale", "Microsoft")}),
    ("en", "CoreWeave signed an $11.9 billion contract with OpenAI, and in September it agreed to a $14.2 billion "
           "deal with Meta Platforms.",
     {deal("CoreWeave", "OpenAI", amount=11.9 * B), deal("CoreWeave", "Meta", amount=14.2 * B)}),
    # English list items: each figure goes with the deal word after it
    ("en", "OpenAI has made $1.4 trillion of commitments, including a $300 billion deal with Oracle and a $38 billion "
           "agreement with Amazon announced two weeks ago.",
     {deal("OpenAI", "Oracle", amount=300 * B), deal("OpenAI", "Amazon", amount=38 * B)}),
    ("en", "OpenAI signed a $22.4 billion deal with CoreWeave and committed to buy AMD chips.",
     {deal("OpenAI", "CoreWeave", amount=22.4 * B)}),  # the maker of chips bought is no target
    # the maker of what is bought is a party when a figure, even without a number, says it is paid
    ("en", "Meta agreed to rent 1 million Google TPUs, in a deal worth tens of billions of dollars.",
     {deal("Meta", "Google")}),
    ("en", "Meta will buy Google TPUs.", set()),
    ("en", "AMD and OpenAI strike 6-gigawatt chip deal", {deal("AMD", "OpenAI")}),  # a headline's present tense
    ("en", "Anthropic was valued at $183 billion after raising $13 billion led by ICONIQ Capital.",
     {deal("Anthropic", "ICONIQ Capital", amount=13 * B)}),
    # coordinated subjects with a figure each, "respectively"
    ("en", "Microsoft and Nvidia will invest up to $5 billion and $10 billion, respectively, in Anthropic.",
     {deal("Microsoft", "Anthropic", amount=5 * B), deal("NVIDIA", "Anthropic", amount=10 * B)}),
    ("en", "Amazon and Google have invested $8 billion and $3 billion in Anthropic, respectively.",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("en", "Anthropic grew fast. Microsoft and Nvidia's commitment to invest up to $5 billion and $10 billion, "
           "respectively, in the startup was announced.",
     {deal("Microsoft", "Anthropic", amount=5 * B), deal("NVIDIA", "Anthropic", amount=10 * B)}),
    # money raised is no capex, whatever it will build
    ("en", "Crusoe raises $1.38 billion as AI data center boom draws investors.", set()),
    ("en", "Crusoe said it had raised $1.38 billion in a round led by Mubadala Capital and Valor Equity Partners.",
     {deal("Crusoe", "Mubadala", "Valor Equity Partners", amount=1.38 * B)}),
    ("en", "OpenAI signed contracts with Oracle, Nvidia, and AMD.", {deal("OpenAI", "Oracle"), deal("OpenAI", "NVIDIA"),
                                                                      deal("OpenAI", "AMD")}),
    # a funding round, its investors, and one who puts in its own figure; another investor of the same
    # figure in the raiser is another deal
    ("en", "xAI closed a $20 billion funding round. Investors in the round include Valor Equity Partners. Nvidia "
           "is contributing up to $2 billion as a strategic investor. SpaceX put $2 billion into xAI last year.",
     {deal("xAI", "Valor Equity Partners", amount=20 * B), deal("xAI", "NVIDIA", amount=2 * B),
      deal("SpaceX", "xAI", amount=2 * B)}),
    # 「両社」: a further deal between the two parties of the deal before
    ("ja", "KDDIがさくらインターネットに約90億円を出資する。両社は同日、業務提携契約を結んだ。",
     {deal("KDDI", "Sakura Internet", amount=9 * B), deal("KDDI", "Sakura Internet")}),
    ("ja", "KDDIがさくらインターネットに約90億円を出資する。両社は今後、提携を検討する。",
     {deal("KDDI", "Sakura Internet", amount=9 * B)}),
    ("en", "Microsoft invested $5 billion in OpenAI. The two companies also signed a partnership.",
     {deal("Microsoft", "OpenAI", amount=5 * B), deal("Microsoft", "OpenAI")}),
    # the owner of the site the money goes to is no party: its own capex
    ("ja", "KDDIはシャープの堺工場跡地に約1000億円を投じてAIデータセンターを建設する。", {deal("KDDI", amount=100 * B)}),
    # 「XとYの合弁会社」: X and Y together, not the subject of the sentences before
    ("ja", "NTTは米OpenAIと業務提携することで合意した。一方、ソフトバンクグループとOpenAIの合弁会社は来年4月に稼働する予定だ。",
     {deal("NTT", "OpenAI")}),
    ("ja", "ソフトバンクグループとOpenAIの合弁会社設立で合意した。", {deal("SoftBank Group", "OpenAI")}),
    ("ja", "KDDIはMetaのデータセンターに100億円でGPUを供給する契約を結んだ。",  # a buyer, not a site owner
     {deal("KDDI", "Meta", amount=10 * B)}),
    # lenders sharing one figure make one loan
    ("ja", "さくらインターネットは、みずほ銀行と三井住友銀行からの協調融資(総額400億円)で資金を賄う。",
     {deal("Sakura Internet", "Mizuho Bank", "Sumitomo Mitsui Banking Corporation", amount=40 * B)}),
    ("ja", "さくらインターネットは、みずほ銀行と日本政策投資銀行による協調融資(総額400億円)で資金を賄う。",
     {deal("Sakura Internet", "Mizuho Bank", "Development Bank of Japan", amount=40 * B)}),
    ("ja", "NTTデータは、みずほ銀行や三井住友銀行など5行から総額3000億円の協調融資を受ける。",
     {deal("NTT Data", "Mizuho Bank", "Sumitomo Mitsui Banking Corporation", amount=300 * B)}),
    # an ideographic space parts a headline's statements: the figure is the first one's
    ("ja", "マイクロソフト、UAEに152億ドル投資　G42と連携",
     {deal("Microsoft", amount=15.2 * B), deal("Microsoft", "G42")}),
    # a capital tie-up is an investment; making a company a subsidiary is buying it
    ("ja", "KDDIはさくらインターネットと資本業務提携を結び、同社株の約10%を約100億円で取得する。",
     {deal("KDDI", "Sakura Internet", amount=10 * B)}),
    ("ja", "NTTは、上場子会社のNTTデータグループを約2.4兆円で完全子会社化すると発表した。",
     {deal("NTT", "NTT Data", amount=2400 * B)}),
    # 「Xの買収」: X is the target
    ("ja", "ソフトバンクグループ(SBG)は11月25日、米半導体設計のAmpere Computing(アンペア)の買収を完了したと発表した。",
     {deal("SoftBank Group", "Ampere Computing")}),
    ("ja", "ソフトバンクグループはAmpere Computingの買収を検討している。", set()),
    # a deal word inside a name (日本政策投資銀行) states no deal
    ("ja", "日本政策投資銀行の総裁は、さくらインターネットのデータセンターを視察した。", set()),
    ("ja", "SBGはこのうち最大100億ドルを外部の共同投資家に割り当てる方針で、マイクロソフトや米投資会社のスライブ・キャピタル"
           "(Thrive Capital)などが参加を検討しているという。", set()),
    # the same two parties in two deals of different kinds: an investment and a contract stay apart
    ("ja", "GoogleはAnthropicに30億ドルを出資した。AnthropicはGoogleとクラウド契約を締結した。",
     {deal("Google", "Anthropic", amount=3 * B), deal("Anthropic", "Google")}),
    ("en", "Nebius signed a contract with Microsoft. Nebius signed a $17.4 billion agreement with Microsoft.",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[c[1][:40] for c in CASES])
def test_deals(pipelines: dict[str, Language], lang: str, text: str, expected: set[Deal]) -> None:
    assert found(run(pipelines[lang], text)) == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("text,key,value", [
    ("OpenAIとAWSが2025年11月3日、総額380億ドル、期間7年間のAIインフラ契約を締結した。", "duration", "P7Y"),
    ("OpenAIとAWSが2025年11月3日、総額380億ドル、期間7年間のAIインフラ契約を締結した。", "date", "2025-11-03"),
    ("OpenAIとAWSが2025年11月3日、総額380億ドル、期間7年間のAIインフラ契約を締結した。", "status", "signed"),
    ("OpenAIとAWSが2025年11月3日、総額380億ドル、期間7年間のAIインフラ契約を締結した。", "kind", "compute contract"),
    ("OpenAIは事業を拡大している。主要な契約を見ると、Oracleとは2027年から5年間で3,000億ドルの契約がある。", "date", "2027"),
    ("OpenAIは事業を拡大している。主要な契約を見ると、Oracleとは2027年から5年間で3,000億ドルの契約がある。",
     "duration", "P5Y"),
    ("OpenAIはAWSと380億ドルのクラウド契約を結び、インフラを2026年末までに構築する。", "until", "2026-12"),
    ("NVIDIAがxAIに20億ドルを出資した。", "kind", "investment"),
    ("GoogleはGroqを320億ドルで買収すると発表した。", "kind", "acquisition"),
    ("GoogleはGroqを320億ドルで買収すると発表した。", "status", "announced"),
    ("ソフトバンクグループはOpenAIに400億ドルを投資する計画だ。", "status", "planned"),
    ("オラクルはメタと、約200億ドル規模のクラウド契約について協議している。", "status", "talks"),
    ("AWSはOpenAIと380億ドルのクラウド契約を締結した。契約期間は7年間。", "duration", "P7Y"),
    # a term in another paragraph, after sentences without a deal, is not this deal's
    ("AWSはOpenAIと380億ドルのクラウド契約を締結した。\n\n一方、国内ではデータセンターの建設が続く。期間は15年間。",
     "duration", None),
    ("Microsoftは2025年度に約800億ドルの設備投資を計画している。", "kind", "capex"),
    ("Meta struck a $27 billion financing agreement with Blue Owl Capital for its data center.", "kind", "loan"),
    ("Oracle taps $38 billion debt deal with JPMorgan to fund data centers", "kind", "loan"),
    # a date in a later clause of the sentence is not this deal's; one before the deal word is
    ("OpenAI signed a $22.4 billion deal with CoreWeave and committed to buy AMD chips in the second half of 2026.",
     "date", None),
    ("On Monday, Oracle agreed to a deal with OpenAI worth $10 billion.", "date", "2025-11-03"),
    ("Oracle agreed in July to rent capacity to OpenAI under a contract worth about $300 billion over roughly five "
     "years, starting in 2027.", "duration", "P5Y"),
    # goods bought are no acquisition of their maker or seller
    ("Microsoft agreed to buy $9.7 billion of Nvidia GPUs from IREN.", "kind", "compute contract"),
    ("Google agreed to buy Groq for $32 billion.", "kind", "acquisition"),
    ("KDDIはさくらインターネットと資本業務提携を結び、同社株の約10%を約100億円で取得する。", "kind", "investment"),
    ("NTTは、上場子会社のNTTデータグループを約2.4兆円で完全子会社化すると発表した。", "kind", "acquisition"),
    # working together is a partnership, not a contract
    ("富士通は三菱商事と共同でAI向けデータセンターを建設することで合意した。", "kind", "partnership"),
])
def test_deal_fields(pipelines: dict[str, Language], text: str, key: str, value: str) -> None:
    (only,) = run(pipelines["en" if text.isascii() else "ja"], text)._.deals
    assert only[key] == value


@pytest.mark.parametrize("text,roles", [
    ("NVIDIAがxAIに20億ドルを出資した。", {"NVIDIA": "investor", "xAI": "investee"}),
    ("GoogleはGroqを320億ドルで買収した。", {"Google": "acquirer", "Groq": "target"}),
    ("GroqはNVIDIAに200億ドルで買収された。", {"NVIDIA": "acquirer", "Groq": "target"}),
    ("AnthropicはAmazonから40億ドルの出資を受けた。", {"Amazon": "investor", "Anthropic": "investee"}),
    ("Groq was acquired by Google for $32 billion.", {"Google": "acquirer", "Groq": "target"}),
    ("Microsoft will invest $2 billion in Mistral AI.", {"Microsoft": "investor", "Mistral AI": "investee"}),
    ("CoreWeave signed a $14.2 billion agreement to supply compute to Meta through 2031.",
     {"CoreWeave": "provider", "Meta": "buyer"}),
    ("Microsoft signed a $9.7 billion contract with IREN for GPU capacity.", {"Microsoft": "buyer", "IREN": "provider"}),
    # the passive deal word is the deal's, not the verb before it
    ("Crusoe has agreed to be acquired by Blue Owl Capital for $3 billion.",
     {"Blue Owl Capital": "acquirer", "Crusoe": "target"}),
    # the owner of what the money goes into is the counterparty
    ("Microsoft invested $1 billion in Mistral AI's Series C round.", {"Microsoft": "investor", "Mistral AI": "investee"}),
    # a loan: 融資を受ける borrows, 融資する lends
    ("NTTデータは、みずほ銀行から3000億円の協調融資を受けることで合意した。", {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("みずほ銀行はNTTデータに3000億円を融資した。", {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("NTTデータは、みずほ銀行から3000億円を借り入れた。", {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("Meta struck a $27 billion financing agreement with Blue Owl Capital for its Louisiana data center.",
     {"Meta": "borrower", "Blue Owl Capital": "lender"}),
    # 資金調達: the subject raises the money
    ("xAIはValor Equity Partnersなどから200億ドルを資金調達した。", {"xAI": "investee", "Valor Equity Partners": "investor"}),
])
def test_roles(pipelines: dict[str, Language], text: str, roles: dict[str, str]) -> None:
    doc = run(pipelines["en" if text.isascii() else "ja"], text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    (only,) = doc._.deals
    assert {names[tuple(p["entity"])]: p["role"] for p in only["parties"]} == roles


def test_a_further_deal_of_both_parties_has_its_kinds_roles(pipelines: dict[str, Language]) -> None:
    doc = run(pipelines["en"], "Microsoft invested $5 billion in OpenAI. The two companies also signed a cloud "
                               "computing contract.")
    assert [(d["kind"], [p["role"] for p in d["parties"]]) for d in doc._.deals] == [
        ("investment", ["investor", "investee"]), ("compute contract", ["buyer", "provider"])]


def test_money_index_points_at_the_amount(pipelines: dict[str, Language]) -> None:
    doc = run(pipelines["en"], "Nvidia invested $2 billion in xAI at a $230 billion valuation.")
    (only,) = doc._.deals
    assert doc._.money[only["money"]]["text"] == "$2 billion"


def test_no_mentions_no_crash() -> None:
    nlp = spacy.blank("ja")
    nlp.add_pipe("newskb_deals")
    assert nlp("契約を締結した。")._.deals == []


@pytest.mark.ginza
def test_seed_deals_match_gold(ginza_nlp: Language, seed_text: str) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["deals"]
    doc = ginza_nlp(seed_text)
    expected = {deal(*g["parties"], amount=g["amount"]) for g in gold}
    assert found(doc) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text,expected", [(t, e) for lang, t, e in CASES if lang == "ja"],
                         ids=[c[1][:40] for c in CASES if c[0] == "ja"])
def test_deals_with_ginza(ginza_nlp: Language, text: str, expected: set[Deal]) -> None:
    """The parsed pipeline gives the blank pipeline's answers."""
    assert found(run(ginza_nlp, text)) == expected


def test_dependency_parse_places_what_characters_leave_open() -> None:
    import re

    from spacy.tokens import Doc

    from newskb.ingest.components.deals import Org, _dep_places

    doc = Doc(spacy.blank("en").vocab, words=["Nvidia", "bought", "Groq"], spaces=[True, True, False],
              heads=[1, 1, 1], deps=["nsubj", "ROOT", "obj"])
    orgs = [Org(0, 6, ""), Org(14, 18, "")]
    _dep_places(doc, orgs, [re.search("bought", doc.text)])
    assert [(o.place, o.mark) for o in orgs] == [("subject", ""), ("counter", "obj")]


def test_single_party_kinds_come_from_the_lexicon(tmp_path: Path) -> None:
    import yaml

    from newskb.ingest import lexicons

    data = lexicons.load_yaml("deal_triggers.yaml")
    custom = tmp_path / "triggers.yaml"
    custom.write_text(yaml.safe_dump({**data, "single_party_kinds": ["investment"]}, allow_unicode=True),
                      encoding="utf-8")
    text = "Anthropic closed a $13 billion investment round."
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for factory in ("newskb_entities", "newskb_dates", "newskb_money"):
        nlp.add_pipe(factory)
    nlp.add_pipe("newskb_deals", config={"triggers": str(custom)})
    assert found(run(nlp, text)) == {deal("Anthropic", amount=13 * B)}
    default = spacy.blank("en")
    for factory in ("sentencizer", "newskb_entities", "newskb_dates", "newskb_money", "newskb_deals"):
        default.add_pipe(factory)
    assert found(run(default, text)) == set()
