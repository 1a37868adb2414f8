"""kaikki.org / wiktextract-compatible JSONL, so tools built on kaikki data can read ours.

The field names and shapes follow wiktextract's English extractor (see
docs/kaikki-mapping.md for every field and what has no counterpart). The notable
reshaping: wiktextract has no sense tree, a sub-sense is a sense whose `glosses` list
its ancestors' glosses first; examples and quotations share one `examples` list told
apart by `type`; relations are top-level keys; empty fields are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from wiktlex.export.lines import LineFileExporter
from wiktlex.model import Entry, ExportPage, Relation, Sense, Sound, TemplateCall, Translation

_ENCODER = msgspec.json.Encoder()


def _prune(d: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values, as wiktextract does (it never writes null, "" or [])."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _linkage(r: Relation) -> dict[str, Any]:
    return _prune(
        {"word": r.word, "sense": r.sense, "tags": r.tags, "qualifier": ", ".join(r.qualifiers)}
    )


def _template(t: TemplateCall) -> dict[str, Any]:
    return {"name": t.name, "args": t.args, "expansion": t.text}


def _sound(s: Sound) -> dict[str, Any]:
    return _prune(
        {"ipa": s.ipa, "enpr": s.enpr, "audio": s.audio, "rhymes": s.rhymes,
         "homophone": s.homophone, "tags": s.tags}
    )


def _translation(t: Translation) -> dict[str, Any]:
    # `code` is wiktextract's deprecated spelling of `lang_code`; older readers still use it.
    return _prune(
        {"lang": t.lang, "lang_code": t.lang_code, "code": t.lang_code, "word": t.word,
         "sense": t.sense, "tags": t.tags, "roman": t.roman}
    )


def _examples(s: Sense) -> list[dict[str, Any]]:
    out = [
        _prune({"text": x.text, "type": "example", "translation": x.translation,
                "english": x.translation, "roman": x.roman})
        for x in s.examples
    ]
    out.extend(
        _prune({"text": q.text, "ref": q.ref, "type": "quotation", "translation": q.translation,
                "english": q.translation})
        for q in s.quotations
        if q.text or q.ref
    )
    return out


def _senses(senses: list[Sense], glosses: list[str], raws: list[str]) -> Iterator[dict[str, Any]]:
    """Depth-first: each sense, then its sub-senses carrying the glosses above them."""
    for s in senses:
        g = [*glosses, s.gloss] if s.gloss else glosses
        r = [*raws, s.raw_gloss or s.gloss] if s.gloss else raws
        tags = list(s.tags)
        if s.form_of and "form-of" not in tags:
            tags.append("form-of")
        yield _prune({
            "glosses": g,
            "raw_glosses": r if r != g else [],
            "tags": tags,
            "raw_tags": [lb for lb in s.labels if lb not in s.tags],
            "qualifier": ", ".join(s.qualifiers),
            "form_of": [_prune({"word": f.word, "extra": f.kind}) for f in s.form_of],
            "examples": _examples(s),
            "synonyms": [_linkage(x) for x in s.synonyms],
            "antonyms": [_linkage(x) for x in s.antonyms],
            "senseid": [s.senseid] if s.senseid else [],
            "categories": s.categories,
        })
        yield from _senses(s.subsenses, g, r)


def to_kaikki(entry: Entry) -> dict[str, Any]:
    """One wiktlex entry as one wiktextract-style word record."""
    forms = [_prune({"form": f.form, "tags": f.tags}) for f in entry.forms]
    forms += [
        _prune({"form": a.word, "tags": ["alternative", *a.tags]}) for a in entry.alternative_forms
    ]
    record: dict[str, Any] = {
        "word": entry.word,
        "pos": entry.pos,
        "lang": entry.lang,
        "lang_code": entry.lang_code,
        "etymology_number": entry.etymology_number,
        "etymology_text": entry.etymology_text,
        "etymology_templates": [_template(t) for t in entry.etymology_templates],
        "head_templates": [_template(t) for t in entry.head_templates],
        "forms": forms,
        "sounds": [_sound(s) for s in entry.sounds],
        "hyphenation": entry.hyphenation,
        "hyphenations": [{"parts": entry.hyphenation}] if entry.hyphenation else [],
        "senses": list(_senses(entry.senses, [], [])) or [{"tags": ["no-gloss"]}],
        "translations": [_translation(t) for t in entry.translations],
        "categories": entry.categories,
    }
    for kind, rels in entry.relations.items():
        record[kind] = [_linkage(r) for r in rels]
    return _prune(record)


class KaikkiExporter(LineFileExporter):
    """Writes wiktextract-style JSONL (`.gz` compresses), one word record a line."""

    name = "kaikki"
    suffixes = (".jsonl", ".jsonl.gz")

    def lines(self, page: ExportPage) -> Iterable[bytes]:
        for entry in page.entries:
            yield _ENCODER.encode(to_kaikki(entry))
