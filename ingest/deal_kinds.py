"""Kinds of deals, shared by the deal extractor (``ingest.components.deals``) and the consolidation
of deals across articles (``kb.events``); no spaCy here, so that ``kb`` can import it cheaply."""
from __future__ import annotations

# Kinds that may name one deal (a 提携 headline over a 契約 lead); other kinds name one deal only
# with their own kind (an investment and a compute contract between the same two are two deals).
LOOSE_KINDS = frozenset({"partnership", "compute contract", "contract", "supply", "other"})

# Kinds in order of specificity: of two statements of one deal, the more specific kind is kept.
KIND_ORDER = ("acquisition", "investment", "capex", "subsidy", "loan", "warrant", "supply",
              "compute contract", "contract", "partnership", "other")
