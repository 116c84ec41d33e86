"""Publish one programme version to the publishing branch with mike.

The steps, each of which can stop the publication before anything is written:
1. validate the version's data;
2. build it strictly into a temporary folder;
3. compare its link manifest (lenker.json) with what was published before: the same version's
   earlier publication, and, when `latest` moves, the version `latest` pointed at. A link that
   worked and would stop working needs an entry in omdirigeringer.yml;
4. commit the version folder with mike (aliases are redirect pages, never symlinks: GitHub Pages
   and Netlify do not serve symlinks); when the version is `latest`, commit real copies of its
   downloadable files (calendars, open data, documents: "filer" in lenker.json) into latest/, since
   mike writes only redirect pages there; then the root pages (index.html → latest/, 404.html).
   A publication that changes no file leaves the branch as it was;
5. push only with --push.

A downloadable file that was published before and is gone now is named as a warning: a reader's
link to it stops working, but nothing can redirect a file.

Other version folders are never rewritten: mike replaces only the folder of the version and of its
aliases.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from mike import commands as mike_commands
from mike import git_utils

from ..model import urls
from ..render import permalinks, redirects
from ..site.build import build_site, configured_site_root
from ..site.context import previous_version_name
from ..site.settings import ADDRESS_HOW, BuildSettings, is_placeholder
from ..validate import Validator, format_problems
from . import branch as br


@dataclass
class Options:
    version: str
    latest: bool = False
    title: str | None = None
    push: bool = False
    remote: str = br.DEFAULT_REMOTE
    branch: str = br.DEFAULT_BRANCH
    #: How the version is built (the date, the document cache); version and canonical folder are set here.
    settings: BuildSettings = field(default_factory=BuildSettings)


@contextmanager
def _in_folder(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _fix_hint(version: str, path: str) -> str:
    """An example entry for omdirigeringer.yml, guessed from a broken address."""
    page, _, anchor = path.partition("#")
    kind, old = "side", page
    for prefix, k in (("temapakker/", "temapakke"), ("samlinger/", "samling"), ("faser/", "fase")):
        if page.startswith(prefix) and page.count("/") == 2 and page != prefix:
            kind, old = k, page[len(prefix):-1]
    if anchor and page == "oppgaver/":
        kind, old = "oppgave", anchor
    elif anchor and page == "sporsmal/":
        kind, old = "spørsmål", anchor
    return (f"  data/{version}/omdirigeringer.yml:\n"
            "    omdirigeringer:\n"
            f"      - type: {kind}\n"
            f"        fra: {old}\n"
            f"        til: <{'ny id' if kind != 'side' else 'ny side/'}>")


def _earlier_manifests(opts: Options, current: str | None) -> list[tuple[str, dict]]:
    """(folder, manifest) for each publication whose addresses this one takes over: the same version
    published before, and, when this version is or becomes `latest`, the version `latest` pointed at."""
    out = []
    before = br.read_json(opts.branch, f"{opts.version}/{urls.MANIFEST}")
    if before:
        out.append((opts.version, before))
    if (opts.latest or current == opts.version) and current:
        before_latest = br.read_json(opts.branch, f"{current}/{urls.MANIFEST}")
        if before_latest:
            out.append((urls.LATEST, before_latest))
    return out


def check_links(opts: Options, new_manifest: dict, root: str, current: str | None) -> list[tuple[str, str]]:
    """(full address, path in the version) for each link that worked before and would break.

    `current` is the version `latest` points at before this publication (None before the first)."""
    return [(f"{root}{folder}/{p}", p) for folder, before in _earlier_manifests(opts, current)
            for p in permalinks.broken_links(before, new_manifest)]


def gone_files(opts: Options, new_manifest: dict, root: str, current: str | None) -> list[str]:
    """The full address of each downloadable file that was published before and would be gone."""
    return [f"{root}{folder}/{p}" for folder, before in _earlier_manifests(opts, current)
            for p in permalinks.gone_files(before, new_manifest)]


def _copy_files_to_latest(opts: Options, site_dir: Path, files: list[str]) -> None:
    """Make latest/ hold a real copy of each downloadable file of the version, and no other file.

    mike's redirect pages (the .html files in latest/) are left alone; every other file in latest/
    is one of these copies, so a copy the version no longer has is removed."""
    wanted = {f"{urls.LATEST}/{rel}": rel for rel in files if not rel.endswith(".html")}
    stale = [path for path in br.files_under(opts.branch, urls.LATEST)
             if not path.endswith(".html") and path not in wanted]
    try:
        with git_utils.Commit(opts.branch, f"Copy the files of {opts.version} to {urls.LATEST}/") as commit:
            commit.delete_files(stale)
            for path, rel in sorted(wanted.items()):
                commit.add_file(git_utils.FileInfo(path, (site_dir / rel).read_bytes()))
    except git_utils.GitEmptyCommit:
        pass


def _root_pages(opts: Options, root: str, site_name: str) -> None:
    """index.html (→ latest/) and 404.html at the root of the branch, committed only when changed."""
    files = [git_utils.FileInfo("404.html", redirects.not_found_html(urls.site_root_path(root), site_name))]
    if br.version_with_alias(opts.branch, urls.LATEST):
        files.append(git_utils.FileInfo("index.html", redirects.redirect_html(f"{urls.LATEST}/")))
    try:
        with git_utils.Commit(opts.branch, "Update root index.html and 404.html") as commit:
            for info in files:
                commit.add_file(info)
    except git_utils.GitEmptyCommit:
        pass


#: What a build reads besides the version's data: `build_inputs` lists them for the clean-tree check.
BUILD_INPUTS = ("docs", "theme_overrides", "macros", "mkdocs.yml", "kulturskole", "pyproject.toml")


def build_inputs(project: Path, version: str) -> list[str]:
    """The paths a build of `version` reads: its data folder, the version before it (the page «Nytt i
    denne versjonen» compares with it), and the site's own files."""
    data = [f"data/{version}"]
    previous = previous_version_name(project / "data", version)
    if previous:
        data.append(f"data/{previous}")
    return [*data, *(name for name in BUILD_INPUTS if (project / name).exists())]


def publish(project: Path, opts: Options, out=sys.stdout, err=sys.stderr) -> int:
    def fail(message: str) -> int:
        print(f"Publiseringen stoppet: {message}", file=err)
        return 1

    root = configured_site_root(project)
    if is_placeholder(root):
        # Before anything is written: every link a county branch copied would be dead.
        what = f"plassholderen {root}" if root.strip("/") else "tom"
        return fail(f"nettstedets adresse er ikke satt: site_url er {what}. Alle lenker, "
                    f"kalenderen og sitemap ville pekt dit. {ADDRESS_HOW} Ingenting ble publisert.")

    with _in_folder(project):
        try:
            br.ensure_repository()
            validator = Validator()
            result = validator.validate(project / "data", opts.version, project)
            if not result.ok:
                print(format_problems(result.problems), file=err)
                return fail("rett feilene over og prøv igjen. Ingenting ble publisert.")
            assert result.version is not None  # ok: no problems, so the version is there
            programme = result.version.programme
            if result.warnings:
                print("\n".join(str(w) for w in result.warnings), file=err)
                return fail(f"{opts.version} har datoer utenfor programperioden (over). Rett dem i dataene, "
                            "eller perioden i program.yml. Ingenting ble publisert.")
            if opts.latest and programme.status == "utkast":
                return fail(f"{opts.version} har status «utkast» i program.yml og kan ikke bli gjeldende versjon. "
                            "Sett «status: publisert» når versjonen er klar")
            changed = br.changed_files(build_inputs(project, opts.version))
            if changed:
                lines = "\n".join(f"  {path}" for path in changed)
                return fail(f"{len(changed)} fil{'er' if len(changed) != 1 else ''} som byggingen leser, er ikke "
                            f"lagret i git (commit):\n{lines}\nDet publiserte nettstedet må kunne bygges på nytt fra "
                            "git. Lagre endringene med git add og git commit (eller fjern dem), og publiser igjen. "
                            "Ingenting ble publisert.")
            br.ensure_identity()
            if opts.push:
                br.sync_from_remote(opts.remote, opts.branch)
            current = br.version_with_alias(opts.branch, urls.LATEST)
            canonical = urls.LATEST if (opts.latest or current == opts.version) else opts.version

            staging = Path(tempfile.mkdtemp(prefix="kulturskole-publish-"))
            site_dir = staging / "site"
            try:
                settings = replace(opts.settings, version=opts.version, canonical=canonical)
                if not build_site(project, settings, site_dir, validator=validator):
                    return fail("byggingen feilet (se over). Ingenting ble publisert.")
                manifest = json.loads((site_dir / urls.MANIFEST).read_text(encoding="utf-8"))
                broken = check_links(opts, manifest, root, current)
                if broken:
                    lines = "\n".join(f"  {url}" for url, _ in broken)
                    example = _fix_hint(opts.version, broken[0][1])
                    return fail(
                        f"{len(broken)} lenke{'r' if len(broken) != 1 else ''} som virket før, ville slutte å virke:\n"
                        f"{lines}\n"
                        "Noen kan ha brukt dem i invitasjoner og e-post. Legg inn en omdirigering for hver av dem, "
                        "fra den gamle id-en til den nye, for eksempel:\n" + example + "\n"
                        "Ingenting ble publisert.")
                gone = gone_files(opts, manifest, root, current)
                if gone:
                    lines = "\n".join(f"  {url}" for url in gone)
                    print(f"Advarsel: {len(gone)} fil{'er' if len(gone) != 1 else ''} som var publisert før, "
                          f"finnes ikke lenger:\n{lines}\n"
                          "Lenker til dem slutter å virke. Publiseringen fortsetter.", file=err)
                title = opts.title or programme.version_title
                aliases = [urls.LATEST] if opts.latest else []
                message = f"Publish {opts.version}{' as latest' if opts.latest else ''} from {br.head_short()}"
                cfg = {"site_dir": str(site_dir), "use_directory_urls": True}
                before = br.head(opts.branch)
                try:
                    with mike_commands.deploy(cfg, opts.version, title, aliases, update_aliases=True,
                                              alias_type=mike_commands.AliasType.redirect,
                                              template=str(redirects.TEMPLATES / "redirect.html"),
                                              branch=opts.branch, message=message):
                        pass  # already built above
                except git_utils.GitEmptyCommit:
                    pass
                if opts.latest or current == opts.version:
                    # mike has rewritten latest/ as redirect pages only; files cannot redirect.
                    _copy_files_to_latest(opts, site_dir, manifest.get("filer", []))
                # The same data gives the same site: then nothing is committed.
                unchanged = br.undo_if_unchanged(opts.branch, before)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            _root_pages(opts, root, programme.title)
            if opts.push:
                br.push(opts.remote, opts.branch)
        except br.PublishError as error:
            return fail(str(error))
        except git_utils.GitError as error:
            return fail(f"git-feil: {error}")
        except ValueError as error:  # mike: an alias that is also a version name, and the like
            return fail(str(error))

    if unchanged:
        print(f"{opts.version} er allerede publisert med akkurat dette innholdet på grenen {opts.branch}.", file=out)
    else:
        print(f"Publiserte {opts.version} («{title}») på grenen {opts.branch}.", file=out)
    if opts.latest:
        print(f"{root}{urls.LATEST}/ fører nå til {opts.version}.", file=out)
    if opts.latest or current == opts.version:
        print(f"Filene til nedlasting (kalender, åpne data) ligger også under {root}{urls.LATEST}/.", file=out)
    print(f"Adresse: {root}{opts.version}/", file=out)
    if opts.push:
        print(f"Sendt til {opts.remote}.", file=out)
    else:
        print(f"Ikke sendt ennå: ingenting har forlatt maskinen. Bruk --push for å sende til {opts.remote}.", file=out)
    return 0
