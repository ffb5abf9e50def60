"""The accelerator extractor (newskb_gpus) on blank pipelines: models, counts, specs, owners."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from newskb.ingest.components import gpus
from newskb.ingest.components.gpus import ACCELERATORS_CSV, default_lexicon, model_spans

# shared/ sits beside the repository, here and in CI.
SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_openai_aws.txt"


@pytest.fixture(scope="module")
def nlps() -> dict[str, spacy.Language]:
    out = {}
    for lang in ("ja", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("newskb_gpus")
        out[lang] = nlp
    return out


def lang_of(text: str) -> str:
    return "ja" if any("\u3040" <= c <= "\u9fff" for c in text) else "en"


def extract(nlps: dict[str, spacy.Language], text: str) -> list[dict[str, Any]]:
    return nlps[lang_of(text)](text)._.gpu_specs


# (text, [model of each row, in order]) — which mentions are rows, and how they normalize.
MODEL_CASES: list[tuple[str, list[str | None]]] = [
    # a family written right before its chip is the chip's brand, not a second chip
    ("次世代GPU「Instinct MI450」を使った", ["MI450"]),
    ("AMD Instinct MI355X accelerators", ["MI355X"]),
    ("AMDのInstinctシリーズ", ["Instinct"]),
    ("72 Blackwell Ultra GPUs per rack", ["Blackwell Ultra"]),
    ("NVIDIAのGB200を導入した。", ["GB200"]),
    ("ＧＢ２００を導入した。", ["GB200"]),
    ("GB 300 systems are shipping.", ["GB300"]),
    ("GB-300 racks", ["GB300"]),
    ("The company bought H100s last year.", ["H100"]),
    ("H100 and H200 GPUs", ["H100", "H200"]),
    ("China-only H20 chips", ["H20"]),
    ("AMDのMI450 GPUを採用", ["MI450"]),
    ("MI450 GPU", ["MI450"]),
    ("ｍｉ３５５ｘの出荷", ["MI355X"]),
    ("MI300X and MI325X accelerators", ["MI300X", "MI325X"]),
    ("Google's TPUv7 chips", ["TPU v7"]),
    ("TPU v7", ["TPU v7"]),
    ("Ironwood TPUs", ["TPU v7"]),
    ("the seventh-generation TPU, Ironwood, launched", ["TPU v7", "TPU v7"]),
    ("Googleは第7世代TPU「Ironwood」を発表した。", ["TPU v7", "TPU v7"]),
    ("Trillium chips power Gemini", ["TPU v6e"]),
    ("TPU v6e pods", ["TPU v6e"]),
    ("TPU v5p", ["TPU v5p"]),
    ("Trainium2チップ", ["Trainium2"]),
    ("Trainium 3", ["Trainium3"]),
    ("Inferentia2 instances", ["Inferentia2"]),
    ("Intel Gaudi 3 accelerators", ["Gaudi 3"]),
    ("Gaudi3", ["Gaudi 3"]),
    ("Microsoft's Maia 100 chip", ["Maia 100"]),
    ("Meta's MTIA chips", ["MTIA"]),
    ("A100 and L40S GPUs", ["A100", "L40S"]),
    ("B200 and B300", ["B200", "B300"]),
    ("GB200 NVL72 racks", ["GB200"]),  # a rack named after its chip counts as the chip
    ("GB200NVL72", ["GB200"]),
    ("Nvidia's Rubin GPUs", ["Rubin"]),
    ("Vera Rubin superchips", ["Vera Rubin"]),
    ("Blackwell Ultra is next", ["Blackwell Ultra"]),
    ("ブラックウェル世代のGPU", ["Blackwell"]),
    ("エヌビディアの次世代GPU「ルービン」", ["Rubin"]),
    ("Blackwell-based systems and GB200-powered servers", ["Blackwell", "GB200"]),
    ("NVIDIA Hopper and Blackwell architectures", ["Hopper", "Blackwell"]),
    ("H100・H200・B200を合計3万基", ["H100", "H200", "B200"]),
    ("NVIDIA Hopper architecture", ["Hopper"]),
    ("Huawei Ascend 910C", ["Ascend 910C"]),
    # Negatives: not a model, or not a chip.
    ("Part 900-GB200-A1 shipped.", []),
    ("XGB200A", []),
    ("a 100-page report", []),
    ("Take route B 200 meters on.", []),
    ("MI4500 is a phone.", []),
    ("Robert Rubin said rates would fall.", []),
    ("The hopper of the machine.", []),
    ("Prices ascend quickly.", []),
    ("GPU調達に費やしている。", []),
    ("最新GPUを購入する。", []),
    ("数千万のCPUを確保", []),
    ("a GPU cluster", []),
    ("複数のGPUを使う", []),
    ("2025年のGPU市場", []),
    # a family named in an article about one of its chips is that chip; with none, the family
    ("GoogleのTPUを100万基利用する。TPUの最新世代Ironwood(TPU v7)は、TPU v6eの2倍の効率だ。",
     ["TPU v7", "TPU v7", "TPU v7", "TPU v7", "TPU v6e"]),
    ("up to 1 million Google TPUs", ["TPU"]),
    ("MI300シリーズを採用したが、MI355Xも使う", ["MI300", "MI355X"]),
    ("Trainium chips, and Trainium2 in particular", ["Trainium2", "Trainium2"]),
]


@pytest.mark.parametrize("text,models", MODEL_CASES)
def test_models(nlps: dict[str, spacy.Language], text: str, models: list[str | None]) -> None:
    assert [r["model"] for r in extract(nlps, text)] == models


# Each family of accelerator names, with sentences of our own: (text, [(model, vendor, kind,
# uncatalogued) of every row]).
ROADMAP_MODELS = [
    # the published roadmaps to 2027-2028 are in the catalog
    ("AMD will pair the MI430X with EPYC CPUs in 2026.", [("MI430X", "AMD", "chip", False)]),
    ("The MI500 series arrives in 2027.", [("MI500", "AMD", "family", False)]),
    ("Google will rent TPU 8t pods and TPU 8i servers.",
     [("TPU 8t", "Google", "chip", False), ("TPU 8i", "Google", "chip", False)]),
    ("AWS previewed Trainium4 at its conference.", [("Trainium4", "Amazon", "chip", False)]),
    ("Meta plans to deploy MTIA 450 chips next year.", [("MTIA 450", "Meta", "chip", False)]),
    ("Microsoft's Maia 200 accelerators run the copilot.", [("Maia 200", "Microsoft", "chip", False)]),
    ("Intel's Crescent Island GPU samples this year.", [("Crescent Island", "Intel", "chip", False)]),
    ("NVIDIA named Feynman as the architecture after its Rubin GPUs.",
     [("Feynman", "NVIDIA", "architecture", False), ("Rubin", "NVIDIA", "architecture", False)]),
    ("ファーウェイはAscend 950PRを来年投入し、Atlas 950 SuperPoDに8192基を収める。",
     [("Ascend 950PR", "Huawei", "chip", False), ("Atlas 950 SuperPoD", "Huawei", "system", False)]),
    ("百度は推論向けのKunlun M100を発表した。", [("Kunlun M100", "Baidu", "chip", False)]),
    ("PFNはMN-Core L1000のサンプル出荷を始める。", [("MN-Core L1000", "Preferred Networks", "chip", False)]),
    ("アリババのZhenwu 810Eは96GBのメモリを積む。", [("Zhenwu 810E", "Alibaba", "chip", False)]),
]

NAMING_PATTERNS = [
    # a model the catalog does not list yet is read by its family's pattern, vendor and all
    ("AMD teased the MI470X for 2028.", [("MI470X", "AMD", "chip", True)]),
    ("Google's TPU v11 will follow.", [("TPU v11", "Google", "chip", True)]),
    ("Amazon is designing Trainium6 chips.", [("Trainium6", "Amazon", "chip", True)]),
    ("Microsoft's Maia 400 accelerator is due later.", [("Maia 400", "Microsoft", "chip", True)]),
    ("メタはMTIA 700を2029年に量産する。", [("MTIA 700", "Meta", "chip", True)]),
    ("ファーウェイのAscend 990は2029年の予定だ。", [("Ascend 990", "Huawei", "chip", True)]),
    ("NVIDIA's GB500 superchips and R400 GPUs", [("GB500", "NVIDIA", "chip", True),
                                                ("R400", "NVIDIA", "chip", True)]),
    ("寒武紀のMLU790を採用した。", [("MLU790", "Cambricon", "chip", True)]),
    # the pattern also reads a catalog model written another way, as the catalog's
    ("AWS added Inferentia 2 capacity.", [("Inferentia2", "Amazon", "chip", False)]),
    # a letter and digits alone are no NVIDIA chip without a vendor or chip word near them
    ("全日空のB787が羽田に着いた。", []),
    ("The R300 excavator and the B737 jet", []),
    ("the mi470x plan", []),  # patterns are case-sensitive
]

RACKS_AND_PLATFORMS = [
    # racks and platforms are rows of their own kind, apart from the chips in them
    ("AMD showed the Helios rack with 72 MI455X GPUs.",
     [("Helios", "AMD", "system", False), ("MI455X", "AMD", "chip", False)]),
    ("MI455Xを収めたHeliosを公開した。",
     [("MI455X", "AMD", "chip", False), ("Helios", "AMD", "system", False)]),
    ("Helios, the sun god, rode east.", []),
    ("エヌビディアのVera Rubinを使ったNVL144ラックは、Vera Rubin NVL144とも呼ばれる。",
     [("Vera Rubin", "NVIDIA", "platform", False), ("Vera Rubin NVL144", "NVIDIA", "system", False)]),
    ("Partners compared it with a Vera Rubin-based NVL144 system.",
     [("Vera Rubin", "NVIDIA", "platform", False), ("Vera Rubin NVL144", "NVIDIA", "system", False)]),
    # a rack named after its chip counts as the chip
    ("Rubin Ultra NVL576 racks ship in 2027.", [("Rubin Ultra", "NVIDIA", "chip", False)]),
    # a family before one of its series is the brand; a family named as a generation stays the family
    ("The AMD Instinct MI400 series launches next year.", [("MI400", "AMD", "family", False)]),
    ("MI300世代とMI355Xを比べると、MI300Xの倍だ。",
     [("MI300", "AMD", "family", False), ("MI355X", "AMD", "chip", False), ("MI300X", "AMD", "chip", False)]),
    # an ambiguous name right after a model of its sentence is one too
    ("AMDはMI455Xを、NVIDIAのルービンではなくRubin対抗と位置づける。",
     [("MI455X", "AMD", "chip", False), ("Rubin", "NVIDIA", "architecture", False),
      ("Rubin", "NVIDIA", "architecture", False)]),
]

ACCELERATOR_FAMILIES = {
    "roadmap models": ROADMAP_MODELS,
    "naming patterns": NAMING_PATTERNS,
    "racks and platforms": RACKS_AND_PLATFORMS,
}


@pytest.mark.parametrize("text,expected", [
    pytest.param(text, expected, id=f"{family}: {text}")
    for family, cases in ACCELERATOR_FAMILIES.items() for text, expected in cases])
def test_accelerator_families(nlps: dict[str, spacy.Language], text: str,
                              expected: list[tuple[str, str, str, bool]]) -> None:
    rows = extract(nlps, text)
    assert [(r["model"], r["vendor"], r["kind"], r["uncatalogued"]) for r in rows] == expected


def test_rack_size_is_the_system_of_its_chips(nlps: dict[str, spacy.Language]) -> None:
    (row,) = extract(nlps, "The GB400 NVL576 racks hold NVIDIA GB400 superchips.")[:1]
    assert (row["model"], row["system"]) == ("GB400", "NVL576")


def test_uncatalogued_model_is_stored_with_its_flag(fresh_db: Any, tmp_path: Path) -> None:
    from newskb.kb.build import ingest_sources

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nurl: https://example.com/chips\nlang: en\n---\n"
                    "AMD said the MI470X will follow the MI455X.", encoding="utf-8")
    ingest_sources(fresh_db, [str(path)])
    rows = fresh_db.execute("select model, vendor, uncatalogued from gpu_specs order by start").fetchall()
    assert rows == [("MI470X", "AMD", 1), ("MI455X", "AMD", 0)]


# (text, expected fields of the one row with a model or a count that matters)
COUNT_CASES: list[tuple[str, dict[str, Any]]] = [
    ("最大36基のBlackwell GPU",
     {"model": "Blackwell", "count": 36, "count_bound": "max", "count_approx": False}),
    ("144基のBlackwell GPUを搭載", {"model": "Blackwell", "count": 144, "count_bound": None}),
    ("200,000 GB300 GPUs", {"model": "GB300", "count": 200000, "count_approx": False}),
    ("up to 1 million TPUs", {"model": "TPU", "kind": "family", "vendor": "Google", "count": 1000000,
                              "count_bound": "max", "count_approx": False}),
    ("最大100万個のTPU", {"model": "TPU", "kind": "family", "count": 1000000, "count_bound": "max"}),
    ("1 million TPUs", {"model": "TPU", "count": 1000000, "count_bound": None}),
    ("10万基のGPU", {"model": None, "count": 100000}),
    ("200,000 GPUs", {"model": None, "count": 200000}),
    ("hundreds of thousands of GPUs", {"model": None, "count": None, "count_approx": True,
                                       "count_low": 200000, "count_high": 900000}),
    ("hundreds of thousands of Nvidia GB200 chips", {"model": "GB200", "count": None, "count_low": 200000}),
    ("数十万基のGB200", {"model": "GB200", "count": None, "count_approx": True, "count_low": 200000,
                      "count_high": 900000}),
    ("約10万基のH100", {"model": "H100", "count": 100000, "count_approx": True}),
    ("H100を約2万基導入", {"model": "H100", "count": 20000, "count_approx": True}),
    ("H100を2万5000基", {"model": "H100", "count": 25000}),
    ("５万基のＨ２００", {"model": "H200", "count": 50000}),
    ("十万基のH100", {"model": "H100", "count": 100000}),
    ("1万基以上のGB200", {"model": "GB200", "count": 10000, "count_bound": "min"}),
    ("more than 100,000 H100s", {"model": "H100", "count": 100000, "count_bound": "min"}),
    ("about 50,000 MI300X GPUs", {"model": "MI300X", "count": 50000, "count_approx": True}),
    ("nearly 600,000 Nvidia H100 equivalents", {"model": "H100", "count": 600000, "count_approx": True}),
    ("1.3 million GPUs", {"model": None, "count": 1300000}),
    ("tens of thousands of Trainium2 chips", {"model": "Trainium2", "count_low": 20000, "count_high": 90000}),
    ("6ギガワット分のMI450", {"model": "MI450", "count": None, "vendor": "AMD", "architecture": "CDNA 5"}),
    ("GPU 1万枚", {"model": None, "count": 10000}),
    ("AIチップを5000個", {"model": None, "count": 5000}),
    ("100,000 Nvidia chips", {"model": None, "vendor": "NVIDIA", "count": 100000}),
    ("8 H100s per server", {"model": "H100", "count": 8}),
    ("eight H100 GPUs per server", {"model": "H100", "count": 8}),
    ("The company uses 2,000 H100 SXM5 GPUs.", {"model": "H100", "count": 2000, "text": "H100 SXM5 GPUs"}),
    ("The firm will buy 1,000 Nvidia H100 graphics processing units.", {"model": "H100", "count": 1000}),
    ("MI300X×8基", {"model": "MI300X", "count": 8}),
    ("GPU「H100」を1万個調達した。", {"model": "H100", "count": 10000}),
    ("H100 1万基を導入", {"model": "H100", "count": 10000}),
    ("NVIDIA製GPU約1万基を搭載", {"model": None, "vendor": "NVIDIA", "count": 10000, "count_approx": True}),
    ("GPU数万基規模のクラスター", {"model": None, "count": None, "count_low": 20000, "count_high": 90000}),
    ("10万個超のGPUを確保", {"model": None, "count": 100000, "count_bound": "min"}),
    ("数千個のH100を購入した", {"model": "H100", "count": None, "count_low": 2000, "count_high": 9000}),
    ("H200を1000台導入", {"model": "H200", "count": 1000}),
    ("米エヌビディアの画像処理半導体（GPU）「ブラックウェル」を1万基導入する。",
     {"model": "Blackwell", "count": 10000}),
    ("the 2026 Rubin platform", {"model": "Rubin", "count": None}),
    ("the 2025 GB200s shipments", {"model": "GB200", "count": None}),
    ("$10 billion of H100s", {"model": "H100", "count": None}),
    ("a 100,000 H100 cluster", {"model": "H100", "count": None}),
    ("Nvidia sold 3.7 million Hopper GPUs in 2024.", {"model": "Hopper", "count": 3700000}),
    ("AmazonはTrainium2を40万個搭載した", {"model": "Trainium2", "count": 400000}),
    ("NVIDIAのDGX B200を4000基以上導入",
     {"model": "B200", "count": 4000, "count_bound": "min", "system": "DGX"}),
    ("NVIDIA H100 GPUを約2000基整備した。", {"model": "H100", "count": 2000, "count_approx": True}),
    ("with up to 131,072 NVIDIA Blackwell GPUs",
     {"model": "Blackwell", "count": 131072, "count_bound": "max"}),
    ("hundreds of thousands of NVIDIA GB200s", {"model": "GB200", "count_low": 200000, "count_approx": True}),
]


@pytest.mark.parametrize("text,expected", COUNT_CASES)
def test_counts(nlps: dict[str, spacy.Language], text: str, expected: dict[str, Any]) -> None:
    rows = extract(nlps, text)
    assert len(rows) == 1, rows
    assert {k: rows[0][k] for k in expected} == expected


def test_coordinated_models_share_the_count(nlps: dict[str, spacy.Language]) -> None:
    rows = extract(nlps, "Metaは今後、「B200」と「GB300」を合わせて数十万基調達する。")
    assert [(r["model"], r["count"], r["count_approx"], r["count_low"], r["count_high"]) for r in rows] == [
        ("B200", None, True, 200000, 900000), ("GB300", None, True, 200000, 900000)]


SPEC_CASES: list[tuple[str, dict[str, Any]]] = [
    ("The B200 has 192GB HBM3e and 20 PFLOPS FP4.",
     {"model": "B200", "memory_bytes": 192e9, "memory_text": "192GB HBM3e", "compute_flops": 20e15,
      "compute_precision": "FP4"}),
    ("GB300 NVL72 delivers 1.4 exaflops FP4 and 20TB of HBM3e memory.",
     {"model": "GB300", "compute_flops": 1.4e18, "compute_precision": "FP4", "memory_bytes": 20e12,
      "system": "NVL72"}),
    ("MI355Xは288GBのHBM3eを搭載し、FP8で20ペタFLOPSを実現する。",
     {"model": "MI355X", "memory_bytes": 288e9, "compute_flops": 20e15, "compute_precision": "FP8"}),
    ("H100 GPUs are linked with fifth-generation NVLink.", {"model": "H100", "interconnect": "NVLink 5"}),
    ("B200を第5世代NVLinkで接続", {"model": "B200", "interconnect": "NVLink 5"}),
    ("GB200 uses NVLink 5 and InfiniBand.", {"model": "GB200", "interconnect": "NVLink 5"}),
    ("TPU v7 pods connect over ICI.", {"model": "TPU v7", "interconnect": "ICI"}),
    ("MI450 racks use UALink.", {"model": "MI450", "interconnect": "UALink"}),
    ("The Helios rack holds 72 MI450 GPUs.", {"model": "MI450", "count": 72, "system": "Helios rack"}),
    ("Trainium2 chips in EC2 UltraServers", {"model": "Trainium2", "system": "EC2 UltraServer"}),
    ("DGX B200 systems", {"model": "B200", "system": "DGX"}),
    ("H200 servers on Spectrum-X Ethernet", {"model": "H200", "interconnect": "Spectrum-X"}),
    ("The 30TB SSD sits next to an H100.", {"model": "H100", "memory_bytes": None}),
]


@pytest.mark.parametrize("text,expected", SPEC_CASES)
def test_specs(nlps: dict[str, spacy.Language], text: str, expected: dict[str, Any]) -> None:
    rows = [r for r in extract(nlps, text) if r["model"] == expected["model"]]
    assert len(rows) == 1, rows
    assert {k: rows[0][k] for k in expected} == expected


def test_specs_of_a_sentence_without_chip_go_to_the_previous_sentence(
        nlps: dict[str, spacy.Language]) -> None:
    text = "Oracleは1ラックに最大36基のBlackwell GPUを載せる。合わせて6.8TBの広帯域メモリを備える。"
    (row,) = extract(nlps, text)
    assert row["memory_bytes"] == 6.8e12


def test_specs_never_jump_paragraphs(nlps: dict[str, spacy.Language]) -> None:
    text = "H100 GPUを導入した。\n\n合わせて6.8TBの広帯域メモリを備える。"
    (row,) = extract(nlps, text)
    assert row["memory_bytes"] is None


def test_specs_go_to_the_nearest_chip_only(nlps: dict[str, spacy.Language]) -> None:
    text = "A100 GPUs were used before. The new B200 offers 180GB HBM3e memory."
    rows = {r["model"]: r for r in extract(nlps, text)}
    assert rows["B200"]["memory_bytes"] == 180e9 and rows["A100"]["memory_bytes"] is None


def _with_mentions(nlp: spacy.Language, text: str, orgs: list[str]) -> Doc:
    doc = nlp.make_doc(text)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)
    doc._.mentions = [{"start": text.index(o), "end": text.index(o) + len(o), "text": o, "label": "Company",
                       "type": "ORG", "name": o, "source": "gazetteer"} for o in orgs]
    return nlp.get_pipe("newskb_gpus")(doc)


@pytest.mark.parametrize("text,orgs,buyer", [
    ("OpenAIはNVIDIAのGB200を数十万基確保する。", ["OpenAI", "NVIDIA"], "OpenAI"),
    ("Meta bought 350,000 Nvidia H100 GPUs.", ["Meta", "Nvidia"], "Meta"),
    ("Microsoft deployed 10,000 H100 chips.", ["Microsoft"], "Microsoft"),
    ("Microsoft deployed Maia 100 chips.", ["Microsoft"], None),
    ("Google uses TPUs in its own data centers.", ["Google"], None),
    ("Nvidia will invest $100 billion in OpenAI as the lab deploys 100,000 GPUs.", ["Nvidia", "OpenAI"],
     "OpenAI"),
    ("Microsoft said its datacenter will house hundreds of thousands of NVIDIA GB200s.",
     ["Microsoft", "NVIDIA"], "Microsoft"),
    ("Microsoft's warehouse holds 10,000 H100 GPUs.", ["Microsoft"], None),
    ("ソフトバンクグループは、NVIDIAのDGX B200を4000基以上導入する。", ["ソフトバンクグループ", "NVIDIA"],
     "ソフトバンクグループ"),
    ("NVIDIAはGB300を発表した。", ["NVIDIA"], None),
    ("Nvidia unveiled the Rubin GPU.", ["Nvidia"], None),
])
def test_owner_is_the_subject_never_the_vendor(nlps: dict[str, spacy.Language], text: str, orgs: list[str],
                                               buyer: str | None) -> None:
    doc = _with_mentions(nlps[lang_of(text)], text, orgs)
    entities = {r["entity"] for r in doc._.gpu_specs}
    expected = (text.index(buyer), text.index(buyer) + len(buyer)) if buyer else None
    assert entities == {expected}


def test_seed_article(nlps: dict[str, spacy.Language]) -> None:
    if not SEED.exists():
        pytest.skip("shared corpus not mounted")
    rows = nlps["ja"](SEED.read_text(encoding="utf-8"))._.gpu_specs
    assert {r["model"] for r in rows if r["model"]} == {"GB200", "GB300", "Blackwell"}
    assert all(r["count"] is not None or r["count_low"] is not None for r in rows if r["model"] is None)
    (blackwell,) = [r for r in rows if r["count"] == 72]
    assert blackwell["model"] == "Blackwell"
    assert blackwell["memory_bytes"] == 13.4e12
    assert blackwell["compute_flops"] == pytest.approx(3.6e17)
    assert blackwell["interconnect"] == "NVLink 5"
    assert blackwell["system"] == "EC2 UltraServer"
    gb = [r for r in rows if r["model"] in ("GB200", "GB300")]
    assert [(r["count_low"], r["count_high"], r["count_approx"]) for r in gb] == [(200000, 900000, True)] * 2


def test_offsets_point_at_the_mention(nlps: dict[str, spacy.Language]) -> None:
    text = "最新のＧＢ２００とH100s"
    rows = extract(nlps, text)
    assert [text[r["start"]:r["end"]] for r in rows] == [r["text"] for r in rows] == ["ＧＢ２００", "H100s"]


def test_model_spans_for_other_extractors() -> None:
    text = "GB200を数十万基、H100を1万基"
    assert [text[s:e] for s, e in model_spans(text)] == ["GB200", "H100"]


def _racks_named_after_their_chip() -> dict[str, str]:
    """GB200 NVL72 → GB200, Rubin Ultra NVL576 → Rubin Ultra: their mentions count as the chip."""
    rows = {r["model"]: r for r in gpus.load_accelerators()}
    return {model: model.rsplit(" ", 1)[0] for model, r in rows.items()
            if r["kind"] == "system" and rows.get(model.rsplit(" ", 1)[0], {}).get("kind") == "chip"}


RACKS = _racks_named_after_their_chip()


def test_racks_named_after_their_chip_are_read() -> None:
    named = {"GB200 NVL72": "GB200", "GB300 NVL72": "GB300", "Rubin Ultra NVL576": "Rubin Ultra"}
    assert named.items() <= RACKS.items()


def test_every_model_the_extractor_knows_is_a_row_of_accelerators_csv() -> None:
    with open(ACCELERATORS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    models = {r["model"] for r in rows}
    lex = default_lexicon()
    assert {a.model for a in lex.by_key.values()} <= models - set(RACKS)
    assert len(models) == len(rows), "a model is listed twice"
    for r in rows:
        assert r["vendor"] and r["kind"] in {"chip", "family", "architecture", "platform", "system"}, r
        assert r["source"], r
        assert r["aliases"], r


def test_every_alias_is_found_as_its_model() -> None:
    lex = default_lexicon()
    for row in gpus.load_accelerators():
        for alias in row["aliases"].split("|"):
            found = [m.accelerator.model for m in gpus.find_models(lex, f"NVIDIA {alias}。")]
            assert found == [RACKS.get(row["model"], row["model"])], (alias, found)


def test_component_survives_empty_and_odd_text(nlps: dict[str, spacy.Language]) -> None:
    for text in ["", " ", "\n\n", "GPU", "。。。", "72基の"]:
        assert extract(nlps, text) == []


def test_accelerators_by_model_query_estimates_memory(tmp_path: Path) -> None:
    from newskb.kb.store import open_db
    from newskb.kb.summaries import rebuild

    db = open_db(tmp_path / "kb.db")  # the accelerators reference table loaded from accelerators.csv
    db["articles"].insert_all([{"id": i, "text": "x", "key": str(i)} for i in (1, 2)])  # type: ignore[union-attr]
    db["gpu_specs"].insert_all([  # type: ignore[union-attr]
        {"article_id": a, "model": m, "vendor": v, "count": c, "count_low": low}
        for a, m, v, c, low in [(1, "GB200", "NVIDIA", None, 200000), (2, "GB200", "NVIDIA", 1000, None),
                                (1, None, None, 5, None), (2, "GB200", None, 10, None)]])
    with db.conn:  # written directly, not through kb.store.save_article: rebuild the summaries it keeps
        rebuild(db)
    db = db.conn  # type: ignore[assignment]
    sql = (Path(__file__).parent.parent / "queries" / "accelerators_by_model.sql").read_text(encoding="utf-8")
    assert sql.startswith("-- title: ") and "\n-- description: " in sql
    (row,) = db.execute(sql).fetchall()
    # model, vendor, …, articles, mentions, counted units, units at least, …, memory TB (186 GB each);
    # the spec without a vendor takes the reference table's, and its article counts once
    assert row[:2] == ("GB200", "NVIDIA") and row[4:8] == (2, 3, 1010, 201010)
    assert row[10] == pytest.approx(201010 * 186 / 1000, abs=0.1)
