"""The HTML pages outside the Markdown pages: a redirect page for each renamed address, and the 404 page.

All redirects are plain HTML pages (no symlinks, no server rules), so every static host serves them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..model import urls
from ..model.version import Version
from .permalinks import redirect_targets

TEMPLATES = Path(__file__).resolve().parent / "templates"

_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                   keep_trailing_newline=True)


def redirect_html(href: str) -> str:
    """A page that sends the reader on to `href` (keeping the part after #), in bokmål."""
    return _env.get_template("redirect.html").render(href=href)


def redirect_pages(version: Version) -> dict[str, str]:
    """Output file (relative to the version root) → HTML, for each old page address that redirects."""
    out = {}
    for old, new in redirect_targets(version).items():
        if "#" in old:
            continue  # an old anchor is kept as an empty target on the new page (see pages.old_anchors)
        target = posixpath.relpath(new or ".", old.rstrip("/") or ".")
        href = "./" if target == "." else target + "/"
        out[posixpath.join(old, "index.html")] = redirect_html(href)
    return out


def not_found_html(site_root_path: str, title: str) -> str:
    """The 404 page at the root of the publishing branch: it links to the current version."""
    root = urls.folder(site_root_path)
    return _env.get_template("404.html").render(root=root, latest=f"{root}{urls.LATEST}/", title=title)
