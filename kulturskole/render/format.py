"""Bokmål formatting of dates, numbers, facts, and safe Markdown from data."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import markdown

from ..model.facts import PLACEHOLDER, fact
from ..model.schema import ClockRange, Gathering, Period, When
from ..model.types import MONTH_NAMES, parse_weeks
from ..model.version import Version

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
NUMBER_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni", 10: "ti",
                11: "elleve", 12: "tolv"}
NBSP = "\u00a0"


# ---------------------------------------------------------------- safe text

def text(value: str | None) -> str:
    """Markdown from data, with raw HTML made harmless: `<script>` shows as text, never runs."""
    if not value:
        return ""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Keep Markdown block quotes: a '>' at the start of a line is Markdown, not HTML.
    value = re.sub(r"(?m)^(\s*)&gt;", r"\1>", value)
    # Attribute lists ({: ...}) and Jinja ({{ }}) in data stay literal text.
    return value.replace("{", "&#123;").replace("}", "&#125;")


def inline(value: str | None) -> str:
    """One line of data text, for headings, list items and table cells."""
    return " ".join(text(value).split())


_block = markdown.Markdown(output_format="html")
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
    kind, value = typed
    if kind == "kroner":
        return kroner(value)
    if kind == "antall":
        return number(value)
    if kind == "periode":
        return period(value)
    if kind == "dato":
        return day(value)
    return str(value)


def with_facts(version: Version, value: str) -> str:
    """Replace [[name]] with the programme fact (validation has made sure each one exists)."""
    return PLACEHOLDER.sub(lambda m: format_fact(fact(version, m.group(1))), value)


def capitalize(value: str) -> str:
    return value[:1].upper() + value[1:]
