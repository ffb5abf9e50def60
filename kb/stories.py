"""Stories: copies of one story (syndicated, reissued, lightly edited) linked by ``articles.story_id``.

After each article is saved (first of ``kb.store``'s after-save functions, in the article's
transaction, so that the summaries and deal events that follow count its story), its MinHash
band keys are stored (``story_bands``) and the articles sharing one are compared with it exactly
(``ingest.stories.similarity``). It joins the story of the most similar one that is a copy;
else it starts its own story (``story_id`` = its own id). Every article keeps its row, source and
facts; summaries and deal events count stories (``count(DISTINCT story_id)``).
"""
from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from newskb.ingest.stories import Similarity, band_keys, shingles, similarity


def _article(db: Database, article_id: int) -> dict[str, Any] | None:
    row = db.execute("SELECT id, text, lang, story_id FROM articles WHERE id = ?", [article_id]).fetchone()
    return dict(zip(("id", "text", "lang", "story_id"), row)) if row else None


def copies_of(db: Database, article_id: int) -> list[tuple[int, Similarity]]:
    """The other articles whose text is a copy of this one's (by its stored band keys), most similar first."""
    article = _article(db, article_id)
    if article is None:
        return []
    mine = shingles(article["text"], article["lang"])
    found = []
    candidates = db.execute(
        "SELECT DISTINCT b.article_id FROM story_bands b JOIN articles a ON a.id = b.article_id "
        "WHERE b.key IN (SELECT key FROM story_bands WHERE article_id = ?) AND b.article_id != ? "
        "AND a.lang IS ? ORDER BY b.article_id", [article_id, article_id, article["lang"]]).fetchall()
    for (other_id,) in candidates:
        other = _article(db, other_id)
        if other is None:
            continue
        score = similarity(mine, shingles(other["text"], other["lang"]))
        if score.same_story:
            found.append((int(other_id), score))
    return sorted(found, key=lambda pair: (-pair[1].resemblance, pair[0]))


def assign_story(db: Database, article_id: int) -> None:
    """Store the article's band keys and set its ``story_id`` (see the module docstring)."""
    article = _article(db, article_id)
    if article is None:
        return
    keys = band_keys(shingles(article["text"], article["lang"]))
    db.execute("DELETE FROM story_bands WHERE article_id = ?", [article_id])
    db["story_bands"].insert_all(  # type: ignore[union-attr]
        [{"article_id": article_id, "band": band, "key": key} for band, key in enumerate(keys)])
    copies = [other_id for other_id, _ in copies_of(db, article_id)]
    members = [r[0] for r in db.execute(
        "SELECT id FROM articles WHERE story_id = ? AND id != ? ORDER BY id", [article_id, article_id])]
    if members and set(members) & set(copies):
        return  # it leads a story and still tells it (re-saved, or lightly edited)
    if members:
        # it led a story and now tells another one (edited): the story's next article leads it
        db.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({','.join('?' * len(members))})",
                   [members[0], *members])
    story_id = article_id
    for other_id in copies:
        other_story = db.execute("SELECT story_id FROM articles WHERE id = ?", [other_id]).fetchone()[0]
        if other_story is not None:
            story_id = int(other_story)
            break
    db.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])


def assign_missing(db: Database) -> int:
    """Give every article without a story its story, oldest first (articles stored before
    m022_stories, or by writers that bypass kb.store.save_article); returns how many turned out
    to be copies of another article's story."""
    todo = [r[0] for r in db.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY id").fetchall()]
    copies = 0
    for article_id in todo:
        with db.atomic():
            assign_story(db, article_id)
        copies += db.execute("SELECT story_id != id FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    return copies
