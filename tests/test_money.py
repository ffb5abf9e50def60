"""newskb_money: monetary amounts and percentages, on spacy.blank pipelines."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest.components import money as _money  # noqa: F401  (registers newskb_money)

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_openai_aws"
ORG_NAMES = ["Amazon Web Services", "True Corporation", "BKK IT News", "CPグループ", "OpenAI", "AWS",
             "Microsoft", "Amazon", "NVIDIA", "IREN", "Oracle", "CoreWeave", "Google", "Anthropic",
             "SoftBank", "ソフトバンク", "Meta", "Nvidia", "トヨタ", "Intel", "Samsung", "xAI"]
_ORG_RE = re.compile("|".join(re.escape(n) for n in sorted(ORG_NAMES, key=len, reverse=True)))


def _mark_orgs(doc: Doc) -> Doc:
    """Stand-in for newskb_entities: ORG mentions of a fixed list of names."""
    doc._.mentions = [{"start": m.start(), "end": m.end(), "text": m.group(), "label": "ORG",
                       "type": "ORG", "name": m.group(), "source": "test"}
                      for m in _ORG_RE.finditer(doc.text)]
    return doc


if "test_mark_orgs" not in Language.factories:
    Language.component("test_mark_orgs")(_mark_orgs)


def _nlp(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("test_mark_orgs")
    nlp.add_pipe("newskb_money")
    return nlp


NLP = {"ja": _nlp("ja"), "en": _nlp("en")}


def run(text: str, published: date | str | None = None) -> Doc:
    lang = "ja" if re.search(r"[\u3040-\u30FF\u3400-\u9FFF]", text) else "en"
    nlp = NLP[lang]
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


B, T, M = 1e9, 1e12, 1e6
# (text, fields expected on the only — or first — money item)
MONEY = [
    # Japanese units, digits, kanji, full-width, stray spaces
    ("総額380億ドルの契約", {"text": "380億ドル", "amount": 380e8, "currency": "USD", "approx": False}),
    ("約5兆8000億円を投じる",
     {"text": "約5兆8000億円", "amount": 5.8 * T, "currency": "JPY", "approx": True}),
    ("1000 億ドルを投資", {"amount": 1000e8, "currency": "USD"}),
    ("３８０億ドルで合意", {"amount": 380e8, "currency": "USD"}),
    ("三千億円の補助金", {"amount": 3000e8, "currency": "JPY", "role": "subsidy"}),
    ("百億ドルの買収", {"amount": 100e8, "currency": "USD", "role": "acquisition"}),
    ("二十五億円の出資", {"amount": 25e8, "currency": "JPY", "role": "investment"}),
    ("1.4兆ドル規模の計画", {"amount": 1.4 * T, "currency": "USD", "approx": True}),
    ("3,000億ドルの契約", {"amount": 3000e8, "currency": "USD", "role": "contract"}),
    ("1億6,000万ドルの受注", {"amount": 1.6e8, "currency": "USD", "role": "contract"}),
    ("3千億円の設備投資", {"amount": 3000e8, "currency": "JPY", "role": "capex"}),
    ("5億ユーロを調達", {"amount": 5e8, "currency": "EUR"}),
    ("10億元の投資", {"amount": 10e8, "currency": "CNY", "role": "investment"}),
    ("100億人民元", {"amount": 100e8, "currency": "CNY"}),
    ("2兆ウォンの投資", {"amount": 2 * T, "currency": "KRW"}),
    ("50億ポンド", {"amount": 50e8, "currency": "GBP"}),
    ("1000億台湾ドルの設備投資", {"amount": 1000e8, "currency": "TWD", "role": "capex"}),
    ("20億豪ドル", {"amount": 20e8, "currency": "AUD"}),
    ("50億米ドル", {"amount": 50e8, "currency": "USD"}),
    ("¥1兆の予算", {"amount": 1 * T, "currency": "JPY"}),
    ("￥3000億", {"amount": 3000e8, "currency": "JPY"}),
    ("１兆円", {"amount": 1 * T, "currency": "JPY"}),
    ("500万円", {"amount": 500e4, "currency": "JPY"}),
    ("1万5000円", {"amount": 15000, "currency": "JPY"}),
    ("一兆円", {"amount": 1 * T, "currency": "JPY"}),
    ("十億ドル", {"amount": 1 * B, "currency": "USD"}),
    # English forms
    ("a $14.2B contract", {"text": "$14.2B", "amount": 14.2 * B, "currency": "USD", "role": "contract"}),
    ("US$2.5bn in funding", {"amount": 2.5 * B, "currency": "USD", "role": "investment"}),
    ("€10bn of subsidies", {"amount": 10 * B, "currency": "EUR", "role": "subsidy"}),
    ("a 2.5 trillion yen package", {"amount": 2.5 * T, "currency": "JPY"}),
    ("$500 million deal", {"amount": 500 * M, "currency": "USD", "role": "contract"}),
    ("$38 billion", {"amount": 38 * B, "currency": "USD"}),
    ("$38-billion deal", {"amount": 38 * B, "currency": "USD", "role": "contract"}),
    ("£3bn takeover", {"amount": 3 * B, "currency": "GBP", "role": "acquisition"}),
    ("NT$100 billion", {"amount": 100 * B, "currency": "TWD"}),
    ("A$2 billion", {"amount": 2 * B, "currency": "AUD"}),
    ("USD 5 billion", {"amount": 5 * B, "currency": "USD"}),
    ("5 billion euros", {"amount": 5 * B, "currency": "EUR"}),
    ("10 billion yuan", {"amount": 10 * B, "currency": "CNY"}),
    ("3 trillion won", {"amount": 3 * T, "currency": "KRW"}),
    ("$50K grant", {"amount": 50e3, "currency": "USD", "role": "subsidy"}),
    ("$1,200", {"amount": 1200, "currency": "USD"}),
    ("$40,000 per GPU", {"amount": 40000, "currency": "USD", "per": "GPU"}),
    ("¥1.2 trillion", {"amount": 1.2 * T, "currency": "JPY"}),
    ("Rs 500 crore", {"amount": 500e7, "currency": "INR"}),
    # approximation and bounds
    ("約130億ドル", {"amount": 130e8, "approx": True, "bound": None}),
    ("300億ドル超", {"amount": 300e8, "approx": True, "bound": "min"}),
    ("100億ドル以上", {"amount": 100e8, "approx": False, "bound": "min"}),
    ("最大100億ドル", {"text": "最大100億ドル", "amount": 100e8, "bound": "max"}),
    ("100億ドルまで", {"amount": 100e8, "bound": "max"}),
    ("1兆円程度", {"amount": 1 * T, "approx": True}),
    ("1兆円余り", {"amount": 1 * T, "approx": True}),
    ("1兆円強", {"amount": 1 * T, "approx": True}),
    ("1兆円弱", {"amount": 1 * T, "approx": True}),
    ("about $10 billion", {"text": "about $10 billion", "amount": 10 * B, "approx": True}),
    ("roughly $10 billion", {"approx": True}),
    ("nearly $10 billion", {"approx": True}),
    ("some $10 billion", {"approx": True}),
    ("around $10 billion", {"approx": True}),
    ("approximately $10 billion", {"approx": True}),
    ("over $10 billion", {"approx": True, "bound": "min"}),
    ("more than $10 billion", {"approx": True, "bound": "min"}),
    ("at least $10 billion", {"approx": False, "bound": "min"}),
    ("up to $10 billion", {"bound": "max", "approx": False}),
    ("as much as $10 billion", {"bound": "max"}),
    ("$10 billion", {"approx": False, "bound": None}),
    # ranges: the first item is the lower bound (test_range_is_its_two_bounds: both)
    ("300億〜400億ドル", {"amount": 300e8, "bound": "min", "low": 300e8, "high": 400e8, "currency": "USD"}),
    ("300億～400億ドル", {"amount": 300e8, "low": 300e8, "high": 400e8}),
    ("300〜400億ドル", {"amount": 300e8, "low": 300e8, "high": 400e8}),
    ("300億ドル〜400億ドル", {"amount": 300e8, "low": 300e8, "high": 400e8}),
    ("$10-12 billion", {"amount": 10 * B, "low": 10 * B, "high": 12 * B, "currency": "USD"}),
    ("$10 billion to $12 billion", {"amount": 10 * B, "low": 10 * B, "high": 12 * B}),
    ("between $10 billion and $12 billion",
     {"amount": 10 * B, "bound": "min", "low": 10 * B, "high": 12 * B}),
    # vague magnitudes
    ("数兆ドル", {"amount": None, "low": 2 * T, "high": 9 * T, "approx": True, "currency": "USD"}),
    ("数十億ドル", {"amount": None, "low": 2 * B, "high": 9 * B, "approx": True}),
    ("数百億円", {"amount": None, "low": 2e10, "high": 9e10, "currency": "JPY"}),
    ("数千億円", {"amount": None, "low": 2e11, "high": 9e11}),
    ("十数億ドル", {"amount": None, "low": 1.1e9, "high": 1.9e9}),
    ("a multibillion-dollar deal", {"amount": None, "low": 2 * B, "high": 9 * B, "currency": "USD",
                                    "approx": True, "role": "contract"}),
    ("a multi-billion dollar contract", {"amount": None, "currency": "USD"}),
    ("billions of dollars", {"amount": None, "low": 2 * B, "currency": "USD", "approx": True}),
    ("tens of billions of dollars", {"amount": None, "low": 20 * B, "high": 90 * B}),
    ("several billion dollars", {"amount": None, "low": 2 * B, "high": 9 * B}),
    # per-unit figures
    ("1GWあたり500億ドル", {"amount": 500e8, "per": "GW"}),
    ("年間1兆円", {"amount": 1 * T, "per": "year"}),
    ("毎年100億ドル", {"per": "year"}),
    ("月額3000円", {"amount": 3000, "per": "month"}),
    ("1株あたり50円の配当", {"amount": 50, "per": "share"}),
    ("$2 per share", {"amount": 2, "per": "share"}),
    ("$10 billion per year", {"per": "year"}),
    ("$50 billion per gigawatt", {"per": "GW"}),
    ("$1,000 a month", {"per": "month"}),
    ("500億円/年", {"per": "year"}),
    ("380億ドル", {"per": None}),
    # roles from the words around
    ("350億ドルの設備投資を行い", {"role": "capex"}),
    ("135億ドルの純損失を計上", {"role": "net_loss"}),
    ("最終赤字は20億ドル", {"role": "net_loss"}),
    ("純利益は100億ドルだった", {"role": "net_income"}),
    ("時価総額が1,400億ドル増加", {"role": "market_cap_change"}),
    ("売上高は300億ドル", {"role": "revenue"}),
    ("企業価値は5000億ドルと評価", {"role": "valuation"}),
    ("評価額3000億ドルで資金調達", {"role": "valuation"}),
    ("価格は1台3万ドル", {"role": "price"}),
    ("1.4兆ドルのインフラ投資コミットメント", {"role": "commitment"}),
    ("revenue of $13 billion", {"role": "revenue"}),
    ("a net loss of $5 billion", {"role": "net_loss"}),
    ("valued at $500 billion", {"role": "valuation"}),
    ("capital expenditures of $80 billion", {"role": "capex"}),
    ("agreed to acquire the firm for $2 billion", {"role": "acquisition"}),
    ("pledged $100 billion", {"role": "commitment"}),
    ("$13.5 billion net loss", {"role": "net_loss"}),
    ("market value rose by $140 billion", {"role": "market_cap_change"}),
    ("$20 billion in sales", {"role": "revenue"}),
    ("$8 billion", {"role": "other"}),
    ("10兆円以上の公的支援", {"role": "subsidy", "bound": "min"}),
    ("plans to spend $80 billion on data centers", {"role": "capex"}),
    ("remaining performance obligations rose to $455 billion", {"role": "contract"}),
    ("時価総額は一時13兆円を超えた", {"approx": True, "bound": "min", "role": "market_cap_change"}),
    ("1GWあたりの建設費は約500億ドル", {"per": "GW", "approx": True}),
    ("Each gigawatt costs roughly $50 billion", {"per": "GW"}),
    ("570億600万ドル", {"amount": 57_006_000_000}),
    ("a $3 billion-plus deal", {"amount": 3 * B, "approx": True, "bound": "min"}),
    ("chips at $30,000 each", {"amount": 30000, "per": "unit"}),
    ("売上高は1兆円台に乗せた", {"approx": True, "role": "revenue"}),
    ("＄１０億の投資", {"amount": 1 * B, "currency": "USD", "text": "＄１０億"}),
    ("USD1.2bn", {"amount": 1.2 * B, "currency": "USD"}),
    ("€500m", {"amount": 500 * M, "currency": "EUR"}),
    ("100 million dollars", {"amount": 100 * M, "currency": "USD"}),
    ("a 5 billion-dollar plant", {"amount": 5 * B, "currency": "USD"}),
    ("$100bn+ in orders", {"amount": 100 * B, "bound": "min", "role": "contract"}),
    ("数十兆円", {"amount": None, "low": 20 * T, "high": 90 * T}),
]

# Each family of currency forms, with sentences of our own: (text, [(amount, currency) of every item]).
CURRENCY_PREFIXES_AND_CODES = [
    # a country mark before the dollar sign, with or without a space when it has two letters
    ("The Toronto lender set aside C$1.2 billion for bad loans.", [(1.2 * B, "CAD")]),
    ("Woodside will spend A$4.5 billion on the plant.", [(4.5 * B, "AUD")]),
    ("Hong Kong's MTR booked HK $3.1 billion in property income.", [(3.1 * B, "HKD")]),
    ("Keppel sold the data centre for S$560 million.", [(560 * M, "SGD")]),
    ("MediaTek raised NT $25 billion from a bond sale.", [(25 * B, "TWD")]),
    ("The fund paid US $ 40 million for the stake.", [(40 * M, "USD")]),
    ("台湾の聯発科技はNT$250億の設備投資を計画する。", [(250e8, "TWD")]),
    # the ISO code glued to the dollar sign
    ("Tickets cost AUD$95 and CAD$80.", [(95, "AUD"), (80, "CAD")]),
    ("The loan of NZD$300 million closed.", [(300 * M, "NZD")]),
    ("Cemex reported Mex$8 billion in sales.", [(8 * B, "MXN")]),
    # a code before or after the number, and its multiplier on either side of it
    ("Orsted wrote down USD 2.1 billion.", [(2.1 * B, "USD")]),
    ("Equinor expects 40 USD million in savings.", [(40 * M, "USD")]),
    ("Fortum sold assets for 500 million EUR.", [(500 * M, "EUR")]),
    ("The price was 3 rmb and the fee 2 usd.", [(3, "CNY"), (2, "USD")]),
    ("a 90 USD8 voucher", [(8, "USD")]),  # the code glued to the next digits leads them
    # a code scaled by millions (Nordic and German reports), upper-case only
    ("Vestas booked 85 MEUR of warranty costs.", [(85 * M, "EUR")]),
    ("Nokia signed a contract worth MUSD 120.", [(120 * M, "USD")]),
    ("Ericsson took a 40 MGBP charge.", [(40 * M, "GBP")]),
    # currencies beyond the big ones
    ("Aselsan won a contract of 900 million Turkish lira.", [(900 * M, "TRY")]),
    ("トルコの銀行は50億トルコリラを調達した。", [(50e8, "TRY")]),
    ("Fletcher Building raised 700 million New Zealand dollars.", [(700 * M, "NZD")]),
    ("スイスの銀行に3億スイス・フランを支払った。", [(3e8, "CHF")]),
    ("政府は2000億ニュー台湾ドルを投じる。", [(2000e8, "TWD")]),
    ("Reliance will invest 1,50,000 rupees per employee.", [(150000, "INR")]),
]

SYMBOL_AFTER_THE_NUMBER = [
    ("A ticket costs 45 € at the door.", [(45, "EUR")]),
    ("Le prix est passé de 12 € à 15 €.", [(12, "EUR"), (15, "EUR")]),
    ("Each card sells for 25 $ in Montreal.", [(25, "USD")]),
    ("The coin was minted at 150 ¥.", [(150, "JPY")]),
    ("一部の店では2.5 €で販売している。", [(2.5, "EUR")]),
]

MINOR_UNITS = [
    # minor units after a figure of their currency add to it
    ("トヨタの株価は3108円50銭で引けた。", [(3108.5, "JPY")]),
    ("ドル円は151円8銭まで下げた。", [(151.08, "JPY")]),
    ("入場料は12ドル75セントだった。", [(12.75, "USD")]),
    ("手数料は3ドルと25セントになる。", [(3.25, "USD")]),
    ("この茶葉は18元5角で売られている。", [(18.5, "CNY")]),
    ("運賃は3元2角5分だった。", [(3.25, "CNY")]),
    ("The fare rose to 2 dollars and 90 cents.", [(2.9, "USD")]),
    ("A bottle costs four dollars and twenty cents.", [(4.2, "USD")]),
    # and some stand alone
    ("Intel shares fell 45 cents to close at $21.30.", [(0.45, "USD"), (21.3, "USD")]),
    ("Rolls-Royce stock ended at 412.5 pence.", [(4.125, "GBP")]),
    ("The board declared a 9-cent-a-share dividend.", [(0.09, "USD")]),
    ("ガソリン税は1リットルあたり53セント。", [(0.53, "USD")]),
    ("Copper traded at 390¢ a pound.", [(3.9, "USD")]),
]

KANJI_NUMERALS = [
    ("会費は千円です。", [(1000, "JPY")]),
    ("百円ショップで買った。", [(100, "JPY")]),
    ("入場料はわずか十ドルだった。", [(10, "USD")]),
    ("値引き一ドルのクーポン", [(1, "USD")]),
    ("手数料は零円とした。", [(0, "JPY")]),
    ("五千億円の公的資金", [(5000e8, "JPY")]),
    ("2千億円の赤字", [(2000e8, "JPY")]),
    ("中国の国有企業は一万億元を投じた。", [(1e12, "CNY")]),  # 万億 (Chinese) = 兆
    ("5万億ウォンの予算", [(5e12, "KRW")]),
    ("これは 8  千  円 でした", [(8000, "JPY")]),  # spaces between digits and units
]

WORD_NUMBERS = [
    ("The minister received three million yen in donations.", [(3 * M, "JPY")]),
    ("Siemens paid eighty million euros for the startup.", [(80 * M, "EUR")]),
    ("The city spent twenty-five thousand dollars on the study.", [(25000, "USD")]),
    ("Kioxia agreed to a one-yen bid for the subsidiary.", [(1, "JPY")]),
    ("The grant is worth half a million dollars.", [(0.5 * M, "USD")]),
    ("They spent a quarter million pounds on lawyers.", [(0.25 * M, "GBP")]),
    ("The upgrade cost three quarters billion US dollars.", [(0.75 * B, "USD")]),
    ("Grants totalled forty MUSD.", [(40 * M, "USD")]),
]

CURRENCY_FAMILIES = {
    "prefixes and codes": CURRENCY_PREFIXES_AND_CODES,
    "symbol after the number": SYMBOL_AFTER_THE_NUMBER,
    "minor units": MINOR_UNITS,
    "kanji numerals": KANJI_NUMERALS,
    "numbers as words": WORD_NUMBERS,
}


@pytest.mark.parametrize("text,expected", [
    pytest.param(text, expected, id=f"{family}: {text}")
    for family, cases in CURRENCY_FAMILIES.items() for text, expected in cases])
def test_currency_families(text: str, expected: list[tuple[float, str]]) -> None:
    found = [(item["amount"], item["currency"]) for item in run(text)._.money]
    assert found == [(pytest.approx(amount), currency) for amount, currency in expected]


NOT_MONEY = [
    "数千万のCPUへスケールアップ",
    "1億6,000万株を取得",
    "1ラックあたり6.8TBの広帯域メモリ",
    "30ギガワットの電力",
    "2025年11月3日に発表",
    "GB200とH100、MI450を搭載",
    "数十万基規模のGPU",
    "180ペタフロップスの演算性能",
    "最大36基のBlackwell GPU",
    "20.2%成長",
    "3,000人を採用",
    "over 100,000 GPUs",
    "a 5 GW campus",
    "in 2027 and 2028",
    "H100 and B200 chips",
    "1ドル=150円の円安",
    "14ヶ月という短期間",
    "1ドル150円で換算",
    "$1 = ¥150",
    "1ドル＝150円",
    "関東一円に広がる",
    # a lone kanji numeral and a currency word inside a longer word
    "窓口を一元化する",
    "県内一円で停電が起きた",
    "二元論を超えて",
    # minor units that are something else on their own, or after no figure of their currency
    "3分で完了した",
    "三角形の敷地",
    "5 per cent",
    # the verb won, names, years
    "No one won the auction.",
    "Three won awards this year.",
    "Maud 60 joined the board.",
    "costs in 2024 $ terms",
]


@pytest.mark.parametrize("text,expected", MONEY)
def test_money(text: str, expected: dict[str, Any]) -> None:
    items = run(text)._.money
    assert items, f"no money found in {text!r}"
    item = items[0]
    for key, value in expected.items():
        if isinstance(value, float) and item[key] is not None:
            assert item[key] == pytest.approx(value), key
        else:
            assert item[key] == value, key


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert run(text)._.money == []


@pytest.mark.parametrize("text,expected", [
    # a one-letter mark with a space is no country's dollar (Series C, a): US dollars
    ("The startup closed a Series C $50 million round.", "$50 million"),
    ("It is a $5 billion deal.", "$5 billion"),
    ("The 10 $5 coins were sold.", "$5"),  # the symbol leads into the next number
])
def test_dollar_sign_after_a_word_or_number(text: str, expected: str) -> None:
    items = run(text)._.money
    assert [(i["text"], i["currency"]) for i in items] == [(expected, "USD")]


def test_item_has_every_column() -> None:
    item = run("OpenAIが380億ドルで契約")._.money[0]
    assert set(item) == {"text", "start", "end", "amount", "currency", "usd", "approx", "low",
                         "high", "bound", "per", "role", "entity", "converted_from"}


@pytest.mark.parametrize("text,owner", [
    ("xAIとAmazon Web Services(AWS)は総額120億ドルの契約を結んだ。", "xAI"),
    ("Microsoft自身が350億ドルの設備投資を行った。", "Microsoft"),
    ("Microsoftは350億ドルを投じた。さらに、IRENと97億ドルで契約した。", "Microsoft"),
    ("Anthropicの年換算売上高は約50億ドルだ。", "Anthropic"),
    ("Amazonの株価は急騰し、時価総額が1,400億ドル増加した。", "Amazon"),
    ("xAIが掲げる総額3,000億ドル規模の計画。", "xAI"),
    ("Oracleとは3,000億ドルの契約がある。", None),
    ("OpenAIの380億ドルの契約", "OpenAI"),
    ("SoftBank will invest $30 billion in OpenAI.", "SoftBank"),
    ("OpenAI signed a $38 billion deal with Amazon.", "OpenAI"),
    ("The deal with Oracle is worth $300 billion.", None),
    ("ソフトバンクはOpenAIに300億ドルを出資する。", "ソフトバンク"),
    ("数兆ドルのインフラ投資を維持できる企業。", None),
    ("NVIDIAの2025年8〜10月期決算は、売上高が570億ドルだった。", "NVIDIA"),
    ("Nvidia reported revenue of $35.1 billion.", "Nvidia"),
    ("Amazon's market value rose by $140 billion.", "Amazon"),
    # a clause with a subject of its own
    ("Meta signed a deal with Google, and Microsoft agreed to pay Nebius up to $19.4 billion.", "Microsoft"),
    ("Meta signed a deal with Google; Oracle will spend $40 billion on chips.", "Oracle"),
    ("Meta signed a deal with Google, and Nvidia's chips cost $40 billion.", "Meta"),  # no clause of Nvidia's
    ("Meta signed a deal with Google, and analysts expect $40 billion in spending.", "Meta"),
])
def test_owner(text: str, owner: str | None) -> None:
    doc = run(text)
    entity = doc._.money[-1]["entity"]
    assert (doc.text[entity[0]: entity[1]] if entity else None) == owner


def test_conversion_in_parentheses() -> None:
    doc = run("OpenAIは380億ドル（約5兆8000億円）の契約を結んだ。")
    first, converted = doc._.money
    assert (first["amount"], first["currency"], first["converted_from"]) == (380e8, "USD", None)
    assert (converted["amount"], converted["currency"]) == (5.8e12, "JPY")
    assert converted["approx"] is True and converted["converted_from"] == 0
    assert converted["role"] == first["role"] == "contract"
    assert converted["entity"] == first["entity"]


@pytest.mark.parametrize("text, low, high", [
    ("売上高は9億〜11億ドルの見通し", 9e8, 11e8),
    ("revenue between $5.05 billion and $5.15 billion", 5.05 * B, 5.15 * B),
    ("$12 billion to $14 billion in capex", 12 * B, 14 * B),
])
def test_range_is_its_two_bounds(text: str, low: float, high: float) -> None:
    """A range is two figures, as the gold format lists it: the lower bound, then the upper."""
    items = run(text, date(2025, 11, 3))._.money
    assert [(i["amount"], i["bound"], i["usd"]) for i in items] == [(low, "min", low), (high, "max", high)]
    assert {(i["text"], i["start"], i["end"], i["low"], i["high"], i["role"]) for i in items} == {
        (items[0]["text"], items[0]["start"], items[0]["end"], low, high, items[0]["role"])}


def test_range_converted_in_parentheses() -> None:
    items = run("設備投資は300億〜400億ドル（約4.5兆〜6兆円）。", date(2025, 11, 3))._.money
    assert [(i["amount"], i["currency"], i["converted_from"]) for i in items] == [
        (300e8, "USD", None), (400e8, "USD", None), (4.5e12, "JPY", 0), (6e12, "JPY", 1)]


def test_note_in_parentheses_is_no_conversion() -> None:
    items = run("Oracleとは1,800億ドル(新規分)、Nebiusとは174億ドル(約2.6兆円)")._.money
    assert [i["converted_from"] for i in items] == [None, None, 1]


@pytest.mark.parametrize("text,published,usd", [
    ("380億ドル", None, 380e8),
    ("1兆円", date(2024, 6, 1), 1e12 * 0.006607),
    ("1兆円", date(2020, 6, 1), 1e12 * 0.009365),
    ("1兆円", date(2019, 6, 1), 1e12 * 0.009365),  # before the table: nearest year
    ("1兆円", None, 1e12 * 0.0067),  # undated: the newest year
    ("¥100", date(2023, 1, 1), 100 * 0.007121),  # ¥ is the yen, never the dollar
    ("€10bn", date(2022, 5, 1), 10e9 * 1.053),
    ("5億ポンド", date(2021, 1, 1), 5e8 * 1.3757),
    ("10 billion riyals", None, 10e9 * 0.26667),
    ("1兆円", "2022-03-01", 1e12 * 0.00761),  # an ISO string is read too
    ("数兆ドル", None, None),
])
def test_usd(text: str, published: date | str | None, usd: float | None) -> None:
    item = run(text, published)._.money[0]
    assert item["usd"] == (pytest.approx(usd) if usd is not None else None)


PERCENTS = [
    ("約27%の株式", {"text": "約27%", "value": 27.0, "approx": True}),
    ("4~5%急騰", {"value": None, "low": 4.0, "high": 5.0}),
    ("4〜5%", {"value": None, "low": 4.0, "high": 5.0}),
    ("4%～5%", {"value": None, "low": 4.0, "high": 5.0}),
    ("20.2%成長", {"value": 20.2, "approx": False}),
    ("27％", {"value": 27.0}),
    ("rose 5 percent", {"value": 5.0}),
    ("up 5 pct", {"value": 5.0}),
    ("5パーセント", {"value": 5.0}),
    ("about 12%", {"value": 12.0, "approx": True}),
    ("3割を出資", {"value": 30.0}),
    ("3 to 4 percent", {"low": 3.0, "high": 4.0}),
]


@pytest.mark.parametrize("text,expected", PERCENTS)
def test_percents(text: str, expected: dict[str, Any]) -> None:
    items = run(text)._.percents
    assert items, text
    for key, value in expected.items():
        assert items[0][key] == value, key


@pytest.mark.parametrize("text", ["GB200", "3,000億ドル", "2025年", "6.8TB", "割引価格"])
def test_not_percents(text: str) -> None:
    assert run(text)._.percents == []


def _seed_nlp() -> Language:
    """The lead's entity component when it is there, else the stand-in above."""
    nlp = spacy.blank("ja")
    try:
        from newskb.ingest.components import entities  # noqa: F401

        nlp.add_pipe("newskb_entities")
    except (ImportError, ValueError, OSError):
        nlp.add_pipe("test_mark_orgs")
    nlp.add_pipe("newskb_money")
    return nlp


@pytest.mark.skipif(not SEED.with_suffix(".txt").exists(), reason="shared corpus not present")
def test_seed_article_against_gold() -> None:
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))["money"]
    doc = _seed_nlp()(SEED.with_suffix(".txt").read_text(encoding="utf-8"))
    items = doc._.money
    mentions = {(m["start"], m["end"]): m for m in doc._.mentions}

    def owner(item: dict[str, Any]) -> str | None:
        mention = mentions.get(item["entity"]) if item["entity"] else None
        return mention["name"] if mention else None

    assert {(i["amount"], i["currency"]) for i in items} == {(g["amount"], g["currency"]) for g in gold}
    assert sum(i["amount"] == 380e8 for i in items) >= 2
    for g in gold:
        rows = [i for i in items if i["amount"] == g["amount"] and i["currency"] == g["currency"]
                and i["text"] == g["text"]]
        assert rows, g["text"]
        assert any(r["approx"] == g["approx"] for r in rows), g["text"]
        assert any(r["role"] == g["role"] for r in rows), g["text"]
        assert any(owner(r) == g["entity"] for r in rows), g["text"]
        if g["amount"] is None:
            assert rows[0]["low"] < rows[0]["high"]


QUERIES = Path(__file__).resolve().parents[1] / "queries"
_SCHEMA = """
create table articles (id integer primary key, title text, published text, url text);
create table entities (id integer primary key, name text, type text);
create table money (id integer primary key, article_id int, entity_id int, text text, amount real,
  currency text, usd real, approx int, low real, high real, bound text, per text, role text,
  start int, "end" int, sentence text, converted_from int);
create table deals (id integer primary key, money_id int, part_of int);  -- a part's figure its total counts
insert into articles values (1, 'A', '2025-11-03', 'u1'), (2, 'B', '2025-11-04', 'u2');
insert into entities values (1, 'OpenAI', 'ORG'), (2, 'Microsoft', 'ORG');
insert into money (id, article_id, entity_id, text, amount, currency, usd, approx, role, per,
  converted_from) values
  (1, 1, 1, '380億ドル', 38e9, 'USD', 38e9, 0, 'contract', null, null),
  (2, 1, 1, '約5兆8000億円', 5.8e12, 'JPY', 38.9e9, 1, 'contract', null, 1),
  (3, 1, 1, '3,000億ドル', 300e9, 'USD', 300e9, 0, 'contract', null, null),
  (4, 2, 2, '350億ドル', 35e9, 'USD', 35e9, 0, 'capex', null, null),
  (5, 2, 2, '1GWあたり500億ドル', 50e9, 'USD', 50e9, 0, 'capex', 'GW', null),
  (6, 2, 1, '数兆ドル', null, 'USD', null, 1, 'investment', null, null),
  (7, 1, 1, '380億ドル', 38e9, 'USD', 38e9, 0, 'investment', null, null);
"""


def _query(name: str, **params: str) -> list[tuple[Any, ...]]:
    import sqlite3

    sql = (QUERIES / name).read_text(encoding="utf-8")
    from sqlite_utils import Database

    from newskb.kb.summaries import MONEY, create_tables, rebuild_money

    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    create_tables(Database(db), [MONEY])  # money_by_entity reads the summary kept from the money rows
    rebuild_money(Database(db))
    names = set(re.findall(r"(?<!:):(\w+)", sql))  # Datasette binds every parameter, '' if unset
    return db.execute(sql, {n: params.get(n, "") for n in names}).fetchall()


@pytest.mark.parametrize("name", ["money_biggest_by_role.sql", "money_by_entity.sql", "money_above_usd.sql"])
def test_query_header(name: str) -> None:
    lines = (QUERIES / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-- title: ") and lines[1].startswith("-- description: ")


def test_query_biggest_by_role() -> None:
    rows = _query("money_biggest_by_role.sql")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("capex", 1, "350億ドル"), ("contract", 1, "3,000億ドル"), ("contract", 2, "380億ドル"),
        ("investment", 1, "380億ドル")]
    assert [r[2] for r in _query("money_biggest_by_role.sql", role="contract", top="1")] == ["3,000億ドル"]


def test_query_by_entity_excludes_conversions_and_per_unit() -> None:
    rows = _query("money_by_entity.sql")
    # 380億ドル named twice in article 1 is one figure
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [("OpenAI", 3, 338e9, 1), ("Microsoft", 2, 35e9, 0)]
    assert set(rows[0][7].split(",")) == {"contract", "investment"}
    assert [r[0] for r in _query("money_by_entity.sql", role="capex")] == ["Microsoft"]


def test_query_above_usd() -> None:
    assert [r[1] for r in _query("money_above_usd.sql", min_usd="40000000000")] == [
        "3,000億ドル", "1GWあたり500億ドル"]
    assert len(_query("money_above_usd.sql")) == 5


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A hand-parsed Doc, as GiNZA would give it, without loading the model."""
    nlp = NLP["ja"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words), heads=heads, deps=deps, pos=pos)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_owner_after_the_figure_needs_the_parse() -> None:
    words = ["380億ドル", "の", "契約", "を", "OpenAI", "が", "結ん", "だ", "。"]
    doc = _parsed(words, heads=[2, 0, 6, 2, 6, 4, 6, 6, 6],
                  deps=["nmod", "case", "obj", "case", "nsubj", "case", "ROOT", "aux", "punct"],
                  pos=["NOUN", "ADP", "NOUN", "ADP", "PROPN", "ADP", "VERB", "AUX", "PUNCT"])
    assert doc._.money[0]["entity"] == (10, 16)
    assert run("".join(words))._.money[0]["entity"] is None  # no parse: no guess after the figure


def test_partner_inside_the_subject_is_not_the_owner() -> None:
    words = ["Oracle", "と", "は", "3,000億ドル", "の", "契約", "が", "ある", "。"]
    doc = _parsed(words, heads=[5, 0, 0, 5, 3, 7, 5, 7, 7],
                  deps=["nmod", "case", "case", "nmod", "case", "nsubj", "case", "ROOT", "punct"],
                  pos=["PROPN", "ADP", "ADP", "NUM", "ADP", "NOUN", "ADP", "VERB", "PUNCT"])
    assert doc._.money[0]["entity"] is None


_PIECES = ["380", "億", "兆", "万", "ドル", "円", "$", "¥", "€", "billion", " ", "約", "数", "〜", "-", "%",
           "、", "。", "(", ")", "の", "OpenAI", "が", "契約", "1,400", "３", "百", "per share", "to", "and"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join) | st.text(max_size=60))
def test_any_text_gives_well_formed_items(text: str) -> None:
    doc = run(text)
    for item in doc._.money + doc._.percents:
        assert 0 <= item["start"] < item["end"] <= len(text)
        assert item["text"] == text[item["start"]: item["end"]]
    for item in doc._.money:
        assert item["amount"] is not None or item["low"] is not None
        assert item["converted_from"] is None or 0 <= item["converted_from"] < len(doc._.money)
