"""Downloads built with the site: a PDF per theme pack and per gathering's preparation, and an
editable worksheet (DOCX) per task that has one.

The PDFs are made from the same Markdown as the web pages (`pages.pack_page`,
`pages.preparation_page`), converted with python-markdown and the extensions of mkdocs.yml, and
printed by WeasyPrint as tagged PDF/UA-1 with title, author and language `nb`. Links are made
absolute (the published address of the version), so they work wherever the file ends up.

Every file is the same bytes for the same data (no dates, a fixed file identifier, fixed zip
times), so publishing sees "nothing changed". Rendering is slow, so each file is cached under a
hash of its input in `<project>/.cache/kulturskole/`. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import posixpath
import re
import zipfile
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

import markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pymdownx.slugs import slugify

from ..model.schema import Task
from ..model.version import Version
from . import pages, urls

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = TEMPLATES / "document.css"
#: Where a project keeps rendered files between builds (relative to the project folder).
CACHE_FOLDER = Path(".cache") / "kulturskole"
#: Set to a folder to cache there instead, or to "off" to render every file every time.
CACHE_ENV = "KULTURSKOLE_CACHE_DIR"
#: Cached files kept besides those the last build used; the ones used least recently go first.
CACHE_KEEP = 200
#: Label of the empty column the municipal group writes in.
YOUR_COLUMN = "Deres beskrivelse"

#: The Markdown extensions of mkdocs.yml (`markdown_extensions`), with the same heading anchors.
#: Headings get no permalink symbol in print.
MARKDOWN_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "def_list"]
MARKDOWN_CONFIG = {"toc": {"permalink": False, "slugify": slugify(case="lower")}}

#: Counts what was rendered (not taken from the cache) in this process, by kind: "pdf", "docx".
rendered: dict[str, int] = {"pdf": 0, "docx": 0}


class DocumentError(Exception):
    """A download could not be made; the message says what to install or fix (bokmål)."""


@dataclasses.dataclass(frozen=True)
class PdfSource:
    rel: str        # output path in the version folder, e.g. "last-ned/temapakke-x.pdf"
    title: str      # document title (PDF /Title)
    page: str       # Markdown source of the web page it comes from, e.g. "temapakker/x.md"
    anchor: str     # anchor on that page ("" for the whole page)
    markdown: str   # the content, as on the web page


# ---------------------------------------------------------------- what to make

def pdf_sources(version: Version) -> list[PdfSource]:
    """Every PDF of the version, in reading order: theme packs, then preparations in schedule order."""
    p = version.programme
    suffix = f"{p.title} {p.version_title}"
    out = []
    for pid, pack in version.packs.items():
        out.append(PdfSource(urls.pack_pdf(pid), f"{pack.title} – temapakke {pack.number} – {suffix}",
                             urls.pack(pid), "", pages.pack_page(version, pid)))
    for gid, g in version.gatherings.items():
        if g.preparation:
            out.append(PdfSource(urls.preparation_pdf(gid), f"Forberedelse til {g.title} – {suffix}",
                                 urls.gathering(gid), "forberedelse", pages.preparation_page(version, gid)))
    return out


def worksheet_tasks(version: Version) -> list[Task]:
    return [task for task in version.tasks.values() if task.worksheet]


def downloads(version: Version, site_root: str, cache_dir: Optional[Path]) -> dict[str, bytes]:
    """Output path (relative to the version folder) → file, PDFs first, each group in reading order.

    `site_root` is the published address above the version folders; `cache_dir` None renders all.
    """
    out: dict[str, bytes] = {}
    for source in pdf_sources(version):
        out[source.rel] = _cached(cache_dir, "pdf", _pdf_key(version, source, site_root),
                                  lambda source=source: render_pdf(pdf_html(version, source, site_root)))
    for task in worksheet_tasks(version):
        p = version.programme
        key = "\n".join([version.name, task.model_dump_json(), p.title, p.version_title, *p.owners, p.period.start])
        out[urls.worksheet_docx(task.id)] = _cached(
            cache_dir, "docx", key, lambda task=task: worksheet_docx(version, task))
    if cache_dir is not None:
        _prune(cache_dir, len(out))
    return out


def _pdf_key(version: Version, source: PdfSource, site_root: str) -> str:
    """Everything pdf_html reads. With the fingerprint (template, stylesheet, this code, library
    versions) it decides the PDF, so a cached PDF is used without converting its Markdown again."""
    p = version.programme
    return json.dumps([version.name, site_root, p.title, p.version_title, list(p.owners), dataclasses.asdict(source)],
                      ensure_ascii=False)


def cache_dir_for(project_dir: Path) -> Optional[Path]:
    """The cache folder of a project, or $KULTURSKOLE_CACHE_DIR; None when that is "off"."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return None if env.lower() in ("off", "0", "nei", "no") else Path(env)
    return project_dir / CACHE_FOLDER


# ---------------------------------------------------------------- Markdown → print HTML

def _css_string(value: str) -> str:
    """A CSS string literal; `<` escaped so the text cannot end the <style> element."""
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", "\\A ")
    return f'"{out}"'


def _absolute_href(href: str, current: str, base: str, ids: set[str]) -> str:
    """A link from page `current` made absolute under `base` (the version's published folder)."""
    if not href or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("//"):
        return href
    path, _, anchor = href.partition("#")
    if not path:
        # An anchor on the same page: keep it inside the PDF when the PDF has it.
        if anchor in ids:
            return href
        target = current
    elif path.startswith("/"):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{href}" if parts.netloc else href
    elif path.endswith(".md"):
        # Markdown links point at .md sources, relative to the source (see urls.md_link).
        target = posixpath.normpath(posixpath.join(posixpath.dirname(current), path))
    else:
        # Raw HTML links are relative to the published page (see urls.html_link).
        folder = urls.url_of(current)
        resolved = posixpath.normpath(posixpath.join(folder or ".", path))
        keep_slash = path.endswith("/") and resolved != "."
        return base + ("" if resolved == "." else resolved + ("/" if keep_slash else "")) + \
            (f"#{anchor}" if anchor else "")
    url = base + urls.url_of(target)
    return url + (f"#{anchor}" if anchor else "")


_PERMALINK = re.compile(r'\s*<a\b[^>]*\bclass="[^"]*\bkfs-permalink\b[^"]*"[^>]*>.*?</a>', re.S)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')
_ID = re.compile(r'\bid="([^"]+)"')


def body_html(text: str, current: str, base: str) -> str:
    """The page's Markdown as HTML for print: no permalinks, every link absolute or inside the PDF."""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG,
                             output_format="html")
    html = _PERMALINK.sub("", html)
    ids = set(_ID.findall(html))
    return _HREF.sub(lambda m: m.group(1) + _absolute_href(m.group(2), current, base, ids) + m.group(3), html)


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def author(version: Version) -> str:
    owners = list(version.programme.owners)
    return owners[0] if len(owners) == 1 else ", ".join(owners[:-1]) + " og " + owners[-1]


def pdf_html(version: Version, source: PdfSource, site_root: str) -> str:
    """The complete HTML document WeasyPrint prints for `source`."""
    from markupsafe import Markup

    p = version.programme
    base = urls.folder(site_root) + version.name + "/"
    address = base + urls.url_of(source.page) + (f"#{source.anchor}" if source.anchor else "")
    footer = f"{p.title} {p.version_title}\n{address}"
    css = CSS.read_text(encoding="utf-8") + f"\n@page {{ @bottom-left {{ content: {_css_string(footer)}; }} }}\n"
    return _env.get_template("document.html").render(
        title=source.title,
        author=author(version),
        description=f"{p.title} {p.version_title}",
        keywords=", ".join([p.title, p.version_title, *p.owners]),
        programme=p.title,
        version_title=p.version_title,
        address=address,
        css=Markup(css),
        body=Markup(body_html(source.markdown, source.page, base)),
    )


# ---------------------------------------------------------------- PDF

def preload() -> None:
    """Import WeasyPrint ahead of need (the preview calls this in the background after its first build)."""
    try:
        import weasyprint  # noqa: F401
    except Exception:  # a missing system library is reported by the build that needs it
        pass


def render_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1; the file identifier comes from the input, and no dates are written."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango or its friends are missing
        raise DocumentError(
            "PDF-ene kan ikke lages: WeasyPrint mangler systempakker (Pango). "
            "Installer dem med: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core "
            f"(make gjør det når det kan). Feilen var: {exc}") from exc
    rendered["pdf"] += 1
    identifier = hashlib.md5(html.encode("utf-8")).hexdigest().encode()
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier)


# ---------------------------------------------------------------- DOCX worksheet

_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]+)\)")


def _runs(paragraph, text: str) -> None:
    """Markdown inline text as runs: bold, italic, and links as «text (address)»."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        bold, bold2, italic, italic2, link_text, link_url = m.groups()
        if bold or bold2:
            paragraph.add_run(bold or bold2).bold = True
        elif italic or italic2:
            paragraph.add_run(italic or italic2).italic = True
        else:
            paragraph.add_run(f"{link_text} ({link_url})")
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _blocks(text: str) -> list[tuple[str, str]]:
    """Markdown as ("p" | "li", one line of text) blocks."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    for line in (text or "").splitlines():
        stripped = line.strip()
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", stripped)
        if not stripped:
            flush()
        elif item:
            flush()
            out.append(("li", item.group(1)))
        elif out and out[-1][0] == "li" and not para and line[:1].isspace():
            out[-1] = ("li", out[-1][1] + " " + stripped)
        else:
            para.append(stripped)
    flush()
    return out


def _markdown_into(container, text: str, first=None) -> None:
    """Add Markdown `text` to a cell or the document as paragraphs and bullet items."""
    blocks = _blocks(text)
    for i, (kind, line) in enumerate(blocks):
        if i == 0 and first is not None:
            paragraph = first
            if kind == "li":
                paragraph.style = "List Bullet"
        else:
            paragraph = container.add_paragraph(style="List Bullet" if kind == "li" else None)
        _runs(paragraph, line)


def _set_lang(element, lang: str) -> None:
    from docx.oxml.ns import qn

    for node in element.iter(qn("w:lang")):
        node.set(qn("w:val"), lang)
        node.set(qn("w:eastAsia"), lang)
        node.set(qn("w:bidi"), lang)


def _fixed_date(version: Version) -> dt.datetime:
    """The first day of the programme period: the same date in every build (as in the calendar)."""
    year, month = (int(p) for p in version.programme.period.start.split("-"))
    return dt.datetime(year, month, 1, tzinfo=dt.timezone.utc)


def worksheet_docx(version: Version, task: Task) -> bytes:
    """The worksheet as a Word document the municipal group fills in together: A4 landscape, nb-NO."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    rendered["docx"] += 1
    ws = task.worksheet
    p = version.programme
    doc = Document()

    # The template's thumbnail shows an empty page, and Word 2010's copy of the styles is not needed.
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del doc.part.package.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.6)

    # Language nb-NO everywhere (spelling check in Word and LibreOffice, screen readers).
    styles = doc.styles.element
    _set_lang(styles, "nb-NO")
    settings = doc.settings.element
    for node in settings.iter(qn("w:themeFontLang")):
        node.set(qn("w:val"), "nb-NO")
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)

    doc.add_heading(task.title, level=1)
    kicker = doc.add_paragraph()
    kicker.add_run(f"{p.title} {p.version_title} · Arbeidsark for kommunegruppen")
    _runs(doc.add_paragraph(), "**Kommune:** ")
    _runs(doc.add_paragraph(), "**Dato:** ")
    for text in task.description:
        _markdown_into(doc, text)
    if task.delivery:
        paragraph = doc.add_paragraph()
        paragraph.add_run("Levering: ").bold = True
        _runs(paragraph, " ".join(task.delivery.split()))
    doc.add_heading(ws.title, level=2)
    for text in ws.intro:
        _markdown_into(doc, text)

    columns = [*ws.columns, YOUR_COLUMN]
    widths = [Cm(2.0), Cm(6.2), Cm(8.0), Cm(9.8)]  # 26 cm: the landscape page less its margins
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    tbl_pr = table._tbl.tblPr
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), ws.title)
    tbl_pr.append(caption)
    description = OxmlElement("w:tblDescription")
    description.set(qn("w:val"), f"{ws.title}: én rad per punkt, og en tom kolonne der dere skriver.")
    tbl_pr.append(description)

    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, label, width in zip(header.cells, columns, widths):
        cell.width = width
        cell.paragraphs[0].add_run(" ".join(label.split())).bold = True

    for row in ws.rows:
        cells = table.add_row()
        cells.height = Cm(5)
        cells.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        no_split = OxmlElement("w:cantSplit")
        no_split.set(qn("w:val"), "true")
        cells._tr.get_or_add_trPr().append(no_split)
        number, content, explanation, yours = cells.cells
        for cell, width in zip(cells.cells, widths):
            cell.width = width
        number.paragraphs[0].add_run(str(row.number)).bold = True
        _markdown_into(content, row.content, first=content.paragraphs[0])
        _markdown_into(explanation, row.explanation, first=explanation.paragraphs[0])

    core = doc.core_properties
    stamp = _fixed_date(version).replace(tzinfo=None)
    core.title = f"{ws.title} – arbeidsark – {p.title} {p.version_title}"
    core.subject = task.title
    core.author = author(version)
    core.last_modified_by = author(version)
    core.comments = ""
    core.keywords = ", ".join([p.title, p.version_title, "arbeidsark"])
    core.category = "Arbeidsark"
    core.language = "nb-NO"
    core.created = stamp
    core.modified = stamp
    core.revision = 1

    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), _fixed_date(version))


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with every member dated `when`, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- cache

def _fingerprint() -> str:
    """What else decides the output: library versions, the template, the stylesheet and this code."""
    parts = [package_version(name) for name in ("weasyprint", "pydyf", "python-docx", "Markdown", "pymdown-extensions")]
    for path in (TEMPLATES / "document.html", CSS, Path(__file__)):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return "\n".join(parts)


_fingerprint_value: Optional[str] = None


def _cached(cache_dir: Optional[Path], kind: str, source: str, make: Callable[[], bytes]) -> bytes:
    global _fingerprint_value
    if cache_dir is None:
        return make()
    if _fingerprint_value is None:
        _fingerprint_value = _fingerprint()
    key = hashlib.sha256(f"{kind}\n{_fingerprint_value}\n{source}".encode("utf-8")).hexdigest()
    path = cache_dir / f"{key}.{kind}"
    if path.is_file():
        os.utime(path)
        return path.read_bytes()
    data = make()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def _prune(cache_dir: Path, in_use: int) -> None:
    """Keep the `in_use` files this build used (the most recently used ones) and the CACHE_KEEP
    used before them; delete the rest. A version with more documents than CACHE_KEEP then still
    finds all of its own documents in the cache on the next build."""
    try:
        files = sorted((p for p in cache_dir.iterdir() if p.suffix in (".pdf", ".docx")),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[in_use + CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
