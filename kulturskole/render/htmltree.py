"""One way to read HTML: the standard library's parser, and nothing that guesses at tags with patterns.

The web page (`enrich`), the PDF (`pdf.body_html`) and the Word worksheet (`worksheet`) all read
HTML that Python-Markdown made from the same data, and they read it here:

- `tokens(source)` cuts the source into tokens (start tag, end tag, text, reference, comment, …)
  with `html.parser.HTMLParser`. Every token keeps its exact source text in `raw`, so joining the
  `raw` of all tokens gives the source back byte for byte (checked on every call). A rewriter copies
  the tokens it leaves alone and replaces only the `raw` of those it changes: attribute names keep
  their case (`viewBox` in SVG), quotes, spacing and character references stay as written.
- `set_attribute(tag, name, value)` changes or adds one attribute in a start tag's source text and
  leaves the rest of the tag as it was.
- `parse(source)` builds a small element tree (for the Word converter, which needs structure and
  decoded text rather than source).

Nothing here knows about Markdown, MkDocs or the site; it is plain HTML in, tokens or a tree out.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Union

#: Elements that never have content or an end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})

#: Token kinds. `raw` is source the parser consumed without reporting it (a stray `</>`, the text of
#: an element left open at the end of `<script>`); it is passed on unchanged and never read.
START, STARTEND, END, DATA, ENTITYREF, CHARREF = "start", "startend", "end", "data", "entityref", "charref"
COMMENT, DECL, PI, UNKNOWN_DECL, RAW = "comment", "decl", "pi", "unknown_decl", "raw"
#: Kinds that are text a reader sees (character references decoded by `Token.text`).
TEXT_KINDS = frozenset({DATA, ENTITYREF, CHARREF})

_WHITESPACE = " \t\n\r\f"


@dataclasses.dataclass(slots=True)
class Token:
    kind: str
    raw: str                                   # the exact source text of the token
    tag: str = ""                              # element name, lower case (start, startend, end)
    attrs: tuple[tuple[str, str | None], ...] = ()  # names lower case, values decoded; None: no value

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def opens(self) -> bool:
        """A start tag (also `<x/>`)."""
        return self.kind in (START, STARTEND)

    @property
    def text(self) -> str:
        """The text a reader sees: character references decoded; "" for anything but text."""
        if self.kind == DATA:
            return self.raw
        if self.kind in (ENTITYREF, CHARREF):
            return html.unescape(self.raw)
        return ""

    def attr(self, name: str, default: str | None = None) -> str | None:
        """The decoded value of attribute `name` (the first one, as browsers read it); `""` when it
        has no value, `default` when it is missing."""
        for key, value in self.attrs:
            if key == name:
                return "" if value is None else value
        return default

    def has_class(self, name: str) -> bool:
        return name in (self.attr("class") or "").split()


class _Tokenizer(HTMLParser):
    """HTMLParser that records each token with the source text it was read from.

    The parser reports a token before it moves past it, and it moves only through `updatepos`: the
    position counted there is where the next token starts. A token's source runs from its start to
    the next position the parser reached."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.pos = 0
        self.found: list[tuple[int, Token]] = []
        self.stops: list[int] = [0]  # every position the parser reached, in order

    def updatepos(self, i: int, j: int) -> int:
        if j > i:
            self.pos += j - i
            self.stops.append(self.pos)
        return super().updatepos(i, j)

    def _add(self, kind: str, tag: str = "", attrs=()) -> None:
        self.found.append((self.pos, Token(kind, "", tag, tuple(attrs))))

    def handle_starttag(self, tag, attrs):
        self._add(START, tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add(STARTEND, tag, attrs)

    def handle_endtag(self, tag):
        self._add(END, tag)

    def handle_data(self, data):
        self._add(DATA)

    def handle_entityref(self, name):
        self._add(ENTITYREF)

    def handle_charref(self, name):
        self._add(CHARREF)

    def handle_comment(self, data):
        self._add(COMMENT)

    def handle_decl(self, decl):
        self._add(DECL)

    def handle_pi(self, data):
        self._add(PI)

    def unknown_decl(self, data):
        self._add(UNKNOWN_DECL)


def tokens(source: str) -> list[Token]:
    """`source` as a list of tokens whose `raw` texts, joined, are exactly `source`."""
    parser = _Tokenizer()
    parser.feed(source)
    parser.close()
    stops = parser.stops
    if stops[-1] != len(source):
        stops.append(len(source))  # what the parser kept back at the end (an unclosed <script>)
    found = parser.found
    out: list[Token] = []
    k = 0
    for begin, end in zip(stops, stops[1:]):
        # The parser reports at most one token per step, at the step's start; a step with none is RAW.
        while k < len(found) and found[k][0] < begin:
            k += 1  # cannot happen: a second report at one place would have no source of its own
        if k < len(found) and found[k][0] == begin:
            token = found[k][1]
            k += 1
        else:
            token = Token(RAW, "")
        token.raw = source[begin:end]
        out.append(token)
    if "".join(t.raw for t in out) != source:  # cannot happen while the parser moves by updatepos
        raise AssertionError("htmltree.tokens lost source text")
    return out


def serialize(items: list[Token]) -> str:
    return "".join(t.raw for t in items)


def element_end(items: list[Token], start: int) -> int:
    """The index of the end tag that closes the start tag at `items[start]` (counting nested
    elements of the same name); the last index when the element is never closed. A void element or
    `<x/>` ends where it starts."""
    first = items[start]
    if first.kind == STARTEND or first.tag in VOID:
        return start
    depth = 0
    for i in range(start, len(items)):
        token = items[i]
        if token.tag != first.tag:
            continue
        if token.kind == START:
            depth += 1
        elif token.kind == END:
            depth -= 1
            if depth == 0:
                return i
    return len(items) - 1


# ---------------------------------------------------------------- attributes in a start tag's source

def escape_attribute(value: str) -> str:
    """A value for a double-quoted attribute, escaped as Python-Markdown writes them."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _attribute_spans(tag: str) -> Iterator[tuple[str, int, int]]:
    """(lower-case name, start, end) of each attribute in a start tag's source text, `end` after
    its value. The HTML tokenizer's rules for the part after the tag name, written out."""
    n = len(tag)
    i = 1
    while i < n and tag[i] not in _WHITESPACE + "/>":  # the tag name
        i += 1
    while i < n:
        while i < n and (tag[i] in _WHITESPACE or tag[i] == "/"):
            i += 1
        if i >= n or tag[i] == ">":
            return
        start = i
        i += 1  # a name may start with "="
        while i < n and tag[i] not in _WHITESPACE + "/>=":
            i += 1
        name = tag[start:i].lower()
        j = i
        while j < n and tag[j] in _WHITESPACE:
            j += 1
        if j < n and tag[j] == "=":
            j += 1
            while j < n and tag[j] in _WHITESPACE:
                j += 1
            if j < n and tag[j] in "\"'":
                close = tag.find(tag[j], j + 1)
                i = n if close < 0 else close + 1
            else:
                i = j
                while i < n and tag[i] not in _WHITESPACE + ">":
                    i += 1
        yield name, start, i


def set_attribute(tag: str, name: str, value: str, escaped: str | None = None) -> str:
    """The start tag source `tag` with attribute `name` set to `value`: the first attribute of
    that name is replaced, or the attribute is added at the end of the tag. Everything else stays
    as written. `escaped` is the value as it should be written, when not `escape_attribute(value)`."""
    written = f'{name}="{escape_attribute(value) if escaped is None else escaped}"'
    for found, start, end in _attribute_spans(tag):
        if found == name:
            return tag[:start] + written + tag[end:]
    body = tag[:-1].rstrip()
    if body.endswith("/"):
        return body[:-1].rstrip() + f" {written} />"
    return body + f" {written}>"


# ---------------------------------------------------------------- a small element tree

Node = Union["Element", str]


@dataclasses.dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = dataclasses.field(default_factory=dict)
    children: list[Node] = dataclasses.field(default_factory=list)

    def attr(self, name: str, default: str | None = None) -> str | None:
        value = self.attrs.get(name, default)
        return "" if value is None and name in self.attrs else value

    def text(self) -> str:
        """All text inside, decoded, as written (no whitespace collapsed)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element inside it, in document order (only `tag` ones if given)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)


def parse(source: str) -> Element:
    """`source` as a tree under an element with tag "" (a fragment may have several roots).

    Text is decoded and adjacent text joined; comments and declarations are left out. An end tag
    closes the nearest open element of its name (and what is open inside it); an end tag with no
    open element is ignored. This is enough for the well-formed HTML Python-Markdown writes."""
    root = Element("")
    stack = [root]
    for token in tokens(source):
        if token.is_text:
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += token.text
            else:
                children.append(token.text)
        elif token.opens:
            element = Element(token.tag, {k: v for k, v in reversed(token.attrs)})
            stack[-1].children.append(element)
            if token.kind == START and token.tag not in VOID:
                stack.append(element)
        elif token.kind == END:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == token.tag:
                    del stack[depth:]
                    break
    return root
