"""The code follows the pipeline: load → model → validate → render/check → site (+ macros) → publish → cli.

The imports of every module, function-level ones included, are read with `ast`. A module may import
from its own layer or from the layers before it, never from a later one; no two modules import each
other, directly or round a circle; and the core (load, model, validate, render, check) imports nothing
from MkDocs, Material, mkdocs-macros or mike, so it can move to another site generator.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kulturskole"

#: Layer of each top-level part of the package (and of the macros module beside it).
LAYERS = {
    "load": 0, "model": 1, "validate": 2, "render": 3, "check": 3, "site": 4, "macros": 4, "publish": 5,
    "cli": 6, "argparse_nb": 6, "__main__": 6, "__init__": 6,
}
CORE = {"load", "model", "validate", "render", "check"}
GENERATORS = {"mkdocs", "material", "mkdocs_macros", "mike", "properdocs"}


def modules() -> dict[str, Path]:
    """Dotted module name → file, for the package and macros/main.py."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    out["macros.main"] = ROOT / "macros" / "main.py"
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every module `name` imports, anywhere in the file: ours by dotted name, others by top-level name."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                found.add(full if full in known else module)
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "macros":
        return "macros"
    return parts[1] if len(parts) > 1 else "__init__"


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def upward_imports(g: dict[str, set[str]]) -> list[str]:
    out = []
    for name, deps in g.items():
        for dep in deps:
            if dep.startswith("kulturskole.") and dep.count(".") >= 1 and LAYERS[layer_of(dep)] > LAYERS[layer_of(name)]:
                out.append(f"{name} ({layer_of(name)}) importerer {dep} ({layer_of(dep)})")
    return sorted(out)


def generator_imports(g: dict[str, set[str]]) -> list[str]:
    return sorted(f"{name} importerer {dep}" for name, deps in g.items() if layer_of(name) in CORE
                  for dep in deps if dep.split(".")[0] in GENERATORS)


def circles(g: dict[str, set[str]]) -> list[list[str]]:
    """Import circles between our modules (a package's own __init__ re-exporting its modules excluded)."""
    ours = {n: {d for d in deps if d in g and not n.startswith(d + ".") and not d.startswith(n + ".")}
            for n, deps in g.items()}
    found, state, stack = [], {}, []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for d in sorted(ours[n]):
            if state.get(d) == 1:
                found.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(ours):
        if n not in state:
            visit(n)
    return found


def test_every_module_has_a_layer():
    assert {layer_of(name) for name in modules()} <= set(LAYERS)


def test_no_module_imports_from_a_later_layer():
    assert upward_imports(graph()) == []


def test_no_import_circles():
    assert circles(graph()) == []


def test_the_core_imports_no_site_generator():
    assert generator_imports(graph()) == []


@pytest.mark.parametrize("bad, found", [
    ({"kulturskole.model.x": {"kulturskole.validate.validator"}}, upward_imports),
    ({"kulturskole.render.a": {"mkdocs.plugins"}}, generator_imports),
    ({"kulturskole.render.a": {"kulturskole.render.b"}, "kulturskole.render.b": {"kulturskole.render.a"}}, circles),
])
def test_the_checks_find_what_they_look_for(bad, found):
    """Each check reports a planted fault (so an empty answer above means something)."""
    assert found({**graph(), **bad})
