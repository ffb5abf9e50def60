"""``lexicons/deal_triggers.yaml`` compiled once, when the pipeline is built.

Every word list the deal rules read is here, as data; the rule modules hold no word in a regular
expression, only the grammar around the words (a particle after a name, a preposition before it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newskb.ingest import lexicons
from newskb.ingest.components.deals.descriptors import Descriptors
from newskb.ingest.numbers import fold
from newskb.ingest.patterns import alternation

NEVER = "(?!)"


def words_pattern(words: list[str] | None) -> str:
    """One regex for a lexicon list: plain words (folded, case-insensitive, on word boundaries for
    Latin words, any run of spaces inside) and gapped ones ("put … into")."""
    words = words or []
    plain = [fold(w) for w in words if "…" not in w]
    gapped = [_gapped(w) for w in words if "…" in w]
    found = "|".join(
        p for p in [alternation(plain, spaces=r"\s+", bound_latin=True, ignore_case=True), *gapped] if p
    )
    return found or NEVER


def _gapped(word: str) -> str:
    """A lexicon entry with a gap: "put … into" matches "put $2 billion into" (up to five words)."""
    first, last = (re.escape(fold(part).strip()).replace(r"\ ", r"\s+") for part in word.split("…", 1))
    return rf"(?i:(?<![A-Za-z]){first}\s+(?:\S+\s+){{0,5}}?{last}(?![A-Za-z]))"


def _compile(words: list[str] | None, flags: int = 0) -> re.Pattern[str]:
    return re.compile(words_pattern(words), flags)


def _any(words: list[str], **options: object) -> str:
    """A non-capturing group matching any of ``words`` (escaped, longest first)."""
    return f"(?:{alternation(words, **options) or NEVER})"  # type: ignore[arg-type]


def _lead_in(data: dict[str, list[str]]) -> str:
    """An optional lead-in before a sentence's opener: its source (「同社によると、」, "According to the
    filing, ") or a qualifier (「追加の」)."""
    after = words_pattern(data.get("after_source"))
    before = words_pattern(data.get("before_source"))
    qualifiers = words_pattern(data.get("qualifiers"))
    return (
        rf"(?:[^、。,.]{{0,24}}?(?:{after})[、,]\s*|(?:{before})[^,.。]{{0,60}},\s*)?"
        rf"(?:(?:{qualifiers})\s*)?"
    )


# An alias in parentheses after a name: Amazon Web Services (AWS)
PAREN = r"(?:\s?\([^()]{0,40}\))?"


@dataclass
class DealGrammar:
    """``lexicons/deal_grammar.yaml``: the function words that place organizations, compiled."""

    ja_subject: frozenset[str]
    ja_counter: frozenset[str]
    ja_partner: frozenset[str]
    ja_coordination: frozenset[str]
    ja_lead: frozenset[str]
    ja_maker: frozenset[str]
    ja_by: frozenset[str]
    ja_no_party: frozenset[str]  # 「…によると」, 「…として」: named, no party
    ja_via: frozenset[str]  # 「…を通じて」: the vehicle of the subject
    ja_goods: re.Pattern[str]  # 「TPUを…購入」: goods, not a company, bought
    ja_reports: re.Pattern[str]  # 「…と報じた。」 at the end of the sentence
    ja_reported_right_after: re.Pattern[str]  # 「ブルームバーグが報じた」
    ja_topic: frozenset[str]
    en_reports: re.Pattern[str]  # " reported", " first reported" right after an outlet's name
    en_reported_by: re.Pattern[str]  # "reported by " right before it
    ja_mark: re.Pattern[str]  # a name's particle, in group "p"
    ja_adjacent: re.Pattern[str]  # what joins two coordinated names
    ja_lender: re.Pattern[str]  # 「による協調融資」
    ja_passive: re.Pattern[str]
    ja_lends: re.Pattern[str]
    ja_topic_after: re.Pattern[str]  # a subject particle right after a deal word: 「Yとの契約は…」
    ja_money_goes_to: re.Pattern[str]  # 「…の基盤に」: where money goes, not a party's particle
    ja_until_after: re.Pattern[str]
    en_counter_before: re.Pattern[str]
    en_not_subject_before: re.Pattern[str]
    en_coordination: re.Pattern[str]
    en_lead_before: re.Pattern[str]
    en_served_before: re.Pattern[str]  # "host clusters for", "run its models on": a counterparty follows
    en_by_before: re.Pattern[str]
    en_object: re.Pattern[str]  # between a deal word and its object
    en_product_after: re.Pattern[str]
    en_goods: re.Pattern[str]
    en_supply: re.Pattern[str]
    en_to_before: re.Pattern[str]
    en_passive: re.Pattern[str]
    en_pronoun_clause: re.Pattern[str]
    en_until_before: re.Pattern[str]
    same_company: re.Pattern[str]
    respectively: re.Pattern[str]
    en_not_in_deal_phrase: frozenset[str]
    en_clause_glue: frozenset[str]
    en_place_before: re.Pattern[str]  # "in ", "near the ": a place, not an actor, follows
    en_via_before: re.Pattern[str]  # "through ", "via ": a vehicle follows
    en_time_nouns: frozenset[str]
    en_speech_verb: re.Pattern[str]  # a verb of saying, as a whole word
    en_speaker_after: re.Pattern[str]  # after a speaker's name: " said", " also told"

    @classmethod
    def load(cls, path: str | Path = "deal_grammar.yaml") -> DealGrammar:
        data = lexicons.load_yaml(path)
        ja, en = data["ja"], data["en"]
        particles = {place: frozenset(words) for place, words in ja["particles"].items()}
        every_particle = sorted(set().union(*particles.values()))
        suffix = _any(ja["name_suffixes"])
        others = (
            rf"(?:{_any(ja['and_others'])}(?:[0-9０-９一二三四五六七八九十数]+{_any(ja['counted_by'])})?)?"
        )
        coordination = sorted(particles["coordination"])
        no_party_ni = [w for w in particles["no_party"] | particles["by"] if w.startswith("に")]
        counter = [w for w in en["counter_before"] if w != "to"]
        not_to = "".join(rf"(?<!{re.escape(w)} )" for w in en["not_counter_before_to"])
        spaced = r"\s+"
        coordination_en = _any(en["coordination"], spaces=r"\s*")
        lead_before = _any(en["lead_before"], spaces=spaced)
        same_company_en = _any(en["same_company"], spaces=spaced)
        objects = (
            rf"\s+(?:of\s+|for\s+|to\s+(?!{_any(en['purpose_verbs'])}\b)[a-z]+\s+)?"
            rf"(?:(?:a|an|the)\s+)?(?:(?:[\w%.-]+\s+)?{_any(en['stake'])}\s+in\s+(?:the\s+)?)?"
        )
        products = f"{alternation(en['products'])}|{alternation(en['product_names_after'])}"
        goods = f"{alternation(en['products'])}|{alternation(en['goods'])}"
        pronoun_clause = (
            rf"(?:,\s+{_any(en['clause_joints'])}|;)\s+(?P<rest>(?:[\w-]+\s+){{0,3}}?"
            rf"(?P<pronoun>{alternation(en['pronoun_subjects'])})\s+"
            rf"(?:{_any(en['pronoun_verb_openers'])}\s+)?[a-z]+\b)"
        )
        return cls(
            ja_subject=particles["subject"],
            ja_counter=particles["counter"],
            ja_partner=particles["partner"],
            ja_coordination=particles["coordination"],
            ja_lead=particles["lead"],
            ja_maker=particles["maker"],
            ja_by=particles["by"],
            ja_no_party=particles["no_party"],
            ja_via=particles["via"],
            ja_goods=re.compile(_any(ja["goods"])),
            ja_reports=re.compile(rf"{_any(ja['reports'])}[。]?\s*$"),
            ja_reported_right_after=re.compile(rf"\s?{_any(ja['reported_right_after'])}"),
            ja_topic=frozenset(ja["topic"]),
            # (its verb ends the sentence or opens what it reports: "CoreWeave reported results" is no outlet)
            # (or what it cites: "…, Bloomberg News reported, citing people familiar with the matter")
            en_reports=re.compile(
                rf"(?i),?\s+{_any(en['reports'], spaces=spaced)}(?:\s+that\b|\s*(?:on\s+\w+)?[.,]?[\s\"”]*$"
                rf"|\s*(?:on\s+\w+)?,\s+{_any(en['report_sources'], spaces=spaced)}\b)"
            ),
            en_reported_by=re.compile(rf"(?i)\b{_any(en['reported_by'], spaces=spaced)}\s+(?:the\s+)?$"),
            # (「OpenAI と AMD が」: some outlets put a space between a Latin name and its particle)
            ja_mark=re.compile(rf"{PAREN}\)?{suffix}?{others}[ \u3000]?(?P<p>{alternation(every_particle)})"),
            ja_adjacent=re.compile(
                rf"{PAREN}\)?{suffix}?[ \u3000]?(?:{alternation(coordination)}|,\s?)\s?"
                r"(?:[^、。「」]{0,24}の[^、。「」をがはにと]{0,8})?"
            ),
            ja_lender=re.compile(
                rf"{PAREN}\)?{_any(sorted(particles['by']))}{_any(ja['loan_kinds'])}?"
                rf"{_any(ja['loans'])}"
            ),
            ja_passive=re.compile(rf"(?:を)?{_any(ja['passive'])}"),
            ja_lends=re.compile(rf"(?:を)?{_any(ja['lends'])}"),
            ja_topic_after=re.compile(rf"\s?{_any(sorted(particles['subject']))}"),
            ja_money_goes_to=re.compile(rf"(?!{_any(no_party_ni)})[にへ]"),
            ja_until_after=re.compile(rf"\s?{_any(ja['until_after'])}"),
            en_counter_before=re.compile(rf"(?i)\b(?:{alternation(counter)}|{not_to}to)\s+(?:the\s+)?$"),
            en_not_subject_before=re.compile(rf"(?i)\b{_any(en['not_subject_before'])}\s+(?:the\s+)?$"),
            en_coordination=re.compile(rf"(?i)^(?:\s*\([^()]{{0,40}}\))?\s*{coordination_en}\s+(?:the\s+)?$"),
            en_lead_before=re.compile(rf"(?i)\b{lead_before}\s+(?:the\s+)?$"),
            en_served_before=re.compile(
                rf"(?i)\b{_any(en['served_verbs'])}(?:\s+[\w'’-]+){{0,4}}?\s+{_any(en['served_before'])}"
                r"\s+(?:the\s+)?$"
            ),
            en_by_before=re.compile(r"(?i)\bby\s+(?:the\s+)?$"),
            en_object=re.compile(objects),
            en_product_after=re.compile(rf"(?:['’]s)?\s+(?:{products})\b"),
            en_goods=re.compile(rf"(?i)\b(?:{goods})\b"),
            en_supply=re.compile(rf"(?i)\b{_any(en['supply_verbs'])}\b"),
            en_to_before=re.compile(r"(?i)\bto\s+(?:the\s+)?$"),
            en_passive=re.compile(rf"(?i)\b{_any(en['passive_auxiliaries'])}\s+(?:\w+\s+)?$"),
            en_pronoun_clause=re.compile(pronoun_clause),
            en_until_before=re.compile(rf"(?i)\b{_any(en['until_before'])}\s+(?:the\s+end\s+of\s+)?$"),
            same_company=re.compile(
                rf"(?i)\b{_any(en['same_company_before'])}\s+{same_company_en}\b"
                rf"|{_any(ja['same_company'])}{_any(ja['same_company_particles'])}"
            ),
            respectively=re.compile(_any([*ja["respectively"], *en["respectively"]]), re.IGNORECASE),
            en_not_in_deal_phrase=frozenset(w.casefold() for w in en["not_in_deal_phrase"]),
            en_clause_glue=frozenset(w.casefold() for w in en["clause_glue"]),
            en_place_before=re.compile(rf"(?i)\b{_any(en['place_before'])}\s+(?:the\s+)?$"),
            en_via_before=re.compile(rf"(?i)\b{_any(en['via_before'])}\s+(?:the\s+|its\s+)?$"),
            en_time_nouns=frozenset(w.casefold() for w in en["time_nouns"]),
            en_speech_verb=re.compile(rf"(?i)\b{_any([*en['speech_verbs'], 'according'])}\b"),
            en_speaker_after=re.compile(rf"(?i)\s+(?:also\s+|later\s+)?{_any(en['speech_verbs'])}\b"),
        )


@dataclass
class TotalWords:
    """``totals`` of ``deal_triggers.yaml``, compiled."""

    total_before: re.Pattern[str]
    not_total_of: re.Pattern[str]
    tranche: re.Pattern[str]
    contribution: re.Pattern[str]  # "is contributing", 「…を負担する」: who puts in how much
    part: re.Pattern[str]  # "now and a further", 「残りの」: a deal paid in parts
    breakdown: re.Pattern[str]
    breakdown_word: re.Pattern[str]  # anywhere in a sentence: 「…の内訳」, "breakdown of"

    @classmethod
    def of(cls, data: dict[str, list[str]]) -> TotalWords:
        return cls(
            total_before=re.compile(words_pattern(data.get("total_before")), re.IGNORECASE),
            not_total_of=re.compile(words_pattern(data.get("not_total_of")), re.IGNORECASE),
            tranche=re.compile(words_pattern(data.get("tranches")), re.IGNORECASE),
            contribution=re.compile(words_pattern(data.get("contributions")), re.IGNORECASE),
            part=re.compile(words_pattern(data.get("parts")), re.IGNORECASE),
            breakdown=re.compile(
                rf"\s*(?:\S{{0,6}}の)?(?:{words_pattern(data.get('breakdown'))})", re.IGNORECASE
            ),
            breakdown_word=re.compile(words_pattern(data.get("breakdown_headings")), re.IGNORECASE),
        )


@dataclass
class SupportWords:
    """``support.yaml``, compiled."""

    words: re.Pattern[str]
    labels: frozenset[str]
    ending: re.Pattern[str]
    opening: re.Pattern[str]
    list_reach: int
    agreements: re.Pattern[str]
    counted: re.Pattern[str]  # recipients counted, not named: 3社, 複数社, several companies
    official_after: re.Pattern[str]  # 「高松市長」, 「香川県の池田豊人知事」: the government's official

    @classmethod
    def load(cls, path: str | Path = "support.yaml") -> SupportWords:
        data = lexicons.load_yaml(path)
        return cls(
            words=re.compile(words_pattern(data.get("words"))),
            labels=frozenset(data.get("labels") or []),
            ending=re.compile(rf"(?:{words_pattern(data.get('name_endings'))})$"),
            opening=re.compile(rf"^(?:{words_pattern(data.get('name_openings'))})"),
            list_reach=int(data.get("list_reach") or 0),
            agreements=re.compile(words_pattern(data.get("agreements"))),
            official_after=re.compile(rf"(?:の[^、。,]{{0,8}}?)?(?:{words_pattern(data.get('officials'))})"),
            counted=re.compile(
                rf"(?i)(?:[0-9０-９一二三四五六七八九十]+|数|複数|各|several|multiple|\d+|two|three|four|five|six|"
                rf"seven|eight|nine|ten)\s*(?:{words_pattern(data.get('counted_recipients'))})"
            ),
        )


@dataclass
class BondWords:
    """``bonds`` of ``deal_triggers.yaml``, compiled."""

    bonds: re.Pattern[str]  # 社債, 私募債
    underwrite: re.Pattern[str]  # 引き受
    issuer_after: re.Pattern[str]  # right after the issuer's name: が発行する, の

    @classmethod
    def of(cls, data: dict[str, list[str]]) -> BondWords:
        return cls(
            bonds=re.compile(words_pattern(data.get("words"))),
            underwrite=re.compile(words_pattern(data.get("underwrite"))),
            issuer_after=re.compile(rf"{PAREN}(?:{words_pattern(data.get('issuer_after'))})"),
        )


@dataclass
class VentureWords:
    """``ventures`` of ``deal_triggers.yaml``, compiled."""

    words: re.Pattern[str]
    members_before: re.Pattern[str]  # right after the venture word: "between", "of"
    member_words: re.Pattern[str]

    @classmethod
    def of(cls, data: dict[str, list[str]]) -> VentureWords:
        return cls(
            words=re.compile(words_pattern(data.get("words"))),
            members_before=re.compile(rf"\s+(?:{words_pattern(data.get('members_before'))})\s+(?:the\s+)?"),
            member_words=re.compile(words_pattern(data.get("member_words"))),
        )


@dataclass
class SupplyWords:
    """``counted_supply`` of ``deal_triggers.yaml``, compiled: words of the subject supplying, buying."""

    provides: re.Pattern[str]
    buys: re.Pattern[str]

    @classmethod
    def of(cls, data: dict[str, list[str]]) -> SupplyWords:
        return cls(
            provides=_compile(data.get("provides"), re.IGNORECASE),
            buys=_compile(data.get("buys"), re.IGNORECASE),
        )


@dataclass
class DealLexicon:
    """The deal words, their kinds and roles, and the word lists of every rule family."""

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
    # a sentence whose topic is a deal already stated: 「この契約は」, "The deal"
    refers_back: re.Pattern[str]
    realized: re.Pattern[str]
    made_without_terms: re.Pattern[str]  # "has bought", 「買収額は非公表」: made, its amount untold
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
    capex_amount_opener: re.Pattern[str]  # 「投資額は」: a sentence giving an investment's amount
    capex_joint: re.Pattern[str]  # 「共同で建設する」: several companies building together
    not_deal_nouns: re.Pattern[str]
    called_off: re.Pattern[str]  # "talks collapsed", 「交渉を打ち切った」: the deal named was given up
    not_yet_made: re.Pattern[str]  # 「提携を検討している」, "hopes to sign": no deal made without a figure
    not_deal_en: re.Pattern[str]  # a stock rating ("rates the stock a buy"), ending right at the deal word
    jointly: re.Pattern[str]
    grammar: DealGrammar
    descriptors: Descriptors
    totals: TotalWords
    support: SupportWords
    ventures: VentureWords
    bonds: BondWords
    supply: SupplyWords

    @classmethod
    def load(
        cls,
        path: str | Path = "deal_triggers.yaml",
        grammar: str | Path = "deal_grammar.yaml",
        descriptors: str | Path = "descriptors.yaml",
        support: str | Path = "support.yaml",
    ) -> DealLexicon:
        data = lexicons.load_yaml(path)
        kind_of = {fold(w).casefold(): kind for kind, d in data["triggers"].items() for w in d["words"]}
        trigger_words = list(kind_of)
        capex = data.get("own_capex") or {}
        capex_words = capex.get("words") or []
        kind_of.update(
            {fold(w).casefold(): "investment" for w in capex_words if fold(w).casefold() not in kind_of}
        )
        roles = {kind: (d["roles"][0], d["roles"][1]) for kind, d in data["triggers"].items()}
        status_of = {fold(w).casefold(): s for s, ws in data["status"].items() for w in ws}
        ja = words_pattern(data["anaphora"]["ja"])
        en = words_pattern(data["anaphora"]["en"])
        return cls(
            kind_of=kind_of,
            roles=roles,
            status_of=status_of,
            provider_subject={fold(w).casefold() for w in data.get("provider_subject") or []},
            single_party_kinds=set(data.get("single_party_kinds") or []),
            single_party_words={fold(w).casefold() for w in data.get("single_party_words") or []},
            trigger=_compile(trigger_words),
            capex_trigger=_compile(capex_words),
            compute=_compile(data["compute_words"]),
            status=_compile(list(status_of)),
            # この380億ドルの投資 / 今回のAWS契約: the pointer, then a short noun phrase without particles.
            anaphora_ja=re.compile(rf"(?<![\u3400-\u9FFF])(?:{ja})[^、。がはをにとで]{{0,16}}$"),
            anaphora_en=re.compile(rf"(?:{en})\s+(?P<gap>(?:[\w$.,-]+\s+){{0,3}})$"),
            refers_back=re.compile(
                rf"\s*(?:[^、。]{{0,6}}、)?(?:{ja})[^、。]{{0,16}}?(?:{words_pattern(trigger_words)})[^、。]{{0,6}}?(?:は|も)"
                rf"|\s*(?:{en})\s+(?:[\w$.,-]+\s+){{0,3}}?(?:{words_pattern(trigger_words)})\s+"
                rf"(?:is|was|marks|comes|follows|would|will|could|has|includes|covers)\b"
            ),
            realized=re.compile(rf"{PAREN}(?:{words_pattern(data['realized_after_ja'])})"),
            made_without_terms=_compile(data.get("made_without_terms"), re.IGNORECASE),
            term_opener=re.compile(rf"\s*(?:{words_pattern(data.get('term_openers'))})"),
            amount_opener=re.compile(
                rf"\s*{_lead_in(data.get('amount_lead_ins') or {})}"
                rf"(?:{words_pattern(data.get('amount_openers'))})",
                re.IGNORECASE,
            ),
            priority=list(data["triggers"]),
            per_units=set(data.get("deal_per_units") or []),
            not_party=re.compile(rf"{PAREN}(?:{words_pattern(data.get('not_party_after'))})"),
            round_investors=_compile(data.get("round_investors")),
            round_contributions=_compile(data.get("round_contributions")),
            both_parties=_compile(data.get("both_parties"), re.IGNORECASE),
            gapped=[(re.compile(_gapped(w)), w) for w in kind_of if "…" in w],
            capex_object=_compile(capex.get("objects"), re.IGNORECASE),
            capex_not=_compile(capex.get("not_with"), re.IGNORECASE),
            capex_plan=_compile(capex.get("plan_words"), re.IGNORECASE),
            capex_spend=_compile(capex.get("spend_words"), re.IGNORECASE),
            capex_joint=_compile(capex.get("joint_words"), re.IGNORECASE),
            capex_amount_opener=re.compile(
                rf"\s*(?:{words_pattern(capex.get('amount_openers'))})", re.IGNORECASE
            ),
            not_deal_nouns=_compile(data.get("not_deal_nouns_ja")),
            called_off=_compile(data.get("called_off"), re.IGNORECASE),
            not_yet_made=_compile(data.get("not_yet_made"), re.IGNORECASE),
            not_deal_en=re.compile(rf"(?:{words_pattern(data.get('not_deal_en'))})$"),
            jointly=_compile(data.get("jointly_words")),
            valued_before=re.compile(
                rf"(?:{words_pattern(data.get('valued_deal_before'))})\s*$", re.IGNORECASE
            ),
            grammar=DealGrammar.load(grammar),
            descriptors=Descriptors.load(descriptors),
            totals=TotalWords.of(data.get("totals") or {}),
            support=SupportWords.load(support),
            ventures=VentureWords.of(data.get("ventures") or {}),
            bonds=BondWords.of(data.get("bonds") or {}),
            supply=SupplyWords.of(data.get("counted_supply") or {}),
        )

    def key(self, word: str) -> str:
        """The lexicon entry a matched word is: itself, or the gapped entry it fits ("put … into")."""
        found = re.sub(r"\s+", " ", fold(word).casefold())
        if found not in self.kind_of:
            found = next((entry for pattern, entry in self.gapped if pattern.fullmatch(found)), found)
        return found
