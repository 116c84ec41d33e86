"""One programme version as a whole: every validated data file, indexed by id.

A version is what one folder `data/<version>/` holds. It is built only from data that passed
validation (see `kulturskole.validate`), so renderers can trust every reference in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .labels import GATHERING_KINDS
from .schema import (
    Agreement,
    ExpectationsFile,
    FaqFile,
    Gathering,
    GlossaryFile,
    HistoryFile,
    MunicipalitiesFile,
    Phase,
    PhaseModel,
    Programme,
    Question,
    QuestionsFile,
    Redirect,
    Resource,
    Task,
    TasksFile,
    ThemePack,
)

#: Order of gathering kinds on the same day: the gathering before its coordinator meeting.
KIND_ORDER = list(GATHERING_KINDS)

#: What a gathering uses a task for.
TaskUse = Literal["forberedelse", "mellomarbeid"]


@dataclass
class Version:
    name: str
    root: Path
    programme: Programme
    phase_model: PhaseModel
    municipalities: MunicipalitiesFile | None = None
    phases: dict[str, Phase] = field(default_factory=dict)
    topics: dict[str, QuestionsFile] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    question_topic: dict[str, str] = field(default_factory=dict)
    task_groups: dict[str, TasksFile] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    task_group: dict[str, str] = field(default_factory=dict)
    gatherings: dict[str, Gathering] = field(default_factory=dict)
    packs: dict[str, ThemePack] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    faq: FaqFile | None = None
    glossary: GlossaryFile | None = None
    redirects: list[Redirect] = field(default_factory=list)
    #: The contract with the municipalities (avtale.yml), when the version has one.
    agreement: Agreement | None = None
    #: What the municipalities expected (forventninger.yml) and the programme's history (historikk.yml).
    expectations: ExpectationsFile | None = None
    history: HistoryFile | None = None

    def sort(self) -> None:
        """Put phases, packs and gatherings in reading order."""
        self.phases = dict(sorted(self.phases.items(), key=lambda kv: kv[1].number))
        self.packs = dict(sorted(self.packs.items(), key=lambda kv: kv[1].number))
        self.gatherings = dict(sorted(self.gatherings.items(), key=lambda kv: schedule_key(kv[1])))

    # -- small queries used by several renderers

    @property
    def title(self) -> str:
        return self.programme.version_title

    def audience_name(self, audience_id: str) -> str:
        return {a.id: a.name for a in self.programme.audiences}[audience_id]

    def value_area_name(self, area_id: str) -> str:
        return {a.id: a.name for a in self.programme.value_areas}[area_id]

    def gatherings_of(self, kind: str) -> list[Gathering]:
        return [g for g in self.gatherings.values() if g.kind == kind]

    def gathering_with_task(self, task_id: str) -> list[tuple[str, TaskUse]]:
        """(gathering id, 'forberedelse' | 'mellomarbeid') for each gathering that uses the task."""
        uses: list[tuple[str, TaskUse]] = []
        for gid, gathering in self.gatherings.items():
            if task_id in gathering.preparation:
                uses.append((gid, "forberedelse"))
            if task_id in gathering.between_work:
                uses.append((gid, "mellomarbeid"))
        return uses

    def old_ids(self, kind: str, new_id: str) -> list[str]:
        """Ids that used to name this thing (from omdirigeringer.yml); their links must still work."""
        return [r.old for r in self.redirects if r.kind == kind and r.new == new_id]

    def fixed_stamp(self) -> dt.datetime:
        """The first day of the programme period at midnight UTC: the one date written into files
        that must be the same bytes in every build (calendar DTSTAMP, document dates)."""
        year, month = (int(p) for p in self.programme.period.start.split("-"))
        return dt.datetime(year, month, 1, tzinfo=dt.UTC)

    def next_gathering(self, today: dt.date) -> tuple[str, Gathering] | None:
        """The first gathering that has not ended by `today`."""
        for gid, gathering in self.gatherings.items():
            if gathering.when.last_day() >= today:
                return gid, gathering
        return None


def schedule_key(gathering: Gathering) -> tuple:
    kind_rank = KIND_ORDER.index(gathering.kind) if gathering.kind in KIND_ORDER else len(KIND_ORDER)
    return (gathering.when.sort_day(), not gathering.when.is_day_precise(), kind_rank, gathering.number or 0)
