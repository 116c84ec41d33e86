"""The open data format: the JSON files each version publishes under `data/` for other sites.

One definition feeds three things: the files (`kulturskole.render.opendata` builds them from these
models), their JSON Schema (published beside them as `data/<name>.schema.json`), and the field
tables on the page «Åpne data». Keys are Norwegian, the same words as in the YAML files where a
value comes from there; descriptions are in bokmål because they are published.

Every key is always present: an unknown value is `null`, an empty list `[]`. Dates keep the
precision of the source: a month stays a month. The classes have no docstrings on purpose:
pydantic would publish them as schema descriptions.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema

from .jsonschema import ordered_schema
from .schema import GatheringKind, ResourceKind
from .types import _MONTH_RE, _TIME_RE, ID_PATTERN
from .version import TaskUse

#: Raised when a change would break a reader of the files (a key renamed or removed, a type changed).
FORMAT_VERSION = 1
#: How precise a date is.
Precision = Literal["dag", "dager", "måned", "måneder", "en-av-månedene"]

DAY_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
MONTH_PATTERN = _MONTH_RE.pattern
TIME_PATTERN = _TIME_RE.pattern
#: A link to another site, as in ressurser.yml.
URL_PATTERN = r"^https?://\S+$"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def F(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:
    """A field with its Norwegian key and its description for readers of the files."""
    return Field(default, alias=alias, description=description, **kw)


def _id(description: str = "Id-en, den samme som i programmets data og i lenken.") -> Any:
    return F("id", description, pattern=ID_PATTERN)


def _url(description: str, alias: str = "url") -> Any:
    """An address on the published site: absolute when the site has an address (site_url)."""
    return F(alias, description, json_schema_extra={"format": "uri"})


#: The kinds of resource, as the data model allows them.


# ---------------------------------------------------------------- short references to other things

class NameRef(Export):
    model_config = ConfigDict(title="Navn med id")
    id: str = _id()
    name: str = F("navn", "Navnet slik leseren ser det.")


class PhaseRef(Export):
    model_config = ConfigDict(title="Fase")
    id: str = _id()
    number: int = F("nummer", "Fasens plass i rekkefølgen, 1, 2, 3 …")
    title: str = F("tittel", "Fasens navn.")
    url: str = _url("Adressen til siden om fasen.")


class QuestionRef(Export):
    model_config = ConfigDict(title="Spørsmål (kort)")
    id: str = _id("Spørsmålets id. Hele spørsmålet står i sporsmal.json.")
    text: str = F("tekst", "Spørsmålet slik det stilles.")
    url: str = _url("Adressen til spørsmålet i spørsmålsbanken.")


class TaskRef(Export):
    model_config = ConfigDict(title="Oppgave (kort)")
    id: str = _id("Oppgavens id. Hele oppgaven står i oppgaver.json.")
    title: str = F("tittel", "Oppgavens tittel.")
    url: str = _url("Adressen til oppgaven.")


class ResourceRef(Export):
    model_config = ConfigDict(title="Ressurs")
    id: str = _id()
    title: str = F("tittel", "Ressursens tittel.")
    kind: ResourceKind = F("type", "Hva slags ressurs det er.")
    link: str | None = F("lenke", "Nettadressen til selve ressursen, når kilden oppgir den.", pattern=URL_PATTERN)
    url: str = _url("Adressen til ressursen på siden «Ressurser».")


class GatheringUse(Export):
    model_config = ConfigDict(title="Samling som bruker oppgaven")
    id: str = _id("Samlingens id. Hele samlingen står i samlinger.json.")
    title: str = F("tittel", "Samlingens navn.")
    use: TaskUse = F(
        "bruk", "«forberedelse» når oppgaven gjøres før samlingen, «mellomarbeid» når den gjøres etter.")
    url: str = _url("Adressen til samlingen.")


# ---------------------------------------------------------------- sporsmal.json

class QuestionOut(Export):
    model_config = ConfigDict(title="Spørsmål")
    id: str = _id("Spørsmålets id. Den er også ankeret i lenken (etter #).")
    url: str = _url("Fast adresse til spørsmålet i spørsmålsbanken.")
    text: str = F("tekst", "Spørsmålet slik det stilles.")
    topic: NameRef = F("tema", "Temaet spørsmålet hører til. Id-en er navnet på temafila.")
    phases: list[PhaseRef] = F("faser", "Fasene spørsmålet hører til.")
    audiences: list[NameRef] = F("målgrupper", "Målgruppene spørsmålet er skrevet for.")
    language: Literal["nb", "nn"] = F("språk", "«nb» for bokmål, «nn» for nynorsk.")
    note: str | None = F("merknad", "Forklaring eller sammenheng (Markdown).")


# ---------------------------------------------------------------- samlinger.json

class WhenOut(Export):
    model_config = ConfigDict(title="Tidspunkt")
    precision: Precision = F(
        "presisjon",
        "Hvor presist tidspunktet er kjent, og dermed hvilket felt som er fylt ut: «dag» (dag), «dager» "
        "(fra og til), «måned» (måned), «måneder» (fra_måned og til_måned) eller «en-av-månedene».")
    day: str | None = F("dag", "Dagen, ÅÅÅÅ-MM-DD.", pattern=DAY_PATTERN)
    start: str | None = F("fra", "Første dag når samlingen varer flere dager, ÅÅÅÅ-MM-DD.", pattern=DAY_PATTERN)
    end: str | None = F("til", "Siste dag når samlingen varer flere dager, ÅÅÅÅ-MM-DD.", pattern=DAY_PATTERN)
    month: str | None = F("måned", "Måneden, ÅÅÅÅ-MM, når bare måneden er kjent.", pattern=MONTH_PATTERN)
    month_start: str | None = F("fra_måned", "Første måned, ÅÅÅÅ-MM, når det strekker seg over flere måneder.",
                                   pattern=MONTH_PATTERN)
    month_end: str | None = F("til_måned", "Siste måned, ÅÅÅÅ-MM, når det strekker seg over flere måneder.",
                                 pattern=MONTH_PATTERN)
    month_choice: list[str] = F("en_av_månedene", "Månedene (ÅÅÅÅ-MM) når det blir én av dem.")
    weeks: str | None = F("uker", "Ukenummer slik kilden oppgir dem, for eksempel «39», «40-44», «34/35» "
                                     "eller «2-3 eller 4». / og «eller» betyr én av ukene.")
    note: str | None = F("merknad", "Presisering, for eksempel «midten av september».")
    text: str = F("tekst", "Tidspunktet skrevet ut på bokmål, uten klokkeslett, slik tidsplanen viser det.")


class ClockOut(Export):
    model_config = ConfigDict(title="Klokkeslett")
    start: str = F("fra", "Starttid, TT:MM.", pattern=TIME_PATTERN)
    end: str = F("til", "Sluttid, TT:MM.", pattern=TIME_PATTERN)


class AgendaItemOut(Export):
    model_config = ConfigDict(title="Programpunkt")
    time: str = F("tid", "Når punktet starter, TT:MM.", pattern=TIME_PATTERN)
    end: str | None = F("til", "Når punktet slutter, TT:MM, når kilden oppgir det.", pattern=TIME_PATTERN)
    title: str = F("tittel", "Hva som skjer.")
    points: list[str] = F("punkter", "Underpunkter.")


class AgendaDayOut(Export):
    model_config = ConfigDict(title="Programdag")
    title: str = F("tittel", "For eksempel «Dag 1».")
    items: list[AgendaItemOut] = F("punkter", "Programpunktene i tidsrekkefølge.")


class GatheringOut(Export):
    model_config = ConfigDict(title="Samling")
    id: str = _id("Samlingens id. Den er også siste del av adressen.")
    url: str = _url("Fast adresse til samlingens side.")
    title: str = F("tittel", "Samlingens navn.")
    kind: GatheringKind = F("type", "Hva slags samling det er.")
    number: int | None = F("nummer", "Nummeret i rekken av samlinger av samme type.")
    mode: Literal["fysisk", "digital"] | None = F("form", "«fysisk» eller «digital», når kilden sier det.")
    when: WhenOut = F("når", "Når samlingen er, så presist som kilden sier.")
    time: ClockOut | None = F("tid", "Klokkeslett, fra og til, når kilden oppgir dem.")
    duration_minutes: int | None = F("varighet_minutter", "Varighet i minutter, når kilden oppgir den.")
    summary: str | None = F("sammendrag", "Én eller to setninger om samlingen (Markdown).")
    description: list[str] = F("beskrivelse", "Avsnitt om samlingen (Markdown).")
    contents: list[str] = F("innhold", "Innholdspunkter (Markdown).")
    agenda: list[AgendaDayOut] = F("program", "Programmet, dag for dag.")
    preparation: list[TaskRef] = F("forberedelse", "Oppgaver deltakerne gjør før samlingen.")
    between_work: list[TaskRef] = F("mellomarbeid", "Oppgaver kommunegruppen arbeider med etter samlingen.")
    questions: list[QuestionRef] = F("spørsmål", "Dialogspørsmål til samlingen.")
    resources: list[ResourceRef] = F("ressurser", "Ressurser til samlingen.")
    note: str | None = F("merknad", "Merknad, for eksempel «vurderes fysisk».")
    calendar: str | None = _url("Adressen til samlingens kalenderfil (.ics). null når samlingen ikke har "
                                   "fast dato ennå.", "kalender")


# ---------------------------------------------------------------- temapakker.json

class SectionOut(Export):
    model_config = ConfigDict(title="Seksjon")
    title: str = F("tittel", "Overskrift for seksjonen.")
    text: str = F("tekst", "Brødtekst (Markdown).")


class RunStepOut(Export):
    model_config = ConfigDict(title="Steg i kjøreplanen")
    title: str = F("steg", "Hva som skjer i steget.")
    minutes: int = F("minutter", "Hvor mange minutter steget tar.")
    description: str | None = F("beskrivelse", "Hvordan steget gjennomføres (Markdown).")


class PackUseOut(Export):
    model_config = ConfigDict(title="Bruk av pakken")
    presentation: str | None = F("presentasjon", "Om presentasjonen som hører til pakken.")
    running_order: list[RunStepOut] = F("kjøreplan", "Fasilitatorens kjøreplan, steg for steg.")
    preparation: str | None = F("forberedelse", "Forberedelsesmateriell for deltakerne.")
    preparation_questions: list[QuestionRef] = F("refleksjonsspørsmål", "Refleksjonsspørsmål til forberedelsen.")


class PackOut(Export):
    model_config = ConfigDict(title="Temapakke")
    id: str = _id("Temapakkens id. Den er også siste del av adressen.")
    url: str = _url("Fast adresse til temapakkens side.")
    number: int = F("nummer", "Pakkens nummer.")
    title: str = F("tittel", "Pakkens tittel.")
    summary: str = F("sammendrag", "Hva pakken handler om (Markdown).")
    audiences: list[NameRef] = F("målgrupper", "Målgruppene pakken er laget for.")
    phases: list[PhaseRef] = F("faser", "Fasene pakken passer til.")
    value_areas: list[NameRef] = F("verdiområder", "Verdiområdene pakken handler om.")
    use: PackUseOut | None = F("bruk", "Hvordan pakken brukes, når kilden beskriver det.")
    sections: list[SectionOut] = F("seksjoner", "Innholdet i pakken, seksjon for seksjon.")
    questions: list[QuestionRef] = F("spørsmål", "Dialogspørsmål i pakken.")
    resources: list[ResourceRef] = F("ressurser", "Ressurser til pakken.")


# ---------------------------------------------------------------- oppgaver.json

class WorksheetRowOut(Export):
    model_config = ConfigDict(title="Rad i arbeidsarket")
    number: int = F("nummer", "Radens nummer.")
    content: str = F("innhold", "Hva raden handler om (Markdown).")
    explanation: str = F("forklaring", "Forklaring og hjelpespørsmål (Markdown).")


class WorksheetOut(Export):
    model_config = ConfigDict(title="Arbeidsark")
    title: str = F("tittel", "Arbeidsarkets tittel.")
    intro: list[str] = F("innledning", "Avsnitt foran tabellen (Markdown).")
    columns: list[str] = F("kolonner", "De tre kolonneoverskriftene.")
    rows: list[WorksheetRowOut] = F("rader", "Radene.")


class TaskGroupRef(Export):
    model_config = ConfigDict(title="Oppgavegruppe")
    id: str = _id("Gruppens id, for eksempel «forberedelser». Den er også ankeret på oppgavesiden.")
    title: str = F("tittel", "Gruppens overskrift.")


class TaskOut(Export):
    model_config = ConfigDict(title="Oppgave")
    id: str = _id("Oppgavens id. Den er også ankeret i lenken (etter #).")
    url: str = _url("Fast adresse til oppgaven.")
    title: str = F("tittel", "Oppgavens tittel.")
    group: TaskGroupRef = F("gruppe", "Gruppen oppgaven står i på siden «Forberedelser og mellomarbeid».")
    kind: Literal["les", "gjør", "reflekter"] = F("type", "«les», «gjør» eller «reflekter».")
    who: Literal["hver-deltaker", "kommunegruppen", "koordinator", "kommunen"] = F("hvem", "Hvem oppgaven er for.")
    minutes: int | None = F("tid_minutter", "Anslått tid i minutter, når kilden oppgir den.")
    description: list[str] = F("beskrivelse", "Hva deltakerne skal gjøre, ett avsnitt per element (Markdown).")
    delivery: str | None = F("levering", "Hva som leveres, og når.")
    questions: list[QuestionRef] = F("spørsmål", "Dialogspørsmål knyttet til oppgaven.")
    resources: list[ResourceRef] = F("ressurser", "Ressurser knyttet til oppgaven.")
    phases: list[PhaseRef] = F("faser", "Fasene oppgaven hører til.")
    worksheet: WorksheetOut | None = F("arbeidsark", "Arbeidsark som kommunegruppen fyller ut.")
    gatherings: list[GatheringUse] = F("samlinger", "Samlingene oppgaven hører til.")


# ---------------------------------------------------------------- the files

class _Head(Export):
    format_version: int = F("formatversjon", "Versjonen av formatet. Den øker bare når en endring kan få "
                                             "eksisterende bruk til å slutte å virke.")
    version: str = F("versjon", "Programversjonen filene hører til, for eksempel «2024-2025».")


class QuestionsFile(_Head):
    model_config = ConfigDict(title="sporsmal.json")
    questions: list[QuestionOut] = F("spørsmål", "Alle dialogspørsmålene, tema for tema, i samme rekkefølge "
                                                 "som i spørsmålsbanken.")


class GatheringsFile(_Head):
    model_config = ConfigDict(title="samlinger.json")
    gatherings: list[GatheringOut] = F("samlinger", "Alle samlingene i tidsplanens rekkefølge.")


class PacksFile(_Head):
    model_config = ConfigDict(title="temapakker.json")
    packs: list[PackOut] = F("temapakker", "Alle temapakkene, etter nummer.")


class TasksFile(_Head):
    model_config = ConfigDict(title="oppgaver.json")
    tasks: list[TaskOut] = F("oppgaver", "Alle forberedelser og mellomarbeid, i samme rekkefølge som på "
                                         "siden «Forberedelser og mellomarbeid».")


class Period(Export):
    model_config = ConfigDict(title="Periode")
    start: str = F("fra", "Første måned, ÅÅÅÅ-MM.", pattern=MONTH_PATTERN)
    end: str = F("til", "Siste måned, ÅÅÅÅ-MM.", pattern=MONTH_PATTERN)


class FileEntry(Export):
    model_config = ConfigDict(title="Fil")
    name: str = F("navn", "Filnavnet, for eksempel «sporsmal.json».")
    content: str = F("innhold", "Hva fila inneholder.")
    count: int = F("antall", "Hvor mange elementer fila har.")
    url: str = _url("Adressen til fila i denne versjonen.")
    schema_url: str = _url("Adressen til JSON Schema for fila.", "skjema")


class IndexFile(_Head):
    model_config = ConfigDict(title="index.json")
    title: str = F("tittel", "Programmets navn.")
    version_title: str = F("versjonstittel", "Versjonens navn, for eksempel «2024–2025 · regionalt program».")
    period: Period = F("periode", "Programperioden.")
    url: str = _url("Adressen til versjonens startside.")
    files: list[FileEntry] = F("filer", "Datafilene i versjonen.")
    calendar: str = _url("Adressen til kalenderfila (.ics) med alle samlinger som har fast dato.", "kalender")
    schema_url: str = _url("Adressen til JSON Schema for index.json.", "skjema")


# ---------------------------------------------------------------- JSON Schema

class _Generator(GenerateJsonSchema):
    """No titles made from key names: the description says more, and object titles are bokmål."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


@functools.cache
def _model_schema(model: type[Export]) -> dict:
    """pydantic's schema of a model; made once per process (a model does not change while it runs)."""
    return model.model_json_schema(by_alias=True, mode="serialization", schema_generator=_Generator)


def json_schema(model: type[Export], schema_id: str, description: str) -> dict:
    """The JSON Schema (draft 2020-12) of one file, as the files are written (serialization)."""
    raw = copy.deepcopy(_model_schema(model))
    defs = raw.pop("$defs", {})
    out: dict[str, Any] = {"$schema": DRAFT, "$id": schema_id, "title": raw.pop("title"), "description": description}
    out.update(ordered_schema(raw))
    if defs:
        out["$defs"] = {name: ordered_schema(defs[name]) for name in sorted(defs)}
    return out


__all__ = [
    "FORMAT_VERSION", "QuestionsFile", "GatheringsFile", "PacksFile", "TasksFile", "IndexFile", "json_schema",
]
