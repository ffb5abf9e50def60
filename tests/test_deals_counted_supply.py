"""Family counted_supply: a supply or purchase of a stated number of accelerators, without an
amount, is a compute contract of the supplier and each buyer (the chips' maker is the seller only
when no other seller is named)."""
from __future__ import annotations

from deals_helpers import Deal, case_tests, deal

CASES: list[tuple[str, str, set[Deal]]] = [
    # the supplier and its buyer; each buyer of a list its own deal
    ("ja", "米AMDは、富士通に最新のAI半導体「MI355X」を約5000個供給する。", {deal("AMD", "Fujitsu")}),
    ("ja", "ソフトバンクは、米エヌビディアからGPUを2万基調達した。", {deal("SoftBank Corp.", "NVIDIA")}),
    ("en", "Nvidia will deliver 40,000 Blackwell GPUs to Oracle and xAI this year.",
     {deal("NVIDIA", "Oracle"), deal("NVIDIA", "xAI")}),
    ("en", "AMD will supply Microsoft with 25,000 MI355X accelerators.", {deal("AMD", "Microsoft")}),
    ("en", "Lambda will provide Cohere with 6,000 Nvidia B300 GPUs under a cloud contract.",
     {deal("Lambda", "Cohere")}),
    # the maker of the chips sells them when no other seller is named; a named seller wins
    ("en", "CoreWeave will buy 30,000 Nvidia GB300 chips for its Texas sites.",
     {deal("CoreWeave", "NVIDIA")}),
    ("en", "Nebius bought 12,000 Nvidia H200 GPUs from Dell.", {deal("Nebius", "Dell Technologies")}),
    # no count, a plan only, no counterparty: no deal
    ("ja", "米エヌビディアは、ソフトバンクに最新GPUを供給する。", set()),
    ("en", "Oracle is considering buying 50,000 AMD MI450 chips.", set()),
    ("en", "Nvidia shipped 1.2 million Blackwell GPUs in the quarter.", set()),
]

test_counted_supply, test_counted_supply_with_ginza = case_tests(CASES)
