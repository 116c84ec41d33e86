"""The downloads built with the site: tagged PDFs of theme packs and preparations, and the
editable worksheet (DOCX). Checked on the built site and with pdfinfo, pdftotext, pypdf and python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from kulturskole.model import urls
from kulturskole.render import downloads, pages, pdf, worksheet
from kulturskole.render.downloads import Downloads
from kulturskole.site import context as ctx_module
from kulturskole.validate import validate_version

from helpers import ROOT, TODAY, copy_project, kulturskole, page

SITE_ROOT = "https://example.org/fremtidens-kulturskole/"  # site_url in mkdocs.yml (SITE_URL unset)
VERSIONS = ("2021-2022", "2024-2025")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} mangler. Installer poppler-utils: apt-get install -y poppler-utils "
                    "(make test og .ci/run gjør det når de kan).")
    return path


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdftext(path: Path) -> str:
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def words(value: str) -> str:
    """Data text as it reads in print: Markdown emphasis and list marks gone, spaces collapsed."""
    value = re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", "", value)
    return " ".join(re.sub(r"[*_]", "", value).split())


def version(name: str):
    result = validate_version(ROOT / "data", name, ROOT)
    assert result.version is not None, result.problems
    return result.version


def expected_pdfs(v) -> dict[str, tuple[str, str, list[str]]]:
    """PDF path → (web page source, the title it starts with, texts from the data it must contain)."""
    out = {}
    for pid, pack in v.packs.items():
        texts = [pack.title] + [v.questions[q].text for q in pack.questions]
        texts += [v.resources[r].title for r in pack.resources]
        out[urls.pack_pdf(pid)] = (urls.pack(pid), f"{pack.title} – temapakke {pack.number} – ", texts)
    for gid, g in v.gatherings.items():
        if g.preparation:
            texts = [g.title]
            for tid in g.preparation:
                task = v.tasks[tid]
                texts += [task.title] + [v.questions[q].text for q in task.questions]
            out[urls.preparation_pdf(gid)] = (urls.gathering(gid), f"Forberedelse til {g.title} – ", texts)
    return out


def cases():
    for name in VERSIONS:
        for rel in expected_pdfs(version(name)):
            yield pytest.param(name, rel, id=f"{name}:{rel}")


# ---------------------------------------------------------------- the PDFs on the built site

def test_2024_2025_has_a_pdf_for_every_pack_and_preparation(sites):
    v = version("2024-2025")
    assert v.packs, "2024-2025 skal ha temapakker"
    wanted = set(expected_pdfs(v))
    assert any(rel.startswith(f"{urls.DOWNLOADS}/forberedelse-") for rel in wanted)
    made = {str(p.relative_to(sites["2024-2025"])) for p in (sites["2024-2025"] / urls.DOWNLOADS).glob("*.pdf")}
    assert made == wanted | {urls.AGREEMENT_PDF}  # and the contract (tests/test_contract.py)


@pytest.mark.parametrize("name,rel", list(cases()))
def test_pdf_is_tagged_with_title_author_and_language(sites, name, rel):
    v = version(name)
    path = sites[name] / rel
    _, title_start, _ = expected_pdfs(v)[rel]
    info = pdfinfo(path)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith(title_start)
    assert info["Title"].endswith(f"{v.programme.title} {v.programme.version_title}")
    assert info["Page size"].endswith("(A4)")
    for owner in v.programme.owners:
        assert owner in info["Author"]
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nb"
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    # PDF/UA-1 identification in the XMP metadata.
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), xmp


@pytest.mark.parametrize("name,rel", list(cases()))
def test_pdf_text_comes_from_the_data_without_web_only_links(sites, name, rel):
    v = version(name)
    src, _, texts = expected_pdfs(v)[rel]
    text = pdftext(sites[name] / rel)
    for wanted in texts:
        assert words(wanted) in text
    assert "Lenke til spørsmålet" not in text
    assert "Lenke til denne delen" not in text
    assert "Last ned" not in text
    # Footer on every page: page numbers and the web address of the page it comes from.
    assert "Side 1 av" in text
    assert SITE_ROOT + name + "/" + urls.url_of(src) in text


@pytest.mark.parametrize("name,rel", list(cases()))
def test_links_in_the_pdf_are_absolute(sites, name, rel):
    reader = PdfReader(sites[name] / rel)
    targets = []
    for pdf_page in reader.pages:
        for annot in pdf_page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    assert targets, "the PDF links at least to its web page"
    for target in targets:
        assert re.match(r"^(https?://|mailto:|tel:\+?\d+$)", target), target  # tel: a phone number, digits only
        if target.startswith(SITE_ROOT):
            assert target.startswith(SITE_ROOT + name + "/")
            assert ".md" not in target


def test_relative_links_become_addresses_of_the_published_version():
    v = version("2021-2022")
    task = next(t for t in v.tasks.values() if t.phases and t.questions)
    markdown = pages.tasks_page(v)
    assert "](faser/" in markdown and "Lenke til spørsmålet" in markdown
    html = pdf.body_html(markdown, urls.TASKS, SITE_ROOT + "2021-2022/")
    hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    assert SITE_ROOT + "2021-2022/" + urls.url_of(urls.phase(task.phases[0])) in hrefs
    assert all(h.startswith(("http://", "https://", "mailto:", "#")) for h in hrefs), hrefs
    assert "Lenke til spørsmålet" not in html
    assert "kfs-permalink" not in html


# ---------------------------------------------------------------- the links on the pages

_DOWNLOAD = re.compile(r'<a href="([^"]+)"[^>]*>(Last ned [^<]+)</a> \(([^)]+)\)')


def download_links(html: str) -> list[tuple[str, str, str]]:
    return [(unescape(href), label, unescape(kind)) for href, label, kind in _DOWNLOAD.findall(html)]


def size_label(n_bytes: int) -> str:
    return f"{max(1, round(n_bytes / 1000)):,}".replace(",", "\u00a0") + "\u00a0kB"


@pytest.mark.parametrize("name", VERSIONS)
def test_pages_link_their_download_with_format_and_size(sites, name):
    v = version(name)
    site = sites[name]
    for rel, (src, _, _) in expected_pdfs(v).items():
        url = urls.url_of(src)
        links = download_links(page(site, url))
        assert len(links) == 1, (url, links)
        href, label, kind = links[0]
        assert (site / url / href).resolve() == (site / rel).resolve()
        assert label == ("Last ned temapakken som PDF" if "temapakke-" in rel else "Last ned forberedelsen som PDF")
        assert kind == f"PDF, {size_label((site / rel).stat().st_size)}"


def test_preparation_link_is_in_the_preparation_section(sites):
    v = version("2024-2025")
    gid = next(g for g, gathering in v.gatherings.items() if gathering.preparation)
    html = page(sites["2024-2025"], urls.url_of(urls.gathering(gid)))
    section = html.split('id="forberedelse"', 1)[1].split("<h2", 1)[0]
    assert f"forberedelse-{gid}.pdf" in section


# ---------------------------------------------------------------- the worksheet

def worksheet_task():
    v = version("2021-2022")
    tasks = [t for t in v.tasks.values() if t.worksheet]
    assert tasks, "2021-2022 har et arbeidsark i mellomarbeidet"
    return v, tasks[0]


def test_worksheet_is_linked_as_a_word_document(sites):
    v, task = worksheet_task()
    site = sites["2021-2022"]
    rel = urls.worksheet_docx(task.id)
    url = urls.url_of(urls.TASKS)
    links = [link for link in download_links(page(site, url)) if link[0].endswith(".docx")]
    assert len(links) == 1
    href, label, kind = links[0]
    assert label == "Last ned arbeidsarket"
    assert (site / url / href).resolve() == (site / rel).resolve()
    assert kind == f"Word-dokument, DOCX, {size_label((site / rel).stat().st_size)}"


def test_worksheet_docx_has_the_rows_a_repeated_header_and_room_to_write(sites):
    v, task = worksheet_task()
    ws = task.worksheet
    doc = Document(str(sites["2021-2022"] / urls.worksheet_docx(task.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert task.title in text
    assert words(task.description[0]) in " ".join(text.split())
    assert words(ws.intro[0]) in " ".join(text.split())

    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert len(table.rows) == 1 + len(ws.rows)
    header = [c.text for c in table.rows[0].cells]
    assert header == [*ws.columns, worksheet.YOUR_COLUMN]
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    for row, data in zip(table.rows[1:], ws.rows):
        number, content, explanation, yours = row.cells
        assert number.text == str(data.number)
        assert " ".join(content.text.split()) == words(data.content)
        first_line = words(data.explanation.splitlines()[0])
        assert first_line in " ".join(explanation.text.split())
        assert yours.text == ""
        assert row.height is not None and row.height.cm >= 3
    # Bold in the data stays bold, without the asterisks.
    assert any(run.bold for run in table.rows[1].cells[1].paragraphs[0].runs)
    assert "**" not in "".join(c.text for r in table.rows for c in r.cells)

    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"nb-NO"}
    core = doc.core_properties
    assert ws.title in core.title
    assert core.language == "nb-NO"
    for owner in v.programme.owners:
        assert owner in core.author


# ---------------------------------------------------------------- reproducible and cached

def test_a_build_without_cache_gives_the_same_bytes(sites, tmp_path):
    """Publishing relies on it: unchanged data, unchanged files («allerede publisert»)."""
    for name in VERSIONS:
        site = tmp_path / name
        result = kulturskole(ROOT, "build", "--version", name, "--site-dir", str(site), "--today", TODAY,
                             "--cache-dir", "av")
        assert result.returncode == 0, result.stdout + result.stderr
        first = sorted((sites[name] / urls.DOWNLOADS).iterdir())
        second = sorted((site / urls.DOWNLOADS).iterdir())
        assert [p.name for p in first] == [p.name for p in second]
        assert first
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_unchanged_data_renders_nothing_and_one_edit_renders_one_file(tmp_path):
    project = copy_project(tmp_path / "prosjekt")
    cache = tmp_path / "cache"
    v = validate_version(project / "data", "2024-2025", project).version
    made = Downloads(cache)
    first = made.build(v, SITE_ROOT)
    assert made.rendered == {"pdf": len([r for r in first if r.endswith(".pdf")]),
                             "docx": len([r for r in first if r.endswith(".docx")])}

    made = Downloads(cache)  # the next build
    again = made.build(v, SITE_ROOT)
    assert made.rendered == {"pdf": 0, "docx": 0}
    assert again == first

    pid = next(iter(v.packs))
    pack_file = next(p for p in (project / "data" / "2024-2025" / "temapakker").glob("*.yml")
                     if f"nummer: {v.packs[pid].number}\n" in p.read_text(encoding="utf-8"))
    source = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(source.replace(f"tittel: {v.packs[pid].title}", f"tittel: {v.packs[pid].title} (endret)"),
                         encoding="utf-8")
    edited = validate_version(project / "data", "2024-2025", project).version
    assert edited.packs[pid].title.endswith("(endret)")
    made = Downloads(cache)
    after = made.build(edited, SITE_ROOT)
    assert made.rendered == {"pdf": 1, "docx": 0}
    changed = {rel for rel in first if first[rel] != after[rel]}
    assert changed == {urls.pack_pdf(pid)}
    assert "(endret)" in pdfinfo_bytes(after[urls.pack_pdf(pid)], tmp_path)["Title"]


def pdfinfo_bytes(data: bytes, folder: Path) -> dict[str, str]:
    path = folder / "x.pdf"
    path.write_bytes(data)
    return pdfinfo(path)


def test_docx_is_the_same_bytes_every_time():
    v, task = worksheet_task()
    a = worksheet.worksheet_docx(v, task)
    b = worksheet.worksheet_docx(v, task)
    assert a == b
    start = v.fixed_stamp()
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {info.date_time for info in z.infolist()} == {(start.year, start.month, start.day, 0, 0, 0)}


def test_data_with_problems_gives_no_downloads(tmp_path):
    project = copy_project(tmp_path / "prosjekt")
    pack_file = next((project / "data" / "2024-2025" / "temapakker").glob("*.yml"))
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace("nummer:", "nummer: x\nfeil:"),
                         encoding="utf-8")
    context = ctx_module.Contexts().load(project, "2024-2025", today=dt.date.fromisoformat(TODAY),
                                         site_root=SITE_ROOT, downloads=Downloads(tmp_path / "cache"))
    assert not context.ok
    assert context.downloads == {}


def test_pdf_markdown_extensions_are_those_of_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\nmarkdown_extensions:\n", 1)[1]
    block = re.split(r"\n\S", block, maxsplit=1)[0]
    names = re.findall(r"^  - ([\w.]+)", block, flags=re.M)
    assert names == pdf.MARKDOWN_EXTENSIONS


def test_a_version_with_more_documents_than_the_cache_keeps_finds_them_all_next_time(tmp_path, monkeypatch):
    """The cache keeps every document the last build used, even beyond CACHE_KEEP (a version with
    1,000 theme packs would otherwise render every PDF again on every build)."""
    version = validate_version(ROOT / "data", "2024-2025", ROOT).version
    monkeypatch.setattr(downloads, "CACHE_KEEP", 1)
    first = Downloads(tmp_path).build(version, SITE_ROOT)
    assert len(first) > 2
    made: list[str] = []
    # What `downloads` calls to render a file (it looks them up on the modules at each call).
    monkeypatch.setattr("kulturskole.render.pdf.render_pdf", lambda html: made.append("pdf") or b"")
    monkeypatch.setattr("kulturskole.render.worksheet.worksheet_docx", lambda v, task: made.append("docx") or b"")
    assert Downloads(tmp_path).build(version, SITE_ROOT) == first
    assert made == []
