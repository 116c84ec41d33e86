"""The files built with the site: the PDFs (`pdf`), the worksheets (`worksheet`) and the contract
(`contract`, PDF and Word), cached.

Rendering is slow, so each file is kept under a hash of its input in the project's cache folder
(`.cache/kulturskole/`); a build renders only what changed since. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from functools import partial
from importlib.metadata import version as package_version
from pathlib import Path

from ..model import urls
from ..model.schema import Task
from ..model.version import Version
from . import contract, htmltree, pdf, worksheet
from . import format as fmt

#: Where a project keeps rendered files between builds (relative to the project folder).
CACHE_FOLDER = Path(".cache") / "kulturskole"
#: Cached files kept besides those the last build used; the ones used least recently go first.
CACHE_KEEP = 200


def worksheet_tasks(version: Version) -> list[Task]:
    return [task for task in version.tasks.values() if task.worksheet]


def _pdf_key(version: Version, source: pdf.PdfSource, site_root: str) -> str:
    """Everything pdf_html reads. With the fingerprint (template, stylesheet, this code, library
    versions) it decides the PDF, so a cached PDF is used without converting its Markdown again."""
    p = version.programme
    return json.dumps([version.name, site_root, p.title, p.version_title, list(p.owners), dataclasses.asdict(source)],
                      ensure_ascii=False)


def _fingerprint() -> str:
    """What else decides the output: library versions, the templates, the stylesheet and the code."""
    parts = [package_version(name) for name in ("weasyprint", "pydyf", "python-docx", "Markdown", "pymdown-extensions")]
    code = (pdf, worksheet, contract, htmltree, fmt)
    for path in (pdf.TEMPLATES / "document.html", pdf.CSS, Path(__file__), *(Path(str(m.__file__)) for m in code)):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return "\n".join(parts)


def _render_pdf(version: Version, source: pdf.PdfSource, site_root: str) -> bytes:
    return pdf.render_pdf(pdf.pdf_html(version, source, site_root))


class Downloads:
    """Makes the downloads of a version, through a cache folder (None: render every file every time).

    `rendered` counts what this instance rendered rather than took from the cache, by kind."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.rendered: dict[str, int] = {"pdf": 0, "docx": 0}
        self._fingerprint: str | None = None

    def build(self, version: Version, site_root: str) -> dict[str, bytes]:
        """Output path (relative to the version folder) → file, PDFs first, each group in reading order.

        `site_root` is the published address above the version folders."""
        out: dict[str, bytes] = {}
        for source in [*pdf.pdf_sources(version), *contract.pdf_sources(version)]:
            out[source.rel] = self._cached("pdf", _pdf_key(version, source, site_root),
                                           partial(_render_pdf, version, source, site_root))
        for task in worksheet_tasks(version):
            p = version.programme
            key = "\n".join([version.name, site_root, task.model_dump_json(), p.title, p.version_title, *p.owners,
                             p.period.start])
            out[urls.worksheet_docx(task.id)] = self._cached(
                "docx", key, partial(worksheet.worksheet_docx, version, task, site_root))
        if contract.has_contract(version):
            out[urls.AGREEMENT_DOCX] = self._cached(
                "docx", contract.docx_key(version, site_root), partial(contract.contract_docx, version, site_root))
        if self.cache_dir is not None:
            self._prune(len(out))
        return out

    def _cached(self, kind: str, source: str, make: Callable[[], bytes]) -> bytes:
        def render() -> bytes:
            self.rendered[kind] += 1
            return make()

        if self.cache_dir is None:
            return render()
        if self._fingerprint is None:
            self._fingerprint = _fingerprint()
        key = hashlib.sha256(f"{kind}\n{self._fingerprint}\n{source}".encode()).hexdigest()
        path = self.cache_dir / f"{key}.{kind}"
        if path.is_file():
            os.utime(path)
            return path.read_bytes()
        data = render()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return data

    def _prune(self, in_use: int) -> None:
        """Keep the `in_use` files this build used (the most recently used ones) and the CACHE_KEEP
        used before them; delete the rest. A version with more documents than CACHE_KEEP then still
        finds all of its own documents in the cache on the next build."""
        assert self.cache_dir is not None
        try:
            files = sorted((p for p in self.cache_dir.iterdir() if p.suffix in (".pdf", ".docx")),
                           key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in files[in_use + CACHE_KEEP:]:
                old.unlink(missing_ok=True)
        except FileNotFoundError:
            pass
