"""Family: a deal of one party.

New borrowing whose lenders go unnamed ("is arranging a $12.5 billion debt package", 「300億円を借り
入れる」: ``single_party_words``), a kind the lexicon lets stand alone (``single_party_kinds``), and one
party investing in its own facilities or in a place, no other company in the sentence
(「日本のAI基盤に29億ドルを投じる」, "will invest €10bn to expand its data-centre region"): a capex
deal. Money raised is no capex, nor a stake, nor a period's capital spending.
"""

from __future__ import annotations

import re

from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.parties import carried_org
from newskb.ingest.components.deals.view import SentenceView

NAME = "single_party"


def find(view: SentenceView) -> list[Deal]:
    """A deal of the sentence's subject alone, when it has no counterparty."""
    if not view.triggers:
        return []
    subject, counters, _ = view.parties
    counted = view.article.lexicon.support.counted.search(view.text, view.start, view.end)  # 「大手3社が」
    if (
        subject is None
        and not view.orgs
        and not view.thing_as_subject
        and not counted
        and view.carried is not None
    ):
        # 「…で23.5億円、…で25億円を投資する」 after 「さくらインターネットは…を決議した」: the subject
        # of the sentence before, when the sentence names no organization
        subject = carried_org(view.carried, "subject")
    if subject is None or [c for c in counters if not (c.mark == "の" and site_owner(view, c))]:
        return []
    article, lexicon, triggers = view.article, view.article.lexicon, view.triggers
    # the verb: the last deal word of a Japanese sentence (「…の取得で…を投資する」), else the first
    verb = triggers[-1] if view.japanese else triggers[0]
    money = view.money_in(near=verb.start)
    if money is None:
        return []
    if view.japanese:  # the figure's own deal word: 「5兆円規模の投資が必要とされ、民間の投融資が…」
        verb = next((t for t in triggers if t.start >= article.money[money]["end"]), verb)
    kind = article.kind_of(verb)
    raises = verb.word in lexicon.provider_subject  # "Crusoe raises $1.38 billion": money in, not capex
    alone = next((t.word for t in triggers if t.word in lexicon.single_party_words), None)
    if kind == "investment" and not raises and _own_capex(view, money, subject):
        kind = "capex"
    elif alone is not None:
        kind = lexicon.kind_of[alone]
    elif kind not in lexicon.single_party_kinds:
        return []
    role = "investor" if kind == "capex" else lexicon.roles[kind][0]
    # capex in items, a figure each (「取得で23.5億円、工事で25億円を投資する」): a deal each
    figures = _items(view) if kind == "capex" else []
    return [
        view.deal(kind, i, [Party(subject.span, role)], NAME, status=view.status())
        for i in (figures if len(figures) > 1 else [money])
    ]


def _items(view: SentenceView) -> list[int]:
    """The investment figures of a sentence, each its own (no conversions, no range's upper bound)."""
    return [
        i
        for i, f in enumerate(view.article.money)
        if view.start <= f["start"] < view.end
        and f.get("amount") is not None
        and f.get("role") in ("investment", "other", None)
        and f.get("converted_from") is None
        and f.get("per") is None
        and not (f.get("low") is not None and f.get("bound") == "max")
    ]


def site_owner(view: SentenceView, org: Org) -> bool:
    """Xの, then a facility or place (工場, 拠点, データセンター) that the money goes to (に/へ)
    before an investment word: X owns the site."""
    trigger = next((t for t in view.triggers if t.start > org.end), None)
    if trigger is None or view.article.kind_of(trigger) != "investment":
        return False  # 「Metaのデータセンターに供給する契約」: Meta is the buyer
    site = re.match(r"の([^、。,.]{1,20}?)[にへ]", view.text[org.end : trigger.start])
    return bool(site and view.article.lexicon.capex_object.search(site.group(1)))


def _own_capex(view: SentenceView, money: int, subject: Org) -> bool:
    """An investment sentence with one party that builds its own: it names a facility, a place
    or a plan, no other organization (but the owner of the site), and is not a period's capital
    spending or a stake."""
    article, lexicon, text, (start, end) = view.article, view.article.lexicon, view.text, view.span
    if lexicon.capex_not.search(text, start, end):
        return False
    others = {
        m["name"]
        for m in article.all_mentions
        if m["type"] == "ORG"
        and start <= m["start"] < end
        and not site_owner(view, Org(m["start"], m["end"], "の"))
    }
    if others - {article.name(subject)}:
        return False
    if article.money[money].get("role") not in ("investment", "other", None):  # not a commitment
        return False
    places = any(
        m["type"] in ("GPE", "LOC", "FAC") and start <= m["start"] < end for m in article.all_mentions
    )
    return (
        places
        or bool(lexicon.capex_object.search(text, start, end) or lexicon.capex_plan.search(text, start, end))
        or _built_before(view, subject)
    )


def _built_before(view: SentenceView, subject: Org) -> bool:
    """「米グーグルは、タイでデータセンターを建設する。同社は約10億ドルを投じ…」, "Nscale is building a
    campus near Oslo. The company will invest $1.2 billion": the sentence before, in the paragraph,
    names what the subject builds, with no deal word and no other organization."""
    article, previous = view.article, view.previous
    if previous is None or previous[2] != view.paragraph:
        return False
    if not article.lexicon.capex_object.search(view.text, previous[0], previous[1]):
        return False
    if article.lexicon.trigger.search(view.text, previous[0], previous[1]):
        return False  # 「Xのデータセンター開発会社に出資した。出資額は…」: a deal before, not a build
    start, end = previous[0], previous[1]
    named = {m["name"] for m in article.all_mentions if m["type"] == "ORG" and start <= m["start"] < end}
    return named == {article.name(subject)}
