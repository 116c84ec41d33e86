"""Validate one version folder: every file against the schema, then every reference between files.

`validate_version` never raises for bad data. It returns the version (only when there are no
problems) and every problem found, each with file, line and field. An error in one file never
hides the errors in another: when program.yml or fasemodell.yml is broken, the other files are
still checked against each other, and only references to ids the broken file defines are let pass.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..load import LoadedFile, Problem, dotted, read_yaml
from ..model.facts import FACTS, PLACEHOLDER, fact, resolve, text_fields
from ..model.labels import REF_LABELS
from ..model.schema import (
    FILE_KINDS,
    REF_KEY,
    Agreement,
    ExpectationsFile,
    FaqFile,
    Gathering,
    GlossaryFile,
    HistoryFile,
    MunicipalitiesFile,
    Phase,
    PhaseModel,
    Programme,
    Question,
    QuestionsFile,
    Redirect,
    Resource,
    Task,
    TasksFile,
    ThemePack,
)
from ..model.structure import page_addresses
from ..model.types import ID_PATTERN
from ..model.version import Version, schedule_key
from . import dates
from .messages import describe
from .prose import line_of_text, prose_problems, typed_facts
from .sourcing import field_source_problems, sourcing_problems

_ID_RE = re.compile(ID_PATTERN)
VERSION_RE = re.compile(r"^\d{4}-\d{4}$")


#: The kinds of id each kind of data file defines.
DEFINES = {
    "fase": ("fase",), "sporsmal": ("spørsmål",), "oppgaver": ("oppgave",), "ressurser": ("ressurs",),
    "ordliste": ("begrep",), "program": ("målgrupper", "verdiområder", "kilder", "organisasjon"),
    "fasemodell": ("spor",), "samling": ("samling",), "temapakke": ("temapakke",),
}


_PAGE_RE = re.compile(r"([a-z0-9-]+/)*")


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    """« Mente du «…»?» with the closest known value, or nothing."""
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" Mente du «{guess[0]}»?" if guess else ""


@dataclass
class Result:
    version: Version | None
    problems: list[Problem] = field(default_factory=list)
    #: Things to fix before the version is published: dates outside the period of a draft (validate/dates.py).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def list_versions(data_dir: Path) -> list[str]:
    """Version folders in `data/`, oldest first."""
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and VERSION_RE.match(p.name))


@dataclass
class _Contents:
    """Every data file of the version that passed the schema, indexed by id.

    A `Version` needs both program.yml and fasemodell.yml. This holds whatever could be read, with
    `programme` or `phase_model` None when that file is missing or broken, so the checks between
    the other files run all the same."""

    name: str
    root: Path
    programme: Programme | None = None
    phase_model: PhaseModel | None = None
    municipalities: MunicipalitiesFile | None = None
    phases: dict[str, Phase] = field(default_factory=dict)
    topics: dict[str, QuestionsFile] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    question_topic: dict[str, str] = field(default_factory=dict)
    task_groups: dict[str, TasksFile] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    task_group: dict[str, str] = field(default_factory=dict)
    gatherings: dict[str, Gathering] = field(default_factory=dict)
    packs: dict[str, ThemePack] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    faq: FaqFile | None = None
    glossary: GlossaryFile | None = None
    redirects: list[Redirect] = field(default_factory=list)
    agreement: Agreement | None = None
    expectations: ExpectationsFile | None = None
    history: HistoryFile | None = None

    def version(self) -> Version | None:
        """The version as a whole, or None when program.yml or fasemodell.yml could not be read."""
        if self.programme is None or self.phase_model is None:
            return None
        # Every field of Version has its twin here: a field added to Version is carried over by name.
        version = Version(**{f.name: getattr(self, f.name) for f in fields(Version)})
        version.sort()
        return version


@dataclass
class _Item:
    """One validated object and where it came from, for messages about references."""

    value: Any
    file: LoadedFile
    loc: tuple
    display: str

    def line(self, *sub: Any) -> int:
        return self.file.line_of(self.loc + tuple(sub))


class _Checker:
    def __init__(self, project_dir: Path, data_dir: Path, name: str) -> None:
        self.project_dir = project_dir
        self.root = data_dir / name
        self.name = name
        self.problems: list[Problem] = []
        self.files: dict[str, list[tuple[LoadedFile, Any]]] = {}
        # Kinds of id defined in a file that has errors or is missing: a reference to such an id may
        # be right, so it is not reported as missing (that would blame files the editor did not touch).
        self.uncertain: set[str] = set()
        #: the kinds of file (FILE_KINDS) of which at least one file could not be read or is not valid
        self.broken: set[str] = set()
        # Kind of id → id → where it is defined (the first definition, when an id is used twice).
        self.items: dict[str, dict[str, _Item]] = {}

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project_dir))
        except ValueError:
            return str(path)

    def hand_written_pages(self) -> list[str]:
        """The pages written by hand in the project's docs/ folder (their sources, e.g. "personvern.md")."""
        docs = self.project_dir / "docs"
        return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []

    def add(self, file: str, line: int, field_path: str, message: str) -> None:
        self.problems.append(Problem(file, line, field_path, message))

    # -- step 1: every file on its own

    def read_all(self) -> None:
        known: set[Path] = set()
        for kind, spec in FILE_KINDS.items():
            pattern = spec["pattern"]
            paths = sorted(self.root.glob(pattern))
            known.update(paths)
            if spec["required"] and not paths:
                where = self.root / pattern.split("*")[0] if "*" in pattern else self.root / pattern
                self.add(self.display(where).rstrip("/") + ("/" if "*" in pattern else ""), 1, "",
                         f"mangler: hver versjon trenger {spec['title'].lower()} ({pattern})")
                self.uncertain.update(DEFINES.get(kind, ()))
            loaded = []
            for path in paths:
                display = self.display(path)
                if "*" in pattern and not _ID_RE.match(path.stem):
                    self.add(display, 1, "", f"filnavnet «{path.name}» kan ikke brukes som id i en lenke. Bruk små "
                                             "bokstaver a–z, tall og bindestrek, for eksempel kulturskole-hele-livet.yml")
                    continue
                file = read_yaml(path, display)
                self.problems.extend(file.problems)
                if file.problems:
                    self.uncertain.update(DEFINES.get(kind, ()))
                    self.broken.add(kind)
                    continue
                model = spec["model"]
                try:
                    value = model.model_validate(file.data)
                except ValidationError as err:
                    for error in err.errors():
                        loc, message = describe(dict(error), model)
                        self.add(display, file.line_of(loc), dotted(loc), message)
                    self.uncertain.update(DEFINES.get(kind, ()))
                    self.broken.add(kind)
                    continue
                loaded.append((file, value))
            self.files[kind] = loaded
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path not in known and not path.name.startswith("."):
                hint = " Datafiler slutter på .yml." if path.suffix == ".yaml" else ""
                self.add(self.display(path), 1, "",
                         "ukjent fil: den hører ikke til noen type datafil og blir ikke brukt." + hint
                         + " Se redigeringsveiledningen for hvor filene skal ligge")

    # -- step 2: the version as a whole

    def assemble(self) -> _Contents:
        """Index every file that passed the schema by id and report ids used twice. This runs whatever
        else is broken: a missing or broken program.yml or fasemodell.yml leaves its part empty."""
        def one(kind: str) -> tuple[Any, Any]:
            """(file, value) of the kind that has one file, or (None, None)."""
            found = self.files.get(kind)
            return found[0] if found else (None, None)

        program_file, programme = one("program")
        model_file, phase_model = one("fasemodell")
        contents = _Contents(name=self.name, root=self.root, programme=programme, phase_model=phase_model)
        contents.municipalities = one("kommuner")[1]
        contents.faq = one("faq")[1]
        contents.glossary = one("ordliste")[1]
        contents.agreement = one("avtale")[1]
        contents.expectations = one("forventninger")[1]
        contents.history = one("historikk")[1]
        redirects = one("omdirigeringer")[1]
        if redirects is not None:
            contents.redirects = list(redirects.redirects)

        def register(kind: str, ident: str, item: _Item, label: str) -> bool:
            table = self.items.setdefault(kind, {})
            if ident in table:
                first = table[ident]
                self.add(item.display, item.line("id") if item.loc else 1, dotted(item.loc + ("id",)) if item.loc else "",
                         f"{label} «{ident}» finnes allerede ({first.display}:{first.line()}). Id-er må være unike")
                return False
            table[ident] = item
            return True

        for file, value in self.files.get("fase", []):
            if register("fase", file.path.stem, _Item(value, file, (), file.path.name), "fasen"):
                contents.phases[file.path.stem] = value
        for file, value in self.files.get("temapakke", []):
            if register("temapakke", file.path.stem, _Item(value, file, (), file.path.name), "temapakken"):
                contents.packs[file.path.stem] = value
        for file, value in self.files.get("samling", []):
            if register("samling", file.path.stem, _Item(value, file, (), file.path.name), "samlingen"):
                contents.gatherings[file.path.stem] = value
        for file, value in self.files.get("sporsmal", []):
            topic = file.path.stem
            contents.topics[topic] = value
            for i, question in enumerate(value.questions):
                item = _Item(question, file, ("spørsmål", i), file.path.name)
                item.display = self.display(file.path)
                if register("spørsmål", question.id, item, "spørsmålet"):
                    contents.questions[question.id] = question
                    contents.question_topic[question.id] = topic
        for file, value in self.files.get("oppgaver", []):
            contents.task_groups[file.path.stem] = value
            for i, task in enumerate(value.tasks):
                item = _Item(task, file, ("oppgaver", i), self.display(file.path))
                if register("oppgave", task.id, item, "oppgaven"):
                    contents.tasks[task.id] = task
                    contents.task_group[task.id] = file.path.stem
        for file, value in self.files.get("ressurser", []):
            for i, resource in enumerate(value.resources):
                item = _Item(resource, file, ("ressurser", i), self.display(file.path))
                if register("ressurs", resource.id, item, "ressursen"):
                    contents.resources[resource.id] = resource
        if programme is not None:
            for key, label, items in (
                ("målgrupper", "målgruppen", programme.audiences),
                ("verdiområder", "verdiområdet", programme.value_areas),
                ("kilder", "kilden", programme.sources),
                ("organisasjon", "gruppen", programme.organisation_groups),
            ):
                for i, obj in enumerate(items):
                    register(key, obj.id, _Item(obj, program_file, (key, i), self.display(program_file.path)), label)
        if phase_model is not None:
            for i, track in enumerate(phase_model.tracks):
                register("spor", track.id, _Item(track, model_file, ("spor", i), self.display(model_file.path)), "sporet")
        if contents.glossary:
            file = one("ordliste")[0]
            for i, term in enumerate(contents.glossary.terms):
                register("begrep", term.id, _Item(term, file, ("begreper", i), self.display(file.path)), "begrepet")
        if contents.faq:
            file = one("faq")[0]
            for i, entry in enumerate(contents.faq.entries):
                register("faq", entry.id, _Item(entry, file, ("spørsmål", i), self.display(file.path)), "spørsmålet")
        if contents.municipalities:
            file = one("kommuner")[0]
            for i, group in enumerate(contents.municipalities.groups):
                register("kommuneliste", group.id, _Item(group, file, ("lister", i), self.display(file.path)), "listen")
        return contents

    # -- step 3: references, order and facts

    def check_references(self) -> None:
        """Every field marked as a reference in the schema must name an existing id."""
        for file_list in self.files.values():
            for file, value in file_list:
                self._walk_refs(file, value, ())

    def _walk_refs(self, file: LoadedFile, obj: Any, loc: tuple) -> None:
        if isinstance(obj, list):
            for i, value in enumerate(obj):
                self._walk_refs(file, value, loc + (i,))
            return
        if not isinstance(obj, BaseModel):
            return
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            key = info.alias or name
            extra = info.json_schema_extra
            kind = extra.get(REF_KEY) if isinstance(extra, dict) else None
            if not isinstance(kind, str):
                self._walk_refs(file, value, loc + (key,))
                continue
            if kind in self.uncertain:
                continue
            label, where = REF_LABELS[kind]
            refs = value if isinstance(value, list) else [] if value is None else [value]
            for i, ref in enumerate(refs):
                if ref in self.items.get(kind, {}):
                    continue
                sub = loc + (key, i) if isinstance(value, list) else loc + (key,)
                self.add(self.display(file.path), file.line_of(sub), dotted(sub),
                         f"{label} «{ref}» finnes ikke ({where}).{_did_you_mean(ref, self.items.get(kind, {}))}")

    def _unique_numbers(self, table: str, items: list[tuple[str, Any]], label: str, folder: str) -> dict[int, str]:
        """Report a `nummer` used twice among `items`; return number → id."""
        seen: dict[int, str] = {}
        for ident, obj in items:
            if obj.number in seen:
                item = self.items[table][ident]
                self.add(self.display(item.file.path), item.line("nummer"), "nummer",
                         f"{label} nummer {obj.number} er brukt to ganger (også i {folder}/{seen[obj.number]}.yml)")
            seen[obj.number] = ident
        return seen

    def check_order(self, contents: _Contents) -> None:
        numbers = self._unique_numbers("fase", list(contents.phases.items()), "fase", "faser")
        expected = list(range(1, len(contents.phases) + 1))
        if sorted(numbers) != expected and len(numbers) == len(contents.phases) and "fase" not in self.uncertain:
            first = next(iter(self.items["fase"].values()))
            self.add(self.display(first.file.path.parent), 1, "nummer",
                     f"fasene må være nummerert 1 til {len(contents.phases)} uten hull; fant {sorted(numbers)}")
        self._unique_numbers("temapakke", list(contents.packs.items()), "temapakke", "temapakker")
        by_kind: dict[str, list[tuple[str, Any]]] = {}
        for gid, gathering in sorted(contents.gatherings.items(), key=lambda kv: schedule_key(kv[1])):
            if gathering.number is not None:
                by_kind.setdefault(gathering.kind, []).append((gid, gathering))
        for kind, items in by_kind.items():
            self._unique_numbers("samling", items, kind, "samlinger")
            ordered = sorted(items, key=lambda kv: kv[1].number)
            for (prev_id, prev), (gid, gathering) in zip(ordered, ordered[1:]):
                if schedule_key(gathering) < schedule_key(prev):
                    item = self.items["samling"][gid]
                    self.add(self.display(item.file.path), item.line("når"), "når",
                             f"{gathering.title} er datert før {prev.title} (samlinger/{prev_id}.yml). "
                             "Samlinger med nummer må komme i tidsrekkefølge; sjekk datoen eller nummeret")

    def check_history(self, contents: _Contents) -> None:
        """A history event that takes its date from program.yml (`dato_fra`) needs that date there."""
        if contents.history is None or contents.programme is None:
            return
        file = self.files["historikk"][0][0]
        for loc, message in contents.history.problems_with(contents.programme):
            self.add(self.display(file.path), file.line_of(loc), dotted(loc), message)

    def check_agreement(self, contents: _Contents) -> None:
        """The contract (avtale.yml) takes its period and its party from program.yml: both must be there."""
        if contents.agreement is None or contents.programme is None:
            return
        file = self.files["avtale"][0][0]
        for loc, message in contents.agreement.problems_with(contents.programme):
            self.add(self.display(file.path), file.line_of(loc) if loc else 1, dotted(loc), message)

    def check_redirects(self, contents: _Contents, version: Version | None) -> None:
        """Each redirect leads from an id (or page) that is gone to one that exists in this version.

        The pages are those of the whole version: without it (program.yml or fasemodell.yml broken)
        only the form of a page address is checked, not whether the page exists."""
        if not contents.redirects:
            return
        file = self.files["omdirigeringer"][0][0]
        display = self.display(file.path)
        pages = None
        if version is not None and any(redirect.kind == "side" for redirect in contents.redirects):
            pages = page_addresses(version, self.hand_written_pages())
        seen: dict[tuple[str, str], int] = {}
        for i, redirect in enumerate(contents.redirects):
            loc = ("omdirigeringer", i)
            kind = redirect.kind
            if kind == "side":
                ok_format = _PAGE_RE.fullmatch
                for key, value in (("fra", redirect.old), ("til", redirect.new)):
                    if not ok_format(value):
                        self.add(display, file.line_of(loc + (key,)), dotted(loc + (key,)),
                                 f"«{value}» er ikke en sideadresse. Skriv den slik den står etter versjonen i "
                                 "lenken, med skråstrek til slutt, for eksempel kommuner/")
                if pages is not None and ok_format(redirect.old) and redirect.old in pages:
                    self.add(display, file.line_of(loc + ("fra",)), dotted(loc + ("fra",)),
                             f"siden «{redirect.old}» finnes fortsatt i denne versjonen, så den kan ikke sende "
                             "leseren videre. Fjern omdirigeringen")
                if pages is not None and ok_format(redirect.new) and redirect.new not in pages:
                    self.add(display, file.line_of(loc + ("til",)), dotted(loc + ("til",)),
                             f"siden «{redirect.new}» finnes ikke i denne versjonen.{_did_you_mean(redirect.new, pages)}")
            else:
                label, where = REF_LABELS.get(kind, (f"{kind}en", ""))
                table = self.items.get(kind, {})
                if kind in self.uncertain:
                    continue
                for key, value in (("fra", redirect.old), ("til", redirect.new)):
                    if not _ID_RE.match(value):
                        self.add(display, file.line_of(loc + (key,)), dotted(loc + (key,)),
                                 f"«{value}» er ikke en id. Id-er har små bokstaver a–z, tall og bindestrek")
                if redirect.old in table:
                    self.add(display, file.line_of(loc + ("fra",)), dotted(loc + ("fra",)),
                             f"{label} «{redirect.old}» finnes fortsatt i denne versjonen, så den gamle lenken "
                             "virker allerede. Fjern omdirigeringen")
                if redirect.new not in table:
                    self.add(display, file.line_of(loc + ("til",)), dotted(loc + ("til",)),
                             f"{label} «{redirect.new}» finnes ikke i denne versjonen{' (' + where + ')' if where else ''}."
                             + _did_you_mean(redirect.new, table))
            old = (kind, redirect.old)
            if old in seen:
                self.add(display, file.line_of(loc + ("fra",)), dotted(loc + ("fra",)),
                         f"«{redirect.old}» har allerede en omdirigering (linje {seen[old]}). Behold bare én")
            else:
                seen[old] = file.line_of(loc)

    def check_dates(self, contents: _Contents) -> list[Problem]:
        """Gatherings and the application deadline outside the version's period (validate/dates.py)."""
        programme = contents.programme
        found = self.files.get("program")
        if programme is None or not found:
            return []
        program_file = found[0][0]
        display = self.display(program_file.path)
        out = []
        if VERSION_RE.match(self.name):
            wrong = dates.period_outside_name(self.name, programme.period.start)
            if wrong:
                out.append(Problem(display, program_file.line_of(("periode", "fra")), "periode.fra", wrong))
        items = []
        for gid, gathering in contents.gatherings.items():
            where = self.items["samling"][gid]
            items.append(dates.Dated(self.display(where.file.path), where.line("når"), "når", gathering.title,
                                     gathering.when.first_day(), gathering.when.last_day(),
                                     early=gathering.kind in dates.EARLY_KINDS,
                                     late=gathering.kind in dates.LATE_KINDS))
        if programme.application_deadline:
            day = programme.application_deadline
            items.append(dates.Dated(display, program_file.line_of(("søknadsfrist",)), "søknadsfrist",
                                     "Søknadsfristen", day, day, early=True))
        for item, message in dates.outside(items, programme.period.start, programme.period.end):
            out.append(Problem(item.file, item.line, item.field, message))
        return out

    def check_sourcing(self) -> None:
        """Definitions, descriptions and answers say where they come from (see `sourcing`)."""
        for file_list in self.files.values():
            for file, value in file_list:
                for line, where, message in sourcing_problems(file, value):
                    self.add(self.display(file.path), line, where, message)
        for file, programme in self.files.get("program", []):
            known = {source.id for source in programme.sources}
            for line, where, message in field_source_problems(file, programme, known):
                self.add(self.display(file.path), line, where, message)

    def check_facts(self, version: Version | None) -> None:
        """Each [[name]] in any text field of any file must be a known fact with a value in this
        version. The value comes from the whole version: without it (program.yml or fasemodell.yml
        broken), or when any file is broken (a gathering the fact counts, say), the fact may have one,
        so only unknown names are reported. The line is the one the placeholder stands on, also inside
        a text of several lines."""
        for file_list in self.files.values():
            for file, value in file_list:
                for loc, text, *_ in text_fields(value):
                    if "[[" not in text:
                        continue
                    for match in PLACEHOLDER.finditer(text):
                        name = match.group(1)
                        line = line_of_text(file, loc, match.group(0))
                        if name not in FACTS:
                            self.add(self.display(file.path), line, dotted(loc),
                                     f"[[{name}]] er ikke et kjent programfaktum.{_did_you_mean(name, FACTS)} "
                                     f"Kjente: {', '.join(sorted(FACTS))}")
                        elif version is not None and not self.broken and fact(version, name) is None:
                            self.add(self.display(file.path), line, dotted(loc),
                                     f"[[{name}]] har ingen verdi i denne versjonen. Fyll ut feltet faktumet kommer "
                                     "fra (program.yml, kommuner.yml eller samlingene), eller skriv teksten uten det")

    def check_prose(self, version: Version | None) -> None:
        """Numbers and dates in text that the data holds as facts (see `prose`)."""
        if version is None:
            return
        facts = typed_facts(version)
        for file_list in self.files.values():
            for file, value in file_list:
                for line, where, message in prose_problems(version, file, value, facts):
                    self.add(self.display(file.path), line, where, message)


def _contents_key(folder: Path) -> str:
    """A digest of every file below `folder`, by path and content (not time: an edit within the
    same clock tick still counts)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def validate_version(data_dir: Path, name: str, project_dir: Path | None = None) -> Result:
    """Load and validate `data_dir/name`. The version is returned only when there is no problem."""
    data_dir = Path(data_dir)
    project_dir = Path(project_dir) if project_dir else data_dir.parent
    if not (data_dir / name).is_dir():
        checker = _Checker(project_dir, data_dir, name)
        known = ", ".join(list_versions(data_dir)) or "ingen"
        checker.add(checker.display(data_dir / name), 1, "", f"versjonen «{name}» finnes ikke. Kjente versjoner: {known}")
        return Result(None, checker.problems)
    return _validate(data_dir, name, project_dir)


class Validator:
    """Validates versions and keeps each result while the version folder's files are unchanged.

    The command line and the site adapter both check a version before building it; sharing one
    Validator makes that one check per build, and the preview checks again only after an edit.
    A result is shared: treat it as read-only."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self._results: dict[tuple, Result] = {}

    def validate(self, data_dir: Path, name: str, project_dir: Path | None = None) -> Result:
        data_dir = Path(data_dir)
        project_dir = Path(project_dir) if project_dir else data_dir.parent
        if not (data_dir / name).is_dir():
            return validate_version(data_dir, name, project_dir)
        key = (str(data_dir.resolve()), name, str(project_dir.resolve()), _contents_key(data_dir / name))
        if key not in self._results:
            if len(self._results) >= self.keep:
                self._results.pop(next(iter(self._results)))
            self._results[key] = _validate(data_dir, name, project_dir)
        return self._results[key]


def _validate(data_dir: Path, name: str, project_dir: Path) -> Result:
    checker = _Checker(project_dir, data_dir, name)
    checker.read_all()
    contents = checker.assemble()
    version = contents.version()
    checker.check_references()
    checker.check_order(contents)
    checker.check_sourcing()
    checker.check_facts(version)
    checker.check_prose(version)
    checker.check_redirects(contents, version)
    checker.check_agreement(contents)
    checker.check_history(contents)
    dated = checker.check_dates(contents)
    draft = contents.programme is not None and contents.programme.status == "utkast"
    problems = sorted(set(checker.problems) | (set() if draft else set(dated)))
    # Every output (pages, documents, calendar, open data) reads the text with the facts' values in.
    resolved = resolve(version) if version is not None and not problems else None
    return Result(resolved, problems, sorted(set(dated)) if draft else [])


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(f"{count} feil funnet." if count != 1 else "1 feil funnet.")
    return "\n".join(lines)
