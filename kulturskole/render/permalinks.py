"""Permanent links: every theme pack, gathering, phase, task and question has an address made from its id.

County branches put these addresses into invitations and e-mails, so they must keep working for
years. This module lists them in the link manifest (published as `lenker.json` in each version),
lists the downloadable files, and finds the addresses a new build would break. The rule that
turns an id into an address is `model.urls`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import urls
from ..model.version import Version


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
            out.append(PermaLink("forberedelse", gid, g.title, f"{page}#{urls.PREPARATION}"))
    for pid, phase in version.phases.items():
        out.append(PermaLink("fase", pid, phase.title, urls.url_of(urls.phase(pid))))
    for tid, task in version.tasks.items():
        out.append(PermaLink("oppgave", tid, task.title, urls.anchor_address("oppgave", tid)))
    for qid, question in version.questions.items():
        out.append(PermaLink("spørsmål", qid, question.text, urls.anchor_address("spørsmål", qid)))
    return out


def redirect_targets(version: Version) -> dict[str, str]:
    """Old address → new address (both relative to the version root) from omdirigeringer.yml."""
    out: dict[str, str] = {}
    for r in version.redirects:
        if r.kind in urls.KIND_PAGE:
            page = urls.KIND_PAGE[r.kind]
            out[urls.url_of(page(r.old))] = urls.url_of(page(r.new))
        elif r.kind in urls.KIND_ANCHOR_PAGE:
            out[urls.anchor_address(r.kind, r.old)] = urls.anchor_address(r.kind, r.new)
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
