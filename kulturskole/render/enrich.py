"""Finishing touches on a page's HTML, after Markdown: glossary terms and printable link targets.

- The first time a glossary term appears in a page's running text, it becomes a link to its
  entry in the glossary, with the short explanation as its title (a tooltip on hover, read by
  screen readers). Headings, links, buttons, code and figures are left alone.
- Every link to another page gets its full address in `data-kfs-url`, so the print stylesheet can
  write it out after the link text (a printed page cannot be clicked).

Works on any HTML page body; nothing here knows which site generator produced it.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Optional
from urllib.parse import urljoin

from ..model.schema import Term
from ..model import urls

#: Text inside these elements is never marked as a glossary term.
_NO_TERMS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "script", "style", "button",
             "label", "select", "option", "textarea", "caption", "th", "svg", "figcaption", "summary",
             "abbr", "dfn", "title", "nav"}
#: Links with these classes are controls or anchors, not references to write out in print.
_NO_PRINT_URL = {"headerlink", "kfs-permalink", "kfs-qlink", "kfs-term", "md-button", "kfs-alias"}
#: Norwegian endings a term can carry in running text (kommunegruppen, fellessamlingene).
_ENDINGS = r"(?:ene|er|en|et|a|r|n|s|e)?"

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|\'([^\']*)\')')


def plain_definition(markdown_text: str) -> str:
    """A glossary definition as one line of plain text, for a title attribute."""
    value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    value = re.sub(r"[*_`]", "", value)
    return " ".join(value.split())


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(3) if m.group(3) is not None else m.group(4) or "")
            for m in _ATTR.finditer(tag)}


class _Glossary:
    def __init__(self, terms: Iterable[Term], href: str) -> None:
        # Longest first, so «Koordinatorsamling» wins over «Koordinator».
        self.terms = sorted(terms, key=lambda t: len(t.term), reverse=True)
        self.href = href
        self.patterns = {t.id: re.compile(r"(?<![\w-])" + re.escape(t.term) + _ENDINGS + r"(?![\w-])", re.I)
                         for t in self.terms}
        # One search for any term first: most text on a page has none, and then no term is tried alone.
        self.any = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t.term) for t in self.terms) + ")" + _ENDINGS
                              + r"(?![\w-])", re.I) if self.terms else None
        self.done: set[str] = set()

    def mark(self, text: str) -> str:
        if self.any is None or len(self.done) == len(self.terms) or not self.any.search(text):
            return text
        for term in self.terms:
            if term.id in self.done:
                continue
            found = self.patterns[term.id].search(text)
            if not found:
                continue
            self.done.add(term.id)
            title = html.escape(plain_definition(term.definition), quote=True)
            link = (f'<a class="kfs-term" href="{html.escape(self.href)}#{term.id}" title="{title}">'
                    f"{found.group(0)}</a>")
            # Mark the rest of the text too (other terms may follow), but never inside the new link.
            return self.mark(text[:found.start()]) + link + self.mark(text[found.end():])
        return text


def enrich(page_html: str, *, page_src: str, page_url: str, terms: Optional[Iterable[Term]] = None) -> str:
    """`page_html` with glossary terms marked and link targets set for print.

    `page_src` is the page's source path (`temapakker/x.md`), `page_url` its full published address.
    Without `terms`, or on the glossary page itself, no term is marked."""
    glossary = _Glossary(terms, urls.html_link(page_src, urls.GLOSSARY)) \
        if terms and page_src != urls.GLOSSARY else None
    if glossary and glossary.any and not glossary.any.search(page_html):
        glossary = None  # no term anywhere on the page (one search instead of one per text)
    out: list[str] = []
    closed = {name: 0 for name in _NO_TERMS}
    inside = 0  # how many elements in _NO_TERMS are open (the sum of `closed`)
    link_text: Optional[list[str]] = None  # text of the <a> being read, to skip links that show their URL
    link_start = 0
    for part in _TAG.split(page_html):
        if not part:
            continue
        if part[0] != "<":
            if link_text is not None:
                link_text.append(part)
            out.append(glossary.mark(part) if glossary and not inside else part)
            continue
        if part.startswith("<!--"):
            out.append(part)
            continue
        m = _TAG_NAME.match(part)
        name = m.group(1).lower() if m else ""
        closing = part[1] == "/"
        if name in closed and not part.endswith("/>"):
            before = closed[name]
            closed[name] = max(before + (-1 if closing else 1), 0)
            inside += closed[name] - before
        if name == "a" and not closing and not closed["svg"]:  # links in figures print as figures
            out.append(part)
            link_text, link_start = [], len(out) - 1
            continue
        if name == "a" and closing and link_text is not None:
            out[link_start] = _with_print_url(out[link_start], "".join(link_text), page_url)
            link_text = None
        out.append(part)
    return "".join(out)


def _with_print_url(tag: str, text: str, page_url: str) -> str:
    attrs = _attrs(tag)
    href = attrs.get("href", "")
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")) or "data-kfs-url" in attrs:
        return tag
    if set(attrs.get("class", "").split()) & _NO_PRINT_URL:
        return tag
    target = urljoin(page_url, href)
    if html.unescape(text).strip() in (href, target):
        return tag  # the link text is the address already
    return tag[:-1].rstrip("/").rstrip() + f' data-kfs-url="{html.escape(target, quote=True)}">'
