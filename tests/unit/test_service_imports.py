"""app/services imports each other only at module level, and without a cycle.

A function-level import between services is how a cycle hides (agencies ↔ tasks did); this
reads the source, so it sees those imports too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "app" / "services"


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_of(p): p for p in sorted(SERVICES.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    """The app.services modules an import statement loads (``from pkg import module`` too)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in known]
    if node.level or not node.module:
        return []
    out = [node.module] if node.module in known else []
    out += [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known]
    return out


def _imports(known: dict[str, Path]) -> tuple[dict[str, set[str]], list[str]]:
    graph: dict[str, set[str]] = {m: set() for m in known}
    lazy: list[str] = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inner: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                inner.update(id(n) for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(node, set(known)):
                    if target == module:
                        continue
                    if id(node) in inner:
                        lazy.append(f"{module}:{node.lineno} → {target}")
                    graph[module].add(target)
    return graph, lazy


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, if any (depth-first search with colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str]:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if n.startswith(m + "."):
                continue  # a package importing its own submodule is not a cycle
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_the_scan_sees_the_services_and_their_imports() -> None:
    graph, _ = _imports(_modules())
    assert "app.services.task_writer" in graph["app.services.tasks"]
    assert "app.services.group_members" in graph["app.services.agencies"]
    assert "app.services.importing.commit" in graph["app.services.importing.service"]


def test_no_function_level_imports_between_services() -> None:
    _, lazy = _imports(_modules())
    assert lazy == []


def test_no_import_cycle_inside_services() -> None:
    graph, _ = _imports(_modules())
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
