"""The grammatical place of each organization of a sentence: subject, counterparty, or neither.

Read from the characters right around a name, so a ``spacy.blank`` pipeline and GiNZA give the same
answers: Japanese particles (Xが/Xは subject, Yと/Yとは/Yに/Yを counterparty, XとYが and 「XとYの
提携/合弁」 both subjects, XやYとの coordinated counterparties, Xの工場に the owner of a site, no party),
English prepositions (with/in/by…), the passive ("was acquired by X"), owners of the deal noun
("Meta's $14bn contract with Y"), lead investors (led by X, Xが主導), makers of what is bought
("Google TPUs", 「Xが提供する…」). Where the characters leave an organization unplaced and a
dependency parse is present, its ``nsubj`` / ``obj`` / ``obl`` arcs decide.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from newskb.ingest.components.deals.lexicon import DealGrammar, DealLexicon
from newskb.ingest.components.deals.model import Org, Trigger

# Between "X's" and the trigger it owns: "Meta's $14.2 billion, seven-year contract".
_EN_OWNED = re.compile(r"['’]s?\s+(?:[\w$.,%-]+\s+){0,4}")


def ja_mark(grammar: DealGrammar, text: str, end: int) -> str:
    """The particle after a Japanese name ending at ``end`` ("" when none places it)."""
    mark = grammar.ja_mark.match(text, end)
    return mark["p"] if mark else ""


def _ja_places(
    grammar: DealGrammar, text: str, orgs: list[Org], region_start: int, triggers: list[Trigger]
) -> None:
    """Subject or counterparty of each organization, from the particle after it."""
    for i in range(len(orgs) - 1, -1, -1):
        org = orgs[i]
        if (
            org.mark == "の"
            and i > 0
            and orgs[i - 1].mark == "と"
            and orgs[i - 1].end + 1 == org.start
            and any(0 <= t.start - org.end <= 2 for t in triggers)
        ):
            # 「ソフトバンクグループとOpenAIの合弁会社」, 「XとYの提携」: the two make the deal together
            org.place, orgs[i - 1].place = "subject", "subject"
            org.joint = orgs[i - 1].joint = True
            org.mark = "が"
            continue
        org, nxt = orgs[i], orgs[i + 1] if i + 1 < len(orgs) else None
        # a short description may stand before the next name: 「SBG、UAEの投資会社MGXが」
        adjacent = (
            nxt is not None
            and nxt.start - org.end <= 45
            and grammar.ja_adjacent.fullmatch(text, org.end, nxt.start) is not None
        )
        if org.mark in grammar.ja_subject:
            org.place = "subject"
        elif org.mark == "と" and adjacent and nxt and nxt.place == "subject":
            org.place, org.joint = "subject", True  # XとYが: both make the deal
        elif (
            org.mark == "、" and i == 0 and _opens(text, region_start, org) and nxt and nxt.place == "counter"
        ):
            org.place = "subject"  # the headline form 「ソフトバンクグループ、OpenAIへの3.5兆円追加出資」
        elif org.mark in grammar.ja_coordination and adjacent and nxt and nxt.place:
            org.place, org.joint = nxt.place, nxt.place == "subject"
            org.mark = nxt.mark
        elif org.mark in grammar.ja_counter or org.mark in grammar.ja_lead or org.mark in grammar.ja_maker:
            org.place = "counter"
        elif org.mark in grammar.ja_by and grammar.ja_lender.match(text, org.end):
            org.place = "counter"  # 「みずほ銀行による協調融資」: the lender
        elif org.mark == "、" and i > 0 and orgs[i - 1].mark == "と" and orgs[i - 1].end >= org.start - 45:
            org.place = "subject"  # the headline form 「XとY、380億ドルの提携」
            orgs[i - 1].joint = True
        elif org.mark == "、" and i == 0 and _opens(text, region_start, org):
            org.place = "subject"  # the headline form 「米オラクル、OpenAIと3000億ドルの契約」
    for i, org in enumerate(orgs[:-1]):
        if org.mark == "と" and orgs[i + 1].place == "subject" and org.place != "subject":
            org.place, org.joint = "subject", True


def _opens(text: str, region_start: int, org: Org) -> bool:
    """Whether the name opens a headline (「X、…」): the first thing in a sentence without 。."""
    end = text.find("\n", org.end)
    line = text[org.end : end if end >= 0 else len(text)]
    return not text[region_start : org.start].strip(" 　「『【") and "。" not in line


# A person's name and 's right before an organization's name ("Mira Murati's Thinking Machines Lab")
_PERSON_OWNER = re.compile(r"(?P<name>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)['’]s\s+$")


def _en_places(
    lexicon: DealLexicon, text: str, orgs: list[Org], region_start: int, triggers: list[Trigger]
) -> None:
    grammar = lexicon.grammar
    first_trigger = triggers[0].start if triggers else len(text)
    subject_found = False

    def deal_word(word: str) -> bool:
        return bool(lexicon.trigger.fullmatch(word))

    for i, org in enumerate(orgs):
        before = text[region_start : org.start]
        # "by GPU giant Nvidia", "buy server maker ZT Systems": the preposition or deal word is the name's
        before = before[: lexicon.descriptors.opening(before, deal_word)]
        # "invested $300 million in Mira Murati's Thinking Machines Lab": a person's possessive, no company's
        person = _PERSON_OWNER.search(before)
        if person and not any(o.end == region_start + person.end("name") for o in orgs):
            before = before[: person.start()]
        named_at = region_start + len(before)
        if re.match(r"-[A-Za-z]", text[org.end : org.end + 2]):
            continue  # "Microsoft-backed", "Texas-based": a modifier of the name after it
        owner = re.match(r"['’]s?\b", text[org.end : org.end + 2])
        if owner:
            # "Meta's $14.2 billion contract with CoreWeave": the owner of the deal makes it;
            # "Amazon's cloud unit AWS", "in Amazon's basket": the thing owned is no deal
            owns_deal = any(
                _EN_OWNED.fullmatch(text, org.end, t.start)
                and not any(org.end < o.start < t.start for o in orgs)
                for t in triggers
            )
            if owns_deal and not subject_found:
                org.place, org.mark, subject_found = "subject", "owner", True
            elif (
                owns_deal
                and i > 0
                and orgs[i - 1].place == "subject"
                and grammar.en_coordination.match(text[orgs[i - 1].end : org.start])
            ):
                org.place, org.mark = "subject", "owner"  # "Microsoft and Nvidia's commitment to invest"
                org.joint = orgs[i - 1].joint = True
            elif (
                subject_found
                and any(t.end <= org.start for t in triggers)
                and grammar.en_counter_before.search(before)
            ):
                # "invested $1 billion in Mistral AI's Series C round"
                org.place, org.mark = "counter", "with"
            continue
        after_trigger = any(t.end <= org.start for t in triggers)
        object_of_trigger = any(grammar.en_object.fullmatch(text, t.end, named_at) for t in triggers)
        # "expands its OpenAI contract": a name modifying the trigger noun
        modifies_trigger = any(re.fullmatch(r"\s+(?:[\w-]+\s+)?", text[org.end : t.start]) for t in triggers)
        coordinated = (
            i > 0 and orgs[i - 1].place and grammar.en_coordination.match(text[orgs[i - 1].end : org.start])
        )
        if coordinated:
            org.place, org.mark = orgs[i - 1].place, orgs[i - 1].mark
            org.joint = orgs[i - 1].joint = org.place == "subject"
        elif after_trigger and grammar.en_product_after.match(text, org.end):
            org.mark = "vendor"  # "committed to buy AMD chips": the maker of what is bought, no target
        elif grammar.en_lead_before.search(before):
            org.place, org.mark = "counter", "led"  # "a round led by X": X invests, no passive
        elif grammar.en_counter_before.search(before) or object_of_trigger:
            org.place = "counter"
            org.mark = "by" if grammar.en_by_before.search(before) else "with"
        elif subject_found and (served := grammar.en_served_before.search(before)):
            # "will host GPU clusters for Mistral AI" (the subject serves it), "run its Claude models on
            # Oracle" (it is served)
            org.place = "counter"
            org.mark = "served" if served.group(0).rstrip().lower().endswith(("for", "for the")) else "with"
        elif (
            not subject_found
            and org.start < first_trigger
            and not grammar.en_not_subject_before.search(before)
        ):
            org.place, subject_found = "subject", True
        elif modifies_trigger:
            org.place, org.mark = "counter", "with"
        elif after_trigger and re.match(r"\s+[A-Z0-9][\w-]*", text[org.end : org.end + 20]):
            org.mark = "vendor"  # "to use 1 million Google TPUs": the maker of what is bought


def dep_places(doc: Doc, orgs: list[Org], triggers: list[Trigger]) -> None:
    """Where the characters leave an organization unplaced, ask the dependency parse (GiNZA):
    a nominal subject is a subject; an object or oblique of a trigger word is a counterparty."""
    trigger_chars = {i for t in triggers for i in range(t.start, t.end)}
    for org in orgs:
        if org.place or org.mark:
            continue  # the characters said where it stands (or that it is no party: によると, として)
        span = doc.char_span(org.start, org.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.dep_ in ("nsubj", "nsubj:pass", "csubj"):
            org.place = "subject"
        elif head.dep_ in ("obj", "iobj", "obl") and head.head.idx in trigger_chars:
            org.place, org.mark = "counter", "obj"


def reports(grammar: DealGrammar, text: str, mention: dict[str, Any], end: int, japanese: bool) -> bool:
    """Whether the organization is the outlet reporting its sentence: the subject of 報じた / 報道した
    (「米紙WSJは、…と報じた」, 「…とブルームバーグが報じた」), or named with "reported"."""
    if japanese:  # the topic (は) of a sentence ending with 「と報じた」, or right before 「が報じた」
        if grammar.ja_reported_right_after.match(text, mention["end"]):
            return True
        topic = ja_mark(grammar, text, mention["end"]) in grammar.ja_topic
        return topic and bool(grammar.ja_reports.search(text, mention["end"], end))
    return bool(
        grammar.en_reports.match(text, mention["end"], end)
        or grammar.en_reported_by.search(text, 0, mention["start"])
    )


def place_orgs(
    lexicon: DealLexicon,
    text: str,
    mentions: list[dict[str, Any]],
    start: int,
    end: int,
    japanese: bool,
    triggers: list[Trigger],
    doc: Doc | None = None,
    not_party: bool = False,
) -> list[Org]:
    """The organizations of [start, end), each with its place; with ``not_party``, those the
    lexicon's ``not_party_after`` words make no party are left out, and so are the outlets that
    report the sentence's deal (「…契約を結んだとブルームバーグが報じた」, "…, the Journal reported")."""
    grammar = lexicon.grammar
    orgs = []
    for m in mentions:
        if start <= m["start"] and m["end"] <= end:
            if not_party and (
                lexicon.not_party.match(text, m["end"]) or reports(grammar, text, m, end, japanese)
            ):
                continue
            orgs.append(Org(m["start"], m["end"], ja_mark(grammar, text, m["end"]) if japanese else ""))
    if japanese:
        _ja_places(grammar, text, orgs, start, triggers)
    else:
        _en_places(lexicon, text, orgs, start, triggers)
    if doc is not None and doc.has_annotation("DEP"):
        dep_places(doc, orgs, triggers)
    return orgs
