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

import re
from collections.abc import Callable
from typing import Any

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
}


#: Facts whose bokmål value holds words from the data: what a nynorsk text gets instead. Every other
#: fact is a number, a sum, a period or a date, written alike in both languages.
NYNORSK: dict[str, Callable[[Version], Any]] = {
    "kontaktperson": _contact_name,
}

LANGUAGES = ("nb", "nn")


def fact(version: Version, name: str, language: str = "nb") -> Any:
    """The typed value of fact `name` for a text in `language` ("nb" or "nn"), or None when the
    version has none."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    compute = (NYNORSK.get(name) if language == "nn" else None) or FACTS.get(name)
    return compute(version) if compute else None
