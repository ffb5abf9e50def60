"""Feeds: parsing RSS and Atom into entries, intervals and schedules, OPML, and the feeds commands."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import Item, atom, rss1, rss2
from sqlite_utils import Database

from newskb.ingest.feeds import (
    MIN_CONTENT_CHARS,
    FeedError,
    backoff_interval,
    entry_article,
    format_interval,
    max_age_seconds,
    pace_interval,
    parse_feed,
    parse_interval,
    read_opml,
    retry_after_seconds,
)
from newskb.ingest.sources import Defaults, SourceError
from newskb.kb.cli import cli
from newskb.kb.feeds import FeedsError, add_feed, due_feeds, import_opml, list_feeds, remove_feed, utc_now

SENTENCE = "Tessera Compute said it would lease 12,000 accelerators to Halden Labs for three years. "
LONG = "<p>" + SENTENCE * 5 + "</p>"


@pytest.mark.parametrize(
    "text,seconds",
    [
        ("30m", 1800),
        ("2h", 7200),
        ("1d", 86400),
        ("90s", 90),
        ("1h30m", 5400),
        (" 45 s ", 45),
    ],
)
def test_intervals(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds
    assert parse_interval(format_interval(seconds)) == seconds


@pytest.mark.parametrize("text", ["30", "2x", "m", "", "1h and 2m", "0s"])
def test_bad_intervals_say_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="interval|shorter"):
        parse_interval(text)


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    "write,version_date", [(rss2, "2025-11-03"), (atom, "2025-11-03"), (rss1, "2025-11-03")]
)
def test_every_format_gives_typed_entries(write, version_date: str) -> None:
    items = [
        Item("id-1", "https://news.test/1", "First item"),
        Item("id-2", "https://news.test/2", "Second item"),
    ]
    feed = parse_feed(write(items), "https://news.test/feed")
    assert [e.url for e in feed.entries] == ["https://news.test/1", "https://news.test/2"]
    assert [e.title for e in feed.entries] == ["First item", "Second item"]
    assert {e.published for e in feed.entries} == {dt.date.fromisoformat(version_date)}
    assert all(e.text is None for e in feed.entries)  # teasers: the pages are read
    ids = [e.entry_id for e in feed.entries]
    assert ids == (["https://news.test/1", "https://news.test/2"] if write is rss1 else ["id-1", "id-2"])


@pytest.mark.parametrize("write", [rss2, atom])
def test_an_entry_with_its_whole_text_carries_it(write) -> None:
    feed = parse_feed(write([Item("a", "https://news.test/a", "Lease", content=LONG)]), "f")
    (entry,) = feed.entries
    assert entry.text is not None and entry.text.startswith("Tessera Compute said")
    assert len(entry.text) > MIN_CONTENT_CHARS
    article = entry_article(entry, "f", "Wire", Defaults())
    assert (article.key, article.url, article.title, article.source, article.lang, article.published) == (
        "https://news.test/a",
        "https://news.test/a",
        "Lease",
        "Wire",
        "en",
        dt.date(2025, 11, 3),
    )


def test_a_date_keeps_its_own_time_zone() -> None:
    late = Item("x", "https://news.test/x", "Late", published="Tue, 04 Nov 2025 01:30:00 +0900")
    assert parse_feed(rss2([late]), "f").entries[0].published == dt.date(2025, 11, 4)


def test_the_fingerprint_follows_title_and_text_not_date_or_order() -> None:
    a = Item("x", "https://news.test/x", "Title", summary="Teaser one.")
    reissued = Item(
        "x", "https://news.test/x", "Title", summary="Teaser one.", published="Wed, 05 Nov 2025 00:00:00 GMT"
    )
    edited = Item("x", "https://news.test/x", "Title", summary="Teaser two.")
    fingerprints = [parse_feed(rss2([i]), "f").entries[0].fingerprint for i in (a, reissued, edited)]
    assert fingerprints[0] == fingerprints[1] != fingerprints[2]


@pytest.mark.parametrize(
    "body,problem",
    [
        (b"<rss><channel><title>x</title><item><title>", "is not a well-formed feed (no element found)"),
        (b"\x00\x01garbage", "is not a well-formed feed"),
        (b"<html><body><p>Welcome</p></body></html>", "is not an RSS or Atom feed (an HTML page?)"),
    ],
)
def test_what_is_no_feed_raises_one_line(body: bytes, problem: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "https://news.test/feed")
    assert str(caught.value).startswith(f"https://news.test/feed: {problem}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "extra,pace",
    [
        ("<ttl>90</ttl>", 5400),
        ("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>", 1800),
        ("<sy:updatePeriod>weekly</sy:updatePeriod>", 604800),
        ("", None),
    ],
)
def test_the_feed_own_pace(extra: str, pace: int | None) -> None:
    assert parse_feed(rss2([Item("a", "https://n.test/a", "A")], extra=extra), "f").pace_s == pace


# ---------------------------------------------------------------- schedule


@pytest.mark.parametrize(
    "every,pace,max_age,expected",
    [
        (1800, None, None, 1800),
        (1800, 3600, None, 3600),  # the feed asks for less often
        (1800, 60, None, 1800),  # but never more often than --every
        (1800, None, 7200, 7200),
        (1800, 7 * 86400, None, 86400),  # at least daily
    ],
)
def test_pace_interval(every: int, pace: int | None, max_age: int | None, expected: int) -> None:
    assert pace_interval(every, pace, max_age) == expected


def test_backoff_doubles_with_jitter_and_stops_at_a_day() -> None:
    rng = random.Random(1)
    for errors in range(1, 12):
        wait = backoff_interval(errors, 600, rng=rng)
        ceiling = min(600 * 2**errors, 86400)
        assert ceiling / 2 <= wait <= ceiling
    assert backoff_interval(3, 600, retry_after_s=120) == 120
    assert backoff_interval(3, 600, retry_after_s=10**7) == 86400


@pytest.mark.parametrize(
    "value,seconds",
    [
        ("120", 120.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 3600.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    now = 1445412480.0 - 3600  # an hour before 2015-10-21 07:28 UTC
    assert retry_after_seconds(value, now) == seconds


@pytest.mark.parametrize(
    "header,seconds",
    [
        ("max-age=600", 600.0),
        ("public, max-age=60, must-revalidate", 60.0),
        ("no-cache, max-age=60", None),
        (None, None),
    ],
)
def test_max_age(header: str | None, seconds: float | None) -> None:
    assert max_age_seconds(header) == seconds


# ---------------------------------------------------------------- state


OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Tech"><outline type="rss" text="Wire One" title="Wire One" xmlUrl="https://one.test/rss"/>
<outline type="rss" text="Wire Two" xmlUrl="https://two.test/atom.xml"/></outline>
<outline type="rss" text="Again" xmlUrl="https://one.test/rss"/>
</body></opml>"""


def test_opml_subscriptions_are_followed_once(fresh_db: Database) -> None:
    assert read_opml(OPML, "mine.opml")[0] == ("https://one.test/rss", "Wire One")
    added, skipped = import_opml(fresh_db, OPML, "mine.opml", every_s=3600)
    assert [(f["name"], f["every_s"]) for f in added] == [("Wire One", 3600), ("Wire Two", 3600)]
    assert skipped == [
        (
            "https://one.test/rss: already followed as 'Wire One' (https://one.test/rss); "
            "remove it first, or choose another --name"
        )
    ]


@pytest.mark.parametrize(
    "data,problem",
    [
        (b"<opml><body></body></opml>", "lists no feeds"),
        (b"<rss/>", "is not OPML (its root element is <rss>)"),
        (b"<opml><body>", "is not valid OPML"),
    ],
)
def test_bad_opml(data: bytes, problem: str) -> None:
    with pytest.raises(SourceError, match=re.escape(problem)):
        read_opml(data, "x.opml")


def test_add_list_remove_and_what_is_due(fresh_db: Database) -> None:
    a = add_feed(fresh_db, "https://www.wire.test/rss/tech.xml")
    assert a["name"] == "wire.test/rss/tech.xml" and a["every_s"] == 1800 and a["next_poll"] is None
    add_feed(fresh_db, "https://other.test/feed", "other", every_s=600)
    with pytest.raises(FeedsError, match="already followed as 'other'"):
        add_feed(fresh_db, "https://third.test/feed", "other")
    with pytest.raises(FeedsError, match="not a feed address"):
        add_feed(fresh_db, "file:///etc/passwd")
    assert [f["name"] for f in due_feeds(fresh_db, utc_now())] == ["wire.test/rss/tech.xml", "other"]
    fresh_db.execute("UPDATE feeds SET next_poll = '2999-01-01T00:00:00+00:00' WHERE name = 'other'")
    assert [f["name"] for f in due_feeds(fresh_db, utc_now())] == ["wire.test/rss/tech.xml"]
    assert [f["name"] for f in list_feeds(fresh_db)] == ["other", "wire.test/rss/tech.xml"]
    assert remove_feed(fresh_db, "https://other.test/feed")["name"] == "other"
    with pytest.raises(FeedsError, match="other: no such feed"):
        remove_feed(fresh_db, "other")


# ---------------------------------------------------------------- the commands


@pytest.mark.parametrize(
    "command", [["feeds"], ["feeds", "add"], ["feeds", "list"], ["feeds", "remove"], ["watch"]]
)
def test_help_has_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "newskb" in result.output


def test_feeds_commands(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    ok = runner.invoke(
        cli, ["feeds", "add", "https://wire.test/rss", "--name", "wire", "--every", "2h", "--db", db]
    )
    assert ok.exit_code == 0, ok.output
    taken = runner.invoke(cli, ["feeds", "add", "https://wire.test/rss", "--db", db])
    assert taken.exit_code == 1 and "already followed as 'wire'" in taken.output
    bad = runner.invoke(cli, ["feeds", "add", "https://x.test/rss", "--every", "often", "--db", db])
    assert bad.exit_code == 2 and "'often' is not an interval" in bad.output
    neither = runner.invoke(cli, ["feeds", "add", "--db", db])
    assert neither.exit_code == 2 and "give a feed URL or --opml FILE" in neither.output
    opml = tmp_path / "mine.opml"
    opml.write_bytes(OPML)
    imported = runner.invoke(cli, ["feeds", "add", "--opml", str(opml), "--db", db])
    assert imported.exit_code == 0 and "2 feeds added from" in imported.output
    listed = runner.invoke(cli, ["feeds", "list", "--db", db])
    lines = listed.output.strip().splitlines()
    assert lines[0].split("\t")[:3] == ["name", "every", "status"]
    assert [line.split("\t")[:2] for line in lines[1:]] == [
        ["Wire One", "30m"],
        ["Wire Two", "30m"],
        ["wire", "2h"],
    ]
    gone = runner.invoke(cli, ["feeds", "remove", "wire", "--db", db])
    assert gone.exit_code == 0 and "no longer following wire" in gone.output
    missing = runner.invoke(cli, ["feeds", "remove", "wire", "--db", db])
    assert missing.exit_code == 1 and "wire: no such feed" in missing.output
