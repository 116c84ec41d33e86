"""The question bank, dialogue cards, print stylesheet and glossary terms, on the built site.

The filter is progressive enhancement: the HTML holds every question; the browser tests check that
the script filters, keeps the choice in the address, and that nothing is lost with JavaScript off.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from kulturskole.model.schema import Term
from kulturskole.render import enrich
from kulturskole.validate import validate_version

from helpers import ROOT, StaticServer, free_port, page, text

VERSION = "2024-2025"


def questions_in_data(version: str) -> list[dict]:
    """Every question of a version, straight from the YAML, with its topic file's name."""
    out = []
    for path in sorted((ROOT / "data" / version / "sporsmal").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data["spørsmål"]:
            out.append({**q, "tema": path.stem, "tema_navn": data["tema"]})
    return out


@pytest.fixture(scope="module")
def served(sites):
    with StaticServer(sites[VERSION], free_port()) as server:
        yield server


def visible_ids(pw_page) -> list[str]:
    return pw_page.eval_on_selector_all(".kfs-q[id]", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


# ---------------------------------------------------------------- without JavaScript: every question, grouped

@pytest.mark.parametrize("version", ["2021-2022", "2024-2025"])
def test_every_question_is_on_the_page_grouped_by_topic(sites, version):
    html = page(sites[version], "sporsmal")
    data = questions_in_data(version)
    ids = re.findall(r'<div class="kfs-q"[^>]* id="([^"]+)"', html)
    assert sorted(ids) == sorted(q["id"] for q in data)
    for q in data:
        block = re.search(r'<div class="kfs-q"([^>]*) id="' + re.escape(q["id"]) + '"', html)
        attrs = block.group(1)
        assert f'data-tema="{q["tema"]}"' in attrs
        assert f'data-fase="{" ".join(q.get("faser", []))}"' in attrs
        # The question sits inside its topic's section.
        section = html.rindex('<section class="kfs-topic"', 0, block.start())
        assert html[section:block.start()].count("</section>") == 0
        assert f'data-kfs-topic="{q["tema"]}"' in html[section:section + 120]
    # The filter form is hidden until the script shows it; the cards link works without it.
    assert re.search(r"<form[^>]*data-kfs-filter[^>]*hidden", html)
    assert 'href="../dialogkort/"' in html


def test_without_javascript_every_question_shows(browser, served):
    context = browser.new_context(java_script_enabled=False)
    pw_page = context.new_page()
    pw_page.goto(served.url + "sporsmal/?fase=sette-mal")
    assert len(visible_ids(pw_page)) == len(questions_in_data(VERSION))
    assert not pw_page.is_visible("form[data-kfs-filter]")
    context.close()


# ---------------------------------------------------------------- with JavaScript: the filter

def test_filter_by_phase_and_audience_keeps_the_choice_in_the_address(browser, served):
    data = questions_in_data(VERSION)
    pw_page = browser.new_page()
    pw_page.goto(served.url + "sporsmal/")
    assert pw_page.is_visible("form[data-kfs-filter]")
    assert len(visible_ids(pw_page)) == len(data)

    pw_page.select_option("#kfs-filter-fase", "identifisere-muligheter")
    expected = [q["id"] for q in data if "identifisere-muligheter" in q.get("faser", [])]
    assert 0 < len(expected) < len(data)
    assert sorted(visible_ids(pw_page)) == sorted(expected)
    assert pw_page.text_content("[data-kfs-filter-status]") == f"Viser {len(expected)} av {len(data)} spørsmål."
    assert pw_page.url.endswith("sporsmal/?fase=identifisere-muligheter")
    # A topic with nothing to show is hidden, heading and all.
    empty = {q["tema"] for q in data} - {q["tema"] for q in data if q["id"] in expected}
    for topic in empty:
        assert not pw_page.is_visible(f'[data-kfs-topic="{topic}"] h2')

    pw_page.select_option("#kfs-filter-malgruppe", "folkevalgte")
    both = [q for q in expected if "folkevalgte" in next(d for d in data if d["id"] == q).get("målgrupper", [])]
    assert sorted(visible_ids(pw_page)) == sorted(both)
    assert "malgruppe=folkevalgte" in pw_page.url
    # The cards link carries the choice.
    assert pw_page.get_attribute("a.kfs-cards-link", "href").endswith("?fase=identifisere-muligheter&malgruppe=folkevalgte")

    pw_page.click("form[data-kfs-filter] button[type=reset]")
    pw_page.wait_for_function(f"document.querySelectorAll('.kfs-q:not([hidden])').length === {len(data)}")
    assert pw_page.url.endswith("sporsmal/")
    pw_page.close()


def test_a_linked_selection_opens_filtered_and_carries_to_the_cards(browser, served):
    data = questions_in_data(VERSION)
    topic = data[0]["tema"]
    expected = [q["id"] for q in data if q["tema"] == topic]
    pw_page = browser.new_page()
    pw_page.goto(served.url + f"sporsmal/?tema={topic}")
    assert pw_page.input_value("#kfs-filter-tema") == topic
    assert sorted(visible_ids(pw_page)) == sorted(expected)
    pw_page.click("a.kfs-cards-link")
    pw_page.wait_for_url(re.compile(r"dialogkort/\?tema="))
    cards = pw_page.eval_on_selector_all(".kfs-card", "els => els.filter(e => e.offsetParent !== null).length")
    assert cards == len(expected)
    pw_page.close()


def test_unknown_filter_values_in_the_address_are_ignored(browser, served):
    pw_page = browser.new_page()
    pw_page.goto(served.url + 'sporsmal/?fase=finnes-ikke"]')
    assert len(visible_ids(pw_page)) == len(questions_in_data(VERSION))
    pw_page.close()


def test_copy_link_copies_the_question_address(browser, served):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pw_page = context.new_page()
    pw_page.goto(served.url + "sporsmal/")
    qid = questions_in_data(VERSION)[1]["id"]
    button = pw_page.locator(f'button[data-kfs-copy-anchor="{qid}"]')
    button.focus()
    pw_page.keyboard.press("Enter")
    pw_page.wait_for_function("document.querySelector('[role=status].kfs-visually-hidden, .kfs-copy-status')"
                              ".textContent.length > 0")
    assert pw_page.evaluate("navigator.clipboard.readText()") == served.url + f"sporsmal/#{qid}"
    context.close()


# ---------------------------------------------------------------- print

def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = True) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_a_printed_theme_pack_has_no_navigation_and_no_header(browser, served, sites, tmp_path):
    pack = sorted((ROOT / "data" / VERSION / "temapakker").glob("*.yml"))[0]
    title = yaml.safe_load(pack.read_text(encoding="utf-8"))["tittel"]
    pw_page = browser.new_page()
    pw_page.goto(served.url + f"temapakker/{pack.stem}/")
    pw_page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert pw_page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    assert pw_page.eval_on_selector("article", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    printed = pdf_text(pw_page.pdf(format="A4"), tmp_path)
    pw_page.close()
    assert title in printed
    # Labels that only the navigation, header and footer carry.
    for chrome in ("Hopp til innhold", "Spørsmålsbank", "Om nettstedet", "Innholdsliste", "Søk", "Neste"):
        assert chrome not in printed, chrome


def test_printed_links_write_out_their_target(browser, served, sites, tmp_path):
    html = page(sites[VERSION], "program")
    target = re.search(r'<a href="\.\./faser/" data-kfs-url="([^"]+)"', html).group(1)
    assert target.endswith(f"/{VERSION}/faser/")
    pw_page = browser.new_page()
    pw_page.goto(served.url + "program/")
    printed = " ".join(pdf_text(pw_page.pdf(format="A4"), tmp_path).split())
    pw_page.close()
    assert f"({target})" in printed.replace(" ", "") or f"({target})" in printed


def test_dialogue_cards_print_six_to_a_sheet_whatever_their_topic(browser, served, tmp_path):
    data = questions_in_data(VERSION)
    per_topic: dict[str, int] = {}
    for q in data:
        per_topic[q["tema"]] = per_topic.get(q["tema"], 0) + 1
    pw_page = browser.new_page()
    pw_page.goto(served.url + "dialogkort/")
    pdf = pw_page.pdf(format="A4")
    assert pdf_pages(pdf, tmp_path) == math.ceil(len(data) / 6)
    printed = pdf_text(pdf, tmp_path, layout=False)
    assert "Dialogkort" not in printed.split("\n")[0]  # the page heading stays on screen
    flat = " ".join(printed.split())
    for q in data:
        assert " ".join(q["tekst"].split())[:40] in flat
    # With a selection, only the chosen cards print.
    topic = data[0]["tema"]
    pw_page.goto(served.url + f"dialogkort/?tema={topic}")
    assert pdf_pages(pw_page.pdf(format="A4"), tmp_path) == math.ceil(per_topic[topic] / 6)
    pw_page.close()


# ---------------------------------------------------------------- glossary terms where they appear

def glossary(version: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / version / "ordliste.yml").read_text(encoding="utf-8"))["begreper"]


def test_glossary_terms_link_to_their_entry_with_the_explanation(sites):
    terms = {t["id"]: t for t in glossary(VERSION)}
    # The explanation as the reader reads it: with the values of its [[facts]] in (model/facts.py).
    definitions = {t.id: t.definition for t in validate_version(ROOT / "data", VERSION, ROOT).version.glossary.terms}
    html = page(sites[VERSION], "program")
    marked = re.findall(r'<a class="kfs-term" href="\.\./ordliste/#([^"]+)" title="([^"]*)">([^<]+)</a>', html)
    assert len(marked) >= 3
    ids = [m[0] for m in marked]
    assert len(ids) == len(set(ids)), "each term is marked once per page"
    for tid, title, shown in marked:
        assert title == enrich.plain_definition(definitions[tid]).replace('"', "&quot;")
        assert shown.lower().startswith(terms[tid]["begrep"].lower())
        assert f'id="{tid}"' in page(sites[VERSION], "ordliste")
    # Never inside headings, and never on the glossary page itself.
    for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", html, re.S):
        assert "kfs-term" not in heading
    assert "kfs-term" not in page(sites[VERSION], "ordliste")


def test_term_marking_leaves_links_code_and_markup_alone():
    # model_construct: raw HTML is a data error now; the renderer must still leave it harmless.
    term = Term.model_construct(id="samskaping", term="Samskaping", definition='Å skape *sammen* «med» "andre" <b>.')
    source = ('<h2 id="samskaping">Samskaping</h2><p><a href="x/">samskaping</a> og <code>samskaping</code>. '
              'Her er samskapingen i teksten, og samskaping igjen.</p>')
    out = enrich.enrich(source, page_src="temapakker/a.md", page_url="https://example.org/v/temapakker/a/",
                        terms=[term])
    assert out.count('class="kfs-term"') == 1
    assert '<a class="kfs-term" href="../../ordliste/#samskaping" title="Å skape sammen «med» &quot;andre&quot; ' \
           '&lt;b&gt;.">samskapingen</a>' in out
    assert '<h2 id="samskaping">Samskaping</h2>' in out
    assert '<code>samskaping</code>' in out
    # The other link gets its full address for print; the text is otherwise unchanged.
    assert '<a href="x/" data-kfs-url="https://example.org/v/temapakker/a/x/">samskaping</a>' in out
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", source)


def test_links_showing_their_address_and_same_page_anchors_get_no_print_target():
    source = ('<p><a href="https://ks.no/">https://ks.no/</a> <a href="#x">her</a> '
              '<a class="headerlink" href="#y">¶</a> <a href="mailto:a@b.no">a@b.no</a></p>')
    assert enrich.enrich(source, page_src="index.md", page_url="https://example.org/v/") == source


def test_text_on_the_question_bank_and_start_page_reads_normally(sites):
    # Marking terms must not change what a reader reads.
    assert "Spørsmålsbank" in text(sites[VERSION], "sporsmal")
    assert "  " not in text(sites[VERSION], "")


def test_plain_text_shortcut_gives_exactly_what_markdown_gives():
    """format.html_block skips the Markdown converter for plain sentences; the HTML must be the same."""
    import markdown

    from kulturskole.render import format as fmt
    from kulturskole.validate import validate_version

    texts = ["Hva er _viktig_?", "1. Første", "- punkt", "+ punkt", "a & b", "x <b>y</b>", "«Sitat» – og mer",
             "Hva med {{ x }}?", "  mellom  rom ", "    kode", "# Overskrift", "10 000 kroner", "=== ",
             "tall 2. og 3.", "Spørsmål: hvorfor?", "*uthevet*", "[lenke](x.md)", "linje ett\nlinje to"]
    for name in ("2021-2022", "2024-2025"):
        version = validate_version(ROOT / "data", name, ROOT).version
        texts += [q.text for q in version.questions.values()]
    shortcut = 0
    for value in texts:
        assert fmt.html_block(value) == markdown.markdown(fmt.text(value), output_format="html"), value
        shortcut += bool(fmt._PLAIN.fullmatch(value) and value == value.strip() and not fmt._BLOCK_START.match(value))
    assert shortcut > 50  # the real questions take the shortcut
