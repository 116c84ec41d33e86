"""What every page must have, read from the built HTML with html.parser (no browser).

- `<html lang="nb">`; parts in nynorsk carry `lang="nn"` (text with several nynorsk-only words
  outside such an element is reported);
- a `<title>`, unique within its version;
- exactly one `h1`, and no skipped heading level (h2 → h4);
- every table has a `<caption>` and every `<th>` a `scope`;
- every `<img>` has `alt`, every `<figure>` a `<figcaption>` (or a label), every SVG with a role
  a name, and every other SVG is hidden from screen readers or sits in a named link or button.

Redirect pages (`<meta http-equiv="refresh">`) are checked for language and title only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import Finding
from .links import html_files

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NAMED_CONTROLS = {"a", "button", "label", "summary"}
_HEADING = re.compile(r"^h([1-6])$")
#: Words that are nynorsk and not bokmål. Two different ones in one text block outside
#: `lang="nn"` are reported.
NYNORSK_WORDS = frozenset({
    "ikkje", "korleis", "kva", "kvifor", "frå", "berre", "mykje", "noko", "nokre", "fleire",
    "vere", "vore", "eit", "dykk", "desse", "kvar", "kven", "difor", "høyrer", "dei", "medverknad",
})
_WORD = re.compile(r"[a-zæøåàòéA-ZÆØÅ]+")
_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
           "caption", "summary"}


@dataclass
class _Element:
    tag: str
    attrs: dict
    line: int
    text: list[str] = field(default_factory=list)
    #: the text not inside an inner element marked lang="nn" (what the nynorsk check reads)
    bokmal_text: list[str] = field(default_factory=list)
    pending: list[Finding] = field(default_factory=list)  # SVG findings a name on this element clears
    has_caption: bool = False
    has_title: bool = False
    has_block: bool = False  # holds a block element (p, li, td...)


class _PageParser(HTMLParser):
    def __init__(self, rel: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.stack: list[_Element] = []
        self.findings: list[Finding] = []
        self.html_lang: str | None = None
        self.html_line = 1
        self.title: str | None = None
        self.title_line = 0
        self.headings: list[tuple[int, int, str]] = []  # (line, level, text)
        self.redirect = False
        self.langs: set[str] = set()

    # ---- helpers
    def add(self, line: int, label: str, text: str) -> None:
        self.findings.append(Finding(self.rel, line, label, text))

    def inside(self, tag: str) -> _Element | None:
        for element in reversed(self.stack):
            if element.tag == tag:
                return element
        return None

    def lang_here(self) -> str:
        for element in reversed(self.stack):
            if element.attrs.get("lang"):
                return element.attrs["lang"].lower()
        return (self.html_lang or "").lower()

    def hidden_here(self) -> bool:
        return any(e.attrs.get("aria-hidden") == "true" for e in self.stack)

    # ---- parser callbacks
    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang")
            self.html_line = line
        if a.get("lang"):
            self.langs.add(a["lang"].lower())
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.redirect = True
        svg = self.inside("svg")
        if tag == "title" and svg is not None:
            svg.has_title = True
        if tag == "img":
            if "alt" not in a:
                self.add(line, "bilde", f"<img src=\"{a.get('src', '')}\"> mangler alt-tekst.")
        table, figure = self.inside("table"), self.inside("figure")
        if tag == "caption" and table is not None:
            table.has_caption = True
        if tag == "figcaption" and figure is not None:
            figure.has_caption = True
        if tag == "th" and not a.get("scope") and not a.get("id"):
            self.add(line, "tabell", "overskriftscelle (<th>) uten scope=\"col\" eller scope=\"row\".")
        if tag in _VOID:
            return
        self.stack.append(_Element(tag, a, line))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not any(e.tag == tag for e in self.stack):
            return  # a stray end tag
        while self.stack:
            element = self.stack.pop()
            self._close(element)
            if element.tag == tag:
                break

    def handle_data(self, data):
        # Text inside an element marked lang="nn" (a <span> in a list item, say) is nynorsk as marked;
        # the elements around that element do not read it as theirs.
        inner = max((i for i, e in enumerate(self.stack) if e.attrs.get("lang", "").startswith("nn")), default=0)
        for i, element in enumerate(self.stack):
            element.text.append(data)
            if i >= inner:
                element.bokmal_text.append(data)

    # ---- element checks when an element ends
    def _close(self, e: _Element) -> None:
        text = " ".join("".join(e.text).split())
        heading = _HEADING.match(e.tag)
        if e.tag == "title" and self.inside("svg") is None and self.title is None:
            self.title, self.title_line = text, e.line
        elif heading and self.inside("svg") is None:
            self.headings.append((e.line, int(heading.group(1)), text))
        elif e.tag == "table" and not e.has_caption:
            self.add(e.line, "tabell", "tabellen mangler <caption> (en kort tittel over tabellen).")
        elif e.tag == "figure" and not (e.has_caption or _named(e)):
            self.add(e.line, "figur", "<figure> mangler <figcaption>.")
        elif e.tag == "svg":
            self._close_svg(e)
        if e.tag in _NAMED_CONTROLS and (text or _named(e)):
            e.pending.clear()
        if e.pending:
            parent = self.stack[-1] if self.stack else None
            if parent is not None:
                parent.pending += e.pending
            else:
                self.findings += e.pending
        if e.tag in _BLOCKS:
            for outer in self.stack:
                outer.has_block = True  # only the innermost blocks are read for nynorsk
        if e.tag in _BLOCKS and not e.has_block and not self.lang_here().startswith("nn") \
                and not e.attrs.get("lang", "").startswith("nn"):
            words = {w.lower() for w in _WORD.findall("".join(e.bokmal_text))} & NYNORSK_WORDS
            if len(words) >= 2:
                self.add(e.line, "språk", "teksten ser ut som nynorsk (" + ", ".join(f"«{w}»" for w in sorted(words))
                         + ") men står ikke i et element med lang=\"nn\".")

    def _close_svg(self, e: _Element) -> None:
        if e.attrs.get("aria-hidden") == "true" or self.hidden_here():
            return
        named = _named(e) or e.has_title
        role = e.attrs.get("role", "")
        if role and role not in ("presentation", "none"):
            if not named:
                self.add(e.line, "svg", f"<svg role=\"{role}\"> mangler navn (aria-label, aria-labelledby eller <title>).")
            return
        if role in ("presentation", "none") or named:
            return
        if self.inside("figure") is not None:
            self.add(e.line, "svg", "<svg> i en figur mangler role=\"img\" og en tekst (aria-label eller <title>).")
            return
        # An icon: fine when the link or button around it has a name; else it must be aria-hidden.
        finding = Finding(self.rel, e.line, "svg",
                          "ikon (<svg>) uten tekst: gi lenken eller knappen et navn, eller sett aria-hidden=\"true\".")
        control = next((x for x in reversed(self.stack) if x.tag in _NAMED_CONTROLS), None)
        if control is not None and control.tag == "label" and control.attrs.get("for", "").startswith("__"):
            # Exception: Material's toggles (menu, search) are a <label for="__drawer"> etc. over a
            # checkbox hidden with display:none. Neither is in the accessibility tree, so the icon is
            # never announced; the page's own navigation and search field are reached without them.
            return
        if control is None:
            self.findings.append(finding)
        else:
            control.pending.append(finding)


def _named(e: _Element) -> bool:
    return bool(e.attrs.get("aria-label", "").strip() or e.attrs.get("aria-labelledby", "").strip()
                or e.attrs.get("title", "").strip())


@dataclass
class PageFacts:
    rel: str
    title: str | None
    title_line: int
    redirect: bool
    findings: list[Finding]


def check_page(path: Path, rel: str, lang: str = "nb") -> PageFacts:
    """The findings on one page (the title's uniqueness is checked across pages by check_basics)."""
    parser = _PageParser(rel)
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    while parser.stack:
        parser._close(parser.stack.pop())
    add = parser.add
    if parser.html_lang != lang:
        add(parser.html_line, "språk", f"<html> skal ha lang=\"{lang}\", har "
            + (f"lang=\"{parser.html_lang}\"." if parser.html_lang else "ingen lang."))
    for other in sorted(parser.langs - {"nb", "nn", "no", "en", "se", "sma", "smj"}):
        add(parser.html_line, "språk", f"ukjent språkkode lang=\"{other}\".")
    if not (parser.title or "").strip():
        add(parser.title_line or 1, "tittel", "siden mangler <title>.")
    findings = parser.findings
    if parser.redirect:
        findings = [f for f in findings if f.label in ("språk", "tittel")]
    else:
        h1 = [h for h in parser.headings if h[1] == 1]
        if len(h1) != 1:
            where = h1[1][0] if len(h1) > 1 else 1
            findings.append(Finding(rel, where, "h1", f"siden har {len(h1)} h1-overskrifter; den skal ha én."))
        previous = 0
        for line, level, text in parser.headings:
            if level > previous + 1:
                shown = f"h{previous}" if previous else "sidens start"
                findings.append(Finding(rel, line, "overskrift",
                                        f"h{level} «{text[:60]}» etter {shown}: et nivå er hoppet over."))
            previous = level
    return PageFacts(rel, parser.title, parser.title_line, parser.redirect, sorted(set(findings)))


def check_basics(root: Path, files: Iterable[Path] | None = None) -> list[Finding]:
    """Page basics on every HTML page below `root`; titles must be unique within each version folder
    (the first folder level when `root` holds several versions)."""
    root = Path(root)
    findings: list[Finding] = []
    titles: dict[tuple[str, str], list[PageFacts]] = {}
    for path in (files if files is not None else html_files(root)):
        rel = Path(os.path.normpath(path)).relative_to(os.path.normpath(root)).as_posix()
        facts = check_page(path, rel)
        findings += facts.findings
        if facts.redirect or rel.endswith("404.html") or not facts.title:
            continue
        version = rel.split("/")[0] if (root / rel.split("/")[0] / "sitemap.xml").is_file() else ""
        titles.setdefault((version, facts.title), []).append(facts)
    for (_version, title), pages in titles.items():
        for facts in pages[1:]:
            findings.append(Finding(facts.rel, facts.title_line, "tittel",
                                    f"tittelen «{title}» brukes også på {pages[0].rel}."))
    return sorted(set(findings))
