"""Messages an editor reads: the command line (`kulturskole.argparse_nb`) and YAML errors (`load.yaml_reader`).

The command-line tests build a small parser with the bokmål class (a subcommand, a positional, a required
option, a float option, choices, …) and check that help and every error are bokmål: no English word of
argparse's in the output, exit status 2 for a usage error. The YAML tests copy the real data of one version
into a temporary project, break one file, and check file, line and message. Line numbers are derived from
the text the test wrote.

Tests marked `xfail(strict=True)` state the wanted behaviour of code outside this test's modules; they pass
(and so fail, strictly) when that code is changed, and the mark must then be removed.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kulturskole import argparse_nb
from kulturskole.argparse_nb import ArgumentParser
from kulturskole.load import Problem
from kulturskole.load.yaml_reader import yaml11_base60
from kulturskole.validate import validate_version

ROOT = Path(__file__).resolve().parents[1]
VERSION = "2024-2025"

#: Words of argparse's English messages; none may appear in what the bokmål parser prints. («argument» is
#: bokmål too.)
ENGLISH = ["usage", "options", "positional", "arguments", "required", "invalid", "unrecognized",
           "expected", "show this help", "error", "choose from", "not allowed", "ambiguous", "could match",
           "ignored", "explicit", "at least", "at most", "one of the", "the following", "can't open",
           "warning", "default", "subcommands", "version number", "no such file", "is not callable"]
_ENGLISH_RE = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in ENGLISH), re.IGNORECASE)


def english_in(text: str) -> list[str]:
    return _ENGLISH_RE.findall(text)


# --------------------------------------------------------------------------- the command line


def small_parser(**kwargs: object) -> ArgumentParser:
    """A parser shaped like kulturskole's: subcommands, a positional, a required option, a float option,
    choices, a flag, nargs, a mutually exclusive group, a file, a version."""
    parser = ArgumentParser(prog="verktoy", description="Et lite verktøy til testene.", **kwargs)  # type: ignore[arg-type]
    parser.add_argument("--versjon", action="version", version="verktoy 1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="kommando")

    p = sub.add_parser("run", help="kjør noe")
    p.add_argument("navn", help="navnet på det som kjøres")
    p.add_argument("--level", required=True, help="nivået")
    p.add_argument("--speed", type=float, default=1.0, help="farten i meter per sekund")
    p.add_argument("--spin", type=int, help="antall runder")
    p.add_argument("--mode", choices=["rask", "sakte"], help="hvordan det kjøres")
    p.add_argument("--all", action="store_true", help="alt")
    p.add_argument("--pair", nargs=2, metavar=("A", "B"), help="to verdier")
    p.add_argument("--many", nargs="+", help="minst én verdi")
    p.add_argument("--input", type=argparse.FileType("r", encoding="utf-8"), help="en fil å lese")

    p = sub.add_parser("pick", help="velg én ting")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--first", action="store_true", help="den første")
    group.add_argument("--last", action="store_true", help="den siste")
    return parser


def run(parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of parsing `argv`; 0 when parsing succeeds."""
    try:
        parser.parse_args(argv)
        status = 0
    except SystemExit as stop:
        status = int(stop.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("argv, prog", [
    pytest.param(["--help"], "verktoy", id="top"),
    pytest.param(["run", "--help"], "verktoy run", id="subcommand"),
])
def test_help_is_bokmal(argv: list[str], prog: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(small_parser(), argv, capsys)
    assert status == 0 and err == ""
    assert out.startswith(f"bruk: {prog} [-h]")
    assert "\nvalg:\n" in out
    assert "-h, --help" in out and "vis denne hjelpen og avslutt" in out
    assert english_in(out) == [], out
    if argv == ["run", "--help"]:
        assert "\nposisjonsargumenter:\n  navn " in out
    else:
        assert "\nposisjonsargumenter:\n  kommando\n" in out


#: argv → (the parser that reports it, the bokmål after «feil: »).
ERRORS = [
    pytest.param([], "verktoy", "påkrevd argument mangler: kommando", id="no-subcommand"),
    pytest.param(["nope"], "verktoy",
                 "argumentet kommando: «nope» er ikke et gyldig valg. Velg en av: run, pick", id="unknown-subcommand"),
    pytest.param(["run", "x", "--level", "1", "--x"], "verktoy run", "ukjent argument: --x", id="unknown-option"),
    pytest.param(["run", "x", "--level", "1", "--x", "y"], "verktoy run", "ukjente argumenter: --x y",
                 id="unknown-options"),
    pytest.param(["--x", "run", "x", "--level", "1"], "verktoy", "ukjent argument: --x", id="unknown-before-subcommand"),
    pytest.param(["run", "x"], "verktoy run", "påkrevd argument mangler: --level", id="required-option"),
    pytest.param(["run"], "verktoy run", "påkrevde argumenter mangler: navn, --level", id="required-several"),
    pytest.param(["run", "x", "--level"], "verktoy run", "argumentet --level: trenger én verdi", id="expected-one"),
    pytest.param(["run", "x", "--level", "1", "--speed", "fort"], "verktoy run",
                 "argumentet --speed: «fort» er ikke et tall", id="invalid-float"),
    pytest.param(["run", "x", "--level", "1", "--spin", "2.5"], "verktoy run",
                 "argumentet --spin: «2.5» er ikke et heltall", id="invalid-int"),
    pytest.param(["run", "x", "--level", "1", "--mode", "middels"], "verktoy run",
                 "argumentet --mode: «middels» er ikke et gyldig valg. Velg en av: rask, sakte", id="invalid-choice"),
    pytest.param(["run", "x", "--level", "1", "--all=ja"], "verktoy run",
                 "argumentet --all: tar ingen verdi, men fikk «ja»", id="ignored-explicit"),
    pytest.param(["run", "x", "--level", "1", "--pair", "a"], "verktoy run",
                 "argumentet --pair: trenger 2 verdier", id="expected-n"),
    pytest.param(["run", "x", "--level", "1", "--many"], "verktoy run",
                 "argumentet --many: trenger minst én verdi", id="expected-at-least-one"),
    pytest.param(["run", "x", "--level", "1", "--sp", "1"], "verktoy run",
                 "tvetydig valg: --sp kan bety --speed, --spin", id="ambiguous"),
    pytest.param(["run", "x", "--level", "1", "--input", "/finnes/ikke.txt"], "verktoy run",
                 "argumentet --input: kan ikke åpne «/finnes/ikke.txt»: fila finnes ikke", id="cannot-open"),
    pytest.param(["pick"], "verktoy pick", "ett av disse argumentene må være med: --first --last", id="one-of-required"),
    pytest.param(["pick", "--first", "--last"], "verktoy pick",
                 "argumentet --last: kan ikke brukes sammen med --first", id="not-allowed-with"),
]


@pytest.mark.parametrize("argv, prog, message", ERRORS)
def test_errors_are_bokmal(argv: list[str], prog: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(small_parser(), argv, capsys)
    assert status == 2
    assert out == ""
    usage, error_line = err.rstrip("\n").rsplit("\n", 1)
    assert usage.startswith(f"bruk: {prog} [-h]")
    assert error_line == f"{prog}: feil: {message}"
    assert english_in(err) == [], err


def test_version_action_is_bokmal(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(small_parser(), ["--help"], capsys)
    assert "--versjon" in out and "vis versjonsnummeret og avslutt" in out
    status, out, _ = run(small_parser(), ["--versjon"], capsys)
    assert (status, out) == (0, "verktoy 1.0\n")


def test_errors_without_exit_are_bokmal() -> None:
    """With exit_on_error=False argparse raises ArgumentError instead of printing; it is bokmål too."""
    parser = ArgumentParser(prog="verktoy", exit_on_error=False)
    parser.add_argument("--speed", type=float)
    with pytest.raises(argparse.ArgumentError) as raised:
        parser.parse_args(["--speed", "fort"])
    assert str(raised.value) == "argumentet --speed: «fort» er ikke et tall"


def test_parents_and_other_formatters_stay_bokmal(capsys: pytest.CaptureFixture[str]) -> None:
    parent = ArgumentParser(add_help=False)
    parent.add_argument("--today", help="dagens dato")
    parent.add_argument("mappe", help="en mappe")
    parser = ArgumentParser(prog="verktoy", parents=[parent], formatter_class=argparse.RawDescriptionHelpFormatter)
    _, out, _ = run(parser, ["--help"], capsys)
    assert out.startswith("bruk: verktoy [-h] [--today TODAY] mappe")
    assert out.count("valg:") == 1 and out.count("posisjonsargumenter:") == 1
    assert english_in(out) == [], out


def test_subcommands_with_description_get_a_bokmal_heading(capsys: pytest.CaptureFixture[str]) -> None:
    parser = ArgumentParser(prog="verktoy")
    sub = parser.add_subparsers(description="kommandoene")
    sub.add_parser("run")
    _, out, _ = run(parser, ["--help"], capsys)
    assert "\nunderkommandoer:\n  kommandoene\n" in out
    assert english_in(out) == [], out


def _gettext_strings() -> set[str]:
    """Every string argparse (of the Python running the tests) passes to gettext: _('…') and ngettext('…', '…')."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            for arg in node.args[: 2 if node.func.id == "ngettext" else 1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.Call):  # Python 3.11: _(kwargs.pop('title', 'subcommands'))
                    found.update(a.value for a in arg.args[1:] if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return found


def test_every_argparse_string_has_bokmal() -> None:
    strings = _gettext_strings()
    assert {"usage: ", "options", "invalid choice: %(value)r (choose from %(choices)s)"} <= strings
    missing = sorted(strings - set(argparse_nb.MESSAGES))
    assert missing == [], f"argparse in {argparse.__file__} has strings without bokmål in argparse_nb.MESSAGES"


def _sample(template: str) -> str:
    """`template` filled in as argparse fills it: %r with repr, choices as a list of reprs."""
    values = {"prog": "verktoy", "message": "expected one argument", "argument_name": "--x", "value": "y",
              "choices": "'a', 'b'", "matches": "--speed, --spin", "type": "float", "filename": "f.txt",
              "error": "[Errno 2] No such file or directory: 'f.txt'", "option": "--x", "prefix_chars": "-",
              "parser_name": "kjør", "heading": "valg", "default": "1"}
    out = re.sub(r"%\((\w+)\)r", lambda m: repr(values[m.group(1)]), template)
    out = re.sub(r"%\((\w+)\)s", lambda m: values[m.group(1)], out)
    return out.replace("%r", repr("y")).replace("%s", "--x")


@pytest.mark.parametrize("english", sorted(argparse_nb.MESSAGES))
def test_every_template_translates(english: str) -> None:
    sample = _sample(english)
    translated = argparse_nb.translate(sample)
    if english != "%(heading)s:":
        assert translated != sample
    assert english_in(re.sub("«[^»]*»", "", translated)) == [], translated  # «required» is a keyword of argparse
    assert "'" not in translated.replace("«'»", ""), "a value shown with repr must come back as text in «»"


@pytest.mark.parametrize("argv, status", [
    (["--help"], 0), (["build", "--help"], 0), ([], 2), (["build", "--x"], 2), (["publish"], 2),
    (["check-links", "--timeout", "abc"], 2), (["nope"], 2),
])
def test_kulturskole_command_is_bokmal(argv: list[str], status: int, capsys: pytest.CaptureFixture[str]) -> None:
    """The real command: only arguments that stop while parsing (help and usage errors), so nothing is run."""
    from kulturskole.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    assert stop.value.code == status
    assert english_in(out + err) == [], out + err
    assert (out + err).startswith("bruk: kulturskole")


# --------------------------------------------------------------------------- YAML messages


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A temporary project holding a copy of the real data of VERSION."""
    shutil.copytree(ROOT / "data" / VERSION, tmp_path / "data" / VERSION)
    return tmp_path


def rewrite(project: Path, rel: str, old: str, new: str) -> str:
    """Replace the one `old` in data file `rel` by `new`; the new text."""
    path = project / "data" / VERSION / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_no(text: str, needle: str) -> int:
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def the_problem(project: Path, rel: str) -> Problem:
    problems = validate_version(project / "data", VERSION, project).problems
    assert len(problems) == 1, "expected one problem, got:\n" + "\n".join(map(str, problems))
    assert problems[0].file == f"data/{VERSION}/{rel}"
    return problems[0]


GATHERING = "samlinger/fellessamling-1.yml"
INSPIRATION = "samlinger/inspirasjonssamling.yml"


@pytest.mark.parametrize("old, new, needle, expected, above", [
    pytest.param("form: fysisk", " form: fysisk", " form:",
                 "«form» har 1 mellomrom foran, men skal stå rett under «nummer» på linje {} (0 mellomrom)",
                 ["nummer:"], id="key-one-space-too-far"),
    pytest.param("  til: 2024-09-25", "   til: 2024-09-25", "til:",
                 "«til» har 3 mellomrom foran, men skal stå rett under «fra» på linje {} (2 mellomrom)",
                 ["fra:"], id="nested-key-one-space-too-far"),
    pytest.param("  til: 2024-09-25", " til: 2024-09-25", "til:",
                 "«til» har 1 mellomrom foran, men skal stå rett under «fra» på linje {} (2 mellomrom) "
                 "eller «når» på linje {} (0 mellomrom)", ["fra:", "når:"], id="nested-key-one-space-too-little"),
    pytest.param("  - sette-sammen-kommunegruppe", " - sette-sammen-kommunegruppe", "sette-sammen",
                 "«- sette-sammen-kommunegruppe» har 1 mellomrom foran, men skal stå rett under "
                 "«- kartlegge-roller-og-ansvar» på linje {} (2 mellomrom)", ["kartlegge-roller"],
                 id="list-item-one-space-too-little"),
])
def test_bad_indentation_is_said_on_its_line(
    project: Path, old: str, new: str, needle: str, expected: str, above: list[str]
) -> None:
    text = rewrite(project, GATHERING, old, new)
    problem = the_problem(project, GATHERING)
    line = line_no(text, needle)
    assert problem.line == line
    assert problem.message == f"innrykket er feil på linje {line}: " + expected.format(*(line_no(text, a) for a in above))
    assert "kolon" not in problem.message


@pytest.mark.parametrize("old, new, needle", [
    pytest.param('tittel: "Fellessamling 1: oppstart av regionale program"', "tittel: Samling: dag 1", "tittel:",
                 id="on-the-key-line"),
    pytest.param("form: fysisk", "form: fysisk\nmerknad: Samlingen varer\n  to dager: tirsdag og onsdag",
                 "to dager:", id="on-a-continued-line"),
])
def test_stray_colon_in_a_value_is_still_a_colon(project: Path, old: str, new: str, needle: str) -> None:
    text = rewrite(project, GATHERING, old, new)
    problem = the_problem(project, GATHERING)
    assert problem.line == line_no(text, needle)
    assert "et kolon står på feil sted" in problem.message
    assert "anførselstegn" in problem.message
    assert "innrykk" not in problem.message


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_is_said_where_it_opens(project: Path, quote: str) -> None:
    text = rewrite(project, GATHERING, 'tittel: "Fellessamling 1: oppstart av regionale program"',
                   f"tittel: {quote}Fellessamling")
    problem = the_problem(project, GATHERING)
    assert line_no(text, "tittel:") == 2 < len(text.split("\n")) - 5, "the file must go on after the quote"
    assert problem.line == 2
    assert problem.message == (f"anførselstegnet som starter på linje 2, blir aldri lukket. "
                               f"Avslutt teksten med {quote} på samme linje")


def test_unclosed_quote_closed_by_a_later_quote_is_said_where_it_opens(project: Path) -> None:
    rewrite(project, GATHERING, 'tittel: "Fellessamling 1: oppstart av regionale program"', 'tittel: "Fellessamling')
    text = rewrite(project, GATHERING, "kilde: [grunnlagsdokument,", 'kilde: ["grunnlagsdokument",')
    problem = the_problem(project, GATHERING)
    assert problem.line == 2
    assert problem.message.startswith("anførselstegnet som starter på linje 2, blir ikke lukket på samme linje. "
                                      f'Teksten går helt til neste " på linje {line_no(text, "kilde:")}.')


@pytest.mark.parametrize("value, number, quoted", [
    ("9:30", "570", '"09:30"'),
    ("14:00", "840", '"14:00"'),
    ("10:00", "600", '"10:00"'),
])
def test_clock_time_hint_uses_the_value(project: Path, value: str, number: str, quoted: str) -> None:
    text = rewrite(project, INSPIRATION, 'fra: "09:30"', f"fra: {value}")
    problem = the_problem(project, INSPIRATION)
    assert (problem.line, problem.field) == (line_no(text, "fra:"), "tid.fra")
    assert problem.message == (f"{value} uten anførselstegn blir lest som tallet {number}, ikke som klokkeslett. "
                               f"Skriv klokkeslett i anførselstegn: {quoted}")


def test_clock_time_with_leading_zero_hint_uses_the_value(project: Path) -> None:
    text = rewrite(project, INSPIRATION, 'til: "13:30"', "til: 08:15")
    problem = the_problem(project, INSPIRATION)
    assert (problem.line, problem.field) == (line_no(text, "til:"), "tid.til")
    assert problem.message == ('08:15 uten anførselstegn er utrygt: uten null foran (8:15) blir det lest som tallet 495. '
                               'Skriv klokkeslett i anførselstegn: "08:15"')


@pytest.mark.parametrize("value", ["9:30", "09:30", "14:00", "0:30", "1:30:00", "-1:30", "1:30.5", "1:30.", "1_0:00"])
def test_base60_number_is_the_one_yaml_11_makes(value: str) -> None:
    read = yaml.safe_load(value)  # PyYAML's own loader follows YAML 1.1
    assert yaml11_base60(value) == (None if isinstance(read, str) else read)


def test_quoted_number_says_it_is_text(project: Path) -> None:
    text = rewrite(project, GATHERING, "nummer: 1", 'nummer: "4"')
    problem = the_problem(project, GATHERING)
    assert (problem.line, problem.field) == (line_no(text, "nummer:"), "nummer")
    assert 'fikk teksten "4"; skriv tallet uten anførselstegn: 4' in problem.message
