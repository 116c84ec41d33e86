"""Markdown for every page of a version, from validated data.

Each function takes the version and returns the page's Markdown, starting with its one `# heading`.
Nothing here knows about MkDocs: the site layer decides where the pages go and calls these.
Anchors of questions, tasks, terms and FAQ entries are their ids, so links to them last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import urls
from ..model.labels import RESOURCE_LABELS, TASK_KIND_LABELS, WHO_LABELS, kind_label
from ..model.schema import Task, Worksheet
from ..model.version import Version
from . import format as fmt
from . import markup
from .figures import phase_figure, timeline_figure
from .markup import Row


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p is not None) + "\n"


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {fmt.inline(i)}" for i in items)


def _paragraphs(items: Iterable[str]) -> str:
    return "\n\n".join(fmt.text(i) for i in items)


def _source(version: Version, source_id: str | None, note: str | None = None) -> str:
    if not source_id and not note:
        return ""
    names = {s.id: s.title for s in version.programme.sources}
    parts = []
    if source_id:
        parts.append(f"Kilde: {fmt.inline(names[source_id])}.")
    if note:
        parts.append(fmt.inline(note))
    return "\n" + " ".join(parts) + "\n{: .kfs-source }\n"


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


def question_list(version: Version, current: str, ids: list[str]) -> str:
    """Questions referred to from another page: text, linked to their place in the question bank."""
    return "\n".join(
        f"- {fmt.inline(version.questions[q].text)} "
        f"[Lenke til spørsmålet]({urls.md_link(current, urls.QUESTIONS, q)}){{: .kfs-permalink }}"
        if version.questions[q].language == "nb" else
        f'- <span lang="nn">{fmt.inline(version.questions[q].text)}</span> '
        f"[Lenke til spørsmålet]({urls.md_link(current, urls.QUESTIONS, q)}){{: .kfs-permalink }}"
        for q in ids
    ) + "\n"


def resource_list(version: Version, current: str, ids: list[str]) -> str:
    lines = []
    for rid in ids:
        r = version.resources[rid]
        label = RESOURCE_LABELS[r.kind]
        title = f"[{fmt.inline(r.title)}]({r.url})" if r.url else f"«{fmt.inline(r.title)}»"
        extra = ", ".join(str(x) for x in (r.publisher, r.year) if x)
        lines.append(f"- {title} ({label.lower()}{', ' + fmt.inline(extra) if extra else ''})")
    return "\n".join(lines) + "\n"


def task_block(version: Version, current: str, task: Task, level: int = 3, anchor: bool = True,
               downloads: dict[str, int] | None = None) -> str:
    head = "#" * level
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
    if task.questions:
        parts += ["Spørsmål å arbeide med:", "", question_list(version, current, task.questions)]
    if task.resources:
        parts += ["Ressurser:", "", resource_list(version, current, task.resources)]
    if task.delivery:
        parts += [f"**Levering:** {fmt.inline(task.delivery)}", ""]
    if task.phases:
        parts += ["Fase: " + ", ".join(
            f"[{fmt.inline(version.phases[p].title)}]({urls.md_link(current, urls.phase(p))})" for p in task.phases), ""]
    parts.append(_source(version, task.source))
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
    parts = [f"# Forberedelse til {fmt.inline(g.title)}", "",
             f"**Når:** {fmt.gathering_when(g, weekday=True)}" + (f" · {fmt.inline(g.mode.capitalize())}" if g.mode else ""),
             "", "Dette gjør deltakerne før samlingen.", ""]
    for tid in g.preparation:
        parts.append(task_block(version, cur, version.tasks[tid], level=2))
    return _join(parts)


# ---------------------------------------------------------------- the pages

def start_page(version: Version, today: dt.date) -> str:
    p = version.programme
    cur = urls.START
    parts = [f"# {fmt.inline(p.title)}", ""]
    lead = [fmt.inline(p.subtitle)] if p.subtitle else []
    lead.append(fmt.capitalize(fmt.period(p.period)))
    parts += [" · ".join(lead), "{: .kfs-lead }", ""]
    if p.status == "utkast":
        parts += ['!!! warning "Utkast"', "    Denne versjonen er et utkast og kan endre seg.", ""]
    if p.intro:
        parts += [fmt.text(p.intro), ""]
    parts += ["## Hvor er vi nå?", "", status_text(version, today, cur), ""]
    parts += ["## Programmet kort fortalt", ""]
    facts = []
    if p.target_group:
        facts.append(f"**For hvem:** {fmt.inline(p.target_group)}")
    facts.append(f"**Periode:** {fmt.capitalize(fmt.period(p.period))}")
    if p.organisation and p.organisation.semesters:
        facts.append(f"**Varighet:** {fmt.number(p.organisation.semesters)} semestre")
    counts: dict[str, int] = {}
    for g in version.gatherings.values():
        counts[g.kind] = counts.get(g.kind, 0) + 1
    if counts.get("fellessamling"):
        facts.append(f"**Fellessamlinger:** {counts['fellessamling']}")
    if p.costs:
        facts.append(f"**Deltakeravgift:** {fmt.kroner(p.costs.fee)} per kommune for hele perioden")
    if p.application_deadline:
        facts.append(f"**Søknadsfrist:** {fmt.day(p.application_deadline)}")
    parts += ["\n".join(f"- {f}" for f in facts), ""]
    if p.purpose:
        parts += ["Programmet skal:", "", _bullets(p.purpose), ""]
    parts += [f"[Les mer om programmet]({urls.md_link(cur, urls.PROGRAMME)})", ""]
    parts += ["## Finn fram", ""]
    links = [
        ("Tidsplan og samlinger", urls.SCHEDULE, "alle samlinger med dato, forberedelser og mellomarbeid"),
        ("Forberedelser og mellomarbeid", urls.TASKS, "oppgavene før og mellom samlingene"),
        ("Fasemodellen", urls.PHASES, "fasene i utviklingsarbeidet"),
        ("Spørsmålsbank", urls.QUESTIONS, "dialogspørsmål til lokale møter"),
    ]
    if version.packs:
        links.insert(2, ("Temapakker", urls.PACKS, "ferdige pakker til egne møter"))
    if version.faq:
        links.append(("Spørsmål og svar", urls.FAQ, "det kommunene ofte lurer på"))
    if version.glossary:
        links.append(("Ordliste", urls.GLOSSARY, "begrepene programmet bruker"))
    parts += ["\n".join(f"- [{t}]({urls.md_link(cur, target)}): {d}" for t, target, d in links), ""]
    return _join(parts)


def status_text(version: Version, today: dt.date, current: str) -> str:
    """Where the programme is on `today`: before, during or after, and what to prepare next."""
    items = list(version.gatherings.items())
    if not items:
        return "Tidsplanen er ikke klar ennå."
    last = max(g.when.last_day() for _, g in items)
    if today > last:
        return (f"Programperioden er over. Den siste aktiviteten i tidsplanen var i {fmt.month(last.strftime('%Y-%m'))}. "
                f"Materialet fra perioden ligger her, og kan fortsatt brukes. "
                f"[Se hele tidsplanen]({urls.md_link(current, urls.SCHEDULE)}).")
    upcoming = version.next_gathering(today)
    assert upcoming is not None  # the last gathering has not ended (above)
    gid, g = upcoming
    lines = [f"Tidsplanen per {fmt.day(today)}."]
    ongoing = g.when.first_day() <= today
    label = "Nå" if ongoing else "Neste"
    lines.append("")
    lines.append(f"**{label}:** [{fmt.inline(g.title)}]({urls.md_link(current, urls.gathering(gid))}), "
                 f"{fmt.gathering_when(g)}" + (f" ({g.mode})" if g.mode else "") + ".")
    prep = g.preparation
    if prep:
        lines.append("")
        lines.append("**Forbered deg:**")
        lines.append("")
        for tid in prep:
            task = version.tasks[tid]
            lines.append(f"- [{fmt.inline(task.title)}]({urls.md_link(current, urls.gathering(gid), tid)})")
    lines.append("")
    lines.append(f"[Se hele tidsplanen]({urls.md_link(current, urls.SCHEDULE)}).")
    return "\n".join(lines)


def programme_page(version: Version) -> str:
    """«Om programmet»: the programme's facts, one section after the other (PROGRAMME_SECTIONS)."""
    parts = ["# Om programmet", ""]
    for section in PROGRAMME_SECTIONS:
        parts += section(version)
    return _join(parts)


def _programme_intro(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.subtitle:
        parts += [f"**{fmt.inline(p.title)}** – {fmt.inline(p.subtitle)}", ""]
    parts += [f"Eiere: {', '.join(fmt.inline(o) for o in p.owners)}. "
              f"Periode: {fmt.period(p.period)}." + (f" {fmt.inline(p.period.note)}" if p.period.note else ""), ""]
    return parts


def _programme_purpose(version: Version) -> list[str]:
    return ["## Formål", "", _bullets(version.programme.purpose), ""]


def _programme_target_group(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.target_group:
        parts += ["## Målgruppe", "", fmt.text(p.target_group), ""]
    return parts


def _programme_competence_goals(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.competence_goals:
        parts += ["## Kompetansemål", "", "Etter gjennomført program skal deltakerne ha:", "",
                  _bullets(p.competence_goals), ""]
    return parts


def _programme_effect_goals(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.effect_goals:
        parts += ["## Effektmål", "", _bullets(p.effect_goals), ""]
    return parts


def _programme_result_goals(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.result_goals:
        parts += ["## Resultatmål", ""]
        if p.result_goals.intro:
            parts += [fmt.text(p.result_goals.intro), ""]
        parts += [_bullets(p.result_goals.items), ""]
    return parts


def _programme_value_areas(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.value_areas:
        parts += ["## De fire verdiområdene", ""]
        for area in p.value_areas:
            parts.append(f"- **{fmt.inline(area.name)}**" + (f": {fmt.inline(area.description)}" if area.description else ""))
        parts.append("")
    return parts


def _programme_method(version: Version) -> list[str]:
    p = version.programme
    cur = urls.PROGRAMME
    parts: list[str] = []
    if p.method:
        parts += ["## Metode og arbeidsformer", "", _paragraphs(p.method), "",
                  f"Se også [fasemodellen]({urls.md_link(cur, urls.PHASES)}).", ""]
    return parts


def _programme_organisation(version: Version) -> list[str]:
    p = version.programme
    cur = urls.PROGRAMME
    parts: list[str] = []
    if p.organisation:
        o = p.organisation
        parts += ["## Organisering", ""]
        if o.semesters:
            parts += [f"Programperioden strekker seg over {fmt.number(o.semesters)} semestre.", ""]
        if o.points:
            parts += [_bullets(o.points), ""]
        parts += [f"Se [tidsplanen]({urls.md_link(cur, urls.SCHEDULE)}) for alle samlinger.", _source(version, o.source)]
    return parts


def _programme_participation(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.participation:
        pa = p.participation
        parts += ["## Forberedelse til deltakelse", ""]
        if pa.text:
            parts += [_paragraphs(pa.text), ""]
        facts = []
        if pa.group_minimum:
            facts.append(f"Kommunegruppen har minst {fmt.number(pa.group_minimum)} deltakere.")
        if pa.coordinator:
            facts.append("Hver kommunegruppe velger en koordinator.")
        if pa.school_owner:
            facts.append("Skoleeier må være representert.")
        if facts:
            parts += [_bullets(facts), ""]
        if pa.group_composition:
            parts += ["Kommunegruppen består av:", "", _bullets(pa.group_composition), ""]
        parts.append(_source(version, pa.source))
    return parts


def _programme_costs(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.costs:
        c = p.costs
        parts += ["## Kostnader", "", f"**Deltakeravgift:** {fmt.kroner(c.fee)} per kommune for hele programperioden."]
        if c.fee_use:
            parts += ["", fmt.text(c.fee_use)]
        parts.append("")
        if c.covered:
            parts += ["Programmet dekker:", "", _bullets(c.covered), ""]
        if c.municipality_pays:
            parts += ["Kommunen dekker selv:", "", _bullets(c.municipality_pays), ""]
        if c.invoicing:
            parts += [f"**Fakturering:** {fmt.inline(c.invoicing)}", ""]
        parts.append(_source(version, c.source))
    return parts


def _programme_selection(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.selection:
        s = p.selection
        parts += ["## Utvelgelse", ""]
        if s.intro:
            parts += [fmt.text(s.intro), ""]
        if s.criteria:
            parts += [_bullets(s.criteria), ""]
        parts.append(_source(version, s.source))
    return parts


def _programme_deadline(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.application_deadline:
        parts += ["## Søknadsfrist", "", f"Søknadsfristen er {fmt.day(p.application_deadline)}.", ""]
    return parts


def _programme_agreement(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.agreement_period:
        a = p.agreement_period
        parts += ["## Avtaleperiode", "", f"Avtalen gjelder for {fmt.period(a)}.", _source(version, a.source, a.note)]
    return parts


def _programme_obligations(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.obligations:
        parts += ["## Forpliktelser", "", _paragraphs(p.obligations), ""]
    return parts


def _programme_process_support(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.process_support:
        ps = p.process_support
        parts += ["## Prosess-støtte", "", _paragraphs(ps.text), ""]
        if ps.themes:
            parts += ["Aktuelle temaer:", "", _bullets(ps.themes), ""]
        parts.append(_source(version, ps.source))
    return parts


def _programme_free_sections(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    for section in p.sections:
        parts += [f"## {fmt.inline(section.title)}", "", fmt.text(section.text), _source(version, section.source)]
    return parts


def _programme_organisation_groups(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.organisation_groups:
        parts += ["## Organisasjonen", ""]
        for group in p.organisation_groups:
            parts += [f"### {fmt.inline(group.name)} {{#{group.id}}}", ""]
            if group.tasks:
                parts += ["Oppgaver:", "", _bullets(group.tasks), ""]
            if group.frequency:
                parts += [f"**Møtefrekvens:** {fmt.inline(group.frequency)}", ""]
            if group.working_form:
                parts += [f"**Arbeidsform:** {fmt.inline(group.working_form)}", ""]
            if group.members:
                parts += ["Medlemmer:", "", _bullets(group.members), ""]
    return parts


def _programme_municipalities_link(version: Version) -> list[str]:
    cur = urls.PROGRAMME
    parts: list[str] = []
    if version.municipalities:
        parts += [f"Se også [kommunene i programmet]({urls.md_link(cur, urls.MUNICIPALITIES)}).", ""]
    return parts


def _programme_contact(version: Version) -> list[str]:
    p = version.programme
    parts: list[str] = []
    if p.contact:
        c = p.contact
        parts += ["## Kontakt", ""]
        line = fmt.inline(c.name)
        if c.role:
            line += f", {fmt.inline(c.role)}"
        if c.organisation:
            line += f", {fmt.inline(c.organisation)}"
        parts += [line, ""]
        if c.email:
            parts += [f"- E-post: <{c.email}>"]
        if c.phone:
            parts += [f"- Telefon: {fmt.inline(c.phone)}"]
        parts.append(_source(version, c.source))
    return parts


def _programme_sources(version: Version) -> list[str]:
    p = version.programme
    parts = ["## Kilder", "", "Opplysningene på dette nettstedet kommer fra disse dokumentene:", ""]
    for s in p.sources:
        parts.append(f"- **{fmt.inline(s.title)}**" + (f": {fmt.inline(s.description)}" if s.description else ""))
    parts.append("")
    return parts


#: The sections of «Om programmet», in page order.
PROGRAMME_SECTIONS = [
    _programme_intro,
    _programme_purpose,
    _programme_target_group,
    _programme_competence_goals,
    _programme_effect_goals,
    _programme_result_goals,
    _programme_value_areas,
    _programme_method,
    _programme_organisation,
    _programme_participation,
    _programme_costs,
    _programme_selection,
    _programme_deadline,
    _programme_agreement,
    _programme_obligations,
    _programme_process_support,
    _programme_free_sections,
    _programme_organisation_groups,
    _programme_municipalities_link,
    _programme_contact,
    _programme_sources,
]


def phases_page(version: Version) -> str:
    m = version.phase_model
    cur = urls.PHASES
    parts = [f"# {fmt.inline(m.title)}", ""]
    if m.intro:
        parts += [_paragraphs(m.intro), ""]
    if version.phases:
        parts += [phase_figure(version, cur), ""]
    parts += ["## Fasene", ""]
    for pid, phase in version.phases.items():
        summary = f" – {len(phase.tasks)} oppgaver" if phase.tasks else ""
        parts.append(f"{phase.number}. [{fmt.inline(phase.title)}]({urls.md_link(cur, urls.phase(pid))}){summary}")
    parts.append("")
    if m.tracks:
        parts += ["## To spor", ""]
        for track in m.tracks:
            parts += [f"### {fmt.inline(track.name)} {{#{track.id}}}", ""]
            if track.description:
                parts += [fmt.text(track.description), ""]
    if m.action_learning:
        parts += ["## Aksjonslæring", "", _bullets(m.action_learning), ""]
    parts.append(_source(version, m.source))
    return _join(parts)


def phase_page(version: Version, pid: str) -> str:
    phase = version.phases[pid]
    cur = urls.phase(pid)
    total = len(version.phases)
    parts = [f"# {fmt.inline(phase.title)}", "", f"Fase {phase.number} av {total} i "
             f"[{fmt.inline(version.phase_model.title).lower()}]({urls.md_link(cur, urls.PHASES)}).", ""]
    if phase.description:
        parts += [_paragraphs(phase.description), ""]
    if phase.tasks:
        parts += ["## Kommunenes arbeid i fasen", "", _bullets(phase.tasks), ""]
    if phase.questions:
        parts += ["## Veiledende spørsmål", "", question_list(version, cur, phase.questions)]
    tagged_questions = [q for q, question in version.questions.items() if pid in question.phases
                        and q not in phase.questions]
    if tagged_questions:
        parts += ["## Flere spørsmål til denne fasen", "", question_list(version, cur, tagged_questions)]
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
    parts.append(_source(version, phase.source))
    return _join(parts)


def packs_page(version: Version) -> str:
    cur = urls.PACKS
    parts = ["# Temapakker", "",
             "Temapakkene er ferdig materiell til møter i kommunen. Velg en pakke for å se innhold, "
             "spørsmål og ressurser.", ""]
    for pid, pack in version.packs.items():
        parts += [f"## Pakke {pack.number}: {fmt.inline(pack.title)}", "", fmt.text(pack.summary), "",
                  f"[Åpne temapakken]({urls.md_link(cur, urls.pack(pid))})", ""]
    return _join(parts)


def pack_page(version: Version, pid: str, downloads: dict[str, int] | None = None) -> str:
    pack = version.packs[pid]
    cur = urls.pack(pid)
    parts = [f"# Pakke {pack.number}: {fmt.inline(pack.title)}", "", fmt.text(pack.summary), ""]
    facts = []
    if pack.audiences:
        facts.append("**For:** " + ", ".join(fmt.inline(version.audience_name(a)) for a in pack.audiences))
    if pack.value_areas:
        facts.append("**Verdiområder:** " + ", ".join(fmt.inline(version.value_area_name(a)) for a in pack.value_areas))
    if pack.phases:
        facts.append("**Faser:** " + ", ".join(
            f"[{fmt.inline(version.phases[p].title)}]({urls.md_link(cur, urls.phase(p))})" for p in pack.phases))
    if facts:
        parts += ["\n".join(f"- {f}" for f in facts), ""]
    if downloads and urls.pack_pdf(pid) in downloads:
        parts += [download_link(cur, urls.pack_pdf(pid), "Last ned temapakken som PDF", "PDF", downloads), ""]
    use = pack.use
    if use:
        parts += ["## Slik bruker du pakken", ""]
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
                parts += ["Refleksjonsspørsmål:", "", question_list(version, cur, use.preparation_questions)]
    for section in pack.sections:
        parts += [f"## {fmt.inline(section.title)}", "", fmt.text(section.text), _source(version, section.source)]
    if pack.questions:
        parts += ["## Spørsmål til samtalen", "", question_list(version, cur, pack.questions)]
    if pack.resources:
        parts += ["## Ressurser", "", resource_list(version, cur, pack.resources)]
    parts.append(_source(version, pack.source))
    return _join(parts)


def schedule_page(version: Version) -> str:
    cur = urls.SCHEDULE
    p = version.programme
    parts = ["# Tidsplan og samlinger", "",
             f"Tidsplanen for {fmt.inline(p.title)}, {fmt.period(p.period)}. "
             "Noen datoer er bare kjent som måned eller uke; de står slik kilden oppgir dem.", ""]
    if any(g.when.is_day_precise() for g in version.gatherings.values()):
        parts += ['<p><a class="md-button" href="../kalender.ics" download>Legg til i kalender</a> '
                  "Alle samlinger med fast dato, som kalenderfil (.ics) for Outlook, Google Kalender og andre.</p>", ""]
    rows = []
    for gid, g in version.gatherings.items():
        when = fmt.plain(fmt.gathering_when(g))
        if g.when.weeks:
            when += f'<br><span class="kfs-weeks">{fmt.plain(fmt.weeks(g.when.weeks))}</span>'
        mode = fmt.plain(g.mode.capitalize()) if g.mode else "–"
        extra = f'<br><span class="kfs-note">{fmt.plain(g.note)}</span>' if g.note else ""
        prep = " · forberedelse" if g.preparation else ""
        title = f'<a href="{urls.html_link(cur, urls.gathering(gid))}">{fmt.plain(g.title)}</a>{extra}'
        rows.append(Row([when, title, kind_label(g.kind), f"{mode}{prep}"], header=1, id=f"{gid}-rad"))
    if rows:
        parts += [timeline_figure(version, cur), ""]
    parts += [
        markup.table(f"Alle samlinger, koordinatormøter og veiledninger i {fmt.plain(p.version_title)}",
                     ["Når", "Hva", "Type", "Form"], rows, label="Alle samlinger", table_id="alle-samlinger"),
        "",
    ]
    return _join(parts)


def gathering_page(version: Version, gid: str, downloads: dict[str, int] | None = None) -> str:
    g = version.gatherings[gid]
    cur = urls.gathering(gid)
    parts = [f"# {fmt.inline(g.title)}", ""]
    facts = [f"**Når:** {fmt.gathering_when(g, weekday=True)}"]
    if g.when.weeks:
        facts.append(f"**Uke:** {fmt.weeks(g.when.weeks).removeprefix('uke ')}")
    if g.when.note:
        facts.append(f"**Presisering:** {fmt.inline(g.when.note)}")
    if g.duration_minutes:
        facts.append(f"**Varighet:** {fmt.duration(g.duration_minutes)}")
    facts.append(f"**Type:** {kind_label(g.kind)}")
    if g.mode:
        facts.append(f"**Form:** {g.mode.capitalize()}")
    if g.note:
        facts.append(f"**Merknad:** {fmt.inline(g.note)}")
    parts += ["\n".join(f"- {f}" for f in facts), ""]
    if g.when.is_day_precise():
        parts += ['<p><a class="md-button" href="kalender.ics" download>Legg til i kalender</a></p>', ""]
    if g.summary:
        parts += [fmt.text(g.summary), ""]
    if g.description:
        parts += [_paragraphs(g.description), ""]
    if g.contents:
        parts += ["## Innhold", "", _bullets(g.contents), ""]
    if g.agenda:
        parts += ["## Program", ""]
        for day in g.agenda:
            rows = []
            for item in day.items:
                time = fmt.clock(item.time) + (f"–{fmt.clock(item.end)}" if item.end else "")
                points = ""
                if item.points:
                    points = "<ul>" + "".join(f"<li>{fmt.plain(pt)}</li>" for pt in item.points) + "</ul>"
                rows.append(Row([time, f"{fmt.plain(item.title)}{points}"]))
            parts += [markup.table(fmt.plain(day.title), ["Når", "Hva"], rows), ""]
    if g.preparation:
        parts += ["## Forberedelse {#forberedelse}", "", "Dette gjør deltakerne før samlingen.", ""]
        if downloads and urls.preparation_pdf(gid) in downloads:
            parts += [download_link(cur, urls.preparation_pdf(gid), "Last ned forberedelsen som PDF", "PDF",
                                    downloads), ""]
        for tid in g.preparation:
            parts.append(task_block(version, cur, version.tasks[tid], level=3, downloads=downloads))
    if g.between_work:
        parts += ["## Mellomarbeid {#mellomarbeid}", "", "Dette arbeider kommunegruppen med etter samlingen.", ""]
        for tid in g.between_work:
            parts.append(task_block(version, cur, version.tasks[tid], level=3,
                                    anchor=tid not in g.preparation, downloads=downloads))
    if g.questions:
        parts += ["## Spørsmål til samlingen", "", question_list(version, cur, g.questions)]
    if g.resources:
        parts += ["## Ressurser", "", resource_list(version, cur, g.resources)]
    nav = _prev_next(cur, version.gatherings, gid, urls.gathering, "Forrige", "Neste")
    nav.append(f"[Hele tidsplanen]({urls.md_link(cur, urls.SCHEDULE)})")
    parts += [" · ".join(nav), ""]
    parts.append(_source(version, g.source, g.source_note))
    return _join(parts)


def tasks_page(version: Version, downloads: dict[str, int] | None = None) -> str:
    cur = urls.TASKS
    parts = ["# Forberedelser og mellomarbeid", "",
             "Oppgavene deltakerne gjør før samlingene (forberedelser) og mellom dem (mellomarbeid). "
             "Hver oppgave har sin egen lenke.", ""]
    for group_id, group in version.task_groups.items():
        parts += [f"## {fmt.inline(group.title)} {{#{group_id}}}", ""]
        for task in group.tasks:
            parts.append(old_anchors(version, "oppgave", task.id))
            parts.append(task_block(version, cur, task, level=3, downloads=downloads))
            uses = version.gathering_with_task(task.id)
            if uses:
                parts.append("Brukes til: " + ", ".join(
                    f"[{fmt.inline(version.gatherings[g].title)}]({urls.md_link(cur, urls.gathering(g))})"
                    f" ({'forberedelse' if use == 'forberedelse' else 'mellomarbeid'})" for g, use in uses) + "\n")
    return _join(parts)


def faq_page(version: Version) -> str:
    faq = version.faq
    assert faq is not None  # the page exists only when the version has faq.yml
    parts = ["# Spørsmål og svar", ""]
    if faq.intro:
        parts += [fmt.text(faq.intro), ""]
    for entry in faq.entries:
        answer = fmt.with_facts(version, fmt.text(entry.answer))
        if entry.language == "nn":
            parts += [f'## {fmt.inline(entry.question)} {{#{entry.id} lang="nn"}}', "",
                      f'<div lang="nn" markdown="1">\n\n{answer}\n\n</div>', ""]
        else:
            parts += [f"## {fmt.inline(entry.question)} {{#{entry.id}}}", "", answer, ""]
    return _join(parts)


def glossary_page(version: Version) -> str:
    cur = urls.GLOSSARY
    parts = ["# Ordliste", "", "Begrepene programmet bruker, forklart kort.", ""]
    assert version.glossary is not None  # the page exists only when the version has ordliste.yml
    terms = {t.id: t for t in version.glossary.terms}
    for term in sorted(version.glossary.terms, key=lambda t: t.term.lower()):
        parts += [f"## {fmt.inline(term.term)} {{#{term.id}}}", "", fmt.text(term.definition), ""]
        if term.see_also:
            parts += ["Se også: " + ", ".join(
                f"[{fmt.inline(terms[s].term)}]({urls.md_link(cur, cur, s)})" for s in term.see_also), ""]
    return _join(parts)


def municipalities_page(version: Version) -> str:
    parts = ["# Kommuner", ""]
    assert version.municipalities is not None  # the page exists only when the version has kommuner.yml
    for group in version.municipalities.groups:
        parts += [f"## {fmt.inline(group.title)} {{#{group.id}}}", ""]
        if group.description:
            parts += [fmt.text(group.description), ""]
        parts += ["\n".join(
            f"- {fmt.inline(m.name)}" + (f" ({fmt.inline(m.note)})" if m.note else "") for m in group.municipalities), ""]
        parts.append(_source(version, group.source))
    return _join(parts)


def resources_page(version: Version) -> str:
    parts = ["# Ressurser", "", "Rapporter, hefter, filmer og planer som programmet bygger på og viser til.", ""]
    for rid, r in version.resources.items():
        parts += [f"## {fmt.inline(r.title)} {{#{rid}}}", ""]
        facts = [RESOURCE_LABELS[r.kind]]
        if r.publisher:
            facts.append(fmt.inline(r.publisher))
        if r.year:
            facts.append(str(r.year))
        parts += [" · ".join(facts), "{: .kfs-meta }", ""]
        if r.description:
            parts += [fmt.text(r.description), ""]
        if r.url:
            parts += [f"[Gå til ressursen]({r.url})", ""]
        parts.append(_source(version, r.source))
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
