"""Layering: no module imports a layer above its own (docs/architecture.md), and nothing imports the CLI.

Every import in the source counts, including those inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import eventwire

ROOT = Path(eventwire.__file__).parent

# Lowest first. The context stages (dates, places, quotes) are called by the coder, so they sit
# below `coding` in the import order although the data passes through the coder first.
LAYERS = (
    ("base", ("records", "errors", "cameo", "progress", "__init__")),
    ("ingest", ("ingest",)),
    ("dictionaries", ("dictionaries",)),
    ("nlp", ("nlp", "nlp_memo")),
    ("context", ("context",)),
    ("coding", ("coding",)),
    ("engines", ("engines",)),
    ("evaluate", ("evaluate",)),
    ("dedup", ("dedup",)),
    ("store", ("store",)),
    ("export", ("export",)),
    ("app", ("app",)),
    ("api", ("api",)),  # eventwire serve: a front end over app, store and export, as the CLI is
    ("cli", ("cli", "__main__")),
)
RANK = {top: rank for rank, (_, tops) in enumerate(LAYERS) for top in tops}


def _layer(module: str) -> int:
    """The rank of a dotted module name inside eventwire ("eventwire.store.db" -> store's)."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return RANK[top]


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"] or ["__init__"]
        out.append(("eventwire." + ".".join(parts), path))
    return out


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name == "eventwire":  # `from eventwire import cameo`: the names are modules or __version__
                found += [(f"eventwire.{a.name}" if a.name in RANK else "eventwire", node.lineno) for a in node.names]
            else:
                found.append((name, node.lineno))
    return [(name, line) for name, line in found if name == "eventwire" or name.startswith("eventwire.")]


def test_every_module_has_a_layer() -> None:
    missing = {m for m, _ in _modules() if (m.split(".")[1] if "." in m else "__init__") not in RANK}
    assert not missing


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_no_module_imports_a_layer_above_its_own(module: str, path: Path) -> None:
    mine = _layer(module)
    above = [
        f"{path.name}:{line} imports {name} ({LAYERS[_layer(name)][0]} is above {LAYERS[mine][0]})"
        for name, line in _imports(module, path)
        if _layer(name) > mine
    ]
    assert not above


def test_nothing_imports_the_command_line() -> None:
    importers = [
        f"{module}:{line}"
        for module, path in _modules()
        if not module.startswith("eventwire.cli") and module != "eventwire.__main__"
        for name, line in _imports(module, path)
        if name == "eventwire.cli" or name.startswith("eventwire.cli.")
    ]
    assert not importers
