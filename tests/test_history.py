"""The pilot version's history («Historikk») and the municipalities' expectations («Hva kommunene
ventet seg»): built only where the data files are, events in date order, the notes on disagreeing
sources shown, every cited source listed at the end with its public address, and a broken date in
historikk.yml reported in bokmål with file and line.

The pages are read from the site built once per session (`sites`); the order of events is also
checked on the renderer's output for a version whose file lists them backwards, and the error
messages on a copy of the pilot data.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kulturskole.model import urls
from kulturskole.model.schema import source_ids
from kulturskole.model.types import MONTH_NAMES
from kulturskole.render import history
from kulturskole.validate import validate_version

from helpers import ROOT, page

PILOT = "2021-2022"
CURRENT = "2024-2025"
HISTORY = urls.url_of(urls.HISTORY).rstrip("/")
EXPECTATIONS = urls.url_of(urls.EXPECTATIONS).rstrip("/")


@pytest.fixture(scope="module")
def pilot():
    result = validate_version(ROOT / "data", PILOT, ROOT)
    assert result.version is not None, result.problems
    return result.version


# ---------------------------------------------------------------- reading a built page


class _Article(HTMLParser):
    """The article of a page: its headings (level, id, text), the text after each h3 up to the
    next heading, the targets of its links, and the list items of the «Kilder» list with their links."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.headings: list[tuple[int, str, str]] = []
        self.after: dict[str, list[str]] = {}
        self.hrefs: list[str] = []
        self.sources: dict[str, list[str]] = {}   # li id (kilde-…) → hrefs inside it
        self.notes: dict[str, str] = {}           # p id (merknad-…) → its text
        self.lang_nn: list[str] = []
        self._heading: list | None = None
        self._current_h3 = ""
        self._source: str | None = None
        self._note: list | None = None
        self._nn: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" or self.depth:
            self.depth += 1
        if not self.depth:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), a.get("id") or "", []]
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if self._source:
                self.sources[self._source].append(a["href"])
        if tag == "li" and (a.get("id") or "").startswith("kilde-"):
            self._source = a["id"]
            self.sources[self._source] = []
        if tag == "p" and (a.get("id") or "").startswith("merknad-"):
            self._note = [a["id"], []]
        if a.get("lang") == "nn":
            self._nn = []

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if self._heading and tag == f"h{self._heading[0]}":
            level, ident, words = self._heading
            title = " ".join("".join(words).split()).rstrip("¶").strip()
            self.headings.append((level, ident, title))
            self._current_h3 = ident if level == 3 else ""
            if level == 3:
                self.after[ident] = []
            self._heading = None
        if tag == "li" and self._source:
            self._source = None
        if tag == "p" and self._note:
            self.notes[self._note[0]] = " ".join("".join(self._note[1]).split())
            self._note = None
        if tag == "span" and self._nn is not None:
            self.lang_nn.append(" ".join("".join(self._nn).split()))
            self._nn = None

    def handle_data(self, data):
        if not self.depth:
            return
        if self._heading:
            self._heading[2].append(data)
        elif self._current_h3:
            self.after[self._current_h3].append(data)
        if self._note:
            self._note[1].append(data)
        if self._nn is not None:
            self._nn.append(data)


def article(html: str) -> _Article:
    parser = _Article()
    parser.feed(html)
    return parser


_DAY = re.compile(r"^(\d{1,2})\. (" + "|".join(MONTH_NAMES) + r") (\d{4})")
_MONTH = re.compile(r"^(" + "|".join(MONTH_NAMES) + r") (\d{4})", re.I)
_YEAR = re.compile(r"^(\d{4})\b")


def first_day(when: str) -> dt.date:
    """The first day of a date as the history page writes it: «6. november 2019», «September 2020 …»,
    «2019»."""
    when = when.strip()
    if m := _DAY.match(when):
        return dt.date(int(m.group(3)), MONTH_NAMES.index(m.group(2)) + 1, int(m.group(1)))
    if m := _MONTH.match(when):
        return dt.date(int(m.group(2)), MONTH_NAMES.index(m.group(1).lower()) + 1, 1)
    if m := _YEAR.match(when):
        return dt.date(int(m.group(1)), 1, 1)
    raise AssertionError(f"no date at the start of {when!r}")


# ---------------------------------------------------------------- the pages exist where the data is


def test_both_pages_are_built_in_the_pilot_version_and_not_in_the_regional_programme(sites, pilot):
    assert not (ROOT / "data" / CURRENT / "historikk.yml").exists()
    assert not (ROOT / "data" / CURRENT / "forventninger.yml").exists()
    for url, title in ((HISTORY, "Historikk"), (EXPECTATIONS, "Hva kommunene ventet seg")):
        html = page(sites[PILOT], url)
        level, _, heading = article(html).headings[0]
        assert (level, heading) == (1, title)
        assert not (sites[CURRENT] / url).exists(), f"{url}/ finnes i {CURRENT}, som ikke har datafila"
        # the menu of each version: the page is there in the pilot and not in the regional programme
        menu = re.search(rf'href="\.\./{url}/"[^>]*>(.*?)</a>', page(sites[PILOT], "program"), re.S)
        assert menu and title in re.sub(r"<[^>]+>", " ", menu.group(1)), f"menyen lenker ikke til «{title}»"
        assert f'{url}/"' not in page(sites[CURRENT], "program")


# ---------------------------------------------------------------- the history


def test_events_are_in_date_order_under_their_year(sites, pilot):
    a = article(page(sites[PILOT], HISTORY))
    years = [(ident, title) for level, ident, title in a.headings if level == 2 and ident.startswith("ar-")]
    assert [t for _, t in years] == sorted(t for _, t in years), years
    headings = a.headings[:[ident for _, ident, _ in a.headings].index("kilder")]
    events = [(ident, title) for level, ident, title in headings if level == 3]
    assert sorted(ident for ident, _ in events) == sorted(e.id for e in pilot.history.events)
    days, year_of = [], {}
    year = None
    for level, ident, title in headings:
        if level == 2 and ident.startswith("ar-"):
            year = int(title)
        elif level == 3:
            when = " ".join(a.after[ident]).strip()
            day = first_day(when)
            days.append((day, ident))
            year_of[ident] = year
            assert day.year == year, f"«{title}» ({when}) står under {year}"
    assert days == sorted(days, key=lambda d: d[0]), "hendelsene står ikke i datorekkefølge: " + ", ".join(
        f"{d.isoformat()} {i}" for d, i in days)
    # the gatherings are linked, with the date and title from their own file
    for event in pilot.history.events:
        if event.gathering:
            g = pilot.gatherings[event.gathering]
            assert (3, event.id, g.title) in a.headings
            assert f"../samlinger/{event.gathering}/" in a.hrefs


def test_the_page_sorts_events_the_file_lists_out_of_order(pilot):
    """The data file happens to be in date order; the page must not depend on it."""
    backwards = pilot.history.model_copy(update={"events": list(reversed(pilot.history.events))})
    version = type(pilot)(**{**pilot.__dict__, "history": backwards})
    markdown = history.history_page(version)
    ids = re.findall(r"^### .* \{#([a-z0-9-]+)\}$", markdown[:markdown.index("\n## Kilder")], re.M)
    day = {d.event.id: d.day for d in history.history_events(pilot)}
    assert sorted(ids) == sorted(day)
    assert [day[i] for i in ids] == sorted(day[i] for i in ids), ids
    # events on the same day keep the order of the file (here: backwards)
    forwards = [e.id for e in pilot.history.events]
    for first, second in zip(ids, ids[1:]):
        if day[first] == day[second]:
            assert forwards.index(first) > forwards.index(second), (first, second)


def test_a_disagreement_between_sources_is_noted_where_the_event_is(sites, pilot):
    """The online meeting «kulturskole hele livet»: invited 22 September (002), held 6 October (extra/35)."""
    event = next(e for e in pilot.history.events if e.id == "nettmote-kulturskole-hele-livet")
    assert event.day == dt.date(2020, 10, 6) and event.source_note
    html = page(sites[PILOT], HISTORY)
    a = article(html)
    after = " ".join(" ".join(a.after[event.id]).split())
    assert after.startswith("6. oktober 2020, kl. 09.00–11.30")
    section = html[html.index(f'id="{event.id}"'):]
    section = section[:section.index("<h", 10)]
    ref = re.search(r'href="#(merknad-\d+)"', section)
    assert ref, "hendelsen har ingen lenke til merknaden"
    note = a.notes[ref.group(1)]
    assert "22. september" in note and "6. oktober" in note and "9-20" in note and "6–19" in note
    assert f"#{event.id}" in re.search(rf'id="{ref.group(1)}".*?</p>', html, re.S).group(0), \
        "merknaden lenker ikke tilbake til hendelsen"


@pytest.mark.parametrize("url", [HISTORY, EXPECTATIONS])
def test_every_source_cited_on_the_page_is_listed_at_the_end_with_its_link(sites, pilot, url):
    html = page(sites[PILOT], url)
    a = article(html)
    cited = {h[len("#kilde-"):] for h in a.hrefs if h.startswith("#kilde-")}
    assert cited, "siden viser ingen kilder"
    listed = {ident[len("kilde-"):] for ident in a.sources}
    assert cited <= listed, f"kilder vist på siden, men ikke i kildelista: {sorted(cited - listed)}"
    known = {s.id: s for s in pilot.programme.sources}
    for sid in listed:
        if known[sid].url:
            assert known[sid].url in a.sources[f"kilde-{sid}"], f"{sid}: lenken til {known[sid].url} mangler"
    if url == HISTORY:
        wanted = set()
        for event in pilot.history.events:
            wanted |= set(event.sources())
            if event.gathering:
                wanted |= set(source_ids(pilot.gatherings[event.gathering].source))
        assert wanted <= listed, f"kilder i historikk.yml som ikke står i kildelista: {sorted(wanted - listed)}"
        # each event says which sources it builds on, right under it
        for event in pilot.history.events:
            assert any(h.startswith("#kilde-") for h in _hrefs_of(html, event.id)), f"{event.id} viser ingen kilde"
    else:
        assert set(pilot.expectations.sources()) <= listed


def _hrefs_of(html: str, ident: str) -> list[str]:
    start = html.index(f'id="{ident}"')
    end = html.find("<h", start + 10)
    return re.findall(r'href="([^"]+)"', html[start:end if end > 0 else None])


# ---------------------------------------------------------------- the expectations


def test_expectations_keep_the_groups_words_mark_nynorsk_and_the_editors_text(sites, pilot):
    html = page(sites[PILOT], EXPECTATIONS)
    a = article(html)
    questions = [(ident, title) for level, ident, title in a.headings if level == 2 and ident != "kilder"]
    assert [t for _, t in questions] == [q.question for q in pilot.expectations.questions]
    nn = [p.text for q in pilot.expectations.questions for t in q.themes for p in t.items() if p.language == "nn"]
    assert nn and sorted(a.lang_nn) == sorted(" ".join(x.split()) for x in nn)
    assert "Forklart av redaksjonen" in html[:html.index('id="' + questions[0][0])]


# ---------------------------------------------------------------- errors in historikk.yml


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data" / PILOT, tmp_path / "data" / PILOT)
    return tmp_path


def _edit(project: Path, old: str, new: str) -> tuple[str, int]:
    path = project / "data" / PILOT / "historikk.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    last = new.strip().split("\n")[-1]
    line = next(n for n, row in enumerate(text.split("\n"), start=1) if last in row)
    return text, line


@pytest.mark.parametrize("old, new, field, words", [
    ("dag: 2019-11-06", "dag: 2019-11-31", "dag", ["2019-11-31", "ÅÅÅÅ-MM-DD"]),
    ('måned: "2021-01"', 'måned: "2021-13"', "måned", ["ÅÅÅÅ-MM", "2021-13"]),
])
def test_a_broken_date_is_reported_in_bokmal_with_file_and_line(project, old, new, field, words):
    _, line = _edit(project, old, new)
    result = validate_version(project / "data", PILOT, project)
    assert result.version is None
    hits = [p for p in result.problems if p.file == f"data/{PILOT}/historikk.yml"]
    assert len(hits) == 1, "\n".join(map(str, result.problems))
    problem = hits[0]
    assert problem.line == line and problem.field.endswith(field), problem
    for word in words:
        assert word in problem.message, problem.message
    assert not re.search(r"\b(invalid|input|should|error)\b", problem.message, re.I), problem.message


def test_an_event_dated_twice_is_reported(project):
    _, line = _edit(project, "    dag: 2019-11-06\n", "    dag: 2019-11-06\n    år: 2019\n")
    result = validate_version(project / "data", PILOT, project)
    hits = [p for p in result.problems if p.file == f"data/{PILOT}/historikk.yml"]
    assert len(hits) == 1 and "nøyaktig én måte" in hits[0].message and "dag og år" in hits[0].message, hits
