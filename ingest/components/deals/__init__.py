"""Deals: ``newskb_deals`` sets ``doc._.deals`` from everyone else's facts.

It runs last and reads ``doc._.mentions`` (the parties), ``doc._.money`` (the amount),
``doc._.dates`` and ``doc._.durations`` (the term). The package is a set of named rule families,
each a small module that reads a typed view of one sentence (``view.SentenceView``: its text span,
language, deal words, organizations with their grammatical places, the subject carried from
before) and returns typed deals (``model.Deal``):

* ``each_subject`` — subjects with an amount each (「Microsoftが130億ドル、SBGが300億ドルを出資」);
* ``two_party`` — a subject and its counterparties, one deal each, list items with their own figures;
* ``single_party`` — new borrowing of one party, one party building its own (capex);
* ``both_parties`` — 「両社は…契約を結んだ」, 「両社は合計で…出資」: a further deal of the two parties
  before, or of the companies the sentence before names together;
* ``funding_round`` — a round, and the investors the next sentences name;
* ``capex_plan`` — a company's plan for its capital spending, and 「…を建設し、総事業費は…」 (its clause);
* ``follow_up`` — 「契約期間は7年間」, 「契約額は174億ドル」: the term or amount of the deal just stated;
* ``reported_speech`` — a deal inside 「…と発表した」 or "X said it will…", its speaker a party;
* ``descriptors`` — parties described, not named ("the ChatGPT maker", 同社), resolved in the article;
* ``totals`` — totals, tranches and add-ons: a deal each, the parts linked to their total (``part_of``),
  who contributes how much ("X is contributing $600 million and Y the remaining…") and payment in parts
  ("$500 million up front and a further $250 million", "in two installments, $2.5 billion in March and…");
* ``government_support`` — a ministry or government granting money, lists of recipients included;
* ``project_venture`` — a venture of several named members and one figure, a project's financing;
* ``local_agreement`` — agreements with local governments (立地協定) and the investment they state;
* ``counted_supply`` — a supply of a stated number of accelerators, with no amount;
* ``made_without_terms`` — a deal stated as made though not for how much ("without disclosing terms");
* ``called_off`` — a deal given up (talks collapsed or stalled, a bid abandoned, 交渉を打ち切った): no deal;
* ``underwritten_bonds`` — 「Xが発行する社債…を、Yが引き受けた」: a loan of the issuer, the underwriters
  lending.

``sentences`` cuts sentences and clauses, ``places`` places organizations (particles,
prepositions, the dependency parse), ``parties`` picks subject and counterparties, ``merge`` merges
statements of one deal; kinds shared with ``kb`` are in ``ingest.deal_kinds``. Word lists are in
``lexicons/deal_triggers.yaml`` (deal words), ``deal_grammar.yaml`` (the function words that place
organizations), ``descriptors.yaml`` and ``support.yaml``. ``extractor`` runs the families over an article.

Each item of ``doc._.deals`` is a dict with the columns of ``deals`` (kind, status, amount, currency,
usd, approx, duration, date, until, start_date, end_date), ``start``/``end`` (the evidence sentence),
``money`` (index into ``doc._.money``), ``parties`` (``{"entity": (start, end), "role": …}``),
``key`` (unique within the document) and ``part_of`` (the key of the total it is a part of, or None).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newskb.ingest.components.deals.extractor import DealExtractor
from newskb.ingest.components.deals.lexicon import DealLexicon
from newskb.ingest.components.deals.model import Deal, Org, Party, Trigger

__all__ = ["Deal", "DealExtractor", "DealLexicon", "Org", "Party", "Trigger", "make_deals"]

for _name in ("deals", "mentions", "money", "dates", "durations", "gpu_specs"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "newskb_deals",
    assigns=["doc._.deals"],
    default_config={
        "triggers": "deal_triggers.yaml",
        "grammar": "deal_grammar.yaml",
        "descriptors": "descriptors.yaml",
        "support": "support.yaml",
    },
)
def make_deals(
    nlp: Language, name: str, triggers: str, grammar: str, descriptors: str, support: str
) -> DealExtractor:
    return DealExtractor(DealLexicon.load(triggers, grammar, descriptors, support))
