"""Syndicated copies: every copy joins its story, no two different stories merge.

Copies are made from the bundled sample articles (our own texts) the way outlets make them: a
reworded headline, a paragraph trimmed, boilerplate added, a sentence added in an update, all of
these at once. Pairs that must stay apart: every two different samples (two of them report one
deal), two stories of our own about one deal on different days, and, when ../shared is here, every
two dev-corpus articles (01 and the seed report one event from two outlets).
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED, SHARED_CORPUS
from sqlite_utils import Database

from newskb.ingest.sources import Article, read_source
from newskb.ingest.stories import BANDS, ROWS, band_keys, shingles, similarity
from newskb.kb.build import ingest_sources
from newskb.kb.store import open_db
from newskb.kb.stories import assign_missing

SAMPLE_ARTICLES = {Path(a.origin).name + (f"#{a.key.rsplit('#', 1)[-1]}" if "#" in a.key else ""): a
                   for a in read_source(str(SAMPLES)) if isinstance(a, Article)}
BOILERPLATE = {
    "en": ("Sign up for our newsletter to get the day's top infrastructure stories.",
           "(c) 2025 Partner Wire. All rights reserved. This story was distributed by a news agency.",
           "Related: more cloud deals this week"),
    "ja": ("※この記事は配信元の提供記事です。無断転載を禁じます。", "関連記事：今週のクラウド契約まとめ",
           "ニュースレターの登録はこちらから。"),
}
UPDATE = {"en": " A spokesperson declined to comment further.",
          "ja": "同社の広報担当者は追加のコメントを控えた。"}


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def reworded_headline(text: str, lang: str) -> str:
    p = _paragraphs(text)
    head = f"【速報】{p[0]}と発表" if lang == "ja" else f"UPDATE 1-{p[0]}, sources say"
    return "\n".join([head, *p[1:]])


def trimmed_paragraph(text: str, lang: str) -> str:
    p = _paragraphs(text)
    return "\n".join(p[: len(p) // 2] + p[len(p) // 2 + 1:]) if len(p) > 2 else text[: len(text) * 3 // 4]


def added_boilerplate(text: str, lang: str) -> str:
    top, *bottom = BOILERPLATE[lang]
    return "\n".join([top, *_paragraphs(text), *bottom])


def edited_update(text: str, lang: str) -> str:
    p = _paragraphs(text)
    return "\n".join([*p[:-1], p[-1] + UPDATE[lang]])


def all_at_once(text: str, lang: str) -> str:
    return added_boilerplate(trimmed_paragraph(reworded_headline(text, lang), lang), lang)


COPIES: tuple[Callable[[str, str], str], ...] = (reworded_headline, trimmed_paragraph, added_boilerplate,
                                                edited_update, all_at_once)

# One deal, two days, two stories (our own text): the news, then the market's reaction and a
# background sentence repeated from the first.
SAME_DEAL_DIFFERENT_DAYS = {
    "en": (
        ("Halden Labs agreed on Monday to rent 40,000 accelerators from Tessera Compute under a five-year "
         "contract worth $6.2 billion, the companies said. The capacity comes online in two phases from "
         "March, at a new campus in Ohio. Tessera Compute, founded in 2019, runs data centres in three "
         "states."),
        ("Tessera Compute shares jumped 14% on Tuesday, a day after it disclosed the $6.2 billion deal to "
         "rent 40,000 accelerators to Halden Labs. Analysts raised their revenue forecasts for next year, "
         "and two brokers moved the stock to buy. Tessera Compute, founded in 2019, runs data centres in "
         "three states."),
    ),
    "ja": (
        ("ハルデン・ラボは3日、テッセラ・コンピュートから4万基のアクセラレーターを5年間借り受ける"
         "契約を結んだと発表した。契約額は62億ドル。オハイオ州の新拠点で3月から2段階で稼働する。"
         "テッセラ・コンピュートは2019年創業で、3つの州でデータセンターを運営している。"),
        ("テッセラ・コンピュートの株価は4日、前日比14%上昇した。ハルデン・ラボに4万基を貸し出す"
         "62億ドルの契約を前日に公表したことが好感され、証券会社2社が投資判断を引き上げた。"
         "テッセラ・コンピュートは2019年創業で、3つの州でデータセンターを運営している。"),
    ),
}


def _score(a: str, b: str, lang: str | None):
    return similarity(shingles(a, lang), shingles(b, lang))


@pytest.mark.parametrize("make", COPIES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", sorted(SAMPLE_ARTICLES))
def test_every_copy_is_the_same_story(name: str, make: Callable[[str, str], str]) -> None:
    article = SAMPLE_ARTICLES[name]
    copy = make(article.text, article.lang or "en")
    score = _score(article.text, copy, article.lang)
    assert score.same_story, score
    # and LSH makes it a candidate: it shares a band key with the original
    assert set(band_keys(shingles(article.text, article.lang))) & set(band_keys(shingles(copy, article.lang)))


@pytest.mark.parametrize("a,b", list(itertools.combinations(sorted(SAMPLE_ARTICLES), 2)))
def test_different_samples_stay_apart(a: str, b: str) -> None:
    first, second = SAMPLE_ARTICLES[a], SAMPLE_ARTICLES[b]
    if first.lang == second.lang:
        assert not _score(first.text, second.text, first.lang).same_story


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_two_stories_of_one_deal_on_different_days_stay_apart(lang: str) -> None:
    day1, day2 = SAME_DEAL_DIFFERENT_DAYS[lang]
    score = _score(day1, day2, lang)
    assert score.resemblance < 0.3 and score.containment < 0.5 and not score.same_story, score


def _dev_articles() -> list[Article]:
    if not SEED.exists():
        pytest.skip(f"{SHARED_CORPUS} is not here")
    articles = [a for a in read_source(str(SHARED_CORPUS / "dev")) if isinstance(a, Article)]
    return [*articles, *(a for a in read_source(str(SEED)) if isinstance(a, Article))]


def test_no_two_dev_corpus_articles_are_one_story() -> None:
    articles = _dev_articles()
    merged = [(a.origin, b.origin) for a, b in itertools.combinations(articles, 2)
              if a.lang == b.lang and _score(a.text, b.text, a.lang).same_story]
    assert merged == []


def test_band_parameters_make_copies_candidates_and_strangers_not() -> None:
    # P(candidate) = 1 - (1 - J^ROWS)^BANDS
    def chance(j: float) -> float:
        return 1 - (1 - j ** ROWS) ** BANDS

    assert chance(0.69) > 0.999 and chance(0.5) > 0.95 and chance(0.02) < 0.001


# ---------------------------------------------------------------- in the knowledge base


def _article(text: str, url: str, title: str, published: str, source: str) -> Article:
    return Article(text, url, url, title, url, dt.date.fromisoformat(published), source, "en")


def _english_copies() -> list[Article]:
    original = SAMPLE_ARTICLES["en_xai_series_e.md"].text
    return [
        _article(original, "https://wire.test/xai", "xAI raises $20bn", "2026-01-08", "Wire"),
        _article(added_boilerplate(original, "en"), "https://partner.test/xai", "xAI closes $20bn round",
                 "2026-01-08", "Partner"),
        _article(edited_update(trimmed_paragraph(original, "en"), "en"), "https://wire.test/xai-update",
                 "UPDATE 1-xAI raises $20bn", "2026-01-09", "Wire"),
        _article(SAMPLE_ARTICLES["en_coreweave_brightwater.md"].text, "https://wire.test/cw", "CoreWeave",
                 "2025-11-03", "Wire"),
    ]


def test_copies_keep_their_rows_and_sources_and_share_a_story(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    summary = ingest_sources(db, [], items=_english_copies(), workers=1)
    assert summary.added == 4
    rows = db.execute("SELECT source, story_id, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) "
                      "> 0 FROM articles a ORDER BY id").fetchall()
    assert rows == [("Wire", 1, 1), ("Partner", 1, 1), ("Wire", 1, 1), ("Wire", 4, 1)]


def test_an_article_edited_away_from_its_story_leaves_it_and_the_story_keeps_a_first(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    copies = _english_copies()[:3]
    ingest_sources(db, [], items=copies, workers=1)
    other = SAMPLE_ARTICLES["en_nebius_microsoft.html"].text
    ingest_sources(db, [], items=[_article(other, copies[0].url, "Edited", "2026-01-08", "Wire")], workers=1)
    assert [r[0] for r in db.execute("SELECT story_id FROM articles ORDER BY id")] == [1, 2, 2]


def test_articles_stored_without_a_story_get_one_when_the_knowledge_base_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    ingest_sources(open_db(path), [], items=_english_copies(), workers=1)
    counted = _summary_rows(open_db(path)), open_db(path).execute("SELECT * FROM deal_events").fetchall()
    raw = Database(path)  # as an older release left it: every article counted, no story
    raw.execute("UPDATE articles SET story_id = NULL")
    raw.execute("DELETE FROM story_bands")
    raw.execute("UPDATE deal_events SET sources = 3 WHERE sources = 1")
    raw.conn.commit()
    db = open_db(path)
    assert [r[0] for r in db.execute("SELECT story_id FROM articles ORDER BY id")] == [1, 1, 1, 4]
    assert (_summary_rows(db), db.execute("SELECT * FROM deal_events").fetchall()) == counted
    assert assign_missing(db) == 0


# ---------------------------------------------------------------- counting stories, not copies


def _summary_rows(db: Database) -> dict[str, list[tuple]]:
    from newskb.kb.summaries import SUMMARIES

    names = dict(db.execute("SELECT id, name FROM entities").fetchall())
    rows = {}
    for name in (n for summary in SUMMARIES for n in summary.tables):
        cursor = db.execute(f"SELECT * FROM [{name}]")
        columns = [c[0] for c in cursor.description]
        rows[name] = sorted((tuple(names.get(v, v) if c in ("entity_id", "other_id") else v
                                   for c, v in zip(columns, row)) for row in cursor), key=repr)
    return rows


def test_summaries_and_deal_events_count_stories_not_copies(tmp_path: Path) -> None:
    from newskb.kb.summaries import rebuild

    copies = _english_copies()
    alone = open_db(tmp_path / "one.db")
    ingest_sources(alone, [], items=[copies[0], copies[3]], workers=1)
    db = open_db(tmp_path / "copies.db")
    ingest_sources(db, [], items=copies, workers=1)
    assert db["articles"].count == 4
    # the three copies of one story count as the story alone does
    xai = "SELECT e.articles FROM entity_totals e JOIN entities n ON n.id = e.entity_id WHERE n.name = 'xAI'"
    assert db.execute(xai).fetchone() == alone.execute(xai).fetchone() == (1,)
    sources = "SELECT kind, parties, sources FROM deal_events ORDER BY kind, parties, usd"
    assert db.execute(sources).fetchall() == alone.execute(sources).fetchall()
    assert {r[2] for r in db.execute(sources)} == {1}
    for name in ("month_totals", "entity_money_totals", "entity_pairs", "model_totals"):
        assert _summary_rows(db)[name] == _summary_rows(alone)[name], name
    # kept current as articles are saved, as a rebuild computes them
    kept = _summary_rows(db)
    with db.atomic():
        rebuild(db)
    assert _summary_rows(db) == kept
