"""The checks without a browser (kulturskole.check): links and anchors across both versions, and the
basics of every page. First the real site, then one injected fault at a time in a copy of it, each
reported by the same functions, and the `kulturskole check-links` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kulturskole.check import Finding
from kulturskole.check.basics import check_basics
from kulturskole.check.links import LinkChecker, Site, check_external, check_links, external_links, root_url
from kulturskole.render import redirects

from helpers import StaticServer, free_port

VERSIONS = ("2021-2022", "2024-2025")
SITE_URL = "https://example.org/fremtidens-kulturskole/"


def both(folder: Path, sites: dict[str, Path], copy: bool = False) -> Path:
    """Both versions side by side, as mike publishes them."""
    folder.mkdir(parents=True, exist_ok=True)
    for version in VERSIONS:
        if copy:
            shutil.copytree(sites[version], folder / version)
        else:
            (folder / version).symlink_to(sites[version], target_is_directory=True)
    return folder


@pytest.fixture()
def faulty(sites, tmp_path) -> Path:
    """A private copy of both versions to break."""
    return both(tmp_path / "root", sites, copy=True)


def inject(root: Path, page: str, snippet: str, before: str = "</article>") -> Path:
    """Put `snippet` into the built page `page` (a folder below root) and return the file."""
    path = root / page / "index.html"
    html = path.read_text(encoding="utf-8")
    assert before in html
    path.write_text(html.replace(before, snippet + before, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


# ---------------------------------------------------------------- the real site

def test_the_root_address_is_read_from_the_sitemaps(built_root, sites):
    assert root_url(built_root) == SITE_URL
    assert root_url(sites["2024-2025"]) == SITE_URL + "2024-2025/"


def test_no_broken_link_or_anchor_in_either_version(built_root):
    checker = LinkChecker(Site.at(built_root))
    assert checker.check() == []
    # It really read both versions: every page, and thousands of addresses with anchors among them.
    pages = {p.relative_to(built_root).parts[0] for p in checker.pages}
    assert pages >= set(VERSIONS)
    addresses = [a for page in checker.pages.values() for _, _, a in page.links]
    assert len(addresses) > 5000 and sum("#" in a for a in addresses) > 500


def test_every_page_has_the_basics(built_root):
    assert check_basics(built_root) == []


def test_the_site_links_out_only_where_the_data_does(built_root):
    external = external_links(built_root)
    assert external, "the data links to the programme's pages at KS"
    assert all(a.startswith("https://") for a in external)


def test_the_accessibility_and_privacy_pages_are_in_every_footer(built_root):
    for version in VERSIONS:
        for path in (built_root / version).rglob("index.html"):
            html = path.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in html:
                continue
            footer = html[html.index('class="md-copyright"'):]
            assert "Tilgjengelighetserklæring</a>" in footer and "Personvern</a>" in footer, path
        statement = (built_root / version / "tilgjengelighet/index.html").read_text(encoding="utf-8")
        assert "WCAG 2.1" in statement and "Kjente mangler" in statement and "Gi tilbakemelding" in statement
        privacy = (built_root / version / "personvern/index.html").read_text(encoding="utf-8")
        assert "informasjonskapsler" in privacy and "GitHub Pages" in privacy


def test_feedback_goes_to_the_contact_in_the_data(built_root):
    current = (built_root / "2024-2025/tilgjengelighet/index.html").read_text(encoding="utf-8")
    assert "Åste Selnæs Domaas" in current  # kontakt in data/2024-2025/program.yml
    pilot = (built_root / "2021-2022/tilgjengelighet/index.html").read_text(encoding="utf-8")
    assert "ingen egen kontaktperson" in pilot and "Norsk kulturskoleråd" in pilot


# ---------------------------------------------------------------- one fault at a time

def test_a_broken_internal_link_is_reported_on_its_line(faulty):
    path = inject(faulty, "2024-2025/program", '<p><a href="../finnes-ikke/">Borte</a></p>')
    findings = check_links(faulty)
    assert findings == [Finding("2024-2025/program/index.html", line_of(path, "finnes-ikke"), "lenke",
                                "«../finnes-ikke/» peker til en side som ikke finnes (2024-2025/finnes-ikke/index.html).")]
    assert str(findings[0]).startswith("2024-2025/program/index.html:")
    assert " [lenke] «../finnes-ikke/»" in str(findings[0])


def test_a_broken_anchor_is_reported(faulty):
    inject(faulty, "2021-2022/program", '<p><a href="../sporsmal/#ikke-et-sporsmal">Borte</a></p>')
    findings = check_links(faulty)
    assert [f.label for f in findings] == ["anker"]
    assert "2021-2022/sporsmal/index.html har ikke noe element med id=\"ikke-et-sporsmal\"" in findings[0].text


def test_a_link_into_the_other_version_is_checked_too(faulty):
    inject(faulty, "2021-2022/program", '<p><a href="../../2024-2025/oppgaver/#finnes-ikke">Ny</a></p>')
    findings = check_links(faulty)
    assert [(f.file, f.label) for f in findings] == [("2021-2022/program/index.html", "anker")]


def test_a_redirect_page_to_nowhere_is_reported(faulty):
    # A generated redirect page (render.links), as `kulturskole publish` writes one for a renamed page.
    stub = faulty / "2024-2025/temapakker/gammel-pakke/index.html"
    stub.parent.mkdir(parents=True)
    stub.write_text(redirects.redirect_html("../ny-pakke-som-ikke-finnes/"), encoding="utf-8")
    findings = check_links(faulty)
    assert {f.file for f in findings} == {"2024-2025/temapakker/gammel-pakke/index.html"}
    assert {f.label for f in findings} == {"lenke"} and len(findings) == 2  # meta refresh and the link
    stub.write_text(redirects.redirect_html("../kulturskole-hele-livet/"), encoding="utf-8")
    assert check_links(faulty) == []


def test_a_sitemap_entry_without_a_page_is_reported(faulty):
    sitemap = faulty / "2024-2025/sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace("/2024-2025/program/", "/2024-2025/programmet/"),
                       encoding="utf-8")
    findings = check_links(faulty)
    assert [(f.file, f.label) for f in findings] == [("2024-2025/sitemap.xml", "sitemap")]


@pytest.mark.parametrize("snippet,kind", [
    ('<img src="https://cdn.example.com/x.png" alt="">', "img"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">', "link:stylesheet"),
    ('<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>', "script"),
])
def test_a_file_from_another_host_is_reported(faulty, snippet, kind):
    inject(faulty, "2024-2025", snippet)
    findings = check_links(faulty)
    assert [f.label for f in findings] == ["ressurs"]
    assert f"hentes fra et annet nettsted ({kind})" in findings[0].text


BASICS_FAULTS = {
    "skipped heading level": ('<h2>To</h2><h4>Fire</h4>', "overskrift", "h4 «Fire» etter h2: et nivå er hoppet over."),
    "second h1": ('<h1>En til</h1>', "h1", "siden har 2 h1-overskrifter; den skal ha én."),
    "table without caption": ('<table><tr><th scope="col">A</th></tr><tr><td>1</td></tr></table>', "tabell",
                              "tabellen mangler <caption> (en kort tittel over tabellen)."),
    "header cell without scope": ('<table><caption>T</caption><tr><th>A</th></tr></table>', "tabell",
                                  "overskriftscelle (<th>) uten scope=\"col\" eller scope=\"row\"."),
    "image without alt": ('<img src="../assets/images/favicon.png">', "bilde",
                          "<img src=\"../assets/images/favicon.png\"> mangler alt-tekst."),
    "figure without caption": ('<figure><img src="x.png" alt="x"></figure>', "figur", "<figure> mangler <figcaption>."),
    "svg image without name": ('<svg role="img" viewBox="0 0 1 1"><circle r="1"/></svg>', "svg",
                               "<svg role=\"img\"> mangler navn (aria-label, aria-labelledby eller <title>)."),
    "icon button without name": ('<button class="kfs-fault" type="button"><svg viewBox="0 0 1 1"><path d="M0 0"/></svg>'
                                 '</button>', "svg",
                                 "ikon (<svg>) uten tekst: gi lenken eller knappen et navn, eller sett aria-hidden=\"true\"."),
    "nynorsk without lang": ('<p>Kva skal vi gjere dersom kommunen ikkje kan vere med?</p>', "språk",
                             "teksten ser ut som nynorsk («ikkje», «kva», «vere») men står ikke i et element med lang=\"nn\"."),
}


@pytest.mark.parametrize("fault", list(BASICS_FAULTS))
def test_a_page_fault_is_reported_on_its_line(faulty, fault):
    snippet, label, text = BASICS_FAULTS[fault]
    path = inject(faulty, "2024-2025/program", "\n" + snippet + "\n")
    findings = check_basics(faulty, files=[path])  # the page alone: the whole site is checked above
    assert findings == [Finding("2024-2025/program/index.html", line_of(path, snippet[:20]), label, text)]


def test_nynorsk_inside_lang_nn_is_fine(faulty):
    inject(faulty, "2024-2025/program", '<p lang="nn">Kva skal vi gjere dersom kommunen ikkje kan vere med?</p>')
    assert check_basics(faulty) == []


def test_wrong_page_language_is_reported(faulty):
    path = faulty / "2021-2022/ordliste/index.html"
    path.write_text(path.read_text(encoding="utf-8").replace('<html lang="nb"', '<html lang="en"', 1), encoding="utf-8")
    findings = check_basics(faulty)
    assert [(f.file, f.label, f.text) for f in findings] == [
        ("2021-2022/ordliste/index.html", "språk", "<html> skal ha lang=\"nb\", har lang=\"en\".")]


def title(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]


def test_a_title_used_twice_in_a_version_is_reported(faulty):
    program, tasks = faulty / "2024-2025/program/index.html", faulty / "2024-2025/oppgaver/index.html"
    same = title(program)
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(f"<title>{title(tasks)}</title>", f"<title>{same}</title>"),
                     encoding="utf-8")
    findings = check_basics(faulty)
    assert [(f.file, f.label, f.text) for f in findings] == [
        ("2024-2025/program/index.html", "tittel", f"tittelen «{same}» brukes også på 2024-2025/oppgaver/index.html.")]


def test_the_same_title_in_two_versions_is_fine(built_root):
    # Each version is a site of its own; check_basics passes on both (test_every_page_has_the_basics).
    assert title(built_root / "2021-2022/om-nettstedet/index.html") == title(built_root / "2024-2025/om-nettstedet/index.html")


# ---------------------------------------------------------------- external links (on this machine only)

def test_external_check_reports_missing_pages_and_dead_hosts(tmp_path):
    (tmp_path / "finnes.html").write_text("ok", encoding="utf-8")
    closed = free_port()
    with StaticServer(tmp_path, free_port()) as server:
        addresses = {
            server.url + "finnes.html": [("a/index.html", 3)],
            server.url + "borte.html": [("a/index.html", 4), ("b/index.html", 9)],
            f"http://127.0.0.1:{closed}/": [("c/index.html", 1)],
        }
        findings = check_external(addresses, timeout=5)
    assert [(f.file, f.line, f.label) for f in findings] == [
        ("a/index.html", 4, "ekstern"), ("b/index.html", 9, "ekstern"), ("c/index.html", 1, "ekstern")]
    assert findings[0].text == f"«{server.url}borte.html» svarer 404."
    assert findings[2].text == f"«http://127.0.0.1:{closed}/»: nettstedet tar ikke imot forbindelser."


# ---------------------------------------------------------------- the command

def test_check_links_command_on_a_built_folder(faulty, built_root):
    command = [sys.executable, "-m", "kulturskole", "check-links"]
    clean = subprocess.run([*command, str(built_root)], capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    assert "Ingen brutte lenker" in clean.stdout
    inject(faulty, "2024-2025/sporsmal", '<p><a href="#finnes-ikke">x</a></p><h5>Dypt</h5>')
    broken = subprocess.run([*command, str(faulty)], capture_output=True, text=True)
    assert broken.returncode == 1
    lines = broken.stderr.strip().splitlines()
    assert lines[-1] == "2 feil funnet."
    assert any(line.startswith("2024-2025/sporsmal/index.html:") and "[anker] «#finnes-ikke»" in line for line in lines)
    assert any("[overskrift] h5 «Dypt»" in line for line in lines)
    assert "Traceback" not in broken.stderr


def test_nynorsk_in_an_inline_element_marked_lang_nn_is_fine(tmp_path: Path) -> None:
    """A list item whose words are in a <span lang="nn"> is marked; the same item without it is not."""
    page = tmp_path / "2021-2022" / "side" / "index.html"
    page.parent.mkdir(parents=True)
    item = "Kva skal ein kulturskule vere i framtida?"
    body = '<html lang="nb"><head><title>Side</title></head><body><ul><li>{}</li></ul></body></html>'
    page.write_text(body.format(f'<span lang="nn">{item}</span>'), encoding="utf-8")
    assert [f for f in check_basics(tmp_path) if f.label == "språk"] == []
    page.write_text(body.format(f"<span>{item}</span>"), encoding="utf-8")
    assert [f.text for f in check_basics(tmp_path) if f.label == "språk"] == [
        'teksten ser ut som nynorsk («kva», «vere») men står ikke i et element med lang="nn".']
