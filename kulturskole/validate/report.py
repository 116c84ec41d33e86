"""Problems written for a machine that shows them to the editor: GitHub's workflow commands.

`kulturskole validate --format github` prints one `::error file=…,line=…,title=…::message` line per
problem. In a pull request GitHub shows each message on the changed line of the file (an
annotation), so an editor working in the web editor sees the error where it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..load import Problem


def _data(text: str) -> str:
    """The message part of a workflow command (GitHub's escaping: % first, then line breaks)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A property value of a workflow command: also `:` and `,`, which end a property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error") -> str:
    title = problem.field or "Feil i dataene"
    return (f"::{level} file={_property(problem.file)},line={problem.line},title={_property(title)}"
            f"::{_data(problem.message)}")


def format_github(problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> str:
    """One annotation per problem (`::error`) and per warning (`::warning`)."""
    return "\n".join([*(github_annotation(p) for p in problems), *(github_annotation(w, "warning") for w in warnings)])
