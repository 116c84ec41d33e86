"""The schedule timeline and the phase cycle: SVG drawn from the data, on the built pages and in Chromium."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kulturskole.model import urls
from kulturskole.model.labels import kind_label
from kulturskole.render import figures
from kulturskole.render import format as fmt
from kulturskole.validate import validate_version

from helpers import ROOT, copy_project, page, run_build

NS = "{http://www.w3.org/2000/svg}"
VERSIONS = ("2021-2022", "2024-2025")


def load(version: str, root: Path = ROOT):
    return validate_version(root / "data", version, root).version


@pytest.fixture(scope="module")
def versions():
    return {v: load(v) for v in VERSIONS}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def svg_in(html: str, css_class: str) -> ET.Element:
    """The figure's SVG from a built page, parsed as XML (it must be well-formed to parse)."""
    start = html.index(f'class="{css_class}"')
    start = html.rindex("<svg", 0, start)
    return ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])


def figure_html(html: str, css_class: str) -> str:
    start = html.rindex("<figure", 0, html.index(f'class="{css_class}"'))
    return html[start:html.index("</figure>", start) + len("</figure>")]


def links(svg: ET.Element, track: bool = False) -> list[ET.Element]:
    return [a for a in svg.iter(f"{NS}a") if ("kfs-track" in a.get("class", "")) == track]


def title_of(element: ET.Element) -> str:
    return element.find(f"{NS}title").text


class Axis:
    """Day to x, from the figure's own geometry: each day a slot of equal width from x0 to x1."""

    def __init__(self, svg: ET.Element) -> None:
        self.start = dt.date.fromisoformat(svg.get("data-start"))
        self.end = dt.date.fromisoformat(svg.get("data-end"))
        self.x0, self.x1 = float(svg.get("data-x0")), float(svg.get("data-x1"))
        self.scale = (self.x1 - self.x0) / ((self.end - self.start).days + 1)

    def left(self, d: dt.date) -> float:
        return self.x0 + (d - self.start).days * self.scale

    def right(self, d: dt.date) -> float:
        return self.left(d) + self.scale


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, mon = (int(p) for p in month.split("-"))
    first = dt.date(year, mon, 1)
    return first, dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)


# ---------------------------------------------------------------- the timeline, from the function

def test_every_gathering_is_one_link_to_its_page(versions):
    version = versions["2024-2025"]
    svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
    hrefs = [a.get("href") for a in links(svg)]
    assert sorted(hrefs) == sorted(f"{gid}/" for gid in version.gatherings)
    assert len(hrefs) == len(set(hrefs)) == 20  # the 19 rows of the schedule in the foundation document and the open seminar
    for a in links(svg):
        g = version.gatherings[a.get("href").rstrip("/")]
        name = title_of(a)
        assert name.startswith(g.title), name
        assert fmt.gathering_when(g) in name, name


def test_axis_covers_the_period_and_every_gathering(versions):
    for version in versions.values():
        svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
        p = version.programme.period
        assert svg.get("data-period-start") == f"{p.start}-01"
        assert svg.get("data-period-end") == month_bounds(p.end)[1].isoformat()
        axis = Axis(svg)
        assert axis.start.day == 1 and axis.start <= min(g.when.first_day() for g in version.gatherings.values())
        assert axis.end >= max(g.when.last_day() for g in version.gatherings.values())
        assert axis.start <= dt.date.fromisoformat(svg.get("data-period-start"))
        # The programme period bracket runs from the first day of its first month to the end of its last.
        bracket = svg.find(f".//{NS}g[@class='kfs-period']/{NS}path").get("d")
        xs = [float(v) for v in re.findall(r"[MH]([\d.]+)", bracket)]
        assert xs[0] == pytest.approx(axis.left(month_bounds(p.start)[0]), abs=0.01)
        assert xs[1] == pytest.approx(axis.right(month_bounds(p.end)[1]), abs=0.01)


def test_day_precise_gatherings_sit_at_the_x_of_their_date(versions):
    checked = 0
    for version in versions.values():
        svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
        axis = Axis(svg)
        for a in links(svg):
            g = version.gatherings[a.get("href").rstrip("/")]
            if not g.when.is_day_precise():
                continue
            circles = a.findall(f"{NS}circle")
            assert len(circles) == 1 and not a.findall(f"{NS}rect"), g.title
            first, last = g.when.first_day(), g.when.last_day()
            assert float(circles[0].get("cx")) == pytest.approx((axis.left(first) + axis.right(last)) / 2, abs=0.01)
            checked += 1
    assert checked >= 15
    # One by hand: Koordinatorsamling 1 on 21 August 2024 lies 20.5 days into August.
    version = versions["2024-2025"]
    svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
    axis = Axis(svg)
    mark = next(a for a in links(svg) if a.get("href") == "koordinatorsamling-1/").find(f"{NS}circle")
    assert float(mark.get("cx")) == pytest.approx(axis.left(dt.date(2024, 8, 1)) + 20.5 * axis.scale, abs=0.01)


def test_month_precision_gatherings_are_bars_over_their_span(versions):
    exact = 0
    for version in versions.values():
        svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
        axis = Axis(svg)
        for a in links(svg):
            g = version.gatherings[a.get("href").rstrip("/")]
            if g.when.is_day_precise():
                continue
            bars = a.findall(f"{NS}rect")
            assert bars and not a.findall(f"{NS}circle"), g.title
            w = g.when
            months = sorted(w.month_choice) if w.month_choice else [None]
            assert len(bars) == len(months), g.title  # «juni eller august»: two bars, not one over July
            for bar, month in zip(bars, months):
                first, last = month_bounds(month) if month else (w.first_day(), w.last_day())
                x, width = float(bar.get("x")), float(bar.get("width"))
                assert x >= axis.left(first) - 0.01 and x + width <= axis.right(last) + 0.01, g.title
                assert width >= 7 * axis.scale - 0.01, g.title  # at least a week wide
                if w.weeks is None:  # no weeks stated: the whole month or months
                    assert x == pytest.approx(axis.left(first), abs=0.01)
                    assert x + width == pytest.approx(axis.right(last), abs=0.01)
                    exact += 1
    assert exact >= 4
    # Weeks narrow a month: veiledning 2 is «januar 2025, uke 2–5», from Monday 6 January.
    svg = parse(figures.timeline_svg(versions["2024-2025"], urls.SCHEDULE))
    axis = Axis(svg)
    bar = next(a for a in links(svg) if a.get("href") == "veiledning-2/").find(f"{NS}rect")
    assert float(bar.get("x")) == pytest.approx(axis.left(dt.date(2025, 1, 6)), abs=0.01)


def test_one_row_per_kind_and_mode_not_by_colour_alone(versions):
    version = versions["2024-2025"]
    svg = parse(figures.timeline_svg(version, urls.SCHEDULE))
    rows = svg.findall(f".//{NS}g[@class='kfs-row']")
    kinds = [r.get("data-kind") for r in rows]
    assert sorted(kinds) == sorted({g.kind for g in version.gatherings.values()})
    names = parse(figures.timeline_labels_svg(version)).findall(f"{NS}text[@class='kfs-row-label']")
    assert [(t.get("data-kind"), t.text) for t in names] == [(k, kind_label(k)) for k in kinds]
    for row in rows:
        for a in row.findall(f"{NS}a"):
            assert version.gatherings[a.get("href").rstrip("/")].kind == row.get("data-kind")
    styles = {}
    for a in links(svg):
        g = version.gatherings[a.get("href").rstrip("/")]
        for shape in a:
            if shape.tag in (f"{NS}circle", f"{NS}rect"):
                assert f"kfs-mode--{g.mode or 'ukjent'}" in shape.get("class")
                styles[g.mode] = (shape.get("fill"), shape.get("stroke-dasharray"))
        assert (g.mode or "form ikke oppgitt") in title_of(a)
    assert styles["fysisk"][0] != "#ffffff"                     # filled
    assert styles["digital"] == ("#ffffff", None)               # outlined
    assert styles[None][1] is not None                          # dashed
    # The legend, in words, under the drawing (figures.timeline_legend), with the same marks.
    legend = figures.timeline_legend(version)
    for word in ("<dt>Tidspunkt</dt>", "<dt>Form</dt>", "Fysisk", "Digital", "Form ikke oppgitt", "Fast dato",
                 "Måned eller uker"):
        assert word in legend
    for mode, (fill, dashes) in styles.items():
        mark = parse(re.search(rf'<svg[^>]*>(?:(?!</svg>).)*kfs-mode--{mode or "ukjent"}.*?</svg>', legend).group(0))
        assert (mark[0].get("fill"), mark[0].get("stroke-dasharray")) == (fill, dashes)


def test_row_names_are_a_column_of_their_own_at_the_same_scale(versions):
    """The names of the rows are a second SVG, beside the chart: the same height, each name on its row's
    line, and the chart's viewBox starts where the names end, so the two join into one drawing."""
    for version in versions.values():
        chart = parse(figures.timeline_svg(version, urls.SCHEDULE))
        names = parse(figures.timeline_labels_svg(version))
        assert names.get("aria-hidden") == "true" and not list(names.iter(f"{NS}a"))  # the chart's desc names the rows
        split = float(names.get("width"))
        nx, ny, nw, nh = (float(v) for v in names.get("viewBox").split())
        cx, cy, cw, ch = (float(v) for v in chart.get("viewBox").split())
        assert (nx, ny, nw) == (0, 0, split) and cx == split and cx + cw == figures.TL_WIDTH
        assert nh == ch == float(names.get("height")) == float(chart.get("height"))
        assert float(chart.get("width")) == cw
        assert float(chart.get("data-x0")) == split + figures.TL_GUTTER
        # Every name fits its column (the same rough measure as the layout) and sits on its row's line.
        for text in names.iter(f"{NS}text"):
            assert float(text.get("x")) + figures._text_width(text.text, figures.TL_FONT, True) <= split
        lines = {r.get("data-kind"): float(r.find(f"{NS}line").get("y1"))
                 for r in chart.findall(f".//{NS}g[@class='kfs-row']")}
        for text in names.findall(f"{NS}text[@class='kfs-row-label']"):
            assert float(text.get("y")) == pytest.approx(lines[text.get("data-kind")] + 5)
        assert [t.text for t in names.iter(f"{NS}text")] == ["Programperioden", *(kind_label(k) for k in
                                                                                 figures._Timeline(version).kinds)]
        assert not [t for t in chart.iter(f"{NS}text") if float(t.get("x", split)) < split]
        # On the page the figure says how wide the names are, for the stylesheet.
        figure = figures.timeline_figure(version, urls.SCHEDULE)
        assert f'style="--kfs-labels: {int(split)}; --kfs-width: {figures.TL_WIDTH}"' in figure
        assert figure.index('class="kfs-timeline-labels"') < figure.index('class="kfs-timeline"')
        # The legend is outside the part that scrolls, between the drawing and the caption.
        assert '</svg>\n</div>\n</div>\n<dl class="kfs-legend">' in figure  # after the frame and the scroll box close
        assert figure.index('<dl class="kfs-legend">') < figure.index("<figcaption>")


# ---------------------------------------------------------------- the phase cycle, from the function

def test_phases_are_linked_in_number_order_in_a_closed_cycle(versions):
    for version in versions.values():
        svg = parse(figures.phase_svg(version, urls.PHASES))
        ordered = sorted(version.phases.items(), key=lambda kv: kv[1].number)
        phase_links = links(svg)
        assert [a.get("href") for a in phase_links] == [f"{pid}/" for pid, _ in ordered]
        for a, (_, phase) in zip(phase_links, ordered):
            assert title_of(a) == f"Fase {phase.number}: {phase.title}"
            texts = " ".join("".join(t.itertext()) for t in a.iter(f"{NS}text"))
            assert str(phase.number) in texts and " ".join((phase.short or phase.title).split()) in texts
        centres = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{NS}circle")
                   if c.get("class") == "kfs-phase"]
        arrows = [p for p in svg.iter(f"{NS}path") if p.get("class") == "kfs-arrow"]
        assert len(arrows) == len(ordered)

        def nearest(point, centres=centres):
            return min(range(len(centres)), key=lambda k: math.dist(centres[k], point))

        for i, arrow in enumerate(arrows):
            assert arrow.get("marker-end") == "url(#kfs-faser-pil)"
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", arrow.get("d"))]
            start, end = numbers[:2], numbers[-2:]
            assert nearest(start) == i and nearest(end) == (i + 1) % len(ordered)  # the last leads back to 1
        assert svg.find(f".//{NS}marker[@id='kfs-faser-pil']") is not None


def test_tracks_are_drawn_only_when_the_data_has_them(versions):
    version = versions["2024-2025"]
    svg = parse(figures.phase_svg(version, urls.PHASES))
    tracks = links(svg, track=True)
    assert [t.name for t in version.phase_model.tracks] == ["Innholdssporet", "Prosessporet"]
    assert [title_of(a) for a in tracks] == ["Spor: Innholdssporet", "Spor: Prosessporet"]
    assert [a.get("href") for a in tracks] == ["#innhold", "#prosess"]
    for a, track in zip(tracks, version.phase_model.tracks):
        assert "".join(a.find(f"{NS}text").itertext()) == track.name
    assert "Innholdssporet og Prosessporet" in svg.find(f"{NS}desc").text

    bare = dataclasses.replace(version, phase_model=version.phase_model.model_copy(update={"tracks": []}))
    svg = parse(figures.phase_svg(bare, urls.PHASES))
    assert not links(svg, track=True)
    assert not [c for c in svg.iter(f"{NS}circle") if "kfs-track" in (c.get("class") or "")]
    assert "spor" not in svg.find(f"{NS}desc").text
    assert len(links(svg)) == len(version.phases)
    assert "sporene" not in figures.phase_figure(bare, urls.PHASES)


def centre_of(svg: ET.Element) -> ET.Element:
    return svg.find(f"{NS}g[@class='kfs-centre']")


def test_the_middle_of_the_cycle_is_filled_and_named_only_when_the_title_fits(versions):
    version = versions["2024-2025"]
    svg = parse(figures.phase_svg(version, urls.PHASES))
    centre = centre_of(svg)
    assert centre is not None and centre.get("aria-hidden") == "true"
    disc = centre.find(f"{NS}circle")
    assert disc.get("fill") == figures.CENTRE
    # It fills the hole inside the innermost ring, up to the ring's inner edge.
    edges = [float(c.get("r")) for c in svg.iter(f"{NS}circle") if c.get("class") == "kfs-track__edge"]
    assert float(disc.get("r")) == pytest.approx(min(edges) - 0.75)
    # With the two rings there is no room for the model's title: the middle stays plain.
    assert centre.find(f"{NS}text") is None
    # Drawn first, under everything: the phases and the rings stay on top and reachable.
    assert list(svg).index(centre) < min(list(svg).index(a) for a in svg.findall(f"{NS}a"))

    bare = dataclasses.replace(version, phase_model=version.phase_model.model_copy(update={"tracks": []}))
    svg = parse(figures.phase_svg(bare, urls.PHASES))
    centre = centre_of(svg)
    radius = float(centre.find(f"{NS}circle").get("r"))
    assert radius == figures.PH_RADIUS - figures.PH_MARK - 12
    label = centre.find(f"{NS}text")
    lines = [t.text for t in label.findall(f"{NS}tspan")]
    assert " ".join(lines) == version.phase_model.title  # the title from the data, nothing else
    size = float(label.get("font-size"))
    for t in label.findall(f"{NS}tspan"):  # every line inside the disc
        half = figures._text_width(t.text, size, True) / 2
        assert math.hypot(half, abs(float(t.get("y"))) + size) <= radius
    # A title too long for any size leaves the middle plain.
    long_title = bare.phase_model.model_copy(update={"title": "Et svært langt navn på modellen " * 4})
    svg = parse(figures.phase_svg(dataclasses.replace(bare, phase_model=long_title), urls.PHASES))
    assert centre_of(svg).find(f"{NS}circle") is not None and centre_of(svg).find(f"{NS}text") is None


# ---------------------------------------------------------------- both figures

@pytest.mark.parametrize("name", ["timeline", "phases"])
def test_title_and_desc_come_first_and_are_referenced(versions, name):
    for version in versions.values():
        svg = parse(figures.timeline_svg(version, urls.SCHEDULE) if name == "timeline"
                    else figures.phase_svg(version, urls.PHASES))
        title, desc = list(svg)[:2]
        assert title.tag == f"{NS}title" and desc.tag == f"{NS}desc"
        assert title.text.strip() and len(desc.text) > 60
        assert svg.get("aria-labelledby") == title.get("id")
        assert svg.get("aria-describedby") == desc.get("id")
        assert svg.get("role") == "group"  # not "img": the links inside must stay reachable
        assert svg.get("viewBox")
        for a in svg.iter(f"{NS}a"):
            assert list(a)[0].tag == f"{NS}title" and list(a)[0].text.strip()


#: Renders both figures of the versions named in argv[2:] of the project at argv[1], as JSON on stdout.
RENDER = """
import json, sys
from pathlib import Path
from kulturskole.model import urls
from kulturskole.render import figures
from kulturskole.validate import validate_version
root = Path(sys.argv[1])
out = {}
for name in sys.argv[2:]:
    version = validate_version(root / "data", name, root).version
    out[name] = [figures.timeline_svg(version, urls.SCHEDULE), figures.phase_svg(version, urls.PHASES)]
print(json.dumps(out))
"""


def render_elsewhere(root: Path) -> dict[str, list[str]]:
    """Both figures of every version, made by another Python process with another string hash seed
    (so the order of a set cannot come out the same by chance) from the project at `root`."""
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    result = subprocess.run([sys.executable, "-c", RENDER, str(root), *VERSIONS], capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}, cwd=root, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def differences(a: str, b: str) -> list[str]:
    """Where two SVGs differ, element by element: tag, attributes, text and tail (whitespace aside)."""
    out = []
    xs, ys = list(parse(a).iter()), list(parse(b).iter())
    if len(xs) != len(ys):
        out.append(f"{len(xs)} elementer mot {len(ys)}")
    for i, (x, y) in enumerate(zip(xs, ys)):
        for what, p, q in (("tag", x.tag, y.tag), ("attrib", x.attrib, y.attrib),
                           ("text", (x.text or "").strip(), (y.text or "").strip()),
                           ("tail", (x.tail or "").strip(), (y.tail or "").strip())):
            if p != q:
                out.append(f"{i} {x.tag.replace(NS, '')} {what}: {p!r} -> {q!r}")
    return out


def test_figures_are_deterministic_and_self_contained(versions, tmp_path):
    here = {name: [figures.timeline_svg(versions[name], urls.SCHEDULE), figures.phase_svg(versions[name], urls.PHASES)]
            for name in VERSIONS}
    # The same data gives the same bytes: a copy of the project in another folder, read and drawn by
    # another process with another hash seed.
    project = copy_project(tmp_path / "project")
    elsewhere = render_elsewhere(project)
    for name in VERSIONS:
        for kind, a, b in zip(("tidslinje", "faser"), here[name], elsewhere[name]):
            assert a == b, (name, kind, differences(a, b)[:4])
    for out in (svg for pair in here.values() for svg in pair):
        hrefs = re.findall(r'\b(?:href|src)="([^"]*)"', out)
        assert hrefs and not [h for h in hrefs if re.match(r"^([a-z]+:|//|/)", h)], hrefs
        assert "<image" not in out and "@import" not in out and "url(http" not in out
    # The comparison can tell: Koordinatorsamling 1 one day later names the new date, and its mark and
    # number move one day's width to the right; nothing else changes.
    gathering = project / "data/2024-2025/samlinger/koordinatorsamling-1.yml"
    source = gathering.read_text(encoding="utf-8")
    assert "dag: 2024-08-21" in source
    gathering.write_text(source.replace("dag: 2024-08-21", "dag: 2024-08-22"), encoding="utf-8")
    edited = load("2024-2025", project)
    timeline, cycle = here["2024-2025"]
    assert figures.phase_svg(edited, urls.PHASES) == cycle
    moved = figures.timeline_svg(edited, urls.SCHEDULE)
    changed = differences(timeline, moved)
    assert [c.split()[1:3] for c in changed] == [["title", "text:"], ["circle", "attrib:"], ["text", "attrib:"]], \
        changed
    assert "21. august 2024" in changed[0] and "22. august 2024" in changed[0], changed

    def item(svg: str) -> list[dict[str, str]]:
        link = next(a for a in links(parse(svg)) if a.get("href") == "koordinatorsamling-1/")
        return [dict(link.find(f"{NS}circle").attrib), dict(link.find(f"{NS}text").attrib)]

    scale = Axis(parse(moved)).scale
    for old, new, x in zip(item(timeline), item(moved), ("cx", "x")):
        assert float(new.pop(x)) - float(old.pop(x)) == pytest.approx(scale, abs=0.01)
        assert new == old


def test_data_text_is_escaped_in_the_svg(versions):
    version = versions["2024-2025"]
    nasty = 'Fellessamling <script>alert(1)</script> & "{{ 7*7 }}"'
    gatherings = dict(version.gatherings)
    gatherings["fellessamling-1"] = gatherings["fellessamling-1"].model_copy(update={"title": nasty})
    phases = dict(version.phases)
    first = next(iter(phases))
    phases[first] = phases[first].model_copy(update={"short": "<b>Fet</b>"})
    changed = dataclasses.replace(version, gatherings=gatherings, phases=phases)
    timeline = figures.timeline_svg(changed, urls.SCHEDULE)
    cycle = figures.phase_svg(changed, urls.PHASES)
    assert "<script" not in timeline and "<b>" not in cycle
    svg = parse(timeline)  # still well-formed
    name = title_of(next(a for a in links(svg) if a.get("href") == "fellessamling-1/"))
    assert name.startswith(nasty)
    assert "<b>Fet</b>" in "".join(parse(cycle).itertext())


# ---------------------------------------------------------------- on the built pages

def test_schedule_page_has_the_timeline_above_the_table(sites, versions):
    for name, site in sites.items():
        html = page(site, "samlinger")
        figure = figure_html(html, "kfs-timeline")
        assert "<p>" not in figure and "<p " not in figure and "</p>" not in figure  # Markdown left it alone
        assert html.index("<figure") < html.index('<table id="alle-samlinger"')
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
        assert "Samme innhold som tekst" in caption and 'href="#alle-samlinger"' in caption
        svg = svg_in(html, "kfs-timeline")
        built = sorted(a.get("href") for a in links(svg))
        assert built == sorted(f"{gid}/" for gid in versions[name].gatherings)
        for href in built:
            assert (site / "samlinger" / href / "index.html").is_file(), href


def test_phases_page_has_the_cycle_above_the_list(sites, versions):
    for name, site in sites.items():
        html = page(site, "faser")
        figure = figure_html(html, "kfs-phases")
        assert "<p>" not in figure and "</p>" not in figure
        assert html.index("<figure") < html.index('<h2 id="fasene"')
        assert 'href="#fasene"' in figure and "Samme innhold som tekst" in figure
        svg = svg_in(html, "kfs-phases")
        hrefs = [a.get("href") for a in links(svg)]
        assert hrefs == [f"{pid}/" for pid in versions[name].phases]
        for href in hrefs:
            assert (site / "faser" / href / "index.html").is_file(), href
        for a in links(svg, track=True):
            assert f'id="{a.get("href")[1:]}"' in html  # each track's description is on the page


def test_each_phase_page_lists_what_is_tagged_with_it(sites, versions):
    found = 0
    for name, version in versions.items():
        for pid in version.phases:
            html = page(sites[name], f"faser/{pid}")
            for key, pack in version.packs.items():
                if pid in pack.phases:
                    assert f'href="../../temapakker/{key}/"' in html, (pid, key)
                    found += 1
            for tid, task in version.tasks.items():
                if pid in task.phases:
                    assert f'#{tid}"' in html, (pid, tid)
                    found += 1
            for qid, question in version.questions.items():
                if pid in question.phases or qid in version.phases[pid].questions:
                    assert f'#{qid}"' in html, (pid, qid)
                    found += 1
    assert found > 30  # the data tags no pack with a phase yet; the copied project below does


def test_styles_and_script_come_with_the_figures_only(sites):
    """figures.css and kfs-figures.js are loaded by the pages with a figure, once, and by no other page
    (a lighter first visit: tests/test_quality.py weighs it)."""
    def assets(html: str) -> tuple[list[str], list[str]]:
        return (re.findall(r'<link rel="stylesheet" href="([^"]*figures\.css)"', html),
                re.findall(r'<script src="([^"]*kfs-figures\.js)"', html))

    for site in sites.values():
        assert assets(page(site, "samlinger")) == (["../assets/stylesheets/figures.css"],
                                                   ["../assets/javascripts/kfs-figures.js"])
        assert assets(page(site, "faser")) == (["../assets/stylesheets/figures.css"], [])  # no script needed
        for url in ("", "program", "sporsmal", "samlinger/" + next(p.name for p in (site / "samlinger").iterdir()
                                                                    if p.is_dir())):
            assert assets(page(site, url)) == ([], []), url
        for found in (site / "assets/stylesheets/figures.css", site / "assets/javascripts/kfs-figures.js"):
            assert found.is_file()
    script = (ROOT / "docs/assets/javascripts/kfs-figures.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    for forbidden in ("fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "document.cookie", "import("):
        assert forbidden not in code, forbidden


def test_built_pages_escape_data_text_and_list_a_tagged_pack(tmp_path):
    project = copy_project(tmp_path / "project")
    gathering = project / "data/2024-2025/samlinger/fellessamling-2.yml"
    source = gathering.read_text(encoding="utf-8")
    # Raw HTML is a data error (tests/test_safe_text.py); text with <, & and braces is not, and must
    # still reach the figure as text.
    changed = re.sub(r"(?m)^tittel: .*$", """tittel: 'Fellessamling 2 <3 & "sitat" {{ 7*7 }}'""",
                     source, count=1)
    assert changed != source
    gathering.write_text(changed, encoding="utf-8")
    phase = project / "data/2024-2025/faser/sette-mal.yml"
    source = phase.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^kort: .*$", 'kort: "Mål a < b & c > d"', source, count=1)
    assert changed != source
    phase.write_text(changed, encoding="utf-8")
    pack = project / "data/2024-2025/temapakker/kulturskole-hele-livet.yml"
    pack.write_text(pack.read_text(encoding="utf-8") + "faser:\n  - sette-mal\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, "2024-2025", site, documents=False)
    assert result.returncode == 0, result.stderr
    timeline = figure_html(page(site, "samlinger"), "kfs-timeline")
    assert "<3 &" not in timeline and "&lt;3 &amp;" in timeline
    name = title_of(next(a for a in links(svg_in(page(site, "samlinger"), "kfs-timeline"))
                         if a.get("href") == "fellessamling-2/"))
    assert '<3 & "sitat" {{ 7*7 }}' in name and "49" not in name
    cycle = figure_html(page(site, "faser"), "kfs-phases")
    assert "a < b &" not in cycle and "a &lt; b &amp; c &gt;" in cycle
    label = next(a for a in links(svg_in(page(site, "faser"), "kfs-phases")) if a.get("href") == "sette-mal/")
    assert " ".join(label.findall(f"{NS}text")[-1].itertext()) == "Mål a < b & c > d"
    # A theme pack tagged with a phase is listed on the phase's page.
    assert 'href="../../temapakker/kulturskole-hele-livet/"' in page(site, "faser/sette-mal")
    assert 'href="../../temapakker/kulturskole-hele-livet/"' not in page(site, "faser/evaluere")


# ---------------------------------------------------------------- in Chromium

def today_line(browser, served_version, now: str, **context):
    ctx = browser.new_context(timezone_id="Europe/Oslo", **context)
    try:
        tab = ctx.new_page()
        tab.clock.set_fixed_time(now)
        tab.goto(served_version.url + "samlinger/")
        tab.wait_for_selector("svg.kfs-timeline")
        line = tab.locator("svg.kfs-timeline .kfs-today")
        if not line.count():
            return None
        return {"text": line.locator("text").text_content(), "x": float(line.locator("line").get_attribute("x1")),
                "date": line.get_attribute("data-date")}
    finally:
        ctx.close()


def test_today_is_marked_inside_the_period(browser, served_version, sites):
    svg = svg_in(page(sites["2024-2025"], "samlinger"), "kfs-timeline")
    axis = Axis(svg)
    found = today_line(browser, served_version, "2025-03-10T12:00:00")
    assert found and found["text"] == "I dag" and found["date"] == "2025-03-10"
    assert found["x"] == pytest.approx(axis.left(dt.date(2025, 3, 10)) + axis.scale / 2, abs=0.01)
    last = today_line(browser, served_version, "2025-12-31T12:00:00")  # the last day of the period
    assert last and last["x"] == pytest.approx(axis.right(dt.date(2025, 12, 31)) - axis.scale / 2, abs=0.01)


def test_today_is_not_marked_outside_the_period(browser, served_version):
    assert today_line(browser, served_version, "2026-02-01T12:00:00") is None
    # On the axis, after the period: the sharing arena in January 2026 follows the three semesters.
    assert today_line(browser, served_version, "2026-01-15T12:00:00") is None
    assert today_line(browser, served_version, "2024-05-15T12:00:00") is None  # on the axis, before the period


def test_without_javascript_the_figures_are_all_there(browser, served_version, versions):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        tab = ctx.new_page()
        tab.goto(served_version.url + "samlinger/")
        svg = tab.locator("figure.kfs-figure svg.kfs-timeline")
        assert svg.is_visible() and svg.bounding_box()["height"] > 200
        assert svg.locator("a").count() == len(versions["2024-2025"].gatherings)
        assert tab.locator(".kfs-today").count() == 0
        assert tab.get_by_role("link", name=re.compile(r"^Koordinatorsamling 1, 21\. august 2024")).count() == 1
        tab.goto(served_version.url + "faser/")
        assert tab.locator("figure.kfs-figure svg.kfs-phases").is_visible()
        assert tab.get_by_role("link", name="Fase 1: Identifisere utviklingsbehov basert på ulike kunnskapsgrunnlag") \
            .count() == 1
    finally:
        ctx.close()


def test_keyboard_reaches_the_links_and_follows_them(browser, served_version):
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.goto(served_version.url + "faser/")
        for _ in range(200):
            tab.keyboard.press("Tab")
            href = tab.evaluate("() => document.activeElement.closest('svg.kfs-phases') && "
                                "document.activeElement.getAttribute('href')")
            if href:
                break
        assert href == "identifisere-utviklingsbehov/"  # phase 1 comes first
        outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/faser/identifisere-utviklingsbehov/")
    finally:
        ctx.close()


def test_figures_fit_a_phone(browser, served_version):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = ctx.new_page()
        tab.goto(served_version.url + "faser/")
        box = tab.locator("svg.kfs-phases").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        tab.goto(served_version.url + "samlinger/")
        wrap = tab.locator(".kfs-figure--timeline .kfs-figure__scroll")
        sizes = wrap.evaluate("e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right]")
        assert sizes[0] > sizes[1] and sizes[2] <= 390  # the figure scrolls inside its box, the page does not
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert tab.locator(".kfs-timeline-frame").bounding_box()["width"] >= 640
    finally:
        ctx.close()


#: Where the parts of the timeline are, relative to its scroll box, after scrolling it `by` pixels.
TIMELINE_GEOMETRY_JS = """by => {
  const scroller = document.querySelector('.kfs-figure--timeline .kfs-figure__scroll');
  scroller.scrollLeft = by;
  const box = scroller.getBoundingClientRect();
  const names = document.querySelector('svg.kfs-timeline-labels').getBoundingClientRect();
  const chart = document.querySelector('svg.kfs-timeline').getBoundingClientRect();
  const row = document.querySelector('svg.kfs-timeline-labels .kfs-row-label').getBoundingClientRect();
  const top = document.elementFromPoint(row.left + 4, row.top + row.height / 2);
  return {scrolled: scroller.scrollLeft, namesLeft: names.left - box.left, namesRight: names.right - box.left,
          chartLeft: chart.left - box.left, namesHeight: names.height, chartHeight: chart.height,
          nameOnTop: !!(top && top.closest('svg.kfs-timeline-labels'))};
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_row_names_stay_in_place_while_the_timeline_scrolls_on_a_phone(browser, served_version, javascript):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    try:
        tab = ctx.new_page()
        tab.goto(served_version.url + "samlinger/")
        start = tab.evaluate(TIMELINE_GEOMETRY_JS, 0)
        end = tab.evaluate(TIMELINE_GEOMETRY_JS, 10_000)
        assert end["scrolled"] > 200  # it does scroll
        # The names: at the left edge, on top of the chart, the same height as the chart (one scale).
        for geometry in (start, end):
            assert geometry["namesLeft"] == pytest.approx(0, abs=1) and geometry["nameOnTop"]
            assert geometry["namesHeight"] == pytest.approx(geometry["chartHeight"], abs=1)
        # The chart moves under them.
        assert start["chartLeft"] == pytest.approx(start["namesRight"], abs=1)
        assert end["chartLeft"] == pytest.approx(start["chartLeft"] - end["scrolled"], abs=1)
        # The legend stays in view: it is under the drawing, not in the part that scrolls.
        assert tab.evaluate("""() => { const legend = document.querySelector('.kfs-figure--timeline .kfs-legend');
            const r = legend.getBoundingClientRect();
            return !legend.closest('.kfs-figure__scroll') && r.left >= 0 && r.right <= innerWidth; }""")
        # A link under the names, reached with the keyboard, is scrolled clear of them.
        tab.evaluate(TIMELINE_GEOMETRY_JS, 10_000)
        left = tab.evaluate("""() => {
          const names = document.querySelector('svg.kfs-timeline-labels').getBoundingClientRect();
          const hidden = [...document.querySelectorAll('svg.kfs-timeline a.kfs-fig-link')].find(a => {
            const r = a.getBoundingClientRect(); return r.left > names.left && r.right < names.right; });
          hidden.focus();
          return hidden.getBoundingClientRect().left - names.right;
        }""")
        assert left >= 0
    finally:
        ctx.close()


def test_on_a_phone_the_timeline_starts_with_today_in_view(browser, served_version):
    def opened(width: int) -> dict:
        ctx = browser.new_context(viewport={"width": width, "height": 844}, timezone_id="Europe/Oslo")
        try:
            tab = ctx.new_page()
            tab.clock.set_fixed_time("2025-09-10T12:00:00")
            tab.goto(served_version.url + "samlinger/")
            tab.wait_for_selector("svg.kfs-timeline .kfs-today")
            return tab.evaluate("""() => {
              const scroller = document.querySelector('.kfs-figure--timeline .kfs-figure__scroll');
              const box = scroller.getBoundingClientRect();
              const names = document.querySelector('svg.kfs-timeline-labels').getBoundingClientRect();
              const today = document.querySelector('.kfs-today line').getBoundingClientRect();
              return {scrolled: scroller.scrollLeft, today: today.left, from: names.right, to: box.right};
            }""")
        finally:
            ctx.close()

    phone = opened(390)
    assert phone["scrolled"] > 0
    assert phone["from"] < phone["today"] < phone["to"]  # in the part of the chart that shows
    assert opened(1280)["scrolled"] == 0  # nothing to scroll on a wide screen


def test_no_link_in_a_figure_is_underlined(browser, served_version):
    """Links in running text are underlined; in the drawings the underline crossed the ring names."""
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        for url in ("samlinger/", "faser/"):
            tab.goto(served_version.url + url)
            decorations = tab.eval_on_selector_all(
                ".kfs-figure svg a", "links => links.map(a => getComputedStyle(a).textDecorationLine)")
            assert decorations and set(decorations) == {"none"}, (url, set(decorations))
        # The figure's caption is running text: its link is underlined.
        assert tab.eval_on_selector(".kfs-figure figcaption a", "a => getComputedStyle(a).textDecorationLine") \
            == "underline"
    finally:
        ctx.close()


def test_print_shows_the_whole_timeline_in_black_on_white(browser, served_version):
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.emulate_media(media="print")
        tab.set_viewport_size({"width": 600, "height": 900})
        tab.goto(served_version.url + "samlinger/")
        wrap = tab.locator(".kfs-figure--timeline .kfs-figure__scroll")
        assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
        colours = tab.evaluate("""() => {
          const svg = document.querySelector('svg.kfs-timeline');
          const style = (sel, prop) => getComputedStyle(svg.querySelector(sel))[prop];
          const names = document.querySelector('svg.kfs-timeline-labels .kfs-row-label');
          return [getComputedStyle(names).fill, style('.kfs-band', 'fill'), style('.kfs-mode--fysisk', 'fill')];
        }""")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    finally:
        ctx.close()


def test_axe_finds_no_problems_in_the_figures(browser, served_version):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        for url, selector in (("samlinger/", "figure.kfs-figure--timeline"), ("faser/", "figure.kfs-figure--phases")):
            tab.goto(served_version.url + url)
            result = axe.run(tab, context={"include": [[selector]]}, options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
            assert result.response["passes"], url  # axe did look at the figure
            assert result.violations_count == 0, (url, result.generate_report())
    finally:
        ctx.close()
