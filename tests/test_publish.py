"""Publishing with mike into a throwaway git repository whose remote is a bare repository in tmp.

Nothing here touches a real remote. The published branch is read with git, and served_branch from a
local folder to a headless Chromium, as a static host would serve it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import StaticServer, build_options, copy_project, free_port

KULTURSKOLE = [sys.executable, "-m", "kulturskole"]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def show(repo: Path, path: str, branch: str = "gh-pages") -> str:
    return git(repo, "show", f"{branch}:{path}")


class Repo:
    """A project clone with a bare `origin`, and the site address it is published under."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.project = root / "project"
        self.remote = root / "remote.git"
        self.port = port
        self.site_url = f"http://127.0.0.1:{port}/"

    def env(self) -> dict:
        env = {**os.environ, "KULTURSKOLE_PROJECT": str(self.project), "SITE_URL": self.site_url,
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        env.pop("MIKE_DOCS_VERSION", None)
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*KULTURSKOLE, *args], cwd=self.project, env=self.env(), capture_output=True, text=True)

    def publish(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("publish", *args, *build_options())

    def tree(self, path: str) -> str:
        return git(self.project, "rev-parse", f"gh-pages:{path}")

    def commit_all(self, message: str) -> None:
        git(self.project, "add", "-A")
        git(self.project, "commit", "-q", "-m", message)

    def export(self, dest: Path) -> Path:
        """The branch as files, as a static host gets them."""
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "gh-pages"], cwd=self.project, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        return dest


def make_repo(root: Path) -> Repo:
    repo = Repo(root, free_port())
    copy_project(repo.project)
    subprocess.run(["git", "init", "-q", "--bare", str(repo.remote)], check=True)
    git(repo.project, "init", "-q", "-b", "main")
    git(repo.project, "config", "user.name", "Redaksjonen")
    git(repo.project, "config", "user.email", "redaksjonen@example.org")
    repo.commit_all("Programme data")
    git(repo.project, "remote", "add", "origin", str(repo.remote))
    return repo


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """publish 2021-2022, then publish 2024-2025 --latest, both pushed; hashes recorded between."""
    repo = make_repo(tmp_path_factory.mktemp("publish"))
    first = repo.publish("2021-2022", "--push")
    assert first.returncode == 0, first.stdout + first.stderr
    repo.pilot_tree_before = repo.tree("2021-2022")
    second = repo.publish("2024-2025", "--latest", "--push")
    assert second.returncode == 0, second.stdout + second.stderr
    repo.outputs = [first, second]
    return repo


def test_versions_json_lists_both_and_latest_is_current(published):
    versions = json.loads(show(published.project, "versions.json"))
    by_name = {v["version"]: v for v in versions}
    assert set(by_name) == {"2021-2022", "2024-2025"}
    assert by_name["2024-2025"]["aliases"] == ["latest"]
    assert by_name["2021-2022"]["aliases"] == []
    assert by_name["2024-2025"]["title"] == "2024–2025 · regionalt program"
    assert by_name["2021-2022"]["title"] == "2021–2022 · pilotprosjekt"


def test_publishing_the_new_version_leaves_the_earlier_one_untouched(published):
    assert published.tree("2021-2022") == published.pilot_tree_before


def test_root_redirects_to_latest_and_has_a_bokmal_404(published):
    index = show(published.project, "index.html")
    assert '"latest/"' in index and 'href="latest/"' in index
    assert 'lang="nb"' in index
    not_found = show(published.project, "404.html")
    assert 'lang="nb"' in not_found and "Fant ikke siden" in not_found
    # 404.html is served_branch at any address, so its links are absolute paths from the site root.
    assert 'href="/latest/"' in not_found
    assert "https://" not in not_found and "http://" not in not_found


def test_latest_is_redirect_pages_not_symlinks(published):
    listing = git(published.project, "ls-tree", "-r", "gh-pages")
    assert not [line for line in listing.splitlines() if line.startswith("120000")], "symlinks on the branch"
    alias_page = show(published.project, "latest/program/index.html")
    assert "../../2024-2025/program/" in alias_page and "window.location.hash" in alias_page
    assert "Sender deg videre" in alias_page


def test_pushed_to_the_bare_remote(published):
    assert git(published.remote, "rev-parse", "gh-pages") == git(published.project, "rev-parse", "gh-pages")


def test_canonical_links_point_at_latest_for_the_current_version(published):
    current = show(published.project, "2024-2025/program/index.html")
    assert f'<link rel="canonical" href="{published.site_url}latest/program/">' in current
    pilot = show(published.project, "2021-2022/program/index.html")
    assert f'<link rel="canonical" href="{published.site_url}2021-2022/program/">' in pilot


def test_link_manifest_lists_every_permanent_link(published):
    manifest = json.loads(show(published.project, "2024-2025/lenker.json"))
    paths = {link["sti"] for link in manifest["lenker"]}
    assert "samlinger/fellessamling-1/#forberedelse" in paths
    assert "oppgaver/#sette-sammen-kommunegruppe" in paths
    assert "temapakker/kulturskole-hele-livet/" in paths
    assert "faser/sette-mal/" in paths
    # every page path in the manifest exists on the branch
    for page in manifest["sider"]:
        show(published.project, f"2024-2025/{page}index.html")


def test_links_page_gives_both_addresses_as_plain_text(published):
    html = show(published.project, "2024-2025/lenker/index.html").replace("<wbr>", "")  # where an address may wrap
    manifest = json.loads(show(published.project, "2024-2025/lenker.json"))
    root = published.site_url
    for link in manifest["lenker"]:
        if link["type"] in ("forberedelse", "oppgave"):
            assert f"<code class=\"kfs-url\">{root}2024-2025/{link['sti']}</code>" in html, link
            assert f"<code class=\"kfs-url\">{root}latest/{link['sti']}</code>" in html, link
    # Without JavaScript the copy buttons are hidden; the address is selectable text.
    buttons = re.findall(r"<button[^>]*kfs-copy[^>]*>", html)
    assert buttons and all(" hidden" in b for b in buttons)


def test_republishing_without_push_changes_only_that_version_and_stays_local(published):
    remote_before = git(published.remote, "rev-parse", "gh-pages")
    current_before = published.tree("2024-2025")
    latest_before = published.tree("latest")
    pilot_before = published.tree("2021-2022")
    same = published.publish("2021-2022")
    assert same.returncode == 0 and "allerede publisert" in same.stdout, same.stderr
    # A typo fix in the earlier version:
    faq = published.project / "data/2021-2022/faq.yml"
    faq.write_text(re.sub(r"(svar: [>|]-?\n\s+)", r"\1Rettet. ", faq.read_text(encoding="utf-8"), count=1),
                   encoding="utf-8")
    published.commit_all("Fix a typo in the pilot's FAQ")
    result = published.publish("2021-2022")
    assert result.returncode == 0, result.stderr
    assert "Ikke sendt" in result.stdout
    assert published.tree("2021-2022") != pilot_before
    assert "Rettet." in show(published.project, "2021-2022/sporsmal-og-svar/index.html")
    assert git(published.remote, "rev-parse", "gh-pages") == remote_before
    assert published.tree("2024-2025") == current_before
    assert published.tree("latest") == latest_before


def test_versions_command_shows_what_is_published(published):
    result = published.run("versions", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["versjon"]: r for r in json.loads(result.stdout)}
    assert rows["2024-2025"]["aliaser"] == ["latest"] and rows["2024-2025"]["publisert"]
    assert rows["2021-2022"]["publisert"] and rows["2021-2022"]["periode"] == "september 2021 – desember 2022"
    table = published.run("versions").stdout
    assert "2024–2025 · regionalt program" in table and "ja (latest)" in table


# ---------------------------------------------------------------- renamed ids

@pytest.fixture()
def clone(published, tmp_path):
    """A private copy of the published repository, for tests that change data."""
    root = tmp_path / "clone"
    shutil.copytree(published.root, root, symlinks=True)
    repo = Repo(root, published.port)
    git(repo.project, "remote", "set-url", "origin", str(repo.remote))
    return repo


def rename_task(repo: Repo, old: str, new: str) -> None:
    for path in (repo.project / "data/2024-2025").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if re.search(rf"\b{old}\b", text):
            path.write_text(re.sub(rf"\b{old}\b", new, text), encoding="utf-8")


def test_renamed_task_without_redirect_stops_publishing(clone):
    head = git(clone.project, "rev-parse", "gh-pages")
    rename_task(clone, "sette-sammen-kommunegruppe", "etablere-kommunegruppe")
    clone.commit_all("Rename a task")
    result = clone.publish("2024-2025", "--latest")
    assert result.returncode == 1
    assert f"{clone.site_url}2024-2025/oppgaver/#sette-sammen-kommunegruppe" in result.stderr
    assert f"{clone.site_url}latest/oppgaver/#sette-sammen-kommunegruppe" in result.stderr
    assert "omdirigeringer.yml" in result.stderr and "Traceback" not in result.stderr
    assert git(clone.project, "rev-parse", "gh-pages") == head, "nothing may be committed"


def test_renamed_task_with_redirect_publishes_and_old_anchor_still_lands(clone, browser, tmp_path):
    rename_task(clone, "sette-sammen-kommunegruppe", "etablere-kommunegruppe")
    (clone.project / "data/2024-2025/omdirigeringer.yml").write_text(
        "omdirigeringer:\n  - type: oppgave\n    fra: sette-sammen-kommunegruppe\n    til: etablere-kommunegruppe\n",
        encoding="utf-8")
    clone.commit_all("Rename a task, with a redirect")
    result = clone.publish("2024-2025", "--latest")
    assert result.returncode == 0, result.stderr
    html = show(clone.project, "2024-2025/oppgaver/index.html")
    old = html.index('id="sette-sammen-kommunegruppe"')
    assert html.index('id="etablere-kommunegruppe"') > old
    with StaticServer(clone.export(tmp_path / "served_branch"), clone.port):
        page = browser.new_page()
        page.goto(f"{clone.site_url}latest/oppgaver/#sette-sammen-kommunegruppe")
        page.wait_for_url(re.compile(r"/2024-2025/oppgaver/#sette-sammen-kommunegruppe$"))
        # The old anchor sits right before the renamed task: the reader sees it at the top.
        heading = page.locator("#etablere-kommunegruppe")
        assert heading.is_visible() and heading.bounding_box()["y"] < page.viewport_size["height"]
        page.close()


def test_renamed_theme_pack_redirects_to_its_new_page(clone, browser, tmp_path):
    packs = clone.project / "data/2024-2025/temapakker"
    (packs / "kulturskole-hele-livet.yml").rename(packs / "kulturskole-for-alle-aldre.yml")
    clone.commit_all("Rename a theme pack")
    refused = clone.publish("2024-2025", "--latest")
    assert refused.returncode == 1
    assert f"{clone.site_url}2024-2025/temapakker/kulturskole-hele-livet/" in refused.stderr
    assert "type: temapakke" in refused.stderr and "fra: kulturskole-hele-livet" in refused.stderr
    (clone.project / "data/2024-2025/omdirigeringer.yml").write_text(
        "omdirigeringer:\n  - type: temapakke\n    fra: kulturskole-hele-livet\n    til: kulturskole-for-alle-aldre\n",
        encoding="utf-8")
    clone.commit_all("Redirect the renamed theme pack")
    result = clone.publish("2024-2025", "--latest")
    assert result.returncode == 0, result.stderr
    stub = show(clone.project, "2024-2025/temapakker/kulturskole-hele-livet/index.html")
    assert '"../kulturskole-for-alle-aldre/"' in stub
    with StaticServer(clone.export(tmp_path / "served_branch"), clone.port):
        page = browser.new_page()
        page.goto(f"{clone.site_url}latest/temapakker/kulturskole-hele-livet/")
        page.wait_for_url(re.compile(r"/2024-2025/temapakker/kulturskole-for-alle-aldre/$"))
        assert "Kulturskole hele livet" in page.locator("h1").inner_text()
        page.close()


def test_redirect_to_an_id_that_does_not_exist_is_a_data_error(clone):
    (clone.project / "data/2024-2025/omdirigeringer.yml").write_text(
        "omdirigeringer:\n  - type: oppgave\n    fra: gammel-oppgave\n    til: etablere-kommunegrupe\n",
        encoding="utf-8")
    result = clone.run("validate", "--version", "2024-2025")
    assert result.returncode == 1
    assert ("data/2024-2025/omdirigeringer.yml:4: omdirigeringer[0].til: oppgaven «etablere-kommunegrupe» "
            "finnes ikke i denne versjonen (oppgaver/). Mente du «sette-sammen-kommunegruppe»?") in result.stderr, \
        result.stderr


def test_a_draft_cannot_become_the_current_version(clone):
    program = clone.project / "data/2024-2025/program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace("status: publisert", "status: utkast"),
                       encoding="utf-8")
    result = clone.publish("2024-2025", "--latest")
    assert result.returncode == 1 and "utkast" in result.stderr


def test_publishing_without_git_identity_says_what_to_do(clone):
    git(clone.project, "config", "--unset", "user.name")
    result = clone.publish("2021-2022")
    assert result.returncode == 1
    assert "git config user.name" in result.stderr and "Traceback" not in result.stderr


def test_new_version_starts_as_a_valid_draft(clone):
    result = clone.run("new-version", "2026-2027", "--from", "2024-2025")
    assert result.returncode == 0, result.stderr
    program = (clone.project / "data/2026-2027/program.yml").read_text(encoding="utf-8")
    assert "status: utkast" in program and "versjonstittel: \"2026–2027 · regionalt program\"" in program
    assert program.startswith("# yaml-language-server: $schema=")
    assert clone.run("validate", "--version", "2026-2027").returncode == 0
    rows = {r["versjon"]: r for r in json.loads(clone.run("versions", "--json").stdout)}
    assert rows["2026-2027"]["status"] == "utkast" and not rows["2026-2027"]["publisert"]
    again = clone.run("new-version", "2026-2027", "--from", "2024-2025")
    assert again.returncode == 1 and "finnes allerede" in again.stderr


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def served_branch(published, tmp_path_factory):
    with StaticServer(published.export(tmp_path_factory.mktemp("served_branch") / "site"), published.port):
        yield published.site_url


def test_banner_on_the_earlier_version_links_to_the_same_page_in_the_current(served_branch, browser):
    page = browser.new_page()
    page.goto(f"{served_branch}2021-2022/program/")
    banner = page.locator(".kfs-earlier")
    banner.wait_for(state="visible")
    text = banner.inner_text()
    assert "tidligere programversjon" in text and "2021–2022 · pilotprosjekt" in text
    assert "2024–2025 · regionalt program" in text
    assert "ikke vedlikehold" not in text.lower()
    assert banner.locator("a").get_attribute("href") == f"{served_branch}2024-2025/program/"
    # A page the current version does not have: the banner links to its start page.
    page.goto(f"{served_branch}2021-2022/kommuner/")
    banner.wait_for(state="visible")
    assert banner.locator("a").get_attribute("href") == f"{served_branch}2024-2025/"
    page.close()


def test_no_banner_on_the_current_version(served_branch, browser):
    page = browser.new_page()
    page.goto(served_branch)  # the root redirects to latest/, which redirects to 2024-2025/
    page.wait_for_url(f"{served_branch}2024-2025/")
    page.locator(".kfs-version").wait_for()  # the script has read versions.json
    assert not page.locator(".kfs-earlier").is_visible()
    page.close()


def test_version_selector_works_with_the_keyboard(served_branch, browser):
    page = browser.new_page()
    page.goto(f"{served_branch}2024-2025/program/")
    button = page.locator(".kfs-version .md-version__current")
    button.wait_for()
    assert "2024–2025 · regionalt program" in button.inner_text()
    button.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "2021–2022 · pilotprosjekt"
    assert page.locator(".md-version__link", has_text="2021–2022").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served_branch}2021-2022/program/")  # same page in the other version
    page.close()


def test_old_address_through_latest_keeps_the_anchor(served_branch, browser):
    page = browser.new_page()
    page.goto(f"{served_branch}latest/samlinger/fellessamling-1/#forberedelse")
    page.wait_for_url(f"{served_branch}2024-2025/samlinger/fellessamling-1/#forberedelse")
    assert page.locator("#forberedelse").is_visible()
    page.close()


def test_copy_button_copies_the_address(served_branch, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_branch}2024-2025/lenker/")
    button = page.locator("button.kfs-copy").first
    button.wait_for(state="visible")
    expected = button.get_attribute("data-kfs-copy")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".kfs-copy-status", has_text="kopiert").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    context.close()


# ---------------------------------------------------------------- downloadable files under latest/

def raw(repo: Path, path: str, branch: str = "gh-pages") -> bytes:
    """A file on the branch as bytes (PDFs and calendars are compared byte for byte)."""
    result = subprocess.run(["git", "show", f"{branch}:{path}"], cwd=repo, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def files_in_latest(repo: Path) -> list[str]:
    """Every file in latest/ that is not one of mike's redirect pages, relative to latest/."""
    listing = git(repo, "ls-tree", "-r", "--name-only", "gh-pages", "--", "latest/").splitlines()
    return sorted(p[len("latest/"):] for p in listing if not p.endswith(".html"))


def assert_latest_copies(repo: Path, version: str) -> None:
    manifest = json.loads(show(repo, f"{version}/lenker.json"))
    assert files_in_latest(repo) == manifest["filer"]
    for rel in manifest["filer"]:
        assert raw(repo, f"latest/{rel}") == raw(repo, f"{version}/{rel}"), rel


def test_latest_has_real_copies_of_the_current_versions_files(published):
    manifest = json.loads(show(published.project, "2024-2025/lenker.json"))
    assert {"kalender.ics", "data/sporsmal.json", "data/index.json"} <= set(manifest["filer"])
    assert raw(published.project, "latest/data/sporsmal.json") == raw(published.project, "2024-2025/data/sporsmal.json")
    assert raw(published.project, "latest/kalender.ics") == raw(published.project, "2024-2025/kalender.ics")
    assert_latest_copies(published.project, "2024-2025")
    # mike's redirect pages are still there beside the copies.
    assert "../../2024-2025/program/" in show(published.project, "latest/program/index.html")


def test_latest_data_is_served_as_json(served_branch):
    from urllib.request import urlopen

    with urlopen(f"{served_branch}latest/data/sporsmal.json") as response:
        data = json.loads(response.read().decode("utf-8"))
    assert data["versjon"] == "2024-2025" and data["spørsmål"]
    assert data["spørsmål"][0]["url"].startswith(f"{served_branch}2024-2025/sporsmal/#")


def test_republishing_the_current_version_unchanged_commits_nothing(clone):
    head = git(clone.project, "rev-parse", "gh-pages")
    for args in (("2024-2025", "--latest"), ("2024-2025",)):
        result = clone.publish(*args)
        assert result.returncode == 0, result.stderr
        assert "allerede publisert" in result.stdout, result.stdout
        assert git(clone.project, "rev-parse", "gh-pages") == head, args
    assert_latest_copies(clone.project, "2024-2025")


def shift_years(folder: Path, years: int) -> None:
    """Every date of a copied version moved `years` years on (as an editor updates a new version)."""
    for path in folder.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        # Week numbers belong to the old dates: they go, as an editor would remove them until known.
        lines = [line if line.startswith("versjonstittel") else
                 re.sub(r"\b(20[0-9]{2})-(\d{2})", lambda m: f"{int(m.group(1)) + years}-{m.group(2)}", line)
                 for line in text.split("\n") if not line.strip().startswith("uker:")]
        path.write_text("\n".join(lines), encoding="utf-8")


def test_when_latest_moves_latest_holds_only_the_new_versions_files(clone):
    assert clone.run("new-version", "2026-2027", "--from", "2024-2025").returncode == 0
    folder = clone.project / "data/2026-2027"
    shift_years(folder, 2)
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace("status: utkast", "status: publisert"),
                       encoding="utf-8")
    # In the new version one gathering is known only by month: it has no calendar file any more.
    gathering = folder / "samlinger/koordinatorsamling-3.yml"
    text = gathering.read_text(encoding="utf-8")
    assert "  dag: 2027-01-23\n" in text
    gathering.write_text(text.replace("  dag: 2027-01-23\n", '  måned: "2027-01"\n'), encoding="utf-8")
    old = set(files_in_latest(clone.project))
    assert "samlinger/koordinatorsamling-3/kalender.ics" in old
    clone.commit_all("A new version")

    result = clone.publish("2026-2027", "--latest")
    assert result.returncode == 0, result.stderr
    assert "Advarsel" in result.stderr and "Publiseringen fortsetter" in result.stderr
    assert f"{clone.site_url}latest/samlinger/koordinatorsamling-3/kalender.ics" in result.stderr
    assert_latest_copies(clone.project, "2026-2027")
    assert "samlinger/koordinatorsamling-3/kalender.ics" not in files_in_latest(clone.project)
    index = json.loads(show(clone.project, "latest/data/index.json"))
    assert index["versjon"] == "2026-2027"
    # The earlier version keeps its own files.
    assert json.loads(show(clone.project, "2024-2025/data/index.json"))["versjon"] == "2024-2025"
    questions = json.loads(show(clone.project, "latest/data/sporsmal.json"))["spørsmål"]
    assert questions and all(q["url"].startswith(f"{clone.site_url}2026-2027/") for q in questions)


# ---------------------------------------------------------------- the GitHub Actions workflow

def test_workflow_publishes_on_a_tag_with_the_branch_fetched_and_an_identity():
    import yaml

    root = Path(__file__).resolve().parents[1]
    # BaseLoader: every scalar is a string, so the key `on` stays "on" (YAML 1.1 would make it True).
    workflow = yaml.load((root / ".github/workflows/publish.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert workflow["on"]["push"]["tags"] == ["publish/*"]
    assert workflow["permissions"]["contents"] == "write"
    steps = workflow["jobs"]["publish"]["steps"]
    scripts = [step.get("run", "") for step in steps]
    order = lambda needle: next(i for i, s in enumerate(scripts) if needle in s)  # noqa: E731
    assert order("git fetch origin gh-pages") < order("kulturskole publish")
    assert order("git config user.name") < order("kulturskole publish")
    assert '--push' in scripts[order("kulturskole publish")]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == "0"


# ---------------------------------------------------------------- safe by default

def test_publishing_with_the_placeholder_address_is_refused_before_anything_is_written(clone):
    branches = git(clone.project, "for-each-ref", "--format=%(refname)")
    env = clone.env()
    env.pop("SITE_URL")
    result = subprocess.run([*KULTURSKOLE, "publish", "2024-2025", "--latest", *build_options()], cwd=clone.project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "adresse er ikke satt" in result.stderr and "example.org" in result.stderr and "SITE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(clone.project, "for-each-ref", "--format=%(refname)") == branches, "nothing may be written"


@pytest.mark.parametrize("change", ["edited", "untracked"])
def test_publishing_refuses_what_git_does_not_hold_and_names_it(clone, change):
    head = git(clone.project, "rev-parse", "gh-pages")
    if change == "edited":
        path = clone.project / "data/2024-2025/temapakker/kulturskole-hele-livet.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("tittel:", "tittel: Ny", 1), encoding="utf-8")
        name = "data/2024-2025/temapakker/kulturskole-hele-livet.yml"
    else:
        (clone.project / "docs/assets/stylesheets/ny.css").write_text("p { color: #111; }\n", encoding="utf-8")
        name = "docs/assets/stylesheets/ny.css"
    result = clone.publish("2024-2025", "--latest")
    assert result.returncode == 1, result.stdout
    assert "er ikke lagret i git" in result.stderr and f"  {name}" in result.stderr
    assert git(clone.project, "rev-parse", "gh-pages") == head, "nothing may be committed"
    clone.commit_all("The change")
    assert clone.publish("2024-2025", "--latest").returncode == 0


def test_a_publication_with_a_real_address_leaves_no_placeholder_on_the_branch(tmp_path):
    repo = make_repo(tmp_path)
    env = {**repo.env(), "SITE_URL": "https://kulturskole.test/"}
    for args in (("2021-2022",), ("2024-2025", "--latest")):
        result = subprocess.run([*KULTURSKOLE, "publish", *args, *build_options()], cwd=repo.project, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    found = subprocess.run(["git", "grep", "-l", "-i", "example\\.\\(org\\|com\\|net\\)", "gh-pages"],
                           cwd=repo.project, capture_output=True, text=True)
    assert found.stdout == "", found.stdout
    assert "https://kulturskole.test/latest/" in show(repo.project, "2024-2025/sitemap.xml")
    assert "https://kulturskole.test/latest/" in show(repo.project, "2024-2025/lenker/index.html")


def _workflow(name: str) -> dict:
    import yaml

    root = Path(__file__).resolve().parents[1]
    return yaml.load((root / ".github/workflows" / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_publish_workflow_stops_first_when_the_address_is_missing():
    steps = _workflow("publish.yml")["jobs"]["publish"]["steps"]
    assert '[ -z "$SITE_URL" ]' in steps[0].get("run", "") and "exit 1" in steps[0]["run"]
    assert "::error" in steps[0]["run"]


def test_pull_requests_get_annotations_a_strict_build_and_the_site_to_look_at():
    workflow = _workflow("check.yml")
    assert "pull_request" in workflow["on"]
    steps = workflow["jobs"]["check"]["steps"]
    scripts = [step.get("run", "") for step in steps]
    order = lambda needle: next(i for i, s in enumerate(scripts) if needle in s)  # noqa: E731
    assert order("validate --format github") < order("kulturskole build --version")
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload > order("kulturskole build --version")
    assert steps[upload]["with"]["path"] == "nettsted/"


def test_a_new_version_says_what_to_update_and_cannot_be_published_with_old_dates(clone):
    made = clone.run("new-version", "2026-2027", "--from", "2024-2025")
    assert made.returncode == 0, made.stderr
    assert "Dette må rettes før versjonen kan publiseres" in made.stdout
    assert "data/2026-2027/program.yml" in made.stdout and "periode.fra" in made.stdout
    assert "20 samlinger" in made.stdout  # the 19 of the schedule and the open seminar of April 2024
    validated = clone.run("validate", "--version", "2026-2027")
    assert validated.returncode == 0 and "Advarsel:" in validated.stderr
    clone.commit_all("A new version, not updated yet")
    head = git(clone.project, "rev-parse", "gh-pages")
    refused = clone.publish("2026-2027")
    assert refused.returncode == 1 and "utenfor programperioden" in refused.stderr, refused.stderr
    assert git(clone.project, "rev-parse", "gh-pages") == head
