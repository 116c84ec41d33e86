"""Markdown for every page of a version, from validated data.

Each function takes the version and returns the page's Markdown, starting with its one `# heading`.
Nothing here knows about MkDocs: the site layer decides where the pages go and calls these.
Anchors of questions, tasks, terms and FAQ entries are their ids, so links to them last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import urls
from ..model.facts import fact_sources, used_facts
from ..model.labels import MODE_LABELS, RESOURCE_LABELS, TASK_KIND_LABELS, WHO_LABELS, kind_label
from ..model.schema import AgendaItem, FaqEntry, Gathering, Task, Worksheet
from ..model.structure import pack_has_presentation
from ..model.version import Version
from . import format as fmt
from . import kit, markup
from .figures import phase_figure, timeline_figure
from .markup import Row
from .sources import PageSources, editorial_remark, heading_anchor, marked, unique_anchor


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p is not None) + "\n"


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {fmt.inline(i)}" for i in items)


def _paragraphs(items: Iterable[str]) -> str:
    return "\n\n".join(fmt.text(i) for i in items)


def _fact_sources(version: Version, item: object) -> list[str]:
    """The sources of the programme facts ([[name]]) the text of `item` uses."""
    return [s for name in used_facts(item) for s in fact_sources(version, name)]


_anchor = heading_anchor


# ---------------------------------------------------------------- building blocks shared by pages

def _prev_next(current: str, items: dict, key: str, page_of, prev_label: str, next_label: str) -> list[str]:
    """Links to the item before and after `key` in `items` (which is in reading order)."""
    ids = list(items)
    i = ids.index(key)
    nav = []
    if i > 0:
        nav.append(f"{prev_label}: [{fmt.inline(items[ids[i - 1]].title)}]({urls.md_link(current, page_of(ids[i - 1]))})")
    if i + 1 < len(ids):
        nav.append(f"{next_label}: [{fmt.inline(items[ids[i + 1]].title)}]({urls.md_link(current, page_of(ids[i + 1]))})")
    return nav


def old_anchors(version: Version, kind: str, new_id: str) -> str:
    """Empty targets for ids this thing had before (omdirigeringer.yml), so old links still land here."""
    return "".join(f'<div id="{fmt.attr(old)}" class="kfs-alias"></div>\n\n' for old in version.old_ids(kind, new_id))


def question_list(version: Version, current: str, ids: list[str], sources: PageSources | None = None,
                  place: tuple[str, str] | None = None) -> str:
    """Questions referred to from another page: text, linked to their place in the question bank.
    With `sources`, the questions' sources are cited at `place` (title, anchor)."""
    if sources is not None and place is not None:
        for q in ids:
            sources.cite_item(version.questions[q], *place)
    return "\n".join(
        f"- {fmt.inline(version.questions[q].text)} "
        f"[Lenke til spørsmålet]({urls.md_link(current, urls.QUESTIONS, q)}){{: .kfs-permalink }}"
        if version.questions[q].language == "nb" else
        f'- <span lang="nn">{fmt.inline(version.questions[q].text)}</span> '
        f"[Lenke til spørsmålet]({urls.md_link(current, urls.QUESTIONS, q)}){{: .kfs-permalink }}"
        for q in ids
    ) + "\n"


def resource_list(version: Version, current: str, ids: list[str], sources: PageSources | None = None,
                  place: tuple[str, str] | None = None) -> str:
    """Resources referred to from another page; with `sources`, their sources cited at `place`."""
    lines = []
    for rid in ids:
        r = version.resources[rid]
        if sources is not None and place is not None:
            sources.cite_item(r, *place)
        label = RESOURCE_LABELS[r.kind]
        title = f"[{fmt.inline(r.title)}]({r.url})" if r.url else f"«{fmt.inline(r.title)}»"
        extra = ", ".join(str(x) for x in (r.publisher, r.year) if x)
        lines.append(f"- {title} ({label.lower()}{', ' + fmt.inline(extra) if extra else ''})")
    return "\n".join(lines) + "\n"


def task_block(version: Version, current: str, task: Task, level: int = 3, anchor: bool = True,
               downloads: dict[str, int] | None = None, sources: PageSources | None = None) -> str:
    """A preparation or mellomarbeid task. With `sources`, its source is cited at its anchor (a task
    shown a second time on a page, without its anchor, is cited where it stands first)."""
    head = "#" * level
    if sources is not None and anchor:
        sources.cite(task.source, fmt.inline(task.title), task.id)
    anchor_attr = f" {{#{task.id}}}" if anchor else ""
    facts = [f"**{TASK_KIND_LABELS[task.kind]}**", WHO_LABELS[task.who]]
    if task.minutes:
        facts.append(f"ca. {fmt.duration(task.minutes)}")
    parts = [f"{head} {fmt.inline(task.title)}{anchor_attr}", "", " · ".join(facts), "{: .kfs-meta }", ""]
    if task.description:
        parts += [_paragraphs(task.description), ""]
    if task.worksheet:
        parts += [worksheet(task.worksheet), ""]
        if downloads and urls.worksheet_docx(task.id) in downloads:
            parts += [download_link(current, urls.worksheet_docx(task.id), "Last ned arbeidsarket",
                                    "Word-dokument, DOCX", downloads), ""]
    place = (fmt.inline(task.title), task.id) if anchor else None
    if task.questions:
        parts += ["Spørsmål å arbeide med:", "", question_list(version, current, task.questions, sources, place)]
    if task.resources:
        parts += ["Ressurser:", "", resource_list(version, current, task.resources, sources, place)]
    if task.delivery:
        parts += [f"**Levering:** {fmt.inline(task.delivery)}", ""]
    if task.phases:
        remark = (" " + editorial_remark("Fasen er redaksjonens forslag.")) if task.is_editorial("faser") else ""
        parts += ["Fase: " + ", ".join(
            f"[{fmt.inline(version.phases[p].title)}]({urls.md_link(current, urls.phase(p))})" for p in task.phases)
            + remark, ""]
    return _join(parts)


def worksheet(ws: Worksheet) -> str:
    """The worksheet as a table with a caption and header scopes; cells keep their Markdown."""
    rows = [Row([str(row.number), fmt.html_block(row.content), fmt.html_block(row.explanation)]) for row in ws.rows]
    table = markup.table(fmt.plain(ws.title), [fmt.plain(c) for c in ws.columns], rows) + "\n"
    intro = _paragraphs(ws.intro)
    return f"{intro}\n\n{table}" if intro else table


def download_link(current: str, rel: str, label: str, kind: str, downloads: dict[str, int]) -> str:
    """A link to a file built with the site, with its format and size: «… (PDF, 180 kB)»."""
    return (f"[{label}]({urls.md_link(current, rel)}) ({kind}, {fmt.file_size(downloads[rel])})\n"
            "{: .kfs-download }")


def preparation_page(version: Version, gid: str) -> str:
    """One gathering's preparation on its own (the PDF download): date, then each task."""
    g = version.gatherings[gid]
    cur = urls.gathering(gid)
    sources = PageSources(version)
    title = f"Forberedelse til {fmt.inline(g.title)}"
    anchor = _anchor(title)
    sources.cite(g.source, title, anchor)
    parts = [f"# {title} {{#{anchor}}}", "",
             f"**Når:** {fmt.gathering_when(g, weekday=True)}" + (f" · {fmt.inline(g.mode.capitalize())}" if g.mode else ""),
             "", "Dette gjør deltakerne før samlingen.", ""]
    for tid in g.preparation:
        parts.append(task_block(version, cur, version.tasks[tid], level=2, sources=sources))
    parts += sources.section()
    return _join(parts)


# ---------------------------------------------------------------- the pages

def start_page(version: Version, today: dt.date) -> str:
    """The start page by task: what happens next and how to prepare, the ways in, then the programme
    in short. The first two fit on a phone's first screen (tests/test_readers.py)."""
    p = version.programme
    cur = urls.START
    sources = PageSources(version)
    parts = [f"# {fmt.inline(p.title)}", ""]
    lead = [fmt.inline(p.subtitle)] if p.subtitle else []
    lead.append(fmt.capitalize(fmt.period(p.period)))
    parts += [" · ".join(lead), "{: .kfs-lead }", ""]
    if p.status == "utkast":
        parts += ['!!! warning "Utkast"', "    Denne versjonen er et utkast og kan endre seg.", ""]
    now, short = "Hvor er vi nå?", "Programmet kort fortalt"
    parts += ['<div class="kfs-now" markdown="1">', "", f"## {now} {{#{_anchor(now)}}}", "",
              status_text(version, today, cur, sources, (now, _anchor(now))), "", "</div>", ""]
    parts += ["## Finn fram", "", _entry_links(version, cur), ""]
    parts += [f"## {short} {{#{_anchor(short)}}}", ""]
    place = (short, _anchor(short))
    if p.intro:
        parts += [fmt.text(p.intro), ""]
        sources.cite(p.field_source("innledning"), *place)
    facts = [f"**Periode:** {fmt.capitalize(fmt.period(p.period))}"]
    sources.cite(p.period.source, *place)
    if p.organisation and p.organisation.semesters:
        facts.append(f"**Varighet:** {fmt.number(p.organisation.semesters)} semestre")
        sources.cite(p.organisation.source, *place)
    counts: dict[str, int] = {}
    for g in version.gatherings.values():
        counts[g.kind] = counts.get(g.kind, 0) + 1
    if counts.get("fellessamling"):
        facts.append(f"**Fellessamlinger i tidsplanen:** {counts['fellessamling']}")
        sources.cite(fact_sources(version, "antall_fellessamlinger"), *place)
    if p.costs:
        facts.append(f"**Deltakeravgift:** {fmt.kroner(p.costs.fee)} per kommune for hele perioden")
        sources.cite(p.costs.source, *place)
    if p.application_deadline:
        facts.append(f"**Søknadsfrist:** {fmt.day(p.application_deadline)}")
        sources.cite(fact_sources(version, "søknadsfrist"), *place)
    parts += ["\n".join(f"- {f}" for f in facts), ""]
    parts += [f"[Les mer om programmet: formål, mål og forpliktelser]({urls.md_link(cur, urls.PROGRAMME)})", ""]
    parts += sources.section()
    return _join(parts)


def _entry_links(version: Version, current: str) -> str:
    """The ways into the material as cards: the four a group preparing for a gathering needs, then the rest."""
    main = [
        ("Tidsplan og samlinger", urls.SCHEDULE, "Alle samlinger med dato og form"),
        ("Forberedelser og mellomarbeid", urls.TASKS, "Oppgavene før og mellom samlingene"),
    ]
    if version.packs:
        # «Opplegg» only when a pack's presentation or running order is here to use; else what they are.
        usable = any(pack_has_presentation(pack) for pack in version.packs.values())
        main.append(("Temapakker", urls.PACKS,
                     "Opplegg til møter i kommunen" if usable else "Hva pakkene er, og hva hver handler om"))
    main.append(("Spørsmålsbank", urls.QUESTIONS, "Dialogspørsmål, også som kort til utskrift"))
    more = [("Om programmet", urls.PROGRAMME), ("Fasemodellen", urls.PHASES)]
    if version.faq:
        more.append(("Spørsmål og svar", urls.FAQ))
    if version.glossary:
        more.append(("Ordliste", urls.GLOSSARY))
    cards = "".join(
        f'<li><a class="kfs-entry" href="{urls.html_link(current, target)}">'
        f'<span class="kfs-entry__title">{title}</span> <span class="kfs-entry__text">{text}</span></a></li>'
        for title, target, text in main)
    links = "".join(f'<li><a href="{urls.html_link(current, target)}">{title}</a></li>' for title, target in more)
    return (f'<ul class="kfs-entries">{cards}</ul>\n'
            f'<ul class="kfs-entries-more" aria-label="Flere sider">{links}</ul>\n')


def status_text(version: Version, today: dt.date, current: str, sources: PageSources | None = None,
                place: tuple[str, str] | None = None) -> str:
    """Where the programme is on `today`: before, during or after, and how to prepare for what is next.
    With `sources`, the source of the gathering it names is cited at `place` (title, anchor)."""
    items = list(version.gatherings.items())
    if not items:
        return "Tidsplanen er ikke klar ennå."
    last = max(g.when.last_day() for _, g in items)
    if today > last:
        # Theme packs count as material to use only when their presentation or running order is here.
        usable_packs = any(pack_has_presentation(pack) for pack in version.packs.values())
        material = [name for name, present in (("temapakkene", usable_packs), ("spørsmålene", version.questions),
                                               ("oppgavene", version.tasks)) if present]
        which = f": {', '.join(material[:-1])} og {material[-1]}" if len(material) > 1 else \
            (f": {material[0]}" if material else "")
        # The period, not the last row of the schedule: a last activity may only have been planned.
        period = fmt.period(version.programme.period)
        return (f"Programperioden er over. Den varte {period}. "
                f"Materialet fra perioden ligger her, og kan fortsatt brukes{which}. "
                f"[Se hele tidsplanen]({urls.md_link(current, urls.SCHEDULE)}).")
    upcoming = version.next_gathering(today)
    assert upcoming is not None  # the last gathering has not ended (above)
    gid, g = upcoming
    if sources is not None and place is not None:
        sources.cite(g.source, *place)
    label = "Nå" if g.when.first_day() <= today else "Neste"
    lines = [f"**{label}:** [{fmt.inline(g.title)}]({urls.md_link(current, urls.gathering(gid))}), "
             f"{fmt.gathering_when(g)}" + (f" ({g.mode})" if g.mode else "") + ".", ""]
    prepare = _what_to_prepare(version, today, gid)
    if prepare:
        text, target, anchor = prepare
        lines += [f"[{text}]({urls.md_link(current, target, anchor)}){{: .kfs-prepare }}", ""]
    lines.append(f"Tidsplanen per {fmt.day(today)}.\n{{: .kfs-meta }}")
    return "\n".join(lines)


def _what_to_prepare(version: Version, today: dt.date, gid: str) -> tuple[str, str, str] | None:
    """The link «Forbered deg» on the start page: the next gathering's preparation; without one, the
    between-work (mellomarbeid) of the last gathering that has ended, which runs until the next."""
    g = version.gatherings[gid]
    if g.preparation:
        return f"Forbered deg til {_short_name(g)}", urls.gathering(gid), "forberedelse"
    ended = [(k, x) for k, x in version.gatherings.items() if x.when.last_day() < today and x.between_work]
    if ended:
        k, x = ended[-1]
        return f"Forbered deg: mellomarbeidet etter {_short_name(x)}", urls.gathering(k), "mellomarbeid"
    return None


def _short_name(g: Gathering) -> str:
    """«Fellessamling 1» for a numbered gathering (its title may go on: «…: oppstart av …»), else the title."""
    return f"{kind_label(g.kind)} {g.number}" if g.number else fmt.inline(g.title)


def programme_page(version: Version, downloads: dict[str, int] | None = None) -> str:
    """«Om programmet» for the reader: the practical facts in one block, purpose and goals, then the
    details (PROGRAMME_SECTIONS, in page order), and every source and note at the end."""
    page = _ProgrammePage(version, downloads=downloads or {})
    parts = ["# Om programmet", ""]
    for section in PROGRAMME_SECTIONS:
        parts += section(page)
    return _join(parts)


@dataclass
class _ProgrammePage:
    """What the sections of «Om programmet» share: the heading level they are written at (a section
    in a group is one level down) and the page's sources (which sections use which source, and the
    notes about the sources), all shown once in «Kilder» at the end instead of a line under every
    section."""

    version: Version
    level: int = 2
    ids: set[str] = field(default_factory=set)
    downloads: dict[str, int] = field(default_factory=dict)  # the contract beside the obligations
    sources: PageSources = field(init=False)

    def __post_init__(self) -> None:
        self.sources = PageSources(self.version)

    def heading(self, title: str, anchor: str = "", source: str | list[str] | None = None) -> str:
        """A section heading with a fixed anchor (the one the heading has always had: its slug), noted
        as a user of `source`. `title` is Markdown."""
        unique = unique_anchor(anchor or heading_anchor(title), self.ids)
        self.cite(source, title, unique)
        return f"{'#' * self.level} {title} {{#{unique}}}"

    def cite(self, source: str | list[str] | None, title: str, anchor: str) -> None:
        self.sources.cite(source, title, anchor)

    def note(self, text: str, title: str, anchor: str) -> str:
        """A numbered reference to `text` (Markdown), which is written out in «Kilder»."""
        return self.sources.note(text, title, anchor)


def _no_list(value: str) -> str:
    """Markdown text that starts like a numbered list («15. mai 2024») kept as text."""
    head, dot, rest = value.partition(". ")
    return f"{head}\\. {rest}" if dot and head.isdigit() else value


def _programme_lead(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.subtitle:
        return []
    return [f"**{fmt.inline(p.title)}** – {fmt.inline(p.subtitle)}", "{: .kfs-lead }", ""]


def _programme_facts(page: _ProgrammePage) -> list[str]:
    """The practical facts in one block: for whom, when, what it costs, the group, obligations,
    deadline, contact. Each is said here only; the sections below add the details."""
    p = page.version.programme
    title, anchor = "Praktiske opplysninger", "praktiske-opplysninger"
    facts: list[tuple[str, str, str]] = []  # (term, anchor of the term or "", Markdown)
    if p.target_group:
        facts.append(("For hvem", "målgruppe", fmt.inline(p.target_group)))
        page.cite(p.field_source("målgruppe"), title, anchor)
    owners = [fmt.inline(o) for o in p.owners]
    facts.append(("Eiere", "", " og ".join([", ".join(owners[:-1]), owners[-1]] if len(owners) > 1 else owners)))
    period = fmt.capitalize(fmt.period(p.period))
    if p.organisation and p.organisation.semesters:
        period += f", {fmt.number(p.organisation.semesters)} semestre"
        page.cite(p.organisation.source, title, anchor)
    page.cite(p.period.source, title, anchor)
    if p.period.note:
        period += " " + page.note(fmt.inline(p.period.note), "Periode", "periode")
    facts.append(("Periode", "periode", period))
    if p.agreement_period:
        a = p.agreement_period
        page.cite(a.source, title, anchor)
        same = (a.start, a.end) == (p.period.start, p.period.end)
        value = ("Den samme som programperioden." if same else fmt.capitalize(fmt.period(a))) \
            + (" " + page.note(fmt.inline(a.note), "Avtaleperiode", "avtaleperiode") if a.note else "")
        facts.append(("Avtaleperiode", "avtaleperiode", value))
    if p.costs:
        page.cite(p.costs.source, title, anchor)
        facts.append(("Kostnad", "", f"{fmt.kroner(p.costs.fee)} per kommune for hele programperioden. "
                                     "[Hva avgiften dekker, og hva kommunen betaler selv](#kostnader)"))
    pa = p.participation
    if pa and (pa.group_minimum or pa.school_owner or pa.coordinator):
        page.cite(pa.source, title, anchor)
        group = []
        if pa.group_minimum:
            group.append(f"Minst {fmt.number(pa.group_minimum)} deltakere.")
        if pa.school_owner:
            group.append("Skoleeier må være representert.")
        if pa.coordinator:
            group.append("Gruppen velger en koordinator.")
        facts.append(("Kommunegruppe", "", " ".join(group)))
    if p.obligations:
        facts.append(("Forpliktelser", "", "[Hva partene forplikter seg til](#forpliktelser)"))
    if p.application_deadline:
        facts.append(("Søknadsfrist", "søknadsfrist", fmt.day(p.application_deadline)))
        page.cite(p.application_deadline_source, title, anchor)
    if p.contact:
        c = p.contact
        page.cite(c.source, title, anchor)
        who = ", ".join(fmt.inline(x) for x in (c.name, c.role, c.organisation) if x) + "."
        how = []
        if c.email:
            how.append(f"E-post: <{c.email}>")
        if c.phone:
            how.append(f"Telefon: [{fmt.inline(c.phone)}](tel:{fmt.tel(c.phone)})")  # a tap calls on a phone
        facts.append(("Kontakt", "kontakt", who + ("<br>" + "<br>".join(how) if how else "")))
    rows = []
    for term, term_anchor, value in facts:
        if term_anchor:
            page.ids.add(term_anchor)
        rows += [term + (f" {{: #{term_anchor} }}" if term_anchor else ""), f":   {_no_list(value)}", ""]
    return [page.heading(title, anchor), "", '<div class="kfs-facts" markdown="1">', "", *rows, "</div>", ""]


def _programme_purpose(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    return [page.heading("Formål", source=p.field_source("formål")), "", _bullets(p.purpose), ""]


def _programme_competence_goals(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.competence_goals:
        return []
    return [page.heading("Kompetansemål", source=p.field_source("kompetansemål")), "",
            "Etter gjennomført program skal deltakerne ha:", "",
            _bullets(p.competence_goals), ""]


def _programme_effect_goals(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    return [page.heading("Effektmål", source=p.field_source("effektmål")), "", _bullets(p.effect_goals), ""] \
        if p.effect_goals else []


def _programme_result_goals(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.result_goals:
        return []
    parts = [page.heading("Resultatmål", source=p.field_source("resultatmål")), ""]
    if p.result_goals.intro:
        parts += [fmt.text(p.result_goals.intro), ""]
    return parts + [_bullets(p.result_goals.items), ""]


def _programme_value_areas(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.value_areas:
        return []
    title = "De fire verdiområdene"
    parts = [page.heading(title, _anchor(title)), ""]
    for area in p.value_areas:
        page.cite(area.source, title, _anchor(title))
        description = marked(area, "beskrivelse", fmt.inline(area.description), inline=True)
        parts.append(f"- **{fmt.inline(area.name)}**" + (f": {description}" if description else ""))
    return parts + [""]


def _programme_participation(page: _ProgrammePage) -> list[str]:
    """Before taking part: the text and who the group is made of (the group's size, the coordinator
    and the school owner stand in «Praktiske opplysninger»)."""
    pa = page.version.programme.participation
    if not pa or not (pa.text or pa.group_composition):
        return []
    parts = [page.heading("Forberedelse til deltakelse", source=pa.source), ""]
    if pa.text:
        parts += [_paragraphs(pa.text), ""]
    if pa.group_composition:
        parts += ["Kommunegruppen består av:", "", _bullets(pa.group_composition), ""]
    return parts


def _programme_costs(page: _ProgrammePage) -> list[str]:
    c = page.version.programme.costs
    if not c:
        return []
    parts = [page.heading("Kostnader", source=c.source), "",
             f"**Deltakeravgift:** {fmt.kroner(c.fee)} per kommune.", ""]
    if c.fee_use:
        parts += [f"**Avgiften brukes til:** {fmt.inline(c.fee_use)}", ""]
    if c.invoicing:
        parts += [f"**Fakturering:** {fmt.inline(c.invoicing)}", ""]
    if c.covered:
        parts += ["Programmet dekker:", "", _bullets(c.covered), ""]
    if c.municipality_pays:
        parts += ["Kommunen dekker selv:", "", _bullets(c.municipality_pays), ""]
    return parts


def _programme_obligations(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    contract = [download_link(urls.PROGRAMME, rel, f"Last ned kontrakten {label}", kind, page.downloads) + "\n"
                for rel, label, kind in ((urls.AGREEMENT_PDF, "som PDF", "PDF"),
                                         (urls.AGREEMENT_DOCX, "som Word-dokument", "Word-dokument, DOCX"))
                if rel in page.downloads]
    if not p.obligations and not contract:
        return []
    lead = ["Kontrakten, til å fylle ut og skrive under:", ""] if contract else []
    return [page.heading("Forpliktelser", source=p.field_source("forpliktelser")), "", _paragraphs(p.obligations), "",
            *lead, *contract]


def _programme_selection(page: _ProgrammePage) -> list[str]:
    s = page.version.programme.selection
    if not s:
        return []
    parts = [page.heading("Utvelgelse", source=s.source), ""]
    if s.intro:
        parts += [fmt.text(s.intro), ""]
    if s.criteria:
        parts += [_bullets(s.criteria), ""]
    return parts


def _programme_method(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.method:
        return []
    return [page.heading("Metode og arbeidsformer", source=p.field_source("metode")), "", _paragraphs(p.method), "",
            f"Se også [fasemodellen]({urls.md_link(urls.PROGRAMME, urls.PHASES)}).", ""]


def _programme_organisation(page: _ProgrammePage) -> list[str]:
    """How the programme is organised. The number of semesters stands with the period at the top
    (the data's own points often say it too: it is not written a second time here)."""
    o = page.version.programme.organisation
    if not o or not o.points:
        return []
    return [page.heading("Organisering", source=o.source), "", _bullets(o.points), "",
            f"Se [tidsplanen]({urls.md_link(urls.PROGRAMME, urls.SCHEDULE)}) for alle samlinger.", ""]


def _programme_process_support(page: _ProgrammePage) -> list[str]:
    ps = page.version.programme.process_support
    if not ps:
        return []
    parts = [page.heading("Prosess-støtte", source=ps.source), "", _paragraphs(ps.text), ""]
    if ps.themes:
        parts += ["Aktuelle temaer:", "", _bullets(ps.themes), ""]
    return parts


def _programme_free_sections(page: _ProgrammePage) -> list[str]:
    parts: list[str] = []
    for section in page.version.programme.sections:
        parts += [page.heading(fmt.inline(section.title), section.anchor or heading_anchor(section.title), section.source), "",
                  marked(section, "tekst", fmt.text(section.text)), ""]
    return parts


def _programme_organisation_groups(page: _ProgrammePage) -> list[str]:
    p = page.version.programme
    if not p.organisation_groups:
        return []
    parts = [page.heading("Organisasjonen"), ""]
    for group in p.organisation_groups:
        parts += [f"{'#' * (page.level + 1)} {fmt.inline(group.name)} {{#{group.id}}}", ""]
        if group.tasks:
            parts += ["Oppgaver:", "", _bullets(group.tasks), ""]
        if group.frequency:
            parts += [f"**Møtefrekvens:** {fmt.inline(group.frequency)}", ""]
        if group.working_form:
            parts += [f"**Arbeidsform:** {fmt.inline(group.working_form)}", ""]
        if group.members:
            parts += ["Medlemmer:", "", _bullets(group.members), ""]
    return parts


def _programme_municipalities_link(page: _ProgrammePage) -> list[str]:
    if not page.version.municipalities:
        return []
    return [f"Se også [kommunene i programmet]({urls.md_link(urls.PROGRAMME, urls.MUNICIPALITIES)}).", ""]


def _programme_group(title: str, *sections: Callable[[_ProgrammePage], list[str]]) -> Callable[[_ProgrammePage], list[str]]:
    """Sections under one heading, one level down; nothing at all when none of them has content."""
    def group(page: _ProgrammePage) -> list[str]:
        heading = page.heading(title)
        page.level += 1
        try:
            body = [line for section in sections for line in section(page)]
        finally:
            page.level -= 1
        return [heading, "", *body] if body else []
    return group


def _programme_sources(page: _ProgrammePage) -> list[str]:
    """«Kilder»: every source of the programme, first those this page builds on with the sections
    that use them, then the numbered notes on the sources."""
    page.ids.add(page.sources.anchor)
    return page.sources.section(include_uncited=True,
                                intro="Opplysningene på denne siden kommer fra disse dokumentene:")


#: The sections of «Om programmet», in page order: the practical facts, purpose and goals, then taking
#: part, how the programme works and its background, and last the sources and notes.
PROGRAMME_SECTIONS: list[Callable[[_ProgrammePage], list[str]]] = [
    _programme_lead,
    _programme_facts,
    _programme_purpose,
    _programme_competence_goals,
    _programme_effect_goals,
    _programme_result_goals,
    _programme_value_areas,
    _programme_group("Deltakelse", _programme_participation, _programme_costs, _programme_obligations,
                     _programme_selection),
    _programme_group("Slik arbeider programmet", _programme_method, _programme_organisation,
                     _programme_process_support),
    _programme_group("Mer om programmet", _programme_free_sections, _programme_organisation_groups,
                     _programme_municipalities_link),
    _programme_sources,
]


def phases_page(version: Version) -> str:
    m = version.phase_model
    cur = urls.PHASES
    sources = PageSources(version)
    title = fmt.inline(m.title)
    parts = [f"# {title} {{#{_anchor(m.title)}}}", ""]
    if m.intro:
        sources.cite(m.source, title, _anchor(m.title))
        parts += [_paragraphs(m.intro), ""]
    if version.phases:
        parts += [phase_figure(version, cur), ""]
    parts += ["## Fasene {#fasene}", ""]
    for pid, phase in version.phases.items():
        sources.cite(phase.source, "Fasene", "fasene")
        summary = f" – {len(phase.tasks)} oppgaver" if phase.tasks else ""
        parts.append(f"{phase.number}. [{fmt.inline(phase.title)}]({urls.md_link(cur, urls.phase(pid))}){summary}")
    parts.append("")
    if m.tracks:
        parts += ["## To spor {#to-spor}", ""]
        for track in m.tracks:
            parts += [f"### {fmt.inline(track.name)} {{#{track.id}}}", ""]
            sources.cite(track.source, fmt.inline(track.name), track.id)
            if track.description:
                parts += [marked(track, "beskrivelse", fmt.text(track.description)), ""]
    if m.action_learning:
        sources.cite(m.source, "Aksjonslæring", "aksjonslæring")
        parts += ["## Aksjonslæring {#aksjonslæring}", "", _bullets(m.action_learning), ""]
    parts += sources.section()
    return _join(parts)


def phase_page(version: Version, pid: str) -> str:
    phase = version.phases[pid]
    cur = urls.phase(pid)
    total = len(version.phases)
    sources = PageSources(version)
    title = fmt.inline(phase.title)
    parts = [f"# {title} {{#{_anchor(phase.title)}}}", "", f"Fase {phase.number} av {total}. Se alle fasene: "
             f"[{fmt.inline(version.phase_model.title)}]({urls.md_link(cur, urls.PHASES)}).", ""]
    if phase.description:
        parts += [sources.field(phase, "beskrivelse", _paragraphs(phase.description), title, _anchor(phase.title)), ""]
    if phase.tasks:
        heading = "Kommunenes arbeid i fasen"
        sources.cite(phase.source, heading, _anchor(heading))
        parts += [f"## {heading} {{#{_anchor(heading)}}}", "", marked(phase, "kommunenes_arbeid", _bullets(phase.tasks)),
                  ""]
    if phase.questions:
        heading = "Veiledende spørsmål"
        parts += [f"## {heading} {{#{_anchor(heading)}}}", "",
                  question_list(version, cur, phase.questions, sources, (heading, _anchor(heading)))]
    tagged_questions = [q for q, question in version.questions.items() if pid in question.phases
                        and q not in phase.questions]
    if tagged_questions:
        heading = "Flere spørsmål til denne fasen"
        parts += [f"## {heading} {{#{_anchor(heading)}}}", "",
                  question_list(version, cur, tagged_questions, sources, (heading, _anchor(heading)))]
    packs = [(k, p) for k, p in version.packs.items() if pid in p.phases]
    if packs:
        parts += ["## Temapakker", "", "\n".join(
            f"- [{fmt.inline(p.title)}]({urls.md_link(cur, urls.pack(k))})" for k, p in packs), ""]
    tasks = [(k, t) for k, t in version.tasks.items() if pid in t.phases]
    if tasks:
        parts += ["## Oppgaver", "", "\n".join(
            f"- [{fmt.inline(t.title)}]({urls.md_link(cur, urls.TASKS, k)})" for k, t in tasks), ""]
    nav = _prev_next(cur, version.phases, pid, urls.phase, "Forrige fase", "Neste fase")
    if nav:
        parts += [" · ".join(nav), ""]
    parts += sources.section()
    return _join(parts)


def _pack_series(version: Version, current: str, sources: PageSources, short: bool = False) -> list[str]:
    """What the theme packs are (`temapakker:` in program.yml), said once for all of them: in full on
    the list of packs; in short on a pack's page (what a pack consists of, the report, the launch
    date), with a link to the rest. Each field the editors wrote themselves is marked as such."""
    series = version.programme.theme_packs
    if series is None:
        return []
    title, anchor = "Om temapakkene", "om-temapakkene"
    sources.cite(series.source, title, anchor)
    parts = [f"## {title} {{#{anchor}}}", ""]
    if series.description:
        parts += [marked(series, "beskrivelse", fmt.text(series.description)), ""]
    if series.parts:
        parts += ["**Hver pakke består av:**", "", marked(series, "består_av", _bullets(series.parts)), ""]
    if not short and series.method:
        parts += ["**Slik er pakkene ment å brukes:**", "", marked(series, "metode", _bullets(series.method)), ""]
    if not short and series.audience:
        parts += ["**For hvem:**", "", marked(series, "målgruppe", _bullets(series.audience)), ""]
    facts = []
    if series.builds_on and series.builds_on in version.resources:
        r = version.resources[series.builds_on]
        sources.cite_item(r, title, anchor)
        label = RESOURCE_LABELS[r.kind].lower()
        facts.append(f"**Bygger på:** {label}en «[{fmt.inline(r.title)}]({urls.md_link(current, urls.RESOURCES, r.id)})»"
                     if r.kind == "rapport" else
                     f"**Bygger på:** [{fmt.inline(r.title)}]({urls.md_link(current, urls.RESOURCES, r.id)}) ({label})")
    if series.launched:
        facts.append(f"**Lansert:** {fmt.day(series.launched)}")
    if series.launch and not short:
        facts.append(f"**Lansering:** {marked(series, 'lansering', fmt.inline(series.launch), inline=True)}")
    # Each fact a paragraph of its own (a list here would run on from the list above it).
    for line in facts:
        parts += [line, ""]
    if short:
        parts += [f"[Mer om temapakkene: slik er de ment å brukes, og for hvem]({urls.md_link(current, urls.PACKS, anchor)})",
                  ""]
    return parts


def packs_page(version: Version) -> str:
    cur = urls.PACKS
    sources = PageSources(version)
    parts = ["# Temapakker", "",
             "Her står hva temapakkene er og hva hver pakke handler om. Velg en pakke for å se mer.", ""]
    parts += _pack_series(version, cur, sources)
    for pid, pack in version.packs.items():
        title = f"Pakke {pack.number}: {fmt.inline(pack.title)}"
        anchor = _anchor(f"Pakke {pack.number}: {pack.title}")
        parts += [f"## {title} {{#{anchor}}}", "", sources.field(pack, "sammendrag", fmt.text(pack.summary), title, anchor),
                  "", f"[Åpne temapakken]({urls.md_link(cur, urls.pack(pid))})", ""]
        sources.cite_item(pack, title, anchor)
    parts += sources.section()
    return _join(parts)


def pack_page(version: Version, pid: str, downloads: dict[str, int] | None = None) -> str:
    pack = version.packs[pid]
    cur = urls.pack(pid)
    sources = PageSources(version)
    title = f"Pakke {pack.number}: {fmt.inline(pack.title)}"
    top = _anchor(f"Pakke {pack.number}: {pack.title}")
    sources.cite_item(pack, title, top)
    parts = [f"# {title} {{#{top}}}", "", marked(pack, "sammendrag", fmt.text(pack.summary)), ""]
    facts = []
    if pack.audiences:
        facts.append("**For:** " + marked(pack, "målgrupper", ", ".join(
            fmt.inline(version.audience_name(a)) for a in pack.audiences), inline=True))
    if pack.value_areas:
        facts.append("**Verdiområder:** " + marked(pack, "verdiområder", ", ".join(
            fmt.inline(version.value_area_name(a)) for a in pack.value_areas), inline=True))
    if pack.phases:
        facts.append("**Faser:** " + marked(pack, "faser", ", ".join(
            f"[{fmt.inline(version.phases[p].title)}]({urls.md_link(cur, urls.phase(p))})" for p in pack.phases),
            inline=True))
    if facts:
        parts += ["\n".join(f"- {f}" for f in facts), ""]
    if downloads and urls.pack_pdf(pid) in downloads:
        parts += [download_link(cur, urls.pack_pdf(pid), "Last ned temapakken som PDF", "PDF", downloads), ""]
    parts += [kit.pack_kit(version, pid), ""]
    parts += _pack_series(version, cur, sources, short=True)
    parts += [kit.pack_missing(version, pid), ""]
    use = pack.use
    if use:
        parts += ["## Slik bruker du pakken {#slik-bruker-du-pakken}", ""]
        if use.presentation:
            parts += ["### Presentasjon", "", fmt.text(use.presentation), ""]
        if use.running_order:
            total = sum(s.minutes for s in use.running_order)
            rows = [Row([str(i), fmt.plain(s.title), str(s.minutes), fmt.plain(s.description)])
                    for i, s in enumerate(use.running_order, start=1)]
            parts += ["### Kjøreplan", "",
                      markup.table(f"Kjøreplan for fasilitator, {total} minutter i alt",
                                   ["Steg", "Hva", "Minutter", "Slik gjør du"], rows,
                                   label="Kjøreplan for fasilitator"), ""]
        if use.preparation or use.preparation_questions:
            parts += ["### Forberedelse for deltakerne", ""]
            if use.preparation:
                parts += [fmt.text(use.preparation), ""]
            if use.preparation_questions:
                parts += ["Refleksjonsspørsmål:", "", question_list(version, cur, use.preparation_questions, sources,
                                                                   ("Slik bruker du pakken", "slik-bruker-du-pakken"))]
    for section in pack.sections:
        heading, anchor = fmt.inline(section.title), section.anchor or _anchor(section.title)
        parts += [f"## {heading} {{#{anchor}}}", "", sources.field(section, "tekst", fmt.text(section.text), heading, anchor),
                  ""]
    if pack.questions:
        heading = "Spørsmål til samtalen"
        parts += [f"## {heading} {{#{_anchor(heading)}}}", "",
                  question_list(version, cur, pack.questions, sources, (heading, _anchor(heading)))]
    if pack.resources:
        parts += ["## Ressurser {#ressurser}", "",
                  resource_list(version, cur, pack.resources, sources, ("Ressurser", "ressurser"))]
    parts += sources.section()
    return _join(parts)


def schedule_page(version: Version) -> str:
    """The schedule as one table. It stays a table for screen readers and wide screens; below about
    600 px the stylesheet lays each row out as a card (extra.css, «Tidsplan»), so nothing scrolls sideways."""
    cur = urls.SCHEDULE
    p = version.programme
    sources = PageSources(version)
    parts = ["# Tidsplan og samlinger", "",
             f"Tidsplanen for {fmt.inline(p.title)}, {fmt.period(p.period)}. "
             "Noen datoer er bare kjent som måned eller uke; de står slik kilden oppgir dem.", ""]
    if any(g.when.is_day_precise() for g in version.gatherings.values()):
        parts += ['<p class="kfs-calendar"><a class="md-button" href="../kalender.ics" download>Legg til i kalender</a> '
                  "<span>Alle samlinger med fast dato, som kalenderfil (.ics) for Outlook, Google Kalender og andre.</span></p>",
                  ""]
    rows = []
    for gid, g in version.gatherings.items():
        sources.cite(g.source, fmt.inline(g.title), f"{gid}-rad")
        when = f'<span class="kfs-when">{fmt.plain(fmt.gathering_when(g))}</span>'
        if g.when.weeks:
            when += f' <span class="kfs-weeks">{fmt.plain(fmt.weeks(g.when.weeks))}</span>'
        extra = f'<span class="kfs-note">{fmt.plain(g.note)}</span>' if g.note else ""
        prep = ""
        if g.preparation:
            prep = (f'<a class="kfs-prep" href="{urls.html_link(cur, urls.gathering(gid), "forberedelse")}">Forberedelse'
                    f'<span class="kfs-visually-hidden"> til {fmt.plain(g.title)}</span></a>')
        title = f'<a href="{urls.html_link(cur, urls.gathering(gid))}">{fmt.plain(g.title)}</a>{extra}{prep}'
        mode = (fmt.plain(MODE_LABELS[g.mode]) if g.mode else
                f'<span class="kfs-unknown"><span aria-hidden="true">–</span>'
                f'<span class="kfs-visually-hidden">{MODE_LABELS[None]}</span></span>')
        rows.append(Row([when, title, kind_label(g.kind), mode], header=1, id=f"{gid}-rad"))
    if rows:
        parts += [timeline_figure(version, cur), ""]
    parts += [
        markup.table(f"Alle samlinger, koordinatormøter og veiledninger i {fmt.plain(p.version_title)}",
                     ["Når", "Hva", "Type", "Form"], rows, label="Alle samlinger", table_id="alle-samlinger"),
        "",
    ]
    parts += sources.section()
    return _join(parts)


def gathering_page(version: Version, gid: str, downloads: dict[str, int] | None = None, site_root: str = "/") -> str:
    """A gathering as the facilitator's kit: when and how; before (the preparation to send out), during
    (contents, the agenda with its times and the questions at each item) and after (the mellomarbeid);
    the invitation text and the downloads; links to the running order and the presentation."""
    g = version.gatherings[gid]
    cur = urls.gathering(gid)
    sources = PageSources(version)
    title, top = fmt.inline(g.title), _anchor(g.title)
    sources.cite(g.source, title, top)
    parts = [f"# {title} {{#{top}}}", ""]
    when = f"**Når:** {fmt.gathering_when(g, weekday=True)}"
    if g.source_note:
        when += " " + sources.note(fmt.inline(g.source_note), title, top)
    facts = [when]
    if g.when.weeks:
        facts.append(f"**Uke:** {fmt.weeks(g.when.weeks).removeprefix('uke ')}")
    if g.when.note:
        facts.append(f"**Presisering:** {fmt.inline(g.when.note)}")
    if g.duration_minutes:
        facts.append(f"**Varighet:** {fmt.duration(g.duration_minutes)}")
    facts.append(f"**Type:** {kind_label(g.kind)}")
    if g.mode:
        facts.append(f"**Form:** {g.mode.capitalize()}")
    if g.organisers:
        facts.append("**Arrangører:** " + kit.and_list([fmt.inline(o) for o in g.organisers]))
    if g.note:
        facts.append(f"**Merknad:** {fmt.inline(g.note)}")
    parts += ["\n".join(f"- {f}" for f in facts), ""]
    if g.when.is_day_precise():
        parts += ['<p><a class="md-button" href="kalender.ics" download>Legg til i kalender</a></p>', ""]
    nav = kit.kit_nav(version, gid)
    if nav:
        parts += [nav, ""]
    if g.summary:
        parts += [fmt.text(g.summary), ""]
    if g.description:
        parts += [_paragraphs(g.description), ""]
    if g.preparation:
        parts += ["## Før samlingen {#forberedelse}", "", "**Forberedelse:** dette gjør deltakerne før samlingen.", ""]
        if downloads and urls.preparation_pdf(gid) in downloads:
            parts += [download_link(cur, urls.preparation_pdf(gid), "Last ned forberedelsen som PDF", "PDF",
                                    downloads), ""]
        for tid in g.preparation:
            parts.append(task_block(version, cur, version.tasks[tid], level=3, downloads=downloads, sources=sources))
    if g.contents or g.agenda or g.questions:
        parts += ["## På samlingen {#pa-samlingen}", ""]
    if g.contents:
        parts += ["### Innhold {#innhold}", "", _bullets(g.contents), ""]
    if g.agenda:
        parts += ["### Program {#program}", ""]
        for day in g.agenda:
            for item in day.items:
                for qid in item.questions:
                    sources.cite_item(version.questions[qid], "Program", "program")
            rows = [Row([kit.clock(item), _agenda_cell(version, cur, item)]) for item in day.items]
            parts += [markup.table(fmt.plain(day.title), ["Når", "Hva"], rows), ""]
    if g.questions:
        parts += ["### Spørsmål til samlingen {#spørsmål-til-samlingen}", ""]
        if kit.placed_questions(g):
            parts += ["Spørsmålene som hører til et programpunkt, står også ved punktet i programmet.", ""]
        parts += [question_list(version, cur, g.questions, sources, ("Spørsmål til samlingen", "spørsmål-til-samlingen"))]
    if g.between_work:
        parts += ["## Etter samlingen {#mellomarbeid}", "",
                  "**Mellomarbeid:** dette arbeider kommunegruppen med etter samlingen.", ""]
        for tid in g.between_work:
            parts.append(task_block(version, cur, version.tasks[tid], level=3,
                                    anchor=tid not in g.preparation, downloads=downloads, sources=sources))
    if g.when.is_day_precise():
        parts += [kit.invitation_section(version, gid, site_root)]
    parts += [kit.downloads_section(version, gid, downloads)]
    if g.resources:
        parts += ["## Ressurser {#ressurser}", "", resource_list(version, cur, g.resources, sources, ("Ressurser", "ressurser"))]
    links = _prev_next(cur, version.gatherings, gid, urls.gathering, "Forrige", "Neste")
    links.append(f"[Hele tidsplanen]({urls.md_link(cur, urls.SCHEDULE)})")
    parts += [" · ".join(links), ""]
    parts += sources.section()
    return _join(parts)


def _agenda_cell(version: Version, current: str, item: AgendaItem) -> str:
    """What happens at an agenda item: its title, points, who leads it, and its dialogue questions."""
    out = fmt.plain(item.title)
    points = kit.item_points(version, item)
    if points:
        out += "<ul>" + "".join(f"<li>{fmt.plain(pt)}</li>" for pt in points) + "</ul>"
    if item.who:
        out += f'<p class="kfs-agenda__who">Ansvarlig: {fmt.plain(item.who)}</p>'
    if item.questions:
        links = []
        for qid in item.questions:
            q = version.questions[qid]
            lang = ' lang="nn"' if q.language == "nn" else ""
            links.append(f'<li{lang}><a href="{fmt.attr(urls.html_link(current, urls.QUESTIONS, qid))}">'
                         f"{fmt.plain(q.text)}</a></li>")
        out += f'<p class="kfs-agenda__q">Dialogspørsmål:</p><ul class="kfs-agenda__questions">{"".join(links)}</ul>'
    return out


def tasks_page(version: Version, downloads: dict[str, int] | None = None) -> str:
    cur = urls.TASKS
    sources = PageSources(version)
    parts = ["# Forberedelser og mellomarbeid", "",
             "Oppgavene deltakerne gjør før samlingene (forberedelser) og mellom dem (mellomarbeid). "
             "Hver oppgave har sin egen lenke.", ""]
    for group_id, group in version.task_groups.items():
        parts += [f"## {fmt.inline(group.title)} {{#{group_id}}}", ""]
        for task in group.tasks:
            parts.append(old_anchors(version, "oppgave", task.id))
            parts.append(task_block(version, cur, task, level=3, downloads=downloads, sources=sources))
            uses = version.gathering_with_task(task.id)
            if uses:
                parts.append("Brukes til: " + ", ".join(
                    f"[{fmt.inline(version.gatherings[g].title)}]({urls.md_link(cur, urls.gathering(g))})"
                    f" ({'forberedelse' if use == 'forberedelse' else 'mellomarbeid'})" for g, use in uses) + "\n")
    parts += sources.section()
    return _join(parts)


def faq_page(version: Version) -> str:
    """Questions and answers, grouped by topic (`temaer` in faq.yml), with a list of the groups and
    questions at the top (Material hides its table of contents on phones). Each answer is in the
    language of its question, the facts from the data included."""
    faq = version.faq
    assert faq is not None  # the page exists only when the version has faq.yml
    sources = PageSources(version)
    parts = ["# Spørsmål og svar", ""]
    if faq.intro:
        parts += [fmt.text(faq.intro), ""]
    titles = {t.id: t.title for t in faq.topics}
    groups: list[tuple[str | None, list[FaqEntry]]] = [(t.id, []) for t in faq.topics] or [(None, [])]
    by_id = dict(groups)
    for entry in faq.entries:
        by_id[entry.topic].append(entry)
    groups = [(g, entries) for g, entries in groups if entries]
    parts += [_faq_contents(groups, titles), ""]
    level = "###" if faq.topics else "##"
    for group, entries in groups:
        if group is not None:
            parts += [f"## {fmt.inline(titles[group])} {{#{group}}}", ""]
        for entry in entries:
            parts += [f'<div id="{fmt.attr(old)}" class="kfs-alias"></div>\n' for old in entry.former_ids]
            answer = fmt.text(entry.answer)
            question = fmt.inline(entry.question)
            if entry.language == "nn":
                place = f'<span lang="nn">{question}</span>'
                heading = f'{level} {question} {{#{entry.id} lang="nn"}}'
                answer = f'<div lang="nn" markdown="1">\n\n{answer}\n\n</div>'
            else:
                place, heading = question, f"{level} {question} {{#{entry.id}}}"
            parts += [heading, "", marked(entry, "svar", answer), ""]
            parts += _entry_sources(sources, entry, [*entry.sources(), *_fact_sources(version, entry)], place, entry.id)
    parts += sources.section()
    return _join(parts)


def _entry_sources(sources: PageSources, item: object, ids: list[str], title: str, anchor: str) -> list[str]:
    """An FAQ answer's or a glossary entry's sources: cited for the «Kilder» section, and named under
    the entry by number («Kilde 2», a link to the source there)."""
    reference = sources.cite(ids, title, anchor)
    return [reference, "{: .kfs-srcref }", ""] if reference else []


def _faq_contents(groups: list[tuple[str | None, list[FaqEntry]]], titles: dict[str, str]) -> str:
    """The groups and questions as an in-page list of links (nynorsk questions marked so)."""
    def question(e: FaqEntry) -> str:
        lang = ' lang="nn"' if e.language == "nn" else ""
        return f'<li><a href="#{fmt.attr(e.id)}"{lang}>{fmt.plain(e.question)}</a></li>'

    items = []
    for group, entries in groups:
        questions = "".join(question(e) for e in entries)
        if group is None:
            items.append(questions)
        else:
            items.append(f'<li><a href="#{fmt.attr(group)}">{fmt.plain(titles[group])}</a><ul>{questions}</ul></li>')
    return ('<nav class="kfs-contents" aria-labelledby="kfs-contents-title">'
            '<p class="kfs-contents__title" id="kfs-contents-title">Innhold på siden</p>'
            f'<ul>{"".join(items)}</ul></nav>')


def glossary_page(version: Version) -> str:
    cur = urls.GLOSSARY
    sources = PageSources(version)
    parts = ["# Ordliste", "", "Begrepene programmet bruker, forklart kort.", ""]
    assert version.glossary is not None  # the page exists only when the version has ordliste.yml
    terms = {t.id: t for t in version.glossary.terms}
    for term in sorted(version.glossary.terms, key=lambda t: t.term.lower()):
        name = fmt.inline(term.term)
        parts += [f"## {name} {{#{term.id}}}", "", marked(term, "forklaring", fmt.text(term.definition)), ""]
        if term.see_also:
            parts += ["Se også: " + ", ".join(
                f"[{fmt.inline(terms[s].term)}]({urls.md_link(cur, cur, s)})" for s in term.see_also), ""]
        parts += _entry_sources(sources, term, [*term.sources(), *_fact_sources(version, term)], name, term.id)
    parts += sources.section()
    return _join(parts)


def municipalities_page(version: Version) -> str:
    parts = ["# Kommuner", ""]
    sources = PageSources(version)
    assert version.municipalities is not None  # the page exists only when the version has kommuner.yml
    for group in version.municipalities.groups:
        sources.cite(group.source, fmt.inline(group.title), group.id)
        parts += [f"## {fmt.inline(group.title)} {{#{group.id}}}", ""]
        if group.description:
            parts += [fmt.text(group.description), ""]
        parts += ["\n".join(
            f"- {fmt.inline(m.name)}" + (f" ({fmt.inline(m.note)})" if m.note else "") for m in group.municipalities), ""]
    parts += sources.section()
    return _join(parts)


def resources_page(version: Version) -> str:
    parts = ["# Ressurser", "", "Rapporter, hefter, filmer og planer som programmet bygger på og viser til.", ""]
    sources = PageSources(version)
    for rid, r in version.resources.items():
        title = fmt.inline(r.title)
        sources.cite_item(r, title, rid)
        parts += [f"## {title} {{#{rid}}}", ""]
        facts = [RESOURCE_LABELS[r.kind]]
        if r.publisher:
            facts.append(fmt.inline(r.publisher))
        if r.year:
            facts.append(str(r.year))
        if r.is_editorial("tittel"):
            facts.append(editorial_remark("Tittelen er satt av redaksjonen."))
        parts += [" · ".join(facts), "{: .kfs-meta }", ""]
        if r.description:
            parts += [marked(r, "beskrivelse", fmt.text(r.description)), ""]
        if r.url:
            parts += [f"[Gå til ressursen]({r.url})", ""]
    parts += sources.section()
    return _join(parts)


def feedback_contact(version: Version) -> str:
    """Who takes feedback on the site: the programme's contact in program.yml (`kontakt`), or,
    when this version has none, the programme's owners. Only what the data says."""
    p = version.programme
    c = p.contact
    if c is None:
        owners = " og ".join(fmt.inline(o) for o in p.owners) if p.owners else "programmets eiere"
        return (f"Denne programversjonen har ingen egen kontaktperson. Send tilbakemelding til {owners}, "
                "som eier programmet.")
    who = fmt.inline(c.name) + (f", {fmt.inline(c.role)}" if c.role else "") \
        + (f", {fmt.inline(c.organisation)}" if c.organisation else "")
    how = f" E-post: <{c.email}>." if c.email else ""
    return (f"Send tilbakemelding til programmets kontaktperson: {who}.{how} Kontakten står også på siden "
            f"[Om programmet]({urls.PROGRAMME}).")
