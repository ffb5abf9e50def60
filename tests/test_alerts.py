"""Alerts: Atom feeds of new deals (all, or an organization's) and of new articles about an entity,
served by newskb's Datasette (datasette-atom) at /DB/QUERY.atom, valid Atom 1.0, read with feedparser."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import SAMPLES
from lxml import etree

from newskb.ingest.sources import Article, read_source
from newskb.kb.build import ingest_sources
from newskb.kb.serve import make_datasette
from newskb.kb.store import open_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ENGLISH = ["en_xai_series_e.md", "en_coreweave_brightwater.md"]


def assert_atom_10(xml: bytes) -> etree._Element:
    """The constraints RFC 4287 puts on a feed and its entries (sections 3.3, 4.1.1, 4.1.2, 4.2)."""
    feed = etree.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"

    def one(parent: etree._Element, name: str) -> etree._Element:
        found = parent.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{parent.tag} needs exactly one atom:{name}, has {len(found)}"
        return found[0]

    def absolute(iri: str | None) -> None:
        parts = urlsplit(iri or "")
        assert parts.scheme and (parts.netloc or parts.scheme in ("urn", "tag")), iri

    for name in ("id", "title", "updated"):
        one(feed, name)
    absolute(one(feed, "id").text)
    assert RFC3339.match(one(feed, "updated").text or "")
    entries = feed.findall(f"{ATOM}entry")
    authors = feed.findall(f"{ATOM}author")
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            one(entry, name)
        ids.append(one(entry, "id").text)
        absolute(ids[-1])
        assert RFC3339.match(one(entry, "updated").text or "")
        assert authors or entry.findall(f"{ATOM}author"), "an author in the feed or in every entry"
        for author in entry.findall(f"{ATOM}author"):
            assert (one(author, "name").text or "").strip()
        links = entry.findall(f"{ATOM}link")
        for link in links:
            absolute(link.get("href"))
        contents = entry.findall(f"{ATOM}content")
        assert len(contents) <= 1
        if contents:
            assert contents[0].get("type") in ("text", "html", "xhtml")
            if contents[0].get("type") == "html":
                etree.fromstring(f"<div>{contents[0].text}</div>".encode(), etree.HTMLParser())
        else:
            assert any(link.get("rel", "alternate") == "alternate" for link in links)
        alternates = [(link.get("type"), link.get("hreflang")) for link in links
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == len(set(alternates))
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return feed


def _english(name: str) -> Article:
    (article,) = [a for a in read_source(str(SAMPLES / name)) if isinstance(a, Article)]
    return article


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "alerts.db"
    db = open_db(path)
    assert ingest_sources(db, [str(SAMPLES / name) for name in ENGLISH], workers=1).failed == 0
    db.close()
    return path


async def _feed(path: Path, url: str) -> tuple[bytes, feedparser.FeedParserDict]:
    response = await make_datasette(path).client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/xml")
    assert_atom_10(response.content)
    parsed = feedparser.parse(response.content)
    assert parsed.version == "atom10" and not parsed.bozo, parsed.get("bozo_exception")
    return response.content, parsed


@pytest.mark.asyncio
async def test_new_deals_are_valid_atom_with_parties_amounts_and_article_links(kb: Path) -> None:
    _, parsed = await _feed(kb, "/alerts/new_deals.atom")
    db = open_db(kb)
    events = db.execute("SELECT count(*) FROM deal_events").fetchone()[0]
    assert parsed.feed.title == "New deals" and len(parsed.entries) == min(events, 50) > 3
    numbers = [int(e.id.rsplit("/", 1)[1]) for e in parsed.entries]
    assert numbers == sorted(numbers, reverse=True)  # newest first
    by_parties = {e.title: e for e in parsed.entries}
    xai = next(e for t, e in by_parties.items() if t.startswith("investment:") and "xAI" in t and "$20" in t)
    assert xai.link.startswith("http://localhost/article/")
    assert "(investee)" in xai.summary and "reported by 1 story" in xai.summary
    assert xai.author == "newskb"
    page = await make_datasette(kb).client.get(urlsplit(xai.link).path)
    assert page.status_code == 200 and "xAI" in page.text


@pytest.mark.asyncio
async def test_a_deal_is_one_entry_however_many_copies_report_it(kb: Path) -> None:
    _, before = await _feed(kb, "/alerts/new_deals.atom")
    original = _english("en_xai_series_e.md")
    copy = Article("Reuters-style wire copy.\n" + original.text + "\nReporting by Partner Wire.", "copy",
                   "https://partner.test/xai", "xAI funding (wire)", "https://partner.test/xai",
                   dt.date(2026, 1, 8), "Partner Wire", "en")
    db = open_db(kb)
    assert ingest_sources(db, [], items=[copy], workers=1).added == 1
    story = db.execute("SELECT story_id FROM articles WHERE key = ?", [copy.key]).fetchone()[0]
    assert story != db.execute("SELECT max(id) FROM articles").fetchone()[0]  # joined the original's story
    db.close()
    _, after = await _feed(kb, "/alerts/new_deals.atom")
    assert {e.id for e in after.entries} == {e.id for e in before.entries}
    xai = next(e for e in after.entries if e.title.startswith("investment:") and "xAI" in e.title
               and "$20" in e.title)
    assert "reported by 1 story" in xai.summary and "Partner Wire" in xai.summary


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["CoreWeave", "coreweave"])
async def test_the_deals_of_one_organization_by_name_or_alias(kb: Path, name: str) -> None:
    _, parsed = await _feed(kb, f"/alerts/new_deals.atom?name={name}")
    assert parsed.entries and all("CoreWeave" in e.title for e in parsed.entries)
    _, everything = await _feed(kb, "/alerts/new_deals.atom")
    assert len(parsed.entries) < len(everything.entries)


@pytest.mark.asyncio
async def test_new_articles_about_an_entity_list_a_story_once(kb: Path) -> None:
    original = _english("en_coreweave_brightwater.md")
    copy = Article(original.text + "\n(c) 2025 Partner Wire. All rights reserved.", "copy", "https://p.test/cw",
                   "CoreWeave deal (wire)", "https://p.test/cw", dt.date(2025, 11, 4), "Partner Wire", "en")
    db = open_db(kb)
    ingest_sources(db, [], items=[copy], workers=1)
    db.close()
    _, parsed = await _feed(kb, "/alerts/new_articles_about.atom?name=CoreWeave")
    assert [e.title for e in parsed.entries] == [original.title]
    assert "Also carried by: Partner Wire" in parsed.entries[0].summary
    assert parsed.entries[0].author == original.source


@pytest.mark.asyncio
@pytest.mark.parametrize("url,title", [
    ("/empty/new_deals.atom", "No deals yet"),
    ("/empty/new_deals.atom?name=Nobody", "No deals of Nobody yet"),
    ("/empty/new_articles_about.atom?name=Nobody", "No articles about Nobody yet"),
])
async def test_an_empty_alert_is_still_a_valid_feed(tmp_path: Path, url: str, title: str) -> None:
    path = tmp_path / "empty.db"
    open_db(path).close()
    _, parsed = await _feed(path, url)
    assert [e.title for e in parsed.entries] == [title]
