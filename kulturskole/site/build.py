"""Build and preview one version with MkDocs, strictly, with the settings the command line chose.

The settings reach the build explicitly: they replace the `kulturskole` entry of mkdocs.yml's
plugin list for this build (`config_overrides`), for `build` and `serve` alike. Nothing is passed
through environment variables.

The build goes to a temporary folder next to the target and replaces the target only when it
succeeded: a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import errno
import json
import logging
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model.urls import folder
from ..validate import Validator
from .settings import BuildSettings

PLUGIN = "kulturskole"


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


def config_file(project_dir: Path) -> str:
    return str(project_dir / "mkdocs.yml")


def configured_site_root(project_dir: Path) -> str:
    """site_url from mkdocs.yml (the root above the version folders), with $SITE_URL applied."""
    from mkdocs.config import load_config

    return folder(load_config(config_file=config_file(project_dir)).site_url or "/")


def config_overrides(project_dir: Path, settings: BuildSettings) -> dict[str, Any]:
    """mkdocs.yml's plugin list with our plugin's entry set to `settings`, for `load_config(**…)`."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file(project_dir), encoding="utf-8") as f:
        plugins = yaml_load(f).get("plugins", [])
    out = []
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry))
        out.append({PLUGIN: settings.as_plugin_config()} if name == PLUGIN else entry)
    if PLUGIN not in [e if isinstance(e, str) else next(iter(e)) for e in plugins]:
        raise ValueError(f"mkdocs.yml mangler tillegget «{PLUGIN}» under plugins")
    return {"plugins": out}


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


def _build_into(project_dir: Path, settings: BuildSettings, site_dir: Path,
                validator: Validator | None) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        from .plugin import KulturskolePlugin

        config = load_config(config_file=config_file(project_dir), site_dir=str(site_dir), strict=True,
                             **config_overrides(project_dir, settings))
        if validator is not None:
            # The command line has checked this version already: the plugin reuses that result.
            plugin = config.plugins[PLUGIN]
            assert isinstance(plugin, KulturskolePlugin)
            plugin.contexts.validator = validator
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as err:
        print(f"Byggingen stoppet: {err}", file=sys.stderr)
        return False
    return True


def build_site(project_dir: Path, settings: BuildSettings, site_dir: Path, verbose: bool = False,
               validator: Validator | None = None) -> bool:
    """Build the version `settings.version` strictly into `site_dir`."""
    _setup_logging(verbose)
    return _replace_when_built(site_dir, lambda staging: _build_into(project_dir, settings, staging, validator))


def build_all(project_dir: Path, settings: BuildSettings, versions: Sequence[tuple[str, str, str]], site_dir: Path,
              verbose: bool = False, validator: Validator | None = None) -> bool:
    """Build every version, in one process, into `site_dir/<version>/`, as the site is published.

    `versions` holds (name, title, status), oldest first. A `versions.json` like mike's lets the
    version selector work; the newest version with status «publisert» is marked `latest` (the rule
    `kulturskole publish` follows). `site_dir` is replaced only when every version was built."""
    _setup_logging(verbose)

    def fill(staging: Path) -> bool:
        if not all(_build_into(project_dir, replace(settings, version=name), staging / name, validator)
                   for name, _, _ in versions):
            return False
        published = [name for name, _, status in versions if status == "publisert"]
        listing = [{"version": name, "title": title, "aliases": ["latest"] if published and name == published[-1] else []}
                   for name, title, _ in reversed(versions)]
        (staging / "versions.json").write_text(json.dumps(listing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return True

    return _replace_when_built(site_dir, fill)


class PortInUse(Exception):
    """The preview's port is taken by another program."""


def _check_port(dev_addr: str) -> None:
    host, _, port = dev_addr.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise PortInUse(dev_addr) from err
            raise


def serve_site(project_dir: Path, settings: BuildSettings, dev_addr: str) -> int:
    """Preview on `dev_addr`; PortInUse when the port is taken (checked before anything is built)."""
    from mkdocs.commands.serve import serve

    _check_port(dev_addr)
    _setup_logging(verbose=True)
    # The page «Lenker» shows the published addresses, also in the preview.
    settings = replace(settings, site_root=settings.site_root or configured_site_root(project_dir))
    print(f"Forhåndsvisning av {settings.version} på http://{dev_addr}/ (Ctrl+C avslutter).", file=sys.stderr)
    # Preview at the root of the address, not below the published path of site_url.
    serve(config_file=config_file(project_dir), dev_addr=dev_addr, livereload=True,
          site_url=f"http://{dev_addr}/", **config_overrides(project_dir, settings))
    return 0
