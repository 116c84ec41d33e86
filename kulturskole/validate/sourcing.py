"""Every text that matters says where it comes from: a source, or the editors.

A definition, a description, a summary or an FAQ answer is either a programme fact from one of the
sources («kilde») or the editors' own explanation («redaksjonell»). Readers must be able to tell the
two apart, so the validator asks for one or the other on every item of a kind that mixes in
`Sourced`, for each of its `SOURCED_TEXT` fields that is filled in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..load import LoadedFile, dotted
from ..model.schema import Programme, Sourced, source_ids


def _walk(obj: Any, loc: tuple) -> Iterator[tuple[BaseModel, tuple]]:
    """Every model inside `obj` with its location (YAML keys and list positions)."""
    if isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _walk(value, loc + (i,))
        return
    if not isinstance(obj, BaseModel):
        return
    yield obj, loc
    for name, info in type(obj).model_fields.items():
        yield from _walk(getattr(obj, name), loc + (info.alias or name,))


def _filled(value: Any) -> bool:
    return value not in (None, "", [], ())


def _keys(model: BaseModel) -> dict[str, str]:
    """YAML key → Python name of each field of `model`."""
    return {info.alias or name: name for name, info in type(model).model_fields.items()}


def sourcing_problems(file: LoadedFile, value: Any) -> Iterator[tuple[int, str, str]]:
    """(line, field, message) for each text in `value` (the model of `file`) that has neither a source
    nor the editorial mark, for each item marked editorial as a whole that also names a source (the
    reader could not tell which is which), and for each editorial mark that names a field the item
    does not have."""
    for model, loc in _walk(value, ()):
        if not isinstance(model, Sourced):
            continue
        keys = _keys(model)
        marked = model.editorial_fields() - {"*"}
        for key in sorted(marked):
            if key not in keys or key in ("kilde", "redaksjonell"):
                sub = loc + ("redaksjonell",)
                known = ", ".join(k for k in keys if k not in ("kilde", "redaksjonell"))
                yield (file.line_of(sub), dotted(sub),
                       f"«{key}» er ikke et felt her. Skriv feltene redaksjonen har skrevet selv, blant: {known}")
        if model.sources() and model.editorial_fields() == {"*"}:
            sub = loc + ("redaksjonell",)
            yield (file.line_of(sub), dotted(sub),
                   "teksten har både «kilde» og «redaksjonell: true». Leseren skal kunne se hva som er fakta fra "
                   "kildene og hva som er redaksjonens forklaring: fjern det ene, eller skriv bare feltene "
                   "redaksjonen har skrevet selv, for eksempel «redaksjonell: [beskrivelse]»")
            continue
        if model.sources():
            continue
        for key in type(model).SOURCED_TEXT:
            if not _filled(getattr(model, keys[key])) or model.is_editorial(key):
                continue
            sub = loc + (key,)
            yield (file.line_of(sub), dotted(sub),
                   f"«{key}» mangler kilde. Skriv «kilde: <id>» (fra «kilder» i program.yml) når teksten bygger på en "
                   "kilde, eller «redaksjonell: true» når teksten er redaksjonens egen forklaring.")


def field_source_problems(file: LoadedFile, programme: Programme, known: set[str]) -> Iterator[tuple[int, str, str]]:
    """(line, field, message) for program.yml's «feltkilder»: each filled text field of `Programme.FIELD_SOURCED`
    needs a source there, each key must be one of those fields, and each id a known source (`known`)."""
    keys = _keys(programme)
    for key, value in programme.field_sources.items():
        loc = ("feltkilder", key)
        if key not in programme.FIELD_SOURCED:
            yield (file.line_of(loc), dotted(loc),
                   f"«{key}» er ikke et tekstfelt som får kilden sin her. Bruk et av: {', '.join(programme.FIELD_SOURCED)}")
            continue
        ids = source_ids(value)
        if not ids:
            yield (file.line_of(loc), dotted(loc), f"«{key}» mangler id-en til kilden")
        for one in ids:
            if one not in known:
                yield (file.line_of(loc), dotted(loc),
                       f"kilden «{one}» finnes ikke (kilder i program.yml). Kjente: {', '.join(sorted(known))}")
    for key in programme.FIELD_SOURCED:
        if _filled(getattr(programme, keys[key])) and key not in programme.field_sources:
            yield (file.line_of((key,)), key,
                   f"«{key}» mangler kilde. Skriv kilden under «feltkilder» i program.yml, for eksempel "
                   f"«feltkilder:» og på neste linje «  {key}: <id>».")
