"""The sources a page cites, gathered in one «Kilder» section at the end of the page, and the editors'
own text marked as such.

A page renders its parts and tells a `PageSources` which source each part builds on and where on the
page the part stands (`cite`). At the end the page adds `section()`: every cited source once, numbered
in the order the page first cites it, with its title linked to the public document (`lenke`) when the
data has one, its publisher and date, its description, and links back to the places on the page that
use it; then the numbered notes about the sources (`note`, for instance why one date was chosen when
two sources disagree). Nothing is repeated under every paragraph.

Text the editors wrote themselves (`redaksjonell` in the data, `item.is_editorial(key)`) is shown with
the words «Forklart av redaksjonen» (`editorial`, `editorial_inline`), never by colour alone.

    sources = PageSources(version)
    parts += [f"## {title} {{#{anchor}}}", "", sources.field(item, "beskrivelse", text, title, anchor)]
    ...
    parts += sources.section()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pymdownx.slugs import slugify

from ..model.schema import Source, source_ids
from ..model.version import Version
from . import format as fmt

#: The anchor of the «Kilder» section; the programme page has always had it.
ANCHOR = "kilder"
#: The label on text the editors wrote themselves.
EDITORIAL_LABEL = "Forklart av redaksjonen"
#: More places than this, and the links back to them are folded away in the «Kilder» section.
FOLD_PLACES = 8


_slug = slugify(case="lower")


def heading_anchor(title: str) -> str:
    """The anchor a heading gets from its title (the site's slug, Norwegian letters kept). A page that
    cites a source for a heading writes it out, so the anchor stays what it has always been."""
    return _slug(title, "-")


def unique_anchor(anchor: str, used: set[str]) -> str:
    """`anchor`, or `anchor_1`, `anchor_2` … when a heading on the page already has it; noted in `used`."""
    unique, n = anchor, 0
    while unique in used:
        n += 1
        unique = f"{anchor}_{n}"
    used.add(unique)
    return unique


def source_anchor(source_id: str) -> str:
    """The anchor of a source's entry in the «Kilder» section."""
    return f"kilde-{source_id}"


# ---------------------------------------------------------------- the editors' own text


def editorial(markdown: str, label: str = EDITORIAL_LABEL) -> str:
    """A block of Markdown (paragraphs, lists) marked as the editors' own text: the label comes first,
    as words, so a screen reader and a printout say it too (class kfs-editorial in extra.css)."""
    if not markdown.strip():
        return ""
    return (f'<div class="kfs-editorial" markdown="1">\n\n'
            f'<p class="kfs-editorial__label">{fmt.plain(label)}</p>\n\n'
            f"{markdown.strip()}\n\n</div>\n")


def editorial_inline(markdown: str, label: str = EDITORIAL_LABEL) -> str:
    """One line of Markdown (a list item, a table cell, a line of facts) marked as the editors' own
    text, the label in brackets after it: «… (forklart av redaksjonen)»."""
    if not markdown.strip():
        return ""
    return (f'<span class="kfs-editorial kfs-editorial--inline">{markdown.strip()} '
            f'<span class="kfs-editorial__label">({fmt.plain(label[:1].lower() + label[1:])})</span></span>')


def editorial_remark(text: str) -> str:
    """A short remark, in the same calm mark, that part of an item is the editors' own: «Målgruppene er
    redaksjonens forslag.» (plain text)."""
    return f'<span class="kfs-editorial kfs-editorial--inline"><span class="kfs-editorial__label">{fmt.plain(text)}</span></span>'


def marked(item: Any, key: str, markdown: str, inline: bool = False, label: str = EDITORIAL_LABEL) -> str:
    """`markdown` (the rendered field `key` of `item`) as it goes on the page: marked as the editors'
    own text when the item says so (`item.is_editorial(key)`), else unchanged."""
    is_editorial = getattr(item, "is_editorial", None)
    if not markdown or is_editorial is None or not is_editorial(key):
        return markdown
    return editorial_inline(markdown, label) if inline else editorial(markdown, label)


# ---------------------------------------------------------------- the sources of a page


@dataclass(frozen=True)
class Place:
    """A part of the page that builds on a source: its title (Markdown) and its anchor."""

    title: str
    anchor: str


@dataclass
class PageSources:
    """The sources one page cites and the notes it makes, written out by `section()` at its end."""

    version: Version
    #: The heading level of the «Kilder» section.
    level: int = 2
    #: The anchor of the «Kilder» section (unique on the page).
    anchor: str = ANCHOR
    #: source id → the places on the page that use it, in page order.
    used: dict[str, list[Place]] = field(default_factory=dict)
    #: (anchor, the place it belongs to, the note in Markdown), in page order.
    notes: list[tuple[str, Place, str]] = field(default_factory=list)

    # -- what the page tells

    def cite(self, source: str | Iterable[str] | None, title: str, anchor: str) -> str:
        """Note that the part titled `title` (Markdown) at `#anchor` builds on `source` (one id, a list of
        ids or None). Returns a short reference to the source entries, Markdown («Kilde 2»), which a
        page may show next to the part; "" when there is no source."""
        ids = source_ids(source) if source is None or isinstance(source, str) else list(source)
        known = self._known()
        place = Place(title, anchor)
        out = []
        for one in ids:
            if one not in known:  # the validator reports an unknown source; the page still renders
                continue
            places = self.used.setdefault(one, [])
            if place not in places:
                places.append(place)
            out.append(one)
        return self.reference(out)

    def cite_item(self, item: Any, title: str, anchor: str) -> str:
        """`cite` with the sources of a model item (`kilde`, one id or a list)."""
        return self.cite(source_ids(getattr(item, "source", None)), title, anchor)

    def note(self, text: str, title: str, anchor: str) -> str:
        """A numbered reference to `text` (Markdown), which is written out in the «Kilder» section.
        Returns the reference (Markdown) to put where the note belongs."""
        number = len(self.notes) + 1
        self.notes.append((f"merknad-{number}", Place(title, anchor), text))
        return f"([merknad {number}](#merknad-{number}){{: .kfs-noteref }})"

    def editorial(self, markdown: str, inline: bool = False, label: str = EDITORIAL_LABEL) -> str:
        """`markdown` marked «Forklart av redaksjonen» (see the module functions)."""
        return editorial_inline(markdown, label) if inline else editorial(markdown, label)

    def field(self, item: Any, key: str, markdown: str, title: str, anchor: str, inline: bool = False) -> str:
        """The rendered field `key` of `item` at `#anchor`: cites the item's sources there, and marks the
        text as the editors' own when the item says so."""
        if markdown and not getattr(item, "is_editorial", lambda _: False)(key):
            self.cite_item(item, title, anchor)
        return marked(item, key, markdown, inline)

    # -- what the page shows

    def number(self, source_id: str) -> int:
        """The number of a cited source: its place among the sources in the order the page cites them."""
        return list(self.used).index(source_id) + 1

    def reference(self, ids: Iterable[str]) -> str:
        """Links to the entries of cited sources in the «Kilder» section, Markdown: «Kilde 2» or «Kilde 1,
        kilde 3» (each a link with the word in it: a target wide enough to hit, and clear when read alone)."""
        cited = sorted(dict.fromkeys(i for i in ids if i in self.used), key=self.number)
        links = [f"[{'Kilde' if n == 0 else 'kilde'} {self.number(i)}](#{source_anchor(i)})" for n, i in enumerate(cited)]
        return ", ".join(links)

    def __bool__(self) -> bool:
        return bool(self.used or self.notes)

    def section(self, include_uncited: bool = False, intro: str = "", places: bool = True) -> list[str]:
        """The Markdown lines of the «Kilder» section: each cited source, numbered, then the notes.
        With `include_uncited`, the programme's other sources follow (the programme page lists them
        all); without `places`, no links back (a printed page of one part). Empty when the page cites
        nothing and has no note."""
        sources = {s.id: s for s in self.version.programme.sources}
        rest = [s for s in self.version.programme.sources if s.id not in self.used] if include_uncited else []
        if not self.used and not self.notes and not rest:
            return []
        head = "#" * self.level
        parts = [f"{head} Kilder {{#{self.anchor}}}", ""]
        if intro:
            parts += [intro, ""]
        if self.used:
            parts += ['<ol class="kfs-sources" markdown="1">']
            for sid, used in self.used.items():
                parts.append(f'<li id="{fmt.attr(source_anchor(sid))}" markdown="span">'
                             f"{describe(sources[sid])}{' ' + _places(used) if places else ''}</li>")
            parts += ["</ol>", ""]
        if rest:
            # Folded: the sources this page uses come first; the rest of the version's sources are there
            # for whoever wants them, without a long list on a phone.
            label = "De andre kildene nettstedet bygger på" if self.used else "Kildene nettstedet bygger på"
            parts += ['<details class="kfs-sources-other" markdown="1">',
                      f"<summary>{label} ({len(rest)})</summary>", "",
                      '<ul class="kfs-sources kfs-sources--other" markdown="1">',
                      *(f'<li id="{fmt.attr(source_anchor(s.id))}" markdown="span">{describe(s)}</li>' for s in rest),
                      "</ul>", "", "</details>", ""]
        if self.notes:
            parts += [f"{head}# Merknader {{#merknader}}", ""]
            for anchor, place, text in self.notes:
                number = anchor.rsplit("-", 1)[1]
                name = place.title[:1].lower() + place.title[1:]
                parts += [f"**Merknad {number}, {name}:** {text} [Tilbake til {name}](#{place.anchor})",
                          f"{{: #{anchor} .kfs-note-item }}", ""]
        return parts

    def _known(self) -> set[str]:
        return {s.id for s in self.version.programme.sources}


def describe(source: Source) -> str:
    """A source as one line of Markdown: its title (a link to the public document when the data has
    its address), publisher and date, and what it is."""
    title = fmt.inline(source.title)
    out = f"[{title}]({source.url}){{: .kfs-source-link }}" if source.url else f"**{title}**"
    about = ", ".join(x for x in (fmt.inline(source.publisher) if source.publisher else "",
                                  fmt.day(source.date) if source.date else "") if x)
    if about:
        out += f" ({about})"
    out += "."
    if source.description:
        out += " " + fmt.inline(source.description).rstrip(".") + "."
    return out


def _places(places: list[Place]) -> str:
    """The links back to the places on the page that use a source; many of them folded away."""
    # One link a line (extra.css): many places (folded), or titles that end in their own «?» or «.» (FAQ
    # questions), which would get no comma or full stop after them in a list.
    lines = "".join(f'<span class="kfs-sources__place">[{p.title}](#{p.anchor})</span>' for p in places)
    if len(places) > FOLD_PLACES:
        return (f'<details class="kfs-sources__places"><summary>Brukt på {len(places)} steder på siden</summary>'
                f"{lines}</details>")
    if any(p.title.rstrip("»").endswith(("?", ".", "!")) for p in places):
        return f'<span class="kfs-sources__places">Brukt i:{lines}</span>'
    links = ", ".join(f"[{p.title}](#{p.anchor})" for p in places)
    return f'<span class="kfs-sources__places">Brukt i: {links}.</span>'
