"""Helpers shared by the test modules: the command line, builds, a static file server, reading pages.

The fixtures that use them are in conftest.py."""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------- the built site, shared by all test modules

ROOT = Path(__file__).resolve().parents[1]
KULTURSKOLE = [sys.executable, "-m", "kulturskole"]
TODAY = "2024-11-01"  # during the 2024–2025 programme, after fellessamling 1


#: One cache of rendered PDFs and worksheets for every test build: the same data gives the same
#: file, so a build after the first takes its documents from here (kept like the project's own
#: .cache/kulturskole/; the key includes the code, templates and library versions).
DOCUMENT_CACHE = ROOT / ".cache" / "kulturskole-tests"


def kulturskole(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
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
        self.current: list | None = None
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
