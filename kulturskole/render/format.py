"""Bokmål formatting of dates, numbers, facts, and safe Markdown from data."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import IMAGE_LINK_RE, LINK_RE, ImageInlineProcessor, LinkInlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..model.facts import NUMBER_WORDS, format_value
from ..model.safetext import ADDRESS_ATTRIBUTES, link_addresses, script_scheme
from ..model.schema import ClockRange, Gathering, Period, When
from ..model.types import MONTH_NAMES, parse_weeks

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
NBSP = "\u00a0"


# ---------------------------------------------------------------- safe text

def text(value: str | None) -> str:
    """Markdown from data, with raw HTML made harmless: `<script>` shows as text, never runs; and no link
    or image whose address runs script (`javascript:`, `data:`, `vbscript:`) survives."""
    if not value:
        return ""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Keep Markdown block quotes: a '>' at the start of a line is Markdown, not HTML.
    value = re.sub(r"(?m)^(\s*)&gt;", r"\1>", value)
    # Attribute lists ({: ...}) and Jinja ({{ }}) in data stay literal text.
    return disarm(value.replace("{", "&#123;").replace("}", "&#125;"))


def inline(value: str | None) -> str:
    """One line of data text, for headings, list items and table cells. Joining the lines can make a
    link of what was none (`[x](javascript:…` and `)` on the next paragraph), so the line is checked again."""
    return disarm(" ".join(text(value).split()))


# -- script addresses: the validator rejects them; this is the second line of defence.

#: The Markdown extensions of mkdocs.yml: a text's links are found as the site's converter reads them.
SITE_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "def_list"]
_local = threading.local()


def _probe() -> markdown.Markdown:
    """A converter like the site's, one per thread (a converter keeps state while it converts)."""
    md = getattr(_local, "probe", None)
    if md is None:
        md = _local.probe = markdown.Markdown(extensions=SITE_EXTENSIONS, output_format="html")
    return md


def script_links(source: str) -> list[str]:
    """The addresses that run script in the HTML Python-Markdown makes of `source`."""
    if "[" not in source and "<" not in source:
        return []
    page = _probe().reset().convert(source)
    return [address for _, _, address in link_addresses(page) if script_scheme(address)]


def _script_link_edits(source: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each link, image and reference definition in `source` whose address
    runs script, found with Python-Markdown's own link parsing: a link or image becomes its text, a
    reference definition's address becomes «#»."""
    md = _probe()
    edits = []
    for proc in (LinkInlineProcessor(LINK_RE, md), ImageInlineProcessor(IMAGE_LINK_RE, md)):
        for match in proc.compiled_re.finditer(source):
            label, index, handled = proc.getText(source, match.end(0))
            if not handled:
                continue
            address, _, end, handled = proc.getLink(source, index)
            if handled and script_scheme(address):
                edits.append((match.start(0), end, label))
    for match in ReferenceProcessor.RE.finditer(source):
        if script_scheme(match.group(2).lstrip("<").rstrip(">")):
            edits.append((match.start(2), match.end(2), "#"))
    return sorted(edits)


def disarm(source: str) -> str:
    """`source` (Markdown) with every link or image whose address runs script turned into plain text.

    Python-Markdown finds the links; the result is converted again to make sure none is left. A link the
    source-level edit cannot reach (one spread over a block quote's lines) is disarmed by writing every
    square bracket as a character reference, so that no link can form at all."""
    if not script_links(source):
        return source
    for _ in range(10):  # a link inside another link's text comes out when the outer one is undone
        edits = _script_link_edits(source)
        if not edits:
            break
        parts, done = [], 0
        for start, end, replacement in edits:
            if start >= done:
                parts += [source[done:start], replacement]
                done = end
        source = "".join(parts) + source[done:]
    if script_links(source):
        source = source.replace("[", "&#91;").replace("]", "&#93;")
    return source


class _DropScriptAddresses(Treeprocessor):
    """Removes, from the tree Python-Markdown built, every address that runs script and every event
    attribute (`onclick`)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.keys()):
                value = element.get(name) or ""
                if name.startswith("on") or (name in ADDRESS_ATTRIBUTES and script_scheme(value)):
                    del element.attrib[name]


class SafeLinks(Extension):
    """Python-Markdown extension: no script address or event attribute in the HTML it makes."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline links are made (20) and their escapes undone (0).
        md.treeprocessors.register(_DropScriptAddresses(md), "kfs_drop_script_addresses", -10)


_block = markdown.Markdown(output_format="html", extensions=[SafeLinks()])
#: Text made only of these characters, not starting like a list or heading, is one plain paragraph
#: in Markdown; it needs no converter (most questions are such sentences).
_PLAIN = re.compile(r"(?:[^\W_]|[ .,:;?!'\"()%/–—«»+=-])*")
_BLOCK_START = re.compile(r"(?:[-+=]|\d+[.)])(?:\s|$)")


def html_block(value: str | None) -> str:
    """Markdown from data as HTML, for a table cell that holds lists and paragraphs. One converter is
    reused: making a new one costs more than converting a question."""
    if value and value == value.strip() and _PLAIN.fullmatch(value) and not _BLOCK_START.match(value):
        return f"<p>{value}</p>"
    return _block.reset().convert(text(value))


def attr(value: str) -> str:
    """A value for an HTML attribute."""
    return html.escape(value, quote=True)


def plain(value: str | None) -> str:
    """Text for raw HTML: escaped, with Markdown emphasis and links left as plain text."""
    return html.escape(" ".join((value or "").split()))


# ---------------------------------------------------------------- numbers and dates

def number(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def kroner(n: int) -> str:
    return f"{n:,}".replace(",", NBSP) + " kroner"


def file_size(n_bytes: int) -> str:
    """A file's size as a reader sees it: kilobytes of 1000 bytes, rounded, at least 1 («180 kB»)."""
    return f"{max(1, round(n_bytes / 1000)):,}".replace(",", NBSP) + NBSP + "kB"


def month_name(month: str) -> tuple[str, int]:
    year, mon = (int(p) for p in month.split("-"))
    return MONTH_NAMES[mon - 1], year


def month(month_value: str) -> str:
    name, year = month_name(month_value)
    return f"{name} {year}"


def day(d: dt.date, weekday: bool = False) -> str:
    out = f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {out}" if weekday else out


def day_range(start: dt.date, end: dt.date) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.day}.–{end.day}. {MONTH_NAMES[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day}. {MONTH_NAMES[start.month - 1]} – {end.day}. {MONTH_NAMES[end.month - 1]} {end.year}"
    return f"{day(start)} – {day(end)}"


def month_range(start: str, end: str) -> str:
    (a, ya), (b, yb) = month_name(start), month_name(end)
    return f"{a}–{b} {yb}" if ya == yb else f"{a} {ya} – {b} {yb}"


def month_choice(months: list[str]) -> str:
    names = [month_name(m) for m in months]
    years = {y for _, y in names}
    if len(years) == 1:
        parts = [n for n, _ in names]
        return f"{', '.join(parts[:-1])} eller {parts[-1]} {years.pop()}"
    parts = [f"{n} {y}" for n, y in names]
    return f"{', '.join(parts[:-1])} eller {parts[-1]}"


def weeks(value: str) -> str:
    alternatives = [f"{a}–{b}" if a != b else str(a) for a, b in parse_weeks(value)]
    return "uke " + " eller ".join(alternatives)


def when(value: When, weekday: bool = False) -> str:
    """The date at the precision the data has: a day, days, a month, months, or a choice."""
    if value.day:
        out = day(value.day, weekday)
    elif value.start and value.end:
        out = day_range(value.start, value.end)
    elif value.month:
        out = month(value.month)
    elif value.month_start and value.month_end:
        out = month_range(value.month_start, value.month_end)
    else:
        out = month_choice(value.month_choice)
    return out[0].upper() + out[1:] if weekday else out


def gathering_when(g: Gathering, weekday: bool = False) -> str:
    """A gathering's date, and its clock time when the data has one."""
    out = when(g.when, weekday)
    if g.time:
        out += f", {clock_range(g.time)}"
    return out


def clock(value: str) -> str:
    return value.replace(":", ".")


def clock_range(value: ClockRange) -> str:
    return f"kl. {clock(value.start)}–{clock(value.end)}"


def duration(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} minutter"
    hours = minutes / 60
    if hours == int(hours):
        return "1 time" if hours == 1 else f"{int(hours)} timer"
    return f"{hours:.1f}".replace(".", ",") + " timer"


def period(value: Period) -> str:
    return month_range(value.start, value.end)


# ---------------------------------------------------------------- facts

def format_fact(typed: Any) -> str:
    """A typed fact (model/facts.py) as it reads in a sentence; the same words `resolve` puts in text."""
    return format_value(typed)


def capitalize(value: str) -> str:
    return value[:1].upper() + value[1:]


def tel(phone: str) -> str:
    """A phone number as written («91 74 65 89», «+47 22 00 00 00») as the address of a tel: link: digits
    and a leading +, with the Norwegian country code when the number has none."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+"):
        return "+" + digits
    return ("+47" + digits) if len(digits) == 8 else digits
