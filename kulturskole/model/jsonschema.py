"""The one schema definition as JSON Schema, for editors' tools, and the header line of each data file.

`json_schemas()` gives one JSON Schema (draft 2020-12) per kind of data file, generated from the
models in `schema.py`, the same models the validator uses. VS Code's YAML extension reads it through
the first line of every data file (`schema_header`) and shows completion, descriptions and red
underlines while an editor types. The JSON Schema is a helper for the editor, not the judge:
`kulturskole validate` also checks references between files, order, dates and facts.
"""

from __future__ import annotations

import fnmatch
import posixpath
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .fieldtable import object_uses, path_words
from .schema import FILE_KINDS
from .types import _check_date, _check_weeks

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
            definition["title"] = "Feltene i " + path_words(paths[name])
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


# ---------------------------------------------------------------- data files and their header


def kind_of(rel_path_in_version: str) -> str | None:
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
