"""Safe text: the free-text fields hold Markdown, never raw HTML, script addresses or http links.

Validation (`kulturskole.model.safetext`, the type `Text`): each test copies the real data of one
version into a temporary project, puts one fault into one field, and checks that exactly one problem
comes back with the right file, line, field and a bokmål message that says what to write instead.
Line numbers are derived from the text the test wrote, never hard-coded.

Rendering (`kulturskole.render.format`): a text that never went through validation is rendered, and
the HTML is read with `html.parser`: no address that runs script may reach the page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import pytest

from kulturskole.load import Problem
from kulturskole.model.safetext import link_addresses, read_tags, script_scheme
from kulturskole.render import format as fmt
from kulturskole.render import pages
from kulturskole.validate import validate_version

ROOT = Path(__file__).resolve().parents[1]
VERSION = "2024-2025"
HTML_HINT = "Skriv vanlig tekst med Markdown, for eksempel **fet** eller [lenketekst](https://…)"


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A temporary project holding a copy of the real data of VERSION."""
    shutil.copytree(ROOT / "data" / VERSION, tmp_path / "data" / VERSION)
    return tmp_path


def vpath(project: Path, rel: str) -> Path:
    return project / "data" / VERSION / rel


def shown(rel: str) -> str:
    return f"data/{VERSION}/{rel}"


def edit(project: Path, rel: str, old: str, new: str) -> str:
    """Replace `old` (which must occur once) by `new` in a data file; returns the new text."""
    path = vpath(project, rel)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    changed = text.replace(old, new)
    path.write_text(changed, encoding="utf-8")
    return changed


def line_no(text: str, needle: str) -> int:
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}, expected exactly one line"
    return hits[0]


def quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar on one line (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def validate(project: Path) -> list[Problem]:
    result = validate_version(project / "data", VERSION, project)
    assert result.ok == (not result.problems)
    return result.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, problems))
    return problems[0]


#: Where a fault is put: (file, the text to replace, the field's key line before the value, the field
#: as the validator names it). A theme pack's summary (a folded block) and a question (a list item).
PLACES = {
    "temapakke-sammendrag": (
        "temapakker/kulturskole-hele-livet.yml",
        None,  # the whole folded block, read from the file (see `_block`)
        "sammendrag: ",
        "sammendrag",
    ),
    "sporsmal-tekst": (
        "sporsmal/fremtidsbilder.yml",
        "    tekst: Hvordan ser det ut når kulturskolen har den rollen og posisjonen som er ønskelig?\n",
        "    tekst: ",
        "spørsmål[0].tekst",
    ),
}


def _block(text: str, key: str) -> str:
    """The top-level field `key` of a YAML file with its folded continuation lines, as written."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(key))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return "".join(lines[start:end])


def put(project: Path, place: str, value: str) -> tuple[str, str, int]:
    """Write `value` into the field at `place`; (file as shown, field, line of the field)."""
    rel, old, key, field = PLACES[place]
    old = old or _block(vpath(project, rel).read_text(encoding="utf-8"), key)
    text = edit(project, rel, old, f"{key}{quoted(value)}\n")
    return shown(rel), field, line_no(text, key + quoted(value))


SCRIPT = "som kan kjøre skript. Skriv en vanlig nettadresse, for eksempel [lenketekst](https://…)"

#: One fault each: the value of the field, and the whole message the editor must get.
FAULTS = [
    pytest.param("Se <script>alert(1)</script> her.", f"rå HTML (<script>) er ikke lov i tekstfelt. {HTML_HINT}",
                 id="script-tag"),
    pytest.param("Film: <iframe src=x>", f"rå HTML (<iframe>) er ikke lov i tekstfelt. {HTML_HINT}", id="iframe"),
    pytest.param("Det er <b>fet</b> tekst.", f"rå HTML (<b>) er ikke lov i tekstfelt. {HTML_HINT}", id="bold-tag"),
    pytest.param('<div onclick="x()">Trykk</div>',
                 f"rå HTML (<div onclick=…>) er ikke lov i tekstfelt, og onclick kan kjøre skript. {HTML_HINT}",
                 id="event-attribute"),
    pytest.param("[klikk](javascript:alert(3))", f"lenken «javascript:alert(3)» bruker javascript:, {SCRIPT}",
                 id="javascript-link"),
    pytest.param("[x](JavaScript:alert(1))", f"lenken «JavaScript:alert(1)» bruker javascript:, {SCRIPT}",
                 id="javascript-mixed-case"),
    pytest.param("[x]( jav&#x61;script:alert(1))", f"lenken «javascript:alert(1)» bruker javascript:, {SCRIPT}",
                 id="javascript-entity-and-space"),
    pytest.param("[x](data:text/html;base64,PHNjcmlwdD4=)",
                 f"lenken «data:text/html;base64,PHNjcmlwdD4=» bruker data:, {SCRIPT}", id="data-link"),
    pytest.param("[x](vbscript:msgbox)", f"lenken «vbscript:msgbox» bruker vbscript:, {SCRIPT}", id="vbscript-link"),
    pytest.param("<javascript:alert(1)>", f"lenken «javascript:alert(1)» bruker javascript:, {SCRIPT}",
                 id="javascript-autolink"),
    pytest.param("Se [x][r].\n\n[r]: javascript:alert(1)", f"lenken «javascript:alert(1)» bruker javascript:, {SCRIPT}",
                 id="javascript-reference-link"),
    pytest.param("Les [kilde](http://example.no) først.", "lenken «http://example.no» bruker http. Skriv https://example.no",
                 id="http-link"),
]

ALLOWED = [
    pytest.param("a < b og 3 > 2, og vi <3 kulturskolen", id="less-and-greater-than"),
    pytest.param("Skriv til <post@example.no>.", id="email-autolink"),
    pytest.param("Se <https://example.no/side>.", id="url-autolink"),
    pytest.param("Se [side](https://example.no) og [fasen](../faser/etablering.md#maal).", id="https-and-relative"),
    pytest.param("Send [e-post](mailto:a@b.no) eller [ring](tel:+4712345678), eller se [over](#over).",
                 id="mailto-tel-anchor"),
    pytest.param("Bruk `<b>` i koden og [[deltakeravgift]] fra fakta.", id="code-span-and-fact"),
]


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("value, message", FAULTS)
def test_fault_in_text_field_is_one_problem(project: Path, place: str, value: str, message: str) -> None:
    file, field, line = put(project, place, value)
    problem = only(validate(project))
    assert (problem.file, problem.line, problem.field) == (file, line, field)
    assert problem.message == message
    assert str(problem) == f"{file}:{line}: {field}: {message}"


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("value", ALLOWED)
def test_markdown_that_looks_like_html_is_allowed(project: Path, place: str, value: str) -> None:
    put(project, place, value)
    assert validate(project) == []


def test_resource_link_with_http_gives_the_https_address(project: Path) -> None:
    rel = "ressurser.yml"
    old = "lenke: https://www.ks.no/link/0fe708c8e1904d89b9f3e69276e59304.aspx"
    text = edit(project, rel, old, old.replace("https://", "http://"))
    problem = only(validate(project))
    assert (problem.file, problem.field) == (shown(rel), "ressurser[0].lenke")
    assert problem.line == line_no(text, "lenke: http://")
    assert problem.message == ("lenken «http://www.ks.no/link/0fe708c8e1904d89b9f3e69276e59304.aspx» bruker http. "
                               "Skriv https://www.ks.no/link/0fe708c8e1904d89b9f3e69276e59304.aspx")


# --------------------------------------------------------------------------- rendering (second line of defence)


#: Texts that would be rejected by validation, with links the renderer must never make live.
EVIL = [
    "[klikk](javascript:alert(3))",
    "[x](JavaScript:alert(1))",
    "[x]( jav&#x61;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "[x](\tjava\nscript:alert(1))",
    "<javascript:alert(1)>",
    "Se [x][r].\n\n[r]: javascript:alert(1)",
    "![bilde](javascript:alert(1))",
    "[a [b](javascript:x)](vbscript:y)",
    "> Sitat [x](\n> javascript:alert(1))",
    '<a href="javascript:alert(1)" onclick="x()">a</a>',
    "[x](javascript:alert(1)\n\n)",  # a link only when inline() joins the lines
]


def live_addresses(html_text: str) -> list[str]:
    """The addresses in `html_text` that run script, read with html.parser."""
    return [address for _, _, address in link_addresses(html_text) if script_scheme(address)]


def as_site(markdown_text: str) -> str:
    """Markdown as the site converts it (the extensions of mkdocs.yml)."""
    return markdown.markdown(markdown_text, extensions=fmt.SITE_EXTENSIONS)


@pytest.mark.parametrize("value", EVIL)
def test_rendered_text_has_no_script_address(value: str) -> None:
    """Before: `[klikk](javascript:alert(3))` became <a href="javascript:alert(3)">."""
    # Each is a live script link in plain Python-Markdown, except the CommonMark autolink (a bogus tag there).
    dangerous = markdown.markdown(value), markdown.markdown(" ".join(value.split()))
    assert any(map(live_addresses, dangerous)) or value.startswith("<javascript:"), "not dangerous"
    for html_text in (as_site(fmt.text(value)), as_site(fmt.inline(value)), fmt.html_block(value)):
        assert live_addresses(html_text) == [], html_text
        assert not [t for t in read_tags(html_text).tags if t.events()], html_text


def test_rendered_text_keeps_its_safe_links_and_words() -> None:
    value = "Se [KS](https://www.ks.no/) og [farlig](javascript:alert(1)), og [fasen](faser/etablering.md)."
    html_text = as_site(fmt.text(value))
    assert [a for _, _, a in link_addresses(html_text)] == ["https://www.ks.no/", "faser/etablering.md"]
    assert "farlig" in html_text


def test_page_built_from_unvalidated_data_has_no_script_address() -> None:
    """A theme pack's page, and the list of packs, made from a summary that bypassed validation."""
    result = validate_version(ROOT / "data", VERSION, ROOT)
    assert result.version is not None
    version = result.version
    pid = next(iter(version.packs))
    evil = "\n\n".join(EVIL)
    version.packs[pid] = version.packs[pid].model_copy(update={"summary": evil})
    page = as_site(pages.pack_page(version, pid))
    assert live_addresses(page) == []
    assert not [a for _, _, a in link_addresses(page) if "javascript" in a.lower()]
    assert "&lt;a href=" in page  # the raw tag is shown as text
    assert live_addresses(as_site(pages.packs_page(version))) == []



def test_worksheet_table_from_unvalidated_data_has_no_script_address() -> None:
    """A worksheet's cells are HTML made by `fmt.html_block` (2021-2022 has a task with a worksheet)."""
    result = validate_version(ROOT / "data", "2021-2022", ROOT)
    assert result.version is not None
    ws = next(t.worksheet for t in result.version.tasks.values() if t.worksheet)
    row = ws.rows[0].model_copy(update={"content": "\n\n".join(EVIL), "explanation": EVIL[0]})
    html_text = pages.worksheet(ws.model_copy(update={"rows": [row]}))
    assert live_addresses(html_text) == []
    assert "klikk" in html_text
