"""HTML that several pages share: the accessible table.

Every data table on the site is built here, so each has a caption, header cells with `scope`, and
the wrapper that lets a wide table scroll on a phone: a named region in the tab order, so the
keyboard can reach and scroll it (axe: scrollable-region-focusable, WCAG 2.1.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import format as fmt


@dataclass(frozen=True)
class Row:
    """One table row: its cells as HTML, which of them heads the row, and an optional id."""

    cells: Sequence[str]
    header: int = 0
    id: str = ""


def table_wrap(label: str, wrap_id: str = "") -> str:
    """The opening tag around a table (`label` is escaped text, the region's name)."""
    id_attr = f' id="{fmt.attr(wrap_id)}"' if wrap_id else ""
    return f'<div class="kfs-table-wrap"{id_attr} tabindex="0" role="region" aria-label="{label}">'


def table(caption: str, columns: Sequence[str], rows: Sequence[Row], *, label: str = "",
          table_id: str = "", wrap_id: str = "") -> str:
    """A table in its wrapper. `caption` and `columns` are HTML (escape data text with fmt.plain);
    `label` names the scrolling region (escaped text; the caption by default)."""
    head = "".join(f'<th scope="col">{c}</th>' for c in columns)
    body = []
    for row in rows:
        cells = "".join(f'<th scope="row">{c}</th>' if i == row.header else f"<td>{c}</td>"
                        for i, c in enumerate(row.cells))
        id_attr = f' id="{fmt.attr(row.id)}"' if row.id else ""
        body.append(f"<tr{id_attr}>{cells}</tr>")
    id_attr = f' id="{fmt.attr(table_id)}"' if table_id else ""
    return (f"{table_wrap(label or caption, wrap_id)}\n<table{id_attr}>\n<caption>{caption}</caption>\n"
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>")
