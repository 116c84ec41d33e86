"""The page «Nytt i denne versjonen»: what changed since the previous programme version.

`compare` is a pure comparison of two validated versions; `changes_page` turns it into Markdown.
Nothing here knows about MkDocs: the site layer decides which version is the previous one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel

from ..model import urls
from ..model.facts import fact
from ..model.labels import kind_plural
from ..model.schema import GatheringKind
from ..model.version import Version
from . import format as fmt

#: The page's Markdown source.

#: YAML keys that only record where a value comes from (a source, a note on the sources, or that the
#: editors wrote it). A change in them alone is not a change in the content, so `compare` leaves them
#: out, at every depth.
SOURCE_KEYS = frozenset({"kilde", "kildemerknad", "redaksjonell", "feltkilder", "søknadsfrist_kilde"})

#: Shown when a version has no value for a fact.
NOT_STATED = "ikke oppgitt"
#: Shown when a version's schedule has no gathering of a kind.
NONE = "ingen"

# ---------------------------------------------------------------- the comparison

@dataclass
class KindChanges:
    """Changes in one kind of item (theme packs, gatherings, questions or tasks), by id.

    `added` and `changed` are in the new version's reading order, `removed` in the old version's.
    `changed` maps an id to the YAML keys (aliases) of the top-level fields whose content differs.
    """

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class FactChange:
    """A programme fact whose value differs: `old` and `new` are formatted in bokmål, or «ikke oppgitt»."""

    key: str
    label: str
    old: str
    new: str


@dataclass
class Changes:
    facts: list[FactChange] = field(default_factory=list)
    packs: KindChanges = field(default_factory=KindChanges)
    gatherings: KindChanges = field(default_factory=KindChanges)
    questions: KindChanges = field(default_factory=KindChanges)
    tasks: KindChanges = field(default_factory=KindChanges)

    @property
    def empty(self) -> bool:
        return not self.facts and all(getattr(self, kind).empty for kind in ITEM_KINDS)


#: The kinds of item compared, as attribute names of both `Version` and `Changes`.
ITEM_KINDS = ("packs", "gatherings", "questions", "tasks")


def _content(value: Any) -> Any:
    """A model as plain values keyed by YAML key, without the source fields (see SOURCE_KEYS)."""
    if isinstance(value, BaseModel):
        return {
            key: _content(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if (key := info.alias or name) not in SOURCE_KEYS
        }
    if isinstance(value, (list, tuple)):
        return [_content(v) for v in value]
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items()}
    return value


def changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    """The YAML keys of the top-level fields of `new` whose content differs from `old`.

    Fields that only record sources (`kilde`, `kildemerknad`, also inside nested values) are ignored,
    so an item whose sources alone changed counts as unchanged.
    """
    out = []
    for name, info in type(new).model_fields.items():
        key = info.alias or name
        if key in SOURCE_KEYS:
            continue
        if _content(getattr(old, name, None)) != _content(getattr(new, name)):
            out.append(key)
    return out


def _compare_items(old: dict[str, BaseModel], new: dict[str, BaseModel]) -> KindChanges:
    result = KindChanges()
    for ident, item in new.items():
        if ident not in old:
            result.added.append(ident)
        else:
            fields = changed_fields(old[ident], item)
            if fields:
                result.changed[ident] = fields
    result.removed = [ident for ident in old if ident not in new]
    return result


def _gathering_count(kind: str | None) -> Callable[[Version], Any]:
    """Number of gatherings in the schedule (of one kind, or all), as a typed fact."""
    def count(v: Version) -> Any:
        return ("antall", len(v.gatherings) if kind is None else len(v.gatherings_of(kind)))
    return count


def _fact(name: str) -> Callable[[Version], Any]:
    return lambda v: fact(v, name)


def fact_specs() -> list[tuple[str, str, Callable[[Version], Any]]]:
    """The programme facts compared: (key, bokmål label, function giving the typed value or None).

    Keys are the names in `kulturskole.model.facts.FACTS` where the fact exists there. The group size
    is `forberedelse_til_deltakelse.kommunegruppe_minimum` in program.yml (the fact
    `kommunegruppe_minimum`): the least number of participants in each municipality's group.
    Gatherings are counted as the schedule holds them: the total, and one count per kind.
    """
    specs = [
        ("deltakeravgift", "Deltakeravgift per kommune", _fact("deltakeravgift")),
        ("periode", "Programperiode", _fact("periode")),
        ("avtaleperiode", "Avtaleperiode", _fact("avtaleperiode")),
        ("kommunegruppe_minimum", "Minste antall deltakere i kommunegruppen", _fact("kommunegruppe_minimum")),
        ("antall_samlinger", "Samlinger og møter i tidsplanen, i alt", _gathering_count(None)),
    ]
    for kind in get_args(GatheringKind):
        plural = kind_plural(kind)
        specs.append((f"antall_{plural}", f"{fmt.capitalize(plural)} i tidsplanen", _gathering_count(kind)))
    return specs


def _formatted(typed: Any) -> str:
    if typed is None:
        return NOT_STATED
    if typed == ("antall", 0):
        return NONE
    return fmt.format_fact(typed)


def compare(old: Version, new: Version) -> Changes:
    """What differs between version `old` and version `new`.

    Theme packs, gatherings, questions and tasks are matched by id: an id only in `new` is added,
    an id only in `old` is removed, and an id in both is changed when the content of a field differs.
    Fields that only record sources (`kilde`, `kildemerknad`) are ignored: a new source for the same
    text is not news to a reader. Only the item's own fields count: a question moved to another
    topic file with the same content is unchanged.

    Programme facts (see `fact_specs`) are compared as the site shows them, formatted in bokmål, so a
    period whose note or source changed but whose months did not is unchanged. A fact a version does
    not have is «ikke oppgitt»; a kind of gathering its schedule does not have is «ingen».
    """
    changes = Changes()
    for key, label, compute in fact_specs():
        before, now = _formatted(compute(old)), _formatted(compute(new))
        if before != now:
            changes.facts.append(FactChange(key, label, before, now))
    for kind in ITEM_KINDS:
        setattr(changes, kind, _compare_items(getattr(old, kind), getattr(new, kind)))
    return changes


# ---------------------------------------------------------------- the page

@dataclass(frozen=True)
class _Kind:
    attr: str
    heading: str
    title: Callable[[Version, str], str]
    target: Callable[[str], tuple[str, str]]  # id → (page, anchor)
    language: Callable[[Version, str], str] = lambda v, i: "nb"
    detail: Callable[[Version, str], str] = lambda v, i: ""  # after the title, e.g. a gathering's date


KINDS = [
    _Kind("packs", "Temapakker", lambda v, i: v.packs[i].title, lambda i: (urls.pack(i), "")),
    _Kind("gatherings", "Samlinger", lambda v, i: v.gatherings[i].title, lambda i: (urls.gathering(i), ""),
          detail=lambda v, i: f", {fmt.when(v.gatherings[i].when)}"),
    _Kind("questions", "Spørsmål", lambda v, i: v.questions[i].text, lambda i: (urls.QUESTIONS, i),
          lambda v, i: v.questions[i].language),
    _Kind("tasks", "Oppgaver", lambda v, i: v.tasks[i].title, lambda i: (urls.TASKS, i)),
]


def _and(items: list[str]) -> str:
    """«a, b og c»."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def _link_text(value: str) -> str:
    """Data text for inside [ ] of a Markdown link: escaped, with brackets kept literal."""
    return fmt.inline(value).replace("[", "\\[").replace("]", "\\]")


def _linked(kind: _Kind, version: Version, ident: str) -> str:
    page, anchor = kind.target(ident)
    link = f"[{_link_text(kind.title(version, ident))}]({urls.md_link(urls.CHANGES, page, anchor)})"
    if kind.language(version, ident) == "nn":
        link += '{: lang="nn" }'
    return link + kind.detail(version, ident)


def _plain(kind: _Kind, version: Version, ident: str) -> str:
    title = fmt.inline(kind.title(version, ident))
    title = f'<span lang="nn">{title}</span>' if kind.language(version, ident) == "nn" else title
    return title + kind.detail(version, ident)


def _kind_section(kind: _Kind, found: KindChanges, new: Version, old: Version) -> list[str]:
    parts = [f"## {kind.heading}", ""]
    if found.empty:
        return parts + ["Ingen endringer.", ""]
    if found.added:
        parts += [f"### Nye ({len(found.added)})", ""]
        parts += [f"- {_linked(kind, new, i)}" for i in found.added] + [""]
    if found.changed:
        parts += [f"### Endret ({len(found.changed)})", ""]
        parts += [f"- {_linked(kind, new, i)}: endret {_and([fmt.inline(f) for f in fields])}"
                  for i, fields in found.changed.items()] + [""]
    if found.removed:
        parts += [f"### Ikke lenger med ({len(found.removed)})", ""]
        parts += [f"- {_plain(kind, old, i)}" for i in found.removed] + [""]
    return parts


def changes_page(new: Version, old: Version | None) -> str:
    """Markdown for «Nytt i denne versjonen»: what changed from `old` (the previous version) to `new`.

    With no previous version the page says that this is the first version on the site.
    """
    parts = ["# Nytt i denne versjonen", ""]
    new_title = fmt.inline(new.programme.version_title)
    if old is None:
        parts += [f"{new_title} er den første versjonen av programmet som er publisert på dette nettstedet. "
                  "Derfor er det ingen tidligere versjon å sammenligne med.", ""]
        return "\n".join(parts)
    old_title = fmt.inline(old.programme.version_title)
    changes = compare(old, new)
    parts += [f"Her ser du hva som er nytt og endret i {new_title}, sammenlignet med {old_title}. "
              "Lenkene går til sidene i denne versjonen. "
              "Endringer som bare gjelder kildehenvisninger, er ikke tatt med.", ""]
    parts += ["## Programfakta", ""]
    if changes.facts:
        # Values are formatted by format.py from numbers and months; text() keeps the no-break spaces.
        parts += [f"- {f.label}: **{fmt.text(f.new)}** (før: {fmt.text(f.old)})" for f in changes.facts] + [""]
    else:
        parts += ["Ingen endringer i deltakeravgift, perioder, antall samlinger eller størrelsen på kommunegruppen.", ""]
    for kind in KINDS:
        parts += _kind_section(kind, getattr(changes, kind.attr), new, old)
    return "\n".join(parts)
