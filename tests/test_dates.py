"""The dates and durations extractor (newskb_dates) on blank pipelines."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

import newskb.ingest.components.dates  # noqa: F401  (registers the factory)
from newskb.ingest import timex

# shared/ lies beside the repository, in a work tree as in CI.
SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_openai_aws"

NOV5 = dt.date(2025, 11, 5)  # a Wednesday, ISO week 2025-W45
YEAR_END = dt.date(2025, 12, 31)  # a Wednesday in ISO week 2026-W01
NEW_YEAR = dt.date(2026, 1, 1)
LEAP = dt.date(2024, 2, 29)  # a Thursday


@pytest.fixture(scope="module")
def nlps() -> dict[str, spacy.Language]:
    pipes = {}
    for lang in ("ja", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("newskb_dates")
        pipes[lang] = nlp
    return pipes


def run(nlps: dict[str, spacy.Language], lang: str, text: str, published: dt.date | None = None):
    nlp = nlps[lang]
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


DATE_CASES = [
    # Japanese, absolute
    ("ja", "2025年11月3日に発表した。", None, ["2025-11-03"]),
    ("ja", "２０２５年１１月３日に発表", None, ["2025-11-03"]),
    ("ja", "二〇二五年十一月三日に発表", None, ["2025-11-03"]),
    ("ja", "バージョン2.1.3を公開", None, []),
    ("ja", "2025年第3四半期", None, ["2025-Q3"]),
    ("ja", "2025年Q3決算", None, ["2025-Q3"]),
    ("ja", "2025年7~9月期", None, ["2025-Q3"]),
    ("ja", "2025年1~6月期", None, ["2025-H1"]),
    ("ja", "2025年上半期だけで", None, ["2025-H1"]),
    ("ja", "2025年下期に", None, ["2025-H2"]),
    ("ja", "2026年末までに完了", None, ["2026-12"]),
    ("ja", "2027年以降は", None, ["2027"]),
    ("ja", "2022年以来の回復", None, ["2022"]),
    ("ja", "2027年から5年間", None, ["2027"]),
    ("ja", "2025年11月に", None, ["2025-11"]),
    ("ja", "2025年11月上旬", None, ["2025-11"]),
    ("ja", "2025年春に", None, ["2025-SP"]),
    ("ja", "2024年冬", None, ["2024-WI"]),
    ("ja", "2025年度", None, ["FY2025"]),
    ("ja", "2025年度末", None, ["2026-03"]),
    ("ja", "2025年3月期決算", None, ["FY2024"]),
    ("ja", "25年3月期", None, ["FY2024"]),
    ("ja", "24年度の設備投資", None, ["FY2024"]),
    ("ja", "来春に完了", NOV5, ["2026-SP"]),
    ("ja", "今秋", NOV5, ["2025-FA"]),
    ("ja", "2025年12月期", None, ["FY2025"]),
    ("ja", "令和7年", None, ["2025"]),
    ("ja", "令和元年", None, ["2019"]),
    ("ja", "平成31年4月", None, ["2019-04"]),
    ("ja", "昭和64年", None, ["1989"]),
    ("ja", "2026年半ばに", None, ["2026"]),
    ("ja", "2026年初めに", None, ["2026-01"]),
    # Japanese, not dates
    ("ja", "30歳の創業者", NOV5, []),
    ("ja", "2025億ドルの投資", NOV5, []),
    ("ja", "GB200とH100、MI450", NOV5, []),
    ("ja", "年間収益は約130億ドル", NOV5, []),
    ("ja", "20.2%成長", NOV5, []),
    ("ja", "2020年代に", NOV5, ["202X"]),
    ("ja", "前年比10%増", NOV5, []),
    ("ja", "前年同期と比べ", NOV5, []),
    ("ja", "14ヶ月で", NOV5, []),
    ("ja", "2日間で1,400億ドル", NOV5, []),
    ("ja", "四半期ごとに", NOV5, []),
    ("ja", "毎月曜に", NOV5, []),
    # Japanese, relative to the publication date
    ("ja", "11月3日に発表", NOV5, ["2025-11-03"]),
    ("ja", "10月末に改定", NOV5, ["2025-10"]),
    ("ja", "12月に発売", NOV5, ["2025-12"]),
    ("ja", "3月に発売", NOV5, ["2025-03"]),
    ("ja", "1月に発売", YEAR_END, ["2026-01"]),
    ("ja", "12月に発売", NEW_YEAR, ["2025-12"]),
    ("ja", "11月中旬", NOV5, ["2025-11"]),
    ("ja", "来年", NOV5, ["2026"]),
    ("ja", "来年末", NOV5, ["2026-12"]),
    ("ja", "来年末", NEW_YEAR, ["2027-12"]),
    ("ja", "今年", NOV5, ["2025"]),
    ("ja", "昨年と去年", NOV5, ["2024", "2024"]),
    ("ja", "再来年", NOV5, ["2027"]),
    ("ja", "一昨年", NOV5, ["2023"]),
    ("ja", "今年第3四半期", NOV5, ["2025-Q3"]),
    ("ja", "来年春", NOV5, ["2026-SP"]),
    ("ja", "昨年10月", NOV5, ["2024-10"]),
    ("ja", "先週", NOV5, ["2025-W44"]),
    ("ja", "今週", NOV5, ["2025-W45"]),
    ("ja", "来週", NOV5, ["2025-W46"]),
    ("ja", "今週", YEAR_END, ["2026-W01"]),
    ("ja", "先週", YEAR_END, ["2025-W52"]),
    ("ja", "来週", NEW_YEAR, ["2026-W02"]),
    ("ja", "先月", NOV5, ["2025-10"]),
    ("ja", "今月", NOV5, ["2025-11"]),
    ("ja", "来月", YEAR_END, ["2026-01"]),
    ("ja", "先月", NEW_YEAR, ["2025-12"]),
    ("ja", "来月10日", NOV5, ["2025-12-10"]),
    ("ja", "月曜日に", NOV5, ["2025-11-03"]),
    ("ja", "水曜日に", NOV5, ["2025-11-05"]),
    ("ja", "金曜に", NOV5, ["2025-10-31"]),
    ("ja", "今年度", NOV5, ["FY2025"]),
    ("ja", "今年度", NEW_YEAR, ["FY2025"]),
    ("ja", "来年度", NOV5, ["FY2026"]),
    ("ja", "3日前に", NOV5, ["2025-11-02"]),
    ("ja", "2日後に", NOV5, ["2025-11-07"]),
    # an offset lands on a day, as TIMEX3 resolves it
    ("ja", "2年前", NOV5, ["2023-11-05"]),
    ("ja", "3カ月後", NOV5, ["2026-02-05"]),
    ("ja", "半年前", NOV5, ["2025-05-05"]),
    ("ja", "月末", NOV5, ["2025-11"]),
    ("ja", "年末", NOV5, ["2025-12"]),
    ("ja", "年末", NEW_YEAR, ["2026-12"]),
    ("ja", "本日、昨日と明日", NOV5, ["2025-11-05", "2025-11-04", "2025-11-06"]),
    ("ja", "同社は5日、発表した", NOV5, ["2025-11-05"]),
    ("ja", "同社は20日、発表した", NOV5, ["2025-10-20"]),
    # Japanese, anchored on a date the text gave
    ("ja", "2025年11月3日に締結。契約締結の1週間前", None, ["2025-11-03", "2025-10-27"]),
    ("ja", "2025年11月3日に締結。10月末の改定", None, ["2025-11-03", "2025-10"]),
    ("ja", "2025年11月3日に締結。同日、発表", None, ["2025-11-03", "2025-11-03"]),
    ("ja", "2025年11月3日に締結。翌日、発表", None, ["2025-11-03", "2025-11-04"]),
    ("ja", "2024年に設立。同年、翌年、前年", None, ["2024", "2024", "2025", "2023"]),
    ("ja", "2024年に設立。同日", None, ["2024", None]),
    ("ja", "2023年5月1日に設立。同日", NOV5, ["2023-05-01", "2023-05-01"]),
    ("ja", "2023年5月1日に設立。翌年", NOV5, ["2023-05-01", "2024"]),
    # Japanese, nothing to anchor on
    ("ja", "来年", None, [None]),
    ("ja", "10月末に", None, [None]),
    ("ja", "同日", None, [None]),
    # a deadline is not what 同月 points back to
    ("ja", "2025年4月24日に発表。2026年3月末までの稼働を目指す。同月、HPEと提携した。", None,
     ["2025-04-24", "2026-03", "2025-04"]),
    ("ja", "1週間前", None, [None]),
    # leap day
    ("ja", "1年前", LEAP, ["2023-02-28"]),
    ("ja", "1週間後", LEAP, ["2024-03-07"]),
    ("ja", "3日前", LEAP, ["2024-02-26"]),
    ("ja", "来月", LEAP, ["2024-03"]),
    ("ja", "先週", LEAP, ["2024-W08"]),
    ("ja", "月曜日", LEAP, ["2024-02-26"]),
    ("ja", "2月29日", LEAP, ["2024-02-29"]),
    ("ja", "2025年2月29日", LEAP, []),
    # English, absolute
    ("en", "on Nov. 3, 2025, the firms", None, ["2025-11-03"]),
    ("en", "on November 3, 2025", None, ["2025-11-03"]),
    ("en", "on November 3rd, 2025", None, ["2025-11-03"]),
    ("en", "on 3 November 2025", None, ["2025-11-03"]),
    ("en", "in November 2025", None, ["2025-11"]),
    ("en", "Q3 2025 results", None, ["2025-Q3"]),
    ("en", "the third quarter of 2025", None, ["2025-Q3"]),
    ("en", "third-quarter 2025 revenue", None, ["2025-Q3"]),
    ("en", "3Q25 results", None, ["2025-Q3"]),
    ("en", "Q3'25", None, ["2025-Q3"]),
    ("en", "2025 Q3", None, ["2025-Q3"]),
    ("en", "the second half of 2026", None, ["2026-H2"]),
    ("en", "H2 2026", None, ["2026-H2"]),
    ("en", "2H26", None, ["2026-H2"]),
    ("en", "by the end of 2026", None, ["2026-12"]),
    ("en", "year-end 2025", None, ["2025-12"]),
    ("en", "to close the deal by year-end", NOV5, ["2025-12"]),
    ("ja", "年明けに契約する", NOV5, ["2026-01"]),           # said in November: the coming January
    ("ja", "年明けに契約した", dt.date(2026, 2, 1), ["2026-01"]),
    ("en", "fiscal 2025", None, ["FY2025"]),
    ("en", "FY2025 and FY25", None, ["FY2025", "FY2025"]),
    ("en", "fiscal year 2026", None, ["FY2026"]),
    ("en", "in 2027", None, ["2027"]),
    ("en", "mid-2026", None, ["2026"]),
    ("en", "since 2022", None, ["2022"]),
    ("en", "early 2026", None, ["2026"]),
    ("en", "between 2025 and 2027", None, ["2025", "2027"]),
    ("en", "over 2025-2027", None, ["2025", "2027"]),
    ("en", "spring 2025", None, ["2025-SP"]),
    ("en", "summer of 2024", None, ["2024-SU"]),
    ("en", "it raised money in the summer.", NOV5, ["2025-SU"]),
    ("en", "shares have doubled since January", NOV5, ["2025-01"]),  # since: the past, never next January
    ("ja", "1月以来、株価は倍増した", NOV5, ["2025-01"]),
    ("ja", "1月から稼働する", NOV5, ["2026-01"]),
    ("en", "the plant opens in January", NOV5, ["2026-01"]),
    ("en", "sales have grown since November", NOV5, ["2025-11"]),
    ("en", "it raised money in the summer.", NEW_YEAR, ["2025-SU"]),  # a bare season is placed like a month
    ("en", "it expects to list in the spring.", NEW_YEAR, ["2026-SP"]),
    ("en", "demand peaked in the winter.", NEW_YEAR, ["2025-WI"]),
    ("en", "the launch is planned for the summer of 2026", NOV5, ["2026-SU"]),
    ("en", "the summer heat", NOV5, []),
    ("en", "up 20% in 2025", None, ["2025"]),
    ("en", "to expand into 2027 and beyond", None, ["2027"]),
    ("en", "fiscal first-quarter results", NOV5, [None]),  # a company's quarter: named, not placed
    # English, not dates
    ("en", "2,000 GPUs", NOV5, []),
    ("en", "1,000 units", NOV5, []),
    ("en", "in 2000 GPUs", NOV5, []),
    ("en", "a 30-year-old engineer", NOV5, []),
    ("en", "H100, GB200 and MI450 chips", NOV5, []),
    ("en", "$2025 million", NOV5, []),
    ("en", "The board may approve it", NOV5, []),
    # English, relative to the publication date
    ("en", "3 November", NOV5, ["2025-11-03"]),
    ("en", "November 3", NOV5, ["2025-11-03"]),
    ("en", "in December", NOV5, ["2025-12"]),
    ("en", "in March", NOV5, ["2025-03"]),
    ("en", "last November", NOV5, ["2024-11"]),
    ("en", "next March", NOV5, ["2026-03"]),
    ("en", "next year", NOV5, ["2026"]),
    ("en", "last year", NOV5, ["2024"]),
    ("en", "this year", NOV5, ["2025"]),
    ("en", "last week", NOV5, ["2025-W44"]),
    ("en", "next month", NOV5, ["2025-12"]),
    ("en", "earlier this month", NOV5, ["2025-11"]),
    ("en", "on Monday", NOV5, ["2025-11-03"]),
    ("en", "next Monday", NOV5, ["2025-11-10"]),
    ("en", "last Wednesday", NOV5, ["2025-10-29"]),
    ("en", "last quarter", NOV5, ["2025-Q3"]),
    ("en", "the first half of next year", NOV5, ["2026-H1"]),
    ("en", "by the end of next year", NOV5, ["2026-12"]),
    ("en", "by the end of the year", NOV5, ["2025-12"]),
    ("en", "next fiscal year", NOV5, ["FY2026"]),
    ("en", "this fall", NOV5, ["2025-FA"]),
    ("en", "two years ago", NOV5, ["2023-11-05"]),
    ("en", "three days ago", NOV5, ["2025-11-02"]),
    ("en", "yesterday", NOV5, ["2025-11-04"]),
    ("en", "the third quarter", NOV5, ["2025-Q3"]),
    ("en", "next year", YEAR_END, ["2026"]),
    ("en", "last month", YEAR_END, ["2025-11"]),
    ("en", "this week", YEAR_END, ["2026-W01"]),
    ("en", "last year", NEW_YEAR, ["2025"]),
    ("en", "in December", NEW_YEAR, ["2025-12"]),
    ("en", "Q4", NEW_YEAR, ["2025-Q4"]),
    ("en", "Q1", NEW_YEAR, ["2026-Q1"]),
    ("en", "a year ago", LEAP, ["2023-02-28"]),
    ("en", "tomorrow", LEAP, ["2024-03-01"]),
    ("en", "February 29", LEAP, ["2024-02-29"]),
    ("en", "February 29, 2023", LEAP, []),
    # English, anchored on the text / nothing
    ("en", "signed on Nov. 3, 2025. Two days later, it", None, ["2025-11-03", "2025-11-05"]),
    ("en", "founded in 2024; the following year", None, ["2024", "2025"]),
    ("en", "next year", None, [None]),
    ("en", "on Monday", None, [None]),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), DATE_CASES)
def test_date_values(nlps, lang, text, published, expected):
    doc = run(nlps, lang, text, published)
    assert [d["value"] for d in doc._.dates] == expected


DURATION_CASES = [
    ("ja", "期間7年間の契約", [("P7Y", None)]),
    ("ja", "今後7年で", [("P7Y", None)]),
    ("ja", "7年かけて分割払い", [("P7Y", None)]),
    ("ja", "契約期間は5年", [("P5Y", None)]),
    ("ja", "2027年から", []),
    ("ja", "令和7年", []),
    ("ja", "25年3月期", []),
    ("ja", "GPU1基1時間あたり900円、1日当たり3億円", []),  # units of rates, not spans
    ("ja", "24時間稼働", [("PT24H", None)]),
    ("ja", "18ヶ月ごとに世代交代", [("P18M", None)]),
    ("ja", "14ヶ月、14カ月、14か月、14箇月", [("P14M", None)] * 4),
    ("ja", "2日間で", [("P2D", None)]),
    ("ja", "1週間も経たないうちに", [("P1W", None)]),
    ("ja", "半年で", [("P6M", None)]),
    ("ja", "1年半", [("P1Y6M", None)]),
    ("ja", "3~5年間", [("P3Y", "P5Y"), ("P5Y", "P5Y")]),  # a range: its two bounds
    ("ja", "24時間", [("PT24H", None)]),
    ("ja", "四半期ごと", []),
    ("ja", "今後数年", [(None, None)]),
    ("ja", "数か月", [(None, None)]),
    ("ja", "2年前に", [("P2Y", None)]),
    ("ja", "年間収益", []),
    ("en", "a seven-year deal", [("P7Y", None)]),
    ("en", "over 7 years", [("P7Y", None)]),
    ("en", "12 to 18 months", [("P12M", "P18M"), ("P18M", "P18M")]),
    ("en", "12-18 months", [("P12M", "P18M"), ("P18M", "P18M")]),
    ("en", "an 18-month build", [("P18M", None)]),
    ("en", "the next few years", [(None, None)]),
    ("en", "several years", [(None, None)]),
    ("en", "a multiyear deal", [(None, None)]),
    ("en", "a decade", [("P10Y", None)]),
    ("en", "two decades", [("P20Y", None)]),
    ("en", "a 30-year-old engineer", []),
    ("en", "2,000 GPUs in 2025", []),
    ("en", "once a year", []),
    ("en", "a 10-year high", []),
    ("en", "announced two weeks ago", []),  # a point in time (a date), not a span
    ("en", "a year earlier, three years later", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DURATION_CASES)
def test_duration_values(nlps, lang, text, expected):
    doc = run(nlps, lang, text)
    assert [(d["value"], d["value_max"]) for d in doc._.durations] == expected


@pytest.mark.parametrize(("lang", "text", "approx"), [
    ("ja", "約3年間", True),
    ("ja", "3年間", False),
    ("ja", "数年", True),
    ("en", "about five years", True),
    ("en", "five years", False),
])
def test_duration_approx(nlps, lang, text, approx):
    (duration,) = run(nlps, lang, text)._.durations
    assert duration["approx"] is approx


@pytest.mark.parametrize(("lang", "text", "published", "start", "end", "precision"), [
    ("ja", "2025年第3四半期", None, "2025-07-01", "2025-09-30", "quarter"),
    ("ja", "2026年末", None, "2026-12-01", "2026-12-31", "month"),
    ("ja", "2025年度", None, "2025-04-01", "2026-03-31", "fiscal_year"),
    ("en", "fiscal 2025", None, "2025-04-01", "2026-03-31", "fiscal_year"),
    ("ja", "2025年上半期", None, "2025-01-01", "2025-06-30", "half"),
    ("ja", "2024年冬", None, "2024-12-01", "2025-02-28", "season"),
    ("ja", "2023年冬", None, "2023-12-01", "2024-02-29", "season"),
    ("ja", "今週", NOV5, "2025-11-03", "2025-11-09", "week"),
    ("ja", "2027年以降", None, "2027-01-01", "2027-12-31", "year"),
    ("ja", "2025年3月期", None, "2024-04-01", "2025-03-31", "fiscal_year"),
    ("en", "November 3, 2025", None, "2025-11-03", "2025-11-03", "day"),
])
def test_date_ranges(nlps, lang, text, published, start, end, precision):
    (date,) = run(nlps, lang, text, published)._.dates
    assert (date["start_date"], date["end_date"], date["precision"]) == (start, end, precision)


def test_anchor_and_relative_fields(nlps):
    doc = run(nlps, "ja", "2025年11月3日に締結。同日、来年、10月末", None)
    fields = [(d["text"], d["relative"], d["anchor"]) for d in doc._.dates]
    assert fields == [
        ("2025年11月3日", False, None),
        ("同日", True, "text"),
        ("来年", True, "text"),
        ("10月末", True, "text"),
    ]
    doc = run(nlps, "en", "Shares rose last week after the Nov. 3, 2025 deal.", NOV5)
    rows = [(d["value"], d["anchor"]) for d in doc._.dates]
    assert rows == [("2025-W44", "published"), ("2025-11-03", None)]


def test_offsets_point_into_the_original_text(nlps):
    text = "OpenAIは２０２５年１１月３日、期間７年間の契約を結んだ。"
    doc = run(nlps, "ja", text)
    for row in [*doc._.dates, *doc._.durations]:
        assert text[row["start"]:row["end"]] == row["text"]
    assert [d["text"] for d in doc._.dates] == ["２０２５年１１月３日"]
    assert [d["value"] for d in doc._.durations] == ["P7Y"]


def test_suffixes_stay_out_of_the_text(nlps):
    doc = run(nlps, "ja", "2027年以降と2022年以来")
    assert [d["text"] for d in doc._.dates] == ["2027年", "2022年"]


def test_published_datetime_is_accepted(nlps):
    doc = run(nlps, "ja", "来年", dt.datetime(2025, 11, 5, 9, 30))
    assert doc._.dates[0]["value"] == "2026"


@pytest.mark.skipif(not SEED.with_suffix(".txt").exists(), reason="shared corpus not laid out")
def test_seed_article_matches_gold(nlps):
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    doc = run(nlps, "ja", text, None)
    assert {d["value"] for d in doc._.dates if d["value"]} == {g["value"] for g in gold["dates"]}
    assert {d["value"] for d in doc._.durations if d["value"]} == {g["value"] for g in gold["durations"]}


def test_extensions_are_lists_even_without_dates(nlps):
    doc = run(nlps, "en", "Nothing to see here.")
    assert doc._.dates == [] and doc._.durations == []


@pytest.mark.parametrize(("month_no", "anchor", "year"), [
    (10, dt.date(2025, 11, 3), 2025),
    (1, dt.date(2025, 12, 31), 2026),
    (12, dt.date(2026, 1, 1), 2025),
    (3, dt.date(2026, 1, 1), 2026),
    (4, dt.date(2026, 1, 1), 2025),
])
def test_infer_year(month_no, anchor, year):
    assert timex.infer_year(month_no, anchor) == year


@pytest.mark.parametrize(("text", "value"), [("2025", 2025), ("２０２５", 2025), ("二〇二五", 2025),
                                             ("十四", 14), ("百二十", 120), ("七", 7), ("abc", None)])
def test_parse_int(text, value):
    assert timex.parse_int(text) == value


def test_add_months_clamps_leap_day():
    assert timex.add_years(LEAP, 1) == dt.date(2025, 2, 28)
    assert timex.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)


QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture
def timeline_db(tmp_path, nlps):
    """A knowledge base holding two articles and the dates the extractor finds in them."""
    sqlite_utils = pytest.importorskip("sqlite_utils")
    from newskb.kb.schema import ensure_schema
    from newskb.kb.summaries import rebuild

    db = sqlite_utils.Database(tmp_path / "kb.db")
    ensure_schema(db)
    articles = [
        (1, "ja", "2025-11-05", ("2025年11月3日に締結した。来年末までに完成し、"
                                 "10月末の改定を受けた。先週、発表。")),
        (2, "en", "2025-12-31", "The deal closed in December. Shares rose next month."),
    ]
    for article_id, lang, published, text in articles:
        db["articles"].insert({"id": article_id, "title": f"article {article_id}", "published": published,
                               "lang": lang, "text": text, "key": str(article_id)})
        doc = run(nlps, lang, text, dt.date.fromisoformat(published))
        for row in doc._.dates:
            db["dates"].insert({**row, "article_id": article_id, "sentence": text})
    # written directly, not through kb.store.save_article: the summaries as its hook would keep them
    with db.conn:
        rebuild(db)
    return db


def canned(name: str) -> str:
    sql = (QUERIES / name).read_text(encoding="utf-8")
    assert sql.startswith("-- title: ") and "\n-- description: " in sql
    return sql


def test_article_timeline_orders_dates_by_calendar(timeline_db):
    rows = timeline_db.execute(canned("article_timeline.sql"), {"article_id": 1}).fetchall()
    assert [(r[2], r[5]) for r in rows] == [
        ("2025-10", "published"), ("2025-W44", "published"), ("2025-11-03", "absolute"),
        ("2026-12", "published"),
    ]
    assert rows[0][6].startswith("2025年11月3日")  # the sentence travels with the date


@pytest.mark.parametrize(("lang", "expected"), [
    ("", [("2025-10", 0, 1, 2), ("2025-11", 1, 1, 1), ("2025-12", 1, 1, 1), ("2026-01", 0, 1, 1),
          ("2026-12", 0, 1, 1)]),
    ("en", [("2025-12", 1, 1, 1), ("2026-01", 0, 1, 1)]),
])
def test_articles_by_month(timeline_db, lang, expected):
    rows = timeline_db.execute(canned("articles_by_month.sql"), {"lang": lang}).fetchall()
    assert [tuple(r) for r in rows] == expected
