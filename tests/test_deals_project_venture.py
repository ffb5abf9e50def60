"""Family project_venture: a venture of several named members is one deal of them all; a project's
own spending is a deal of its members."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # the members named with the venture word
    ("en",
     ("Amazon's spending push arrives while Washington champions efforts such as the newly formed "
      "“Horizon” joint venture between Nvidia, xAI, and MGX."),
     {deal("NVIDIA", "xAI", "MGX")}),
    ("en", "BlackRock, Microsoft and MGX formed a $30 billion consortium to build data centers.",
     {deal("BlackRock", "Microsoft", "MGX", amount=30 * B)}),
    ("en", "Oracle joined a $30 billion consortium of BlackRock, Microsoft and MGX.",
     {deal("BlackRock", "Microsoft", "MGX", amount=30 * B)}),
    ("ja", "ソフトバンクグループ、OpenAI、Oracleによる合弁会社が米国でデータセンターを建設する。",
     {deal("SoftBank Group", "OpenAI", "Oracle")}),
    # a project's spending is its members' (as the article names them)
    ("en",
     ("Oracle and OpenAI announced the Stargate project in January. SoftBank, a partner in Stargate, is "
      "weighing new sites. Stargate will invest $500 billion in data centers over four years."),
     {deal("Oracle", "OpenAI", "SoftBank Group", amount=500 * B)}),
    ("ja",
     ("OracleとOpenAIは1月、大型AIインフラ計画「スターゲート」を打ち出した。"
      "スターゲートの共同出資者であるソフトバンクグループは、新たな候補地を検討している。"
      "スターゲートは今後4年間で最大5000億ドルを投じる計画だ。"),
     {deal("Oracle", "OpenAI", "SoftBank Group", amount=500 * B)}),
    # a project whose members the article does not name states no deal
    ("en", "Stargate will invest $500 billion in data centers over four years.", set()),
    # the project's figure is the one of its first spending word (the initial part after it is not)
    ("ja",
     ("OracleとOpenAIは1月、大型AIインフラ計画「スターゲート」を打ち出した。"
      "スターゲートは今後4年間で最大5000億ドルを投じる計画で、当初の1000億ドルはすでに投資が始まっている。"),
     {deal("Oracle", "OpenAI", amount=500 * B)}),
    # a venture tied to one other member: the subject's
    ("en",
     "Lambda says the rollout pairs clusters it runs itself with a joint venture linked to investor Nvidia.",
     {deal("Lambda", "NVIDIA")}),
]

test_project_venture, test_project_venture_with_ginza = case_tests(CASES)
