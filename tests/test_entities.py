"""Entity mentions: gazetteer linking, rules, the model's labels, merging across articles."""
from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Span

from newskb.ingest.components.entities import Gazetteer
from newskb.ingest.names import name_key


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(m["text"], m["name"], m["type"]) for m in nlp(text)._.mentions]


@pytest.mark.parametrize("text,expected", [
    ("xAIとOracle Cloud Infrastructure(OCI)が提携した。",
     [("xAI", "xAI", "ORG"), ("Oracle Cloud Infrastructure", "Oracle Cloud Infrastructure", "ORG"),
      ("OCI", "Oracle Cloud Infrastructure", "ORG")]),
    ("アマゾン・ウェブ・サービスはエヌビディアのGPUを使う。",
     [("アマゾン・ウェブ・サービス", "Amazon Web Services", "ORG"), ("エヌビディア", "NVIDIA", "ORG")]),
    ("True CorporationやタイのCPグループと組む",
     [("True Corporation", "True Corporation", "ORG"), ("タイ", "Thailand", "GPE"),
      ("CPグループ", "CP Group", "ORG")]),
    ("Microsoft Azureの容量", [("Microsoft Azure", "Microsoft Azure", "PRODUCT")]),
    ("Anthropic CEOのDario Amodei氏はこう述べた。",
     [("Anthropic", "Anthropic", "ORG"), ("Dario Amodei", "Dario Amodei", "PERSON")]),
    # rules: a company noun before a Latin name, a name before 社, a Latin name with 氏
    ("米データセンター事業者Fluxionと契約した。", [("Fluxion", "Fluxion", "ORG")]),
    ("Voltaris社が発表した。", [("Voltaris", "Voltaris", "ORG")]),
    ("英ナスカル社と組み、同社社長が語った。", [("ナスカル", "ナスカル", "ORG")]),
    ("経済産業省から助成を受ける", [("経済産業省", "Ministry of Economy, Trade and Industry", "ORG")]),
    ("Kenji Arakawa氏によると", [("Kenji Arakawa", "Kenji Arakawa", "PERSON")]),
    # English-style names touching kana: a head word (Partners) or " AI" still makes a company
    ("xAIはValor Equity Partnersなどから資金を調達した。",
     [("xAI", "xAI", "ORG"), ("Valor Equity Partners", "Valor Equity Partners", "ORG")]),
    ("ソフトバンクはHelix AIと提携した。",
     [("ソフトバンク", "SoftBank Corp.", "ORG"), ("Helix AI", "Helix AI", "ORG")]),
    # a katakana name right after a state or prefecture is a city there
    ("OpenAIはテキサス州アビリーンに建設する。",
     [("OpenAI", "OpenAI", "ORG"), ("テキサス州", "Texas", "GPE"), ("アビリーン", "アビリーン", "GPE")]),
    # a rule hit that is a generic word is no name: 「複数社のAI計算基盤」
    ("国内複数社のAI計算基盤を整備した。", []),
    # word edges: no match inside longer katakana or Latin words
    ("タイミングが重要だ。", []),
    ("メタバースの市場", []),
    ("AWSome is not AWS", [("AWS", "Amazon Web Services", "ORG")]),
    # the source price sign does not make US a country
    ("US$2.5bnの投資", []),
    # a katakana name after a company noun, after a country's prefix, or ending like a company's name
    ("米投資会社ベルナウが主導した。", [("ベルナウ", "ベルナウ", "ORG")]),
    ("米ソフト大手のクラヴィスを買収する。", [("クラヴィス", "クラヴィス", "ORG")]),
    ("半導体メーカーのオルテアに出資した。", [("オルテア", "オルテア", "ORG")]),
    ("英ノルドヴェルとは契約を結んだ。", [("ノルドヴェル", "ノルドヴェル", "ORG")]),
    ("仏ルミエールAIに出資する。", [("ルミエールAI", "ルミエールAI", "ORG")]),
    ("トウカイキャピタルは、ミドリネットワークスを買収した。",
     [("トウカイキャピタル", "トウカイキャピタル", "ORG"),
      ("ミドリネットワークス", "ミドリネットワークス", "ORG")]),
    ("米ハーバーテクノロジーズが発表した。", [("ハーバーテクノロジーズ", "ハーバーテクノロジーズ", "ORG")]),
    # … but not a place, a currency or a thing after them
    ("米シアトルの拠点を米ドルで買った。", []),
    ("大手のクラウド事業者と組む。", []),
    ("新興のスタートアップが増えている。", []),
    # an alias that ends inside a word gives way to the one starting a character later
    ("KDDIは米グーグル・クラウドと組む。",
     [("KDDI", "KDDI", "ORG"), ("グーグル・クラウド", "Google", "ORG")]),
    # a company noun, a comma, then the name (an apposition)
    ("カナダのAIスタートアップ、ヴェルテクスに出資した。",
     [("カナダ", "Canada", "GPE"), ("ヴェルテクス", "ヴェルテクス", "ORG")]),
    ("米半導体メーカー、オルテアを買収する。", [("オルテア", "オルテア", "ORG")]),
    ("国内の大手企業、データセンターの需要が増えた。", []),
    # a unit named after its parent is its own organization, not the parent
    ("セールスフォース・ベンチャーズが出資した。",
     [("セールスフォース・ベンチャーズ", "セールスフォース・ベンチャーズ", "ORG")]),
    ("米ブルックフィールド・インフラストラクチャーと組む。",
     [("ブルックフィールド・インフラストラクチャー", "ブルックフィールド・インフラストラクチャー", "ORG")]),
])
def test_japanese_mentions(ja_entities, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(ja_entities, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Microsoft signed a deal with Nvidia and Oracle.",
     [("Microsoft", "Microsoft", "ORG"), ("Nvidia", "NVIDIA", "ORG"), ("Oracle", "Oracle", "ORG")]),
    ("Nebius Group N.V. said on Monday", [("Nebius Group", "Nebius", "ORG")]),
    ("Helion Compute Inc. raised money", [("Helion Compute Inc.", "Helion Compute", "ORG")]),
    ("Zephyr Grid Ltd. won", [("Zephyr Grid Ltd.", "Zephyr Grid", "ORG")]),
    ("said CEO Jensen Huang.", [("Jensen Huang", "Jensen Huang", "PERSON")]),
    ("Chief Executive Maria Lopez said the plan was on track.", [("Maria Lopez", "Maria Lopez", "PERSON")]),
    ("Chief Financial Officer Dana Whitfield said spending would grow.",
     [("Dana Whitfield", "Dana Whitfield", "PERSON")]),
    # companies without a legal suffix, by the words their names end with
    ("Brightwater Compute agreed to sell itself to Kestrel Plains Energy.",
     [("Brightwater Compute", "Brightwater Compute", "ORG"),
      ("Kestrel Plains Energy", "Kestrel Plains Energy", "ORG")]),
    ("Lanyard Capital Markets advised the Government of Aragón.",
     [("Lanyard Capital Markets", "Lanyard Capital Markets", "ORG"),
      ("Government of Aragón", "Government of Aragón", "ORG")]),
    ("NTT Data and NTT Docomo joined NTT.",  # subsidiaries are companies of their own
     [("NTT Data", "NTT Data", "ORG"), ("NTT Docomo", "NTT Docomo", "ORG"), ("NTT", "NTT", "ORG")]),
    # "<Name> AI" is a company, "<kind> AI" a kind of AI
    ("Helix AI raised money.", [("Helix AI", "Helix AI", "ORG")]),
    ("Generative AI and Sovereign AI drive The AI boom.", []),
    ("an Amsterdam-based AI infrastructure company", []),
    # "a <adjective> … Cloud" is a thing; "a <Company> spokesperson" names the company
    ("AWS plans to launch a separate European Sovereign Cloud.", [("AWS", "Amazon Web Services", "ORG")]),
    ("a Brightwater Compute spokesperson said", [("Brightwater Compute", "Brightwater Compute", "ORG")]),
    ("The Water Department and In Power", []),
    ("The Energy Department and In Power",  # gazetteer
     [("Energy Department", "U.S. Department of Energy", "ORG")]),
    # a name right after what it is, or as the other party of a deal word
    ("AI startup Sierra raised money.", [("Sierra", "Sierra", "ORG")]),
    ("Rival xAI is raising money.", [("xAI", "xAI", "ORG")]),
    ("Google agreed to acquire Wiz for $32 billion.", [("Google", "Google", "ORG"), ("Wiz", "Wiz", "ORG")]),
    ("Microsoft signed a deal with Nscale.",
     [("Microsoft", "Microsoft", "ORG"), ("Nscale", "Nscale", "ORG")]),
    ("an agreement with the state in January", []),
    ("a deal with Texas", [("Texas", "Texas", "GPE")]),
    # a name in apposition with what it is
    ("Poolside, the AI coding startup, raised money.", [("Poolside", "Poolside", "ORG")]),
    ("The deal, a landmark for the industry, closed.", []),
    ("the companies said on Monday, a deal that gives the chipmaker a stake", []),
    ("the U.S. and Japan", [("U.S.", "United States", "GPE"), ("Japan", "Japan", "GPE")]),
    # accelerator architectures and racks are products; a cloud division is an organization
    ("Nvidia ships Blackwell, then Rubin; AMD answers with Helios.",
     [("Nvidia", "NVIDIA", "ORG"), ("Blackwell", "Blackwell", "PRODUCT"), ("Rubin", "Vera Rubin", "PRODUCT"),
      ("AMD", "AMD", "ORG"), ("Helios", "AMD Helios", "PRODUCT")]),
    ("The campus goes to Oracle Cloud Infrastructure on a long lease.",
     [("Oracle Cloud Infrastructure", "Oracle Cloud Infrastructure", "ORG")]),
    # the investors of a round; "&" inside a name; more words company names end with
    ("The round was co-led by Harbor Lane and Quillon, with participation from Vantor.",
     [("Harbor Lane", "Harbor Lane", "ORG"), ("Quillon", "Quillon", "ORG"), ("Vantor", "Vantor", "ORG")]),
    ("It raised money from Pellham Investment & Research.",
     [("Pellham Investment & Research", "Pellham Investment & Research", "ORG")]),
    ("Orrin Materials and Castlegate Management signed.",
     [("Orrin Materials", "Orrin Materials", "ORG"),
      ("Castlegate Management", "Castlegate Management", "ORG")]),
    ("Synora completed its purchase of Weldtek.", [("Weldtek", "Weldtek", "ORG")]),
    # a nationality opens no name: "Israeli AI startup", "led by Dutch chipmaker"
    ("It will acquire Israeli AI startup Fetcha:ai.", [("Fetcha:ai", "Fetcha:ai", "ORG")]),
    ("a round led by Dutch investor Kalmar", [("Kalmar", "Kalmar", "ORG")]),
    # a unit named after its parent is its own organization, not the parent
    ("Salesforce Ventures and Nvidia joined the round.",
     [("Salesforce Ventures", "Salesforce Ventures", "ORG"), ("Nvidia", "NVIDIA", "ORG")]),
    ("Brookfield Infrastructure will co-invest with Macquarie Asset Management.",
     [("Brookfield Infrastructure", "Brookfield Infrastructure", "ORG"),
      ("Macquarie Asset Management", "Macquarie Asset Management", "ORG")]),
    ("Brookfield and Salesforce signed.",
     [("Brookfield", "Brookfield Asset Management", "ORG"), ("Salesforce", "Salesforce", "ORG")]),
    # no name: an adjective of a place, a place before "the company said", what "the" describes
    ("Hitachi will buy Ohio-based maker Delta Star.",
     [("Hitachi", "Hitachi", "ORG"), ("Ohio", "Ohio", "GPE"), ("Delta Star", "Delta Star", "ORG")]),
    ("The campus is in Port Washington, Wisconsin, the company said.", [("Wisconsin", "Wisconsin", "GPE")]),
    ("It raised its commitment to the Abu Dhabi AI firm.", []),
    ("Korvia, a Texas-based data-center developer, signed.",
     [("Korvia", "Korvia", "ORG"), ("Texas", "Texas", "GPE")]),
])
def test_english_mentions(en_entities, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(en_entities, text) == expected


# --- families of organizations the model misses or invents --------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    # universities and research institutes, known or found by how their names end
    ("ja", "東北大学と情報通信研究機構が共同研究を始めた。",
     [("東北大学", "Tohoku University"), ("情報通信研究機構", "NICT")]),
    ("ja", "信州大学の研究チームが冷却技術を開発した。", [("信州大学", "信州大学")]),
    ("ja", "米プリンストン大学と提携し、東京大学大学院とも組む。",
     [("プリンストン大学", "プリンストン大学"), ("東京大学", "University of Tokyo")]),
    ("ja", "国立大学の予算が増え、同研究所も計算機を導入した。", []),
    ("en", "Purdue University and the University of Utah will share the cluster.",
     [("Purdue University", "Purdue University"), ("University of Utah", "University of Utah")]),
    ("en", "Oak Ridge National Laboratory will host the new system.",
     [("Oak Ridge National Laboratory", "Oak Ridge National Laboratory")]),
    ("en", "Engineers at Riverside Institute of Technology built it.",
     [("Riverside Institute of Technology", "Riverside Institute of Technology")]),
])
def test_universities_and_laboratories(ja_entities, en_entities, lang: str, text: str,
                                       expected: list[tuple[str, str]]) -> None:
    doc = (ja_entities if lang == "ja" else en_entities)(text)
    assert [(m["text"], m["name"]) for m in doc._.mentions if m["type"] == "ORG"] == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("ja", "ビジョン・ファンド2が新たに出資した。", [("ビジョン・ファンド2", "SoftBank Vision Fund 2")]),
    ("ja", "アルファ・グロース・ファンドが調達を主導した。",
     [("アルファ・グロース・ファンド", "アルファ・グロース・ファンド")]),
    ("ja", "英ノースゲート・インフラ・ファンドは送電網に投資する。",
     [("ノースゲート・インフラ・ファンド", "ノースゲート・インフラ・ファンド")]),
    ("ja", "ヘッジファンドやインフラファンドが株を買い増した。", []),
    ("en", "Meridian Growth Fund III led the round.",
     [("Meridian Growth Fund III", "Meridian Growth Fund III")]),
    ("en", "Vision Fund 2 sold part of its stake.", [("Vision Fund 2", "SoftBank Vision Fund 2")]),
    ("en", "Kestrel Infrastructure Fund bought the site.",
     [("Kestrel Infrastructure Fund", "Kestrel Infrastructure Fund")]),
    ("en", "A hedge fund bought shares.", []),
    # "Assets" ends a company's name as "Capital" does
    ("en", "Ridgeline Digital Assets will build the campus.",
     [("Ridgeline Digital Assets", "Ridgeline Digital Assets")]),
])
def test_funds(ja_entities, en_entities, lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    doc = (ja_entities if lang == "ja" else en_entities)(text)
    assert [(m["text"], m["name"]) for m in doc._.mentions if m["type"] == "ORG"] == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a name opening a sentence whose verb is a deal's acts: a company
    ("en", "Kestrova will spend $2 billion on a campus in Ohio.", [("Kestrova", "Kestrova")]),
    ("en", "Nordvolt has ordered 4,000 servers. Lumira agreed to buy the site.",
     [("Nordvolt", "Nordvolt"), ("Lumira", "Lumira")]),
    ("en", "QuantaGrid plans to build a second plant.", [("QuantaGrid", "QuantaGrid")]),
    # not a word that opens a sentence, nor a verb of no deal
    ("en", "Officials agreed to the plan. Construction will begin in May. It will invest more.", []),
    ("en", "Kestrova rose 4% on Monday.", []),
    # a name ending as Japanese company names end in kanji; not a kind of company
    ("ja", "ニデックは、岡本工作機械製作所を買収する。", [("岡本工作機械製作所", "岡本工作機械製作所")]),
    ("ja", "北陸製鉄と東洋精機が提携した。", [("北陸製鉄", "北陸製鉄"), ("東洋精機", "東洋精機")]),
    ("ja", "大手証券や同証券は慎重な見方を示した。", []),
    # a town or village that signs or supports something is its government (役場); one named as a place is not
    ("ja", "北海道白老町は、ハイレゾと立地協定を結んだ。",
     [("白老町", "白老町役場"), ("ハイレゾ", "Highreso")]),
    ("ja", "大分県日出町が誘致したデータセンターに補助する。", [("日出町", "日出町役場")]),
    ("ja", "データセンターは白老町に建設される。", []),
    # what kind of company a katakana word says is no name; the name after it is one
    ("ja", "ベンチャーキャピタルのグローバル・ブレインは、サカナAIに出資した。",
     [("グローバル・ブレイン", "グローバル・ブレイン"), ("サカナAI", "Sakana AI")]),
    ("ja", "国内のベンチャーキャピタルが出資した。", []),
    ("ja", "ジャフコ・キャピタルが出資した。", [("ジャフコ・キャピタル", "ジャフコ・キャピタル")]),
])
def test_companies_and_towns_named_alone(ja_entities, en_entities, lang: str, text: str,
                                         expected: list[tuple[str, str]]) -> None:
    doc = (ja_entities if lang == "ja" else en_entities)(text)
    assert [(m["text"], m["name"]) for m in doc._.mentions if m["type"] == "ORG"] == expected


@pytest.mark.parametrize("text,expected", [
    # a company's name and a region: a regional subsidiary or venture, one organization
    ("ハイレゾとハイレゾ香川が共同で申請した。",
     [("ハイレゾ", "Highreso", "ORG"), ("ハイレゾ香川", "ハイレゾ香川", "ORG")]),
    ("量子計算ベンチャーとAI福島の共同申請が採択された。", [("AI福島", "AI福島", "ORG")]),
    ("イオン九州は店舗に計算機を置く。", [("イオン九州", "イオン九州", "ORG")]),
    ("NTT東日本と組む。", [("NTT東日本", "NTT East", "ORG")]),  # the gazetteer's name wins
    # a thing and a region is no company
    ("データセンター北海道の建設が進む。", [("北海道", "Hokkaido", "GPE")]),
])
def test_regional_companies(ja_entities, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(ja_entities, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # what a name is said to be: a thing, not a company
    ("ja", "10月、OrbitとVegaという2つのスーパーコンピューターを納入する。",
     [("Orbit", "PRODUCT"), ("Vega", "PRODUCT")]),
    ("ja", "Atlasという新型チップを発表した。", [("Atlas", "PRODUCT")]),
    ("ja", "ミネルバというシステムを開発した。", [("ミネルバ", "PRODUCT")]),
    ("ja", "Orionという会社を設立した。", []),
    ("en", "It will deliver two supercomputers called Orbit and Vega.", [("Orbit", "PRODUCT")]),
    ("en", "The firm unveiled a chip dubbed Atlas.", [("Atlas", "PRODUCT")]),
    ("en", "It backed a startup called Orion.", []),
])
def test_things_called_by_a_name_are_products(ja_entities, en_entities, lang: str, text: str,
                                              expected: list[tuple[str, str]]) -> None:
    doc = (ja_entities if lang == "ja" else en_entities)(text)
    assert [(m["text"], m["type"]) for m in doc._.mentions] == expected


@pytest.mark.parametrize("text,label,expected", [
    # a facility is no organization: it keeps its name as a facility
    ("苫小牧データセンター", "Company", ("苫小牧データセンター", "FAC")),
    ("北斗キャンパス", "Organization_Other", ("北斗キャンパス", "FAC")),
    ("白井第2データセンター", "Product_Other", ("白井第2データセンター", "FAC")),
    # things and their abbreviations are no names
    ("スパコン", "Company", None),
    ("コンピューティング", "Product_Other", None),
    ("GPUクラウド", "Company", None),
    # what a government does is no government
    ("閣議後", "Government", None),
    ("閣議決定", "Government", None),
    # two headline phrases parted by a space are no name
    ("AI需要拡大 供給不足", "Company", None),
    # a university or an institute is an organization
    ("静岡大学", "School", ("静岡大学", "ORG")),
    ("海洋研究所", "Research_Institute", ("海洋研究所", "ORG")),
])
def test_model_things_are_not_organizations(ja_entities, text: str, label: str, expected) -> None:
    doc = ja_entities.make_doc(text)
    doc.ents = [Span(doc, 0, len(doc), label=label)]
    mentions = ja_entities.get_pipe("newskb_entities")(doc)._.mentions
    assert [(m["name"], m["type"]) for m in mentions] == ([expected] if expected else [])


@pytest.mark.parametrize("lang,text,expected", [
    # the exchange of a ticker is part of the ticker, not an organization
    ("en", "Nvidia (NASDAQ: NVDA) reported record sales.", ["NVIDIA"]),
    ("en", "Oracle Corp (NYSE:ORCL) said it would hire.", ["Oracle"]),
    ("ja", "ソフトバンクグループ(東証プライム:9984)は発表した。", ["SoftBank Group"]),
    ("ja", "キオクシア(東証:285A)が上場した。", ["Kioxia"]),
    # the exchange as an actor is one
    ("en", "Nasdaq said it would list the shares.", ["Nasdaq"]),
])
def test_ticker_exchanges_are_no_mentions(ja_entities, en_entities, lang: str, text: str,
                                          expected: list[str]) -> None:
    doc = (ja_entities if lang == "ja" else en_entities)(text)
    assert [m["name"] for m in doc._.mentions] == expected


@pytest.mark.parametrize("text,expected", [
    # Title Case capitals are no sign of a name; a name the story writes again is one
    ("Orion Compute Signs Deal With AI Cloud Startup\n\nOrion Compute said on Monday it would rent servers.",
     ["Orion Compute", "Orion Compute"]),
    ("Chip Stocks Rally As Cloud Capital Spending Climbs\n\nInvestors bought chipmakers.", []),
    ("Data Center Boom Lifts Regional Power Networks\n\nUtilities expect demand to double.", []),
    ("Northwind Energy Strikes Grid Deal With Utility\n\nNorthwind Energy will supply power.",
     ["Northwind Energy", "Northwind Energy"]),
    # a sentence that names several organizations is no headline
    ("Purdue University and Kestrel Plains Energy signed.", ["Purdue University", "Kestrel Plains Energy"]),
])
def test_title_case_headline_words_are_not_names(en_entities, text: str, expected: list[str]) -> None:
    assert [m["text"] for m in en_entities(text)._.mentions] == expected


def test_a_name_typed_by_a_rule_keeps_its_type_where_the_model_guesses_another(ja_entities) -> None:
    text = "ニュージャージー州バインランドに建設する。バインランドの拠点は大きい。"
    doc = ja_entities.make_doc(text)
    second = text.rindex("バインランド")
    doc.ents = [doc.char_span(second, second + 6, label="Company")]  # the model's guess
    mentions = ja_entities.get_pipe("newskb_entities")(doc)._.mentions
    first = text.index("バインランド")
    assert [(m["start"], m["type"]) for m in mentions] == [(first, "GPE"), (second, "GPE")]


@pytest.mark.parametrize("text,label,expected", [
    ("ネット大手ヤンデックス", "Company", ("Yandex", "ヤンデックス")),      # description cut, then linked
    ("米新興企業ゼフィラ", "Company", ("ゼフィラ", "ゼフィラ")),
    ("AI半導体市場", "Company", None),                                     # a market, not a company
    ("1ラック", "Company", None),
    ("堺工場跡地", "Company", None),                                       # a site, not a company
    ("ワラント", "Company", None),
    ("テラノード", "Organization_Other", ("テラノード", "テラノード")),
])
def test_model_entities_are_trimmed_or_dropped(ja_entities, text: str, label: str, expected) -> None:
    doc = ja_entities.make_doc(text)
    doc.ents = [Span(doc, 0, len(doc), label=label)]
    mentions = ja_entities.get_pipe("newskb_entities")(doc)._.mentions
    assert [(m["name"], m["text"]) for m in mentions] == ([expected] if expected else [])


@pytest.mark.parametrize("text, labels, expected", [
    # the model's product and the rule's company in parentheses: one organization, by its English name
    ("北斗データセンター(Hokuto Data Centers)が発表。北斗データセンターは",
     ["Product_Other", None, "Product_Other"],
     [("Hokuto Data Centers", "ORG")] * 3),
    # two names the gazetteer knows apart stay apart
    ("OpenAI(Microsoft)", [None, None], [("OpenAI", "ORG"), ("Microsoft", "ORG")]),
    # neither an organization: the kept name's type
    ("テラノード(Stargate)", ["Product_Other", None], [("Stargate", "PROJECT")] * 2),
    # a person and a company are not one name
    ("テラノード(Jane Doe)", ["Company", "Person"], [("テラノード", "ORG"), ("Jane Doe", "PERSON")]),
])
def test_a_name_and_its_other_name_in_parentheses_are_one_entity(ja_entities, text: str,
                                                                 labels: list[str | None],
                                                                 expected: list[tuple[str, str]]) -> None:
    doc = ja_entities.make_doc(text)
    spans = []
    names = r"北斗データセンター|Hokuto Data Centers|OpenAI|Microsoft|テラノード|Jane Doe|Stargate"
    for label, m in zip(labels, re.finditer(names, text)):
        if label:
            span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
            spans.append(span)
    doc.ents = spans
    mentions = ja_entities.get_pipe("newskb_entities")(doc)._.mentions
    assert [(m["name"], m["type"]) for m in mentions] == expected


def test_model_labels_are_mapped_and_corrected(ja_entities) -> None:
    doc = ja_entities.make_doc("AWSとテラノード、技術")
    # what GiNZA does to such text: AWS as a political party, a common noun (技術) as a company
    doc.ents = [Span(doc, 0, 1, label="Political_Party"), Span(doc, 2, 3, label="Company"),
                Span(doc, len(doc) - 1, len(doc), label="Company")]
    assert doc[2].text == "テラノード" and doc[-1].text == "技術"
    doc = ja_entities.get_pipe("newskb_entities")(doc)
    assert [(m["name"], m["type"], m["label"], m["source"]) for m in doc._.mentions] == [
        ("Amazon Web Services", "ORG", "ORG", "gazetteer"), ("テラノード", "ORG", "Company", "model")]


@pytest.mark.parametrize("lang,text,passive", [
    ("en", "SAN FRANCISCO, Sept 22 (Reuters) - Nvidia will invest in OpenAI.", {"Reuters"}),
    ("en", "Nvidia will invest in OpenAI.\nReporting by Jane Doe at Reuters; Editing by Bloomberg staff",
     {"Reuters", "Bloomberg"}),
    ("ja", "【ニューヨーク=ロイター】エヌビディアはOpenAIに出資する。", {"Reuters"}),
    ("ja", "エヌビディア(NVIDIA)はOpenAIに出資する。", set()),
])
def test_datelines_and_credits_name_organizations_that_do_not_act(ja_entities, en_entities, lang, text,
                                                                  passive) -> None:
    mentions = (ja_entities if lang == "ja" else en_entities)(text)._.mentions
    assert {m["name"] for m in mentions if not m["actor"]} == passive
    assert {"NVIDIA", "OpenAI"} <= {m["name"] for m in mentions if m["actor"]}


@pytest.mark.parametrize("source,text,expected", [
    ("Mesa Valley Journal", "The county approved it, an official told the Journal.", ["Mesa Valley Journal"]),
    ("The Harbor Times", "The Harbor Times reported it first; the Times said", ["The Harbor Times"] * 2),
    ("Mesa Valley Journal", "a journal of record", []),
])
def test_a_publisher_named_by_its_last_word_is_the_source(en_entities, source: str, text: str,
                                                          expected: list[str]) -> None:
    doc = en_entities.make_doc(text)
    doc._.source = source
    doc = en_entities.get_pipe("newskb_entities")(doc)
    assert [m["name"] for m in doc._.mentions if m["type"] == "ORG"] == expected


def test_source_is_a_news_organization(ja_entities) -> None:
    doc = ja_entities.make_doc("BKK IT Newsの視点: 今回の契約は象徴的だ。")
    doc._.source = "BKK IT News"
    doc = ja_entities.get_pipe("newskb_entities")(doc)
    assert [(m["name"], m["type"]) for m in doc._.mentions] == [("BKK IT News", "ORG")]


def test_user_gazetteer_extends_and_overrides(tmp_path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Terranode Systems, type: ORG, aliases: [テラノード, Terranode]}\n",
                     encoding="utf-8")
    nlp = spacy.blank("ja")
    nlp.add_pipe("newskb_entities", config={"gazetteers": [str(extra)]})
    assert [(m["text"], m["name"]) for m in nlp("テラノードとAWSが提携")._.mentions] == [
        ("テラノード", "Terranode Systems"), ("AWS", "Amazon Web Services")]


def test_gazetteer_lookup_is_case_insensitive_for_long_names_only() -> None:
    g = Gazetteer([{"name": "CoreWeave", "type": "ORG", "aliases": ["AWS"]}])
    assert g.lookup("coreweave").name == "CoreWeave"
    assert g.lookup("aws") is None and g.lookup("AWS").name == "CoreWeave"


@pytest.mark.parametrize("a,b", [("Amazon Web Services", "amazon-web services"), ("ＯｐｅｎＡＩ", "OpenAI"),
                                 ("CP Group", "CP・Group"), ("True Corp.", "true corp")])
def test_name_key_merges_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.ginza
def test_seed_entities_with_ginza(seed_kb) -> None:
    from sqlite_utils import Database

    db = Database(seed_kb)
    orgs = {r["name"] for r in db.query("select name from entities where type = 'ORG'")}
    assert {"OpenAI", "Amazon Web Services", "Microsoft", "Amazon", "NVIDIA", "IREN", "Oracle", "CoreWeave",
            "Google", "Anthropic", "CP Group", "True Corporation", "BKK IT News"} <= orgs
    people = {r["name"] for r in db.query("select name from entities where type = 'PERSON'")}
    assert {"Sam Altman", "Satya Nadella"} <= people
    aliases = {r["alias"] for r in db.query(
        "select alias from entity_aliases join entities on entities.id = entity_id "
        "where name = 'Amazon Web Services'")}
    assert {"AWS", "Amazon Web Services"} <= aliases
    for row in db.query("select m.text, m.start, m.end, m.sentence, a.text as article from mentions m "
                        "join articles a on a.id = m.article_id"):
        assert row["article"][row["start"]:row["end"]] == row["text"]
        assert row["text"] in row["sentence"]


@pytest.mark.ginza
def test_organizations_of_the_development_corpus_stay_above_the_floor_reached() -> None:
    """A quality floor: organizations on ../shared/corpus/dev (24 real articles) reached P, R and
    F1 1.0 with these rules (0.88 F1 before them); a change that loses more than 2 % fails here."""
    import json

    from click.testing import CliRunner
    from conftest import SHARED_CORPUS

    from newskb.kb.cli import cli

    dev = SHARED_CORPUS / "dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} is not here (the shared corpus sits beside the repository)")
    result = CliRunner().invoke(cli, ["evaluate", str(dev), "--json"])
    assert result.exit_code == 0, result.output
    orgs = json.loads(result.stdout)["orgs"]
    assert orgs["p"] >= 0.98 and orgs["r"] >= 0.98 and orgs["f1"] >= 0.98, orgs
