"""Export the one schema definition: JSON Schema for editors' tools, and the field reference in bokmål.

Everything here is generated from the models in `schema.py`, the same models the validator uses:

- `json_schemas()` gives one JSON Schema (draft 2020-12) per kind of data file. VS Code's YAML
  extension reads it through the first line of every data file (`schema_header`) and shows
  completion, descriptions and red underlines while an editor types.
- `editor_reference()` gives the field reference in bokmål (`schemas/README.md`).
- `write_schemas(out_dir)` writes both; `kulturskole schema` calls it.

The JSON Schema is a helper for the editor, not the judge: `kulturskole validate` also checks
references between files, order, dates and facts. Nothing here imports MkDocs.
"""

from __future__ import annotations

import fnmatch
import json
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any, Optional

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .fieldtable import Style, Vocabulary, object_uses
from .labels import REF_LABELS
from .schema import FILE_KINDS
from .types import _MONTH_RE, _TIME_RE, ID_PATTERN, _check_date, _check_weeks

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: The folder (relative to the project) the schemas are written to, and the file headers point at.
SCHEMA_DIR = "schemas"

#: The start of the first line of every data file: it tells the YAML extension which schema to use.
HEADER_PREFIX = "# yaml-language-server: $schema="

#: A date as editors write it. Pydantic only says `format: date`, which many editors do not check.
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"

#: Week expressions as `types.parse_weeks` reads them: 11, "40-44", "34/35", "2-3 eller 4".
_WEEK_PART = r"\s*\d{1,2}\s*([-–]\s*\d{1,2})?\s*"
WEEKS_PATTERN = rf"^{_WEEK_PART}((/|\s+eller\s+){_WEEK_PART})*$"


# ---------------------------------------------------------------- JSON Schema


class _Generator(GenerateJsonSchema):
    """Pydantic's generator with three fixes for editors.

    - No titles made from key names («En Av Månedene»): the description says more.
    - Dates get a pattern besides `format: date`, so that editors check them.
    - Weeks may be a number or a text, as the validator accepts (pydantic only sees the text).
    """

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        function = schema["function"]["function"]
        if function is _check_weeks:
            return {"anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 53},
                {"type": "string", "pattern": WEEKS_PATTERN},
            ]}
        value = super().function_before_schema(schema)
        if function is _check_date:
            value = {**value, "pattern": DATE_PATTERN}
        return value


def _def_paths(root: dict, defs: dict) -> dict[str, list[tuple[str, ...]]]:
    """Each nested object and the key paths that lead to it."""
    return {name: [path for path, _ in uses] for name, uses in object_uses(root, defs).items()}


def _path_words(paths: list[tuple[str, ...]], quote: tuple[str, str] = ("«", "»")) -> str:
    left, right = quote
    return " og ".join(left + " › ".join(path) + right for path in paths)


def _kind_description(kind: str) -> str:
    spec = FILE_KINDS[kind]
    pattern = spec["pattern"]
    if "*" in pattern:
        folder = pattern.split("*")[0]
        where = (f"Filer i mappen {folder} i en versjonsmappe, for eksempel data/2024-2025/{pattern}. "
                 "Filnavnet er en id: små bokstaver a–z, tall og bindestrek.")
    else:
        where = f"Fila {pattern} i en versjonsmappe, for eksempel data/2024-2025/{pattern}."
    need = "Hver versjon må ha denne." if spec["required"] else "Valgfri."
    return f"{spec['title']}. {where} {need} Laget av «kulturskole schema» fra skjemaet i koden; ikke rediger for hånd."


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) for one kind of data file."""
    spec = FILE_KINDS[kind]
    raw = spec["model"].model_json_schema(by_alias=True, schema_generator=_Generator)
    defs: dict = raw.pop("$defs", {})
    raw.pop("title", None)
    raw.pop("description", None)  # a docstring is for programmers, in English
    paths = _def_paths(raw, defs)
    for name, definition in defs.items():
        definition.pop("description", None)
        definition.pop("title", None)
        if name in paths:
            definition["title"] = "Feltene i " + _path_words(paths[name])
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{kind}.schema.json",
        "title": spec["title"],
        "description": _kind_description(kind),
    }
    for key in ("type", "additionalProperties", "properties", "required"):
        if key in raw:
            out[key] = raw.pop(key)
    out.update(raw)
    if defs:
        out["$defs"] = {name: ordered_schema(defs[name]) for name in sorted(defs)}
    return out


def ordered_schema(definition: dict) -> dict:
    """An object's schema in reading order: title and type before the fields (also used for the
    open-data schemas, model/opendata.py)."""
    order = ("title", "type", "additionalProperties", "properties", "required")
    out = {key: definition[key] for key in order if key in definition}
    out.update({key: value for key, value in definition.items() if key not in out})
    return out


def json_schemas() -> dict[str, dict]:
    """One JSON Schema per kind of data file, in the order of FILE_KINDS."""
    return {kind: json_schema(kind) for kind in FILE_KINDS}


def schema_filename(kind: str) -> str:
    if kind not in FILE_KINDS:
        raise ValueError(f"ukjent type datafil: {kind}")
    return f"{kind}.schema.json"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind and `README.md`; return the paths, in order.

    A `*.schema.json` in `out_dir` for a kind that no longer exists is deleted, so the folder always
    matches the code. A file whose text is already right is left untouched.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind, schema in json_schemas().items():
        path = out_dir / schema_filename(kind)
        _write(path, json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n")
        written.append(path)
    readme = out_dir / "README.md"
    _write(readme, editor_reference())
    written.append(readme)
    for path in sorted(out_dir.glob("*.schema.json")):
        if path not in written:
            path.unlink()
    return written


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.write_bytes(data)


# ---------------------------------------------------------------- data files and their header


def kind_of(rel_path_in_version: str) -> Optional[str]:
    """The kind of a data file from its path in the version folder: "samlinger/x.yml" → "samling".

    A `*` matches within one folder only, as when the validator looks for files.
    """
    rel = PurePosixPath(str(rel_path_in_version).replace("\\", "/"))
    for kind, spec in FILE_KINDS.items():
        pattern = spec["pattern"]
        if len(rel.parts) == len(PurePosixPath(pattern).parts) and fnmatch.fnmatchcase(rel.as_posix(), pattern):
            return kind
    return None


def schema_header(kind: str, file_rel_to_project: Path) -> str:
    """The first line of a data file: `# yaml-language-server: $schema=../../schemas/<kind>.schema.json`.

    `file_rel_to_project` is the data file's path relative to the project folder, for example
    `data/2024-2025/samlinger/fellessamling-1.yml`. The schema path is relative to the file's folder.
    """
    rel = PurePosixPath(Path(file_rel_to_project).as_posix())
    if rel.is_absolute():
        raise ValueError(f"stien må være relativ til prosjektmappen: {file_rel_to_project}")
    folder = rel.parent.as_posix()
    target = posixpath.relpath(f"{SCHEMA_DIR}/{schema_filename(kind)}", folder if folder else ".")
    return HEADER_PREFIX + target


# ---------------------------------------------------------------- the editor's field reference


_PATTERN_WORDS = {
    ID_PATTERN: ("id", "id-er"),
    _MONTH_RE.pattern: ("måned ÅÅÅÅ-MM", "måneder ÅÅÅÅ-MM"),
    _TIME_RE.pattern: ("klokkeslett \"TT:MM\" (i anførselstegn)", "klokkeslett \"TT:MM\" (i anførselstegn)"),
    DATE_PATTERN: ("dato ÅÅÅÅ-MM-DD", "datoer ÅÅÅÅ-MM-DD"),
    WEEKS_PATTERN: ("ukenummer eller ukeuttrykk", "ukenummer eller ukeuttrykk"),
}


def _other_pattern(pattern: str) -> tuple[str, str]:
    if "@" in pattern:
        return "e-postadresse", "e-postadresser"
    if pattern.startswith("^https?"):
        return "nettadresse (http:// eller https://)", "nettadresser (http:// eller https://)"
    return "tekst i fast form", "tekster i fast form"


def _ref_words(kind: str, is_list: bool) -> str:
    where = REF_LABELS.get(kind, (kind, kind))[1]
    return f"liste av id-er fra {where}" if is_list else f"id fra {where}"


class _Reference:
    """Writes the Markdown for one kind of file."""

    def __init__(self, kind: str, schema: dict) -> None:
        self.kind = kind
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.uses = object_uses(schema, self.defs)
        self.paths = {name: [path for path, _ in uses] for name, uses in self.uses.items()}
        self.vocabulary = Vocabulary(
            Style(code=lambda text: f"`{text}`", link=lambda text, name: f"[{text}](#{self.anchor(name)})"),
            patterns={**_PATTERN_WORDS, "date": _PATTERN_WORDS[DATE_PATTERN]},
            boolean="`true` eller `false`", limits=True, ref=_ref_words,
            object_title=lambda name: _path_words(self.paths[name], ("", "")),
            whole=(WEEKS_PATTERN,), other_pattern=_other_pattern)

    def anchor(self, name: str) -> str:
        return f"{self.kind}-{name.lower()}"

    def field_type(self, prop: dict) -> str:
        return self.vocabulary.field_type(prop)

    def table(self, node: dict) -> list[str]:
        required = set(node.get("required", []))
        lines = ["| Nøkkel | Type | Påkrevd | Beskrivelse |", "|---|---|---|---|"]
        for key, prop in node.get("properties", {}).items():
            need = "ja" if key in required else "nei"
            default = prop.get("default")
            if key not in required and default not in (None, [], {}):
                need += f" (standard: `{default}`)"
            description = _cell(prop.get("description", ""))
            lines.append(f"| `{key}` | {_cell(self.field_type(prop))} | {need} | {description} |")
        return lines

    def markdown(self) -> list[str]:
        spec = FILE_KINDS[self.kind]
        pattern = spec["pattern"]
        out = [f'<a id="{self.kind}"></a>', "", f"## {spec['title']}", ""]
        if "*" in pattern:
            folder = pattern.split("*")[0]
            out.append(f"- Filer: `{pattern}`, det vil si hver .yml-fil i mappen `{folder}`. Filnavnet er en id: "
                       "små bokstaver a–z, tall og bindestrek.")
        else:
            out.append(f"- Fil: `{pattern}`")
        out.append(f"- Påkrevd i hver versjon: {'ja' if spec['required'] else 'nei'}")
        out.append(f"- JSON Schema: [`{schema_filename(self.kind)}`]({schema_filename(self.kind)})")
        out.append("")
        out.extend(self.table(self.schema))
        for name in self.paths:  # nested objects, in the order they are first met
            out += ["", f'<a id="{self.anchor(name)}"></a>', "",
                    f"### {spec['title']}: {_path_words(self.paths[name], ('`', '`'))}", ""]
            description = self.uses[name][0][1].get("description") if len(self.uses[name]) == 1 else None
            if description:
                out += [_cell(description), ""]
            out.extend(self.table(self.defs[name]))
        out.append("")
        return out


def _cell(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).replace("|", "\\|")


_INTRO = """\
# Feltene i datafilene

> Denne fila er laget av kommandoen `kulturskole schema`. Ikke rediger den for hånd: endringer blir
> borte neste gang kommandoen kjøres. Skjemaet står i `kulturskole/model/schema.py`. Endre det der,
> og kjør `.venv/bin/kulturskole schema` etterpå.

Her står alle feltene du kan bruke i datafilene. Hver versjon har sin egen mappe, for eksempel
`data/2024-2025/`. Filstiene under er regnet fra den mappen.

Slik leser du tabellene:

- **Nøkkel** er ordet før kolon i YAML-fila.
- **Type** sier hva som skal stå etter kolon. En id skrives med små bokstaver a–z, tall og
  bindestrek, for eksempel `kulturskole-hele-livet`.
- **Påkrevd** sier om feltet må være med. Andre felt kan du utelate.
- Et **objekt** er en gruppe felt med innrykk under nøkkelen. Feltene står i en egen tabell.

Bare nøklene i tabellene er lov. En skrivefeil som `titel` gir feil.

Mappen har også ett JSON Schema per type fil (`<type>.schema.json`). VS Code bruker dem til
forslag, forklaringer og røde streker mens du skriver. `kulturskole validate` sjekker mer enn
skjemaet: at id-er det vises til finnes, at nummer og datoer henger sammen, og at programfakta
finnes.
"""


def editor_reference() -> str:
    """The field reference for editors, in bokmål Markdown (`schemas/README.md`)."""
    schemas = json_schemas()
    out = [_INTRO, "## Typer datafiler", "", "| Fil | Innhold | Påkrevd | JSON Schema |", "|---|---|---|---|"]
    for kind, spec in FILE_KINDS.items():
        out.append(f"| `{spec['pattern']}` | [{spec['title']}](#{kind}) | {'ja' if spec['required'] else 'nei'} "
                   f"| [`{schema_filename(kind)}`]({schema_filename(kind)}) |")
    out.append("")
    for kind, schema in schemas.items():
        out.extend(_Reference(kind, schema).markdown())
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = [
    "DRAFT", "SCHEMA_DIR", "HEADER_PREFIX", "json_schema", "json_schemas", "write_schemas", "editor_reference",
    "schema_header", "kind_of", "schema_filename",
]
