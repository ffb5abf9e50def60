"""Deal events: the deals of every article consolidated into one row per real-world deal.

After each article is saved (``kb.store.open_db`` registers ``consolidate_article`` to run then),
each of its deals joins the event with the same parties (entity ids), a compatible kind, amount and
date, or starts a new event. An event's figures are recomputed from its deals: the amount most
sources give (ties: the earliest source), how many articles report it, and whether their amounts
disagree. A misreported figure (38億ドル for 380億ドル) still joins its event when parties, kind and
date or term match exactly, so it is flagged as disagreeing instead of becoming a deal of its own.

A part of a total the same article states (a tranche, one recipient's share: deals.part_of) joins no
event: its total's event counts it, and a total stated without an amount is counted by the sum of
its parts. Only a part whose total has no parties (and so no event) is an event's statement itself.
Every total read from deal events thus counts a total or its parts, never both.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlite_utils import Database

# the kinds in order of specificity, and those that may name one deal when amounts agree
from newskb.ingest.deal_kinds import KIND_ORDER, LOOSE_KINDS
from newskb.kb.summaries import update_events

AMOUNT_TOLERANCE = 0.10  # two reports of one deal: amounts within 10% (USD)
DISAGREE_TOLERANCE = 0.01  # sources whose amounts differ by more than 1% disagree


def consolidate_article(db: Database, article_id: int) -> None:
    """Attach the article's deals to events, then bring every affected event up to date."""
    touched: set[int] = set()
    for deal in _deals(db, "d.article_id = ?", [article_id]):
        event_id = _matching_event(db, deal, article_id)
        if event_id is None:
            event_id = int(db["deal_events"].insert({"party_key": deal["party_key"], "sources": 0}).last_pk)  # type: ignore[union-attr]
        db.execute("UPDATE deals SET event_id = ? WHERE id = ?", [event_id, deal["id"]])
        touched.add(event_id)
    recompute(db, touched)


def recompute(db: Database, event_ids: set[int] | None = None) -> None:
    """Recompute the given events and every stale one; delete events left without deals. Their
    entity_events rows (kb.summaries) are redone too."""
    stale = {r[0] for r in db.execute(
        "SELECT e.id FROM deal_events e WHERE coalesce(e.sources, 0) != (SELECT count(DISTINCT "
        "coalesce(a.story_id, a.id)) FROM deals d JOIN articles a ON a.id = d.article_id "
        "WHERE d.event_id = e.id)").fetchall()}
    redo = sorted((event_ids or set()) | stale)
    empty = []
    for event_id in redo:
        deals = _deals(db, "d.event_id = ?", [event_id])
        if deals:
            db["deal_events"].update(event_id, _summary(db, deals))  # type: ignore[union-attr]
        else:
            empty.append(event_id)
    update_events(db, redo)  # before the empty events go: their rows there refer to them
    for event_id in empty:
        db.execute("DELETE FROM deal_events WHERE id = ?", [event_id])


# The statements deal events are made of: every deal but a part of a total (deals.part_of) whose total
# has parties, and so an event of its own that counts the part.
STATEMENT = "(d.part_of IS NULL OR NOT EXISTS (SELECT 1 FROM deal_parties tp WHERE tp.deal_id = d.part_of))"


def _deals(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """The statements (``STATEMENT``) with parties that ``where`` selects, oldest source first; a total
    stated without an amount is counted by its parts, when each has one in a single currency."""
    sql = f"""
        SELECT d.*, a.published, a.ingested_at, coalesce(a.story_id, a.id) AS story,
          (SELECT group_concat(entity_id) FROM (SELECT entity_id FROM deal_parties
             WHERE deal_id = d.id ORDER BY entity_id)) AS party_key,
          (SELECT CASE WHEN count(*) = count(p.amount) AND count(DISTINCT p.currency) = 1
                  THEN sum(p.amount) END FROM deals p WHERE p.part_of = d.id) AS parts_amount,
          (SELECT min(p.currency) FROM deals p WHERE p.part_of = d.id) AS parts_currency,
          (SELECT CASE WHEN count(*) = count(p.usd) THEN sum(p.usd) END
                  FROM deals p WHERE p.part_of = d.id) AS parts_usd
        FROM deals d JOIN articles a ON a.id = d.article_id
        WHERE {where} AND {STATEMENT} ORDER BY coalesce(a.published, a.ingested_at), d.article_id, d.id"""
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    deals = []
    for row in cursor.fetchall():
        deal = dict(zip(names, row))
        parts = (deal.pop("parts_amount"), deal.pop("parts_currency"), deal.pop("parts_usd"))
        if deal["amount"] is None and parts[0] is not None:
            deal["amount"], deal["currency"], deal["usd"] = parts
        if deal["party_key"]:
            deals.append(deal)
    return deals


def _matching_event(db: Database, deal: dict[str, Any], article_id: int) -> int | None:
    candidates = db.execute(
        "SELECT id FROM deal_events WHERE party_key = ? AND id NOT IN "
        "(SELECT event_id FROM deals WHERE article_id = ? AND event_id IS NOT NULL) ORDER BY id",
        [deal["party_key"], article_id]).fetchall()
    for (event_id,) in candidates:
        reports = _deals(db, "d.event_id = ?", [event_id])
        if reports and all(same_deal(deal, other) for other in reports):
            return int(event_id)
    return None


def same_deal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two statements (same parties) report one deal? See the module docstring."""
    same_kind = a["kind"] == b["kind"]
    if not same_kind and not (a["kind"] in LOOSE_KINDS and b["kind"] in LOOSE_KINDS):
        return False
    amounts_agree = _close(_value(a), _value(b), AMOUNT_TOLERANCE)
    if not same_kind:
        return amounts_agree is True
    if not _dates_compatible(a, b):
        return False
    if amounts_agree is False:
        # a misreported figure: kept in the event (and flagged) when the date or term pins it down
        return bool((a["date"] and a["date"] == b["date"])
                    or (a["duration"] and a["duration"] == b["duration"]))
    return True


def _value(deal: dict[str, Any]) -> tuple[float, str] | None:
    if deal.get("usd") is not None:
        return float(deal["usd"]), "USD"
    if deal.get("amount") is not None:
        return float(deal["amount"]), str(deal.get("currency"))
    return None


def _close(a: tuple[float, str] | None, b: tuple[float, str] | None, tolerance: float) -> bool | None:
    """True/False when both amounts are known (in one currency), None when either is missing."""
    if a is None or b is None or a[1] != b[1]:
        return None
    return abs(a[0] - b[0]) <= tolerance * max(abs(a[0]), abs(b[0]), 1.0)


def _dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One date within the other (2025 and 2025-11-03), or either unknown."""
    da, db_ = a.get("date"), b.get("date")
    return not da or not db_ or da.startswith(db_) or db_.startswith(da)


def _summary(db: Database, deals: list[dict[str, Any]]) -> dict[str, Any]:
    with_amount = [d for d in deals if d["amount"] is not None]
    # the most frequent amount; Counter keeps first-seen order, and deals come oldest first
    counts = Counter(round(float(d["amount"]), 2) for d in with_amount)
    top = max(counts.values(), default=0)
    chosen = next((d for d in with_amount if counts[round(float(d["amount"]), 2)] == top), None)
    values = [v for v in (_value(d) for d in with_amount) if v is not None]
    disagree = any(_close(v, w, DISAGREE_TOLERANCE) is False for v in values for w in values)
    kinds = Counter(d["kind"] for d in deals)
    kind = min(kinds, key=lambda k: (-kinds[k], KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER)))
    reported = [d["published"] or (d["ingested_at"] or "")[:10] for d in deals]
    return {
        "kind": kind,
        "amount": chosen["amount"] if chosen else None,
        "currency": chosen["currency"] if chosen else None,
        "usd": chosen["usd"] if chosen else None,
        "duration": _most_common(d["duration"] for d in deals),
        "date": _most_precise(deals),
        "first_reported": min((r for r in reported if r), default=None),
        "sources": len({d["story"] for d in deals}),  # stories: copies of one story count once
        "amounts_disagree": int(disagree),
        "parties": _party_names(db, deals[0]["party_key"]),
        "party_key": deals[0]["party_key"],
    }


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _most_precise(deals: list[dict[str, Any]]) -> str | None:
    """The finest date any source gives (2025-11-03 over 2025-11)."""
    return max((d["date"] for d in deals if d["date"]), key=len, default=None)


def _party_names(db: Database, party_key: str) -> str:
    ids = [int(i) for i in party_key.split(",")]
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT name FROM entities WHERE id IN ({marks}) ORDER BY name", ids).fetchall()
    return " / ".join(r[0] for r in rows)
