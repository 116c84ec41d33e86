"""The contract (avtale.yml) as a PDF and a Word document to sign, made from the data.

The built 2024-2025 site has both; they say what the contract page of the foundation document says:
the parties, the agreement period from program.yml, and the municipality as a line to fill in. The pilot version has no
contract. A mistake in avtale.yml is reported with file, line and a message in bokmål.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from kulturskole.model import urls
from kulturskole.render import format as fmt
from kulturskole.render.downloads import Downloads
from kulturskole.validate import validate_version

from helpers import DOCUMENT_CACHE, ROOT, copy_project, page

CURRENT, PILOT = "2024-2025", "2021-2022"
SITE_ROOT = "https://example.org/fremtidens-kulturskole/"  # site_url in mkdocs.yml (SITE_URL unset)
#: A line to fill in, as the documents print it.
BLANK = re.compile(r"_{15,}")


def version(name: str, project: Path = ROOT):
    result = validate_version(project / "data", name, project)
    assert result.version is not None, result.problems
    return result.version


def one_line(value: str) -> str:
    return " ".join(value.split())


def words(value: str) -> str:
    """Data text as it reads in print: Markdown emphasis gone, spaces collapsed."""
    return one_line(re.sub(r"[*_]", "", value))


def pdf_text(data: bytes, folder: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext mangler. Installer poppler-utils: apt-get install -y poppler-utils")
    path = folder / "avtale.pdf"
    path.write_bytes(data)
    out = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return one_line(out)


def docx_paragraphs(data: bytes, in_table: bool | None = None) -> list[str]:
    """The Word document's paragraphs in reading order, the table's cells included (not the footer);
    `in_table` True or False: only those in the table (the signatures), or only those outside it."""
    doc = Document(io.BytesIO(data))
    out = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p") and not in_table:
            out.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl") and in_table is not False:
            for cell in element.iter(qn("w:tc")):
                for paragraph in cell.iter(qn("w:p")):
                    out.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return [one_line(p) for p in out if p.strip()]


@pytest.fixture(scope="module")
def documents(sites, tmp_path_factory) -> dict[str, str]:
    """The text of the two documents of the built 2024-2025 site: "pdf" and "docx"."""
    folder = sites[CURRENT] / urls.DOWNLOADS
    return {"pdf": pdf_text((folder / "avtale.pdf").read_bytes(), tmp_path_factory.mktemp("avtale")),
            "docx": " ".join(docx_paragraphs((folder / "avtale.docx").read_bytes()))}


def assert_says_what_the_data_holds(text: str, v) -> None:
    p, a = v.programme, v.agreement
    ours = a.party("programmet")
    assert a.title in text
    assert f"{a.designation} for {p.title}" in text
    assert ours.name in text
    assert f"Sted og dato: {ours.place}, {fmt.month(ours.date)}" in text
    for role in (*ours.signatories, *a.party("kommunen").signatories):
        assert re.search(BLANK.pattern + " " + re.escape(fmt.capitalize(role)), text), role
    assert f"for perioden {one_line(fmt.period(p.agreement_period))}." in text
    # Only what the contract page says: the obligations, the costs and the contact person are the
    # foundation document's and stand on «Om programmet», not in the document the parties sign.
    for obligation in p.obligations:
        assert words(obligation) not in text, obligation
    assert one_line(fmt.kroner(p.costs.fee)) not in text
    assert p.contact.name not in text
    # The municipality is a line to fill in, wherever the contract names it.
    assert re.search(r"deltakelse for " + BLANK.pattern + r" kommune for perioden", text)
    assert re.search(r"Kommune: " + BLANK.pattern, text)
    assert len(re.findall(r"Sted og dato: " + BLANK.pattern, text)) == 1
    # The source is named at the end. The editors' note on how the sources disagree about the period
    # is not in a document the parties sign.
    sources = {s.id: s.title for s in p.sources}
    assert re.search(r"Kilder?: [^.]*" + re.escape(sources[a.source]), text)
    assert p.agreement_period.note and words(p.agreement_period.note) not in text
    assert "Om avtaleperioden" not in text


# ---------------------------------------------------------------- the built site

@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_contract_names_the_parties_and_takes_the_period_from_the_data(documents, kind):
    assert_says_what_the_data_holds(documents[kind], version(CURRENT))


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_no_municipality_is_named(documents, kind):
    text = documents[kind]
    pilot = version(PILOT).municipalities
    names = {m.name for group in pilot.groups for m in group.municipalities}
    assert len(names) > 10
    assert not [name for name in names if re.search(rf"\b{re.escape(name)}\b", text)]
    # In the agreement and among the parties, the municipality is a line: «_____ kommune».
    assert len(re.findall(BLANK.pattern + r" kommune\b", text)) == 2


def test_the_pdf_and_the_word_document_say_the_same(sites, documents):
    """Each paragraph of the Word document is in the PDF, those outside the signatures in the same order
    (the PDF sets the signatures side by side, and reads them line by line across); and the PDF says
    nothing else than its page footer and list bullets."""
    data = (sites[CURRENT] / urls.AGREEMENT_DOCX).read_bytes()
    text = documents["pdf"]
    at = 0
    for paragraph in docx_paragraphs(data, in_table=False):
        found = text.find(paragraph, at)
        assert found >= 0, paragraph
        at = found + len(paragraph)
    signatures = docx_paragraphs(data, in_table=True)
    for paragraph in signatures:
        assert paragraph in text, paragraph
    paragraphs = docx_paragraphs(data)
    assert len(paragraphs) > len(signatures) > 5
    rest = text
    for paragraph in sorted(paragraphs, key=len, reverse=True):
        rest = rest.replace(paragraph, " ")
    v = version(CURRENT)
    footer = f"{v.programme.title} {v.programme.version_title} {SITE_ROOT}{CURRENT}/{urls.url_of(urls.PROGRAMME)}"
    rest = one_line(re.sub(r"Side \d+ av \d+|•", " ", rest.replace(footer, " ")))
    assert rest == "", rest


def test_the_pdf_is_a_tagged_a4_document_with_title_and_language(sites):
    from pypdf import PdfReader

    reader = PdfReader(sites[CURRENT] / urls.AGREEMENT_PDF)
    v = version(CURRENT)
    assert reader.metadata.title == f"{v.agreement.title} – {v.programme.title} {v.programme.version_title}"
    assert all(owner in reader.metadata.author for owner in v.programme.owners)
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_word_document_is_a4_portrait_in_bokmal(sites):
    doc = Document(str(sites[CURRENT] / urls.AGREEMENT_DOCX))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    v = version(CURRENT)
    assert doc.core_properties.title == f"{v.agreement.title} – {v.programme.title} {v.programme.version_title}"
    assert doc.core_properties.language == "nb-NO"
    assert {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))} == {"nb-NO"}
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [v.agreement.title]


def test_om_programmet_links_both_documents_beside_the_obligations(sites):
    site = sites[CURRENT]
    html = page(site, urls.url_of(urls.PROGRAMME))
    section = html.split('id="forpliktelser"', 1)[1].split("<h", 1)[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*>(Last ned kontrakten [^<]+)</a> \(([^)]+)\)', section)
    assert [(label, kind.split(",")[0]) for _, label, kind in links] == [
        ("Last ned kontrakten som PDF", "PDF"), ("Last ned kontrakten som Word-dokument", "Word-dokument")]
    for (href, _, kind), rel in zip(links, (urls.AGREEMENT_PDF, urls.AGREEMENT_DOCX)):
        target = (site / urls.url_of(urls.PROGRAMME) / href).resolve()
        assert target == (site / rel).resolve()
        assert kind.endswith(fmt.file_size(target.stat().st_size))


def test_the_pilot_version_has_no_contract(sites):
    site = sites[PILOT]
    assert not (site / urls.AGREEMENT_PDF).exists()
    assert not (site / urls.AGREEMENT_DOCX).exists()
    assert "Last ned kontrakten" not in page(site, urls.url_of(urls.PROGRAMME))
    assert version(PILOT).agreement is None


# ---------------------------------------------------------------- the data decides

def test_a_new_agreement_period_in_program_yml_changes_both_documents(sites, tmp_path):
    """Through the shared document cache, which holds the documents of the built site: only the two
    documents of the contract change (a cache key without the period would give the old ones)."""
    project = copy_project(tmp_path / "prosjekt")
    program = project / "data" / CURRENT / "program.yml"
    source = program.read_text(encoding="utf-8")
    before = version(CURRENT).programme.agreement_period
    block = re.search(r"(?m)^avtaleperiode:\n(?:  .*\n)+", source)
    assert block and f'til: "{before.end}"' in block.group(0)
    source = source.replace(block.group(0), block.group(0).replace(f'til: "{before.end}"', 'til: "2025-11"'))
    program.write_text(source, encoding="utf-8")
    edited = version(CURRENT, project)
    assert edited.programme.agreement_period.end == "2025-11"

    files = Downloads(DOCUMENT_CACHE).build(edited, SITE_ROOT)
    site = sites[CURRENT]
    assert {rel for rel, data in files.items() if data != (site / rel).read_bytes()} == {
        urls.AGREEMENT_PDF, urls.AGREEMENT_DOCX}
    for text in (pdf_text(files[urls.AGREEMENT_PDF], tmp_path), " ".join(docx_paragraphs(files[urls.AGREEMENT_DOCX]))):
        assert f"for perioden {one_line(fmt.period(edited.programme.agreement_period))}." in text
        assert f"for perioden {one_line(fmt.period(before))}." not in text
        assert_says_what_the_data_holds(text, edited)


@pytest.mark.parametrize("yaml,line,field,message", [
    ("titel: Kontrakt\n", 2, "titel", "ukjent felt «titel». Mente du «tittel»?"),
    ("tittel: Kontrakt\nparter:\n  - rolle: programmet\n    navn: Norsk kulturråd\n    underskrivere: [direktør]\n"
     "  - rolle: kommunen\n    underskrivere: [kommunedirektør]\n",
     5, "parter[0].navn", "«Norsk kulturråd» er ikke en av eierne i program.yml"),
    ("tittel: Kontrakt\nparter:\n  - rolle: programmet\n    navn: Norsk kulturskoleråd\n    underskrivere: [direktør]\n"
     "  - rolle: kommunen\n    navn: Trondheim\n    underskrivere: [kommunedirektør]\n",
     8, "parter[1].navn", "kommunens navn er en tom linje i dokumentet, som fylles ut for hånd"),
])
def test_a_mistake_in_avtale_yml_is_told_with_file_line_and_field(tmp_path, yaml, line, field, message):
    project = copy_project(tmp_path / "prosjekt")
    path = project / "data" / CURRENT / "avtale.yml"
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# yaml-language-server:")
    body = yaml if "kilde:" in yaml else yaml + "kilde: grunnlagsdokument\n"
    if "parter:" not in body:
        body += ("parter:\n  - rolle: programmet\n    navn: Norsk kulturskoleråd\n    underskrivere: [direktør]\n"
                 "  - rolle: kommunen\n    underskrivere: [kommunedirektør]\n")
    path.write_text(head + "\n" + body, encoding="utf-8")
    result = validate_version(project / "data", CURRENT, project)
    assert result.version is None
    mine = [p for p in result.problems if p.file == f"data/{CURRENT}/avtale.yml" and p.field == field]
    assert len(mine) == 1, result.problems
    problem = mine[0]
    assert (problem.line, problem.field) == (line, field), problem
    assert message in problem.message, problem
