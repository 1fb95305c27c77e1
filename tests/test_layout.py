"""The package's layout keeps to its architecture (docs/architecture.md): the
product imports no bench or test tool, modules stay small, names say what
they hold."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "decision_service"
MODULES = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_product_imports_no_bench_or_test_tool():
    offenders = {str(p.relative_to(PACKAGE)): sorted(n for n in imported(p) if n.split(".")[0] in {"bench", "tests"})
                 for p in MODULES}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_modules_stay_small():
    long = {str(p.relative_to(PACKAGE)): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320}
    assert long == {}


def test_no_drawer_names():
    drawers = {"utils", "util", "common", "helpers", "misc"}
    assert [str(p) for p in MODULES if p.stem in drawers or p.parent.name in drawers] == []


def test_the_flow_is_in_the_folders():
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} == {
        "store", "engine", "answers", "web", "cli", "db"}
