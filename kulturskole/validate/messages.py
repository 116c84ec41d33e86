"""Pydantic's validation errors, said in bokmål for an editor."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..load import dotted
from ..model.safetext import ERROR_PREFIX as SAFE_TEXT_ERROR
from ..model.types import _kind


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the value at `loc` (None when it is not a model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            if typing.get_origin(current) is list and args:
                current = args[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        for name, info in current.model_fields.items():
            if info.alias == part or name == part:
                current = info.annotation
                break
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    target = model_at(model, loc)
    return [info.alias or name for name, info in target.model_fields.items()] if target else []


def describe(error: dict, model: type[BaseModel]) -> tuple[tuple, str]:
    """(loc to point at, message) for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        keys = allowed_keys(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.6)
        hint = f" Mente du «{guess[0]}»?" if guess else (f" Tillatte felt her: {', '.join(keys)}." if keys else "")
        return loc, f"ukjent felt «{loc[-1]}».{hint}"
    if kind == "missing":
        return loc, "påkrevd felt mangler"
    if kind.startswith(SAFE_TEXT_ERROR):
        # Raw HTML, a script address or an http link in a text field: the message says what to write.
        return loc, str(error["msg"])
    if kind in ("string_type",):
        if isinstance(value, (dt.date, dt.datetime)):
            return loc, (f"{value} ble lest som en dato, men her skal det stå tekst. "
                         "Sett verdien i anførselstegn")
        if isinstance(value, bool):
            return loc, "ble lest som sann/usann, men her skal det stå tekst. Sett verdien i anførselstegn"
        if isinstance(value, (int, float)):
            return loc, f"{value} er et tall, men her skal det stå tekst. Sett verdien i anførselstegn"
        return loc, f"skal være tekst, fikk {_kind(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        digits = value.strip().lstrip("+-") if isinstance(value, str) else ""
        if digits.isascii() and digits.isdigit():
            # Digits alone are read as a number, so text of digits was written in quotes.
            return loc, f'skal være et heltall, fikk teksten "{value}"; skriv tallet uten anførselstegn: {digits}'
        return loc, f"skal være et heltall (for eksempel 20000, uten mellomrom), fikk {_show(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"skal være true eller false, fikk {_show(value)}"
    if kind == "list_type":
        return loc, f"skal være en liste (linjer som starter med «- »), fikk {_kind(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"skal være en samling felt (nøkkel: verdi) på linjene under, fikk {_kind(value)}"
    if kind == "literal_error":
        options = [o.strip().strip("'") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return loc, f"«{_show(value)}» er ikke tillatt her. Velg en av: {', '.join(o for o in options if o)}"
    if kind == "string_pattern_mismatch":
        return loc, f"«{_show(value)}» har feil format"
    if kind in ("greater_than_equal", "greater_than"):
        return loc, f"må være minst {ctx.get('ge', ctx.get('gt'))}, fikk {_show(value)}"
    if kind == "too_short":
        return loc, f"trenger minst {ctx.get('min_length')} element, fikk {ctx.get('actual_length')}"
    if kind == "too_long":
        return loc, f"kan ha høyst {ctx.get('max_length')} element, fikk {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return loc, "kan ikke være tom"
    if kind == "value_error":
        return loc, str(ctx.get("error", error.get("msg")))
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return loc, "skal være en dato skrevet ÅÅÅÅ-MM-DD"
    # Our own PydanticCustomError messages are already in bokmål.
    if error.get("msg") and not error["msg"].startswith(("Input should", "Value error", "Field required")):
        return loc, error["msg"]
    return loc, f"ugyldig verdi «{_show(value)}»"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _kind(value)
    return str(value)


__all__ = ["describe", "model_at", "allowed_keys", "dotted"]
