"""Keep the packages untied: no import cycle in articles, annotations and reader, counting the
imports made inside functions (deferred ones), which import-linter's layers do not see.

The graph is built from the source with `ast`: an edge for every `import` and `from ... import`
of one of the three packages, at module level or in a function. Imports under
`if TYPE_CHECKING:` are left out: they never run, and a type named in both directions is not a
tie of behaviour. `from package import name` is an edge to `package.name` when that is a module,
else to `package`; importing a module is not counted as importing its parent package."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "annotations", "reader")


@dataclass(frozen=True)
class Edge:
    """`source` imports `target` (inside a function when `deferred`), at `line`."""

    source: str
    target: str
    deferred: bool
    line: int


def module_files() -> dict[str, Path]:
    """Every module of the three packages by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool
             ) -> Iterator[tuple[str, list[str], bool, int]]:
    """(imported module, names taken from it, deferred, line) for each import statement."""

    def visit(node: ast.AST, deferred: bool) -> Iterator[tuple[str, list[str], bool, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from visit(other, deferred)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, [], deferred, child.lineno
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = module if is_package else module.rpartition(".")[0]
                    for _ in range(child.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}" if base else package
                yield base, [a.name for a in child.names], deferred, child.lineno
            inner = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef
                                                   | ast.Lambda)
            yield from visit(child, inner)

    yield from visit(tree, False)


def import_graph() -> list[Edge]:
    """Every import edge between modules of the three packages."""
    files = module_files()
    edges: list[Edge] = []
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for target, names, deferred, line in _imports(tree, module,
                                                      path.name == "__init__.py"):
            if target.split(".")[0] not in PACKAGES:
                continue
            targets = [f"{target}.{n}" for n in names if f"{target}.{n}" in files]
            if len(targets) < len(names) or not names:
                targets.append(target)
            for t in targets:
                if t in files and t != module:
                    edges.append(Edge(module, t, deferred, line))
    return edges


def cycles(edges: list[Edge]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_graph_sees_deferred_imports() -> None:
    edges = import_graph()
    deferred = [e for e in edges if e.deferred]
    assert len(deferred) > 50, "the graph would miss the imports made inside functions"
    assert any(e.source == "reader.launch" and e.target == "reader.app" and e.deferred
               for e in edges)


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = [Edge("a", "b", False, 1), Edge("b", "c", True, 1), Edge("c", "a", True, 1),
             Edge("c", "d", False, 1)]
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_import_cycle_in_any_package_counting_deferred_imports() -> None:
    edges = import_graph()
    found = cycles(edges)
    lines = []
    for component in found:
        members = set(component)
        lines.append(" ↔ ".join(component) + ": " + "; ".join(
            f"{e.source}:{e.line} → {e.target}{' (deferred)' if e.deferred else ''}"
            for e in edges if e.source in members and e.target in members))
    assert not found, "import cycles:\n" + "\n".join(lines)
