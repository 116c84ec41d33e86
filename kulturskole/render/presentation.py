"""The facilitator's running order («Kjøreplan») and presentation («Presentasjon»), from the data.

- A running order is an ordinary page made to be printed on one or two A4 sheets: time, step, what
  happens, who (when the data says) and the questions, for a gathering's agenda or a theme pack's
  running order.
- A presentation is every screen on one page, one `<section>` each, with an anchor per screen
  (`#skjerm-3`): a title screen, the agenda, then one agenda item, slide or dialogue question per
  screen. The page template (theme_overrides/presentation.html) has no header or menu, and
  kfs-present.js shows one screen at a time. Without JavaScript the screens follow one another as a
  readable page; nothing is fetched, so the page works offline and from a file.

The question bank's presentation holds every question of the version; each screen carries the
question's topic, phases and audiences as the question bank does, so the filter in the address
(`?tema=…&fase=…&malgruppe=…`) selects the same questions there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import urls
from ..model.labels import kind_label
from ..model.schema import Gathering, Question, ThemePack
from ..model.structure import pack_has_running_order
from ..model.version import Version
from . import format as fmt
from . import kit, markup
from .markup import Row
from .questionbank import FILTERS, _data_attrs, _inline_html, filter_options
from .sources import PageSources, heading_anchor

# ---------------------------------------------------------------- running orders

#: A running order is wrapped in one element, so its styles (kit-runsheet.css) touch nothing else.
RUNSHEET_OPEN = '<div class="kfs-runsheet" markdown="1">'


def _cell_list(items: Sequence[str], ordered: bool = False) -> str:
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _labelled(label: str, html: str) -> str:
    """A cell's content with its column's name in front, shown only where the table is read as a
    list (a phone, kit-runsheet.css); empty stays empty."""
    return f'<span class="kfs-runsheet__label">{label}:</span>{html}' if html else ""


def _question_html(version: Version, qid: str) -> str:
    q = version.questions[qid]
    text = _inline_html(q.text)
    return f'<span lang="nn">{text}</span>' if q.language == "nn" else text


def _runsheet_actions(current: str, back: str, back_label: str, presentation: str | None) -> str:
    """Print button (shown by kfs-invite.js), presentation and the way back; not printed."""
    links = []
    if presentation:
        links.append(f'<a class="md-button" href="{fmt.attr(urls.html_link(current, presentation))}">Presentasjon</a>')
    links.append(f'<a href="{fmt.attr(urls.html_link(current, back))}">{back_label}</a>')
    return ('<p class="kfs-runsheet__actions kfs-screen-only">'
            '<button type="button" class="md-button md-button--primary" data-kfs-print-page hidden>Skriv ut</button> '
            + " ".join(links) + "</p>")


def _print_address(site_root: str, version: Version, src: str) -> str:
    address = kit.absolute(site_root, version.name, urls.url_of(src))
    return f'<p class="kfs-runsheet__address">Kjøreplanen på nett: {kit.breakable(address)}</p>'


def gathering_running_order(version: Version, gid: str, site_root: str = "/") -> str:
    """A gathering's running order: its agenda day by day, or its contents and questions."""
    g = version.gatherings[gid]
    cur = urls.gathering_running_order(gid)
    meta = [kit.when_text(g)]
    if g.duration_minutes and not g.time:
        meta.append(fmt.duration(g.duration_minutes))
    if g.mode:
        meta.append(g.mode.capitalize())
    meta.append(kind_label(g.kind))
    sources = PageSources(version)
    title = f"Kjøreplan: {fmt.inline(g.title)}"
    top = heading_anchor(f"Kjøreplan: {g.title}")
    sources.cite(g.source, title, top)
    for qid in kit.all_questions(g):
        sources.cite_item(version.questions[qid], title, top)
    parts = [RUNSHEET_OPEN, "", f"# {title} {{#{top}}}", "",
             " · ".join(fmt.inline(m) for m in meta), "{: .kfs-runsheet__meta }", "",
             _runsheet_actions(cur, urls.gathering(gid), "Til samlingen", urls.gathering_presentation(gid)), ""]
    if g.agenda:
        show_who = kit.has_who(g)
        show_points = any(kit.item_points(version, i) for d in g.agenda for i in d.items)
        show_questions = bool(kit.placed_questions(g))
        columns = ["Tid", "Steg"] + (["Hva skjer"] if show_points else []) + (["Hvem"] if show_who else []) \
            + (["Spørsmål"] if show_questions else [])
        for day in g.agenda:
            rows = []
            for item in day.items:
                cells = [kit.clock(item), fmt.plain(item.title)]
                if show_points:
                    cells.append(_labelled("Hva skjer", _cell_list([fmt.plain(p) for p in kit.item_points(version, item)])))
                if show_who:
                    cells.append(_labelled("Hvem", fmt.plain(item.who)))
                if show_questions:
                    cells.append(_labelled("Spørsmål", _cell_list([_question_html(version, q) for q in item.questions])))
                rows.append(Row(cells, header=0))
            caption = fmt.plain(day.title) if len(g.agenda) > 1 else "Programmet"
            parts += [markup.table(caption, columns, rows, label=f"Kjøreplan, {caption.lower()}"), ""]
    else:
        parts += ["Programmet med klokkeslett er ikke publisert for denne samlingen. "
                  "Her er innholdet og spørsmålene.", "{: .kfs-runsheet__note }", ""]
        if g.contents:
            parts += ["## Innhold", "", "\n".join(f"- {fmt.inline(c)}" for c in g.contents), ""]
    rest = kit.unplaced_questions(g)
    if rest:
        heading = "Andre spørsmål til samlingen" if g.agenda and kit.placed_questions(g) else "Spørsmål til samlingen"
        parts += [f"## {heading}", "", _cell_list([_question_html(version, q) for q in rest], ordered=True), ""]
    tasks = [("Før samlingen", g.preparation), ("Etter samlingen", g.between_work)]
    lines = [f"**{label}:** " + "; ".join(fmt.inline(version.tasks[t].title) for t in ids) + "."
             for label, ids in tasks if ids]
    if lines:
        parts += ["## Før og etter", "", "\n\n".join(lines), ""]
    parts += [_print_address(site_root, version, cur), "", *sources.section(places=False), "</div>"]
    return "\n".join(parts) + "\n"


def _minutes(start: int, length: int) -> str:
    return f"{start}–{start + length} min"


def pack_running_order(version: Version, pid: str, site_root: str = "/") -> str:
    """A theme pack's running order: each step with its minutes, what happens and its slides."""
    pack = version.packs[pid]
    use = pack.use
    assert use is not None and use.running_order  # the page exists only then (model.structure)
    cur = urls.pack_running_order(pid)
    total = sum(s.minutes for s in use.running_order)
    sources = PageSources(version)
    title = f"Kjøreplan: {fmt.inline(pack.title)}"
    top = heading_anchor(f"Kjøreplan: {pack.title}")
    sources.cite_item(pack, title, top)
    for qid in pack.questions:
        sources.cite_item(version.questions[qid], title, top)
    parts = [RUNSHEET_OPEN, "", f"# {title} {{#{top}}}", "",
             f"Temapakke {pack.number} · {fmt.duration(total)} i alt", "{: .kfs-runsheet__meta }", "",
             _runsheet_actions(cur, urls.pack(pid), "Til temapakken", urls.pack_presentation(pid)), ""]
    slides_of: dict[int, list[str]] = {}
    for n, slide in enumerate(use.slides, start=1):
        if slide.step is not None:
            slides_of.setdefault(slide.step, []).append(f"{n}. {fmt.plain(slide.title)}")
    show_description = any(s.description for s in use.running_order)
    columns = ["Tid", "Steg"] + (["Hva skjer"] if show_description else []) + (["Lysbilder"] if slides_of else [])
    rows, start = [], 0
    for number, step in enumerate(use.running_order, start=1):
        cells = [_minutes(start, step.minutes), f"{number}. {fmt.plain(step.title)}"]
        if show_description:
            cells.append(_labelled("Hva skjer", fmt.html_block(step.description) if step.description else ""))
        if slides_of:
            cells.append(_labelled("Lysbilder", _cell_list(slides_of.get(number, []))))
        rows.append(Row(cells))
        start += step.minutes
    parts += [markup.table(f"Kjøreplan, {total} minutter", columns, rows, label="Kjøreplan"), ""]
    if pack.questions:
        parts += ["## Spørsmål til samtalen", "",
                  _cell_list([_question_html(version, q) for q in pack.questions], ordered=True), ""]
    parts += [_print_address(site_root, version, cur), "", *sources.section(places=False), "</div>"]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- presentations


@dataclass(frozen=True)
class Screen:
    heading: str          # HTML (inline)
    body: str = ""        # HTML
    kicker: str = ""      # HTML: the small line above the heading
    kind: str = "tekst"   # tittel, program, punkt, innhold, sporsmal, lysbilde, steg, tekst
    attrs: str = ""       # extra attributes (the question filter's data attributes)
    lang: str = ""        # "nn" for a heading in nynorsk


def _screens_html(screens: Sequence[Screen]) -> str:
    out = []
    for n, s in enumerate(screens, start=1):
        sid = urls.SCREEN.format(n=n)
        level = 1 if n == 1 else 2
        lang = f' lang="{s.lang}"' if s.lang else ""
        kicker = f'<p class="kfs-screen__kicker">{s.kicker}</p>' if s.kicker else ""
        attrs = f" {s.attrs}" if s.attrs else ""
        out.append(
            f'<section class="kfs-screen kfs-screen--{s.kind}" id="{sid}" data-kfs-screen tabindex="-1" '
            f'aria-labelledby="{sid}-tittel"{attrs}>'
            f'{kicker}<h{level} class="kfs-screen__heading" id="{sid}-tittel"{lang}>{s.heading}</h{level}>'
            f"{s.body}</section>")
    return "\n".join(out)


def presentation_page(title: str, screens: Sequence[Screen], back: tuple[str, str],
                      running_order: str = "", filters: dict | None = None) -> str:
    """The presentation: a bar with the way back, every screen, the controls (shown by the script)
    and the live region that says which screen shows. `back` is (href, label)."""
    links = [f'<a class="kfs-present__back" href="{fmt.attr(back[0])}">{back[1]}</a>']
    if running_order:
        links.append(f'<a href="{fmt.attr(running_order)}">Kjøreplan</a>')
    data = f' data-kfs-filters="{fmt.attr(json.dumps(filters, ensure_ascii=False))}"' if filters else ""
    controls = (
        '<div class="kfs-present__controls" data-kfs-controls hidden>'
        '<button type="button" class="kfs-present__button" data-kfs-prev>'
        '<span aria-hidden="true">←</span> Forrige</button>'
        '<p class="kfs-present__count" data-kfs-count></p>'
        '<label class="kfs-visually-hidden" for="kfs-skjermvalg">Gå til skjerm</label>'
        '<select id="kfs-skjermvalg" class="kfs-present__goto" data-kfs-goto></select>'
        '<button type="button" class="kfs-present__button" data-kfs-fullscreen hidden>'
        "Fullskjerm</button>"
        '<button type="button" class="kfs-present__button kfs-present__button--next" data-kfs-next>'
        'Neste <span aria-hidden="true">→</span></button>'
        "</div>"
    )
    return (
        f'<div class="kfs-present" data-kfs-present{data}>\n'
        f'<nav class="kfs-present__bar" aria-label="Presentasjonen"><p class="kfs-present__title">{fmt.plain(title)}</p>'
        f'<p class="kfs-present__links">{" ".join(links)}</p></nav>\n'
        '<p class="kfs-present__help" data-kfs-help hidden>Bla med piltastene, mellomrom, Page Up og Page Down, '
        "eller sveip. Knappene står nederst.</p>\n"
        f'<div class="kfs-present__screens" id="presentasjon">\n{_screens_html(screens)}\n</div>\n'
        f"{controls}\n"
        '<p class="kfs-visually-hidden" role="status" aria-live="polite" data-kfs-live></p>\n'
        "</div>\n"
    )


def _agenda_row(time: str, what: str) -> str:
    return f'<li><span class="kfs-screen__time">{time}</span> <span class="kfs-screen__what">{what}</span></li>'


#: An agenda longer than this (characters of HTML) is set smaller, so that it fits on one screen.
LONG_AGENDA = 700


def _agenda(rows: Sequence[str], wide: bool = False) -> str:
    """The agenda screen's list: the time (or step) in a column of its own, then what happens."""
    classes = ["kfs-screen__agenda"] + (["kfs-screen__agenda--wide"] if wide else []) \
        + (["kfs-screen__agenda--long"] if sum(len(r) for r in rows) > LONG_AGENDA else []) \
        + (["kfs-screen__agenda--columns"] if len(rows) > 6 else [])
    return f'<ol class="{" ".join(classes)}">{"".join(rows)}</ol>'


def _question_screen(version: Version, q: Question, kicker: str, attrs: str = "") -> Screen:
    return Screen(_inline_html(q.text), kicker=kicker, kind="sporsmal", attrs=attrs,
                  lang="nn" if q.language == "nn" else "")


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _programme_line(version: Version) -> str:
    p = version.programme
    return f"{fmt.plain(p.title)} · {fmt.plain(p.version_title)}"


def _gathering_screens(version: Version, gid: str, g: Gathering) -> list[Screen]:
    facts = [kit.when_text(g)]
    if g.mode:
        facts.append(g.mode.capitalize())
    screens = [Screen(fmt.plain(g.title), body=f'<p class="kfs-screen__lead">{fmt.plain(" · ".join(facts))}</p>',
                      kicker=_programme_line(version), kind="tittel")]
    # Screen numbers are known once the agenda screens are counted: the title, one per day, then items.
    number = 1 + len(g.agenda) + (1 if not g.agenda and g.contents else 0)
    item_screens: list[list[Screen]] = []
    targets: list[list[int]] = []
    for day in g.agenda:
        day_targets = []
        day_screens = []
        for item in day.items:
            number += 1
            day_targets.append(number)
            when = f"{fmt.plain(day.title)} · kl. {kit.clock(item)}" if len(g.agenda) > 1 else f"Kl. {kit.clock(item)}"
            body = _list([fmt.plain(p) for p in kit.item_points(version, item)])
            if item.who:
                body += f'<p class="kfs-screen__who">Ansvarlig: {fmt.plain(item.who)}</p>'
            day_screens.append(Screen(fmt.plain(item.title), body=body, kicker=when, kind="punkt"))
            for qid in item.questions:
                number += 1
                day_screens.append(_question_screen(version, version.questions[qid], f"Dialogspørsmål · {when}"))
        item_screens.append(day_screens)
        targets.append(day_targets)
    ranges = any(item.end for day in g.agenda for item in day.items)
    for day, day_targets in zip(g.agenda, targets):
        rows = [_agenda_row(kit.clock(item), f'<a href="#{urls.SCREEN.format(n=n)}">{fmt.plain(item.title)}</a>')
                for item, n in zip(day.items, day_targets)]
        heading = fmt.plain(day.title) if len(g.agenda) > 1 else "Program"
        screens.append(Screen(heading, body=_agenda(rows, wide=ranges), kicker="Program", kind="program"))
    if not g.agenda and g.contents:
        # Without an agenda, the contents are the order of the day: a list, then one screen each.
        first = len(screens) + 2
        rows = [_agenda_row(f"{i}.", f'<a href="#{urls.SCREEN.format(n=first + i - 1)}">{_inline_html(c)}</a>')
                for i, c in enumerate(g.contents, start=1)]
        screens.append(Screen("Innhold", body=_agenda(rows), kicker=fmt.plain(g.title), kind="program"))
        for i, c in enumerate(g.contents, start=1):
            screens.append(Screen(_inline_html(c), kicker=f"Innhold {i} av {len(g.contents)}", kind="innhold"))
    for day_screens in item_screens:
        screens += day_screens
    rest = kit.unplaced_questions(g)
    for i, qid in enumerate(rest, start=1):
        screens.append(_question_screen(version, version.questions[qid], f"Dialogspørsmål {i} av {len(rest)}"))
    if g.between_work:
        screens.append(Screen("Mellomarbeid", kicker="Etter samlingen", kind="tekst",
                              body=_list([fmt.plain(version.tasks[t].title) for t in g.between_work])))
    return screens


def gathering_presentation(version: Version, gid: str) -> str:
    g = version.gatherings[gid]
    cur = urls.gathering_presentation(gid)
    return presentation_page(
        f"{g.title}", _gathering_screens(version, gid, g),
        (urls.html_link(cur, urls.gathering(gid)), f"Til {fmt.plain(g.title)}"),
        running_order=urls.html_link(cur, urls.gathering_running_order(gid)))


def _pack_screens(version: Version, pack: ThemePack) -> list[Screen]:
    use = pack.use
    assert use is not None
    screens = [Screen(fmt.plain(pack.title), body=fmt.html_block(pack.summary), kicker=f"Temapakke {pack.number}",
                      kind="tittel")]
    steps = use.running_order
    first_screen: dict[int, int] = {}  # step number → its first screen
    body_screens: list[Screen] = []
    start = 2 + (1 if steps else 0)
    if use.slides:
        for n, slide in enumerate(use.slides, start=1):
            kicker = f"Lysbilde {n} av {len(use.slides)}"
            if slide.step is not None:
                kicker = f"Steg {slide.step}: {fmt.plain(steps[slide.step - 1].title)} · " + kicker
                first_screen.setdefault(slide.step, start + len(body_screens))
            body_screens.append(Screen(fmt.plain(slide.title), body=_list([_inline_html(k) for k in slide.keywords]),
                                       kicker=kicker, kind="lysbilde"))
    else:
        for n, step in enumerate(steps, start=1):
            first_screen[n] = start + len(body_screens)
            body = fmt.html_block(step.description) if step.description else ""
            body_screens.append(Screen(fmt.plain(step.title), body=body, kind="steg",
                                       kicker=f"Steg {n} av {len(steps)} · {fmt.duration(step.minutes)}"))
    if steps:
        rows = []
        for n, step in enumerate(steps, start=1):
            title = fmt.plain(step.title)
            if n in first_screen:
                title = f'<a href="#{urls.SCREEN.format(n=first_screen[n])}">{title}</a>'
            rows.append(_agenda_row(f"{n}.", f'{title} <span class="kfs-screen__minutes">'
                                             f"({fmt.duration(step.minutes)})</span>"))
        screens.append(Screen("Kjøreplan", body=_agenda(rows),
                              kicker=f"{fmt.duration(sum(s.minutes for s in steps))} i alt", kind="program"))
    screens += body_screens
    for i, qid in enumerate(pack.questions, start=1):
        screens.append(_question_screen(version, version.questions[qid], f"Dialogspørsmål {i} av {len(pack.questions)}"))
    return screens


def pack_presentation(version: Version, pid: str) -> str:
    pack = version.packs[pid]
    cur = urls.pack_presentation(pid)
    return presentation_page(
        f"Temapakke {pack.number}: {pack.title}", _pack_screens(version, pack),
        (urls.html_link(cur, urls.pack(pid)), "Til temapakken"),
        running_order=urls.html_link(cur, urls.pack_running_order(pid)) if pack_has_running_order(pack) else "")


def questions_presentation(version: Version) -> str:
    """Every question of the version, one per screen; the address's filter selects (kfs-present.js)."""
    cur = urls.QUESTIONS_PRESENTATION
    total = len(version.questions)
    bank = urls.html_link(cur, urls.QUESTIONS)
    title = Screen(
        "Dialogspørsmål", kind="tittel", kicker=f"Spørsmålsbank · {fmt.plain(version.programme.version_title)}",
        body=(f'<p class="kfs-screen__lead" data-kfs-selection>Alle {total} spørsmålene i spørsmålsbanken.</p>'
              f'<p class="kfs-screen__note">Velg tema, fase eller målgruppe i <a href="{fmt.attr(bank)}">spørsmålsbanken</a>, '
              "og trykk «Vis som presentasjon». Da viser presentasjonen bare de spørsmålene du har valgt.</p>"))
    screens = [title]
    for topic in version.topics.values():
        for q in topic.questions:
            screens.append(_question_screen(version, q, fmt.plain(topic.topic),
                                            attrs=f'data-kfs-question="{fmt.attr(q.id)}" {_data_attrs(version, q)}'))
    options = filter_options(version)
    filters = {name: {"label": label, "values": {o.value: o.label for o in options[name]}}
               for name, label, _ in FILTERS}
    return presentation_page("Dialogspørsmål", screens, (bank, "Til spørsmålsbanken"), filters=filters)
