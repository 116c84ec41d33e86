"""Quality checks on a built site, without a browser.

`links` finds broken internal links and anchors (and, on request, broken external links);
`basics` checks what every page must have: language, a unique title, one h1, heading levels,
table captions and header scope, text alternatives. Both read the HTML files a build wrote, so
they work on one version folder or on a folder with several versions side by side, the way mike
publishes them. The browser checks (axe-core, network, storage, keyboard) are in tests/test_quality.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem on one page: `file:line [label] text`, in bokmål."""

    file: str
    line: int
    label: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} [{self.label}] {self.text}"


def format_findings(findings, what: str = "feil") -> str:
    findings = list(findings)
    lines = [str(f) for f in findings]
    lines.append(f"{len(findings)} {what} funnet.")
    return "\n".join(lines)
