"""The preview (`kulturskole serve`) as an editor meets it: a busy port, data with errors, no address set."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import KULTURSKOLE, copy_project, free_port, kulturskole


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture()
def broken_preview(tmp_path):
    """A preview of a project whose theme pack has an error; yields its address."""
    project = copy_project(tmp_path / "prosjekt")
    pack = project / "data/2024-2025/temapakker/kulturskole-hele-livet.yml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("tittel:", "titel:", 1), encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen([*KULTURSKOLE, "serve", "--port", str(port), "--no-documents"], cwd=project,
                            env={"KULTURSKOLE_PROJECT": str(project), "PATH": "/usr/bin:/bin"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if fetch(url)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("forhåndsvisningen startet ikke")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_every_address_of_the_preview_shows_the_errors_in_bokmal(broken_preview):
    for path in ("", "temapakker/kulturskole-hele-livet/", "samlinger/", "finnes-ikke/"):
        status, body = fetch(broken_preview + path)
        assert "Feil i dataene" in body, path
        assert "temapakker/kulturskole-hele-livet.yml" in body and "titel" in body, path
        assert "Not found" not in body and "404 -" not in body, path


def test_a_busy_port_is_one_line_in_bokmal_and_names_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kulturskole(Path(__file__).resolve().parents[1], "serve", "--port", str(port), "--no-documents")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert f"Porten {port} er opptatt" in last and f"--port {port + 1}" in last and f"PORT={port + 1}" in last


def test_build_without_an_address_says_once_that_links_are_preview_addresses(tmp_path):
    project = copy_project(tmp_path / "prosjekt")
    result = kulturskole(project, "build", "--version", "2024-2025", "--site-dir", str(tmp_path / "site"),
                         "--no-documents", env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("forhåndsvisningsadresser") == 1 and "SITE_URL" in result.stderr
    quiet = kulturskole(project, "build", "--version", "2024-2025", "--site-dir", str(tmp_path / "site2"),
                        "--no-documents", env={"SITE_URL": "https://kulturskole.test/"})
    assert quiet.returncode == 0, quiet.stderr
    assert "forhåndsvisningsadresser" not in quiet.stderr
