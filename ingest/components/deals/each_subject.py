"""Family: subjects with an amount each.

「OpenAIには、Microsoftが130億ドル、SBGが300億ドルを出資した」, 「AmazonとGoogleがそれぞれ80億ドルと
30億ドルを出資」, "Amazon and Google invested $8 billion and $3 billion, respectively, in Anthropic":
one deal per subject with its own amount, all with the one counterparty (the sentence's, else the
carried actor: "… in the startup").
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.parties import carried_org
from newskb.ingest.components.deals.view import SentenceView

NAME = "each_subject"


def find(view: SentenceView) -> list[Deal]:
    if not view.triggers:
        return []
    return _japanese(view) if view.japanese else _english(view)


def _japanese(view: SentenceView) -> list[Deal]:
    article, text, (start, end) = view.article, view.text, view.span
    # the verb closes the list: the last deal word, 投じる included (「出資の面でも、Xが…を投じている」)
    capex_words = [article.as_trigger(m) for m in article.lexicon.capex_trigger.finditer(text, start, end)]
    trigger = max([*view.triggers, *capex_words], key=lambda t: t.start)
    subjects = sorted(
        (o for o in view.orgs if o.place == "subject" and o.end <= trigger.start), key=lambda o: o.start
    )
    if len(subjects) < 2 or len({article.name(s) for s in subjects}) < len(subjects):
        return []
    figures = [
        i
        for i, f in enumerate(article.money)
        if f.get("amount") is not None
        and subjects[0].start < f["start"]
        and f["end"] <= trigger.start
        and f.get("converted_from") is None
    ]
    if article.lexicon.grammar.respectively.search(text, start, end) and len(figures) == len(subjects):
        pairs = list(zip(subjects, figures))  # 「XとYがそれぞれN、M」: in order
    else:
        bounds = [s.start for s in subjects[1:]] + [trigger.start]
        pairs = []
        for subject, bound in zip(subjects, bounds):
            own = [i for i in figures if subject.end <= article.money[i]["start"] < bound]
            if len(own) != 1:
                return []
            pairs.append((subject, own[0]))
    names = {article.name(s) for s in subjects}
    counters = [o for o in view.orgs if o.place == "counter" and article.name(o) not in names]
    if len(counters) == 1:
        counter = counters[0]
    elif not counters and view.carried is not None:
        # the actor carried from before, unless the items say where the money goes
        # (「Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する」: no counterparty at all)
        counter = carried_org(view.carried, "counter")
        items = text[subjects[0].end : trigger.start]
        if article.name(counter) in names or article.lexicon.grammar.ja_money_goes_to.search(items):
            return []
    else:
        return []
    kind, roles = article.kind(trigger, start, end)
    return _deals(view, kind, roles, pairs, counter)


def _english(view: SentenceView) -> list[Deal]:
    article, (start, end) = view.article, view.span
    if not article.lexicon.grammar.respectively.search(view.text, start, end):
        return []
    subjects = view.subjects
    # the figures in order, a range by its lower bound (its upper bound's row has low set too)
    figures = [
        i
        for i, f in enumerate(article.money)
        if start <= f["start"] < end
        and f.get("amount") is not None
        and f.get("converted_from") is None
        and not (f.get("low") is not None and f.get("bound") == "max")
    ]
    counters = view.counters
    if (
        len(subjects) < 2
        or len(figures) != len(subjects)
        or len({article.name(o) for o in subjects}) < len(subjects)
    ):
        return []
    if len(counters) == 1:
        counter = counters[0]
    elif not counters and view.carried is not None:
        counter = carried_org(view.carried, "counter")
    else:
        return []
    if article.name(counter) in {article.name(o) for o in subjects}:
        return []
    kind = article.kind_of(view.triggers[0])
    roles = article.lexicon.roles.get(kind, ("investor", "investee"))
    return _deals(view, kind, roles, list(zip(subjects, figures)), counter)


def _deals(
    view: SentenceView, kind: str, roles: tuple[str, str], pairs: list[tuple[Org, int]], counter: Org
) -> list[Deal]:
    status = view.status()
    return [
        view.deal(kind, money, [Party(s.span, roles[0]), Party(counter.span, roles[1])], NAME, status=status)
        for s, money in pairs
    ]
