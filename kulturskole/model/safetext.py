"""Safe text: the free-text fields hold Markdown, never raw HTML or script addresses.

Editors paste from Word and web pages. A text field is read as Markdown with Python-Markdown and the
HTML it makes is walked with `html.parser`, so the checks see what a reader's browser would get:
- raw HTML (`<script>`, `<iframe>`, `<b>`, `<div onclick=…>`, comments) is an error; plain text like
  `a < b` or `<3` and the autolinks `<post@example.no>` and `<https://…>` are Markdown and stay;
- a link or image whose address runs script (`javascript:`, `data:`, `vbscript:`, in any case, with
  leading spaces, control characters or character references such as `jav&#x61;script:`) is an error;
- an `http://` link is an error that gives the `https://` address to write instead.
Relative links, `#anker`, `mailto:`, `tel:` and `https:` are fine.

The same address test (`script_scheme`) is used by the renderer as a second line of defence.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
from pydantic_core import PydanticCustomError

#: Address schemes that run script or carry a whole document in the address.
SCRIPT_SCHEMES = frozenset({"javascript", "data", "vbscript"})
#: Attributes that hold an address (the ones Markdown makes, and the ones raw HTML could add).
ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                                "cite", "data"})
#: What to write instead of raw HTML; ends every message about HTML.
MARKDOWN_HINT = "Skriv vanlig tekst med Markdown, for eksempel **fet** eller [lenketekst](https://…)"
_SHOW_MAX = 60
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
#: What a browser strips around an address: C0 control characters and space.
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


# ---------------------------------------------------------------- addresses

def normalize_address(address: str) -> str:
    """The address as a browser reads it: character references decoded (repeatedly, so that
    `&amp;#x61;` counts too), tabs and newlines removed, C0 controls and spaces stripped at the ends."""
    value = address
    for _ in range(4):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = value.replace("\t", "").replace("\n", "").replace("\r", "")
    return value.strip(_C0_AND_SPACE)


def scheme(address: str) -> str:
    """The scheme of an address in lower case ("javascript" for ` JavaScript:x`); "" when it has none
    (a relative address, `#anker`). A scheme is a letter, then letters, digits, `+`, `-` or `.`, then `:`."""
    value = normalize_address(address)
    name, colon, _ = value.partition(":")
    if not colon or not name or not name[0].isascii() or not name[0].isalpha() or not set(name) <= _SCHEME_CHARS:
        return ""
    return name.lower()


def script_scheme(address: str) -> str | None:
    """The scheme when the address runs script (`javascript`, `data`, `vbscript`), else None."""
    found = scheme(address)
    return found if found in SCRIPT_SCHEMES else None


def https_version(address: str) -> str | None:
    """The `https://` address to write instead of an `http://` address; None for other addresses."""
    if scheme(address) != "http":
        return None
    value = normalize_address(address)
    return "https" + value[len("http"):]


def _show(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= _SHOW_MAX else value[:_SHOW_MAX - 1] + "…"


# ---------------------------------------------------------------- reading HTML

@dataclass(frozen=True)
class Tag:
    """A start tag seen in HTML: its name and attributes as `html.parser` reads them."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]

    def addresses(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.attrs if name in ADDRESS_ATTRIBUTES and value is not None]

    def events(self) -> list[str]:
        return [name for name, _ in self.attrs if name.startswith("on")]


class TagReader(HTMLParser):
    """Every start tag of a piece of HTML, and the first markup of any kind (for naming raw HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.first: str | None = None

    def _seen(self, shown: str) -> None:
        if self.first is None:
            self.first = shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, tuple(attrs)))
        self._seen(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._seen(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self._seen("<!-- … -->")

    def handle_decl(self, decl: str) -> None:
        self._seen(f"<!{decl.split()[0] if decl.split() else ''}>")

    def handle_pi(self, data: str) -> None:
        self._seen("<?…>")

    def unknown_decl(self, data: str) -> None:
        self._seen("<![…]>")


def read_tags(html_text: str) -> TagReader:
    parser = TagReader()
    parser.feed(html_text)
    parser.close()
    return parser


def link_addresses(html_text: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, address) for every address in a piece of HTML, read with `html.parser`."""
    return [(tag.name, attr, value) for tag in read_tags(html_text).tags for attr, value in tag.addresses()]


# ---------------------------------------------------------------- checking a text

_local = threading.local()


def _converter() -> markdown.Markdown:
    """One Python-Markdown converter per thread (a converter keeps state while it converts)."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown()
    return md


#: The start of the type of every error these checks raise (messages.py shows their messages as they are).
ERROR_PREFIX = "safe_text_"


@dataclass(frozen=True)
class Fault:
    """What is wrong with a text: an error type, a bokmål message template and its values."""

    type: str
    message: str
    context: dict[str, Any]

    def error(self) -> PydanticCustomError:
        return PydanticCustomError(self.type, self.message, self.context)

    def text(self) -> str:
        return self.error().message()


#: What to write instead of an address that runs script, in a Markdown text.
LINK_HINT = "en vanlig nettadresse, for eksempel [lenketekst](https://…)"


def _raw_html(md: markdown.Markdown) -> Iterable[str]:
    """The raw HTML Markdown kept as it is (its stash also holds character references: left out)."""
    for chunk in md.htmlStash.rawHtmlBlocks:
        if isinstance(chunk, str) and chunk.lstrip().startswith("<"):
            yield chunk


def _autolink(chunk: str, parsed: TagReader) -> str | None:
    """The address of a `<scheme:…>` that Python-Markdown kept as raw HTML; None when the chunk is HTML.

    CommonMark reads `<javascript:alert(1)>` as an autolink; Python-Markdown keeps it as a tag whose name
    holds the colon. Either way it is an address, and it is checked as one."""
    chunk = chunk.strip()
    inner = chunk[1:-1]
    if not chunk.endswith(">") or not parsed.tags or ":" not in parsed.tags[0].name:
        return None
    if not inner or any(c.isspace() or c in "<>" for c in inner):
        return None
    return inner


def address_fault(tag: str, address: str, instead: str = LINK_HINT) -> Fault | None:
    """What is wrong with a link's (tag "a") or an image's (tag "img") address, or None. `instead` says
    what to write instead of an address that runs script."""
    what = "bildet" if tag == "img" else "lenken"
    found = script_scheme(address)
    if found:
        return Fault(
            ERROR_PREFIX + "script_link", "{what} «{address}» bruker {scheme}:, som kan kjøre skript. Skriv {instead}",
            {"what": what, "address": _show(address), "scheme": found, "instead": instead},
        )
    better = https_version(address)
    if better:
        return Fault(
            ERROR_PREFIX + "http_link", "{what} «{address}» bruker http. Skriv {better}",
            {"what": what, "address": _show(normalize_address(address)), "better": _show(better)},
        )
    return None


def find_fault(value: str) -> Fault | None:
    """The first thing in a text field's Markdown that must not reach a reader, or None.

    In this order: an event attribute, an address that runs script, other raw HTML, an http link."""
    if "<" not in value and "[" not in value:
        return None  # Markdown makes no link and keeps no tag without one of these
    md = _converter()
    page = md.reset().convert(value)
    chunks = list(_raw_html(md))
    md.reset()
    raw: list[TagReader] = []
    links: list[tuple[str, str]] = []  # (tag, address)
    for chunk in chunks:
        parsed = read_tags(chunk)
        autolink = _autolink(chunk, parsed)
        if autolink is None:
            raw.append(parsed)
        else:
            links.append(("a", autolink))
    links += [(tag, address) for tag, _, address in link_addresses(page)]

    for tag in (t for parsed in raw for t in parsed.tags):
        if tag.events():
            event = tag.events()[0]
            return Fault(
                ERROR_PREFIX + "event_attribute",
                "rå HTML ({tag}) er ikke lov i tekstfelt, og {attribute} kan kjøre skript. " + MARKDOWN_HINT,
                {"attribute": event, "tag": f"<{tag.name} {event}=…>"},
            )
    for tag_name, address in links:
        if script_scheme(address):
            return address_fault(tag_name, address)
    for parsed in raw:
        if parsed.first is not None:
            return Fault(ERROR_PREFIX + "html", "rå HTML ({tag}) er ikke lov i tekstfelt. " + MARKDOWN_HINT,
                         {"tag": parsed.first})
    for tag_name, address in links:
        fault = address_fault(tag_name, address)
        if fault:
            return fault
    return None


def check_text(value: str) -> str:
    """The validator of every free-text field (after the check that it is a string)."""
    fault = find_fault(value)
    if fault:
        raise fault.error()
    return value


def check_web_address(value: str) -> str:
    """The validator of a field that holds one web address (a resource's «lenke»): safe text, and an
    address that neither runs script nor uses http."""
    fault = find_fault(value) or address_fault("a", value, instead="en nettadresse som begynner med https://")
    if fault:
        raise fault.error()
    return value


__all__ = [
    "SCRIPT_SCHEMES", "ADDRESS_ATTRIBUTES", "ERROR_PREFIX", "Fault", "find_fault", "address_fault", "check_text",
    "check_web_address", "scheme", "script_scheme", "https_version", "normalize_address", "link_addresses", "read_tags",
]
