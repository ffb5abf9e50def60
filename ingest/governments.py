"""Governments as actors: a country's government, and a local government where it acts.

Two rule families over an article's text and the mentions already found (the entities component
runs them after the gazetteer, the rules and the model have named things); their words are in
``lexicons/governments.yaml``.

* :class:`NationalGovernments`: a word that names "the government" without saying whose
  (「政府は…方針」, "the government said") is an organization: Japanese 政府 is the government of
  the country written right before it (米政府, マレーシア政府) or else Japan's; English "the
  government" is the one named last before it, else that of the country the article names most.
  "<country> government" and "<country>'s government" are that country's.
* :class:`LocalGovernments`: a Japanese prefecture or municipality that signs, approves, grants or
  invites (「香川県と高松市は立地協定を締結」, 「県から補助を受ける」) is an organization, named apart
  from the place (Kagawa Prefectural Government, 高松市役所); the same name as the place of
  something (「香川県高松市に建設」, 「県内」) stays a place.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

Mention = dict[str, Any]
GOVERNMENT = "Government"

# A character that continues a Japanese or Latin word: a bare word right after one is a compound.
_WORD_CHAR = re.compile(r"[\u3400-\u9FFF\u30A0-\u30FFA-Za-z0-9]")
_SENTENCE_END = re.compile(r"[。\n]")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _government_mention(start: int, end: int, text: str, name: str) -> Mention:
    return {"start": start, "end": end, "text": text[start:end], "label": GOVERNMENT, "type": "ORG",
            "name": name, "source": "rule", "actor": True}


class NationalGovernments:
    """Mentions of national governments named by a bare word or after their country."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.governments: dict[str, str] = dict(spec.get("governments") or {})
        self.bare = {lang: re.compile(rf"(?<![A-Za-z])(?:{_alternation(words)})(?![A-Za-z\-])", re.IGNORECASE)
                     for lang, words in (spec.get("bare") or {}).items()}
        self.not_before = re.compile(_alternation(spec.get("ja_not_before") or []) or r"(?!)")
        self.prefixes: dict[str, str] = dict(spec.get("ja_country_prefixes") or {})
        self.home = {"ja": "Japan"}

    def government_of(self, country: str) -> str:
        return self.governments.get(country) or f"Government of {country}"

    def is_government(self, name: str) -> bool:
        return name in self.governments.values() or name.startswith("Government of ")

    def add(self, text: str, mentions: list[Mention], lang: str,
            place_name: Callable[[str], str | None]) -> list[Mention]:
        """``mentions`` with the governments that bare words name. A place right before its
        government word ("マレーシア政府", "Malaysia's government") becomes part of that mention;
        ``place_name`` gives the canonical name of a place written in a longer name (中国政府)."""
        regex = self.bare.get(lang)
        if regex is None:
            return mentions
        taken = sorted((self._renamed(m, regex, place_name) for m in mentions), key=lambda m: m["start"])
        countries = Counter(m["name"] for m in taken if m["type"] == "GPE" and m["label"] == "Country")
        added: list[Mention] = []
        replaced: set[int] = set()
        for hit in regex.finditer(text):
            start, end = hit.span()
            if any(m["start"] < end and start < m["end"] for m in taken):
                continue  # inside a name found already (日本政府 in the gazetteer)
            before = [m for m in taken if m["end"] <= start]
            place = before[-1] if before and before[-1]["type"] == "GPE" else None
            if place is not None and _joined(text, place["end"], start, lang):
                replaced.add(id(place))
                government = self.government_of(place["name"])
                added.append(_government_mention(place["start"], end, text, government))
                continue
            name = self._resolve(text, start, end, lang, before + added, countries)
            if name is not None:
                added.append(_government_mention(start, end, text, name))
        if not added:
            return taken
        kept = [m for m in taken if id(m) not in replaced]
        return sorted(kept + added, key=lambda m: m["start"])

    def _renamed(self, m: Mention, bare: re.Pattern[str], place_name: Callable[[str], str | None]) -> Mention:
        """A name the model or a rule found that is a place and a government word (中国政府) is
        that place's government."""
        if m["type"] != "ORG" or m["source"] == "gazetteer":
            return m
        text = m["text"]
        word = next((w for w in bare.finditer(text) if 0 < w.start() and w.end() == len(text)), None)
        if word is None:
            return m
        prefix = m["text"][:word.start()].rstrip()
        prefix = re.sub(r"(?:['’]s|の)$", "", prefix)
        country = self.prefixes.get(prefix) or place_name(prefix)
        if country is None:
            return m
        return {**m, "name": self.government_of(country), "label": GOVERNMENT}

    def _resolve(self, text: str, start: int, end: int, lang: str, before: list[Mention],
                 countries: Counter[str]) -> str | None:
        """Whose government a bare word names, or None when it names none in particular."""
        last = next((m["name"] for m in reversed(before) if self.is_government(m["name"])), None)
        if lang == "ja":
            if self.not_before.match(text, end):
                return None
            previous = text[start - 1] if start else ""
            if previous == "同":
                return last
            if previous in self.prefixes and not (start > 1 and _WORD_CHAR.match(text[start - 2])):
                return self.government_of(self.prefixes[previous])
            if previous and _WORD_CHAR.match(previous):
                return None  # 州政府, 各国政府: someone else's
            return self.government_of(self.home["ja"])
        if not re.search(r"(?i)\bthe\s+$", text[max(0, start - 4):start]):
            return None  # 'a government', 'government officials': none in particular
        if last is not None:
            return last
        if countries:
            return self.government_of(countries.most_common(1)[0][0])
        return None


def _joined(text: str, end: int, start: int, lang: str) -> bool:
    """A country written right before a government word: マレーシア政府, Japan's government."""
    between = text[end:start]
    if lang == "ja":
        return between == ""
    return re.fullmatch(r"(?:['’]s)?\s", between) is not None


class LocalGovernments:
    """Prefectures, municipalities and counties retyped or added as organizations where they act."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.endings: dict[str, dict[str, str]] = dict(spec.get("ja_endings") or {})
        self.en_suffixes = re.compile(rf"\s+(?:{_alternation(spec.get('en_place_suffixes') or [])})$")
        self.particle = re.compile(_alternation(spec.get("ja_particles") or []))
        self.coordinator = re.compile(_alternation(spec.get("ja_coordinators") or []))
        self.action = re.compile(_alternation(spec.get("ja_actions") or []))
        self.act_after_no = re.compile(rf"の(?:{_alternation(spec.get('ja_acts_after_no') or [])})")
        heads = _alternation(spec.get("ja_heads") or [])
        self.head = re.compile(heads or r"(?!)")
        prefecture = _alternation([e for e in self.endings if e in "都道府県"])
        municipality = _alternation([e for e in self.endings if e not in "都道府県"])
        # a municipality between a person's name and its head's title: 「前田武俊綾川町長」
        self.place_before_head = re.compile(
            rf"[\u3400-\u9FFFヶ]{{1,5}}?(?:(?:{prefecture})(?=知事)|(?:{municipality})(?=長))")
        kinds = _alternation(spec.get("en_kinds") or [])
        self.en_named = re.compile(
            rf"(?<![A-Za-z])(?!(?:The|A|An|In|Of)\b)[A-Z][\w'\-]*(?: [A-Z][\w'\-]*){{0,2}} "
            rf"(?:{kinds})(?![A-Za-z])")
        self.en_body = re.compile(rf"\b(?:{kinds.lower()}) (?:{_alternation(spec.get('en_bodies') or [])})\b")

    def name_of(self, mention: Mention) -> str:
        """The government's name: after the place's English name when it has one, else its office's."""
        text = mention["text"]
        forms = self.endings[text[-1]]
        if re.match(r"[A-Za-z]", mention["name"]):
            return f"{self.en_suffixes.sub('', mention['name'])} {forms['en']}"
        return text + forms["ja"]

    def _is_place(self, m: Mention) -> bool:
        return m["type"] == "GPE" and len(m["text"]) >= 2 and m["text"][-1] in self.endings

    def retype(self, text: str, mentions: list[Mention], lang: str) -> list[Mention]:
        if lang == "en":
            return self._english_counties(text, mentions)
        if lang != "ja":
            return mentions
        mentions = [self._place_taken_for_a_person(text, m) for m in mentions]
        ordered = sorted(mentions + self._places_before_heads(text, mentions), key=lambda m: m["start"])
        acting: set[int] = set()
        # Right to left, so that 「香川県と高松市は…締結」 reaches 香川県 through the 高松市 that acts.
        for i in reversed(range(len(ordered))):
            m = ordered[i]
            if not self._is_place(m):
                continue
            if self._acts(text, m["end"], ordered[i + 1:]):
                acting.add(i)
            elif i + 1 < len(ordered) and i + 1 in acting:
                joint = text[m["end"]:ordered[i + 1]["start"]]
                if self.coordinator.fullmatch(joint):
                    acting.add(i)
        return [{**m, "type": "ORG", "label": GOVERNMENT, "name": self.name_of(m),
                 "source": "rule" if m["source"] == "head" else m["source"]} if i in acting else m
                for i, m in enumerate(ordered) if i in acting or m["source"] != "head"]

    def _place_taken_for_a_person(self, text: str, m: Mention) -> Mention:
        """A municipality right before its head's title is a place, though the model read a
        person there (「…早島町長」)."""
        if m["type"] == "PERSON" and m["text"][-1:] in self.endings and self.head.match(text, m["end"]) \
                and self.place_before_head.match(m["text"] + text[m["end"]:m["end"] + 2]):
            return {**m, "type": "GPE", "label": "City", "name": m["text"]}
        return m

    def _places_before_heads(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Municipalities named between a person and a head's title, which the model leaves out."""
        found = []
        for person in (m for m in mentions if m["type"] == "PERSON"):
            place = self.place_before_head.match(text, person["end"])
            if place and not any(m["start"] < place.end() and place.start() < m["end"] for m in mentions):
                found.append({"start": place.start(), "end": place.end(), "text": place.group(),
                              "label": "City", "type": "GPE", "name": place.group(), "source": "head",
                              "actor": True})
        return found

    def _acts(self, text: str, end: int, after: list[Mention]) -> bool:
        if self.act_after_no.match(text, end):
            return True
        # through its head: 「香川県知事」, 「高松市長」, 「香川県の池田豊人知事」
        person = next((m for m in after if m["start"] == end + 1 and m["type"] == "PERSON"), None)
        at = person["end"] if person is not None and text.startswith("の", end) else end
        head = self.head.match(text, at)
        joint = self.particle.match(text, head.end()) if head else self.particle.match(text, end)
        if joint is None and head:
            joint = self.coordinator.match(text, head.end())
        if joint is None:
            return False
        stop = _SENTENCE_END.search(text, joint.end())
        clause = text[joint.end(): stop.start() if stop else len(text)]
        return self.action.search(clause) is not None

    def _english_counties(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The one county an article names acts where its commissioners or officials do."""
        named = {m.group() for m in self.en_named.finditer(text)}
        acting = {m["name"] for m in mentions if m["type"] == "ORG" and m["name"] in named}
        if len(named) != 1 or not (acting or self.en_body.search(text)):
            return mentions
        added = [_government_mention(m.start(), m.end(), text, m.group())
                 for m in self.en_named.finditer(text)
                 if not any(o["start"] < m.end() and m.start() < o["end"] for o in mentions)]
        return sorted(mentions + added, key=lambda m: m["start"])
