"""Family reported_speech: a company's quoted statement states its deals; a quotation no company is
named as saying is an opinion."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # the speaker named after the quotation is its subject
    ("en", "“We have agreed to buy $3 billion of GPU capacity from Nscale,” Microsoft said.",
     {deal("Microsoft", "Nscale", amount=3 * B)}),
    ("en",
     ("“The new campus will bring $12 billion in investment to the region over five years,” Nebius said in "
      "a statement."), {deal("Nebius", amount=12 * B)}),
    ("en", "“Our $4 billion agreement with Oracle is only the start,” said CoreWeave.",
     {deal("CoreWeave", "Oracle", amount=4 * B)}),
    # "X said … it will": the pointer of "this week" opens no reference to a deal already stated
    ("en", "Lambda said this week it will invest $1.5 billion in Crusoe.",
     {deal("Lambda", "Crusoe", amount=1.5 * B)}),
    # an opinion: no company says it
    ("en", "“Buying Groq for $20 billion would be a mistake,” said an analyst at a brokerage.", set()),
    ("en", "“We have agreed to buy $3 billion of GPU capacity from Nscale,” said one executive.", set()),
    # Japanese: 「…」と発表した around the deal
    ("ja", "ソフトバンクは5日、「Mistral AIに3億ドルを出資する」と発表した。",
     {deal("SoftBank Corp.", "Mistral AI", amount=0.3 * B)}),
    ("ja", "富士通は「NECと総額200億円のデータセンター契約を結んだ」と明らかにした。",
     {deal("Fujitsu", "NEC", amount=20 * B)}),
]

test_reported_speech, test_reported_speech_with_ginza = case_tests(CASES)
