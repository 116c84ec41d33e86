"""What readers and editors call each kind of thing, in bokmål: one table per kind of label.

Every page, message, figure and export reads its words from here, so a kind of gathering or a
reference is named the same everywhere.
"""

from __future__ import annotations

from typing import NamedTuple


class KindLabel(NamedTuple):
    singular: str   # «Fellessamling», as a label
    plural: str     # «fellessamlinger», in running text


#: Gathering kinds, in their order on the same day (the gathering before its coordinator meeting).
#: The keys are the values `type` takes in a gathering file (schema.GatheringKind).
GATHERING_KINDS: dict[str, KindLabel] = {
    "inspirasjonssamling": KindLabel("Inspirasjonssamling", "inspirasjonssamlinger"),
    "verksted": KindLabel("Verksted", "verksteder"),
    "seminar": KindLabel("Seminar", "seminarer"),
    "webinar": KindLabel("Webinar", "webinarer"),
    "temasamling": KindLabel("Temasamling", "temasamlinger"),
    "fellessamling": KindLabel("Fellessamling", "fellessamlinger"),
    "koordinatorsamling": KindLabel("Koordinatorsamling", "koordinatorsamlinger"),
    "veiledning": KindLabel("Veiledning", "veiledninger"),
    "delingsarena": KindLabel("Delingsarena", "delingsarenaer"),
}


def kind_label(kind: str) -> str:
    return GATHERING_KINDS[kind].singular


def kind_plural(kind: str) -> str:
    return GATHERING_KINDS[kind].plural


#: A gathering's form (`form`); None when the data does not say.
MODE_LABELS: dict[str | None, str] = {"fysisk": "Fysisk", "digital": "Digital", None: "Form ikke oppgitt"}

TASK_KIND_LABELS = {"les": "Les", "gjør": "Gjør", "reflekter": "Reflekter"}

WHO_LABELS = {
    "hver-deltaker": "Hver deltaker", "kommunegruppen": "Kommunegruppen", "koordinator": "Koordinatoren",
    "kommunen": "Kommunen",
}

RESOURCE_LABELS = {
    "rapport": "Rapport", "hefte": "Hefte", "film": "Film", "nettside": "Nettside", "dokument": "Dokument",
    "plan": "Plan", "stortingsmelding": "Stortingsmelding", "opptak": "Opptak",
}

#: Each kind of reference between data files: what it is called in messages, and where such ids
#: are defined (the validator's messages and the editors' field reference use the same words).
REF_LABELS = {
    "fase": ("fasen", "faser/"),
    "spørsmål": ("spørsmålet", "sporsmal/"),
    "målgrupper": ("målgruppen", "«målgrupper» i program.yml"),
    "verdiområder": ("verdiområdet", "«verdiområder» i program.yml"),
    "ressurs": ("ressursen", "ressurser.yml"),
    "oppgave": ("oppgaven", "oppgaver/"),
    "begrep": ("begrepet", "ordliste.yml"),
    "kilder": ("kilden", "«kilder» i program.yml"),
    "temapakke": ("temapakken", "temapakker/"),
    "samling": ("samlingen", "samlinger/"),
}
