"""Reading sources: every format, encodings, defaults, and bad input with one-line errors."""
from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newskb.ingest.sources import (
    Article,
    Defaults,
    SourceError,
    clean_text,
    detect_lang,
    parse_published,
    read_source,
)

JA_BODY = ("AnthropicとGoogle Cloudは2026年2月10日、5年間で総額150億ドルに上る"
           "計算資源の利用契約を結んだと発表した。")
EN_BODY = "Microsoft signed a $9.7 billion contract with IREN for NVIDIA GB300 capacity in Texas."

HTML_PAGE = f"""<!DOCTYPE html><html><head><title>GoogleとAnthropicが契約</title>
<meta property="article:published_time" content="2025-11-04T09:00:00+09:00"></head>
<body><nav><a href="/">ホーム</a> <a href="/cloud">クラウド</a></nav>
<article><h1>GoogleとAnthropicが契約</h1><p>{JA_BODY}</p><p>{JA_BODY[:40]}の詳細は明らかにされていない。
これでAnthropicは最大100万基のTPUを使える見通しだ。</p></article>
<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""


def articles(source: str, defaults: Defaults = Defaults(), stdin: io.BytesIO | None = None) -> list[Article]:
    items = list(read_source(source, defaults, stdin))
    errors = [str(i) for i in items if isinstance(i, SourceError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, Article)]


def errors(source: str, defaults: Defaults = Defaults()) -> list[str]:
    return [str(i) for i in read_source(source, defaults) if isinstance(i, SourceError)]


def test_text_file_first_line_is_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"\n\nGoogleとAnthropicが契約\n\n{JA_BODY}\n", encoding="utf-8")
    [a] = articles(str(path))
    assert a.title == "GoogleとAnthropicが契約"
    assert a.text.startswith("GoogleとAnthropicが契約") and JA_BODY in a.text
    assert (a.lang, a.published, a.url, a.origin) == ("ja", None, None, str(path))


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Microsoft and IREN\nurl: https://example.com/iren\npublished: 2025-11-03\n"
        f"source: Example Wire\nlang: en\n---\n# Microsoft and IREN\n\n{EN_BODY}\n", encoding="utf-8")
    [a] = articles(str(path))
    assert (a.title, a.url, a.published, a.source, a.lang) == (
        "Microsoft and IREN", "https://example.com/iren", dt.date(2025, 11, 3), "Example Wire", "en")
    assert a.key == "https://example.com/iren"
    assert "---" not in a.text


def test_sidecar_meta_json(tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text(f"見出し\n{JA_BODY}", encoding="utf-8")
    (tmp_path / "seed.meta.json").write_text(json.dumps({"source": "BKK IT News", "published": None}))
    [a] = articles(str(tmp_path / "seed.txt"))
    assert a.source == "BKK IT News" and a.published is None


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [a] = articles(str(path))
    assert a.title == "GoogleとAnthropicが契約"
    assert "150億ドル" in a.text
    assert "ホーム" not in a.text and "All rights reserved" not in a.text
    assert a.published == dt.date(2025, 11, 4)


@pytest.mark.parametrize("suffix,payload,count", [
    (".json", {"text": JA_BODY, "title": "t1"}, 1),
    (".json", [{"text": JA_BODY}, {"text": EN_BODY, "lang": "en"}], 2),
])
def test_json(tmp_path: Path, suffix: str, payload: object, count: int) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    assert len(articles(str(path))) == count


def test_jsonl_fields_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"title": "A", "text": JA_BODY, "url": "https://x/a", "published": "2025-11-03", "source": "S",
         "lang": "ja"},
        {"text": EN_BODY},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    a, b = articles(str(path), Defaults(published=dt.date(2025, 12, 1), source="Wire"))
    assert (a.url, a.published, a.source, a.lang) == ("https://x/a", dt.date(2025, 11, 3), "S", "ja")
    assert (b.title, b.published, b.source, b.lang) == (EN_BODY, dt.date(2025, 12, 1), "Wire", "en")
    assert b.key.endswith("feed.jsonl#2")


def test_jsonl_bad_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": JA_BODY}, ensure_ascii=False) + "\n{not json\n"
        + json.dumps({"title": "no text"}) + "\n" + json.dumps({"text": 42}) + "\n"
        + json.dumps({"text": EN_BODY, "published": "not a date"}) + "\n", encoding="utf-8")
    items = list(read_source(str(path)))
    good = [i for i in items if isinstance(i, Article)]
    bad = [str(i) for i in items if isinstance(i, SourceError)]
    assert len(good) == 1
    assert bad == [
        f"{path} line 2: is not valid JSON (Expecting property name enclosed in double quotes)",
        f"{path} line 3: has no 'text' field",
        f"{path} line 4: 'text' must be a string, not int",
        f"{path} line 5: 'published' is not a date: 'not a date' (use YYYY-MM-DD)",
    ]


def test_stdin_guesses_the_format() -> None:
    [a] = articles("-", stdin=io.BytesIO(f"見出し\n{JA_BODY}".encode()))
    assert a.title == "見出し" and a.origin == "-"
    [b] = articles("-", stdin=io.BytesIO(json.dumps({"text": EN_BODY}).encode()))
    assert b.lang == "en"


def test_folder_is_read_recursively_and_skips_annotations(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f"A\n{JA_BODY}", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(f"# B\n{EN_BODY}", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "README.md").write_text("# about this folder")
    assert [a.title for a in articles(str(tmp_path))] == ["A", "B"]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "utf-16", "utf-8-sig"])
def test_japanese_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"エヌビディアの決算\n{JA_BODY}\n".encode(encoding))
    [a] = articles(str(path))
    assert a.title == "エヌビディアの決算" and JA_BODY in a.text


def test_dirty_text_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\r\nline one\x00 with NUL\rline\x07 two\nbad \xff byte\n")
    [a] = articles(str(path))
    assert a.text == "Title\nline one with NUL\nline two\nbad \ufffd byte"


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\n ", "is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "is a binary file"),
    ("doc.pdf", b"%PDF-1.4 ...", "has an unknown format '.pdf'"),
    ("data.csv", b"a,b\n1,2", "has an unknown format '.csv'"),
    ("broken.json", b"{\"text\": ", "is not valid JSON"),
    ("nobody.html", b"<html><body><nav>menu</nav></body></html>", "has no article body"),
])
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [error] = errors(str(path))
    assert error.startswith(f"{path}: ") and message in error and "\n" not in error


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert errors(str(tmp_path / "nope.txt")) == [f"{tmp_path / 'nope.txt'}: does not exist (check the path)"]
    (tmp_path / "empty").mkdir()
    [error] = errors(str(tmp_path / "empty"))
    assert "is a folder with no articles" in error


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("長い" * 5000, encoding="utf-8")
    [error] = errors(str(path), Defaults(max_bytes=1000))
    assert "over the limit of 1,000" in error and "--max-bytes" in error


def test_malformed_html_still_yields_text(tmp_path: Path) -> None:
    path = tmp_path / "m.html"
    path.write_text(f"<html><body><article><p>{JA_BODY}<p>{JA_BODY}<div></span></article>", encoding="utf-8")
    [a] = articles(str(path))
    assert "150億ドル" in a.text


def test_very_long_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Title\n" + JA_BODY * 3000, encoding="utf-8")
    [a] = articles(str(path))
    assert len(a.text) > 100_000


@pytest.mark.parametrize("text,lang", [(JA_BODY, "ja"), (EN_BODY, "en"), ("NVIDIAのGB200", "ja")])
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_clean_text_keeps_paragraphs() -> None:
    assert clean_text("\ufeffa  \r\n\r\nb\t\n") == "a\n\nb"


# ---------------------------------------------------------------- URLs, on a loopback server


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", HTML_PAGE.encode()),
            "/article.sjis": (200, "text/html; charset=shift_jis",
                              HTML_PAGE.replace("utf-8", "shift_jis").encode("shift_jis")),
            "/missing": (404, "text/html", b"not found"),
            "/broken": (500, "text/html", b"oops"),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/huge": (200, "text/html", b"<html>" + b"x" * 300_000),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        status, ctype, body = routes.get(self.path, (200, "text/html", HTML_PAGE.encode()))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (size limit, timeout): that is the point


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_article(server: str) -> None:
    [a] = articles(f"{server}/article.html")
    assert a.url == f"{server}/article.html" and a.key == a.url
    assert a.title == "GoogleとAnthropicが契約" and "150億ドル" in a.text
    assert a.published == dt.date(2025, 11, 4)


def test_url_in_shift_jis(server: str) -> None:
    [a] = articles(f"{server}/article.sjis")
    assert "150億ドル" in a.text


@pytest.mark.parametrize("path,message", [
    ("/missing", "answered HTTP 404"),
    ("/broken", "answered HTTP 500"),
    ("/loop", "redirects too many times (a redirect loop?)"),
    ("/image.png", "is image/png, not an HTML page or text"),
    ("/huge", "is over the limit of 100,000 bytes"),
    ("/slow", "did not answer within 0.5 seconds"),
])
def test_url_failures(server: str, path: str, message: str) -> None:
    [error] = errors(f"{server}{path}", Defaults(max_bytes=100_000, timeout=0.5))
    assert error == f"{server}{path}: {message}" + (" (raise it with --max-bytes)" if path == "/huge" else "")


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_other_schemes_are_refused(url: str) -> None:
    assert errors(url) == [f"{url}: only http:// and https:// URLs can be ingested"]


@pytest.mark.parametrize("value,published", [
    ("2026-02-14", dt.date(2026, 2, 14)),
    ("2026年2月14日", dt.date(2026, 2, 14)),
    ("２０２６年２月１４日（土）", dt.date(2026, 2, 14)),  # full-width, with the day of the week
    ("Feb 14, 2026", dt.date(2026, 2, 14)),
    ("14 February 2026 08:30", dt.date(2026, 2, 14)),
    ("2026-02-14T08:30:00+09:00", dt.date(2026, 2, 14)),
    (dt.date(2026, 2, 14), dt.date(2026, 2, 14)),  # YAML front matter gives dates already
    (dt.datetime(2026, 2, 14, 23, 59), dt.date(2026, 2, 14)),
    (None, None),
    ("", None),
])
def test_a_publication_date_is_read_once_into_a_date(value: object, published: dt.date | None) -> None:
    assert parse_published(value, "x.md") == published


@pytest.mark.parametrize("value,problem", [
    ("someday", "x.md: 'published' is not a date: 'someday' (use YYYY-MM-DD)"),
    (20260214, "x.md: 'published' must be a date string, not int 20260214"),
])
def test_a_publication_date_that_is_not_one_is_named(value: object, problem: str) -> None:
    with pytest.raises(SourceError) as raised:
        parse_published(value, "x.md")
    assert str(raised.value) == problem


def test_an_article_is_lossless_as_a_dict(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\npublished: 2026-02-14\nsource: Wire\n---\n{EN_BODY}\n", encoding="utf-8")
    [article] = articles(str(path))
    as_dict = json.loads(json.dumps(article.to_dict()))
    assert as_dict["published"] == "2026-02-14"
    assert Article.from_dict(as_dict) == article
