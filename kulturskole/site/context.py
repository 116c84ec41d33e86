"""The version a site build is about: chosen, validated and rendered once per change of data.

Used by both MkDocs adapters (the plugin and the macros module). Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..load import Problem
from ..model.version import Version
from ..render import documents
from ..render.sitemap import PageSpec, site_pages
from ..render.urls import folder
from ..validate import list_versions, validate_version

VERSION_ENV = "KULTURSKOLE_VERSION"
TODAY_ENV = "KULTURSKOLE_TODAY"
#: The published site root, when the preview serves from another address (set by `kulturskole serve`).
SITE_ROOT_ENV = "KULTURSKOLE_SITE_ROOT"


@dataclass
class BuildContext:
    project_dir: Path
    version_name: str
    version: Optional[Version]
    problems: list[Problem]
    today: dt.date
    site_root: str = "/"
    previous: Optional[Version] = None
    pages: dict[str, PageSpec] = field(default_factory=dict)
    #: Files built with the site (PDF, DOCX), by path in the version folder; empty when not ok.
    downloads: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.version is not None

    def render(self, kind: str, key: str = "") -> str:
        for spec in self.pages.values():
            if spec.kind == kind and spec.key == key:
                return spec.render()
        raise KeyError(f"ingen side av typen «{kind}» med id «{key}» i versjonen {self.version_name}")


def chosen_version(data_dir: Path) -> str:
    """$KULTURSKOLE_VERSION (set by `kulturskole`), else $MIKE_DOCS_VERSION (set by mike), else the newest."""
    for name in (VERSION_ENV, "MIKE_DOCS_VERSION"):
        if os.environ.get(name):
            return os.environ[name]
    versions = list_versions(data_dir)
    return versions[-1] if versions else ""


def today() -> dt.date:
    value = os.environ.get(TODAY_ENV)
    return dt.date.fromisoformat(value) if value else dt.date.today()


_cache: dict[tuple, BuildContext] = {}
#: The address above the version folders; set by the site adapter from its configuration.
_site_root = "/"


def _signature(folder: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()))


def previous_version_name(data_dir: Path, name: str) -> Optional[str]:
    """The version folder before `name`, if any."""
    versions = list_versions(data_dir)
    if name not in versions:
        return None
    i = versions.index(name)
    return versions[i - 1] if i > 0 else None


def load(project_dir: Path, version_name: Optional[str] = None, site_root: Optional[str] = None) -> BuildContext:
    """Validate and index the version; reuse the result while no data file has changed."""
    global _site_root
    if site_root is not None:
        _site_root = folder(site_root)
    data_dir = project_dir / "data"
    name = version_name or chosen_version(data_dir)
    previous_name = previous_version_name(data_dir, name) if name else None
    signature = tuple(_signature(data_dir / n) if n and (data_dir / n).is_dir() else () for n in (name, previous_name))
    key = (str(project_dir), name, signature, today(), _site_root)
    if key in _cache:
        return _cache[key]
    result = validate_version(data_dir, name, project_dir)
    context = BuildContext(project_dir, name, result.version, result.problems, today(), _site_root)
    if result.version is not None:
        if previous_name:
            # The page "Nytt i denne versjonen" compares with it; a broken older version only loses that page's details.
            context.previous = validate_version(data_dir, previous_name, project_dir).version
        context.downloads = documents.downloads(result.version, _site_root, documents.cache_dir_for(project_dir))
        sizes = {rel: len(data) for rel, data in context.downloads.items()}
        context.pages = {spec.src: spec for spec in site_pages(result.version, context.today, site_root=_site_root,
                                                               previous=context.previous, downloads=sizes)}
    _cache.clear()
    _cache[key] = context
    return context


def current(project_dir: Path) -> BuildContext:
    """The context loaded for the build under way (the site adapter loads it once per build, in
    `on_config`); loaded now when there is none. Pages use this, so a build checks the data folder
    once, not once per page."""
    project_dir = Path(project_dir)
    name = chosen_version(project_dir / "data")
    for key, context in _cache.items():
        if key[0] == str(project_dir) and key[1] == name:
            return context
    return load(project_dir)
