"""Tests of the page «Nytt i denne versjonen»: the comparison of two versions, and the page's Markdown."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import markdown
import pytest

from kulturskole.model import urls
from kulturskole.model.urls import CHANGES
from kulturskole.model.version import Version
from kulturskole.render import format as fmt
from kulturskole.render.changes import ITEM_KINDS, changes_page, compare
from kulturskole.validate import list_versions, validate_version

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"


def load(project: Path, name: str) -> Version:
    result = validate_version(project / "data", name, project)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.version


def bullets(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("- ")]


def section(markdown: str, heading: str) -> str:
    """The text of the `## heading` section, up to the next `## ` heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end if end != -1 else None]


# ---------------------------------------------------------------- the real versions

@pytest.fixture(scope="module")
def real() -> tuple[Version, Version]:
    return load(ROOT, "2021-2022"), load(ROOT, "2024-2025")


def test_real_ids_match_the_set_differences(real):
    old, new = real
    changes = compare(old, new)
    page = changes_page(new, old)
    for kind in ITEM_KINDS:
        before, now = set(getattr(old, kind)), set(getattr(new, kind))
        found = getattr(changes, kind)
        assert set(found.added) == now - before, kind
        assert set(found.removed) == before - now, kind
        assert set(found.changed) <= now & before, kind
        assert len(found.added) == len(set(found.added)) and len(found.removed) == len(set(found.removed))
    # The real data has added, removed and changed items, so the page is tested on each kind of change.
    # (The theme packs are the same in both versions; a changed pack is tested with an edited copy below.)
    assert changes.gatherings.added and changes.gatherings.removed and changes.questions.removed
    assert changes.questions.changed
    assert set(changes.packs.changed) == {pid for pid in set(old.packs) & set(new.packs)
                                          if old.packs[pid].model_dump(exclude={"source", "editorial"})
                                          != new.packs[pid].model_dump(exclude={"source", "editorial"})}
    for gid in changes.gatherings.added:
        assert f"]({urls.md_link(CHANGES, urls.gathering(gid))})" in page, gid
    for qid in changes.questions.added + list(changes.questions.changed):
        assert f"]({urls.md_link(CHANGES, urls.QUESTIONS, qid)})" in page, qid
    for tid in changes.tasks.added:
        assert f"]({urls.md_link(CHANGES, urls.TASKS, tid)})" in page, tid
    removed_questions = bullets(section(page, "Spørsmål").split("### Ikke lenger med", 1)[1])
    assert removed_questions == [f"- {fmt.inline(old.questions[q].text)}" for q in changes.questions.removed]
    for qid in changes.questions.removed:  # their page is gone in this version: no link
        assert f"#{qid})" not in page


def test_real_facts_show_both_values(real):
    old, new = real
    page = changes_page(new, old)
    assert page.startswith("# Nytt i denne versjonen\n")
    assert old.programme.version_title in page and new.programme.version_title in page
    assert old.programme.costs is None  # the pilot has no fee in the data
    fee = fmt.kroner(new.programme.costs.fee)
    assert fee == f"20{NBSP}000 kroner"
    assert f"- Deltakeravgift per kommune: **{fee}** (før: ikke oppgitt)" in page
    assert (f"- Programperiode: **{fmt.period(new.programme.period)}** "
            f"(før: {fmt.period(old.programme.period)})") in page
    # The regional programme period is its three semesters, as in the contract (issue 14); the sharing
    # arena in January 2026 lies after it.
    assert "**august 2024 – desember 2025** (før: september 2021 – desember 2022)" in page
    assert f"- Avtaleperiode: **{fmt.period(new.programme.agreement_period)}** (før: ikke oppgitt)" in page
    assert "- Minste antall deltakere i kommunegruppen: **fire** (før: ikke oppgitt)" in page
    total = f"- Samlinger og møter i tidsplanen, i alt: **{fmt.number(len(new.gatherings))}** " \
            f"(før: {fmt.number(len(old.gatherings))})"
    assert total in page
    keys = [f.key for f in compare(old, new).facts]
    assert {"deltakeravgift", "periode", "avtaleperiode", "kommunegruppe_minimum", "antall_samlinger"} <= set(keys)


def test_same_version_has_no_changes(real):
    _, new = real
    assert compare(new, new).empty
    page = changes_page(new, new)
    assert bullets(page) == []
    assert page.count("Ingen endringer.") == 4
    assert "## Programfakta\n\nIngen endringer i deltakeravgift" in page


# ---------------------------------------------------------------- an edited copy of 2024-2025

NEW = "2026-2027"
QUESTION = "roller-og-ansvar-for-helhetlig-oppvekst"
TASK = "sette-sammen-kommunegruppe"
TASK_TITLE = "Sette sammen kommunegruppen og velge koordinator"
GATHERING = "ekstra-seminar"


def copy_project(dest: Path) -> Path:
    """What validation needs: the data and mkdocs.yml (as in tests/test_site.py)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def edit(path: Path, pattern: str, replacement: str) -> None:
    source = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, source, count=1, flags=re.M | re.S)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Version, Version]:
    project = copy_project(tmp_path_factory.mktemp("project"))
    data = project / "data"
    shutil.copytree(data / "2024-2025", data / NEW)
    v = data / NEW
    edit(v / "program.yml", r"^versjonstittel: .*?$", 'versjonstittel: "2026–2027 · regionalt program"')
    # A draft: its dates still lie in 2024–2026, which is a warning for a draft (validate/dates.py), not an error.
    edit(v / "program.yml", r"^status: publisert$", "status: utkast")
    # 1. the fee
    edit(v / "program.yml", r"^  deltakeravgift: 20000$", "  deltakeravgift: 25000")
    # 2. one question's text
    edit(v / "sporsmal/helhetlig-oppvekst.yml", rf"^(  - id: {QUESTION}\n    tekst: ).*?$",
         r"\1Hvem i kommunen har ansvar for barn og unges oppvekst?")
    # 3. one task removed, with its reference from a gathering
    edit(v / "oppgaver/forberedelser.yml", rf"^  - id: {TASK}\n.*?(?=^  - id: )", "")
    edit(v / "samlinger/fellessamling-1.yml", rf"^  - {TASK}\n", "")
    # 4. one gathering added
    (v / f"samlinger/{GATHERING}.yml").write_text(
        "tittel: Ekstra seminar\ntype: seminar\nnår:\n  dag: 2025-06-10\nkilde: grunnlagsdokument\n",
        encoding="utf-8")
    # Not a change for readers: only the note on the source.
    edit(v / "samlinger/koordinatorsamling-2.yml", r"^kilde: grunnlagsdokument\n",
         "kilde: grunnlagsdokument\nkildemerknad: Datoen er bekreftet på e-post.\n")
    names = list_versions(data)
    previous = names[names.index(NEW) - 1]
    assert previous == "2024-2025"
    return load(project, previous), load(project, NEW)


def test_edited_version_compares_to_exactly_the_edits(edited):
    old, new = edited
    changes = compare(old, new)
    assert [(f.key, f.old, f.new) for f in changes.facts] == [
        ("deltakeravgift", f"20{NBSP}000 kroner", f"25{NBSP}000 kroner"),
        # 2024-2025 already has one seminar, the national dialogue seminar of April 2024 (extra/13).
        ("antall_samlinger", "20", "21"),
        ("antall_seminarer", "1", "to"),
    ]
    assert changes.packs.empty
    assert (changes.questions.added, changes.questions.removed) == ([], [])
    assert changes.questions.changed == {QUESTION: ["tekst"]}
    assert (changes.tasks.added, changes.tasks.removed, changes.tasks.changed) == ([], [TASK], {})
    assert changes.gatherings.added == [GATHERING]
    assert changes.gatherings.removed == []
    # The gathering that used the removed task changed; the one whose source note changed did not.
    assert changes.gatherings.changed == {"fellessamling-1": ["forberedelse"]}


def test_edited_version_page_lists_exactly_the_edits(edited):
    old, new = edited
    page = changes_page(new, old)
    assert "i 2026–2027 · regionalt program, sammenlignet med 2024–2025 · regionalt program." in page
    question = "Hvem i kommunen har ansvar for barn og unges oppvekst?"
    assert bullets(page) == [
        f"- Deltakeravgift per kommune: **25{NBSP}000 kroner** (før: 20{NBSP}000 kroner)",
        "- Samlinger og møter i tidsplanen, i alt: **21** (før: 20)",
        "- Seminarer i tidsplanen: **to** (før: 1)",
        f"- [Ekstra seminar](samlinger/{GATHERING}.md), 10. juni 2025",
        "- [Fellessamling 1: oppstart av regionale program](samlinger/fellessamling-1.md), "
        "24.–25. september 2024: endret forberedelse",
        f"- [{question}](sporsmal.md#{QUESTION}): endret tekst",
        f"- {TASK_TITLE}",
    ]
    assert section(page, "Temapakker").strip() == "## Temapakker\n\nIngen endringer."
    assert "### Nye (1)" in section(page, "Samlinger") and "### Endret (1)" in section(page, "Samlinger")
    assert "### Ikke lenger med (1)" in section(page, "Oppgaver")
    assert f"#{TASK})" not in page
    assert "koordinatorsamling-2" not in page


# ---------------------------------------------------------------- first version, escaping

def test_first_version_has_nothing_to_compare_with(real):
    _, new = real
    page = changes_page(new, None)
    assert page.startswith("# Nytt i denne versjonen\n")
    assert "den første versjonen av programmet som er publisert på dette nettstedet" in page
    assert "ingen tidligere versjon å sammenligne med" in page
    assert new.programme.version_title in page
    assert "## Programfakta" not in page and bullets(page) == []


def test_data_strings_are_escaped(real):
    old, new = real
    new = copy.deepcopy(new)
    old = copy.deepcopy(old)
    evil = "Pakke <script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"
    pid = next(iter(new.packs))
    new.packs[pid] = new.packs[pid].model_copy(update={"title": evil})
    removed = next(q for q in old.questions if q not in new.questions)
    old.questions[removed] = old.questions[removed].model_copy(update={"text": "Fjernet <b>spørsmål</b> {{ x }}"})
    new.programme = new.programme.model_copy(update={"version_title": "Ny <i>versjon</i>"})
    changes = compare(old, new)
    assert "tittel" in changes.packs.changed[pid]
    page = changes_page(new, old)
    for raw in ("<script>", "<b>", "<i>", "{{", "}}"):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#123;&#123; 7*7 &#125;&#125;" in page
    assert "Fjernet &lt;b&gt;spørsmål&lt;/b&gt; &#123;&#123; x &#125;&#125;" in page
    assert "Ny &lt;i&gt;versjon&lt;/i&gt;" in page
    # Brackets in a title stay text: the only link on the line is the one to the pack's page.
    line = next(b for b in bullets(page) if "alert(1)</script>" in b or "&lt;script&gt;" in b)
    html = markdown.markdown(line, extensions=["attr_list"])
    assert html.count("<a ") == 1 and 'href="javascript' not in html, html
    assert f'href="{urls.md_link(CHANGES, urls.pack(pid))}"' in html
    assert changes_page(new, None).count("Ny &lt;i&gt;versjon&lt;/i&gt;") == 1
