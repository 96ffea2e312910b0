"""The web page in a real headless Chromium (Debian's), driven by Playwright, against a real server."""
import pytest

from chronicler.api import create_app
from conftest import served

pytestmark = pytest.mark.model

ARTICLE = (
    "Cuba denies talks <img src=x onerror=\"window.__pwned=1\">\n"
    "HAVANA: “There are no conversations with the US government,” Diaz-Canel stated on Monday.\n"
    "“We’re talking with Cuba,” Trump said aboard Air Force One on Sunday. <script>window.__pwned=2</script>\n"
)


@pytest.fixture(scope="module")
def server_url():
    with served(create_app()) as url:
        yield url


def test_page_analyzes_an_article_and_escapes_its_text(browser, server_url, tmp_path):
    page = browser.new_page()
    page.goto(server_url + "/")
    page.fill("#text", ARTICLE)
    page.fill("#published", "2026-01-05")
    page.click("#analyze")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#article img, #article script").count() == 0
    assert "<img src=x" in page.inner_text("#article")  # shown as text, not run
    quotes = page.inner_text("#quotes")
    assert "There are no conversations" in quotes and "We’re talking with Cuba" in quotes
    assert page.locator("#article mark.quote").count() >= 2
    page.locator("#quotes tr[data-span]").first.click()
    assert page.locator("#article mark.active").count() >= 1
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_page_shows_errors(browser, server_url):
    page = browser.new_page()
    page.goto(server_url + "/")
    page.fill("#text", "   ")
    page.click("#analyze")
    page.wait_for_selector("#status.error", timeout=10_000)
    assert "empty input" in page.inner_text("#status")


def test_page_shows_quotations_only_on_request(browser, server_url):
    page = browser.new_page()
    page.goto(server_url + "/")
    page.fill("#text", "“We’re talking with Cuba,” President Donald Trump said on Sunday.\n"
                       "Cuban President Miguel Diaz-Canel believes that the talks will fail, and he opposes any "
                       "deal with Washington.\n")
    page.click("#analyze")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    rows = page.locator("#quotes tr[data-span]")
    every = rows.count()
    assert every >= 2 and "belief" in page.inner_text("#quotes")
    page.check("#speechOnly")  # the beliefs and stances go, the quotation stays, highlights with them
    assert rows.count() == 1 and "We’re talking with Cuba" in page.inner_text("#quotes")
    marked = page.eval_on_selector_all("#article mark.quote", "ms => ms.map(m => m.textContent).join('')")
    assert "talking with Cuba" in marked and "talks will fail" not in marked
    page.uncheck("#speechOnly")
    assert rows.count() == every
    assert "quotations)" in page.inner_text("#status")
