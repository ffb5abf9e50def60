"""Family: government support.

A ministry or a government granting money to companies: 「経済産業省は…Rapidusに…最大5900億円を支援す
る」, 「経産省 ラピダス新工場に最大5900億円支援へ」, 「経産省は…さくらインターネットのスパコンにも約68
億円の助成を発表」, "The Commerce Department awarded Intel $7.9 billion in grants", 「国はRapidusに対し
て…3300億円の支援を決めて」. The grantor is the government body of the sentence (named, or described:
同省, 国, "the ministry"), whatever its particle; the recipients are the sentence's companies (else
those of the support stated just before, else the article's main company), a figure each when the
sentence lists them with a figure each, else one deal of them all. Rows after the statement that
list recipients with a figure each (「・KDDI：約102億円」, "| KDDI | 102.4億円 |") are its parts.
Totals (「総額9000億円余に」) are the totals family's. Words in ``support.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from newskb.ingest.components.deals.lexicon import SupportWords
from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.places import ja_mark
from newskb.ingest.components.deals.totals import is_total
from newskb.ingest.components.deals.view import ArticleView, SentenceView

NAME = "government_support"
# How far from a support word its figure may stand: 「6兆円程度の補助金」, "$7.9 billion in grants"
SUPPORT_REACH = 18
KIND, ROLES = "subsidy", ("grantor", "recipient")
# Money roles a subsidy's figure may have
ROLES_OF_FIGURES = frozenset({"subsidy", "investment", "other", "commitment", "contract", None})
# A row of a list or a table is a name and its figure (「・KDDI：約102億円」, "| KDDI | 102.4億円 |"), with
# separators and at most a few characters besides (a label: 「（予定）」, "up to")
_SEPARATORS = re.compile(r"[\s・\-*•|:：,、()（）]")
ROW_WORDS = 8


def is_government(mention: dict[str, Any], words: SupportWords) -> bool:
    """A government body: labelled one (gazetteer.yaml), or named like one (経済産業省, 香川県, Doña Ana
    County, Ministry of Finance)."""
    if mention.get("label") in words.labels:
        return True
    if mention.get("type") not in ("ORG", "GPE", "LOC"):
        return False
    names = {str(mention.get("name") or ""), str(mention.get("text") or "")}
    return any(words.ending.search(n) or words.opening.search(n) for n in names if n)


def governments(view: SentenceView) -> list[Org]:
    """The government bodies of the sentence: its organizations that are one (ministries first),
    then places named as one that act (「香川県は」, 「高松市と」, "Doña Ana County approved"), not
    places where something is (「北海道千歳市で」, "in Doña Ana County")."""
    words, article = view.article.lexicon.support, view.article
    found = [o for o in view.orgs if is_government(_mention(article, o), words)]
    spans = {o.span for o in found}
    places = [
        (m["start"], m["end"])
        for m in article.all_mentions
        if m["type"] in ("GPE", "LOC") and view.start <= m["start"] < view.end and is_government(m, words)
    ]
    places = [p for p in places if p not in spans]
    acting = [
        p
        for i, p in enumerate(places)
        if acts(view, p) or (i + 1 < len(places) and _coordinated(view, p, places[i + 1]))
    ]
    return sorted(found, key=lambda o: o.start) + [Org(*p, "", "subject") for p in acting]


def _coordinated(view: SentenceView, place: tuple[int, int], following: tuple[int, int]) -> bool:
    """A place listed with the acting one after it: 「香川県、高松市と」, "the county and the city"."""
    grammar, gap = view.article.lexicon.grammar, view.text[place[1] : following[0]]
    listed = (
        gap.strip() in grammar.ja_coordination if view.japanese else grammar.en_coordination.match(gap + " ")
    )
    return acts(view, following) and bool(listed)


def acts(view: SentenceView, span: tuple[int, int]) -> bool:
    """Whether a place named at ``span`` acts in its sentence: a subject or a partner (が, は, と,
    から), or in English no preposition of place before it."""
    grammar = view.article.lexicon.grammar
    if view.article.lexicon.support.official_after.match(view.text, span[1]):
        return True  # 「香川県の池田豊人知事」, 「高松市長」, "Doña Ana County commissioners"
    if view.japanese:
        mark = ja_mark(grammar, view.text, span[1])
        return mark in grammar.ja_subject | grammar.ja_partner | {"から"}
    return not grammar.en_place_before.search(view.text, view.start, span[0])


def find(view: SentenceView) -> list[Deal]:
    article, words = view.article, view.article.lexicon.support
    support = words.words.search(view.text, view.start, view.end)
    if support is None or article.lexicon.totals.breakdown.match(view.text, view.start):
        return []  # (「支援の内訳は…」 breaks down the support before: the totals family's)
    grantors = governments(view)
    listed = _listed(view) if not grantors else []
    if not grantors and (not view.orgs or listed) and view.carried is not None:
        # 「次世代半導体の研究開発などに6兆円程度の補助金…を投じる」 after 「政府が…」, 「補助上限は
        # Xが60億円、Yが31億円」 after 「経産省は…4社を採択した」: the government the sentences before
        # are about
        carried = _mention(article, view.carried)
        if carried and is_government(carried, words):
            grantors = [Org(*view.carried, "carried", "subject")]
    if not grantors:
        return []
    status = view.status()
    if listed:
        return [_deal(view, grantors[0], [c], i, status) for c, i in listed]
    grantor = next((g for g in grantors if g.place == "subject"), grantors[0])
    no_party = article.lexicon.grammar.ja_no_party
    companies = [o for o in view.orgs if o.span not in {g.span for g in grantors} and o.mark not in no_party]
    counted = words.counted.search(view.text, view.start, view.end)
    if not companies and not counted:
        companies = _recipients_before(view)
    # the figures of the support: next to a support word (「6兆円程度の補助金」, "$7.9 billion in grants"),
    # not any figure of the sentence (「官民合わせて50兆円以上の投資」)
    figures = [i for i in _figures(view) if _supported(view, i)]
    if not figures:
        return []
    if not companies:
        # 「生成AIの計算基盤を整備する3社に計300億円を助成する」: the rows after it name the recipients
        own = [i for i in figures if not is_total(view, i)] or figures
        statement = view.deal(KIND, own[0], [Party(grantor.span, ROLES[0])], NAME, status=status)
        statement.awaiting = statement.gathers = True
        return [statement]
    if len(companies) > 1 and len(figures) == len(companies):
        pairs = list(zip(companies, figures))  # 「Aに100億円、Bに50億円を助成」: in order
        return [_deal(view, grantor, [c], i, status) for c, i in pairs]
    # the figure nearest the support word; a total (「総額9000億円余に」) is the totals family's
    own = [i for i in figures if not is_total(view, i)] or figures
    money = min(own, key=lambda i: abs(article.money[i]["start"] - support.start()))
    return [_deal(view, grantor, companies, money, status)]


def rows(view: SentenceView, statement: Deal) -> list[Deal]:
    """A row listing one recipient of the support just stated, with its figure: a part of it."""
    article = view.article
    if view.triggers or len(view.orgs) != 1:
        return []
    figures = _figures(view)
    if len(figures) != 1 or is_government(_mention(article, view.orgs[0]), article.lexicon.support):
        return []
    name, fig = view.orgs[0], article.money[figures[0]]
    rest = (
        view.text[view.start : name.start]
        + view.text[name.end : fig["start"]]
        + view.text[fig["end"] : view.end]
    )
    if len(_SEPARATORS.sub("", rest)) > ROW_WORDS:
        return []  # a sentence, not a row: 「北斗データセンターは…900円前後で貸し出す」
    grantor = next(p for p in statement.parties if p.role == ROLES[0])
    recipient = Party(view.orgs[0].span, ROLES[1])
    deal = view.deal(KIND, figures[0], [grantor, recipient], NAME)
    deal.parent = statement
    if statement.gathers:  # the statement's recipients are its rows'
        statement.parties.append(Party(deal.parties[1].entity, ROLES[1]))
        statement.awaiting = False
    return [deal]


def _listed(view: SentenceView) -> list[tuple[Org, int]]:
    """A Japanese list of recipients as subjects with a figure each, after a support word and no
    government (「補助上限はハイレゾが60億円、GMOが31億円」): each company with the first figure after it,
    before the next company; empty unless two companies or more have one. (Recipients marked with に,
    「助成先はXに100億円、YとZの共同申請に50億円」, are the two_party family's list items.)"""
    article = view.article
    if not view.japanese or len(view.orgs) < 2:
        return []
    support = article.lexicon.support.words.search(view.text, view.start, view.orgs[0].start)
    if support is None or any(article.kind_of(t) != KIND for t in view.triggers):
        return []  # (「…にはXが130億ドル、Yが300億ドルを出資」: investors, the each_subject family's)
    figures = _figures(view)
    bounds = [o.start for o in view.orgs[1:]] + [view.end]
    pairs = []
    for org, bound in zip(view.orgs, bounds):
        own = [i for i in figures if org.end <= article.money[i]["start"] < bound]
        if own and org.mark in article.lexicon.grammar.ja_subject:
            pairs.append((org, own[0]))
    return pairs if len(pairs) >= 2 else []


def _supported(view: SentenceView, money: int) -> bool:
    fig, words = view.article.money[money], view.article.lexicon.support.words
    return bool(
        words.search(view.text, max(view.start, fig["start"] - SUPPORT_REACH), fig["start"])
        or words.search(view.text, fig["end"], min(view.end, fig["end"] + SUPPORT_REACH))
    )


def _deal(view: SentenceView, grantor: Org, recipients: list[Org], money: int, status: str | None) -> Deal:
    parties = [Party(grantor.span, ROLES[0])] + [Party(r.span, ROLES[1]) for r in recipients]
    return view.deal(KIND, money, parties, NAME, status=status)


def _recipients_before(view: SentenceView) -> list[Org]:
    """The recipients of the support stated last in the article, else the article's main company."""
    article = view.article
    for deal in reversed(view.deals_before):
        if deal.family == NAME:
            return [Org(*p.entity, "carried", "counter") for p in deal.parties if p.role == ROLES[1]]
    if view.carried is not None and not is_government(
        _mention(article, view.carried), article.lexicon.support
    ):
        return [Org(*view.carried, "carried", "counter")]
    # 「政府が…関連産業に10兆円以上の公的支援」 in an article on Rapidus: the company it is about
    companies = Counter(m["name"] for m in article.mentions if not is_government(m, article.lexicon.support))
    if not companies:
        return []
    name, _ = companies.most_common(1)[0]
    first = next(m for m in article.mentions if m["name"] == name)
    return [Org(first["start"], first["end"], "carried", "counter")]


def _figures(view: SentenceView) -> list[int]:
    return [
        i
        for i, f in enumerate(view.article.money)
        if view.start <= f["start"] < view.end
        and f.get("amount") is not None
        and f.get("converted_from") is None
        and f.get("per") is None
        and f.get("role") in ROLES_OF_FIGURES
        and not (f.get("low") is not None and f.get("bound") == "max")
    ]


def _mention(article: ArticleView, org: Org | tuple[int, int]) -> dict[str, Any]:
    span = org.span if isinstance(org, Org) else org
    return article.mention_at(span)
