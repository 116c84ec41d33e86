"""The content model: one definition of every kind of data file.

This module is the single source of truth. The validator checks data against it, `kulturskole schema`
writes JSON Schema from it, and the editor's field reference (`schemas/README.md`) is generated from it.

YAML keys are Norwegian words an editor understands (the field aliases); Python names are English.
Unknown keys are errors, so a typo like `titel` never vanishes silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .types import Bool, Date, Email, Id, Int, Month, Text, Time, WebAddress, Weeks, parse_weeks


class Model(BaseModel):
    """Base of every data model: Norwegian keys only, unknown keys forbidden."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=False)

    #: The names of the [[facts]] this item's own text fields used before `model.facts.resolve` put
    #: the values in (see `model.facts.used_facts`).
    _facts: list[str] = PrivateAttr(default_factory=list)


def F(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:
    """A field with its Norwegian key and its description for editors."""
    return Field(default, alias=alias, description=description, **kw)


def OptList(alias: str, description: str) -> Any:
    return Field(default_factory=list, alias=alias, description=description)


#: The key in a field's JSON Schema that names what kind of id the field refers to.
REF_KEY = "x-viser-til"


def Refs(kind: str, alias: str, description: str) -> Any:
    """A list of ids of another kind of thing; the validator checks that each exists."""
    return Field(default_factory=list, alias=alias, description=description, json_schema_extra={REF_KEY: kind})


def SourceRef(description: str) -> Any:
    """The id of the source (from «kilder» in program.yml) a fact comes from, or a list of ids."""
    more = " Én id, eller en liste når opplysningene kommer fra flere kilder."
    return Field(None, alias="kilde", description=description + more, json_schema_extra={REF_KEY: "kilder"})


#: The type of a «kilde» field: one source id, or a list of them.
SourceIds = Id | list[Id] | None


def source_ids(value: Any) -> list[str]:
    """The source ids of a «kilde» field (one id, a list or none) as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def Editorial() -> Any:
    """The field that marks text the editors wrote themselves (see `Sourced`)."""
    return F(
        "redaksjonell",
        "true når teksten er redaksjonens egen forklaring og ikke står i noen kilde. Eller en liste over "
        "feltene redaksjonen har skrevet selv, for eksempel [beskrivelse], når resten kommer fra kilden. "
        "Nettstedet merker slik tekst «Forklart av redaksjonen».",
        None,
    )


class Sourced:
    """Mixin for an item whose text must say where it comes from: a source («kilde»), or that the
    editors wrote it themselves («redaksjonell»). `SOURCED_TEXT` names the fields (YAML keys) this
    applies to; the validator requires one of the two for each of them that is filled in. A model that
    uses the mixin has the fields `source` (SourceRef) and `editorial` (Editorial)."""

    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ()

    def editorial_fields(self) -> set[str]:
        """The YAML keys of the fields the editors wrote themselves ("*" when all of them)."""
        editorial = getattr(self, "editorial", None)
        if editorial is True:
            return {"*"}
        if isinstance(editorial, list):
            return set(editorial)
        return set()

    def is_editorial(self, key: str) -> bool:
        """True when the field with YAML key `key` is the editors' own text."""
        fields = self.editorial_fields()
        return "*" in fields or key in fields

    def sources(self) -> list[str]:
        return source_ids(getattr(self, "source", None))


# ---------------------------------------------------------------- shared pieces

class Source(Model):
    id: Id = F("id", "Kort id som resten av dataene bruker når de viser til kilden, for eksempel «grunnlagsdokument».")
    title: Text = F("tittel", "Kildens navn slik den er kjent i programmet.")
    description: Text | None = F("beskrivelse", "Hva kilden er, og hvor den kommer fra.", None)
    file: Text | None = F("fil", "Filnavnet i kildematerialet (shared/seeds), for sporbarhet.", None)
    url: WebAddress | None = F("lenke", "Den offentlige adressen til dokumentet eller siden, når kilden har en.", None,
                               pattern=r"^https?://\S+$")
    date: Date | None = F("dato", "Datoen kilden er publisert, ÅÅÅÅ-MM-DD, når den står i kilden.", None)
    publisher: Text | None = F("utgiver", "Hvem som har publisert kilden, for eksempel «Norsk kulturskoleråd» eller «KS».", None)


class Section(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('tekst',)
    title: Text = F("tittel", "Overskrift for avsnittet.")
    text: Text = F(
        "tekst",
        "Brødtekst i Markdown. Tall og datoer som dataene har, skrives som [[navn]] (se «Programfakta i "
        "tekst» i README).")
    anchor: Text | None = F(
        "anker", "Fast anker for overskriften (siste del av lenken etter #, små bokstaver, tall og bindestrek; æ, ø "
        "og å er lov fordi ankrene lages slik). Bare når tittelen er endret og gamle lenker viser til ankeret den "
        "hadde før; ellers lages ankeret av tittelen.", None, pattern=r"^[a-z0-9æøå]+(-[a-z0-9æøå]+)*$")
    source: SourceIds = SourceRef("Id for kilden teksten bygger på (fra «kilder» i program.yml).")
    editorial: Bool | list[Text] | None = Editorial()


class Period(Model):
    start: Month = F("fra", "Første måned, ÅÅÅÅ-MM.")
    end: Month = F("til", "Siste måned, ÅÅÅÅ-MM.")
    source: SourceIds = SourceRef("Id for kilden verdien er hentet fra.")
    note: Text | None = F("merknad", "Forklaring, for eksempel når kildene er uenige.", None)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError(
                "period_order", "perioden slutter ({end}) før den starter ({start})", {"start": self.start, "end": self.end}
            )
        return self


class Named(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('beskrivelse',)
    id: Id = F("id", "Id, små bokstaver og bindestrek.")
    name: Text = F("navn", "Navnet slik leseren ser det.")
    description: Text | None = F("beskrivelse", "Kort forklaring i Markdown.", None)
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


# ---------------------------------------------------------------- program.yml

class GoalList(Model):
    intro: Text | None = F("innledning", "Setning foran listen.", None)
    items: list[Text] = F("mål", "Målene, ett per punkt.")


class Organisation(Model):
    semesters: Int | None = F(
        "semestre",
        "Hvor mange semestre programperioden varer. Tekst viser til tallet med [[semestre]].",
        None)
    points: list[Text] = OptList("punkter", "Organiseringen, ett punkt per linje (Markdown).")
    source: SourceIds = SourceRef("Id for kilden.")


class Participation(Model):
    text: list[Text] = OptList("tekst", "Avsnitt om hva kommunen gjør før deltakelse.")
    group_minimum: Int | None = F(
        "kommunegruppe_minimum",
        "Minste antall deltakere i kommunegruppen. Tekst viser til tallet med [[kommunegruppe_minimum]].",
        None)
    group_composition: list[Text] = OptList("sammensetning", "Hvem kommunegruppen skal bestå av, ett punkt per rolle.")
    coordinator: Bool | None = F("koordinator", "true når hver kommunegruppe velger en koordinator.", None)
    school_owner: Bool | None = F("skoleeier_representert", "true når skoleeier må være representert.", None)
    source: SourceIds = SourceRef("Id for kilden.")


class Costs(Model):
    fee: Int = F(
        "deltakeravgift",
        "Deltakeravgiften per kommune for hele perioden, i kroner (bare tallet). Tekst viser til beløpet "
        "med [[deltakeravgift]].")
    fee_use: Text | None = F("avgiften_brukes_til", "Hva deltakeravgiften brukes til.", None)
    covered: list[Text] = OptList("programmet_dekker", "Hva programmet dekker.")
    municipality_pays: list[Text] = OptList("kommunen_dekker", "Hva kommunen selv dekker.")
    invoicing: Text | None = F("fakturering", "Hvordan avgiften faktureres.", None)
    source: SourceIds = SourceRef("Id for kilden.")


class Selection(Model):
    intro: Text | None = F("innledning", "Hvem som kan søke, og hvordan utvalget gjøres.", None)
    criteria: list[Text] = OptList("kriterier", "Hva det legges vekt på, ett punkt per kriterium.")
    source: SourceIds = SourceRef("Id for kilden.")


class Contact(Model):
    name: Text = F("navn", "Kontaktpersonens navn, slik programmet selv publiserer det.")
    role: Text | None = F("rolle", "Stilling eller rolle.", None)
    organisation: Text | None = F("organisasjon", "Organisasjon.", None)
    email: Email | None = F("epost", "E-postadresse.", None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    phone: Text | None = F("telefon", "Telefonnummer.", None)
    source: SourceIds = SourceRef("Id for kilden.")


class Group(Model):
    id: Id = F("id", "Id for gruppen.")
    name: Text = F("navn", "Gruppens navn.")
    tasks: list[Text] = OptList("oppgaver", "Gruppens oppgaver.")
    frequency: Text | None = F("møtefrekvens", "Hvor ofte gruppen møtes.", None)
    working_form: Text | None = F("arbeidsform", "Hvordan gruppen arbeider.", None)
    members: list[Text] = OptList("medlemmer", "Medlemmer med rolle, slik programmet publiserer dem.")


class ProcessSupport(Model):
    text: list[Text] = OptList("tekst", "Avsnitt om prosess-støtten.")
    themes: list[Text] = OptList("temaer", "Aktuell tematikk for prosess-støtten.")
    source: SourceIds = SourceRef("Id for kilden.")


class ThemePackSeries(Sourced, Model):
    """What the theme packs are, said once for all of them: what a pack consists of, for whom, how it is
    meant to be used, which report it builds on and when the packs were launched."""

    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ("beskrivelse", "består_av", "metode", "målgruppe", "lansering")
    description: Text | None = F("beskrivelse", "Hva temapakkene er, i én eller to setninger.", None)
    parts: list[Text] = OptList("består_av", "Hva hver pakke består av, ett punkt per del.")
    method: list[Text] = OptList("metode", "Hvordan pakkene er ment å brukes, ett punkt per trinn.")
    audience: list[Text] = OptList("målgruppe", "Hvem pakkene er laget for, ett punkt per gruppe.")
    builds_on: Id | None = F("bygger_på", "Id for ressursen (rapporten) pakkene bygger på.", None,
                             json_schema_extra={REF_KEY: "ressurs"})
    launched: Date | None = F("lansert", "Datoen pakkene ble lansert, ÅÅÅÅ-MM-DD.", None)
    launch: Text | None = F("lansering", "Hvordan pakkene ble lansert og sendt ut.", None)
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


class Programme(Model):
    title: Text = F("tittel", "Programmets navn.")
    subtitle: Text | None = F("undertittel", "Fullt navn eller undertittel.", None)
    version_title: Text = F("versjonstittel", "Navnet i versjonsvelgeren, for eksempel «2024–2025 · regionalt program».")
    status: Literal["publisert", "utkast"] = F(
        "status", "«utkast» for en versjon som ikke er klar, ellers «publisert».", "publisert")
    owners: list[Text] = F("eiere", "Organisasjonene som eier programmet.")
    period: Period = F("periode", "Programperioden, fra og til måned. Tekst viser til den med [[periode]].")
    agreement_period: Period | None = F(
        "avtaleperiode",
        "Perioden avtalen med kommunene gjelder for. Tekst viser til den med [[avtaleperiode]].",
        None)
    application_deadline: Date | None = F(
        "søknadsfrist",
        "Siste dag for å søke, ÅÅÅÅ-MM-DD. Tekst viser til datoen med [[søknadsfrist]].",
        None)
    application_deadline_source: SourceIds = Field(
        None, alias="søknadsfrist_kilde", description="Id for kilden søknadsfristen er hentet fra (fra «kilder»).",
        json_schema_extra={REF_KEY: "kilder"})
    intro: Text | None = F("innledning", "Kort innledning til startsiden, i Markdown.", None)
    purpose: list[Text] = F("formål", "Programmets formål, ett punkt per linje.")
    target_group: Text | None = F("målgruppe", "Hvem programmet er for.", None)
    competence_goals: list[Text] = OptList("kompetansemål", "Kompetansemål etter gjennomført program.")
    effect_goals: list[Text] = OptList("effektmål", "Effektmål.")
    result_goals: GoalList | None = F("resultatmål", "Resultatmål, med innledende setning.", None)
    value_areas: list[Named] = OptList(
        "verdiområder",
        "Verdiområdene. Tekst viser til hvor mange de er med [[antall_verdiområder]].")
    method: list[Text] = OptList("metode", "Metode og arbeidsformer, ett avsnitt per linje.")
    organisation: Organisation | None = F("organisering", "Semestre, samlinger, koordinatormøter og veiledning.", None)
    participation: Participation | None = F("forberedelse_til_deltakelse", "Hva kommunen gjør før den deltar.", None)
    costs: Costs | None = F("kostnader", "Deltakeravgift og hva den dekker.", None)
    selection: Selection | None = F("utvelgelse", "Hvordan deltakerkommuner velges ut.", None)
    obligations: list[Text] = OptList("forpliktelser", "Forpliktelser for partene.")
    contact: Contact | None = F("kontakt", "Kontaktperson. Tekst viser til navn og rolle med [[kontaktperson]].", None)
    process_support: ProcessSupport | None = F("prosess_støtte", "Prosess-støtte til kommunene.", None)
    organisation_groups: list[Group] = OptList("organisasjon", "Gruppene i programmets organisasjon.")
    audiences: list[Named] = F("målgrupper", "Målgruppene som spørsmål og temapakker kan rettes mot.")
    theme_packs: ThemePackSeries | None = F("temapakker", "Hva temapakkene er, felles for alle pakkene.", None)
    sections: list[Section] = OptList("avsnitt", "Andre avsnitt om programmet, hvert med overskrift.")
    field_sources: dict[str, SourceIds] = Field(
        default_factory=dict, alias="feltkilder",
        description="Kilden til hvert av programmets egne tekstfelt (de uten eget «kilde»-felt): feltets navn og id-en "
        "til kilden, eller en liste, for eksempel «formål: grunnlagsdokument». Siden «Om programmet» viser kilden ved "
        "feltet. Felt som trenger en kilde her: " + ", ".join(("innledning", "formål", "målgruppe", "kompetansemål",
                                                                 "effektmål", "resultatmål", "metode", "forpliktelser")) + ".")
    sources: list[Source] = F("kilder", "Kildene programmets opplysninger kommer fra.")

    #: The programme's own text fields (YAML keys), whose source is given in «feltkilder».
    FIELD_SOURCED: ClassVar[tuple[str, ...]] = ("innledning", "formål", "målgruppe", "kompetansemål", "effektmål",
                                                "resultatmål", "metode", "forpliktelser")

    def field_source(self, key: str) -> list[str]:
        """The source ids of the programme's text field `key` (from «feltkilder»)."""
        return source_ids(self.field_sources.get(key))


# -- forventninger.yml and historikk.yml: two parts of the pilot version that other versions may lack

class ExpectationPoint(Model):
    """One answer from the workshop notes, when it needs more than its text (a nynorsk answer)."""

    text: Text = F("tekst", "Svaret, med gruppens egne ord (bare skrivefeil rettet).")
    language: Literal["nb", "nn"] = F("språk", "«nn» når svaret er skrevet på nynorsk i kilden.", "nb")


class ExpectationTheme(Model):
    """Answers to one question that are about the same thing, under a heading the editors wrote."""

    title: Text = F(
        "tittel", "Redaksjonens overskrift over svar som handler om det samme. Overskriftene er alltid "
        "redaksjonens egne; siden sier det.")
    points: list[Text | ExpectationPoint] = F(
        "punkter", "Svarene, ett per punkt, med gruppenes egne ord (bare skrivefeil rettet). Svar som sier det "
        "samme, er slått sammen til ett. Et svar på nynorsk skrives som «tekst» og «språk: nn».", min_length=1)

    def items(self) -> list[ExpectationPoint]:
        """Every point as an ExpectationPoint (a plain text is bokmål)."""
        return [p if isinstance(p, ExpectationPoint) else ExpectationPoint.model_validate({"tekst": p})
                for p in self.points]


class ExpectationQuestion(Model):
    id: Id = F("id", "Id for spørsmålet. Blir ankeret til overskriften på siden.")
    question: Text = F("spørsmål", "Spørsmålet gruppene svarte på, slik kilden skriver det.")
    themes: list[ExpectationTheme] = F("temaer", "Svarene, samlet under redaksjonens overskrifter.", min_length=1)


class ExpectationsFile(Sourced, Model):
    """What the municipalities expected of the programme, from the notes of a workshop for
    municipalities that considered applying: the questions the groups answered and their answers."""

    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ("innledning",)
    intro: Text = F("innledning", "Hva siden viser, og hvordan svarene er samlet (vanligvis redaksjonens tekst).")
    date: Date | None = F("dato", "Datoen notatene har i kilden, ÅÅÅÅ-MM-DD.", None)
    questions: list[ExpectationQuestion] = F("spørsmål", "Spørsmålene gruppene svarte på, i kildens rekkefølge.",
                                             min_length=1)
    source: SourceIds = SourceRef("Id for kilden svarene kommer fra (notatene fra verkstedet).")
    source_note: Text | None = F("kildemerknad", "Hva kilden ikke sier sikkert, for eksempel hvilket verksted "
                                 "notatene er fra.", None)
    editorial: Bool | list[Text] | None = Editorial()

    @model_validator(mode="after")
    def _unique_ids(self) -> ExpectationsFile:
        _unique(self.questions, "spørsmål", "spørsmålet")
        return self


#: The pages of a version a history event may link to (the key in `lenker`), and their names.
SITE_PAGES: dict[str, str] = {
    "program": "Om programmet", "kommuner": "Kommuner", "temapakker": "Temapakker", "ressurser": "Ressurser",
    "tidsplan": "Tidsplan", "sporsmal-og-svar": "Spørsmål og svar", "forventninger": "Hva kommunene ventet seg",
}
SitePage = Literal["program", "kommuner", "temapakker", "ressurser", "tidsplan", "sporsmal-og-svar", "forventninger"]


class SiteLink(Model):
    """A link from a history event to the place on the site where the facts stand."""

    text: Text = F("tekst", "Lenketeksten, for eksempel «Se kommunene i forpiloten».")
    page: SitePage = F("side", "Siden: " + ", ".join(SITE_PAGES) + ".")
    anchor: Id | None = F("anker", "Ankeret på siden, for eksempel «forpilot» på kommunesiden.", None)


#: Dates in program.yml a history event may take as its own (`dato_fra`): key → what it is.
PROGRAMME_DATES: dict[str, str] = {
    "søknadsfrist": "søknadsfristen («søknadsfrist»)",
    "temapakker": "datoen temapakkene ble lansert («lansert» under «temapakker»)",
}


class HistoryEvent(Sourced, Model):
    """One event in the programme's history, dated as precisely as its source. An event that is a
    gathering of the version (`samling`) takes its date and title from the gathering, whose page holds
    its facts; an event whose date program.yml holds (`dato_fra`) takes the date from there."""

    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ("tekst",)
    id: Id = F("id", "Id for hendelsen. Blir ankeret på historikksiden.")
    day: Date | None = F("dag", "Dagen, ÅÅÅÅ-MM-DD, når kilden oppgir den.", None)
    month: Month | None = F("måned", "Måneden, ÅÅÅÅ-MM, når kilden bare oppgir måneden.", None)
    year: Int | None = F("år", "Året, når kilden bare oppgir året.", None, ge=1900, le=2100)
    gathering: Id | None = F(
        "samling", "Id for en samling i samlinger/ når hendelsen er en av dem. Da kommer dato og tittel fra "
        "samlingen, og siden lenker til den i stedet for å gjenta opplysningene.", None,
        json_schema_extra={REF_KEY: "samling"})
    date_from: Literal["søknadsfrist", "temapakker"] | None = F(
        "dato_fra", "Når datoen allerede står i program.yml: «søknadsfrist» (søknadsfristen) eller «temapakker» "
        "(datoen temapakkene ble lansert). Da skrives datoen bare der.", None)
    time: ClockRange | None = F("tid", "Klokkeslett, fra og til, når kilden oppgir dem.", None)
    title: Text | None = F("tittel", "Hva som skjedde, kort. Står ikke når hendelsen er en samling.", None)
    text: list[Text] = OptList("tekst", "Fakta om hendelsen med egne ord, ett avsnitt per linje (Markdown). "
                                        "Skriv programfakta som [[navn]].")
    resources: list[Id] = Refs("ressurs", "ressurser", "Id-er for ressurser (rapporter, filmer, opptak) hendelsen "
                                                       "handler om.")
    links: list[SiteLink] = OptList("lenker", "Lenker til steder på nettstedet der opplysningene står.")
    source: SourceIds = SourceRef("Id for kilden, eller en liste når opplysningene kommer fra flere kilder.")
    source_note: Text | None = F("kildemerknad", "Når kildene er uenige eller ikke sier alt: hvilken verdi som er "
                                 "valgt, og hvorfor.", None)
    editorial: Bool | list[Text] | None = Editorial()

    @model_validator(mode="after")
    def _one_date(self) -> HistoryEvent:
        forms = [key for key, value in (("dag", self.day), ("måned", self.month), ("år", self.year),
                                        ("samling", self.gathering), ("dato_fra", self.date_from))
                 if value is not None]
        if len(forms) != 1:
            raise PydanticCustomError(
                "event_date", "skriv når hendelsen var på nøyaktig én måte: dag, måned, år, samling eller dato_fra"
                + (" (fant {used})" if forms else " (fant ingen)"), {"used": " og ".join(forms)})
        if self.gathering is None and not self.title:
            raise PydanticCustomError("event_title", "hendelsen mangler «tittel»", {})
        if self.gathering is not None and self.title:
            raise PydanticCustomError(
                "event_gathering_title", "en hendelse som er en samling, får tittelen fra samlingen; fjern «tittel»", {})
        return self

    def own_first_day(self) -> dt.date | None:
        """The first day of the event's own date (None when the date is a gathering's or program.yml's)."""
        if self.day:
            return self.day
        if self.month:
            year, month = (int(p) for p in self.month.split("-"))
            return dt.date(year, month, 1)
        if self.year:
            return dt.date(self.year, 1, 1)
        return None


def programme_date(programme: Programme, key: str) -> dt.date | None:
    """The date in program.yml a history event's `dato_fra` names (None when program.yml has none)."""
    if key == "søknadsfrist":
        return programme.application_deadline
    if key == "temapakker":
        return programme.theme_packs.launched if programme.theme_packs else None
    raise KeyError(key)


class HistoryFile(Sourced, Model):
    """The programme's history: events in date order, shown year by year."""

    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ("innledning",)
    intro: Text | None = F("innledning", "Tekst foran hendelsene (vanligvis redaksjonens).", None)
    events: list[HistoryEvent] = F(
        "hendelser", "Hendelsene. Siden viser dem i datorekkefølge; hendelser med bare år står først i året, og "
        "hendelser med samme dag i rekkefølgen her.", min_length=1)
    source: SourceIds = SourceRef("Id for kilden innledningen bygger på, når den ikke er redaksjonens.")
    editorial: Bool | list[Text] | None = Editorial()

    @model_validator(mode="after")
    def _unique_ids(self) -> HistoryFile:
        _unique(self.events, "hendelser", "hendelsen")
        return self

    def problems_with(self, programme: Programme) -> list[tuple[tuple, str]]:
        """(place in historikk.yml, message) for each event whose date program.yml should hold and does not."""
        return [(("hendelser", i, "dato_fra"),
                 f"hendelsen «{event.id}» henter datoen fra {PROGRAMME_DATES[event.date_from]} i program.yml, "
                 "men den står ikke der. Fyll den ut der, eller skriv datoen i hendelsen")
                for i, event in enumerate(self.events)
                if event.date_from is not None and programme_date(programme, event.date_from) is None]


def _unique(items: list[Any], key: str, label: str) -> None:
    """An error at the second use of an id among `items` (the list under YAML key `key`)."""
    seen: set[str] = set()
    errors: list[InitErrorDetails] = []
    for i, item in enumerate(items):
        if item.id in seen:
            errors.append(InitErrorDetails(
                type=PydanticCustomError("duplicate_id", "{label} «{id}» finnes allerede. Id-er må være unike",
                                         {"label": label, "id": item.id}),
                loc=(key, i, "id"), input=item.id))
        seen.add(item.id)
    if errors:
        raise ValidationError.from_exception_data(type(items[0]).__name__, errors)


# ---------------------------------------------------------------- kommuner.yml

class Municipality(Model):
    name: Text = F("navn", "Kommunens navn.")
    note: Text | None = F("merknad", "Merknad, for eksempel at kommunen trakk seg.", None)


class MunicipalityGroup(Model):
    id: Id = F("id", "Id for listen.")
    title: Text = F("tittel", "Overskrift, for eksempel «Pilotkommuner».")
    description: Text | None = F("beskrivelse", "Kort forklaring.", None)
    municipalities: list[Municipality] = F(
        "kommuner",
        "Kommunene i listen. Tekst viser til hvor mange listene «pilotkommuner» og «forpilot» har, med "
        "[[antall_pilotkommuner]] og [[antall_forpilotkommuner]].")
    source: SourceIds = SourceRef("Id for kilden.")


class MunicipalitiesFile(Model):
    groups: list[MunicipalityGroup] = F("lister", "Lister over kommuner.")


# ---------------------------------------------------------------- fasemodell.yml and faser/

class Track(Named):
    pass


class PhaseModel(Model):
    title: Text = F("tittel", "Modellens navn.")
    intro: list[Text] = OptList("innledning", "Avsnitt som forklarer modellen.")
    action_learning: list[Text] = OptList("aksjonslæring", "Kjennetegn ved aksjonslæring, ett punkt per linje.")
    tracks: list[Track] = OptList(
        "spor",
        "Sporene: innholdssporet og prosessporet. Tekst viser til hvor mange de er med [[antall_spor]].")
    source: SourceIds = SourceRef("Id for kilden.")


class Phase(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('beskrivelse',)
    number: Int = F(
        "nummer",
        "Fasens plass i rekkefølgen, 1, 2, 3 … Tekst viser til hvor mange faser det er med "
        "[[antall_faser]].",
        ge=1)
    title: Text = F("tittel", "Fasens navn.")
    short: Text | None = F("kort", "Kort navn til figurer og menyer.", None)
    description: list[Text] = OptList("beskrivelse", "Avsnitt om fasen.")
    tasks: list[Text] = OptList("kommunenes_arbeid", "Kommunenes arbeid i fasen, ett punkt per oppgave.")
    questions: list[Id] = Refs("spørsmål", "spørsmål", "Id-er for veiledende dialogspørsmål.")
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


# ---------------------------------------------------------------- ressurser.yml

ResourceKind = Literal["rapport", "hefte", "film", "nettside", "dokument", "plan", "stortingsmelding", "opptak"]


class Resource(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('beskrivelse',)
    id: Id = F("id", "Id for ressursen.")
    title: Text = F("tittel", "Ressursens tittel.")
    kind: ResourceKind = F("type", "Hva slags ressurs det er.")
    publisher: Text | None = F("utgiver", "Hvem som har gitt den ut.", None)
    year: Int | None = F("år", "Utgivelsesår.", None)
    url: WebAddress | None = F("lenke", "Nettadresse, bare når kilden oppgir den.", None, pattern=r"^https?://\S+$")
    description: Text | None = F("beskrivelse", "Kort beskrivelse i Markdown.", None)
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


class ResourcesFile(Model):
    resources: list[Resource] = F("ressurser", "Ressursene.")


# ---------------------------------------------------------------- sporsmal/

class Question(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('målgrupper', 'merknad')
    id: Id = F("id", "Spørsmålets id. Blir ankeret i lenken til spørsmålet.")
    text: Text = F("tekst", "Spørsmålet slik det stilles.")
    phases: list[Id] = Refs("fase", "faser", "Id-er for fasene spørsmålet hører til.")
    audiences: list[Id] = Refs("målgrupper", "målgrupper", "Id-er for målgruppene (fra «målgrupper» i program.yml).")
    language: Literal["nb", "nn"] = F("språk", "«nn» når spørsmålet er på nynorsk.", "nb")
    note: Text | None = F("merknad", "Forklaring eller sammenheng.", None)
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


class QuestionsFile(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ("beskrivelse",)
    topic: Text = F("tema", "Temaet spørsmålene i denne fila hører til.")
    description: Text | None = F("beskrivelse", "Kort forklaring av temaet.", None)
    questions: list[Question] = F("spørsmål", "Spørsmålene.", min_length=1)
    source: SourceIds = SourceRef("Id for kilden beskrivelsen bygger på.")
    editorial: Bool | list[Text] | None = Editorial()


# ---------------------------------------------------------------- oppgaver/

class WorksheetRow(Model):
    number: Int = F("nummer", "Radens nummer.")
    content: Text = F("innhold", "Hva raden handler om (Markdown).")
    explanation: Text = F("forklaring", "Forklaring og hjelpespørsmål (Markdown).")


class Worksheet(Model):
    title: Text = F("tittel", "Arbeidsarkets tittel.")
    intro: list[Text] = OptList("innledning", "Avsnitt foran tabellen.")
    columns: list[Text] = F("kolonner", "Kolonneoverskriftene, for eksempel Fase, Innhold, Forklaring.",
                            min_length=3, max_length=3)
    rows: list[WorksheetRow] = F("rader", "Radene.", min_length=1)


class Task(Sourced, Model):
    #: A task's text is checked through its «kilde»; «redaksjonell» marks what the editors chose, such as
    #: the phases a task is linked to (`redaksjonell: [faser]`).
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ()
    id: Id = F("id", "Oppgavens id. Blir ankeret i lenken til oppgaven.")
    title: Text = F("tittel", "Oppgavens tittel.")
    kind: Literal["les", "gjør", "reflekter"] = F("type", "les, gjør eller reflekter.")
    who: Literal["hver-deltaker", "kommunegruppen", "koordinator", "kommunen"] = F(
        "hvem", "Hvem oppgaven er for."
    )
    minutes: Int | None = F("tid_minutter", "Anslått tid i minutter, bare når kilden oppgir den.", None, ge=1)
    description: list[Text] = OptList("beskrivelse", "Hva deltakerne skal gjøre, ett avsnitt per linje.")
    delivery: Text | None = F("levering", "Hva som leveres, og når.", None)
    questions: list[Id] = Refs("spørsmål", "spørsmål", "Id-er for dialogspørsmål knyttet til oppgaven.")
    resources: list[Id] = Refs("ressurs", "ressurser", "Id-er for ressurser knyttet til oppgaven.")
    phases: list[Id] = Refs("fase", "faser", "Id-er for faser oppgaven hører til.")
    worksheet: Worksheet | None = F("arbeidsark", "Arbeidsark som kommunegruppen fyller ut.", None)
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


class TasksFile(Model):
    title: Text = F("tittel", "Overskrift for oppgavene i fila.")
    tasks: list[Task] = F("oppgaver", "Oppgavene.", min_length=1)


# ---------------------------------------------------------------- samlinger/

class When(Model):
    """When a gathering happens, at the precision the source has."""

    day: Date | None = F("dag", "Én dag, ÅÅÅÅ-MM-DD.", None)
    start: Date | None = F("fra", "Første dag når det varer flere dager.", None)
    end: Date | None = F("til", "Siste dag når det varer flere dager.", None)
    month: Month | None = F("måned", "Når bare måneden er kjent, ÅÅÅÅ-MM.", None)
    month_start: Month | None = F("fra_måned", "Første måned når det strekker seg over flere måneder.", None)
    month_end: Month | None = F("til_måned", "Siste måned når det strekker seg over flere måneder.", None)
    month_choice: list[Month] = OptList("en_av_månedene", "Når det blir én av flere måneder, for eksempel juni eller august.")
    weeks: Weeks | None = F("uker", "Ukenummer slik kilden oppgir dem: 11, \"40-44\", \"34/35\", \"2-3 eller 4\".", None)
    note: Text | None = F("merknad", "Presisering, for eksempel «midten av september».", None)

    @model_validator(mode="after")
    def _one_precision(self) -> When:
        forms = {
            "dag": self.day is not None,
            "fra/til": self.start is not None or self.end is not None,
            "måned": self.month is not None,
            "fra_måned/til_måned": self.month_start is not None or self.month_end is not None,
            "en_av_månedene": bool(self.month_choice),
        }
        used = [name for name, present in forms.items() if present]
        if len(used) != 1:
            raise PydanticCustomError(
                "when_form",
                "skriv tidspunktet på nøyaktig én måte: dag, fra/til, måned, fra_måned/til_måned eller en_av_månedene"
                + (" (fant {used})" if used else " (fant ingen)"),
                {"used": " og ".join(used)},
            )
        if forms["fra/til"]:
            if self.start is None or self.end is None:
                raise PydanticCustomError("when_range", "både «fra» og «til» må fylles ut når samlingen varer flere dager", {})
            if self.end <= self.start:
                raise PydanticCustomError(
                    "when_order", "«til» ({end}) må være etter «fra» ({start})",
                    {"start": self.start.isoformat(), "end": self.end.isoformat()},
                )
        if forms["fra_måned/til_måned"]:
            if self.month_start is None or self.month_end is None:
                raise PydanticCustomError("when_range", "både «fra_måned» og «til_måned» må fylles ut", {})
            if self.month_end <= self.month_start:
                raise PydanticCustomError(
                    "when_order", "«til_måned» ({end}) må være etter «fra_måned» ({start})",
                    {"start": self.month_start, "end": self.month_end},
                )
        if forms["en_av_månedene"] and len(self.month_choice) < 2:
            raise PydanticCustomError("when_choice", "«en_av_månedene» trenger minst to måneder", {})
        if self.weeks is not None:
            self._check_weeks()
        return self

    # -- derived values, used by validation and rendering

    def first_day(self) -> dt.date:
        if self.day:
            return self.day
        if self.start:
            return self.start
        month = self.month or self.month_start or min(self.month_choice)
        year, mon = (int(p) for p in month.split("-"))
        return dt.date(year, mon, 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.day
        if self.end:
            return self.end
        month = self.month or self.month_end or max(self.month_choice)
        year, mon = (int(p) for p in month.split("-"))
        nxt = dt.date(year + (mon == 12), mon % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    def sort_day(self) -> dt.date:
        """The day to sort by: the first day, or the Monday of the first stated week when later."""
        first = self.first_day()
        if self.weeks is not None and not self.is_day_precise():
            week = min(a for a, _ in parse_weeks(self.weeks))
            try:
                monday = dt.date.fromisocalendar(first.year, week, 1)
            except ValueError:
                return first
            if first <= monday <= self.last_day():
                return monday
        return first

    def is_day_precise(self) -> bool:
        return self.day is not None or self.start is not None

    def _check_weeks(self) -> None:
        alternatives = parse_weeks(self.weeks)
        first, last = self.first_day(), self.last_day()
        # Weeks are read in the year of the dated period; week 1 in January, week 52 in December.
        covered = set()
        day = first
        while day <= last:
            covered.add(day.isocalendar().week)
            day += dt.timedelta(days=1)
        wanted = {w for a, b in alternatives for w in range(a, b + 1)}
        if not covered & wanted:
            raise PydanticCustomError(
                "when_weeks",
                "uke {weeks} passer ikke med datoen ({first} – {last} er uke {covered})",
                {
                    "weeks": self.weeks,
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "covered": ", ".join(str(w) for w in sorted(covered)),
                },
            )


class ClockRange(Model):
    start: Time = F("fra", "Starttid, \"TT:MM\".")
    end: Time = F("til", "Sluttid, \"TT:MM\".")

    @model_validator(mode="after")
    def _ordered(self) -> ClockRange:
        if self.end <= self.start:
            raise PydanticCustomError(
                "time_order", "sluttid {end} må være etter starttid {start}", {"start": self.start, "end": self.end}
            )
        return self


class AgendaItem(Model):
    time: Time = F("tid", "Når punktet starter, \"TT:MM\".")
    end: Time | None = F("til", "Når punktet slutter, når kilden oppgir det.", None)
    title: Text = F("tittel", "Hva som skjer.")
    points: list[Text] = OptList("punkter", "Underpunkter.")
    who: Text | None = F("ansvarlig", "Hvem som leder punktet, bare når kilden sier det.", None)
    questions: list[Id] = Refs(
        "spørsmål", "spørsmål",
        "Id-er for dialogspørsmål som hører til akkurat dette programpunktet, bare når kilden sier det. "
        "De vises ved punktet i programmet, i kjøreplanen og i presentasjonen.")


class AgendaDay(Model):
    title: Text = F("tittel", "For eksempel «Dag 1».")
    items: list[AgendaItem] = F("punkter", "Programpunktene i tidsrekkefølge.", min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> AgendaDay:
        for before, after in zip(self.items, self.items[1:]):
            if after.time < before.time:
                raise PydanticCustomError(
                    "agenda_order", "programpunktet kl. {after} står etter et punkt kl. {before}; sett punktene i tidsrekkefølge",
                    {"after": after.time, "before": before.time},
                )
        return self


GatheringKind = Literal[
    "inspirasjonssamling", "fellessamling", "koordinatorsamling", "veiledning", "delingsarena",
    "temasamling", "webinar", "verksted", "seminar",
]


class Gathering(Model):
    title: Text = F("tittel", "Samlingens navn, for eksempel «Fellessamling 1».")
    kind: GatheringKind = F(
        "type",
        "Hva slags samling det er. Tekst viser til hvor mange samlinger av en type versjonen har, med "
        "[[antall_fellessamlinger]], [[antall_koordinatorsamlinger]] og [[antall_veiledninger]].")
    number: Int | None = F("nummer", "Nummeret i rekken av samlinger av samme type.", None, ge=1)
    mode: Literal["fysisk", "digital"] | None = F(
        "form",
        "fysisk eller digital, når kilden sier det. Tekst viser til hvor mange fellessamlinger som er "
        "fysiske og digitale, med [[antall_fysiske_fellessamlinger]] og "
        "[[antall_digitale_fellessamlinger]].",
        None)
    when: When = F(
        "når",
        "Når samlingen er, så presist som kilden sier. Tekst viser til dagen for inspirasjonssamlingen med "
        "[[dato_inspirasjonssamling]].")
    time: ClockRange | None = F("tid", "Klokkeslett, fra og til.", None)
    duration_minutes: Int | None = F("varighet_minutter", "Varighet i minutter, når kilden oppgir den.", None, ge=1)
    summary: Text | None = F("sammendrag", "Én eller to setninger om samlingen.", None)
    description: list[Text] = OptList("beskrivelse", "Avsnitt om samlingen.")
    contents: list[Text] = OptList("innhold", "Innholdspunkter.")
    agenda: list[AgendaDay] = OptList("program", "Programmet, dag for dag.")
    preparation: list[Id] = Refs("oppgave", "forberedelse", "Id-er for oppgaver deltakerne gjør før samlingen.")
    between_work: list[Id] = Refs("oppgave", "mellomarbeid", "Id-er for mellomarbeid etter samlingen.")
    questions: list[Id] = Refs("spørsmål", "spørsmål", "Id-er for dialogspørsmål til samlingen.")
    resources: list[Id] = Refs("ressurs", "ressurser", "Id-er for ressurser.")
    note: Text | None = F("merknad", "Merknad, for eksempel «vurderes fysisk».", None)
    organisers: list[Text] = OptList(
        "arrangører", "Hvem som arrangerer, når det er andre enn programmet alene, slik kilden sier det, for eksempel "
        "[Norsk kulturskoleråd, KS, Utdanningsdirektoratet]. Da nevner teksten til invitasjonen arrangørene og ikke "
        "programmets kontaktperson.")
    source: SourceIds = SourceRef("Id for kilden.")
    source_note: Text | None = F("kildemerknad", "Når kildene er uenige: hvilken verdi som er valgt, og hvorfor.", None)


# ---------------------------------------------------------------- temapakker/

class RunStep(Model):
    title: Text = F("steg", "Hva som skjer i steget.")
    minutes: Int = F("minutter", "Hvor mange minutter steget tar.", ge=1)
    description: Text | None = F("beskrivelse", "Hvordan steget gjennomføres.", None)


class Slide(Model):
    title: Text = F("tittel", "Overskriften på lysbildet.")
    keywords: list[Text] = OptList("stikkord", "Stikkordene på lysbildet, som fasilitatoren kommenterer, ett per linje.")
    step: Int | None = F("steg", "Nummeret på steget i kjøreplanen lysbildet hører til (1 er det første steget).",
                         None, ge=1)


class PackUse(Model):
    presentation: Text | None = F("presentasjon", "Om presentasjonen som hører til pakken.", None)
    running_order: list[RunStep] = OptList("kjøreplan", "Fasilitatorens kjøreplan, steg for steg med minutter.")
    slides: list[Slide] = OptList(
        "lysbilder", "Lysbildene i presentasjonen, i rekkefølge: tittel og stikkord. Nettstedet viser dem som presentasjon.")
    preparation: Text | None = F("forberedelse", "Forberedelsesmateriell for deltakerne.", None)
    preparation_questions: list[Id] = Refs("spørsmål", "refleksjonsspørsmål", "Id-er for refleksjonsspørsmål til forberedelsen.")

    @model_validator(mode="after")
    def _steps_exist(self) -> PackUse:
        for slide in self.slides:
            if slide.step is not None and slide.step > len(self.running_order):
                raise PydanticCustomError(
                    "slide_step",
                    "lysbildet «{title}» viser til steg {step}, men kjøreplanen har {count} steg",
                    {"title": slide.title, "step": slide.step, "count": len(self.running_order)},
                )
        return self


class ThemePack(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('sammendrag',)
    number: Int = F("nummer", "Pakkens nummer. Tekst viser til hvor mange temapakker det er med [[antall_temapakker]].", ge=1)
    title: Text = F("tittel", "Pakkens tittel.")
    summary: Text = F("sammendrag", "Hva pakken handler om, i to–tre setninger.")
    audiences: list[Id] = Refs("målgrupper", "målgrupper", "Id-er for målgruppene.")
    use: PackUse | None = F("bruk", "Hvordan pakken brukes: presentasjon, kjøreplan, forberedelse.", None)
    sections: list[Section] = OptList("seksjoner", "Innholdet i pakken, seksjon for seksjon.")
    phases: list[Id] = Refs("fase", "faser", "Id-er for fasene pakken passer til.")
    value_areas: list[Id] = Refs("verdiområder", "verdiområder", "Id-er for verdiområdene pakken handler om.")
    questions: list[Id] = Refs("spørsmål", "spørsmål", "Id-er for dialogspørsmål i pakken.")
    resources: list[Id] = Refs("ressurs", "ressurser", "Id-er for ressurser.")
    source: SourceIds = SourceRef("Id for kilden.")
    editorial: Bool | list[Text] | None = Editorial()


# ---------------------------------------------------------------- faq.yml and ordliste.yml

class FaqTopic(Model):
    """A group of questions on the page «Spørsmål og svar», with its heading."""

    id: Id = F("id", "Id for gruppen. Blir ankeret til overskriften; spørsmålene viser til den i «tema».")
    title: Text = F("tittel", "Overskriften, for eksempel «Kostnader» eller «Hvem kan delta».")


class FaqEntry(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('svar',)
    id: Id = F("id", "Id for spørsmålet.")
    topic: Id | None = F("tema", "Id for gruppen spørsmålet står i (fra «temaer» øverst i fila).", None)
    question: Text = F("spørsmål", "Spørsmålet, slik kommunene stiller det.")
    answer: Text = F(
        "svar",
        "Svaret i Markdown, på samme språk som spørsmålet. Skriv programfakta som [[navn]], for eksempel "
        "[[deltakeravgift]], så hentes verdien fra programdataene. I et svar på nynorsk står bare det av "
        "faktumet som skrives likt på nynorsk (for [[kontaktperson]] bare navnet).",
    )
    language: Literal["nb", "nn"] = F("språk", "«nn» når spørsmålet og svaret er på nynorsk.", "nb")
    former_ids: list[Id] = OptList(
        "tidligere_id", "Id-er spørsmålet har hatt før (for eksempel et spørsmål som er slått sammen med dette), "
        "så gamle lenker til dem fortsatt finner fram.")
    source: SourceIds = SourceRef("Id for kilden spørsmålet kommer fra.")
    editorial: Bool | list[Text] | None = Editorial()


class FaqFile(Model):
    intro: Text | None = F("innledning", "Tekst foran spørsmålene.", None)
    topics: list[FaqTopic] = OptList(
        "temaer", "Gruppene spørsmålene står i, i den rekkefølgen de vises. Da må hvert spørsmål ha «tema».")
    entries: list[FaqEntry] = F("spørsmål", "Spørsmål og svar.", min_length=1)

    @model_validator(mode="after")
    def _topics_and_anchors(self) -> FaqFile:
        """Each question in a known group (when the file has groups), and every anchor on the page
        (group ids, question ids, former ids) used once."""
        errors: list[InitErrorDetails] = []
        known = [t.id for t in self.topics]
        seen: dict[str, str] = {}
        for i, t in enumerate(self.topics):
            if t.id in seen:
                errors.append(_faq_error(("temaer", i, "id"), t.id, "faq_anchor",
                                         "id-en «{id}» er brukt før ({where})", id=t.id, where=seen[t.id]))
            seen.setdefault(t.id, f"temaet «{t.id}»")
        for i, e in enumerate(self.entries):
            if known and e.topic is None:
                errors.append(_faq_error(("spørsmål", i), e.id, "faq_topic",
                                         "spørsmålet «{id}» mangler «tema». Velg en av: {known}",
                                         id=e.id, known=", ".join(known)))
            elif e.topic is not None and e.topic not in known:
                message = ("temaet «{topic}» finnes ikke. Velg en av: {known}" if known else
                           "temaet «{topic}» finnes ikke. Skriv gruppene under «temaer» øverst i fila")
                errors.append(_faq_error(("spørsmål", i, "tema"), e.topic, "faq_topic", message,
                                         topic=e.topic, known=", ".join(known)))
            for j, anchor in enumerate(e.former_ids):
                if anchor in seen or anchor in (x.id for x in self.entries):
                    errors.append(_faq_error(("spørsmål", i, "tidligere_id", j), anchor, "faq_anchor",
                                             "id-en «{id}» er i bruk på siden ({where})", id=anchor,
                                             where=seen.get(anchor, "et spørsmål")))
                seen.setdefault(anchor, f"tidligere id for «{e.id}»")
            if e.id in seen:
                errors.append(_faq_error(("spørsmål", i, "id"), e.id, "faq_anchor",
                                         "id-en «{id}» er i bruk på siden ({where})", id=e.id, where=seen[e.id]))
        if errors:
            raise ValidationError.from_exception_data("FaqFile", errors)
        return self


def _faq_error(loc: tuple, value: Any, kind: str, message: str, **ctx: Any) -> InitErrorDetails:
    """One error at `loc` (the YAML keys), so the editor is told the line of the question."""
    return InitErrorDetails(type=PydanticCustomError(kind, message, ctx), loc=loc, input=value)


class Term(Sourced, Model):
    SOURCED_TEXT: ClassVar[tuple[str, ...]] = ('forklaring',)
    id: Id = F("id", "Id for begrepet. Blir ankeret i ordlisten.")
    term: Text = F("begrep", "Begrepet slik det skrives.")
    definition: Text = F("forklaring", "Forklaring med egne ord, i Markdown.")
    see_also: list[Id] = Refs("begrep", "se_også", "Id-er for beslektede begreper.")
    source: SourceIds = SourceRef("Id for kilden forklaringen bygger på.")
    editorial: Bool | list[Text] | None = Editorial()


class GlossaryFile(Model):
    terms: list[Term] = F("begreper", "Begrepene.", min_length=1)


# ---------------------------------------------------------------- omdirigeringer.yml

class Redirect(Model):
    """An old link that must keep working after an id was renamed or a page was removed."""

    kind: Literal["temapakke", "samling", "fase", "oppgave", "spørsmål", "side"] = F(
        "type", "Hva som har fått ny id: temapakke, samling, fase, oppgave, spørsmål, eller side for andre sider."
    )
    old: Text = F("fra", "Den gamle id-en. For type «side»: den gamle sidens adresse i versjonen, for eksempel kommuner/.")
    new: Text = F("til", "Den nye id-en i denne versjonen. For type «side»: adressen til siden leseren skal til.")
    note: Text | None = F("merknad", "Hvorfor lenken ble endret (vises ikke på nettstedet).", None)


class RedirectsFile(Model):
    redirects: list[Redirect] = F("omdirigeringer", "Gamle lenker og hvor de skal føre nå.", min_length=1)


# ---------------------------------------------------------------- avtale.yml

#: The two sides of the agreement: the programme's party and the participating municipality.
AgreementRole = Literal["programmet", "kommunen"]


class AgreementParty(Model):
    """One party to the agreement as the contract names it, and who signs for it, by role."""

    role: AgreementRole = F(
        "rolle", "«programmet» for programmets part, «kommunen» for deltakerkommunen. Kommunens navn, sted, "
        "dato og underskrifter er tomme linjer i dokumentet, som fylles ut for hånd.")
    name: Text | None = F(
        "navn", "Navnet på programmets part, slik kontrakten skriver det. Må være en av eierne i program.yml, "
        "for eksempel «Norsk kulturskoleråd». Står ikke for kommunen.", None)
    place: Text | None = F("sted", "Stedet parten skriver under, når kontrakten oppgir det. Står ikke for kommunen.", None)
    date: Month | None = F(
        "dato", "Måneden parten skriver under, ÅÅÅÅ-MM, når kontrakten oppgir den. Står ikke for kommunen.", None)
    signatories: list[Text] = F(
        "underskrivere", "Hvem som skriver under for parten, etter rolle (for eksempel «kommunedirektør»), én per "
        "linje. Skriv rollen, ikke navnet.", min_length=1)


class Agreement(Model):
    """The contract between the programme and a participating municipality, as its source writes it.

    Only what the contract says and program.yml does not hold: the title, the parties by role, place and
    date, and who signs. The agreement period («avtaleperiode»), the obligations («forpliktelser»), the
    costs («kostnader»), the contact person and the programme's name come from program.yml."""

    title: Text = F("tittel", "Dokumentets tittel, for eksempel «Kontrakt».")
    designation: Text | None = F(
        "betegnelse", "Hva slags program avtalen gjelder. Programmets navn fra program.yml kommer etter: "
        "«Utviklingsprogram» blir «Utviklingsprogram for Fremtidens kulturskole».", None)
    subtitle: Text | None = F("undertittel", "Linjen under, for eksempel navnet på prosjektet programmet bygger på.", None)
    parties: list[AgreementParty] = F(
        "parter", "De to partene, i den rekkefølgen dokumentet viser dem: programmets part («rolle: programmet») og "
        "kommunen («rolle: kommunen»).",
        min_length=2, max_length=2)
    source: Id | list[Id] = Field(
        alias="kilde", description="Id for kilden kontrakten kommer fra (fra «kilder» i program.yml). Én id, eller "
        "en liste når opplysningene kommer fra flere kilder.", json_schema_extra={REF_KEY: "kilder"})

    @model_validator(mode="after")
    def _parties(self) -> Agreement:
        """One party of each role; the programme's party named; the municipality's name, place and date
        left to the hand that fills in the document. Each error at the line of the field."""
        roles = [party.role for party in self.parties]
        if sorted(roles) != ["kommunen", "programmet"]:
            raise PydanticCustomError(
                "agreement_roles", "avtalen har to parter, én med «rolle: programmet» og én med «rolle: kommunen»; "
                "fant {roles}", {"roles": ", ".join(roles)})
        errors: list[InitErrorDetails] = []
        for i, party in enumerate(self.parties):
            if party.role == "programmet" and not party.name:
                errors.append(_faq_error(("parter", i), None, "agreement_party_name",
                                         "programmets part trenger «navn», for eksempel «Norsk kulturskoleråd»"))
            if party.role == "kommunen":
                for key, value in (("navn", party.name), ("sted", party.place), ("dato", party.date)):
                    if value:
                        errors.append(_faq_error(
                            ("parter", i, key), value, "agreement_municipality",
                            "kommunens {key} er en tom linje i dokumentet, som fylles ut for hånd. Fjern «{key}» her",
                            key=key))
        if errors:
            raise ValidationError.from_exception_data("Agreement", errors)
        return self

    def party(self, role: str) -> AgreementParty:
        return next(party for party in self.parties if party.role == role)

    def sources(self) -> list[str]:
        return source_ids(self.source)

    def problems_with(self, programme: Programme) -> list[tuple[tuple, str]]:
        """What program.yml must hold for this contract: (place in avtale.yml, message) for each gap."""
        out: list[tuple[tuple, str]] = []
        for i, party in enumerate(self.parties):
            if party.name and party.name not in programme.owners:
                out.append((("parter", i, "navn"),
                            f"«{party.name}» er ikke en av eierne i program.yml ({', '.join(programme.owners)}). "
                            "Programmets part må være en av dem"))
        if programme.agreement_period is None:
            out.append(((), "kontrakten henter avtaleperioden fra program.yml, men der mangler «avtaleperiode». "
                            "Legg den inn der"))
        return out


# ---------------------------------------------------------------- registry of data file kinds

#: Each kind of data file: its model, where it lives in a version folder, and whether it is required.
#: `pattern` is a path relative to the version folder; `*` means one file per thing (its name is its id).
FILE_KINDS: dict[str, dict[str, Any]] = {
    "program": {"model": Programme, "pattern": "program.yml", "required": True,
                "title": "Programmet"},
    "kommuner": {"model": MunicipalitiesFile, "pattern": "kommuner.yml", "required": False,
                 "title": "Kommuner"},
    "fasemodell": {"model": PhaseModel, "pattern": "fasemodell.yml", "required": True,
                   "title": "Fasemodellen"},
    "fase": {"model": Phase, "pattern": "faser/*.yml", "required": True, "title": "En fase"},
    "ressurser": {"model": ResourcesFile, "pattern": "ressurser.yml", "required": False, "title": "Ressurser"},
    "sporsmal": {"model": QuestionsFile, "pattern": "sporsmal/*.yml", "required": True,
                 "title": "Dialogspørsmål (ett tema per fil)"},
    "oppgaver": {"model": TasksFile, "pattern": "oppgaver/*.yml", "required": False,
                 "title": "Forberedelser og mellomarbeid"},
    "samling": {"model": Gathering, "pattern": "samlinger/*.yml", "required": True, "title": "En samling"},
    "temapakke": {"model": ThemePack, "pattern": "temapakker/*.yml", "required": False, "title": "En temapakke"},
    "faq": {"model": FaqFile, "pattern": "faq.yml", "required": False, "title": "Ofte stilte spørsmål"},
    "ordliste": {"model": GlossaryFile, "pattern": "ordliste.yml", "required": False, "title": "Ordliste"},
    "forventninger": {"model": ExpectationsFile, "pattern": "forventninger.yml", "required": False,
                      "title": "Hva kommunene ventet seg"},
    "historikk": {"model": HistoryFile, "pattern": "historikk.yml", "required": False, "title": "Historikk"},
    "omdirigeringer": {"model": RedirectsFile, "pattern": "omdirigeringer.yml", "required": False,
                       "title": "Omdirigeringer fra gamle lenker"},
    "avtale": {"model": Agreement, "pattern": "avtale.yml", "required": False,
               "title": "Kontrakten med kommunene"},
}
