"""A version with many theme packs: the menu stays the same size, and every pack is still reachable.

Built from the benchmark's synthetic corpus (benchmarks/corpus.py), strictly, like a real version.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from helpers import ROOT, run_build

sys.path.insert(0, str(ROOT / "benchmarks"))
from kulturskole.model.structure import NAV_SECTION_LIMIT  # noqa: E402

import corpus  # noqa: E402


def primary_nav(html: str) -> str:
    """The site menu of a page (Material's primary navigation, up to the page content)."""
    start = html.index("md-nav--primary")
    return html[start:html.index('class="md-content"', start)]


def links(html: str, page_url: str) -> set[str]:
    """The addresses `html` links to, resolved from the page's folder `page_url` below http://site/."""
    return {urljoin("http://site/" + page_url, href) for href in re.findall(r'href="([^"#]*)"', html)}


def pack_links(html: str, page_url: str) -> set[str]:
    """The theme packs `html` links to."""
    return {m.group(1) for url in links(html, page_url)
            if (m := re.fullmatch(r"http://site/temapakker/(syntetisk-\d{4})/", url))}


@pytest.fixture(scope="module")
def scaled_sites(tmp_path_factory) -> dict[int, Path]:
    out = {}
    for n in (5, NAV_SECTION_LIMIT + 10):
        project = corpus.make_project(tmp_path_factory.mktemp(f"corpus-{n}"), n)
        site = project / "site"
        result = run_build(project, corpus.VERSION, site, today="2025-01-01", documents=False)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ADVARSEL" not in result.stderr and "WARNING" not in result.stderr, result.stderr
        out[n] = site
    return out


def test_a_short_section_lists_every_pack_in_the_menu(scaled_sites):
    html = (scaled_sites[5] / "temapakker" / "syntetisk-0003" / "index.html").read_text(encoding="utf-8")
    assert pack_links(primary_nav(html), "temapakker/syntetisk-0003/") == {f"syntetisk-{i:04d}" for i in range(1, 6)}


def test_a_long_section_lists_only_its_overview(scaled_sites):
    n = NAV_SECTION_LIMIT + 10
    for url in ("", "temapakker/", "temapakker/syntetisk-0007/", "sporsmal/"):
        menu = primary_nav((scaled_sites[n] / url / "index.html").read_text(encoding="utf-8"))
        assert pack_links(menu, url) == set(), url
        assert "http://site/temapakker/" in links(menu, url), url  # the overview
    # The menu of a pack page in the long version is no bigger than in the short one.
    short = primary_nav((scaled_sites[5] / "temapakker/syntetisk-0003/index.html").read_text(encoding="utf-8"))
    long_ = primary_nav((scaled_sites[n] / "temapakker/syntetisk-0007/index.html").read_text(encoding="utf-8"))
    assert long_.count("md-nav__link") <= short.count("md-nav__link")


def test_every_pack_is_reachable_from_the_overview(scaled_sites):
    n = NAV_SECTION_LIMIT + 10
    overview = (scaled_sites[n] / "temapakker" / "index.html").read_text(encoding="utf-8")
    content = overview[overview.index('class="md-content"'):]
    assert pack_links(content, "temapakker/") == {f"syntetisk-{i:04d}" for i in range(1, n + 1)}
    for i in (1, n):
        page = (scaled_sites[n] / "temapakker" / f"syntetisk-{i:04d}" / "index.html").read_text(encoding="utf-8")
        assert f"Syntetisk temapakke {i}" in page
