"""The layers of DESIGN.md: no module imports from a layer above its own.

Every ``import`` and ``from ... import`` in ``src/nhsplan`` counts, those inside functions
(imported lazily) too: a lazy import still ties the lower layer to the higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nhsplan._moved import MOVED

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("nhsplan._version", "nhsplan.errors", "nhsplan._csv", "nhsplan._html", "nhsplan._figures",
     "nhsplan.data"),
    ("nhsplan.calendar", "nhsplan.units"),
    ("nhsplan.model",),
    ("nhsplan.catalog",),
    ("nhsplan.spc",),
    ("nhsplan.evaluate",),
    ("nhsplan.io",),
    ("nhsplan.engines", "nhsplan.waiting", "nhsplan.plan"),
    ("nhsplan.display", "nhsplan.cli", "nhsplan.__main__", "nhsplan._moved"),
)  # fmt: skip
"""From the bottom up: a module may import from its own layer and the layers before it."""

FACADE = "nhsplan"
"""The package itself re-exports the public names of every layer."""


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    return None


def _imports(path: Path, module: str) -> set[str]:
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.add(name)
            found |= {f"{name}.{a.name}" for a in node.names}
    return {n for n in found if n.startswith("nhsplan.")}


MODULES = sorted(
    (p, _module(p))
    for p in (SRC / "nhsplan").rglob("*.py")
    if _module(p) != FACADE and _module(p) not in MOVED
)


def test_every_module_has_a_layer() -> None:
    assert [m for _p, m in MODULES if _layer(m) is None] == []


def _upward(path: Path, module: str) -> list[str]:
    own = _layer(module)
    assert own is not None
    return sorted(
        name
        for name in _imports(path, module)
        if (layer := _layer(name)) is not None and layer > own and name not in MOVED
    )


@pytest.mark.parametrize(("path", "module"), MODULES, ids=[m for _p, m in MODULES])
def test_no_import_from_a_higher_layer(path: Path, module: str) -> None:
    assert _upward(path, module) == [], f"{module} imports from higher layers"


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """A lazy import of the command line inside the model, and a relative one, are caught."""
    fake = tmp_path / "fake.py"
    fake.write_text(
        "def f():\n    from nhsplan.cli import main\n    from ..engines import columnar\n",
        encoding="utf-8",
    )
    assert _upward(fake, "nhsplan.model.fake") == [
        "nhsplan.cli",
        "nhsplan.cli.main",
        "nhsplan.engines",
        "nhsplan.engines.columnar",
    ]
