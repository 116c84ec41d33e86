"""The pages of one version: source path, title, menu section, and which kind of page each is.

This is the whole site structure, independent of the site generator and of how a page is rendered:
the validator reads it to know which addresses exist, the renderer fills each page, and the MkDocs
adapter turns it into generated files and the menu.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import urls
from .schema import Gathering, ThemePack
from .version import Version


@dataclass(frozen=True)
class Page:
    src: str                  # Markdown source path, e.g. "temapakker/kulturskole-hele-livet.md"
    title: str                # title in the menu and <title> (plain text; the renderer escapes it)
    section: str | None    # menu section, or None for a top-level page
    kind: str                 # page kind, e.g. "temapakke"; `key` is the id within the kind
    key: str = ""
    #: False for a page reached from another page only (a running order, a presentation).
    in_menu: bool = True
    #: The page template in theme_overrides/ when it is not the theme's own (the kit, a presentation).
    template: str = ""
    #: False for a page the site's search leaves out (a presentation repeats its gathering's text).
    searchable: bool = True


SCHEDULE_SECTION = "Tidsplan og samlinger"
#: The template of a presentation: the page alone, without the site's header and menu.
PRESENTATION_TEMPLATE = "presentation.html"
#: The template of the pages with the facilitator's kit (gatherings, theme packs, running orders, the
#: question bank, «Lenker»): the site's own, with the kit's stylesheet and script. Other pages do not
#: load them.
KIT_TEMPLATE = "kit.html"
RUNNING_ORDER_TEMPLATE = "kit-runsheet.html"
LINKS_TEMPLATE = "kit-links.html"


# ---------------------------------------------------------------- the facilitator's kit

def gathering_has_kit(gathering: Gathering) -> bool:
    """A gathering gets a running order and a presentation when its data has an agenda or questions."""
    return bool(gathering.agenda or gathering.questions)


def pack_has_running_order(pack: ThemePack) -> bool:
    return bool(pack.use and pack.use.running_order)


def pack_has_presentation(pack: ThemePack) -> bool:
    """A theme pack is shown as a presentation when its data has slides or a running order."""
    return bool(pack.use and (pack.use.slides or pack.use.running_order))


def _kit_pages(title: str, section: str, kind: str, key: str, running_order: str | None,
               presentation: str | None) -> list[Page]:
    out = []
    if running_order:
        out.append(Page(running_order, f"Kjøreplan: {title}", section, f"kjoreplan-{kind}", key, in_menu=False,
                        template=RUNNING_ORDER_TEMPLATE))
    if presentation:
        out.append(Page(presentation, f"Presentasjon: {title}", section, f"presentasjon-{kind}", key,
                        in_menu=False, template=PRESENTATION_TEMPLATE, searchable=False))
    return out


def site_structure(version: Version) -> list[Page]:
    """The generated pages of `version`, in menu order."""
    v = version
    out = [
        Page(urls.START, "Start", None, "start"),
        Page(urls.PROGRAMME, "Om programmet", None, "program"),
        Page(urls.SCHEDULE, "Tidsplan", SCHEDULE_SECTION, "tidsplan"),
    ]
    for gid, g in v.gatherings.items():
        out.append(Page(urls.gathering(gid), g.title, SCHEDULE_SECTION, "samling", gid, template=KIT_TEMPLATE))
        if gathering_has_kit(g):
            out += _kit_pages(g.title, SCHEDULE_SECTION, "samling", gid, urls.gathering_running_order(gid),
                              urls.gathering_presentation(gid))
    out.append(Page(urls.TASKS, "Forberedelser og mellomarbeid", None, "oppgaver"))
    out.append(Page(urls.PHASES, "Fasemodellen", "Fasemodellen", "fasemodell"))
    out += [Page(urls.phase(pid), f"{phase.number}. {phase.short or phase.title}", "Fasemodellen", "fase", pid)
            for pid, phase in v.phases.items()]
    if v.packs:
        out.append(Page(urls.PACKS, "Alle temapakker", "Temapakker", "temapakker"))
        for pid, pack in v.packs.items():
            out.append(Page(urls.pack(pid), f"{pack.number}. {pack.title}", "Temapakker", "temapakke", pid,
                            template=KIT_TEMPLATE))
            out += _kit_pages(f"{pack.number}. {pack.title}", "Temapakker", "temapakke", pid,
                              urls.pack_running_order(pid) if pack_has_running_order(pack) else None,
                              urls.pack_presentation(pid) if pack_has_presentation(pack) else None)
    out.append(Page(urls.QUESTIONS, "Spørsmålsbank", "Spørsmål", "sporsmal", template=KIT_TEMPLATE))
    if v.questions:
        out.append(Page(urls.QUESTIONS_PRESENTATION, "Spørsmål som presentasjon", "Spørsmål", "presentasjon-sporsmal",
                        in_menu=False, template=PRESENTATION_TEMPLATE, searchable=False))
    out.append(Page(urls.CARDS, "Dialogkort", "Spørsmål", "dialogkort"))
    if v.municipalities:
        out.append(Page(urls.MUNICIPALITIES, "Kommuner", None, "kommuner"))
    if v.expectations:
        out.append(Page(urls.EXPECTATIONS, "Hva kommunene ventet seg", None, "forventninger"))
    if v.history:
        out.append(Page(urls.HISTORY, "Historikk", None, "historikk"))
    if v.resources:
        out.append(Page(urls.RESOURCES, "Ressurser", None, "ressurser"))
    if v.faq:
        out.append(Page(urls.FAQ, "Spørsmål og svar", None, "faq"))
    if v.glossary:
        out.append(Page(urls.GLOSSARY, "Ordliste", None, "ordliste"))
    out.append(Page(urls.CHANGES, "Nytt i denne versjonen", None, "nytt"))
    out.append(Page(urls.OPEN_DATA, "Åpne data", None, "apne-data"))
    out.append(Page(urls.LINKS, "Lenker", None, "lenker", template=LINKS_TEMPLATE))
    return out


def page_addresses(version: Version, hand_written: Iterable[str] = ()) -> set[str]:
    """Every page address of the version relative to its root (`program/`), the generated pages and
    the hand-written ones (`hand_written`: their sources in docs/, e.g. "personvern.md")."""
    return {urls.url_of(page.src) for page in site_structure(version)} | {urls.url_of(src) for src in hand_written}


#: A menu section with more pages than this lists only its first page, the overview, which links
#: to all of them. The menu on every page then stays the same size however many theme packs or
#: gatherings a version has (with 1,000 packs it would otherwise be most of every page's HTML).
NAV_SECTION_LIMIT = 30


def navigation(pages: Iterable[Page], extra: Iterable[tuple[str, str]] = (),
               title: Callable[[str], str] = str) -> tuple[list, set[str]]:
    """The menu as nested `{title: src}` entries, in page order, and the pages left out of it.

    Pages without a section are entries of their own; the pages of a section are grouped under its
    name where the section first appears. `extra` (title, src) entries come last. `title` turns a
    page title from the data into the menu's text (the renderer escapes it)."""
    nav: list = []
    sections: dict[str, list] = {}
    left_out: set[str] = set()
    for page in pages:
        if not page.in_menu:
            left_out.add(page.src)
            continue
        entry = {title(page.title): page.src}
        if page.section is None:
            nav.append(entry)
        else:
            if page.section not in sections:
                sections[page.section] = []
                nav.append({page.section: sections[page.section]})
            sections[page.section].append(entry)
    for entries in sections.values():
        if len(entries) > NAV_SECTION_LIMIT:
            left_out.update(src for entry in entries[1:] for src in entry.values())
            del entries[1:]
    nav.extend({title: src} for title, src in extra)
    return nav, left_out
