"""Tests for the data validator (`kulturskole.validate.validate_version` and `kulturskole validate`).

Each test copies the real data of one version into a temporary project, breaks one thing, and
checks that the problem comes back with the right file, line, field and a bokmål message. Line
numbers are always derived from the text the test wrote, never hard-coded.

Tests marked `xfail(strict=True)` document real validator bugs: they state the expected behaviour
and fail today. When a bug is fixed, its test starts passing and strict mode turns that into a
failure, so the mark must be removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kulturskole.load import Problem
from kulturskole.validate import list_versions, validate_version

ROOT = Path(__file__).resolve().parents[1]
VERSION = "2024-2025"
REAL_VERSIONS = ["2021-2022", "2024-2025"]


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A temporary project holding a copy of the real data of VERSION."""
    shutil.copytree(ROOT / "data" / VERSION, tmp_path / "data" / VERSION)
    return tmp_path


def vpath(project: Path, rel: str) -> Path:
    return project / "data" / VERSION / rel


def shown(rel: str) -> str:
    """The file name as the validator shows it (relative to the project)."""
    return f"data/{VERSION}/{rel}"


def read(project: Path, rel: str) -> str:
    return vpath(project, rel).read_text(encoding="utf-8")


def write(project: Path, rel: str, text: str) -> str:
    path = vpath(project, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> str:
    """Replace `old` by `new` in a data file; `old` must occur exactly `count` times."""
    text = read(project, rel)
    found = text.count(old)
    assert found == count, f"{old!r} occurs {found} times in {rel}, expected {count}"
    changed = text.replace(old, new)
    assert changed != text, f"replacing {old!r} changed nothing in {rel}"
    return write(project, rel, changed)


def line_no(text: str, needle: str) -> int:
    """1-based number of the only line of `text` that contains `needle`."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}, expected exactly one line"
    return hits[0]


def first_content_line(text: str) -> int:
    """The line of the first YAML content (the line a whole-file value starts on)."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return n
    raise AssertionError("no content")


def validate(project: Path) -> list[Problem]:
    result = validate_version(project / "data", VERSION, project)
    assert result.ok == (not result.problems)
    if result.problems:
        assert result.version is None, "a version with problems must not be returned"
    return result.problems


def at(problems: list[Problem], rel: str, field: str) -> Problem:
    """The one problem for `field` in file `rel`."""
    hits = [p for p in problems if p.file == shown(rel) and p.field == field]
    assert len(hits) == 1, f"expected one problem for {rel} {field!r}, got:\n" + "\n".join(map(str, problems))
    return hits[0]


def only(problems: list[Problem], rel: str, field: str) -> Problem:
    """The problem for `field` in `rel`, which must be the only problem in the whole run."""
    assert len(problems) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, problems))
    return at(problems, rel, field)


def files_of(problems: list[Problem]) -> set[str]:
    return {p.file for p in problems}


# --------------------------------------------------------------------------- baseline


def test_unmodified_copy_validates_cleanly(project: Path) -> None:
    result = validate_version(project / "data", VERSION, project)
    assert result.problems == []
    assert result.ok
    assert result.version is not None
    assert result.version.name == VERSION
    assert "fellessamling-1" in result.version.gatherings


def test_real_versions_exist() -> None:
    assert set(REAL_VERSIONS) <= set(list_versions(ROOT / "data"))


@pytest.mark.parametrize("version", REAL_VERSIONS)
def test_real_data_validates_cleanly(version: str) -> None:
    result = validate_version(ROOT / "data", version, ROOT)
    assert [str(p) for p in result.problems] == []
    assert result.version is not None


def test_unknown_version_is_reported(project: Path) -> None:
    result = validate_version(project / "data", "2099-2100", project)
    assert result.version is None
    [problem] = result.problems
    assert problem.file == "data/2099-2100"
    assert "finnes ikke" in problem.message
    assert VERSION in problem.message


# --------------------------------------------------------------------------- 1. unknown keys


def test_typo_in_key_is_unknown_field_with_suggestion(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, 'tittel: "Fellessamling 1', 'titel: "Fellessamling 1')
    problems = validate(project)
    assert files_of(problems) == {shown(rel)}
    assert len(problems) == 2

    typo = at(problems, rel, "titel")
    assert typo.line == line_no(text, "titel:")
    assert "ukjent felt «titel»" in typo.message
    assert "«tittel»" in typo.message  # the suggestion
    assert str(typo) == f"{shown(rel)}:{typo.line}: titel: {typo.message}"

    missing = at(problems, rel, "tittel")
    assert "mangler" in missing.message
    assert missing.line == first_content_line(text)


def test_unknown_nested_key_names_its_path_and_suggestion(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  uker: 39", "  uke: 39")
    problem = only(validate(project), rel, "når.uke")
    assert problem.line == line_no(text, "uke: 39")
    assert "ukjent felt «uke»" in problem.message
    assert "«uker»" in problem.message


def test_unknown_key_in_list_item(project: Path) -> None:
    rel = "sporsmal/fremtidsbilder.yml"
    text = edit(project, rel, "    tekst: Hva skal til", "    tekts: Hva skal til")
    problems = validate(project)
    typo = at(problems, rel, "spørsmål[2].tekts")
    assert typo.line == line_no(text, "tekts:")
    assert "ukjent felt «tekts»" in typo.message
    assert "«tekst»" in typo.message


# --------------------------------------------------------------------------- 2. missing fields and files


def test_missing_required_field_in_theme_pack(project: Path) -> None:
    rel = "temapakker/kulturskole-hele-livet.yml"
    text = read(project, rel)
    start = text.index("sammendrag:")
    end = text.index("ressurser:")
    text = write(project, rel, text[:start] + text[end:])
    assert not any(line.startswith("sammendrag:") for line in text.splitlines())
    problem = only(validate(project), rel, "sammendrag")
    assert "påkrevd felt mangler" in problem.message
    assert problem.line == first_content_line(text)


def test_missing_required_field_in_list_item_points_at_the_item(project: Path) -> None:
    rel = "sporsmal/fremtidsbilder.yml"
    text = edit(project, rel, "    tekst: Hva skal til for å fylle gapet mellom disse to bildene?\n", "")
    problems = validate(project)
    problem = at(problems, rel, "spørsmål[2].tekst")
    assert "mangler" in problem.message
    assert problem.line == line_no(text, "- id: fremtidsbilde-gapet")


def test_missing_required_file(project: Path) -> None:
    vpath(project, "program.yml").unlink()
    problem = only(validate(project), "program.yml", "")
    assert "mangler" in problem.message
    assert "program.yml" in problem.message
    assert problem.line == 1


# --------------------------------------------------------------------------- 3. wrong types


@pytest.mark.parametrize(
    "rel, old, new, field, needle, words",
    [
        pytest.param(
            "samlinger/fellessamling-2.yml", "tittel: Fellessamling 2\n", "tittel:\n  - Fellessamling 2\n",
            "tittel", "tittel:", ["tekst", "en liste"], id="list-where-text",
        ),
        pytest.param(
            "program.yml", "deltakeravgift: 20000", 'deltakeravgift: "tjue tusen"',
            "kostnader.deltakeravgift", "deltakeravgift:", ["heltall", "tjue tusen"], id="text-where-int",
        ),
        pytest.param(
            "program.yml", "deltakeravgift: 20000", "deltakeravgift: 20 000",
            "kostnader.deltakeravgift", "deltakeravgift:", ["heltall", "uten mellomrom"], id="int-with-space",
        ),
        pytest.param(
            "samlinger/fellessamling-1.yml", "nummer: 1", 'nummer: "1"',
            "nummer", "nummer:", ["heltall"], id="quoted-number",
        ),
        pytest.param(
            "samlinger/fellessamling-2.yml", "tittel: Fellessamling 2", "tittel: 2025",
            "tittel", "tittel:", ["er et tall", "anførselstegn"], id="number-where-text",
        ),
        pytest.param(
            "program.yml", "  koordinator: true", '  koordinator: "true"',
            "forberedelse_til_deltakelse.koordinator", "koordinator:", ["true eller false"], id="quoted-bool",
        ),
        pytest.param(
            "samlinger/fellessamling-2.yml", "form: digital", "form: digitalt",
            "form", "form:", ["«digitalt» er ikke tillatt", "fysisk", "digital"], id="not-an-allowed-choice",
        ),
        pytest.param(
            "sporsmal/fremtidsbilder.yml", "  - id: fremtidsbilde-na", "  - id: Fremtidsbilde nå",
            "spørsmål[1].id", "- id: Fremtidsbilde", ["ikke en gyldig id", "små bokstaver"], id="bad-id",
        ),
    ],
)
def test_wrong_type(project: Path, rel: str, old: str, new: str, field: str, needle: str, words: list[str]) -> None:
    text = edit(project, rel, old, new)
    problems = validate(project)
    problem = at(problems, rel, field)
    assert problem.line == line_no(text, needle)
    for word in words:
        assert word in problem.message
    assert [p for p in problems if p.file == shown(rel)] == [problem]


# --------------------------------------------------------------------------- 4. unknown references


@pytest.mark.parametrize(
    "rel, old, new, field, needle, words",
    [
        pytest.param(
            "faser/sette-mal.yml", "  - fremtidsbilde-onsket-rolle", "  - fremtidsbilde-onsket-rolel",
            "spørsmål[0]", "fremtidsbilde-onsket-rolel",
            ["spørsmålet «fremtidsbilde-onsket-rolel» finnes ikke", "«fremtidsbilde-onsket-rolle»"],
            id="phase-names-unknown-question",
        ),
        pytest.param(
            "temapakker/kulturskole-hele-livet.yml", "kilde: [nettside,",
            "spørsmål:\n  - finnes-ikke-sporsmal\nkilde: [nettside,",
            "spørsmål[0]", "finnes-ikke-sporsmal", ["spørsmålet «finnes-ikke-sporsmal» finnes ikke", "sporsmal/"],
            id="theme-pack-names-unknown-question",
        ),
        pytest.param(
            "samlinger/fellessamling-1.yml", "mellomarbeid:",
            "spørsmål:\n  - fremtidsbilde-na\n  - fremtidsbilde-ukjent\nmellomarbeid:",
            "spørsmål[1]", "fremtidsbilde-ukjent", ["spørsmålet «fremtidsbilde-ukjent» finnes ikke"],
            id="gathering-names-unknown-question",
        ),
        pytest.param(
            "sporsmal/fremtidsbilder.yml", "      - sette-mal\n", "      - sette-maal\n",
            "spørsmål[0].faser[0]", "sette-maal", ["fasen «sette-maal» finnes ikke", "«sette-mal»"],
            id="question-names-unknown-phase",
        ),
        pytest.param(
            "temapakker/kulturskole-hele-livet.yml", "kilde: [nettside,", "faser:\n  - planlegge\nkilde: [nettside,",
            "faser[0]", "- planlegge", ["fasen «planlegge» finnes ikke", "faser/"],
            id="theme-pack-names-unknown-phase",
        ),
        pytest.param(
            "samlinger/fellessamling-1.yml", "  - sette-sammen-kommunegruppe", "  - sette-sammen-gruppe",
            "forberedelse[1]", "sette-sammen-gruppe",
            ["oppgaven «sette-sammen-gruppe» finnes ikke", "«sette-sammen-kommunegruppe»"],
            id="gathering-preparation-names-unknown-task",
        ),
        pytest.param(
            "samlinger/fellessamling-2.yml", "  - mellomarbeid-mellom-samlingene", "  - mellomarbeid-etter-samlingen",
            "mellomarbeid[0]", "mellomarbeid-etter-samlingen", ["oppgaven «mellomarbeid-etter-samlingen» finnes ikke"],
            id="gathering-between-work-names-unknown-task",
        ),
        pytest.param(
            "samlinger/fellessamling-3.yml", "kilde: grunnlagsdokument", "kilde: grunnlagsdokumentet",
            "kilde", "kilde:", ["kilden «grunnlagsdokumentet» finnes ikke", "program.yml"],
            id="unknown-source",
        ),
    ],
)
def test_unknown_reference(
    project: Path, rel: str, old: str, new: str, field: str, needle: str, words: list[str]
) -> None:
    text = edit(project, rel, old, new)
    problem = only(validate(project), rel, field)
    assert problem.line == line_no(text, needle)
    for word in words:
        assert word in problem.message


# --------------------------------------------------------------------------- 5. duplicate ids


def test_duplicate_question_id_in_another_file_names_the_first(project: Path) -> None:
    first_rel = "sporsmal/fremtidsbilder.yml"
    rel = "sporsmal/helhetlig-oppvekst.yml"
    first_text = read(project, first_rel)
    text = read(project, rel)
    assert text.endswith("\n")
    text = write(project, rel, text + "  - id: fremtidsbilde-na\n    tekst: Et spørsmål med en id som er brukt før?\n")
    problem = only(validate(project), rel, "spørsmål[2].id")
    assert problem.line == line_no(text, "- id: fremtidsbilde-na")
    assert "«fremtidsbilde-na» finnes allerede" in problem.message
    assert f"({shown(first_rel)}:{line_no(first_text, '- id: fremtidsbilde-na')})" in problem.message
    assert "unike" in problem.message


def test_duplicate_task_id_in_another_file_names_the_first(project: Path) -> None:
    first_rel = "oppgaver/forberedelser.yml"
    rel = "oppgaver/mellomarbeid.yml"
    first_text = read(project, first_rel)
    text = read(project, rel)
    text = write(project, rel, text.rstrip("\n") + "\n"
                 "  - id: sette-sammen-kommunegruppe\n    tittel: En kopi\n    type: les\n    hvem: kommunen\n")
    problem = only(validate(project), rel, "oppgaver[1].id")
    assert problem.line == line_no(text, "- id: sette-sammen-kommunegruppe")
    assert "oppgaven «sette-sammen-kommunegruppe» finnes allerede" in problem.message
    assert f"{shown(first_rel)}:{line_no(first_text, '- id: sette-sammen-kommunegruppe')}" in problem.message


def test_duplicate_phase_number(project: Path) -> None:
    rel = "faser/sette-mal.yml"
    other = read(project, "faser/identifisere-muligheter.yml")
    assert "nummer: 2\n" in other
    text = edit(project, rel, "nummer: 3\n", "nummer: 2\n")
    problem = only(validate(project), rel, "nummer")
    assert problem.line == line_no(text, "nummer:")
    assert "to ganger" in problem.message
    assert "identifisere-muligheter.yml" in problem.message


# --------------------------------------------------------------------------- 6. dates


def test_impossible_date(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  fra: 2024-09-24", "  fra: 2024-02-30")
    problem = only(validate(project), rel, "når.fra")
    assert problem.line == line_no(text, "2024-02-30")
    assert "2024-02-30 er ikke en dato som finnes" in problem.message
    assert "ÅÅÅÅ-MM-DD" in problem.message


def test_end_before_start(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  til: 2024-09-25", "  til: 2024-09-23")
    problem = only(validate(project), rel, "når")
    assert problem.line == line_no(text, "når:")
    assert "«til» (2024-09-23) må være etter «fra» (2024-09-24)" in problem.message


def test_week_number_that_does_not_match_the_date(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  uker: 39", "  uker: 12")
    problem = only(validate(project), rel, "når")
    assert problem.line == line_no(text, "når:")
    assert "uke 12 passer ikke" in problem.message
    assert "er uke 39" in problem.message


def _when_block(text: str) -> str:
    start = text.index("når:\n")
    end = text.index("beskrivelse:", start)
    return text[start:end]


def test_gatherings_out_of_schedule_order(project: Path) -> None:
    rel2, rel3 = "samlinger/fellessamling-2.yml", "samlinger/fellessamling-3.yml"
    text2, text3 = read(project, rel2), read(project, rel3)
    when2, when3 = _when_block(text2), _when_block(text3)
    assert when2 != when3
    write(project, rel2, text2.replace(when2, when3))
    text3 = write(project, rel3, text3.replace(when3, when2))
    assert "2024-11-26" in text3 and "2024-11-26" not in read(project, rel2)

    problem = only(validate(project), rel3, "når")
    assert problem.line == line_no(text3, "når:")
    assert "Fellessamling 3 er datert før Fellessamling 2" in problem.message
    assert "samlinger/fellessamling-2.yml" in problem.message
    assert "tidsrekkefølge" in problem.message


def test_datetime_where_date_expected(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  fra: 2024-09-24", "  fra: 2024-09-24 10:00")
    problem = only(validate(project), rel, "når.fra")
    assert problem.line == line_no(text, "fra: 2024-09-24")
    assert "dato og klokkeslett" in problem.message
    assert "«tid»" in problem.message


# --------------------------------------------------------------------------- 7. YAML 1.1 traps


@pytest.mark.parametrize(
    "rel, old, new, field, needle, words",
    [
        pytest.param("samlinger/fellessamling-1.yml", "form: fysisk", "form: no", "form", "form:",
                     ["«no» uten anførselstegn", "sann/usann", '"no"'], id="no"),
        pytest.param("samlinger/fellessamling-1.yml", "form: fysisk", "form: on", "form", "form:",
                     ["«on» uten anførselstegn", "sann/usann"], id="on"),
        pytest.param("samlinger/fellessamling-2.yml", "form: digital", "form: off", "form", "form:",
                     ["«off» uten anførselstegn", "sann/usann"], id="off"),
        pytest.param("samlinger/fellessamling-2.yml", "tittel: Fellessamling 2", "tittel: yes", "tittel", "tittel:",
                     ["«yes» uten anførselstegn", '"yes"'], id="yes"),
        pytest.param("faq.yml", "på samlingane.\n    språk: nn", "på samlingane.\n    språk: no",
                     "spørsmål[1].språk", "språk: no",
                     ["«no» uten anførselstegn"], id="language-no"),
        pytest.param("program.yml", "  koordinator: true", "  koordinator: ja",
                     "forberedelse_til_deltakelse.koordinator", "koordinator:",
                     ["«ja» uten anførselstegn", "true eller false"], id="ja"),
        pytest.param("program.yml", "  koordinator: true", "  koordinator: nei",
                     "forberedelse_til_deltakelse.koordinator", "koordinator:",
                     ["«nei» uten anførselstegn", "true eller false"], id="nei"),
        pytest.param("samlinger/fellessamling-1.yml", "form: fysisk\n", 'form: fysisk\ntid:\n  fra: 10:00\n  til: "16:00"\n',
                     "tid.fra", "fra: 10:00", ["anførselstegn", "600", '"10:00"'], id="clock-time"),
        pytest.param("samlinger/fellessamling-1.yml", 'tittel: "Fellessamling 1: oppstart av regionale program"',
                     "tittel: 2024-09-24", "tittel", "tittel:",
                     ["2024-09-24 ble lest som en dato", "tekst", "anførselstegn"], id="date-where-text"),
        pytest.param("samlinger/fellessamling-2.yml", "  fra: 2024-11-26\n  til: 2024-11-27\n", '  dag: "26.11.2024"\n',
                     "når.dag", "dag:", ["«26.11.2024» er ikke en gyldig dato", "ÅÅÅÅ-MM-DD"], id="text-where-date"),
    ],
)
def test_yaml_trap(project: Path, rel: str, old: str, new: str, field: str, needle: str, words: list[str]) -> None:
    text = edit(project, rel, old, new)
    problem = only(validate(project), rel, field)
    assert problem.line == line_no(text, needle)
    for word in words:
        assert word in problem.message


@pytest.mark.parametrize(
    "rel, old, new",
    [
        pytest.param("samlinger/fellessamling-2.yml", "tittel: Fellessamling 2", 'tittel: "yes"', id="yes"),
        pytest.param("samlinger/fellessamling-1.yml", "form: fysisk\n", 'form: fysisk\ntid:\n  fra: "10:00"\n  til: "16:00"\n',
                     id="clock-time"),
        pytest.param("samlinger/fellessamling-1.yml", 'tittel: "Fellessamling 1: oppstart av regionale program"',
                     'tittel: "2024-09-24"', id="date-where-text"),
    ],
)
def test_quoting_the_trap_value_makes_it_valid(project: Path, rel: str, old: str, new: str) -> None:
    """Control for the trap tests: the same value in quotes is accepted."""
    edit(project, rel, old, new)
    assert validate(project) == []


# --------------------------------------------------------------------------- 8.–11. file-level problems


def test_duplicate_key_reported_at_second_key_naming_first_line(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "mellomarbeid:\n", "form: digital\nmellomarbeid:\n")
    first = line_no(text, "form: fysisk")
    second = line_no(text, "form: digital")
    assert first < second
    problem = only(validate(project), rel, "form")
    assert problem.line == second
    assert "«form» står to ganger" in problem.message
    assert f"første gang på linje {first}" in problem.message


def test_duplicate_key_in_nested_mapping(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  uker: 39\n", "  uker: 39\n  fra: 2024-09-23\n")
    problem = only(validate(project), rel, "når.fra")
    assert problem.line == line_no(text, "fra: 2024-09-23")
    assert f"første gang på linje {line_no(text, 'fra: 2024-09-24')}" in problem.message


def test_tab_indentation(project: Path) -> None:
    rel = "samlinger/fellessamling-1.yml"
    text = edit(project, rel, "  fra: 2024-09-24", "\tfra: 2024-09-24")
    problem = only(validate(project), rel, "")
    assert problem.line == line_no(text, "\tfra:")
    assert "tabulator" in problem.message
    assert "mellomrom" in problem.message
    assert str(problem) == f"{shown(rel)}:{problem.line}: {problem.message}"


@pytest.mark.parametrize("content", ["# Denne fila er tom.\n", "\n# bare kommentarer\n   \n# og tomme linjer\n", ""])
def test_empty_file(project: Path, content: str) -> None:
    rel = "samlinger/fellessamling-6.yml"
    assert vpath(project, rel).is_file()
    write(project, rel, content)
    problem = only(validate(project), rel, "")
    assert problem.line == 1
    assert "tom" in problem.message


def test_file_not_utf8(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    lines = read(project, rel).split("\n")
    lines.insert(2, "merknad: Møtet er digitalt.")
    raw = "\n".join(lines).encode("latin-1")
    head = raw.split(b"\n")
    assert all(b < 0x80 for b in b"\n".join(head[:2])), "lines 1-2 must be plain ASCII"
    assert "ø".encode("latin-1") in head[2]
    vpath(project, rel).write_bytes(raw)

    problem = only(validate(project), rel, "")
    assert problem.line == 3
    assert "UTF-8" in problem.message
    assert "0xf8" in problem.message


def test_utf8_byte_order_mark_is_accepted(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    path = vpath(project, rel)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(project) == []


def test_yaml_syntax_error_is_translated(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    text = edit(project, rel, "tittel: Fellessamling 2", "tittel: Fellessamling 2: digital")
    problem = only(validate(project), rel, "")
    assert problem.line == line_no(text, "tittel:")
    assert "kolon" in problem.message
    assert "anførselstegn" in problem.message


def test_several_yaml_documents(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    text = read(project, rel)
    text = write(project, rel, text + "---\ntittel: En annen\n")
    problem = only(validate(project), rel, "")
    assert problem.line == line_no(text, "---")
    assert "flere YAML-dokumenter" in problem.message


# --------------------------------------------------------------------------- 12. file names


def test_bad_file_name_for_one_per_thing_file(project: Path) -> None:
    rel = "temapakker/Kulturskole Hele.yml"
    good = read(project, "temapakker/kulturskole-hele-livet.yml")
    write(project, rel, good.replace("nummer: 3", "nummer: 4"))
    problem = only(validate(project), rel, "")
    assert problem.line == 1
    assert "filnavnet «Kulturskole Hele.yml»" in problem.message
    assert "små bokstaver" in problem.message
    assert "ukjent fil" not in problem.message


@pytest.mark.parametrize(
    "rel, words",
    [
        pytest.param("temapakke/x.yml", ["ukjent fil"], id="wrong-folder"),
        pytest.param("notes.txt", ["ukjent fil"], id="not-yaml"),
        pytest.param("samlinger/fellessamling-7.yaml", ["ukjent fil", ".yml"], id="yaml-extension"),
    ],
)
def test_unknown_file(project: Path, rel: str, words: list[str]) -> None:
    write(project, rel, "tittel: Noe\n")
    problem = only(validate(project), rel, "")
    assert problem.line == 1
    for word in words:
        assert word in problem.message


def test_hidden_files_are_ignored(project: Path) -> None:
    write(project, "samlinger/.fellessamling-1.yml.swp", "x")
    assert validate(project) == []


# --------------------------------------------------------------------------- 13. facts in FAQ answers


def test_unknown_fact_placeholder(project: Path) -> None:
    rel = "faq.yml"
    text = edit(project, rel, "avgift på [[deltakeravgift]] for hele", "avgift på [[deltakeravgifta]] for hele")
    problem = only(validate(project), rel, "spørsmål[0].svar")
    assert problem.line == line_no(text, "[[deltakeravgifta]]")  # the placeholder's own line
    assert "[[deltakeravgifta]] er ikke et kjent programfaktum" in problem.message
    assert "deltakeravgift," in problem.message  # the list of known facts


def test_fact_without_value_in_this_version(project: Path) -> None:
    rel = "faq.yml"
    assert not vpath(project, "kommuner.yml").exists()
    text = edit(project, rel, "avgift på [[deltakeravgift]] for hele", "avgift på [[antall_pilotkommuner]] for hele")
    problem = only(validate(project), rel, "spørsmål[0].svar")
    assert problem.line == line_no(text, "[[antall_pilotkommuner]]")  # the placeholder's own line
    assert "[[antall_pilotkommuner]] har ingen verdi" in problem.message


# --------------------------------------------------------------------------- 14. every error at once


def test_every_error_reported_in_one_run(project: Path) -> None:
    pack = "temapakker/kulturskole-hele-livet.yml"
    phase = "faser/sette-mal.yml"
    gathering = "samlinger/fellessamling-1.yml"
    pack_text = edit(project, pack, "tittel: Kulturskole hele livet", "titel: Kulturskole hele livet")
    phase_text = edit(project, phase, "  - fremtidsbilde-onsket-rolle", "  - finnes-ikke")
    gathering_text = edit(project, gathering, "  fra: 2024-09-24", "\tfra: 2024-09-24")

    problems = validate(project)
    assert files_of(problems) == {shown(pack), shown(phase), shown(gathering)}
    assert at(problems, pack, "titel").line == line_no(pack_text, "titel:")
    assert at(problems, pack, "tittel").line == first_content_line(pack_text)
    assert at(problems, phase, "spørsmål[0]").line == line_no(phase_text, "finnes-ikke")
    assert at(problems, gathering, "").line == line_no(gathering_text, "\tfra:")
    assert len(problems) == 4


# --------------------------------------------------------------------------- YAML edge cases and error isolation


def test_value_starting_with_star_is_not_called_several_documents(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    text = edit(project, rel, "kilde: grunnlagsdokument", "merknad: *Endret etter avtale\nkilde: grunnlagsdokument")
    problem = only(validate(project), rel, "")
    assert problem.line == line_no(text, "merknad:")
    assert "flere YAML-dokumenter" not in problem.message
    assert "alias" in problem.message or "anførselstegn" in problem.message


def test_control_character_is_reported_on_its_line_in_bokmal(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    text = edit(project, rel, "Kommunegruppene fra alle", "Kommunegruppene\x0bfra alle")
    problem = only(validate(project), rel, "")
    assert "\n" not in problem.message, "one problem must be one line"
    assert "unacceptable character" not in problem.message
    assert problem.line == line_no(text, "\x0b")


def test_recursive_alias_does_not_crash(project: Path) -> None:
    rel = "samlinger/fellessamling-2.yml"
    text = edit(project, rel, "tittel: Fellessamling 2", "tittel: &t [*t]")
    problems = validate(project)
    assert [p.line for p in problems if p.file == shown(rel)] == [line_no(text, "tittel:")]


@pytest.mark.parametrize(
    "rel, old, new, field, needle",
    [
        pytest.param("sporsmal/fremtidsbilder.yml", "tema: Fremtidsbilder\n", "tema: Fremtidsbilder\ntemaa: Fremtid\n",
                     "temaa", "temaa:", id="question-file"),
        pytest.param("faser/sette-mal.yml", "kort: Mål", "kort: off", "kort", "kort:", id="phase-file"),
    ],
)
def test_error_in_one_file_gives_no_false_problems_elsewhere(
    project: Path, rel: str, old: str, new: str, field: str, needle: str
) -> None:
    text = edit(project, rel, old, new)
    problems = validate(project)
    assert at(problems, rel, field).line == line_no(text, needle)
    assert files_of(problems) == {shown(rel)}, "\n".join(map(str, problems))


def test_error_in_program_does_not_hide_reference_errors(project: Path) -> None:
    edit(project, "program.yml", "deltakeravgift: 20000", 'deltakeravgift: "tjue tusen"')
    phase_text = edit(project, "faser/sette-mal.yml", "  - fremtidsbilde-onsket-rolle", "  - finnes-ikke")
    problems = validate(project)
    assert at(problems, "program.yml", "kostnader.deltakeravgift")
    assert at(problems, "faser/sette-mal.yml", "spørsmål[0]").line == line_no(phase_text, "finnes-ikke")


# A broken program.yml or fasemodell.yml must not hide the errors in the other files. What the broken
# file defines (målgrupper, verdiområder, kilder in program.yml; spor in fasemodell.yml) is unknown,
# so references to it are let pass; everything between the other files is still checked.

BROKEN_PROGRAM = ("deltakeravgift: 20000", 'deltakeravgift: "tjue tusen"')


def test_broken_phase_model_does_not_hide_a_broken_reference_in_a_theme_pack(project: Path) -> None:
    model_text = edit(project, "fasemodell.yml", "spor:\n", "spoor:\n")
    pack = "temapakker/kulturskole-hele-livet.yml"
    pack_text = edit(project, pack, "kilde: [nettside,", "faser:\n  - planlegge\nkilde: [nettside,")
    problems = validate(project)
    assert files_of(problems) == {shown("fasemodell.yml"), shown(pack)}, "\n".join(map(str, problems))
    assert at(problems, "fasemodell.yml", "spoor").line == line_no(model_text, "spoor:")
    missing = at(problems, pack, "faser[0]")
    assert missing.line == line_no(pack_text, "- planlegge")
    assert "fasen «planlegge» finnes ikke" in missing.message


def test_yaml_syntax_error_in_program_does_not_hide_an_unknown_question_in_a_gathering(project: Path) -> None:
    program_text = edit(project, "program.yml", "tittel: Fremtidens kulturskole\n", "tittel: Fremtidens kulturskole: regionalt\n")
    gathering = "samlinger/fellessamling-1.yml"
    gathering_text = edit(project, gathering, "mellomarbeid:",
                          "spørsmål:\n  - fremtidsbilde-na\n  - fremtidsbilde-ukjent\nmellomarbeid:")
    problems = validate(project)
    assert files_of(problems) == {shown("program.yml"), shown(gathering)}, "\n".join(map(str, problems))
    syntax = at(problems, "program.yml", "")
    assert syntax.line == line_no(program_text, "tittel: Fremtidens kulturskole: regionalt")
    assert "kolon" in syntax.message
    unknown = at(problems, gathering, "spørsmål[1]")
    assert unknown.line == line_no(gathering_text, "fremtidsbilde-ukjent")
    assert "spørsmålet «fremtidsbilde-ukjent» finnes ikke" in unknown.message
    assert len(problems) == 2


def test_broken_program_lets_a_reference_to_an_audience_pass(project: Path) -> None:
    """The audience may be defined in the part of program.yml that could not be read."""
    program_text = edit(project, "program.yml", *BROKEN_PROGRAM)
    edit(project, "sporsmal/fremtidsbilder.yml", "      - sette-mal\n    målgrupper:\n",
         "      - sette-mal\n    målgrupper:\n      - politikere\n")
    problem = only(validate(project), "program.yml", "kostnader.deltakeravgift")
    assert problem.line == line_no(program_text, "deltakeravgift:")


def test_broken_program_does_not_hide_two_theme_packs_with_the_same_number(project: Path) -> None:
    edit(project, "program.yml", *BROKEN_PROGRAM)
    assert "nummer: 3\n" in read(project, "temapakker/kulturskole-hele-livet.yml")
    pack = "temapakker/kulturskolen-i-samfunnet.yml"
    pack_text = edit(project, pack, "nummer: 2\n", "nummer: 3\n")
    problems = validate(project)
    assert files_of(problems) == {shown("program.yml"), shown(pack)}, "\n".join(map(str, problems))
    assert at(problems, "program.yml", "kostnader.deltakeravgift")
    twice = at(problems, pack, "nummer")
    assert twice.line == line_no(pack_text, "nummer:")
    assert "temapakke nummer 3 er brukt to ganger" in twice.message
    assert "kulturskole-hele-livet.yml" in twice.message


def test_broken_program_reports_unknown_facts_but_not_facts_without_value(project: Path) -> None:
    """A fact's value comes from program.yml: while it is broken, [[name]] may well have a value."""
    edit(project, "program.yml", *BROKEN_PROGRAM)
    rel = "faq.yml"
    edit(project, rel, "avgift på [[deltakeravgift]] for hele", "avgift på [[deltakeravgifta]] for hele")
    edit(project, rel, "er [[deltakeravgift]] for kvar", "er [[antall_pilotkommuner]] for kvar")
    problems = validate(project)
    assert files_of(problems) == {shown("program.yml"), shown(rel)}, "\n".join(map(str, problems))
    assert "[[deltakeravgifta]] er ikke et kjent programfaktum" in at(problems, rel, "spørsmål[0].svar").message
    assert not [p for p in problems if "har ingen verdi" in p.message]
    assert len(problems) == 2


def test_broken_program_does_not_hide_redirect_errors(project: Path) -> None:
    edit(project, "program.yml", *BROKEN_PROGRAM)
    text = write(project, "omdirigeringer.yml", "omdirigeringer:\n  - type: oppgave\n    fra: sette-sammen-kommunegruppe\n"
                                               "    til: kartlegge-roller-og-ansvar\n"
                                               "  - type: side\n    fra: ressurser\n    til: program/\n")
    problems = validate(project)
    assert files_of(problems) == {shown("program.yml"), shown("omdirigeringer.yml")}, "\n".join(map(str, problems))
    still_there = at(problems, "omdirigeringer.yml", "omdirigeringer[0].fra")
    assert still_there.line == line_no(text, "fra: sette-sammen")
    assert "finnes fortsatt" in still_there.message
    assert "skråstrek til slutt" in at(problems, "omdirigeringer.yml", "omdirigeringer[1].fra").message
    assert len(problems) == 3


# --------------------------------------------------------------------------- 15. the command line


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "kulturskole"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kulturskole"]


@pytest.fixture
def cli_project(project: Path) -> Path:
    """`project` plus what the CLI needs to recognise a project (mkdocs.yml and the site sources)."""
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "theme_overrides", "macros"):
        shutil.copytree(ROOT / name, project / name)
    return project


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KULTURSKOLE_PROJECT": str(project)}
    env.pop("MIKE_DOCS_VERSION", None)
    return subprocess.run(
        [*_cli(), *args], cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )


def _break_two_files(project: Path) -> list[str]:
    """Two errors in two files; returns the expected start of each error line."""
    gathering = "samlinger/fellessamling-1.yml"
    phase = "faser/sette-mal.yml"
    g_text = edit(project, gathering, "form: fysisk", "form: no")
    p_text = edit(project, phase, "  - fremtidsbilde-onsket-rolle", "  - finnes-ikke")
    return [
        f"{shown(gathering)}:{line_no(g_text, 'form:')}: form: «no» uten anførselstegn",
        f"{shown(phase)}:{line_no(p_text, 'finnes-ikke')}: spørsmål[0]: spørsmålet «finnes-ikke» finnes ikke",
    ]


def test_cli_validate_good_data(cli_project: Path) -> None:
    done = run_cli(cli_project, "validate", "--version", VERSION)
    assert done.returncode == 0, done.stderr
    assert f"{VERSION}: ingen feil" in done.stdout
    assert done.stderr == ""


def test_cli_validate_bad_data(cli_project: Path) -> None:
    expected = _break_two_files(cli_project)
    done = run_cli(cli_project, "validate", "--version", VERSION)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    for start in expected:
        assert any(line.startswith(start) for line in lines), f"{start!r} not in:\n{done.stderr}"
    assert "2 feil funnet." in lines
    assert "Traceback" not in done.stderr + done.stdout
    assert "ingen feil" not in done.stdout


def test_cli_validate_unknown_version(cli_project: Path) -> None:
    done = run_cli(cli_project, "validate", "--version", "2099-2100")
    assert done.returncode == 1
    assert "«2099-2100» finnes ikke" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_build_bad_data_writes_no_site(cli_project: Path, tmp_path: Path) -> None:
    expected = _break_two_files(cli_project)
    out = tmp_path / "out"
    site = out / "site"
    done = run_cli(cli_project, "build", "--version", VERSION, "--site-dir", str(site))
    assert done.returncode == 1
    for start in expected:
        assert start in done.stderr
    assert "ikke bygget" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not site.exists()
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_bad_data_leaves_existing_site_untouched(cli_project: Path, tmp_path: Path) -> None:
    _break_two_files(cli_project)
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "marker.txt").write_text("forrige bygg\n", encoding="utf-8")
    done = run_cli(cli_project, "build", "--version", VERSION, "--site-dir", str(site))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert sorted(p.name for p in site.iterdir()) == ["marker.txt"]
    assert (site / "marker.txt").read_text(encoding="utf-8") == "forrige bygg\n"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "no staging folder may be left behind"


# --------------------------------------------------------------------------- omdirigeringer.yml

REDIRECTS = "omdirigeringer.yml"


def test_redirect_from_an_id_that_still_exists(project):
    text = write(project, REDIRECTS, "omdirigeringer:\n  - type: oppgave\n    fra: sette-sammen-kommunegruppe\n"
                                     "    til: kartlegge-roller-og-ansvar\n")
    problem = at(validate(project), REDIRECTS, "omdirigeringer[0].fra")
    assert problem.line == line_no(text, "fra:")
    assert "finnes fortsatt" in problem.message and "Fjern omdirigeringen" in problem.message


def test_redirect_for_a_page_needs_an_existing_page(project):
    text = write(project, REDIRECTS, "omdirigeringer:\n  - type: side\n    fra: kommuner/\n    til: programm/\n"
                                     "  - type: side\n    fra: ressurser\n    til: program/\n")
    problems = validate(project)
    missing = at(problems, REDIRECTS, "omdirigeringer[0].til")
    assert missing.line == line_no(text, "programm/") and "Mente du «program/»?" in missing.message
    bad_format = at(problems, REDIRECTS, "omdirigeringer[1].fra")
    assert "skråstrek til slutt" in bad_format.message


def test_redirect_twice_from_the_same_old_id(project):
    write(project, REDIRECTS, "omdirigeringer:\n  - type: side\n    fra: kommuner/\n    til: program/\n"
                              "  - type: side\n    fra: kommuner/\n    til: ressurser/\n")
    twice = at(validate(project), REDIRECTS, "omdirigeringer[1].fra")
    assert "har allerede en omdirigering (linje 2)" in twice.message


def test_redirect_of_an_unknown_kind(project):
    text = write(project, REDIRECTS, "omdirigeringer:\n  - type: kapittel\n    fra: a\n    til: b\n")
    kind = at(validate(project), REDIRECTS, "omdirigeringer[0].type")
    assert kind.line == line_no(text, "kapittel") and "temapakke" in kind.message


def test_valid_redirects_pass(project):
    write(project, REDIRECTS, "omdirigeringer:\n  - type: side\n    fra: kommuner/\n    til: program/\n"
                              "  - type: samling\n    fra: fellessamling-7\n    til: fellessamling-6\n")
    assert validate(project) == []


def test_a_redirect_may_lead_to_a_hand_written_page(project):
    """«Personvern» is written by hand in docs/, not made from data; it is a page of every version."""
    shutil.copytree(ROOT / "docs", project / "docs")
    write(project, REDIRECTS, "omdirigeringer:\n  - type: side\n    fra: gammel-personvernside/\n    til: personvern/\n")
    assert validate(project) == []
    (project / "docs" / "personvern.md").unlink()
    missing = at(validate(project), REDIRECTS, "omdirigeringer[0].til")
    assert "«personvern/» finnes ikke" in missing.message


def test_validate_writes_github_annotations_on_the_line(project):
    text = edit(project, "samlinger/fellessamling-2.yml", "tittel: Fellessamling 2", "titel: Fellessamling 2")
    result = subprocess.run([*_cli(), "validate", "--version", VERSION, "--format", "github"], capture_output=True,
                            text=True, env={**os.environ, "KULTURSKOLE_PROJECT": str(project)}, cwd=project)
    assert result.returncode == 1
    line = line_no(text, "titel:")
    annotation = next(a for a in result.stdout.splitlines() if a.startswith("::error "))
    assert annotation.startswith(f"::error file=data/{VERSION}/samlinger/fellessamling-2.yml,line={line},title=titel::")
    assert "ukjent felt «titel»" in annotation and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- dates inside the version's period


def test_a_gathering_after_the_period_is_an_error_in_a_published_version(project):
    text = edit(project, "samlinger/fellessamling-6.yml", "fra: 2025-11-20\n  til: 2025-11-21",
                "fra: 2026-11-20\n  til: 2026-11-21")
    problem = at(validate(project), "samlinger/fellessamling-6.yml", "når")
    assert problem.line == line_no(text, "når:")
    assert "etter programperioden, som slutter i desember 2025" in problem.message


def test_a_sharing_arena_may_follow_the_period_but_not_long_after(project):
    """The regional programme's sharing arena (January 2026) comes after its three semesters and «vurderes
    kombinert med oppstart av ny programperiode»: it may lie up to three months after the period; another
    kind of gathering may not, and nor may a sharing arena long after."""
    assert validate(project) == []  # the sharing arena in January 2026, the period ending December 2025
    edit(project, "samlinger/fellessamling-6.yml", "fra: 2025-11-20\n  til: 2025-11-21\n  uker: 47",
         "fra: 2026-01-20\n  til: 2026-01-21\n  uker: 4")
    problem = at(validate(project), "samlinger/fellessamling-6.yml", "når")
    assert "etter programperioden, som slutter i desember 2025" in problem.message
    edit(project, "samlinger/fellessamling-6.yml", "fra: 2026-01-20\n  til: 2026-01-21\n  uker: 4",
         "fra: 2025-11-20\n  til: 2025-11-21\n  uker: 47")
    text = edit(project, "samlinger/delingsarena.yml", 'måned: "2026-01"\n  uker: "2-3 eller 4"', 'måned: "2026-04"')
    problem = at(validate(project), "samlinger/delingsarena.yml", "når")
    assert problem.line == line_no(text, "når:")
    assert "mer enn 3 måneder etter programperioden, som slutter i desember 2025" in problem.message


def test_dates_outside_the_period_of_a_draft_are_warnings(project):
    edit(project, "program.yml", "status: publisert", "status: utkast")
    edit(project, "samlinger/koordinatorsamling-1.yml", "dag: 2024-08-21\n  uker: 34", "dag: 2024-07-21\n  uker: 29")
    result = validate_version(project / "data", VERSION, project)
    assert result.ok and result.version is not None, result.problems
    assert [(w.file, w.field) for w in result.warnings] == [(shown("samlinger/koordinatorsamling-1.yml"), "når")]
    assert "før programperioden, som starter i august 2024" in result.warnings[0].message


def test_open_events_and_the_deadline_may_come_before_the_start_but_not_long_before(project):
    assert validate(project) == []  # the inspiration gathering (March 2024) and the deadline (May 2024)
    edit(project, "samlinger/inspirasjonssamling.yml", "dag: 2024-03-15", "dag: 2023-03-15")
    problem = at(validate(project), "samlinger/inspirasjonssamling.yml", "når")
    assert "mer enn 12 måneder før programperioden" in problem.message


def test_the_period_starts_in_the_first_year_of_the_version_name(project):
    period = '  til: "2025-12"\n  kilde: grunnlagsdokument\n  merknad: >-\n    Grunnlagsdokumentet'  # not avtaleperiode
    text = edit(project, "program.yml", 'fra: "2024-08"\n' + period, 'fra: "2023-08"\n' + period)
    problem = at(validate(project), "program.yml", "periode.fra")
    assert problem.line == line_no(text, 'fra: "2023-08"') and "versjonen heter 2024-2025" in problem.message


# --------------------------------------------------------------------------- sources or the editors' mark

GLOSSARY = """\
begreper:
  - id: forste
    begrep: Første
    forklaring: En forklaring som ikke sier hvor den kommer fra.
  - id: andre
    begrep: Andre
    forklaring: Redaksjonens egen forklaring.
    redaksjonell: true
  - id: tredje
    begrep: Tredje
    forklaring: En forklaring fra grunnlagsdokumentet.
    kilde: {source}
  - id: fjerde
    begrep: Fjerde
    forklaring: Et begrep med en feil i merket.
    redaksjonell: [forklring]
  - id: femte
    begrep: Femte
    forklaring: Både fra en kilde og redaksjonens egen, så leseren ikke vet hva som er hva.
    kilde: {source}
    redaksjonell: true
"""


def test_text_needs_a_source_or_the_editorial_mark(project: Path) -> None:
    """A definition with neither «kilde» nor «redaksjonell» is reported at its line; a list naming a
    field the item does not have is reported too; a source or the mark is enough."""
    program = read(project, "program.yml")
    source = program.split("kilder:", 1)[1].split("id:", 1)[1].split("\n", 1)[0].strip()
    text = write(project, "ordliste.yml", GLOSSARY.format(source=source))
    problems = [p for p in validate(project) if p.file == shown("ordliste.yml")]
    missing = at(problems, "ordliste.yml", "begreper[0].forklaring")
    assert missing.line == line_no(text, "ikke sier hvor")
    assert "mangler kilde" in missing.message and "redaksjonell: true" in missing.message
    wrong = at(problems, "ordliste.yml", "begreper[3].redaksjonell")
    assert "«forklring» er ikke et felt her" in wrong.message and "forklaring" in wrong.message
    # the editors' mark on the wrong field does not count as a mark on «forklaring»
    assert at(problems, "ordliste.yml", "begreper[3].forklaring")
    both = at(problems, "ordliste.yml", "begreper[4].redaksjonell")
    assert "både «kilde» og «redaksjonell: true»" in both.message and "redaksjonell: [beskrivelse]" in both.message
    assert len(problems) == 4, "\n".join(map(str, problems))


def test_the_programmes_own_text_fields_name_their_sources_in_feltkilder(project: Path) -> None:
    """«formål» without an entry in «feltkilder» is reported at its own line; a key that is not such a field,
    and an unknown source id, are reported at their line in «feltkilder»."""
    text = read(project, "program.yml")
    assert "\n  formål: grunnlagsdokument\n" in text
    text = edit(project, "program.yml", "\n  formål: grunnlagsdokument\n", "\n  formal: grunnlagsdokument\n")
    text = edit(project, "program.yml", "\n  metode: grunnlagsdokument\n", "\n  metode: grunnlagsdok\n")
    problems = validate(project)
    missing = at(problems, "program.yml", "formål")
    assert missing.line == [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("formål:")][0]
    assert "«formål» mangler kilde" in missing.message and "feltkilder" in missing.message
    wrong = at(problems, "program.yml", "feltkilder.formal")
    assert wrong.line == line_no(text, "  formal: grunnlagsdokument") and "Bruk et av:" in wrong.message
    unknown = at(problems, "program.yml", "feltkilder.metode")
    assert unknown.line == line_no(text, "  metode: grunnlagsdok") and "kilden «grunnlagsdok» finnes ikke" in unknown.message
    assert len(problems) == 3, "\n".join(map(str, problems))
