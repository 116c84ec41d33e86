"""Tests for the exported schema: JSON Schema, file headers (`kulturskole.model.jsonschema`) and the
field reference (`kulturskole.model.fieldreference`).

The JSON Schema must accept every real data file, reject what the validator rejects in the same
simple cases (unknown keys, wrong types, badly written ids, months, dates and clock times), and the
committed `schemas/` folder must be exactly what the code generates now.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kulturskole.load import read_yaml
from kulturskole.model.fieldreference import editor_reference, write_schemas
from kulturskole.model.jsonschema import DRAFT, HEADER_PREFIX, json_schemas, kind_of, schema_header
from kulturskole.model.schema import FILE_KINDS, Programme
from kulturskole.validate import list_versions

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
VERSIONS = list_versions(ROOT / "data")
REGENERATE = "Kjør `.venv/bin/kulturskole schema` og ta med endringene i schemas/."


def data_files() -> list[Path]:
    return sorted(p for v in VERSIONS for p in (ROOT / "data" / v).rglob("*.yml"))


def rel_in_version(path: Path) -> str:
    return path.relative_to(ROOT / "data").as_posix().split("/", 1)[1]


def plain(value: Any) -> Any:
    """Values as a JSON tool sees them: an unquoted date is text ÅÅÅÅ-MM-DD."""
    if isinstance(value, dict):
        return {key: plain(v) for key, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    loaded = read_yaml(path, str(path.relative_to(ROOT)))
    assert not loaded.problems, "\n".join(str(p) for p in loaded.problems)
    return plain(loaded.data)


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    return json_schemas()


def errors(schema: dict, data: Any) -> list[str]:
    """Every error as "path/to/key: message", including those inside anyOf (optional fields)."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    out: list[str] = []

    def add(error: Any) -> None:
        out.append(f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
        for sub in error.context or []:
            add(sub)

    for error in validator.iter_errors(data):
        add(error)
    return out


def real(kind: str) -> tuple[Path, Any]:
    """The first real data file of a kind in the newest version, with its values."""
    for path in data_files():
        if path.relative_to(ROOT / "data").parts[0] == VERSIONS[-1] and kind_of(rel_in_version(path)) == kind:
            return path, load(path)
    raise AssertionError(f"ingen datafil av typen {kind}")


# --------------------------------------------------------------------------- the committed folder


def test_there_is_data_to_check() -> None:
    assert VERSIONS, "fant ingen versjonsmapper i data/"
    assert len(data_files()) > 20


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    expected = {p.name for p in written}
    assert expected == {f"{kind}.schema.json" for kind in FILE_KINDS} | {"README.md"}
    committed = {p.name for p in SCHEMAS.iterdir() if p.is_file()} if SCHEMAS.is_dir() else set()
    missing, extra = sorted(expected - committed), sorted(committed - expected)
    assert not missing and not extra, (
        f"schemas/ stemmer ikke med skjemaet i koden (mangler: {missing or 'ingen'}, "
        f"for mye: {extra or 'ingen'}). {REGENERATE}"
    )
    stale = [name for name in sorted(expected)
             if (SCHEMAS / name).read_bytes() != (tmp_path / name).read_bytes()]
    assert not stale, f"Disse filene i schemas/ er utdaterte: {', '.join(stale)}. {REGENERATE}"


def test_write_schemas_is_deterministic(tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "b")}
    assert first == second


def test_write_schemas_removes_schema_of_a_kind_that_is_gone(tmp_path: Path) -> None:
    (tmp_path / "gammel.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "annet.txt").write_text("behold meg\n", encoding="utf-8")
    write_schemas(tmp_path)
    assert not (tmp_path / "gammel.schema.json").exists()
    assert (tmp_path / "annet.txt").exists()


def test_schema_files_are_json_in_the_expected_form() -> None:
    for kind in FILE_KINDS:
        text = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
        schema = json.loads(text)
        assert text == json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        assert "\\u00" not in text, "æ, ø og å skal stå som tegn, ikke som \\u-koder"


# --------------------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_schema_is_valid_draft_2020_12(schemas: dict, kind: str) -> None:
    schema = schemas[kind]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"] == f"{kind}.schema.json"
    assert schema["title"] == FILE_KINDS[kind]["title"]
    assert FILE_KINDS[kind]["pattern"] in schema["description"]
    assert schema["additionalProperties"] is False
    for name, definition in schema.get("$defs", {}).items():
        assert definition.get("additionalProperties") is False, f"{kind}: {name} godtar ukjente nøkler"
        assert definition["title"].startswith("Feltene i «"), f"{kind}: {name} mangler norsk tittel"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(ROOT / "data").as_posix())
def test_every_data_file_matches_its_json_schema(schemas: dict, path: Path) -> None:
    kind = kind_of(rel_in_version(path))
    assert kind, f"{path.relative_to(ROOT)} hører ikke til noen type datafil"
    problems = errors(schemas[kind], load(path))
    assert not problems, f"{path.relative_to(ROOT)} passer ikke med {kind}.schema.json:\n" + "\n".join(problems)


def test_unknown_key_fails(schemas: dict) -> None:
    _, data = real("program")
    assert errors(schemas["program"], data) == []
    data["titel"] = "Skrivefeil"
    problems = errors(schemas["program"], data)
    assert problems and any("titel" in p for p in problems)


def test_unknown_key_in_nested_object_fails(schemas: dict) -> None:
    _, data = real("samling")
    data["når"]["dato"] = "2024-09-24"
    assert any("dato" in p for p in errors(schemas["samling"], data))


def test_wrong_type_fails(schemas: dict) -> None:
    _, data = real("program")
    data["tittel"] = 2024
    problems = errors(schemas["program"], data)
    assert problems and problems[0].startswith("tittel:")
    _, data = real("fase")
    data["nummer"] = "1"
    assert any(p.startswith("nummer:") for p in errors(schemas["fase"], data))


def test_missing_required_key_fails(schemas: dict) -> None:
    _, data = real("program")
    del data["versjonstittel"]
    assert any("versjonstittel" in p for p in errors(schemas["program"], data))


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update({"tid": {"fra": "9.30", "til": "13:30"}}), "tid/fra"),
    (lambda d: d.update({"tid": {"fra": "09:30", "til": "24:00"}}), "tid/til"),
    (lambda d: d.update({"når": {"dag": "24.09.2024"}}), "når/dag"),
    (lambda d: d.update({"når": {"dag": "2024-13-01"}}), "når/dag"),
    (lambda d: d.update({"når": {"måned": "2024-8"}}), "når/måned"),
    (lambda d: d.update({"når": {"måned": "2024-10", "uker": "uke 40"}}), "når/uker"),
    (lambda d: d.update({"når": {"måned": "2024-10", "uker": 60}}), "når/uker"),
    (lambda d: d.update({"forberedelse": ["Les rapporten"]}), "forberedelse/0"),
    (lambda d: d.update({"type": "konferanse"}), "type"),
])
def test_badly_written_values_fail(schemas: dict, change: Any, field: str) -> None:
    _, data = real("samling")
    data = copy.deepcopy(data)
    change(data)
    problems = errors(schemas["samling"], data)
    assert any(p.startswith(field + ":") for p in problems), problems


@pytest.mark.parametrize("when", [
    {"dag": "2024-09-24"},
    {"fra": "2024-09-24", "til": "2024-09-25"},
    {"måned": "2024-10", "uker": 41},
    {"måned": "2024-10", "uker": "40-44"},
    {"fra_måned": "2025-05", "til_måned": "2025-06", "uker": "2-3 eller 4"},
    {"en_av_månedene": ["2025-06", "2025-08"], "uker": "24/33"},
])
def test_well_written_values_pass(schemas: dict, when: dict) -> None:
    _, data = real("samling")
    data = {**data, "når": when, "tid": {"fra": "09:30", "til": "13:30"}}
    assert errors(schemas["samling"], data) == []


# --------------------------------------------------------------------------- headers and kinds


def test_kind_of() -> None:
    assert kind_of("samlinger/fellessamling-1.yml") == "samling"
    assert kind_of("program.yml") == "program"
    assert kind_of("sporsmal/fremtidsbilder.yml") == "sporsmal"
    assert kind_of("samlinger/gammelt/fellessamling-1.yml") is None
    assert kind_of("samlinger/fellessamling-1.yaml") is None
    assert kind_of("notater.yml") is None


def test_schema_header() -> None:
    assert schema_header("program", Path("data/2024-2025/program.yml")) == (
        "# yaml-language-server: $schema=../../schemas/program.schema.json")
    assert schema_header("samling", Path("data/2024-2025/samlinger/fellessamling-1.yml")) == (
        "# yaml-language-server: $schema=../../../schemas/samling.schema.json")
    with pytest.raises(ValueError):
        schema_header("finnes-ikke", Path("data/2024-2025/program.yml"))


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(ROOT / "data").as_posix())
def test_every_data_file_starts_with_its_schema_header(path: Path) -> None:
    kind = kind_of(rel_in_version(path))
    assert kind, f"{path.relative_to(ROOT)} hører ikke til noen type datafil"
    expected = schema_header(kind, path.relative_to(ROOT))
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == expected, (
        f"{path.relative_to(ROOT)}: første linje skal være\n{expected}\nmen er\n{first}\n"
        "Kopier linjen fra en annen fil av samme type."
    )
    target = (path.parent / first[len(HEADER_PREFIX):]).resolve()
    assert target == (SCHEMAS / f"{kind}.schema.json").resolve()
    assert target.is_file(), f"{first[len(HEADER_PREFIX):]} finnes ikke. {REGENERATE}"


# --------------------------------------------------------------------------- the field reference


def test_editor_reference_covers_every_kind() -> None:
    text = editor_reference()
    first_lines = text[:600]
    assert first_lines.startswith("# ")
    assert "kulturskole schema" in first_lines and "Ikke rediger" in first_lines
    for kind, spec in FILE_KINDS.items():
        assert f"`{spec['pattern']}`" in text, f"feltoversikten nevner ikke {spec['pattern']}"
        assert f"## {spec['title']}" in text
        assert f"({kind}.schema.json)" in text


def test_editor_reference_describes_fields() -> None:
    text = editor_reference()
    description = Programme.model_fields["version_title"].description
    row = next((line for line in text.splitlines() if line.startswith("| `versjonstittel` |")), None)
    assert row is not None, "feltoversikten mangler «versjonstittel»"
    assert "| tekst | ja |" in row and description in row
    lines = text.splitlines()
    assert any(line.startswith("| `søknadsfrist` | dato ÅÅÅÅ-MM-DD | nei |") for line in lines)
    assert any(line.startswith("| `spørsmål` | liste av id-er fra sporsmal/ | nei |") for line in lines)
    assert any(line.startswith("| `status` | én av `publisert`, `utkast` | nei (standard: `publisert`) |")
               for line in lines)
    assert "### En samling: `når`" in text  # nested objects under their own heading
    assert "| `uker` | ukenummer eller ukeuttrykk | nei |" in text


def test_schema_command_writes_the_schemas(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kulturskole", "schema", "--out", str(tmp_path / "ut")],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "ut").iterdir())
    committed = sorted(p.name for p in (Path(__file__).resolve().parents[1] / "schemas").iterdir())
    assert written == committed and "omdirigeringer.schema.json" in written
