"""A JSON Schema read for people: its objects in reading order, and each field's type in words.

Two pages show the fields of a schema: the editors' field reference (`schemas/README.md`, Markdown,
from the data files' schemas) and the page «Åpne data» (HTML, from the open-data schemas). Both read
the schema here. Each says how its words look (`Style`: Markdown or HTML) and which patterns it
names (`words`): editors are told to quote a clock time, users of the data are not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .schema import REF_KEY

#: A word for a value and for several values: ("dato ÅÅÅÅ-MM-DD", "datoer ÅÅÅÅ-MM-DD").
Words = tuple[str, str]

def refs_in(node: Any) -> list[str]:
    """Names of the `$defs` a schema node points at, in order, looking through anyOf and items."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            found.append(ref[len("#/$defs/"):])
        for key in ("anyOf", "oneOf", "allOf", "items"):
            value = node.get(key)
            for sub in value if isinstance(value, list) else [value]:
                found.extend(refs_in(sub))
    return found


def object_uses(root: dict, defs: dict) -> dict[str, list[tuple[tuple[str, ...], dict]]]:
    """Each nested object (a `$defs` entry) and the fields that lead to it: (key path, field schema).

    Breadth first, so the order is the order a reader meets the objects in the file."""
    uses: dict[str, list[tuple[tuple[str, ...], dict]]] = {}
    queue: list[tuple[tuple[str, ...], dict]] = [((), root)]
    while queue:
        prefix, node = queue.pop(0)
        for key, prop in node.get("properties", {}).items():
            for name in refs_in(prop):
                path = prefix + (key,)
                if name not in uses:
                    uses[name] = [(path, prop)]
                    queue.append((path, defs[name]))
                elif path not in [p for p, _ in uses[name]]:
                    uses[name].append((path, prop))
    return uses


def path_words(paths: list[tuple[str, ...]], quote: tuple[str, str] = ("«", "»")) -> str:
    """Where an object stands in a file, in words: «samlinger › program» og «…»."""
    left, right = quote
    return " og ".join(left + " › ".join(path) + right for path in paths)


@dataclass(frozen=True)
class Style:
    """How a page writes code and a link to another object's table."""

    code: Callable[[str], str]
    link: Callable[[str, str], str]  # (text, name of the object in $defs) → a link to its table


@dataclass
class Vocabulary:
    """The words one page uses for types. `patterns` maps a `pattern` or `format` to words."""

    style: Style
    patterns: dict[str, Words]
    #: Words for the basic types.
    types: dict[str, Words] = field(default_factory=lambda: {
        "string": ("tekst", "tekster"), "integer": ("heltall", "heltall"), "number": ("tall", "tall"),
        "object": ("objekt", "objekter")})
    boolean: str = "true eller false"
    #: Say «eller null» where a value may be null (open data), or leave it unsaid (editors omit the key).
    say_null: bool = False
    #: Say an integer's limits and a list's length (editors), or not.
    limits: bool = False
    #: The words for a list of something: "liste av".
    list_of: Words = ("liste av", "lister av")
    #: Words for a field that refers to an id elsewhere: (kind, is a list) → words (editors).
    ref: Callable[[str, bool], str] | None = None
    #: Text of a link to an object, given its name in $defs.
    object_title: Callable[[str], str] = str
    #: A pattern or format that decides a whole anyOf (the week expressions: number or text).
    whole: tuple[str, ...] = ()
    #: Words for a text pattern not in `patterns` (None: the type's words).
    other_pattern: Callable[[str], Words] | None = None

    def field_type(self, prop: dict) -> str:
        """The type of a field, in words."""
        kind = prop.get(REF_KEY)
        if kind and self.ref is not None:
            return self.ref(kind, prop.get("type") == "array") + (count(prop) if self.limits else "")
        return self.words(prop)[0]

    def words(self, node: dict) -> Words:
        """The type of a value in plain words: (one, several)."""
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            see = "se " + self.style.link(self.object_title(name), name)
            return f"objekt, {see}", f"objekter, {see}"
        if "anyOf" in node:
            extra = {"format": node["format"]} if "format" in node else {}
            options = [{**extra, **o} for o in node["anyOf"] if o.get("type") != "null"]
            for key in self.whole:
                if any(o.get("pattern") == key for o in options):
                    return self.patterns[key]
            pairs = [self.words(o) for o in options]
            null = " eller null" if self.say_null and len(options) < len(node["anyOf"]) else ""
            return " eller ".join(p[0] for p in pairs) + null, " eller ".join(p[1] for p in pairs) + null
        if "enum" in node:
            values = ", ".join(self.style.code(str(v)) for v in node["enum"])
            return f"én av {values}", f"verdier blant {values}"
        if "const" in node:
            return self.style.code(str(node["const"])), self.style.code(str(node["const"]))
        kind = node.get("type")
        if kind == "array":
            items = self.words(node.get("items", {}))[1] + (count(node) if self.limits else "")
            return f"{self.list_of[0]} {items}", f"{self.list_of[1]} {items}"
        if kind == "boolean":
            return self.boolean, self.boolean
        for found in (node.get("pattern"), node.get("format")):
            if found in self.patterns:
                return self.patterns[found]
        if kind == "integer" and self.limits:
            bounds = [f"minst {node['minimum']}"] if "minimum" in node else []
            bounds += [f"høyst {node['maximum']}"] if "maximum" in node else []
            suffix = f" ({', '.join(bounds)})" if bounds else ""
            return self.types["integer"][0] + suffix, self.types["integer"][1] + suffix
        if kind == "string" and node.get("pattern") and self.other_pattern is not None:
            return self.other_pattern(node["pattern"])
        return self.types.get(kind, ("verdi", "verdier")) if kind else ("verdi", "verdier")


def count(node: dict) -> str:
    """A list's length in words: « (minst 1)», « (nøyaktig 4)»."""
    low, high = node.get("minItems"), node.get("maxItems")
    if low is not None and low == high:
        return f" (nøyaktig {low})"
    if low and high is not None:
        return f" ({low} til {high})"
    if low:
        return f" (minst {low})"
    if high is not None:
        return f" (høyst {high})"
    return ""
