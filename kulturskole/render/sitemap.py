"""The pages of one version: source path, title, section, and the function that renders each.

This is the whole site structure, independent of the site generator: the MkDocs adapter turns it
into generated files and navigation; another generator could do the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Callable, Optional

from ..model.version import Version
from . import format as fmt
from . import changes, links, opendata, pages, questionbank, urls


@dataclass(frozen=True)
class PageSpec:
    src: str                     # Markdown source path, e.g. "temapakker/kulturskole-hele-livet.md"
    title: str                   # title in navigation and <title>
    section: Optional[str]       # navigation section, or None for a top-level page
    render: Callable[[], str]    # returns the page's Markdown
    kind: str                    # page kind, e.g. "temapakke"; `key` is the id within the kind
    key: str = ""


def site_pages(version: Version, today: Optional[dt.date] = None, *, site_root: str = "/",
               previous: Optional[Version] = None, downloads: Optional[dict[str, int]] = None) -> list[PageSpec]:
    """The pages of `version`. `site_root` is the address above the version folders (for the
    "Lenker" page); `previous` is the version before it (for "Nytt i denne versjonen");
    `downloads` maps each file built with the site (`render.documents`) to its size, for the links."""
    today = today or dt.date.today()
    v = version
    out = [
        PageSpec(urls.START, "Start", None, partial(pages.start_page, v, today), "start"),
        PageSpec(urls.PROGRAMME, "Om programmet", None, partial(pages.programme_page, v), "program"),
        PageSpec(urls.SCHEDULE, "Tidsplan", "Tidsplan og samlinger", partial(pages.schedule_page, v), "tidsplan"),
    ]
    for gid, g in v.gatherings.items():
        out.append(PageSpec(urls.gathering(gid), fmt.inline(g.title), "Tidsplan og samlinger",
                            partial(pages.gathering_page, v, gid, downloads), "samling", gid))
    out.append(PageSpec(urls.TASKS, "Forberedelser og mellomarbeid", None, partial(pages.tasks_page, v, downloads), "oppgaver"))
    out.append(PageSpec(urls.PHASES, "Fasemodellen", "Fasemodellen", partial(pages.phases_page, v), "fasemodell"))
    for pid, phase in v.phases.items():
        out.append(PageSpec(urls.phase(pid), f"{phase.number}. {fmt.inline(phase.short or phase.title)}", "Fasemodellen",
                            partial(pages.phase_page, v, pid), "fase", pid))
    if v.packs:
        out.append(PageSpec(urls.PACKS, "Alle temapakker", "Temapakker", partial(pages.packs_page, v), "temapakker"))
        for pid, pack in v.packs.items():
            out.append(PageSpec(urls.pack(pid), f"{pack.number}. {fmt.inline(pack.title)}", "Temapakker",
                                partial(pages.pack_page, v, pid, downloads), "temapakke", pid))
    out.append(PageSpec(urls.QUESTIONS, "Spørsmålsbank", "Spørsmål", partial(questionbank.questions_page, v), "sporsmal"))
    out.append(PageSpec(questionbank.CARDS, "Dialogkort", "Spørsmål", partial(questionbank.cards_page, v), "dialogkort"))
    if v.municipalities:
        out.append(PageSpec(urls.MUNICIPALITIES, "Kommuner", None, partial(pages.municipalities_page, v), "kommuner"))
    if v.resources:
        out.append(PageSpec(urls.RESOURCES, "Ressurser", None, partial(pages.resources_page, v), "ressurser"))
    if v.faq:
        out.append(PageSpec(urls.FAQ, "Spørsmål og svar", None, partial(pages.faq_page, v), "faq"))
    if v.glossary:
        out.append(PageSpec(urls.GLOSSARY, "Ordliste", None, partial(pages.glossary_page, v), "ordliste"))
    out.append(PageSpec(changes.CHANGES, "Nytt i denne versjonen", None,
                        partial(changes.changes_page, v, previous), "nytt"))
    out.append(PageSpec(opendata.PAGE, "Åpne data", None, partial(opendata.open_data_page, v, site_root), "apne-data"))
    out.append(PageSpec(links.LINKS_PAGE, "Lenker", None, partial(links.links_page, v, site_root), "lenker"))
    return out


#: A navigation section with more pages than this lists only its first page, the overview, which links
#: to all of them. The menu on every page then stays the same size however many theme packs or
#: gatherings a version has (with 1,000 packs it would otherwise be most of every page's HTML).
NAV_SECTION_LIMIT = 30


def navigation(specs: list[PageSpec], extra: Optional[list[tuple[str, str]]] = None) -> tuple[list, set[str]]:
    """The menu as nested `{title: src}` entries, in page order, and the pages left out of it.

    Pages without a section are entries of their own; the pages of a section are grouped under its
    name where the section first appears. `extra` (title, src) entries come last."""
    nav: list = []
    sections: dict[str, list] = {}
    for spec in specs:
        entry = {spec.title: spec.src}
        if spec.section is None:
            nav.append(entry)
        else:
            if spec.section not in sections:
                sections[spec.section] = []
                nav.append({spec.section: sections[spec.section]})
            sections[spec.section].append(entry)
    left_out: set[str] = set()
    for entries in sections.values():
        if len(entries) > NAV_SECTION_LIMIT:
            left_out.update(src for entry in entries[1:] for src in entry.values())
            del entries[1:]
    nav.extend({title: src} for title, src in (extra or []))
    return nav, left_out

