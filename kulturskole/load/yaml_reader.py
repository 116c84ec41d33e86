"""Read one YAML data file into plain Python values, with the line of every value.

PyYAML's default loaders follow YAML 1.1: they turn `no`, `on`, `yes` into booleans, `10:00` into
600, and keep the last of two equal keys without a word. This reader composes the node tree with
PyYAML and builds the values itself, with YAML 1.2 core rules, and reports each trap as a problem
instead of converting it:

- unquoted yes/no/on/off/y/n (and ja/nei) → problem: quote it or write true/false;
- unquoted clock times and other base-60 numbers (`10:00`) → problem: quote it;
- duplicate keys → problem at the second key;
- tabs in indentation, an empty file, a file that is not UTF-8 → problem.

A file PyYAML cannot read gets one message that says what is wrong and where: an unclosed quote at the line
where it opens, wrong indentation at the line that has it (with the keys above it could line up with), else
PyYAML's own message in bokmål (`_translate`).

Nothing here raises for bad data: every problem is returned with file, line and field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple  # a path into the data: ("samlinger", 0, "tittel")

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOL = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
}
_NORWEGIAN_BOOL = {"ja", "Ja", "JA", "nei", "Nei", "NEI"}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}")

_YAML_MESSAGES = [
    ("mapping values are not allowed here",
     "et kolon står på feil sted. Sett teksten i anførselstegn hvis den inneholder «: »"),
    ("could not find expected ':'", "mangler kolon etter en nøkkel, eller innrykket er feil"),
    ("found character '\\t' that cannot start any token", "tabulator brukt som innrykk; bruk mellomrom"),
    ("expected <block end>, but found", "innrykket er feil: linjen står ikke på linje med nøklene rundt"),
    ("did not find expected key", "innrykket er feil, eller en nøkkel mangler kolon"),
    ("did not find expected '-' indicator", "innrykket er feil i en liste"),
    ("found unexpected end of stream", "et anførselstegn eller en parentes er ikke lukket"),
    ("found undefined alias",
     "en verdi som starter med * leses som et alias. Sett verdien i anførselstegn"),
    ("found duplicate anchor", "samme anker (&navn) er brukt to ganger"),
    ("expected alphabetic or numeric character", "en verdi som starter med * eller & må stå i anførselstegn"),
    ("found unknown escape character", "ukjent tegn etter \\ i tekst med doble anførselstegn; bruk enkle anførselstegn"),
    ("found unexpected ':'", "et kolon står på feil sted. Sett teksten i anførselstegn"),
    ("expected a comment or a line break", "uventet tekst etter verdien; sett hele verdien i anførselstegn"),
    ("while parsing a flow", "en liste eller samling i [ ] eller { } er ikke lukket riktig"),
    ("found character '@' that cannot start any token", "en verdi kan ikke starte med @; sett den i anførselstegn"),
    ("found character '`' that cannot start any token", "en verdi kan ikke starte med `; sett den i anførselstegn"),
]


@dataclass
class LoadedFile:
    """The values of one file and the line (1-based) where each path starts."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Path_) -> int:
        """The line of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display: str) -> LoadedFile:
    """Read `path`; `display` is the path shown in messages (relative to the project)."""
    result = LoadedFile(path=path, data=None)

    def problem(line: int, message: str, field_path: str = "") -> None:
        result.problems.append(Problem(display, line, field_path, message))

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problem(line, "fila er ikke lagret som UTF-8. Lagre den på nytt som UTF-8 (tegnet som feiler, er byte "
                f"0x{raw[err.start]:02x})")
        return result
    if text.startswith("\ufeff"):
        text = text[1:]

    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problem(number, "linjen er rykket inn med tabulator. Bruk mellomrom (to per nivå)")
    if result.problems:
        return result

    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        problem(1, "fila er tom. Fyll den ut, eller slett den")
        return result

    try:
        node = _compose(text)
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        problem(line, f"fila inneholder et usynlig kontrolltegn (U+{code:04X}), for eksempel et manuelt "
                      "linjeskift limt inn fra Word. Slett tegnet")
        return result
    except yaml.composer.ComposerError as err:
        if "another document" in (err.problem or ""):
            problem(_mark_line(err), "fila inneholder flere YAML-dokumenter (---). Bruk ett dokument per fil")
        else:
            problem(*_describe_error(err, text))
        return result
    except yaml.MarkedYAMLError as err:
        problem(*_describe_error(err, text))
        return result

    if node is None:  # only comments and blank lines (caught above; kept for safety)
        problem(1, "fila er tom. Fyll den ut, eller slett den")
        return result
    result.lines[()] = node.start_mark.line + 1
    result.data = _build(node, (), result, problem)
    return result


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: with libyaml when PyYAML has it (about ten times faster), else, and for
    every file libyaml rejects, with PyYAML's own parser, whose error messages are the ones translated
    above. Both give the same nodes, except that libyaml marks a plain scalar with style "" (see _scalar)."""
    if _LIBYAML is not None:
        try:
            return yaml.compose(text, Loader=_LIBYAML)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_LIBYAML = getattr(yaml, "CSafeLoader", None)


def _mark_line(err: yaml.MarkedYAMLError) -> int:
    mark = err.problem_mark or err.context_mark
    return mark.line + 1 if mark else 1


def _describe_error(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line, message) for a file PyYAML cannot read: an unclosed quote at the line where it opens, wrong
    indentation at the line that has it, else PyYAML's own message translated (`_translate`)."""
    tokens = _tokens(text)
    return (_unclosed_quote(err, text, tokens) or _bad_indentation(err, text, tokens)
            or (_mark_line(err), "YAML-feil: " + _translate(err)))


def _unclosed_quote(err: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> tuple[int, str] | None:
    """An opening quote without its closing quote. PyYAML reads on to the end of the file (and reports the error
    there), or to the next quote of the same kind, lines further down (and reports what follows it)."""
    if err.context == "while scanning a quoted scalar" and err.context_mark is not None:
        mark = err.context_mark
        quote = text[mark.index] if mark.index < len(text) else '"'
        return mark.line + 1, (f"anførselstegnet som starter på linje {mark.line + 1}, blir aldri lukket. "
                               f"Avslutt teksten med {quote} på samme linje")
    if err.problem_mark is None:
        return None
    error_line = err.problem_mark.line
    for token in tokens:
        if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line <= error_line <= token.end_mark.line + 1):
            start, end = token.start_mark.line + 1, token.end_mark.line + 1
            quote = token.style
            return start, (f"anførselstegnet som starter på linje {start}, blir ikke lukket på samme linje. "
                           f"Teksten går helt til neste {quote} på linje {end}. Avslutt teksten med {quote} på linje {start}")
    return None


def _tokens(text: str) -> list[yaml.Token]:
    """PyYAML's tokens of `text`, up to the first error."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


#: The line breaks PyYAML counts lines by (its marks' line numbers).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: PyYAML's messages for a line that does not fit the indentation around it.
_INDENT_PROBLEMS = ("expected <block end>, but found", "did not find expected key", "did not find expected '-' indicator")
_KEY_LIKE = re.compile(r"[^\s:#'\"\[\]{},&*!|>%@`-][^\s:#]*")


def _bad_indentation(err: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> tuple[int, str] | None:
    """Wrong indentation, said on the line that has it: how far in it is, and how far in the keys (or list
    items) above are that it could line up with.

    A key one space too far in continues the value on the line above, so PyYAML finds a colon it does not
    allow («mapping values are not allowed here»). That is told apart from a colon inside an unquoted value
    (`tittel: Samling: dag 1`) by what stands before the colon: one word alone at the start of the line is a key."""
    mark = err.problem_mark
    if mark is None:
        return None
    lines = _LINE_BREAK.split(text)
    if mark.line >= len(lines):
        return None
    line_text = lines[mark.line]
    if "mapping values are not allowed here" in (err.problem or ""):
        before = line_text[: mark.column].strip()
        while before.startswith("- ") or before == "-":
            before = before[1:].strip()
        if not _KEY_LIKE.fullmatch(before):
            return None
    elif not any(phrase in (err.problem or "") for phrase in _INDENT_PROBLEMS):
        return None
    content = line_text.lstrip(" ")
    column = len(line_text) - len(content)
    is_item = content == "-" or content.startswith("- ")
    label = _label(content)
    levels = _open_levels(lines, tokens, mark.line)
    same_kind = [level for level in levels if level[1] == is_item]
    candidates = same_kind or levels
    if not candidates or column in {level[0] for level in candidates}:
        return None
    less = [level for level in candidates if level[0] < column]
    more = [level for level in candidates if level[0] > column]
    options = [max(less, key=lambda level: level[0])] if less else []
    if more:
        options.insert(0, min(more, key=lambda level: level[0]))
    options.sort(key=lambda level: -level[2])  # the nearest line first
    under = " eller ".join(f"«{name}» på linje {line} ({col} mellomrom)" for col, _, line, name in options)
    return mark.line + 1, (f"innrykket er feil på linje {mark.line + 1}: «{label}» har {column} mellomrom foran, "
                           f"men skal stå rett under {under}")


def _open_levels(lines: list[str], tokens: list[yaml.Token], before_line: int) -> list[tuple[int, bool, int, str]]:
    """The keys and list items above line `before_line` (0-based) that a line there can line up with:
    (column, is a list item, line, name), found from PyYAML's tokens (so that text in a block never counts)."""
    stack: list[tuple[int, bool, int, str]] = []
    flow = 0
    for token in tokens:
        if token.start_mark.line >= before_line:
            break
        if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
            flow += 1
        elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
            flow -= 1
        if flow or not isinstance(token, (yaml.KeyToken, yaml.BlockEntryToken)):
            continue
        is_item = isinstance(token, yaml.BlockEntryToken)
        column = token.start_mark.column
        name = _label(lines[token.start_mark.line][column:])
        while stack and stack[-1][0] > column:
            stack.pop()
        stack = [level for level in stack if (level[0], level[1]) != (column, is_item)]  # a sibling ends the one before
        stack.append((column, is_item, token.start_mark.line + 1, name))
    return stack


def _label(content: str, width: int = 30) -> str:
    """A key or list item as it starts on its line: `- navn`, `tittel` (up to its colon, shortened)."""
    label = content.split(": ")[0].strip().removesuffix(":")
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _translate(err: yaml.MarkedYAMLError) -> str:
    detail = f"{err.context or ''} {err.problem or ''}"
    for english, norwegian in _YAML_MESSAGES:
        if english in detail:
            return norwegian
    return "filen kan ikke leses (" + (err.problem or "ukjent feil") + "). Sjekk innrykk, kolon og anførselstegn"


def dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


#: Reports a problem: (line, message, field path).
Report = Callable[..., None]


def _build(node: yaml.Node, loc: Path_, result: LoadedFile, problem: Report, active: frozenset = frozenset()) -> Any:
    line = node.start_mark.line + 1
    if id(node) in active:
        problem(line, "et alias (*navn) viser til seg selv. Skriv verdien ut", dotted(loc))
        return None
    active = active | {id(node)}
    result.lines.setdefault(loc, line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problem(key_line, "en nøkkel må være et ord, ikke en liste eller samling", dotted(loc))
                continue
            key = key_node.value
            if key == "<<":
                problem(key_line, "sammenslåing med << støttes ikke; skriv feltene ut", dotted(loc))
                continue
            if key in first_line:
                problem(
                    key_line,
                    f"nøkkelen «{key}» står to ganger (første gang på linje {first_line[key]}). Slett den ene",
                    dotted(loc + (key,)),
                )
                continue
            first_line[key] = key_line
            result.lines[loc + (key,)] = key_line
            out[key] = _build(value_node, loc + (key,), result, problem, active)
            result.lines[loc + (key,)] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), result, problem, active) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, loc, line, problem)


def _scalar(node: yaml.ScalarNode, loc: Path_, line: int, problem: Report) -> Any:
    value = node.value
    if node.style:
        return value  # quoted or block text stays text (plain is None in PyYAML, "" in libyaml)
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    where = dotted(loc)
    if value in _YAML11_BOOL:
        problem(line, f"«{value}» uten anførselstegn er tvetydig: YAML 1.1 leser det som sann/usann. "
                f"Skriv \"{value}\" i anførselstegn hvis du mener teksten, eller true/false", where)
        return value
    if value in _NORWEGIAN_BOOL:
        problem(line, f"«{value}» uten anførselstegn er tvetydig. Skriv true eller false for ja/nei, "
                f"eller \"{value}\" i anførselstegn hvis du mener teksten", where)
        return value
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    if _SEXAGESIMAL.match(value):
        problem(line, _clock_hint(value), where)
        return value
    if _DATE.match(value):
        try:
            return dt.date(*(int(p) for p in value.split("-")))
        except ValueError:
            problem(line, f"{value} er ikke en dato som finnes. Skriv en gyldig dato som ÅÅÅÅ-MM-DD", where)
            return value
    if _DATETIME.match(value):
        problem(line, f"{value} er dato og klokkeslett i ett. Skriv datoen alene, og klokkeslett i feltet «tid»", where)
        return value
    return value



def _clock_hint(value: str) -> str:
    """What YAML 1.1 makes of an unquoted clock time, computed from the value the editor wrote."""
    quoted = f'"0{value}"' if re.fullmatch(r"[0-9]:[0-5][0-9]", value) else f'"{value}"'
    advice = f"Skriv klokkeslett i anførselstegn: {quoted}"
    number = yaml11_base60(value)
    if number is not None:
        return f"{value} uten anførselstegn blir lest som tallet {number}, ikke som klokkeslett. {advice}"
    sign, digits = (value[0], value[1:]) if value[0] in "+-" else ("", value)
    without_zeros = sign + digits.lstrip("0")
    number = yaml11_base60(without_zeros)
    if number is not None:
        return (f"{value} uten anførselstegn er utrygt: uten null foran ({without_zeros}) blir det lest som tallet "
                f"{number}. {advice}")
    return f"{value} uten anførselstegn er utrygt: et klokkeslett med kolon kan bli lest som et tall (9:30 blir 570). {advice}"


def yaml11_base60(value: str) -> int | float | None:
    """The number YAML 1.1 reads an unquoted base-60 value as (`9:30` → 570, `1:30:00` → 5400, `1:30.5` → 90.5),
    or None when YAML 1.1 keeps it as text (`09:30`: a base-60 integer cannot start with 0)."""
    match = re.fullmatch(r"([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+)(\.[0-9_]*)?", value)
    if not match or (not match.group(3) and match.group(2).startswith("0")):
        return None
    parts = match.group(2).replace("_", "").split(":")
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    result: int | float = total + float("0" + match.group(3).replace("_", "")) if match.group(3) else total
    return -result if match.group(1) == "-" else result
