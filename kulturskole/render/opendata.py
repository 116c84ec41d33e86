"""Open data: each version's questions, gatherings, theme packs and tasks as JSON, and the page about them.

County branches show questions and gatherings on their own sites. `open_data()` gives the files of
one version (under `data/`, relative to the version folder): one JSON file per kind of thing, an
`index.json` that lists them, and a JSON Schema beside each. The shapes are the pydantic models in
`kulturskole.model.opendata_models`; the same models give the schemas and the field tables on the page
«Åpne data» (`open_data_page()`). The bytes depend only on the data and the site root, so a
rebuild gives the same files. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import opendata_models as od
from ..model import urls
from ..model.fieldtable import Style, Vocabulary, object_uses
from ..model.schema import Gathering, Question, Task, ThemePack, When
from ..model.version import Version
from . import calendar, markup, permalinks
from . import format as fmt
from .markup import Row

#: The folder of the files in a version, and the page that documents them.
INDEX = "index.json"


def schema_name(name: str) -> str:
    """"sporsmal.json" → "sporsmal.schema.json"."""
    return name.removesuffix(".json") + ".schema.json"


class _Refs:
    """Absolute addresses and short references, built the same way for every file."""

    def __init__(self, version: Version, site_root: str) -> None:
        self.v = version
        self.base = f"{urls.folder(site_root)}{version.name}/"
        self.paths = {(link.kind, link.id): link.path for link in permalinks.permanent_links(version)}
        self.audiences = {a.id: a.name for a in version.programme.audiences}
        self.value_areas = {a.id: a.name for a in version.programme.value_areas}

    def url(self, path: str) -> str:
        return self.base + path

    def permalink(self, kind: str, ident: str) -> str:
        return self.url(self.paths[(kind, ident)])

    def phase(self, pid: str) -> od.PhaseRef:
        p = self.v.phases[pid]
        return od.PhaseRef(id=pid, number=p.number, title=p.title, url=self.permalink("fase", pid))

    def question(self, qid: str) -> od.QuestionRef:
        return od.QuestionRef(id=qid, text=self.v.questions[qid].text, url=self.permalink("spørsmål", qid))

    def task(self, tid: str) -> od.TaskRef:
        return od.TaskRef(id=tid, title=self.v.tasks[tid].title, url=self.permalink("oppgave", tid))

    def resource(self, rid: str) -> od.ResourceRef:
        r = self.v.resources[rid]
        return od.ResourceRef(id=rid, title=r.title, kind=r.kind, link=r.url,
                              url=self.url(f"{urls.url_of(urls.RESOURCES)}#{rid}"))

    def audience(self, aid: str) -> od.NameRef:
        return od.NameRef(id=aid, name=self.audiences[aid])

    def value_area(self, aid: str) -> od.NameRef:
        return od.NameRef(id=aid, name=self.value_areas[aid])


# ---------------------------------------------------------------- one item of each kind

def _question(r: _Refs, qid: str, q: Question) -> od.QuestionOut:
    topic = r.v.question_topic[qid]
    return od.QuestionOut(
        id=qid, url=r.permalink("spørsmål", qid), text=q.text,
        topic=od.NameRef(id=topic, name=r.v.topics[topic].topic),
        phases=[r.phase(p) for p in q.phases], audiences=[r.audience(a) for a in q.audiences],
        language=q.language, note=q.note,
    )


def _precision(w: When) -> od.Precision:
    if w.day:
        return "dag"
    if w.start:
        return "dager"
    if w.month:
        return "måned"
    if w.month_start:
        return "måneder"
    return "en-av-månedene"


def _when(w: When) -> od.WhenOut:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return od.WhenOut(
        precision=_precision(w), day=iso(w.day), start=iso(w.start), end=iso(w.end), month=w.month,
        month_start=w.month_start, month_end=w.month_end, month_choice=list(w.month_choice),
        weeks=w.weeks, note=w.note, text=fmt.when(w),
    )


def _gathering(r: _Refs, gid: str, g: Gathering) -> od.GatheringOut:
    page = urls.url_of(urls.gathering(gid))
    return od.GatheringOut(
        id=gid, url=r.permalink("samling", gid), title=g.title, kind=g.kind, number=g.number, mode=g.mode,
        when=_when(g.when), time=od.ClockOut(start=g.time.start, end=g.time.end) if g.time else None,
        duration_minutes=g.duration_minutes, summary=g.summary, description=list(g.description),
        contents=list(g.contents),
        agenda=[od.AgendaDayOut(title=day.title, items=[
            od.AgendaItemOut(time=i.time, end=i.end, title=i.title, points=list(i.points)) for i in day.items])
            for day in g.agenda],
        preparation=[r.task(t) for t in g.preparation], between_work=[r.task(t) for t in g.between_work],
        questions=[r.question(q) for q in g.questions], resources=[r.resource(x) for x in g.resources],
        note=g.note, calendar=r.url(page + urls.CALENDAR) if calendar.in_calendar(g) else None,
    )


def _pack(r: _Refs, pid: str, p: ThemePack) -> od.PackOut:
    use = None
    if p.use:
        use = od.PackUseOut(
            presentation=p.use.presentation,
            running_order=[od.RunStepOut(title=s.title, minutes=s.minutes, description=s.description)
                           for s in p.use.running_order],
            preparation=p.use.preparation,
            preparation_questions=[r.question(q) for q in p.use.preparation_questions],
        )
    return od.PackOut(
        id=pid, url=r.permalink("temapakke", pid), number=p.number, title=p.title, summary=p.summary,
        audiences=[r.audience(a) for a in p.audiences], phases=[r.phase(x) for x in p.phases],
        value_areas=[r.value_area(a) for a in p.value_areas], use=use,
        sections=[od.SectionOut(title=s.title, text=s.text) for s in p.sections],
        questions=[r.question(q) for q in p.questions], resources=[r.resource(x) for x in p.resources],
    )


def _task(r: _Refs, tid: str, t: Task) -> od.TaskOut:
    group = r.v.task_group[tid]
    ws = t.worksheet
    worksheet = od.WorksheetOut(
        title=ws.title, intro=list(ws.intro), columns=list(ws.columns),
        rows=[od.WorksheetRowOut(number=row.number, content=row.content, explanation=row.explanation)
              for row in ws.rows],
    ) if ws else None
    return od.TaskOut(
        id=tid, url=r.permalink("oppgave", tid), title=t.title,
        group=od.TaskGroupRef(id=group, title=r.v.task_groups[group].title),
        kind=t.kind, who=t.who, minutes=t.minutes, description=list(t.description), delivery=t.delivery,
        questions=[r.question(q) for q in t.questions], resources=[r.resource(x) for x in t.resources],
        phases=[r.phase(p) for p in t.phases], worksheet=worksheet,
        gatherings=[od.GatheringUse(id=gid, title=r.v.gatherings[gid].title, use=use,
                                    url=r.permalink("samling", gid))
                    for gid, use in r.v.gathering_with_task(tid)],
    )


# ---------------------------------------------------------------- the files

@dataclass(frozen=True)
class DataFile:
    name: str                                   # file name in data/, e.g. "sporsmal.json"
    model: type[od.Export]                      # the shape of the file
    content: str                                # what the file holds, one bokmål sentence
    unit: str                                   # what it lists, e.g. "spørsmål"
    count: Callable[[Version], int] | None   # how many it lists (None for index.json)
    build: Callable[[_Refs], od.Export]

    @property
    def schema(self) -> str:
        return schema_name(self.name)


def _head(r: _Refs) -> dict[str, Any]:
    return {"format_version": od.FORMAT_VERSION, "version": r.v.name}


FILES: tuple[DataFile, ...] = (
    DataFile("sporsmal.json", od.QuestionsFile, "Alle dialogspørsmålene, med tema, faser og målgrupper.",
             "spørsmål", lambda v: len(v.questions),
             lambda r: od.QuestionsFile(**_head(r), questions=[_question(r, k, q) for k, q in r.v.questions.items()])),
    DataFile("samlinger.json", od.GatheringsFile,
             "Alle samlingene i tidsplanen, med tidspunkt, program og forberedelser.",
             "samlinger", lambda v: len(v.gatherings),
             lambda r: od.GatheringsFile(**_head(r),
                                         gatherings=[_gathering(r, k, g) for k, g in r.v.gatherings.items()])),
    DataFile("temapakker.json", od.PacksFile, "Alle temapakkene, med innhold, målgrupper og spørsmål.",
             "temapakker", lambda v: len(v.packs),
             lambda r: od.PacksFile(**_head(r), packs=[_pack(r, k, p) for k, p in r.v.packs.items()])),
    DataFile("oppgaver.json", od.TasksFile, "Alle forberedelser og mellomarbeid, med samlingene de hører til.",
             "oppgaver", lambda v: len(v.tasks),
             lambda r: od.TasksFile(**_head(r), tasks=[_task(r, k, t) for k, t in r.v.tasks.items()])),
)

INDEX_FILE = DataFile(INDEX, od.IndexFile, "Hvilke datafiler versjonen har, og hvor de ligger.", "oversikt", None,
                      lambda r: _index(r))


def _index(r: _Refs) -> od.IndexFile:
    p = r.v.programme
    return od.IndexFile(
        **_head(r), title=p.title, version_title=p.version_title,
        period=od.Period(start=p.period.start, end=p.period.end), url=r.url(""),
        files=[od.FileEntry(name=f.name, content=f.content, count=f.count(r.v) if f.count else 0,
                            url=r.url(f"{urls.OPEN_DATA_DIR}/{f.name}"), schema_url=r.url(f"{urls.OPEN_DATA_DIR}/{f.schema}"))
               for f in FILES],
        calendar=r.url(urls.CALENDAR), schema_url=r.url(f"{urls.OPEN_DATA_DIR}/{INDEX_FILE.schema}"),
    )


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def schema_of(f: DataFile, version: Version, site_root: str) -> dict:
    schema_id = f"{urls.folder(site_root)}{version.name}/{urls.OPEN_DATA_DIR}/{f.schema}"
    return od.json_schema(f.model, schema_id, f"{f.content} Format for åpne data fra {version.programme.title}, "
                                              f"formatversjon {od.FORMAT_VERSION}.")


def open_data(version: Version, site_root: str) -> dict[str, bytes]:
    """Output path (relative to the version folder) → bytes: each JSON file and its JSON Schema."""
    refs = _Refs(version, site_root)
    out: dict[str, bytes] = {}
    for f in (INDEX_FILE, *FILES):
        # pydantic writes the same bytes as _dump, several times faster.
        out[f"{urls.OPEN_DATA_DIR}/{f.name}"] = (f.build(refs).model_dump_json(by_alias=True, indent=2) + "\n").encode("utf-8")
        out[f"{urls.OPEN_DATA_DIR}/{f.schema}"] = _dump(schema_of(f, version, site_root))
    return out


# ---------------------------------------------------------------- the page «Åpne data»

def _href(path: str) -> str:
    """A relative link from the page to a file in the version folder (raw HTML)."""
    return posixpath.relpath(path, urls.url_of(urls.OPEN_DATA))


def _addresses(site_root: str, version: Version, path: str, label: str) -> str:
    rows = []
    for name, folder in (("Denne versjonen", version.name), ("Alltid gjeldende versjon", urls.LATEST)):
        url = f"{urls.folder(site_root)}{folder}/{path}"
        rows.append(
            f'<dt>{name}</dt><dd><code class="kfs-url">{fmt.plain(url)}</code> '
            f'<button type="button" class="md-button kfs-copy" data-kfs-copy="{fmt.attr(url)}" '
            f'aria-label="Kopier adressen til {fmt.attr(label)} ({name.lower()})" hidden>Kopier</button></dd>'
        )
    return "<dl>\n" + "\n".join(rows) + "\n</dl>\n"


def _file_item(site_root: str, version: Version, f: DataFile) -> str:
    path = f"{urls.OPEN_DATA_DIR}/{f.name}"
    meta = f"{f.count(version)} {f.unit}" if f.count else f.unit
    return (
        f'<div class="kfs-link">\n<p class="kfs-link__title"><a href="{fmt.attr(_href(path))}">{f.name}</a> '
        f'<span class="kfs-meta">{fmt.plain(meta)}</span></p>\n'
        f"<p>{fmt.plain(f.content)} Skjema: "
        f'<a href="{fmt.attr(_href(f"{urls.OPEN_DATA_DIR}/{f.schema}"))}">{f.schema}</a>.</p>\n'
        + _addresses(site_root, version, path, f.name) + "</div>\n"
    )


#: JSON Schema patterns and formats in words: (one, several).
_PATTERN_WORDS = {
    od.DAY_PATTERN: ("dato ÅÅÅÅ-MM-DD", "datoer ÅÅÅÅ-MM-DD"),
    od.MONTH_PATTERN: ("måned ÅÅÅÅ-MM", "måneder ÅÅÅÅ-MM"),
    od.TIME_PATTERN: ("klokkeslett TT:MM", "klokkeslett TT:MM"),
    od.URL_PATTERN: ("nettadresse", "nettadresser"),
    "uri": ("nettadresse", "nettadresser"),
}


class _Fields:
    """The field tables of one file, read from its JSON Schema: the file first, then each object in it."""

    def __init__(self, f: DataFile, schema: dict) -> None:
        self.f = f
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.order = list(object_uses(schema, self.defs))
        self.vocabulary = Vocabulary(
            Style(code=lambda text: f"<code>{fmt.plain(text)}</code>",
                  link=lambda text, name: f'<a href="#{self.anchor(name)}">{fmt.plain(text)}</a>'),
            patterns=_PATTERN_WORDS, types={"string": ("tekst", "tekster"), "integer": ("heltall", "heltall")},
            say_null=True, object_title=lambda name: self.defs[name]["title"])

    def anchor(self, name: str) -> str:
        return f"{self.f.name.removesuffix('.json')}-{name.lower()}"

    def words(self, node: dict) -> str:
        return self.vocabulary.field_type(node)

    def table(self, node: dict, caption: str, anchor: str = "") -> str:
        rows = [Row([f"<code>{fmt.plain(key)}</code>", self.words(prop), fmt.plain(prop.get("description", ""))])
                for key, prop in node.get("properties", {}).items()]
        return markup.table(fmt.plain(caption), ["Nøkkel", "Type", "Beskrivelse"], rows, wrap_id=anchor) + "\n"

    def tables(self) -> list[str]:
        out = [self.table(self.schema, f"Feltene øverst i {self.f.name}")]
        for name in self.order:
            out.append(self.table(self.defs[name], f"{self.defs[name]['title']} i {self.f.name}",
                                  self.anchor(name)))
        return out


def _example(site_root: str) -> str:
    url = f"{urls.folder(site_root)}{urls.LATEST}/{urls.OPEN_DATA_DIR}/sporsmal.json"
    code = "\n".join([
        f'const svar = await fetch("{url}");',
        "const data = await svar.json();",
        'for (const sporsmal of data["spørsmål"]) {',
        "  const lenke = document.createElement(\"a\");",
        "  lenke.href = sporsmal.url;",
        "  lenke.textContent = sporsmal.tekst;",
        '  document.querySelector("#sporsmal").append(lenke);',
        "}",
    ])
    return "\n".join("    " + line for line in code.splitlines())


def open_data_page(version: Version, site_root: str) -> str:
    """The page «Åpne data»: what the files are for, where they are, and every field in them."""
    p = version.programme
    parts = [
        "# Åpne data", "",
        f"Spørsmålene, samlingene, temapakkene og oppgavene i {fmt.inline(p.title)} finnes også som datafiler. "
        "Fylkesavdelinger og andre kan bruke dem til å vise spørsmål og samlinger på egne nettsider. "
        "Da henter nettsiden innholdet rett herfra, og dere slipper å skrive det av.", "",
        "Filene er i formatet JSON, med tegnsettet UTF-8. Hver fil har et JSON Schema ved siden av seg. "
        "Skjemaet beskriver feltene, og kan brukes til å sjekke fila.", "",
        "## Filene", "",
        f"Hver fil har to adresser. **Denne versjonen** gir alltid filene fra {fmt.inline(p.version_title)}. "
        "**Alltid gjeldende versjon** gir filene fra den programversjonen som gjelder når nettsiden henter dem.", "",
        "Filene i en eldre versjon endrer seg ikke når en ny versjon kommer. "
        "Vil dere alltid vise det nyeste, bruk adressen til gjeldende versjon.", "",
        '<p class="kfs-copy-status" role="status" aria-live="polite"></p>', "",
    ]
    for f in (INDEX_FILE, *FILES):
        parts.append(_file_item(site_root, version, f))
    parts += [
        "## Kalender", "",
        f'Samlingene med fast dato finnes også som kalenderfil: <a href="{fmt.attr(_href(urls.CALENDAR))}">'
        f"{urls.CALENDAR}</a>. Den kan legges inn i Outlook, Google Kalender og andre kalendere. "
        "Hver samling med fast dato har også sin egen kalenderfil på samlingens side.", "",
        _addresses(site_root, version, urls.CALENDAR, urls.CALENDAR),
        "## Slik henter dere spørsmålene", "",
        "Dette eksempelet i JavaScript henter alle spørsmålene fra gjeldende versjon. "
        "Det lager en lenke til hvert spørsmål i elementet med id «sporsmal». "
        'Legg koden i et skript med <code>type="module"</code> på nettsiden:', "",
        _example(site_root), "",
        "Nettleseren henter bare filer fra et annet nettsted når serveren tillater det. "
        "Virker det ikke, kan dere laste ned fila og legge den på deres eget nettsted.", "",
        "## Feltene i filene", "",
        "Alle nøklene er alltid med. Er en verdi ukjent, står det null. Tekst merket Markdown kan ha "
        "uthevinger, lister og lenker. Tidspunkter står så presist som kilden oppgir dem: "
        "er bare måneden kjent, står det en måned, ikke en dato.", "",
        f"Formatet har versjonsnummer (formatversjon {od.FORMAT_VERSION}). "
        "Nummeret øker bare hvis en endring kan få eksisterende bruk til å slutte å virke.", "",
    ]
    for f in (INDEX_FILE, *FILES):
        parts += [f"### {f.name}", "", fmt.plain(f.content), ""]
        parts += _Fields(f, schema_of(f, version, site_root)).tables()
    return "\n".join(parts) + "\n"


__all__ = ["INDEX", "FILES", "open_data", "open_data_page", "schema_name"]
