"""Two figures drawn from the data as inline SVG: the schedule as a timeline, and the phase model as a cycle.

Both are static: they show without JavaScript, and the same data gives the same bytes. Every item is a
link to its page, with a `<title>` child naming it. Each figure has `<title>` and `<desc>`, and the page
has the same content as text (the table of gatherings, the list of phases), which the caption points at.

The timeline is two SVGs side by side with one scale: the row names (`timeline_labels_svg`, hidden from
screen readers, since the chart's `<desc>` names the rows) and the chart (`timeline_svg`). On a narrow screen
the figure scrolls sideways and the names stay in place (figures.css makes their column sticky; no script).
The chart's viewBox starts where the names end, so every x is the same as in one wide drawing. The legend
(`timeline_legend`) is HTML under the part that scrolls, so it stays in view on a phone.

The timeline carries its geometry as data attributes (`data-start`, `data-end`, `data-x0`, `data-x1`,
`data-period-start`, `data-period-end`, `data-top`, `data-bottom`), so the small script
`docs/assets/javascripts/kfs-figures.js` can draw "I dag" at the right x while the programme runs. The
figure brings its stylesheet and script along (FIGURES_CSS, FIGURES_JS): pages without a figure do not load them.
A date's x is `x0 + (days since start + 0.5) * (x1 - x0) / days`, so a day is a slot and a marker sits
in the middle of it. Nothing here imports MkDocs.

The SVG is built as an ElementTree and serialized by it, so text and attributes are escaped there. The
root carries `xmlns` as a plain attribute and the children have no namespace, so the markup has no
prefixes and no XML declaration; it is embedded as raw HTML in a Markdown page.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET

from ..model import urls
from ..model.labels import MODE_LABELS, kind_label
from ..model.schema import Gathering, When
from ..model.types import parse_weeks
from ..model.version import KIND_ORDER, Version
from . import format as fmt

# ---------------------------------------------------------------- colours (contrast on white in comments)

INK = "#1a1a1a"          # text, 17:1
MUTED = "#545454"        # secondary text, 7.5:1
PRIMARY = "#1f4e79"      # marks and arrows, 8.9:1; white text on it, 8.9:1
LINE = "#767676"         # axis and programme period line, 4.5:1
GRID = "#d4d4d4"         # month lines, decoration only
AUTUMN = "#f6efe3"       # semester band, behind dark text
SPRING = "#e9f1f8"
CENTRE = "#e3ecf4"       # the middle of the phase cycle, behind dark text (13:1)
TRACK_FILLS = [("#dce9f5", "#2c6aa3", "#163a5a"), ("#fbe7d6", "#9c3d00", "#6b2a00")]  # band, edges 3:1+, text

MONTH_SHORT = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]

# ---------------------------------------------------------------- the markup

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

Attrs = dict[str, str | int | float]


def _line(value: str | None) -> str:
    """Data text for SVG text and attributes: one line (ElementTree escapes it when serializing)."""
    return " ".join((value or "").split())


def _attrs(attrs: Attrs) -> dict[str, str]:
    """Attribute values as strings: numbers are coordinates, written with `_n`."""
    return {k: v if isinstance(v, str) else _n(v) for k, v in attrs.items()}


def _el(tag: str, attrs: Attrs | None = None, text: str | None = None) -> ET.Element:
    element = ET.Element(tag, _attrs(attrs or {}))
    element.text = text
    return element


def _sub(parent: ET.Element, tag: str, attrs: Attrs | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, _attrs(attrs or {}))
    element.text = text
    return element


def _lines(parent: ET.Element) -> ET.Element:
    """Each child of `parent` on a line of its own in the markup (whitespace only, never a blank line)."""
    parent.text = "\n"
    for child in parent:
        child.tail = "\n"
    return parent


def _svg(attrs: Attrs, children: list[ET.Element]) -> str:
    """The figure's markup: `<svg xmlns=…>` without a declaration, one child a line. Braces in data text
    become character references, so Jinja and attribute lists ({: …}) on the page leave them literal."""
    root = _el("svg", {"xmlns": SVG_NS, **attrs})
    root.extend(children)
    out = ET.tostring(_lines(root), encoding="unicode")
    return out.replace("{", "&#123;").replace("}", "&#125;")


def _n(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, the same on every machine."""
    out = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def _text_width(value: str, size: float, bold: bool = False) -> float:
    """Rough width of text in a sans-serif font, for layout only."""
    return len(value) * size * (0.6 if bold else 0.55)


def _month_start(month: str) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    return dt.date(year, mon, 1)


def _month_end(month: str) -> dt.date:
    first = _month_start(month)
    return dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1) - dt.timedelta(days=1)


def _next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


# ---------------------------------------------------------------- the spans a date covers

def spans(when: When) -> list[tuple[dt.date, dt.date]]:
    """The days a date covers, as (first, last) pairs: one for a day, a range or months; one per
    month for «one of these months». Stated weeks narrow a month-precision span to those weeks."""
    if when.is_day_precise():
        return [(when.first_day(), when.last_day())]
    if when.month_choice:
        months = [(_month_start(m), _month_end(m)) for m in sorted(when.month_choice)]
    else:
        months = [(when.first_day(), when.last_day())]
    if when.weeks is None:
        return months
    out = []
    for first, last in months:
        days = []
        for a, b in parse_weeks(when.weeks):
            for week in range(a, b + 1):
                for year in (first.year, last.year):
                    try:
                        monday = dt.date.fromisocalendar(year, week, 1)
                    except ValueError:
                        continue
                    days += [monday + dt.timedelta(days=i) for i in range(7)]
        inside = [d for d in days if first <= d <= last]
        out.append((min(inside), max(inside)) if inside else (first, last))
    return out


# ---------------------------------------------------------------- the timeline

class _Axis:
    """Days to x: each day is a slot of equal width between x0 and x1."""

    def __init__(self, start: dt.date, end: dt.date, x0: float, x1: float) -> None:
        self.start, self.end, self.x0, self.x1 = start, end, x0, x1
        self.days = (end - start).days + 1
        self.scale = (x1 - x0) / self.days

    def left(self, d: dt.date) -> float:
        return self.x0 + (d - self.start).days * self.scale

    def right(self, d: dt.date) -> float:
        return self.left(d) + self.scale

    def middle(self, first: dt.date, last: dt.date) -> float:
        return (self.left(first) + self.right(last)) / 2


# Layout of the timeline, in viewBox units (one unit is one CSS pixel at the figure's natural width).
TL_WIDTH = 800
TL_LABEL_X = 8
TL_GUTTER = 12           # between the column of names and the first day
TL_X1 = TL_WIDTH - 16
TL_TODAY_Y = 16          # the script writes "I dag" on this line
TL_BANDS_Y = 22          # top of the semester bands
TL_PERIOD_Y = 50         # the programme period row
TL_ROWS_Y = 80           # the first row of gatherings
TL_ROW_H = 40
TL_FONT = 14
TL_SMALL = 12


def _mode_style(mode: str | None) -> dict[str, str]:
    if mode == "fysisk":
        return {"fill": PRIMARY, "stroke": PRIMARY, "stroke-width": "2"}
    if mode == "digital":
        return {"fill": "#ffffff", "stroke": PRIMARY, "stroke-width": "2.5"}
    return {"fill": "#ffffff", "stroke": PRIMARY, "stroke-width": "2", "stroke-dasharray": "4 3"}


def _mode_class(mode: str | None) -> str:
    return f"kfs-mode kfs-mode--{mode or 'ukjent'}"


def _mode_words(items: list[tuple[str, Gathering]]) -> str:
    """What the fills mean, for the modes the gatherings have."""
    words = {"fysisk": "fylt figur er fysisk", "digital": "åpen figur er digital",
             None: "stiplet figur betyr at formen ikke er oppgitt"}
    present = [words[m] for m in MODE_LABELS if any(g.mode == m for _, g in items)]
    return fmt.capitalize(", ".join(present)) + "." if present else ""


def _item_label(g: Gathering) -> str:
    when = fmt.gathering_when(g)
    if g.when.weeks:
        when += f", {fmt.weeks(g.when.weeks)}"
    mode = f", {g.mode}" if g.mode else ", form ikke oppgitt"
    kind = kind_label(g.kind).lower()
    title = g.title if kind in g.title.lower() else f"{g.title} ({kind})"
    return f"{title}, {when}{mode}"


def _mark(parent: ET.Element, axis: _Axis, g: Gathering, y: float) -> None:
    """The shapes of one gathering: a circle for a day-precise date, a bar for each span otherwise."""
    style, cls = _mode_style(g.mode), _mode_class(g.mode)
    for first, last in spans(g.when):
        if g.when.is_day_precise():
            _sub(parent, "circle", {"class": cls, "cx": axis.middle(first, last), "cy": y, "r": 7, **style})
        else:
            x, w = axis.left(first), axis.right(last) - axis.left(first)
            _sub(parent, "rect", {"class": cls, "x": x, "y": y - 7, "width": w, "height": 14, "rx": 3, **style})


def _semesters(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """Autumn (August–December) and spring (January–June) terms that meet [start, end], clipped to it."""
    out = []
    for year in range(start.year, end.year + 1):
        for name, a, b in (("Vår", dt.date(year, 1, 1), dt.date(year, 6, 30)),
                           ("Høst", dt.date(year, 8, 1), dt.date(year, 12, 31))):
            a, b = max(a, start), min(b, end)
            if a <= b:
                out.append((f"{name} {year}", a, b))
    return out


class _Timeline:
    """The layout of one version's timeline: its rows, its height and where the column of names ends."""

    def __init__(self, version: Version) -> None:
        p = version.programme
        self.period_start, self.period_end = _month_start(p.period.start), _month_end(p.period.end)
        self.items = list(version.gatherings.items())
        first = min([self.period_start, *(g.when.first_day() for _, g in self.items)])
        last = max([self.period_end, *(g.when.last_day() for _, g in self.items)])
        self.start, self.end = first.replace(day=1), _month_end(last.strftime("%Y-%m"))
        kinds = [k for k in KIND_ORDER if any(g.kind == k for _, g in self.items)]
        self.kinds = kinds + sorted({g.kind for _, g in self.items} - set(kinds))
        self.rows_end = TL_ROWS_Y + TL_ROW_H * len(self.kinds)
        self.height = self.rows_end + 44  # the months and the years below the rows
        # The names: the programme period and one per row; the column is as wide as the longest.
        self.names: list[tuple[str, str | None, str, float]] = [
            ("kfs-period-label", None, "Programperioden", TL_PERIOD_Y + 19)]
        self.names += [("kfs-row-label", k, kind_label(k), self.row_y(i) + 5) for i, k in enumerate(self.kinds)]
        widest = max(_text_width(name, TL_FONT, True) for _, _, name, _ in self.names)
        self.split = math.ceil(TL_LABEL_X + widest + 4)
        self.x0 = self.split + TL_GUTTER

    @staticmethod
    def row_y(i: int) -> float:
        return TL_ROWS_Y + TL_ROW_H * i + TL_ROW_H / 2 + 4


def timeline_labels_svg(version: Version) -> str:
    """The column of names beside the timeline: the programme period and each row. Hidden
    from screen readers: the chart's title and description name the rows, and each item names its kind."""
    t = _Timeline(version)
    names = []
    for css_class, kind, name, y in t.names:
        attrs: Attrs = {"class": css_class, "x": TL_LABEL_X, "y": y, "font-weight": "700", "fill": INK}
        if kind:
            attrs["data-kind"] = kind
        names.append(_el("text", attrs, name))
    return _svg({
        "class": "kfs-timeline-labels", "aria-hidden": "true",
        "viewBox": f"0 0 {t.split} {t.height}", "width": t.split, "height": t.height,
        "font-family": FONT_FAMILY, "font-size": TL_FONT,
    }, names)


def timeline_svg(version: Version, current: str) -> str:
    """The programme period as a timeline: one row per kind of gathering, each gathering a link. The
    names of the rows are beside it, in `timeline_labels_svg`."""
    t = _Timeline(version)
    p = version.programme
    period_start, period_end, items, start, end = t.period_start, t.period_end, t.items, t.start, t.end
    axis = _Axis(start, end, t.x0, TL_X1)
    kinds, rows_end, height = t.kinds, t.rows_end, t.height

    counts = ", ".join(f"{kind_label(k).lower()} ({sum(1 for _, g in items if g.kind == k)})" for k in kinds)
    desc = (f"Tidslinje fra {fmt.month(start.strftime('%Y-%m'))} til {fmt.month(end.strftime('%Y-%m'))}. "
            f"Programperioden er {fmt.period(p.period)}. {len(items)} samlinger og aktiviteter, én rad per type: "
            f"{counts}. {_mode_words(items)} En prikk er en fast dato, en stolpe er en måned eller uker. "
            "Hver aktivitet er en lenke til siden om den.")
    out = [
        _el("title", {"id": "kfs-tidslinje-tittel"},
            f"Tidslinje for {_line(p.title)}, {_line(fmt.period(p.period))}"),
        _el("desc", {"id": "kfs-tidslinje-beskrivelse"}, _line(desc)),
    ]
    # Semester bands behind everything, each with its name when there is room for it.
    bands = _el("g", {"class": "kfs-semesters", "aria-hidden": "true"})
    for name, a, b in _semesters(start, end):
        x, w = axis.left(a), axis.right(b) - axis.left(a)
        fill = AUTUMN if name.startswith("Høst") else SPRING
        _sub(bands, "rect", {"class": "kfs-band", "x": x, "y": TL_BANDS_Y, "width": w,
                             "height": rows_end - TL_BANDS_Y, "fill": fill})
        if _text_width(name, TL_SMALL, True) + 8 <= w:
            _sub(bands, "text", {"x": x + w / 2, "y": TL_BANDS_Y + 18, "text-anchor": "middle", "font-size": TL_SMALL,
                                 "font-weight": "700", "fill": INK}, name)
    out.append(_lines(bands))
    # Month lines and labels; the year under January and under the first month.
    months = _el("g", {"class": "kfs-axis", "aria-hidden": "true"})
    month = start
    while month <= end:
        x = axis.left(month)
        _sub(months, "line", {"x1": x, "y1": TL_PERIOD_Y, "x2": x, "y2": rows_end, "stroke": GRID,
                              "stroke-width": "1"})
        mid = (axis.left(month) + axis.right(_month_end(month.strftime("%Y-%m")))) / 2
        _sub(months, "text", {"x": mid, "y": rows_end + 18, "text-anchor": "middle", "font-size": TL_SMALL,
                              "fill": INK}, MONTH_SHORT[month.month - 1])
        if month.month == 1 or month == start:
            _sub(months, "text", {"x": x + 2, "y": rows_end + 36, "font-size": TL_SMALL, "font-weight": "700",
                                  "fill": INK}, str(month.year))
        month = _next_month(month)
    _sub(months, "line", {"x1": t.x0, "y1": rows_end, "x2": TL_X1, "y2": rows_end, "stroke": LINE,
                          "stroke-width": "1.5"})
    out.append(_lines(months))
    # The programme period as a bracket.
    px0, px1, py = axis.left(period_start), axis.right(period_end), TL_PERIOD_Y + 14
    period = _el("g", {"class": "kfs-period"})
    _sub(period, "path", {"d": f"M{_n(px0)} {py - 7}V{py}H{_n(px1)}V{py - 7}", "fill": "none", "stroke": INK,
                          "stroke-width": "2"})
    _sub(period, "title", None, f"Programperioden: {_line(fmt.period(p.period))}")
    out.append(period)
    # One row per kind of gathering.
    for i, kind in enumerate(kinds):
        y = t.row_y(i)
        row = _el("g", {"class": "kfs-row", "data-kind": kind})
        _sub(row, "line", {"x1": t.x0, "y1": y, "x2": TL_X1, "y2": y, "stroke": GRID, "stroke-width": "1"})
        for gid, g in items:
            if g.kind != kind:
                continue
            href = urls.html_link(current, urls.gathering(gid))
            x = axis.middle(*spans(g.when)[0])
            link = _sub(row, "a", {"class": "kfs-fig-link", "href": _line(href), "data-id": _line(gid)})
            _sub(link, "title", None, _line(_item_label(g)))
            _mark(link, axis, g, y)
            if g.number:
                _sub(link, "text", {"x": x, "y": y - 11, "text-anchor": "middle", "font-size": TL_SMALL,
                                    "fill": INK}, str(g.number))
        out.append(_lines(row))
    return _svg({
        "class": "kfs-timeline", "role": "group", "viewBox": f"{t.split} 0 {TL_WIDTH - t.split} {height}",
        "width": TL_WIDTH - t.split, "height": height, "aria-labelledby": "kfs-tidslinje-tittel",
        "aria-describedby": "kfs-tidslinje-beskrivelse",
        "data-start": start.isoformat(), "data-end": end.isoformat(), "data-period-start": period_start.isoformat(),
        "data-period-end": period_end.isoformat(), "data-x0": t.x0, "data-x1": TL_X1, "data-top": TL_BANDS_Y,
        "data-bottom": rows_end, "data-today-y": TL_TODAY_Y, "font-family": FONT_FAMILY, "font-size": TL_FONT,
    }, out)


def _swatch(shape: ET.Element) -> str:
    """A mark of the legend, as drawn in the timeline."""
    return _svg({"class": "kfs-swatch", "viewBox": "0 0 24 14", "width": 24, "height": 14, "aria-hidden": "true"},
                [shape]).replace("\n", "")


def timeline_legend(version: Version) -> str:
    """The legend under the timeline, in words, as HTML outside the part that scrolls (so it stays in view on
    a phone): the shape says how precise the date is, the fill says the form. Only what the data has."""
    items = list(version.gatherings.values())
    shapes = []
    if any(g.when.is_day_precise() for g in items):
        shapes.append(("Fast dato", _el("circle", {"cx": 12, "cy": 7, "r": 6, "fill": MUTED})))
    if any(not g.when.is_day_precise() for g in items):
        shapes.append(("Måned eller uker", _el("rect", {"x": 1, "y": 1, "width": 22, "height": 12, "rx": 3,
                                                        "fill": MUTED})))
    modes = sorted({g.mode for g in items}, key=lambda m: list(MODE_LABELS).index(m))
    fills = [(MODE_LABELS[m], _el("rect", {"class": _mode_class(m), "x": 1.5, "y": 1.5, "width": 21, "height": 11,
                                           "rx": 3, **_mode_style(m)})) for m in modes]
    groups = []
    for title, entries in (("Tidspunkt", shapes), ("Form", fills)):
        if entries:
            groups.append(f"<div><dt>{title}</dt>" + "".join(
                f"<dd>{_swatch(shape)} {fmt.plain(label)}</dd>" for label, shape in entries) + "</div>")
    return '<dl class="kfs-legend">\n' + "\n".join(groups) + "\n</dl>"


# ---------------------------------------------------------------- the phase model

PH_RADIUS = 132          # the cycle the phases sit on
PH_MARK = 26             # radius of a phase's numbered circle
PH_FONT = 18
PH_TRACK_FONT = 17
PH_TRACK_BAND = 28
PH_TRACK_GAP = 6
PH_WRAP = 16             # characters per line of a phase name
PH_CENTRE_FONTS = (16, 15, 14)  # sizes to try for the model's title in the middle of the cycle


def _wrap(value: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in value.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _point(angle: float, radius: float) -> tuple[float, float]:
    return radius * math.cos(angle), radius * math.sin(angle)


def _centre_label(title: str, radius: float) -> tuple[float, list[str]] | None:
    """The model's title in the middle of the cycle: the largest size and the fewest lines that fit inside
    `radius` with a margin, or None when it does not fit (the middle is then left plain)."""
    room = radius - 8
    for size in PH_CENTRE_FONTS:
        line_h = size * 1.25
        for width in range(len(title), 3, -1):
            lines = _wrap(title, width)
            top = -len(lines) * line_h / 2
            fits = all(
                (_text_width(line, size, True) / 2) ** 2 + max(abs(top + k * line_h), abs(top + (k + 1) * line_h)) ** 2
                <= room ** 2 for k, line in enumerate(lines))
            if fits:
                return size, lines
    return None


def _centre(radius: float, title: str) -> ET.Element:
    """The middle of the cycle, filled with a calm colour, with the model's title when it fits. Hidden from
    screen readers: the figure's own title says the same."""
    group = _el("g", {"class": "kfs-centre", "aria-hidden": "true"})
    _sub(group, "circle", {"cx": 0, "cy": 0, "r": radius, "fill": CENTRE})
    label = _centre_label(_line(title), radius)
    if label:
        size, lines = label
        line_h = size * 1.25
        text = _sub(group, "text", {"text-anchor": "middle", "font-size": size, "font-weight": "700", "fill": INK})
        for k, line in enumerate(lines):
            _sub(text, "tspan", {"x": 0, "y": (k - (len(lines) - 1) / 2) * line_h + size * 0.35}, line)
    return group


def phase_svg(version: Version, current: str) -> str:
    """The phases as a closed cycle of arrows (the last leads back to the first), each phase a link to
    its page; the tracks of the phase model, when the data has them, as labelled rings inside it."""
    phases = list(version.phases.items())
    tracks = list(version.phase_model.tracks)
    n = len(phases)
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    parts: list[ET.Element] = []
    box: list[float] = [-PH_RADIUS - PH_MARK, -PH_RADIUS - PH_MARK, PH_RADIUS + PH_MARK, PH_RADIUS + PH_MARK]

    def grow(x0: float, y0: float, x1: float, y1: float) -> None:
        box[0], box[1] = min(box[0], x0), min(box[1], y0)
        box[2], box[3] = max(box[2], x1), max(box[3], y1)

    # Tracks: concentric rings inside the cycle, the first outermost, each named along its upper arc.
    # They come after the phases in the document, so the phases come first when tabbing.
    track_parts: list[ET.Element] = []
    inner = PH_RADIUS - PH_MARK - 12
    hole: float = inner  # the radius left free in the middle
    for j, track in enumerate(tracks):
        r = inner - PH_TRACK_BAND / 2 - j * (PH_TRACK_BAND + PH_TRACK_GAP)
        if r - PH_TRACK_BAND / 2 < 8:
            break  # no room for more rings; the tracks are still listed as text on the page
        hole = r - PH_TRACK_BAND / 2 - 0.75  # inside the ring's inner edge
        band, edge, ink = TRACK_FILLS[j % len(TRACK_FILLS)]
        tid = f"kfs-spor-{j + 1}"
        link = _el("a", {"class": "kfs-fig-link kfs-track", "href": f"#{_line(track.id)}"})
        _sub(link, "title", None, f"Spor: {_line(track.name)}")
        _sub(link, "circle", {"class": "kfs-track__band", "cx": 0, "cy": 0, "r": r, "fill": "none", "stroke": band,
                              "stroke-width": PH_TRACK_BAND})
        for edge_r in (r + PH_TRACK_BAND / 2, r - PH_TRACK_BAND / 2):
            _sub(link, "circle", {"class": "kfs-track__edge", "cx": 0, "cy": 0, "r": edge_r, "fill": "none",
                                  "stroke": edge, "stroke-width": "1.5"})
        _sub(link, "path", {"id": tid, "d": f"M{_n(-r)} 0A{_n(r)} {_n(r)} 0 0 1 {_n(r)} 0", "fill": "none"})
        label = _sub(link, "text", {"font-size": PH_TRACK_FONT, "font-weight": "700", "fill": ink,
                                    "dy": PH_TRACK_FONT * 0.35})
        _sub(label, "textPath", {"href": f"#{tid}", "startOffset": "50%", "text-anchor": "middle"},
             _line(track.name))
        track_parts.append(link)
    # Arrows from each phase to the next, and from the last back to the first.
    if n > 1:
        gap = (PH_MARK + 7) / PH_RADIUS
        for i in range(n):
            a0, a1 = angles[i] + gap, angles[i] + 2 * math.pi / n - gap
            (x0, y0), (x1, y1) = _point(a0, PH_RADIUS), _point(a1, PH_RADIUS)
            large = 1 if a1 - a0 > math.pi else 0
            parts.append(_el("path", {
                "class": "kfs-arrow", "d": f"M{_n(x0)} {_n(y0)}A{PH_RADIUS} {PH_RADIUS} 0 {large} 1 {_n(x1)} {_n(y1)}",
                "fill": "none", "stroke": PRIMARY, "stroke-width": "2.5", "marker-end": "url(#kfs-faser-pil)"}))
    # The phases, each a numbered circle with its short name outside the cycle.
    for (pid, phase), angle in zip(phases, angles):
        cx, cy = _point(angle, PH_RADIUS)
        cos, sin = math.cos(angle), math.sin(angle)
        lines = _wrap(phase.short or phase.title, PH_WRAP)
        lx, ly = _point(angle, PH_RADIUS + PH_MARK + 10)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        line_h = PH_FONT * 1.2
        if sin < -0.3:
            first_base = ly - (len(lines) - 1) * line_h
        elif sin > 0.3:
            first_base = ly + PH_FONT * 0.85
        else:
            first_base = ly - (len(lines) - 1) * line_h / 2 + PH_FONT * 0.35
        width = max(_text_width(line, PH_FONT, True) for line in lines)
        left = lx if anchor == "start" else lx - width if anchor == "end" else lx - width / 2
        grow(left, first_base - PH_FONT, left + width, first_base + (len(lines) - 1) * line_h + PH_FONT * 0.3)
        href = urls.html_link(current, urls.phase(pid))
        link = _el("a", {"class": "kfs-fig-link", "href": _line(href), "data-id": _line(pid)})
        _sub(link, "title", None, f"Fase {phase.number}: {_line(phase.title)}")
        _sub(link, "circle", {"class": "kfs-phase", "cx": cx, "cy": cy, "r": PH_MARK, "fill": PRIMARY,
                              "stroke": PRIMARY, "stroke-width": "2"})
        _sub(link, "text", {"class": "kfs-phase-number", "x": cx, "y": cy + 8, "text-anchor": "middle",
                            "font-size": "22", "font-weight": "700", "fill": "#ffffff"}, str(phase.number))
        label = _sub(link, "text", {"text-anchor": anchor, "font-size": PH_FONT, "font-weight": "700", "fill": INK})
        for k, line in enumerate(lines):
            _sub(label, "tspan", {"x": lx, "y": first_base + k * line_h}, _line(line))
        parts.append(link)
    pad = 8
    x0, y0 = math.floor(box[0] - pad), math.floor(box[1] - pad)
    w, h = math.ceil(box[2] + pad) - x0, math.ceil(box[3] + pad) - y0

    m = version.phase_model
    names = "; ".join(f"{ph.number}: {ph.title}" for _, ph in phases)
    desc = f"{fmt.capitalize(fmt.number(n))} faser i en syklus med piler: {names}."
    if n > 1:
        desc += f" Fra fase {phases[-1][1].number} går pilen tilbake til fase {phases[0][1].number}."
    if tracks:
        desc += (f" {fmt.capitalize(fmt.number(len(tracks)))} spor er tegnet som ringer inne i syklusen: "
                 + " og ".join(t.name for t in tracks) + ".")
    desc += " Hver fase er en lenke til siden om fasen."
    defs = _el("defs")
    marker = _sub(defs, "marker", {"id": "kfs-faser-pil", "viewBox": "0 0 10 10", "refX": 8, "refY": 5,
                                   "markerWidth": 11, "markerHeight": 11, "markerUnits": "userSpaceOnUse",
                                   "orient": "auto"})
    _sub(marker, "path", {"class": "kfs-arrowhead", "d": "M0 0L10 5L0 10z", "fill": PRIMARY})
    return _svg({
        "class": "kfs-phases", "role": "group", "viewBox": f"{x0} {y0} {w} {h}", "width": w, "height": h,
        "aria-labelledby": "kfs-faser-tittel", "aria-describedby": "kfs-faser-beskrivelse", "font-family": FONT_FAMILY,
    }, [
        _el("title", {"id": "kfs-faser-tittel"}, _line(m.title)),
        _el("desc", {"id": "kfs-faser-beskrivelse"}, _line(desc)),
        defs,
        _centre(hole, version.phase_model.title),
        *parts,
        *track_parts,
    ])


# ---------------------------------------------------------------- the figures on their pages

#: The figures' stylesheet and script, relative to the version's root. Only a page with a figure loads them
#: (the figure brings them), so the other pages stay light on a first visit.
FIGURES_CSS = "assets/stylesheets/figures.css"
FIGURES_JS = "assets/javascripts/kfs-figures.js"


def _figure(svg: str, css_class: str, caption: str, current: str, style: str = "", after: str = "",
            script: bool = False) -> str:
    """A figure block for a Markdown page: raw HTML with no blank line, so Markdown leaves it alone. It
    starts with the link to figures.css (and the script, when the figure has one); `after` comes between
    the drawing and the caption, outside the part that scrolls."""
    root = urls.html_link(current, urls.START)
    assets = f'<link rel="stylesheet" href="{root}{FIGURES_CSS}">\n'
    if script:
        assets += f'<script src="{root}{FIGURES_JS}" defer></script>\n'
    style_attr = f' style="{style}"' if style else ""
    return (f'<figure class="kfs-figure {css_class}"{style_attr}>\n{assets}<div class="kfs-figure__scroll">\n{svg}\n'
            "</div>\n" + (f"{after}\n" if after else "") + f"<figcaption>{caption}</figcaption>\n</figure>\n")


def timeline_figure(version: Version, current: str) -> str:
    """The names and the chart in one row that scrolls sideways on a narrow screen; `--kfs-labels` is the
    width of the names in viewBox units, so figures.css gives both parts the same scale."""
    pair = (f'<div class="kfs-timeline-frame">\n'
            f"{timeline_labels_svg(version)}\n{timeline_svg(version, current)}\n</div>")
    return _figure(pair, "kfs-figure--timeline",
                   "Tidslinje over samlingene. Velg en samling for å lese mer. "
                   'Samme innhold som tekst: <a href="#alle-samlinger">tabellen under</a>.', current,
                   style=f"--kfs-labels: {_Timeline(version).split}; --kfs-width: {TL_WIDTH}",
                   after=timeline_legend(version), script=True)


def phase_figure(version: Version, current: str) -> str:
    tracks = " med de to sporene" if len(version.phase_model.tracks) == 2 else \
        " med sporene" if version.phase_model.tracks else ""
    return _figure(phase_svg(version, current), "kfs-figure--phases",
                   f"Fasene som en syklus{tracks}. Velg en fase for å lese mer. "
                   'Samme innhold som tekst: <a href="#fasene">listen over fasene</a>.', current)


