"""The field reference for editors, in bokmål (`schemas/README.md`), and the folder `schemas/` itself.

Everything here is generated from the JSON Schemas of the data files (`jsonschema.py`).
`write_schemas(out_dir)` writes the schemas and this reference; `kulturskole schema` calls it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .fieldtable import Style, Vocabulary, object_uses, path_words
from .jsonschema import DATE_PATTERN, WEEKS_PATTERN, json_schemas, schema_filename
from .labels import REF_LABELS
from .schema import FILE_KINDS
from .types import _MONTH_RE, _TIME_RE, ID_PATTERN


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
            object_title=lambda name: path_words(self.paths[name], ("", "")),
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
                    f"### {spec['title']}: {path_words(self.paths[name], ('`', '`'))}", ""]
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

