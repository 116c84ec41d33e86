"""The Markdown of every page of one version: which function renders each kind of page.

A `Renderer` holds what the pages of one build need besides the data (the date the start page
speaks of, the published address, the version before, the sizes of the downloads) and renders a page
by its kind and key, the way the site structure (`model.structure`) names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.structure import Page, site_structure
from ..model.version import Version
from . import changes, history, linkspage, opendata, pages, presentation, questionbank


@dataclass
class Renderer:
    version: Version
    today: dt.date
    #: The published address above the version folders (the «Lenker» and «Åpne data» pages, the
    #: invitation texts and the printed running orders).
    site_root: str = "/"
    #: The version before this one, for «Nytt i denne versjonen».
    previous: Version | None = None
    #: Each file built with the site (`render.downloads`) by path in the version folder → its size.
    downloads: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pages: list[Page] = site_structure(self.version)
        self._keys = {(page.kind, page.key) for page in self.pages}
        v = self.version
        self._kinds: dict[str, Callable[[str], str]] = {
            "start": lambda _: pages.start_page(v, self.today),
            "program": lambda _: pages.programme_page(v, self.downloads),
            "tidsplan": lambda _: pages.schedule_page(v),
            "samling": lambda key: pages.gathering_page(v, key, self.downloads, self.site_root),
            "kjoreplan-samling": lambda key: presentation.gathering_running_order(v, key, self.site_root),
            "presentasjon-samling": lambda key: presentation.gathering_presentation(v, key),
            "oppgaver": lambda _: pages.tasks_page(v, self.downloads),
            "fasemodell": lambda _: pages.phases_page(v),
            "fase": lambda key: pages.phase_page(v, key),
            "temapakker": lambda _: pages.packs_page(v),
            "temapakke": lambda key: pages.pack_page(v, key, self.downloads),
            "kjoreplan-temapakke": lambda key: presentation.pack_running_order(v, key, self.site_root),
            "presentasjon-temapakke": lambda key: presentation.pack_presentation(v, key),
            "sporsmal": lambda _: questionbank.questions_page(v),
            "presentasjon-sporsmal": lambda _: presentation.questions_presentation(v),
            "dialogkort": lambda _: questionbank.cards_page(v),
            "kommuner": lambda _: pages.municipalities_page(v),
            "forventninger": lambda _: history.expectations_page(v),
            "historikk": lambda _: history.history_page(v),
            "ressurser": lambda _: pages.resources_page(v),
            "faq": lambda _: pages.faq_page(v),
            "ordliste": lambda _: pages.glossary_page(v),
            "nytt": lambda _: changes.changes_page(v, self.previous),
            "apne-data": lambda _: opendata.open_data_page(v, self.site_root),
            "lenker": lambda _: linkspage.links_page(v, self.site_root),
        }

    def render(self, kind: str, key: str = "") -> str:
        """The Markdown of the page of `kind` with id `key` ("" for a page without an id)."""
        if (kind, key) not in self._keys:
            raise KeyError(f"ingen side av typen «{kind}» med id «{key}» i versjonen {self.version.name}")
        return self._kinds[kind](key)
