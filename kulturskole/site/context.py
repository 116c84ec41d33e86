"""The version a site build is about: validated, with its pages and downloads, once per change of data.

Used by the MkDocs plugin (which keeps a `Contexts` on its instance) and, through the plugin, by the
macros. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..load import Problem
from ..model.structure import Page
from ..model.version import Version
from ..render.downloads import Downloads
from ..render.renderer import Renderer
from ..validate import Validator, list_versions


@dataclass
class BuildContext:
    project_dir: Path
    version_name: str
    version: Version | None
    problems: list[Problem]
    today: dt.date
    #: A draft's warnings (validate/dates.py): shown in the preview, they stop `publish`.
    warnings: list[Problem] = field(default_factory=list)
    site_root: str = "/"
    renderer: Renderer | None = None
    #: Files built with the site (PDF, DOCX), by path in the version folder; empty when not ok.
    downloads: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.version is not None

    @property
    def pages(self) -> dict[str, Page]:
        """The generated pages by source path, in menu order."""
        return {page.src: page for page in self.renderer.pages} if self.renderer else {}

    def render(self, kind: str, key: str = "") -> str:
        if self.renderer is None:
            raise KeyError(f"versjonen {self.version_name} har feil i dataene og ingen sider")
        return self.renderer.render(kind, key)


def previous_version_name(data_dir: Path, name: str) -> str | None:
    """The version folder before `name`, if any."""
    versions = list_versions(data_dir)
    if name not in versions:
        return None
    i = versions.index(name)
    return versions[i - 1] if i > 0 else None


def _signature(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()))


class Contexts:
    """Makes the BuildContext of a build, and keeps the last one while its data files, the date and
    the address are unchanged (the preview rebuilds after every saved file, also in docs/)."""

    def __init__(self, validator: Validator | None = None) -> None:
        self.validator = validator or Validator()
        self._last: tuple[tuple, BuildContext] | None = None

    def load(self, project_dir: Path, name: str, *, today: dt.date, site_root: str,
             downloads: Downloads | None) -> BuildContext:
        """Validate and index version `name`; `downloads` None makes no PDF or DOCX."""
        data_dir = project_dir / "data"
        previous_name = previous_version_name(data_dir, name) if name else None
        signature = tuple(_signature(data_dir / n) if n and (data_dir / n).is_dir() else ()
                          for n in (name, previous_name))
        key = (str(project_dir), name, signature, today, site_root, downloads is not None)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        result = self.validator.validate(data_dir, name, project_dir)
        context = BuildContext(project_dir, name, result.version, result.problems, today, warnings=result.warnings,
                               site_root=site_root)
        if result.version is not None:
            # «Nytt i denne versjonen» compares with the version before; a broken older version
            # only loses that page's details.
            previous = self.validator.validate(data_dir, previous_name, project_dir).version if previous_name else None
            if downloads is not None:
                context.downloads = downloads.build(result.version, site_root)
            sizes = {rel: len(data) for rel, data in context.downloads.items()}
            context.renderer = Renderer(result.version, today, site_root=site_root, previous=previous, downloads=sizes)
        self._last = (key, context)
        return context
