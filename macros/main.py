"""mkdocs-macros adapter: the macros that pages call. Thin on purpose.

All the work happens in the core (`kulturskole.render`), which knows nothing about MkDocs, so the
site can move to another generator. A page calls `{{ render_page("temapakke", "kulturskole-hele-livet") }}`.
"""

from pathlib import Path

from kulturskole.site import context


def define_env(env):
    project_dir = Path(env.conf.config_file_path).resolve().parent

    @env.macro
    def render_page(kind: str, key: str = "") -> str:
        """The Markdown of a generated page: kind is e.g. "temapakke", key the item's id."""
        return context.load(project_dir).render(kind, key)

    @env.macro
    def version_title() -> str:
        """The title of the version being built, e.g. «2024–2025 · regionalt program»."""
        ctx = context.load(project_dir)
        return ctx.version.programme.version_title if ctx.ok else ctx.version_name
