"""ProperDocs builds the same site as MkDocs.

ProperDocs (PyPI `properdocs`) is the maintained fork of MkDocs 1.6. It installs next to `mkdocs` in the
same venv (its own package and its own `properdocs` command; it replaces nothing on disk), reads
mkdocs.yml, and finds our plugin, mkdocs-macros and Material under the `mkdocs.plugins` and
`mkdocs.themes` entry points. Here one copy of the project is built twice, strictly, for one version:
with `mkdocs build` and with `properdocs build`. The two trees must hold the same files; every page the
same title, headings, article text and internal links; and everything else the same bytes, except the
one value that names the tool (see `_Parser.handle_starttag`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import TODAY, copy_project

VERSION = "2024-2025"


def build_settings(project: Path, cache_dir: Path) -> dict[str, str]:
    """The settings of both builds, in one place: written into the copy's mkdocs.yml as the
    kulturskole plugin's configuration (`KulturskoleConfig`, the fields of `site.settings.BuildSettings`).
    Returns the environment of the build commands."""
    settings = {
        "version": VERSION,
        # The pages speak of what is next in the programme: the same day for both builds, even
        # across midnight.
        "today": TODAY,
        # One cache for both builds: the second build takes the PDF and DOCX downloads the first one
        # made, so the downloads are the same files and the comparison is about the site generator.
        "cache_dir": str(cache_dir),
        # The downloads are built and compared too (they come from the cache in the second build).
        "documents": True,
    }
    env = {
        **os.environ,
        # sitemap.xml's <lastmod> and the gzip header of sitemap.xml.gz hold the build date; MkDocs
        # and ProperDocs both read it from here, so those files are compared byte for byte instead
        # of being ignored.
        "SOURCE_DATE_EPOCH": "1730419200",  # 2024-11-01T00:00:00Z
    }
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = [i for i, line in enumerate(lines) if line.strip() == "- kulturskole"]
    assert len(at) == 1, "fant ikke `- kulturskole` i plugins i mkdocs.yml"
    indent = lines[at[0]][: len(lines[at[0]]) - len(lines[at[0]].lstrip())]
    # JSON values are YAML flow scalars; the rest of the file (with its !ENV and !!python tags) is kept as it is.
    lines[at[0]] = f"{indent}- kulturskole: {json.dumps(settings, ensure_ascii=False)}\n"
    config.write_text("".join(lines), encoding="utf-8")
    # The configured version decides; mike's variable from the caller's shell would only confuse.
    env.pop("MIKE_DOCS_VERSION", None)
    return env


# The venv's own commands (pytest runs with .venv/bin/python; sys.executable is not resolved).
BIN = Path(sys.executable).parent
BUILDERS = {"mkdocs": BIN / "mkdocs", "properdocs": BIN / "properdocs"}


@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> dict[str, Path]:
    """One copy of the project, built strictly once with each tool, each into its own site folder."""
    missing = [str(exe) for exe in BUILDERS.values() if not exe.exists()]
    if missing:
        # ProperDocs is in the `test` extras (pyproject.toml), so a missing command is an old venv, not
        # a reason to skip: `make test` reinstalls when pyproject.toml changes.
        pytest.fail(f"Mangler {', '.join(missing)}. Installer testavhengighetene: pip install -e '.[test]'")
    base = tmp_path_factory.mktemp("portability")
    project = copy_project(base / "prosjekt")
    env = build_settings(project, base / "cache")
    out = {}
    for name, exe in BUILDERS.items():
        site = base / f"site-{name}"
        # `-f mkdocs.yml`: ProperDocs looks for properdocs.yml first and reads mkdocs.yml as a fallback
        # it says it will drop one day; named explicitly, the same file serves both tools.
        result = subprocess.run([str(exe), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
                                cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"`{name} build --strict` feilet:\n{result.stdout}{result.stderr}"
        out[name] = site
    # The settings reached the plugin: the shared cache holds the downloads of the first build.
    assert any((base / "cache").rglob("*.pdf")), "bufferen fra build_settings ble ikke brukt"
    return out


# ---------------------------------------------------------------- what a page is made of

GENERATOR = "<generator>"


@dataclass
class PageFacts:
    title: str = ""
    headings: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, id, text)
    article: str = ""
    links: list[str] = field(default_factory=list)  # internal <a href> targets, as site paths
    generator: str = ""
    tokens: list[tuple] = field(default_factory=list)  # the whole document, as the parser sees it


class _Parser(HTMLParser):
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url  # the page's address in the site, e.g. "/faser/index.html"
        self.facts = PageFacts()
        self.in_title = False
        self.in_article = 0  # depth of open <article> elements
        self.skip = 0  # inside <script> or <style>
        self.heading: list | None = None
        self.title: list[str] = []
        self.article: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = list(attrs)
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "generator":
            # Ignored: the one value that must differ. Each tool names itself here
            # ("mkdocs-1.6.1, mkdocs-material-…" / "mkdocs-ProperDocs 1.6.7, mkdocs-material-…").
            self.facts.generator = a.get("content", "")
            attrs = [(k, GENERATOR if k == "content" else v) for k, v in attrs]
        self.facts.tokens.append(("start", tag, tuple(attrs)))
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "article":
            self.in_article += 1
        if tag in self.HEADINGS:
            self.heading = [tag, a.get("id") or "", []]
        if tag == "a" and a.get("href"):
            href = a["href"]
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc:  # internal: relative, or absolute on this host
                # Resolved against the page ("../faser/" on /samlinger/index.html is /faser/).
                self.facts.links.append(urljoin(self.url, href))

    def handle_endtag(self, tag):
        self.facts.tokens.append(("end", tag))
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "article" and self.in_article:
            self.in_article -= 1
        if tag in self.HEADINGS and self.heading and self.heading[0] == tag:
            name, ident, parts = self.heading
            self.facts.headings.append((name, ident, " ".join(" ".join(parts).split())))
            self.heading = None

    def handle_data(self, data):
        self.facts.tokens.append(("data", data))
        if self.skip:
            return
        if self.in_title:
            self.title.append(data)
        if self.heading is not None:
            self.heading[2].append(data)
        if self.in_article:
            self.article.append(data)

    def handle_comment(self, data):
        self.facts.tokens.append(("comment", data))

    def handle_decl(self, decl):
        self.facts.tokens.append(("decl", decl))

    def close(self):
        super().close()
        self.facts.title = " ".join(" ".join(self.title).split())
        self.facts.article = " ".join(" ".join(self.article).split())


def read_page(site: Path, rel: str) -> PageFacts:
    parser = _Parser("/" + rel)
    parser.feed((site / rel).read_text(encoding="utf-8"))
    parser.close()
    return parser.facts


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def html_files(site: Path) -> list[str]:
    return sorted(rel for rel in files(site) if rel.endswith(".html"))


def first_difference(a: list, b: list) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"#{i}: {x!r} ≠ {y!r}"
    return f"lengde {len(a)} ≠ {len(b)}"


def compare_trees(left: Path, right: Path) -> list[str]:
    """Everything that differs between two built sites, one line each; empty when they are the same."""
    problems = []
    only_left, only_right = files(left) - files(right), files(right) - files(left)
    if only_left or only_right:
        problems.append(f"ulike filer: bare i {left.name}: {sorted(only_left)}; bare i {right.name}: {sorted(only_right)}")
    both = files(left) & files(right)
    for rel in sorted(r for r in both if r.endswith(".html")):
        a, b = read_page(left, rel), read_page(right, rel)
        for aspect in ("title", "headings", "article", "links"):
            x, y = getattr(a, aspect), getattr(b, aspect)
            if x != y:
                shown = first_difference(x, y) if isinstance(x, list) else first_difference(x.split(), y.split())
                problems.append(f"{rel}: {aspect} ulik ({shown})")
        # The rest of the document (navigation, scripts, footer, attributes), generator value aside.
        if a.tokens != b.tokens:
            problems.append(f"{rel}: dokumentet ellers ulikt ({first_difference(a.tokens, b.tokens)})")
    # Everything else byte for byte: assets, the search index (its order is the same, so it is not
    # sorted before comparing), sitemap.xml and .gz (date pinned in build_settings), PDF, DOCX,
    # calendars, open data.
    for rel in sorted(r for r in both if not r.endswith(".html")):
        if (left / rel).read_bytes() != (right / rel).read_bytes():
            problems.append(f"{rel}: ulikt innhold")
    return problems


# ---------------------------------------------------------------- the tests

def test_each_tool_built_its_own_tree(trees):
    """The second tree is really ProperDocs' work, and the pages are not empty (so the comparison is not vacuous)."""
    pages = html_files(trees["mkdocs"])
    assert len(pages) > 20, pages
    assert read_page(trees["mkdocs"], "index.html").generator.startswith("mkdocs-1.6")
    assert "ProperDocs" in read_page(trees["properdocs"], "index.html").generator
    start = read_page(trees["properdocs"], "index.html")
    assert start.title and start.article and start.links
    assert [h for h in start.headings if h[0] == "h1"], start.headings


def test_properdocs_builds_the_same_site_as_mkdocs(trees):
    problems = compare_trees(trees["mkdocs"], trees["properdocs"])
    assert not problems, f"{len(problems)} forskjeller mellom MkDocs og ProperDocs:\n" + "\n".join(problems[:40])
