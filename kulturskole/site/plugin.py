"""MkDocs adapter: validate before building, add a page per data item, and build the navigation.

Registered as the MkDocs plugin `kulturskole` (see pyproject.toml) and listed before `macros` in
mkdocs.yml. Generated pages contain one macro call, `{{ render_page("temapakke", "<id>") }}`; the macros
module (macros/main.py) reaches this plugin through the MkDocs configuration and renders the page
through the core.

The plugin's settings are its typed configuration (`KulturskoleConfig`); the command line sets them
for each build (`site.build`). Its state lives on the instance, which MkDocs keeps for the whole
preview, so the data is checked again only after an edit.

A page in docs/ with the same path as a generated page replaces it, so an editor can write a page
by hand (and still call the macro inside it).
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..model import urls
from ..model.structure import Page, navigation
from ..render import calendar, enrich, opendata, pdf, permalinks, redirects
from ..render import format as fmt
from ..render.downloads import Downloads
from ..validate import format_problems
from .context import BuildContext, Contexts
from .settings import choose_version, parse_today

#: How often the preview looks for changed data files, and how long it then waits for more changes
#: (mkdocs itself looks every 0.5 s and waits 0.1 s).
SERVE_POLL_SECONDS = 0.05


class KulturskoleConfig(base.Config):
    """The plugin's settings (the fields of `site.settings.BuildSettings`)."""

    version = c.Type(str, default="")
    today = c.Type(str, default="")
    canonical = c.Type(str, default="")
    site_root = c.Type(str, default="")
    cache_dir = c.Type(str, default=".cache/kulturskole")
    documents = c.Type(bool, default=True)


def _macro_call(kind: str, key: str) -> str:
    return f'{{{{ render_page("{kind}", "{key}") }}}}\n'


def _front_matter(page: Page) -> str:
    """Page meta from the site structure: the title of a page outside the menu (a running order, a
    presentation), the page's own template, and whether search leaves it out."""
    meta: dict[str, Any] = {}
    if not page.in_menu:
        meta["title"] = page.title
    if page.template:
        meta["template"] = page.template
    if not page.searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n" if meta else ""


class KulturskolePlugin(BasePlugin[KulturskoleConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.contexts = Contexts()
        self.context: BuildContext | None = None
        self.not_in_nav: set[str] = set()
        self.static_pages: list[tuple[str, str]] = []
        self._downloads: dict[Path, Downloads] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def downloads(self, project_dir: Path) -> Downloads | None:
        """The maker of PDFs and worksheets for this build (None: the build makes none); one per cache
        folder, kept for the life of the plugin."""
        if not self.config.documents:
            return None
        folder = (project_dir / self.config.cache_dir) if self.config.cache_dir else None
        key = folder or Path()
        if key not in self._downloads:
            self._downloads[key] = Downloads(folder)
        return self._downloads[key]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project_dir = Path(config.config_file_path).resolve().parent
        self.not_in_nav = set()
        if self.command == "serve":
            config.watch.append(str(Path(__file__).resolve().parents[1]))
        try:
            today = parse_today(self.config.today)
        except ValueError:
            raise PluginError(f"today: «{self.config.today}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD.") from None
        site_root = urls.folder(self.config.site_root or config.site_url or "/")
        name = choose_version(self.config.version, project_dir / "data")
        try:
            self.context = context = self.contexts.load(project_dir, name, today=today, site_root=site_root,
                                                        downloads=self.downloads(project_dir))
        except pdf.DocumentError as exc:
            raise PluginError(str(exc)) from exc
        config.extra["kfs"] = {"version": context.version_name, "site_root": site_root}
        if self.command != "serve" and config.site_url and context.version_name:
            # site_url in mkdocs.yml is the root above the version folders; the pages of this build
            # live in one of them (canonical links, sitemap.xml).
            config.site_url = site_root + (self.config.canonical or context.version_name) + "/"
        if context.version is None:
            message = "Feil i dataene for " + context.version_name + ":\n" + format_problems(context.problems)
            if self.command == "serve":
                # Keep the preview running: show the problems on the start page and, through the
                # 404 page (theme_overrides/404.html), at every other address; and in the terminal.
                print(message, file=sys.stderr)
                config.extra["kfs"]["problems"] = format_problems(context.problems)
                config.nav = [{"Feil i dataene": "index.md"}]
                return config
            raise PluginError(message)
        version = context.version
        config.site_name = version.programme.title
        config.extra["kfs"].update({
            "version_title": version.programme.version_title,
            "status": version.programme.status,
            # A draft's warnings (dates outside its period) are listed in its banner (theme_overrides/main.html).
            "warnings": [str(w) for w in context.warnings],
        })
        docs_dir = Path(config.docs_dir)
        self.static_pages = [(title, src) for title, src in urls.STATIC_PAGES if (docs_dir / src).is_file()]
        nav, self.not_in_nav = navigation(context.pages.values(), self.static_pages, title=fmt.inline)
        config.nav = nav
        return config

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep Material's compiled templates between builds (about 0.3 s of every build and every
        preview rebuild). Jinja checks each template's source, so an edited override is recompiled."""
        if self.config.cache_dir:
            from jinja2 import FileSystemBytecodeCache

            folder = Path(config.config_file_path).resolve().parent / self.config.cache_dir / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
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
        threading.Thread(target=pdf.preload, name="kulturskole-preload", daemon=True).start()
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        context = self.context
        assert context is not None
        if not context.ok:
            for file in list(files.documentation_pages()):
                files.remove(file)
            body = "# Feil i dataene\n\nRett feilene under. Siden oppdateres når du lagrer.\n\n```text\n" \
                   + format_problems(context.problems).replace("```", "'''") + "\n```\n"
            files.append(File.generated(config, "index.md", content=body))
            return files
        for src, page in context.pages.items():
            # Pages of a long section are reached from its overview, not the menu (structure.navigation).
            inclusion = InclusionLevel.NOT_IN_NAV if src in self.not_in_nav else InclusionLevel.UNDEFINED
            existing = files.get_file_from_path(src)
            if existing is None:
                files.append(File.generated(config, src, content=_front_matter(page) + _macro_call(page.kind, page.key),
                                                  inclusion=inclusion))
            elif src in self.not_in_nav:
                existing.inclusion = inclusion
        for rel, data in context.downloads.items():
            # PDFs and worksheets (kulturskole.render.downloads), made before the pages that link them.
            files.append(File.generated(config, rel, content=data))
        return files

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Glossary terms and printable link targets (see kulturskole.render.enrich)."""
        context = self.context
        if context is None or context.version is None:
            return html
        page_url = context.site_root + context.version_name + "/" + page.url
        terms = context.version.glossary.terms if context.version.glossary else None
        return enrich.enrich(html, page_src=page.file.src_uri, page_url=page_url, terms=terms)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the calendars, the open data, a redirect page for each renamed page, and last the
        link manifest, which lists the downloadable files written before it."""
        context = self.context
        if context is None or context.version is None:
            return
        site_dir = Path(config.site_dir)
        files = {**calendar.event_files(context.version, context.site_root),
                 **opendata.open_data(context.version, context.site_root)}
        for rel, content in files.items():
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / rel).write_bytes(content)
        for rel, html in redirects.redirect_pages(context.version).items():
            target = site_dir / rel
            if target.exists():
                raise PluginError(f"omdirigeringen fra {rel} ville overskrive en side som finnes")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        pages = [*context.pages, *(src for _, src in self.static_pages)]
        data = permalinks.manifest(context.version, pages, permalinks.downloadable_files(site_dir))
        (site_dir / urls.MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
