"""Family: a company's plan for its capital spending.

「2025年度に約800億ドルの設備投資を計画」, "plans to spend about $80bn on capital expenditure"
(``own_capex.plan_words``, ``spend_words``): a capex deal of the company the figure belongs to
(the money extractor's ``capex`` role and owner), alone. A forecast or a figure reported is not.
"""

from __future__ import annotations

import re

from newskb.ingest.components.deals.model import Deal, Party, Span
from newskb.ingest.components.deals.view import SentenceView

NAME = "capex_plan"
# Where a clause of its own opens: 「…を建設し、総事業費は…」, "…, and the project will cost…"
_CLAUSE_MARK = re.compile(r"、|,\s+(?:and\s+|while\s+)?")


def find(view: SentenceView) -> list[Deal]:
    article, lexicon, text, (start, end) = view.article, view.article.lexicon, view.text, view.span
    if not (lexicon.capex_plan.search(text, start, end) or lexicon.capex_spend.search(text, start, end)):
        return []
    orgs = set(article.org_spans)
    for i, fig in enumerate(article.money):
        if (
            start <= fig["start"] < end
            and fig.get("role") == "capex"
            and fig.get("amount") is not None
            and fig.get("converted_from") is None
            and fig.get("per") is None
            and fig.get("entity")
            and tuple(fig["entity"]) in orgs
        ):
            return [
                view.deal("capex", i, [Party(tuple(fig["entity"]), "investor")], NAME, status=view.status())
            ]
    return []


def statement(view: SentenceView, company: Span | None) -> list[Deal]:
    """A sentence opening with an investment amount (``own_capex.amount_openers``: 「投資額は約100億円」,
    "The investment is expected to total $2 billion"), naming no organization, away from any deal it
    could complete: a capex deal of the company the article is about, or, after a sentence where
    several companies build together, a deal of them all."""
    lexicon = view.article.lexicon
    if company is None or view.orgs or not lexicon.capex_amount_opener.match(view.text, view.start):
        return []
    money = view.money_in()
    if money is None:
        return []
    partners = _joint_builders(view)
    if partners:  # 「X、Y、Zの3社は…共同で建設する。総事業費は約3000億円」: the joint project's
        parties = [Party(p, "partner") for p in partners]
        return [view.deal("partnership", money, parties, NAME, status=view.status())]
    return [view.deal("capex", money, [Party(company, "investor")], NAME, status=view.status())]


def clause(view: SentenceView) -> list[Deal]:
    """A sentence where its company builds something (``own_capex.objects``) and a later clause
    opens with an investment amount (「同社は大阪市で施設を建設し、総事業費は約900億円を見込む」, "Nscale
    will build a campus in Norway, and the project will cost $1.2 billion"): a capex deal of that
    company alone, when the sentence names no other organization."""
    article, lexicon, text = view.article, view.article.lexicon, view.text
    subject = view.subjects[0].span if view.subjects else view.carried
    if subject is None or any(article.name(o) != article.name(subject) for o in view.orgs):
        return []
    for mark in _CLAUSE_MARK.finditer(text, view.start, view.end):
        opener = lexicon.capex_amount_opener.match(text, mark.end())
        if opener is None or not lexicon.capex_object.search(text, view.start, mark.start()):
            continue
        money = view.money_in(opener.end(), view.end)
        if money is not None:
            return [view.deal("capex", money, [Party(subject, "investor")], NAME, status=view.status())]
    return []


def _joint_builders(view: SentenceView) -> list[Span]:
    """The companies the sentence before (in the paragraph) says build together, two or more."""
    article, previous = view.article, view.previous
    if previous is None or previous[2] != view.paragraph:
        return []
    if not article.lexicon.capex_joint.search(view.text, previous[0], previous[1]):
        return []
    spans: dict[str, Span] = {}
    for m in article.mentions:
        if m["type"] == "ORG" and previous[0] <= m["start"] < previous[1]:
            spans.setdefault(str(m["name"]), (m["start"], m["end"]))
    return list(spans.values()) if len(spans) >= 2 else []
