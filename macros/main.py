"""mkdocs-macros adapter: the macros that pages call. Thin on purpose.

All the work happens in the core (`kulturskole.render`), which knows nothing about MkDocs, so the
site can move to another generator. The data comes from the `kulturskole` plugin of this build
(its instance holds the validated version). A page calls
`{{ render_page("temapakke", "kulturskole-hele-livet") }}`.
"""

from kulturskole.render import pages


def define_env(env):
    def context():
        return env.conf.plugins["kulturskole"].context

    @env.macro
    def render_page(kind: str, key: str = "") -> str:
        """The Markdown of a generated page: kind is e.g. "temapakke", key the item's id."""
        return context().render(kind, key)

    @env.macro
    def version_title() -> str:
        """The title of the version being built, e.g. «2024–2025 · regionalt program»."""
        ctx = context()
        return ctx.version.programme.version_title if ctx.ok else ctx.version_name

    @env.macro
    def feedback_contact() -> str:
        """Who takes feedback on the site (see kulturskole.render.pages.feedback_contact)."""
        ctx = context()
        return pages.feedback_contact(ctx.version) if ctx.ok else ""
