"""The worksheet of a task as an editable Word document (DOCX) the municipal group fills in together.

A4 landscape, language nb-NO, a table with one row per point and an empty column to write in. The
same data gives the same bytes (fixed dates in the document and in the zip). Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ..model.schema import Task
from ..model.version import Version
from .pdf import author

#: Label of the empty column the municipal group writes in.
YOUR_COLUMN = "Deres beskrivelse"


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


def worksheet_docx(version: Version, task: Task) -> bytes:
    """The worksheet as a Word document the municipal group fills in together: A4 landscape, nb-NO."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

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
    stamp = version.fixed_stamp().replace(tzinfo=None)
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
    return _fixed_zip(raw.getvalue(), version.fixed_stamp())


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
