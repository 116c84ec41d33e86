"""Pages laid out for the readers' tasks: the start page, the schedule on a phone, «Om programmet»,
the FAQ by topic and language, and the dialogue cards in print.

The browser checks look at the built site in Chromium at 390 × 844 (a phone) and 1280 × 800, and
print the dialogue cards to PDF. The others read the built HTML and the data.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from html.parser import HTMLParser

import pytest
import yaml
from pydantic import ValidationError

from kulturskole.model.facts import FACTS, fact
from kulturskole.model.schema import FaqFile
from kulturskole.model.structure import pack_has_presentation
from kulturskole.render import format as fmt
from kulturskole.render import pages
from kulturskole.validate import validate_version

from helpers import ROOT, page, paragraphs

CURRENT = "2024-2025"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def load(version: str):
    return validate_version(ROOT / "data", version, ROOT).version


def faq_data(version: str) -> dict:
    return yaml.safe_load((ROOT / "data" / version / "faq.yml").read_text(encoding="utf-8"))


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


# ---------------------------------------------------------------- the start page

def test_start_page_first_phone_screen_has_whats_next_and_the_ways_in(browser, served_root):
    """On a phone the first screen says what is next, how to prepare, and links the schedule, the
    preparations, the theme packs and the question bank; the header shows the site name."""
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(served_root.url + f"{CURRENT}/")
        tab.wait_for_selector(".kfs-version", state="attached")  # the version selector from versions.json
        for href in ("samlinger/", "oppgaver/", "temapakker/", "sporsmal/"):
            link = tab.locator(f'.md-content a.kfs-entry[href="{href}"]')
            assert link.count() == 1, href
            box = link.bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], (href, box)
        prepare = tab.locator(".md-content .kfs-now a.kfs-prepare")
        assert prepare.inner_text().startswith("Forbered deg")
        assert prepare.bounding_box()["y"] < PHONE["height"]
        next_line = tab.locator(".md-content .kfs-now p", has_text="Neste:")
        assert "Fellessamling 2" in next_line.inner_text() and "26.–27. november 2024" in next_line.inner_text()
        assert next_line.bounding_box()["y"] < PHONE["height"]
        # The programme summary follows the ways in.
        summary = tab.locator("h2", has_text="Programmet kort fortalt").bounding_box()
        assert summary["y"] > tab.locator("a.kfs-entry").last.bounding_box()["y"]
        assert_site_name_shows(tab)
    finally:
        tab.close()


def assert_site_name_shows(tab) -> None:
    """The site name stands in the header, whole (not cut off), and no other text in the header
    overlaps it; the version shows once, beside or under it."""
    state = tab.evaluate("""() => {
        const name = document.querySelector('.md-header .kfs-header__site');
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const box = name.getBoundingClientRect();
        const textRects = element => { const range = document.createRange(); range.selectNodeContents(element);
                                        return [...range.getClientRects()].filter(r => r.width && r.height); };
        const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
        const others = [...document.querySelectorAll('.md-header .md-header__title *')]
            .filter(e => e !== name && !name.contains(e) && !e.contains(name) && e.children.length === 0)
            .filter(e => getComputedStyle(e).visibility === 'visible')
            .filter(e => getComputedStyle(e.closest('.md-header__topic')).opacity !== '0');
        const nameText = textRects(name);
        const clash = others.filter(e => textRects(e).some(r => nameText.some(n => overlaps(r, n))))
            .map(e => e.className + ': ' + e.textContent.trim());
        const shown = [...document.querySelectorAll('.md-header .kfs-header__version, .md-header .kfs-version')]
            .filter(e => e.getClientRects().length > 0);
        return {text: name.textContent.trim(), top: box.top, bottom: box.bottom, height: box.height,
                headerBottom: header.bottom, cut: name.scrollWidth > name.clientWidth + 1, clash: clash,
                opacity: getComputedStyle(name.closest('.md-header__topic')).opacity,
                visibility: getComputedStyle(name).visibility, versions: shown.map(e => e.textContent.trim())};
    }""")
    assert state["text"] == "Fremtidens kulturskole"
    assert state["height"] >= 14 and state["top"] >= 0 and state["bottom"] <= state["headerBottom"], state
    assert not state["cut"] and not state["clash"], state
    assert state["opacity"] == "1" and state["visibility"] == "visible", state
    assert len(state["versions"]) == 1 and "2024–2025" in state["versions"][0], state


def test_site_name_shows_in_the_phone_header_without_the_version_selector(browser, served_version):
    """Without versions.json (a single version, or no JavaScript) the version is a plain line under the name."""
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(served_version.url + "samlinger/")
        assert_site_name_shows(tab)
    finally:
        tab.close()


def test_forbered_deg_points_to_the_next_preparation_or_the_work_in_between():
    version = load(CURRENT)
    # Before Fellessamling 1 (24–25 September), which has a preparation.
    text = pages.status_text(version, dt.date(2024, 9, 2), "index.md")
    assert "**Neste:** [Fellessamling 1" in text
    assert "[Forbered deg til Fellessamling 1](samlinger/fellessamling-1.md#forberedelse)" in text
    # Fellessamling 2 has no preparation: the between-work after Fellessamling 1 runs until then.
    text = pages.status_text(version, dt.date(2024, 11, 1), "index.md")
    assert "[Forbered deg: mellomarbeidet etter Fellessamling 1](samlinger/fellessamling-1.md#mellomarbeid)" in text
    # After the period: it says so and points to the material.
    over = pages.status_text(version, dt.date(2026, 3, 1), "index.md")
    assert over.startswith("Programperioden er over.") and "spørsmålene" in over and "Forbered" not in over
    # It names the period the data holds, not the last row of the schedule (which may only be planned).
    assert f"Den varte {fmt.period(version.programme.period)}." in over
    # The theme packs are material to use only when their presentation or running order is published here.
    assert ("temapakkene" in over) == any(pack_has_presentation(p) for p in version.packs.values())


# ---------------------------------------------------------------- the schedule

def test_schedule_reads_on_a_phone_without_sideways_scrolling(browser, served_version):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(served_version.url + "samlinger/")
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
        rows = tab.evaluate("""() => [...document.querySelectorAll('#alle-samlinger tbody tr')].map(tr => {
            const r = tr.getBoundingClientRect();
            const cells = [...tr.children].filter(c => c.getClientRects().length && c.offsetWidth > 1);
            return {id: tr.id, left: r.left, right: r.right, text: tr.innerText,
                    cellsInside: cells.every(c => { const b = c.getBoundingClientRect();
                                                    return b.left >= 0 && b.right <= innerWidth; })};
        })""")
        assert len(rows) == 20  # the 19 rows of the schedule in the foundation document and the open seminar
        for row in rows:
            assert row["id"].endswith("-rad")
            assert row["left"] >= 0 and row["right"] <= PHONE["width"], row
            assert row["cellsInside"], row
        first = rows[0]["text"]
        for part in ("15. mars 2024", "uke 11", "Inspirasjonssamling før oppstart", "Forberedelse", "Digital"):
            assert part in first, (part, first)
        # Still a table: its caption and four column headers, and the table roles in Chromium's tree.
        assert tab.locator("table#alle-samlinger > caption").count() == 1
        assert tab.locator('table#alle-samlinger thead th[scope="col"]').count() == 4
        roles = table_roles(tab)
        assert roles["table"] == 1 and roles["columnheader"] == 4 and roles["rowheader"] == 20, roles
    finally:
        tab.close()


def table_roles(tab) -> dict[str, int]:
    """How many nodes of each table role the schedule table has in Chromium's accessibility tree."""
    session = tab.context.new_cdp_session(tab)
    node = session.send("DOM.getDocument")["root"]
    table = session.send("DOM.querySelector", {"nodeId": node["nodeId"], "selector": "#alle-samlinger"})
    tree = session.send("Accessibility.getPartialAXTree", {"nodeId": table["nodeId"], "fetchRelatives": False})
    full = session.send("Accessibility.getFullAXTree")["nodes"]
    root = tree["nodes"][0]["nodeId"]
    children = {n["nodeId"]: n.get("childIds", []) for n in full}
    roles_of = {n["nodeId"]: n.get("role", {}).get("value") for n in full}
    counts: dict[str, int] = {}
    stack = [root]
    while stack:
        nid = stack.pop()
        role = roles_of.get(nid)
        counts[role] = counts.get(role, 0) + 1
        stack.extend(children.get(nid, []))
    return {r: counts.get(r, 0) for r in ("table", "columnheader", "rowheader", "cell")}


def test_schedule_on_a_wide_screen_is_a_grid_with_row_lines_and_dates_on_two_lines_at_most(browser, served_version):
    tab = browser.new_page(viewport=DESKTOP)
    try:
        tab.goto(served_version.url + "samlinger/")
        state = tab.evaluate("""() => [...document.querySelectorAll('#alle-samlinger tbody tr')].map(tr => ({
            dateLines: tr.querySelector('.kfs-when').getClientRects().length,
            lines: [...tr.children].map(c => parseFloat(getComputedStyle(c).borderTopWidth)),
            display: getComputedStyle(tr).display}))""")
        for row in state:
            assert row["display"] == "table-row"
            assert row["dateLines"] <= 2, row
            assert all(width > 0 for width in row["lines"]), row  # a line above every cell, «Hva» too
        # A date range alone stays on one line (row 6: Fellessamling 2, 26.–27. november 2024).
        assert state[6]["dateLines"] == 1
    finally:
        tab.close()


# ---------------------------------------------------------------- «Om programmet»

#: Every anchor «Om programmet» had before the page was laid out for readers (links to them last).
OLD_PROGRAMME_ANCHORS = {
    "2024-2025": [
        # Not «de-fire-verdiområdene»: the value areas are the pilot report's, not the regional programme's
        # (issue 14), so the section is gone; an old link to it still opens «Om programmet».
        "formål", "målgruppe", "kompetansemål", "metode-og-arbeidsformer",
        "organisering", "forberedelse-til-deltakelse", "kostnader", "utvelgelse", "søknadsfrist", "avtaleperiode",
        "forpliktelser", "innledning", "programmet", "forankring", "helhet-og-sammenheng",
        "faser-i-utviklingsprosessen", "avtale-og-kontrakt", "kontaktopplysninger-og-deltakerlister",
        "samskaping-om-komplekse-utfordringer", "invitasjon-til-regionale-program", "kontakt", "kilder"],
    "2021-2022": [
        "formål", "målgruppe", "effektmål", "resultatmål", "de-fire-verdiområdene", "metode-og-arbeidsformer",
        "organisering", "forberedelse-til-deltakelse", "utvelgelse", "søknadsfrist", "prosess-støtte", "bakgrunn",
        "begrunnelser", "fra-rapporten-i-første-del-av-prosjektet", "forpilot-og-animasjonsfilm",
        "kobling-til-annet-arbeid", "innbyggerinvolvering", "samspill-mellom-politikk-og-administrasjon",
        "hvor-er-vi-hvor-vil-vi-og-hvordan-kommer-vi-oss-dit", "samskaping-og-medvirkning-som-tankesett",
        "arbeidet-i-kommunene", "forankring-og-begrunnelser", "kommunegruppe",
        "samhandling-mellom-ks-og-kulturskolerådet", "ordførerbrevet", "samhandling-i-regioner-og-fylker",
        "erfaringer-så-langt", "veien-videre", "kunnskapsdeling", "etter-piloten", "organisasjonen",
        "styringsgruppe", "prosjektgruppe", "ressursgruppe", "programgruppe", "sluttproduktgruppe", "skrivegruppe",
        "kilder"],
}


class _Headings(HTMLParser):
    """The article's h2 headings in order, and the terms of the facts list."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.terms: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "dt"):
            self.current = []
        if tag == "a" and self.current is not None and ("class", "headerlink") in attrs:
            self.current.append("\0")

    def handle_endtag(self, tag):
        if tag in ("h2", "dt") and self.current is not None:
            text = " ".join("".join(self.current).split("\0")[0].split())
            (self.h2 if tag == "h2" else self.terms).append(text)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def headings(html: str) -> _Headings:
    parser = _Headings()
    parser.feed(article(html))
    return parser


def sentences(blocks: list[str]) -> list[str]:
    """The sentences of paragraphs and list items, normalised; short ones (labels) left out."""
    out = []
    for block in blocks:
        for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])", block):
            words = s.lower().strip(" .").split()
            if len(words) >= 5:
                out.append(" ".join(words))
    return out


@pytest.mark.parametrize("version", ["2024-2025", "2021-2022"])
def test_programme_page_puts_the_practical_facts_first_and_the_sources_last(sites, version):
    html = page(sites[version], "program")
    found = headings(html)
    assert found.h2[0] == "Praktiske opplysninger", found.h2
    assert found.h2[1] == "Formål", found.h2
    assert found.h2[-1] == "Kilder", found.h2
    expected = ["For hvem", "Periode", "Søknadsfrist"]
    if version == CURRENT:
        expected += ["Kostnad", "Kommunegruppe", "Forpliktelser", "Kontakt", "Avtaleperiode"]
    for term in expected:
        assert term in found.terms, (term, found.terms)
    body = article(html)
    for anchor in OLD_PROGRAMME_ANCHORS[version]:
        assert f'id="{anchor}"' in body, anchor
    # No grey «Kilde:» line under the sections: the sources and the notes stand at the end.
    blocks = paragraphs(html)
    assert not [t for cls, t in blocks if "kfs-source" in cls]
    assert not [t for _, t in blocks if t.startswith("Kilde:")]
    end = body.index('id="kilder"')
    programme = yaml.safe_load((ROOT / "data" / version / "program.yml").read_text(encoding="utf-8"))
    for note in (programme["periode"].get("merknad"), (programme.get("avtaleperiode") or {}).get("merknad")):
        if note:
            first = " ".join(note.split())[:40]
            assert first in " ".join(body[end:].split()), first
            assert first not in " ".join(body[:end].split()), first
    for source in programme["kilder"]:
        assert source["tittel"] in body[end:]


@pytest.mark.parametrize("version", ["2024-2025", "2021-2022"])
def test_programme_page_says_each_sentence_once(sites, version):
    # The page without its «Kilder» section, where each source says where on the page it is used.
    said = sentences([t for _, t in paragraphs(page(sites[version], "program").split('id="kilder"')[0])])
    twice = sorted({s for s in said if said.count(s) > 1})
    assert not twice, twice


# ---------------------------------------------------------------- the FAQ

@pytest.mark.parametrize("version", ["2024-2025", "2021-2022"])
def test_faq_is_grouped_with_a_list_of_groups_and_questions_at_the_top(sites, version):
    data = faq_data(version)
    html = article(page(sites[version], "sporsmal-og-svar"))
    found = headings(page(sites[version], "sporsmal-og-svar"))
    assert found.h2 == [t["tittel"] for t in data["temaer"]] + ["Kilder"]
    contents = html[html.index('<nav class="kfs-contents"'):html.index("</nav>")]
    assert html.index("<nav") < html.index("<h2")
    for topic in data["temaer"]:
        assert f'href="#{topic["id"]}"' in contents
        section = re.split(r"<h2", html.split(f'<h2 id="{topic["id"]}"', 1)[1], maxsplit=1)[0]
        for entry in data["spørsmål"]:
            assert (f'id="{entry["id"]}"' in section) == (entry["tema"] == topic["id"]), entry["id"]
    for entry in data["spørsmål"]:
        lang = ' lang="nn"' if entry.get("språk") == "nn" else ""
        assert f'<a href="#{entry["id"]}"{lang}>' in contents, entry["id"]
        for old in entry.get("tidligere_id", []):
            assert f'id="{old}"' in html  # an old link to a merged question still lands on it


@pytest.mark.parametrize("version", ["2024-2025", "2021-2022"])
def test_faq_answers_nothing_twice(sites, version):
    html = article(page(sites[version], "sporsmal-og-svar"))
    answers = [re.split(r"<h[23]", part, maxsplit=1)[0] for part in re.split(r"<h3 id=", html)[1:]]
    assert len(answers) == len(faq_data(version)["spørsmål"])
    texts = [" ".join(re.sub(r"<[^>]+>", " ", a).split()) for a in answers]
    assert len(set(texts)) == len(texts)
    # The answers, without the «Kilder» section at the end (its links back name the questions).
    answers_html = page(sites[version], "sporsmal-og-svar").split('id="kilder"')[0]
    # Nor «Kilde 1, kilde 2» under an answer (which sources it builds on).
    said = sentences([t for cls, t in paragraphs(answers_html) if "kfs-srcref" not in cls
                      and t not in [q["spørsmål"] for q in faq_data(version)["spørsmål"]]])
    twice = sorted({s for s in said if said.count(s) > 1})
    assert not twice, twice


@pytest.mark.parametrize("version", ["2024-2025", "2021-2022"])
def test_faq_answers_are_in_the_language_of_their_question(sites, version):
    v = load(version)
    html = article(page(sites[version], "sporsmal-og-svar"))
    # Bokmål wording a fact would bring into a nynorsk text (the contact's role, for one).
    bokmaal_only = [fmt.format_fact(fact(v, name)) for name in FACTS
                    if fact(v, name) is not None and fact(v, name) != fact(v, name, "nn")]
    if version == CURRENT:
        assert bokmaal_only, "2024–2025 has a contact with a role in bokmål"
    nynorsk = [e for e in faq_data(version)["spørsmål"] if e.get("språk") == "nn"]
    assert nynorsk
    for entry in nynorsk:
        heading = re.search(rf'<h3 id="{entry["id"]}"([^>]*)>', html)
        assert heading and 'lang="nn"' in heading.group(1), entry["id"]
        answer = re.split(r"<h[23]", html[heading.end():].split("</h3>", 1)[1], maxsplit=1)[0]
        assert answer.lstrip().startswith('<div lang="nn">'), entry["id"]
        plain = " ".join(re.sub(r"<[^>]+>", " ", answer).split())
        for wording in bokmaal_only:
            assert wording not in plain, (entry["id"], wording)
        for placeholder in re.findall(r"\[\[\s*([^\]]+?)\s*\]\]", entry["svar"]):
            assert " ".join(fmt.format_fact(fact(v, placeholder, "nn")).split()) in plain, (entry["id"], placeholder)


def test_trekke_seg_names_the_contact_without_her_bokmaal_role(sites):
    html = article(page(sites[CURRENT], "sporsmal-og-svar"))
    answer = re.split(r"<h[23]", html.split('id="trekke-seg"', 1)[1], maxsplit=1)[0]
    plain = " ".join(re.sub(r"<[^>]+>", " ", answer).split())
    assert "ved Åste Selnæs Domaas." in plain
    assert "leder for" not in plain


def test_faq_contents_list_shows_on_phones_and_steps_aside_for_the_sidebar(browser, served_version):
    for viewport, shown in ((PHONE, True), (DESKTOP, False)):
        tab = browser.new_page(viewport=viewport)
        try:
            tab.goto(served_version.url + "sporsmal-og-svar/")
            assert tab.locator("nav.kfs-contents").is_visible() == shown, viewport
            if not shown:
                assert tab.locator(".md-sidebar--secondary nav a").first.is_visible()
        finally:
            tab.close()


def test_nynorsk_facts_leave_out_only_the_bokmaal_words():
    v = load(CURRENT)
    assert fact(v, "kontaktperson") == ("tekst", "Åste Selnæs Domaas, leder for veiledning og rammeplanutvikling")
    assert fact(v, "kontaktperson", "nn") == ("tekst", "Åste Selnæs Domaas")
    for name in FACTS:
        if name != "kontaktperson":
            assert fact(v, name, "nn") == fact(v, name), name
    with pytest.raises(ValueError):
        fact(v, "deltakeravgift", "en")


FAQ = {
    "temaer": [{"id": "kostnader", "tittel": "Kostnader"}, {"id": "tid", "tittel": "Tid"}],
    "spørsmål": [
        {"id": "a", "tema": "kostnader", "spørsmål": "Hva koster det?", "svar": "Lite."},
        {"id": "b", "tema": "tid", "spørsmål": "Hvor lenge?", "svar": "Lenge.", "tidligere_id": ["c"]},
    ],
}


@pytest.mark.parametrize("edit, loc, words", [
    (lambda d: d["spørsmål"][1].update(tema="tiden"), ("spørsmål", 1, "tema"), "«tiden» finnes ikke"),
    (lambda d: d["spørsmål"][0].pop("tema"), ("spørsmål", 0), "mangler «tema»"),
    (lambda d: d["spørsmål"][1].update(tidligere_id=["a"]), ("spørsmål", 1, "tidligere_id", 0), "«a» er i bruk"),
    (lambda d: d["spørsmål"][0].update(id="tid"), ("spørsmål", 0, "id"), "«tid» er i bruk"),
])
def test_faq_groups_and_anchors_are_checked_where_the_editor_wrote_them(edit, loc, words):
    FaqFile.model_validate(FAQ)
    data = yaml.safe_load(yaml.safe_dump(FAQ, allow_unicode=True))
    edit(data)
    with pytest.raises(ValidationError) as caught:
        FaqFile.model_validate(data)
    errors = caught.value.errors()
    assert [e["loc"] for e in errors] == [loc]
    assert words in errors[0]["msg"]


# ---------------------------------------------------------------- dialogue cards

def test_dialogue_cards_print_six_to_a_sheet_each_naming_its_topic_and_the_programme(browser, served_version):
    from pypdf import PdfReader

    programme = yaml.safe_load((ROOT / "data" / CURRENT / "program.yml").read_text(encoding="utf-8"))
    topics = {}
    for path in sorted((ROOT / "data" / CURRENT / "sporsmal").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics[data["tema"]] = len(data["spørsmål"])
    total = sum(topics.values())
    assert total == 10
    tab = browser.new_page()
    try:
        tab.goto(served_version.url + "dialogkort/")
        tab.emulate_media(media="print")
        tab.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")  # link colours fade in 125 ms
        cards = tab.evaluate("""() => [...document.querySelectorAll('.kfs-card')].map(c => ({
            topic: c.querySelector('.kfs-card__topic').innerText.trim(),
            meta: c.querySelector('.kfs-card__meta').innerText}))""")
        assert len(cards) == total
        for card in cards:
            assert card["topic"] in topics
            assert programme["tittel"] in card["meta"] and programme["versjonstittel"] in card["meta"]
        # Glossary terms on the cards print as plain text: no underline, no link colour.
        terms = tab.evaluate("""() => [...document.querySelectorAll('.kfs-card a.kfs-term')].map(a => {
            const cs = getComputedStyle(a), parent = getComputedStyle(a.parentElement);
            return {line: cs.textDecorationLine, color: cs.color, parent: parent.color};
        })""")
        assert terms, "a card has a glossary term (Samskaping), so the check means something"
        for term in terms:
            assert term["line"] == "none" and term["color"] == term["parent"], term
        pdf = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    finally:
        tab.close()
    assert len(pdf.pages) == math.ceil(total / 6) == 2
    printed = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert sum(text.count(programme["versjonstittel"]) for text in printed) == total
    for topic, count in topics.items():
        assert sum(text.count(topic) for text in printed) >= count, topic
