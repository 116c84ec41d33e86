"""Two pages about the pilot's background: «Hva kommunene ventet seg» (forventninger.yml) and
«Historikk» (historikk.yml). A version has them only when it has the files.

The expectations page gives each question the workshop groups answered, and their answers under
the editors' headings; answers written in nynorsk are marked `lang="nn"`. The history page gives
the events in date order, year by year. An event that is a gathering of the version shows the
gathering's own title, date and summary and links to its page, so its facts stand in one place;
an event whose date program.yml holds (`dato_fra`) takes it from there. Both pages end with
their sources (`PageSources`), and the editors' own text is marked «Forklart av redaksjonen».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import urls
from ..model.labels import MODE_LABELS, kind_label
from ..model.schema import HistoryEvent, programme_date, source_ids
from ..model.version import Version
from . import format as fmt
from .sources import PageSources, heading_anchor, unique_anchor

#: Where each page a history event may link to (`lenker`, `side`) lives.
SITE_PAGE_SOURCES = {
    "program": urls.PROGRAMME, "kommuner": urls.MUNICIPALITIES, "temapakker": urls.PACKS,
    "ressurser": urls.RESOURCES, "tidsplan": urls.SCHEDULE, "sporsmal-og-svar": urls.FAQ,
    "forventninger": urls.EXPECTATIONS,
}


def _join(parts: Iterable[str]) -> str:
    return "\n".join(parts) + "\n"


def _srcref(reference: str, note: str = "") -> list[str]:
    """The line under a part of the page that says which sources (and note) it builds on."""
    words = " ".join(x for x in (reference, note) if x)
    return [words, "{: .kfs-srcref }", ""] if words else []


# ---------------------------------------------------------------- Hva kommunene ventet seg


def expectations_page(version: Version) -> str:
    """The workshop groups' answers, question by question, in their own words."""
    e = version.expectations
    assert e is not None  # the page exists only when the version has forventninger.yml
    cur = urls.EXPECTATIONS
    sources = PageSources(version)
    used = {"kilder", "merknader", "om-notatene"}
    title = "Hva kommunene ventet seg"
    parts = [f"# {title}", ""]
    intro = fmt.text(e.intro)
    parts += [sources.editorial(intro) if e.is_editorial("innledning") else intro, ""]
    about = []
    if e.date:
        about.append(f"Notatene fra verkstedet er datert {fmt.day(e.date)}.")
    note = sources.note(fmt.inline(e.source_note), "Om notatene", "om-notatene") if e.source_note else ""
    reference = sources.cite(e.sources(), "Om notatene", "om-notatene")
    if about or reference or note:
        parts += [" ".join([*about, reference, note]).strip(), "{: #om-notatene .kfs-srcref }", ""]
    more = []
    if version.faq:
        more.append(f"Svar på mange av spørsmålene står under [Spørsmål og svar]({urls.md_link(cur, urls.FAQ)}).")
    if version.history:
        more.append(f"Hva som skjedde før og etter, står i [historikken]({urls.md_link(cur, urls.HISTORY)}).")
    if more:
        parts += [" ".join(more), ""]
    parts += ["Spørsmålene gruppene svarte på:", ""]
    parts += [f"1. [{fmt.inline(q.question)}](#{q.id})" for q in e.questions] + [""]
    for q in e.questions:
        used.add(q.id)
        heading = fmt.inline(q.question)
        parts += [f"## {heading} {{#{q.id}}}", ""]
        parts += _srcref(sources.cite(e.sources(), heading, q.id))
        for theme in q.themes:
            anchor = unique_anchor(f"{q.id}-{heading_anchor(theme.title)}", used)
            parts += [f"### {fmt.inline(theme.title)} {{#{anchor}}}", ""]
            for point in theme.items():
                text = fmt.inline(point.text)
                parts.append(f'- <span lang="nn">{text}</span>' if point.language == "nn" else f"- {text}")
            parts.append("")
    parts += sources.section()
    return _join(parts)


# ---------------------------------------------------------------- Historikk


@dataclass(frozen=True)
class _Dated:
    """One event as the page shows it: when, in words, and the day it sorts by."""

    event: HistoryEvent
    day: dt.date
    when: str
    title: str
    #: The gathering the event is, by id ("" when it is an event of its own).
    gathering: str = ""


def history_events(version: Version) -> list[_Dated]:
    """The events in date order: each by the first day of its date (a year is its first of January, a
    month its first day), and events on the same day in the order of historikk.yml."""
    h = version.history
    assert h is not None
    out = []
    for event in h.events:
        if event.gathering:
            g = version.gatherings[event.gathering]
            when = fmt.capitalize(fmt.gathering_when(g))
            if g.when.note:
                when += f" ({g.when.note})"
            out.append(_Dated(event, g.when.sort_day(), when, fmt.inline(g.title), event.gathering))
            continue
        title = fmt.inline(event.title)
        if event.date_from:
            day = programme_date(version.programme, event.date_from)
            assert day is not None  # the validator requires it (HistoryFile.problems_with)
            out.append(_Dated(event, day, fmt.day(day), title))
            continue
        first = event.own_first_day()
        assert first is not None
        if event.day:
            when = fmt.day(event.day)
        elif event.month:
            when = fmt.capitalize(fmt.month(event.month))
        else:
            when = str(event.year)
        if event.time:
            when += f", {fmt.clock_range(event.time)}"
        out.append(_Dated(event, first, when, title))
    return sorted(out, key=lambda d: d.day)


def history_page(version: Version) -> str:
    """The events year by year: when, what, the facts in short, where to read more, and the sources."""
    h = version.history
    assert h is not None  # the page exists only when the version has historikk.yml
    cur = urls.HISTORY
    sources = PageSources(version)
    parts = ["# Historikk", ""]
    if h.intro:
        intro = fmt.text(h.intro)
        if h.is_editorial("innledning"):
            parts += [sources.editorial(intro), ""]
        else:
            parts += [intro, ""]
            parts += _srcref(sources.cite(h.sources(), "Historikk", "historikk"))
    if version.expectations:
        parts += [f"Se også [Hva kommunene ventet seg]({urls.md_link(cur, urls.EXPECTATIONS)}): svarene fra "
                  "kommuner som vurderte å søke om plass i piloten.", ""]
    events = history_events(version)
    years = list(dict.fromkeys(d.day.year for d in events))
    parts += ["Gå til år: " + " · ".join(f"[{year}](#ar-{year})" for year in years), "{: .kfs-meta }", ""]
    year = None
    for dated in events:
        if dated.day.year != year:
            year = dated.day.year
            parts += [f"## {year} {{#ar-{year}}}", ""]
        parts += _event(version, sources, dated)
    parts += sources.section()
    return _join(parts)


def _event(version: Version, sources: PageSources, dated: _Dated) -> list[str]:
    cur = urls.HISTORY
    event = dated.event
    parts = [f"### {dated.title} {{#{event.id}}}", ""]
    meta = [f"**{fmt.plain(dated.when)}**"]
    cited: list[str] = source_ids(event.source)
    if dated.gathering:
        g = version.gatherings[dated.gathering]
        meta.append(kind_label(g.kind) + (f", {MODE_LABELS[g.mode].lower()}" if g.mode else ""))
        cited = source_ids(g.source) + [s for s in cited if s not in source_ids(g.source)]
    elif event.date_from == "temapakker" and version.programme.theme_packs:
        cited += [s for s in version.programme.theme_packs.sources() if s not in cited]
    parts += [" · ".join(meta), "{: .kfs-meta }", ""]
    if dated.gathering:
        g = version.gatherings[dated.gathering]
        if g.summary:
            parts += [fmt.text(g.summary), ""]
    if event.text:
        body = "\n\n".join(fmt.text(t) for t in event.text)
        parts += [sources.editorial(body) if event.is_editorial("tekst") else body, ""]
    links = []
    if dated.gathering:
        links.append(f"[Samlingens side]({urls.md_link(cur, urls.gathering(dated.gathering))})")
    for link in event.links:
        links.append(f"[{fmt.inline(link.text)}]"
                     f"({urls.md_link(cur, SITE_PAGE_SOURCES[link.page], link.anchor or '')})")
    for rid in event.resources:
        r = version.resources[rid]
        links.append(f"[{fmt.inline(r.title)}]({urls.md_link(cur, urls.RESOURCES, rid)})")
    if links:
        parts += ["Les mer: " + " · ".join(links), ""]
    reference = sources.cite(cited, dated.title, event.id)
    note = sources.note(fmt.inline(event.source_note), dated.title, event.id) if event.source_note else ""
    parts += _srcref(reference, note)
    return parts
