"""The `kulturskole` command: validate, build, preview and publish the site.

Subcommand names are English; everything the command says is bokmål. A data problem is never a
traceback: it is one line per problem and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .argparse_nb import ArgumentParser
from .site.settings import ADDRESS_HOW, BuildSettings, choose_version, is_placeholder, requested_version
from .validate import Validator, format_problems, list_versions


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


def _version(requested: str | None, data_dir: Path) -> str:
    """The version to work on (`site.settings.choose_version`), or a message and exit 1 when there is none."""
    version = choose_version(requested, data_dir)
    if not version:
        raise SystemExit(f"Fant ingen versjoner i {data_dir}. Lag en mappe som data/2024-2025/.")
    return version


def _settings(args: argparse.Namespace, version: str = "") -> BuildSettings:
    """The build settings from the options of `build`, `serve` and `publish`."""
    cache = args.cache_dir if args.cache_dir is not None else BuildSettings.cache_dir
    return BuildSettings(version=version, today=args.today or "",
                         cache_dir="" if cache.lower() in ("av", "off") else cache,
                         documents=not args.no_documents)


def _warnings(warnings: list) -> str:
    """Warnings of a draft, one line each (they stop `publish`, not the preview)."""
    lines = [f"Advarsel: {w}" for w in warnings]
    lines.append(f"{len(warnings)} {'advarsler' if len(warnings) != 1 else 'advarsel'}: rett dem før versjonen publiseres.")
    return "\n".join(lines)


def _validate(project: Path, version: str, validator: Validator) -> bool:
    result = validator.validate(project / "data", version, project)
    if result.warnings:
        print(_warnings(result.warnings), file=sys.stderr)
    if result.ok:
        print(f"{version}: ingen feil i dataene.")
        return True
    print(format_problems(result.problems), file=sys.stderr)
    return False


def cmd_validate(args: argparse.Namespace) -> int:
    project = project_dir()
    requested = requested_version(args.version)
    versions = [requested] if requested else list_versions(project / "data")
    if not versions:
        print(f"Fant ingen versjoner i {project / 'data'}.", file=sys.stderr)
        return 1
    validator = Validator()
    if args.format == "github":
        from .validate.report import format_github

        results = [validator.validate(project / "data", v, project) for v in versions]
        problems = [p for result in results for p in result.problems]
        warnings = [w for result in results for w in result.warnings]
        if problems or warnings:
            print(format_github(problems, warnings))
        print(f"{len(problems)} feil funnet i {', '.join(versions)}." if problems
              else f"{', '.join(versions)}: ingen feil i dataene.", file=sys.stderr)
        return 1 if problems else 0
    ok = all([_validate(project, v, validator) for v in versions])
    return 0 if ok else 1


def _build_every_version(project: Path, site_dir: Path, settings: BuildSettings) -> bool:
    """Check every version, then build them all into site_dir/<version>/ (nothing is built if one has errors)."""
    from .site.build import build_all

    names = list_versions(project / "data")
    validator = Validator()
    results = {name: validator.validate(project / "data", name, project) for name in names}
    bad = [name for name, result in results.items() if not result.ok]
    for name in bad:
        print(format_problems(results[name].problems), file=sys.stderr)
    if not names or bad:
        print("Nettstedet ble ikke bygget. Rett feilene over og prøv igjen." if bad
              else f"Fant ingen versjoner i {project / 'data'}.", file=sys.stderr)
        return False
    versions = [(name, v.programme.version_title, v.programme.status)
                for name, r in results.items() if (v := r.version) is not None]
    return build_all(project, settings, versions, site_dir, validator=validator)


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    project = project_dir()
    if args.all and args.version:
        print("Bruk enten --version eller --all, ikke begge.", file=sys.stderr)
        return 2
    _preview_address_notice(project)
    if args.all:
        site_dir = Path(args.site_dir) if args.site_dir else project / "site"
        if not _build_every_version(project, site_dir, _settings(args)):
            return 1
        print(f"Bygget {', '.join(list_versions(project / 'data'))} til {site_dir}, én mappe per versjon.")
        return 0
    version = _version(args.version, project / "data")
    validator = Validator()
    if not _validate(project, version, validator):
        print("Nettstedet ble ikke bygget. Rett feilene over og prøv igjen.", file=sys.stderr)
        return 1
    site_dir = Path(args.site_dir) if args.site_dir else project / "site"
    ok = build_site(project, _settings(args, version), site_dir, validator=validator)
    if ok:
        print(f"Bygget {version} til {site_dir}.")
    return 0 if ok else 1


def _preview_address_notice(project: Path) -> None:
    """Say once that the links are preview addresses while site_url is the placeholder."""
    from .site.build import configured_site_root

    root = configured_site_root(project)
    if is_placeholder(root):
        print(f"Merk: nettstedets adresse er ikke satt (site_url er {root}). Lenkene på siden «Lenker», i "
              "kalenderen og i sitemap er derfor bare forhåndsvisningsadresser. Før publisering: "
              + ADDRESS_HOW, file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.build import PortInUse, serve_site

    project = project_dir()
    version = _version(args.version, project / "data")
    host, _, port = args.dev_addr.rpartition(":")
    if args.port is not None:
        port = str(args.port)
    dev_addr = f"{host or '127.0.0.1'}:{port}"
    if not _validate(project, version, Validator()):
        print("Forhåndsvisningen starter likevel, og viser feilene til du har rettet dem.", file=sys.stderr)
    _preview_address_notice(project)
    try:
        return serve_site(project, _settings(args, version), dev_addr)
    except PortInUse:
        print(f"Porten {port} er opptatt (kanskje kjører en annen forhåndsvisning allerede). Velg en annen port: "
              f"make serve PORT={int(port) + 1} eller kulturskole serve --port {int(port) + 1}", file=sys.stderr)
        return 1


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish.publish import Options, publish

    opts = Options(version=args.version, latest=args.latest, title=args.title, push=args.push,
                   remote=args.remote, branch=args.branch, settings=_settings(args, args.version))
    return publish(project_dir(), opts)


def cmd_versions(args: argparse.Namespace) -> int:
    import json

    from .publish.versions import format_table, versions_table

    rows = versions_table(project_dir(), args.branch)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print("Ingen versjoner ennå. Lag en med: kulturskole new-version 2024-2025")
    else:
        print(format_table(rows))
    return 0


def cmd_new_version(args: argparse.Namespace) -> int:
    from .publish.branch import PublishError
    from .publish.versions import new_version

    project = project_dir()
    try:
        folder = new_version(project, args.new, args.source)
    except PublishError as error:
        print(f"Fikk ikke laget versjonen: {error}", file=sys.stderr)
        return 1
    print(f"Laget {folder} som utkast (status: utkast i program.yml).")
    source = Path(folder).name
    result = Validator().validate(project / "data", source, project)
    dated = sorted(Path(folder).glob("samlinger/*.yml"))
    print(f"Datoene er kopiert fra den gamle versjonen: periode og søknadsfrist i program.yml, og «når» i "
          f"{len(dated)} samling{'er' if len(dated) != 1 else ''} i {Path(folder).relative_to(project)}/samlinger/.")
    if result.warnings:
        print("Dette må rettes før versjonen kan publiseres:")
        for warning in result.warnings:
            print(f"  {warning}")
    print("Neste steg:")
    print("  1. Rett versjonstittel, periode, datoer, samlinger og avgift i den nye mappen.")
    print(f"  2. Forhåndsvis: make serve VERSION={args.new}")
    print("  3. Sett «status: publisert» i program.yml når versjonen er klar,")
    print(f"     og publiser: kulturskole publish {args.new} --latest --push")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .model.fieldreference import write_schemas

    out = Path(args.out) if args.out else project_dir() / "schemas"
    for path in write_schemas(out):
        print(f"Skrev {path}")
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    """Broken links and page basics in a built site; builds every version first when no folder is given."""
    import tempfile

    from .check import format_findings
    from .check.basics import check_basics
    from .check.links import check_external, check_links, external_links

    with tempfile.TemporaryDirectory(prefix="kulturskole-lenker-") as tmp:
        if args.folder:
            root = Path(args.folder)
            if not root.is_dir():
                print(f"Fant ikke mappen {root}.", file=sys.stderr)
                return 1
        else:
            root = Path(tmp) / "nettsted"
            if not _build_every_version(project_dir(), root, BuildSettings()):
                print("Lenkene ble ikke sjekket.", file=sys.stderr)
                return 1
        findings = check_links(root) + check_basics(root)
        if args.external:
            addresses = external_links(root)
            print(f"Sjekker {len(addresses)} lenker til andre nettsteder (tidsgrense {args.timeout:g} s) ...")
            findings += check_external(addresses, timeout=args.timeout)
    if findings:
        print(format_findings(sorted(findings)), file=sys.stderr)
        return 1
    print("Ingen brutte lenker" + (" (heller ikke til andre nettsteder)" if args.external else "")
          + " og ingen feil i sidenes grunnstruktur.")
    return 0


def _build_options(p: argparse.ArgumentParser) -> None:
    """The options that decide how a version is built (`site.settings.BuildSettings`)."""
    p.add_argument("--today", metavar="DATO",
                   help="datoen forsiden regner som i dag, ÅÅÅÅ-MM-DD (standard: dagens dato; til testing)")
    p.add_argument("--cache-dir", metavar="MAPPE",
                   help="mappen ferdige PDF- og Word-filer lagres i, regnet fra prosjektmappen "
                        "(standard: .cache/kulturskole; «av» lagrer ingenting)")
    p.add_argument("--no-documents", action="store_true",
                   help="lag ingen PDF- eller Word-filer (raskere; sidene lenker da ikke til dem)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = ArgumentParser(
        prog="kulturskole",
        description="Bygg og forhåndsvis nettstedet for Fremtidens kulturskole fra dataene i data/.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="kommando")

    p = sub.add_parser("validate", help="sjekk dataene og vis alle feil")
    p.add_argument("--version", metavar="VERSJON", help="versjonen som skal sjekkes, for eksempel 2024-2025 (standard: alle)")
    p.add_argument("--format", choices=["tekst", "github"], default="tekst",
                   help="«tekst» (standard): én linje per feil; «github»: feilene som merknader i GitHub "
                        "(vises på linjen i pull request)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="bygg én versjon av nettstedet, eller alle (streng bygging)")
    p.add_argument("--version", metavar="VERSJON", help="versjonen som skal bygges (standard: den nyeste)")
    p.add_argument("--all", action="store_true",
                   help="bygg alle versjonene, hver i sin mappe (site/2024-2025/ …), slik de publiseres")
    p.add_argument("--site-dir", metavar="MAPPE", help="mappen nettstedet skrives til (standard: site/)")
    _build_options(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="forhåndsvis med automatisk oppdatering når dataene endres")
    p.add_argument("--version", metavar="VERSJON", help="versjonen som skal vises (standard: den nyeste)")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ADRESSE", help="adresse og port (standard: 127.0.0.1:8000)")
    p.add_argument("--port", type=int, metavar="PORT", help="porten forhåndsvisningen bruker (standard: 8000)")
    _build_options(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("publish", help="publiser én versjon til publiseringsgrenen med mike")
    p.add_argument("version", metavar="VERSJON", help="versjonen som skal publiseres, for eksempel 2024-2025")
    p.add_argument("--latest", action="store_true",
                   help="gjør versjonen til gjeldende versjon (aliaset latest, som forsiden sender leserne til)")
    p.add_argument("--title", metavar="TITTEL", help="navnet i versjonsvelgeren (standard: versjonstittel i program.yml)")
    p.add_argument("--push", action="store_true", help="send grenen til fjernkilden (uten dette forlater ingenting maskinen)")
    p.add_argument("--remote", default="origin", metavar="FJERNKILDE", help="fjernkilden det sendes til (standard: origin)")
    p.add_argument("--branch", default="gh-pages", metavar="GREN", help="publiseringsgrenen (standard: gh-pages)")
    _build_options(p)
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("versions", help="vis versjonene: tittel, periode, status og hva som er publisert")
    p.add_argument("--json", action="store_true", help="skriv listen som JSON")
    p.add_argument("--branch", default="gh-pages", metavar="GREN", help="publiseringsgrenen (standard: gh-pages)")
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("new-version", help="start en ny versjon som kopi av en eldre (som utkast)")
    p.add_argument("new", metavar="NY", help="den nye versjonen, for eksempel 2026-2027")
    p.add_argument("--from", dest="source", metavar="GAMMEL", help="versjonen det kopieres fra (standard: den nyeste)")
    p.set_defaults(func=cmd_new_version)

    p = sub.add_parser("schema", help="skriv JSON Schema for hver type datafil (for hjelp i VS Code)")
    p.add_argument("--out", help="mappen skjemaene skrives til (standard: schemas/)")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("check-links", help="finn brutte lenker og ankre i alle versjoner (og sidenes grunnstruktur)")
    p.add_argument("folder", nargs="?", metavar="MAPPE",
                   help="et bygget nettsted (én versjon, eller flere side om side); standard: bygg alle versjoner")
    p.add_argument("--external", action="store_true",
                   help="sjekk også lenker til andre nettsteder (bruker nettet; kjøres ikke i CI)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SEKUNDER",
                   help="sekunder å vente på hvert nettsted (standard: 10)")
    p.set_defaults(func=cmd_check_links)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
