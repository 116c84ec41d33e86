"""The contract with a participating municipality (avtale.yml) as a PDF and a Word document to sign.

avtale.yml holds only what the contract itself says: its title, the parties by role, the programme's
place and date, and who signs for each party, by role. The programme's name and the agreement period
(«avtaleperiode») come from program.yml. The document says what the contract page of the foundation
document says, no more: the obligations, the costs and the contact person stand on «Om programmet»,
whose address the document gives. The municipality's name, its place and date and every signature are
lines to fill in by hand; no municipality is named.

One list of blocks (`contract_blocks`) is printed both ways, so the PDF and the Word document say the
same words: the PDF through the Markdown of `pdf.pdf_html` (WeasyPrint, tagged PDF/UA, A4), the Word
document block by block with `worksheet.Converter` (headings as Word headings, the signatures as a
table without borders). The same data gives the same bytes. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import json

from ..model import urls
from ..model.schema import AgreementParty, source_ids
from ..model.version import Version
from . import format as fmt
from . import pdf, worksheet

#: A line to fill in by hand: underscores, the same in the PDF and in Word. In Markdown each one is
#: escaped, so no run of them reads as emphasis or a rule.
BLANK = "_" * 30
_BLANK_MD = "\\_" * len(BLANK)
#: A shorter blank after a label in a signature column («Sted og dato: ___»), so it fits the column.
_SHORT_BLANK_MD = "\\_" * 22

#: Headings of the document's parts.
PARTIES = "Partene"
SIGNATURES = "Underskrifter"
SOURCES = "Kilde"

#: The label of the municipality's blank where the contract names a party (as 004: «Kommune: ___»).
MUNICIPALITY = "Kommune"


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int
    text: str       # plain text from the data or the form


@dataclasses.dataclass(frozen=True)
class Text:
    markdown: str   # paragraphs and lists; text from the data escaped (format.text, format.inline)


@dataclasses.dataclass(frozen=True)
class Line:
    markdown: str   # one paragraph of a party's signature column
    sign_here: bool = False  # a signature line: room above it to sign


@dataclasses.dataclass(frozen=True)
class Signatures:
    columns: tuple[tuple[Line, ...], ...]  # one column per party, in the order of avtale.yml


Block = Heading | Text | Signatures


def has_contract(version: Version) -> bool:
    return version.agreement is not None and version.programme.agreement_period is not None


def title(version: Version) -> str:
    """The document's title (PDF /Title and Word title): «Kontrakt – Fremtidens kulturskole 2024–2025 …»."""
    assert version.agreement is not None
    p = version.programme
    return f"{version.agreement.title} – {p.title} {p.version_title}"


def _municipality() -> str:
    return f"{_BLANK_MD} kommune"


def _place_and_date(party: AgreementParty) -> str:
    if not party.place and not party.date:
        return _SHORT_BLANK_MD
    place = fmt.inline(party.place) if party.place else "\\_" * 12
    date = fmt.month(party.date) if party.date else "\\_" * 12
    return f"{place}, {date}"


def _column(party: AgreementParty) -> tuple[Line, ...]:
    """A party's signatures as 004 sets them: the party, place and date, then a line per signatory with
    the role under it. The municipality's name, place and date are blanks."""
    if party.role == "kommunen":
        lines = [Line(f"**{MUNICIPALITY}:** {_SHORT_BLANK_MD}"), Line(f"Sted og dato: {_SHORT_BLANK_MD}")]
    else:
        lines = [Line(f"**{fmt.inline(party.name)}**"), Line(f"Sted og dato: {_place_and_date(party)}")]
    for role in party.signatories:
        lines += [Line(_BLANK_MD, sign_here=True), Line(fmt.capitalize(fmt.inline(role)))]
    return tuple(lines)


def _sources(version: Version) -> str:
    """The sources of what the contract says, named at the end."""
    p = version.programme
    a = version.agreement
    assert a is not None and p.agreement_period is not None
    ids = [*a.sources(), *source_ids(p.agreement_period.source)]
    known = {s.id: s for s in p.sources}
    names = []
    for sid in dict.fromkeys(ids):
        s = known[sid]
        name = f"[{fmt.inline(s.title)}]({s.url})" if s.url else fmt.inline(s.title)
        about = ", ".join(x for x in (fmt.inline(s.publisher) if s.publisher else "",
                                      fmt.day(s.date) if s.date else "") if x)
        names.append(name + (f" ({about})" if about else ""))
    label = "Kilde" if len(names) == 1 else "Kilder"
    # The note on how the sources disagree about the period belongs on «Om programmet», not in a
    # document the parties sign: the contract states the period the data holds.
    return "\n".join([f"{label}: {'; '.join(names)}.", "{: .kfs-source }"])


def contract_blocks(version: Version) -> tuple[Block, ...]:
    """The contract, in reading order, as the contract page of the foundation document has it: title, the
    agreement (which builds on the foundation document), the parties, the signatures and the sources.
    The obligations, the costs and the contact person are the foundation document's, not the contract
    page's: they stand on «Om programmet», whose address the document gives."""
    p = version.programme
    a = version.agreement
    period = p.agreement_period
    assert a is not None and period is not None, "has_contract(version) says whether there is a contract"
    ours = a.party("programmet")
    base = fmt.inline(p.title) + (f" – {fmt.inline(p.subtitle)}" if p.subtitle else "")
    lead = [f"**{fmt.inline(a.designation)} for {fmt.inline(p.title)}**" if a.designation
            else f"**{fmt.inline(p.title)}**"]
    if a.subtitle:
        lead.append(fmt.inline(a.subtitle))
    out: list[Block] = [
        Heading(1, a.title),
        Text("\n\n".join(lead)),
        Text(f"Med utgangspunkt i grunnlagsdokumentet for {base} har partene inngått avtale om deltakelse for "
             f"{_municipality()} for perioden {fmt.period(period)}."),
        Heading(2, PARTIES),
        Text(f"- {fmt.inline(ours.name)}\n- {_municipality()}"),
    ]
    out += [Heading(2, SIGNATURES), Signatures(tuple(_column(party) for party in a.parties)), Text(_sources(version))]
    return tuple(out)


# ---------------------------------------------------------------- PDF

def markdown_of(blocks: tuple[Block, ...]) -> str:
    """The blocks as one Markdown text for the PDF: the signature columns side by side (document.css)."""
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {fmt.inline(block.text)}")
        elif isinstance(block, Text):
            parts.append(block.markdown)
        else:
            columns = []
            for column in block.columns:
                lines = "\n\n".join(line.markdown + ("\n{: .kfs-sign-here }" if line.sign_here else "")
                                    for line in column)
                columns.append(f'<div class="kfs-signature" markdown="1">\n\n{lines}\n\n</div>')
            parts.append('<div class="kfs-signatures" markdown="1">\n\n' + "\n\n".join(columns) + "\n\n</div>")
    return "\n\n".join(parts) + "\n"


def pdf_sources(version: Version) -> list[pdf.PdfSource]:
    """The contract as a PDF source (none when the version has no contract). Its web page is «Om
    programmet», where the obligations, the costs and the agreement period stand."""
    if not has_contract(version):
        return []
    return [pdf.PdfSource(urls.AGREEMENT_PDF, title(version), urls.PROGRAMME, "",
                          markdown_of(contract_blocks(version)))]


# ---------------------------------------------------------------- Word

class _Converter(worksheet.Converter):
    """The worksheet's converter for Markdown that is already safe (the blocks escape the data)."""

    def html(self, text: str) -> str:
        return self.md.reset().convert(text)


def _write(convert: _Converter, container, markdown: str, first=None) -> list:
    """Add `markdown` to a document or a cell; the paragraphs written."""
    written = []
    for i, para in enumerate(convert.paragraphs(markdown)):
        paragraph = first if i == 0 and first is not None else container.add_paragraph()
        if para.style:
            paragraph.style = para.style
        worksheet._write(paragraph, para.runs)
        written.append(paragraph)
    return written


def _page_numbers(paragraph) -> None:
    """«Side N av M» with Word's fields, as the PDF's footer has it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for text, field in (("Side ", "PAGE"), (" av ", "NUMPAGES"), ("", "")):
        if text:
            paragraph.add_run(text)
        if field:
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), f" {field} ")
            run = OxmlElement("w:r")
            value = OxmlElement("w:t")
            value.text = "1"
            run.append(value)
            simple.append(run)
            paragraph._p.append(simple)


def contract_docx(version: Version, site_root: str = "") -> bytes:
    """The contract as a Word document: A4 portrait, nb-NO, the same blocks as the PDF, the web address
    of «Om programmet» at the end and page numbers in the footer."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    assert version.agreement is not None
    p = version.programme
    base = urls.folder(site_root) + version.name + "/"
    convert = _Converter(urls.PROGRAMME, base)
    doc = worksheet.new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.2)
    _page_numbers(section.footer.paragraphs[0])

    doc.add_paragraph(f"{p.title} · {p.version_title}")  # as the PDF's first line
    for block in contract_blocks(version):
        if isinstance(block, Heading):
            _write(convert, doc, fmt.inline(block.text), first=doc.add_heading(level=block.level))
        elif isinstance(block, Text):
            _write(convert, doc, block.markdown)
        else:
            table = doc.add_table(rows=1, cols=len(block.columns))
            table.autofit = False
            width = Cm(8.4)
            tbl_pr = table._tbl.tblPr
            for key, value in (("w:tblCaption", SIGNATURES),
                               ("w:tblDescription", "Partenes underskrifter, én kolonne per part.")):
                element = OxmlElement(key)
                element.set(qn("w:val"), value)
                tbl_pr.append(element)
            for cell, column in zip(table.rows[0].cells, block.columns):
                cell.width = width
                first = cell.paragraphs[0]
                for line in column:
                    for paragraph in _write(convert, cell, line.markdown, first=first):
                        paragraph.paragraph_format.space_before = Pt(34 if line.sign_here else 4)
                        paragraph.paragraph_format.space_after = Pt(0)
                        paragraph.paragraph_format.keep_with_next = True
                    first = None
    address = base + urls.url_of(urls.PROGRAMME)
    _write(convert, doc, f"Nettversjonen: <{address}>")
    return worksheet.document_bytes(doc, version, title(version), version.agreement.title, "Kontrakt")


def docx_key(version: Version, site_root: str) -> str:
    """Everything `contract_docx` reads, for the document cache."""
    p = version.programme
    return json.dumps([version.name, site_root, p.title, p.version_title, list(p.owners), p.period.start,
                       [[type(b).__name__, dataclasses.asdict(b)] for b in contract_blocks(version)]],
                      ensure_ascii=False)
