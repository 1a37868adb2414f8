"""The template registry: loud duplicates, aliases, case folding, prefix/suffix rules."""

from __future__ import annotations

import pytest

from wiktlex.parse import templates as _templates  # noqa: F401
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import REGISTRY, DuplicateTemplateError, Registry, canonical_name


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
    assert REGISTRY.lookup("ll") is REGISTRY.lookup("l")
    assert REGISTRY.lookup("cx") is REGISTRY.lookup("context")
    assert REGISTRY.lookup("alt form") is REGISTRY.lookup("alternative form of")
    info = REGISTRY.lookup("clq")
    assert info is not None and info.label == "etymology:calque"


def test_names_fold_case_underscores_and_namespace() -> None:
    assert canonical_name("Template:Alternative_form of ") == "alternative form of"
    assert "Term" in REGISTRY and "LB" in REGISTRY


def test_exact_names_win_over_the_suffix_rule() -> None:
    exact = REGISTRY.lookup("plural of")
    rule = REGISTRY.lookup("hypercorrect form of")
    assert exact is not None and rule is not None
    assert exact.family == rule.family == "formof"
    assert rule.name.endswith("of") and exact.name == "plural of"


def test_prefix_rule() -> None:
    info = REGISTRY.lookup("defaultsort:house")
    assert info is not None and info.family == "maintenance"


def test_unknown_name_has_no_handler() -> None:
    assert REGISTRY.lookup("surely-not-a-template") is None


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
    from wiktlex.parse.context import Context, PageState
    from wiktlex.parse.render import _render_flat, render_nodes
    from wiktlex.parse.tree import parse as parse_tree

    samples = [
        "{{t+|fr|maison|f}}, {{t|fr|logis|m|tr=x}}",
        "From {{inh|en|enm|hous}}, from {{inh|en|ang|hūs||dwelling}}.",
        "{{lb|en|transitive}} To ''keep'' within {{q|rare}}",
        "{{l|en| spaced }} and {{m|en|a=b|2=c}}",
    ]
    for text in samples:
        flat_ctx = Context(page=PageState(title="x"))
        tree_ctx = Context(page=PageState(title="x"))
        flat = _render_flat(text, flat_ctx)
        assert flat is not None, text
        assert flat == render_nodes(parse_tree(text, skip_style_tags=True), tree_ctx)
        assert flat_ctx.collected == tree_ctx.collected
    for declined in ["* {{l|en|x}}", "{{l|en|[[x]]}}", "a <br> {{q|x}}", "{{#if:a|b}}", "{{RQ:Foo|x}}"]:
        assert _render_flat(declined, Context(page=PageState(title="x"))) is None
