"""Family made_without_terms: a deal stated as made though not for how much (terms undisclosed, a
deal word in the perfect, a Japanese headline closed by its deal word) stands without an amount; a
deal only planned or talked about does not."""
from __future__ import annotations

from deals_helpers import Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # terms untold, in the sentence or the next
    ("en", "Cisco has acquired Isovalent, the companies said, without disclosing terms.",
     {deal("Cisco", "Isovalent")}),
    ("en", "Nvidia has made an undisclosed investment in Crusoe.", {deal("NVIDIA", "Crusoe")}),
    ("ja", "ソフトバンクは米パープレキシティに出資する。出資額は非公表。",
     {deal("SoftBank Corp.", "Perplexity")}),
    # the perfect: made
    ("en", "Microsoft has invested in Mistral AI.", {deal("Microsoft", "Mistral AI")}),
    # a Japanese headline or sentence closed by its deal word
    ("ja", "KDDI、米エヌビディアに出資", {deal("KDDI", "NVIDIA")}),
    ("ja", "日立製作所、米オラクルと提携。", {deal("Hitachi", "Oracle")}),
    # planned, considered or denied: no deal without a figure
    ("en", "Microsoft plans to invest in Mistral AI.", set()),
    ("ja", "KDDIは米エヌビディアへの出資を検討している。", set()),
    ("ja", "KDDIは米エヌビディアからGPUを購入する。", set()),
    ("en", "Cisco has not acquired Isovalent, it said.", set()),
]

test_made_without_terms, test_made_without_terms_with_ginza = case_tests(CASES)
