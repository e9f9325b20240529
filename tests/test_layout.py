"""The package layout keeps its walls: no import cycles, every module importable alone, each
subpackage importing only what its docstring allows, and only the CLI printing or using Click."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

PACKAGE = ROOT / "generator"
SUBPACKAGES = ("vn", "data", "documents", "render", "certificates", "check", "store", "web")
# What each subpackage may import, beside the standard library and itself (its docstring says
# the same in words). "generator" alone means the package's own __init__ (__version__).
ALLOWED = {
    "vn": {"generator.errors"},
    "data": {"generator.errors", "generator.resources", "generator.vn", "jsonschema",
             "referencing", "openpyxl"},
    "documents": {"generator.errors", "generator.data", "generator.vn",
                  "generator.render.layout"},
    "render": {"generator.errors", "generator.resources", "generator.vn", "docx", "docxtpl",
               "jinja2", "lxml", "markupsafe", "pypdf", "matplotlib"},
    "certificates": {"generator.errors", "generator.resources", "generator.vn", "generator.data",
                     "generator.render", "generator.documents", "generator.store", "docx",
                     "docxtpl", "jinja2", "lxml", "openpyxl"},
    "check": {"generator.errors", "generator.vn", "generator.render.layout",
              "generator.render.pdf", "docx", "lxml", "pypdf"},
    "store": {"generator.errors", "generator.render.output", "generator.vn", "openpyxl",
              "generator.data", "psycopg"},
    "web": {"generator.build", "generator.cycle", "generator.cycle_build", "generator.unit_drafts",
            "generator.report", "generator.resources",
            "generator.errors", "generator.data", "generator.documents", "generator.render",
            "generator.store", "generator.vn", "flask", "werkzeug"},
}
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> list[tuple[str, int]]:
    """Every module *name* imports, at any depth of its code, as (absolute name, line)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:     # "from . import x" imports the submodule x
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in MODULES else base, node.lineno))
    return found


def internal_graph() -> dict[str, set[str]]:
    return {name: {target for target, _ in imports_of(name) if target in MODULES and target != name}
            for name in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for succ in graph[node]:
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back_even_lazily():
    assert cycles(internal_graph()) == []


def test_every_subpackage_exists_and_says_what_it_may_import():
    for package in SUBPACKAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()))
        assert doc and "import" in doc, package


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_subpackages_import_only_what_they_may(package):
    allowed = ALLOWED[package] | {f"generator.{package}"}
    wrong = []
    for name in (n for n in MODULES if n == f"generator.{package}"
                 or n.startswith(f"generator.{package}.")):
        for target, line in imports_of(name):
            top = target.split(".")[0]
            if top in STDLIB or any(target == a or target.startswith(a + ".") for a in allowed):
                continue
            wrong.append(f"{MODULES[name].relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_only_the_cli_uses_click_or_prints():
    offenders = []
    for name, path in MODULES.items():
        if name == "generator.cli" or name.startswith("generator.cli."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{name}:{t} imports click" for t, _ in imports_of(name)
                      if t.split(".")[0] == "click"]
        offenders += [f"{name}:{node.lineno} prints" for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                      and node.func.id in ("print", "input")]
    assert offenders == []


# Each module imported in a fresh forked child of a process that has loaded the third-party
# libraries but nothing of thidua: a hidden order dependency (a module that works only because
# another imported it first) fails here.
ALONE = """
import importlib, os, sys
import click, docx, docxtpl, jinja2, jsonschema, lxml.etree, openpyxl
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException as err:
            print(name, type(err).__name__, err, flush=True)
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
print("FAILED", *failed)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_every_module_imports_alone():
    result = subprocess.run([sys.executable, "-c", ALONE,
                             *(m for m in MODULES if m != "generator.__main__")], capture_output=True,
                            text=True, timeout=300, cwd=ROOT.parent, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "FAILED", result.stdout
