"""The editor's view of versions: what is in data/, what is published, and starting a new one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..load import read_yaml
from ..render import format as fmt
from ..validate import list_versions
from ..validate.validator import VERSION_RE
from . import branch as br
from .publish import _in_folder


def _programme_fields(folder: Path) -> dict:
    """Title, period and status straight from program.yml, even when other files have errors."""
    path = folder / "program.yml"
    if not path.is_file():
        return {}
    loaded = read_yaml(path, str(path))
    return loaded.data if isinstance(loaded.data, dict) else {}


def _period_text(period: object) -> str:
    if not isinstance(period, dict) or "fra" not in period or "til" not in period:
        return ""
    try:
        return fmt.month_range(str(period["fra"]), str(period["til"]))
    except (AttributeError, ValueError, KeyError, TypeError):
        return f"{period['fra']}–{period['til']}"


def versions_table(project: Path, branch: str = br.DEFAULT_BRANCH) -> list[dict]:
    """One row per version in data/ and per version only on the branch, oldest first."""
    published: dict[str, dict] = {}
    with _in_folder(project):
        if br.is_repository():
            published = {info["version"]: info for info in br.published_versions(branch)}
    rows = []
    names = list_versions(project / "data")
    for name in names:
        fields = _programme_fields(project / "data" / name)
        info = published.get(name)
        rows.append({
            "versjon": name,
            "tittel": fields.get("versjonstittel") or name,
            "periode": _period_text(fields.get("periode")),
            "status": fields.get("status") or "publisert",
            "publisert": info is not None,
            "aliaser": sorted(info["aliases"]) if info else [],
        })
    for name, info in sorted(published.items()):
        if name not in names:
            rows.append({"versjon": name, "tittel": info["title"], "periode": "", "status": "bare publisert",
                         "publisert": True, "aliaser": sorted(info["aliases"])})
    return rows


def format_table(rows: list[dict]) -> str:
    headers = ["Versjon", "Tittel", "Periode", "Status", "Publisert"]
    body = [[r["versjon"], r["tittel"], r["periode"], r["status"],
             ("ja" + (f" ({', '.join(r['aliaser'])})" if r["aliaser"] else "")) if r["publisert"] else "nei"]
            for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip() for line in [headers, *body]]
    return "\n".join(lines)


_STATUS_RE = re.compile(r"^status:.*$", re.MULTILINE)
_TITLE_RE = re.compile(r"^(versjonstittel:\s*[\"']?)(.*?)([\"']?)\s*$", re.MULTILINE)


def new_version(project: Path, new: str, old: str | None = None) -> str:
    """Copy data/OLD to data/NEW as a draft. Returns the new folder; raises br.PublishError."""
    data = project / "data"
    versions = list_versions(data)
    if not VERSION_RE.match(new):
        raise br.PublishError(f"«{new}» er ikke et gyldig versjonsnavn. Bruk årstallene, for eksempel 2026-2027")
    if (data / new).exists():
        raise br.PublishError(f"data/{new} finnes allerede")
    old = old or (versions[-1] if versions else None)
    if not old or not (data / old).is_dir():
        known = ", ".join(versions) or "ingen"
        raise br.PublishError(f"fant ikke versjonen «{old}» å kopiere fra. Kjente versjoner: {known}")
    shutil.copytree(data / old, data / new, ignore=shutil.ignore_patterns(".*"))
    program = data / new / "program.yml"
    text = program.read_text(encoding="utf-8")
    if _STATUS_RE.search(text):
        text = _STATUS_RE.sub("status: utkast", text, count=1)
    else:
        match = _TITLE_RE.search(text)
        at = match.end() if match else 0
        text = text[:at] + ("\n" if match else "") + "status: utkast" + ("" if match else "\n") + text[at:]
    # The years in the version title follow the folder name: «2024–2025 · …» → «2026–2027 · …».
    old_years, new_years = old.replace("-", "–"), new.replace("-", "–")
    text = _TITLE_RE.sub(lambda m: m.group(1) + m.group(2).replace(old_years, new_years) + m.group(3), text, count=1)
    # omdirigeringer.yml is kept: the old links it serves must keep working when `latest` moves on.
    program.write_text(text, encoding="utf-8")
    return str(data / new)
