"""Shared fixtures: a static file server and one headless Chromium for the browser tests."""

from __future__ import annotations

import functools
import gzip
import os
import subprocess
import sys
from html.parser import HTMLParser
import shutil
import socket
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Quiet(SimpleHTTPRequestHandler):
    """Static files, compressed with gzip when the browser asks, as GitHub Pages and nginx send them
    (Lighthouse weighs what is transferred)."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics"}

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in self.COMPRESSED or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class StaticServer:
    """Serves a folder on 127.0.0.1 like a static host (GitHub Pages, nginx) would."""

    def __init__(self, folder: Path, port: int) -> None:
        handler = functools.partial(_Quiet, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "StaticServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run (Debian's chromium; Playwright cannot download its own here)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium mangler. Installer den med: sudo apt-get install -y chromium "
                    "(make test og .ci/run gjør det når de kan).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=CHROMIUM_ARGS)
        yield b
        b.close()


# ---------------------------------------------------------------- the built site, shared by all test modules

ROOT = Path(__file__).resolve().parents[1]
KULTURSKOLE = [sys.executable, "-m", "kulturskole"]
TODAY = "2024-11-01"  # during the 2024–2025 programme, after fellessamling 1


#: One cache of rendered PDFs and worksheets for the whole test session: the same data gives the
#: same file, so every build after the first takes its documents from here.
DOCUMENT_CACHE = Path(tempfile.gettempdir()) / f"kulturskole-test-cache-{os.getuid()}"


def kulturskole(project: Path, *args: str, env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess:
    """`kulturskole ARGS` on `project`, with no version chosen by the environment."""
    env = {**os.environ, "KULTURSKOLE_PROJECT": str(project), **(env or {})}
    env.pop("MIKE_DOCS_VERSION", None)
    return subprocess.run([*KULTURSKOLE, *args], capture_output=True, text=True, env=env, cwd=project)


def build_options(today: str = TODAY, documents: bool = True) -> list[str]:
    """The options of a test build: the date fixed, the session's document cache, documents on or off."""
    return ["--today", today, "--cache-dir", str(DOCUMENT_CACHE), *([] if documents else ["--no-documents"])]


def run_build(project: Path, version: str, site: Path, today: str = TODAY,
              documents: bool = True) -> subprocess.CompletedProcess:
    return kulturskole(project, "build", "--version", version, "--site-dir", str(site),
                       *build_options(today, documents))


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "theme_overrides", "macros", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


def run_build_all(project: Path, site: Path, today: str = TODAY) -> subprocess.CompletedProcess:
    """`kulturskole build --all`: every version into site/<version>/, in one process."""
    return kulturskole(project, "build", "--all", "--site-dir", str(site), *build_options(today))


@pytest.fixture(scope="session")
def built_root(tmp_path_factory) -> Path:
    """Both versions, built strictly with `kulturskole build --all`, side by side as they are published."""
    root = tmp_path_factory.mktemp("site") / "nettsted"
    result = run_build_all(ROOT, root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ADVARSEL" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    return root


@pytest.fixture(scope="session")
def sites(built_root) -> dict[str, Path]:
    return {version: built_root / version for version in ("2021-2022", "2024-2025")}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Text(HTMLParser):
    """The visible text of the article, without navigation, scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def text(site: Path, url: str) -> str:
    parser = _Text()
    parser.feed(page(site, url))
    return " ".join(" ".join(parser.parts).split())




class _Paragraphs(HTMLParser):
    """Each paragraph and list item of the article: its class and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.article = 0
        self.current: Optional[list] = None
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.article:
            self.article += 1
        if tag in ("p", "li") and self.article and self.current is None:
            self.current = [tag, dict(attrs).get("class") or "", []]

    def handle_endtag(self, tag):
        if self.current is not None and tag == self.current[0]:
            self.found.append((self.current[1], " ".join("".join(self.current[2]).split())))
            self.current = None
        if self.article:
            self.article -= 1

    def handle_data(self, data):
        if self.current is not None:
            self.current[2].append(data)


def paragraphs(html: str) -> list[tuple[str, str]]:
    parser = _Paragraphs()
    parser.feed(html)
    return parser.found
