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
from collections.abc import Iterable
from urllib.parse import urljoin

from ..model import urls
from ..model.schema import Term
from . import htmltree

#: Text inside these elements is never marked as a glossary term.
_NO_TERMS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "script", "style", "button",
             "label", "select", "option", "textarea", "caption", "th", "svg", "figcaption", "summary",
             "abbr", "dfn", "title", "nav"}
#: Links with these classes are controls or anchors, not references to write out in print.
_NO_PRINT_URL = {"headerlink", "kfs-permalink", "kfs-qlink", "kfs-term", "md-button", "kfs-alias"}
#: Norwegian endings a term can carry in running text (kommunegruppen, fellessamlingene).
_ENDINGS = r"(?:ene|er|en|et|a|r|n|s|e)?"


def plain_definition(markdown_text: str) -> str:
    """A glossary definition as one line of plain text, for a title attribute."""
    value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    value = re.sub(r"[*_`]", "", value)
    return " ".join(value.split())


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


def enrich(page_html: str, *, page_src: str, page_url: str, terms: Iterable[Term] | None = None) -> str:
    """`page_html` with glossary terms marked and link targets set for print.

    `page_src` is the page's source path (`temapakker/x.md`), `page_url` its full published address.
    Without `terms`, or on the glossary page itself, no term is marked. The HTML is read with
    `htmltree`; every part of it that is not changed is written back exactly as it came."""
    glossary = _Glossary(terms, urls.html_link(page_src, urls.GLOSSARY)) \
        if terms and page_src != urls.GLOSSARY else None
    if glossary and glossary.any and not glossary.any.search(page_html):
        glossary = None  # no term anywhere on the page (one search instead of one per text)
    items = htmltree.tokens(page_html)
    out: list[str] = []
    closed = {name: 0 for name in _NO_TERMS}
    inside = 0  # how many elements in _NO_TERMS are open (the sum of `closed`)
    link: htmltree.Token | None = None  # the <a> being read, to skip links that show their URL
    link_text: list[str] = []
    link_start = 0
    i, n = 0, len(items)
    while i < n:
        token = items[i]
        if token.is_text:
            # A run of text and character references is one text, as a reader sees it.
            j = i + 1
            while j < n and items[j].is_text:
                j += 1
            text = "".join(t.raw for t in items[i:j])
            if link is not None:
                link_text.append(text)
            out.append(glossary.mark(text) if glossary and not inside else text)
            i = j
            continue
        i += 1
        name = token.tag
        if name in closed and token.kind in (htmltree.START, htmltree.END):
            before = closed[name]
            closed[name] = max(before + (-1 if token.kind == htmltree.END else 1), 0)
            inside += closed[name] - before
        if name == "a" and token.kind == htmltree.START and not closed["svg"]:  # links in figures print as figures
            out.append(token.raw)
            link, link_text, link_start = token, [], len(out) - 1
            continue
        if name == "a" and token.kind == htmltree.END and link is not None:
            out[link_start] = _with_print_url(link, "".join(link_text), page_url)
            link = None
        out.append(token.raw)
    return "".join(out)


def _with_print_url(tag: htmltree.Token, text: str, page_url: str) -> str:
    """The source of start tag `tag` (an <a> whose text is `text`), with `data-kfs-url` added when
    the link goes to another page and does not show its address already."""
    href = tag.attr("href", "")
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")) or tag.attr("data-kfs-url") is not None:
        return tag.raw
    if set((tag.attr("class") or "").split()) & _NO_PRINT_URL:
        return tag.raw
    target = urljoin(page_url, href)
    if html.unescape(text).strip() in (href, target):
        return tag.raw  # the link text is the address already
    return htmltree.set_attribute(tag.raw, "data-kfs-url", target, escaped=html.escape(target, quote=True))
