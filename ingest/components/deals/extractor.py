"""The deal component: reads an article sentence by sentence and asks the rule families.

Per sentence (``sentences``): its deal words and placed organizations make a ``SentenceView``; the
families of ``SENTENCE_FAMILIES`` are asked in order and the first that finds deals states them.
A sentence without deal words may name the investors of a round just stated (``funding_round``);
any sentence may state a capital-spending plan (``capex_plan``) or complete the deal just before
(``follow_up``). A sentence with no subject of its own takes the subject of an earlier sentence in
its paragraph, else the article's main actor. The deals of the article are then merged
(``merge``) and given keys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from spacy.tokens import Doc

from newskb.ingest.components.deals.both_parties import find as further_deal_of_both
from newskb.ingest.components.deals.called_off import given_up
from newskb.ingest.components.deals.capex_plan import clause as capex_clause
from newskb.ingest.components.deals.capex_plan import find as capex_plan
from newskb.ingest.components.deals.capex_plan import statement as capex_statement
from newskb.ingest.components.deals.counted_supply import find as counted_supply
from newskb.ingest.components.deals.each_subject import find as each_subject
from newskb.ingest.components.deals.follow_up import complete as complete_deal
from newskb.ingest.components.deals.funding_round import Round
from newskb.ingest.components.deals.funding_round import find as round_investors
from newskb.ingest.components.deals.funding_round import opened as round_opened
from newskb.ingest.components.deals.government_support import NAME as GOVERNMENT_SUPPORT
from newskb.ingest.components.deals.government_support import find as government_support
from newskb.ingest.components.deals.government_support import is_government
from newskb.ingest.components.deals.government_support import rows as support_rows
from newskb.ingest.components.deals.lexicon import DealLexicon
from newskb.ingest.components.deals.local_agreement import find as local_agreement
from newskb.ingest.components.deals.merge import Figure, merge
from newskb.ingest.components.deals.model import Deal, Span
from newskb.ingest.components.deals.places import place_orgs
from newskb.ingest.components.deals.project_venture import find as project_venture
from newskb.ingest.components.deals.project_venture import remember as remember_projects
from newskb.ingest.components.deals.sentences import Sentence, is_japanese, sentences, split_clauses
from newskb.ingest.components.deals.single_party import find as single_party
from newskb.ingest.components.deals.totals import breakdown_of, expand, follow, link, shares, tranche
from newskb.ingest.components.deals.totals import rows as breakdown_rows
from newskb.ingest.components.deals.two_party import find as two_party
from newskb.ingest.components.deals.underwritten_bonds import find as underwritten_bonds
from newskb.ingest.components.deals.view import ArticleView, SentenceView

Family = Callable[[SentenceView], list[Deal]]
# Families reading a sentence with deal words, most specific first: the first that finds deals wins.
SENTENCE_FAMILIES: tuple[Family, ...] = (
    each_subject,
    two_party,
    single_party,
    further_deal_of_both,
)


class DealExtractor:
    """Finds deals; see the package docstring."""

    def __init__(self, lexicon: DealLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.deals = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict[str, Any]]:
        article = ArticleView(doc, self.lexicon)
        figure = partial(_figure, article)
        deals = merge(self.deals(article), figure)
        for n, deal in enumerate(deals):
            deal.key = f"{deal.span[0]}:{n}"
        link(deals, figure)
        return [deal.as_dict(article.money) for deal in deals]

    def deals(self, article: ArticleView) -> list[Deal]:
        """Every statement of a deal in the article, in text order, not merged."""
        text = article.text
        # sentences of the text as written: folding turns an ideographic space into a plain one
        written = sentences(article.written)
        main_actor = self._lead_subject(article, written[:3]) or _main_actor(article)
        deals: list[Deal] = []
        carried: Span | None = None
        round_: Round | None = None  # a round stated without its investors
        support: tuple[int, Deal] | None = None  # the last government support stated, where
        broken: tuple[int, Deal] | None = None  # the last deal a heading announced the breakdown of, where
        paragraph = -1
        last = (-1, -1)  # (sentence index, paragraph) of the last deal found
        clauses = split_clauses(
            text, written, article.mentions, article.deal_word, self.lexicon.grammar.en_pronoun_clause
        )
        for index, (start, end, para) in enumerate(clauses):
            if para != paragraph:
                carried, paragraph = None, para
            japanese = is_japanese(text, start, end)
            triggers = article.triggers(start, end, japanese)
            orgs = place_orgs(
                self.lexicon,
                text,
                article.mentions,
                start,
                end,
                japanese,
                triggers,
                article.doc,
                not_party=True,
            )
            view = SentenceView(
                article,
                index,
                start,
                end,
                para,
                japanese,
                triggers,
                orgs,
                carried or main_actor,
                previous=clauses[index - 1] if index else None,
                following=clauses[index + 1] if index + 1 < len(clauses) else None,
                deals_before=deals,
            )
            found = round_investors(view, round_)
            if found:  # the round is still the story: the next sentences may name more investors
                round_ = Round(index, round_.raiser, round_.money)
            if not found:  # families with words of their own (支援, 立地協定): deal words or not
                found = (
                    government_support(view)
                    or local_agreement(view)
                    or project_venture(view)
                    or underwritten_bonds(view)
                )
            if not found and support is not None and index - support[0] <= self.lexicon.support.list_reach:
                found = support_rows(view, support[1])  # 「・KDDI：約102億円」 after the statement
            if not found and broken is not None and index - broken[0] <= self.lexicon.support.list_reach:
                found = breakdown_rows(
                    view, broken[1]
                )  # 「| 第1フェーズ | 約40万個 | 100億ドル |…」 after 「…の内訳」
            if not found and deals and last[0] == index - 1:
                found = shares(view, deals[-1])  # "X is contributing $600 million and Y the remaining…"
            if not found and triggers:
                found = next((f for f in (family(view) for family in SENTENCE_FAMILIES) if f), [])
                if not found:
                    round_ = round_opened(view) or round_
            if not found:  # 「GB300を約1万個供給する」, "will buy 20,000 Nvidia GPUs": no amount, a count
                found = counted_supply(view)
            if not found:
                # 「ファーストクロージングとして…75億ドルの出資を完了」, "A second tranche of $1 billion…"
                found = tranche(view)
            support = next(
                ((index, d) for d in found if d.family == GOVERNMENT_SUPPORT and d.parent is None),
                support,
            )
            if view.refers_back:  # 「この契約は…初めての提携」: no new deal without a figure
                found = [d for d in found if d.money is not None]
            if not found:
                found = capex_plan(view) or capex_clause(view)
            completed = False  # the sentence gave its amount to the deal just stated
            if found:  # with its totals and tranches: "…, then a $1.5 billion add-on"
                found = expand(view, found)
            elif deals and (last[1] == para or last[0] == index - 1):
                # 「契約期間は7年間」, 「合計投資規模は48.5億円」, 「内訳は…」: of the deal just stated (in
                # its paragraph, or the sentence before)
                stated = deals[-1].money is not None
                complete_deal(view, deals[-1])
                completed = not stated and deals[-1].money is not None
                found = follow(view, deals[-1]) if stated else []
            if not found and not completed:
                # 「…7月に着工し、…。投資額は約100億円。」: the article's company invests
                found = capex_statement(view, _main_company(article))
            if found and given_up(view):  # "talks … collapsed", 「交渉を打ち切った」: no deal
                found = []
            whole = breakdown_of(view)
            broken = (index, whole) if whole is not None else broken
            remember_projects(view, found)
            deals.extend(found)
            if found:
                last = (index, para)
            # 「OpenAIの調達先も広がっている」: a sentence opening with Xの is about X
            topic = (
                orgs[0] if orgs and orgs[0].mark == "の" and not text[start : orgs[0].start].strip() else None
            )
            subjects = view.subjects
            if subjects or topic:
                carried = (subjects[0] if subjects else topic).span
        deals = [d for d in deals if not d.awaiting]  # a statement whose rows never came
        for deal in deals:
            deal.names = frozenset(article.name(p.entity) for p in deal.parties)
        return deals

    def _lead_subject(self, article: ArticleView, first: list[Sentence]) -> Span | None:
        """The subject of the article's first sentences (the headline's or the lead's): whom the
        article is about, the implied subject of 同社 / "the company" sentences."""
        for start, end, _ in first:
            japanese = is_japanese(article.text, start, end)
            orgs = place_orgs(
                self.lexicon,
                article.text,
                article.mentions,
                start,
                end,
                japanese,
                article.triggers(start, end, japanese),
                not_party=True,
            )
            subject = next((o for o in orgs if o.place == "subject"), None)
            if subject is not None:
                return subject.span
        return None


def _figure(article: ArticleView, deal: Deal) -> Figure:
    fig = article.money[deal.money] if deal.money is not None else {}
    approx = bool(fig.get("approx")) or fig.get("bound") == "min"
    return Figure(fig.get("amount"), fig.get("currency"), fig.get("usd"), approx)


def _main_company(article: ArticleView) -> Span | None:
    """The company an article names most (no government body): whose investment an amount stated
    without a company is."""
    counts = Counter(m["name"] for m in article.mentions if not is_government(m, article.lexicon.support))
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    first = next(m for m in article.mentions if m["name"] == name)
    return (first["start"], first["end"])


def _main_actor(article: ArticleView) -> Span | None:
    """The organization an article names most, its products counting for it (an article on
    MI450 and MI500 is AMD's): the implied subject of its list sentences."""
    mentions = article.mentions
    counts = Counter(m.get("name") for m in mentions)
    if not counts:
        return None
    counts.update(spec["vendor"] for spec in article.doc._.gpu_specs or [] if spec.get("vendor") in counts)
    name, _ = counts.most_common(1)[0]
    first = next(m for m in mentions if m.get("name") == name)
    return (first["start"], first["end"])
