"""The analyst's path through the real server, in headless Chromium (Playwright, Debian's chromium).

``newskb serve`` runs on the samples knowledge base in a subprocess on a free loopback port. The
test opens the dashboard, searches 契約 from it, opens an article from the results, clicks through
to a party of one of its deals, and finds that deal with its amount on the entity page. It saves
screenshots to tests/screenshots/; with NEWSKB_SCREENSHOTS=docs/screenshots it refreshes the
README's.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.ginza]

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / os.environ.get("NEWSKB_SCREENSHOTS", "tests/screenshots")
# Never download anything: the system browser, no update checks, no background traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AMOUNT = re.compile(r"\d[\d,]* [A-Z]{3}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newskb serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"newskb serve did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="module")
def server(samples_kb: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or make browser)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    port = free_port()
    newskb = Path(sys.executable).parent / "newskb"
    process = subprocess.Popen([str(newskb), "serve", "--db", str(samples_kb), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_default_timeout(20_000)
        yield page
        browser.close()
        assert not errors, errors  # no script error on any page


def test_dashboard_search_article_entity_deal(page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto("/")
    page.locator(".kb-nav a", has_text="Dashboard").click()
    page.wait_for_url("**/-/dashboards/newskb")
    page.wait_for_selector("#chart-deal-value-by-month svg")
    page.wait_for_selector("#chart-biggest-deals table")
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    page.locator("#chart-intro input[name=q]").fill("契約")
    page.locator("#chart-intro button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search\?.*q="))
    results = page.locator("table.rows-and-columns a[href^='/article/']")
    assert results.count() > 0
    assert "契約" in page.locator("table.rows-and-columns").inner_text()  # the matching sentences
    page.screenshot(path=str(SCREENSHOTS / "search.png"))

    # Open results until one reports a deal with an amount; follow a party of that deal.
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    for href in hrefs:
        page.goto(href)
        priced = page.locator("#article-deals li.kb-deal", has=page.locator(".kb-amount"))
        if priced.count():
            break
    else:
        pytest.fail(f"no article among {hrefs} lists a deal with an amount")
    deal = priced.first
    amount = deal.locator(".kb-amount").first.inner_text()
    assert AMOUNT.fullmatch(amount), amount
    assert page.locator("#article-text a.fact").count() > 0  # facts marked in the text
    page.screenshot(path=str(SCREENSHOTS / "article.png"))

    party = deal.locator("a.kb-party").first
    name = party.inner_text()
    party.click()
    page.wait_for_url(re.compile(r"/entity/\d+$"))
    assert page.locator("h1").inner_text().startswith(name)
    deals = page.locator("#entity-deals")
    deals.scroll_into_view_if_needed()
    amounts = [a for a in deals.locator("td.kb-amount").all_inner_texts() if AMOUNT.fullmatch(a)]
    assert amounts, deals.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "entity.png"))
