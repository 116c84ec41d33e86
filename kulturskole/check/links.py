"""Broken links in a built site: internal links and anchors always, external links on request.

The folder checked is either one version (`kulturskole build` output) or a folder with several
versions side by side, as mike publishes them. Every HTML file is read, generated pages and
redirect pages included, and every address in markup is followed: `href`, `src`, `srcset`,
`poster`, `action`, `<meta http-equiv="refresh">`, and the `<loc>` entries of each sitemap.xml.

Absolute addresses on the site's own host (canonical links, the 404 page's root-relative links)
count as internal. Where the folder lives on the web is read from its sitemap(s): the shortest
`<loc>` in a version's sitemap is that version's start page.
"""

from __future__ import annotations

import os
import re
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from . import Finding

#: Attributes holding an address, per element ("*" for any element).
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "base": ("href",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
}
#: Schemes that are not followed: nothing to fetch, or the reader's own programs.
_IGNORED_SCHEMES = {"mailto", "tel", "data", "javascript", "blob", "about"}
#: Elements whose address the reader follows; every other address is loaded with the page.
_NAVIGATION = {"a", "area", "form", "meta", "link:canonical", "link:alternate", "link:prev", "link:next",
               "link:help", "link:license", "link:author", "link:search"}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.I)
_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    #: (line, element, address)
    links: list[tuple[int, str, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name in ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        kind = f"link:{(values.get('rel') or '').lower()}" if tag == "link" else tag
        for name in _URL_ATTRS.get(tag, ()):
            value = values.get(name)
            if value is None:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    address = candidate.strip().split(" ")[0]
                    if address:
                        self.page.links.append((line, kind, address))
            else:
                self.page.links.append((line, kind, value.strip()))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH.match(values.get("content") or "")
            if match:
                self.page.links.append((line, "meta", match.group(1).strip()))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.page


def root_url(root: Path) -> str:
    """The address `root` is served at, read from the sitemap(s) in it or one level down.

    A version's sitemap lists its pages under site_url; the shortest entry is its start page,
    which is the sitemap's own folder. Without a sitemap the folder is taken to be the host's root."""
    for sitemap in sorted([root / "sitemap.xml", *root.glob("*/sitemap.xml")]):
        if not sitemap.is_file():
            continue
        locs = _LOC.findall(sitemap.read_text(encoding="utf-8", errors="replace"))
        if not locs:
            continue
        start = min(locs, key=len)
        start = start if start.endswith("/") else start + "/"
        depth = len(sitemap.parent.relative_to(root).parts)
        return urljoin(start, "../" * depth) if depth else start
    return "/"


@dataclass(frozen=True)
class Site:
    """A built site folder and the address it is served at."""

    root: Path
    url: str  # ends with "/"

    @classmethod
    def at(cls, root: Path, url: str | None = None) -> Site:
        url = url or root_url(root)
        return cls(root, url if url.endswith("/") else url + "/")

    def page_url(self, rel: str) -> str:
        """The address of a file, given its path relative to the root (index.html → its folder)."""
        rel = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
        return urljoin(self.url, rel)

    def is_internal(self, address: str) -> bool:
        parts, base = urlsplit(address), urlsplit(self.url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return False
        if parts.netloc and parts.netloc != base.netloc:
            return False
        return True

    def local_file(self, address: str) -> Path | None:
        """The file an internal absolute address is served from, or None when it is outside the root."""
        path = unquote(urlsplit(address).path)
        base = urlsplit(self.url).path
        if not path.startswith(base):
            # "/root" for "/root/": the host adds the slash.
            if path + "/" == base:
                path = base
            else:
                return None
        rel = path[len(base):].lstrip("/")
        target = self.root / PurePosixPath(rel) if rel else self.root
        if path.endswith("/") or not rel:
            return target / "index.html"
        if target.is_dir() and (target / "index.html").is_file():
            return target / "index.html"  # the host redirects a folder to its slash
        return target


def html_files(root: Path) -> list[Path]:
    """Every HTML file below `root`, following symbolic links to folders (a version may be one)."""
    found = []
    for folder, _dirs, names in os.walk(root, followlinks=True):
        found += [Path(folder) / name for name in names if name.endswith(".html")]
    return sorted(found)


class LinkChecker:
    """Checks every HTML file below `site.root`; pages are parsed once and kept for the anchors."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.pages: dict[Path, ParsedPage] = {}

    def parsed(self, path: Path) -> ParsedPage:
        path = Path(os.path.normpath(path))
        if path not in self.pages:
            self.pages[path] = parse_page(path)
        return self.pages[path]

    def _rel(self, path: Path) -> str:
        return Path(os.path.normpath(path)).relative_to(os.path.normpath(self.site.root)).as_posix()

    def check_address(self, source: Path, line: int, address: str, external: dict,
                      kind: str = "a") -> Finding | None:
        """None when `address` (as written in `source` on element `kind`) works; else the finding.
        Addresses the reader follows to another host are collected in `external` (address →
        [(file, line)]) for check_external; a file the page itself loads from another host is a finding."""
        where = self._rel(source)
        if not address or address == "#":
            return None
        scheme = urlsplit(address).scheme.lower()
        if scheme in _IGNORED_SCHEMES:
            return None
        absolute = urljoin(self.site.page_url(where), address)
        if not self.site.is_internal(absolute):
            if kind not in _NAVIGATION and (scheme in ("http", "https") or address.startswith("//")):
                return Finding(where, line, "ressurs", f"«{address}» hentes fra et annet nettsted ({kind}); "
                               "legg filen på dette nettstedet.")
            if scheme in ("http", "https") or address.startswith("//"):
                external.setdefault(absolute.split("#")[0], []).append((where, line))
                return None
            return Finding(where, line, "lenke", f"«{address}»: ukjent type adresse.")
        target = self.site.local_file(absolute)
        if target is None:
            return Finding(where, line, "lenke", f"«{address}» peker ut av nettstedet ({absolute}).")
        if not target.is_file():
            shown = target.relative_to(self.site.root).as_posix() if target.is_relative_to(self.site.root) else target
            return Finding(where, line, "lenke", f"«{address}» peker til en side som ikke finnes ({shown}).")
        fragment = unquote(urlsplit(absolute).fragment)
        if fragment and target.suffix == ".html":
            if fragment not in self.parsed(target).ids and fragment != "top":
                page = self._rel(target)
                return Finding(where, line, "anker",
                               f"«{address}»: {page} har ikke noe element med id=\"{fragment}\".")
        return None

    def check(self, files: Iterable[Path] | None = None, external: dict | None = None) -> list[Finding]:
        external = {} if external is None else external
        findings: list[Finding] = []
        for path in (files if files is not None else html_files(self.site.root)):
            for line, kind, address in self.parsed(path).links:
                finding = self.check_address(path, line, address, external, kind)
                if finding:
                    findings.append(finding)
        findings += self.check_sitemaps()
        return sorted(set(findings))

    def check_sitemaps(self) -> list[Finding]:
        """Every address in a sitemap.xml is a page of the site."""
        findings = []
        sitemaps = [self.site.root / "sitemap.xml", *self.site.root.glob("*/sitemap.xml")]
        for sitemap in sorted(p for p in sitemaps if p.is_file()):
            where = self._rel(sitemap)
            for number, text in enumerate(sitemap.read_text(encoding="utf-8").splitlines(), start=1):
                for loc in _LOC.findall(text):
                    target = self.site.local_file(loc) if self.site.is_internal(loc) else None
                    if target is None or not target.is_file():
                        findings.append(Finding(where, number, "sitemap",
                                                f"«{loc}» er ikke en side på nettstedet."))
        return findings


def check_links(root: Path, url: str | None = None, external: dict | None = None) -> list[Finding]:
    """Broken internal links and anchors below `root` (one version or several side by side)."""
    return LinkChecker(Site.at(Path(root), url)).check(external=external)


def external_links(root: Path, url: str | None = None) -> dict[str, list[tuple[str, int]]]:
    """Every address on another host, with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    check_links(root, url, external=found)
    return found


USER_AGENT = "kulturskole-lenkesjekk/1"


def _status(address: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status, error text) for `address`: HEAD first, GET when the server does not take HEAD."""
    last_error = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(address, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (400, 403, 404, 405, 429, 501):
                continue  # some servers answer HEAD wrongly; ask again with GET
            return error.code, ""
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return None, f"svarte ikke innen {timeout:g} sekunder"
            if isinstance(reason, socket.gaierror):
                return None, "fant ikke nettstedet (ukjent navn, eller maskinen er uten nett)"
            if isinstance(reason, ConnectionRefusedError):
                return None, "nettstedet tar ikke imot forbindelser"
            if isinstance(reason, ssl.SSLError):
                return None, f"feil med sertifikatet ({reason})"
            last_error = f"feil: {reason}" if str(reason) else f"feil: {error.__class__.__name__}"
            if method == "HEAD":
                continue
    return None, last_error


def check_external(addresses: dict[str, list[tuple[str, int]]], timeout: float = 10.0,
                   workers: int = 8) -> list[Finding]:
    """Ask each external address once (uses the network). A status of 400 or more, no answer within
    `timeout` seconds, or a network error is a finding on every line that uses the address."""
    findings: list[Finding] = []
    urls = sorted(addresses)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for address, (status, error) in zip(urls, pool.map(lambda a: _status(a, timeout), urls)):
            if status is not None and status < 400:
                continue
            text = f"«{address}» svarer {status}." if status is not None else f"«{address}»: {error}."
            findings += [Finding(file, line, "ekstern", text) for file, line in addresses[address]]
    return sorted(findings)
