"""Fixtures shared by the test modules, one name each; the helpers they use are in helpers.py.

The built site is made once per test session (`built_root`, both versions side by side as they are
published) and served once (`served_root`, `served_version`); the PDFs and worksheets of every build
come from one document cache (`helpers.DOCUMENT_CACHE`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, StaticServer, free_port, run_build_all

#: The version most tests look at.
CURRENT = "2024-2025"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run (Debian's chromium; Playwright cannot download its own here)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium mangler. Installer den med: sudo apt-get install -y chromium "
                    "(make test og .ci/run gjør det når de kan).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def built_root(tmp_path_factory) -> Path:
    """Both versions, built strictly with `kulturskole build --all`, side by side as they are published."""
    root = tmp_path_factory.mktemp("site") / "nettsted"
    result = run_build_all(ROOT, root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ADVARSEL" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    return root


@pytest.fixture(scope="session")
def sites(built_root) -> dict[str, Path]:
    return {version: built_root / version for version in ("2021-2022", "2024-2025")}


@pytest.fixture(scope="session")
def served_root(built_root):
    """Both versions and versions.json served on 127.0.0.1, as a static host serves the published site."""
    with StaticServer(built_root, free_port()) as server:
        server.root = built_root
        yield server


@pytest.fixture(scope="session")
def served_version(sites):
    """The current version alone, served at the root of 127.0.0.1."""
    with StaticServer(sites[CURRENT], free_port()) as server:
        yield server
