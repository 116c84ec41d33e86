"""Facts in text come from the data everywhere (model/facts.py, validate/prose.py).

A [[name]] in any text field (a section of «Om programmet», a gathering's description, a nynorsk FAQ
answer, a worksheet, a pack summary) reaches the built page, the PDF, the Word worksheet, the calendar
and the open data with the fact's value; the validator finds unknown names with file and line, and
numbers and dates typed in prose that the data holds, without flagging numbers that are not the fact.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from kulturskole.model.facts import FACTS, fact, fact_sources, format_value, resolve, used_facts
from kulturskole.model.schema import source_ids
from kulturskole.render import pdf
from kulturskole.render.worksheet import worksheet_docx
from kulturskole.validate import validate_version
from kulturskole.validate.prose import findings

from helpers import ROOT, copy_project, page, run_build, text

CURRENT = "2024-2025"
PILOT = "2021-2022"


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def value(version, name: str, language: str = "nb") -> str:
    return format_value(fact(version, name, language))


@pytest.fixture(scope="module")
def current():
    result = validate_version(ROOT / "data", CURRENT, ROOT)
    assert result.version is not None, result.problems
    return result.version


# ---------------------------------------------------------------- resolution reaches every output


@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    """A copy of the project with placeholders in a section text, a gathering's summary and
    description, a nynorsk FAQ answer, a pack summary and a worksheet row; and the current version built."""
    project = copy_project(tmp_path_factory.mktemp("facts") / "project")
    data = project / "data" / CURRENT
    program = read(data / "program.yml")
    program.setdefault("avsnitt", []).append({
        "tittel": "Fakta i tekst", "redaksjonell": True,
        "tekst": "[[semestre]] semestre gjør programmet. Det varer fra [[periode]].",
    })
    write(data / "program.yml", program)
    gathering = read(data / "samlinger" / "fellessamling-1.yml")
    gathering["sammendrag"] = "Søknadsfristen var [[søknadsfrist]]."
    gathering["beskrivelse"] = ["Kommunene betaler [[deltakeravgift]] for hele perioden."]
    write(data / "samlinger" / "fellessamling-1.yml", gathering)
    faq = read(data / "faq.yml")
    topic = faq["temaer"][0]["id"] if faq.get("temaer") else None
    faq["spørsmål"].append({
        "id": "fakta-pa-nynorsk", **({"tema": topic} if topic else {}), "språk": "nn", "redaksjonell": True,
        "spørsmål": "Kven kan vi kontakte?",
        "svar": "Kontaktpersonen er [[kontaktperson]]. Programmet varer i [[semestre]] semester.",
    })
    write(data / "faq.yml", faq)
    pack_path = sorted((data / "temapakker").glob("*.yml"))[0]
    pack = read(pack_path)
    pack["sammendrag"] = pack["sammendrag"] + " Programmet har [[antall_fellessamlinger]] fellessamlinger."
    write(pack_path, pack)
    pilot = project / "data" / PILOT / "oppgaver" / "mellomarbeid.yml"
    tasks = read(pilot)
    task = next(t for t in tasks["oppgaver"] if t.get("arbeidsark"))
    task["arbeidsark"]["innledning"].append("Piloten hadde [[antall_pilotkommuner]] kommuner.")
    write(pilot, tasks)
    site = project.parent / "site"
    result = run_build(project, CURRENT, site, documents=False)
    assert result.returncode == 0, result.stderr
    versions = {}
    for name in (CURRENT, PILOT):
        validated = validate_version(project / "data", name, project)
        assert validated.version is not None, validated.problems
        versions[name] = validated.version
    return {"project": project, "site": site, "versions": versions, "pack": pack_path.stem, "task": task["id"]}


def test_a_section_text_reaches_the_programme_page_with_the_values(placed):
    v = placed["versions"][CURRENT]
    said = text(placed["site"], "program")
    semesters = value(v, "semestre")
    assert f"{semesters[:1].upper()}{semesters[1:]} semestre gjør programmet." in said  # a capital at the start
    assert f"Det varer fra {' '.join(value(v, 'periode').split())}." in said
    assert "[[" not in page(placed["site"], "program")


def test_a_gathering_reaches_its_page_the_calendar_and_the_open_data(placed):
    v = placed["versions"][CURRENT]
    site = placed["site"]
    deadline, fee = value(v, "søknadsfrist"), " ".join(value(v, "deltakeravgift").split())
    assert f"Kommunene betaler {fee} for hele perioden." in text(site, "samlinger/fellessamling-1")
    calendar = (site / "samlinger" / "fellessamling-1" / "kalender.ics").read_text(encoding="utf-8")
    assert f"Søknadsfristen var {deadline}." in calendar.replace("\r\n ", "")
    gatherings = json.dumps(json.loads((site / "data" / "samlinger.json").read_text(encoding="utf-8")),
                            ensure_ascii=False)
    assert f"Søknadsfristen var {deadline}." in gatherings
    assert f"Kommunene betaler {value(v, 'deltakeravgift')} for hele perioden." in gatherings
    assert all("[[" not in p.read_text(encoding="utf-8") for p in (site / "data").glob("*.json"))


def test_a_nynorsk_answer_gets_the_nynorsk_form_of_the_fact(placed):
    v = placed["versions"][CURRENT]
    html = page(placed["site"], "sporsmal-og-svar")
    heading = re.search(r'<h[23] id="fakta-pa-nynorsk"[^>]*>', html)
    assert heading and 'lang="nn"' in heading.group(0)
    answer = re.split(r"<h[23]", html[heading.end():], maxsplit=1)[0]
    plain = " ".join(re.sub(r"<[^>]+>", " ", answer).split())
    name_only, with_role = value(v, "kontaktperson", "nn"), value(v, "kontaktperson")
    assert f"Kontaktpersonen er {name_only}." in plain
    assert name_only != with_role and with_role not in plain  # the bokmål role stays out


def test_a_pack_summary_reaches_the_pdf(placed, tmp_path):
    v = placed["versions"][CURRENT]
    source = next(s for s in pdf.pdf_sources(v) if placed["pack"] in s.rel)
    path = tmp_path / "pakke.pdf"
    path.write_bytes(pdf.render_pdf(pdf.pdf_html(v, source, "")))
    said = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    assert f"Programmet har {value(v, 'antall_fellessamlinger')} fellessamlinger." in said
    assert "[[" not in said


def test_a_worksheet_reaches_the_word_document(placed):
    v = placed["versions"][PILOT]
    docx = worksheet_docx(v, v.tasks[placed["task"]])
    body = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode("utf-8")
    words = " ".join(re.sub(r"<[^>]+>", "", body.replace("</w:p>", " ")).split())
    assert f"Piloten hadde {value(v, 'antall_pilotkommuner')} kommuner." in words
    assert "[[" not in words


def test_used_facts_and_their_sources_after_resolution(placed):
    v = placed["versions"][CURRENT]
    section = v.programme.sections[-1]
    assert "[[" not in section.text  # resolved when validated
    assert used_facts(section) == ["semestre", "periode"]
    assert used_facts(v.gatherings["fellessamling-1"]) == ["søknadsfrist", "deltakeravgift"]
    assert fact_sources(v, "periode") == source_ids(v.programme.period.source)
    counted = {s for g in v.gatherings_of("fellessamling") for s in source_ids(g.source)}
    assert set(fact_sources(v, "antall_fellessamlinger")) == counted and counted
    assert resolve(v) is v and used_facts(section) == ["semestre", "periode"]  # again: nothing changes


# ---------------------------------------------------------------- the validator


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "data" / CURRENT, tmp_path / "data" / CURRENT)
    return tmp_path


def add_section(project: Path, body: str) -> int:
    """A new section at the top of «avsnitt» in program.yml; the line its text starts on."""
    path = project / "data" / CURRENT / "program.yml"
    source = path.read_text(encoding="utf-8")
    assert "\navsnitt:\n" in source
    head, tail = source.split("\navsnitt:\n", 1)
    lines = ["  - tittel: Prøve", "    redaksjonell: true", "    tekst: >-", *[f"      {x}" for x in body.split("\n")]]
    path.write_text(head + "\navsnitt:\n" + "\n".join(lines) + "\n" + tail, encoding="utf-8")
    return head.count("\n") + 2 + 4  # «avsnitt:», then «- tittel», «redaksjonell», «tekst», the text


def problems(project: Path) -> list:
    return validate_version(project / "data", CURRENT, project).problems


def test_an_unknown_fact_in_a_section_text_is_an_error_with_file_and_line(project):
    first = add_section(project, "Første linje uten fakta.\nHer står [[antall_samlinger]] samlinger.")
    found = [p for p in problems(project) if "[[antall_samlinger]]" in p.message]
    assert len(found) == 1, found
    assert found[0].file == f"data/{CURRENT}/program.yml"
    assert found[0].line == first + 1  # the line the placeholder stands on
    assert found[0].field == "avsnitt[0].tekst"
    assert "er ikke et kjent programfaktum" in found[0].message


def test_a_contradicting_and_a_duplicated_number_in_prose_are_errors(project, current):
    count = fact(current, "antall_koordinatorsamlinger")[1]
    wrong = format_value(("antall", count + 1))
    first = add_section(project, f"Koordinatorene møtes på {wrong} koordinatorsamlinger.\n"
                                 f"Kommunegruppene har {count} koordinatorsamlinger i tillegg.")
    found = [p for p in problems(project) if p.file.endswith("program.yml") and p.field == "avsnitt[0].tekst"]
    assert len(found) == 2, found
    contradiction, duplicate = sorted(found, key=lambda p: p.line)
    assert contradiction.line == first
    assert f"sier «{wrong} koordinatorsamlinger», men dataene har {format_value(('antall', count))}" \
        in contradiction.message
    assert duplicate.line == first + 1
    assert "står også i dataene" in duplicate.message and "[[antall_koordinatorsamlinger]]" in duplicate.message


@pytest.mark.parametrize("name, phrase", [
    ("antall_fellessamlinger", "Det blir {n} fellessamlinger."),
    ("antall_fellessamlinger", "Det blir {digits} fellessamlingar."),
    ("semestre", "Programmet varer i {n} semestre."),
    ("antall_fysiske_fellessamlinger", "Det er {n} fysiske og noen digitale."),
    ("kommunegruppe_minimum", "Gruppen har minst {n} deltakere."),
    ("deltakeravgift", "Avgiften er {kroner}."),
    ("søknadsfrist", "Søk innen {date}."),
    ("dato_inspirasjonssamling", "Samlingen er {date}."),
    ("periode", "Programmet går {period}."),
])
def test_each_fact_is_found_in_prose(current, name, phrase):
    typed = fact(current, name)
    assert typed is not None, name
    n = typed[1]
    said = phrase.format(n=format_value(typed) if typed[0] == "antall" else "", digits=n, kroner=format_value(typed),
                         date=format_value(typed), period=format_value(typed))
    found = findings(current, said)
    assert [(f.fact, f.contradicts) for f in found] == [(name, False)], (said, found)


@pytest.mark.parametrize("said", [
    "Dette skjer i fase 2 og på Fellessamling 1.",
    "Etter 2. fellessamling og før samling 3.",
    "Rapporten kom i 2024, og 2025 er neste år.",
    "Det er 2–3 møter per semester.",
    "De hadde seks fellessamlingar og seks koordinatorsamlingar i året.",
    "Mellomarbeidet gjøres mellom to fellessamlinger.",
    "De to første fellessamlingene var fysiske.",
    "Kilden sier «seks fellessamlinger og tre semestre».",
    "> Et sitat: fire fellessamlinger.",
    "Det kom inn 55 søknader, og 300 kommuner meldte seg på.",
    "Et budsjett på 2 000 000 kroner.",
    "Påmeldingsfrist 1. april 2022.",
    "Skriv [[semestre]] semestre.",
])
def test_numbers_that_are_not_the_fact_are_left_alone(current, said):
    assert findings(current, said) == []


def test_the_quoted_fields_keep_their_wording(project, current):
    """A FAQ question is the municipalities' own words, and a «kildemerknad» says what the sources say:
    both may say «tre semestre»."""
    said = f"{value(current, 'semestre')} semestre"
    path = project / "data" / CURRENT / "faq.yml"
    faq = read(path)
    faq["spørsmål"][0]["spørsmål"] = f"Hva betyr tidsbruk i {said}?"
    write(path, faq)
    path = project / "data" / CURRENT / "samlinger" / "fellessamling-1.yml"
    gathering = read(path)
    gathering["kildemerknad"] = f"Grunnlagsdokumentet sier {said}, nettsiden sier noe annet."
    write(path, gathering)
    assert problems(project) == []


def test_known_facts_are_documented():
    """Every fact is listed for editors in the README and in the FAQ answer's field description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in FACTS if f"`[[{name}]]`" not in readme]
    assert not missing, missing
