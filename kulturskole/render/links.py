"""Permanent links: every theme pack, gathering, phase, task and question has an address made from its id.

County branches put these addresses into invitations and e-mails, so they must keep working for
years. This module lists them (the link manifest, published as `lenker.json` in each version), finds
the ones a new build would break, renders the redirect pages for renamed ids, and renders the
"Lenker" page. Nothing here imports MkDocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..model.version import Version
from . import format as fmt
from . import urls

#: The alias that always points at the current programme version.
LATEST = "latest"
#: File name of the link manifest in each published version.
MANIFEST = "lenker.json"
#: Anchor of a gathering's preparation section.
PREPARATION = "forberedelse"
TEMPLATES = Path(__file__).resolve().parent / "templates"

_KIND_PAGE = {"temapakke": urls.pack, "samling": urls.gathering, "fase": urls.phase}
#: Kinds whose permanent link is an anchor (the id) on one shared page.
_KIND_ANCHOR_PAGE = {"oppgave": urls.TASKS, "spørsmål": urls.QUESTIONS}


def _anchor(kind: str, ident: str) -> str:
    return f"{urls.url_of(_KIND_ANCHOR_PAGE[kind])}#{ident}"


@dataclass(frozen=True)
class PermaLink:
    kind: str     # temapakke, samling, forberedelse, fase, oppgave, spørsmål
    id: str
    title: str
    path: str     # relative to the version root, e.g. "samlinger/fellessamling-1/#forberedelse"


def permanent_links(version: Version) -> list[PermaLink]:
    """Every address made from an id, in reading order."""
    out: list[PermaLink] = []
    for pid, pack in version.packs.items():
        out.append(PermaLink("temapakke", pid, pack.title, urls.url_of(urls.pack(pid))))
    for gid, g in version.gatherings.items():
        page = urls.url_of(urls.gathering(gid))
        out.append(PermaLink("samling", gid, g.title, page))
        if g.preparation:
            out.append(PermaLink("forberedelse", gid, g.title, f"{page}#{PREPARATION}"))
    for pid, phase in version.phases.items():
        out.append(PermaLink("fase", pid, phase.title, urls.url_of(urls.phase(pid))))
    for tid, task in version.tasks.items():
        out.append(PermaLink("oppgave", tid, task.title, _anchor("oppgave", tid)))
    for qid, question in version.questions.items():
        out.append(PermaLink("spørsmål", qid, question.text, _anchor("spørsmål", qid)))
    return out


def redirect_targets(version: Version) -> dict[str, str]:
    """Old address → new address (both relative to the version root) from omdirigeringer.yml."""
    out: dict[str, str] = {}
    for r in version.redirects:
        if r.kind in _KIND_PAGE:
            page = _KIND_PAGE[r.kind]
            out[urls.url_of(page(r.old))] = urls.url_of(page(r.new))
        elif r.kind in _KIND_ANCHOR_PAGE:
            out[_anchor(r.kind, r.old)] = _anchor(r.kind, r.new)
        elif r.kind == "side":
            out[r.old] = r.new
    return out


def manifest(version: Version, page_srcs: Iterable[str], files: Iterable[str] = ()) -> dict:
    """The link manifest of a version: its pages, its permanent links, its redirects and its
    downloadable files (see `downloadable_files`)."""
    return {
        "versjon": version.name,
        "tittel": version.programme.version_title,
        "sider": sorted(urls.url_of(src) for src in page_srcs),
        "lenker": [{"type": link.kind, "id": link.id, "sti": link.path} for link in permanent_links(version)],
        "omdirigeringer": redirect_targets(version),
        "filer": sorted(files),
    }


#: Folders of a version whose files are downloads (open data, documents), and the calendar files' suffix.
DOWNLOAD_FOLDERS = ("data", "last-ned")
CALENDAR_SUFFIX = ".ics"


def downloadable_files(site_dir: Path) -> list[str]:
    """Every file of a built version a reader downloads rather than reads as a page, relative to its
    folder: the calendar files and everything under data/ and last-ned/ (never an HTML page).
    These are the files `publish` also copies to latest/."""
    site_dir = Path(site_dir)
    found = []
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file() or rel.endswith(".html"):
            continue
        if rel.split("/", 1)[0] in DOWNLOAD_FOLDERS or rel.endswith(CALENDAR_SUFFIX):
            found.append(rel)
    return sorted(found)


def gone_files(before: dict, after: dict) -> list[str]:
    """Downloadable files in `before` that `after` no longer has."""
    return sorted(set(before.get("filer", [])) - set(after.get("filer", [])))


def _reachable(m: dict) -> set[str]:
    return set(m.get("sider", [])) | {link["sti"] for link in m.get("lenker", [])} | set(m.get("omdirigeringer", {}))


def broken_links(before: dict, after: dict) -> list[str]:
    """Addresses in `before` that `after` no longer serves (neither as page, anchor nor redirect).

    An anchor on a redirected page still works: the redirect keeps the part after #.
    """
    now = _reachable(after)
    redirected_pages = {old for old in after.get("omdirigeringer", {}) if "#" not in old}
    missing = []
    for path in sorted(_reachable(before)):
        if path in now:
            continue
        page, _, anchor = path.partition("#")
        if anchor and page in redirected_pages:
            continue
        missing.append(path)
    return missing


# ---------------------------------------------------------------- HTML outside the Markdown pages

_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                   keep_trailing_newline=True)


def redirect_html(href: str) -> str:
    """A page that sends the reader on to `href` (keeping the part after #), in bokmål."""
    return _env.get_template("redirect.html").render(href=href)


def redirect_pages(version: Version) -> dict[str, str]:
    """Output file (relative to the version root) → HTML, for each old page address that redirects."""
    out = {}
    for old, new in redirect_targets(version).items():
        if "#" in old:
            continue  # an old anchor is kept as an empty target on the new page (see pages.old_anchors)
        target = posixpath.relpath(new or ".", old.rstrip("/") or ".")
        href = "./" if target == "." else target + "/"
        out[posixpath.join(old, "index.html")] = redirect_html(href)
    return out


def not_found_html(site_root_path: str, title: str) -> str:
    """The 404 page at the root of the publishing branch: it links to the current version."""
    root = urls.folder(site_root_path)
    return _env.get_template("404.html").render(root=root, latest=f"{root}{LATEST}/", title=title)


# ---------------------------------------------------------------- the "Lenker" page

LINKS_PAGE = "lenker.md"


def _absolute(site_root: str, version_dir: str, path: str) -> str:
    return f"{urls.folder(site_root)}{version_dir}/{path}"


def _link_item(title: str, page_href: str, this_url: str, latest_url: str, label: str) -> str:
    safe_title = fmt.plain(title)
    rows = []
    for name, url in (("Denne versjonen", this_url), ("Alltid gjeldende versjon", latest_url)):
        rows.append(
            f'<dt>{name}</dt><dd><code class="kfs-url">{fmt.plain(url)}</code> '
            f'<button type="button" class="md-button kfs-copy" data-kfs-copy="{fmt.attr(url)}" '
            f'aria-label="Kopier lenken til {fmt.attr(title)} ({name.lower()})" hidden>Kopier</button></dd>'
        )
    return (f'<div class="kfs-link">\n<p class="kfs-link__title"><a href="{fmt.attr(page_href)}">{safe_title}</a>'
            f' <span class="kfs-meta">{label}</span></p>\n<dl>\n' + "\n".join(rows) + "\n</dl>\n</div>\n")


def links_page(version: Version, site_root: str) -> str:
    """For county branches: the address of each gathering's preparation and each task, twice."""
    cur = LINKS_PAGE
    parts = [
        "# Lenker til forberedelser og oppgaver", "",
        "Denne siden er for dere som lenker til materialet fra invitasjoner, e-post og egne nettsider. "
        "Lenkene er laget av id-en til samlingen eller oppgaven. De endrer seg ikke.", "",
        f"- **Denne versjonen** fører alltid til {fmt.inline(version.programme.version_title)}.",
        "- **Alltid gjeldende versjon** fører til den programversjonen som gjelder når leseren klikker. "
        "Finnes ikke siden der, kommer leseren til en side med lenke til gjeldende versjon.", "",
        "Merk lenken og kopier den. Med JavaScript slått på kan du også bruke knappen «Kopier».", "",
        '<p class="kfs-copy-status" role="status" aria-live="polite"></p>', "",
    ]
    gatherings = list(version.gatherings.items())
    if gatherings:
        parts += ["## Samlinger og forberedelser", ""]
        for gid, g in gatherings:
            page = urls.url_of(urls.gathering(gid))
            path = f"{page}#{PREPARATION}" if g.preparation else page
            label = "forberedelse" if g.preparation else "samlingen"
            parts.append(_link_item(
                g.title, urls.html_link(cur, urls.gathering(gid), PREPARATION if g.preparation else ""),
                _absolute(site_root, version.name, path), _absolute(site_root, LATEST, path), label))
    if version.tasks:
        parts += ["## Oppgaver", ""]
        for tid, task in version.tasks.items():
            path = _anchor("oppgave", tid)
            parts.append(_link_item(
                task.title, urls.html_link(cur, urls.TASKS, tid),
                _absolute(site_root, version.name, path), _absolute(site_root, LATEST, path), "oppgave"))
    if version.packs:
        parts += ["## Temapakker", ""]
        for pid, pack in version.packs.items():
            path = urls.url_of(urls.pack(pid))
            parts.append(_link_item(
                pack.title, urls.html_link(cur, urls.pack(pid)),
                _absolute(site_root, version.name, path), _absolute(site_root, LATEST, path), "temapakke"))
    if version.questions:
        first = next(iter(version.questions))
        example = _absolute(site_root, LATEST, _anchor("spørsmål", first))
        parts += ["## Spørsmål", "",
                  f"Hvert dialogspørsmål har sin egen lenke i [spørsmålsbanken]({urls.md_link(cur, urls.QUESTIONS)}): "
                  "adressen til spørsmålsbanken, # og spørsmålets id. For eksempel:", "",
                  f'<p><code class="kfs-url">{fmt.plain(example)}</code></p>', ""]
    return "\n".join(parts) + "\n"


def site_root_path(site_root: str) -> str:
    """The path part of the site root, e.g. "/fremtidens-kulturskole/"."""
    from urllib.parse import urlsplit
    return urls.folder(urlsplit(site_root).path or "/")


__all__ = [
    "LATEST", "MANIFEST", "LINKS_PAGE", "PermaLink", "permanent_links", "redirect_targets", "manifest",
    "downloadable_files", "gone_files", "broken_links", "redirect_html", "redirect_pages", "not_found_html", "links_page", "site_root_path",
]
