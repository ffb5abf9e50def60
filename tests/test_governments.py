"""Governments as actors (ingest/governments.py): a national government named by a bare word or
after its country, and a local government where it signs, approves, grants or invites.

Each family has its own table of sentences; they run on ``spacy.blank`` pipelines (places come
from the gazetteer or, for a municipality it does not list, from an entity the test sets as the
model would), and a few on GiNZA.
"""
from __future__ import annotations

import pytest

JA_GOVERNMENT = "Government of Japan"
US_GOVERNMENT = "U.S. government"


def orgs(doc) -> list[tuple[str, str]]:
    return [(m["text"], m["name"]) for m in doc._.mentions if m["type"] == "ORG"]


def with_places(nlp, text: str, places: list[str]):
    """The text run through the entities component with ``places`` set as the model's cities."""
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(p), text.index(p) + len(p), label="City") for p in places]
    return nlp.get_pipe("newskb_entities")(doc)


# --- national governments ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # 政府 alone in Japanese news is Japan's government
    ("政府は国内のAI計算資源を増やすため、補助金を拡充する方針だ。", [("政府", JA_GOVERNMENT)]),
    ("半導体工場の誘致について、政府と経団連が意見を交わした。", [("政府", JA_GOVERNMENT)]),
    # a country written before it: that country's
    ("米政府は先端半導体の輸出規制を強化した。", [("米政府", US_GOVERNMENT)]),
    ("マレーシア政府がデータセンター投資を歓迎した。", [("マレーシア政府", "Government of Malaysia")]),
    ("インド政府はGPU調達に補助を出す。", [("インド政府", "Government of India")]),
    # a leader's administration is the country's government
    ("トランプ政権は関税の引き上げを発表した。", [("トランプ政権", US_GOVERNMENT)]),
    # 同政府: the government named just before
    ("マレーシア政府は誘致を進める。同政府は税制優遇も示した。",
     [("マレーシア政府", "Government of Malaysia"), ("政府", "Government of Malaysia")]),
    # other things written with 政府
    ("政府系ファンドが新たに出資した。", []),
    ("各国政府がAI規制を検討している。", []),
    ("テキサスの州政府関係者が語った。", []),
])
def test_japanese_national_governments(ja_entities, text: str, expected: list[tuple[str, str]]) -> None:
    assert orgs(ja_entities(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("The Trump administration threw its weight behind the new power plants.",
     [("Trump administration", US_GOVERNMENT)]),
    ("The U.S. government will take a stake in the chipmaker.", [("U.S. government", US_GOVERNMENT)]),
    ("Japan's government will subsidize the new fab.", [("Japan's government", JA_GOVERNMENT)]),
    ("Malaysia's government approved the campus.", [("Malaysia's government", "Government of Malaysia")]),
    # "the government" is the one named before it, else the country the article names most
    ("Japan plans more subsidies for AI chips. The government said on Tuesday it would spend more.",
     [("government", JA_GOVERNMENT)]),
    ("The Biden administration drafted export rules. Later the government eased them.",
     [("Biden administration", US_GOVERNMENT), ("government", US_GOVERNMENT)]),
    # none in particular
    ("The startup won a government grant.", []),
    ("Government officials declined to comment.", []),
])
def test_english_national_governments(en_entities, text: str, expected: list[tuple[str, str]]) -> None:
    assert orgs(en_entities(text)) == expected


# --- local governments -------------------------------------------------------------------------

@pytest.mark.parametrize("text,places,expected", [
    # the subject or a partner of an agreement, an approval, a grant, an invitation
    ("静岡県と浜松市は、AI拠点の誘致に関する協定を結んだ。", [],
     [("静岡県", "Shizuoka Prefectural Government"), ("浜松市", "Hamamatsu City Government")]),
    ("新潟県から補助金を受け、計算センターを新設する。", [], [("新潟県", "Niigata Prefectural Government")]),
    ("建設費の一部は福岡市の助成でまかなう。", [], [("福岡市", "Fukuoka City Government")]),
    ("運営会社は長野県、松本市と進出協定を締結した。", ["松本市"],
     [("長野県", "Nagano Prefectural Government"), ("松本市", "松本市役所")]),
    ("宇多津町は誘致企業への支援を表明した。", ["宇多津町"], [("宇多津町", "宇多津町役場")]),
    # the same names as places
    ("同社は熊本県菊陽町に新工場を建てる。", [], []),
    ("北海道内のデータセンターは増えている。", [], []),
    ("新しい計算センターは広島市に立地する。", [], []),
    ("松本市で開かれた説明会に住民が集まった。", ["松本市"], []),
])
def test_japanese_local_governments_act_or_are_places(ja_entities, text: str, places: list[str],
                                                       expected: list[tuple[str, str]]) -> None:
    assert orgs(with_places(ja_entities, text, places)) == expected


def test_a_local_government_and_its_place_are_two_entities(ja_entities) -> None:
    doc = ja_entities("静岡県は立地協定を承認した。工場は静岡県内に建つ。")
    assert [(m["text"], m["name"], m["type"]) for m in doc._.mentions] == [
        ("静岡県", "Shizuoka Prefectural Government", "ORG"), ("静岡県", "Shizuoka Prefecture", "GPE")]


def with_people(nlp, text: str, people: list[str]):
    """The text run through the entities component with ``people`` set as the model's persons."""
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(p), text.index(p) + len(p), label="Person") for p in people]
    return nlp.get_pipe("newskb_entities")(doc)


@pytest.mark.parametrize("text,people,expected", [
    # a governor or a mayor acts for the prefecture or the town
    ("静岡県の田中一郎知事と浜松市長が覚書を交わした。", ["田中一郎"],
     [("静岡県", "Shizuoka Prefectural Government"), ("浜松市", "Hamamatsu City Government")]),
    ("山本花子丸亀町長は誘致協定に調印した。", ["山本花子"], [("丸亀町", "丸亀町役場")]),
    ("新潟県ら3者が工業団地への進出協定を締結した。", [], [("新潟県", "Niigata Prefectural Government")]),
    # a head who only speaks makes no act of the town
    ("鈴木太郎福岡市長は景気の先行きに触れた。", ["鈴木太郎"], []),
])
def test_local_governments_act_through_their_heads(ja_entities, text: str, people: list[str],
                                                    expected: list[tuple[str, str]]) -> None:
    assert orgs(with_people(ja_entities, text, people)) == expected


@pytest.mark.parametrize("text,expected", [
    # the one county an article names acts where its commissioners do
    ("The campus in Sierra Vista County got the go-ahead from county commissioners last week.",
     [("Sierra Vista County", "Sierra Vista County")]),
    ("Luna County's project cleared a vote of the county commission.", [("Luna County", "Luna County")]),
    # two counties: which one is unknown
    ("Harlan County and Perry County sites were chosen after the county board approved bonds.", []),
    ("The plant sits in Sierra Vista County.", []),
])
def test_a_county_acts_through_its_commissioners(en_entities, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert orgs(en_entities(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Luna County commissioners approved the tax abatement on Tuesday.", [("Luna County", "Luna County")]),
    ("Harlan County signed a development agreement with the builder.", [("Harlan County", "Harlan County")]),
    ("The City of Millbrook voted to rezone the parcel.", [("City of Millbrook", "City of Millbrook")]),
    ("Tangipahoa Parish approved industrial bonds for the site.",
     [("Tangipahoa Parish", "Tangipahoa Parish")]),
    # places
    ("The campus will rise in Luna County, New Mexico.", []),
    ("Most of the power will come from plants in Harlan County.", []),
])
def test_english_local_governments_act_or_are_places(en_entities, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert orgs(en_entities(text)) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text,expected", [
    ("岡山県と倉敷市は、データセンターの進出協定を締結した。建設地は倉敷市内の工業団地だ。",
     {("岡山県", "Okayama Prefectural Government"), ("倉敷市", "倉敷市役所")}),
    ("政府は先端半導体の量産に向けた支援を決めた。", {("政府", JA_GOVERNMENT)}),
    ("同社は山口県周南市に新しい拠点を設ける。", set()),
    # heads of the governments sign; the model reads the last town as a person
    ("岡山県の田中一郎知事と佐藤次郎倉敷市長、鈴木三郎早島町長が7日、計算センターの立地協定を締結した。",
     {("岡山県", "Okayama Prefectural Government"), ("倉敷市", "倉敷市役所"), ("早島町", "早島町役場")}),
])
def test_governments_with_ginza(ginza_nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert set(orgs(ginza_nlp(text))) == expected
