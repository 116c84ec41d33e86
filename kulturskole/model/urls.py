"""Where each page and file of a version lives: the rule that turns an id into an address.

Pages are Markdown sources (`temapakker/kulturskole-hele-livet.md`); with directory URLs each is
published as `temapakker/kulturskole-hele-livet/`. Links in Markdown point at `.md` sources so the
site builder can check them; links in raw HTML use the published URLs.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import urlsplit

START = "index.md"
PROGRAMME = "program.md"
PHASES = "faser/index.md"
PACKS = "temapakker/index.md"
QUESTIONS = "sporsmal.md"
SCHEDULE = "samlinger/index.md"
TASKS = "oppgaver.md"
FAQ = "sporsmal-og-svar.md"
GLOSSARY = "ordliste.md"
MUNICIPALITIES = "kommuner.md"
RESOURCES = "ressurser.md"
EXPECTATIONS = "forventninger.md"
HISTORY = "historikk.md"


def phase(pid: str) -> str:
    return f"faser/{pid}.md"


def pack(pid: str) -> str:
    return f"temapakker/{pid}.md"


def gathering(gid: str) -> str:
    return f"samlinger/{gid}.md"


# -- the facilitator's kit: a printable running order and a presentation beside a gathering or a pack

#: Last part of the address of a running order («kjøreplan») and of a presentation.
RUNNING_ORDER = "kjoreplan"
PRESENTATION = "presentasjon"
#: The presentation of the question bank (all questions; the filter in the address selects).
QUESTIONS_PRESENTATION = "sporsmal/presentasjon.md"
#: Anchor of screen `n` (1, 2, …) in a presentation: `presentasjon/#skjerm-3`.
SCREEN = "skjerm-{n}"
#: Anchor of the invitation text on a gathering's page.
INVITATION = "invitasjon"


def gathering_running_order(gid: str) -> str:
    return f"samlinger/{gid}/{RUNNING_ORDER}.md"


def gathering_presentation(gid: str) -> str:
    return f"samlinger/{gid}/{PRESENTATION}.md"


def pack_running_order(pid: str) -> str:
    return f"temapakker/{pid}/{RUNNING_ORDER}.md"


def pack_presentation(pid: str) -> str:
    return f"temapakker/{pid}/{PRESENTATION}.md"


#: Folder of the downloads (PDF and DOCX) in a version, made by `render.documents`.
DOWNLOADS = "last-ned"


def pack_pdf(pid: str) -> str:
    return f"{DOWNLOADS}/temapakke-{pid}.pdf"


def preparation_pdf(gid: str) -> str:
    return f"{DOWNLOADS}/forberedelse-{gid}.pdf"


def worksheet_docx(tid: str) -> str:
    return f"{DOWNLOADS}/arbeidsark-{tid}.docx"


#: The contract with a participating municipality (avtale.yml), to fill in and sign: PDF and Word.
AGREEMENT_PDF = f"{DOWNLOADS}/avtale.pdf"
AGREEMENT_DOCX = f"{DOWNLOADS}/avtale.docx"


@functools.lru_cache(maxsize=65536)
def md_link(current: str, target: str, anchor: str = "") -> str:
    """A relative Markdown link from page `current` to page `target` (both .md sources)."""
    if target == current:
        return f"#{anchor}" if anchor else "#"
    rel = posixpath.relpath(target, posixpath.dirname(current) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def folder(url: str) -> str:
    """`url` with exactly one trailing slash, so a path can be appended (site roots)."""
    return url if url.endswith("/") else url + "/"


def url_of(src: str) -> str:
    """The published URL path of a source, relative to the version root (directory URLs)."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def html_link(current: str, target: str, anchor: str = "") -> str:
    """A relative URL for raw HTML, from page `current` to page `target`."""
    here = url_of(current)
    there = url_of(target)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    rel = "" if rel == "." else rel + "/"
    if not rel:
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- pages without an id, and files

LINKS = "lenker.md"
CHANGES = "nytt.md"
OPEN_DATA = "apne-data.md"
CARDS = "dialogkort.md"

#: Hand-written pages in docs/ (title, source), shown last in the menu when they exist.
STATIC_PAGES = (
    ("Om nettstedet", "om-nettstedet.md"),
    ("Tilgjengelighetserklæring", "tilgjengelighet.md"),
    ("Personvern", "personvern.md"),
)

#: File name of the whole calendar in a version folder, and of one gathering's event beside its page.
CALENDAR = "kalender.ics"
#: Folder of the open data files in a version.
OPEN_DATA_DIR = "data"
#: File name of the link manifest in each published version.
MANIFEST = "lenker.json"
#: The alias that always points at the current programme version.
LATEST = "latest"
#: Anchor of a gathering's preparation section.
PREPARATION = "forberedelse"


# ---------------------------------------------------------------- permanent links: the id → address rule

#: Kinds whose permanent link is a page of its own.
KIND_PAGE = {"temapakke": pack, "samling": gathering, "fase": phase}
#: Kinds whose permanent link is an anchor (the id) on one shared page.
KIND_ANCHOR_PAGE = {"oppgave": TASKS, "spørsmål": QUESTIONS}


def anchor_address(kind: str, ident: str) -> str:
    """The address of a task or question, relative to the version root: `oppgaver/#<id>`."""
    return f"{url_of(KIND_ANCHOR_PAGE[kind])}#{ident}"


def address_of(kind: str, ident: str) -> str:
    """The permanent address of thing `ident` of `kind`, relative to the version root."""
    if kind in KIND_PAGE:
        return url_of(KIND_PAGE[kind](ident))
    return anchor_address(kind, ident)


def site_root_path(site_root: str) -> str:
    """The path part of the site root, e.g. "/fremtidens-kulturskole/"."""
    return folder(urlsplit(site_root).path or "/")
