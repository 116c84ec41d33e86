"""MkDocs adapter: validate before building, add a page per data item, and build the navigation.

Registered as the MkDocs plugin `kulturskole` (see pyproject.toml) and listed before `macros` in
mkdocs.yml. Generated pages contain one macro call, `{{ render_page("temapakke", "<id>") }}`; the macros
module (macros/main.py) turns it into Markdown through the core renderer.

A page in docs/ with the same path as a generated page replaces it, so an editor can write a page
by hand (and still call the macro inside it).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..render import calendar, documents, enrich, links, opendata, sitemap
from ..validate import format_problems
from . import context as ctx_module

#: Set by `kulturskole publish`: the version folder canonical links point at ("latest" when the
#: version becomes the current one). Without it, a version's pages are canonical to themselves.
CANONICAL_ENV = "KULTURSKOLE_CANONICAL"

log = logging.getLogger("mkdocs.plugins.kulturskole")

#: How often the preview looks for changed data files, and how long it then waits for more changes
#: (mkdocs itself looks every 0.5 s and waits 0.1 s).
SERVE_POLL_SECONDS = 0.05

#: Hand-written pages in docs/, shown last in the navigation when they exist.
STATIC_PAGES = [
    ("Om nettstedet", "om-nettstedet.md"),
    ("Tilgjengelighetserklæring", "tilgjengelighet.md"),
    ("Personvern", "personvern.md"),
]


def _macro_call(kind: str, key: str) -> str:
    return f'{{{{ render_page("{kind}", "{key}") }}}}\n'


class KulturskolePlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.context: ctx_module.BuildContext | None = None
        self.not_in_nav: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project_dir = Path(config.config_file_path).resolve().parent
        self.not_in_nav = set()
        if self.command == "serve":
            config.watch.append(str(Path(__file__).resolve().parents[1]))
        site_root = (os.environ.get(ctx_module.SITE_ROOT_ENV) if self.command == "serve" else None) \
            or config.site_url or "/"
        try:
            self.context = context = ctx_module.load(project_dir, site_root=site_root)
        except documents.DocumentError as exc:
            raise PluginError(str(exc)) from exc
        config.extra["kfs"] = {"version": context.version_name, "site_root": site_root}
        if self.command != "serve" and config.site_url and context.version_name:
            # site_url in mkdocs.yml is the root above the version folders; the pages of this build
            # live in one of them (canonical links, sitemap.xml).
            folder = os.environ.get(CANONICAL_ENV) or context.version_name
            config.site_url = context.site_root + folder + "/"
        if not context.ok:
            message = "Feil i dataene for " + context.version_name + ":\n" + format_problems(context.problems)
            if self.command == "serve":
                # Keep the preview running: show the problems on the page, and in the terminal.
                print(message, file=sys.stderr)
                config.nav = [{"Feil i dataene": "index.md"}]
                return config
            raise PluginError(message)
        version = context.version
        config.site_name = version.programme.title
        config.extra["kfs"].update({
            "version_title": version.programme.version_title,
            "status": version.programme.status,
        })
        docs_dir = Path(config.docs_dir)
        static = [(title, src) for title, src in STATIC_PAGES if (docs_dir / src).is_file()]
        nav, self.not_in_nav = sitemap.navigation(list(context.pages.values()), static)
        config.nav = nav
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Keep Material's compiled templates between builds (about 0.3 s of every build and every
        preview rebuild). Jinja checks each template's source, so an edited override is recompiled."""
        cache = documents.cache_dir_for(Path(config.config_file_path).resolve().parent)
        if cache is not None:
            from jinja2 import FileSystemBytecodeCache

            (cache / "jinja").mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache / "jinja"))
        return env

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Preview: notice a saved data file sooner, and have WeasyPrint ready before the first edit.

        mkdocs polls the watched folders every 0.5 s; the folders from `watch` (data/) are scheduled
        after this hook, so a shorter interval here makes a saved YAML file show about 0.25 s sooner
        on average. Importing WeasyPrint takes about 0.6 s; it is done in the background now rather
        than in the first rebuild that changes a PDF."""
        observer = getattr(server, "observer", None)
        if observer is not None and hasattr(observer, "_timeout"):
            observer._timeout = SERVE_POLL_SECONDS
        if hasattr(server, "build_delay"):  # mkdocs waits this long for more changes before it rebuilds
            server.build_delay = SERVE_POLL_SECONDS
        threading.Thread(target=documents.preload, name="kulturskole-preload", daemon=True).start()
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        context = self.context
        if not context.ok:
            for file in list(files.documentation_pages()):
                files.remove(file)
            body = "# Feil i dataene\n\nRett feilene under. Siden oppdateres når du lagrer.\n\n```text\n" \
                   + format_problems(context.problems).replace("```", "'''") + "\n```\n"
            files.append(File.generated(config, "index.md", content=body))
            return files
        for src, spec in context.pages.items():
            # Pages of a long section are reached from its overview, not the menu (sitemap.navigation).
            inclusion = InclusionLevel.NOT_IN_NAV if src in self.not_in_nav else InclusionLevel.UNDEFINED
            existing = files.get_file_from_path(src)
            if existing is None:
                files.append(File.generated(config, src, content=_macro_call(spec.kind, spec.key), inclusion=inclusion))
            elif src in self.not_in_nav:
                existing.inclusion = inclusion
        for rel, data in context.downloads.items():
            # PDFs and worksheets (kulturskole.render.documents), made before the pages that link them.
            files.append(File.generated(config, rel, content=data))
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """Glossary terms and printable link targets (see kulturskole.render.enrich)."""
        context = self.context
        if context is None or not context.ok:
            return html
        page_url = context.site_root + context.version_name + "/" + page.url
        terms = context.version.glossary.terms if context.version.glossary else None
        return enrich.enrich(html, page_src=page.file.src_uri, page_url=page_url, terms=terms)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the calendars, the open data, a redirect page for each renamed page, and last the
        link manifest, which lists the downloadable files written before it."""
        context = self.context
        if context is None or not context.ok:
            return
        site_dir = Path(config.site_dir)
        files = {**calendar.event_files(context.version, context.site_root),
                 **opendata.open_data(context.version, context.site_root)}
        for rel, content in files.items():
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / rel).write_bytes(content)
        for rel, html in links.redirect_pages(context.version).items():
            target = site_dir / rel
            if target.exists():
                raise PluginError(f"omdirigeringen fra {rel} ville overskrive en side som finnes")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        static = [src for _, src in STATIC_PAGES if (Path(config.docs_dir) / src).is_file()]
        data = links.manifest(context.version, [*context.pages, *static], links.downloadable_files(site_dir))
        (site_dir / links.MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
