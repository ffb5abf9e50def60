"""A small knowledge base written from records (no language model): three articles of our own with
organizations known by several names, money (a conversion among it), dates, chips and deals, saved
through kb.store as an ingest saves them (deal events and summaries included)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from newskb.ingest.records import Date, Deal, GpuSpec, Mention, Money, Party, Records
from newskb.ingest.sources import Article
from newskb.kb.store import open_db, save_article

NORTHWIND = {"name": "Northwind Cloud", "type": "ORG"}
LUMEN = {"name": "Lumen Labs", "type": "ORG"}
ACME = {"name": "Acme Power", "type": "ORG"}
H100 = {"model": "H100", "vendor": "NVIDIA", "architecture": "Hopper", "kind": "chip"}
GB200 = {"model": "GB200", "vendor": "NVIDIA", "architecture": "Blackwell", "kind": "chip"}


class Text:
    """An article's text, and the records of it: offsets and sentence found from the words, ids
    numbered per kind, an organization referred to by the id of its mention."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        self.counts: dict[str, int] = {}

    def fact(self, prefix: str, words: str) -> dict[str, Any]:
        start = self.text.index(words)
        pieces = self.text.replace("。", "。\n").replace(". ", ".\n").split("\n")
        sentence = next(s for s in pieces if words in s).strip()
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return {"id": f"{prefix}{self.counts[prefix]}", "start": start, "end": start + len(words),
                "sentence": sentence}

    def ref(self, words: str) -> str:
        """The id of the mention written ``words``."""
        return next(m.id for m in self.mentions if m.text == words)

    def mention(self, entity: dict[str, str], words: str) -> Mention:
        self.mentions.append(Mention(**self.fact("m", words), text=words, **entity, label="ORG",
                                     source="gazetteer"))
        return self.mentions[-1]

    def money(self, words: str, amount: float, currency: str, usd: float, role: str, owner_words: str,
              **fields: Any) -> Money:
        return Money(**self.fact("money", words), text=words, amount=amount, currency=currency, usd=usd,
                     role=role, entity=self.ref(owner_words), **fields)

    def date(self, words: str, **fields: Any) -> Date:
        return Date(**self.fact("date", words), text=words, **fields)

    def gpu(self, words: str, owner_words: str, **fields: Any) -> GpuSpec:
        return GpuSpec(**self.fact("gpu", words), text=words, entity=self.ref(owner_words), **fields)

    def deal(self, words: str, kind: str, usd: float, parties: list[tuple[str, str | None]],
             **fields: Any) -> Deal:
        return Deal(**self.fact("deal", words), kind=kind, amount=usd, currency="USD", usd=usd,
                    money="money1", parties=[Party(mention=self.ref(w), role=role) for w, role in parties],
                    **fields)


def article(key: str, text: str, title: str, published: str, lang: str) -> Article:
    url = f"https://example.com/{key}"
    return Article(text=text, origin=f"{key}.md", key=url, url=url, title=title,
                   published=dt.date.fromisoformat(published), source="Test Wire", lang=lang)


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
             money=[a.money("$12 billion", 12e9, "USD", 12e9, "contract", "Northwind Cloud")],
             dates=[a.date("October 3, 2025", value="2025-10-03", start_date="2025-10-03",
                           end_date="2025-10-03", precision="day")],
             gpu_specs=[a.gpu("H100", "Lumen", **H100, count=20000)],
             deals=[a.deal("$12 billion compute contract", "compute contract", 12e9,
                           [("Northwind Cloud", "provider"), ("Lumen Labs", "buyer")], approx=False,
                           date="2025-10-03", start_date="2025-10-03", end_date="2025-10-03",
                           status="signed")],
         )),
        (article("b", b.text, "ルーメン・ラボ、ノースウインドに50億ドル出資", "2025-11-20", "ja"),
         Records(
             mentions=[b.mention(LUMEN, lumen_ja), b.mention(NORTHWIND, northwind_ja)],
             money=[b.money("約50億ドル", 5e9, "USD", 5e9, "investment", lumen_ja, approx=True),
                    b.money("約7500億円", 7.5e11, "JPY", 5e9, "investment", lumen_ja, approx=True,
                            converted_from="money1")],
             gpu_specs=[b.gpu("GB200", lumen_ja, **GB200, count_approx=True, count_low=10000,
                              count_high=90000)],
             deals=[b.deal("約50億ドル（約7500億円）を出資", "investment", 5e9,
                           [(lumen_ja, "investor"), (northwind_ja, "investee")], approx=True,
                           status="announced")],
         )),
        (article("c", c.text, "Acme Power plans $3 billion build-out", "2026-01-15", "en"),
         Records(
             mentions=[c.mention(ACME, "Acme Power"), c.mention(NORTHWIND, "Northwind Cloud")],
             money=[c.money("$3 billion", 3e9, "USD", 3e9, "capex", "Acme Power")],
             dates=[c.date("2026", value="2026", start_date="2026-01-01", end_date="2026-12-31",
                           precision="year")],
             gpu_specs=[c.gpu("H100", "Northwind Cloud", **H100)],
             deals=[c.deal("plans to spend $3 billion", "capex", 3e9, [("Acme Power", None)], approx=False,
                           date="2026", start_date="2026-01-01", end_date="2026-12-31", status="planned")],
         )),
    ]


def build(path: Path) -> Path:
    db = open_db(path)
    for item, records in _articles():
        save_article(db, item, records, "test")
    db.close()
    return path
