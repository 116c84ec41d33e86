"""Tests on the built site: both versions are built strictly, and the HTML is read as a reader gets it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, page, paragraphs, run_build, run_build_all, text

# ---------------------------------------------------------------- the sources' facts are on the site

def test_pilot_municipalities(sites):
    body = text(sites["2021-2022"], "kommuner")
    for name in ["Asker", "Bodø", "Gjesdal", "Høyanger", "Inderøy", "Lillestrøm", "Målselv", "Nes", "Porsgrunn",
                 "Steinkjer", "Stjørdal", "Stranda", "Sunnfjord", "Tynset", "Ullensvang", "Ås"]:
        assert re.search(rf"\b{name}\b", body), name
    for name in ["Sunndal", "Stord", "Fredrikstad", "Larvik"]:  # the pre-pilot
        assert name in body


def test_phases_and_tasks(sites):
    pilot = sites["2021-2022"]
    phases = sorted(p.name for p in (pilot / "faser").iterdir() if p.is_dir())
    assert len(phases) == 5
    model = text(pilot, "faser")
    for title in ["Etableringsfase", "Identifisere muligheter", "Sette mål", "Prøve ut", "Evaluere"]:
        assert title in model
    assert "Forankring" in text(pilot, "faser/etablering")
    regional = sites["2024-2025"]
    assert len([p for p in (regional / "faser").iterdir() if p.is_dir()]) == 5


def test_value_areas_and_goals(sites):
    body = text(sites["2021-2022"], "program")
    for area in ["Attraktiv og relevant", "Inkluderende og mangfoldig", "Utviklende og skapende",
                 "Betydningsfull og mestringsorientert"]:
        assert area in body
    assert "Effektmål" in body and "Resultatmål" in body
    regional = text(sites["2024-2025"], "program")
    assert "Kompetansemål" in regional
    assert "God rolleforståelse" in regional


def test_theme_packs(sites):
    for site in sites.values():
        index = text(site, "temapakker")
        for title in ["Hovedfunn og bakgrunn", "Kulturskolen i samfunnet", "Kulturskole hele livet"]:
            assert title in index
        assert "Kulturskole hele livet" in text(site, "temapakker/kulturskole-hele-livet")


SCHEDULE_2024 = [
    ("Inspirasjonssamling", "15. mars 2024, kl. 09.30–13.30"),
    ("Nasjonalt dialogseminar", "29. april 2024"),  # an open event before the period (extra/13)
    ("Koordinatorsamling 1", "21. august 2024"),
    ("Fellessamling 1", "24.–25. september 2024"),
    ("Veiledning, runde 1", "oktober 2024"),
    ("Koordinatorsamling 2", "29. oktober 2024"),
    ("Fellessamling 2", "26.–27. november 2024"),
    ("Veiledning, runde 2", "januar 2025"),
    ("Koordinatorsamling 3", "23. januar 2025"),
    ("Fellessamling 3", "12.–13. februar 2025"),
    ("Veiledning, runde 3", "mars 2025"),
    ("Koordinatorsamling 4", "29. april 2025"),
    ("Fellessamling 4", "20.–21. mai 2025"),
    ("Veiledning, runde 4", "juni eller august 2025"),
    ("Koordinatorsamling 5", "august 2025"),
    ("Fellessamling 5", "11.–12. september 2025"),
    ("Koordinatorsamling 6", "15.–16. oktober 2025"),
    ("Fellessamling 6", "20.–21. november 2025"),
    ("Veiledning, runde 5", "november–desember 2025"),
    ("Delingsarena", "januar 2026"),
]


def test_schedule_2024_every_item_in_order_with_its_date(sites):
    html = page(sites["2024-2025"], "samlinger")
    rows = re.findall(r"<tr id=\"[^\"]+-rad\">(.*?)</tr>", html, re.S)
    assert len(rows) == len(SCHEDULE_2024)
    for row, (title, when) in zip(rows, SCHEDULE_2024):
        cells = re.sub(r"<[^>]+>", " ", row)
        assert title in cells, (title, cells)
        assert when in " ".join(cells.split()), (when, cells)
    assert "uke 2–3 eller 4" in html and "uke 34 eller 35" in html


def test_fee_and_facts_in_faq(sites):
    program = text(sites["2024-2025"], "program")
    assert "20 000 kroner" in program
    faq = page(sites["2024-2025"], "sporsmal-og-svar")
    assert "[[" not in faq
    assert "20\u00a0000 kroner" in faq  # a non-breaking space keeps the number on one line
    assert "20 000 kroner" in text(sites["2024-2025"], "sporsmal-og-svar")
    assert "Programmet dekker" in program


def test_inspiration_gathering_time_from_the_most_specific_source(sites):
    """The time from the invitation (09.30–13.30) is the gathering's time; the other source's time
    (09:00–14:00) stands only in the note that explains the choice, never as the gathering's time."""
    blocks = paragraphs(page(sites["2024-2025"], "samlinger/inspirasjonssamling"))
    facts = [t for cls, t in blocks if "kfs-note-item" not in cls]
    notes = [t for cls, t in blocks if "kfs-note-item" in cls]
    assert any(t.startswith("Når:") and "kl. 09.30–13.30" in t for t in facts), facts
    assert not any("09.00" in t or "09:00" in t or "14.00" in t for t in facts), facts
    assert any("09:00–14:00" in t and "invitasjonen" in t for t in notes), notes


def test_start_page_says_where_we_are(sites):
    """On 1 November 2024 (the tests' date) Koordinatorsamling 2 (29 October) and the October
    guidance are over; the next item is Fellessamling 2, 26–27 November, with its link."""
    body = text(sites["2024-2025"], "")
    assert "Hvor er vi nå?" in body
    lines = [t for _, t in paragraphs(page(sites["2024-2025"], "")) if t.startswith(("Neste:", "Nå:"))]
    assert lines == ["Neste: Fellessamling 2, 26.–27. november 2024 (digital)."]
    assert 'href="samlinger/fellessamling-2/"' in page(sites["2024-2025"], "")
    assert "Programperioden er over" in text(sites["2021-2022"], "")


# ---------------------------------------------------------------- anchors, language, no other host

def test_question_anchors_come_from_ids(sites):
    html = page(sites["2024-2025"], "sporsmal")
    ids = re.findall(r"^\s+- id: ([a-z0-9-]+)$", (ROOT / "data/2024-2025/sporsmal/fremtidsbilder.yml")
                     .read_text(encoding="utf-8"), re.M)
    assert ids
    for qid in ids:
        assert f'id="{qid}"' in html


def test_heading_anchors_keep_norwegian_letters(sites):
    html = page(sites["2024-2025"], "program")
    assert 'id="søknadsfrist"' in html
    assert 'id="målgruppe"' in html
    assert 'id="sknadsfrist"' not in html


def test_language_and_search(sites):
    for site in sites.values():
        assert '<html lang="nb"' in page(site, "")
        config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
        assert config["lang"] == ["no"]


def test_nothing_loads_from_another_host(sites):
    for site in sites.values():
        for html_file in site.rglob("*.html"):
            html = html_file.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, html_file
            for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
                src = re.search(r"\b(?:src|href)=\"([^\"]+)\"", tag)
                if src and "rel=\"canonical\"" not in tag and "rel=\"alternate\"" not in tag:
                    assert not re.match(r"^(https?:)?//", src.group(1)), (html_file, tag)


# ---------------------------------------------------------------- content model behaviour

@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_copying_a_theme_pack_file_adds_a_page(project, tmp_path):
    packs = project / "data/2024-2025/temapakker"
    source = (packs / "kulturskole-hele-livet.yml").read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^tittel: .*$", "tittel: Kulturskolen og frivilligheten", source, count=1)
    changed = re.sub(r"(?m)^nummer: \d+$", "nummer: 4", changed, count=1)
    assert changed != source
    (packs / "kulturskole-og-frivilligheten.yml").write_text(changed, encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, "2024-2025", site, documents=False)
    assert result.returncode == 0, result.stderr
    assert "Kulturskolen og frivilligheten" in text(site, "temapakker/kulturskole-og-frivilligheten")
    assert "Kulturskolen og frivilligheten" in text(site, "temapakker")
    assert "Kulturskolen og frivilligheten" in page(site, "temapakker/kulturskole-hele-livet")  # in the navigation


def test_html_in_data_stops_the_build_and_braces_stay_text(project, tmp_path):
    """Raw HTML in a text field is a data error (tests/test_safe_text.py has every kind); the
    renderer still escapes what reaches it (`<` and `&`), and Jinja braces from the data stay text."""
    pack = project / "data/2024-2025/temapakker/hovedfunn-og-bakgrunn.yml"
    source = pack.read_text(encoding="utf-8")

    def summary(value: str) -> None:
        changed = re.sub(r"(?m)^sammendrag: [>|]-?\n(  .*\n)+|^sammendrag: .*\n", f"sammendrag: {value}\n", source,
                         count=1)
        assert changed != source
        pack.write_text(changed, encoding="utf-8")

    summary('"Se <script>alert(1)</script> her."')
    refused = run_build(project, "2024-2025", tmp_path / "refused", documents=False)
    assert refused.returncode == 1 and "rå HTML (<script>)" in refused.stderr and "Traceback" not in refused.stderr
    summary("'Se a < b & c og {{ 7*7 }} her.'")
    site = tmp_path / "site"
    result = run_build(project, "2024-2025", site, documents=False)
    assert result.returncode == 0, result.stderr
    html = page(site, "temapakker/hovedfunn-og-bakgrunn")
    assert "a &lt; b &amp; c" in html and "a < b &" not in html
    assert "{{ 7*7 }}" in text(site, "temapakker/hovedfunn-og-bakgrunn")
    assert " 49 " not in text(site, "temapakker/hovedfunn-og-bakgrunn")


def test_build_all_puts_every_version_side_by_side_as_published(built_root):
    assert sorted(p.name for p in built_root.iterdir() if p.is_dir()) == ["2021-2022", "2024-2025"]
    listing = json.loads((built_root / "versions.json").read_text(encoding="utf-8"))
    # Newest first, titles from program.yml, and latest on the newest published version (as publish does).
    assert listing == [
        {"version": "2024-2025", "title": "2024–2025 · regionalt program", "aliases": ["latest"]},
        {"version": "2021-2022", "title": "2021–2022 · pilotprosjekt", "aliases": []},
    ]
    assert 'href="https://example.org/fremtidens-kulturskole/2021-2022/program/"' in page(built_root / "2021-2022", "program")


def test_build_all_builds_nothing_when_one_version_has_errors(project, tmp_path):
    program = project / "data/2021-2022/program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace("\nstatus: publisert\n", "\nstatus: kanskje\n"),
                       encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "gammel.html").write_text("forrige bygg", encoding="utf-8")
    result = run_build_all(project, site)
    assert result.returncode == 1
    assert "data/2021-2022/program.yml:" in result.stderr and "status" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["gammel.html"]  # the earlier build is left as it was


def test_draft_version_says_so_on_every_page(project, tmp_path):
    program = project / "data/2024-2025/program.yml"
    source = program.read_text(encoding="utf-8")
    changed = source.replace("\nstatus: publisert\n", "\nstatus: utkast\n")
    assert changed != source
    program.write_text(changed, encoding="utf-8")
    # A date outside the period is a warning in a draft: the build goes on, the banner lists it.
    gathering = project / "data/2024-2025/samlinger/koordinatorsamling-1.yml"
    gathering.write_text(gathering.read_text(encoding="utf-8").replace("dag: 2024-08-21\n  uker: 34",
                                                                      "dag: 2024-07-21\n  uker: 29"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, "2024-2025", site, documents=False)
    assert result.returncode == 0, result.stderr
    assert "Advarsel: data/2024-2025/samlinger/koordinatorsamling-1.yml" in result.stderr
    for url in ("", "temapakker/kulturskole-hele-livet", "samlinger"):
        html = page(site, url)
        assert "denne programversjonen er ikke ferdig" in html
        assert "1 ting å rette før publisering" in html and "koordinatorsamling-1.yml" in html


def test_nynorsk_is_marked(sites):
    html = page(sites["2024-2025"], "sporsmal-og-svar")
    heading = re.search(r'<h[23] id="kor-mange-samlingar"([^>]*)>', html)
    assert heading and 'lang="nn"' in heading.group(1)
    answer = re.split(r"<h[23]", html[heading.end():], maxsplit=1)[0]
    assert '<div lang="nn">' in answer


def test_changes_page_compares_with_the_version_before(sites):
    from kulturskole.validate import validate_version

    old = validate_version(ROOT / "data", "2021-2022", ROOT).version
    new = validate_version(ROOT / "data", "2024-2025", ROOT).version
    html = page(sites["2024-2025"], "nytt")
    assert "<h1" in html and "Nytt i denne versjonen" in html
    for gid in set(new.gatherings) - set(old.gatherings):
        assert f'href="../samlinger/{gid}/"' in html, gid
    for tid in set(new.tasks) - set(old.tasks):
        assert f'href="../oppgaver/#{tid}"' in html, tid
    assert "20\u00a0000 kroner" in html
    first = page(sites["2021-2022"], "nytt")
    assert "første versjonen" in first


def test_links_page_is_in_the_navigation_and_lists_every_task(sites):
    from kulturskole.validate import validate_version

    version = validate_version(ROOT / "data", "2024-2025", ROOT).version
    html = page(sites["2024-2025"], "lenker").replace("<wbr>", "")  # <wbr>: where an address may wrap
    for tid in version.tasks:
        assert f"/2024-2025/oppgaver/#{tid}</code>" in html and f"/latest/oppgaver/#{tid}</code>" in html
    assert 'href="lenker/"' in page(sites["2024-2025"], "")
