"""The PDF downloads: a PDF per theme pack and per gathering's preparation.

The PDFs are made from the same Markdown as the web pages (`pages.pack_page`,
`pages.preparation_page`), converted with Python-Markdown and the extensions of mkdocs.yml, and
printed by WeasyPrint as tagged PDF/UA-1 with title, author and language `nb`. Links are made
absolute (the published address of the version), so they work wherever the file ends up. The same
data gives the same bytes (no dates, a fixed file identifier). Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pymdownx.slugs import slugify

from ..model import urls
from ..model.version import Version
from . import htmltree, pages

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = TEMPLATES / "document.css"

#: The Markdown extensions of mkdocs.yml (`markdown_extensions`), with the same heading anchors.
#: Headings get no permalink symbol in print.
MARKDOWN_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "def_list"]
MARKDOWN_CONFIG = {"toc": {"permalink": False, "slugify": slugify(case="lower")}}


class DocumentError(Exception):
    """A download could not be made; the message says what to install or fix (bokmål)."""


@dataclasses.dataclass(frozen=True)
class PdfSource:
    rel: str        # output path in the version folder, e.g. "last-ned/temapakke-x.pdf"
    title: str      # document title (PDF /Title)
    page: str       # Markdown source of the web page it comes from, e.g. "temapakker/x.md"
    anchor: str     # anchor on that page ("" for the whole page)
    markdown: str   # the content, as on the web page


def pdf_sources(version: Version) -> list[PdfSource]:
    """Every PDF of the version, in reading order: theme packs, then preparations in schedule order."""
    p = version.programme
    suffix = f"{p.title} {p.version_title}"
    out = []
    for pid, pack in version.packs.items():
        out.append(PdfSource(urls.pack_pdf(pid), f"{pack.title} – temapakke {pack.number} – {suffix}",
                             urls.pack(pid), "", pages.pack_page(version, pid)))
    for gid, g in version.gatherings.items():
        if g.preparation:
            out.append(PdfSource(urls.preparation_pdf(gid), f"Forberedelse til {g.title} – {suffix}",
                                 urls.gathering(gid), "forberedelse", pages.preparation_page(version, gid)))
    return out


# ---------------------------------------------------------------- Markdown → print HTML

def _css_string(value: str) -> str:
    """A CSS string literal; `<` escaped so the text cannot end the <style> element."""
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", "\\A ")
    return f'"{out}"'


def absolute_href(href: str, current: str, base: str, ids: set[str]) -> str:
    """A link from page `current` made absolute under `base` (the version's published folder).

    An anchor on the same page stays an anchor when `ids` has it (a place inside the document).
    Used for the PDFs here and for the links in the Word worksheets (`worksheet`)."""
    if not href or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("//"):
        return href
    path, _, anchor = href.partition("#")
    if not path:
        # An anchor on the same page: keep it inside the PDF when the PDF has it.
        if anchor in ids:
            return href
        target = current
    elif path.startswith("/"):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{href}" if parts.netloc else href
    elif path.endswith(".md"):
        # Markdown links point at .md sources, relative to the source (see urls.md_link).
        target = posixpath.normpath(posixpath.join(posixpath.dirname(current), path))
    else:
        # Raw HTML links are relative to the published page (see urls.html_link).
        folder = urls.url_of(current)
        resolved = posixpath.normpath(posixpath.join(folder or ".", path))
        keep_slash = path.endswith("/") and resolved != "."
        return base + ("" if resolved == "." else resolved + ("/" if keep_slash else "")) + \
            (f"#{anchor}" if anchor else "")
    url = base + urls.url_of(target)
    return url + (f"#{anchor}" if anchor else "")


def body_html(text: str, current: str, base: str) -> str:
    """The page's Markdown as HTML for print: no permalinks, every link absolute or inside the PDF.

    The HTML is read with `htmltree`: permalinks (`a.kfs-permalink`) go with the white space before
    them, and each `href` is made absolute (`absolute_href`); the rest is Python-Markdown's output
    as it was written."""
    source = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG,
                               output_format="html")
    items = htmltree.tokens(source)
    kept: list[htmltree.Token] = []
    i = 0
    while i < len(items):
        token = items[i]
        if token.kind == htmltree.START and token.tag == "a" and token.has_class("kfs-permalink"):
            while kept and kept[-1].kind == htmltree.DATA:
                stripped = kept[-1].raw.rstrip()
                if stripped:
                    kept[-1] = dataclasses.replace(kept[-1], raw=stripped)
                    break
                kept.pop()
            i = htmltree.element_end(items, i) + 1
            continue
        kept.append(token)
        i += 1
    ids = {str(token.attr("id")) for token in kept if token.opens and token.attr("id")}
    out = []
    for token in kept:
        href = token.attr("href") if token.opens else None
        if href is not None:
            target = absolute_href(href, current, base, ids)
            if target != href:
                out.append(htmltree.set_attribute(token.raw, "href", target))
                continue
        out.append(token.raw)
    return "".join(out)


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def author(version: Version) -> str:
    owners = list(version.programme.owners)
    return owners[0] if len(owners) == 1 else ", ".join(owners[:-1]) + " og " + owners[-1]


def pdf_html(version: Version, source: PdfSource, site_root: str) -> str:
    """The complete HTML document WeasyPrint prints for `source`."""
    from markupsafe import Markup

    p = version.programme
    base = urls.folder(site_root) + version.name + "/"
    address = base + urls.url_of(source.page) + (f"#{source.anchor}" if source.anchor else "")
    footer = f"{p.title} {p.version_title}\n{address}"
    css = CSS.read_text(encoding="utf-8") + f"\n@page {{ @bottom-left {{ content: {_css_string(footer)}; }} }}\n"
    return _env.get_template("document.html").render(
        title=source.title,
        author=author(version),
        description=f"{p.title} {p.version_title}",
        keywords=", ".join([p.title, p.version_title, *p.owners]),
        programme=p.title,
        version_title=p.version_title,
        address=address,
        css=Markup(css),
        body=Markup(body_html(source.markdown, source.page, base)),
    )


# ---------------------------------------------------------------- PDF

def preload() -> None:
    """Import WeasyPrint ahead of need (the preview calls this in the background after its first build)."""
    try:
        import weasyprint  # noqa: F401
    except Exception:  # a missing system library is reported by the build that needs it
        pass


def render_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1; the file identifier comes from the input, and no dates are written."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango or its friends are missing
        raise DocumentError(
            "PDF-ene kan ikke lages: WeasyPrint mangler systempakker (Pango). "
            "Installer dem med: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core "
            f"(make gjør det når det kan). Feilen var: {exc}") from exc
    identifier = hashlib.md5(html.encode("utf-8")).hexdigest().encode()
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier)
