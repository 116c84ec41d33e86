"""Search works, and its index is fetched only when the reader uses search (kfs-search.js)."""

from __future__ import annotations

import pytest

VERSION = "2024-2025"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_index_loads_when_the_reader_searches_not_before(browser, served_version, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_version.url + "temapakker/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "search_index.json" in u]
    if width < 600:
        page.click('label.md-header__button[for="__search"]')
    else:
        page.click(".md-search__input")
    page.keyboard.type("kulturskole")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    assert page.locator(".md-search-result__item").count() > 0
    page.close()


def test_the_search_key_releases_the_index(browser, served_version):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_version.url, wait_until="networkidle")
    page.keyboard.press("s")
    page.keyboard.type("fellessamling")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    page.close()
