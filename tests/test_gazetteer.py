"""The bundled gazetteer is well-formed data (every entry a name, a known type and string aliases;
no surface form names two entries) and names the organizations of this market."""
from __future__ import annotations

import unicodedata

import pytest

from newskb.ingest import lexicons
from newskb.ingest.components.entities import Gazetteer
from newskb.ingest.names import name_key

TYPES = {"ORG", "PERSON", "GPE", "LOC", "PRODUCT", "PROJECT", "EVENT", "FAC", "NORP", "LAW"}


def test_every_entry_is_well_formed() -> None:
    for entry in lexicons.load_yaml("gazetteer.yaml"):
        # a comma in an unquoted flow-style name splits it into a bogus key: catch that here
        assert set(entry) <= {"name", "type", "label", "aliases"}, entry
        assert isinstance(entry["name"], str) and entry["type"] in TYPES, entry
        assert all(isinstance(a, str) and a for a in entry.get("aliases") or []), entry


def test_no_two_entries_share_a_name() -> None:
    keys = [name_key(e["name"]) for e in lexicons.load_yaml("gazetteer.yaml")]
    assert len(keys) == len(set(keys))


def test_no_surface_form_names_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for entry in lexicons.load_yaml("gazetteer.yaml"):
        for form in [entry["name"], *(entry.get("aliases") or [])]:
            owners.setdefault(unicodedata.normalize("NFKC", form), set()).add(entry["name"])
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


# The organizations of this market by the names news writes: katakana, kanji, English, abbreviations.
@pytest.mark.parametrize("form,name", [
    # hyperscalers' cloud divisions, AI labs, chip makers, neoclouds, data-centre developers
    ("アリババクラウド", "Alibaba Cloud"), ("Annapurna Labs", "Annapurna Labs"),
    ("インフレクションAI", "Inflection AI"),
    ("メディアテック", "MediaTek"), ("SambaNova", "SambaNova Systems"), ("Voltage Park", "Voltage Park"),
    ("NTTグローバルデータセンター", "NTT Global Data Centers"), ("大和ハウス工業", "Daiwa House Industry"),
    # Japanese telecoms, system integrators, trading houses, banks
    ("ソフトバンク", "SoftBank Corp."), ("ソフトバンクG", "SoftBank Group"), ("SoftBank", "SoftBank Group"),
    ("NTTコミュニケーションズ", "NTT Communications"), ("野村総合研究所", "Nomura Research Institute"),
    ("豊田通商", "Toyota Tsusho"), ("商工中金", "Shoko Chukin Bank"),
    ("日本政策金融公庫", "Japan Finance Corporation"), ("ゆうちょ銀行", "Japan Post Bank"),
    ("日銀", "Bank of Japan"),
    # ministries and agencies, Japanese and American
    ("国交省", "Ministry of Land, Infrastructure, Transport and Tourism"), ("文科省",
     "Ministry of Education, Culture, Sports, Science and Technology"), ("デジタル庁", "Digital Agency"),
    ("Pentagon", "U.S. Department of Defense"), ("米国防総省", "U.S. Department of Defense"),
    ("FERC", "Federal Energy Regulatory Commission"),
    ("CFIUS", "Committee on Foreign Investment in the United States"),
    # governments, universities, national laboratories, funds, news organizations
    ("Trump administration", "U.S. government"), ("トランプ政権", "U.S. government"),
    ("日本政府", "Government of Japan"), ("英政府", "UK government"),
    ("東京科学大学", "Institute of Science Tokyo"), ("ORNL", "Oak Ridge National Laboratory"),
    ("SVF2", "SoftBank Vision Fund 2"), ("GPIF", "Government Pension Investment Fund"),
    ("産業革新投資機構", "Japan Investment Corporation"), ("共同通信", "Kyodo News"),
    ("AFP通信", "Agence France-Presse"),
])
def test_gazetteer_names_the_market(form: str, name: str) -> None:
    entry = Gazetteer.from_files(["gazetteer.yaml"]).lookup(form)
    assert entry is not None and entry.name == name
