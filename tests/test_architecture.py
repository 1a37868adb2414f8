"""The house rules of DESIGN.md that code can break unseen, checked on the source (ast).

Small functions and modules, no import cycle, the stage boundaries (parse imports no
other stage, ingest and export never each other), no reaching into another package's
private names, no handler branching on its template's name, and a package root that
holds only the shared modules beside the packages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wiktlex"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 600
ROOT_MODULES = {"__init__.py", "__main__.py", "model.py", "testing.py"}
#: What parse/ must never import: every stage downstream of it and the wiring.
NOT_UNDER_PARSE = ("ingest", "export", "lexicon", "pipeline", "cli", "compare", "fixtures")


@dataclass
class Module:
    name: str  # wiktlex.parse.page
    path: Path
    tree: ast.Module
    lines: int
    top_imports: set[str] = field(default_factory=set)  # module-level, at run time
    all_imports: set[str] = field(default_factory=set)  # anywhere, TYPE_CHECKING included

    @property
    def stage(self) -> str:
        """`parse` for wiktlex.parse.templates.links; the module itself at the root."""
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def top_level_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run at import: the module body, into if/try/with blocks, but not into
    functions, classes' methods or `if TYPE_CHECKING:`."""
    for node in body:
        if isinstance(node, ast.If):
            if not is_type_checking(node):
                yield from top_level_statements(node.body)
            yield from top_level_statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from top_level_statements(block)
        elif isinstance(node, ast.With):
            yield from top_level_statements(node.body)
        else:
            yield node


def imported(node: ast.stmt, importer: str, names: set[str]) -> set[str]:
    """The wiktlex modules an import statement loads (a `from X import m` of a submodule
    `X.m` counts as `X.m`)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name.split(".")[0] == "wiktlex"}
    if not isinstance(node, ast.ImportFrom):
        return set()
    base = node.module or ""
    if node.level:
        anchor = importer.split(".")[: -node.level] if importer in names else importer.split(".")
        base = ".".join([*anchor, *([base] if base else [])])
    if base.split(".")[0] != "wiktlex":
        return set()
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in names else base for a in node.names}


@cache
def modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found[module_name(path)] = Module(module_name(path), path, ast.parse(text), len(text.splitlines()))
    names = set(found)
    for module in found.values():
        for node in top_level_statements(module.tree.body):
            module.top_imports |= imported(node, module.name, names)
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module.all_imports |= imported(node, module.name, names)
    return found


def where(module: Module, node: ast.AST) -> str:
    return f"{module.path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"


def test_the_package_root_holds_only_the_shared_modules() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ROOT_MODULES)
    assert loose == [], "a module at the root belongs in a package (DESIGN.md, Layout)"


def test_functions_are_at_most_60_lines() -> None:
    long = [
        f"{where(m, node)} {node.name}: {node.end_lineno - node.lineno + 1} lines"
        for m in modules().values()
        for node in ast.walk(m.tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], "split these functions"


def test_modules_are_at_most_600_lines() -> None:
    big = [f"{m.path.relative_to(PACKAGE.parent)}: {m.lines}" for m in modules().values()
           if m.lines > MAX_MODULE_LINES]
    assert big == [], "split these modules"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (a, b, …, a), or None; iterative DFS, deterministic order."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


def test_no_import_cycles() -> None:
    graph = {name: m.top_imports - {name} for name, m in modules().items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def stage_imports(stage: str) -> Iterator[tuple[Module, str]]:
    for m in modules().values():
        if m.stage == stage:
            for target in m.all_imports:
                yield m, target


def test_parse_imports_no_other_stage() -> None:
    bad = sorted(f"{m.name} imports {t}" for m, t in stage_imports("parse")
                 if t.split(".")[1:2] and t.split(".")[1] in NOT_UNDER_PARSE)
    assert bad == [], "parse is a pure function of the page: it imports only model and itself"


def test_ingest_and_export_never_import_each_other() -> None:
    bad = sorted(f"{m.name} imports {t}" for stage, other in (("ingest", "export"), ("export", "ingest"))
                 for m, t in stage_imports(stage) if t.split(".")[1:2] == [other])
    assert bad == [], "the pipeline wires ingest and export"


def private_uses(m: Module) -> Iterator[str]:
    """`from wiktlex.x import _name` and `alias._name` on a module of another stage."""
    names = set(modules())
    aliases: dict[str, str] = {}
    for node in ast.walk(m.tree):
        if isinstance(node, ast.ImportFrom) and imported(node, m.name, names):
            base = next(iter(imported(node, m.name, names)))
            for a in node.names:
                target = f"{node.module}.{a.name}"
                if target in names:
                    aliases[a.asname or a.name] = target
                elif a.name.startswith("_") and not a.name.startswith("__"):
                    yield f"{where(m, node)} imports {a.name} from {base}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname and a.name in names:
                    aliases[a.asname] = a.name
    for node in ast.walk(m.tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            yield f"{where(m, node)} uses {aliases[node.value.id]}.{node.attr}"


def test_no_module_uses_another_packages_private_names() -> None:
    bad = []
    for m in modules().values():
        for use in private_uses(m):
            owner = use.rsplit(" ", 1)[-1].removeprefix("wiktlex.").split(".")[0]
            if owner != m.stage:
                bad.append(use)
    assert bad == [], "make the name public, or move the code that needs it"


def test_no_template_handler_branches_on_its_own_name() -> None:
    """`if call.name == "…"`: a table or a handler of its own, never a chain (DESIGN.md)."""
    found = []
    for m in modules().values():
        if not m.name.startswith("wiktlex.parse.templates"):
            continue
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Attribute) and s.attr == "name" and isinstance(s.value, ast.Name)
                       and s.value.id == "call" for s in sides):
                    found.append(where(m, node))
    assert found == []
