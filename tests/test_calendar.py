"""kalender.ics: every day-precise gathering, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from kulturskole.validate import validate_version

from helpers import ROOT, run_build

VERSION = "2024-2025"


@pytest.fixture(scope="module")
def version():
    return validate_version(ROOT / "data", VERSION, ROOT).version


def events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_holds_every_day_precise_gathering_with_its_date(sites, version):
    found = events(sites[VERSION] / "kalender.ics")
    precise = {gid: g for gid, g in version.gatherings.items() if g.when.is_day_precise()}
    assert len(found) == len(precise) and precise
    by_url = {str(e["URL"]).rstrip("/").rsplit("/", 1)[-1]: e for e in found.values()}
    for gid, g in precise.items():
        event = by_url[gid]
        assert str(event["SUMMARY"]) == g.title
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if isinstance(start, dt.datetime):
            assert str(start.tzinfo) == "Europe/Oslo"
            assert start.date() == g.when.first_day() and start.strftime("%H:%M") == g.time.start
            assert end.strftime("%H:%M") == g.time.end
        else:
            assert start == g.when.first_day()
            assert end == g.when.last_day() + dt.timedelta(days=1)  # DTEND is exclusive
    # Month-precision items stay out.
    vague = [gid for gid, g in version.gatherings.items() if not g.when.is_day_precise()]
    assert vague and not any(gid in by_url for gid in vague)


def test_uids_are_unique_and_stable_across_builds(sites, version, tmp_path):
    first = events(sites[VERSION] / "kalender.ics")
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(rf"{VERSION}-[a-z0-9-]+@example\.org", uid) for uid in first)
    again = tmp_path / "again"
    assert run_build(ROOT, VERSION, again, documents=False).returncode == 0
    assert (again / "kalender.ics").read_bytes() == (sites[VERSION] / "kalender.ics").read_bytes()


def test_each_gathering_page_offers_its_own_event(sites, version):
    whole = events(sites[VERSION] / "kalender.ics")
    for gid, g in version.gatherings.items():
        html = (sites[VERSION] / "samlinger" / gid / "index.html").read_text(encoding="utf-8")
        own = sites[VERSION] / "samlinger" / gid / "kalender.ics"
        if g.when.is_day_precise():
            assert 'href="kalender.ics"' in html and "Legg til i kalender" in html
            single = events(own)
            assert len(single) == 1 and set(single) <= set(whole)
        else:
            assert "Legg til i kalender" not in html and not own.exists()
    schedule = (sites[VERSION] / "samlinger" / "index.html").read_text(encoding="utf-8")
    assert 'href="../kalender.ics"' in schedule
