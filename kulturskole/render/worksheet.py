"""The worksheet of a task as an editable Word document (DOCX) the municipal group fills in together.

A4 landscape, language nb-NO, a table with one row per point and an empty column to write in. The
same data gives the same bytes (fixed dates in the document and in the zip). Its texts are read as the
web page and the PDF read them: Python-Markdown's HTML, mapped to paragraphs and runs (`Converter`).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import markdown

from ..model import urls
from ..model.schema import Task
from ..model.version import Version
from . import format as fmt
from . import htmltree, pdf
from .pdf import author

#: Label of the empty column the municipal group writes in.
YOUR_COLUMN = "Deres beskrivelse"


# ---------------------------------------------------------------- Markdown → Word, through the page's HTML

#: Elements that make paragraphs; everything else inside them is running text.
_BLOCKS = frozenset({"p", "ul", "ol", "li", "div", "blockquote", "dl", "dt", "dd", "pre", "hr", "table", "thead",
                     "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption", "details", "summary",
                     "section", "h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_SPACE = " \t\n\r\f"


@dataclasses.dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False

    def same_look(self, other: _Run) -> bool:
        return (self.bold, self.italic, self.code) == (other.bold, other.italic, other.code)


@dataclasses.dataclass
class _Paragraph:
    kind: str    # "p", "li" (a list item's first paragraph) or "more" (another paragraph of the item)
    level: int   # list depth, 0 outside lists
    runs: list[_Run]

    @property
    def style(self) -> str | None:
        if self.kind == "p":
            return None
        name = "List Bullet" if self.kind == "li" else "List Continue"
        return name if self.level <= 1 else f"{name} {min(self.level, 3)}"


class Converter:
    """Markdown from the data as Word paragraphs, read from the HTML the web page and the PDF get.

    The text is escaped as the pages escape data (`format.text`) and converted by Python-Markdown with
    the extensions of the site (`pdf.MARKDOWN_EXTENSIONS`); the HTML is read with `htmltree.parse`.
    p, li (style «List Bullet»), strong/b (bold), em/i (italic), code, br and a link as «text
    (address)», the address made absolute as in the PDF: from page `current` under `base`."""

    def __init__(self, current: str, base: str) -> None:
        self.current = current
        self.base = base
        self.md = markdown.Markdown(extensions=pdf.MARKDOWN_EXTENSIONS, extension_configs=pdf.MARKDOWN_CONFIG,
                                    output_format="html")

    def html(self, text: str) -> str:
        return self.md.reset().convert(fmt.text(text))

    def paragraphs(self, text: str) -> list[_Paragraph]:
        out: list[_Paragraph] = []
        self._walk(htmltree.parse(self.html(text)), out, _Place())
        return out

    def into(self, container, text: str, first=None) -> None:
        """Add Markdown `text` to a cell or the document; `first` is an empty paragraph to fill first."""
        for i, para in enumerate(self.paragraphs(text)):
            if i == 0 and first is not None:
                paragraph = first
                if para.style:
                    paragraph.style = para.style
            else:
                paragraph = container.add_paragraph(style=para.style)
            _write(paragraph, para.runs)

    # -- blocks

    def _walk(self, element: htmltree.Element, out: list[_Paragraph], place: _Place) -> None:
        pending: list[htmltree.Node] = []

        def flush() -> None:
            runs = self._runs(pending)
            pending.clear()
            if runs:
                out.append(_Paragraph(place.next_kind(), place.level, runs))

        for child in element.children:
            if isinstance(child, str) or child.tag not in _BLOCKS:
                pending.append(child)
                continue
            flush()
            if child.tag in ("ul", "ol"):
                for item in child.children:
                    if isinstance(item, htmltree.Element):
                        self._walk(item, out, _Place(place.level + 1, item_started=False))
            elif child.tag != "hr":
                self._walk(child, out, place)
        flush()

    # -- running text

    def _runs(self, nodes: list[htmltree.Node]) -> list[_Run]:
        runs: list[_Run] = []
        for node in nodes:
            self._inline(node, _Run(""), runs)
        return _tidy(runs)

    def _inline(self, node: htmltree.Node, look: _Run, out: list[_Run]) -> None:
        if isinstance(node, str):
            out.append(dataclasses.replace(look, text=node))
            return
        tag = node.tag
        if tag == "br":
            out.append(dataclasses.replace(look, text="\n"))
            return
        if tag == "img":
            out.append(dataclasses.replace(look, text=node.attr("alt") or ""))
            return
        if tag in ("strong", "b"):
            look = dataclasses.replace(look, bold=True)
        elif tag in ("em", "i"):
            look = dataclasses.replace(look, italic=True)
        elif tag in ("code", "kbd", "samp"):
            look = dataclasses.replace(look, code=True)
        for child in node.children:
            self._inline(child, look, out)
        if tag == "a":
            address = self.address(node.attr("href") or "")
            shown = " ".join(node.text().split())
            if address and shown not in (address, address.removeprefix("mailto:")):
                out.append(dataclasses.replace(look, text=f" ({address})", code=False))

    def address(self, href: str) -> str:
        """Where a link goes, as an address a reader can type (a Word file has no page anchors)."""
        return pdf.absolute_href(href, self.current, self.base, set())


@dataclasses.dataclass
class _Place:
    level: int = 0             # list depth, 0 outside lists
    item_started: bool = True  # False until a list item's first paragraph is written

    def next_kind(self) -> str:
        if not self.level:
            return "p"
        if not self.item_started:
            self.item_started = True
            return "li"
        return "more"


def _tidy(runs: list[_Run]) -> list[_Run]:
    """White space as a browser shows it: each stretch one space, none at the ends of the paragraph
    or of a line; then neighbouring runs that look the same joined into one."""
    out: list[_Run] = []
    space = True  # at the start of a line, white space is dropped
    for run in runs:
        if run.text == "\n":
            if out and out[-1].text != "\n":
                out[-1].text = out[-1].text.rstrip(_HTML_SPACE)
            out.append(run)
            space = True
            continue
        chars: list[str] = []
        for ch in run.text:
            if ch in _HTML_SPACE:
                if not space:
                    chars.append(" ")
                space = True
            else:
                chars.append(ch)
                space = False
        if chars:
            out.append(dataclasses.replace(run, text="".join(chars)))
    while out and out[-1].text == "\n":  # a line break at the end shows nothing
        out.pop()
    if out:
        out[-1].text = out[-1].text.rstrip(_HTML_SPACE)
    joined: list[_Run] = []
    for run in out:
        if not run.text:
            continue
        if joined and joined[-1].same_look(run):
            joined[-1].text += run.text
        else:
            joined.append(run)
    return joined


def _write(paragraph, runs: list[_Run]) -> None:
    for run in runs:
        if not run.text:
            continue
        added = paragraph.add_run(run.text)
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True
        if run.code:
            added.font.name = "Liberation Mono"


def _set_lang(element, lang: str) -> None:
    from docx.oxml.ns import qn

    for node in element.iter(qn("w:lang")):
        node.set(qn("w:val"), lang)
        node.set(qn("w:eastAsia"), lang)
        node.set(qn("w:bidi"), lang)


def new_document():
    """An empty Word document in the project's form: language nb-NO everywhere (spelling check in Word
    and LibreOffice, screen readers), Liberation Sans 10.5 pt, and nothing from the template that
    would show another document (its thumbnail) or be left unused (Word 2010's copy of the styles)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del doc.part.package.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]
    _set_lang(doc.styles.element, "nb-NO")
    for node in doc.settings.element.iter(qn("w:themeFontLang")):
        node.set(qn("w:val"), "nb-NO")
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    return doc


def document_bytes(doc, version: Version, title: str, subject: str, category: str) -> bytes:
    """The document with its properties (title, subject, the programme's owners as author, nb-NO), dated
    the version's fixed day, as the same bytes for the same input."""
    p = version.programme
    core = doc.core_properties
    stamp = version.fixed_stamp().replace(tzinfo=None)
    core.title = title
    core.subject = subject
    core.author = author(version)
    core.last_modified_by = author(version)
    core.comments = ""
    core.keywords = ", ".join([p.title, p.version_title, category.lower()])
    core.category = category
    core.language = "nb-NO"
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), version.fixed_stamp())


def worksheet_docx(version: Version, task: Task, site_root: str = "") -> bytes:
    """The worksheet as a Word document the municipal group fills in together: A4 landscape, nb-NO.

    Its texts are read as the tasks page reads them (`Converter`); links become addresses under
    `site_root` (the published address above the version folders; without it, addresses from the
    root of the host, such as /2021-2022/oppgaver/)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm

    ws = task.worksheet
    assert ws is not None  # only tasks with a worksheet get one (downloads.worksheet_tasks)
    p = version.programme
    doc = new_document()
    convert = Converter(urls.TASKS, urls.folder(site_root) + version.name + "/")

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.6)

    doc.add_heading(task.title, level=1)
    kicker = doc.add_paragraph()
    kicker.add_run(f"{p.title} {p.version_title} · Arbeidsark for kommunegruppen")
    for label in ("Kommune:", "Dato:"):  # filled in by hand
        paragraph = doc.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(" ")
    for text in task.description:
        convert.into(doc, text)
    if task.delivery:
        # As on the page (pages.task_block): the label and the text in one paragraph. The space after
        # the label stays in the bold run, as the worksheets have always had it.
        runs = [run for para in convert.paragraphs(f"**Levering:** {' '.join(task.delivery.split())}")
                for run in para.runs]
        if len(runs) > 1 and runs[0].bold and runs[1].text.startswith(" ") and not runs[1].bold:
            runs[0].text, runs[1].text = runs[0].text + " ", runs[1].text[1:]
        _write(doc.add_paragraph(), runs)
    doc.add_heading(ws.title, level=2)
    for text in ws.intro:
        convert.into(doc, text)

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
        convert.into(content, row.content, first=content.paragraphs[0])
        convert.into(explanation, row.explanation, first=explanation.paragraphs[0])

    return document_bytes(doc, version, f"{ws.title} – arbeidsark – {p.title} {p.version_title}", task.title,
                          "Arbeidsark")


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
