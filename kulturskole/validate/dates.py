"""Dates that belong to the version: every gathering and the application deadline lie in its period.

A version copied from an older one (`kulturskole new-version`) keeps the old dates until an editor
changes them; without this check its timeline would read «fra mars 2024 til juni 2027».

The rule, with its margin:
- the programme period (`periode` in program.yml) starts in the first year of the version's name
  (2024-2025 starts in 2024);
- every gathering ends no later than the last month of the period, except a sharing arena
  (`LATE_KINDS`), which may lie up to `MONTHS_AFTER` months after it: the regional programme's
  sharing arena comes after its three semesters and «vurderes kombinert med oppstart av ny
  programperiode» (the next period's start);
- the gatherings of the programme itself (fellessamling, koordinatorsamling, veiledning,
  delingsarena) start inside the period;
- the open events that recruit municipalities (`EARLY_KINDS`: inspiration gatherings, workshops,
  webinars, theme meetings, seminars) and the application deadline may lie up to `MONTHS_BEFORE`
  months before the period starts (the pilot's theme meeting in March 2021 came six months before its
  first gathering; the inspiration gathering of 2024–2025 five months before).

For a draft these are warnings (shown by `validate` and in the preview's draft banner), so a copied
version can be previewed while it is being updated; for a published version they are errors.
`publish` refuses while any remain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: How long before the period starts an open event or the application deadline may lie.
MONTHS_BEFORE = 12
#: Kinds of gathering that may come before the period starts (the others lie inside it).
EARLY_KINDS = frozenset({"inspirasjonssamling", "verksted", "webinar", "temasamling", "seminar"})
#: How long after the period ends a sharing arena may lie.
MONTHS_AFTER = 3
#: Kinds of gathering that may come after the period ends (a sharing arena that opens the next period).
LATE_KINDS = frozenset({"delingsarena"})


@dataclass(frozen=True)
class Dated:
    """One dated thing: where it is written, and the days it covers."""

    file: str
    line: int
    field: str
    label: str          # «Fellessamling 1», «søknadsfristen»
    first: dt.date
    last: dt.date
    early: bool = False  # may lie up to MONTHS_BEFORE months before the period starts
    late: bool = False   # may lie up to MONTHS_AFTER months after the period ends


def month_start(month: str) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    return dt.date(year, mon, 1)


def month_end(month: str) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    return dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)


def earliest(start: dt.date) -> dt.date:
    """The first day a dated thing may lie on: MONTHS_BEFORE months before the period starts."""
    months = start.year * 12 + start.month - 1 - MONTHS_BEFORE
    return dt.date(months // 12, months % 12 + 1, 1)


def latest(end: dt.date) -> dt.date:
    """The last day a late item may lie on: the end of the month MONTHS_AFTER months after the period."""
    months = end.year * 12 + end.month - 1 + MONTHS_AFTER
    return month_end(f"{months // 12:04d}-{months % 12 + 1:02d}")


def _month_words(day: dt.date) -> str:
    names = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]
    return f"{names[day.month - 1]} {day.year}"


def outside(items: list[Dated], period_start: str, period_end: str) -> list[tuple[Dated, str]]:
    """Each item outside the period and its margin, with the message (bokmål)."""
    start, end = month_start(period_start), month_end(period_end)
    out = []
    for item in items:
        if item.late and item.last > end:
            if item.last > latest(end):
                out.append((item, f"{item.label} er mer enn {MONTHS_AFTER} måneder etter programperioden, som slutter i "
                                  f"{_month_words(end)}. Rett datoen, eller perioden i program.yml"))
        elif item.last > end:
            out.append((item, f"{item.label} er etter programperioden, som slutter i {_month_words(end)}. "
                              "Rett datoen, eller perioden i program.yml"))
        elif item.early and item.first < earliest(start):
            out.append((item, f"{item.label} er mer enn {MONTHS_BEFORE} måneder før programperioden, som starter i "
                              f"{_month_words(start)}. Rett datoen, eller perioden i program.yml"))
        elif not item.early and item.first < start:
            out.append((item, f"{item.label} er før programperioden, som starter i {_month_words(start)}. "
                              "Rett datoen, eller perioden i program.yml"))
    return out


def period_outside_name(version_name: str, period_start: str) -> str | None:
    """A message when the period does not start in the first year of the version's name."""
    first_year = int(version_name[:4])
    if month_start(period_start).year != first_year:
        return (f"perioden starter i {month_start(period_start).year}, men versjonen heter {version_name}. "
                f"Sett «fra» til en måned i {first_year}")
    return None
