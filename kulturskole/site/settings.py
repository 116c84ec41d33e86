"""The settings of one site build, and the one rule that chooses which version is built.

The command line fills `BuildSettings` from its options and hands them to the MkDocs plugin as its
configuration (`site.build`); `mkdocs build` on its own uses the plugin's defaults. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..validate import list_versions

#: mike sets this when it builds a version (`mike deploy 2024-2025`); it is read, never written.
MIKE_VERSION_ENV = "MIKE_DOCS_VERSION"


def requested_version(requested: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The version asked for: `requested` (--version or the plugin's `version`), else mike's."""
    return requested or environ.get(MIKE_VERSION_ENV) or None


def choose_version(requested: str | None, data_dir: Path, environ: Mapping[str, str] = os.environ) -> str:
    """The version to build: `requested`, else the one mike builds, else the newest folder in data/
    ("" when there is none)."""
    chosen = requested_version(requested, environ)
    if chosen:
        return chosen
    versions = list_versions(data_dir)
    return versions[-1] if versions else ""


@dataclass(frozen=True)
class BuildSettings:
    """What a build needs to know besides mkdocs.yml; the fields of the plugin's configuration."""

    #: The version folder in data/ ("" → `choose_version`).
    version: str = ""
    #: The day the start page speaks of, as ÅÅÅÅ-MM-DD ("" → the real date).
    today: str = ""
    #: The folder canonical links point at ("latest" when the version becomes the current one;
    #: "" → the version's own folder).
    canonical: str = ""
    #: The published address above the version folders, when it differs from site_url (the preview
    #: serves from 127.0.0.1 but shows the published addresses on «Lenker»); "" → site_url.
    site_root: str = ""
    #: The cache of rendered documents, relative to the project ("" → no cache).
    cache_dir: str = ".cache/kulturskole"
    #: Make the PDF and DOCX downloads (a test that does not look at them can skip them).
    documents: bool = True

    def as_plugin_config(self) -> dict:
        return asdict(self)


#: Host names reserved for examples (RFC 2606): a site_url on one of them is a placeholder, not the
#: address the site is published at.
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")

#: How an editor sets the address, said in every message about it.
ADDRESS_HOW = ("Sett den ekte adressen med miljøvariabelen SITE_URL (for eksempel "
               "SITE_URL=https://kulturskole.github.io/fremtidens-kulturskole/) eller site_url i mkdocs.yml. "
               "I GitHub: sett repository-variabelen SITE_URL (Settings → Secrets and variables → Actions → Variables).")


def is_placeholder(site_url: str) -> bool:
    """True when `site_url` is not a real address: empty, or on a host reserved for examples."""
    host = (urlsplit(site_url).hostname or "").lower()
    return not host or host in EXAMPLE_HOSTS or host.endswith(tuple("." + h for h in EXAMPLE_HOSTS))


def parse_today(value: str) -> dt.date:
    """`today` of the settings as a date (the real date when empty)."""
    return dt.date.fromisoformat(value) if value else dt.date.today()
