"""Family funding_round: a round, and the investors the next sentences name."""
from __future__ import annotations

from deals_helpers import B, Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # a funding round stated with one party, its investors named in a following sentence
    ("en",
     ("Mistral AI said it had closed a $2 billion funding round. Investors in the round include NVIDIA and "
      "Microsoft."), {deal("Mistral AI", "NVIDIA", "Microsoft", amount=2 * B)}),
    ("en",
     "Mistral AI said it had closed a $2 billion funding round. Its customers include NVIDIA and Microsoft.",
     set()),
    ("ja", "Anthropicは9月、シリーズFで130億ドルの資金調達を完了した。NVIDIAやMicrosoftなどが参加した。",
     {deal("Anthropic", "NVIDIA", "Microsoft", amount=13 * B)}),
    ("ja", "Anthropicは売上高が130億ドルに達した。NVIDIAやMicrosoftなどが参加した。", set()),
    # a funding round, its investors, and one who puts in its own figure; another investor of the same
    # figure in the raiser is another deal
    ("en",
     ("xAI closed a $20 billion funding round. Investors in the round include Valor Equity Partners. "
      "Nvidia is contributing up to $2 billion as a strategic investor. SpaceX put $2 billion into xAI "
      "last year."),
     {deal("xAI", "Valor Equity Partners", amount=20 * B), deal("xAI", "NVIDIA", amount=2 * B),
      deal("SpaceX", "xAI", amount=2 * B)}),
    # a deal word in a relative clause ("that has backed") does not hide the round's investors
    ("en",
     ("xAI closed a $6 billion funding round. Investors in the round include Mubadala and Valor Equity "
      "Partners, a firm that has backed several of Musk's companies."),
     {deal("xAI", "Mubadala", "Valor Equity Partners", amount=6 * B)}),
]


test_funding_round, test_funding_round_with_ginza = case_tests(CASES)
