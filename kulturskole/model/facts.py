"""Programme facts that text in the data can refer to as [[name]].

An FAQ answer that says what the fee is writes [[deltakeravgift]]; the value comes from program.yml
when the page is built, so the answer stays true when the programme changes. Each fact is computed
from the validated version; `None` means the version has no such fact (and using it is an error).

A fact goes into the language of the text around it. Numbers, sums, months and dates are written the
same in bokmål and nynorsk; words from the data are bokmål, so a nynorsk text gets only the part of
such a fact that reads the same in both (`fact(..., language="nn")`): never a bokmål phrase in a
nynorsk sentence.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel

from .schema import Period, source_ids
from .types import MONTH_NAMES
from .version import Version

PLACEHOLDER = re.compile(r"\[\[\s*([^\[\]]+?)\s*\]\]")


def _fee(v: Version) -> Any:
    return ("kroner", v.programme.costs.fee) if v.programme.costs else None


def _count(kind: str, mode: str | None = None) -> Callable[[Version], Any]:
    def count(v: Version) -> Any:
        items = [g for g in v.gatherings_of(kind) if mode is None or g.mode == mode]
        return ("antall", len(items)) if items else None
    return count


def _municipality_count(list_id: str) -> Callable[[Version], Any]:
    def count(v: Version) -> Any:
        if not v.municipalities:
            return None
        for group in v.municipalities.groups:
            if group.id == list_id:
                return ("antall", len(group.municipalities))
        return None
    return count


def _inspiration_day(v: Version) -> Any:
    """The day of the inspiration gathering, when the version has one such gathering on one day."""
    found = v.gatherings_of("inspirasjonssamling")
    return ("dato", found[0].when.day) if len(found) == 1 and found[0].when.day else None


def _number_of(items: Callable[[Version], Any]) -> Callable[[Version], Any]:
    def count(v: Version) -> Any:
        n = len(items(v))
        return ("antall", n) if n else None
    return count


def _contact(v: Version) -> Any:
    c = v.programme.contact
    if not c:
        return None
    return ("tekst", ", ".join(p for p in (c.name, c.role) if p))


def _contact_name(v: Version) -> Any:
    """The contact's name only: the role is bokmål text from program.yml."""
    c = v.programme.contact
    return ("tekst", c.name) if c else None


#: name → function computing a typed value: ("kroner", int), ("antall", int), ("periode", Period),
#: ("dato", date) or ("tekst", str). The renderer formats each type in bokmål.
FACTS: dict[str, Callable[[Version], Any]] = {
    "deltakeravgift": _fee,
    "periode": lambda v: ("periode", v.programme.period),
    "avtaleperiode": lambda v: ("periode", v.programme.agreement_period) if v.programme.agreement_period else None,
    "semestre": lambda v: ("antall", v.programme.organisation.semesters)
    if v.programme.organisation and v.programme.organisation.semesters else None,
    "antall_fellessamlinger": _count("fellessamling"),
    "antall_fysiske_fellessamlinger": _count("fellessamling", "fysisk"),
    "antall_digitale_fellessamlinger": _count("fellessamling", "digital"),
    "antall_koordinatorsamlinger": _count("koordinatorsamling"),
    "antall_veiledninger": _count("veiledning"),
    "kommunegruppe_minimum": lambda v: ("antall", v.programme.participation.group_minimum)
    if v.programme.participation and v.programme.participation.group_minimum else None,
    "søknadsfrist": lambda v: ("dato", v.programme.application_deadline) if v.programme.application_deadline else None,
    "kontaktperson": _contact,
    "antall_pilotkommuner": _municipality_count("pilotkommuner"),
    "antall_forpilotkommuner": _municipality_count("forpilot"),
    "dato_inspirasjonssamling": _inspiration_day,
    "antall_faser": _number_of(lambda v: v.phases),
    "antall_spor": _number_of(lambda v: v.phase_model.tracks),
    "antall_verdiområder": _number_of(lambda v: v.programme.value_areas),
    "antall_temapakker": _number_of(lambda v: v.packs),
}


#: Facts whose bokmål value holds words from the data: what a nynorsk text gets instead. Every other
#: fact is a number, a sum, a period or a date, written alike in both languages.
NYNORSK: dict[str, Callable[[Version], Any]] = {
    "kontaktperson": _contact_name,
}

LANGUAGES = ("nb", "nn")

#: Numbers written as words in running text (1 has a gender, en/ei/ett, so it stays a digit).
NUMBER_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni", 10: "ti",
                11: "elleve", 12: "tolv"}
NBSP = "\u00a0"


def _month(value: str) -> tuple[str, int]:
    year, month = (int(p) for p in value.split("-"))
    return MONTH_NAMES[month - 1], year


def _period(value: Period) -> str:
    (a, ya), (b, yb) = _month(value.start), _month(value.end)
    return f"{a}–{b} {yb}" if ya == yb else f"{a} {ya} – {b} {yb}"


def format_value(typed: Any) -> str:
    """A typed fact as it reads in a sentence, alike in bokmål and nynorsk: «to», «15 000 kroner»,
    «august 2024 – desember 2025», «15. mai 2024»."""
    kind, value = typed
    if kind == "kroner":
        return f"{value:,}".replace(",", NBSP) + " kroner"
    if kind == "antall":
        return NUMBER_WORDS.get(value, str(value))
    if kind == "periode":
        return _period(value)
    if kind == "dato":
        return f"{value.day}. {MONTH_NAMES[value.month - 1]} {value.year}"
    return str(value)


def fact(version: Version, name: str, language: str = "nb") -> Any:
    """The typed value of fact `name` for a text in `language` ("nb" or "nn"), or None when the
    version has none."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    compute = (NYNORSK.get(name) if language == "nn" else None) or FACTS.get(name)
    return compute(version) if compute else None


# ---------------------------------------------------------------- where a fact comes from

def _gathering_sources(kind: str, mode: str | None = None) -> Callable[[Version], list[str]]:
    def sources(v: Version) -> list[str]:
        return [s for g in v.gatherings_of(kind) if mode is None or g.mode == mode for s in source_ids(g.source)]
    return sources


def _list_sources(list_id: str) -> Callable[[Version], list[str]]:
    def sources(v: Version) -> list[str]:
        groups = v.municipalities.groups if v.municipalities else []
        return [s for group in groups if group.id == list_id for s in source_ids(group.source)]
    return sources


def _of(get: Callable[[Version], Any]) -> Callable[[Version], list[str]]:
    """The sources of the part of program.yml `get` returns (None when the version has no such part)."""
    def sources(v: Version) -> list[str]:
        part = get(v)
        return source_ids(part.source) if part is not None else []
    return sources


#: name → the source ids the fact's value comes from. A fact that is not here (the application
#: deadline: program.yml records no source for it) has none.
SOURCES: dict[str, Callable[[Version], list[str]]] = {
    "deltakeravgift": _of(lambda v: v.programme.costs),
    "periode": _of(lambda v: v.programme.period),
    "avtaleperiode": _of(lambda v: v.programme.agreement_period),
    "semestre": _of(lambda v: v.programme.organisation),
    "antall_fellessamlinger": _gathering_sources("fellessamling"),
    "antall_fysiske_fellessamlinger": _gathering_sources("fellessamling", "fysisk"),
    "antall_digitale_fellessamlinger": _gathering_sources("fellessamling", "digital"),
    "antall_koordinatorsamlinger": _gathering_sources("koordinatorsamling"),
    "antall_veiledninger": _gathering_sources("veiledning"),
    "kommunegruppe_minimum": _of(lambda v: v.programme.participation),
    "søknadsfrist": lambda v: source_ids(v.programme.application_deadline_source),
    "kontaktperson": _of(lambda v: v.programme.contact),
    "antall_pilotkommuner": _list_sources("pilotkommuner"),
    "antall_forpilotkommuner": _list_sources("forpilot"),
    "dato_inspirasjonssamling": _gathering_sources("inspirasjonssamling"),
    "antall_faser": lambda v: source_ids(v.phase_model.source) + [s for p in v.phases.values() for s in p.sources()],
    "antall_spor": lambda v: source_ids(v.phase_model.source) + [s for t in v.phase_model.tracks for s in t.sources()],
    "antall_verdiområder": lambda v: [s for a in v.programme.value_areas for s in a.sources()],
    "antall_temapakker": lambda v: [s for p in v.packs.values() for s in p.sources()],
}


def fact_sources(version: Version, name: str) -> list[str]:
    """The ids of the sources (from «kilder» in program.yml) the value of fact `name` comes from, each
    once, in the order the data names them. Empty when the data records none or the fact is unknown."""
    compute = SOURCES.get(name)
    found = compute(version) if compute else []
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- which facts a text uses

def _models(obj: Any) -> list[BaseModel]:
    """`obj` and every model inside it (its fields, lists and dicts), outermost first."""
    out: list[BaseModel] = []
    stack = [obj]
    while stack:
        current = stack.pop()
        if isinstance(current, BaseModel):
            out.append(current)
            stack.extend(reversed([getattr(current, name) for name in type(current).model_fields]))
        elif isinstance(current, (list, tuple)):
            stack.extend(reversed(current))
        elif isinstance(current, dict):
            stack.extend(reversed(list(current.values())))
    return out


def _texts(model: BaseModel) -> list[tuple[str, str]]:
    """(YAML key, text) for each string in the model's own fields (not in the models inside it)."""
    out = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        out += [(info.alias or name, v) for v in values if isinstance(v, str)]
    return out


class TextField(NamedTuple):
    """One text in the data: where it stands, the text, its language, and the model and YAML key of
    the field that holds it."""

    loc: tuple
    text: str
    language: str
    owner: BaseModel | None
    key: str


def text_fields(obj: Any, loc: tuple = (), language: str = "nb",
                owner: BaseModel | None = None, key: str = "") -> Iterator[TextField]:
    """Every text in `obj` (a model, or a list or dict of them) and the models inside it. The place
    (`loc`) is the path of YAML keys and list positions from `obj`, as the validator reports it; the
    language is «nn» inside an item with «språk: nn»."""
    if isinstance(obj, str):
        yield TextField(loc, obj, language, owner, key)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from text_fields(item, loc + (i,), language, owner, key)
    elif isinstance(obj, dict):
        for name, item in obj.items():
            yield from text_fields(item, loc + (name,), language, owner, key)
    elif isinstance(obj, BaseModel):
        language = _language(obj, language)
        for name, info in type(obj).model_fields.items():
            alias = info.alias or name
            yield from text_fields(getattr(obj, name), loc + (alias,), language, obj, alias)


def _language(model: BaseModel, inherited: str) -> str:
    value = getattr(model, "language", None)
    return value if value in LANGUAGES else inherited


def used_facts(item: Any) -> list[str]:
    """The names of the facts the text fields of `item` (a model, with every model inside it, or a
    list of them) use, each once, in reading order. After `resolve` the text holds the values; the
    names are kept on each item, so the answer is the same before and after."""
    names: list[str] = []
    for model in _models(item):
        names += getattr(model, "_facts", None) or []
        for _, value in _texts(model):
            names += PLACEHOLDER.findall(value)
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------- the values put into the text

#: What stands before a placeholder that starts a sentence: nothing, the end of a sentence, a list
#: marker or a blank line, with Markdown emphasis between. «ca.», «kl.» and the like end no sentence.
_SENTENCE_START = re.compile(r"(?:\A|(?<!\bca)(?<!\bkl)(?<!\bjf)(?<!\bnr)(?<!\bbl\.a)(?<!\bf\.eks)(?<!\d)[.!?]\s+"
                             r"|^\s*(?:[-*+]|\d+[.)])\s+|\n\s*\n\s*|^#+\s+)[*_«]*\Z", re.MULTILINE)


def _in_sentence(value: str, before: str) -> str:
    """`value` as it stands after `before`: with a capital letter when it starts a sentence."""
    return value[:1].upper() + value[1:] if _SENTENCE_START.search(before) else value


def resolve(version: Version) -> Version:
    """Every [[name]] in every text field of every item of `version` replaced by the fact's value, as
    it reads in the item's language (an item with «språk: nn», and what is inside it, gets the nynorsk
    form). Each item keeps the names it used (`used_facts`). The items are changed in place and the
    version is returned; a resolved version has no placeholder left, so resolving again changes
    nothing. Validation has made sure that each name is a fact with a value."""
    cache: dict[tuple[str, str], str] = {}

    def value(name: str, language: str) -> str:
        if (name, language) not in cache:
            typed = fact(version, name, language)
            if typed is None:
                raise ValueError(f"[[{name}]] has no value in version {version.name}")
            cache[name, language] = format_value(typed)
        return cache[name, language]

    def substitute(text: str, language: str) -> str:
        return PLACEHOLDER.sub(lambda m: _in_sentence(value(m.group(1), language), text[:m.start()]), text)

    def walk(obj: Any, language: str) -> None:
        if isinstance(obj, (list, tuple)):
            for item in obj:
                walk(item, language)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item, language)
        elif isinstance(obj, BaseModel):
            language = _language(obj, language)
            used: list[str] = list(getattr(obj, "_facts", None) or [])
            for name in type(obj).model_fields:
                current = getattr(obj, name)
                if isinstance(current, str) and "[[" in current:
                    used += PLACEHOLDER.findall(current)
                    setattr(obj, name, substitute(current, language))
                elif isinstance(current, list) and any(isinstance(v, str) and "[[" in v for v in current):
                    for text in current:
                        if isinstance(text, str):
                            used += PLACEHOLDER.findall(text)
                    setattr(obj, name, [substitute(v, language) if isinstance(v, str) else v for v in current])
                else:
                    walk(current, language)
            if used and hasattr(obj, "_facts"):
                obj._facts = list(dict.fromkeys(used))

    for field in dataclasses.fields(version):
        walk(getattr(version, field.name), "nb")
    return version
