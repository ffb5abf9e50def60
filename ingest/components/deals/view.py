"""Typed views the rule families read: the article (its text, organizations, figures, dates) and one
sentence of it (its span, language, deal words, placed organizations, the subject carried from
before)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from newskb.ingest.components import actors, text_of
from newskb.ingest.components.deals.lexicon import DealLexicon
from newskb.ingest.components.deals.model import Deal, Org, Party, Span, Trigger
from newskb.ingest.components.deals.parties import carried_org, trigger_of
from newskb.ingest.components.deals.reported_speech import in_opinion, speakers
from newskb.ingest.components.deals.sentences import Sentence
from newskb.ingest.numbers import fold

# Text between two dashes of one sentence: an aside
_ASIDE = re.compile(r"(?:—|――|\s–\s|\s--\s)(?P<aside>[^—–\n。.]{1,200}?)(?:—|――|\s–\s|\s--\s)")
# Money roles an amount may have to be a deal's amount (not revenue, losses, valuations…).
DEAL_MONEY_ROLES = {"contract", "investment", "acquisition", "subsidy", "commitment", "other", "price"}


class ArticleView:
    """One document as the deal rules read it; built once per document."""

    def __init__(self, doc: Doc, lexicon: DealLexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.written = text_of(doc)
        self.text = fold(self.written)
        # an aside between dashes ("—along with … projects with CoreWeave—") names no party
        self.asides = [m.span("aside") for m in _ASIDE.finditer(self.text)]
        # the acting organizations, in text order, and the descriptions that stand for one of them
        named = [m for m in actors(doc) if not self.in_aside(m["start"])]
        described = [
            d for d in lexicon.descriptors.resolve(self.text, named) if not self.in_aside(d["start"])
        ]
        self.mentions = sorted(named + described, key=lambda m: m["start"])
        # a description's offsets → those of the mention it stands for: the party's entity
        self.refs: dict[Span, Span] = {(d["start"], d["end"]): d["ref"] for d in described}
        every = list(doc._.mentions or [])
        self.all_mentions: list[dict[str, Any]] = [m for m in every if not self.in_aside(m["start"])]
        self.all_mentions += described
        # where organizations are named: a deal word inside a name (日本政策投資銀行) is none
        self.org_spans = [(m["start"], m["end"]) for m in every if m["type"] == "ORG"]
        self.names: dict[Span, str] = {}
        for m in self.all_mentions:
            self.names.setdefault((m["start"], m["end"]), str(m.get("name") or m.get("text")))
        self.money: list[dict[str, Any]] = list(doc._.money or [])
        # a project's members, as the sentences naming it state them (project_venture)
        self.projects: dict[str, list[Span]] = {}
        self.dates: list[dict[str, Any]] = list(doc._.dates or [])
        self.durations: list[dict[str, Any]] = list(doc._.durations or [])

    def mention_at(self, span: Span) -> dict[str, Any]:
        """The mention (or description) named at ``span``; an empty one when none is."""
        return self._by_span.get(span, {})

    @cached_property
    def _by_span(self) -> dict[Span, dict[str, Any]]:
        found: dict[Span, dict[str, Any]] = {}
        for m in self.all_mentions:
            found.setdefault((m["start"], m["end"]), m)
        return found

    def in_aside(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.asides)

    def name(self, org: Org | Span) -> str:
        """The canonical name of an organization named at ``org``."""
        span = org.span if isinstance(org, Org) else org
        return self.names.get(span, self.written[span[0] : span[1]])

    def triggers(self, start: int, end: int, japanese: bool) -> list[Trigger]:
        """The deal words of [start, end); one inside an organization's name (日本政策投資銀行, Abu
        Dhabi Investment Authority) or a noun (投資家, ``not_deal_nouns_ja``) is no deal word."""
        lexicon, text = self.lexicon, self.text
        found = []
        for m in lexicon.trigger.finditer(text, start, end):
            if any(s <= m.start() and m.end() <= e for s, e in self.org_spans):
                continue
            if japanese and lexicon.not_deal_nouns.match(text, m.start()):
                continue  # 投資家, 投資会社: a noun naming no deal
            if not japanese and lexicon.not_deal_en.search(text, start, m.end()):
                continue  # "rates the stock a buy": a rating
            before = text[start : m.start()]
            if not japanese and before.endswith("-"):
                continue  # "Microsoft-backed OpenAI": a description, not a deal
            if not japanese and self._in_opinion(before, m.end(), end):
                continue  # inside a quotation no organization states: an opinion, not a deal
            if self._points_back_ja(before, start) if japanese else self._points_back(before, start):
                continue
            found.append(self.as_trigger(m))
        if found or not japanese:
            return found
        return [
            self.as_trigger(m)
            for m in lexicon.capex_trigger.finditer(text, start, end)  # 「…を投じる」 alone
            if not any(s <= m.start() and m.end() <= e for s, e in self.org_spans)
        ]

    def _points_back_ja(self, before: str, start: int) -> bool:
        """Whether the words before a Japanese deal word point back at a deal already stated
        (この契約, 同契約); 「同社の累計出資額」 names the company, not the deal."""
        m = self.lexicon.anaphora_ja.search(before)
        return m is not None and not self._describes_company(start + m.start())

    def _describes_company(self, pos: int) -> bool:
        """Whether a description of a company (同社, "the company") starts at ``pos``."""
        return any(s == pos for s, _ in self.refs)

    def _points_back(self, before: str, start: int) -> bool:
        """Whether the words before an English deal word point back at a deal already stated
        ("this deal", "the $38 billion agreement"); "this week it will invest" does not, nor "the
        company's total investment"."""
        grammar, pos = self.lexicon.grammar, 0
        while (m := self.lexicon.anaphora_en.search(before, pos)) is not None:
            if self._describes_company(start + m.start()):
                pos = m.start() + 1
                continue
            words = [w.casefold() for w in m["gap"].split()]
            if not words:
                return True  # "this deal"
            if words[0] not in grammar.en_time_nouns and not set(words) & grammar.en_not_in_deal_phrase:
                return True  # "the $38 billion agreement"
            pos = m.start() + 1
        return False

    def _in_opinion(self, before: str, after: int, end: int) -> bool:
        return in_opinion(self.text, before, after, end, self.speakers)

    @cached_property
    def speakers(self) -> set[Span]:
        return speakers(self.text, self.mentions, self.lexicon.grammar)

    def as_trigger(self, m: re.Match[str]) -> Trigger:
        return Trigger(m.start(), m.end(), m.group(), self.lexicon.key(m.group()))

    def deal_word(self, text: str, start: int, end: int) -> bool:
        """Whether [start, end) holds a deal word (投じる included)."""
        return bool(
            self.lexicon.trigger.search(text, start, end)
            or self.lexicon.capex_trigger.search(text, start, end)
        )

    def kind_of(self, trigger: Trigger) -> str:
        return self.lexicon.kind_of[trigger.word]

    def kind(self, trigger: Trigger, start: int, end: int) -> tuple[str, tuple[str, str]]:
        """The kind of deal a deal word names and the roles of its subject and counterparty; a
        contract whose text (``start`` to ``end``) names computing is a compute contract, one to
        work together (``jointly_words`` just before the word) a partnership."""
        kind = self.kind_of(trigger)
        # 「Yと共同で…建設することで合意」, "will jointly develop": the two work together
        if kind == "contract" and self.lexicon.jointly.search(
            self.text, max(start, trigger.start - 60), trigger.end
        ):
            kind = "partnership"
        roles = self.lexicon.roles[kind]
        if kind == "contract" and self.lexicon.compute.search(self.text, start, end):
            kind = "compute contract"
        return kind, roles

    def status(self, start: int, end: int) -> str | None:
        m = self.lexicon.status.search(self.text, start, end)
        return self.lexicon.status_of[self.lexicon.key(m.group())] if m else None

    def money_in(self, start: int, end: int, near: int | None = None) -> int | None:
        """Index of the deal's amount among doc._.money in [start, end): nearest ``near``."""
        candidates = []
        for i, fig in enumerate(self.money):
            if not (start <= fig["start"] and fig["end"] <= end) or fig.get("amount") is None:
                continue
            if fig.get("converted_from") is not None or fig.get("per") not in (None, *self.lexicon.per_units):
                continue
            valued = fig.get("role") == "valuation" and self.lexicon.valued_before.search(
                self.text, 0, fig["start"]
            )
            if fig.get("role") in DEAL_MONEY_ROLES or valued:
                candidates.append(i)
        if not candidates:
            return None
        if near is None:
            return candidates[0]
        return min(candidates, key=lambda i: abs(self.money[i]["start"] - near))

    def vague_money_in(self, start: int, end: int) -> bool:
        """A deal's figure without a number in [start, end): tens of billions, 数千億円."""
        return any(
            start <= f["start"]
            and f["end"] <= end
            and f.get("amount") is None
            and f.get("role") in DEAL_MONEY_ROLES
            for f in self.money
        )

    def date_and_until(self, span: Span) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The deal's date and its deadline (「2026年末までに」, "by 2027") within ``span``."""
        date = until = None
        text = self.text
        for d in self.dates:
            if not (span[0] <= d["start"] < span[1]) or not d.get("value"):
                continue
            tail, head = text[d["end"] : d["end"] + 4], text[max(0, d["start"] - 8) : d["start"]]
            grammar = self.lexicon.grammar
            if grammar.ja_until_after.match(tail) or grammar.en_until_before.search(head):
                until = until or d
            else:
                date = date or d
        return date, until

    def term_in(self, span: Span) -> str | None:
        """The first duration of ``span``: a deal's term."""
        term = next((d for d in self.durations if span[0] <= d["start"] < span[1] and d.get("value")), None)
        return term["value"] if term else None

    def deal(
        self,
        kind: str,
        status: str | None,
        money: int | None,
        dated: Span,
        parties: list[Party],
        span: Span,
        family: str,
    ) -> Deal:
        """A deal stated in ``span``, with the date, deadline and term found in ``dated``."""
        date, until = self.date_and_until(dated)
        return Deal(
            kind=kind,
            parties=[Party(self.refs.get(p.entity, p.entity), p.role) for p in parties],
            span=span,
            status=status,
            money=money,
            duration=self.term_in(dated),
            date=date["value"] if date else None,
            until=until["value"] if until else None,
            start_date=date.get("start_date") if date else None,
            end_date=(until or date or {}).get("end_date"),
            family=family,
        )


@dataclass
class SentenceView:
    """One sentence (or clause) of an article, with what the deal rules need to read it."""

    article: ArticleView
    index: int
    start: int
    end: int
    paragraph: int
    japanese: bool
    triggers: list[Trigger]
    orgs: list[Org]
    carried: Span | None  # the subject carried from an earlier sentence, else the article's main actor
    previous: Sentence | None = None
    following: Sentence | None = None
    deals_before: list[Deal] = field(default_factory=list)  # the article's deals found so far

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    @property
    def text(self) -> str:
        """The whole article's folded text (offsets are the article's)."""
        return self.article.text

    @property
    def language(self) -> str:
        return "ja" if self.japanese else "en"

    @property
    def subjects(self) -> list[Org]:
        return [o for o in self.orgs if o.place == "subject"]

    @property
    def counters(self) -> list[Org]:
        return [o for o in self.orgs if o.place == "counter"]

    @property
    def refers_back(self) -> bool:
        """Whether the sentence's topic is a deal already stated (「このコンピューティング契約は…初めての
        提携」, "The agreement marks…"): it states no new deal without a figure of its own."""
        return bool(self.article.lexicon.refers_back.match(self.text, self.start, self.end))

    @property
    def thing_as_subject(self) -> bool:
        """Whether a project, product or place named in the sentence is its subject (「スターゲートは…
        投じる計画」, "Stargate will invest"): then no organization of an earlier sentence is."""
        grammar, first = self.article.lexicon.grammar, self.triggers[0].start if self.triggers else self.end
        for m in self.article.all_mentions:
            if m["type"] == "ORG" or not self.start <= m["start"] < self.end:
                continue
            if self.japanese and grammar.ja_topic_after.match(self.text, m["end"], m["end"] + 2):
                return True
            before = self.text[self.start : m["start"]]
            if not self.japanese and m["start"] < first and not grammar.en_not_subject_before.search(before):
                return True
        return False

    @cached_property
    def parties(self) -> tuple[Org | None, list[Org], bool]:
        """The sentence's subject (its own, else the carried one), its counterparties, and whether
        they are joint parties of one deal (coordinated subjects) rather than one deal each."""
        return resolve_parties(self)

    def money_in(
        self, start: int | None = None, end: int | None = None, near: int | None = None
    ) -> int | None:
        return self.article.money_in(
            self.start if start is None else start, self.end if end is None else end, near
        )

    def status(self) -> str | None:
        return self.article.status(self.start, self.end)

    def deal(
        self,
        kind: str,
        money: int | None,
        parties: list[Party],
        family: str,
        *,
        status: str | None = None,
        dated: Span | None = None,
    ) -> Deal:
        return self.article.deal(kind, status, money, dated or self.span, parties, self.span, family)


def resolve_parties(view: SentenceView) -> tuple[Org | None, list[Org], bool]:
    """The sentence's subject, its counterparties, and whether they are joint parties of one deal."""
    article, text, triggers, orgs, carried = view.article, view.text, view.triggers, view.orgs, view.carried
    grammar = article.lexicon.grammar
    counters = view.counters
    subjects = view.subjects
    passive = (
        not view.japanese
        and any(o.mark == "by" for o in counters)
        and any(grammar.en_passive.search(text, view.start, t.start) for t in triggers)
    )
    if passive:  # "Y was acquired by X": X acts, Y is acted on by the passive deal word
        by = [o for o in counters if o.mark == "by"]
        counters = [o for o in counters if o.mark != "by"]
        counters += [Org(o.start, o.end, "passive", "counter") for o in subjects]
        subjects = by
    if view.japanese and counters:  # 「Yとは…契約を結んできたが、Xが…」: Xが is the subject of a later clause
        first = trigger_of(counters[0], triggers, view.japanese)
        subjects = [s for s in subjects if s.start < first.start]
    joint = len(subjects) >= 2 and not counters and any(s.joint for s in subjects)
    if joint:  # XとYが / X and Y signed / 「SBG、OpenAI、MGXが出資」: one deal of them all
        subjects, counters = subjects[:1], subjects[1:]
    if not counters:
        # "to use Google TPUs" / 「Oracleのクラウドサービスに支払う」: the maker of what is bought
        owners = [
            o for o in orgs if o.mark in ("vendor", "の") and (not subjects or o.start > subjects[0].end)
        ]
        counters = owners[:1]
    # "buy capacity from the company", 「同社から調達」: the article's company, already named
    if (
        not counters
        and subjects
        and carried is not None
        and grammar.same_company.search(text, view.start, view.end)
    ):
        counters = [carried_org(carried, "counter")]
    if not subjects:  # "“…,” OpenAI said": the speaker of a quotation states its deals
        subjects = [o for o in orgs if o.span in article.speakers][:1]
    if not subjects and carried is not None and counters:
        subjects = [carried_org(carried, "subject")]
    subject = subjects[0] if subjects else None
    if subject is not None:
        counters = [c for c in counters if article.name(c) != article.name(subject)]
    return subject, counters, joint
