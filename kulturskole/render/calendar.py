"""The gatherings as an iCalendar file (RFC 5545), built with the icalendar library.

Only gatherings with a day-precise date go into the calendar; month-precision items stay on the
schedule page. A gathering on one day with a clock time is a timed event in Europe/Oslo; otherwise
it is an all-day event (several days: DTEND is the day after the last day, as RFC 5545 says).
Each event's UID is made from the version and the gathering id, so a re-import updates the event
instead of adding a copy. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..model import urls
from ..model.schema import Gathering
from ..model.version import Version

OSLO = ZoneInfo("Europe/Oslo")


def uid(version: Version, gid: str, site_root: str) -> str:
    host = urlsplit(site_root).hostname or "fremtidens-kulturskole"
    return f"{version.name}-{gid}@{host}"


def in_calendar(gathering: Gathering) -> bool:
    return gathering.when.is_day_precise()


def _event(version: Version, gid: str, g: Gathering, site_root: str, stamp: dt.datetime) -> Event:
    root = urls.folder(site_root)
    event = Event()
    event.add("uid", uid(version, gid, site_root))
    event.add("dtstamp", stamp)
    event.add("summary", g.title)
    first, last = g.when.first_day(), g.when.last_day()
    if first == last and g.time is not None:
        start_h, start_m = (int(x) for x in g.time.start.split(":"))
        end_h, end_m = (int(x) for x in g.time.end.split(":"))
        event.add("dtstart", dt.datetime(first.year, first.month, first.day, start_h, start_m, tzinfo=OSLO))
        event.add("dtend", dt.datetime(first.year, first.month, first.day, end_h, end_m, tzinfo=OSLO))
    else:
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))
    url = f"{root}{version.name}/{urls.url_of(urls.gathering(gid))}"
    event.add("url", url)
    description = [g.summary] if g.summary else []
    if g.time is not None and first != last:
        description.append(f"Klokkeslett: {g.time.start}–{g.time.end}.")
    description.append(f"Forberedelse og program: {url}")
    event.add("description", "\n\n".join(description))
    if g.mode == "digital":
        event.add("location", "Digitalt")
    return event


def _calendar(version: Version, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Norsk kulturskoleråd og KS//Fremtidens kulturskole//NB")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    return cal


def calendar_ics(version: Version, site_root: str, only: str | None = None) -> bytes:
    """The calendar of every day-precise gathering, or of the one gathering `only`."""
    title = f"{version.programme.title} {version.programme.version_title}"
    cal = _calendar(version, title if only is None else f"{version.gatherings[only].title} – {title}")
    stamp = version.fixed_stamp()
    for gid, g in version.gatherings.items():
        if (only is None or gid == only) and in_calendar(g):
            cal.add_component(_event(version, gid, g, site_root, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_files(version: Version, site_root: str) -> dict[str, bytes]:
    """The calendar of the version (`kalender.ics`) and one per day-precise gathering, beside its page."""
    out = {urls.CALENDAR: calendar_ics(version, site_root)}
    for gid, g in version.gatherings.items():
        if in_calendar(g):
            out[urls.url_of(urls.gathering(gid)) + urls.CALENDAR] = calendar_ics(version, site_root, only=gid)
    return out
