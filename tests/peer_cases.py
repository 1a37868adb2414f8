"""Other projects' test cases (../shared/peers, see its SOURCES.md) run against wiktlex.

Two peers: ebook-reader-dict renders English Wiktionary templates to text (521 template
calls, 5 pronunciation lines, 16 whole pages), wiktextract extracts JSON (221 cases of its
English extractor). Each case becomes one or more comparisons with a stable id; a
comparison agrees when our output, normalised as SOURCES.md says (tags stripped; quotes,
dashes, whitespace and case folded), equals the peer's. Cases are read from ../shared,
never copied here; `python tests/peer_cases.py` prints the figure and what differs.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from wiktlex.model import Entry, RawPage
from wiktlex.parse import parse_page
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.page import new_state
from wiktlex.parse.render import fold, render_text

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO.parent / "shared" / "peers"
DIFFERENCES = Path(__file__).resolve().parent / "parse" / "peer_differences.json"


@dataclass(frozen=True)
class Comparison:
    """One thing a peer expects and what we produce, both normalised."""

    id: str
    source: str
    wikitext: str
    expected: Any
    observed: Any

    @property
    def agrees(self) -> bool:
        return bool(self.expected == self.observed)


_TAG = re.compile(r"<[^<>]+>")
_FOLDS = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "′": "'",
    "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u2009": " ",
})
_SPACES = re.compile(r"\s+")
_SPACE_IN_PUNCT = re.compile(r"\s+(?=[,.;:)\]])|(?<=[(\[])\s+")


def normalise(text: str) -> str:
    """Peer text and ours made comparable: no HTML tags, quotes/dashes/space/case folded."""
    text = html.unescape(_TAG.sub("", text)).translate(_FOLDS)
    text = _SPACE_IN_PUNCT.sub("", _SPACES.sub(" ", text))
    return text.strip().lower()


def load(name: str) -> list[dict[str, Any]]:
    path = PEERS / name
    if not path.exists():
        return []
    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return cases


def available() -> bool:
    return (PEERS / "ebook-reader-dict-cases.json").exists() or (
        PEERS / "wiktextract-en-cases.json"
    ).exists()


# ---------------------------------------------------------------- ebook-reader-dict


def render_template(wikitext: str, title: str) -> str:
    """A template call as a definition line shows it (annotations kept, examples shown)."""
    state = new_state(title)
    collected = Collected()
    ctx = Context(page=state, lang_code="en", lang="English", section="English/Noun",
                  where="text", collected=collected)
    return fold(render_text(wikitext, ctx))


def _parse(title: str, text: str) -> list[Entry]:
    return list(parse_page(RawPage(title=title, text=text)).entries)


def erd_template(case: dict[str, Any]) -> Iterator[Comparison]:
    text = render_template(case["input"], case.get("title", "foo"))
    yield Comparison(f"erd:{case['input']}", "ebook-reader-dict", case["input"],
                     normalise(case["expected"]), normalise(text))


def erd_pronunciation(case: dict[str, Any]) -> Iterator[Comparison]:
    page = f"==English==\n===Pronunciation===\n* {case['input']}\n===Noun===\n# x\n"
    ipas = _unique(s.ipa for e in _parse("foo", page) for s in e.sounds if s.ipa)
    yield Comparison(f"erd-pron:{case['input']}", "ebook-reader-dict", case["input"],
                     case["expected"], ipas)


def _unique(values: Iterator[str | None] | list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _flat(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


def _glosses(senses: list[Any]) -> Iterator[str]:
    for sense in senses:
        yield sense.raw_gloss or sense.gloss
        yield from _glosses(sense.subsenses)


def erd_page(case: dict[str, Any]) -> Iterator[Comparison]:
    """A page: each definition and etymology paragraph the peer keeps must be among ours
    (English and Translingual entries, as the peer reads them); pronunciations as a set."""
    title = case["input"]["title"]
    expected = case["expected"]
    entries = [e for e in _parse(title, case["wikitext"]) if e.lang_code in ("en", "mul")]
    ours_defs: dict[str, set[str]] = {}
    for entry in entries:
        bucket = ours_defs.setdefault(entry.pos_title.lower(), set())
        bucket.update(normalise(g) for g in _glosses(entry.senses))
    source = "ebook-reader-dict"
    for pos, definitions in expected["definitions"].items():
        for index, definition in enumerate(_flat(definitions), 1):
            want = normalise(definition)
            have = want if want in ours_defs.get(pos.lower(), set()) else _closest(
                want, ours_defs.get(pos.lower(), set()))
            yield Comparison(f"erd-page:{title}:{pos}:{index}", source, definition, want, have)
    etymologies = [normalise(e.etymology_text) for e in entries if e.etymology_text]
    for index, paragraph in enumerate(expected["etymology"], 1):
        want = normalise(paragraph)
        have = want if any(want in e for e in etymologies) else _closest(want, set(etymologies))
        yield Comparison(f"erd-page:{title}:etymology:{index}", source, paragraph, want, have)
    ipas = sorted({s.ipa for e in entries if e.lang_code == "en" for s in e.sounds
                   if s.ipa and s.ipa.startswith("/")})
    yield Comparison(f"erd-page:{title}:pronunciations", source, title,
                     sorted(expected["pronunciations"]), ipas)
    if expected["variants"]:
        variants = sorted({f.word for e in entries for s in e.senses for f in s.form_of})
        yield Comparison(f"erd-page:{title}:variants", source, title,
                         sorted(expected["variants"]), variants)


def _closest(want: str, candidates: set[str]) -> str:
    """The candidate sharing the longest prefix with `want` (what a reader would compare)."""
    best, score = "", -1
    for candidate in sorted(candidates):
        common = len(_common_prefix(want, candidate))
        if common > score:
            best, score = candidate, common
    return best


def _common_prefix(a: str, b: str) -> str:
    index = 0
    while index < min(len(a), len(b)) and a[index] == b[index]:
        index += 1
    return a[:index]


# ---------------------------------------------------------------- wiktextract

# wiktextract's JSON keys whose values have a counterpart in ours (the rest — tags in its
# own vocabulary, topics, offsets, raw_tags, `english` beside `translation` — do not).
_VALUE_KEYS = frozenset({
    "word", "ipa", "enpr", "audio", "rhymes", "homophone", "form", "glosses", "text",
    "roman", "translation", "lang", "categories", "parts",
})


def _expected_values(value: Any, key: str = "") -> Iterator[str]:
    """The leaf strings of a wiktextract expectation that name something we extract."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in _VALUE_KEYS or isinstance(v, dict | list):
                yield from _expected_values(v, k)
    elif isinstance(value, list):
        items = value[-1:] if key == "glosses" else value  # glosses: the last is the sense's own
        for item in items:
            yield from _expected_values(item, key)
    elif isinstance(value, str) and (key in _VALUE_KEYS or key == ""):
        yield value


def _observed_values(entries: list[Entry]) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(normalise(value))
            found.update(normalise(v) for v in re.split(r", |‧", value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for entry in entries:
        walk(msgspec.to_builtins(entry))
    return found


def _linkage_page(case: dict[str, Any]) -> str:
    kw = case["input"].get("kw") or {}
    lang = kw.get("lang", "English")
    sense = f"{{{{sense|{kw['sense']}}}}} " if kw.get("sense") else ""
    return (f"=={lang}==\n===Noun===\n{{{{head|en|noun}}}}\n# sense1\n\n"
            f"====Related terms====\n* {sense}{case['input']['text']}\n")


def _translation_page(case: dict[str, Any]) -> str:
    return ("==English==\n===Noun===\n{{en-noun}}\n# sense1\n\n====Translations====\n"
            f"{{{{trans-top|sense1}}}}\n* {case['input']['text']}\n{{{{trans-bottom}}}}\n")


def wx_linkage(case: dict[str, Any]) -> Iterator[Comparison]:
    """A plain relation line: the words, with their sense and romanisation when expected."""
    entries = _parse(case["title"], _linkage_page(case))
    ours = [r for e in entries for r in e.relations.get("related", [])]
    wanted = case["expected"].get("related", [])
    keys = {k for item in wanted for k in item if k in ("word", "roman", "sense")} or {"word"}

    def shape(items: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: normalise(str(item.get(k) or "")) for k in sorted(keys)} for item in items]

    yield Comparison(f"wx:{case['test']}", "wiktextract", case["input"]["text"],
                     shape(wanted), shape([msgspec.to_builtins(r) for r in ours]))


def wx_translation(case: dict[str, Any]) -> Iterator[Comparison]:
    """A plain translation line: word, language code and romanisation of each."""
    entries = _parse(case["title"], _translation_page(case))
    ours = [msgspec.to_builtins(t) for e in entries for t in e.translations]
    wanted = case["expected"].get("translations", [])

    def shape(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
        return [(normalise(i.get("word") or ""), i.get("lang_code") or i.get("code") or "",
                 normalise(i.get("roman") or "")) for i in items]

    yield Comparison(f"wx:{case['test']}", "wiktextract", case["input"]["text"],
                     shape(wanted), shape(ours))


_POS = ("noun", "verb", "adjective")  # a sounds section's lines may name any of them


def wx_page(case: dict[str, Any]) -> Iterator[Comparison]:
    """A page or section: every value the peer names must be among ours (normalised)."""
    text = case["input"]["text"]
    if not re.match(r"==[^=]", text.lstrip()):  # a section without its language heading
        heads = "".join(f"\n==={p.title()}===\n{{{{head|en|{p}}}}}\n# x\n" for p in _POS)
        text = "==English==\n" + text + heads
    entries = _parse(case["title"], text)
    wanted = sorted({normalise(v) for v in _expected_values(case["expected"])} - {""})
    observed = _observed_values(entries)
    yield Comparison(f"wx:{case['test']}", "wiktextract", text, wanted,
                     [v for v in wanted if v in observed])


RUNNERS: dict[tuple[str, str], Callable[[dict[str, Any]], Iterator[Comparison]]] = {
    ("erd", "template"): erd_template,
    ("erd", "pronunciation"): erd_pronunciation,
    ("erd", "page"): erd_page,
    ("wx", "linkage_item"): wx_linkage,
    ("wx", "translation_item"): wx_translation,
    ("wx", "section"): wx_page,
    ("wx", "page"): wx_page,
}


def comparisons() -> Iterator[Comparison]:
    for case in load("ebook-reader-dict-cases.json"):
        yield from RUNNERS[("erd", case["kind"])](case)
    for case in load("wiktextract-en-cases.json"):
        yield from RUNNERS[("wx", case["mode"])](case)


def load_differences() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DIFFERENCES.read_text(encoding="utf-8"))
    return data


def known_differences() -> dict[str, dict[str, str]]:
    """Case id -> {id, reason, why}: each case we knowingly render otherwise than the peer."""
    return {item["id"]: item for item in load_differences()["differences"]}


def report(out: Any = sys.stdout) -> None:
    """The figure, the differences by reason, and the unexplained ones."""
    known = known_differences()
    results = list(comparisons())
    agreeing = sum(c.agrees for c in results)
    print(f"{agreeing} of {len(results)} comparable cases agree "
          f"({100 * agreeing / max(1, len(results)):.1f}%)", file=out)
    owned = [c for c in results if known.get(c.id, {}).get("reason", "").startswith("owned by")]
    rest = len(results) - len(owned)
    print(f"{agreeing} of {rest} agree among the cases no other branch owns "
          f"({100 * agreeing / max(1, rest):.1f}%)", file=out)
    reasons: dict[str, int] = {}
    for c in results:
        if not c.agrees:
            reason = known[c.id]["reason"] if c.id in known else "UNEXPLAINED"
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"{count:6d}  {reason}", file=out)
    for c in results:
        if not c.agrees and c.id not in known:
            print(json.dumps({"id": c.id, "expected": c.expected, "observed": c.observed},
                             ensure_ascii=False), file=out)
    stale = [c.id for c in results if c.agrees and c.id in known]
    for case_id in stale:
        print(f"now agrees, listed as a difference: {case_id}", file=out)


if __name__ == "__main__":
    report()
