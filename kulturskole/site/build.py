"""Build and preview one version with MkDocs, strictly.

The build goes to a temporary folder next to the target and replaces the target only when it
succeeded: a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

from .context import SITE_ROOT_ENV, VERSION_ENV


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = {"WARNING": "ADVARSEL", "ERROR": "FEIL"}.get(record.levelname, record.levelname)
        return f"{level}: {record.getMessage()}"


def _setup_logging(verbose: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_kfs", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Formatter())
        handler._kfs = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    # mkdocs-macros lists its functions on every build; that is noise for an editor.
    logging.getLogger("mkdocs.plugins.mkdocs_macros.util").setLevel(logging.WARNING)


def configured_site_root(project_dir: Path) -> str:
    """site_url from mkdocs.yml (the root above the version folders), with $SITE_URL applied."""
    from mkdocs.config import load_config

    from ..render.urls import folder

    return folder(load_config(config_file=str(project_dir / "mkdocs.yml")).site_url or "/")


def _replace_when_built(site_dir: Path, fill: Callable[[Path], bool]) -> bool:
    """Run `fill` on a new folder beside `site_dir`; when it returns True, that folder replaces
    `site_dir`. On False or an exception the new folder is removed and `site_dir` is left as it was."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        ok = fill(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not ok:
        shutil.rmtree(staging, ignore_errors=True)
        return False
    if site_dir.exists():
        shutil.rmtree(site_dir)
    staging.rename(site_dir)
    return True


def build_site(project_dir: Path, version: str, site_dir: Path, verbose: bool = False) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _setup_logging(verbose)
    os.environ[VERSION_ENV] = version

    def fill(staging: Path) -> bool:
        try:
            config = load_config(config_file=str(project_dir / "mkdocs.yml"), site_dir=str(staging), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, ConfigurationError) as err:
            print(f"Byggingen stoppet: {err}", file=sys.stderr)
            return False
        return True

    return _replace_when_built(site_dir, fill)


def build_all(project_dir: Path, versions: list[tuple[str, str, str]], site_dir: Path, verbose: bool = False) -> bool:
    """Build every version, in one process, into `site_dir/<version>/`, as the site is published.

    `versions` holds (name, title, status), oldest first. A `versions.json` like mike's lets the
    version selector work; the newest version with status «publisert» is marked `latest` (the rule
    `kulturskole publish` follows). `site_dir` is replaced only when every version was built."""

    def fill(staging: Path) -> bool:
        if not all(build_site(project_dir, name, staging / name, verbose) for name, _, _ in versions):
            return False
        published = [name for name, _, status in versions if status == "publisert"]
        listing = [{"version": name, "title": title, "aliases": ["latest"] if published and name == published[-1] else []}
                   for name, title, _ in reversed(versions)]
        (staging / "versions.json").write_text(json.dumps(listing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return True

    return _replace_when_built(site_dir, fill)


def serve_site(project_dir: Path, version: str, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    _setup_logging(verbose=True)
    os.environ[VERSION_ENV] = version
    # The page "Lenker" shows the published addresses, also in the preview.
    os.environ[SITE_ROOT_ENV] = configured_site_root(project_dir)
    # Preview at the root of the address, not below the published path of site_url.
    os.environ["SITE_URL"] = f"http://{dev_addr}/"
    print(f"Forhåndsvisning av {version} på http://{dev_addr}/ (Ctrl+C avslutter).", file=sys.stderr)
    serve(config_file=str(project_dir / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    return 0
