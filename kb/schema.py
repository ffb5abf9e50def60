"""The knowledge base's schema, declared once.

Tables, columns and their descriptions are data here: ``ensure_schema`` creates what is missing
(a second run is harmless), Datasette's metadata and the README's schema section are generated
from the same declarations, and later changes go through ``MIGRATIONS``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database
from sqlite_utils.db import DescIndex
from sqlite_utils.migrations import Migrations


@dataclass(frozen=True)
class Column:
    name: str
    type: type
    description: str
    references: str | None = None  # "table" (its id), for foreign keys
    generated: str | None = None  # SQL expression of a virtual generated column (added by m014)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: str | tuple[str, ...] = "id"
    label_column: str | None = None
    facets: tuple[str, ...] = ()  # columns worth faceting by: each is indexed (m010)
    # Facets Datasette computes on every page of the table (None: all of ``facets``). Each costs a
    # scan of its index, about 0.1 s per million rows, on every page, filter and search.
    default_facets: tuple[str, ...] | None = None
    sort_desc: str | None = None
    indexes: tuple[tuple[str, ...], ...] = field(default=())
    unique_indexes: tuple[tuple[str, ...], ...] = field(default=())


# SQLite's name of each column type.
SQL_TYPES: dict[type, str] = {int: "INTEGER", float: "REAL", str: "TEXT"}


def _c(name: str, type_: type, description: str, references: str | None = None,
       generated: str | None = None) -> Column:
    return Column(name, type_, description, references, generated)


ID = _c("id", int, "Row id.")
ARTICLE = _c("article_id", int, "The article the fact was read from.", "articles")
ENTITY_OWNER = _c("entity_id", int, "The organization the fact belongs to, when the text says.", "entities")
START = _c("start", int, "Character offset where the fact's text starts in articles.text.")
END = _c("end", int, "Character offset where the fact's text ends in articles.text (exclusive).")
SENTENCE = _c("sentence", str, "The sentence the fact was read from.")
TEXT = _c("text", str, "The words as written in the article.")
APPROX = _c("approx", int, "1 when the text hedges the figure (約, 数, 超, about, nearly…).")

DEAL_KINDS = ("compute contract, contract, investment, acquisition, loan, capex (one company's own "
              "facilities, or the capital spending it plans), partnership, supply, subsidy, warrant, other "
              "(ventures, agreements with local governments).")

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        "One row per article: its text and where it came from. Full-text search covers title and text, "
        "Japanese and English.",
        (
            ID,
            _c("url", str, "The article's URL, when its source gave one."),
            _c("title", str, "The article's title."),
            _c("published", str, "Publication date (ISO 8601, YYYY-MM-DD), when known."),
            _c("lang", str, "Language of the text: ja or en."),
            _c("source", str, "Publisher or feed the article came from."),
            _c("text", str, "The article's full text; every offset in the knowledge base points into it."),
            _c("content_hash", str, "SHA-256 of the text: an unchanged article is recognized by it."),
            _c("ingested_at", str, "When the article was last stored (UTC, ISO 8601)."),
            _c("origin", str, "Where it was read from: a file path, a URL or '-' (standard input)."),
            _c("key", str, "Identity used on re-ingest: the URL, else the file (and record) it came from."),
            _c("extractor_version", str, "Version of newskb's extractors that produced the article's facts."),
            _c("story_id", int, "The story the article tells: the id of the first article stored with this "
               "text or a copy of it (a syndicated copy, a reissue, a lightly edited update; kb/stories.py); "
               "the article's own id when it is the first. Count stories, not copies: "
               "count(DISTINCT story_id).",
               "articles"),
            _c("search_text", str, "Title and text as space-separated tokens, indexed for full-text search."),
            _c("fts_rowid", int, "The id again, computed (a virtual generated column): the key full-text "
               "search matches by, indexed with published so that a search sorted by date reads the index, "
               "not every matching article.", generated="id"),
        ),
        label_column="title",
        facets=("source", "lang", "published"),
        # none by default: each costs ~20 ms on every page and search at 100,000 articles (a search of
        # a common word counted 18,000 matches per facet); source, lang and published are a click away
        default_facets=(),
        sort_desc="published",
        unique_indexes=(("key",),),
        indexes=(("content_hash",), ("published",), ("source",), ("lang",), ("story_id",)),
    ),
    Table(
        "entities",
        "One row per real-world entity (company, person, place, product), merged across articles and "
        "aliases.",
        (
            ID,
            _c("name", str, "Canonical name (the gazetteer's, else the first form seen)."),
            _c("type", str, "Coarse type: ORG, PERSON, GPE, LOC, PRODUCT, PROJECT, EVENT, FAC, NORP, LAW."),
            _c("key", str, "Normalized name (NFKC, case-folded, no punctuation) used to merge mentions."),
        ),
        label_column="name",
        facets=("type",),
        unique_indexes=(("key",),),
        indexes=(("type",), ("name",)),
    ),
    Table(
        "entity_aliases",
        "Every surface form seen for an entity (AWS, アマゾン・ウェブ・サービス → Amazon Web Services).",
        (
            _c("entity_id", int, "The entity.", "entities"),
            _c("alias", str, "A form that names it."),
        ),
        pk=("entity_id", "alias"),
        indexes=(("alias",),),
    ),
    Table(
        "mentions",
        "Each place an article names an entity.",
        (
            ID,
            ARTICLE,
            _c("entity_id", int, "The entity named.", "entities"),
            TEXT,
            _c("label", str, "Fine label: GiNZA's extended named-entity label, the gazetteer's or the "
               "rule's."),
            _c("source", str, "What found it: gazetteer, rule or model."),
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        facets=("entity_id", "label", "source"),
        default_facets=(),  # about ten rows per article: each facet ~0.13 s at 100,000 articles
        indexes=(("article_id",), ("entity_id",)),
    ),
    Table(
        "money",
        "Every monetary amount, as a number with its currency and a USD value. A range (300億〜400億ドル) is "
        "two rows with the same text: its lower bound (bound 'min') and its upper bound (bound 'max').",
        (
            ID,
            ARTICLE,
            ENTITY_OWNER,
            TEXT,
            _c("amount", float, "The value fully expanded in the stated currency (380億ドル → 38000000000); "
               "for a range, the bound this row holds; NULL for a vague magnitude (数兆ドル)."),
            _c("currency", str, "ISO 4217 code (USD, JPY, EUR, CNY, KRW…)."),
            _c("usd", float, "The amount in US dollars at the yearly average rate of the publication year "
               "(ingest/lexicons/usd_rates.csv); NULL where no rate applies."),
            APPROX,
            _c("low", float, "Lower end of a range or of a vague magnitude (数兆ドル → 2e12)."),
            _c("high", float, "Upper end of a range or of a vague magnitude (数兆ドル → 9e12)."),
            _c("bound", str, "'min' for 以上/超/over/at least and a range's lower bound, 'max' for "
               "最大/まで/up to and a range's upper bound."),
            _c("per", str, "Unit for per-unit amounts (GW, year, share…): do not sum these with totals."),
            _c("role", str, "What the figure is: contract, investment, acquisition, revenue, net_income, "
               "net_loss, capex, valuation, market_cap_change, subsidy, price, commitment, other."),
            _c("converted_from", int, "For a conversion in parentheses (380億ドル（約5兆8000億円）), the row "
               "it converts; exclude these from totals.", "money"),
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        facets=("role", "entity_id", "currency", "approx"),
        default_facets=(),  # six rows per article: each facet ~0.07 s at 100,000 articles
        indexes=(("article_id",), ("entity_id",), ("role",), ("usd",)),
    ),
    Table(
        "percents",
        "Every percentage (約27%, 4~5%).",
        (
            ID,
            ARTICLE,
            TEXT,
            _c("value", float, "The percentage (27.0 for 27%); NULL for a range."),
            _c("low", float, "Lower end of a range."),
            _c("high", float, "Upper end of a range."),
            APPROX,
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        indexes=(("article_id",),),
    ),
    Table(
        "dates",
        "Every calendar expression, normalized; relative ones resolved against the publication date "
        "or a date the text gave earlier.",
        (
            ID,
            ARTICLE,
            TEXT,
            _c("value", str, "TIMEX3-like value: 2025-11-03, 2025-11, 2025, 2025-Q3, 2025-H1, 2025-W45, "
               "2024-SU, FY2025, FY2025-Q3, FY2025-H1 (a fiscal year's quarter or half), 202X (a decade); "
               "NULL when a relative date has nothing to resolve against, or a quarter without a year "
               "belongs to a company whose fiscal year is not the calendar's."),
            _c("start_date", str, "First day the value covers (ISO 8601)."),
            _c("end_date", str, "Last day the value covers (ISO 8601)."),
            _c("precision", str, "day, week, month, quarter, half, season, year, fiscal_year or decade."),
            _c("relative", int, "1 when the expression is relative (来年, last week, 同日)."),
            _c("anchor", str, "What a relative date was resolved against: 'published' or 'text'."),
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        facets=("precision", "relative", "anchor"),
        indexes=(("article_id",), ("start_date",), ("value",)),
    ),
    Table(
        "durations",
        "Every span of time (7年間 → P7Y), in ISO 8601.",
        (
            ID,
            ARTICLE,
            TEXT,
            _c("value", str, "ISO 8601 duration (P7Y, P14M, P2D, P1W); NULL for vague ones (今後数年)."),
            _c("value_max", str, "Upper end of a range (12 to 18 months → P18M). A range is two rows with "
               "the same text: value P12M, then value P18M, both with value_max P18M."),
            APPROX,
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        indexes=(("article_id",),),
    ),
    Table(
        "gpu_specs",
        "Accelerators named in articles, with the counts and specs the text attaches to them.",
        (
            ID,
            ARTICLE,
            _c("entity_id", int, "The organization buying or running the chips, when the text says.",
               "entities"),
            TEXT,
            _c("model", str, "Normalized model (GB200, H100, MI450, TPU v7, Blackwell); NULL for a bare GPU "
               "count. A family (TPU) named in an article about one of its chips is that chip (TPU v7)."),
            _c("vendor", str, "The designer (NVIDIA, AMD, Google, Amazon…)."),
            _c("architecture", str, "Architecture (Hopper, Blackwell, Rubin, CDNA 3…)."),
            _c("kind", str, "chip, family, architecture, platform or system. A rack named after its chip "
               "(GB200 NVL72) is a system row for its figures, but the extractor counts its mentions as "
               "the chip (gpu_specs.model GB200, system NVL72)."),
            _c("count", int, "Number of units, when one figure is given."),
            _c("count_approx", int, "1 when the count is vague (数十万基)."),
            _c("count_low", int, "Lower end of a vague count."),
            _c("count_high", int, "Upper end of a vague count."),
            _c("count_bound", str, "'max' for 最大/up to counts."),
            _c("memory_bytes", float, "Memory stated for this mention, in bytes (decimal units: 1 TB = "
               "1e12)."),
            _c("memory_text", str, "The memory as written."),
            _c("compute_flops", float, "Compute stated for this mention, in FLOP/s."),
            _c("compute_precision", str, "Number format of the compute figure (FP4, FP8, BF16…), when "
               "stated."),
            _c("compute_text", str, "The compute as written."),
            _c("interconnect", str, "Interconnect (NVLink 5, InfiniBand, Ethernet, UALink…)."),
            _c("system", str, "The system the chips sit in (EC2 UltraServer, NVL72, DGX…)."),
            START,
            END,
            SENTENCE,
            _c("uncatalogued", int, "1 when the model was read from its family's naming pattern "
               "(MI + digits, TPU v + digits: gpu_terms.yaml model_patterns) and the accelerators table "
               "does not list it yet; 0 when it does; NULL for a count without a model. Added by m020."),
        ),
        label_column="text",
        facets=("model", "vendor", "entity_id", "architecture", "kind"),
        indexes=(("article_id",), ("model",), ("entity_id",)),
    ),
    Table(
        "capacities",
        "Power and data-centre capacity (30ギガワット, 6GW, 100MW).",
        (
            ID,
            ARTICLE,
            ENTITY_OWNER,
            TEXT,
            _c("watts", float, "Capacity in watts (1 GW = 1e9); NULL when vague."),
            APPROX,
            _c("kind", str, "power or data-center."),
            START,
            END,
            SENTENCE,
        ),
        label_column="text",
        facets=("kind", "entity_id"),
        indexes=(("article_id",), ("entity_id",)),
    ),
    Table(
        "accelerators",
        "Reference figures for accelerator models (public spec sheets; sources in the file "
        "ingest/lexicons/accelerators.csv). Join gpu_specs.model = accelerators.model.",
        (
            _c("model", str, "Normalized model name, as in gpu_specs.model."),
            _c("vendor", str, "Designer."),
            _c("architecture", str, "Architecture."),
            _c("kind", str, "chip, family, architecture, platform or system. A rack named after its chip "
               "(GB200 NVL72) is a system row for its figures, but the extractor counts its mentions as "
               "the chip (gpu_specs.model GB200, system NVL72)."),
            _c("release_year", int, "Year of release or announcement."),
            _c("memory_gb", float, "Memory per unit, GB."),
            _c("memory_type", str, "Memory type (HBM3e…)."),
            _c("memory_bandwidth_tbs", float, "Memory bandwidth per unit, TB/s."),
            _c("fp8_pflops", float, "Dense FP8 compute per unit, PFLOP/s."),
            _c("fp4_pflops", float, "Dense FP4 compute per unit, PFLOP/s."),
            _c("bf16_pflops", float, "Dense BF16 compute per unit, PFLOP/s."),
            _c("tdp_w", float, "Power per unit, W."),
            _c("aliases", str, "Other names the extractor recognizes, |-separated."),
            _c("source", str, "Where the figures come from."),
        ),
        pk="model",
        label_column="model",
        facets=("vendor", "architecture", "kind"),
    ),
    Table(
        "deal_events",
        "One row per real-world deal, consolidated across the articles that report it.",
        (
            ID,
            _c("kind", str, DEAL_KINDS),
            _c("amount", float, "The amount most sources give, in its currency."),
            _c("currency", str, "ISO 4217 code of amount."),
            _c("usd", float, "The amount in US dollars."),
            _c("duration", str, "Term of the deal (ISO 8601 duration)."),
            _c("first_reported", str, "Earliest publication date (or ingest date) among its sources."),
            _c("sources", int, "Number of stories reporting it: copies of one story (articles.story_id) "
               "count once."),
            _c("amounts_disagree", int, "1 when sources give different amounts."),
            _c("parties", str, "Names of its parties, ' / '-separated."),
            _c("date", str, "When it was made or starts, the most precise date its sources give."),
            _c("party_key", str, "Its parties' entity ids, sorted and comma-separated: reports of one deal "
               "share it."),
        ),
        label_column="parties",
        facets=("kind", "amounts_disagree"),
        sort_desc="usd",
        indexes=(("party_key",),),
    ),
    Table(
        "deals",
        "One row per deal statement in an article, with its evidence.",
        (
            ID,
            ARTICLE,
            _c("event_id", int, "The consolidated deal this statement reports.", "deal_events"),
            _c("kind", str, DEAL_KINDS),
            _c("amount", float, "Amount in its currency."),
            _c("currency", str, "ISO 4217 code."),
            _c("usd", float, "Amount in US dollars."),
            APPROX,
            _c("duration", str, "Term (ISO 8601 duration)."),
            _c("date", str, "When it was made or starts (TIMEX3-like value, as dates.value)."),
            _c("until", str, "When it ends or must be completed, when stated."),
            _c("start_date", str, "First day of date (ISO 8601)."),
            _c("end_date", str, "Last day of until, else of date (ISO 8601)."),
            _c("status", str, "announced, signed, completed, planned, reported or talks (still being "
               "negotiated), when the text says."),
            _c("money_id", int, "The money row of its amount.", "money"),
            SENTENCE,
            START,
            END,
            _c("part_of", int, "For a component of a total the same article states (a tranche, an add-on, "
               "one recipient's share of a subsidy, a phase), the deal of the total. A part joins no deal "
               "event (its total's counts it) unless its total has no parties, and its figure is left out of "
               "money totals when the total has a figure of its own: totals count a total or its parts, "
               "never both.", "deals"),
        ),
        label_column="sentence",
        facets=("kind", "status", "currency"),
        indexes=(("article_id",), ("event_id",), ("part_of",)),
    ),
    Table(
        "deal_parties",
        "The parties of each deal and their roles.",
        (
            _c("deal_id", int, "The deal.", "deals"),
            _c("entity_id", int, "The party.", "entities"),
            _c("role", str, "buyer / provider, investor / investee, acquirer / target, grantor / recipient, "
               "partner."),
        ),
        pk=("deal_id", "entity_id"),
        facets=("role", "entity_id"),
        indexes=(("entity_id",),),
    ),
    Table(
        "entity_money_articles",
        "Summary kept current as articles are saved (kb/summaries.py): for each organization and article, "
        "the distinct monetary figures the article attaches to it, per role and for all roles together. "
        "money_by_entity adds these up (entity_money_totals).",
        (
            _c("entity_id", int, "The organization, as money.entity_id.", "entities"),
            _c("role", str, "The role of the figures, as money.role; '' for the figures of every role (and "
               "of none) together, where a figure named in two roles counts once."),
            _c("article_id", int, "The article.", "articles"),
            _c("figures", int, "How many distinct figures: an amount named twice in the article is one "
               "figure; conversions in parentheses are left out, and so is a part's figure that its total "
               "counts (deals.part_of)."),
            _c("total_usd", float, "Their sum in US dollars, per-unit amounts left out; NULL when no figure "
               "has a USD value."),
            _c("largest_usd", float, "The largest of them in US dollars, per-unit amounts left out."),
            _c("vague_figures", int, "How many are vague magnitudes without a single figure (数兆ドル)."),
            _c("approximate_figures", int, "How many the text hedges (約, about…)."),
        ),
        pk=("entity_id", "role", "article_id"),
        indexes=(("article_id",),),
    ),
    Table(
        "entity_money_totals",
        "Summary kept current as articles are saved (kb/summaries.py): for each organization, the monetary "
        "figures the articles attach to it (entity_money_articles added up), per role and for all roles "
        "together. money_by_entity reads it.",
        (
            _c("entity_id", int, "The organization, as money.entity_id.", "entities"),
            _c("role", str, "The role of the figures, as money.role; '' for every role (and none) together."),
            _c("figures", int, "How many distinct figures, counted per article (an amount named twice in one "
               "article is one figure; conversions in parentheses are left out, and so is a part's figure "
               "that its total counts)."),
            _c("articles", int, "In how many articles (copies of a story left out)."),
            _c("total_usd", float, "Their sum in US dollars, per-unit amounts left out."),
            _c("largest_usd", float, "The largest of them in US dollars, per-unit amounts left out."),
            _c("vague_figures", int, "How many are vague magnitudes without a single figure (数兆ドル)."),
            _c("approximate_figures", int, "How many the text hedges (約, about…)."),
            _c("roles", str, "The roles the figures play, sorted and comma-separated (for role '', every "
               "role the organization's figures have)."),
        ),
        pk=("entity_id", "role"),
        indexes=(("role",),),
    ),
    Table(
        "article_months",
        "Summary kept current as articles are saved (kb/summaries.py): the months each article was published "
        "in or names a date in. articles_by_month adds these up (month_totals).",
        (
            _c("article_id", int, "The article.", "articles"),
            _c("month", str, "YYYY-MM: the first seven characters of the publication date or of a date's "
               "first day."),
            _c("lang", str, "The article's language, as articles.lang."),
            _c("published", int, "1 when the article was published in this month, else 0."),
            _c("date_mentions", int, "How many of the article's dates of day, week or month precision start "
               "in this month."),
        ),
        pk=("article_id", "month"),
        indexes=(("month", "lang", "published", "date_mentions"),),
    ),
    Table(
        "month_totals",
        "Summary kept current as articles are saved (kb/summaries.py): for each month and language, the "
        "articles published in it and the articles naming a date in it (article_months added up). "
        "articles_by_month reads it.",
        (
            _c("month", str, "YYYY-MM."),
            _c("lang", str, "Language of the articles counted, as articles.lang."),
            _c("articles_published", int, "How many articles of this language were published in the month."),
            _c("articles_mentioning", int, "How many name a date of day, week or month precision whose first "
               "day falls in the month."),
            _c("mentions", int, "How many such dates they name."),
        ),
        pk=("month", "lang"),
    ),
    Table(
        "article_entities",
        "Summary kept current as articles are saved (kb/summaries.py): the entities each article names, with "
        "how many times. entity_pairs adds up the pairs of them.",
        (
            _c("article_id", int, "The article.", "articles"),
            _c("entity_id", int, "An entity it names, as mentions.entity_id.", "entities"),
            _c("mentions", int, "How many of the article's mentions are of it."),
            _c("published", str, "The article's publication date, as articles.published: an entity's newest "
               "articles come in order from an index (entity_mentions)."),
        ),
        pk=("article_id", "entity_id"),
        indexes=(("entity_id", DescIndex("published"), "article_id", "mentions"),),
    ),
    Table(
        "entity_pairs",
        "Summary kept current as articles are saved (kb/summaries.py): for each entity, every other entity "
        "named in the same articles, with the number of those articles. co_mentioned reads it.",
        (
            _c("entity_id", int, "An entity.", "entities"),
            _c("other_id", int, "Another entity named in an article that names entity_id.", "entities"),
            _c("shared_articles", int, "In how many articles both are named (copies of a story left out)."),
            _c("mentions", int, "How many times those articles name other_id."),
        ),
        pk=("entity_id", "other_id"),
        indexes=(("entity_id", "shared_articles", "mentions", "other_id"),),
    ),
    Table(
        "entity_totals",
        "Summary kept current as articles are saved (kb/summaries.py): for each entity, the articles and "
        "mentions naming it and the publication dates of the first and last of them (article_entities added "
        "up). entity_profile reads it.",
        (
            _c("entity_id", int, "The entity.", "entities"),
            _c("articles", int, "How many stories name it: copies of a story (articles.story_id) are left "
               "out of every summary."),
            _c("mentions", int, "How many times they name it."),
            _c("first_mentioned", str, "The earliest publication date of those articles (YYYY-MM-DD)."),
            _c("last_mentioned", str, "The latest publication date of those articles (YYYY-MM-DD)."),
        ),
        pk="entity_id",
        indexes=(("articles", "mentions"),),
    ),
    Table(
        "entity_events",
        "Summary kept current as deals are consolidated (kb/events.py): the deal events each entity is a "
        "party to, with the amount they are ranked by. entity_deals reads an entity's largest from its "
        "index.",
        (
            _c("entity_id", int, "A party to the deal, as deal_parties.entity_id.", "entities"),
            _c("event_id", int, "The deal event.", "deal_events"),
            _c("usd", float, "The event's amount in US dollars (deal_events.usd), else the largest of the "
               "entity's statements of it (deals.usd); NULL when none gives one."),
            _c("first_reported", str, "When the event was first reported, as deal_events.first_reported."),
        ),
        pk=("entity_id", "event_id"),
        indexes=(("entity_id", DescIndex("usd"), "first_reported", "event_id"), ("event_id",)),
    ),
    Table(
        "article_models",
        "Summary kept current as articles are saved (kb/summaries.py): the accelerator models each article "
        "names (gpu_specs with a model). model_totals adds these up.",
        (
            _c("article_id", int, "The article.", "articles"),
            _c("model", str, "The model, as gpu_specs.model."),
            _c("vendor", str, "Its vendor as the article's gpu_specs.vendor gives it; '' when that is NULL."),
            _c("mentions", int, "How many of the article's gpu_specs rows name it."),
            _c("counted_units", int, "Their exact counts added up (gpu_specs.count); NULL when none has "
               "one."),
            _c("units_at_least", int, "Their counts added up, a vague count (数十万基) by its low end "
               "(gpu_specs.count, else count_low); NULL when none has one."),
        ),
        pk=("article_id", "model"),
        indexes=(("model", "vendor"),),
    ),
    Table(
        "model_totals",
        "Summary kept current as articles are saved (kb/summaries.py): for each accelerator model and "
        "vendor, the articles naming it and the units they count (article_models added up). "
        "accelerators_by_model reads it.",
        (
            _c("model", str, "The model, as gpu_specs.model."),
            _c("vendor", str, "Its vendor as gpu_specs.vendor gives it; '' when that is NULL."),
            _c("articles", int, "How many articles name it."),
            _c("mentions", int, "How many gpu_specs rows name it."),
            _c("counted_units", int, "The exact counts added up; NULL when none has one."),
            _c("units_at_least", int, "The counts added up, a vague count by its low end; NULL when none has "
               "one."),
        ),
        pk=("model", "vendor"),
    ),
    Table(
        "feeds",
        "The RSS and Atom feeds newskb follows (newskb feeds add; newskb watch reads them), with what the "
        "last reading said and when the next is due.",
        (
            ID,
            _c("url", str, "The feed's address."),
            _c("name", str, "Its short name (newskb feeds add --name, else its host and path): the source of "
               "the articles read from it."),
            _c("title", str, "The feed's own title, as its last reading gave it."),
            _c("link", str, "The site the feed is about, as it gives it."),
            _c("every_s", int, "How often to read it, in seconds (--every); the feed may ask for less "
               "often."),
            _c("pace_s", int, "How often the feed asks to be read, in seconds (RSS ttl, sy:updatePeriod, "
               "Cache-Control max-age), when it says."),
            _c("etag", str, "The ETag of its last answer, sent back as If-None-Match."),
            _c("last_modified", str, "The Last-Modified of its last answer, sent back as If-Modified-Since."),
            _c("next_poll", str, "When it is due next (UTC, ISO 8601); NULL: now."),
            _c("last_polled", str, "When it was last read (UTC, ISO 8601)."),
            _c("last_status", str, "HTTP status of the last reading (200, 304, 429…), or 'error' when no "
               "answer came or the answer was no feed."),
            _c("last_error", str, "The one-line error of the last reading; NULL when it went well."),
            _c("errors", int, "Readings in a row that failed: the backoff grows with it; 0 after a good "
               "one."),
            _c("added_at", str, "When it was added (UTC, ISO 8601)."),
        ),
        label_column="name",
        facets=("last_status",),
        unique_indexes=(("url",), ("name",)),
        indexes=(("next_poll",),),
    ),
    Table(
        "feed_entries",
        "Every entry newskb has seen in a feed, and the article it became: an entry seen before is not "
        "fetched again, however the feed reorders or reissues it.",
        (
            _c("feed_id", int, "The feed.", "feeds"),
            _c("entry_id", str, "The entry's id in the feed (RSS guid, Atom id), else its link."),
            _c("url", str, "The entry's link."),
            _c("title", str, "The entry's title."),
            _c("article_id", int, "The article it became, or the one already holding its text or link; NULL "
               "while it fails.", "articles"),
            _c("status", str, "stored (its article was added or updated), unchanged (its text or link was "
               "already in the knowledge base), failed (tried again at the next readings), gone (failed "
               "three times: not tried again)."),
            _c("fingerprint", str, "SHA-256 of the entry's title and text as the feed gives them: a reissued "
               "entry with the same fingerprint is not fetched again, a changed one is."),
            _c("attempts", int, "How many times its article was fetched or read."),
            _c("error", str, "The one-line error of its last attempt, when it failed."),
            _c("first_seen", str, "When newskb first saw it (UTC, ISO 8601)."),
            _c("fetched_at", str, "When its article was last fetched or read (UTC, ISO 8601)."),
        ),
        pk=("feed_id", "entry_id"),
        label_column="title",
        facets=("status",),
        indexes=(("url",), ("article_id",), ("feed_id", "status")),
    ),
    Table(
        "story_bands",
        "MinHash band keys of every article's text (ingest/stories.py): articles sharing a key are compared "
        "to find copies of one story (articles.story_id).",
        (
            _c("article_id", int, "The article.", "articles"),
            _c("band", int, "Which band of MinHash values (0 to 24)."),
            _c("key", int, "A hash of the band's values: the same key, a candidate copy."),
        ),
        pk=("article_id", "band"),
        indexes=(("key",),),
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}

# Tables whose rows belong to one article and are replaced when it is re-extracted, children
# before parents.
ARTICLE_FACT_TABLES = ("deal_parties", "deals", "mentions", "money", "percents", "dates", "durations",
                       "gpu_specs", "capacities")

FTS_COLUMNS = ("search_text",)

# A search of the articles table (Datasette: ``id in (select rowid from articles_fts where ...)``,
# newest first) looks up every match to read its publication date. Through the rowid, each lookup
# lands on the article's row: 40 ms for a word in 18,000 of 100,000 articles. Through an index on
# (a copy of the id, published), the lookups stay in the small index and only the rows shown are
# read: 15 ms. The copy, articles.fts_rowid, is a virtual generated column (no space in the rows);
# kb.serve makes it the table's ``fts_pk``.
SEARCH_ROWID = "fts_rowid"
SEARCH_ROWID_INDEX = (f"idx_articles_{SEARCH_ROWID}_published",
                      (f"CREATE INDEX IF NOT EXISTS [idx_articles_{SEARCH_ROWID}_published] "
                       f"ON [articles] ([{SEARCH_ROWID}], [published])"))

# ------------------------------------------------------------------------------ views

# One row per deal event with the titles of the articles that report it and what each says.
DEAL_EVENTS_VIEW = """
SELECT
  e.id,
  e.kind,
  e.parties,
  e.amount,
  e.currency,
  e.usd,
  e.duration,
  e.date,
  e.first_reported,
  e.sources,
  e.amounts_disagree,
  (SELECT group_concat(title, ' | ') FROM (
     SELECT DISTINCT a.title FROM deals d JOIN articles a ON a.id = d.article_id
     WHERE d.event_id = e.id ORDER BY a.published, a.id)) AS source_titles,
  (SELECT group_concat(said, ' | ') FROM (
     SELECT a.title || ': ' || coalesce(CAST(d.amount AS TEXT) || ' ' || d.currency, 'no amount') AS said
     FROM deals d JOIN articles a ON a.id = d.article_id
     WHERE d.event_id = e.id ORDER BY a.published, a.id)) AS amounts_by_source
FROM deal_events e
"""


def create_views(db: Database) -> None:
    """The views over deal events (m002; replaced when their SQL changes)."""
    db.create_view("deal_events_view", DEAL_EVENTS_VIEW, replace=True)


# ------------------------------------------------------------------------------ summary tables
# What each summary table holds, as SQL over the base tables. kb.summaries keeps them current as
# articles are saved, running these statements for the rows one save touched; the migrations that
# add a summary fill it by running them for every row. ``{where}`` narrows the base rows read
# ("1 = 1": all of them).

# The distinct figures of each (organization, article): the same amount named twice in an article is
# one figure, conversions in parentheses are left out (as money_by_entity has always counted them), and
# so is a part's figure its total counts (PART_FIGURE); a range is one figure, counted by its lower
# bound (its upper bound's row, amount = high, is left out).
# {where} restricts the money rows (one article, or 1 = 1 for all).
# Money a total already counts: the figure of a deal that is a part of another (deals.part_of: a tranche,
# one recipient's share) whose total has a figure of its own. Totals leave it out, as they leave out
# conversions; a total stated without a figure is counted by its parts. For the money row ``m``.
PART_FIGURE = ("exists (select 1 from deals p join deals t on t.id = p.part_of join money tm on tm.id = "
               "t.money_id where p.money_id = m.id and tm.id <> m.id and tm.amount is not null)")

FIGURES_SQL = """
with figures as (
    select m.entity_id, m.article_id, '' as role, max(m.usd) as usd, max(m.approx) as approx,
           max(case when m.amount is null then 1 else 0 end) as vague, m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and {where}
      and (m.low is null or m.amount is null or m.amount = m.low) and not {part_figure}
    group by m.entity_id, m.article_id, m.currency, coalesce(m.amount, -m.id), m.per
    union all
    select m.entity_id, m.article_id, m.role, max(m.usd), max(m.approx),
           max(case when m.amount is null then 1 else 0 end), m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and m.role is not null and {where}
      and (m.low is null or m.amount is null or m.amount = m.low) and not {part_figure}
    group by m.entity_id, m.article_id, m.role, m.currency, coalesce(m.amount, -m.id), m.per
)
insert into entity_money_articles
    (entity_id, article_id, role, figures, total_usd, largest_usd, vague_figures, approximate_figures)
select entity_id, article_id, role, count(*), sum(case when per is null then usd end),
       max(case when per is null then usd end), sum(vague), sum(approx)
from figures
group by entity_id, article_id, role
""".replace("{part_figure}", PART_FIGURE)

ENTITY_MONEY_TOTALS_SQL = """
insert into entity_money_totals
    (entity_id, role, figures, articles, total_usd, largest_usd, vague_figures, approximate_figures, roles)
select
    a.entity_id, a.role, sum(a.figures), count(*), sum(a.total_usd), max(a.largest_usd), sum(a.vague_figures),
    sum(a.approximate_figures), nullif(a.role, '')
from entity_money_articles a
where {where}
group by a.entity_id, a.role
"""
# An organization's roles all together: those of its per-role totals, just inserted.
ENTITY_ROLES_SQL = """
update entity_money_totals as t
set roles = (select group_concat(role) from (
    select r.role from entity_money_totals r where r.entity_id = t.entity_id and r.role <> ''
    order by r.role))
where t.role = '' and {where}
"""

# Months as articles_by_month places them: the first seven characters of the publication date, and
# of the first day of each date of day, week or month precision.
ARTICLE_MONTHS_SQL = """
insert into article_months (article_id, month, lang, published, date_mentions)
select article_id, month, lang, max(published), sum(mentions)
from (
    select a.id as article_id, substr(a.published, 1, 7) as month, a.lang, 1 as published, 0 as mentions
    from articles a
    where a.published is not null and {where_articles}
    union all
    select d.article_id, substr(d.start_date, 1, 7), a.lang, 0, 1
    from dates d join articles a on a.id = d.article_id
    where d.start_date is not null and d.precision in ('day', 'week', 'month') and {where_dates}
)
group by article_id, month
"""

MONTH_TOTALS_SQL = """
insert into month_totals (month, lang, articles_published, articles_mentioning, mentions)
select month, lang, sum(published), sum(date_mentions > 0), sum(date_mentions)
from article_months
where {where}
group by month, lang
"""


# The entities of each article, with their mentions and its publication date; entity_pairs counts
# their pairs.
ARTICLE_ENTITIES_SQL = """
insert into article_entities (article_id, entity_id, mentions, published)
select m.article_id, m.entity_id, count(*), a.published
from mentions m
join articles a on a.id = m.article_id
where m.entity_id is not null and {where}
group by m.article_id, m.entity_id
"""

ENTITY_PAIRS_SQL = """
insert into entity_pairs (entity_id, other_id, shared_articles, mentions)
select a.entity_id, b.entity_id, count(*), sum(b.mentions)
from article_entities a
join article_entities b on b.article_id = a.article_id and b.entity_id <> a.entity_id
group by a.entity_id, b.entity_id
"""
# Each entity's articles, mentions and first and last publication dates, from the index on
# article_entities alone.
ENTITY_TOTALS_SQL = """
insert into entity_totals (entity_id, articles, mentions, first_mentioned, last_mentioned)
select ae.entity_id, count(*), sum(ae.mentions), min(ae.published), max(ae.published)
from article_entities ae
where {where}
group by ae.entity_id
"""
# The accelerator models of each article as accelerators_by_model counts them: exact counts summed,
# vague ones (数十万基) by their low end. One row per model, so that the query, which takes the
# reference table's vendor where the article named none, counts each article once.
ARTICLE_MODELS_SQL = """
insert into article_models (article_id, model, vendor, mentions, counted_units, units_at_least)
select g.article_id, g.model, coalesce(max(g.vendor), ''), count(*), sum(g.count),
       sum(coalesce(g.count, g.count_low))
from gpu_specs g
where g.model is not null and {where}
group by g.article_id, g.model
"""

MODEL_TOTALS_SQL = """
insert into model_totals (model, vendor, articles, mentions, counted_units, units_at_least)
select model, vendor, count(*), sum(mentions), sum(counted_units), sum(units_at_least)
from article_models
where {where}
group by model, vendor
"""


# Each entity's deal events, with the amount entity_deals ranks them by: the event's, else the largest
# of the entity's statements of it. {where} restricts the deals (some events, or 1 = 1 for all).
ENTITY_EVENTS_SQL = """
insert into entity_events (entity_id, event_id, usd, first_reported)
select dp.entity_id, d.event_id, coalesce(max(de.usd), max(d.usd)), max(de.first_reported)
from deals d
join deal_parties dp on dp.deal_id = d.id
join deal_events de on de.id = d.event_id
where {where}
group by dp.entity_id, d.event_id
"""


# The article {article} names is the first of its story: copies of a story (articles.story_id,
# kb/stories.py) add nothing to the summaries, which count stories.
ORIGINAL_SQL = ("EXISTS (SELECT 1 FROM articles o WHERE o.id = {article} "
                "AND (o.story_id IS NULL OR o.story_id = o.id))")
# The per-article rows of copies, taken out before the totals are added up (a knowledge base before
# m022_stories has no story_id, and no copies).
COPIES_OUT_SQL = ("DELETE FROM [{table}] WHERE article_id IN "
                  "(SELECT id FROM articles WHERE story_id IS NOT NULL AND story_id != id)")


@dataclass(frozen=True)
class Summary:
    """A summary: its tables (per article, then totals) and the statements that compute them all
    from the base tables; the first fills ``per_article``, when it has a per-article table."""

    tables: tuple[str, ...]
    statements: tuple[str, ...]
    per_article: str | None = None

    def rebuild(self, db: Database) -> None:
        """Its tables recomputed from the base tables (in the caller's transaction)."""
        for name in self.tables:
            db.execute(f"DELETE FROM [{name}]")
        first, *rest = self.statements
        db.execute(first)
        if self.per_article and "story_id" in db["articles"].columns_dict:  # type: ignore[union-attr]
            db.execute(COPIES_OUT_SQL.format(table=self.per_article))
        for statement in rest:
            db.execute(statement)


ALL = "1 = 1"
MONEY = Summary(("entity_money_articles", "entity_money_totals"),
                (FIGURES_SQL.format(where=ALL), ENTITY_MONEY_TOTALS_SQL.format(where=ALL),
                 ENTITY_ROLES_SQL.format(where=ALL)), "entity_money_articles")
MONTHS = Summary(("article_months", "month_totals"),
                 (ARTICLE_MONTHS_SQL.format(where_articles=ALL, where_dates=ALL),
                  MONTH_TOTALS_SQL.format(where=ALL)), "article_months")
PAIRS = Summary(("article_entities", "entity_pairs", "entity_totals"),
                (ARTICLE_ENTITIES_SQL.format(where=ALL), ENTITY_PAIRS_SQL,
                 ENTITY_TOTALS_SQL.format(where=ALL)), "article_entities")
MODELS = Summary(("article_models", "model_totals"),
                 (ARTICLE_MODELS_SQL.format(where=ALL), MODEL_TOTALS_SQL.format(where=ALL)), "article_models")
EVENTS = Summary(("entity_events",), (ENTITY_EVENTS_SQL.format(where=ALL),))
SUMMARIES = (MONEY, MONTHS, PAIRS, MODELS, EVENTS)

# Summary tables: not facts, computed from them.
SUMMARY_TABLES = tuple(name for summary in SUMMARIES for name in summary.tables)


def rebuild_summaries(db: Database, summaries: Iterable[Summary] = SUMMARIES) -> None:
    """Every summary table recomputed from the base tables (in the caller's transaction)."""
    for summary in summaries:
        summary.rebuild(db)


def create_summary_tables(db: Database, summaries: Iterable[Summary] = SUMMARIES) -> None:
    """The tables of these summaries, empty, as declared here (a second call is harmless)."""
    for summary in summaries:
        for name in summary.tables:
            _create(db, TABLES_BY_NAME[name])


MIGRATIONS = Migrations("newskb")


def _create(db: Database, table: Table) -> None:
    columns = {c.name: c.type for c in table.columns if not c.generated}
    fks = [(c.name, c.references, "model" if c.references == "accelerators" else "id")
           for c in table.columns if c.references]
    db[table.name].create(columns, pk=table.pk, foreign_keys=fks or None, if_not_exists=True)  # type: ignore[union-attr]
    for cols in table.indexes:
        db[table.name].create_index(list(cols), if_not_exists=True)  # type: ignore[union-attr]
    for cols in table.unique_indexes:
        db[table.name].create_index(list(cols), unique=True, if_not_exists=True)  # type: ignore[union-attr]


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    for table in TABLES:
        _create(db, table)
    db["articles"].enable_fts(list(FTS_COLUMNS), tokenize="unicode61", create_triggers=True)  # type: ignore[union-attr]
    db.index_foreign_keys()


@MIGRATIONS()
def m002_deal_views(db: Database) -> None:
    """Columns added to the deal tables since m001, and the views over deal events."""
    for name in ("deal_events", "deals", "deal_parties"):
        table = TABLES_BY_NAME[name]
        have = set(db[name].columns_dict)  # type: ignore[union-attr]
        for column in table.columns:
            if column.name not in have:
                db[name].add_column(column.name, column.type)  # type: ignore[union-attr]
        for cols in table.indexes:
            db[name].create_index(list(cols), if_not_exists=True)  # type: ignore[union-attr]
    create_views(db)



# Composite indexes for the canned queries' joins and groupings, so SQLite answers them from the
# index alone instead of visiting every row (measured with benchmarks/serve.py at 100,000 articles).
QUERY_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mentions", ("entity_id", "article_id")),  # an entity's articles: articles_mentioning, entity pages
    ("mentions", ("article_id", "entity_id")),  # an article's entities: co_mentioned
    ("dates", ("precision", "start_date", "article_id")),  # articles_by_month
    ("gpu_specs", ("model", "vendor", "article_id")),  # accelerators_by_model
    ("money", ("entity_id", "role", "usd")),  # money of an entity by role
)


@MIGRATIONS()
def m010_performance_indexes(db: Database) -> None:
    """An index on every column Datasette facets by (metadata ``facets``), so that a facet is
    counted from its index instead of the table, and the composite indexes of ``QUERY_INDEXES``."""
    for table in TABLES:
        for column in table.facets:
            db[table.name].create_index([column], if_not_exists=True)  # type: ignore[union-attr]
    for name, columns in QUERY_INDEXES:
        db[name].create_index(list(columns), if_not_exists=True)  # type: ignore[union-attr]
    update_statistics(db)


# Covering indexes for the canned queries and Datasette's search pages at 100,000 articles: each
# holds every column its query reads, so SQLite answers from the index without visiting the
# (large) rows. Measured with benchmarks/serve.py.
COVERING_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # the articles of a search (count, facets) and of an entity (sorted by publication date)
    ("articles", ("id", "published", "lang", "source")),
    ("articles", ("published", "lang")),  # articles_by_month
    ("money", ("entity_id", "role", "usd", "converted_from", "article_id")),  # entity_money
    ("gpu_specs", ("model", "vendor", "article_id", "count", "count_low")),  # accelerators_by_model
    ("capacities", ("entity_id", "article_id", "watts", "kind", "approx")),  # gigawatts_by_org
)
# The largest figures of each role, in order (money_biggest_by_role): only the rows it ranks.
MONEY_RANKED_INDEX = ("idx_money_ranked_role_usd",
                      ("CREATE INDEX IF NOT EXISTS [idx_money_ranked_role_usd] ON [money] ([role], [usd] "
                      "DESC) WHERE converted_from IS NULL AND per IS NULL AND usd IS NOT NULL"))


@MIGRATIONS()
def m011_covering_indexes(db: Database) -> None:
    """The indexes of ``COVERING_INDEXES`` and ``MONEY_RANKED_INDEX``, with their statistics."""
    _add_indexes(db, COVERING_INDEXES, (MONEY_RANKED_INDEX,))


def _add_indexes(db: Database, indexes: Iterable[tuple[str, tuple[str, ...]]],
                 by_sql: Iterable[tuple[str, str]] = ()) -> None:
    """Indexes on (table, columns), named as sqlite-utils names them, and (name, CREATE INDEX SQL)
    ones sqlite-utils cannot make (partial, expressions); with their statistics when the knowledge
    base was already analyzed: the planner needs them too."""
    names = []
    for table, columns in indexes:
        names.append(f"idx_{table}_{'_'.join(columns)}")
        db[table].create_index(list(columns), index_name=names[-1], if_not_exists=True)  # type: ignore[union-attr]
    for name, sql in by_sql:
        db.execute(sql)
        names.append(name)
    if db["sqlite_stat1"].exists():
        for name in names:
            db.execute(f"ANALYZE [{name}]")


@MIGRATIONS()
def m012_summary_tables(db: Database) -> None:
    """The money and month summaries (and their per-article rows), built from the knowledge base's
    current rows: money_by_entity and articles_by_month read them."""
    _build_summaries(db, (MONEY, MONTHS))


@MIGRATIONS()
def m013_pair_and_model_summaries(db: Database) -> None:
    """The entity_pairs, entity_totals and model_totals summaries (and their per-article rows), built
    from the knowledge base's current rows: co_mentioned, entity_profile and accelerators_by_model
    read them."""
    _build_summaries(db, (PAIRS, MODELS))


def _build_summaries(db: Database, summaries: tuple[Summary, ...]) -> None:
    create_summary_tables(db, summaries)
    for summary in summaries:
        summary.rebuild(db)
        if db["sqlite_stat1"].exists():
            for name in summary.tables:
                db.execute(f"ANALYZE [{name}]")


@MIGRATIONS()
def m014_generated_columns(db: Database) -> None:
    """The generated columns of ``TABLES`` (sqlite-utils creates none), and the index that makes
    articles.fts_rowid worth having (``SEARCH_ROWID_INDEX``)."""
    for table in TABLES:
        have = {row[1] for row in db.execute(f"PRAGMA table_xinfo([{table.name}])")}
        for c in table.columns:
            if c.generated and c.name not in have:
                db.execute(f"ALTER TABLE [{table.name}] ADD COLUMN [{c.name}] {SQL_TYPES[c.type]} "
                           f"GENERATED ALWAYS AS ({c.generated}) VIRTUAL")
    _add_indexes(db, (), (SEARCH_ROWID_INDEX,))


# Indexes that give each section of an entity's page (entity_money, entity_hardware) the entity's
# first rows in order: the page reads those instead of sorting every row of an entity named in a
# third of the corpus (70,000 figures at 100,000 articles).
ENTITY_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gpu_specs", ("entity_id", "article_id")),  # chips by article
    ("capacities", ("entity_id", "article_id")),  # gigawatts by article
)
# The largest figures of each role of an entity, conversions left out (entity_money).
MONEY_ENTITY_INDEX = ("idx_money_entity_role_usd_desc",
                      ("CREATE INDEX IF NOT EXISTS [idx_money_entity_role_usd_desc] "
                       "ON [money] ([entity_id], [role], [usd] DESC) WHERE converted_from IS NULL"))


@MIGRATIONS()
def m015_entity_page_indexes(db: Database) -> None:
    """What an entity's page reads in order from indexes: article_entities.published (filled from
    the articles) and its index, which replaces the one on (entity_id, article_id); the
    entity_events summary, built from the current deals; ``ENTITY_INDEXES`` and
    ``MONEY_ENTITY_INDEX``."""
    if "published" not in db["article_entities"].columns_dict:  # type: ignore[union-attr]
        db["article_entities"].add_column("published", str)  # type: ignore[union-attr]
        db.execute("UPDATE article_entities SET published = "
                   "(SELECT a.published FROM articles a WHERE a.id = article_entities.article_id)")
    db.execute("DROP INDEX IF EXISTS [idx_article_entities_entity_id_article_id]")
    _build_summaries(db, (EVENTS,))
    _add_indexes(db, (("article_entities", TABLES_BY_NAME["article_entities"].indexes[0]), *ENTITY_INDEXES),
                 (MONEY_ENTITY_INDEX,))


@MIGRATIONS()
def m016_deal_parts(db: Database) -> None:
    """deals.part_of (the deal of the total a deal is a component of) and its index. ALTER TABLE adds
    the column with its foreign key in place: sqlite-utils' add_foreign_key would rebuild the table
    (transform), which deal_parties and the deal views refer to. A knowledge base written before it has
    no parts, so its summaries stay as they are."""
    if "part_of" not in db["deals"].columns_dict:  # type: ignore[union-attr]
        db.execute("ALTER TABLE [deals] ADD COLUMN [part_of] INTEGER REFERENCES [deals]([id])")
    _add_indexes(db, (("deals", ("part_of",)),))


@MIGRATIONS()
def m020_gpu_specs_uncatalogued(db: Database) -> None:
    """gpu_specs.uncatalogued: a model read from its family's naming pattern that the accelerators
    table does not list (earlier rows keep NULL until their article is ingested again)."""
    if "uncatalogued" not in db["gpu_specs"].columns_dict:  # type: ignore[union-attr]
        db["gpu_specs"].add_column("uncatalogued", int)  # type: ignore[union-attr]


@MIGRATIONS()
def m021_feeds(db: Database) -> None:
    """The feeds newskb follows and the entries it has seen in them (kb/feeds.py)."""
    for name in ("feeds", "feed_entries"):
        table = TABLES_BY_NAME[name]
        _create(db, table)
        for column in table.facets:  # as m010 indexes the facets of the tables it knew
            db[name].create_index([column], if_not_exists=True)  # type: ignore[union-attr]


@MIGRATIONS()
def m022_stories(db: Database) -> None:
    """articles.story_id and story_bands (kb/stories.py). The articles stored so far join their
    stories when the knowledge base is next opened (kb.store.open_db)."""
    if "story_id" not in db["articles"].columns_dict:  # type: ignore[union-attr]
        # by SQL: sqlite-utils adds a foreign key with transform(), which drops the full-text triggers
        db.execute("ALTER TABLE [articles] ADD COLUMN [story_id] INTEGER REFERENCES [articles]([id])")
    db["articles"].create_index(["story_id"], if_not_exists=True)  # type: ignore[union-attr]
    _create(db, TABLES_BY_NAME["story_bands"])


def update_statistics(db: Database) -> None:
    """ANALYZE when the number of articles differs by more than a tenth from the last ANALYZE.

    Without statistics SQLite's planner judges indexes by their shape alone: at 100,000 articles
    it read money through converted_from (NULL on nearly every row) and sorted, instead of reading
    the usd index in order (money_above_usd: 0.85 s → 5 ms). ANALYZE takes about 1.5 s there, so
    it runs only when the knowledge base has grown or shrunk enough to change the plans.
    """
    recorded = None
    if db["sqlite_stat1"].exists():
        row = db.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1").fetchone()
        recorded = int(row[0].split()[0]) if row else None
    count = db["articles"].count
    if count and (recorded is None or abs(count - recorded) * 10 > recorded):
        db.execute("ANALYZE")

def ensure_schema(db: Database) -> None:
    """Bring any database (new or made by an older release) to the current schema."""
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(db)
