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
        return context.current(project_dir).render(kind, key)

    @env.macro
    def version_title() -> str:
        """The title of the version being built, e.g. «2024–2025 · regionalt program»."""
        ctx = context.current(project_dir)
        return ctx.version.programme.version_title if ctx.ok else ctx.version_name

    @env.macro
    def feedback_contact() -> str:
        """Who takes feedback on the site: the programme's contact in program.yml (`kontakt`), or,
        when this version has none, the programme's owners. Only what the data says."""
        from kulturskole.render import format as fmt

        ctx = context.current(project_dir)
        if not ctx.ok:
            return ""
        p = ctx.version.programme
        c = p.contact
        if c is None:
            owners = " og ".join(fmt.inline(o) for o in p.owners) if p.owners else "programmets eiere"
            return (f"Denne programversjonen har ingen egen kontaktperson. Send tilbakemelding til {owners}, "
                    "som eier programmet.")
        who = fmt.inline(c.name) + (f", {fmt.inline(c.role)}" if c.role else "") \
            + (f", {fmt.inline(c.organisation)}" if c.organisation else "")
        how = f" E-post: <{c.email}>." if c.email else ""
        return f"Send tilbakemelding til programmets kontaktperson: {who}.{how} Kontakten står også på siden [Om programmet](program.md)."
