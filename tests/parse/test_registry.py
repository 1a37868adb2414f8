"""The template registry: loud duplicates, aliases, case folding, prefix/suffix rules."""

from __future__ import annotations

from types import ModuleType

import pytest

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.page import new_state
from wiktlex.parse.registry import DuplicateTemplateError, Registry, canonical_name
from wiktlex.parse.templates import default_registry


def _handler(call: Call, ctx: Context) -> str:
    return ""


def test_duplicate_name_fails_loudly() -> None:
    registry = Registry()
    registry.register(("foo",), "test", _handler)
    with pytest.raises(DuplicateTemplateError):
        registry.register(("bar", "Foo"), "test", _handler)


def test_duplicate_prefix_and_suffix_fail_loudly() -> None:
    registry = Registry()
    registry.register_prefix("RQ:", "test", _handler)
    registry.register_suffix(" of", "test", _handler)
    with pytest.raises(DuplicateTemplateError):
        registry.register_prefix("rq:", "test", _handler)
    with pytest.raises(DuplicateTemplateError):
        registry.register_suffix(" of", "test", _handler)


def test_aliases_share_the_canonical_handler() -> None:
    assert default_registry().lookup("ll") is default_registry().lookup("l")
    assert default_registry().lookup("cx") is default_registry().lookup("context")
    assert default_registry().lookup("alt form") is default_registry().lookup("alternative form of")
    info = default_registry().lookup("clq")
    assert info is not None and info.label == "etymology:calque"


def test_names_fold_case_underscores_and_namespace() -> None:
    assert canonical_name("Template:Alternative_form of ") == "alternative form of"
    assert "Term" in default_registry() and "LB" in default_registry()


def test_exact_names_win_over_the_suffix_rule() -> None:
    exact = default_registry().lookup("plural of")
    rule = default_registry().lookup("hypercorrect form of")
    assert exact is not None and rule is not None
    assert exact.family == rule.family == "formof"
    assert rule.name.endswith("of") and exact.name == "plural of"


def test_prefix_rule() -> None:
    info = default_registry().lookup("defaultsort:house")
    assert info is not None and info.family == "maintenance"


def test_unknown_name_has_no_handler() -> None:
    assert default_registry().lookup("surely-not-a-template") is None


def test_suffix_rule_keeps_its_leading_space() -> None:
    registry = Registry()
    registry.register_suffix(" of", "test", _handler)
    assert registry.lookup("frob of") is not None
    assert registry.lookup("thereof") is None


def test_case_sensitive_names_are_checked_first() -> None:
    registry = Registry()
    registry.register(("q",), "labels", _handler)
    registry.register_exact("Q", "quotations", _handler)
    assert registry.lookup("q", "Q").family == "quotations"  # type: ignore[union-attr]
    assert registry.lookup("q", "q").family == "labels"  # type: ignore[union-attr]
    with pytest.raises(DuplicateTemplateError):
        registry.register_exact("Q", "again", _handler)


def test_flat_fast_path_and_full_parse_agree() -> None:
    """The regex path for flat templates renders exactly what the tree path renders."""
    from wiktlex.parse.context import Context
    from wiktlex.parse.render import _render_flat, render_nodes
    from wiktlex.parse.tree import parse as parse_tree

    samples = [
        "{{t+|fr|maison|f}}, {{t|fr|logis|m|tr=x}}",
        "From {{inh|en|enm|hous}}, from {{inh|en|ang|hūs||dwelling}}.",
        "{{lb|en|transitive}} To ''keep'' within {{q|rare}}",
        "{{l|en| spaced }} and {{m|en|a=b|2=c}}",
    ]
    for text in samples:
        flat_ctx = Context(page=new_state("x"))
        tree_ctx = Context(page=new_state("x"))
        flat = _render_flat(text, flat_ctx)
        assert flat is not None, text
        assert flat == render_nodes(parse_tree(text, skip_style_tags=True), tree_ctx)
        assert flat_ctx.collected == tree_ctx.collected
    for declined in ["* {{l|en|x}}", "{{l|en|[[x]]}}", "a <br> {{q|x}}", "{{#if:a|b}}", "{{RQ:Foo|x}}"]:
        assert _render_flat(declined, Context(page=new_state("x"))) is None


def _family(name: str, source: str) -> ModuleType:
    """A real module made from source, as a family module would be."""
    module = ModuleType(name)
    exec(compile(source, name, "exec"), module.__dict__)
    return module


_FAMILY_SOURCE = '''
from wiktlex.parse.registry import template, template_prefix

@template("foo", "foo-alias", family="{family}")
def foo(call, ctx):
    return "{family}"

@template_prefix("bar:", family="{family}")
def bar(call, ctx):
    return ""
'''


def test_a_registry_is_built_from_family_modules_in_order() -> None:
    first = _family("fam_a", _FAMILY_SOURCE.format(family="a"))
    registry = Registry.from_modules([first])
    info = registry.lookup("foo-alias")
    assert info is not None and info.label == "a:foo"
    assert registry.lookup("bar:x") is not None
    assert registry.lookup("l") is None  # only what the given families hold


def test_a_name_two_families_claim_fails_loudly_naming_both() -> None:
    first = _family("fam_a", _FAMILY_SOURCE.format(family="a"))
    second = _family("fam_b", _FAMILY_SOURCE.format(family="b"))
    with pytest.raises(DuplicateTemplateError, match=r"'foo' registered twice: a:foo and b:foo"):
        Registry.from_modules([first, second])


def test_a_data_table_name_taken_twice_fails_loudly() -> None:
    """Names a family adds from its JSON (register_templates) meet the same check."""
    from wiktlex.parse.templates import FAMILIES, maintenance

    with pytest.raises(DuplicateTemplateError):
        Registry.from_modules([*FAMILIES, maintenance])


def test_importing_a_family_registers_nothing() -> None:
    """The decorators only mark functions: two registries never share state."""
    from wiktlex.parse.templates import FAMILIES, links

    alone = Registry.from_modules([links])
    assert alone.lookup("l") is not None and alone.lookup("lb") is None
    assert Registry.from_modules(FAMILIES).names() == default_registry().names()
    assert Registry().names() == []


def test_a_page_renders_with_the_registry_it_is_given() -> None:
    first = _family("fam_a", _FAMILY_SOURCE.format(family="a"))
    state = new_state("x", registry=Registry.from_modules([first]))
    ctx = Context(page=state)
    assert ctx.render("{{foo}} {{l|en|word}}") == "a "
    assert [d.template for d in state.diagnostics if d.message == "unknown template"] == ["l"]
