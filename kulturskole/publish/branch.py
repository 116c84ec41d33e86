"""Reading and writing the publishing branch (default `gh-pages`) of the project's git repository.

mike owns the layout of the branch: one folder per version, an alias folder (`latest/`) of redirect
pages, and `versions.json` at the root. We use mike's own git helpers, so the branch never needs a
checkout. Every function runs git in the current folder (the project).
"""

from __future__ import annotations

import json
import subprocess

from mike import git_utils
from mike.commands import list_versions as mike_list_versions

DEFAULT_BRANCH = "gh-pages"
DEFAULT_REMOTE = "origin"


class PublishError(Exception):
    """A problem an editor can fix; the message is bokmål and names what to do."""


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} feilet: {result.stderr.strip()}")
    return result


def is_repository() -> bool:
    return _git("rev-parse", "--git-dir", check=False).returncode == 0


def ensure_repository() -> None:
    if not is_repository():
        raise PublishError("prosjektmappen er ikke et git-depot. Publisering skriver til en gren i git-depotet; "
                           "kjør kommandoen fra en klone av prosjektet")


def ensure_identity() -> None:
    """mike commits to the branch; git needs a name and an e-mail for that."""
    for key in ("user.name", "user.email"):
        if _git("config", key, check=False).returncode != 0:
            raise PublishError("git vet ikke hvem som publiserer. Kjør\n"
                               '  git config user.name "Ditt Navn"\n'
                               '  git config user.email "deg@example.org"\n'
                               "og prøv igjen")


def sync_from_remote(remote: str, branch: str) -> None:
    """Fetch the remote's publishing branch and fast-forward ours to it (before publishing)."""
    if _git("remote", "get-url", remote, check=False).returncode != 0:
        raise PublishError(f"git kjenner ingen fjernkilde som heter «{remote}». Bruk --remote NAVN")
    listed = _git("ls-remote", "--heads", remote, branch, check=False)
    if listed.returncode != 0:
        raise PublishError(f"fikk ikke kontakt med «{remote}»: {listed.stderr.strip()}")
    if not listed.stdout.strip():
        return  # the first publication: the branch does not exist there yet
    _git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    try:
        git_utils.update_from_upstream(remote, branch)
    except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated) as err:
        raise PublishError(f"grenen «{branch}» her og på «{remote}» har ulike endringer. Hent grenen på nytt "
                           f"(git branch -D {branch}) og publiser igjen") from err


def push(remote: str, branch: str) -> None:
    try:
        git_utils.push_branch(remote, branch)
    except git_utils.GitError as err:
        raise PublishError(f"kunne ikke sende grenen «{branch}» til «{remote}»: {err}") from err


def published_versions(branch: str) -> list[dict]:
    """versions.json on the branch: [{"version", "title", "aliases"}], newest first; [] before the first."""
    return mike_list_versions(branch).to_json()


def version_with_alias(branch: str, alias: str) -> str | None:
    for info in published_versions(branch):
        if alias in info["aliases"]:
            return info["version"]
    return None


def read_json(branch: str, path: str) -> dict | None:
    """A JSON file on the branch, or None when it is not there."""
    try:
        return json.loads(git_utils.read_file(branch, path, universal_newlines=True))
    except git_utils.GitError:
        return None
    except ValueError:
        return None


def changed_files(paths: list[str]) -> list[str]:
    """Files below `paths` that differ from the last commit: changed, added, deleted or not tracked
    (ignored files excluded), as git shows them, relative to the repository."""
    result = _git("status", "--porcelain=v1", "--untracked-files=all", "--no-renames", "--", *paths)
    return sorted({line[3:] for line in result.stdout.splitlines() if line.strip()})


def head_short() -> str:
    result = _git("rev-parse", "--short", "HEAD", check=False)
    return result.stdout.strip() if result.returncode == 0 else "(ingen commit)"


def head(branch: str) -> str | None:
    """The commit the branch points at, or None before the first publication."""
    result = _git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def files_under(branch: str, folder: str) -> list[str]:
    """Paths of the files in `folder` on the branch (relative to the branch root); [] when there is none."""
    result = _git("ls-tree", "-r", "--name-only", "--full-tree", branch, "--", folder.rstrip("/") + "/", check=False)
    return result.stdout.splitlines() if result.returncode == 0 else []


def undo_if_unchanged(branch: str, before: str | None) -> bool:
    """True when the branch holds the same files as at commit `before`; then the commits made since
    are dropped (a publication that changes nothing leaves the branch as it was, as mike does with
    one empty commit). Nothing has been pushed yet when this runs."""
    after = head(branch)
    if after == before:
        return True
    if before is None or after is None:
        return False
    if _git("rev-parse", f"{after}^{{tree}}").stdout != _git("rev-parse", f"{before}^{{tree}}").stdout:
        return False
    _git("update-ref", f"refs/heads/{branch}", before, after)
    return True
