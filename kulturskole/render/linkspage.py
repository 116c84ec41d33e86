"""The page «Lenker»: for county branches, the permanent address of each gathering's preparation,
each task and each theme pack, to this version and to «always the current version»."""

from __future__ import annotations

from ..model import urls
from ..model.version import Version
from . import format as fmt


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
    cur = urls.LINKS
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
            path = f"{page}#{urls.PREPARATION}" if g.preparation else page
            label = "forberedelse" if g.preparation else "samlingen"
            parts.append(_link_item(
                g.title, urls.html_link(cur, urls.gathering(gid), urls.PREPARATION if g.preparation else ""),
                _absolute(site_root, version.name, path), _absolute(site_root, urls.LATEST, path), label))
    if version.tasks:
        parts += ["## Oppgaver", ""]
        for tid, task in version.tasks.items():
            path = urls.anchor_address("oppgave", tid)
            parts.append(_link_item(
                task.title, urls.html_link(cur, urls.TASKS, tid),
                _absolute(site_root, version.name, path), _absolute(site_root, urls.LATEST, path), "oppgave"))
    if version.packs:
        parts += ["## Temapakker", ""]
        for pid, pack in version.packs.items():
            path = urls.url_of(urls.pack(pid))
            parts.append(_link_item(
                pack.title, urls.html_link(cur, urls.pack(pid)),
                _absolute(site_root, version.name, path), _absolute(site_root, urls.LATEST, path), "temapakke"))
    if version.questions:
        first = next(iter(version.questions))
        example = _absolute(site_root, urls.LATEST, urls.anchor_address("spørsmål", first))
        parts += ["## Spørsmål", "",
                  f"Hvert dialogspørsmål har sin egen lenke i [spørsmålsbanken]({urls.md_link(cur, urls.QUESTIONS)}): "
                  "adressen til spørsmålsbanken, # og spørsmålets id. For eksempel:", "",
                  f'<p><code class="kfs-url">{fmt.plain(example)}</code></p>', ""]
    return "\n".join(parts) + "\n"
