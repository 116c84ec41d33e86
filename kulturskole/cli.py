"""The `kulturskole` command: validate, build and preview the site.

Subcommand names are English; everything the command says is bokmål. A data problem is never a
traceback: it is one line per problem and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .validate import format_problems, list_versions, validate_version


def project_dir() -> Path:
    """The folder with mkdocs.yml: $KULTURSKOLE_PROJECT, the current folder, or this checkout."""
    env = os.environ.get("KULTURSKOLE_PROJECT")
    if env:
        return Path(env).resolve()
    cwd = Path.cwd()
    for candidate in (cwd, *cwd.parents):
        if (candidate / "mkdocs.yml").is_file() and (candidate / "data").is_dir():
            return candidate
    return Path(__file__).resolve().parents[1]


def choose_version(requested: Optional[str], data_dir: Path) -> str:
    """--version, else $MIKE_DOCS_VERSION (mike sets it), else the newest version folder."""
    if requested:
        return requested
    from_mike = os.environ.get("MIKE_DOCS_VERSION")
    if from_mike:
        return from_mike
    versions = list_versions(data_dir)
    if not versions:
        raise SystemExit(f"Fant ingen versjoner i {data_dir}. Lag en mappe som data/2024-2025/.")
    return versions[-1]


def _validate(project: Path, version: str) -> bool:
    result = validate_version(project / "data", version, project)
    if result.ok:
        print(f"{version}: ingen feil i dataene.")
        return True
    print(format_problems(result.problems), file=sys.stderr)
    return False


def cmd_validate(args: argparse.Namespace) -> int:
    project = project_dir()
    versions = [args.version] if args.version else (
        [os.environ["MIKE_DOCS_VERSION"]] if os.environ.get("MIKE_DOCS_VERSION") else list_versions(project / "data")
    )
    if not versions:
        print(f"Fant ingen versjoner i {project / 'data'}.", file=sys.stderr)
        return 1
    ok = all([_validate(project, v) for v in versions])
    return 0 if ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    project = project_dir()
    version = choose_version(args.version, project / "data")
    if not _validate(project, version):
        print("Nettstedet ble ikke bygget. Rett feilene over og prøv igjen.", file=sys.stderr)
        return 1
    site_dir = Path(args.site_dir) if args.site_dir else project / "site"
    ok = build_site(project, version, site_dir)
    if ok:
        print(f"Bygget {version} til {site_dir}.")
    return 0 if ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.build import serve_site

    project = project_dir()
    version = choose_version(args.version, project / "data")
    if not _validate(project, version):
        print("Forhåndsvisningen starter likevel, og viser feilene til du har rettet dem.", file=sys.stderr)
    return serve_site(project, version, args.dev_addr)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kulturskole",
        description="Bygg og forhåndsvis nettstedet for Fremtidens kulturskole fra dataene i data/.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="kommando")

    p = sub.add_parser("validate", help="sjekk dataene og vis alle feil")
    p.add_argument("--version", help="versjonen som skal sjekkes, for eksempel 2024-2025 (standard: alle)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="bygg én versjon av nettstedet (streng bygging)")
    p.add_argument("--version", help="versjonen som skal bygges (standard: den nyeste)")
    p.add_argument("--site-dir", help="mappen nettstedet skrives til (standard: site/)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="forhåndsvis med automatisk oppdatering når dataene endres")
    p.add_argument("--version", help="versjonen som skal vises (standard: den nyeste)")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="adresse og port (standard: 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
