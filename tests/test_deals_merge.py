"""Statements of one deal in one article are one deal; deals of different kinds stay apart (merge.py)."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("ja", "xAIとOracle、240億ドルの包括提携で合意", {deal("xAI", "Oracle", amount=24 * B)}),
    # Japanese: one deal stated twice in an article is one deal
    ("ja",
     ("xAIとOracle、240億ドルの包括提携で合意\nxAIとOracleは2月9日、240億ドルのGPUクラウド契約を結んだ。"
      "この240億ドルの投資で、xAIの計算能力は倍増する。今回のOracle契約は、xAIの調達計画の柱となる。"),
     {deal("xAI", "Oracle", amount=24 * B)}),
    ("ja",
     ("Nebius、Microsoftと174億ドルの契約\nNebiusは成長を続ける。\n先週には、"
      "同社がGroqを20億ドルで買収した。Microsoftは先月、OpenAIとも契約した。Microsoftは大手だ。"),
     {deal("Nebius", "Microsoft", amount=17.4 * B), deal("Nebius", "Groq", amount=2 * B),
      deal("Microsoft", "OpenAI")}),
    # the same two parties in two deals of different kinds: an investment and a contract stay apart
    ("ja", "GoogleはAnthropicに30億ドルを出資した。AnthropicはGoogleとクラウド契約を締結した。",
     {deal("Google", "Anthropic", amount=3 * B), deal("Anthropic", "Google")}),
    ("en", "Nebius signed a contract with Microsoft. Nebius signed a $17.4 billion agreement with Microsoft.",
     {deal("Nebius", "Microsoft", amount=17.4 * B)}),
    # one figure stated in two currencies (the title's yen, the lead's dollars) is one deal, the body's
    ("ja",
     ("ソフトバンクグループ、OpenAIへの1.5兆円出資を完了\nソフトバンクグループは、"
      "OpenAIへの100億ドル(約1.5兆円)の出資が完了したと発表した。"),
     {deal("SoftBank Group", "OpenAI", amount=10 * B)}),
    # a statement of the figure without the counterparty restates the deal
    ("en",
     ("Google to invest $6 billion in Anthropic. Google will invest up to $6 billion in stages through "
      "2028."), {deal("Google", "Anthropic", amount=6 * B)}),
    ("ja",
     ("NVIDIAはOpenAIに最大1000億ドルを投資する。NVIDIAはデータセンターの進捗に合わせて最大1000億ドルを投資"
      "していく。"), {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    # a headline's partnership of the figure of an investment between the same two is that investment
    ("ja",
     ("AMD と xAI が最大250億ドルの包括的パートナーシップを発表\nAMDはxAIに対し、"
      "数年かけて最大250億ドルを出資する。"), {deal("AMD", "xAI", amount=25 * B)}),
    ("en",
     ("Microsoft and Mistral AI unveil $16 billion partnership\nMicrosoft plans to invest as much as "
      "$16 billion in Mistral AI."),
     {deal("Microsoft", "Mistral AI", amount=16 * B)}),
    # a headline rounds the figure the body states: one deal, the body's figure
    ("en",
     ("Oracle Lands $7B Deal With xAI\nxAI has signed a cloud agreement valued at up to $7.3B with "
      "Oracle."), {deal("xAI", "Oracle", amount=7.3 * B)}),
]


test_merge, test_merge_with_ginza = case_tests(CASES)
