"""One text from the data, three outputs: the web page, the PDF and the Word worksheet read it alike.

The text goes through each output's own path:
- web page: escaped as the pages escape data (`format.text`), Python-Markdown with the extensions
  and options of mkdocs.yml, the links to .md sources rewritten as MkDocs publishes them
  (`urls.html_link`), then `enrich.enrich` with the version's glossary;
- PDF: `pdf.body_html`, as `pdf.pdf_html` calls it;
- Word: the worksheet of a task whose description is the text (`worksheet.worksheet_docx`).
Each output is read back (HTML with `htmltree`, DOCX with python-docx) and compared: the same words
in the same order, the same italic and bold words, snake_case as written, every link with its text
and the same address in the PDF and in Word, and the glossary term marked on the web page.
"""

from __future__ import annotations

import io
import posixpath
import re

import markdown
import pytest
from docx import Document
from pymdownx.slugs import slugify

from kulturskole.model import urls
from kulturskole.render import enrich, htmltree, pdf, worksheet
from kulturskole.render import format as fmt
from kulturskole.validate import validate_version

from helpers import ROOT

SITE_ROOT = "https://example.org/fremtidens-kulturskole/"
VERSION = "2021-2022"  # has a task with a worksheet
BASE = SITE_ROOT + VERSION + "/"
PAGE = urls.TASKS  # tasks and their worksheets are on this page

TEXT = (
    "Les *kursiv* tekst og **fet** tekst om snake_case_navn. Se [fasen Etablering](faser/etablering.md) "
    "og [KS sine sider](https://www.ks.no/fremtidens-kulturskole/) om samskaping i kommunen.\n"
    "\n"
    "- første punkt med *mer kursiv*\n"
    "- andre punkt\n"
)
#: The links of TEXT: text → the address a reader of the PDF or the Word file is sent to.
LINKS = {
    "fasen Etablering": BASE + "faser/etablering/",
    "KS sine sider": "https://www.ks.no/fremtidens-kulturskole/",
}
ITALIC = ["kursiv", "mer kursiv"]
BOLD = ["fet"]

#: markdown_extensions in mkdocs.yml: the web page has heading permalinks, the PDF does not.
SITE_MARKDOWN_CONFIG = {"toc": {"permalink": True, "permalink_title": "Lenke til denne delen",
                                "slugify": slugify(case="lower")}}


@pytest.fixture(scope="module")
def version():
    result = validate_version(ROOT / "data", VERSION, ROOT)
    assert result.version is not None, result.problems
    return result.version


def _published_links(html: str) -> str:
    """Links to .md sources as MkDocs publishes them: relative URLs of the pages (directory URLs)."""
    out = []
    for token in htmltree.tokens(html):
        href = token.attr("href") if token.opens else None
        if href and not re.match(r"^[a-z]+:", href):
            path, _, anchor = href.partition("#")
            if path.endswith(".md"):
                target = urls.html_link(PAGE, posixpath.normpath(posixpath.join(posixpath.dirname(PAGE), path)),
                                         anchor)
                out.append(htmltree.set_attribute(token.raw, "href", target))
                continue
        out.append(token.raw)
    return "".join(out)


@pytest.fixture(scope="module")
def web(version) -> htmltree.Element:
    html = markdown.markdown(fmt.text(TEXT), extensions=pdf.MARKDOWN_EXTENSIONS,
                             extension_configs=SITE_MARKDOWN_CONFIG, output_format="html")
    html = enrich.enrich(_published_links(html), page_src=PAGE, page_url=BASE + urls.url_of(PAGE),
                         terms=version.glossary.terms)
    return htmltree.parse(html)


@pytest.fixture(scope="module")
def printed() -> htmltree.Element:
    return htmltree.parse(pdf.body_html(fmt.text(TEXT), PAGE, BASE))


@pytest.fixture(scope="module")
def word(version):
    """The paragraphs of the worksheet that come from TEXT (python-docx paragraphs)."""
    task = next(t for t in version.tasks.values() if t.worksheet)
    task = task.model_copy(update={"description": [TEXT]})
    doc = Document(io.BytesIO(worksheet.worksheet_docx(version, task, site_root=SITE_ROOT)))
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Dato: ") + 1  # the description follows
    return paragraphs[start:start + 3]  # TEXT makes a paragraph and two list items


def html_words(tree: htmltree.Element) -> list[str]:
    return tree.text().split()


def word_words(paragraphs) -> list[str]:
    """The words of the Word paragraphs, without the addresses written after link texts."""
    text = " ".join(p.text for p in paragraphs)
    for label, address in LINKS.items():
        text = text.replace(f"{label} ({address})", label)
    return text.split()


def html_spans(tree: htmltree.Element, *tags: str) -> list[str]:
    return [" ".join(el.text().split()) for tag in tags for el in tree.iter(tag)]


def word_spans(paragraphs, look: str) -> list[str]:
    return [run.text.strip() for p in paragraphs for run in p.runs if getattr(run, look)]


# ---------------------------------------------------------------- the comparisons

def test_the_same_words_in_the_same_order(web, printed, word):
    expected = " ".join(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", TEXT).replace("- ", "").replace("*", "").split())
    assert " ".join(html_words(web)) == expected
    assert html_words(printed) == html_words(web)
    assert word_words(word) == html_words(web)


def test_italic_and_bold_are_the_same_words_everywhere(web, printed, word):
    for tree in (web, printed):
        assert html_spans(tree, "em", "i") == ITALIC
        assert html_spans(tree, "strong", "b") == BOLD
    assert word_spans(word, "italic") == ITALIC
    assert word_spans(word, "bold") == BOLD


def test_snake_case_stays_as_written(web, printed, word):
    for text in (web.text(), printed.text(), " ".join(p.text for p in word)):
        assert "snake_case_navn" in text
    assert not any("case" in run.text and run.italic for p in word for run in p.runs)


def test_links_keep_their_text_and_go_to_the_same_address_in_pdf_and_word(web, printed, word):
    assert [" ".join(a.text().split()) for a in web.iter("a") if not a.attr("class")] == list(LINKS)
    assert {" ".join(a.text().split()): a.attr("href") for a in printed.iter("a")} == LINKS
    text = " ".join(p.text for p in word)
    for label, address in LINKS.items():
        assert f"{label} ({address})" in text
    # On the web page the print stylesheet writes the same address after the link text.
    assert {" ".join(a.text().split()): a.attr("data-kfs-url") for a in web.iter("a") if not a.attr("class")} \
        == LINKS


def test_the_glossary_term_is_marked_on_the_web_page(web, version):
    marked = [a for a in web.iter("a") if a.attr("class") == "kfs-term"]
    assert [(a.text(), a.attr("href")) for a in marked] == [("samskaping", "../ordliste/#samskaping")]
    term = next(t for t in version.glossary.terms if t.id == "samskaping")
    assert marked[0].attr("title") == enrich.plain_definition(term.definition)


def test_list_items_are_list_items_everywhere(web, printed, word):
    items = ["første punkt med mer kursiv", "andre punkt"]
    assert html_spans(web, "li") == items
    assert html_spans(printed, "li") == items
    assert [(p.text, p.style.name) for p in word[1:]] == [(item, "List Bullet") for item in items]


# ---------------------------------------------------------------- the HTML reader the three share

def test_htmltree_gives_every_built_page_back_byte_for_byte(sites):
    for site in sites.values():
        for path in sorted(site.rglob("*.html")):
            source = path.read_text(encoding="utf-8")
            assert htmltree.serialize(htmltree.tokens(source)) == source, path


def test_htmltree_changes_one_attribute_and_leaves_the_rest_of_the_tag_as_written():
    tag = "<svg viewBox='0 0 10 10' data-x=1 hidden >"
    assert htmltree.set_attribute(tag, "data-x", "a&b") == "<svg viewBox='0 0 10 10' data-x=\"a&amp;b\" hidden >"
    assert htmltree.set_attribute(tag, "role", "img") == "<svg viewBox='0 0 10 10' data-x=1 hidden role=\"img\">"
    [token] = htmltree.tokens(tag)
    assert token.tag == "svg" and token.attr("viewbox") == "0 0 10 10" and token.attr("hidden") == ""
    odd = "a &amp b </> <p class=x>&#x41;&nbsp;</P ><!-- c --><script>if (a<b) {}</script>"
    assert htmltree.serialize(htmltree.tokens(odd)) == odd
    assert htmltree.parse(odd).text() == "a & b  A\u00a0if (a<b) {}"
