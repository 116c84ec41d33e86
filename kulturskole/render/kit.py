"""The facilitator's kit for a gathering, from its data: the questions at each agenda item, the
permanent addresses a county branch sends out, the downloads, and the ready invitation text.

Used by the gathering page (`pages.gathering_page`), the running order and the presentation
(`presentation`), and the «Lenker» page (`linkspage`), so the three give the same addresses.
Nothing here imports the other page modules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import urls
from ..model.schema import AgendaItem, Gathering, ThemePack
from ..model.structure import gathering_has_kit, pack_has_presentation, pack_has_running_order
from ..model.version import Version
from . import format as fmt

# ---------------------------------------------------------------- questions and agenda


def placed_questions(g: Gathering) -> list[str]:
    """The ids of the questions placed at an agenda item, in agenda order, each once."""
    out: list[str] = []
    for day in g.agenda:
        for item in day.items:
            out += [q for q in item.questions if q not in out]
    return out


def unplaced_questions(g: Gathering) -> list[str]:
    """The gathering's own questions that no agenda item takes: they come after the agenda."""
    placed = set(placed_questions(g))
    return [q for q in g.questions if q not in placed]


def all_questions(g: Gathering) -> list[str]:
    """Every question of the gathering: its own list, then any placed only at an agenda item."""
    return list(g.questions) + [q for q in placed_questions(g) if q not in g.questions]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def item_points(version: Version, item: AgendaItem) -> list[str]:
    """An agenda item's points, without those that say the same as one of its questions (the
    question is shown with the item; the point would repeat it word for word)."""
    texts = [version.questions[q].text for q in item.questions]
    return [p for p in item.points if not any(_same_text(p, t) for t in texts)]


def when_text(g: Gathering) -> str:
    """The date and time with the precision's note: «September 2021 (midten av september)»."""
    return fmt.gathering_when(g, weekday=True) + (f" ({g.when.note})" if g.when.note else "")


def clock(item: AgendaItem) -> str:
    """«10.45» or «13.00–14.00» when the data has the end."""
    return fmt.clock(item.time) + (f"–{fmt.clock(item.end)}" if item.end else "")


def has_who(g: Gathering) -> bool:
    return any(item.who for day in g.agenda for item in day.items)


def cards_topic(version: Version, question_ids: Iterable[str]) -> str | None:
    """The topic of the question bank whose questions are exactly these, if one is: the dialogue cards
    can then be opened filtered to them (`dialogkort/?tema=…`). None when no filter selects them."""
    wanted = set(question_ids)
    if not wanted:
        return None
    for topic_id, topic in version.topics.items():
        if {q.id for q in topic.questions} == wanted:
            return topic_id
    return None


# ---------------------------------------------------------------- permanent addresses


def absolute(site_root: str, version_dir: str, path: str) -> str:
    """A published address: the site root, a version folder (or `latest`), and a path in it."""
    return f"{urls.folder(site_root)}{version_dir}/{path}"


def gathering_link_path(gid: str, g: Gathering) -> str:
    """The address of a gathering that invitations use, relative to the version root: its
    preparation when it has one, else its page (the same as the «Lenker» page gives)."""
    page = urls.url_of(urls.gathering(gid))
    return f"{page}#{urls.PREPARATION}" if g.preparation else page


def breakable(address: str) -> str:
    """An address as HTML text that may wrap after each «/» (never inside a word): `<wbr>` marks the
    places. Copying the text gives the address unchanged."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "", address
    head = fmt.plain(scheme + sep)
    parts = rest.split("/")
    return head + "/<wbr>".join(fmt.plain(p) for p in parts)


def address_link(address: str) -> str:
    """A link whose text is its own address, so that it works pasted as text as well as HTML."""
    return f'<a href="{fmt.attr(address)}">{breakable(address)}</a>'


@dataclass(frozen=True)
class Invitation:
    """The facts of an invitation, each as the reader sees it."""

    title: str
    when: str
    duration: str
    mode: str
    summary: str                 # Markdown from the data, or ""
    preparation: list[str]       # titles of the preparation tasks
    link: str                    # the gathering's permanent address (its preparation, when it has one)
    calendar: str                # the gathering's calendar file
    contact: str                 # HTML: who to ask, from program.yml (empty when the data has none or others organise)
    organisers: list[str] = field(default_factory=list)  # who organises, when others than the programme do


def invitation(version: Version, gid: str, site_root: str) -> Invitation:
    g = version.gatherings[gid]
    page = urls.url_of(urls.gathering(gid))
    summary = g.summary or (g.description[0] if g.description else "")
    return Invitation(
        title=g.title,
        when=fmt.gathering_when(g, weekday=True),
        duration=fmt.duration(g.duration_minutes) if g.duration_minutes and not g.time else "",
        mode=g.mode.capitalize() if g.mode else "",
        summary=summary,
        preparation=[version.tasks[t].title for t in g.preparation],
        link=absolute(site_root, version.name, gathering_link_path(gid, g)),
        calendar=absolute(site_root, version.name, page + urls.CALENDAR),
        contact="" if g.organisers else _contact(version),
        organisers=list(g.organisers),
    )


def and_list(items: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1] if items else ""


def _contact(version: Version) -> str:
    c = version.programme.contact
    if c is None:
        return ""
    who = ", ".join(fmt.plain(x) for x in (c.name, c.role, c.organisation) if x)
    how = []
    if c.email:
        how.append(f'e-post <a href="mailto:{fmt.attr(c.email)}">{fmt.plain(c.email)}</a>')
    if c.phone:
        how.append(f'telefon <a href="tel:{fmt.attr(fmt.tel(c.phone))}">{fmt.plain(c.phone)}</a>')
    return f"{who}" + (f", {' eller '.join(how)}" if how else "")


def invitation_html(inv: Invitation, element_id: str) -> str:
    """The invitation as one block of HTML: short paragraphs, bold labels and links that show their
    address (e-mail programs keep them when the text is pasted, as HTML or as plain text)."""
    facts = [f"<strong>Når:</strong> {fmt.plain(inv.when)}"]
    if inv.duration:
        facts.append(f"<strong>Varighet:</strong> {fmt.plain(inv.duration)}")
    if inv.mode:
        facts.append(f"<strong>Form:</strong> {fmt.plain(inv.mode)}")
    if inv.organisers:
        facts.append(f"<strong>Arrangører:</strong> {and_list([fmt.plain(o) for o in inv.organisers])}")
    parts = [f"<p><strong>{fmt.plain(inv.title)}</strong></p>", "<p>" + "<br>\n".join(facts) + "</p>"]
    if inv.summary:
        parts.append(fmt.html_block(inv.summary).strip())
    if inv.preparation:
        tasks = "; ".join(fmt.plain(t) for t in inv.preparation)
        parts.append(f"<p><strong>Forbered deg før samlingen:</strong> {tasks}.<br>\n"
                     f"Slik gjør du det: {address_link(inv.link)}</p>")
    else:
        parts.append(f"<p><strong>Program og mer om samlingen:</strong> {address_link(inv.link)}</p>")
    parts.append(f"<p><strong>Legg samlingen i kalenderen:</strong> {address_link(inv.calendar)}</p>")
    if inv.contact:
        parts.append(f"<p><strong>Spørsmål?</strong> Kontakt {inv.contact}.</p>")
    return (f'<div class="kfs-invite__text" id="{fmt.attr(element_id)}" data-kfs-invite-text>\n'
            + "\n".join(parts) + "\n</div>")


def invitation_section(version: Version, gid: str, site_root: str) -> str:
    """«Tekst til invitasjon» on a gathering with a fixed date: the text, and a button that copies it
    as HTML and as plain text (kfs-invite.js; without JavaScript the text is selected by hand)."""
    text_id = f"{urls.INVITATION}-tekst"
    return "\n".join([
        f"## Tekst til invitasjon {{#{urls.INVITATION}}}", "",
        "Bruk teksten når du inviterer til samlingen, for eksempel i en e-post. "
        "Lenkene er faste adresser som virker i mange år.", "",
        invitation_html(invitation(version, gid, site_root), text_id), "",
        '<p class="kfs-invite__actions">'
        f'<button type="button" class="md-button kfs-invite__copy" data-kfs-copy-invite="{fmt.attr(text_id)}" hidden>'
        "Kopier teksten</button> "
        '<span class="kfs-invite__status" role="status" aria-live="polite"></span></p>', "",
    ])


# ---------------------------------------------------------------- links from the gathering page


def kit_nav(version: Version, gid: str) -> str:
    """The facilitator's links at the top of a gathering page: running order, presentation, invitation."""
    g = version.gatherings[gid]
    cur = urls.gathering(gid)
    links = []
    if gathering_has_kit(g):
        links.append((urls.html_link(cur, urls.gathering_running_order(gid)), "Kjøreplan til utskrift"))
        links.append((urls.html_link(cur, urls.gathering_presentation(gid)), "Presentasjon"))
    if g.when.is_day_precise():
        links.append((f"#{urls.INVITATION}", "Tekst til invitasjon"))
    return _kit_nav("Til deg som arrangerer samlingen", links)


def _kit_nav(title: str, links: list[tuple[str, str]]) -> str:
    """The box of links to the kit views (running order, presentation, invitation) under `title`; "" without links."""
    if not links:
        return ""
    items = "".join(f'<li><a href="{fmt.attr(href)}">{label}</a></li>' for href, label in links)
    return ('<nav class="kfs-kit" aria-labelledby="kfs-kit-tittel">'
            f'<p class="kfs-kit__title" id="kfs-kit-tittel">{title}</p>'
            f'<ul class="kfs-kit__links">{items}</ul></nav>')


def downloads_section(version: Version, gid: str, downloads: dict[str, int] | None) -> str:
    """«Last ned»: what a gathering offers as files, in one list (only what exists)."""
    g = version.gatherings[gid]
    cur = urls.gathering(gid)
    downloads = downloads or {}
    items = []
    if urls.preparation_pdf(gid) in downloads:
        items.append(f"[Forberedelsen]({urls.md_link(cur, urls.preparation_pdf(gid))}) "
                     f"(PDF, {fmt.file_size(downloads[urls.preparation_pdf(gid)])})")
    seen: set[str] = set()
    for tid in [*g.preparation, *g.between_work]:
        rel = urls.worksheet_docx(tid)
        if tid in seen or rel not in downloads:
            continue
        seen.add(tid)
        items.append(f"[Arbeidsark: {fmt.inline(version.tasks[tid].title)}]({urls.md_link(cur, rel)}) "
                     f"(Word-dokument, DOCX, {fmt.file_size(downloads[rel])})")
    topic = cards_topic(version, all_questions(g))
    if topic:
        href = urls.html_link(cur, urls.CARDS) + "?tema=" + topic
        items.append(f'<a href="{fmt.attr(href)}">Dialogkort med spørsmålene til samlingen</a> (til utskrift)')
    if gathering_has_kit(g):
        items.append(f'<a href="{fmt.attr(urls.html_link(cur, urls.gathering_running_order(gid)))}">'
                     "Kjøreplan</a> (til utskrift, A4)")
    if g.when.is_day_precise():
        items.append(f'<a href="{urls.CALENDAR}" download>Kalenderfil for samlingen</a> '
                     "(ICS, for Outlook, Google Kalender og andre)")
    if not items:
        return ""
    return "\n".join(["## Last ned {#last-ned}", "", *(f"- {i}" for i in items), ""])


def pack_kit(version: Version, pid: str) -> str:
    """On a theme pack's page: links to its running order and presentation when its data has them
    (the page says which parts are not published yet with `pack_missing`)."""
    pack = version.packs[pid]
    cur = urls.pack(pid)
    links = []
    if pack_has_running_order(pack):
        links.append((urls.html_link(cur, urls.pack_running_order(pid)), "Kjøreplan til utskrift"))
    if pack_has_presentation(pack):
        links.append((urls.html_link(cur, urls.pack_presentation(pid)), "Presentasjon"))
    return _kit_nav("Til deg som leder møtet", links) + "\n" if links else ""


#: The parts of a theme pack an editor can add as data (`bruk`), as the reader calls them.
PACK_PARTS = ("presentasjonen", "kjøreplanen", "refleksjonsspørsmålene")


def pack_missing_parts(pack: ThemePack) -> list[str]:
    """The parts of a theme pack its data does not have yet: the presentation (its slides), the
    running order and the reflection questions of the participants' preparation."""
    use = pack.use
    have = {
        "presentasjonen": bool(use and use.slides),
        "kjøreplanen": bool(use and use.running_order),
        "refleksjonsspørsmålene": bool(use and use.preparation_questions),
    }
    return [part for part in PACK_PARTS if not have[part]]


def pack_missing(version: Version, pid: str) -> str:
    """A box that says which parts of the pack are not published on this site yet, and whom to ask:
    the programme's contact in program.yml (with an e-mail link when it has one), or its owners.
    Empty when the pack has every part."""
    missing = pack_missing_parts(version.packs[pid])
    if not missing:
        return ""
    parts = and_list(missing)
    contact = _contact(version)
    owners = and_list([fmt.plain(o) for o in version.programme.owners])
    if contact:
        ask = f"Vil du vite mer om materialet, kontakt {contact}."
    else:
        ask = f"Vil du vite mer om materialet, kontakt {owners}, som eier programmet." if owners else ""
    return ('<div class="kfs-kit-missing" id="ikke-publisert">'
            '<p class="kfs-kit-missing__title"><strong>Ikke publisert her ennå</strong></p>'
            f"<p>{fmt.capitalize(parts)} til denne pakken er ikke publisert på dette nettstedet ennå.</p>"
            + (f"<p>{ask}</p>" if ask else "") + "</div>\n")
