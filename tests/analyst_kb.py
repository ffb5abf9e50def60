"""A small knowledge base written from records (no language model): three articles of our own with
organizations known by several names, money (a conversion among it), dates, chips and deals, saved
through kb.store as an ingest saves them (deal events and summaries included)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from newskb.ingest.records import Records
from newskb.ingest.sources import Article
from newskb.kb.store import open_db, save_article

NORTHWIND = {"name": "Northwind Cloud", "type": "ORG"}
LUMEN = {"name": "Lumen Labs", "type": "ORG"}
ACME = {"name": "Acme Power", "type": "ORG"}
H100 = {"model": "H100", "vendor": "NVIDIA", "architecture": "Hopper", "kind": "chip"}
GB200 = {"model": "GB200", "vendor": "NVIDIA", "architecture": "Blackwell", "kind": "chip"}


class Text:
    """An article's text, and the facts of it: offsets and sentence found from the words."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fact(self, words: str, **fields: Any) -> dict[str, Any]:
        start = self.text.index(words)
        pieces = self.text.replace("。", "。\n").replace(". ", ".\n").split("\n")
        sentence = next(s for s in pieces if words in s).strip()
        return {"text": words, "start": start, "end": start + len(words), "sentence": sentence, **fields}

    def mention(self, entity: dict[str, str], words: str) -> dict[str, Any]:
        return self.fact(words, **entity, label="ORG", source="gazetteer")

    def money(self, words: str, amount: float, currency: str, usd: float, role: str, owner: dict[str, str],
              owner_words: str, **fields: Any) -> dict[str, Any]:
        return self.fact(words, amount=amount, currency=currency, usd=usd, role=role,
                         entity=ref(owner, owner_words), **{"approx": 0, **fields})

    def deal(self, words: str, kind: str, usd: float, parties: list[tuple[dict[str, str], str, str | None]],
             **fields: Any) -> dict[str, Any]:
        return self.fact(words, kind=kind, amount=usd, currency="USD", usd=usd, money=0,
                         parties=[{"entity": ref(e, w), "role": role} for e, w, role in parties],
                         **{"approx": 0, **fields})


def ref(entity: dict[str, str], words: str) -> dict[str, str]:
    return {**entity, "text": words}


def article(key: str, text: str, title: str, published: str, lang: str) -> Article:
    url = f"https://example.com/{key}"
    return Article(text=text, origin=f"{key}.md", key=url, url=url, title=title, published=published,
                   source="Test Wire", lang=lang)


def _articles() -> list[tuple[Article, Records]]:
    a = Text("Northwind Cloud signed a $12 billion compute contract with Lumen Labs on October 3, 2025. "
             "Lumen will run 20,000 H100 chips.")
    b = Text("ルーメン・ラボはノースウインド・クラウドに約50億ドル（約7500億円）を出資すると発表した。"
             "GB200を数万基導入する。")
    c = Text("Acme Power plans to spend $3 billion on data centres in 2026. "
             "Northwind Cloud will supply H100 servers.")
    lumen_ja, northwind_ja = "ルーメン・ラボ", "ノースウインド・クラウド"
    return [
        (article("a", a.text, "Northwind Cloud wins $12 billion Lumen Labs contract", "2025-10-05", "en"),
         Records(
             mentions=[a.mention(NORTHWIND, "Northwind Cloud"), a.mention(LUMEN, "Lumen Labs"),
                       a.mention(LUMEN, "Lumen")],
             facts={
                 "money": [a.money("$12 billion", 12e9, "USD", 12e9, "contract", NORTHWIND,
                                   "Northwind Cloud")],
                 "dates": [a.fact("October 3, 2025", value="2025-10-03", start_date="2025-10-03",
                                  end_date="2025-10-03", precision="day", relative=0)],
                 "gpu_specs": [a.fact("H100", **H100, count=20000, count_approx=0,
                                      entity=ref(LUMEN, "Lumen"))],
             },
             deals=[a.deal("$12 billion compute contract", "compute contract", 12e9,
                           [(NORTHWIND, "Northwind Cloud", "provider"), (LUMEN, "Lumen Labs", "buyer")],
                           date="2025-10-03", start_date="2025-10-03", end_date="2025-10-03",
                           status="signed")],
         )),
        (article("b", b.text, "ルーメン・ラボ、ノースウインドに50億ドル出資", "2025-11-20", "ja"),
         Records(
             mentions=[b.mention(LUMEN, lumen_ja), b.mention(NORTHWIND, northwind_ja)],
             facts={
                 "money": [b.money("約50億ドル", 5e9, "USD", 5e9, "investment", LUMEN, lumen_ja, approx=1),
                           b.money("約7500億円", 7.5e11, "JPY", 5e9, "investment", LUMEN, lumen_ja, approx=1,
                                   converted_from=0)],
                 "gpu_specs": [b.fact("GB200", **GB200, count_approx=1, count_low=10000, count_high=90000,
                                      entity=ref(LUMEN, lumen_ja))],
             },
             deals=[b.deal("約50億ドル（約7500億円）を出資", "investment", 5e9,
                           [(LUMEN, lumen_ja, "investor"), (NORTHWIND, northwind_ja, "investee")],
                           approx=1, status="announced")],
         )),
        (article("c", c.text, "Acme Power plans $3 billion build-out", "2026-01-15", "en"),
         Records(
             mentions=[c.mention(ACME, "Acme Power"), c.mention(NORTHWIND, "Northwind Cloud")],
             facts={
                 "money": [c.money("$3 billion", 3e9, "USD", 3e9, "capex", ACME, "Acme Power")],
                 "dates": [c.fact("2026", value="2026", start_date="2026-01-01", end_date="2026-12-31",
                                  precision="year", relative=0)],
                 "gpu_specs": [c.fact("H100", **H100, count_approx=0,
                                      entity=ref(NORTHWIND, "Northwind Cloud"))],
             },
             deals=[c.deal("plans to spend $3 billion", "capex", 3e9, [(ACME, "Acme Power", None)],
                           date="2026", start_date="2026-01-01", end_date="2026-12-31", status="planned")],
         )),
    ]


def build(path: Path) -> Path:
    db = open_db(path)
    for item, records in _articles():
        save_article(db, item, records, "test")
    db.close()
    return path
