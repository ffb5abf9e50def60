"""Family: multi-party ventures and projects.

A venture of several named members and one figure: "a joint venture between Hitachi,
Nvidia and KDDI", "a $30 billion consortium of BlackRock, Microsoft and MGX",
「ソフトバンクグループ、OpenAI、Oracleによる合弁会社」: one deal of them all. A project's members
are remembered from the sentences naming it (the parties of their deals, 「スターゲートの共同出資者で
あるソフトバンクグループ」, 「両社が打ち出した…計画「スターゲート」」), and a later sentence of the
project's own spending (「スターゲートは…最大5000億ドルを投じる計画」, "Stargate will invest $500
billion") is a capex deal of them all. Words: ``ventures`` in ``deal_triggers.yaml``.
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal, Org, Party, Span
from newskb.ingest.components.deals.view import SentenceView

NAME = "project_venture"
KIND, ROLE = "other", "partner"
# How far from a venture word its members' list may start or end
REACH = 12
# Japanese particles that join a list of members to the venture word after it: 「…の合弁」, 「…による合弁」
JA_JOINS = ("の", "による", "が設立した", "が出資する", "が共同出資する")


def find(view: SentenceView) -> list[Deal]:
    return _venture(view) or _project_spending(view)


def _venture(view: SentenceView) -> list[Deal]:
    words = view.article.lexicon.ventures
    for m in words.words.finditer(view.text, view.start, view.end):
        members = _members_after(view, m.end()) if not view.japanese else _members_before(view, m.start())
        subject = view.parties[0]
        if (
            len(members) == 1
            and subject is not None
            and view.article.name(subject) != view.article.name(members[0])
        ):
            members = [
                subject,
                *members,
            ]  # "X … a joint venture with its backer Y": with the subject
        if len(members) < 2:  # "BlackRock, Microsoft and MGX formed a consortium": the joint subjects
            members = [o for o in view.subjects if o.joint and o.end <= m.start()]
        if len(members) < 2:
            continue
        phrase = max(view.start, m.start() - 40)
        money = view.money_in(phrase, m.start(), near=m.start())
        return [view.deal(KIND, money, [Party(o.span, ROLE) for o in members], NAME, status=view.status())]
    return []


def _members_after(view: SentenceView, end: int) -> list[Org]:
    """ "… joint venture between Hitachi, Nvidia and KDDI": the coordinated names after the word."""
    grammar, text = view.article.lexicon.grammar, view.text
    opener = view.article.lexicon.ventures.members_before.match(text, end)
    if opener is None:
        return []
    members: list[Org] = []
    for org in sorted(view.orgs, key=lambda o: o.start):
        if not members:
            if opener.end() <= org.start <= opener.end() + REACH:
                members.append(org)
        elif grammar.en_coordination.match(text[members[-1].end : org.start]):
            members.append(org)
        elif org.start > members[-1].end:
            break
    return members


def _members_before(view: SentenceView, start: int) -> list[Org]:
    """「ソフトバンクグループ、OpenAI、Oracleによる合弁会社」: the coordinated names right before the word."""
    grammar, text = view.article.lexicon.grammar, view.text
    before = [o for o in view.orgs if o.end <= start]
    if not before or not text[before[-1].end : start].startswith(JA_JOINS) or start - before[-1].end > REACH:
        return []
    members = [before[-1]]
    for org in reversed(before[:-1]):
        if text[org.end : members[0].start].strip() not in grammar.ja_coordination:
            break
        members.insert(0, org)
    return members


def _project_spending(view: SentenceView) -> list[Deal]:
    """The project of remembered members as the sentence's subject, spending a figure."""
    article = view.article
    if not view.triggers or view.orgs or not view.thing_as_subject:
        return []
    project = next((p for p in _projects(view) if article.projects.get(article.name(p))), None)
    if project is None:
        return []
    # the first deal word with a figure before it: 「…5000億ドルを投じる計画で、当初の1000億ドルは…」
    spend = [
        article.as_trigger(m) for m in article.lexicon.capex_trigger.finditer(view.text, view.start, view.end)
    ]
    verbs = sorted([*view.triggers, *spend], key=lambda t: t.start)
    verb = next((t for t in verbs if view.money_in(view.start, t.start) is not None), verbs[0])
    if article.kind_of(verb) != "investment":
        return []
    money = (
        view.money_in(view.start, verb.end, near=verb.start)
        if view.japanese
        else view.money_in(near=verb.start)
    )
    if money is None:
        return []
    members = article.projects[article.name(project)]
    return [view.deal("capex", money, [Party(s, "investor") for s in members], NAME, status=view.status())]


def remember(view: SentenceView, found: list[Deal]) -> None:
    """The members a sentence naming a project states: the parties of its deals of several
    parties, the organizations named with a member word (「共同出資者である」, "a partner in"), and
    「両社」 (the two parties of the deal before)."""
    article, lexicon = view.article, view.article.lexicon
    projects = _projects(view)
    if not projects:
        return
    members: list[Span] = [p.entity for d in found if len(d.parties) >= 2 for p in d.parties]
    # "Oracle and OpenAI announced the Stargate project", 「OracleとOpenAIが打ち出した計画「スターゲート」」
    if any(o.joint for o in view.subjects):
        members += [article.refs.get(o.span, o.span) for o in view.subjects]
    if lexicon.ventures.member_words.search(view.text, view.start, view.end):
        members += [article.refs.get(o.span, o.span) for o in view.orgs]
    if lexicon.both_parties.search(view.text, view.start, view.end) and view.deals_before:
        members += [p.entity for p in view.deals_before[-1].parties]
    for project in projects:
        known = article.projects.setdefault(article.name(project), [])
        names = {article.name(s) for s in known}
        for span in members:
            if article.name(span) not in names:
                known.append(span)
                names.add(article.name(span))


def _projects(view: SentenceView) -> list[Span]:
    return [
        (m["start"], m["end"])
        for m in view.article.all_mentions
        if m["type"] == "PROJECT" and view.start <= m["start"] < view.end
    ]
