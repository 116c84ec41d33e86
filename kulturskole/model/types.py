"""Small value types shared by the schema: ids, months, clock times, weeks, dates.

Each type validates strictly and explains itself in bokmål, so that an editor's mistake
becomes one clear line, never a silently converted value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, StrictBool, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from .safetext import check_text, check_web_address

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_WEEK_RE = re.compile(r"^\s*(\d{1,2})\s*(?:[-–]\s*(\d{1,2}))?\s*$")

MONTH_NAMES = [
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
]


def _check_id(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("id_type", "skal være en id (tekst), fikk {got}", {"got": _kind(value)})
    if not _ID_RE.match(value):
        raise PydanticCustomError(
            "id_format",
            "«{value}» er ikke en gyldig id. Bruk små bokstaver a–z, tall og bindestrek, "
            "for eksempel «kulturskole-hele-livet» (ikke æ, ø, å eller mellomrom)",
            {"value": value},
        )
    return value


def _check_month(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        raise PydanticCustomError(
            "month_is_date",
            "skal være en måned (ÅÅÅÅ-MM), men står som en hel dato ({value}). Skriv for eksempel \"2024-10\"",
            {"value": str(value)},
        )
    if not isinstance(value, str) or not _MONTH_RE.match(value):
        raise PydanticCustomError(
            "month_format", "skal være en måned skrevet ÅÅÅÅ-MM, for eksempel \"2024-10\"; fikk «{value}»",
            {"value": str(value)},
        )
    return value


def _check_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "date_has_time", "skal være en dato uten klokkeslett (ÅÅÅÅ-MM-DD); skriv klokkeslett i feltet «tid»", {}
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise PydanticCustomError(
            "date_format",
            "«{value}» er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2024-09-24",
            {"value": value},
        )
    raise PydanticCustomError(
        "date_type", "skal være en dato (ÅÅÅÅ-MM-DD), fikk {got}", {"got": _kind(value)}
    )


def _check_time(value: Any) -> Any:
    if not isinstance(value, str) or not _TIME_RE.match(value):
        raise PydanticCustomError(
            "time_format", "skal være et klokkeslett TT:MM i anførselstegn, for eksempel \"09:30\"; fikk «{value}»",
            {"value": str(value)},
        )
    return value


def parse_weeks(value: Any) -> list[tuple[int, int]]:
    """Parse a week expression as the sources write it: 11, "40-44", "34/35", "2-3 eller 4".

    Returns the alternatives as (first, last) pairs. '/' and 'eller' both mean "one of".
    """
    if isinstance(value, bool):
        raise PydanticCustomError("week_type", "skal være et ukenummer eller et ukeuttrykk, fikk {got}", {"got": "sann/usann"})
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("week_type", "skal være et ukenummer eller et ukeuttrykk, fikk {got}", {"got": _kind(value)})
    alternatives = []
    for part in re.split(r"\s+eller\s+|/", value):
        match = _WEEK_RE.match(part)
        if not match:
            raise PydanticCustomError(
                "week_format",
                "«{value}» er ikke et ukeuttrykk. Skriv for eksempel 11, \"40-44\", \"34/35\" eller \"2-3 eller 4\"",
                {"value": value},
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not (1 <= first <= 53 and 1 <= last <= 53):
            raise PydanticCustomError("week_range", "ukenummer må være mellom 1 og 53; fikk «{value}»", {"value": value})
        if last < first:
            raise PydanticCustomError(
                "week_order", "uke {last} kommer før uke {first} i «{value}»; skriv den første uka først",
                {"first": first, "last": last, "value": value},
            )
        alternatives.append((first, last))
    return alternatives


def _check_weeks(value: Any) -> Any:
    parse_weeks(value)
    return str(value)


def _kind(value: Any) -> str:
    if value is None:
        return "ingen verdi"
    if isinstance(value, bool):
        return "sann/usann (true/false)"
    if isinstance(value, int):
        return "et tall"
    if isinstance(value, float):
        return "et desimaltall"
    if isinstance(value, (dt.date, dt.datetime)):
        return "en dato"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en samling felt"
    return type(value).__name__


Id = Annotated[str, BeforeValidator(_check_id), Field(json_schema_extra={"pattern": ID_PATTERN})]
Month = Annotated[
    str, BeforeValidator(_check_month),
    Field(json_schema_extra={"pattern": _MONTH_RE.pattern, "examples": ["2024-10"]}),
]
Date = Annotated[
    dt.date, BeforeValidator(_check_date), PlainSerializer(lambda d: d.isoformat(), return_type=str),
    Field(json_schema_extra={"examples": ["2024-09-24"]}),
]
Time = Annotated[
    str, BeforeValidator(_check_time), Field(json_schema_extra={"pattern": _TIME_RE.pattern, "examples": ["09:30"]})
]
Weeks = Annotated[
    str, BeforeValidator(_check_weeks), Field(json_schema_extra={"examples": [11, "40-44", "34/35", "2-3 eller 4"]})
]
#: Every free-text field: Markdown without raw HTML, script addresses or http links (see safetext).
Text = Annotated[StrictStr, AfterValidator(check_text)]
# An e-mail address and a web address are checked like free text, and the address may not use http.
# Their patterns are repeated in the JSON Schema here: pydantic leaves a field's own `pattern` out of
# the JSON Schema of an optional field whose type has a validator (the field still checks it).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
WEB_ADDRESS_PATTERN = r"^https?://\S+$"
Email = Annotated[StrictStr, AfterValidator(check_text), Field(json_schema_extra={"pattern": EMAIL_PATTERN})]
WebAddress = Annotated[
    StrictStr, AfterValidator(check_web_address), Field(json_schema_extra={"pattern": WEB_ADDRESS_PATTERN})
]
Int = StrictInt
Bool = StrictBool

__all__ = ["Id", "Month", "Date", "Time", "Weeks", "Text", "Email", "WebAddress", "Int", "Bool", "parse_weeks", "MONTH_NAMES"]
