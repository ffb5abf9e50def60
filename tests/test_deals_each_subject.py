"""Family each_subject: subjects with an amount each, one deal each with the one counterparty."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("ja", "Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する。", set()),
    # subjects with an amount each: one deal each, with the sentence's or the carried counterparty
    ("ja", "OpenAIには、Microsoftが130億ドル、ソフトバンクグループが300億ドルを出資した。",
     {deal("Microsoft", "OpenAI", amount=13 * B), deal("SoftBank Group", "OpenAI", amount=30 * B)}),
    ("ja",
     "Anthropicは2021年に設立された。出資の面でも、Amazonが累計80億ドル、Googleが約30億ドルを投じている。",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("ja", "Anthropicは2021年に設立された。AmazonとGoogleがそれぞれ80億ドルと30億ドルを出資している。",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("ja", "OpenAIは設立された。Googleは自社の基盤に300億円を、Metaは米国に200億ドルを投資する。", set()),
    # coordinated subjects with a figure each, "respectively"
    ("en", "Microsoft and Nvidia will invest up to $5 billion and $10 billion, respectively, in Anthropic.",
     {deal("Microsoft", "Anthropic", amount=5 * B), deal("NVIDIA", "Anthropic", amount=10 * B)}),
    ("en", "Amazon and Google have invested $8 billion and $3 billion in Anthropic, respectively.",
     {deal("Amazon", "Anthropic", amount=8 * B), deal("Google", "Anthropic", amount=3 * B)}),
    ("en",
     ("Anthropic grew fast. Microsoft and Nvidia's commitment to invest up to $5 billion and $10 billion, "
      "respectively, in the startup was announced."),
     {deal("Microsoft", "Anthropic", amount=5 * B), deal("NVIDIA", "Anthropic", amount=10 * B)}),
]


test_each_subject, test_each_subject_with_ginza = case_tests(CASES)
