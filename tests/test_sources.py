"""Sources on the built pages: every page with programme facts ends with one «Kilder» section that
names each source its data cites (the title linked to the public document when the source has an
address) and links back to the places that use it; the editors' own text is marked «Forklart av
redaksjonen»; a theme pack says which of its parts are not published yet, and whom to ask.

Both versions as built (`sites`), and one copy of the project (`marked_site`) where a source has an
address, the theme packs' shared block is filled in, one pack has every part, and one glossary term
and one FAQ answer are the editors' own while another of each has a source.
"""

from __future__ import annotations

import copy
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kulturskole.model import urls
from kulturskole.model.facts import fact_sources, used_facts
from kulturskole.model.schema import source_ids
from kulturskole.model.structure import site_structure
from kulturskole.render import pages, pdf
from kulturskole.render.sources import EDITORIAL_LABEL, Place, _places
from kulturskole.validate import validate_version

from helpers import ROOT, copy_project, page, run_build

PILOT = "2021-2022"
CURRENT = "2024-2025"
VERSIONS = (PILOT, CURRENT)

#: The kinds of page with no programme facts of their own: presentations (their gathering's or
#: pack's page has the sources), the dialogue cards (cut out and used at a table), and the pages
#: about the site and its data.
NO_SOURCES = {"presentasjon-samling", "presentasjon-temapakke", "presentasjon-sporsmal", "dialogkort",
              "nytt", "apne-data", "lenker"}


# ---------------------------------------------------------------- reading a page


class _Page(HTMLParser):
    """The article of a page: every id, every link, the h2 headings, and the «Kilder» section's
    source entries (`li id="kilde-…"`: their text and links) and links."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.in_sources = False
        self.ids: dict[str, bool] = {}          # id → inside the «Kilder» section
        self.links: list[tuple[str, bool]] = []  # (href, inside the «Kilder» section)
        self.h2: list[str] = []
        self.kilder_headings = 0
        self.entries: dict[str, dict] = {}       # source id → {"text": str, "links": [(href, text)]}
        self._entry: str | None = None
        self._entry_depth = 0
        self._link: list | None = None
        self._h2: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "h2":
            self._h2 = []
            if a.get("id") == "kilder":
                self.in_sources = True
                self.kilder_headings += 1
            elif self.in_sources:
                self.in_sources = False  # another section after «Kilder»: reported by the test
        if a.get("id"):
            self.ids[a["id"]] = self.in_sources
        if self._entry is not None and tag == "li":
            self._entry_depth += 1
        if tag == "li" and (a.get("id") or "").startswith("kilde-") and self.in_sources:
            self._entry = a["id"].removeprefix("kilde-")
            self._entry_depth = 1
            self.entries[self._entry] = {"text": "", "links": []}
        if tag == "a" and a.get("href") is not None:
            if "headerlink" not in (a.get("class") or ""):
                self.links.append((a["href"], self.in_sources))
            self._link = [a["href"], ""]

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        if tag == "h2" and self._h2 is not None:
            self.h2.append(" ".join("".join(self._h2).replace("¶", "").split()))
            self._h2 = None
        if tag == "a" and self._link is not None:
            if self._entry is not None:
                self.entries[self._entry]["links"].append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if tag == "li" and self._entry is not None:
            self._entry_depth -= 1
            if not self._entry_depth:
                self._entry = None

    def handle_data(self, data):
        if self._h2 is not None:
            self._h2.append(data)
        if self._link is not None:
            self._link[1] += data
        if self._entry is not None:
            self.entries[self._entry]["text"] += data


def read(site: Path, url: str) -> _Page:
    parser = _Page()
    parser.feed(page(site, url))
    return parser


def folder(src: str) -> str:
    return urls.url_of(src).rstrip("/")


@pytest.fixture(scope="module")
def versions():
    out = {}
    for name in VERSIONS:
        result = validate_version(ROOT / "data", name, ROOT)
        assert result.version is not None, result.problems
        out[name] = result.version
    return out


def expected_sources(version, kind: str, key: str) -> set[str]:
    """The sources the data of a page names, which its «Kilder» section must list."""
    v = version
    if kind == "samling":
        return set(source_ids(v.gatherings[key].source))
    if kind == "tidsplan":
        return {s for g in v.gatherings.values() for s in source_ids(g.source)}
    if kind == "oppgaver":
        return {s for t in v.tasks.values() for s in source_ids(t.source)}
    if kind == "temapakke":
        return set(v.packs[key].sources())
    if kind == "temapakker":
        return {s for p in v.packs.values() for s in p.sources()}
    if kind == "sporsmal":
        return {s for q in v.questions.values() for s in q.sources()}
    if kind == "ressurser":
        return {s for r in v.resources.values() for s in r.sources()}
    if kind == "kommuner":
        return {s for g in v.municipalities.groups for s in source_ids(g.source)}
    if kind == "faq":
        return {s for e in v.faq.entries for s in [*e.sources(), *(x for n in used_facts(e) for x in fact_sources(v, n))]}
    if kind == "ordliste":
        return {s for t in v.glossary.terms for s in [*t.sources(), *(x for n in used_facts(t) for x in fact_sources(v, n))]}
    if kind == "program":
        return {s.id for s in v.programme.sources}
    if kind == "fase":
        phase = v.phases[key]
        return set(phase.sources()) if phase.tasks or (phase.description and not phase.is_editorial("beskrivelse")) \
            else set()
    return set()


# ---------------------------------------------------------------- every page ends with its sources


@pytest.mark.parametrize("name", VERSIONS)
def test_every_page_with_programme_facts_ends_with_one_sources_section(sites, versions, name):
    version = versions[name]
    checked = 0
    for p in site_structure(version):
        if p.kind in NO_SOURCES:
            continue
        found = read(sites[name], folder(p.src))
        where = f"{name}/{folder(p.src)}"
        expected = expected_sources(version, p.kind, p.key)
        assert 'class="kfs-source"' not in page(sites[name], folder(p.src)), where  # no «Kilde: X.» lines
        if not expected and not found.kilder_headings:
            continue  # nothing on the page comes from a source (the editors' own text only)
        assert found.kilder_headings == 1, (where, found.h2)
        assert found.h2[-1] == "Kilder", (where, found.h2)
        assert found.entries, where
        # Every source the page's data names is in the section.
        missing = expected - set(found.entries)
        assert not missing, (where, missing)
        titles = {s.id: s for s in version.programme.sources}
        for sid, entry in found.entries.items():
            source = titles[sid]
            assert " ".join(source.title.split()) in " ".join(entry["text"].split()), (where, sid)
            # Its title is a link to the public document when the source has an address.
            if source.url:
                assert (source.url, " ".join(source.title.split())) in entry["links"], (where, sid, entry["links"])
        # Each link back leads to a place on the page before the section; each «Kilde 2» to an entry.
        for href, inside in found.links:
            if not href.startswith("#"):
                continue
            target = href[1:]
            assert target in found.ids, (where, href)
            if inside and not target.startswith("merknad-") and target != "kilder":
                assert not found.ids[target], (where, href)  # the place, not the section itself
            if target.startswith("kilde-"):
                assert found.ids[target] and target.removeprefix("kilde-") in found.entries, (where, href)
        checked += 1
    assert checked > 20


def test_each_place_that_cites_a_source_is_linked_from_it(sites, versions):
    """The schedule's rows link back from their source; a gathering's FAQ-like facts are cited where
    they stand; an FAQ answer names its source by number, and the number leads to the entry."""
    version = versions[CURRENT]
    found = read(sites[CURRENT], "samlinger")
    for gid, g in version.gatherings.items():
        for sid in source_ids(g.source):
            assert f"#{gid}-rad" in [h for h, _ in found.entries[sid]["links"]], (gid, sid)
    faq = page(sites[CURRENT], "sporsmal-og-svar")
    first = next(e for e in version.faq.entries if e.sources())
    answer = faq.split(f'id="{first.id}"', 1)[1].split("<h", 1)[0]
    reference = re.search(r'<p class="kfs-srcref">(<a href="#kilde-[^"]+">Kilde \d+</a>.*?)</p>', answer)
    assert reference, answer
    for sid in first.sources():
        assert f'href="#kilde-{sid}"' in reference.group(1)
        assert f"#{first.id}" in [h for h, _ in read(sites[CURRENT], "sporsmal-og-svar").entries[sid]["links"]]


def test_source_notes_stand_once_as_numbered_notes_at_the_end(sites, versions):
    """A gathering's «kildemerknad» is a numbered note in «Kilder», referred to where the date stands."""
    for name in VERSIONS:
        for gid, g in versions[name].gatherings.items():
            if not g.source_note:
                continue
            html = page(sites[name], f"samlinger/{gid}")
            body, end = html.split('id="kilder"', 1)
            first = " ".join(g.source_note.split())[:40]
            assert first in " ".join(re.sub(r"<[^>]+>", "", end).split()), gid
            assert first not in " ".join(re.sub(r"<[^>]+>", "", body).split()), gid
            assert 'href="#merknad-1"' in body and 'id="merknad-1"' in end, gid


# ---------------------------------------------------------------- a copy with addresses, packs and editorial text

SOURCE_URL = "https://www.kulturskoleradet.no/fremtidens-kulturskole/grunnlagsdokument"
SERIES = {
    "beskrivelse": "Temapakkene er materiell til møter i kommunene.",
    "består_av": ["En presentasjon med stikkord", "En kjøreplan", "Forberedelse med refleksjonsspørsmål"],
    "metode": ["Deltakerne forbereder seg", "Møtet følger kjøreplanen"],
    "målgruppe": ["Kommunegrupper"],
    "bygger_på": "pa-vei-mot-fremtidens-kulturskole",
    "lansert": "2024-03-01",
    "lansering": "Pakkene ble sendt ut til fylkesavdelingene.",
    "kilde": "nettside",
    "redaksjonell": ["metode"],
}
COMPLETE_USE = {
    "kjøreplan": [{"steg": "Velkommen", "minutter": 10}, {"steg": "Samtale", "minutter": 25}],
    "lysbilder": [{"tittel": "Hvorfor?", "stikkord": ["Livslang læring"], "steg": 1}],
    "forberedelse": "Les kapittelet i rapporten.",
    "refleksjonsspørsmål": ["hva-kan-programmet-bidra-med"],
}
COMPLETE_PACK = "kulturskole-hele-livet"
BARE_PACK = "kulturskolen-i-samfunnet"


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory):
    """The current version, copied: the source «grunnlagsdokument» has its address, publisher and date;
    the theme packs' block is filled in; one pack has every part; the first glossary term and the first
    FAQ answer are the editors' own, the second of each has a source and no editorial mark."""
    project = copy_project(tmp_path_factory.mktemp("sources") / "project")
    data = project / "data" / CURRENT

    def programme(d):
        for s in d["kilder"]:
            if s["id"] == "grunnlagsdokument":
                s.update({"lenke": SOURCE_URL, "utgiver": "Norsk kulturskoleråd og KS", "dato": "2024-01-15"})
        d["temapakker"] = SERIES

    def complete(d):
        d["bruk"] = COMPLETE_USE

    def bare(d):
        d.pop("bruk", None)

    def glossary(d):
        d["begreper"][0].update({"redaksjonell": True})
        d["begreper"][0].pop("kilde", None)
        d["begreper"][1].update({"kilde": "grunnlagsdokument"})
        d["begreper"][1].pop("redaksjonell", None)

    def faq(d):
        d["spørsmål"][0].update({"redaksjonell": ["svar"]})  # the question from a source, the answer our own
        d["spørsmål"][1].update({"kilde": "grunnlagsdokument"})
        d["spørsmål"][1].pop("redaksjonell", None)

    _edit(data / "program.yml", programme)
    _edit(data / "temapakker" / f"{COMPLETE_PACK}.yml", complete)
    _edit(data / "temapakker" / f"{BARE_PACK}.yml", bare)
    _edit(data / "ordliste.yml", glossary)
    _edit(data / "faq.yml", faq)
    result = validate_version(project / "data", CURRENT, project)
    assert result.version is not None, result.problems
    site = project / "site"
    built = run_build(project, CURRENT, site, documents=False)
    assert built.returncode == 0, built.stdout + built.stderr
    return result.version, site


def test_a_source_with_an_address_is_a_link_with_its_publisher_and_date(marked_site):
    version, site = marked_site
    for url in ("samlinger", "program", "samlinger/fellessamling-1"):
        entry = read(site, url).entries["grunnlagsdokument"]
        assert (SOURCE_URL, "Grunnlagsdokument for regionale program 2024–2025") in entry["links"], (url, entry)
        assert "Norsk kulturskoleråd og KS, 15. januar 2024" in entry["text"], entry["text"]
    # A source without an address stays plain text; one with an address links to it.
    sources = {s.id: s for s in version.programme.sources}
    for url in ("sporsmal", "program"):
        for sid, entry in read(site, url).entries.items():
            addresses = [h for h, _ in entry["links"] if h.startswith("http")]
            assert addresses == ([sources[sid].url] if sources[sid].url else []), (url, sid, addresses)


def _entry_html(html: str, anchor: str) -> str:
    """The HTML of a glossary entry or FAQ answer: from its heading to the next heading."""
    return re.split(r"<h[23]", html.split(f'id="{anchor}"', 1)[1], maxsplit=1)[0]


def test_editorial_glossary_term_and_faq_answer_are_marked_and_sourced_ones_are_not(marked_site):
    version, site = marked_site
    glossary = page(site, "ordliste")
    editorial, sourced = version.glossary.terms[0], version.glossary.terms[1]
    assert EDITORIAL_LABEL in _entry_html(glossary, editorial.id)
    assert 'class="kfs-editorial"' in _entry_html(glossary, editorial.id)
    assert EDITORIAL_LABEL not in _entry_html(glossary, sourced.id)
    assert 'href="#kilde-grunnlagsdokument"' in _entry_html(glossary, sourced.id)
    faq = page(site, "sporsmal-og-svar")
    editorial_answer, sourced_answer = version.faq.entries[0], version.faq.entries[1]
    assert EDITORIAL_LABEL in _entry_html(faq, editorial_answer.id)
    assert EDITORIAL_LABEL not in _entry_html(faq, sourced_answer.id)
    assert 'href="#kilde-grunnlagsdokument"' in _entry_html(faq, sourced_answer.id)


def test_editorial_text_keeps_its_label_in_print(versions):
    """The PDF of a theme pack is made from the page's Markdown: the label is words, so print keeps it."""
    version = copy.deepcopy(versions[CURRENT])
    pid = next(iter(version.packs))
    version.packs[pid].editorial = True
    html = pdf.body_html(pages.pack_page(version, pid), urls.pack(pid), "https://example.org/")
    assert EDITORIAL_LABEL in html
    printed = subprocess.run(["pdftotext", "-", "-"], input=pdf.render_pdf(pdf.pdf_html(version, pdf.PdfSource(
        urls.pack_pdf(pid), "Test", urls.pack(pid), "", pages.pack_page(version, pid)), "https://example.org/")),
        capture_output=True, check=True).stdout.decode("utf-8")
    assert EDITORIAL_LABEL in printed


# ---------------------------------------------------------------- theme packs say what they are


def test_pack_pages_show_the_shared_block(marked_site):
    version, site = marked_site
    listing = page(site, "temapakker")
    about = listing.split('id="om-temapakkene"', 1)[1].split("<h2", 1)[0]
    for text in [SERIES["beskrivelse"], *SERIES["består_av"], *SERIES["metode"], *SERIES["målgruppe"],
                 SERIES["lansering"], "1. mars 2024"]:
        assert text in about, text
    report = version.resources[SERIES["bygger_på"]]
    assert f'href="../ressurser/#{report.id}"' in about and report.title in about
    # The method is the editors' own (`redaksjonell: [metode]`): marked, and only it.
    assert EDITORIAL_LABEL in about.split("Slik er pakkene ment å brukes", 1)[1].split(SERIES["metode"][0], 1)[0]
    assert about.count(EDITORIAL_LABEL) == 1
    short = page(site, f"temapakker/{COMPLETE_PACK}").split('id="om-temapakkene"', 1)[1].split("<h2", 1)[0]
    assert SERIES["består_av"][0] in short and report.title in short and "1. mars 2024" in short
    assert SERIES["metode"][0] not in short and 'href="../#om-temapakkene"' in short


def test_a_pack_without_its_parts_says_so_and_whom_to_ask(marked_site, sites):
    version, site = marked_site
    contact = version.programme.contact
    box = page(site, f"temapakker/{BARE_PACK}").split('class="kfs-kit-missing"', 1)[1].split("</div>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", "", box).split())
    assert "Presentasjonen, kjøreplanen og refleksjonsspørsmålene til denne pakken er ikke publisert" in text
    assert contact.name in text and f'href="mailto:{contact.email}"' in box
    # The pilot version has no contact: its owners are named instead.
    pilot = page(sites[PILOT], f"temapakker/{BARE_PACK}").split('class="kfs-kit-missing"', 1)[1].split("</div>", 1)[0]
    assert "Norsk kulturskoleråd" in pilot and "mailto:" not in pilot


def test_a_pack_with_every_part_has_no_such_box(marked_site):
    version, site = marked_site
    html = page(site, f"temapakker/{COMPLETE_PACK}")
    assert "kfs-kit-missing" not in html and "ikke publisert" not in html
    assert 'href="kjoreplan/"' in html and 'href="presentasjon/"' in html
    assert "Refleksjonsspørsmål" in html and version.questions["hva-kan-programmet-bidra-med"].text in html


def test_places_that_end_in_their_own_question_mark_get_no_extra_punctuation():
    """«Brukt i:» after FAQ questions: one a line, no «?,» or «?.»; ordinary titles: a list that ends in «.»."""
    asked = _places([Place("Hva koster det?", "a"), Place("Når er samlingene?", "b")])
    assert "?," not in asked and "?." not in asked and asked.count('class="kfs-sources__place"') == 2
    listed = _places([Place("Formål", "a"), Place("Kostnader", "b")])
    assert "Brukt i: [Formål](#a), [Kostnader](#b)." in listed


def test_a_task_whose_phase_the_editors_chose_says_so_and_a_sourced_topic_description_is_cited(sites, versions):
    """The pilot's mellomarbeid 1 is linked to a phase by the editors (`redaksjonell: [faser]`): the task
    page says so beside the phase. A question topic's description with a source is cited at the topic."""
    version = versions["2021-2022"]
    chosen = [k for k, t in version.tasks.items() if t.phases and t.is_editorial("faser")]
    assert chosen
    html = page(sites["2021-2022"], "oppgaver")
    for key in chosen:
        entry = html[html.index(f'id="{key}"'):]
        entry = entry[: entry.index("</h2>", 1)] if "</h2>" in entry[1:] else entry
        assert "Fasen er redaksjonens forslag." in entry, key
    sourced = [(k, t) for k, t in version.topics.items() if t.description and t.sources()]
    assert sourced
    bank = read(sites["2021-2022"], "sporsmal")
    for key, topic in sourced:
        for sid in topic.sources():
            assert f"#{key}" in [h for h, _ in bank.entries[sid]["links"]], (key, sid)
