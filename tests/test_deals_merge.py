"""Statements of one deal in one article are one deal; deals of different kinds stay apart (merge.py)."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    ("ja", "OpenAIとAWS、380億ドルの戦略的提携", {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
    # Japanese: one deal stated twice in an article is one deal
    ("ja",
     ("OpenAIとAWS、380億ドルの戦略的提携\nOpenAIとAWSが11月3日、380億ドルのAIインフラ契約を締結した。"
      "この380億ドルの投資は、単なる増強ではない。今回のAWS契約は、OpenAIの戦略の一部だ。"),
     {deal("OpenAI", "Amazon Web Services", amount=38 * B)}),
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
     ("Nvidia to invest $100 billion in OpenAI. Nvidia will invest up to $100 billion as each gigawatt of "
      "capacity is deployed."), {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    ("ja",
     ("NVIDIAはOpenAIに最大1000億ドルを投資する。NVIDIAはデータセンターの進捗に合わせて最大1000億ドルを投資"
      "していく。"), {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    # a headline's partnership of the figure of an investment between the same two is that investment
    ("ja",
     ("NVIDIA と OpenAI が最大1000億ドルの戦略的パートナーシップ発表\nNVIDIAは最大1000億ドルをOpenAIに段階"
      "的に投資する。"), {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    ("en",
     "Nvidia and OpenAI announce $100 billion partnership\nNvidia will invest up to $100 billion in OpenAI.",
     {deal("NVIDIA", "OpenAI", amount=100 * B)}),
    # a headline rounds the figure the body states: one deal, the body's figure
    ("en",
     ("Meta Signs $14B Deal With Nebius\nNebius has secured a cloud computing contract worth as much as "
      "$14.2B with Meta."), {deal("Meta", "Nebius", amount=14.2 * B)}),
]


test_merge, test_merge_with_ginza = case_tests(CASES)
