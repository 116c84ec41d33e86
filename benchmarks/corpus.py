"""A synthetic corpus for the benchmark: N theme packs with 10 questions each, plus gatherings and tasks.

Clearly synthetic and never published: the version is `2099-2100`, its status is «utkast», every
title says «Syntetisk», and the corpus lives in a temporary folder outside the repository.
It starts from a copy of the newest real version, so the rest of the site is realistic.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE_VERSION = "2024-2025"
VERSION = "2099-2100"
PROJECT_PARTS = ("mkdocs.yml", "docs", "theme_overrides", "macros")

LOREM = (
    "Dette er syntetisk tekst for ytelsesmåling. Kommunegruppen arbeider med kulturskolen som en del av "
    "kommunens samlede tjenestetilbud, og avsnittet har omtrent samme lengde som et avsnitt i en ekte "
    "temapakke. Teksten skal aldri publiseres."
)


def _ids(path: Path, key: str) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item["id"] for item in data[key]]


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def make_project(dest: Path, n_packs: int) -> Path:
    """A project folder with the real site setup and a synthetic version of `n_packs` theme packs."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    data = dest / "data" / VERSION
    shutil.copytree(ROOT / "data" / BASE_VERSION, data)

    program = data / "program.yml"
    text = program.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^tittel: .*$", "tittel: Syntetisk testkorpus", text, count=1)
    text = re.sub(r"(?m)^versjonstittel: .*$", f'versjonstittel: "Syntetisk · {n_packs} pakker"', text, count=1)
    text = re.sub(r"(?m)^status: .*$", "status: utkast", text, count=1)
    program.write_text(text, encoding="utf-8")
    program_data = yaml.safe_load(text)
    audiences = [a["id"] for a in program_data["målgrupper"]]
    areas = [a["id"] for a in program_data.get("verdiområder", [])]
    phases = sorted(p.stem for p in (data / "faser").glob("*.yml"))
    resources = _ids(data / "ressurser.yml", "ressurser")

    for i in range(1, n_packs + 1):
        qids = [f"syntetisk-{i:04d}-{j:02d}" for j in range(1, 11)]
        _dump(data / "sporsmal" / f"syntetisk-{i:04d}.yml", {
            "tema": f"Syntetisk tema {i}",
            "beskrivelse": "Syntetiske spørsmål for ytelsesmåling.",
            "redaksjonell": True,
            "spørsmål": [{
                "id": qid,
                "tekst": f"Syntetisk spørsmål {j} i tema {i}: hva betyr dette for kulturskolen i deres kommune?",
                "faser": [phases[(i + j) % len(phases)]],
                "målgrupper": audiences[(i + j) % len(audiences):][:3] or audiences[:3],
                "redaksjonell": True,
            } for j, qid in enumerate(qids, start=1)],
        })
        pack = {
            "nummer": 100 + i,
            "tittel": f"Syntetisk temapakke {i}",
            "sammendrag": LOREM,
            "målgrupper": audiences[:3],
            "seksjoner": [{"tittel": f"Syntetisk del {k}", "tekst": "\n\n".join([LOREM] * 3), "redaksjonell": True}
                          for k in range(1, 4)],
            "faser": [phases[i % len(phases)]],
            "spørsmål": qids,
            "ressurser": resources[:1],
            "redaksjonell": True,  # synthetic text is nobody's source
        }
        if areas:
            pack["verdiområder"] = areas[:2]
        _dump(data / "temapakker" / f"syntetisk-{i:04d}.yml", pack)

    # One gathering with a preparation task for every ten packs.
    n_gatherings = max(1, n_packs // 10)
    tasks = []
    start = dt.date(2025, 1, 6)
    for k in range(1, n_gatherings + 1):
        tid = f"syntetisk-forberedelse-{k:04d}"
        tasks.append({"id": tid, "tittel": f"Syntetisk forberedelse {k}", "type": "les", "hvem": "hver-deltaker",
                      "beskrivelse": [LOREM], "spørsmål": [f"syntetisk-{min(k * 10, n_packs):04d}-01"]})
        day = start + dt.timedelta(days=(k * 3) % 330)
        _dump(data / "samlinger" / f"syntetisk-{k:04d}.yml", {
            "tittel": f"Syntetisk temasamling {k}", "type": "temasamling", "nummer": 100 + k, "form": "digital",
            "når": {"dag": day.isoformat()}, "beskrivelse": [LOREM], "forberedelse": [tid],
        })
    _dump(data / "oppgaver" / "syntetisk.yml", {"tittel": "Syntetiske oppgaver", "oppgaver": tasks})
    return dest
