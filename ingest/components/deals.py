"""Deals: ``newskb_deals`` sets ``doc._.deals`` from everyone else's facts.

It runs last and reads ``doc._.mentions`` (the parties), ``doc._.money`` (the amount),
``doc._.dates`` and ``doc._.durations`` (the term). Per sentence:

1. find the trigger words of ``lexicons/deal_triggers.yaml`` (契約, 出資, 買収, signs, invests…);
   a trigger pointing back at a deal already stated (この契約, this deal) is skipped;
2. the organizations around each trigger get a grammatical place from the characters right
   around them — Japanese particles (Xが/Xは subject, Yと/Yとは/Yに/Yを counterparty, XとYが
   and 「XとYの提携/合弁」 both subjects, XやYとの coordinated counterparties, Xの工場に: the owner
   of a site, no party), English prepositions (with/in/by…),
   the passive ("was acquired by X"), owners of the deal noun ("Meta's $14bn contract with Y"),
   lead investors (led by X, Xが主導), makers of what is bought ("Google TPUs", 「Xが提供する…」,
   「Xのクラウドサービスに支払う」, the last two only with an amount);
3. a sentence with no subject of its own takes the subject of an earlier sentence in its
   paragraph, else the article's main actor (list sentences: 「Oracleとは…、Microsoftとは…」);
4. every counterparty gives one deal, with the figures, dates and durations of its own
   segment of the sentence (list items) or of the whole sentence; coordinated subjects
   (「SBG、OpenAI、MGXが出資」) give one deal of them all, subjects with an amount each
   (「Microsoftが130億ドル、SBGが300億ドルを出資」) one deal each, investors or lenders sharing one
   figure one deal; investors named just after a one-party funding round ("Investors in the
   round include…") join it; 「両社は…契約を結んだ」 is a further deal of the two parties before;
5. one party investing in its own facilities or in a place, no other company in the sentence
   (「日本のAI基盤に29億ドルを投じる」), is a capex deal of that party alone, and so is a company's
   plan for its capital spending (「約800億ドルの設備投資を計画」); a forecast of it or a figure
   reported is not, nor is money raised.

A sentence of two clauses, each with its subject and deal word (「Aは…投じると表明し、Bは…投資する
計画」, "A signed a deal with B, and C agreed to pay D…"), is read as two sentences.

The rules read characters, so a ``spacy.blank`` pipeline and GiNZA give the same answers; where
they leave an organization unplaced (no particle or preposition) and a dependency parse is present,
its ``nsubj`` / ``obj`` / ``obl`` arcs decide. A deal needs two parties, or one party with an
amount for the kinds and words ``single_party_kinds`` and ``single_party_words`` list, and an
amount or words saying it was made (締結した, signed, 「Yとの提携」). Statements of one deal in one article (the title and the lead) are
merged, when their kinds may name one deal (``ingest.deal_kinds.LOOSE_KINDS``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest import lexicons
from newskb.ingest.components import actors, en_clause_subjects, text_of
from newskb.ingest.deal_kinds import LOOSE_KINDS
from newskb.ingest.numbers import fold
from newskb.ingest.patterns import alternation

for _name in ("deals", "mentions", "money", "dates", "durations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Money roles an amount may have to be a deal's amount (not revenue, losses, valuations…).
DEAL_MONEY_ROLES = {"contract", "investment", "acquisition", "subsidy", "commitment", "other", "price"}
# Kinds in order of specificity, for merging two statements of one deal.
KIND_ORDER = ("acquisition", "investment", "capex", "subsidy", "loan", "supply", "compute contract", "contract",
              "partnership", "other")

# (an ideographic space parts a Japanese headline's statements: 「マイクロソフト、UAEに152億ドル投資　G42と連携」)
_SENTENCE_END = re.compile(r"(?<=[。!?])|\n|(?<=[^\s　])　+(?=[^\s　])|(?<=[A-Za-z0-9%)\"”]{2}[.])\s+(?=[A-Z\"“])")
_PAREN = r"(?:\s?\([^()]{0,40}\))?"
# What follows a Japanese organization's name: its particle, through an alias in parentheses.
_JA_MARK = re.compile(rf"{_PAREN}\)?(?:自身|側|社)?(?:(?:など|等)(?:[0-9０-９一二三四五六七八九十数]+(?:行|社|機関))?)?(?P<p>が主導|が率いる|主導の|が提供する|が提供している|が開発した|が開発する|が手がける|が製造する|にとって|について|によると|によれば|による|として|とは|とも|との|と|が|は|も|には|に|へ|を|から|"
                      r"や|及び|および|、|の)")
_JA_SUBJECT = {"が", "は", "も"}
_JA_LENDER = re.compile(rf"{_PAREN}\)?による(?:協調|つなぎ|シンジケート|ブリッジ)?(?:融資|ローン)")
_EN_SUPPLY = re.compile(r"(?i)\b(?:supply|supplies|supplying|provide|provides|providing|sell|sells|selling|"
                        r"rent|rents|renting|lease|leases|leasing|deliver|delivers|delivering)\b")
# ", and in September it agreed": a clause whose subject is a pronoun for the sentence's subject.
_EN_PRONOUN_CLAUSE = re.compile(
    r"(?:,\s+(?:and|while|but)|;)\s+(?P<rest>(?:[\w-]+\s+){0,3}?(?P<pronoun>it|they|the company)\s+"
    r"(?:also\s+|has\s+|had\s+|will\s+|then\s+)?[a-z]+\b)")
_JA_TOPIC = re.compile(r"(?:\s?[(（][^()（）]{0,40}[)）])?(?:は|が)")
_RESPECTIVELY = re.compile(r"それぞれ|各々|respectively", re.IGNORECASE)
_JA_COUNTER = {"とは", "とも", "との", "と", "に", "には", "へ", "を", "から"}
_JA_PARTNER = {"とは", "とも", "との", "と"}
# 「ICONIQが主導した資金調達」: the lead investor of a round the subject raises
_JA_LEAD = {"が主導", "が率いる", "主導の"}
# 「Google Cloudが提供するTPUを利用する契約」: the maker of what the subject buys
_JA_MAKER = {"が提供する", "が提供している", "が開発した", "が開発する", "が手がける", "が製造する"}
# "buy capacity from the company", 「同社から調達」: the article's company, already named
_SAME_COMPANY = re.compile(r"(?i)\b(?:from|with|to|into)\s+the\s+company\b|同社(?:と|に|から|へ)")
_JA_COORD = {"や", "及び", "および", "、", "と"}
_EN_COUNTER = re.compile(r"(?i)\b(?:with|in|into|from|by|between|(?<!according )(?<!compared )(?<!next )to)\s+(?:the\s+)?$")
_EN_NOT_SUBJECT = re.compile(r"(?i)\b(?:with|from|to|by|for|of|at|in|into|on|between|than|like|"
                             r"including|versus|vs\.?|and|or)\s+(?:the\s+)?$")
_EN_COORD = re.compile(r"(?i)^(?:\s*\([^()]{0,40}\))?\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?$")
# Between a trigger and its object: "acquires Groq", "acquisition of Groq", "agreed to pay Oracle",
# "took a 10% stake in Groq".
# ("to fund OpenAI data centers" states a purpose: OpenAI is no party)
_EN_OBJECT = re.compile(r"\s+(?:of\s+|for\s+|to\s+(?!(?:fund|finance|build|expand|develop|support|power|serve)\b)[a-z]+\s+)?(?:(?:a|an|the)\s+)?(?:(?:[\w%.-]+\s+)?stake\s+in\s+(?:the\s+)?)?")
# Between "X's" and the trigger it owns: "Meta's $14.2 billion, seven-year contract".
_EN_OWNED = re.compile(r"['’]s?\s+(?:[\w$.,%-]+\s+){0,4}")
# What is bought that is no company: a maker's products ("AMD chips"), and goods in general
_EN_PRODUCTS = r"chips?|GPUs?|processors?|accelerators?|servers?|hardware"
_EN_PRODUCT_AFTER = re.compile(rf"(?:['’]s)?\s+(?:{_EN_PRODUCTS}|graphics cards?)\b")
_EN_GOODS = re.compile(rf"(?i)\b(?:{_EN_PRODUCTS}|capacity|compute|power|electricity)\b")
_EN_PHRASE_OPENER = re.compile(r"(?i),\s+(?:and\s+|including\s+)?|\s+(?:and|including|plus)\s+|;\s*")
_EN_PASSIVE = re.compile(r"(?i)\b(?:was|were|is|are|been|be|being)\s+(?:\w+\s+)?$")
_JA_PASSIVE = re.compile(r"(?:を)?(?:され|受け)")
_JA_LENDS = re.compile(r"(?:を)?(?:する|した|し(?:て|た|、)|実行|行う|行った)")
_JAPANESE = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF]")
_KANJI_BEFORE = re.compile(r"[\u3400-\u9FFF]$")


def _alternation(words: list[str]) -> str:
    plain = [fold(w) for w in words if "…" not in w]
    gapped = [_gapped(w) for w in words if "…" in w]
    return "|".join(p for p in [alternation(plain, spaces=r"\s+", bound_latin=True, ignore_case=True), *gapped] if p)


def _gapped(word: str) -> str:
    """A lexicon entry with a gap: "put … into" matches "put $2 billion into" (up to five words)."""
    first, last = (re.escape(fold(part).strip()).replace(r"\ ", r"\s+") for part in word.split("…", 1))
    return rf"(?i:(?<![A-Za-z]){first}\s+(?:\S+\s+){{0,5}}?{last}(?![A-Za-z]))"


@dataclass
class DealLexicon:
    """``deal_triggers.yaml``, compiled once when the pipeline is built."""

    kind_of: dict[str, str]
    roles: dict[str, tuple[str, str]]
    status_of: dict[str, str]
    provider_subject: set[str]
    single_party_kinds: set[str]
    single_party_words: set[str]
    trigger: re.Pattern[str]
    compute: re.Pattern[str]
    status: re.Pattern[str]
    anaphora_ja: re.Pattern[str]
    anaphora_en: re.Pattern[str]
    realized: re.Pattern[str]
    term_opener: re.Pattern[str]
    amount_opener: re.Pattern[str]
    priority: list[str]
    per_units: set[str]
    not_party: re.Pattern[str]
    valued_before: re.Pattern[str]
    round_investors: re.Pattern[str]
    round_contributions: re.Pattern[str]
    both_parties: re.Pattern[str]
    gapped: list[tuple[re.Pattern[str], str]]
    capex_object: re.Pattern[str]
    capex_trigger: re.Pattern[str]
    capex_not: re.Pattern[str]
    capex_plan: re.Pattern[str]
    capex_spend: re.Pattern[str]
    not_deal_nouns: re.Pattern[str]
    jointly: re.Pattern[str]

    @classmethod
    def load(cls, path: str | Path = "deal_triggers.yaml") -> DealLexicon:
        data = lexicons.load_yaml(path)
        kind_of = {fold(w).casefold(): kind for kind, d in data["triggers"].items() for w in d["words"]}
        trigger_words = list(kind_of)
        capex_words = (data.get("own_capex") or {}).get("words") or []
        kind_of.update({fold(w).casefold(): "investment" for w in capex_words if fold(w).casefold() not in kind_of})
        roles = {kind: (d["roles"][0], d["roles"][1]) for kind, d in data["triggers"].items()}
        status_of = {fold(w).casefold(): s for s, ws in data["status"].items() for w in ws}
        ja = _alternation(data["anaphora"]["ja"])
        en = _alternation(data["anaphora"]["en"])
        return cls(
            kind_of=kind_of,
            roles=roles,
            status_of=status_of,
            provider_subject={fold(w).casefold() for w in data.get("provider_subject") or []},
            single_party_kinds=set(data.get("single_party_kinds") or []),
            single_party_words={fold(w).casefold() for w in data.get("single_party_words") or []},
            trigger=re.compile(_alternation(trigger_words)),
            capex_trigger=re.compile(_alternation(capex_words or ["(?!)"])),
            compute=re.compile(_alternation(data["compute_words"])),
            status=re.compile(_alternation(list(status_of))),
            # この380億ドルの投資 / 今回のAWS契約: the pointer, then a short noun phrase without particles.
            anaphora_ja=re.compile(rf"(?<![\u3400-\u9FFF])(?:{ja})[^、。がはをにとで]{{0,16}}$"),
            anaphora_en=re.compile(rf"(?:{en})\s+(?:[\w$.,-]+\s+){{0,3}}$"),
            realized=re.compile(_alternation(data["realized_after_ja"])),
            term_opener=re.compile(rf"\s*(?:{_alternation(data.get('term_openers') or ['(?!)'])})"),
            amount_opener=re.compile(rf"\s*(?:{_alternation(data.get('amount_openers') or ['(?!)'])})",
                                     re.IGNORECASE),
            priority=list(data["triggers"]),
            per_units=set(data.get("deal_per_units") or []),
            not_party=re.compile(rf"{_PAREN}(?:{_alternation(data.get('not_party_after') or ['(?!)'])})"),
            round_investors=re.compile(_alternation(data.get("round_investors") or ["(?!)"])),
            round_contributions=re.compile(_alternation(data.get("round_contributions") or ["(?!)"])),
            both_parties=re.compile(_alternation(data.get("both_parties") or ["(?!)"]), re.IGNORECASE),
            gapped=[(re.compile(_gapped(w)), w) for w in kind_of if "…" in w],
            capex_object=re.compile(_alternation((data.get("own_capex") or {}).get("objects") or ["(?!)"]), re.IGNORECASE),
            capex_not=re.compile(_alternation((data.get("own_capex") or {}).get("not_with") or ["(?!)"]), re.IGNORECASE),
            capex_plan=re.compile(_alternation((data.get("own_capex") or {}).get("plan_words") or ["(?!)"]),
                                  re.IGNORECASE),
            capex_spend=re.compile(_alternation((data.get("own_capex") or {}).get("spend_words") or ["(?!)"]),
                                   re.IGNORECASE),
            not_deal_nouns=re.compile(_alternation(data.get("not_deal_nouns_ja") or ["(?!)"])),
            jointly=re.compile(_alternation(data.get("jointly_words") or ["(?!)"])),
            valued_before=re.compile(rf"(?:{_alternation(data.get('valued_deal_before') or ['(?!)'])})\s*$",
                                     re.IGNORECASE),
        )

    def key(self, word: str) -> str:
        """The lexicon entry a matched word is: itself, or the gapped entry it fits ("put … into")."""
        found = re.sub(r"\s+", " ", fold(word).casefold())
        if found not in self.kind_of:
            found = next((entry for pattern, entry in self.gapped if pattern.fullmatch(found)), found)
        return found


@dataclass
class Org:
    start: int
    end: int
    mark: str  # the particle or preposition that places it: が, と, with, by, subject…
    place: str = ""  # subject or counter, once decided
    joint: bool = False  # coordinated with the subject after it (XとYが, X and Y): a party of the same side


def _org_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where organizations are named: a deal word inside a name (日本政策投資銀行) is none."""
    return [(m["start"], m["end"]) for m in doc._.mentions or [] if m["type"] == "ORG"]


def _sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence; paragraphs are lines."""
    spans: list[tuple[int, int, int]] = []
    pos, paragraph = 0, 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start(), paragraph))
        pos = max(pos, m.end())
        if "\n" in m.group():
            paragraph += 1
    if pos < len(text):
        spans.append((pos, len(text), paragraph))
    return spans


def _ja_places(text: str, orgs: list[Org], region_start: int, triggers: list[re.Match[str]]) -> None:
    """Subject or counterparty of each organization, from the particle after it."""
    for i in range(len(orgs) - 1, -1, -1):
        org = orgs[i]
        if (org.mark == "の" and i > 0 and orgs[i - 1].mark == "と" and orgs[i - 1].end + 1 == org.start
                and any(0 <= t.start() - org.end <= 2 for t in triggers)):
            # 「ソフトバンクグループとOpenAIの合弁会社」, 「XとYの提携」: the two make the deal together
            org.place, orgs[i - 1].place = "subject", "subject"
            org.joint = orgs[i - 1].joint = True
            org.mark = "が"
            continue
        org, nxt = orgs[i], orgs[i + 1] if i + 1 < len(orgs) else None
        # a short description may stand before the next name: 「SBG、UAEの投資会社MGXが」
        adjacent = nxt is not None and nxt.start - org.end <= 45 and re.fullmatch(
            rf"{_PAREN}\)?(?:自身|側|社)?(?:と|や|及び|および|、|,\s?)\s?(?:[^、。「」]{{0,24}}の[^、。「」をがはにと]{{0,8}})?",
            text[org.end: nxt.start]) is not None
        if org.mark in _JA_SUBJECT:
            org.place = "subject"
        elif org.mark == "と" and adjacent and nxt and nxt.place == "subject":
            org.place, org.joint = "subject", True  # XとYが: both make the deal
        elif org.mark in _JA_COORD and adjacent and nxt and nxt.place:
            org.place, org.joint = nxt.place, nxt.place == "subject"
            org.mark = nxt.mark
        elif org.mark in _JA_COUNTER or org.mark in _JA_LEAD or org.mark in _JA_MAKER:
            org.place = "counter"
        elif org.mark == "による" and _JA_LENDER.match(text, org.end):
            org.place = "counter"  # 「みずほ銀行による協調融資」: the lender
        elif org.mark == "、" and i > 0 and orgs[i - 1].mark == "と" and orgs[i - 1].end >= org.start - 45:
            org.place = "subject"  # the headline form 「XとY、380億ドルの提携」
            orgs[i - 1].joint = True
        elif org.mark == "、" and i == 0 and not text[region_start: org.start].strip(" 　「『【"):
            org.place = "subject"  # the headline form 「米オラクル、OpenAIと3000億ドルの契約」
    for i, org in enumerate(orgs[:-1]):
        if org.mark == "と" and orgs[i + 1].place == "subject" and org.place != "subject":
            org.place, org.joint = "subject", True


def _en_places(text: str, orgs: list[Org], region_start: int, triggers: list[re.Match[str]]) -> None:
    first_trigger = triggers[0].start() if triggers else len(text)
    subject_found = False
    for i, org in enumerate(orgs):
        before = text[region_start: org.start]
        if re.match(r"-[A-Za-z]", text[org.end: org.end + 2]):
            continue  # "Microsoft-backed", "Texas-based": a modifier of the name after it
        owner = re.match(r"['’]s?\b", text[org.end: org.end + 2])
        if owner:
            # "Meta's $14.2 billion contract with CoreWeave": the owner of the deal makes it;
            # "Amazon's cloud unit AWS", "in Amazon's basket": the thing owned is no deal
            owns_deal = any(_EN_OWNED.fullmatch(text, org.end, t.start())
                            and not any(org.end < o.start < t.start() for o in orgs) for t in triggers)
            if owns_deal and not subject_found:
                org.place, org.mark, subject_found = "subject", "owner", True
            elif owns_deal and i > 0 and orgs[i - 1].place == "subject" and _EN_COORD.match(text[orgs[i - 1].end: org.start]):
                org.place, org.mark = "subject", "owner"  # "Microsoft and Nvidia's commitment to invest"
                org.joint = orgs[i - 1].joint = True
            elif subject_found and any(t.end() <= org.start for t in triggers) and _EN_COUNTER.search(before):
                org.place, org.mark = "counter", "with"  # "invested $1 billion in Mistral AI's Series C round"
            continue
        after_trigger = any(t.end() <= org.start for t in triggers)
        object_of_trigger = any(_EN_OBJECT.fullmatch(text, t.end(), org.start) for t in triggers)
        # "expands its OpenAI contract": a name modifying the trigger noun
        modifies_trigger = any(re.fullmatch(r"\s+(?:[\w-]+\s+)?", text[org.end: t.start()]) for t in triggers)
        coordinated = i > 0 and orgs[i - 1].place and _EN_COORD.match(text[orgs[i - 1].end: org.start])
        if coordinated:
            org.place, org.mark = orgs[i - 1].place, orgs[i - 1].mark
            org.joint = orgs[i - 1].joint = org.place == "subject"
        elif after_trigger and _EN_PRODUCT_AFTER.match(text, org.end):
            org.mark = "vendor"  # "committed to buy AMD chips": the maker of what is bought, no target
        elif re.search(r"(?i)\bled\s+by\s+(?:the\s+)?$", before):
            org.place, org.mark = "counter", "led"  # "a round led by X": X invests, no passive
        elif _EN_COUNTER.search(before) or object_of_trigger:
            org.place = "counter"
            org.mark = "by" if re.search(r"(?i)\bby\s+(?:the\s+)?$", before) else "with"
        elif not subject_found and org.start < first_trigger and not _EN_NOT_SUBJECT.search(before):
            org.place, subject_found = "subject", True
        elif modifies_trigger:
            org.place, org.mark = "counter", "with"
        elif after_trigger and re.match(r"\s+[A-Z0-9][\w-]*", text[org.end: org.end + 20]):
            org.mark = "vendor"  # "to use 1 million Google TPUs": the maker of what is bought


def _dep_places(doc: Doc, orgs: list[Org], triggers: list[re.Match[str]]) -> None:
    """Where the characters leave an organization unplaced, ask the dependency parse (GiNZA):
    a nominal subject is a subject; an object or oblique of a trigger word is a counterparty."""
    trigger_chars = {i for t in triggers for i in range(t.start(), t.end())}
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


def _places(text: str, mentions: list[dict[str, Any]], start: int, end: int, japanese: bool,
            triggers: list[re.Match[str]], doc: Doc | None = None, not_party: re.Pattern[str] | None = None
            ) -> list[Org]:
    orgs = []
    for m in mentions:
        if start <= m["start"] and m["end"] <= end:
            if not_party is not None and not_party.match(text, m["end"]):
                continue
            mark = _JA_MARK.match(text, m["end"]) if japanese else None
            orgs.append(Org(m["start"], m["end"], mark["p"] if mark else ""))
    if japanese:
        _ja_places(text, orgs, start, triggers)
    else:
        _en_places(text, orgs, start, triggers)
    if doc is not None and doc.has_annotation("DEP"):
        _dep_places(doc, orgs, triggers)
    return orgs


class DealExtractor:
    """Finds deals; see the module docstring."""

    def __init__(self, lexicon: DealLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.deals = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict[str, Any]]:
        text = fold(text_of(doc))
        mentions = actors(doc)
        org_spans = _org_spans(doc)
        # sentences of the text as written: folding turns an ideographic space into a plain one
        written = _sentences(text_of(doc))
        main_actor = self._lead_subject(text, mentions, org_spans, written[:3]) or _main_actor(mentions)
        deals: list[dict[str, Any]] = []
        carried: dict[str, Any] | None = None
        funding: tuple[int, Org, int] | None = None  # (sentence index, raiser, amount) of a round without investors
        paragraph = -1
        last = (-1, -1)  # (sentence index, paragraph) of the last deal found
        sentences = self._clauses(text, written, mentions)
        for index, (start, end, para) in enumerate(sentences):
            if para != paragraph:
                carried, paragraph = None, para
            japanese = bool(_JAPANESE.search(text, start, end))
            triggers = self._triggers(text, start, end, japanese, org_spans)
            orgs = _places(text, mentions, start, end, japanese, triggers, doc, self.lexicon.not_party)
            subjects = [o for o in orgs if o.place == "subject"]
            found: list[dict[str, Any]] = []
            if triggers:
                previous = sentences[index - 1] if index else None
                following = sentences[index + 1] if index + 1 < len(sentences) else None
                found = self._sentence_deals(doc, text, (start, end), (previous, following), triggers, orgs,
                                             carried or main_actor, japanese)
                if not found and deals:
                    found = self._both_parties(doc, text, (start, end), triggers, orgs, deals[-1])
                deals.extend(found)
                if not found:
                    funding = self._funding(doc, index, (start, end), triggers, subjects) or funding
            elif funding is not None and index - funding[0] <= 2:
                found = self._round_investors(doc, text, (start, end), orgs, funding)
                deals.extend(found)
                if found:  # the round is still the story: the next sentences may name more investors
                    funding = (index, *funding[1:])
            if not found:
                found = self._capex_plan(doc, text, (start, end))
                deals.extend(found)
            if found:
                last = (index, para)
            # 「契約期間は7年間」, 「融資総額は600億円」: of the deal just stated (its paragraph or the sentence before)
            recent = bool(deals) and (last[1] == para or last[0] == index - 1)
            if not found and recent and self.lexicon.term_opener.match(text, start):
                _add_term(doc, deals[-1], (start, end))
            if not found and recent and deals[-1]["amount"] is None and self.lexicon.amount_opener.match(text, start):
                money = self._money_in(doc, start, end)
                if money is not None:
                    _add_amount(doc, deals[-1], money)
                    _add_term(doc, deals[-1], (start, end))
            # 「OpenAIの調達先も広がっている」: a sentence opening with Xの is about X
            topic = orgs[0] if orgs and orgs[0].mark == "の" and not text[start: orgs[0].start].strip() else None
            if subjects or topic:
                first = subjects[0] if subjects else topic
                carried = {"start": first.start, "end": first.end}
        names = {(m["start"], m["end"]): str(m.get("name") or m.get("text")) for m in doc._.mentions or []}
        for deal in deals:
            deal["_names"] = _party_names(deal, names)
        return _merge(deals)

    def _lead_subject(self, text: str, mentions: list[dict[str, Any]], names: list[tuple[int, int]],
                      first: list[tuple[int, int, int]]) -> dict[str, Any] | None:
        """The subject of the article's first sentences (the headline's or the lead's): whom the
        article is about, the implied subject of 同社 / "the company" sentences."""
        for start, end, _ in first:
            japanese = bool(_JAPANESE.search(text, start, end))
            orgs = _places(text, mentions, start, end, japanese, self._triggers(text, start, end, japanese, names))
            subject = next((o for o in orgs if o.place == "subject"), None)
            if subject is not None:
                return {"start": subject.start, "end": subject.end}
        return None

    def _triggers(self, text: str, start: int, end: int, japanese: bool,
                  names: list[tuple[int, int]] = ()) -> list[re.Match[str]]:
        """The deal words of a sentence; one inside an organization's name (日本政策投資銀行, Abu
        Dhabi Investment Authority) or a noun (投資家, ``not_deal_nouns_ja``) is no deal word."""
        found = []
        for m in self.lexicon.trigger.finditer(text, start, end):
            if any(s <= m.start() and m.end() <= e for s, e in names):
                continue
            if japanese and self.lexicon.not_deal_nouns.match(text, m.start()):
                continue  # 投資家, 投資会社: a noun naming no deal
            before = text[start: m.start()]
            if not japanese and before.endswith("-"):
                continue  # "Microsoft-backed OpenAI": a description, not a deal
            if not japanese and len(re.findall(r"[\"“”]", before)) % 2:
                continue  # inside a quotation: an opinion ("Buying a developer is smarter…"), not a deal
            pointer = self.lexicon.anaphora_ja if japanese else self.lexicon.anaphora_en
            if pointer.search(before):
                continue
            found.append(m)
        if found or not japanese:
            return found
        return [m for m in self.lexicon.capex_trigger.finditer(text, start, end)  # 「…を投じる」 alone
                if not any(s <= m.start() and m.end() <= e for s, e in names)]

    def _sentence_deals(self, doc: Doc, text: str, span: tuple[int, int],
                        around: tuple[tuple[int, int, int] | None, tuple[int, int, int] | None],
                        triggers: list[re.Match[str]], orgs: list[Org], carried: dict[str, Any] | None,
                        japanese: bool) -> list[dict[str, Any]]:
        start, end = span
        previous, following = around
        # 「…からの融資で賄う。融資枠は165億ドル」: the next sentence gives the amount, so the deal stands
        amount_follows = following is not None and bool(self.lexicon.amount_opener.match(text, following[0])) \
            and self._money_in(doc, following[0], following[1]) is not None
        each = self._each_subject(doc, text, span, triggers, orgs, carried, japanese)
        if each:
            return each
        subject, counters, joint = _parties(doc, text, span, triggers, orgs, carried, japanese)
        if subject is None:
            return []
        # 「シャープの堺工場跡地に1000億円を投じる」: the owner of the site is no party
        counters = [c for c in counters if not (c.mark == "の" and self._site_owner(text, c, triggers))]
        if not counters:
            return self._single_party(doc, span, triggers, subject)
        status = self._status(text, start, end)
        segments = _segments(counters, end)
        if not japanese and len(triggers) > 1:
            # "agreed to buy $9.7 billion … from IREN, and signed a deal with Lambda": each deal word
            # opens its own clause, and a counterparty's figure is in its clause
            clauses = _clauses(text, triggers, start, end)
            segments = [next((c for c in clauses if c[0] <= o.start < c[1]), (start, end)) for o in counters]
        context_start = previous[0] if previous else start
        # a list sentence gives each item its own figure; otherwise the figure is shared
        shared = None
        if all(self._money_in(doc, s, e) is None for s, e in segments[:-1]):  # (an index: 0 is a figure)
            shared = (start, end)
        deals = []
        partners = counters[1:] if joint else []
        if joint:
            counters, segments, shared = counters[:1], [(start, end)], (start, end)
        for counter, (seg_start, seg_end) in zip(counters, segments):
            trigger = _trigger_of(counter, triggers, japanese)
            if counter.mark == "passive":  # "has agreed to be acquired by X": the passive word's deal
                trigger = next((t for t in triggers if _EN_PASSIVE.search(text, start, t.start())), trigger)
            word = self.lexicon.key(trigger.group())
            kind, roles = self._kind(trigger, text, context_start, end)
            if kind == "acquisition" and not japanese and (counter.mark == "vendor" or _EN_GOODS.search(
                    text, trigger.end(), max(trigger.end(), counter.start))):
                # "buy $9.7 billion of GPUs from IREN", "buy Google chips": goods bought, no company
                kind = "compute contract" if self.lexicon.compute.search(text, start, end) else "supply"
                roles = self.lexicon.roles["supply"]
            # 受注 (the subject provides), 買収された / 出資を受けた (the subject is acted on)
            # "an agreement to supply compute to Meta": the subject supplies
            supplies = (not japanese and roles == ("buyer", "provider") and counter.mark == "with"
                        and bool(re.search(r"(?i)\bto\s+(?:the\s+)?$", text[start: counter.start]))
                        and bool(_EN_SUPPLY.search(text, start, counter.start)))
            # a loan's roles are the borrower's view (融資を受ける, "secured a loan"): 「Xが融資する」 lends
            acted_on = japanese and bool((_JA_LENDS if kind == "loan" else _JA_PASSIVE).match(text, trigger.end()))
            if word in self.lexicon.provider_subject or supplies or acted_on:
                roles = (roles[1], roles[0])
            money_span = (start, end) if len(counters) == 1 else shared or (seg_start, seg_end)
            money = self._money_in(doc, *money_span, near=trigger.start())
            # (only with the sentence's own subject: a borrower carried from elsewhere is a guess)
            stated = (amount_follows and subject.mark != "carried") or self._realized(
                text, trigger, triggers, counter, status, kind)
            # 「Xの買収を完了した」: X is the target, a party like any other
            bought = kind == "acquisition" and counter.mark == "の" and bool(
                re.fullmatch(rf"{_PAREN}\)?の", text[counter.end: trigger.start()]))
            # "Meta agreed to use Google TPUs, in a deal worth tens of billions": a figure without a
            # number still says the maker is paid (by the sentence's own subject: a carried one is a guess)
            vague = counter.mark == "vendor" and subject.mark != "carried" and self._vague_money_in(doc, *money_span)
            if money is None and ((counter.mark in ("の", "vendor") and not (bought or vague)) or not stated):
                continue  # the maker of a product (Xの技術, "X chips") makes a deal only with its amount
            dated = (start, end) if len(counters) == 1 or shared is not None else (seg_start, seg_end)
            if not japanese and len(triggers) > 1 and any(
                    o.end() == seg_end for o in _EN_PHRASE_OPENER.finditer(text, max(start, seg_end - 12), seg_end)):
                dated = (start, seg_end)  # a date in a later clause ("…, and committed to buy … in 2026") is its own
            parties = [{"entity": (o.start, o.end), "role": roles[1]} for o in [counter, *partners]]
            if subject is not None:
                parties.insert(0, {"entity": (subject.start, subject.end), "role": roles[0]})
            deals.append(self._deal(doc, kind, status, money, dated, parties, (start, end)))
        return _one_round(deals) if shared is not None else deals

    def _clauses(self, text: str, sentences: list[tuple[int, int, int]],
                 mentions: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
        """Sentences of two clauses, each with its own subject and deal word, read as two:
        「マイクロソフトは…29億ドルを…基盤に投じると表明し、AWSは…2兆2600億円を投資する計画を掲げる」,
        "Meta signed a $10 billion deal with Google, and Microsoft agreed to pay Nebius $19.4 billion".
        A cut falls before 「、Xは」/「、Xが」 (", and X", ", while X", "; X") when the words before it
        hold a subject followed by a deal word, and the words after it hold a deal word too."""
        out = []
        for start, end, para in sentences:
            if not _JAPANESE.search(text, start, end):
                out.extend(self._en_clauses(text, start, end, para, mentions))
                continue
            cut = start
            for m in mentions:
                at = m["start"]
                if not (cut < at < end) or text[at - 1] != "、" or not _JA_TOPIC.match(text, m["end"]):
                    continue
                subject = next((o for o in mentions if cut <= o["start"] < at and _JA_TOPIC.match(text, o["end"])), None)
                if subject is None:
                    continue
                if self._deal_word(text, subject["end"], at) and self._deal_word(text, m["end"], end):
                    out.append((cut, at - 1, para))
                    cut = at
            out.append((cut, end, para))
        return out

    def _en_clauses(self, text: str, start: int, end: int, para: int,
                    mentions: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
        out, cut = [], start
        # clauses opening with an organization, or with a pronoun ("…, and in September it agreed to…":
        # the subject of the clause before, carried)
        opened = [(joint, m["start"], m["end"]) for joint, m in en_clause_subjects(text, mentions, start, end)]
        opened += [(p.start(), p.start("rest"), p.start("pronoun")) for p in _EN_PRONOUN_CLAUSE.finditer(text, start, end)]
        for joint, at, after in sorted(opened):
            if joint < cut:
                continue
            subject = next((o for o in mentions if cut <= o["start"] < joint), None)
            if subject is None or self._deal_word(text, cut, subject["start"]) or not self._deal_word(text, subject["end"], joint):
                continue  # the clause before has its subject before its deal word ("Separately, X signed…")
            if self._deal_word(text, after, end):
                out.append((cut, joint, para))
                cut = at
        out.append((cut, end, para))
        return out

    def _deal_word(self, text: str, start: int, end: int) -> bool:
        return bool(self.lexicon.trigger.search(text, start, end) or self.lexicon.capex_trigger.search(text, start, end))

    def _kind(self, trigger: re.Match[str], text: str, start: int, end: int) -> tuple[str, tuple[str, str]]:
        """The kind of deal a deal word names and the roles of its subject and counterparty; a
        contract whose text (``start`` to ``end``) names computing is a compute contract, one to
        work together (``jointly_words`` just before the word) a partnership."""
        kind = self.lexicon.kind_of[self.lexicon.key(trigger.group())]
        # 「Yと共同で…建設することで合意」, "will jointly develop": the two work together
        if kind == "contract" and self.lexicon.jointly.search(text, max(start, trigger.start() - 60), trigger.end()):
            kind = "partnership"
        roles = self.lexicon.roles[kind]
        if kind == "contract" and self.lexicon.compute.search(text, start, end):
            kind = "compute contract"
        return kind, roles

    def _each_subject(self, doc: Doc, text: str, span: tuple[int, int], triggers: list[re.Match[str]],
                      orgs: list[Org], carried: dict[str, Any] | None, japanese: bool) -> list[dict[str, Any]]:
        """Subjects with an amount each: 「OpenAIには、Microsoftが130億ドル、SBGが300億ドルを出資した」,
        「AmazonとGoogleがそれぞれ80億ドルと30億ドルを出資」. One deal per subject with its own amount,
        all with the one counterparty (the sentence's, else the carried actor)."""
        if not japanese:
            return self._each_subject_en(doc, text, span, triggers, orgs, carried)
        start, end = span
        # the verb closes the list: the last deal word, 投じる included (「出資の面でも、Xが…を投じている」)
        trigger = max([*triggers, *self.lexicon.capex_trigger.finditer(text, start, end)], key=lambda t: t.start())
        subjects = sorted((o for o in orgs if o.place == "subject" and o.end <= trigger.start()), key=lambda o: o.start)
        if len(subjects) < 2 or len({_name(doc, s) for s in subjects}) < len(subjects):
            return []
        figures = [i for i, f in enumerate(doc._.money or []) if f.get("amount") is not None
                   and subjects[0].start < f["start"] and f["end"] <= trigger.start()
                   and f.get("converted_from") is None]
        if _RESPECTIVELY.search(text, start, end) and len(figures) == len(subjects):
            pairs = list(zip(subjects, figures))  # 「XとYがそれぞれN、M」: in order
        else:
            bounds = [s.start for s in subjects[1:]] + [trigger.start()]
            pairs = []
            for subject, bound in zip(subjects, bounds):
                own = [i for i in figures if subject.end <= doc._.money[i]["start"] < bound]
                if len(own) != 1:
                    return []
                pairs.append((subject, own[0]))
        names = {_name(doc, s) for s in subjects}
        counters = [o for o in orgs if o.place == "counter" and _name(doc, o) not in names]
        if len(counters) == 1:
            counter = counters[0]
        elif not counters and carried is not None:
            # the actor carried from before, unless the items say where the money goes
            # (「Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する」: no counterparty at all)
            counter = Org(carried["start"], carried["end"], "carried", "counter")
            items = text[subjects[0].end: trigger.start()]
            if _name(doc, counter) in names or re.search(r"[にへ](?!つい|よる|よれ|とって)", items):
                return []
        else:
            return []
        kind, roles = self._kind(trigger, text, start, end)
        status = self._status(text, start, end)
        return [self._deal(doc, kind, status, money, span,
                           [{"entity": (s.start, s.end), "role": roles[0]},
                            {"entity": (counter.start, counter.end), "role": roles[1]}], span)
                for s, money in pairs]

    def _each_subject_en(self, doc: Doc, text: str, span: tuple[int, int], triggers: list[re.Match[str]],
                         orgs: list[Org], carried: dict[str, Any] | None) -> list[dict[str, Any]]:
        """"Amazon and Google invested $8 billion and $3 billion, respectively, in Anthropic": the
        coordinated subjects and the figures in order, one deal each with the one counterparty (the
        sentence's, else the carried actor: "… in the startup")."""
        start, end = span
        if not _RESPECTIVELY.search(text, start, end):
            return []
        subjects = [o for o in orgs if o.place == "subject"]
        # the figures in order, a range by its lower bound (its upper bound's row has low set too)
        figures = [i for i, f in enumerate(doc._.money or []) if start <= f["start"] < end
                   and f.get("amount") is not None and f.get("converted_from") is None
                   and not (f.get("low") is not None and f.get("bound") == "max")]
        counters = [o for o in orgs if o.place == "counter"]
        if len(subjects) < 2 or len(figures) != len(subjects) or len({_name(doc, o) for o in subjects}) < len(subjects):
            return []
        if len(counters) == 1:
            counter = counters[0]
        elif not counters and carried is not None:
            counter = Org(carried["start"], carried["end"], "carried", "counter")
        else:
            return []
        if _name(doc, counter) in {_name(doc, o) for o in subjects}:
            return []
        kind = self.lexicon.kind_of[self.lexicon.key(triggers[0].group())]
        roles = self.lexicon.roles.get(kind, ("investor", "investee"))
        status = self._status(text, start, end)
        return [self._deal(doc, kind, status, money, span,
                           [{"entity": (o.start, o.end), "role": roles[0]},
                            {"entity": (counter.start, counter.end), "role": roles[1]}], span)
                for o, money in zip(subjects, figures)]

    def _both_parties(self, doc: Doc, text: str, span: tuple[int, int], triggers: list[re.Match[str]],
                      orgs: list[Org], last: dict[str, Any]) -> list[dict[str, Any]]:
        """「両社は同日、業務提携契約を結んだ」: a further deal between the two parties of the deal
        stated before, when the sentence names no one else and says it was made."""
        start, end = span
        named = self.lexicon.both_parties.search(text, start, triggers[0].start())
        if named is None or len(last["parties"]) != 2:
            return []
        parties = {_name(doc, Org(*p["entity"], "")) for p in last["parties"]}
        if any(_name(doc, o) not in parties for o in orgs):
            return []
        kind, roles = self._kind(triggers[0], text, start, end)
        status = self._status(text, start, end)
        if not (status in ("signed", "completed", "announced")
                or any(self.lexicon.realized.match(text, t.end()) for t in triggers)):
            return []
        parties = [{"entity": p["entity"], "role": role} for p, role in zip(last["parties"], roles)]
        money = self._money_in(doc, start, end, near=triggers[0].start())
        return [self._deal(doc, kind, status, money, span, parties, span)]

    def _funding(self, doc: Doc, index: int, span: tuple[int, int], triggers: list[re.Match[str]],
                 subjects: list[Org]) -> tuple[int, Org, int] | None:
        """"xAI closed a $20 billion funding round": a round whose investors the next sentences may name."""
        kinds = {self.lexicon.kind_of[self.lexicon.key(t.group())] for t in triggers}
        money = self._money_in(doc, *span, near=triggers[0].start())
        if "investment" not in kinds or not subjects or money is None:
            return None
        return index, subjects[0], money

    def _round_investors(self, doc: Doc, text: str, span: tuple[int, int], orgs: list[Org],
                         funding: tuple[int, Org, int]) -> list[dict[str, Any]]:
        """"Investors in the round include X and Y" / 「XやYなどが参加した」: one deal of the raiser
        and every investor named. "Nvidia is contributing up to $2 billion" (``round_contributions``):
        a deal of the raiser and that investor, with its own figure."""
        _, raiser, money = funding
        if not self.lexicon.round_investors.search(text, *span):
            subject = next((o for o in orgs if o.place == "subject" and _name(doc, o) != _name(doc, raiser)), None)
            own = self._money_in(doc, *span)
            if subject is None or own is None or not self.lexicon.round_contributions.search(text, *span):
                return []
            parties = [{"entity": (raiser.start, raiser.end), "role": "investee"},
                       {"entity": (subject.start, subject.end), "role": "investor"}]
            return [self._deal(doc, "investment", self._status(text, *span), own, span, parties, span)]
        investors = [o for o in orgs if o.mark not in ("の", "owner") and _name(doc, o) != _name(doc, raiser)]
        if not investors:
            return []
        parties = [{"entity": (raiser.start, raiser.end), "role": "investee"}]
        parties += [{"entity": (o.start, o.end), "role": "investor"} for o in investors]
        return [self._deal(doc, "investment", self._status(text, *span), money, span, parties, span)]

    def _single_party(self, doc: Doc, span: tuple[int, int], triggers: list[re.Match[str]],
                      subject: Org) -> list[dict[str, Any]]:
        """A kind or a deal word the lexicon lets stand with one party and an amount (``single_party_kinds``,
        ``single_party_words``: "is arranging a $12.5 billion debt package"), or an investment in the
        subject's own facilities (``own_capex``)."""
        word = self.lexicon.key(triggers[0].group())
        kind = self.lexicon.kind_of[word]
        money = self._money_in(doc, *span, near=triggers[0].start())
        if money is None:
            return []
        raises = word in self.lexicon.provider_subject  # "Crusoe raises $1.38 billion": money in, not capex
        alone = next((w for w in map(self.lexicon.key, (t.group() for t in triggers))
                      if w in self.lexicon.single_party_words), None)
        if kind == "investment" and not raises and self._own_capex(doc, span, money, subject, triggers):
            kind = "capex"
        elif alone is not None:
            kind = self.lexicon.kind_of[alone]
        elif kind not in self.lexicon.single_party_kinds:
            return []
        role = "investor" if kind == "capex" else self.lexicon.roles[kind][0]
        parties = [{"entity": (subject.start, subject.end), "role": role}]
        status = self._status(text_of(doc), *span)
        return [self._deal(doc, kind, status, money, span, parties, span)]

    def _capex_plan(self, doc: Doc, text: str, span: tuple[int, int]) -> list[dict[str, Any]]:
        """A company's plan for its capital spending (``own_capex.plan_words``, ``spend_words``): a
        capex deal of the company the figure belongs to, alone."""
        start, end = span
        if not (self.lexicon.capex_plan.search(text, start, end) or self.lexicon.capex_spend.search(text, start, end)):
            return []
        orgs = set(_org_spans(doc))
        for i, fig in enumerate(doc._.money or []):
            if (start <= fig["start"] < end and fig.get("role") == "capex" and fig.get("amount") is not None
                    and fig.get("converted_from") is None and fig.get("per") is None
                    and fig.get("entity") and tuple(fig["entity"]) in orgs):
                parties = [{"entity": tuple(fig["entity"]), "role": "investor"}]
                return [self._deal(doc, "capex", self._status(text, start, end), i, span, parties, span)]
        return []

    def _site_owner(self, text: str, org: Org, triggers: list[re.Match[str]]) -> bool:
        """Xの, then a facility or place (工場, 拠点, データセンター) that the money goes to (に/へ)
        before an investment word: X owns the site."""
        trigger = next((t for t in triggers if t.start() > org.end), None)
        if trigger is None or self.lexicon.kind_of.get(self.lexicon.key(trigger.group())) != "investment":
            return False  # 「Metaのデータセンターに供給する契約」: Meta is the buyer
        site = re.match(r"の([^、。,.]{1,20}?)[にへ]", text[org.end: trigger.start()])
        return bool(site and self.lexicon.capex_object.search(site.group(1)))

    def _own_capex(self, doc: Doc, span: tuple[int, int], money: int, subject: Org,
                   triggers: list[re.Match[str]]) -> bool:
        """An investment sentence with one party that builds its own: it names a facility, a place
        or a plan, no other organization (but the owner of the site), and is not a period's capital
        spending or a stake."""
        text, (start, end) = text_of(doc), span
        if self.lexicon.capex_not.search(text, start, end):
            return False
        others = {m["name"] for m in doc._.mentions or [] if m["type"] == "ORG" and start <= m["start"] < end
                  and not self._site_owner(text, Org(m["start"], m["end"], "の"), triggers)}
        if others - {_name(doc, subject)}:
            return False
        if (doc._.money or [])[money].get("role") not in ("investment", "other", None):  # not a commitment
            return False
        places = any(m["type"] in ("GPE", "LOC", "FAC") and start <= m["start"] < end for m in doc._.mentions or [])
        return places or bool(self.lexicon.capex_object.search(text, start, end)
                              or self.lexicon.capex_plan.search(text, start, end))

    def _status(self, text: str, start: int, end: int) -> str | None:
        m = self.lexicon.status.search(text, start, end)
        return self.lexicon.status_of[self.lexicon.key(m.group())] if m else None

    def _realized(self, text: str, trigger: re.Match[str], triggers: list[re.Match[str]], counter: Org,
                  status: str | None, kind: str) -> bool:
        """A deal without an amount must be stated as made, not as a habit or a comparison."""
        if any(self.lexicon.realized.match(text, t.end()) for t in triggers):
            return True  # 「合弁会社の設立で合意している」: any of the sentence's deal words
        # 「Yとの提携」 states a partnership; 「Yとの契約は…」 talks about one already known
        topic = re.match(r"\s?(?:は|が|も)", text[trigger.end(): trigger.end() + 2])
        if (kind in ("partnership", "contract", "compute contract") and counter.mark in (_JA_PARTNER | {"with"})
                and not topic):
            return True
        return status in ("signed", "completed", "announced")

    def _money_in(self, doc: Doc, start: int, end: int, near: int | None = None) -> int | None:
        """Index of the deal's amount among doc._.money in [start, end): nearest the trigger."""
        candidates = []
        for i, fig in enumerate(doc._.money or []):
            if not (start <= fig["start"] and fig["end"] <= end) or fig.get("amount") is None:
                continue
            if fig.get("converted_from") is not None or fig.get("per") not in (None, *self.lexicon.per_units):
                continue
            valued = fig.get("role") == "valuation" and self.lexicon.valued_before.search(text_of(doc), 0, fig["start"])
            if fig.get("role") in DEAL_MONEY_ROLES or valued:
                candidates.append(i)
        if not candidates:
            return None
        if near is None:
            return candidates[0]
        return min(candidates, key=lambda i: abs(doc._.money[i]["start"] - near))

    def _vague_money_in(self, doc: Doc, start: int, end: int) -> bool:
        """A deal's figure without a number in [start, end): tens of billions, 数千億円."""
        return any(start <= f["start"] and f["end"] <= end and f.get("amount") is None
                   and f.get("role") in DEAL_MONEY_ROLES for f in doc._.money or [])

    def _deal(self, doc: Doc, kind: str, status: str | None, money: int | None, dated: tuple[int, int],
              parties: list[dict[str, Any]], span: tuple[int, int]) -> dict[str, Any]:
        fig = doc._.money[money] if money is not None else {}
        durations = [d for d in doc._.durations or [] if dated[0] <= d["start"] < dated[1] and d.get("value")]
        date, until = _dates(doc, dated)
        return {
            "kind": kind,
            "status": status,
            "amount": fig.get("amount"),
            "currency": fig.get("currency"),
            "usd": fig.get("usd"),
            "approx": bool(fig.get("approx")) if fig else None,
            "duration": durations[0]["value"] if durations else None,
            "date": date["value"] if date else None,
            "until": until["value"] if until else None,
            "start_date": date.get("start_date") if date else None,
            "end_date": (until or date or {}).get("end_date"),
            "start": span[0],
            "end": span[1],
            "money": money,
            "parties": parties,
        }


def _add_term(doc: Doc, deal: dict[str, Any], span: tuple[int, int]) -> None:
    """「契約期間は7年間」 right after a deal: its term, unless the deal already has one."""
    if deal["duration"] is None:
        term = next((d for d in doc._.durations or [] if span[0] <= d["start"] < span[1] and d.get("value")), None)
        deal["duration"] = term["value"] if term else None


def _one_round(deals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Several investors sharing one figure ("a $1.38 billion round led by X and Y") made one
    investment together, several lenders one loan (「みずほ銀行と三井住友銀行からの協調融資(総額400億円)」):
    one deal with every investor or lender, not one deal each at the full amount."""
    if len(deals) < 2 or any(d["kind"] not in ("investment", "loan") for d in deals) or deals[0]["money"] is None \
            or any(d["money"] != deals[0]["money"] for d in deals):
        return deals
    merged = dict(deals[0], parties=list(deals[0]["parties"]))
    seen = {tuple(p["entity"]) for p in merged["parties"]}
    for deal in deals[1:]:
        for party in deal["parties"]:
            if tuple(party["entity"]) not in seen:
                seen.add(tuple(party["entity"]))
                merged["parties"].append(party)
    return [merged]


def _add_amount(doc: Doc, deal: dict[str, Any], money: int) -> None:
    """「契約額は174億ドル」 right after an amountless deal: its amount."""
    fig = doc._.money[money]
    deal.update(amount=fig.get("amount"), currency=fig.get("currency"), usd=fig.get("usd"),
                approx=bool(fig.get("approx")), money=money)


def _parties(doc: Doc, text: str, span: tuple[int, int], triggers: list[re.Match[str]], orgs: list[Org],
             carried: dict[str, Any] | None, japanese: bool) -> tuple[Org | None, list[Org], bool]:
    """The sentence's subject (its own, else the carried one), its counterparties, and whether
    they are joint parties of one deal (coordinated subjects) rather than one deal each."""
    counters = [o for o in orgs if o.place == "counter"]
    subjects = [o for o in orgs if o.place == "subject"]
    passive = not japanese and any(o.mark == "by" for o in counters) and any(
        _EN_PASSIVE.search(text, span[0], t.start()) for t in triggers)
    if passive:  # "Y was acquired by X": X acts, Y is acted on by the passive deal word
        by = [o for o in counters if o.mark == "by"]
        counters = [o for o in counters if o.mark != "by"] + [Org(o.start, o.end, "passive", "counter") for o in subjects]
        subjects = by
    if japanese and counters:  # 「Yとは…契約を結んできたが、Xが…」: Xが is the subject of a later clause
        first = _trigger_of(counters[0], triggers, japanese)
        subjects = [s for s in subjects if s.start < first.start()]
    joint = len(subjects) >= 2 and not counters and any(s.joint for s in subjects)
    if joint:  # XとYが / X and Y signed / 「SBG、OpenAI、MGXが出資」: one deal of them all
        subjects, counters = subjects[:1], subjects[1:]
    if not counters:
        # "to use Google TPUs" / 「Oracleのクラウドサービスに支払う」: the maker of what is bought
        owners = [o for o in orgs if o.mark in ("vendor", "の") and (not subjects or o.start > subjects[0].end)]
        counters = owners[:1]
    if not counters and subjects and carried is not None and _SAME_COMPANY.search(text, span[0], span[1]):
        counters = [Org(carried["start"], carried["end"], "carried", "counter")]
    if not subjects and carried is not None and counters:
        subjects = [Org(carried["start"], carried["end"], "carried", "subject")]
    subject = subjects[0] if subjects else None
    if subject is not None:
        counters = [c for c in counters if _name(doc, c) != _name(doc, subject)]
    return subject, counters, joint


def _trigger_of(counter: Org, triggers: list[re.Match[str]], japanese: bool) -> re.Match[str]:
    """The trigger a counterparty belongs to: the next one in Japanese (verb last), else the one before."""
    after = [t for t in triggers if t.start() >= counter.end]
    before = [t for t in triggers if t.end() <= counter.start]
    if japanese:
        return after[0] if after else before[-1]
    return before[-1] if before else after[0]


def _clauses(text: str, triggers: list[re.Match[str]], start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of a sentence its deal words govern: a new one opens where ", " / "and" /
    "including" stands between two deal words ("…, and a $38 billion agreement with Amazon"); deal
    words with none between them ("signed a $22.4 billion deal") share one."""
    bounds = [start]
    for before, trigger in pairwise(triggers):
        openers = list(_EN_PHRASE_OPENER.finditer(text, before.end(), trigger.start()))
        if openers:
            bounds.append(openers[-1].end())
    bounds.append(end)
    return list(pairwise(bounds))


def _segments(counters: list[Org], end: int) -> list[tuple[int, int]]:
    """Each counterparty's part of a list sentence: from its name to the next one's."""
    bounds = [c.start for c in counters[1:]] + [end]
    return [(c.end, b) for c, b in zip(counters, bounds)]


def _dates(doc: Doc, span: tuple[int, int]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The deal's date and its deadline (「2026年末までに」, "by 2027") within ``span``."""
    date = until = None
    text = text_of(doc)
    for d in doc._.dates or []:
        if not (span[0] <= d["start"] < span[1]) or not d.get("value"):
            continue
        tail, head = text[d["end"]: d["end"] + 4], text[max(0, d["start"] - 8): d["start"]]
        if re.match(r"\s?(?:まで|迄)", tail) or re.search(r"(?i)\b(?:by|until|through)\s+(?:the\s+end\s+of\s+)?$", head):
            until = until or d
        else:
            date = date or d
    return date, until


def _name(doc: Doc, org: Org) -> str:
    for m in doc._.mentions or []:
        if m["start"] == org.start and m["end"] == org.end:
            return str(m.get("name") or m.get("text"))
    return text_of(doc)[org.start: org.end]


def _main_actor(mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The organization an article names most: the implied subject of its list sentences."""
    counts = Counter(m.get("name") for m in mentions)
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    first = next(m for m in mentions if m.get("name") == name)
    return {"start": first["start"], "end": first["end"]}


def _party_names(deal: dict[str, Any], names: dict[tuple[int, int], str]) -> frozenset[str]:
    return frozenset(names.get(tuple(p["entity"]), "") for p in deal["parties"])


def _merge(deals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One deal per article per statement: same parties and a compatible amount merge.

    The statement with an amount (else the more specific kind: the lead's 契約 over the
    headline's 提携) is kept; the other only fills its gaps when it has an amount too (an
    amountless mention such as 「Microsoftとの契約改定」 has no reliable date or term).
    """
    merged: list[dict[str, Any]] = []
    for deal in deals:
        i = next((i for i, m in enumerate(merged) if _same_statement(m, deal)), None)
        if i is None:
            merged.append(deal)
            continue
        old = merged[i]
        base, other = (deal, old) if _better(deal, old) else (old, deal)
        if other["amount"] is not None:
            for key, value in other.items():
                if base.get(key) is None and value is not None:
                    base[key] = value
        merged[i] = base
    for deal in merged:
        del deal["_names"]
    return merged


def _better(new: dict[str, Any], old: dict[str, Any]) -> bool:
    def rank(deal: dict[str, Any]) -> tuple[int, int, int]:
        filled = sum(deal.get(k) is not None for k in ("date", "duration", "until", "status"))
        order = KIND_ORDER.index(deal["kind"]) if deal["kind"] in KIND_ORDER else len(KIND_ORDER)
        return (deal["amount"] is not None, -order, filled)

    return rank(new) > rank(old)


def _same_statement(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same parties, a compatible amount and kind; or one party in common and the same figure (a
    headline that names the parent company: "deal with Amazon" over "with Amazon Web Services")."""
    if a["kind"] != b["kind"] and not (a["kind"] in LOOSE_KINDS and b["kind"] in LOOSE_KINDS):
        return False  # 「Googleが約30億ドルを出資」 and 「GoogleのTPUを利用する契約」: two deals
    if a["_names"] == b["_names"]:
        return _compatible(a["amount"], b["amount"])
    if a["start"] == b["start"]:
        return False  # the items of one list sentence are different deals
    same_figure = a["amount"] is not None and b["amount"] is not None and _compatible(a["amount"], b["amount"])
    if not (same_figure and a["currency"] == b["currency"] and a["_names"] & b["_names"]):
        return False
    # the other parties must be one company named two ways (Amazon, Amazon Web Services), not two
    # investors of the same figure ("Nvidia is contributing $2 billion"; "SpaceX put $2 billion into xAI")
    only_a, only_b = a["_names"] - b["_names"], b["_names"] - a["_names"]
    return not only_a or not only_b or any(_one_company(x, y) for x in only_a for y in only_b)


def _one_company(x: str, y: str) -> bool:
    x, y = x.casefold(), y.casefold()
    return x in y or y in x or x.split()[:1] == y.split()[:1]


def _compatible(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= 0.01 * max(abs(a), abs(b))


@Language.factory("newskb_deals", assigns=["doc._.deals"], default_config={"triggers": "deal_triggers.yaml"})
def make_deals(nlp: Language, name: str, triggers: str) -> DealExtractor:
    return DealExtractor(DealLexicon.load(triggers))
