"""A Spanish article in the web UI (headless Chromium): accents, « » and the dash of dialogue shown as written,
its quotes and events marked in the text, and search folding accents ("diaz" finds and marks "Díaz")."""
import json
import re
from pathlib import Path

import pytest

from chronicler.api import create_app
from chronicler.store import open_store
from conftest import served

pytestmark = [pytest.mark.model, pytest.mark.spanish]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cuba-conversaciones.txt"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory, spanish):
    from chronicler.ingest import ingest

    folder = tmp_path_factory.mktemp("ui_es")
    path = folder / "es.duckdb"
    batch = folder / "batch.jsonl"
    batch.write_text(json.dumps({"id": "es", "text": EXAMPLE.read_text("utf-8"), "published": "2026-01-06",
                                 "source": "Ejemplo"}, ensure_ascii=False) + "\n", "utf-8")
    with open_store(path) as store:
        assert ingest([str(batch)], store).added == 1
    with served(create_app(db=str(path))) as url:
        yield url


def wait(page):
    page.locator("#status").filter(has_text=re.compile(r"^(shown|error)")).wait_for(timeout=30_000)
    assert page.inner_text("#status").startswith("shown"), page.inner_text("#status")


def test_spanish_article_reads_as_written_and_search_folds_accents(browser, server_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server_url + "/ui#/search?q=" + "diaz canel habia".replace("habia", "afirmo"))
    wait(page)
    marks = page.eval_on_selector_all("#results mark", "ms => ms.map(m => m.textContent)")
    assert any(m in ("Díaz", "afirmó") for m in marks), marks
    page.locator("#results li a").first.click()
    wait(page)
    text = page.inner_text("#articleText")
    assert "«No hay conversaciones con el Gobierno de Estados Unidos" in text
    assert "—Si yo viviera en La Habana" in text and "Díaz-Canel" in text
    quotes = page.eval_on_selector_all("#articleText mark.quote", "ms => ms.map(m => m.textContent).join('')")
    assert "Estamos hablando con Cuba" in quotes
    assert page.locator("#articleText mark.event").count() >= 3
    page.close()
