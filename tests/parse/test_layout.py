"""The parser's internal layering (issue #16): families stand alone, context renders nothing.

Read from the source with ast, so a new family module is checked as soon as it exists.
"""

from __future__ import annotations

import ast
from pathlib import Path

import wiktlex.parse
from wiktlex.parse.templates import FAMILIES

PARSE = Path(wiktlex.parse.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (type-only ones included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_family_imports_another() -> None:
    offenders = {}
    for path in sorted((PARSE / "templates").glob("*.py")):
        if path.name == "__init__.py":
            continue
        family = f"wiktlex.parse.templates.{path.stem}"
        others = {m for m in _imports(path) if m.startswith("wiktlex.parse.templates") and m != family}
        if others:
            offenders[path.name] = sorted(others)
    assert offenders == {}, "shared helpers belong in parse/ (genders.py, terms.py…), not a family"


def test_every_family_module_is_in_the_registry_list() -> None:
    listed = {module.__name__.rpartition(".")[2] for module in FAMILIES}
    present = {p.stem for p in (PARSE / "templates").glob("*.py") if p.name != "__init__.py"}
    assert present == listed


def test_context_imports_neither_render_nor_the_registry() -> None:
    imported = _imports(PARSE / "context.py")
    assert not {m for m in imported if m.startswith(("wiktlex.parse.render", "wiktlex.parse.registry"))}


def test_every_node_type_of_the_tree_has_a_renderer() -> None:
    """A node class mwparserfromhell adds (or renames) must be given a renderer, not be
    rendered as nothing unnoticed."""
    import inspect

    import mwparserfromhell.nodes as nodes

    from wiktlex.parse.render import NODE_RENDERERS

    classes = {c for _, c in inspect.getmembers(nodes, inspect.isclass)
               if issubclass(c, nodes.Node) and c is not nodes.Node}
    assert classes == set(NODE_RENDERERS)


def _is_call_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "name" and isinstance(node.value, ast.Name) \
        and node.value.id == "call"


def test_no_handler_branches_on_its_own_name() -> None:
    """`call.name == …`, `… in call.name`, `call.name.endswith(…)`: one handler per meaning
    (or a factory over a data table) instead."""
    found = []
    for path in sorted((PARSE / "templates").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            tested = isinstance(node, ast.Compare) and any(
                _is_call_name(n) for n in [node.left, *node.comparators])
            method = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("startswith", "endswith") and _is_call_name(node.func.value)
            if tested or method:
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
