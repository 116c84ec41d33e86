"""The page «Lenker»: for county branches, the permanent address of each gathering (its preparation
when it has one), each task and each theme pack, to this version and to «always the current version».

Grouped by gathering, with the tasks of each gathering under it (a task used by several gatherings
is listed under the first and referred to from the others), so the page is short enough for a phone;
a filter field (kfs-links.js, hidden without JavaScript) narrows it to what matches the words typed.
Each address is selectable text that wraps after «/» (`<wbr>`), never inside a word, and has a copy
button (kfs.js). The addresses are the same as in the invitation texts (`kit.gathering_link_path`).
"""

from __future__ import annotations

from ..model import urls
from ..model.version import Version
from . import format as fmt
from . import kit

_VERSIONS = (("Denne versjonen", ""), ("Alltid gjeldende versjon", urls.LATEST))


def _link_item(version: Version, site_root: str, title: str, page_href: str, path: str, label: str) -> str:
    """One thing's two addresses: to this version and to `latest/`. `label` is the link's text, which
    the group's heading explains; `title` names the thing for the copy buttons."""
    rows = []
    for name, folder in _VERSIONS:
        url = kit.absolute(site_root, folder or version.name, path)
        rows.append(
            f'<div data-kfs-link-version="{"denne" if not folder else "gjeldende"}"><dt>{name}</dt>'
            f'<dd><code class="kfs-url">{kit.breakable(url)}</code> '
            f'<button type="button" class="md-button kfs-copy" data-kfs-copy="{fmt.attr(url)}" '
            f'aria-label="Kopier lenken til {fmt.attr(title)} ({name.lower()})" hidden>Kopier</button></dd></div>'
        )
    return (f'<div class="kfs-link" data-kfs-link>\n<p class="kfs-link__title"><a href="{fmt.attr(page_href)}">{label}</a></p>\n'
            "<dl>\n" + "\n".join(rows) + "\n</dl>\n</div>")


def _group(heading: str, anchor: str, meta: str, items: list[str]) -> str:
    """The links of one gathering under its name (`heading` empty: a list without a name of its own)."""
    if not heading:
        return '<div class="kfs-links__group" data-kfs-link-group>\n' + "\n".join(items) + "\n</div>"
    meta_html = f'<p class="kfs-links__meta">{meta}</p>\n' if meta else ""
    return (f'<section class="kfs-links__group" id="{anchor}" data-kfs-link-group aria-labelledby="{anchor}-tittel">\n'
            f'<h3 id="{anchor}-tittel">{heading}</h3>\n{meta_html}' + "\n".join(items) + "\n</section>")


def _section(heading: str, body: list[str], filtered: bool = True) -> list[str]:
    """A part of the page under its `## heading`; the filter hides a part where nothing matches."""
    data = " data-kfs-link-section" if filtered else ""
    return [f'<section class="kfs-links__section"{data} markdown="1">', "", f"## {heading}", "", *body, "</section>", ""]


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
        "Merk lenken og kopier den. Med JavaScript slått på kan du også bruke knappen «Kopier». "
        "Hver samling har også en ferdig tekst til invitasjonen, med de samme lenkene.", "",
        '<div class="kfs-links__filter" data-kfs-links-filter hidden>'
        '<p class="kfs-links__field"><label for="kfs-finn-lenke">Finn en samling, oppgave eller temapakke</label>'
        '<input type="search" id="kfs-finn-lenke" autocomplete="off" spellcheck="false"></p>'
        '<fieldset class="kfs-links__versions"><legend>Vis lenkene til</legend>'
        '<label><input type="radio" name="kfs-lenkeversjon" value="denne" checked> denne versjonen</label> '
        '<label><input type="radio" name="kfs-lenkeversjon" value="gjeldende"> alltid gjeldende versjon</label> '
        '<label><input type="radio" name="kfs-lenkeversjon" value="begge"> begge</label></fieldset>'
        '<p class="kfs-links__status" role="status" aria-live="polite"></p></div>', "",
        '<p class="kfs-copy-status" role="status" aria-live="polite"></p>', "",
    ]
    listed: dict[str, str] = {}  # task id → anchor of the group that lists it
    gatherings = list(version.gatherings.items())
    if gatherings:
        groups = []
        for gid, g in gatherings:
            anchor = f"lenker-{gid}"
            path = kit.gathering_link_path(gid, g)
            href = urls.html_link(cur, urls.gathering(gid), urls.PREPARATION if g.preparation else "")
            items = [_link_item(version, site_root, g.title, href, path,
                                "Forberedelsen" if g.preparation else "Siden om samlingen")]
            refs = []
            for use, ids in (("Forberedelse", g.preparation), ("Mellomarbeid", g.between_work)):
                for tid in ids:
                    task = version.tasks[tid]
                    if tid in listed:
                        refs.append(f'<p class="kfs-links__ref">{use}: <a href="#{listed[tid]}">'
                                    f"{fmt.plain(task.title)}</a> (lenkene står lenger opp)</p>")
                        continue
                    listed[tid] = anchor
                    items.append(_link_item(version, site_root, task.title, urls.html_link(cur, urls.TASKS, tid),
                                            urls.anchor_address("oppgave", tid), f"{use}: {fmt.plain(task.title)}"))
            groups += [_group(fmt.plain(g.title), anchor, fmt.plain(fmt.gathering_when(g)), items + refs), ""]
        parts += _section("Samlinger og forberedelser", groups)
    rest = [tid for tid in version.tasks if tid not in listed]
    if rest:
        items = [_link_item(version, site_root, version.tasks[tid].title, urls.html_link(cur, urls.TASKS, tid),
                            urls.anchor_address("oppgave", tid), fmt.plain(version.tasks[tid].title)) for tid in rest]
        parts += _section("Oppgaver", ["Oppgavene som ikke hører til en bestemt samling.", "", _group("", "", "", items), ""])
    if version.packs:
        items = [_link_item(version, site_root, pack.title, urls.html_link(cur, urls.pack(pid)),
                            urls.url_of(urls.pack(pid)), f"Pakke {pack.number}: {fmt.plain(pack.title)}")
                 for pid, pack in version.packs.items()]
        parts += _section("Temapakker", [_group("", "", "", items), ""])
    if version.questions:
        first = next(iter(version.questions))
        example = kit.absolute(site_root, urls.LATEST, urls.anchor_address("spørsmål", first))
        parts += ["## Spørsmål", "",
                  f"Hvert dialogspørsmål har sin egen lenke i [spørsmålsbanken]({urls.md_link(cur, urls.QUESTIONS)}): "
                  "adressen til spørsmålsbanken, # og spørsmålets id. For eksempel:", "",
                  f'<p class="kfs-links__example"><code class="kfs-url">{kit.breakable(example)}</code></p>', ""]
    return "\n".join(parts) + "\n"
