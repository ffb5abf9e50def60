"""The deal component (newskb_deals) as a whole: the fields and roles of the deals it finds, its
output contract, its lexicons, and the seed article with GiNZA. Each rule family has its own table
of sentences in tests/test_deals_<family>.py."""
from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
import spacy
from deals_helpers import EXTRACTORS, B, blank_pipeline, deal, found, pipeline_for, run
from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest.components import deals
from newskb.ingest.components.deals.model import Org, Trigger
from newskb.ingest.components.deals.places import dep_places

SEED_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seed_openai_aws.gold.json"

XAI_ORACLE = "xAIとOracleは2026年2月9日、6年間にわたる総額240億ドルのGPUクラウド契約を締結した。"
ANTHROPIC_GOOGLE = ("Anthropicは計算資源の調達を進めている。このうちGoogleとは2026年から4年間で"
                    "520億ドルの契約を結んでいる。")


@pytest.mark.parametrize("text,key,value", [
    (XAI_ORACLE, "duration", "P6Y"),
    (XAI_ORACLE, "date", "2026-02-09"),
    (XAI_ORACLE, "status", "signed"),
    (XAI_ORACLE, "kind", "compute contract"),
    (ANTHROPIC_GOOGLE, "date", "2026"),
    (ANTHROPIC_GOOGLE, "duration", "P4Y"),
    ("OpenAIはAWSと380億ドルのクラウド契約を結び、インフラを2026年末までに構築する。", "until", "2026-12"),
    ("NVIDIAがxAIに20億ドルを出資した。", "kind", "investment"),
    ("GoogleはGroqを320億ドルで買収すると発表した。", "kind", "acquisition"),
    ("GoogleはGroqを320億ドルで買収すると発表した。", "status", "announced"),
    ("ソフトバンクグループはOpenAIに400億ドルを投資する計画だ。", "status", "planned"),
    ("オラクルはメタと、約200億ドル規模のクラウド契約について協議している。", "status", "talks"),
    ("AWSはOpenAIと380億ドルのクラウド契約を締結した。契約期間は7年間。", "duration", "P7Y"),
    # a term in another paragraph, after sentences without a deal, is not this deal's
    (("AWSはOpenAIと380億ドルのクラウド契約を締結した。\n\n一方、国内ではデータセンターの建設が続く。"
      "期間は15年間。"), "duration", None),
    ("Microsoftは2025年度に約800億ドルの設備投資を計画している。", "kind", "capex"),
    ("Meta struck a $27 billion financing agreement with Blue Owl Capital for its data center.", "kind",
     "loan"),
    ("Oracle taps $38 billion debt deal with JPMorgan to fund data centers", "kind", "loan"),
    # a date in a later clause of the sentence is not this deal's; one before the deal word is
    (("OpenAI signed a $22.4 billion deal with CoreWeave and committed to buy AMD chips in the second half "
      "of 2026."), "date", None),
    ("On Monday, Oracle agreed to a deal with OpenAI worth $10 billion.", "date", "2025-11-03"),
    (("Oracle agreed in July to rent capacity to OpenAI under a contract worth about $300 billion over "
      "roughly five years, starting in 2027."), "duration", "P5Y"),
    # goods bought are no acquisition of their maker or seller
    ("Microsoft agreed to buy $9.7 billion of Nvidia GPUs from IREN.", "kind", "compute contract"),
    ("Google agreed to buy Groq for $32 billion.", "kind", "acquisition"),
    ("KDDIはさくらインターネットと資本業務提携を結び、同社株の約10%を約100億円で取得する。", "kind",
     "investment"),
    ("NTTは、上場子会社のNTTデータグループを約2.4兆円で完全子会社化すると発表した。", "kind", "acquisition"),
    # a warrant is a deal of its own kind, beside the partnership it comes with
    ("Broadcom は Anthropic に対し、Broadcom 普通株式 最大 9,500 万株分のワラントを発行する。", "kind",
     "warrant"),
    # working together is a partnership, not a contract
    ("富士通は三菱商事と共同でAI向けデータセンターを建設することで合意した。", "kind", "partnership"),
])
def test_deal_fields(text: str, key: str, value: str) -> None:
    (only,) = run(pipeline_for(text), text)._.deals
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
    ("Microsoft signed a $9.7 billion contract with IREN for GPU capacity.",
     {"Microsoft": "buyer", "IREN": "provider"}),
    # the passive deal word is the deal's, not the verb before it
    ("Crusoe has agreed to be acquired by Blue Owl Capital for $3 billion.",
     {"Blue Owl Capital": "acquirer", "Crusoe": "target"}),
    # the owner of what the money goes into is the counterparty
    ("Microsoft invested $1 billion in Mistral AI's Series C round.",
     {"Microsoft": "investor", "Mistral AI": "investee"}),
    # a loan: 融資を受ける borrows, 融資する lends
    ("NTTデータは、みずほ銀行から3000億円の協調融資を受けることで合意した。",
     {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("みずほ銀行はNTTデータに3000億円を融資した。", {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("NTTデータは、みずほ銀行から3000億円を借り入れた。", {"NTT Data": "borrower", "Mizuho Bank": "lender"}),
    ("Meta struck a $27 billion financing agreement with Blue Owl Capital for its Louisiana data center.",
     {"Meta": "borrower", "Blue Owl Capital": "lender"}),
    # 資金調達: the subject raises the money
    # an asset sale: the seller is sold from
    ("NECはデータセンター事業を富士通に譲渡した。", {"NEC": "target", "Fujitsu": "acquirer"}),
    ("xAIはValor Equity Partnersなどから200億ドルを資金調達した。",
     {"xAI": "investee", "Valor Equity Partners": "investor"}),
])
def test_roles(text: str, roles: dict[str, str]) -> None:
    doc = run(pipeline_for(text), text)
    names = {(m["start"], m["end"]): m["name"] for m in doc._.mentions}
    (only,) = doc._.deals
    assert {names[tuple(p["entity"])]: p["role"] for p in only["parties"]} == roles


def test_a_further_deal_of_both_parties_has_its_kinds_roles() -> None:
    text = "Microsoft invested $5 billion in OpenAI. The two companies also signed a cloud computing deal."
    doc = run(blank_pipeline("en"), text)
    assert [(d["kind"], [p["role"] for p in d["parties"]]) for d in doc._.deals] == [
        ("investment", ["investor", "investee"]), ("compute contract", ["buyer", "provider"])]


def test_money_index_points_at_the_amount() -> None:
    doc = run(blank_pipeline("en"), "Nvidia invested $2 billion in xAI at a $230 billion valuation.")
    (only,) = doc._.deals
    assert doc._.money[only["money"]]["text"] == "$2 billion"


def test_deals_have_keys_unique_in_the_document() -> None:
    text = ("Oracle signed a $300 billion deal with OpenAI. Nvidia will invest $2 billion in xAI. Microsoft "
            "signed a $9 billion deal with Oracle.")
    doc = run(blank_pipeline("en"), text)
    keys = [d["key"] for d in doc._.deals]
    assert len(keys) == 3 and len(set(keys)) == 3 and all(keys)
    assert [d["part_of"] for d in doc._.deals] == [None, None, None]


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


def test_dependency_parse_places_what_characters_leave_open() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["Nvidia", "bought", "Groq"], spaces=[True, True, False],
              heads=[1, 1, 1], deps=["nsubj", "ROOT", "obj"])
    orgs = [Org(0, 6, ""), Org(14, 18, "")]
    dep_places(doc, orgs, [Trigger(7, 13, "bought", "bought")])
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
    for factory in EXTRACTORS[:-1]:
        nlp.add_pipe(factory)
    nlp.add_pipe("newskb_deals", config={"triggers": str(custom)})
    assert found(run(nlp, text)) == {deal("Anthropic", amount=13 * B)}
    assert found(run(blank_pipeline("en"), text)) == set()


FAMILIES = sorted(name for _, name, _ in pkgutil.iter_modules(deals.__path__)
                  if hasattr(importlib.import_module(f"{deals.__name__}.{name}"), "NAME"))


def test_the_families_are_found() -> None:
    assert {"two_party", "each_subject", "single_party", "both_parties", "funding_round"} <= set(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_has_its_table_of_sentences(family: str) -> None:
    """Each rule family is tested on three sentences or more of its own, Japanese and English."""
    module = importlib.import_module(f"test_deals_{family}")
    languages = [lang for lang, _, _ in module.CASES]
    assert len(languages) >= 3 and {"ja", "en"} <= set(languages)


def test_a_warrant_and_its_partnership_are_two_deals() -> None:
    text = ("xAI は Intel との包括的なパートナーシップを発表した。"
            "Intel は xAI に Intel 普通株式のワラントを発行する。")
    assert sorted(d["kind"] for d in run(blank_pipeline("ja"), text)._.deals) == ["partnership", "warrant"]
